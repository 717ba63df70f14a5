//! The expected schools (应报学校名单) and who has submitted.
//!
//! A bureau pastes names one per line, or a CSV/TSV exported from Excel or WPS and already decoded to text
//! (GBK or UTF-8 decoding happens before this module). [`parse_expected`] finds the names: it skips blank lines,
//! title rows above a header row, the header row itself, 序号 columns and leading ordinals such as `1.` or `2、`,
//! and 合计 rows; it reports duplicates. [`attendance`] matches the list against the schools received.
//!
//! Matching is tolerant only where a difference cannot mean another school: spaces anywhere (including the
//! full-width space), full-width and half-width letters, digits and brackets, ASCII case, and the several middle
//! dots are ignored ([`normalize_name`]). Nothing else is: 贺兰一小 and 贺兰县第一小学 stay two names, so two
//! schools are never merged by a guess. One more rule: a name with or without its county in front
//! (第一小学 / 贺兰县第一小学, county taken from the school's profile) matches when that pairing is the only one.

use super::i18n::{Lang, Localized};
use std::collections::HashMap;

/// A school on the expected list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpectedSchool {
    /// The name as written, trimmed.
    pub name: String,
    /// The line it is on (1-based), for messages.
    pub line: usize,
}

/// Something [`parse_expected`] did that the user should know about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListNotice {
    /// A header row was recognised and skipped.
    Header {
        /// Its line.
        line: usize,
    },
    /// A title row above the header was skipped.
    Title {
        /// Its line.
        line: usize,
        /// Its text.
        text: String,
    },
    /// A name given twice; the second is ignored.
    Duplicate {
        /// The name.
        name: String,
        /// The line of the repetition.
        line: usize,
        /// The line where it first appears.
        first: usize,
    },
    /// A row with cells but no school name (e.g. only a 序号).
    NoName {
        /// Its line.
        line: usize,
    },
    /// A 合计 / 总计 row was skipped.
    Total {
        /// Its line.
        line: usize,
    },
}

impl Localized for ListNotice {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ListNotice::Header { line }, Lang::Zh) => format!("第 {line} 行是表头，已跳过"),
            (ListNotice::Header { line }, Lang::En) => {
                format!("Line {line} is a header row and was skipped")
            }
            (ListNotice::Title { line, text }, Lang::Zh) => {
                format!("第 {line} 行“{text}”是表格标题，已跳过")
            }
            (ListNotice::Title { line, text }, Lang::En) => {
                format!("Line {line} (“{text}”) is a table title and was skipped")
            }
            (ListNotice::Duplicate { name, line, first }, Lang::Zh) => {
                format!("第 {line} 行的“{name}”与第 {first} 行重复，只计一次")
            }
            (ListNotice::Duplicate { name, line, first }, Lang::En) => {
                format!("“{name}” on line {line} repeats line {first} and is counted once")
            }
            (ListNotice::NoName { line }, Lang::Zh) => {
                format!("第 {line} 行没有学校名称，已跳过")
            }
            (ListNotice::NoName { line }, Lang::En) => {
                format!("Line {line} has no school name and was skipped")
            }
            (ListNotice::Total { line }, Lang::Zh) => format!("第 {line} 行是合计行，已跳过"),
            (ListNotice::Total { line }, Lang::En) => {
                format!("Line {line} is a total row and was skipped")
            }
        }
    }
}

/// The expected schools and what was skipped on the way.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedList {
    /// The schools, in list order, without duplicates.
    pub schools: Vec<ExpectedSchool>,
    /// What was skipped and why.
    pub notices: Vec<ListNotice>,
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
}

/// Full-width ASCII (Ａ, １, （) as half-width, and every middle dot as `·`.
fn fold(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '・' | '•' | '‧' | '･' | '∙' | '⋅' => '·',
        _ => c,
    }
}

/// A name as compared: no spaces or invisible characters, full-width letters, digits and brackets folded to
/// half-width, ASCII lower case, one kind of middle dot.
pub fn normalize_name(s: &str) -> String {
    s.chars()
        .map(fold)
        .filter(|c| !c.is_whitespace() && !is_invisible(*c))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A cell as shown: spaces and invisible characters trimmed at both ends (full-width spaces included).
pub fn clean_cell(s: &str) -> String {
    s.trim_matches(|c: char| c.is_whitespace() || is_invisible(c))
        .to_string()
}

/// Whether a cell is only an ordinal: `1`, `01`, `１`, `1.`, `2、`, `(3)`.
fn is_ordinal(cell: &str) -> bool {
    let n = normalize_name(cell);
    let core = n
        .trim_start_matches(['(', '['])
        .trim_end_matches(['.', '、', ')', ']', ':', '。']);
    !core.is_empty() && core.chars().all(|c| c.is_ascii_digit())
}

/// A name without a leading ordinal such as `1.`, `2、`, `(3)` or `４．` (only when a separator follows the
/// digits, so that a name like 101中学 is kept whole).
fn strip_ordinal(s: &str) -> &str {
    let folded: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    let opened = matches!(folded.first().map(|(_, c)| fold(*c)), Some('('));
    if opened {
        i += 1;
    }
    let digits_from = i;
    while i < folded.len() && fold(folded[i].1).is_ascii_digit() {
        i += 1;
    }
    if i == digits_from || i >= folded.len() {
        return s;
    }
    let sep = fold(folded[i].1);
    let ok = if opened {
        sep == ')'
    } else {
        matches!(sep, '.' | '、' | ')' | ':' | ' ' | '\u{3000}' | '。')
    };
    if !ok {
        return s;
    }
    let rest = &s[folded[i].0 + folded[i].1.len_utf8()..];
    let rest =
        rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(fold(c), '.' | '、'));
    if rest.is_empty() {
        s
    } else {
        rest
    }
}

const NAME_HEADERS: [&str; 9] = [
    "学校名称",
    "学校",
    "校名",
    "名称",
    "单位名称",
    "单位",
    "学校全称",
    "school",
    "name",
];
const OTHER_HEADERS: [&str; 12] = [
    "序号",
    "编号",
    "学校类型",
    "类型",
    "学段",
    "集团",
    "所属集团",
    "备注",
    "联系人",
    "联系电话",
    "no",
    "no.",
];

fn is_name_header(cell: &str) -> bool {
    let n = normalize_name(cell);
    NAME_HEADERS.contains(&n.as_str()) || n.contains("学校名称") || n.contains("单位名称")
}

fn is_header_cell(cell: &str) -> bool {
    is_name_header(cell) || OTHER_HEADERS.contains(&normalize_name(cell).as_str())
}

const TOTALS: [&str; 4] = ["合计", "总计", "小计", "共计"];

/// A 合计 row: a cell that says 合计 (or 总计 …), or a name such as 共计14所.
fn is_total(cells: &[String], name: &str) -> bool {
    let n = normalize_name(name);
    cells
        .iter()
        .any(|c| TOTALS.contains(&normalize_name(c).as_str()))
        || TOTALS
            .iter()
            .any(|t| n.starts_with(t) && n.chars().count() <= 10 && n.contains('所'))
}

/// Splits text into records of cells, with the line each record starts on. `delim` `None`: one cell a line.
/// Quoted CSV fields may hold delimiters, doubled quotes and line breaks.
fn records(text: &str, delim: Option<char>) -> Vec<(usize, Vec<String>)> {
    let mut out = Vec::new();
    let mut line = 1usize;
    let mut start_line = 1usize;
    let mut cells: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    cell.push('\n');
                }
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if delim.is_some() && at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\r' | '\n' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                cells.push(std::mem::take(&mut cell));
                out.push((start_line, std::mem::take(&mut cells)));
                line += 1;
                start_line = line;
                at_cell_start = true;
            }
            c if Some(c) == delim => {
                cells.push(std::mem::take(&mut cell));
                at_cell_start = true;
            }
            _ => {
                if !(at_cell_start && c.is_whitespace()) {
                    at_cell_start = false;
                }
                cell.push(c);
            }
        }
    }
    if !cell.is_empty() || !cells.is_empty() {
        cells.push(cell);
        out.push((start_line, cells));
    }
    out
}

/// The encodings a list saved by Excel or WPS comes in, other than UTF-8: what [`decode_list`] asks its
/// decoder for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegacyEncoding {
    /// UTF-16 little-endian with its byte-order mark ("Unicode text" from Excel).
    Utf16Le,
    /// UTF-16 big-endian with its byte-order mark.
    Utf16Be,
    /// GB18030, the superset of GBK that Chinese Excel writes for "CSV (逗号分隔)".
    Gb18030,
}

impl LegacyEncoding {
    /// The WHATWG label of the encoding (for the browser's `TextDecoder`).
    pub fn label(self) -> &'static str {
        match self {
            LegacyEncoding::Utf16Le => "utf-16le",
            LegacyEncoding::Utf16Be => "utf-16be",
            LegacyEncoding::Gb18030 => "gb18030",
        }
    }
}

/// The text of a list file from Excel or WPS: UTF-8 with or without a byte-order mark as it is; otherwise
/// UTF-16 by its byte-order mark, else GBK, through `legacy` (the browser's `TextDecoder` in the app, so that
/// no decoding tables ship in the first module). The byte-order mark is removed; `None` when `legacy` cannot
/// decode it.
pub fn decode_list(
    bytes: &[u8],
    legacy: impl FnOnce(LegacyEncoding, &[u8]) -> Option<String>,
) -> Option<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            let enc = if bytes.starts_with(&[0xff, 0xfe]) {
                LegacyEncoding::Utf16Le
            } else if bytes.starts_with(&[0xfe, 0xff]) {
                LegacyEncoding::Utf16Be
            } else {
                LegacyEncoding::Gb18030
            };
            legacy(enc, bytes)?
        }
    };
    Some(text.trim_start_matches('\u{feff}').to_string())
}

/// Reads an expected-schools list: names one per line, or CSV / tab-separated rows as Excel and WPS write
/// them (already decoded to text).
pub fn parse_expected(text: &str) -> ExpectedList {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delim = if text.contains('\t') {
        Some('\t')
    } else if text.contains(',') {
        Some(',')
    } else {
        None
    };
    let rows: Vec<(usize, Vec<String>)> = records(text, delim)
        .into_iter()
        .map(|(l, cells)| (l, cells.iter().map(|c| clean_cell(c)).collect::<Vec<_>>()))
        .filter(|(_, cells)| cells.iter().any(|c| !c.is_empty()))
        .collect();
    let mut list = ExpectedList::default();

    // A header row among the first few rows; rows above it are titles.
    let header = rows
        .iter()
        .take(5)
        .position(|(_, cells)| cells.iter().any(|c| is_header_cell(c)));
    let name_col = header.and_then(|h| rows[h].1.iter().position(|c| is_name_header(c)));
    let body_from = match header {
        Some(h) => {
            for (line, cells) in &rows[..h] {
                list.notices.push(ListNotice::Title {
                    line: *line,
                    text: cells
                        .iter()
                        .find(|c| !c.is_empty())
                        .cloned()
                        .unwrap_or_default(),
                });
            }
            list.notices.push(ListNotice::Header { line: rows[h].0 });
            h + 1
        }
        None => 0,
    };

    let mut seen: HashMap<String, usize> = HashMap::new();
    for (line, cells) in &rows[body_from..] {
        let cell = match name_col {
            Some(col) => cells.get(col).map(String::as_str).unwrap_or(""),
            None => cells
                .iter()
                .map(String::as_str)
                .find(|c| !c.is_empty() && !is_ordinal(c))
                .unwrap_or(""),
        };
        let name = clean_cell(strip_ordinal(cell));
        if is_total(cells, &name) {
            list.notices.push(ListNotice::Total { line: *line });
            continue;
        }
        if name.is_empty() || is_ordinal(&name) {
            list.notices.push(ListNotice::NoName { line: *line });
            continue;
        }
        let key = normalize_name(&name);
        if let Some(first) = seen.get(&key) {
            list.notices.push(ListNotice::Duplicate {
                name,
                line: *line,
                first: *first,
            });
            continue;
        }
        seen.insert(key, *line);
        list.schools.push(ExpectedSchool { name, line: *line });
    }
    list
}

/// A school received, as the matching sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate<'a> {
    /// Its name.
    pub name: &'a str,
    /// Its county from the profile (may be empty).
    pub county: &'a str,
}

/// How an expected name was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Equal after [`normalize_name`].
    Exact,
    /// Equal once the county is put in front of (or taken off) one of them, and no other school fits.
    County,
}

impl Localized for MatchKind {
    fn text(&self, lang: Lang) -> String {
        match self {
            MatchKind::Exact => lang.pick("名称一致", "Same name"),
            MatchKind::County => lang.pick(
                "加上或去掉县（区）名后名称一致",
                "Same name once the county is added or left out",
            ),
        }
        .to_string()
    }
}

/// An expected school matched to a school received.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Matched {
    /// Index into the expected list.
    pub expected: usize,
    /// Index into the schools received.
    pub received: usize,
    /// How.
    pub how: MatchKind,
}

/// The expected list against the schools received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attendance {
    /// Expected schools that submitted.
    pub matched: Vec<Matched>,
    /// Expected schools that did not submit (indices into the list).
    pub missing: Vec<usize>,
    /// Schools received that are not on the list (indices into the schools received).
    pub unexpected: Vec<usize>,
    /// Expected names that fit several schools received, left for the user to decide.
    pub ambiguous: Vec<(usize, Vec<usize>)>,
}

impl Attendance {
    /// Share of expected schools that submitted, 0–1 (`None` for an empty list).
    pub fn rate(&self, expected: usize) -> Option<f64> {
        (expected > 0).then(|| self.matched.len() as f64 / expected as f64)
    }
}

/// Matches expected schools against the schools received (each school once), by the rules of this module.
pub fn attendance(expected: &[ExpectedSchool], received: &[Candidate]) -> Attendance {
    let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in received.iter().enumerate() {
        exact.entry(normalize_name(r.name)).or_default().push(i);
    }
    let mut used = vec![false; received.len()];
    let mut out = Attendance::default();
    let mut unmatched = Vec::new();
    for (e, school) in expected.iter().enumerate() {
        match exact.get(&normalize_name(&school.name)).map(Vec::as_slice) {
            Some([r]) => {
                used[*r] = true;
                out.matched.push(Matched {
                    expected: e,
                    received: *r,
                    how: MatchKind::Exact,
                });
            }
            Some(several) if several.len() > 1 => out.ambiguous.push((e, several.to_vec())),
            _ => unmatched.push(e),
        }
    }

    // With or without the county in front, among the schools not matched yet.
    let mut alt: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in received.iter().enumerate().filter(|(i, _)| !used[*i]) {
        let county = normalize_name(r.county);
        if county.is_empty() {
            continue;
        }
        let name = normalize_name(r.name);
        let key = match name.strip_prefix(county.as_str()) {
            Some(rest) if !rest.is_empty() => rest.to_string(),
            Some(_) => continue,
            None => format!("{county}{name}"),
        };
        alt.entry(key).or_default().push(i);
    }
    let mut claims: HashMap<usize, usize> = HashMap::new();
    let wanted: Vec<(usize, Option<usize>)> = unmatched
        .iter()
        .map(|&e| {
            let one = match alt
                .get(&normalize_name(&expected[e].name))
                .map(Vec::as_slice)
            {
                Some([r]) => Some(*r),
                _ => None,
            };
            if let Some(r) = one {
                *claims.entry(r).or_default() += 1;
            }
            (e, one)
        })
        .collect();
    for (e, r) in wanted {
        match r {
            Some(r) if claims[&r] == 1 => {
                used[r] = true;
                out.matched.push(Matched {
                    expected: e,
                    received: r,
                    how: MatchKind::County,
                });
            }
            _ => out.missing.push(e),
        }
    }
    out.matched.sort_by_key(|m| m.expected);
    out.unexpected = (0..received.len()).filter(|i| !used[*i]).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &ExpectedList) -> Vec<&str> {
        list.schools.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn names_compare_without_spaces_width_or_case() {
        assert_eq!(
            normalize_name("　示例县 第一小学（东校区）"),
            normalize_name("示例县第一小学(东校区)")
        );
        assert_eq!(normalize_name("ＡＢＣ１２３"), "abc123");
        assert_eq!(
            normalize_name("示例・城东初中"),
            normalize_name("示例·城东初中")
        );
        assert_ne!(normalize_name("贺兰一小"), normalize_name("贺兰县第一小学"));
        assert_eq!(clean_cell("\u{feff}　贺兰一小 \u{200b}"), "贺兰一小");
    }

    #[test]
    fn one_name_a_line_with_blank_lines_ordinals_and_full_width_spaces() {
        let list = parse_expected(
            "\u{feff}贺兰县第一小学\r\n\r\n　1. 贺兰县第二小学　\n2、贺兰县第三小学\n（4）贺兰县第四小学\n101中学\n５．示例中学\n",
        );
        assert_eq!(
            names(&list),
            [
                "贺兰县第一小学",
                "贺兰县第二小学",
                "贺兰县第三小学",
                "贺兰县第四小学",
                "101中学",
                "示例中学"
            ]
        );
        assert_eq!(list.schools[1].line, 3);
        assert!(list.notices.is_empty(), "{:?}", list.notices);
    }

    #[test]
    fn a_csv_from_excel_with_a_title_a_header_a_number_column_and_a_total() {
        let csv = "2025年学校自评报送名单,,\r\n序号,学校名称,学校类型\r\n1,示例县第一小学,小学\r\n2,\"示例县第二小学, 东校区\",小学\r\n,,\r\n3,示例县第一小学 ,小学\r\n4,,初中\r\n合计,3所,\r\n";
        let list = parse_expected(csv);
        assert_eq!(names(&list), ["示例县第一小学", "示例县第二小学, 东校区"]);
        assert_eq!(
            list.notices,
            vec![
                ListNotice::Title {
                    line: 1,
                    text: "2025年学校自评报送名单".into()
                },
                ListNotice::Header { line: 2 },
                ListNotice::Duplicate {
                    name: "示例县第一小学".into(),
                    line: 6,
                    first: 3
                },
                ListNotice::NoName { line: 7 },
                ListNotice::Total { line: 8 },
            ]
        );
        assert_eq!(
            ListNotice::Duplicate {
                name: "示例县第一小学".into(),
                line: 6,
                first: 3
            }
            .zh(),
            "第 6 行的“示例县第一小学”与第 3 行重复，只计一次"
        );
    }

    #[test]
    fn tab_separated_rows_pasted_from_a_spreadsheet_without_a_header() {
        let list =
            parse_expected("1\t示例县第一小学\t小学\n2\t示例县城东初级中学\t初中\n合计\t\t\n");
        assert_eq!(names(&list), ["示例县第一小学", "示例县城东初级中学"]);
        assert_eq!(list.notices, vec![ListNotice::Total { line: 3 }]);
    }

    #[test]
    fn quoted_fields_may_hold_line_breaks() {
        let list =
            parse_expected("学校名称,备注\n\"示例县第一小学\",\"两行\n备注\"\n示例县第二小学,\n");
        assert_eq!(names(&list), ["示例县第一小学", "示例县第二小学"]);
        assert_eq!(list.schools[1].line, 4);
    }

    fn expected(names: &[&str]) -> Vec<ExpectedSchool> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| ExpectedSchool {
                name: n.to_string(),
                line: i + 1,
            })
            .collect()
    }

    /// A decoder as a browser's `TextDecoder` is, for the host.
    #[cfg(not(target_arch = "wasm32"))]
    fn decoder(enc: LegacyEncoding, bytes: &[u8]) -> Option<String> {
        let e = encoding_rs::Encoding::for_label(enc.label().as_bytes())?;
        let (text, _, bad) = e.decode(bytes);
        (!bad).then(|| text.into_owned())
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn the_missing_schools_come_from_a_csv_saved_by_chinese_excel_in_gbk_or_by_wps_in_utf8() {
        let csv = "序号,学校名称,备注\r\n1,示例县第一小学,\r\n2,\"示例县第二小学\",城区\r\n3,示例县城关中学,\r\n4,示例县未报送小学,山区\r\n";
        let (gbk, _, lossy) = encoding_rs::GBK.encode(csv);
        assert!(!lossy);
        assert!(
            std::str::from_utf8(&gbk).is_err(),
            "a real GBK file, not UTF-8"
        );
        let with_bom = [b"\xef\xbb\xbf".as_slice(), csv.as_bytes()].concat();
        let mut utf16 = vec![0xff, 0xfe];
        utf16.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
        let received = [
            Candidate {
                name: "示例县第一小学",
                county: "示例县",
            },
            Candidate {
                name: "示例县第二小学",
                county: "示例县",
            },
            Candidate {
                name: "示例县城关中学",
                county: "示例县",
            },
        ];
        for bytes in [&gbk[..], csv.as_bytes(), &with_bom, &utf16] {
            let text = decode_list(bytes, decoder).unwrap();
            assert!(text.starts_with("序号"), "{text}");
            let list = parse_expected(&text);
            let names: Vec<&str> = list.schools.iter().map(|s| s.name.as_str()).collect();
            assert_eq!(
                names,
                [
                    "示例县第一小学",
                    "示例县第二小学",
                    "示例县城关中学",
                    "示例县未报送小学"
                ]
            );
            let a = attendance(&list.schools, &received);
            assert_eq!(a.missing, vec![3]);
            assert_eq!(list.schools[a.missing[0]].name, "示例县未报送小学");
        }
        // Bytes no decoder can read are refused, not guessed.
        assert_eq!(decode_list(&[0x81, 0x20], |_, _| None), None);
    }

    #[test]
    fn attendance_lists_missing_and_unexpected_schools_without_false_merges() {
        let list = expected(&[
            "示例县第一小学",
            "示例县第二小学",
            "城东初级中学",
            "示例县第三小学",
        ]);
        let received = [
            Candidate {
                name: "示例县 第一小学",
                county: "示例县",
            },
            Candidate {
                name: "示例县城东初级中学",
                county: "示例县",
            },
            Candidate {
                name: "示例县二小",
                county: "示例县",
            },
        ];
        let a = attendance(&list, &received);
        assert_eq!(
            a.matched,
            vec![
                Matched {
                    expected: 0,
                    received: 0,
                    how: MatchKind::Exact
                },
                Matched {
                    expected: 2,
                    received: 1,
                    how: MatchKind::County
                },
            ]
        );
        // 二小 is not 第二小学: no guess.
        assert_eq!(a.missing, vec![1, 3]);
        assert_eq!(a.unexpected, vec![2]);
        assert_eq!(a.rate(list.len()), Some(0.5));
    }

    #[test]
    fn a_name_that_fits_two_schools_is_left_for_the_user() {
        let list = expected(&["第一小学"]);
        let received = [
            Candidate {
                name: "第一小学",
                county: "甲县",
            },
            Candidate {
                name: "第一小学",
                county: "乙县",
            },
        ];
        let a = attendance(&list, &received);
        assert!(a.matched.is_empty());
        assert_eq!(a.ambiguous, vec![(0, vec![0, 1])]);
        assert!(a.missing.is_empty());
        assert_eq!(a.unexpected, vec![0, 1]);
        // Two list names that fit one school by the county rule: neither is taken.
        let list = expected(&["甲县第一小学", "第一小学"]);
        let received = [Candidate {
            name: "甲县第一小学",
            county: "甲县",
        }];
        let a = attendance(&list, &received);
        assert_eq!(a.matched.len(), 1);
        assert_eq!(a.matched[0].how, MatchKind::Exact);
        assert_eq!(a.missing, vec![1]);
    }
}
