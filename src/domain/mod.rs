//! The pure domain: no browser, no UI. Everything here is tested on the host with `cargo test`.

pub mod backup;
pub mod catalog;
pub mod demo;
pub mod evaluation;
pub mod export;
pub mod framework;
pub mod ledger;
pub mod persist;
pub mod plan;
pub mod planning;
pub mod report;
pub mod respondents;
pub mod school;
pub mod scoring;

#[cfg(test)]
pub(crate) mod fixtures;

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
