//! 学校质量自评 — a school self-evaluation tool that runs entirely in the browser.
//!
//! The browser edge of the app. The pure domain is the `xzzp-core` crate, the built-in templates are
//! `xzzp-templates` and the documents (report drafting, Word, Markdown) are `xzzp-documents`; here `storage` is
//! the one door to localStorage, `state` holds the shared signals and actions, `pages` and `app` are the views.

pub mod app;
pub mod data_ops;
pub mod download;
pub use xzzp_core::i18n;
pub mod pages;
pub mod panic;
pub mod perf;
pub mod route;
pub mod state;
pub mod storage;
pub mod ui;
