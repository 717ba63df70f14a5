//! Indicator tables as spreadsheets: a county's or province's table read from `.xlsx` or `.csv` into a
//! framework (with a preview before anything is saved), and every framework written back in the same layout.
//!
//! Bytes in, model out: no browser API here, so the crate can be loaded on demand and tested on the host.
//!
//! The layout (documented in `docs/indicator-tables.md`) has the columns
//! 方面 | 关键指标 | 考查要点 | 类型 | 目标 | 自查要点 | 佐证材料 | 来源, found by their names in a header row (a title
//! row above it is allowed and becomes the suggested title). A blank 方面 or 关键指标 cell continues the one
//! above, which is also what merged cells look like once read, and a cell repeating the one above continues it
//! too (tables "filled down" by hand).

mod layout;
mod read;
mod write;

pub use layout::{import, ImportOptions, Preview, Warning, COLUMNS};
pub use read::{read_csv, read_csv_text, read_table, read_xlsx, Table};
pub use write::{blank_template_csv, blank_template_xlsx, to_csv, to_rows, to_xlsx};

use xzzp_core::framework::FrameworkError;
use xzzp_core::i18n::{Lang, Localized};

/// Files larger than this are refused before they are read.
pub const MAX_SHEET_BYTES: usize = 10 * 1024 * 1024;
/// Rows read from one sheet at most; an indicator table has a few hundred.
pub const MAX_ROWS: usize = 5_000;

/// The letters of a spreadsheet column (0 → A, 26 → AA).
pub fn column_letters(mut col: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// A problem with a spreadsheet; when it is about a cell, the sheet, row (1-based, as the spreadsheet shows
/// it) and column are given.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetError {
    /// The sheet (for a CSV file, its file name or "CSV").
    pub sheet: String,
    /// Row number as shown by the spreadsheet, when known.
    pub row: Option<usize>,
    /// Column (0-based) and its header name, when known.
    pub column: Option<(usize, String)>,
    /// What is wrong.
    pub problem: SheetProblem,
}

/// What is wrong with a spreadsheet.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetProblem {
    /// The file is empty.
    Empty,
    /// Larger than [`MAX_SHEET_BYTES`], or more rows than [`MAX_ROWS`].
    TooLarge,
    /// Not an .xlsx file (a .xls, a damaged file …); the reader's words are kept for a technician.
    NotXlsx(String),
    /// Text in an encoding that is neither UTF-8, UTF-16 nor GBK.
    UnknownEncoding,
    /// No row with the column names 方面, 关键指标 and 考查要点 in the first rows.
    NoHeader,
    /// A required column is missing from the header row.
    MissingColumn(&'static str),
    /// A quoted CSV field that never ends.
    UnclosedQuote,
    /// A cell holds an error value such as #REF!.
    ErrorValue,
    /// A 考查要点 before any 方面 or 关键指标.
    PointWithoutIndicator,
    /// A 关键指标 before any 方面.
    IndicatorWithoutArea,
    /// A row with content but no 考查要点, 关键指标 or 方面 to put it on.
    ContentWithoutPoint,
    /// A 类型 that is not 等级, 是否, 数值 or 文字.
    UnknownKind(String),
    /// A 目标 that cannot be read, e.g. `≥四十五%`.
    BadTarget(String),
    /// A 目标 on a point that is not a number point.
    TargetOnOtherKind,
    /// The tree breaks a rule of the shared validator.
    Rule(Box<FrameworkError>),
    /// No table in the file has any 考查要点.
    NoPoints,
}

impl Localized for SheetError {
    fn text(&self, lang: Lang) -> String {
        let mut at = match lang {
            Lang::Zh => format!("工作表“{}”", self.sheet),
            Lang::En => format!("Sheet \"{}\"", self.sheet),
        };
        if let Some(r) = self.row {
            at += &match lang {
                Lang::Zh => format!("第 {r} 行"),
                Lang::En => format!(", row {r}"),
            };
        }
        if let Some((c, name)) = &self.column {
            at += &match lang {
                Lang::Zh => format!(" {} 列（{name}）", column_letters(*c)),
                Lang::En => format!(", column {} ({name})", column_letters(*c)),
            };
        }
        let sep = lang.pick("：", ": ");
        format!("{at}{sep}{}", self.problem.text(lang))
    }
}

impl Localized for SheetProblem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (SheetProblem::Empty, Lang::Zh) => "文件是空的".into(),
            (SheetProblem::Empty, Lang::En) => "the file is empty".into(),
            (SheetProblem::TooLarge, Lang::Zh) => format!(
                "文件太大（超过 {} MB 或 {} 行），不像是指标表，请检查是否选错了文件",
                MAX_SHEET_BYTES / 1_048_576,
                MAX_ROWS
            ),
            (SheetProblem::TooLarge, Lang::En) => format!(
                "the file is too large (over {} MB or {} rows) for an indicator table; check that it is the right file",
                MAX_SHEET_BYTES / 1_048_576,
                MAX_ROWS
            ),
            (SheetProblem::NotXlsx(detail), Lang::Zh) => format!(
                "无法读取这个 Excel 文件，它可能已损坏或是旧的 .xls 格式；请在 Excel 或 WPS 中“另存为” .xlsx 或 CSV 后再导入（{detail}）"
            ),
            (SheetProblem::NotXlsx(detail), Lang::En) => format!(
                "this Excel file cannot be read; it may be damaged or an old .xls file: save it as .xlsx or CSV in Excel or WPS and import again ({detail})"
            ),
            (SheetProblem::UnknownEncoding, Lang::Zh) => {
                "无法识别文件的文字编码；请在 Excel 或 WPS 中另存为“CSV UTF-8”或 .xlsx 后再导入".into()
            }
            (SheetProblem::UnknownEncoding, Lang::En) => {
                "the text encoding of the file is not recognised; save it as \"CSV UTF-8\" or .xlsx and import again".into()
            }
            (SheetProblem::NoHeader, Lang::Zh) => {
                "找不到表头：前 20 行中没有同时含“方面”“关键指标”“考查要点”的一行。请使用本工具提供的空白模板的表头".into()
            }
            (SheetProblem::NoHeader, Lang::En) => {
                "no header row: none of the first 20 rows names the columns 方面, 关键指标 and 考查要点; use the header of the blank template".into()
            }
            (SheetProblem::MissingColumn(c), Lang::Zh) => format!("表头缺少“{c}”列"),
            (SheetProblem::MissingColumn(c), Lang::En) => {
                format!("the header row has no column \"{c}\"")
            }
            (SheetProblem::UnclosedQuote, Lang::Zh) => {
                "引号没有闭合，文件可能被截断或格式有误".into()
            }
            (SheetProblem::UnclosedQuote, Lang::En) => {
                "a quotation mark is never closed; the file may be cut off or malformed".into()
            }
            (SheetProblem::ErrorValue, Lang::Zh) => {
                "单元格是错误值（如 #REF!），请改成文字".into()
            }
            (SheetProblem::ErrorValue, Lang::En) => {
                "the cell holds an error value (such as #REF!); replace it with text".into()
            }
            (SheetProblem::PointWithoutIndicator, Lang::Zh) => {
                "这一行有考查要点，但它上面还没有方面和关键指标".into()
            }
            (SheetProblem::PointWithoutIndicator, Lang::En) => {
                "this row has a point but no area and indicator above it".into()
            }
            (SheetProblem::IndicatorWithoutArea, Lang::Zh) => {
                "这一行有关键指标，但它上面还没有方面".into()
            }
            (SheetProblem::IndicatorWithoutArea, Lang::En) => {
                "this row has an indicator but no area above it".into()
            }
            (SheetProblem::ContentWithoutPoint, Lang::Zh) => {
                "这一行有内容，但没有考查要点、关键指标或方面可以对应".into()
            }
            (SheetProblem::ContentWithoutPoint, Lang::En) => {
                "this row has content but no point, indicator or area it belongs to".into()
            }
            (SheetProblem::UnknownKind(k), Lang::Zh) => {
                format!("无法识别类型“{k}”，请填 等级、是否、数值 或 文字（留空按等级）")
            }
            (SheetProblem::UnknownKind(k), Lang::En) => format!(
                "the kind \"{k}\" is not known; write 等级 (level), 是否 (yes/no), 数值 (number) or 文字 (text); blank means level"
            ),
            (SheetProblem::BadTarget(t), Lang::Zh) => format!(
                "无法读取目标“{t}”，请写成“≥45%”“≤5次”或只写单位（如“%”）"
            ),
            (SheetProblem::BadTarget(t), Lang::En) => format!(
                "the target \"{t}\" cannot be read; write it like ≥45% or ≤5次, or only the unit (e.g. %)"
            ),
            (SheetProblem::TargetOnOtherKind, Lang::Zh) => {
                "只有类型为“数值”的要点可以填目标".into()
            }
            (SheetProblem::TargetOnOtherKind, Lang::En) => {
                "only points of kind 数值 (number) may have a target".into()
            }
            (SheetProblem::Rule(e), lang) => e.problem.text(lang),
            (SheetProblem::NoPoints, Lang::Zh) => "表中没有任何考查要点".into(),
            (SheetProblem::NoPoints, Lang::En) => "the table has no points".into(),
        }
    }
}
