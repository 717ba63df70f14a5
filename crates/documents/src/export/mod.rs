//! Exporters: each renders the [`crate::report::Report`] model into one format. User text is escaped for the
//! format in every case.

pub mod docx;
pub mod html;
pub mod markdown;
pub mod zip;

/// How a line of a narrative section is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Line {
    /// A second-level heading such as （一）办学方向方面.
    Sub,
    /// A paragraph.
    Para,
}

/// Classifies a line: lines that open with （一）…（九十九） are second-level headings.
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

/// A text bar for charts in formats without graphics: one block per 5 %.
pub fn text_bar(ratio: f64) -> String {
    let n = (ratio.clamp(0.0, 1.0) * 20.0).round() as usize;
    format!("{}{}", "█".repeat(n), "░".repeat(20 - n))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
