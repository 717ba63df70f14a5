//! The pure domain of 学校质量自评: no browser, no UI. Everything here is tested on the host with `cargo test`.
//!
//! Frameworks and answers, scoring, plans and the ledger, the stored envelope with its migrations, and the
//! backup and answer-file formats. The built-in templates are data of the `xzzp-templates` crate; documents
//! made from all this (report drafting, Word, Markdown) belong to `xzzp-documents`.

pub mod backup;
pub mod evaluation;
pub mod framework;
pub mod i18n;
pub mod ledger;
pub mod persist;
pub mod plan;
pub mod planning;
pub mod report;
pub mod respondents;
pub mod rollup;
pub mod roster;
pub mod school;
pub mod scoring;
pub mod submission;

#[cfg(feature = "template-files")]
pub mod template_files;

/// Small frameworks for tests, here and in the crates built on this one.
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;

pub use i18n::Lang;
