//! The pages a first screen does not need, loaded on demand.
//!
//! In a release build the code that only these pages use is cut out of the main WebAssembly module into parts
//! of its own (`scripts/split.mjs` splits the module at the functions marked `wasm_split` below), and a page's
//! parts are fetched the first time it is opened; meanwhile a short notice stands in its place, and a failed
//! fetch is said with a button to try again. Debug builds, the browser tests among them, are not split and call
//! the pages directly.

use crate::i18n::K;
use crate::route::Route;
use crate::ui::tr;
use leptos::prelude::*;

/// A page's code could not be fetched (it is not kept as failed: the next try fetches again).
#[derive(Debug, Clone, Copy)]
pub struct NotLoaded;

impl From<leptos::wasm_split::SplitLoaderError> for NotLoaded {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        NotLoaded
    }
}

/// The page of `route`, drawn once its code is here (the first-screen pages are not among these).
pub fn page(route: Route) -> AnyView {
    let attempt = RwSignal::new(0u32);
    view! {
        <Suspense fallback=|| view! { <p class="page-loading" role="status">{tr(K::PageLoading)}</p> }>
            {move || {
                attempt.track();
                Suspend::new(async move {
                    match load(route).await {
                        Ok(view) => view,
                        Err(NotLoaded) => view! {
                            <div class="notice error" role="alert" data-testid="page-not-loaded">
                                <p>{tr(K::PageNotLoaded)}</p>
                                <button type="button" class="primary" on:click=move |_| attempt.update(|n| *n += 1)>
                                    {tr(K::TemplatesRetry)}
                                </button>
                            </div>
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// Calls a split point: awaited where the module is split, directly where it is not.
macro_rules! call {
    ($f:ident) => {{
        #[cfg(not(debug_assertions))]
        let view = $f().await;
        #[cfg(debug_assertions)]
        let view = $f();
        view
    }};
}

async fn load(route: Route) -> Result<AnyView, NotLoaded> {
    match route {
        Route::Plan => call!(plan),
        Route::Ledger => call!(ledger),
        Route::Report => call!(report),
        Route::Data => call!(data),
        Route::County => call!(county),
        Route::Staff => call!(staff),
        Route::Teacher => call!(teacher),
        Route::Frameworks => call!(frameworks),
        Route::Home | Route::School | Route::Survey | Route::CrashTest | Route::NotFound => {
            Ok(crate::pages::not_found().into_any())
        }
    }
}

// One split point per page: each gets the code only it uses, and code that several of them share goes to
// parts fetched with whichever of them is opened first.

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(plan, fallible, wasm_split_path = ::leptos::wasm_split))]
fn plan() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::plan::PlanPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(ledger, fallible, wasm_split_path = ::leptos::wasm_split))]
fn ledger() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::ledger::LedgerPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(report, fallible, wasm_split_path = ::leptos::wasm_split))]
fn report() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::report::ReportPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(data, fallible, wasm_split_path = ::leptos::wasm_split))]
fn data() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::data::DataPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(county, fallible, wasm_split_path = ::leptos::wasm_split))]
fn county() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::county::CountyPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(staff, fallible, wasm_split_path = ::leptos::wasm_split))]
fn staff() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::staff::StaffPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(teacher, fallible, wasm_split_path = ::leptos::wasm_split))]
fn teacher() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::teacher::TeacherPage().into_any())
}

#[cfg_attr(not(debug_assertions), leptos::wasm_split::wasm_split(frameworks, fallible, wasm_split_path = ::leptos::wasm_split))]
fn frameworks() -> Result<AnyView, NotLoaded> {
    Ok(crate::pages::frameworks::FrameworksPage().into_any())
}
