//! One module per area of the app. Pages read and change state only through [`crate::state::AppState`].

pub mod county;
pub mod data;
pub mod evidence;
pub mod frameworks;
pub mod home;
pub mod ledger;
pub mod plan;
pub mod report;
pub mod school;
pub mod staff;
pub mod survey;
pub mod teacher;
pub mod versions;

use crate::i18n::K;
use crate::ui::tr;
use leptos::prelude::*;

/// Shown instead of a page that needs a school, while there is none.
pub fn need_school() -> impl IntoView {
    view! {
        <p>{tr(K::SchoolNone)}</p>
        <p><a class="button primary" href=crate::route::Route::School.hash()>{tr(K::HomeStart)}</a></p>
    }
}

/// Shown for an unknown address.
pub fn not_found() -> impl IntoView {
    view! {
        <section class="page">
            <h1 tabindex="-1">{tr(K::NotFoundTitle)}</h1>
            <p>{tr(K::NotFoundBody)}</p>
        </section>
    }
}
