//! 方案与台账 · 工作台账: tasks drafted from weak points, a filterable table, a month timeline, CSV export.

use crate::download::{file_name, save};
use crate::i18n::{Localized, K};
use crate::notices::Notice;
use crate::pages::need_school;
use crate::pages::plan::PlanTabs;
use crate::pages::school::confirm;
use crate::route::Route;
use crate::state::{new_id, today, use_app, AppState};
use crate::ui::{content_text, evaluation_options, focus_by_id, tr, FieldKind, TextField};
use chrono::NaiveDate;
use leptos::prelude::*;
use xzzp_core::ledger::{
    draft_tasks, timeline, to_csv, Drafting, Filter, Ledger, Milestone, ProgressNote, Sort, Status,
    Task, WeakRule,
};
use xzzp_core::scoring;
use xzzp_core::store::workbench::WorkMessage;
use xzzp_core::store::Read;
use xzzp_documents::ledger::LedgerSheet;

/// The ledger page.
#[component]
pub fn LedgerPage() -> impl IntoView {
    let state = use_app();
    let school = Memo::new(move |_| state.current_school());
    let unreadable = Memo::new(move |_| {
        state
            .ledger
            .with(|l| matches!(l, xzzp_core::store::doc::DocState::Unreadable { .. }))
    });
    view! {
        <section class="page ledger">
            <h1 tabindex="-1">{tr(K::PlanTitle)}</h1>
            <PlanTabs current=Route::Ledger/>
            <p class="help">{tr(K::LedgerHelp)}</p>
            {move || match school.get() {
                None => need_school().into_any(),
                Some(_) if unreadable.get() => {
                    crate::ui::unreadable_notice().into_any()
                }
                Some(_) => view! {
                    <DraftFromWeakPoints/>
                    <LedgerTable/>
                    <LedgerTimeline/>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Looks at the ledger; an empty one while it cannot be read (the page says so, and changes are refused).
fn with_ledger<R>(state: AppState, f: impl FnOnce(&Ledger) -> R) -> R {
    state.ledger.with(|l| match l.value() {
        Some(l) => f(l),
        None => f(&Ledger::default()),
    })
}

fn with_task<R>(state: AppState, id: &str, f: impl FnOnce(&Task) -> R) -> Option<R> {
    state
        .ledger
        .read(|l| l.tasks.iter().find(|t| t.id == id).map(f))
        .flatten()
}

fn update_task(state: AppState, id: &str, change: impl Fn(&mut Task) + 'static) {
    let id = id.to_string();
    state.update_ledger(move |l| {
        if let Some(t) = l.tasks.iter_mut().find(|t| t.id == id) {
            change(t);
        }
    });
}

#[component]
fn DraftFromWeakPoints() -> impl IntoView {
    let state = use_app();
    let evaluations = move || state.school_evaluations();
    let evaluation_id = RwSignal::new(
        state
            .answers
            .id_untracked()
            .or_else(|| evaluations().first().map(|e| e.id.clone()))
            .unwrap_or_default(),
    );
    let framework = move || {
        let id = evaluation_id.get();
        state
            .workspace
            .read(|w| w.evaluation(&id).cloned())
            .flatten()
            .and_then(|e| crate::state::framework_for(&e.framework_id, &e.framework_version))
    };
    // The threshold is a level of the framework's scale: points scoring at most that level are weak.
    let level = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(l) = framework().and_then(|fw| fw.scale.weak_level().map(|l| l.id.clone())) {
            level.set(l);
        }
    });
    let generate = move |_| {
        let eid = evaluation_id.get_untracked();
        let Some(fw) = untrack(framework) else {
            state.tell(Notice::error(K::LedgerChooseEvaluation));
            return;
        };
        let answers = match state.wb().answers_of(&eid) {
            Read::Ready(a) => a,
            Read::Missing => Default::default(),
            Read::Unreadable(_) => {
                state.tell(Notice::of(true, WorkMessage::UnreadableEvaluation));
                return;
            }
        };
        let card = scoring::score(&fw, &answers);
        let at_most = fw.scale.share_at_or_below(&level.get_untracked());
        let drafts = with_ledger(state, |l| {
            draft_tasks(
                &Drafting {
                    fw: &fw,
                    card: &card,
                    answers: &answers,
                    evaluation_id: &eid,
                    rule: WeakRule { at_most },
                    today: today(),
                },
                l,
                new_id,
            )
        });
        let n = drafts.len();
        if n == 0 {
            state.tell(Notice::info(K::LedgerNoWeakPoints));
            return;
        }
        state.update_ledger(move |l| l.tasks.extend(drafts.iter().cloned()));
        state.tell(Notice::of(false, crate::i18n::Msg::TasksDrafted(n)));
    };
    view! {
        <div class="card draft-box">
            <h2>{tr(K::LedgerDraftTitle)}</h2>
            <Show when=move || !evaluations().is_empty() fallback=move || view! { <p>{tr(K::LedgerNeedEvaluation)}</p> }>
                <div class="form-grid">
                    <label for="draft-evaluation">{tr(K::PlanEvaluation)}</label>
                    <select id="draft-evaluation" prop:value=move || evaluation_id.get() on:change=move |ev| evaluation_id.set(event_target_value(&ev))>
                        {evaluation_options()}
                    </select>
                    <label for="draft-level">{tr(K::LedgerThreshold)}</label>
                    <select id="draft-level" prop:value=move || level.get() on:change=move |ev| level.set(event_target_value(&ev))>
                        {move || framework().map(|fw| {
                            let lang = state.lang.get();
                            fw.scale.threshold_levels().iter().map(|l| {
                                let label = content_text(lang, &l.label, &l.label_en);
                                let text = crate::i18n::Msg::AtOrBelow(label).text(lang);
                                view! { <option value=l.id.clone()>{text}</option> }
                            }).collect_view()
                        })}
                    </select>
                    <div class="actions span-all">
                        <button type="button" class="primary" on:click=generate>{tr(K::LedgerDraft)}</button>
                    </div>
                </div>
                <p class="help">{tr(K::LedgerDraftHelp)}</p>
            </Show>
        </div>
    }
}

#[component]
fn LedgerTable() -> impl IntoView {
    let state = use_app();
    let status = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let department = RwSignal::new(String::new());
    let area = RwSignal::new(String::new());
    let sort = RwSignal::new(Sort::Due);
    let open = RwSignal::new(None::<String>);
    let ids = Memo::new(move |_| {
        let filter = Filter {
            status: Status::from_code(&status.get()),
            owner: owner.get(),
            department: department.get(),
            area: area.get(),
        };
        with_ledger(state, |l| {
            l.view(&filter, sort.get(), today())
                .iter()
                .map(|t| t.id.clone())
                .collect::<Vec<_>>()
        })
    });
    let total = move || with_ledger(state, |l| l.tasks.len());
    let add = move |_| {
        let id = new_id();
        let mut t = Task::new(id.clone(), String::new());
        t.start = Some(today());
        state.update_ledger(move |l| l.tasks.push(t.clone()));
        status.set(String::new());
        owner.set(String::new());
        department.set(String::new());
        area.set(String::new());
        sort.set(Sort::Added);
        open.set(Some(id.clone()));
        focus_by_id(&format!("task-{id}-title"));
    };
    let export = move |_| {
        let school = state.current_school().map(|s| s.name).unwrap_or_default();
        let csv = with_ledger(state, |l| {
            let tasks = l.view(&Filter::default(), Sort::Due, today());
            to_csv(&tasks, |pid| point_text(state, &tasks, pid), today())
        });
        let name = file_name(&[&school, "工作台账", &today().to_string()], "csv");
        save(state, &name, "text/csv;charset=utf-8", csv.as_bytes());
    };
    // The same table as a filed document: landscape A4 in Word, or a Markdown table.
    let document = move |word: bool| {
        let Some(school) = state.current_school() else {
            return;
        };
        let fw = state.current_framework();
        let day = today();
        let bytes = with_ledger(state, |l| {
            let sheet = LedgerSheet {
                tasks: l.view(&Filter::default(), Sort::Due, day),
                framework: fw.as_deref(),
                today: day,
            };
            let d = xzzp_documents::ledger::document(&sheet, &school);
            if word {
                d.docx()
            } else {
                d.markdown().into_bytes()
            }
        });
        let (ext, mime) = if word {
            (
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            )
        } else {
            ("md", "text/markdown;charset=utf-8")
        };
        let name = file_name(&[&school.name, "工作台账", &day.to_string()], ext);
        save(state, &name, mime, &bytes);
    };
    let select =
        move |id: &'static str,
              label: K,
              signal: RwSignal<String>,
              options: Box<dyn Fn() -> Vec<(String, String)> + Send + Sync>| {
            view! {
                <label for=id>{move || state.t(label)}</label>
                <select id=id prop:value=move || signal.get() on:change=move |ev| signal.set(event_target_value(&ev))>
                    <option value="">{tr(K::LedgerAll)}</option>
                    {move || options().into_iter().map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view()}
                </select>
            }
        };
    view! {
        <div class="card">
            <div class="ledger-head">
                <h2>{tr(K::LedgerTasks)}" "<span class="muted">{move || format!("({})", total())}</span></h2>
                <span class="actions">
                    <button type="button" class="primary" on:click=add>{tr(K::LedgerAdd)}</button>
                    <button type="button" on:click=export disabled=move || total() == 0>{tr(K::LedgerExportCsv)}</button>
                    <button type="button" on:click=move |_| document(true) disabled=move || total() == 0>{tr(K::LedgerWord)}</button>
                    <button type="button" on:click=move |_| document(false) disabled=move || total() == 0>{tr(K::LedgerMarkdown)}</button>
                </span>
            </div>
            <div class="filters">
                {select("filter-status", K::LedgerStatus, status, Box::new(move || {
                    let lang = state.lang.get();
                    Status::ALL.iter().map(|s| (s.code().to_string(), lang.pick(s.zh(), s.en()).to_string())).collect()
                }))}
                {select("filter-owner", K::LedgerOwner, owner, Box::new(move || with_ledger(state, |l| l.distinct(|t| &t.owner)).into_iter().map(|v| (v.clone(), v)).collect()))}
                {select("filter-department", K::LedgerDepartment, department, Box::new(move || with_ledger(state, |l| l.distinct(|t| &t.department)).into_iter().map(|v| (v.clone(), v)).collect()))}
                {select("filter-area", K::LedgerArea, area, Box::new(move || with_ledger(state, |l| l.distinct(|t| &t.area)).into_iter().map(|v| (v.clone(), v)).collect()))}
                <label for="ledger-sort">{tr(K::LedgerSort)}</label>
                <select id="ledger-sort" prop:value=move || sort.get().code() on:change=move |ev| {
                    if let Some(s) = Sort::from_code(&event_target_value(&ev)) { sort.set(s); }
                }>
                    {Sort::ALL.into_iter().map(|s| {
                        let label = match s {
                            Sort::Due => K::LedgerDue, Sort::Start => K::LedgerStart, Sort::Status => K::LedgerStatus,
                            Sort::Owner => K::LedgerOwner, Sort::Department => K::LedgerDepartment, Sort::Added => K::LedgerAdded,
                        };
                        view! { <option value=s.code()>{move || state.t(label)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <table class="ledger-table">
                <thead>
                    <tr>
                        <th scope="col">"#"</th>
                        <th scope="col">{tr(K::LedgerTask)}</th>
                        <th scope="col">{tr(K::LedgerArea)}</th>
                        <th scope="col">{tr(K::LedgerOwner)}</th>
                        <th scope="col">{tr(K::LedgerDepartment)}</th>
                        <th scope="col">{tr(K::LedgerStart)}</th>
                        <th scope="col">{tr(K::LedgerDue)}</th>
                        <th scope="col">{tr(K::LedgerStatus)}</th>
                        <th scope="col">{tr(K::Actions)}</th>
                    </tr>
                </thead>
                <For each=move || ids.get() key=|id| id.clone() let:id>
                    <TaskRows order=ids id open/>
                </For>
            </table>
            <Show when=move || ids.with(|v| v.is_empty())>
                <p class="muted">{move || if total() == 0 { state.t(K::LedgerEmpty) } else { state.t(K::LedgerNoMatch) }}</p>
            </Show>
        </div>
    }
}

/// The text of a linked point, looked up in the framework of the task's evaluation.
fn point_text(state: AppState, tasks: &[&Task], point_id: &str) -> Option<String> {
    let eval = tasks
        .iter()
        .find(|t| t.points.iter().any(|p| p == point_id))?
        .evaluation_id
        .clone()?;
    let (fw_id, version) = state.wb().ws(|w| {
        w.evaluation(&eval)
            .map(|e| (e.framework_id.clone(), e.framework_version.clone()))
    })?;
    crate::state::framework_for(&fw_id, &version)?
        .point(point_id)
        .map(|p| p.text.clone())
}

#[component]
fn TaskRows(order: Memo<Vec<String>>, id: String, open: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let position = {
        let id = id.clone();
        move || order.with(|v| v.iter().position(|x| *x == id).map_or(0, |i| i + 1))
    };
    let get = {
        let id = id.clone();
        move |f: fn(&Task) -> String| with_task(state, &id, f).unwrap_or_default()
    };
    let (g1, g2, g3, g4) = (get.clone(), get.clone(), get.clone(), get.clone());
    let (g5, g6) = (get.clone(), get.clone());
    let shown = {
        let id = id.clone();
        move || {
            with_task(state, &id, |t| {
                (t.shown_status(today()), t.overdue_days(today()))
            })
        }
    };
    let is_open = {
        let id = id.clone();
        move || open.get().as_deref() == Some(id.as_str())
    };
    let is_open2 = is_open.clone();
    let toggle = {
        let id = id.clone();
        move |_| {
            open.update(|o| {
                *o = if o.as_deref() == Some(id.as_str()) {
                    None
                } else {
                    Some(id.clone())
                }
            })
        }
    };
    let done = {
        let id = id.clone();
        move |_| update_task(state, &id, move |t| t.status = Status::Done)
    };
    let remove = {
        let id = id.clone();
        move |_| {
            if confirm(state.t(K::LedgerDeleteConfirm)) {
                let id = id.clone();
                state.update_ledger(move |l| l.tasks.retain(|t| t.id != id));
            }
        }
    };
    let editor_id = format!("task-{id}-editor");
    let editor_id2 = editor_id.clone();
    let shown2 = shown.clone();
    let shown3 = shown.clone();
    view! {
        <tbody class="task" class:overdue=move || shown().is_some_and(|s| s.1.is_some())>
            <tr>
                <td>{position}</td>
                <td class="task-title" translate="no">{move || { let t = g1(|t| t.title.clone()); if t.is_empty() { "—".to_string() } else { t } }}</td>
                <td translate="no">{move || g2(|t| t.area.clone())}</td>
                <td translate="no">{move || g3(|t| t.owner.clone())}</td>
                <td translate="no">{move || g4(|t| t.department.clone())}</td>
                <td>{move || g5(|t| t.start.map(|d| d.to_string()).unwrap_or_default())}</td>
                <td>{move || g6(|t| t.due.map(|d| d.to_string()).unwrap_or_default())}</td>
                <td>
                    {move || shown2().map(|(s, overdue)| {
                        let lang = state.lang.get();
                        view! {
                            <span class=format!("status {}", s.code())>{lang.pick(s.zh(), s.en()).to_string()}</span>
                            {overdue.map(|days| view! {
                                <span class="overdue-mark">{crate::i18n::Msg::Overdue(days).text(lang)}</span>
                            })}
                        }
                    })}
                </td>
                <td class="row-actions">
                    <button type="button" on:click=toggle aria-expanded=move || is_open().to_string() aria-controls=editor_id.clone()>
                        {tr(K::Edit)}
                    </button>
                    <Show when=move || shown3().is_some_and(|s| s.0 != Status::Done)>
                        <button type="button" on:click=done.clone()>{tr(K::LedgerMarkDone)}</button>
                    </Show>
                    <button type="button" class="danger" on:click=remove>{tr(K::Delete)}</button>
                </td>
            </tr>
            <Show when=is_open2>
                <tr class="task-editor-row" id=editor_id2.clone()>
                    <td colspan="9"><TaskEditor id=id.clone()/></td>
                </tr>
            </Show>
        </tbody>
    }
}

/// A text field of a task.
fn task_field(
    state: AppState,
    id: &str,
    key: &'static str,
    label: K,
    get: fn(&Task) -> String,
    set: fn(&mut Task, String),
    multiline: bool,
) -> impl IntoView {
    let dom = format!("task-{id}-{key}");
    let (id1, id2) = (id.to_string(), id.to_string());
    let value = Signal::derive(move || with_task(state, &id1, get).unwrap_or_default());
    let on_change =
        Callback::new(move |v: String| update_task(state, &id2, move |t| set(t, v.clone())));
    let kind = if multiline {
        FieldKind::Lines(2)
    } else {
        FieldKind::Line
    };
    view! {
        <label for=dom.clone()>{move || state.t(label)}</label>
        <TextField id=dom value on_change kind/>
    }
}

fn date_field(
    state: AppState,
    id: &str,
    key: &'static str,
    label: K,
    get: fn(&Task) -> Option<NaiveDate>,
    set: fn(&mut Task, Option<NaiveDate>),
) -> impl IntoView {
    let dom = format!("task-{id}-{key}");
    let (id1, id2) = (id.to_string(), id.to_string());
    view! {
        <label for=dom.clone()>{move || state.t(label)}</label>
        <input id=dom type="date"
            prop:value=move || with_task(state, &id1, get).flatten().map(|d| d.to_string()).unwrap_or_default()
            on:change=move |ev| {
                let v = event_target_value(&ev).parse::<NaiveDate>().ok();
                update_task(state, &id2, move |t| set(t, v));
            }
        />
    }
}

#[component]
fn TaskEditor(id: String) -> impl IntoView {
    let state = use_app();
    let problems = {
        let id = id.clone();
        move || with_task(state, &id, |t| t.problems()).unwrap_or_default()
    };
    let status_id = format!("task-{id}-status");
    let (sid1, sid2) = (id.clone(), id.clone());
    view! {
        <div class="task-editor">
            <div class="form-grid">
                {task_field(state, &id, "title", K::LedgerTask, |t| t.title.clone(), |t, v| t.title = v, true)}
                {task_field(state, &id, "owner", K::LedgerOwner, |t| t.owner.clone(), |t, v| t.owner = v, false)}
                {task_field(state, &id, "department", K::LedgerDepartment, |t| t.department.clone(), |t, v| t.department = v, false)}
                {task_field(state, &id, "area", K::LedgerArea, |t| t.area.clone(), |t, v| t.area = v, false)}
                {date_field(state, &id, "start", K::LedgerStart, |t| t.start, |t, v| t.start = v)}
                {date_field(state, &id, "due", K::LedgerDue, |t| t.due, |t, v| t.due = v)}
                <label for=status_id.clone()>{tr(K::LedgerStatus)}</label>
                <select id=status_id prop:value=move || with_task(state, &sid1, |t| t.status.code()).unwrap_or_default()
                    on:change=move |ev| { if let Some(s) = Status::from_code(&event_target_value(&ev)) { update_task(state, &sid2, move |t| t.status = s); } }>
                    {Status::ALL.into_iter().map(|s| view! { <option value=s.code()>{move || state.lang.get().pick(s.zh(), s.en()).to_string()}</option> }).collect_view()}
                </select>
                {task_field(state, &id, "target", K::LedgerTarget, |t| t.target.clone(), |t, v| t.target = v, false)}
            </div>
            <ul class="errors" role="alert">{move || { let lang = state.lang.get(); problems().into_iter().map(|p| view! { <li>{p.text(lang)}</li> }).collect_view() }}</ul>
            <LinkedPoints id=id.clone()/>
            <Milestones id=id.clone()/>
            <Notes id=id.clone()/>
        </div>
    }
}

#[component]
fn LinkedPoints(id: String) -> impl IntoView {
    let state = use_app();
    let framework = {
        let id = id.clone();
        move || {
            let eval = with_task(state, &id, |t| t.evaluation_id.clone())
                .flatten()
                .or_else(|| state.answers.id())?;
            let (fw_id, version) = state
                .workspace
                .read(|w| {
                    w.evaluation(&eval)
                        .map(|e| (e.framework_id.clone(), e.framework_version.clone()))
                })
                .flatten()?;
            crate::state::framework_for(&fw_id, &version).map(|f| (eval, f))
        }
    };
    let framework2 = framework.clone();
    let points = {
        let id = id.clone();
        move || with_task(state, &id, |t| t.points.clone()).unwrap_or_default()
    };
    let select_id = format!("task-{id}-add-point");
    let (id1, id2) = (id.clone(), id.clone());
    view! {
        <div class="linked-points">
            <h3>{tr(K::LedgerPoints)}</h3>
            <ul>
                {move || {
                    let fw = framework().map(|f| f.1);
                    points().into_iter().map(|p| {
                        let text = fw.as_ref().and_then(|f| f.point(&p)).map(|x| x.text.clone()).unwrap_or_default();
                        let (pid, id) = (p.clone(), id1.clone());
                        view! {
                            <li>
                                <span class="pt-id">{p.clone()}</span>" "<span lang="zh-CN">{text}</span>
                                <button type="button" class="link danger" on:click=move |_| {
                                    let pid = pid.clone();
                                    update_task(state, &id, move |t| t.points.retain(|x| *x != pid));
                                }>{tr(K::Delete)}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
            {move || framework2().map(|(eval, fw)| {
                let id = id2.clone();
                let select_id = select_id.clone();
                view! {
                    <label for=select_id.clone()>{tr(K::LedgerAddPoint)}</label>
                    <select id=select_id on:change=move |ev| {
                        let pid = event_target_value(&ev);
                        if pid.is_empty() { return; }
                        let (fw, eval) = (fw.clone(), eval.clone());
                        update_task(state, &id, move |t| { t.link_point(&fw, &eval, &pid); });
                    }>
                        <option value="">"—"</option>
                        {fw.points().map(|(_, _, p)| view! {
                            <option value=p.id.clone()>{format!("{} {}", p.id, xzzp_core::ledger::short(&p.text, 30))}</option>
                        }).collect_view()}
                    </select>
                }
            })}
        </div>
    }
}

#[component]
fn Milestones(id: String) -> impl IntoView {
    let state = use_app();
    let count = {
        let id = id.clone();
        Memo::new(move |_| with_task(state, &id, |t| t.milestones.len()).unwrap_or(0))
    };
    let id_add = id.clone();
    view! {
        <div class="milestones">
            <h3>{tr(K::LedgerMilestones)}</h3>
            <ol>
                {move || (0..count.get()).map(|i| {
                    let (a, b, c, d, e) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
                    let dom = format!("task-{id}-ms-{i}");
                    view! {
                        <li>
                            <label class="sr-only" for=format!("{dom}-date")>{tr(K::LedgerDate)}</label>
                            <input id=format!("{dom}-date") type="date"
                                prop:value=move || with_task(state, &a, |t| t.milestones.get(i).map(|m| m.date.to_string())).flatten().unwrap_or_default()
                                on:change=move |ev| {
                                    if let Ok(dt) = event_target_value(&ev).parse::<NaiveDate>() {
                                        update_task(state, &b, move |t| if let Some(m) = t.milestones.get_mut(i) { m.date = dt; });
                                    }
                                }/>
                            <label class="sr-only" for=format!("{dom}-text")>{tr(K::LedgerMilestone)}</label>
                            <TextField id=format!("{dom}-text")
                                value=Signal::derive(move || with_task(state, &c, |t| t.milestones.get(i).map(|m| m.text.clone())).flatten().unwrap_or_default())
                                on_change=Callback::new(move |v: String| update_task(state, &d, move |t| if let Some(m) = t.milestones.get_mut(i) { m.text = v.clone(); }))/>
                            <label>
                                <input type="checkbox"
                                    prop:checked={ let e2 = e.clone(); move || with_task(state, &e2, |t| t.milestones.get(i).is_some_and(|m| m.done)).unwrap_or(false) }
                                    on:change={ let e3 = e.clone(); move |ev| { let v = event_target_checked(&ev); update_task(state, &e3, move |t| if let Some(m) = t.milestones.get_mut(i) { m.done = v; }); } }/>
                                {tr(K::LedgerReached)}
                            </label>
                            <button type="button" class="link danger" on:click={ let e4 = e.clone(); move |_| update_task(state, &e4, move |t| if i < t.milestones.len() { t.milestones.remove(i); }) }>
                                {tr(K::Delete)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <button type="button" class="link" on:click=move |_| {
                let n = count.get_untracked();
                update_task(state, &id_add, move |t| t.milestones.push(Milestone { date: today(), text: String::new(), done: false }));
                focus_by_id(&format!("task-{}-ms-{n}-text", id_add));
            }>{tr(K::LedgerAddMilestone)}</button>
        </div>
    }
}

#[component]
fn Notes(id: String) -> impl IntoView {
    let state = use_app();
    let draft = RwSignal::new(String::new());
    let date = RwSignal::new(today().to_string());
    let notes = {
        let id = id.clone();
        move || with_task(state, &id, |t| t.notes.clone()).unwrap_or_default()
    };
    let dom = format!("task-{id}-note");
    let id_add = id.clone();
    view! {
        <div class="progress-notes">
            <h3>{tr(K::LedgerNotes)}</h3>
            <ul>
                {move || notes().into_iter().enumerate().map(|(i, n)| {
                    let id = id.clone();
                    view! {
                        <li>
                            <span class="muted">{n.date.to_string()}</span>" "<span translate="no">{n.text}</span>
                            <button type="button" class="link danger" on:click=move |_| update_task(state, &id, move |t| if i < t.notes.len() { t.notes.remove(i); })>
                                {tr(K::Delete)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <div class="note-add">
                <label class="sr-only" for=format!("{dom}-date")>{tr(K::LedgerDate)}</label>
                <input id=format!("{dom}-date") type="date" prop:value=move || date.get() on:change=move |ev| date.set(event_target_value(&ev))/>
                <label class="sr-only" for=format!("{dom}-text")>{tr(K::LedgerNote)}</label>
                <TextField id=format!("{dom}-text") kind=FieldKind::Lines(2)
                    placeholder=Signal::derive(move || state.t(K::LedgerNote).to_string())
                    value=draft on_change=Callback::new(move |v| draft.set(v))/>
                <button type="button" on:click=move |_| {
                    let text = draft.get_untracked();
                    let Ok(d) = date.get_untracked().parse::<NaiveDate>() else { return };
                    if text.trim().is_empty() { return; }
                    update_task(state, &id_add, move |t| t.notes.push(ProgressNote { date: d, text: text.clone() }));
                    draft.set(String::new());
                }>{tr(K::LedgerAddNote)}</button>
            </div>
        </div>
    }
}

/// Pixels per day on the timeline.
const DAY: f64 = 2.2;
const ROW: f64 = 30.0;
const LABEL: f64 = 230.0;
const TOP: f64 = 40.0;

#[component]
fn LedgerTimeline() -> impl IntoView {
    let state = use_app();
    let tl = Memo::new(move |_| with_ledger(state, |l| timeline(l, today())));
    move || {
        tl.get().map(|tl| {
            let lang = state.lang.get();
            let width = LABEL + tl.days as f64 * DAY + 10.0;
            let height = TOP + tl.rows.len() as f64 * ROW + 10.0;
            let x = |day: i64| LABEL + day as f64 * DAY;
            let months = tl
                .months
                .iter()
                .map(|&(y, m, d)| {
                    let label = crate::i18n::Msg::Month { year: (m == 1 || d == 0).then_some(y), month: m }.text(lang);
                    view! {
                        <line x1=x(d) x2=x(d) y1="20" y2=height class="grid"/>
                        <text x=x(d) + 4.0 y="16" class="month">{label}</text>
                    }
                })
                .collect_view();
            let rows = tl
                .rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let y = TOP + i as f64 * ROW;
                    let class = if r.done { "bar done" } else if r.overdue { "bar overdue" } else { "bar" };
                    let title = xzzp_core::ledger::short(if r.title.is_empty() { "—" } else { &r.title }, 16);
                    let overdue_label = r.overdue.then(|| view! {
                        <text x=x(r.to) + 6.0 y=y + 19.0 class="overdue-text">{K::LedgerOverdue.text(lang)}</text>
                    });
                    let milestones = r.milestones.iter().map(|(d, text, reached, late)| {
                        let cx = x(*d);
                        let cy = y + 14.0;
                        let class = if *late { "milestone late" } else if *reached { "milestone reached" } else { "milestone" };
                        view! {
                            <polygon class=class points=format!("{},{} {},{} {},{} {},{}", cx, cy - 7.0, cx + 7.0, cy, cx, cy + 7.0, cx - 7.0, cy)>
                                <title>{text.clone()}</title>
                            </polygon>
                        }
                    }).collect_view();
                    view! {
                        <g class="row" translate="no">
                            <text x="4" y=y + 19.0 class="label">{format!("{}. {title}", i + 1)}</text>
                            <rect class=class x=x(r.from) y=y + 6.0 width=((r.to - r.from + 1) as f64 * DAY).max(4.0) height="16" rx="3">
                                <title>{r.title.clone()}</title>
                            </rect>
                            {overdue_label}
                            {milestones}
                        </g>
                    }
                })
                .collect_view();
            let today_line = tl.today.filter(|d| (0..=tl.days).contains(d)).map(|d| view! {
                <line class="today" x1=x(d) x2=x(d) y1="20" y2=height/>
                <text class="today-text" x=x(d) + 3.0 y="32">{K::LedgerToday.text(lang)}</text>
            });
            view! {
                <div class="card timeline">
                    <h2>{state.t(K::LedgerTimeline)}</h2>
                    <p class="help">{state.t(K::LedgerTimelineHelp)}</p>
                    <div class="timeline-scroll">
                        <svg role="img" aria-label=state.t(K::LedgerTimeline) width=width height=height viewBox=format!("0 0 {width} {height}")>
                            {months}
                            {rows}
                            {today_line}
                        </svg>
                    </div>
                </div>
            }
        })
    }
}
