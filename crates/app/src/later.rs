//! The pages a first screen does not need, loaded on demand.
//!
//! In a release build the code that only these pages use is cut out of the main WebAssembly module into parts
//! of its own (`scripts/postbuild.mjs` splits the module at the functions marked `lazy` below), and a page's
//! parts are fetched the first time it is opened; until then a short notice stands in its place. Debug builds,
//! the browser tests among them, are not split and call the pages directly.

use crate::i18n::K;
use crate::route::Route;
use crate::ui::tr;
use leptos::prelude::*;

/// The page of `route`, drawn once its code is here (the first-screen pages are not among these).
pub fn page(route: Route) -> AnyView {
    view! {
        <Suspense fallback=|| view! { <p class="page-loading" role="status">{tr(K::Loading)}</p> }>
            {move || Suspend::new(load(route))}
        </Suspense>
    }
    .into_any()
}

async fn load(route: Route) -> AnyView {
    match route {
        Route::Plan => plan().await,
        Route::Ledger => ledger().await,
        Route::Report => report().await,
        Route::Data => data().await,
        Route::County => county().await,
        Route::Staff => staff().await,
        Route::Teacher => teacher().await,
        Route::Frameworks => frameworks().await,
        Route::Home | Route::School | Route::Survey | Route::CrashTest | Route::NotFound => {
            crate::pages::not_found().into_any()
        }
    }
}

// One split point per page: each gets the code only it uses, and code shared by some of them goes to parts
// that are fetched with whichever of them is opened first.

#[cfg_attr(not(debug_assertions), lazy)]
async fn plan() -> AnyView {
    crate::pages::plan::PlanPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn ledger() -> AnyView {
    crate::pages::ledger::LedgerPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn report() -> AnyView {
    crate::pages::report::ReportPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn data() -> AnyView {
    crate::pages::data::DataPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn county() -> AnyView {
    crate::pages::county::CountyPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn staff() -> AnyView {
    crate::pages::staff::StaffPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn teacher() -> AnyView {
    crate::pages::teacher::TeacherPage().into_any()
}

#[cfg_attr(not(debug_assertions), lazy)]
async fn frameworks() -> AnyView {
    crate::pages::frameworks::FrameworksPage().into_any()
}
