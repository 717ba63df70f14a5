//! 自评问卷: choosing or starting an evaluation, and answering it point by point.

use crate::i18n::{Localized, K};
use crate::notices::Notice;
use crate::pages::need_school;
use crate::pages::school::confirm;
use crate::state::{today, use_app, AppState};
use crate::ui::{content_text, period, tr, Content, FieldKind, TextField};
use leptos::prelude::*;
use std::sync::Arc;
use wasm_bindgen::JsCast;
use xzzp_core::evaluation::{parse_number, progress, Answer, AnswerValue, Edit, SchoolYear, Term};
use xzzp_core::framework::{order_for_school, Framework, Point, PointKind};
use xzzp_core::ledger::trim_number;
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
                    {move || open.get().map(|e| match crate::state::framework_for(&e.framework_id, &e.framework_version) {
                        Some(fw) => view! {
                            <crate::pages::versions::FrameworkUpgrade/>
                            <Questionnaire fw/>
                            <crate::pages::versions::SetAsideAnswers/>
                        }.into_any(),
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
    let evaluations = move || state.school_evaluations();
    let open_id = move || state.answers.id();
    view! {
        <div class="picker">
            <details class="card" open=move || evaluations().is_empty()>
                <summary>{tr(K::SurveyNew)}</summary>
                <NewEvaluation/>
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
                            let open = open_id();
                            evaluations()
                                .into_iter()
                                .map(|e| {
                                    let is_open = open.as_deref() == Some(e.id.as_str());
                                    view! { <EvaluationRow header=e is_open/> }
                                })
                                .collect_view()
                        }}
                    </ul>
                </details>
            </Show>
        </div>
    }
}

/// One evaluation in the list: open it or delete it.
#[component]
fn EvaluationRow(header: xzzp_core::evaluation::EvaluationHeader, is_open: bool) -> impl IntoView {
    let state = use_app();
    let lang = state.lang.get_untracked();
    let title = crate::state::framework_for(&header.framework_id, &header.framework_version)
        .map(|f| content_text(lang, &f.title, &f.title_en))
        .unwrap_or_else(|| header.framework_id.clone());
    let (id, id2) = (header.id.clone(), header.id.clone());
    let version = header.framework_version.clone();
    view! {
        <li class:current=is_open>
            <span class="name">{title}</span>
            <span class="muted">{move || period(state.lang.get(), header.school_year, header.term)}</span>
            <span class="muted framework-version">{move || format!("{} {version}", state.t(K::SurveyFrameworkVersion))}</span>
            <span class="row-actions">
                {(!is_open).then(|| view! {
                    <button type="button" on:click=move |_| { state.act(|wb| wb.open_evaluation(&id)); }>{tr(K::Open)}</button>
                })}
                <button type="button" class="danger" on:click=move |_| {
                    if confirm(state.t(K::SurveyDeleteConfirm)) { state.act(|wb| wb.delete_evaluation(&id2)); }
                }>{tr(K::SurveyDelete)}</button>
            </span>
        </li>
    }
}

/// The form that starts a new evaluation.
#[component]
fn NewEvaluation() -> impl IntoView {
    let state = use_app();
    let this_year = SchoolYear::containing(today());
    let fw_id = RwSignal::new(String::new());
    let year = RwSignal::new(this_year.0);
    let term = RwSignal::new(Term::Year);
    let school_type = move || state.current_school().map(|s| s.school_type);
    // Frameworks that apply to this school type come first, and the first of them is preselected.
    let templates = expect_context::<crate::templates::Templates>();
    let ordered = move || {
        // Built-in frameworks are listed as their documents arrive.
        templates.arrived.track();
        let mut v = catalog::available_frameworks();
        // The profile's own frameworks, each in its newest version, after the built-in ones.
        let own = state.frameworks.value().unwrap_or_default();
        v.extend(
            own.ids()
                .into_iter()
                .filter_map(|id| own.latest(id))
                .map(|f| Arc::new(f.clone())),
        );
        order_for_school(&mut v, school_type());
        v
    };
    Effect::new(move |_| {
        if let Some(first) = ordered().first() {
            fw_id.set(first.id.clone());
        }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = fw_id.get_untracked();
        state.act(|wb| {
            wb.create_evaluation(&id, SchoolYear(year.get_untracked()), term.get_untracked())
        });
    };
    view! {
        <form class="form-grid" on:submit=create>
            <label for="new-framework">{tr(K::SurveyFramework)}</label>
            <select id="new-framework" prop:value=move || fw_id.get() on:change=move |ev| fw_id.set(event_target_value(&ev))>
                {move || {
                    let lang = state.lang.get();
                    let t = school_type();
                    ordered()
                        .into_iter()
                        .map(|f| {
                            let mut label = content_text(lang, &f.title, &f.title_en);
                            if !t.is_some_and(|t| f.fits(t)) {
                                label.push_str(state.t(K::SurveyNotForType));
                            }
                            view! { <option value=f.id.clone()>{label}</option> }
                        })
                        .collect_view()
                }}
            </select>
            <p class="help span-all"><a href=crate::route::Route::Frameworks.hash()>{tr(K::FwManage)}</a></p>
            <label for="new-year">{tr(K::SurveyYear)}</label>
            <select id="new-year" prop:value=move || year.get().to_string() on:change=move |ev| {
                if let Ok(y) = event_target_value(&ev).parse() { year.set(y); }
            }>
                {move || {
                    let lang = state.lang.get();
                    (this_year.0 - 3..=this_year.0)
                        .rev()
                        .map(|y| {
                            let label = SchoolYear(y).text(lang);
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
    }
}

/// Where the user is in the questionnaire: the indicator of the point the user is on.
#[derive(Clone, Copy)]
struct Place {
    indicator: Memo<Option<String>>,
}

/// Moves to a point: remembers it and puts the keyboard focus there. (Event handlers run outside the
/// component tree, so the state is passed in rather than looked up.)
pub(crate) fn go_to(state: AppState, point_id: &str) {
    state.wb().set_position(point_id);
    focus_point(point_id);
}

/// The questionnaire of the open evaluation.
#[component]
fn Questionnaire(fw: Arc<Framework>) -> impl IntoView {
    let state = use_app();
    let fw_for_position = fw.clone();
    // The point the user is on: the saved position, or the first point.
    let point = Memo::new(move |_| {
        state
            .answers
            .read(|a| a.position.clone())
            .flatten()
            .filter(|p| fw_for_position.point(p).is_some())
            .or_else(|| {
                fw_for_position
                    .points()
                    .next()
                    .map(|(_, _, p)| p.id.clone())
            })
    });
    let fw_for_indicator = fw.clone();
    let indicator = Memo::new(move |_| {
        let pos = point.get()?;
        fw_for_indicator
            .points()
            .find(|(_, _, p)| p.id == pos)
            .map(|(_, i, _)| i.id.clone())
    });
    let place = Place { indicator };

    let fw_next = fw.clone();
    let go_next = move || {
        let next = state.answers.with_untracked(|s| {
            s.value()
                .and_then(|a| a.next_unanswered(&fw_next, point.get_untracked().as_deref()))
                .map(|p| p.id.clone())
        });
        match next {
            Some(id) => go_to(state, &id),
            None => state.tell(Notice::info(K::SurveyAllDone)),
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
        .with_untracked(|s| s.value().and_then(|a| a.position.clone()))
    {
        request_animation_frame(move || scroll_to_point(&p));
    }

    view! {
        <div class="questionnaire">
            <ProgressHead fw=fw.clone() on_next=Callback::new(move |_| go_next())/>
            <crate::pages::evidence::EvidenceSummary fw=fw.clone()/>
            <div class="q-body">
                <AreaNav fw=fw.clone() place/>
                <div class="q-main">
                    <IndicatorPoints fw=fw.clone() place/>
                    <Pager fw place/>
                </div>
            </div>
        </div>
    }
}

/// The framework's title, the progress of the whole questionnaire and "next unanswered".
#[component]
fn ProgressHead(fw: Arc<Framework>, on_next: Callback<()>) -> impl IntoView {
    let state = use_app();
    let fw2 = fw.clone();
    let overall = Memo::new(move |_| {
        state
            .answers
            .read(|a| progress(&fw2, a).0)
            .unwrap_or_default()
    });
    let fw3 = fw.clone();
    let ratio = Memo::new(move |_| {
        state
            .answers
            .read(|a| scoring::score(&fw3, a).overall.ratio)
            .flatten()
    });
    let header = state.current_evaluation();
    view! {
        <div class="q-head card">
            <h2>
                <Content zh=fw.title.clone() en=fw.title_en.clone() lang=state.lang/>
            </h2>
            <p class="muted">
                {move || header.as_ref().map(|h| period(state.lang.get(), h.school_year, h.term))}
            </p>
            <div class="progress-line">
                <span id="progress-label">{tr(K::SurveyProgress)}</span>
                <progress
                    aria-labelledby="progress-label"
                    max=move || overall.get().total
                    value=move || overall.get().done
                ></progress>
                <span class="progress-text" data-testid="progress-overall">
                    {move || {
                        let p = overall.get();
                        format!("{}/{} · {}%", p.done, p.total, p.percent())
                    }}
                </span>
                <span class="muted">
                    {move || ratio.get().map(|r| format!("{} {}", state.t(K::SurveyAchievement), percent(r)))}
                </span>
                <button type="button" class="primary" on:click=move |_| on_next.run(()) aria-keyshortcuts="Alt+N">
                    {tr(K::SurveyNextUnanswered)}
                </button>
            </div>
            <p class="help">{tr(K::SurveyKeyboardHelp)}</p>
        </div>
    }
}

/// The areas and indicators, with how much of each is done.
#[component]
fn AreaNav(fw: Arc<Framework>, place: Place) -> impl IntoView {
    let state = use_app();
    let fw2 = fw.clone();
    let by_area = Memo::new(move |_| {
        state
            .answers
            .read(|a| {
                let card = scoring::score(&fw2, a);
                let (_, areas) = progress(&fw2, a);
                areas
                    .into_iter()
                    .zip(card.areas.iter().map(|x| x.agg.ratio))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    });
    view! {
        <nav class="q-nav" aria-label=tr(K::SurveyAreas)>
            <ol>
                {fw.areas.iter().enumerate().map(|(ai, area)| view! {
                    <li class="area">
                        <span class="area-title">
                            <Content zh=area.title.clone() en=area.title_en.clone() lang=state.lang/>
                        </span>
                        <span class="count" data-testid=format!("progress-area-{}", area.id)>
                            {move || {
                                let p = by_area.get().get(ai).map(|x| x.0).unwrap_or_default();
                                format!("{}/{}", p.done, p.total)
                            }}
                        </span>
                        <span class="muted small">
                            {move || by_area.get().get(ai).and_then(|x| x.1).map(percent)}
                        </span>
                        <ol>
                            {area.indicators.iter().map(|ind| view! { <IndicatorLink indicator=ind.clone() place/> }).collect_view()}
                        </ol>
                    </li>
                }).collect_view()}
            </ol>
        </nav>
    }
}

/// One indicator in the navigation.
#[component]
fn IndicatorLink(indicator: xzzp_core::framework::Indicator, place: Place) -> impl IntoView {
    let state = use_app();
    let ids: Vec<String> = indicator.points.iter().map(|p| p.id.clone()).collect();
    let total = ids.len();
    let done = Memo::new(move |_| {
        state
            .answers
            .read(|a| {
                ids.iter()
                    .filter(|id| a.get(id).is_some_and(Answer::is_done))
                    .count()
            })
            .unwrap_or(0)
    });
    let first = indicator
        .points
        .first()
        .map(|p| p.id.clone())
        .unwrap_or_default();
    let iid = indicator.id.clone();
    view! {
        <li>
            <a
                href="#/survey"
                class:complete=move || done.get() == total
                aria-current=move || (place.indicator.get().as_deref() == Some(iid.as_str())).then_some("step")
                on:click=move |ev| {
                    ev.prevent_default();
                    go_to(state, &first);
                }
            >
                <span class="ind-id">{indicator.id.clone()}</span>
                " "
                <Content zh=indicator.title.clone() en=indicator.title_en.clone() lang=state.lang/>
                <span class="count">{move || format!("{}/{}", done.get(), total)}</span>
            </a>
        </li>
    }
}

/// The points of the indicator the user is on.
#[component]
fn IndicatorPoints(fw: Arc<Framework>, place: Place) -> impl IntoView {
    let state = use_app();
    move || {
        let iid = place.indicator.get()?;
        let (area, ind) = fw
            .areas
            .iter()
            .find_map(|a| a.indicators.iter().find(|i| i.id == iid).map(|i| (a, i)))?;
        let fw = fw.clone();
        Some(view! {
            <h2 class="indicator-title">
                <span class="muted"><Content zh=area.title.clone() en=area.title_en.clone() lang=state.lang/>" › "</span>
                {ind.id.clone()}" "
                <Content zh=ind.title.clone() en=ind.title_en.clone() lang=state.lang/>
            </h2>
            {ind.points.iter().map(|p| view! { <PointCard fw=fw.clone() point=p.clone()/> }).collect_view()}
        })
    }
}

#[component]
fn Pager(fw: Arc<Framework>, place: Place) -> impl IntoView {
    let state = use_app();
    let firsts: Vec<(String, String)> = fw
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .filter_map(|i| i.points.first().map(|p| (i.id.clone(), p.id.clone())))
        .collect();
    let neighbour = move |delta: isize| {
        let cur = place.indicator.get()?;
        let idx = firsts.iter().position(|(i, _)| *i == cur)? as isize + delta;
        (idx >= 0)
            .then(|| firsts.get(idx as usize).map(|(_, p)| p.clone()))
            .flatten()
    };
    let neighbour2 = neighbour.clone();
    view! {
        <div class="pager">
            {move || neighbour(-1).map(|p| view! {
                <button type="button" on:click=move |_| go_to(state, &p)>
                    "← "{state.t(K::SurveyPrevIndicator)}
                </button>
            })}
            {move || neighbour2(1).map(|p| view! {
                <button type="button" on:click=move |_| go_to(state, &p)>
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

/// What a point's answer controls need: the answer shown and a way to change it.
#[derive(Clone, Copy)]
struct AnswerIo {
    answer: Memo<Answer>,
    edit: Callback<Edit>,
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
                .read(|a| a.get(&pid).cloned())
                .flatten()
                .unwrap_or_default()
        }
    });
    let edit = Callback::new({
        let pid = pid.clone();
        move |e: Edit| {
            state.act(|wb| wb.edit(&pid, e));
        }
    });
    let io = AnswerIo { answer, edit };
    let dom = dom_id(&point.id);
    let heading_id = format!("{dom}-h");
    let note_id = format!("{dom}-note");
    let pid_focus = pid.clone();
    let on_focus = move |_| state.wb().set_position(&pid_focus);
    let lang = state.lang;
    let src = point.source.clone();
    let control = match point.kind {
        PointKind::Level => view! { <LevelChoice fw=fw.clone() point_dom=dom.clone() heading_id=heading_id.clone() io/> }.into_any(),
        PointKind::YesNo => view! { <YesNoChoice point_dom=dom.clone() heading_id=heading_id.clone() io/> }.into_any(),
        PointKind::Number => view! { <NumberAnswer point=point.clone() point_dom=dom.clone() io/> }.into_any(),
        PointKind::Text => view! { <TextAnswer point_dom=dom.clone() io/> }.into_any(),
    };
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
                <TextField
                    id=note_id.clone()
                    kind=FieldKind::Lines(3)
                    placeholder=Signal::derive(move || state.t(K::SurveyNoteHelp).to_string())
                    value=Signal::derive(move || answer.with(|a| a.note.clone()))
                    on_change=Callback::new(move |v| edit.run(Edit::Note(v)))
                />
            </div>
            <NotApplicable point_dom=dom.clone() io/>
            // After the answer controls: moving to a point focuses its first control, the answer.
            <crate::pages::evidence::PointEvidence point=point.clone() dom=dom.clone()/>
        </article>
    }
}

/// "Not applicable" with its reason.
#[component]
fn NotApplicable(point_dom: String, io: AnswerIo) -> impl IntoView {
    let state = use_app();
    let AnswerIo { answer, edit } = io;
    let na_id = format!("{point_dom}-na");
    let reason_id = format!("{point_dom}-na-reason");
    let reason_id2 = reason_id.clone();
    let is_na = move || answer.with(|a| a.not_applicable.is_some());
    view! {
        <div class="na-field">
            <input
                type="checkbox"
                id=na_id.clone()
                prop:checked=is_na
                on:change=move |ev| {
                    let checked = event_target_checked(&ev);
                    edit.run(Edit::NotApplicable(checked.then(String::new)));
                    if checked {
                        crate::ui::focus_by_id(&reason_id2);
                    }
                }
            />
            <label for=na_id>{tr(K::SurveyNa)}</label>
            <Show when=is_na>
                <label for=reason_id.clone() class="sr-only">{tr(K::SurveyNaReason)}</label>
                <TextField
                    id=reason_id.clone()
                    placeholder=Signal::derive(move || state.t(K::SurveyNaReason).to_string())
                    value=Signal::derive(move || answer.with(|a| a.not_applicable.clone().unwrap_or_default()))
                    on_change=Callback::new(move |v| edit.run(Edit::NotApplicable(Some(v))))
                />
            </Show>
        </div>
    }
}

/// Choosing one level of the framework's scale.
#[component]
fn LevelChoice(
    fw: Arc<Framework>,
    point_dom: String,
    heading_id: String,
    io: AnswerIo,
) -> impl IntoView {
    let state = use_app();
    let AnswerIo { answer, edit } = io;
    let name = format!("{point_dom}-value");
    let options = fw
        .scale
        .levels
        .iter()
        .map(|l| {
            let id = l.id.clone();
            let id2 = l.id.clone();
            let input_id = format!("{name}-{}", l.id);
            view! {
                <label class="choice" for=input_id.clone()>
                    <input
                        type="radio"
                        id=input_id.clone()
                        name=name.clone()
                        value=l.id.clone()
                        prop:checked=move || answer.with(|a| a.value == Some(AnswerValue::Level(id.clone())))
                        on:change=move |_| edit.run(Edit::Value(Some(AnswerValue::Level(id2.clone()))))
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
            <legend class="sr-only" id=format!("{point_dom}-legend")>{tr(K::SurveyScore)}</legend>
            <div role="radiogroup" aria-labelledby=heading_id>{options}</div>
            <ClearAnswer io/>
        </fieldset>
    }
}

/// 是 / 否.
#[component]
fn YesNoChoice(point_dom: String, heading_id: String, io: AnswerIo) -> impl IntoView {
    let state = use_app();
    let AnswerIo { answer, edit } = io;
    let name = format!("{point_dom}-value");
    let choice = move |yes: bool, label: K| {
        let input_id = format!("{name}-{}", if yes { "yes" } else { "no" });
        view! {
            <label class="choice" for=input_id.clone()>
                <input
                    type="radio"
                    id=input_id.clone()
                    name=name.clone()
                    prop:checked=move || answer.with(|a| a.value == Some(AnswerValue::YesNo(yes)))
                    on:change=move |_| edit.run(Edit::Value(Some(AnswerValue::YesNo(yes))))
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
            <ClearAnswer io/>
        </fieldset>
    }
}

/// "Clear" for a chosen answer.
#[component]
fn ClearAnswer(io: AnswerIo) -> impl IntoView {
    view! {
        <Show when=move || io.answer.with(|a| a.value.is_some())>
            <button type="button" class="link" on:click=move |_| io.edit.run(Edit::Value(None))>{tr(K::SurveyClear)}</button>
        </Show>
    }
}

/// A measured number, with its target and whether it is met.
#[component]
fn NumberAnswer(point: Point, point_dom: String, io: AnswerIo) -> impl IntoView {
    let state = use_app();
    let AnswerIo { answer, edit } = io;
    let stored = Memo::new(move |_| {
        answer.with(|a| match a.value {
            Some(AnswerValue::Number(n)) => Some(n),
            _ => None,
        })
    });
    // The typed text is kept as typed (e.g. "45." while typing) and only replaced when the stored value
    // changes from elsewhere, such as another tab.
    let text = RwSignal::new(stored.get_untracked().map(trim_number).unwrap_or_default());
    Effect::new(move |_| {
        let s = stored.get();
        if parse_number(&text.get_untracked()).ok().flatten() != s {
            text.set(s.map(trim_number).unwrap_or_default());
        }
    });
    let error = RwSignal::new(None::<xzzp_core::evaluation::EditError>);
    let input_id = format!("{point_dom}-value-n");
    let err_id = format!("{input_id}-err");
    let p2 = point.clone();
    let met = move || p2.target_met(stored.get()?);
    let target = point
        .target
        .zip(point.direction)
        .map(|(t, d)| (d.sign(), trim_number(t)));
    let unit = point.unit.clone();
    let unit2 = point.unit.clone();
    view! {
        <div class="number-field">
            <label for=input_id.clone()>{tr(K::SurveyValue)}</label>
            <TextField
                id=input_id
                kind=FieldKind::Number
                invalid=Signal::derive(move || error.get().is_some())
                described_by=err_id.clone()
                value=text
                on_change=Callback::new(move |v: String| {
                    text.set(v.clone());
                    match parse_number(&v) {
                        Ok(n) => {
                            error.set(None);
                            edit.run(Edit::Value(n.map(AnswerValue::Number)));
                        }
                        Err(e) => error.set(Some(e)),
                    }
                })
            />
            <span class="unit">{unit}</span>
            <span class="target muted">
                {move || target.clone().map(|(sign, t)| format!("{} {sign} {t}{unit2}", state.t(K::SurveyTarget)))}
            </span>
            <span class="target-status" role="status">
                {move || met().map(|m| if m {
                    view! { <span class="met">"✓ "{state.t(K::SurveyTargetMet)}</span> }.into_any()
                } else {
                    view! { <span class="missed">"✗ "{state.t(K::SurveyTargetMissed)}</span> }.into_any()
                })}
            </span>
            <span class="field-error" id=err_id aria-live="polite">
                {move || error.get().map(|e| format!("{}: {}", state.t(K::SurveyValue), e.text(state.lang.get())))}
            </span>
        </div>
    }
}

/// A free-text answer.
#[component]
fn TextAnswer(point_dom: String, io: AnswerIo) -> impl IntoView {
    let AnswerIo { answer, edit } = io;
    let input_id = format!("{point_dom}-value-t");
    view! {
        <div class="text-field">
            <label for=input_id.clone()>{tr(K::SurveyText)}</label>
            <TextField
                id=input_id
                kind=FieldKind::Lines(4)
                value=Signal::derive(move || answer.with(|a| match &a.value {
                    Some(AnswerValue::Text(t)) => t.clone(),
                    _ => String::new(),
                }))
                on_change=Callback::new(move |v: String| {
                    edit.run(Edit::Value((!v.is_empty()).then_some(AnswerValue::Text(v))))
                })
            />
        </div>
    }
}

/// What the imported teachers' answers say about a point: distribution, mean, count and notes.
#[component]
fn RespondentSummary(fw: Arc<Framework>, point_id: String) -> impl IntoView {
    let state = use_app();
    let stats = Memo::new(move |_| {
        state
            .respondents
            .read(|files| {
                if files.is_empty() {
                    return None;
                }
                let s = xzzp_core::respondents::stats(&fw, files).remove(&point_id)?;
                Some((xzzp_core::respondents::summary(&fw, &point_id, &s), s.notes))
            })
            .flatten()
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
