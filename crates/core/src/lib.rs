//! The pure domain of 学校质量自评: no browser, no UI. Everything here is tested on the host with `cargo test`.
//!
//! Frameworks and answers, scoring, plans and the ledger, the stored envelope with its migrations and the
//! document store ([`store`]), the backup and answer-file formats, and the evidence files (佐证材料) attached to
//! points ([`evidence`]). The whole-staff self-evaluation: 分工 ([`assignment`]), 填报包 ([`invitation`]),
//! teacher mode ([`teacher`]), answer files ([`answer_file`]) and 答卷码 ([`answer_code`]), and the principal's
//! 回收 ([`collection`]); [`files`] holds what the exchanged files share. The built-in templates are data of the
//! `xzzp-templates` crate; documents made from all this (report drafting, Word, Markdown) belong to
//! `xzzp-documents`.

pub mod answer_code;
pub mod answer_file;
pub mod assignment;
pub mod backup;
pub mod checksum;
pub mod collection;
pub mod evaluation;
pub mod evidence;
pub mod file_name;
pub mod files;
pub mod framework;
pub mod framework_edit;
pub mod framework_file;
pub mod framework_versions;
pub mod i18n;
pub mod invitation;
pub mod ledger;
pub mod markup;
pub mod persist;
pub mod plan;
pub mod planning;
pub mod report;
pub mod respondents;
pub mod rollup;
pub mod roster;
pub mod school;
pub mod scoring;
pub mod store;
pub mod submission;
pub mod teacher;

#[cfg(feature = "template-files")]
pub mod template_files;

/// Small frameworks for tests, here and in the crates built on this one.
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;

pub use i18n::Lang;
