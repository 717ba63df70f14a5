//! Reading spreadsheets into plain grids of text: `.xlsx` through calamine, `.csv` decoded from UTF-8,
//! UTF-8 with BOM, UTF-16 (Excel's "Unicode text") or GBK (what Chinese Excel writes).

use crate::{SheetError, SheetProblem, MAX_ROWS, MAX_SHEET_BYTES};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// One sheet as text: `rows[r][c]` is the cell at spreadsheet row `r + 1`, column `c` (A = 0).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// The sheet's name (for CSV, the name given by the caller).
    pub sheet: String,
    /// The cells, from A1.
    pub rows: Vec<Vec<String>>,
}

fn file_error(sheet: &str, problem: SheetProblem) -> SheetError {
    SheetError {
        sheet: sheet.into(),
        row: None,
        column: None,
        problem,
    }
}

/// A file by its name: `.xlsx` (or any file starting like a zip archive) as a workbook, anything else as CSV.
pub fn read_table(file_name: &str, bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    let lower = file_name.to_lowercase();
    if lower.ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        let stem = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
        Ok(vec![read_csv(stem, bytes)?])
    }
}

/// Every sheet of an `.xlsx` workbook, in workbook order.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, SheetError> {
    if bytes.is_empty() {
        return Err(file_error("", SheetProblem::Empty));
    }
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(file_error("", SheetProblem::TooLarge));
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| file_error("", SheetProblem::NotXlsx(short(&e.to_string()))))?;
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| file_error(&name, SheetProblem::NotXlsx(short(&e.to_string()))))?;
        // The range starts at its first used cell; rows and columns are kept where the spreadsheet shows them.
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let (r0, c0) = (r0 as usize, c0 as usize);
        if r0 + range.height() > MAX_ROWS {
            return Err(file_error(&name, SheetProblem::TooLarge));
        }
        let mut rows = vec![Vec::new(); r0];
        for (r, row) in range.rows().enumerate() {
            let mut cells = vec![String::new(); c0];
            for (c, cell) in row.iter().enumerate() {
                cells.push(match cell {
                    Data::Error(_) => {
                        return Err(SheetError {
                            sheet: name.clone(),
                            row: Some(r0 + r + 1),
                            column: Some((c0 + c, String::new())),
                            problem: SheetProblem::ErrorValue,
                        })
                    }
                    Data::Float(f) => number(*f),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                });
            }
            rows.push(cells);
        }
        out.push(Table { sheet: name, rows });
    }
    Ok(out)
}

/// A number as people write it: 45 rather than 45.0.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

fn short(s: &str) -> String {
    s.chars().take(120).collect()
}

/// Decodes the bytes of a CSV (or tab-separated "Unicode text") file.
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest).ok().map(str::to_string);
    }
    let utf16 = |rest: &[u8], le: bool| -> Option<String> {
        if !rest.len().is_multiple_of(2) {
            return None;
        }
        let units = rest.chunks(2).map(|c| {
            if le {
                u16::from_le_bytes([c[0], c[1]])
            } else {
                u16::from_be_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, false);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Some(s.to_string());
    }
    gbk(bytes)
}

/// GB18030 is a superset of GBK and GB2312, so one decoder reads all three.
#[cfg(feature = "gbk")]
fn gbk(bytes: &[u8]) -> Option<String> {
    encoding_rs::GB18030
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|c| c.into_owned())
}

#[cfg(not(feature = "gbk"))]
fn gbk(_: &[u8]) -> Option<String> {
    None
}

/// A CSV file: UTF-8 (with or without BOM), UTF-16 with BOM, or GBK; comma- or tab-separated; fields may be
/// quoted and hold line breaks. `name` names the table in messages.
pub fn read_csv(name: &str, bytes: &[u8]) -> Result<Table, SheetError> {
    if bytes.len() > MAX_SHEET_BYTES {
        return Err(file_error(name, SheetProblem::TooLarge));
    }
    let text = decode(bytes).ok_or_else(|| file_error(name, SheetProblem::UnknownEncoding))?;
    read_csv_text(name, &text)
}

/// A CSV file already decoded by the caller (e.g. by the browser's `TextDecoder("gb18030")` when the crate is
/// built without the `gbk` feature).
pub fn read_csv_text(name: &str, text: &str) -> Result<Table, SheetError> {
    let text = text.trim_start_matches('\u{feff}');
    if text.len() > MAX_SHEET_BYTES {
        return Err(file_error(name, SheetProblem::TooLarge));
    }
    if text.trim().is_empty() {
        return Err(file_error(name, SheetProblem::Empty));
    }
    let first_line = text.lines().next().unwrap_or("");
    let sep = if first_line.matches('\t').count() > first_line.matches(',').count() {
        '\t'
    } else {
        ','
    };
    let rows = parse_csv(text, sep).map_err(|row| SheetError {
        sheet: name.into(),
        row: Some(row),
        column: None,
        problem: SheetProblem::UnclosedQuote,
    })?;
    if rows.len() > MAX_ROWS {
        return Err(file_error(name, SheetProblem::TooLarge));
    }
    let rows = rows
        .into_iter()
        .map(|r| r.into_iter().map(|c| unguard(&c)).collect())
        .collect();
    Ok(Table {
        sheet: name.into(),
        rows,
    })
}

/// Removes the apostrophe this tool puts before a cell starting with = + - @ (the formula-injection guard).
fn unguard(cell: &str) -> String {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_string(),
        _ => cell.to_string(),
    }
}

/// RFC 4180 fields; on an unclosed quote, the 1-based line where the field started.
fn parse_csv(text: &str, sep: char) -> Result<Vec<Vec<String>>, usize> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut line = 1;
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if at_field_start => {
                let start = line;
                loop {
                    match chars.next() {
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(ch) => {
                            if ch == '\n' {
                                line += 1;
                            }
                            field.push(ch);
                        }
                        None => return Err(start),
                    }
                }
                at_field_start = false;
            }
            c if c == sep => {
                row.push(std::mem::take(&mut field));
                at_field_start = true;
            }
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                line += 1;
                at_field_start = true;
            }
            c => {
                field.push(c);
                at_field_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_quotes_and_line_breaks() {
        let rows = parse_csv("a,\"b,\"\"c\"\"\",\"多\n行\"\r\nx,,z\n", ',').unwrap();
        assert_eq!(
            rows,
            vec![vec!["a", "b,\"c\"", "多\n行"], vec!["x", "", "z"]]
        );
        assert_eq!(parse_csv("a\nb,\"open\n", ','), Err(2));
    }

    #[cfg(feature = "gbk")]
    #[test]
    fn encodings_are_recognised() {
        let (gbk, _, _) = encoding_rs::GBK.encode("方面,关键指标");
        assert_eq!(decode(&gbk).unwrap(), "方面,关键指标");
        assert_eq!(decode("\u{feff}方面".as_bytes()).unwrap(), "方面");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("方面\t要点".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "方面\t要点");
        assert_eq!(decode(&[0x81, 0x20, 0xff]), None);
        assert_eq!(number(45.0), "45");
        assert_eq!(number(0.5), "0.5");
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'引号"), "'引号");
    }
}
