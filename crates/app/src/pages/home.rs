//! 首页: what the tool does, the three steps, and the schools on this computer.

use crate::i18n::{Lang, K};
use crate::notices::Notice;
use crate::route::Route;
use crate::state::{today, use_app, AppState};
use crate::ui::{evaluation_label, tr};
use leptos::prelude::*;

/// The home page.
#[component]
pub fn HomePage() -> impl IntoView {
    let state = use_app();
    let has_school = move || {
        state
            .workspace
            .read(|w| !w.schools.is_empty())
            .unwrap_or(false)
    };
    let has_evaluation = move || {
        state
            .workspace
            .read(|w| !w.evaluations.is_empty())
            .unwrap_or(false)
    };
    let steps = [
        (K::HomeStep1, K::HomeStep1Help, Route::School),
        (K::HomeStep2, K::HomeStep2Help, Route::Survey),
        (K::HomeStep3, K::HomeStep3Help, Route::Report),
    ];
    view! {
        <section class="page home">
            <h1 tabindex="-1">{tr(K::AppName)}</h1>
            <p class="lead">{tr(K::AppTagline)}</p>
            <h2>{tr(K::HomeStepsTitle)}</h2>
            <ol class="steps">
                {steps
                    .into_iter()
                    .enumerate()
                    .map(|(i, (title, help, route))| {
                        let done = move || match i {
                            0 => has_school(),
                            1 => has_evaluation(),
                            _ => false,
                        };
                        view! {
                            <li class:done=done>
                                <a href=route.hash()>
                                    <span class="step-no" aria-hidden="true">{i + 1}</span>
                                    <span class="step-title">{move || state.t(title)}</span>
                                </a>
                                <p>{move || state.t(help)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
            <h2>{tr(K::HomeSchools)}</h2>
            <Show
                when=has_school
                fallback=move || {
                    view! {
                        <p>{tr(K::HomeNoSchools)}</p>
                        <p>
                            <a class="button primary" href=Route::School.hash()>
                                {tr(K::HomeStart)}
                            </a>
                        </p>
                    }
                }
            >
                <ul class="school-cards">
                    {move || {
                        let lang = state.lang.get();
                        state
                            .workspace
                            .read(|w| {
                                w.schools
                                    .iter()
                                    .map(|s| {
                                        let evals = w
                                            .evaluations_of(&s.id)
                                            .into_iter()
                                            .map(|e| evaluation_line(lang, e))
                                            .collect_view();
                                        let id = s.id.clone();
                                        let name = s.name.clone();
                                        let kind = lang.pick(s.school_type.zh(), s.school_type.en()).to_string();
                                        let demo = s.demo;
                                        view! {
                                            <li>
                                                <h3>
                                                    {name}
                                                    {demo.then(|| view! { <span class="tag">{state.t(K::SchoolDemo)}</span> })}
                                                </h3>
                                                <p class="muted">{kind}</p>
                                                <ul class="eval-lines">{evals}</ul>
                                                <button
                                                    type="button"
                                                    on:click=move |_| {
                                                        state.act(|wb| wb.select_school(&id));
                                                        let _ = window().location().set_hash(Route::Survey.hash());
                                                    }
                                                >
                                                    {tr(K::Open)}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </ul>
            </Show>
            <crate::pages::teacher::TeacherEntry/>
            <p class="privacy">{tr(K::HomePrivacy)}</p>
            <DemoPanel/>
            <Show when=move || !state.meta.read(|m| m.guide_done).unwrap_or(true)>
                <Guide/>
            </Show>
        </section>
    }
}

/// Sample schools for a workshop: load them into their own profile, and clear them afterwards.
#[component]
fn DemoPanel() -> impl IntoView {
    let state = use_app();
    let load = move |_| {
        leptos::task::spawn_local(async move {
            use xzzp_documents::demo::{build, DEMO_PROFILE};
            // The sample schools use every built-in framework.
            if !crate::templates::ready_or_tell(state).await {
                return;
            }
            let data = build(today());
            let name = K::DemoProfileName.text(xzzp_core::Lang::Zh);
            if state
                .act(|wb| wb.load_demo(DEMO_PROFILE, name, &data))
                .is_some()
            {
                state.tell(Notice::info(K::DemoLoaded));
            }
        });
    };
    let reset = move |_| reset_demo(state);
    view! {
        <div class="card demo-panel">
            <h2>{tr(K::DemoTitle)}</h2>
            <p class="help">{tr(K::DemoHelp)}</p>
            <div class="actions">
                <button type="button" class="primary" on:click=load>{tr(K::DemoLoad)}</button>
                <Show when=move || state.in_demo()>
                    <button type="button" class="danger" on:click=reset>{tr(K::DemoReset)}</button>
                </Show>
            </div>
        </div>
    }
}

/// The three-step introduction for a newcomer; it can be skipped and does not come back.
#[component]
fn Guide() -> impl IntoView {
    let state = use_app();
    let step = RwSignal::new(0usize);
    let steps = [
        (K::HomeStep1, K::GuideStep1, Route::School),
        (K::HomeStep2, K::GuideStep2, Route::Survey),
        (K::HomeStep3, K::GuideStep3, Route::Report),
    ];
    let close = move || state.update_meta(|m| m.guide_done = true);
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    crate::ui::focus_by_id("guide-title");
    view! {
        <div class="guide-backdrop">
            <div class="guide" role="dialog" aria-modal="true" aria-labelledby="guide-title" on:keydown=on_key>
                <p class="muted">{move || format!("{} {}/3", state.t(K::GuideTitle), step.get() + 1)}</p>
                {move || {
                    let (title, body, _) = steps[step.get()];
                    view! {
                        <h2 id="guide-title" tabindex="-1">{state.t(title)}</h2>
                        <p>{state.t(body)}</p>
                    }
                }}
                <div class="actions">
                    <button type="button" class="link" on:click=move |_| close()>{tr(K::GuideSkip)}</button>
                    <Show when=move || { step.get() > 0 }>
                        <button type="button" on:click=move |_| step.update(|s| *s -= 1)>{tr(K::GuideBack)}</button>
                    </Show>
                    {move || if step.get() < 2 {
                        view! { <button type="button" class="primary" on:click=move |_| step.update(|s| *s += 1)>{state.t(K::GuideNext)}</button> }.into_any()
                    } else {
                        view! {
                            <button type="button" class="primary" on:click=move |_| {
                                close();
                                let _ = window().location().set_hash(steps[0].2.hash());
                            }>{state.t(K::GuideStart)}</button>
                        }.into_any()
                    }}
                </div>
            </div>
        </div>
    }
}

fn evaluation_line(lang: Lang, e: &xzzp_core::evaluation::EvaluationHeader) -> impl IntoView {
    view! { <li>{evaluation_label(lang, e)}</li> }
}

/// Removes the sample data and goes back to the school's own data.
pub fn reset_demo(state: AppState) {
    state
        .wb()
        .remove_profile_data(xzzp_documents::demo::DEMO_PROFILE);
    state.tell(Notice::info(K::DemoCleared));
}
