//! What the principal keeps of a report: the edited texts, and the per-point statistics of teachers' answers
//! that the score sheet shows. Drafting the report itself is the documents crate's work.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The four narrative sections, in order.
pub const SECTION_KEYS: [&str; 4] = ["basic", "strengths", "problems", "next"];

/// Headings of the four sections.
pub fn section_heading(key: &str) -> &'static str {
    match key {
        "basic" => "一、基本情况",
        "strengths" => "二、工作成效及亮点",
        "problems" => "三、存在问题",
        _ => "四、下一步工作计划",
    }
}

/// The title of a section in the interface's language: its heading in Chinese, an English name otherwise.
pub fn section_title(key: &str, lang: crate::i18n::Lang) -> &'static str {
    match (lang, key) {
        (crate::i18n::Lang::Zh, k) => section_heading(k),
        (_, "basic") => "1. Basic facts",
        (_, "strengths") => "2. Achievements and highlights",
        (_, "problems") => "3. Problems found",
        _ => "4. Next steps",
    }
}

/// What the principal changed in the drafted report; kept per evaluation and never overwritten by a redraft.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ReportEdits {
    /// An optional 文号-style line, e.g. 贺兰一小〔2026〕3号.
    #[serde(default)]
    pub doc_number: String,
    /// Edited section texts by key (see [`SECTION_KEYS`]); a missing key means "use the draft".
    #[serde(default)]
    pub sections: BTreeMap<String, String>,
}

/// Per-point statistics of teachers' answers, shown in the score sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RespondentStats {
    /// How many respondents answered the point.
    pub count: usize,
    /// A short summary, e.g. 优秀 3 / 良好 2，均分 3.6.
    pub summary: String,
}
