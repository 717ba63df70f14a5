//! The application shell: header, navigation, language switch, notices and the page switch.

use crate::i18n::{Lang, K};
use crate::notices::NoticeAction;
use crate::pages;
use crate::route::Route;
use crate::state::{use_app, AppState};
use crate::ui::tr;
use leptos::prelude::*;
use xzzp_core::store::workbench::Scope;

/// Mounts the application on `<body>`.
pub fn start() {
    crate::panic::install();
    // The frameworks the stored data names come first, so that the first screen is drawn with them.
    let files: Vec<&'static str> = crate::templates::named_in_storage()
        .into_iter()
        .flat_map(xzzp_templates::missing_files_for)
        .collect();
    let files = crate::templates::take_arrived(files);
    let mount = || crate::perf::timed("app:mount", || leptos::mount::mount_to_body(App));
    if files.is_empty() {
        mount();
    } else {
        // Leptos's executor is set up by the mount, hence wasm-bindgen's own.
        wasm_bindgen_futures::spawn_local(async move {
            // A failure here is shown by the background loading, which tries again.
            let _ = crate::templates::fetch(files).await;
            crate::perf::mark("templates:ready");
            mount();
        });
    }
}

/// The root component.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide();
    let templates = crate::templates::Templates::new();
    provide_context(templates);
    // The other built-in documents follow once the first screen is up.
    Effect::new(move |_| templates.load_rest());

    // Routes follow the address hash, so a reload lands on the same page.
    let read_route = move || {
        let hash = window().location().hash().unwrap_or_default();
        state.follow_address(&hash);
    };
    read_route();
    let hash_listener = window_event_listener(leptos::ev::hashchange, move |_| read_route());
    on_cleanup(move || hash_listener.remove());

    // Keep <html lang> and the title in step with the language, for screen readers and the crash notice;
    // projector mode is a class on <html>.
    Effect::new(move |_| {
        let lang = state.lang.get();
        let projector = state.meta.read(|m| m.projector).unwrap_or(false);
        if let Some(el) = document().document_element() {
            let _ = el.set_attribute("lang", lang.tag());
            let _ = el.class_list().toggle_with_force("projector", projector);
        }
        document().set_title(K::AppName.text(lang));
    });

    // Move focus to the page heading after navigation, so keyboard and screen-reader users land on the page.
    Effect::new(move |prev: Option<Route>| {
        let route = state.route();
        if prev.is_some() && prev != Some(route) {
            request_animation_frame(|| {
                if let Some(h) = document().query_selector("main h1").ok().flatten() {
                    use wasm_bindgen::JsCast;
                    if let Ok(h) = h.dyn_into::<web_sys::HtmlElement>() {
                        let _ = h.focus();
                    }
                }
            });
        }
        route
    });

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(m) = document().get_element_by_id("main") {
                use wasm_bindgen::JsCast;
                if let Ok(m) = m.dyn_into::<web_sys::HtmlElement>() { let _ = m.focus(); }
            }
        }>{tr(K::SkipToContent)}</a>
        <Header/>
        <Banners/>
        <TemplatesStatus/>
        <NoticeBar/>
        // data-route says which page is rendered (tests wait for it after a click, which only queues the
        // hash change).
        <main id="main" tabindex="-1" data-route=move || state.route().hash()>
            {move || {
                templates.generation.track();
                match state.route() {
                Route::Home => pages::home::HomePage().into_any(),
                Route::School => pages::school::SchoolPage().into_any(),
                Route::Survey => pages::survey::SurveyPage().into_any(),
                Route::CrashTest => crash_test().into_any(),
                Route::NotFound => pages::not_found().into_any(),
                // The other pages' code is loaded on demand.
                later => crate::later::page(later),
            }}}
        </main>
    }
}

/// Says that framework documents a page needs are on their way, or that they could not be fetched.
#[component]
fn TemplatesStatus() -> impl IntoView {
    use crate::templates::{Loading, Templates};
    let t = expect_context::<Templates>();
    view! {
        <Show when=move || t.status.get() == Loading::Shown>
            <div class="notice banner" role="status" data-testid="templates-loading">
                <p>{tr(K::TemplatesLoading)}</p>
            </div>
        </Show>
        <Show when=move || t.status.get() == Loading::Failed>
            <div class="notice error banner" role="alert" data-testid="templates-failed">
                <p>{tr(K::TemplatesFailed)}</p>
                <button type="button" class="primary" on:click=move |_| {
                    // Whatever was drawn without them is drawn again when they arrive.
                    t.retry();
                }>{tr(K::TemplatesRetry)}</button>
            </div>
        </Show>
    }
}

/// Fails on purpose so that tests can see the crash notice; the route exists in development builds only.
fn crash_test() -> impl IntoView {
    panic!("crash test requested through #/crash-test");
    #[allow(unreachable_code)]
    ()
}

#[component]
fn Header() -> impl IntoView {
    let state = use_app();
    let other = move || match state.lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    view! {
        <header class="app-header">
            <div class="brand">
                <span class="logo" aria-hidden="true" lang="zh-CN">"自"</span>
                <span class="name">{tr(K::AppName)}</span>
            </div>
            <nav aria-label=tr(K::MainNav)>
                <ul>
                    {Route::NAV
                        .into_iter()
                        .map(|r| {
                            let label = nav_label(r);
                            view! {
                                <li>
                                    <a
                                        href=r.hash()
                                        aria-current=move || (state.route().nav() == r).then_some("page")
                                    >
                                        {move || state.t(label)}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <div class="header-tools">
                <SaveStatus/>
                <button
                    type="button"
                    class="projector-switch"
                    aria-pressed=move || state.meta.read(|m| m.projector).unwrap_or(false).to_string()
                    on:click=move |_| { state.update_meta(|m| m.projector = !m.projector); }
                >
                    {tr(K::Projector)}
                </button>
                <button
                    type="button"
                    class="lang-switch"
                    lang=move || other().tag()
                    title=tr(K::LangSwitchLabel)
                    on:click=move |_| state.set_lang(other())
                >
                    {tr(K::LangSwitch)}
                </button>
            </div>
        </header>
    }
}

fn nav_label(r: Route) -> K {
    match r {
        Route::Home => K::NavHome,
        Route::School => K::NavSchool,
        Route::Survey => K::NavSurvey,
        Route::Plan => K::NavPlan,
        Route::Report => K::NavReport,
        Route::Data => K::NavData,
        Route::County => K::NavCounty,
        Route::Staff => K::NavStaff,
        Route::Teacher => K::TeacherTitle,
        Route::Frameworks => K::NavFrameworks,
        Route::Ledger => K::NavPlan,
        Route::CrashTest | Route::NotFound => K::NavHome,
    }
}

#[component]
fn SaveStatus() -> impl IntoView {
    let state = use_app();
    view! {
        <span class="save-status" role="status">
            {move || state.saved_at().map(|t| format!("{} {t}", state.t(K::Saved)))}
        </span>
    }
}

#[component]
fn NoticeBar() -> impl IntoView {
    let state = use_app();
    view! {
        <div class="notice-area" aria-live="polite">
            {move || {
                state
                    .notices
                    .current()
                    .map(|n| {
                        let class = if n.error { "notice error" } else { "notice" };
                        let action = n.action.map(|a| match a {
                            NoticeAction::DownloadBackup => view! {
                                <button type="button" class="primary" on:click=move |_| pages::data::download_backup(state, Scope::All)>
                                    {tr(K::NoticeDownloadBackup)}
                                </button>
                            }
                            .into_any(),
                            NoticeAction::OpenDataPage => view! {
                                <a class="button" href=Route::Data.hash()>{tr(K::NoticeOpenData)}</a>
                            }
                            .into_any(),
                        });
                        view! {
                            <div class=class role=if n.error { "alert" } else { "status" } data-testid="notice">
                                <p>{n.text(state.lang.get())}</p>
                                {action}
                                <button type="button" class="link" on:click=move |_| state.notices.close()>
                                    {tr(K::Close)}
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Standing warnings shown on every page: unreadable data, and storage nearly full.
#[component]
fn Banners() -> impl IntoView {
    let state = use_app();
    let nearly_full = move || state.usage().nearly_full();
    view! {
        <div class="notice-area">
            <Show when=move || state.in_demo()>
                <div class="notice banner demo-banner" role="status">
                    <p>{tr(K::DemoBanner)}</p>
                    <button type="button" on:click=move |_| pages::home::reset_demo(state)>{tr(K::DemoReset)}</button>
                </div>
            </Show>
            <Show when=move || !state.unreadable().is_empty() && state.route() != Route::Data>
                <div class="notice error banner" role="alert">
                    <p>{tr(K::BannerUnreadable)}</p>
                    <a class="button" href=Route::Data.hash()>{tr(K::NoticeOpenData)}</a>
                </div>
            </Show>
            <Show when=move || nearly_full() && state.route() != Route::Data>
                <div class="notice error banner" role="alert" data-testid="storage-warning">
                    <p>{tr(K::DataNearlyFull)}</p>
                    <button type="button" class="primary" on:click=move |_| pages::data::download_backup(state, Scope::All)>
                        {tr(K::NoticeDownloadBackup)}
                    </button>
                </div>
            </Show>
        </div>
    }
}
