//! 学校信息: the profile of the current school, other schools on this computer, adding and deleting.

use crate::i18n::{Localized, Msg, K};
use crate::state::{new_id, use_app, AppState};
use crate::ui::{tr, FieldKind, TextField};
use leptos::prelude::*;
use xzzp_core::framework::SchoolType;
use xzzp_core::school::{parse_count, GroupRole, NotACount, School, SchoolProblem};

/// The school page.
#[component]
pub fn SchoolPage() -> impl IntoView {
    let state = use_app();
    // A new school is a draft until it is saved; an existing one saves on every valid change.
    let draft = RwSignal::new(
        state
            .current_school()
            .unwrap_or_else(|| School::new(new_id(), "", SchoolType::Primary)),
    );
    let is_new = RwSignal::new(state.current_school().is_none());
    let problems = RwSignal::new(Vec::<SchoolProblem>::new());
    // Follow changes made elsewhere (another tab, an import) unless a new school is being typed.
    Effect::new(move |_| {
        if let Some(current) = state.current_school() {
            if !is_new.get_untracked() && draft.with_untracked(|d| *d != current) {
                draft.set(current);
            }
        }
    });

    let commit = move || {
        let s = draft.get_untracked();
        let p = s.problems();
        problems.set(p.clone());
        if p.is_empty() && state.act(|wb| wb.save_school(s)).is_some() {
            is_new.set(false);
        }
    };
    let change = move |f: &dyn Fn(&mut School)| {
        draft.update(|s| f(s));
        if !is_new.get_untracked() {
            commit();
        }
    };

    let start_new = move |_| {
        draft.set(School::new(new_id(), "", SchoolType::Primary));
        is_new.set(true);
        problems.set(vec![]);
        focus_first_field();
    };

    view! {
        <section class="page school">
            <h1 tabindex="-1">{tr(K::SchoolTitle)}</h1>
            <p class="help">{tr(K::SchoolHelp)}</p>
            <form class="card form-grid" on:submit=move |ev| { ev.prevent_default(); commit(); }>
                <h2 class="span-all">
                    {move || if is_new.get() { state.t(K::SchoolAdd) } else { state.t(K::SchoolCurrent) }}
                </h2>
                <label for="school-name">{tr(K::SchoolName)}<span class="req">" *"</span></label>
                <TextField
                    id="school-name"
                    value=Signal::derive(move || draft.with(|s| s.name.clone()))
                    on_change=Callback::new(move |v: String| change(&move |s| s.name = v.clone()))
                />
                <label for="school-type">{tr(K::SchoolType)}</label>
                <select
                    id="school-type"
                    prop:value=move || draft.with(|s| s.school_type.code())
                    on:change=move |ev| {
                        if let Some(t) = SchoolType::from_code(&event_target_value(&ev)) {
                            change(&move |s| s.school_type = t);
                        }
                    }
                >
                    {SchoolType::ALL
                        .into_iter()
                        .map(|t| view! {
                            <option value=t.code()>{move || state.lang.get().pick(t.zh(), t.en()).to_string()}</option>
                        })
                        .collect_view()}
                </select>
                {text_field(state, draft, "school-county", K::SchoolCounty, |s| s.county.clone(), |s, v| s.county = v, change)}
                {text_field(state, draft, "school-principal", K::SchoolPrincipal, |s| s.principal.clone(), |s, v| s.principal = v, change)}
                {count_field(state, draft, "school-students", K::SchoolStudents, |s| s.students, |s, v| s.students = v, change)}
                {count_field(state, draft, "school-classes", K::SchoolClasses, |s| s.classes, |s, v| s.classes = v, change)}
                {count_field(state, draft, "school-teachers", K::SchoolTeachers, |s| s.teachers, |s, v| s.teachers = v, change)}
                <label for="school-group-role">{tr(K::SchoolGroupRole)}</label>
                <select
                    id="school-group-role"
                    prop:value=move || draft.with(|s| s.group_role.code())
                    on:change=move |ev| {
                        if let Some(r) = GroupRole::from_code(&event_target_value(&ev)) {
                            change(&move |s| s.group_role = r);
                        }
                    }
                >
                    {GroupRole::ALL
                        .into_iter()
                        .map(|r| view! {
                            <option value=r.code()>{move || state.lang.get().pick(r.zh(), r.en()).to_string()}</option>
                        })
                        .collect_view()}
                </select>
                <Show when=move || draft.with(|s| s.group_role != GroupRole::None)>
                    {text_field(state, draft, "school-group-name", K::SchoolGroupName, |s| s.group_name.clone(), |s, v| s.group_name = v, change)}
                </Show>
                <ul class="errors span-all" role="alert">
                    {move || { let lang = state.lang.get(); problems.get().into_iter().map(|p| view! { <li>{p.text(lang)}</li> }).collect_view() }}
                </ul>
                <div class="actions span-all">
                    <Show when=move || is_new.get()>
                        <button type="submit" class="primary">{tr(K::Save)}</button>
                    </Show>
                    <Show when=move || !is_new.get()>
                        <button type="button" on:click=start_new>{tr(K::SchoolAdd)}</button>
                    </Show>
                </div>
            </form>
            <SchoolList draft is_new/>
        </section>
    }
}

fn focus_first_field() {
    request_animation_frame(|| {
        if let Some(el) = document().get_element_by_id("school-name") {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

fn text_field(
    state: AppState,
    draft: RwSignal<School>,
    id: &'static str,
    label: K,
    get: fn(&School) -> String,
    set: fn(&mut School, String),
    change: impl Fn(&dyn Fn(&mut School)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <label for=id>{move || state.t(label)}</label>
        <TextField
            id=id
            value=Signal::derive(move || draft.with(get))
            on_change=Callback::new(move |v: String| change(&move |s| set(s, v.clone())))
        />
    }
}

fn count_field(
    state: AppState,
    draft: RwSignal<School>,
    id: &'static str,
    label: K,
    get: fn(&School) -> Option<u32>,
    set: fn(&mut School, Option<u32>),
    change: impl Fn(&dyn Fn(&mut School)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let error = RwSignal::new(None::<NotACount>);
    let err_id = format!("{id}-error");
    let err_id2 = err_id.clone();
    view! {
        <label for=id>{move || state.t(label)}</label>
        <div>
            <TextField
                id=id
                kind=FieldKind::Number
                invalid=Signal::derive(move || error.get().is_some())
                described_by=err_id.clone()
                value=Signal::derive(move || draft.with(|s| get(s).map(|n| n.to_string()).unwrap_or_default()))
                on_change=Callback::new(move |v: String| match parse_count(&v) {
                    Ok(n) => {
                        error.set(None);
                        change(&move |s| set(s, n));
                    }
                    Err(e) => error.set(Some(e)),
                })
            />
            <span class="field-error" id=err_id2 aria-live="polite">{move || error.get().map(|e| e.text(state.lang.get()))}</span>
        </div>
    }
}

#[component]
fn SchoolList(draft: RwSignal<School>, is_new: RwSignal<bool>) -> impl IntoView {
    let state = use_app();
    view! {
        <Show when=move || state.workspace.read(|w| !w.schools.is_empty()).unwrap_or(false)>
            <h2>{tr(K::SchoolList)}</h2>
            <ul class="school-list">
                {move || {
                    let lang = state.lang.get();
                    let current = state.session.read(|s| s.school.clone()).flatten();
                    state
                        .workspace
                        .read(|w| w.schools.clone())
                        .unwrap_or_default()
                        .into_iter()
                        .map(|s| {
                            let is_current = current.as_deref() == Some(s.id.as_str()) && !is_new.get();
                            let id = s.id.clone();
                            let id2 = s.id.clone();
                            let count = state.workspace.read(|w| w.evaluations_of(&s.id).len()).unwrap_or(0);
                            view! {
                                <li class:current=is_current>
                                    <span class="name">{s.name.clone()}</span>
                                    {s.demo.then(|| view! { <span class="tag">{state.t(K::SchoolDemo)}</span> })}
                                    <span class="muted">
                                        {lang.pick(s.school_type.zh(), s.school_type.en()).to_string()}
                                        {format!(" · {}", Msg::EvaluationCount(count).text(lang))}
                                    </span>
                                    <span class="row-actions">
                                        <Show when=move || !is_current>
                                            <button type="button" on:click={
                                                let id = id.clone();
                                                move |_| {
                                                    state.act(|wb| wb.select_school(&id));
                                                    if let Some(s) = state.current_school() { draft.set(s); }
                                                    is_new.set(false);
                                                }
                                            }>{tr(K::SchoolSwitch)}</button>
                                        </Show>
                                        <button type="button" class="danger" on:click={
                                            let id = id2.clone();
                                            move |_| {
                                                if confirm(state.t(K::SchoolDeleteConfirm)) {
                                                    state.act(|wb| wb.delete_school(&id));
                                                    match state.current_school() {
                                                        Some(s) => { draft.set(s); is_new.set(false); }
                                                        None => { draft.set(School::new(new_id(), "", SchoolType::Primary)); is_new.set(true); }
                                                    }
                                                }
                                            }
                                        }>{tr(K::SchoolDelete)}</button>
                                    </span>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </Show>
    }
}

/// Asks the browser's confirmation dialog.
pub fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}
