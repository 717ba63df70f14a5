//! 自评问卷: choosing or starting an evaluation, and answering it point by point.

use crate::i18n::{Lang, K};
use crate::pages::need_school;
use crate::pages::school::confirm;
use crate::state::{today, use_app, Notice};
use crate::ui::{composing, content_text, period, tr, Content};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use xzzp_core::evaluation::{parse_number, progress, Answer, AnswerValue, Edit, SchoolYear, Term};
use xzzp_core::framework::{Direction, Framework, Point, PointKind};
use xzzp_core::scoring::{self, percent};
use xzzp_templates as catalog;

/// The questionnaire page.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let state = use_app();
    let school = Memo::new(move |_| state.current_school());
    // Only the identity of the open evaluation decides what is rendered, not every answer.
    let open = Memo::new(move |_| {
        state
            .current_evaluation()
            .filter(|e| school.with(|s| s.as_ref().is_some_and(|s| s.id == e.school_id)))
    });
    view! {
        <section class="page survey">
            <h1 tabindex="-1">{tr(K::SurveyTitle)}</h1>
            {move || match school.get() {
                None => need_school().into_any(),
                Some(s) => view! {
                    <p class="muted">{s.name.clone()}</p>
                    <EvaluationPicker/>
                    {move || open.get().map(|e| match catalog::framework(&e.framework_id) {
                        Some(fw) => view! { <Questionnaire fw/> }.into_any(),
                        None => view! { <p class="notice error">{state.t(K::SurveyUnknownFramework)}</p> }.into_any(),
                    })}
                }
                .into_any(),
            }}
        </section>
    }
}

/// The school's evaluations and the form that starts a new one.
#[component]
fn EvaluationPicker() -> impl IntoView {
    let state = use_app();
    let this_year = SchoolYear::containing(today());
    let fw_id = RwSignal::new(String::new());
    let year = RwSignal::new(this_year.0);
    let term = RwSignal::new(Term::Year);
    let frameworks = catalog::frameworks();
    let school_type = move || state.current_school().map(|s| s.school_type);
    // Frameworks that apply to this school type come first, and the first of them is preselected.
    let ordered = {
        let frameworks = frameworks.clone();
        move || {
            let t = school_type();
            let mut v: Vec<_> = frameworks.clone();
            v.sort_by_key(|f| !t.is_some_and(|t| f.school_types.contains(&t)));
            v
        }
    };
    let ordered2 = ordered.clone();
    Effect::new(move |_| {
        if let Some(first) = ordered2().first() {
            fw_id.set(first.id.clone());
        }
    });
    let evaluations = move || state.school_evaluations();
    let open_id = move || state.answers.with(|a| a.as_ref().map(|a| a.id.clone()));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = fw_id.get_untracked();
        if state
            .create_evaluation(&id, SchoolYear(year.get_untracked()), term.get_untracked())
            .is_none()
        {
            state.tell(Notice::error(
                "无法新建自评：请先选择学校和评价框架。",
                "Could not start: choose a school and a framework first.",
            ));
        }
    };
    view! {
        <div class="picker">
            <details class="card" open=move || evaluations().is_empty()>
                <summary>{tr(K::SurveyNew)}</summary>
                <form class="form-grid" on:submit=create>
                    <label for="new-framework">{tr(K::SurveyFramework)}</label>
                    <select id="new-framework" prop:value=move || fw_id.get() on:change=move |ev| fw_id.set(event_target_value(&ev))>
                        {move || {
                            let lang = state.lang.get();
                            let t = school_type();
                            ordered()
                                .into_iter()
                                .map(|f| {
                                    let fits = t.is_some_and(|t| f.school_types.contains(&t));
                                    let mut label = content_text(lang, &f.title, &f.title_en);
                                    if !fits {
                                        label.push_str(lang.pick("（不适用于本校类型）", " (not for this school type)"));
                                    }
                                    view! { <option value=f.id.clone()>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    <label for="new-year">{tr(K::SurveyYear)}</label>
                    <select id="new-year" prop:value=move || year.get().to_string() on:change=move |ev| {
                        if let Ok(y) = event_target_value(&ev).parse() { year.set(y); }
                    }>
                        {move || {
                            let lang = state.lang.get();
                            (this_year.0 - 3..=this_year.0)
                                .rev()
                                .map(|y| {
                                    let label = match lang { Lang::Zh => SchoolYear(y).zh(), Lang::En => SchoolYear(y).en() };
                                    view! { <option value=y.to_string()>{label}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                    <label for="new-term">{tr(K::SurveyTerm)}</label>
                    <select id="new-term" prop:value=move || term.get().code() on:change=move |ev| {
                        if let Some(t) = Term::from_code(&event_target_value(&ev)) { term.set(t); }
                    }>
                        {Term::ALL.into_iter().map(|t| view! {
                            <option value=t.code()>{move || state.lang.get().pick(t.zh(), t.en()).to_string()}</option>
                        }).collect_view()}
                    </select>
                    <div class="actions span-all">
                        <button type="submit" class="primary">{tr(K::SurveyCreate)}</button>
                    </div>
                </form>
            </details>
            <Show
                when=move || !evaluations().is_empty()
                fallback=move || view! { <p>{tr(K::SurveyNoEvaluation)}</p> }
            >
                // Folded while an evaluation is open, so the questionnaire starts high on the screen.
                <details class="card eval-switch" open=move || open_id().is_none()>
                <summary>{move || format!("{} ({})", state.t(K::SurveyList), evaluations().len())}</summary>
                <ul class="eval-list">
                    {move || {
                        let lang = state.lang.get();
                        let open = open_id();
                        evaluations()
                            .into_iter()
                            .map(|e| {
                                let is_open = open.as_deref() == Some(e.id.as_str());
                                let title = catalog::framework(&e.framework_id)
                                    .map(|f| content_text(lang, &f.title, &f.title_en))
                                    .unwrap_or_else(|| e.framework_id.clone());
                                let id = e.id.clone();
                                let id2 = e.id.clone();
                                view! {
                                    <li class:current=is_open>
                                        <span class="name">{title}</span>
                                        <span class="muted">{period(lang, e.school_year, e.term)}</span>
                                        <span class="row-actions">
                                            {(!is_open).then(|| view! {
                                                <button type="button" on:click=move |_| state.open_evaluation(&id)>{state.t(K::Open)}</button>
                                            })}
                                            <button type="button" class="danger" on:click=move |_| {
                                                if confirm(state.t(K::SurveyDeleteConfirm)) { state.delete_evaluation(&id2); }
                                            }>{state.t(K::SurveyDelete)}</button>
                                        </span>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                </details>
            </Show>
        </div>
    }
}

/// The questionnaire of the open evaluation.
#[component]
fn Questionnaire(fw: Arc<Framework>) -> impl IntoView {
    let state = use_app();
    let fw_for_position = fw.clone();
    // The point the user is on: the saved position, or the first point.
    let position = Memo::new(move |_| {
        state
            .answers
            .with(|a| a.as_ref().and_then(|a| a.value.position.clone()))
            .filter(|p| fw_for_position.point(p).is_some())
            .or_else(|| {
                fw_for_position
                    .points()
                    .next()
                    .map(|(_, _, p)| p.id.clone())
            })
    });
    let fw_for_indicator = fw.clone();
    let indicator_id = Memo::new(move |_| {
        let pos = position.get()?;
        fw_for_indicator
            .points()
            .find(|(_, _, p)| p.id == pos)
            .map(|(_, i, _)| i.id.clone())
    });
    let fw_for_progress = fw.clone();
    let progress_all = Memo::new(move |_| {
        state.answers.with(|a| {
            a.as_ref()
                .map(|a| progress(&fw_for_progress, &a.value))
                .unwrap_or_default()
        })
    });
    let fw_for_score = fw.clone();
    let card = Memo::new(move |_| {
        state.answers.with(|a| {
            let answers = a.as_ref().map(|a| a.value.clone()).unwrap_or_default();
            let c = scoring::score(&fw_for_score, &answers);
            (
                c.overall.ratio,
                c.areas.iter().map(|a| a.agg.ratio).collect::<Vec<_>>(),
            )
        })
    });

    let fw_next = fw.clone();
    let go_next = move || {
        let next = state.answers.with_untracked(|a| {
            a.as_ref()
                .and_then(|a| {
                    a.value
                        .next_unanswered(&fw_next, position.get_untracked().as_deref())
                })
                .map(|p| p.id.clone())
        });
        match next {
            Some(id) => {
                state.set_position(&id);
                focus_point(&id);
            }
            None => state.tell(Notice::info(
                K::SurveyAllDone.text(Lang::Zh),
                K::SurveyAllDone.text(Lang::En),
            )),
        }
    };
    let go_next2 = go_next.clone();
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if e.alt_key() && !e.ctrl_key() && (e.key() == "n" || e.key() == "N" || e.code() == "KeyN")
        {
            e.prevent_default();
            go_next2();
        }
    });
    on_cleanup(move || keys.remove());

    // After a reload, bring the saved position into view.
    if let Some(p) = state
        .answers
        .with_untracked(|a| a.as_ref().and_then(|a| a.value.position.clone()))
    {
        request_animation_frame(move || scroll_to_point(&p));
    }

    let header = state.current_evaluation();
    let fw_title = fw.clone();
    let fw_nav = fw.clone();
    let fw_main = fw.clone();
    let fw_pager = fw.clone();
    view! {
        <div class="questionnaire">
            <div class="q-head card">
                <h2>
                    <Content zh=fw_title.title.clone() en=fw_title.title_en.clone() lang=state.lang/>
                </h2>
                <p class="muted">
                    {move || header.as_ref().map(|h| period(state.lang.get(), h.school_year, h.term))}
                </p>
                <div class="progress-line">
                    <span id="progress-label">{tr(K::SurveyProgress)}</span>
                    <progress
                        aria-labelledby="progress-label"
                        max=move || progress_all.get().0.total
                        value=move || progress_all.get().0.done
                    ></progress>
                    <span class="progress-text" data-testid="progress-overall">
                        {move || {
                            let p = progress_all.get().0;
                            format!("{}/{} · {}%", p.done, p.total, p.percent())
                        }}
                    </span>
                    <span class="muted">
                        {move || card.get().0.map(|r| format!("{} {}", state.t(K::SurveyAchievement), percent(r)))}
                    </span>
                    <button type="button" class="primary" on:click=move |_| go_next() aria-keyshortcuts="Alt+N">
                        {tr(K::SurveyNextUnanswered)}
                    </button>
                </div>
                <p class="help">{tr(K::SurveyKeyboardHelp)}</p>
            </div>
            <div class="q-body">
                <nav class="q-nav" aria-label=tr(K::SurveyAreas)>
                    <ol>
                        {fw_nav
                            .areas
                            .iter()
                            .enumerate()
                            .map(|(ai, area)| {
                                let indicators = area
                                    .indicators
                                    .iter()
                                    .map(|ind| {
                                        let iid = ind.id.clone();
                                        let iid2 = ind.id.clone();
                                        let first = ind.points.first().map(|p| p.id.clone()).unwrap_or_default();
                                        let ids: Vec<String> = ind.points.iter().map(|p| p.id.clone()).collect();
                                        let total = ids.len();
                                        let done = move || {
                                            state.answers.with(|a| {
                                                a.as_ref().map_or(0, |a| {
                                                    ids.iter().filter(|id| a.value.get(id).is_some_and(Answer::is_done)).count()
                                                })
                                            })
                                        };
                                        let done2 = done.clone();
                                        view! {
                                            <li>
                                                <a
                                                    href="#/survey"
                                                    class:complete=move || done2() == total
                                                    aria-current=move || (indicator_id.get().as_deref() == Some(iid.as_str())).then_some("step")
                                                    on:click=move |ev| {
                                                        ev.prevent_default();
                                                        state.set_position(&first);
                                                        focus_point(&first);
                                                    }
                                                >
                                                    <span class="ind-id">{iid2.clone()}</span>
                                                    " "
                                                    <Content zh=ind.title.clone() en=ind.title_en.clone() lang=state.lang/>
                                                    <span class="count">{move || format!("{}/{}", done(), total)}</span>
                                                </a>
                                            </li>
                                        }
                                    })
                                    .collect_view();
                                view! {
                                    <li class="area">
                                        <span class="area-title">
                                            <Content zh=area.title.clone() en=area.title_en.clone() lang=state.lang/>
                                        </span>
                                        <span class="count" data-testid=format!("progress-area-{}", area.id)>
                                            {move || {
                                                let p = progress_all.get().1.get(ai).copied().unwrap_or_default();
                                                format!("{}/{}", p.done, p.total)
                                            }}
                                        </span>
                                        <span class="muted small">
                                            {move || card.get().1.get(ai).copied().flatten().map(percent)}
                                        </span>
                                        <ol>{indicators}</ol>
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ol>
                </nav>
                <div class="q-main">
                    {move || {
                        let iid = indicator_id.get()?;
                        let (area, ind) = fw_main
                            .areas
                            .iter()
                            .find_map(|a| a.indicators.iter().find(|i| i.id == iid).map(|i| (a, i)))?;
                        let fw = fw_main.clone();
                        Some(view! {
                            <h2 class="indicator-title">
                                <span class="muted"><Content zh=area.title.clone() en=area.title_en.clone() lang=state.lang/>" › "</span>
                                {ind.id.clone()}" "
                                <Content zh=ind.title.clone() en=ind.title_en.clone() lang=state.lang/>
                            </h2>
                            {ind.points.iter().map(|p| view! { <PointCard fw=fw.clone() point=p.clone()/> }).collect_view()}
                        })
                    }}
                    <Pager fw=fw_pager indicator_id/>
                </div>
            </div>
        </div>
    }
}

#[component]
fn Pager(fw: Arc<Framework>, indicator_id: Memo<Option<String>>) -> impl IntoView {
    let state = use_app();
    let firsts: Vec<(String, String)> = fw
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .filter_map(|i| i.points.first().map(|p| (i.id.clone(), p.id.clone())))
        .collect();
    let neighbour = move |delta: isize| {
        let cur = indicator_id.get()?;
        let idx = firsts.iter().position(|(i, _)| *i == cur)? as isize + delta;
        (idx >= 0)
            .then(|| firsts.get(idx as usize).map(|(_, p)| p.clone()))
            .flatten()
    };
    let neighbour2 = neighbour.clone();
    view! {
        <div class="pager">
            {move || neighbour(-1).map(|p| view! {
                <button type="button" on:click=move |_| { state.set_position(&p); focus_point(&p); }>
                    "← "{state.t(K::SurveyPrevIndicator)}
                </button>
            })}
            {move || neighbour2(1).map(|p| view! {
                <button type="button" on:click=move |_| { state.set_position(&p); focus_point(&p); }>
                    {state.t(K::SurveyNextIndicator)}" →"
                </button>
            })}
        </div>
    }
}

fn dom_id(point_id: &str) -> String {
    format!("pt-{}", point_id.replace('.', "-"))
}

fn scroll_to_point(point_id: &str) {
    if let Some(el) = document().get_element_by_id(&dom_id(point_id)) {
        el.scroll_into_view();
    }
}

/// Moves keyboard focus to the first control of a point once it is rendered.
fn focus_point(point_id: &str) {
    let id = dom_id(point_id);
    request_animation_frame(move || {
        if let Some(el) = document()
            .query_selector(&format!("#{id} input, #{id} textarea"))
            .ok()
            .flatten()
        {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
                el.scroll_into_view();
            }
        }
    });
}

fn target_text(lang: Lang, p: &Point) -> Option<String> {
    let t = p.target?;
    let sign = match p.direction? {
        Direction::Higher => "≥",
        Direction::Lower => "≤",
    };
    Some(format!(
        "{} {sign} {}{}",
        K::SurveyTarget.text(lang),
        fmt_number(t),
        p.unit
    ))
}

fn fmt_number(n: f64) -> String {
    let s = format!("{n:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// One assessment point with its answer controls.
#[component]
fn PointCard(fw: Arc<Framework>, point: Point) -> impl IntoView {
    let state = use_app();
    let pid = point.id.clone();
    let answer = Memo::new({
        let pid = pid.clone();
        move |_| {
            state
                .answers
                .with(|a| a.as_ref().and_then(|a| a.value.get(&pid).cloned()))
                .unwrap_or_default()
        }
    });
    let edit = {
        let pid = pid.clone();
        move |e: Edit| {
            if let Err(err) = state.edit(&pid, e) {
                state.tell(Notice::error(
                    err.zh(),
                    "The answer does not fit this point.",
                ));
            }
        }
    };
    let dom = dom_id(&point.id);
    let heading_id = format!("{dom}-h");
    let note_id = format!("{dom}-note");
    let na_id = format!("{dom}-na");
    let na_reason_id = format!("{dom}-na-reason");
    let pid_focus = pid.clone();
    let on_focus = move |_| state.set_position(&pid_focus);
    let lang = state.lang;
    let src = point.source.clone();
    let evidence_zh = point.evidence.clone();
    let evidence_en = point.evidence_en.clone();
    let control = answer_control(
        fw.clone(),
        point.clone(),
        answer,
        edit.clone(),
        heading_id.clone(),
    );
    let edit_note = edit.clone();
    let edit_note2 = edit.clone();
    let edit_na = edit.clone();
    let edit_reason = edit.clone();
    let edit_reason2 = edit.clone();
    let na_reason_id2 = na_reason_id.clone();
    view! {
        <article
            class="point card"
            id=dom.clone()
            class:done=move || answer.with(Answer::is_done)
            class:na=move || answer.with(|a| a.not_applicable.is_some())
            aria-labelledby=heading_id.clone()
            on:focusin=on_focus
        >
            <h3 id=heading_id.clone()>
                <span class="pt-id">{point.id.clone()}</span>" "
                <Content zh=point.text.clone() en=point.text_en.clone() lang/>
                <span class="status-badge">
                    {move || if answer.with(Answer::is_done) { state.t(K::SurveyDone) } else { state.t(K::SurveyTodo) }}
                </span>
            </h3>
            {(!point.guidance.is_empty()).then(|| view! {
                <div class="guidance">
                    <strong>{tr(K::SurveyGuidance)}"："</strong>
                    <Content zh=point.guidance.clone() en=point.guidance_en.clone() lang/>
                </div>
            })}
            {(!evidence_zh.is_empty()).then(|| view! {
                <div class="evidence">
                    <strong>{tr(K::SurveyEvidence)}"："</strong>
                    <ul>
                        {evidence_zh.iter().enumerate().map(|(i, e)| view! {
                            <li><Content zh=e.clone() en=evidence_en.get(i).cloned().unwrap_or_default() lang/></li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <p class="source small muted">
                {tr(K::SurveySource)}": "<span lang="zh-CN">{src.doc.clone()}" "{src.section.clone()}</span>
                {(!src.confirmed).then(|| view! { <span class="unconfirmed" title=src.note.clone()>{tr(K::SurveyUnconfirmed)}</span> })}
            </p>
            <RespondentSummary fw=fw.clone() point_id=point.id.clone()/>
            <div class="answer" class:disabled=move || answer.with(|a| a.not_applicable.is_some())>
                {control}
            </div>
            <div class="note-field">
                <label for=note_id.clone()>{tr(K::SurveyNote)}</label>
                <textarea
                    id=note_id.clone()
                    rows="3"
                    placeholder=tr(K::SurveyNoteHelp)
                    prop:value=move || answer.with(|a| a.note.clone())
                    on:input=move |ev| {
                        if !composing(&ev) { edit_note(Edit::Note(event_target_value(&ev))); }
                    }
                    on:compositionend=move |ev| edit_note2(Edit::Note(event_target_value(&ev)))
                ></textarea>
            </div>
            <div class="na-field">
                <input
                    type="checkbox"
                    id=na_id.clone()
                    prop:checked=move || answer.with(|a| a.not_applicable.is_some())
                    on:change=move |ev| {
                        let checked = event_target_checked(&ev);
                        edit_na(Edit::NotApplicable(checked.then(String::new)));
                        if checked {
                            let id = na_reason_id2.clone();
                            request_animation_frame(move || {
                                if let Some(el) = document().get_element_by_id(&id) {
                                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() { let _ = el.focus(); }
                                }
                            });
                        }
                    }
                />
                <label for=na_id.clone()>{tr(K::SurveyNa)}</label>
                <Show when=move || answer.with(|a| a.not_applicable.is_some())>
                    <label for=na_reason_id.clone() class="sr-only">{tr(K::SurveyNaReason)}</label>
                    <input
                        type="text"
                        id=na_reason_id.clone()
                        placeholder=tr(K::SurveyNaReason)
                        prop:value=move || answer.with(|a| a.not_applicable.clone().unwrap_or_default())
                        on:input={
                            let edit_reason = edit_reason.clone();
                            move |ev| if !composing(&ev) { edit_reason(Edit::NotApplicable(Some(event_target_value(&ev)))); }
                        }
                        on:compositionend={
                            let edit_reason2 = edit_reason2.clone();
                            move |ev| edit_reason2(Edit::NotApplicable(Some(event_target_value(&ev))))
                        }
                    />
                </Show>
            </div>
        </article>
    }
}

/// The control that fits the point's kind.
fn answer_control(
    fw: Arc<Framework>,
    point: Point,
    answer: Memo<Answer>,
    edit: impl Fn(Edit) + Clone + Send + Sync + 'static,
    heading_id: String,
) -> AnyView {
    let state = use_app();
    let dom = dom_id(&point.id);
    let name = format!("{dom}-value");
    let clear = {
        let edit = edit.clone();
        move |_| edit(Edit::Value(None))
    };
    let has_value = move || answer.with(|a| a.value.is_some());
    match point.kind {
        PointKind::Level => {
            let options = fw
                .scale
                .levels
                .iter()
                .map(|l| {
                    let id = l.id.clone();
                    let id2 = l.id.clone();
                    let edit = edit.clone();
                    let input_id = format!("{name}-{}", l.id);
                    view! {
                        <label class="choice" for=input_id.clone()>
                            <input
                                type="radio"
                                id=input_id.clone()
                                name=name.clone()
                                value=l.id.clone()
                                prop:checked=move || answer.with(|a| a.value == Some(AnswerValue::Level(id.clone())))
                                on:change=move |_| edit(Edit::Value(Some(AnswerValue::Level(id2.clone()))))
                            />
                            <span class="choice-label">
                                <Content zh=l.label.clone() en=l.label_en.clone() lang=state.lang/>
                            </span>
                            {(!l.description.is_empty()).then(|| view! { <span class="choice-desc" lang="zh-CN">{l.description.clone()}</span> })}
                        </label>
                    }
                })
                .collect_view();
            view! {
                <fieldset class="choices levels">
                    <legend class="sr-only" id=format!("{dom}-legend")>{tr(K::SurveyScore)}</legend>
                    <div role="radiogroup" aria-labelledby=heading_id>{options}</div>
                    <Show when=has_value>
                        <button type="button" class="link" on:click=clear.clone()>{tr(K::SurveyClear)}</button>
                    </Show>
                </fieldset>
            }
            .into_any()
        }
        PointKind::YesNo => {
            let choice = move |yes: bool, label: K| {
                let edit = edit.clone();
                let input_id = format!("{name}-{}", if yes { "yes" } else { "no" });
                view! {
                    <label class="choice" for=input_id.clone()>
                        <input
                            type="radio"
                            id=input_id.clone()
                            name=name.clone()
                            prop:checked=move || answer.with(|a| a.value == Some(AnswerValue::YesNo(yes)))
                            on:change=move |_| edit(Edit::Value(Some(AnswerValue::YesNo(yes))))
                        />
                        <span class="choice-label">{move || state.t(label)}</span>
                    </label>
                }
            };
            view! {
                <fieldset class="choices yesno">
                    <legend class="sr-only">{tr(K::SurveyScore)}</legend>
                    <div role="radiogroup" aria-labelledby=heading_id>
                        {choice(true, K::SurveyYes)}
                        {choice(false, K::SurveyNo)}
                    </div>
                    <Show when=has_value>
                        <button type="button" class="link" on:click=clear.clone()>{tr(K::SurveyClear)}</button>
                    </Show>
                </fieldset>
            }
            .into_any()
        }
        PointKind::Number => {
            let stored = Memo::new(move |_| {
                answer.with(|a| match a.value {
                    Some(AnswerValue::Number(n)) => Some(n),
                    _ => None,
                })
            });
            // The typed text is kept as typed (e.g. "45." while typing) and only replaced when the stored value
            // changes from elsewhere, such as another tab.
            let text = RwSignal::new(stored.get_untracked().map(fmt_number).unwrap_or_default());
            Effect::new(move |_| {
                let s = stored.get();
                if parse_number(&text.get_untracked()).ok().flatten() != s {
                    text.set(s.map(fmt_number).unwrap_or_default());
                }
            });
            let error = RwSignal::new(false);
            let input_id = format!("{name}-n");
            let err_id = format!("{input_id}-err");
            let unit = point.unit.clone();
            let target = point.target.zip(point.direction);
            let met = move || {
                let (t, d) = target?;
                let v = stored.get()?;
                Some(match d {
                    Direction::Higher => v >= t,
                    Direction::Lower => v <= t,
                })
            };
            let point2 = point.clone();
            view! {
                <div class="number-field">
                    <label for=input_id.clone()>{tr(K::SurveyValue)}</label>
                    <input
                        type="text"
                        inputmode="decimal"
                        id=input_id.clone()
                        aria-describedby=err_id.clone()
                        aria-invalid=move || error.get().then_some("true")
                        prop:value=move || text.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            text.set(v.clone());
                            match parse_number(&v) {
                                Ok(n) => {
                                    error.set(false);
                                    edit(Edit::Value(n.map(AnswerValue::Number)));
                                }
                                Err(_) => error.set(true),
                            }
                        }
                    />
                    <span class="unit">{unit}</span>
                    <span class="target muted">{move || target_text(state.lang.get(), &point2)}</span>
                    <span class="target-status" role="status">
                        {move || met().map(|m| if m {
                            view! { <span class="met">"✓ "{state.t(K::SurveyTargetMet)}</span> }.into_any()
                        } else {
                            view! { <span class="missed">"✗ "{state.t(K::SurveyTargetMissed)}</span> }.into_any()
                        })}
                    </span>
                    <span class="field-error" id=err_id>
                        {move || error.get().then(|| K::SurveyValue.text(state.lang.get()).to_string() + ": " + state.lang.get().pick("请填写有效的数字", "enter a valid number"))}
                    </span>
                </div>
            }
            .into_any()
        }
        PointKind::Text => {
            let input_id = format!("{name}-t");
            let edit2 = edit.clone();
            view! {
                <div class="text-field">
                    <label for=input_id.clone()>{tr(K::SurveyText)}</label>
                    <textarea
                        id=input_id.clone()
                        rows="4"
                        prop:value=move || answer.with(|a| match &a.value {
                            Some(AnswerValue::Text(t)) => t.clone(),
                            _ => String::new(),
                        })
                        on:input=move |ev| {
                            if !composing(&ev) {
                                let v = event_target_value(&ev);
                                edit(Edit::Value((!v.is_empty()).then_some(AnswerValue::Text(v))));
                            }
                        }
                        on:compositionend=move |ev| {
                            let v = event_target_value(&ev);
                            edit2(Edit::Value((!v.is_empty()).then_some(AnswerValue::Text(v))));
                        }
                    ></textarea>
                </div>
            }
            .into_any()
        }
    }
}

/// What the imported teachers' answers say about a point: distribution, mean, count and notes.
#[component]
fn RespondentSummary(fw: Arc<Framework>, point_id: String) -> impl IntoView {
    let state = use_app();
    let fw2 = fw.clone();
    let stats = Memo::new(move |_| {
        state.respondents.with(|r| {
            let files = r.as_ref().map(|r| r.value.as_slice()).unwrap_or_default();
            if files.is_empty() {
                return None;
            }
            let s = xzzp_core::respondents::stats(&fw2, files).remove(&point_id)?;
            Some((
                xzzp_core::respondents::summary(&fw2, &point_id, &s),
                s.notes,
            ))
        })
    });
    move || {
        stats.get().map(|(summary, notes)| {
            view! {
                <div class="respondents">
                    <strong>{state.t(K::SurveyRespondents)}"："</strong>
                    <span lang="zh-CN">{summary}</span>
                    {(!notes.is_empty()).then(|| view! {
                        <details>
                            <summary>{format!("{} ({})", state.t(K::SurveyRespondentNotes), notes.len())}</summary>
                            <ul>{notes.into_iter().map(|(who, note)| view! { <li><strong>{who}</strong>"："{note}</li> }).collect_view()}</ul>
                        </details>
                    })}
                </div>
            }
        })
    }
}
