//! 教师填报 (teacher mode): a teacher opens the 填报包 the school sent, answers only the points given to them
//! (saved on this computer as they go), and "完成并导出" gives an answer file and a 答卷码 to send back. No
//! school is set up on the teacher's computer. The rules are the core's `teacher` module.

use crate::download::{picked_files, read_file};
use crate::i18n::{Localized, K};
use crate::notices::Notice;
use crate::pages::evidence::PointEvidence;
use crate::pages::staff::{now, save_json};
use crate::route::Route;
use crate::state::use_app;
use crate::ui::{period, tr, Content, FieldKind, TextField};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use xzzp_core::evaluation::{parse_number, Answer, AnswerValue, Edit};
use xzzp_core::framework::{Framework, Point, PointKind};
use xzzp_core::store::workbench::EvidenceOf;

/// "打开填报包" with the packages kept on this computer: on the home page and in teacher mode.
#[component]
pub fn TeacherEntry() -> impl IntoView {
    let state = use_app();
    let works = move || {
        state.teacher.with(|_| ());
        state.wb().teacher_works()
    };
    let on_file = move |ev: web_sys::Event| {
        let Some(file) = picked_files(&ev).into_iter().next() else {
            return;
        };
        leptos::task::spawn_local(async move {
            match read_file(&file, xzzp_core::files::MAX_FILE_BYTES).await {
                Ok(bytes) => {
                    if state.act(|wb| wb.teacher_open_package(&bytes)).is_some() {
                        let _ = window().location().set_hash(Route::Teacher.hash());
                    }
                }
                Err(e) => state.tell(Notice::of(true, e.refusal())),
            }
        });
    };
    view! {
        <div class="card teacher-entry">
            <h2>{tr(K::TeacherTitle)}</h2>
            <p class="help">{tr(K::TeacherOpenHelp)}</p>
            <label for="teacher-package" class="button primary">{tr(K::TeacherOpen)}</label>
            <input type="file" id="teacher-package" class="sr-only" accept=".json,application/json" on:change=on_file/>
            {move || {
                let list = works();
                (!list.is_empty()).then(|| view! {
                    <h3>{tr(K::TeacherWorks)}</h3>
                    <ul class="teacher-works">
                        {list.into_iter().map(|(id, w)| {
                            let who = w.me().map(|a| a.describe()).unwrap_or_default();
                            let label = format!("{} · {} {}", w.invitation.school.name, period(state.lang.get(), w.invitation.evaluation.school_year, w.invitation.evaluation.term), who);
                            view! {
                                <li><button type="button" class="link" on:click=move |_| {
                                    state.wb().teacher_open(Some(&id));
                                    let _ = window().location().set_hash(Route::Teacher.hash());
                                }>{label}</button></li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// The teacher-mode page.
#[component]
pub fn TeacherPage() -> impl IntoView {
    let state = use_app();
    let open = move || state.teacher.read(|w| w.is_some()).unwrap_or(false);
    view! {
        <section class="page teacher">
            <h1 tabindex="-1">{tr(K::TeacherTitle)}</h1>
            <Show when=open fallback=|| view! { <TeacherEntry/> }>
                <TeacherWorkView/>
            </Show>
        </section>
    }
}

#[component]
fn TeacherWorkView() -> impl IntoView {
    let state = use_app();
    let work = Memo::new(move |_| state.teacher.value().flatten());
    let fw = Memo::new(move |_| work.with(|w| w.as_ref().and_then(|w| w.framework())));
    let code = RwSignal::new(None::<Result<String, String>>);
    let finish = move |_| {
        let lang = state.lang.get_untracked();
        if let Some(out) = state.act(|wb| wb.teacher_export(now())) {
            save_json(state, &out.file_name, &out.json);
            code.set(Some(out.code.map(|c| c.text()).map_err(|e| e.text(lang))));
            state.tell(Notice::info(K::TeacherExported));
        }
    };
    let copy = move |_| {
        let Some(el) = document()
            .get_element_by_id("teacher-code")
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        else {
            return;
        };
        el.select();
        // execCommand works on old Chromium and from a file opened by double-click, where the clipboard API
        // may be missing.
        let ok = document()
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.exec_command("copy").ok())
            .unwrap_or(false);
        if ok {
            state.tell(Notice::info(K::TeacherCopied));
        }
    };
    let head = move || {
        work.with(|w| {
            w.as_ref().map(|w| {
                let inv = &w.invitation;
                let lang = state.lang.get();
                view! {
                    <p class="teacher-school"><strong>{inv.school.name.clone()}</strong>" · "{period(lang, inv.evaluation.school_year, inv.evaluation.term)}</p>
                    {inv.due.map(|d| view! { <p class="due">{state.t(K::TeacherDue)}"："{d.to_string()}</p> })}
                    {(!inv.message.trim().is_empty()).then(|| view! { <p class="message" lang="zh-CN">{inv.message.clone()}</p> })}
                }
            })
        })
    };
    let choices = move || {
        work.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.invitation
                        .assignees
                        .iter()
                        .map(|a| (a.id.clone(), a.describe()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let chosen = move || {
        work.with(|w| {
            w.as_ref()
                .and_then(|w| w.assignee.clone())
                .unwrap_or_default()
        })
    };
    let needs_name = move || work.with(|w| w.as_ref().is_some_and(|w| w.needs_name()));
    let me = move || {
        work.with(|w| {
            w.as_ref()
                .and_then(|w| w.me().map(|a| a.describe()))
                .unwrap_or_default()
        })
    };
    let progress = move || {
        work.with(|w| w.as_ref().and_then(|w| w.progress()))
            .map(|p| format!("{} {} / {}", state.t(K::TeacherProgress), p.done, p.total))
            .unwrap_or_default()
    };
    let revision = move || work.with(|w| w.as_ref().map(|w| w.revision).unwrap_or(0));
    let has_evidence = move || work.with(|w| w.as_ref().is_some_and(|w| !w.evidence.is_blank()));
    view! {
        <div class="card teacher-head">
            {head}
            <Show when=move || { choices().len() > 1 }>
                <label for="teacher-who">{tr(K::TeacherWho)}</label>
                <select id="teacher-who" prop:value=chosen on:change=move |ev| {
                    let v = event_target_value(&ev);
                    state.act(|wb| wb.teacher_update(move |w| w.choose(&v)));
                }>
                    <option value="">{tr(K::TeacherChoose)}</option>
                    {move || choices().into_iter().map(|(id, d)| view! { <option value=id>{d}</option> }).collect_view()}
                </select>
            </Show>
            <p class="teacher-me"><strong>{me}</strong></p>
            <Show when=needs_name>
                <div class="form-grid">
                    <label for="teacher-name">{tr(K::TeacherName)}</label>
                    <TextField id="teacher-name" value=Signal::derive(move || work.with(|w| w.as_ref().map(|w| w.respondent.name.clone()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| { state.act(|wb| wb.teacher_update(move |w| { w.respondent.name = v.clone(); true })); })/>
                    <label for="teacher-role">{tr(K::TeacherRole)}</label>
                    <TextField id="teacher-role" value=Signal::derive(move || work.with(|w| w.as_ref().map(|w| w.respondent.role.clone()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| { state.act(|wb| wb.teacher_update(move |w| { w.respondent.role = v.clone(); true })); })/>
                </div>
            </Show>
            <p class="progress" role="status">{progress}</p>
        </div>
        {move || fw.get().map(|fw| {
            let points: Vec<Point> = fw.points().map(|(_, _, p)| p.clone()).collect();
            points.into_iter().map(|p| view! { <TeacherPoint fw=fw.clone() point=p/> }).collect_view()
        })}
        <div class="card teacher-finish">
            <button type="button" class="primary" id="teacher-finish" on:click=finish>{tr(K::TeacherFinish)}</button>
            <p class="help">{tr(K::TeacherAgainHelp)}" "{move || (revision() > 0).then(|| format!("（{}：{}）", state.t(K::TeacherRevision), revision()))}</p>
            <Show when=has_evidence>
                <p><button type="button" id="teacher-export-evidence" on:click=move |_| crate::pages::evidence::export_teacher_pack(state)>{tr(K::TeacherExportEvidence)}</button></p>
            </Show>
            <p class="help">{tr(K::TeacherEvidenceHelp)}</p>
            {move || code.get().map(|c| match c {
                Ok(text) => view! {
                    <label for="teacher-code">{tr(K::TeacherCode)}</label>
                    <textarea id="teacher-code" readonly rows="4" prop:value=text></textarea>
                    <button type="button" id="teacher-copy" on:click=copy>{tr(K::TeacherCopyCode)}</button>
                    <p class="help">{tr(K::TeacherCodeHelp)}</p>
                }.into_any(),
                Err(e) => view! { <p class="notice">{e}</p> }.into_any(),
            })}
            <p><button type="button" class="link" on:click=move |_| state.wb().teacher_open(None)>{tr(K::TeacherBack)}</button></p>
        </div>
    }
}

/// One assigned point with its answer and note, saved as it changes.
#[component]
fn TeacherPoint(fw: Framework, point: Point) -> impl IntoView {
    let state = use_app();
    let pid = point.id.clone();
    let answer = Memo::new({
        let pid = pid.clone();
        move |_| {
            state
                .teacher
                .read(|w| w.as_ref().and_then(|w| w.answers.get(&pid).cloned()))
                .flatten()
                .unwrap_or_default()
        }
    });
    let edit = Callback::new({
        let pid = pid.clone();
        move |e: Edit| {
            state.act(|wb| wb.teacher_edit(&pid, e));
        }
    });
    let dom = format!("tp-{}", point.id.replace('.', "-"));
    let lang = state.lang;
    let control = match point.kind {
        PointKind::Level => fw
            .scale
            .levels
            .iter()
            .map(|l| {
                let (id, id2) = (l.id.clone(), l.id.clone());
                let input = format!("{dom}-value-{}", l.id);
                let input_for = input.clone();
                view! {
                    <label class="choice" for=input_for>
                        <input type="radio" id=input name=format!("{dom}-value")
                            prop:checked=move || answer.with(|a| a.value == Some(AnswerValue::Level(id.clone())))
                            on:change=move |_| edit.run(Edit::Value(Some(AnswerValue::Level(id2.clone()))))/>
                        <span class="choice-label"><Content zh=l.label.clone() en=l.label_en.clone() lang/></span>
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        PointKind::YesNo => [(true, K::SurveyYes, "yes"), (false, K::SurveyNo, "no")]
            .into_iter()
            .map(|(yes, label, key)| {
                let input = format!("{dom}-value-{key}");
                let input_for = input.clone();
                view! {
                    <label class="choice" for=input_for>
                        <input type="radio" id=input name=format!("{dom}-value")
                            prop:checked=move || answer.with(|a| a.value == Some(AnswerValue::YesNo(yes)))
                            on:change=move |_| edit.run(Edit::Value(Some(AnswerValue::YesNo(yes))))/>
                        <span class="choice-label">{tr(label)}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any(),
        PointKind::Number => view! {
            <TextField id=format!("{dom}-number") kind=FieldKind::Number label=Signal::derive(move || state.t(K::SurveyScore).to_string())
                value=Signal::derive(move || answer.with(|a| match a.value { Some(AnswerValue::Number(n)) => xzzp_core::ledger::trim_number(n), _ => String::new() }))
                on_change=Callback::new(move |v: String| match parse_number(&v) {
                    Ok(n) => edit.run(Edit::Value(n.map(AnswerValue::Number))),
                    Err(e) => state.tell(Notice::of(true, e)),
                })/>
            {point.unit.clone()}
        }
        .into_any(),
        PointKind::Text => view! {
            <TextField id=format!("{dom}-text") kind=FieldKind::Lines(3) label=Signal::derive(move || state.t(K::SurveyScore).to_string())
                value=Signal::derive(move || answer.with(|a| match &a.value { Some(AnswerValue::Text(t)) => t.clone(), _ => String::new() }))
                on_change=Callback::new(move |v: String| edit.run(Edit::Value((!v.is_empty()).then_some(AnswerValue::Text(v)))))/>
        }
        .into_any(),
    };
    let note_id = format!("{dom}-note");
    view! {
        <article class="point card teacher-point" id=dom.clone() class:done=move || answer.with(Answer::is_done)>
            <h3>
                <span class="pt-id">{point.id.clone()}</span>" "
                <Content zh=point.text.clone() en=point.text_en.clone() lang/>
                <span class="status-badge">{move || if answer.with(Answer::is_done) { state.t(K::SurveyDone) } else { state.t(K::SurveyTodo) }}</span>
            </h3>
            {(!point.guidance.is_empty()).then(|| view! {
                <div class="guidance"><strong>{tr(K::SurveyGuidance)}"："</strong><Content zh=point.guidance.clone() en=point.guidance_en.clone() lang/></div>
            })}
            <div class="answer choices">{control}</div>
            <div class="note-field">
                <label for=note_id.clone()>{tr(K::SurveyNote)}</label>
                <TextField id=note_id kind=FieldKind::Lines(2) value=Signal::derive(move || answer.with(|a| a.note.clone()))
                    on_change=Callback::new(move |v| edit.run(Edit::Note(v)))/>
            </div>
            <PointEvidence point=point.clone() dom=dom.clone() of=EvidenceOf::Teacher/>
        </article>
    }
}
