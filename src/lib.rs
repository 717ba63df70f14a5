//! 学校质量自评 — a school self-evaluation tool that runs entirely in the browser.
//!
//! `domain` is the pure core (frameworks, answers, scoring, storage schema), tested on the host. Everything
//! else is the browser edge: `storage` is the one door to localStorage, `state` holds the shared signals and
//! actions, `pages` and `app` are the views.

pub mod app;
pub mod data_ops;
pub mod domain;
pub mod download;
pub mod i18n;
pub mod pages;
pub mod panic;
pub mod perf;
pub mod route;
pub mod state;
pub mod storage;
pub mod ui;
