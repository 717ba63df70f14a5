//! 全员自评 (the principal's side): 分工 by department and person, one 填报包 per assignee, and 回收 — many
//! answer files and pasted 答卷码 at once, who is missing, staff views per point, and adopting a department's
//! answers as the school's conclusion. Every rule is the core's (`assignment`, `invitation`, `collection`);
//! this page only shows them and calls the workbench's actions.

use crate::download::{picked_files, read_file, save};
use crate::i18n::{Localized, Msg, K};
use crate::notices::Notice;
use crate::pages::need_school;
use crate::route::Route;
use crate::state::{use_app, AppState};
use crate::ui::{tr, DropZone, FieldKind, TextField};
use leptos::prelude::*;
use std::sync::Arc;
use xzzp_core::assignment::{Assignee, Who};
use xzzp_core::collection::{points_csv, status_csv};
use xzzp_core::framework::Framework;

/// Now as `YYYY-MM-DDTHH:MM` (local time), for packages.
pub fn now_iso() -> String {
    now().format("%Y-%m-%dT%H:%M").to_string()
}

/// Now, local time.
pub fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// Offers a file made by the core (a package or an answer file) for download.
pub fn save_json(state: AppState, name: &str, json: &str) -> bool {
    save(state, name, "application/json", json.as_bytes())
}

/// The page.
#[component]
pub fn StaffPage() -> impl IntoView {
    let state = use_app();
    // Re-rendered only when the school or the evaluation changes, not on every answer (an adoption changes
    // answers, and the import results must stay on screen).
    let open = Memo::new(move |_| {
        (
            state.current_school().map(|s| s.id),
            state
                .current_framework()
                .zip(state.current_evaluation())
                .map(|(f, e)| (f.id.clone(), e.id)),
        )
    });
    view! {
        <section class="page staff">
            <h1 tabindex="-1">{tr(K::NavStaff)}</h1>
            <p class="help">{tr(K::StaffHelp)}</p>
            {move || match (open.get().0, open.get().1.and_then(|(f, _)| crate::state::framework(&f))) {
                (None, _) => need_school().into_any(),
                (Some(_), None) => view! {
                    <p>{tr(K::StaffNeedEvaluation)}</p>
                    <p><a class="button primary" href=Route::Survey.hash()>{tr(K::NavSurvey)}</a></p>
                }
                .into_any(),
                (Some(_), Some(fw)) => view! {
                    <Assign fw=fw.clone()/>
                    <Collect fw/>
                }
                .into_any(),
            }}
        </section>
    }
}

fn assignees_of(state: AppState, department: Option<String>) -> Vec<Assignee> {
    state
        .staff
        .read(|s| {
            s.assignment
                .assignees
                .iter()
                .filter(|a| a.department == department)
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// 分工: departments, their items and people, due date and instructions, problems and packages.
#[component]
fn Assign(fw: Arc<Framework>) -> impl IntoView {
    let state = use_app();
    let new_dept = RwSignal::new(String::new());
    let add_dept = move || {
        let name = new_dept.get_untracked();
        if name.trim().is_empty() {
            return;
        }
        if state
            .act(|wb| {
                wb.update_assignment(move |a| {
                    a.add_department(&name);
                })
            })
            .is_some()
        {
            new_dept.set(String::new());
        }
    };
    // A 分工 never edited is prefilled from the 自评方案's 领导小组 and 职责分工 as soon as it can be read.
    let ready = Memo::new(move |_| {
        state
            .staff
            .with(|s| matches!(s, xzzp_core::store::doc::DocState::Ready { .. }))
    });
    Effect::new(move |_| {
        if ready.get() {
            if let Some(n) = state.act(|wb| wb.prefill_assignment()) {
                if n > 0 {
                    state.tell(Notice::of(false, Msg::DepartmentsFromPlan(n)));
                }
            }
        }
    });
    let from_plan = move |_| {
        if let Some(n) = state.act(|wb| wb.assignment_from_plan()) {
            state.tell(Notice::of(false, Msg::DepartmentsFromPlan(n)));
        }
    };
    let to_plan = move |_| {
        if state.act(|wb| wb.assignment_to_plan()).is_some() {
            state.tell(Notice::of(false, Msg::AssignmentWrittenToPlan));
        }
    };
    let departments = move || {
        state
            .staff
            .read(|s| {
                s.assignment
                    .departments
                    .iter()
                    .map(|d| d.id.clone())
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let fw_problems = fw.clone();
    let problems = Memo::new(move |_| {
        state
            .staff
            .read(|s| s.assignment.problems(&fw_problems))
            .unwrap_or_default()
    });
    let fw_cov = fw.clone();
    let fw_school = fw.clone();
    let unassigned = move || {
        state
            .staff
            .read(|s| s.assignment.coverage(&fw_cov).unassigned)
            .unwrap_or_default()
    };
    let school_people = move || {
        assignees_of(state, None)
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    // All staff of the school answer the whole framework (no items: see `Assignee::items`).
    let add_school_staff = move |_| {
        state.act(|wb| {
            wb.update_assignment(|a| {
                a.add_staff(None, None, false);
            })
        });
    };
    let export_all = move |each: bool| {
        if let Some(files) = state.act(|wb| wb.issue_packages(each, &now_iso())) {
            for (name, json) in files {
                save_json(state, &name, &json);
            }
        }
    };
    let due = Signal::derive(move || {
        state
            .staff
            .read(|s| s.assignment.due.map(|d| d.to_string()))
            .flatten()
            .unwrap_or_default()
    });
    let message = Signal::derive(move || {
        state
            .staff
            .read(|s| s.assignment.message.clone())
            .unwrap_or_default()
    });
    view! {
        <div class="card staff-assign">
            <h2>{tr(K::StaffAssignTitle)}</h2>
            <p class="help">{tr(K::StaffAssignHelp)}</p>
            <div class="actions">
                <button type="button" id="staff-from-plan" on:click=from_plan>{tr(K::StaffFromPlan)}</button>
                <button type="button" id="staff-to-plan" on:click=to_plan>{tr(K::StaffWriteToPlan)}</button>
            </div>
            <Show when=move || departments().is_empty()>
                <p class="muted">{tr(K::StaffNoDepartments)}</p>
            </Show>
            <For each=departments key=|id| id.clone() let:id>
                <DepartmentCard fw=fw.clone() id/>
            </For>
            <div class="department card school-level">
                <h3>{tr(K::StaffSchoolLevel)}</h3>
                <ul class="people">
                    <For each=school_people key=|id| id.clone() let:aid>
                        <AssigneeRow fw=fw_school.clone() id=aid/>
                    </For>
                </ul>
                <button type="button" id="staff-add-school-staff" on:click=add_school_staff>{tr(K::StaffAddSchoolStaff)}</button>
            </div>
            <form class="add-department" on:submit=move |ev| { ev.prevent_default(); add_dept(); }>
                <label for="staff-new-department">{tr(K::StaffDepartmentName)}</label>
                <TextField id="staff-new-department" value=new_dept on_change=Callback::new(move |v| new_dept.set(v))
                    placeholder=Signal::derive(move || state.t(K::StaffDepartmentExample).to_string())/>
                <button type="submit">{tr(K::StaffAddDepartment)}</button>
            </form>
            <div class="form-grid">
                <label for="staff-due">{tr(K::StaffDue)}</label>
                <TextField id="staff-due" kind=FieldKind::Date value=due on_change=Callback::new(move |v: String| {
                    let d = chrono::NaiveDate::parse_from_str(&v, "%Y-%m-%d").ok();
                    state.act(|wb| wb.update_assignment(move |a| a.due = d));
                })/>
                <label for="staff-message">{tr(K::StaffMessage)}</label>
                <TextField id="staff-message" kind=FieldKind::Lines(2) value=message on_change=Callback::new(move |v: String| {
                    state.act(|wb| wb.update_assignment(move |a| a.message = v.clone()));
                })/>
            </div>
            <p class="coverage">
                {move || {
                    let u = unassigned();
                    if u.is_empty() {
                        state.t(K::StaffAllAssigned).to_string()
                    } else {
                        format!("{}（{}）：{}", state.t(K::StaffUnassigned), u.len(), u.join("、"))
                    }
                }}
            </p>
            <Show when=move || !problems.with(Vec::is_empty)>
                <div class="notice error staff-problems" role="status">
                    <p>{tr(K::StaffProblems)}</p>
                    <ul>{move || problems.get().into_iter().map(|p| view! { <li>{p.text(state.lang.get())}</li> }).collect_view()}</ul>
                </div>
            </Show>
            <h3>{tr(K::StaffPackages)}</h3>
            <div class="actions">
                <button type="button" class="primary" id="staff-export-each" on:click=move |_| export_all(true)>{tr(K::StaffPackageEach)}</button>
                <button type="button" id="staff-export-all" on:click=move |_| export_all(false)>{tr(K::StaffPackageAll)}</button>
            </div>
        </div>
    }
}

/// One department: name, head, items, people.
#[component]
fn DepartmentCard(fw: Arc<Framework>, id: String) -> impl IntoView {
    let state = use_app();
    let dept = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .staff
                .read(|s| s.assignment.department(&id).cloned())
                .flatten()
        })
    };
    let set = {
        let id = id.clone();
        move |f: Box<dyn Fn(&mut xzzp_core::assignment::Department)>| {
            let id = id.clone();
            let f: std::rc::Rc<dyn Fn(&mut xzzp_core::assignment::Department)> = f.into();
            state.act(|wb| {
                wb.update_assignment(move |a| {
                    if let Some(d) = a.department_mut(&id) {
                        f(d);
                    }
                })
            });
        }
    };
    let set_name = set.clone();
    let set_lead = set.clone();
    let dom = format!("staff-dept-{id}");
    let id_people = id.clone();
    let people = move || {
        assignees_of(state, Some(id_people.clone()))
            .into_iter()
            .map(|a| a.id)
            .collect::<Vec<_>>()
    };
    let id_add = id.clone();
    let add_person = move |_| {
        let d = id_add.clone();
        state.act(|wb| {
            wb.update_assignment(move |a| {
                a.add_person(Some(&d), "", "");
            })
        });
    };
    let id_staff = id.clone();
    let add_staff = move |_| {
        let d = id_staff.clone();
        state.act(|wb| {
            wb.update_assignment(move |a| {
                a.add_staff(Some(&d), None, false);
            })
        });
    };
    let id_rm = id.clone();
    let remove = move |_| {
        let d = id_rm.clone();
        state.act(|wb| {
            wb.update_assignment(move |a| {
                a.remove_department(&d);
            })
        });
    };
    let fw_count = fw.clone();
    let id_count = id.clone();
    let count = move || {
        state
            .staff
            .read(|s| s.assignment.department_points(&fw_count, &id_count).len())
            .unwrap_or(0)
    };
    let item_boxes = fw
        .areas
        .iter()
        .map(|area| {
            let boxes = std::iter::once((area.id.clone(), area.title.clone(), true))
                .chain(
                    area.indicators
                        .iter()
                        .map(|i| (i.id.clone(), i.title.clone(), false)),
                )
                .map(|(item, title, is_area)| {
                    let box_id = format!("{dom}-item-{}", item.replace('.', "-"));
                    let box_for = box_id.clone();
                    let item2 = item.clone();
                    let checked =
                        move || dept.with(|d| d.as_ref().is_some_and(|d| d.items.contains(&item2)));
                    let toggle = item_toggle(set.clone(), item);
                    view! {
                        <label class="choice item" class:area=is_area for=box_for>
                            <input type="checkbox" id=box_id prop:checked=checked on:change=toggle/>
                            <span lang="zh-CN">{title}</span>
                        </label>
                    }
                })
                .collect_view();
            let points = dept_point_boxes(area, &dom, dept, set.clone());
            view! {
                <div class="item-group">{boxes}</div>
                <details class="dept-points">
                    <summary>{tr(K::StaffSinglePoints)}</summary>
                    {points}
                </details>
            }
        })
        .collect_view();
    view! {
        <article class="department card" id=dom.clone()>
            <div class="form-grid">
                <label for=format!("{dom}-name")>{tr(K::StaffDepartmentName)}</label>
                <TextField id=format!("{dom}-name")
                    value=Signal::derive(move || dept.with(|d| d.as_ref().map(|d| d.name.clone()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| set_name(Box::new(move |d| d.name = v.clone())))/>
                <label for=format!("{dom}-lead")>{tr(K::StaffLead)}</label>
                <TextField id=format!("{dom}-lead")
                    value=Signal::derive(move || dept.with(|d| d.as_ref().map(|d| d.lead.clone()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| set_lead(Box::new(move |d| d.lead = v.clone())))/>
            </div>
            <details class="items">
                <summary>{tr(K::StaffItems)}" · "{count}" "{tr(K::StaffPointsCount)}</summary>
                {item_boxes}
            </details>
            <ul class="people">
                <For each=people key=|id| id.clone() let:aid>
                    <AssigneeRow fw=fw.clone() id=aid/>
                </For>
            </ul>
            <div class="actions">
                <button type="button" class="add-person" on:click=add_person>{tr(K::StaffAddPerson)}</button>
                <button type="button" class="add-staff" on:click=add_staff>{tr(K::StaffAddAllStaff)}</button>
                <button type="button" class="link danger" on:click=remove>{tr(K::StaffRemove)}</button>
            </div>
        </article>
    }
}

/// A department's checkbox for an item: ticking gives the department the item, unticking takes it back.
fn item_toggle(
    set: impl Fn(Box<dyn Fn(&mut xzzp_core::assignment::Department)>) + 'static,
    item: String,
) -> impl Fn(web_sys::Event) + 'static {
    move |ev| {
        let on = event_target_checked(&ev);
        let item = item.clone();
        set(Box::new(move |d| d.set_item(&item, on)));
    }
}

/// The single points of one area for a department card. A point already covered by its ticked area or
/// indicator shows ticked and cannot be unticked alone; any other point can be given to the department on
/// its own (the core's `expand` counts point ids in a department's items like areas and indicators).
fn dept_point_boxes(
    area: &xzzp_core::framework::Area,
    dom: &str,
    dept: Memo<Option<xzzp_core::assignment::Department>>,
    set: impl Fn(Box<dyn Fn(&mut xzzp_core::assignment::Department)>) + Clone + 'static,
) -> impl IntoView {
    area.indicators
        .iter()
        .map(|ind| {
            let boxes = ind
                .points
                .iter()
                .map(|p| {
                    let box_id = format!("{dom}-pt-{}", p.id.replace('.', "-"));
                    let (area_id, ind_id) = (area.id.clone(), ind.id.clone());
                    let covered = move || {
                        dept.with(|d| d.as_ref().is_some_and(|d| d.covers(&area_id, &ind_id)))
                    };
                    let pid = p.id.clone();
                    let covered_check = covered.clone();
                    let checked = move || {
                        covered_check()
                            || dept.with(|d| d.as_ref().is_some_and(|d| d.items.contains(&pid)))
                    };
                    let toggle = item_toggle(set.clone(), p.id.clone());
                    point_choice(box_id, p, checked, covered, toggle)
                })
                .collect_view();
            indicator_group(&ind.title, boxes)
        })
        .collect_view()
}

/// One point as a checkbox: its id and the start of its text.
fn point_choice(
    box_id: String,
    p: &xzzp_core::framework::Point,
    checked: impl Fn() -> bool + Send + Sync + 'static,
    disabled: impl Fn() -> bool + Send + Sync + 'static,
    toggle: impl Fn(web_sys::Event) + 'static,
) -> impl IntoView {
    let label_for = box_id.clone();
    view! {
        <label class="choice item" for=label_for>
            <input type="checkbox" id=box_id prop:checked=checked prop:disabled=disabled on:change=toggle/>
            <span class="pt-id">{p.id.clone()}</span>" "<span lang="zh-CN">{xzzp_core::ledger::short(&p.text, 24)}</span>
        </label>
    }
}

/// The points of one indicator under its title.
fn indicator_group(title: &str, boxes: impl IntoView) -> impl IntoView {
    view! {
        <div class="item-group">
            <span class="muted" lang="zh-CN">{title.to_string()}</span>
            {boxes}
        </div>
    }
}

/// One assignee: a person (name, post, their own points) or all staff (expected count, anonymous).
#[component]
fn AssigneeRow(fw: Arc<Framework>, id: String) -> impl IntoView {
    let state = use_app();
    let me = {
        let id = id.clone();
        Memo::new(move |_| {
            state
                .staff
                .read(|s| s.assignment.assignee(&id).cloned())
                .flatten()
        })
    };
    let change = {
        let id = id.clone();
        move |f: std::rc::Rc<dyn Fn(&mut Assignee)>| {
            let id = id.clone();
            state.act(|wb| {
                wb.update_assignment(move |a| {
                    if let Some(x) = a.assignee_mut(&id) {
                        f(x);
                    }
                })
            });
        }
    };
    let dom = format!("staff-a-{id}");
    let id_export = id.clone();
    let export = move |_| {
        if let Some((name, json)) = state.act(|wb| wb.issue_package_for(&id_export, &now_iso())) {
            save_json(state, &name, &json);
        }
    };
    let id_rm = id.clone();
    let remove = move |_| {
        let x = id_rm.clone();
        state.act(|wb| {
            wb.update_assignment(move |a| {
                a.remove_assignee(&x);
            })
        });
    };
    let is_person =
        move || me.with(|m| matches!(m.as_ref().map(|m| &m.who), Some(Who::Person { .. })));
    let (c1, c2, c3, c4) = (change.clone(), change.clone(), change.clone(), change);
    let field = move |which: u8| {
        Signal::derive(move || {
            me.with(|m| match m.as_ref().map(|m| &m.who) {
                Some(Who::Person { name, role }) => {
                    if which == 0 {
                        name.clone()
                    } else {
                        role.clone()
                    }
                }
                Some(Who::Staff { expected, .. }) => {
                    expected.map(|e| e.to_string()).unwrap_or_default()
                }
                None => String::new(),
            })
        })
    };
    let dom2 = dom.clone();
    let li_id = dom.clone();
    view! {
        <li class="assignee" id=li_id>
            <Show when=is_person fallback=move || {
                let (c3, c4) = (c3.clone(), c4.clone());
                let dom = dom2.clone();
                view! {
                    <span class="who">{tr(K::StaffAllStaff)}</span>
                    <label for=format!("{dom}-expected")>{tr(K::StaffExpected)}</label>
                    <TextField id=format!("{dom}-expected") kind=FieldKind::Number class="short" value=field(2)
                        on_change=Callback::new(move |v: String| {
                            let n = v.trim().parse::<u32>().ok();
                            c3(std::rc::Rc::new(move |a| if let Who::Staff { expected, .. } = &mut a.who { *expected = n; }));
                        })/>
                    <label class="choice" for=format!("{dom}-anon")>
                        <input type="checkbox" id=format!("{dom}-anon")
                            prop:checked=move || me.with(|m| m.as_ref().is_some_and(|m| m.is_anonymous()))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                c4(std::rc::Rc::new(move |a| if let Who::Staff { anonymous, .. } = &mut a.who { *anonymous = on; }));
                            }/>
                        {tr(K::StaffAnonymous)}
                    </label>
                }
            }>
                <label for=format!("{dom}-name")>{tr(K::StaffPersonName)}</label>
                <TextField id=format!("{dom}-name") class="person-name" value=field(0) on_change=Callback::new({
                    let c1 = c1.clone();
                    move |v: String| c1(std::rc::Rc::new(move |a| if let Who::Person { name, .. } = &mut a.who { *name = v.trim().to_string(); }))
                })/>
                <label for=format!("{dom}-role")>{tr(K::StaffPersonRole)}</label>
                <TextField id=format!("{dom}-role") class="person-role" value=field(1) on_change=Callback::new({
                    let c2 = c2.clone();
                    move |v: String| c2(std::rc::Rc::new(move |a| if let Who::Person { role, .. } = &mut a.who { *role = v.trim().to_string(); }))
                })/>
            </Show>
            <Show when=is_person>
                <OwnPoints fw=fw.clone() id=id.clone()/>
            </Show>
            <button type="button" class="export-package" on:click=export>{tr(K::StaffExportOne)}</button>
            <button type="button" class="link danger" on:click=remove>{tr(K::StaffRemove)}</button>
        </li>
    }
}

/// A named person's points: every point of the framework by indicator, ticked when the person answers it.
/// Ticking or unticking one gives the person points of their own (the core's `Assignment::set_point`); the
/// button makes them follow the department again.
#[component]
fn OwnPoints(fw: Arc<Framework>, id: String) -> impl IntoView {
    let state = use_app();
    let fw_points = fw.clone();
    let id_points = id.clone();
    let mine = Memo::new(move |_| {
        state
            .staff
            .read(|s| s.assignment.points_of(&fw_points, &id_points))
            .unwrap_or_default()
    });
    let id_own = id.clone();
    let own = Memo::new(move |_| {
        state
            .staff
            .read(|s| s.assignment.has_own_points(&id_own))
            .unwrap_or(false)
    });
    let id_level = id.clone();
    let school_level = Memo::new(move |_| {
        state
            .staff
            .read(|s| {
                s.assignment
                    .assignee(&id_level)
                    .is_some_and(|a| a.department.is_none())
            })
            .unwrap_or(false)
    });
    let dom = format!("staff-a-{id}-pt");
    let id_follow = id.clone();
    let follow = move |_| {
        let x = id_follow.clone();
        state.act(|wb| {
            wb.update_assignment(move |a| {
                a.follow_department(&x);
            })
        });
    };
    let id_clear = id.clone();
    let clear = move |_| {
        let x = id_clear.clone();
        state.act(|wb| {
            wb.update_assignment(move |a| {
                a.clear_points(&x);
            })
        });
    };
    let groups = fw
        .areas
        .iter()
        .flat_map(|a| &a.indicators)
        .map(|ind| {
            let boxes = ind
                .points
                .iter()
                .map(|p| {
                    let box_id = format!("{dom}-{}", p.id.replace('.', "-"));
                    let pid = p.id.clone();
                    let pid_toggle = p.id.clone();
                    let (fw, id) = (fw.clone(), id.clone());
                    let toggle = move |ev: web_sys::Event| {
                        let on = event_target_checked(&ev);
                        let (fw, id, pid) = (fw.clone(), id.clone(), pid_toggle.clone());
                        state.act(|wb| {
                            wb.update_assignment(move |a| {
                                a.set_point(&fw, &id, &pid, on);
                            })
                        });
                    };
                    point_choice(
                        box_id,
                        p,
                        move || mine.with(|m| m.contains(&pid)),
                        || false,
                        toggle,
                    )
                })
                .collect_view();
            indicator_group(&ind.title, boxes)
        })
        .collect_view();
    view! {
        <details class="items own-points">
            <summary>
                {tr(K::StaffOwnPoints)}" · "{move || mine.with(Vec::len)}" "{tr(K::StaffPointsCount)}" · "
                <span class="tag">{move || state.t(if own.get() {
                    K::StaffOwnChosen
                } else if school_level.get() {
                    K::StaffWholeFramework
                } else {
                    K::StaffFollowsDepartment
                })}</span>
            </summary>
            <p class="help">{tr(K::StaffOwnPointsHelp)}</p>
            <div class="actions">
                <button type="button" class="clear-points" on:click=clear>{tr(K::StaffClearPoints)}</button>
                <Show when=move || own.get()>
                    <button type="button" class="follow-department" on:click=follow.clone()>{tr(K::StaffFollowDepartment)}</button>
                </Show>
            </div>
            {groups}
        </details>
    }
}

/// 回收: import files and codes, who is missing, staff views per point, adoption.
#[component]
fn Collect(fw: Arc<Framework>) -> impl IntoView {
    let state = use_app();
    let results: RwSignal<Vec<(bool, String)>> = RwSignal::new(vec![]);
    let codes = RwSignal::new(String::new());
    let overwrite = RwSignal::new(false);
    let run = move |files: Vec<(String, Vec<u8>)>, text: String| {
        let lang = state.lang.get_untracked();
        if let Some(out) = state.act(|wb| wb.staff_import(files, &text)) {
            results.set(
                out.into_iter()
                    .map(|(name, r)| match r {
                        Ok(n) => (false, prefixed(&name, n.text(lang))),
                        Err(e) => (true, prefixed(&name, e.text(lang))),
                    })
                    .collect(),
            );
        }
    };
    let take_files = move |files: Vec<web_sys::File>| {
        leptos::task::spawn_local(async move {
            let mut read = Vec::new();
            let mut problems = Vec::new();
            // Teachers' evidence packages (.zip) go into the evaluation's 佐证材料, after the answer files and
            // one at a time, so that each merge sees the one before.
            let (zips, files): (Vec<_>, Vec<_>) = files
                .into_iter()
                .partition(|f| f.name().to_lowercase().ends_with(".zip"));
            for f in files {
                match read_file(&f, xzzp_core::files::MAX_FILE_BYTES).await {
                    Ok(b) => read.push((f.name(), b)),
                    Err(e) => problems.push((
                        true,
                        prefixed(&f.name(), e.refusal().text(state.lang.get_untracked())),
                    )),
                }
            }
            if !read.is_empty() || zips.is_empty() {
                run(read, String::new());
            } else {
                results.set(vec![]);
            }
            // Below the answers: the files that could not be read, then each evidence package's outcome.
            let mut more = problems;
            for f in zips {
                let name = f.name();
                if let Some(n) = crate::pages::evidence::import_pack_now(state, f).await {
                    let lang = state.lang.get_untracked();
                    more.push((n.error, prefixed(&name, n.text(lang))));
                }
            }
            if !more.is_empty() {
                results.update(|r| r.extend(more));
            }
        });
    };
    let on_files = move |ev: web_sys::Event| take_files(picked_files(&ev));
    let import_codes = move |_| {
        let text = codes.get_untracked();
        run(vec![], text);
        codes.set(String::new());
    };
    let fw_status = fw.clone();
    let status = Memo::new(move |_| state.staff.read(|s| s.status(&fw_status)));
    let fw_points = fw.clone();
    let points = Memo::new(move |_| {
        let principal = state.answers.value().unwrap_or_default();
        state
            .staff
            .read(|s| s.points(&fw_points, &principal))
            .unwrap_or_default()
    });
    let fw_csv = fw.clone();
    let csv = move |_| {
        let school = state.current_school().map(|s| s.name).unwrap_or_default();
        if let Some(st) = status.get_untracked() {
            let text = status_csv(&st);
            save(
                state,
                &crate::download::file_name(&[&school, "交回情况"], "csv"),
                "text/csv;charset=utf-8",
                text.as_bytes(),
            );
        }
        let text = points_csv(&fw_csv, &points.get_untracked());
        save(
            state,
            &crate::download::file_name(&[&school, "教职工意见"], "csv"),
            "text/csv;charset=utf-8",
            text.as_bytes(),
        );
    };
    let adopt = move |dept: String, pts: Option<Vec<String>>| {
        let over = overwrite.get_untracked();
        if let Some(a) = state.act(|wb| wb.staff_adopt(&dept, pts.clone(), over)) {
            state.tell(Notice::of(false, Msg::Adopted(a)));
        }
    };
    let fw_table = fw.clone();
    view! {
        <div class="card staff-collect">
            <h2>{tr(K::CollectTitle)}</h2>
            <DropZone class="drop-zone" on_files=Callback::new(take_files)>
                <label for="collect-files" class="button">{tr(K::CollectImportFiles)}</label>
                <input type="file" id="collect-files" class="sr-only" accept=".json,application/json,.zip,application/zip" multiple on:change=on_files/>
                <span class="help">{tr(K::CollectDropHere)}</span>
            </DropZone>
            <label for="collect-codes">{tr(K::CollectPasteCodes)}</label>
            <p class="help">{tr(K::CollectPasteHelp)}</p>
            <TextField id="collect-codes" kind=FieldKind::Lines(4) value=codes on_change=Callback::new(move |v| codes.set(v))/>
            <div class="actions">
                <button type="button" id="collect-import-codes" on:click=import_codes>{tr(K::CollectImportCodes)}</button>
            </div>
            <Show when=move || !results.with(Vec::is_empty)>
                <ul class="import-results" role="status">
                    {move || results.get().into_iter().map(|(err, t)| view! { <li class:error=err class:ok=!err>{t}</li> }).collect_view()}
                </ul>
            </Show>
            <h3>{tr(K::CollectStatus)}</h3>
            <p class="missing">{move || status.with(|s| {
                let m = s.as_ref().map(|s| s.missing()).unwrap_or_default();
                if m.is_empty() {
                    state.t(K::CollectAllReturned).to_string()
                } else {
                    format!("{}{}", state.t(K::CollectMissingList), m.iter().map(|(d, n)| format!("{d} {n}")).collect::<Vec<_>>().join("、"))
                }
            })}</p>
            <table class="status-table">
                <thead><tr>
                    <th>{tr(K::StaffDepartment)}</th><th>{tr(K::StaffExpected)}</th><th>{tr(K::CollectReturned)}</th><th></th><th></th>
                </tr></thead>
                <tbody>
                    {move || status.get().map(|s| s.rows.into_iter().map(|r| {
                        let people = r.people.iter().map(|p| {
                            let tag = match &p.returned {
                                Some(x) => format!("{}（{}，{}/{}）", p.name, state.t(K::CollectReturned), x.answered, x.assigned),
                                None => format!("{}（{}）", p.name, state.t(K::CollectMissing)),
                            };
                            view! { <span class="person" class:missing=p.returned.is_none()>{tag}</span> }
                        }).collect_view();
                        let staff = r.staff.iter().map(|s| {
                            let names = if s.anonymous { state.t(K::StaffAnonymous).to_string() } else { s.names.join("、") };
                            view! { <span class="person">{format!("{} {}/{} {}", state.t(K::StaffAllStaff), s.returned, s.expected.map(|e| e.to_string()).unwrap_or("?".into()), names)}</span> }
                        }).collect_view();
                        let dept = r.department.clone();
                        let has = r.returned > 0;
                        view! {
                            <tr>
                                <td>{r.name.clone()}</td>
                                <td>{r.invited.map(|n| n.to_string()).unwrap_or_else(|| "?".into())}</td>
                                <td>{r.returned}</td>
                                <td>{people}{staff}</td>
                                <td>{(has && dept.is_some()).then(|| {
                                    let d = dept.clone().unwrap_or_default();
                                    view! { <button type="button" class="adopt-all" on:click=move |_| adopt(d.clone(), None)>{tr(K::CollectAdoptAll)}</button> }
                                })}</td>
                            </tr>
                        }
                    }).collect_view())}
                </tbody>
            </table>
            <label class="choice" for="collect-overwrite">
                <input type="checkbox" id="collect-overwrite" prop:checked=move || overwrite.get() on:change=move |ev| overwrite.set(event_target_checked(&ev))/>
                {tr(K::CollectOverwrite)}
            </label>
            <h3>{tr(K::CollectPoints)}</h3>
            <Show when=move || !points.with(Vec::is_empty) fallback=|| view! { <p class="muted">{tr(K::CollectNoAnswers)}</p> }>
                <PointsTable fw=fw_table.clone() points adopt=Callback::new(move |(d, p): (String, String)| adopt(d, Some(vec![p])))/>
            </Show>
            <div class="actions">
                <button type="button" on:click=csv>{tr(K::CollectExportCsv)}</button>
            </div>
        </div>
    }
}

#[component]
fn PointsTable(
    fw: Arc<Framework>,
    points: Memo<Vec<xzzp_core::collection::StaffPoint>>,
    adopt: Callback<(String, String)>,
) -> impl IntoView {
    let state = use_app();
    view! {
        <table class="points-table">
            <thead><tr>
                <th>{tr(K::StaffItems)}</th><th>{tr(K::CollectCount)}</th><th>{tr(K::CollectMean)}</th><th></th><th>{tr(K::CollectNotes)}</th><th></th>
            </tr></thead>
            <tbody>
                {move || {
                    let lang = state.lang.get();
                    let depts = state.staff.read(|s| {
                        s.assignment.departments.iter().map(|d| (d.id.clone(), d.name.clone(), s.assignment.department_points(&fw, &d.id))).collect::<Vec<_>>()
                    }).unwrap_or_default();
                    points.get().into_iter().map(|p| {
                        let text = fw.point(&p.point_id).map(|x| x.text.clone()).unwrap_or_default();
                        let dist = p.stats.levels.iter().map(|(l, n)| {
                            let label = fw.scale.level(l).map(|x| crate::ui::content_text(lang, &x.label, &x.label_en)).unwrap_or_else(|| l.clone());
                            format!("{label}×{n}")
                        }).chain([(K::SurveyYes.text(lang), p.stats.yes_no.0), (K::SurveyNo.text(lang), p.stats.yes_no.1)].into_iter().filter(|(_, n)| *n > 0).map(|(l, n)| format!("{l}×{n}")))
                        .collect::<Vec<_>>().join(" ");
                        let notes = p.notes.iter().map(|n| match &n.author {
                            Some(a) => format!("{a}：{}", n.text),
                            None => n.text.clone(),
                        }).collect::<Vec<_>>().join("；");
                        let pid = p.point_id.clone();
                        let buttons = depts.iter().filter(|(_, _, pts)| pts.contains(&pid)).map(|(d, name, _)| {
                            let (d, pid) = (d.clone(), pid.clone());
                            let label = Msg::AdoptDepartment(name.clone()).text(lang);
                            view! { <button type="button" class="adopt-point" on:click=move |_| adopt.run((d.clone(), pid.clone()))>{label}</button> }
                        }).collect_view();
                        view! {
                            <tr id=format!("collect-{}", p.point_id.replace('.', "-"))>
                                <td><span class="pt-id">{p.point_id.clone()}</span>" "<span lang="zh-CN">{text}</span></td>
                                <td>{p.stats.count}</td>
                                <td>{p.stats.mean.map(|m| format!("{m:.1}")).unwrap_or_default()}" "{dist}</td>
                                <td>
                                    {p.disagree.then(|| view! { <span class="tag warn">{state.t(K::CollectDisagree)}</span> })}
                                    {p.differs.then(|| view! { <span class="tag warn">{state.t(K::CollectDiffers)}</span> })}
                                </td>
                                <td class="notes">{notes}</td>
                                <td>{buttons}</td>
                            </tr>
                        }
                    }).collect_view()
                }}
            </tbody>
        </table>
    }
}

fn prefixed(name: &str, text: String) -> String {
    if name.is_empty() {
        text
    } else {
        format!("{name}：{text}")
    }
}
