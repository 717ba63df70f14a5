//! The pure domain of 学校质量自评: no browser, no UI. Everything here is tested on the host with `cargo test`.
//!
//! Frameworks and answers, scoring, plans and the ledger, the stored envelope with its migrations, and the
//! backup and answer-file formats. The built-in templates are data of the `xzzp-templates` crate; documents
//! made from all this (report drafting, Word, Markdown) belong to `xzzp-documents`.

pub mod backup;
pub mod evaluation;
pub mod framework;
pub mod ledger;
pub mod persist;
pub mod plan;
pub mod planning;
pub mod report;
pub mod respondents;
pub mod school;
pub mod scoring;

#[cfg(feature = "template-files")]
pub mod template_files;

/// Small frameworks for tests, here and in the crates built on this one.
#[cfg(any(test, feature = "fixtures"))]
pub mod fixtures;

use serde::{Deserialize, Serialize};

/// Interface language. Chinese comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    /// 简体中文
    #[default]
    #[serde(rename = "zh-CN")]
    Zh,
    /// English
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Picks the Chinese or English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
