//! The one document model every document of the tool is made into: the report, every plan and the ledger.
//!
//! A [`Document`] is what a school hands in, laid out after GB/T 9704 (党政机关公文格式): an optional
//! 发文机关 line and 文号, the title, the body (numbered headings 一、（一）1., paragraphs, tables), the
//! 附件说明, the 落款 and date, then the 附件 each on a new page. Builders ([`crate::report`],
//! [`crate::plan`], [`crate::ledger`]) fill it from the domain; each writer in [`crate::export`] renders any
//! document into one format. Fonts, heading styles and table styles therefore live in one writer per format
//! and cannot drift between documents.
//!
//! The model holds plain text only: writers escape it for their format.

use crate::export::{docx, html, markdown};

/// Page orientation of A4 paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    /// 210 × 297 mm, the GB/T 9704 page.
    #[default]
    Portrait,
    /// 297 × 210 mm, for wide tables such as the ledger.
    Landscape,
}

/// Heading levels of a Chinese official document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// 一、 in 黑体.
    One,
    /// （一） in 楷体.
    Two,
    /// 1. in 仿宋, bold.
    Three,
}

impl Level {
    /// The number of the `n`-th heading (from 1) at this level, as GB/T 9704 writes it: 一、 （一） 1.
    pub fn number(self, n: usize) -> String {
        let zh = xzzp_core::plan::chinese_numeral(n);
        match self {
            Level::One => format!("{zh}、"),
            Level::Two => format!("（{zh}）"),
            Level::Three => format!("{n}."),
        }
    }
}

/// Size of the text in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextSize {
    /// 小四 (12 pt): tables inside the text, such as the 领导小组.
    #[default]
    Normal,
    /// 五号 (10.5 pt): dense annex tables such as the score sheet and the ledger.
    Small,
}

/// How a table cell's text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CellStyle {
    /// Plain text.
    #[default]
    Plain,
    /// Bold.
    Strong,
    /// A warning (e.g. an overdue task): bold. The text itself must carry a mark such as ▲ and a word such as
    /// 逾期, so that the warning survives black-and-white printing; writers never rely on colour.
    Alert,
}

/// A table cell. Line breaks in the text start new lines inside the cell.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: CellStyle,
}

impl Cell {
    /// A plain cell.
    pub fn new(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            style: CellStyle::Plain,
        }
    }

    /// A cell in a given style.
    pub fn styled(text: impl Into<String>, style: CellStyle) -> Self {
        Cell {
            text: text.into(),
            style,
        }
    }
}

/// A column of a table: header text and share of the text width.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text.
    pub title: String,
    /// Relative width; a column's share of the text width is its width over the sum of all widths.
    pub width: u32,
}

impl Column {
    /// A column.
    pub fn new(title: impl Into<String>, width: u32) -> Self {
        Column {
            title: title.into(),
            width,
        }
    }
}

/// A row of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Row {
    /// One cell per column.
    Cells(Vec<Cell>),
    /// A summary row (e.g. an area among its indicators): one cell per column, shaded and bold.
    Summary(Vec<Cell>),
    /// One cell across the whole table naming the rows below it: level 0 (e.g. an area) is shaded and
    /// bold, level 1 (e.g. an indicator) shaded.
    Group {
        /// 0 or 1.
        level: u8,
        /// The text.
        text: String,
    },
}

/// A real table whose header row repeats on every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// A name for the HTML `class` (e.g. `score-sheet`), so the app's stylesheet and tests can find it.
    pub class: &'static str,
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows.
    pub rows: Vec<Row>,
    /// Text size.
    pub size: TextSize,
}

/// A bar of a chart: label and ratio 0–1, `None` when not scored.
pub type Bar = (String, Option<f64>);

/// A horizontal bar chart: an SVG in HTML, a table with text bars in Word and Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// Header of the label column, e.g. 方面.
    pub label: String,
    /// Header of the value column, e.g. 达成度.
    pub value: String,
    /// The bars.
    pub bars: Vec<Bar>,
    /// A sentence under the chart.
    pub caption: String,
}

/// A block of a document's body or of an annex.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading on a line of its own; the text includes its number (一、基本情况).
    Heading {
        /// Level.
        level: Level,
        /// Text with its number.
        text: String,
    },
    /// A body paragraph, its first line indented by two characters. `lead` is a run-in heading at the start
    /// of the paragraph, with its number (e.g. 「（一）提高认识，加强领导。」), set in the heading font of `level`;
    /// an empty lead means a plain paragraph.
    Paragraph {
        /// The run-in heading, or empty.
        lead: String,
        /// Its level.
        level: Level,
        /// The rest of the paragraph.
        text: String,
    },
    /// A table.
    Table(Table),
    /// A chart.
    Chart(Chart),
    /// A note without indent in smaller type, e.g. the key to the marks of a table.
    Note(String),
}

impl Block {
    /// A heading.
    pub fn heading(level: Level, text: impl Into<String>) -> Self {
        Block::Heading {
            level,
            text: text.into(),
        }
    }

    /// A plain paragraph.
    pub fn para(text: impl Into<String>) -> Self {
        Block::Paragraph {
            lead: String::new(),
            level: Level::Two,
            text: text.into(),
        }
    }
}

/// An annex (附件): on a new page, headed 附件N and its title.
#[derive(Debug, Clone, PartialEq)]
pub struct Annex {
    /// Title, e.g. 自评得分表.
    pub title: String,
    /// Orientation of its pages.
    pub orientation: Orientation,
    /// Content.
    pub blocks: Vec<Block>,
}

impl Annex {
    /// The heading of the `n`-th of `total` annexes (from 1) on one line, e.g. 附件2　自评得分表.
    pub fn heading(&self, n: usize, total: usize) -> String {
        format!("{}　{}", annex_label(n, total), self.title)
    }
}

/// 附件N, or 附件 when there is only one (GB/T 9704 numbers annexes only when there are several).
pub fn annex_label(n: usize, total: usize) -> String {
    if total > 1 {
        format!("附件{n}")
    } else {
        "附件".to_string()
    }
}

/// The 附件说明 items after 「附件：」: 1．title … , or the bare title when there is only one annex.
pub fn annex_note(annexes: &[Annex]) -> Vec<String> {
    if annexes.len() == 1 {
        return vec![annexes[0].title.clone()];
    }
    annexes
        .iter()
        .enumerate()
        .map(|(i, a)| format!("{}．{}", i + 1, a.title))
        .collect()
}

/// A document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// Orientation of the body's pages.
    pub orientation: Orientation,
    /// 发文机关标志, e.g. 贺兰县第一小学文件; empty for none.
    pub issuer: String,
    /// 文号, e.g. 贺兰一小发〔2026〕3号; empty for none.
    pub doc_number: String,
    /// Title.
    pub title: String,
    /// A line under the title (e.g. school, period and framework of a report); empty for none.
    pub subtitle: String,
    /// The body.
    pub blocks: Vec<Block>,
    /// 落款 lines (e.g. the school's name); empty for none.
    pub signature: Vec<String>,
    /// 成文日期 as written, e.g. 2026年6月30日; empty for none.
    pub date: String,
    /// Annexes, in order; the body lists them in its 附件说明.
    pub annexes: Vec<Annex>,
}

impl Document {
    /// Adds an annex at the end.
    pub fn with_annex(mut self, annex: Annex) -> Self {
        self.annexes.push(annex);
        self
    }

    /// The document as a Word file (.docx).
    pub fn docx(&self) -> Vec<u8> {
        docx::write(self)
    }

    /// The document as Markdown.
    pub fn markdown(&self) -> String {
        markdown::write(self)
    }

    /// The document as an HTML fragment for the preview and printing.
    pub fn html(&self) -> String {
        html::write(self)
    }
}

/// How a line of free text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A second-level heading such as （一）办学方向方面.
    Sub,
    /// A paragraph.
    Para,
}

/// Classifies a line of free text: a short line that opens with （一）…（九十九） is a second-level heading.
pub fn line_kind(line: &str) -> Line {
    let Some(rest) = line.strip_prefix('（') else {
        return Line::Para;
    };
    let numeral: String = rest
        .chars()
        .take_while(|c| "一二三四五六七八九十".contains(*c))
        .collect();
    if !numeral.is_empty() && rest[numeral.len()..].starts_with('）') && line.chars().count() <= 40
    {
        Line::Sub
    } else {
        Line::Para
    }
}

/// Splits text into non-empty trimmed lines.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty())
}

/// Free text as blocks: each line a paragraph, short lines opening with （一） second-level headings.
pub fn text_blocks(text: &str) -> impl Iterator<Item = Block> + '_ {
    lines(text).map(|l| match line_kind(l) {
        Line::Sub => Block::heading(Level::Two, l),
        Line::Para => Block::para(l),
    })
}

/// Splits a numbered item into its run-in heading and the rest: the first sentence, when it ends within
/// the first 30 characters and text follows it (「提高认识，加强领导。全体教职工要…」).
pub fn split_lead(item: &str) -> (&str, &str) {
    let item = item.trim();
    match item.char_indices().take(30).find(|(_, c)| *c == '。') {
        Some((i, c)) if !item[i + c.len_utf8()..].trim().is_empty() => {
            let at = i + c.len_utf8();
            (&item[..at], item[at..].trim_start())
        }
        _ => ("", item),
    }
}

/// A text bar for charts in formats without graphics: one block per 5 %.
pub fn text_bar(ratio: f64) -> String {
    let n = (ratio.clamp(0.0, 1.0) * 20.0).round() as usize;
    format!("{}{}", "█".repeat(n), "░".repeat(20 - n))
}

/// A 达成度 as a whole percentage, or 未评分.
pub fn bar_value(ratio: Option<f64>) -> String {
    ratio
        .map(|x| format!("{:.0}%", x * 100.0))
        .unwrap_or_else(|| "未评分".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_numbers_follow_the_official_document_sequence() {
        assert_eq!(Level::One.number(3), "三、");
        assert_eq!(Level::Two.number(12), "（十二）");
        assert_eq!(Level::Three.number(2), "2.");
    }

    #[test]
    fn sub_headings_are_recognised() {
        assert_eq!(line_kind("（一）办学方向方面"), Line::Sub);
        assert_eq!(line_kind("（十二）其他"), Line::Sub);
        assert_eq!(line_kind("（其中不适用2个）"), Line::Para);
        assert_eq!(line_kind("1. 要点"), Line::Para);
        assert_eq!(
            text_bar(0.5),
            format!("{}{}", "█".repeat(10), "░".repeat(10))
        );
    }

    #[test]
    fn a_short_first_sentence_becomes_the_run_in_heading() {
        assert_eq!(
            split_lead("提高认识，加强领导。全体教职工要提高认识。"),
            ("提高认识，加强领导。", "全体教职工要提高认识。")
        );
        // No text after the sentence, or a first sentence that is too long: no run-in heading.
        assert_eq!(split_lead("学校自查。"), ("", "学校自查。"));
        let long = format!("{}。后文", "长".repeat(40));
        assert_eq!(split_lead(&long), ("", long.as_str()));
        assert_eq!(
            split_lead("全面落实立德树人根本任务：指标一、指标二。"),
            ("", "全面落实立德树人根本任务：指标一、指标二。")
        );
    }
}
