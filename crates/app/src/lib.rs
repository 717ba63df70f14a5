//! 学校质量自评 — a school self-evaluation tool that runs entirely in the browser.
//!
//! The browser edge of the app. The pure domain is the `xzzp-core` crate, the built-in templates are
//! `xzzp-templates` and the documents (report drafting, Word, Markdown) are `xzzp-documents`; here `backends` puts
//! localStorage and IndexedDB behind the core's storage trait, `state` shares the core's workbench with the
//! pages, `sync` keeps tabs and modules in step, and `pages` and `app` are the views.

pub mod app;
pub mod backends;
pub mod blobs;
pub mod docs;
pub mod download;
pub mod later;
pub use xzzp_core::i18n;
pub mod notices;
pub mod pages;
pub mod panic;
pub mod perf;
pub mod route;
pub mod sheets;
pub mod shrink;
pub mod state;
pub mod sync;
pub mod templates;
pub mod ui;
