//! Writing a framework in the table layout: rows, CSV (UTF-8 with BOM, so that Excel and WPS open it with the
//! right characters) and `.xlsx` with merged 方面 and 关键指标 cells.

use crate::layout::{kind_word, source_cell, COLUMNS};
use std::fmt::Write as _;
use std::io::Write as _;
use xzzp_core::framework::{Direction, Framework, Point, PointKind};
use xzzp_core::framework_edit::blank;

fn target_cell(p: &Point) -> String {
    if p.kind != PointKind::Number {
        return String::new();
    }
    let dir = match p.direction {
        Some(Direction::Higher) => "≥",
        Some(Direction::Lower) => "≤",
        None => "",
    };
    let target = p.target.map(|t| t.to_string()).unwrap_or_default();
    format!("{dir}{target}{}", p.unit)
}

/// What the rows are, for merging cells: the row of an area, of an indicator, or of a point.
#[derive(Clone, Copy, PartialEq)]
enum RowKind {
    Area,
    Indicator,
    Point,
}

fn rows_with_kinds(fw: &Framework) -> Vec<(RowKind, Vec<String>)> {
    let mut out = vec![(
        RowKind::Point,
        COLUMNS.iter().map(|c| c.to_string()).collect(),
    )];
    let blank = || vec![String::new(); COLUMNS.len()];
    for a in &fw.areas {
        let mut row = blank();
        row[0] = format!("{} {}", a.id, a.title);
        row[7] = source_cell(&a.source);
        out.push((RowKind::Area, row));
        for i in &a.indicators {
            let mut row = blank();
            row[1] = format!("{} {}", i.id, i.title);
            row[7] = source_cell(&i.source);
            out.push((RowKind::Indicator, row));
            for p in &i.points {
                out.push((
                    RowKind::Point,
                    vec![
                        String::new(),
                        String::new(),
                        format!("{} {}", p.id, p.text),
                        kind_word(p.kind).into(),
                        target_cell(p),
                        p.guidance.clone(),
                        p.evidence.join("\n"),
                        source_cell(&p.source),
                    ],
                ));
            }
        }
    }
    out
}

/// The table of a framework: the header row, then one row per area and indicator (carrying its 来源) and one
/// per point. Blank 方面 and 关键指标 cells continue the row above.
pub fn to_rows(fw: &Framework) -> Vec<Vec<String>> {
    rows_with_kinds(fw).into_iter().map(|(_, r)| r).collect()
}

/// A CSV cell: quoted when needed; a leading = + - @ gets an apostrophe so that Excel does not run it as a
/// formula (the import removes it again).
fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(['\t', ' ']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The framework as CSV (UTF-8 with BOM, CRLF).
pub fn to_csv(fw: &Framework) -> Vec<u8> {
    csv(&to_rows(fw))
}

/// The blank template: the header row and one example row for each level.
fn example() -> Framework {
    let mut fw = blank(
        "template",
        "（指标体系名称）",
        "（发布机关）",
        "（文件名称）",
        2026,
    );
    let a = &mut fw.areas[0];
    a.title = "办学方向".into();
    a.source.doc = "（文件名称）".into();
    a.source.confirmed = true;
    let i = &mut a.indicators[0];
    i.title = "加强党建工作".into();
    i.source = a.source.clone();
    let p = &mut i.points[0];
    p.text = "（考查要点原文）".into();
    p.guidance = "（怎样判断：查看哪些材料、达到什么程度评为优秀）".into();
    p.evidence = vec!["（佐证材料一）".into(), "（佐证材料二）".into()];
    p.source.doc = "（文件名称）".into();
    p.source.section = "（第几条）".into();
    p.source.confirmed = true;
    fw
}

/// The blank template as CSV.
pub fn blank_template_csv() -> Vec<u8> {
    to_csv(&example())
}

/// The blank template as `.xlsx`.
pub fn blank_template_xlsx() -> Vec<u8> {
    to_xlsx(&example())
}

fn xml_escape(s: &str, out: &mut String) {
    xzzp_core::markup::escape_into(s, "&apos;", out);
}

fn sheet_xml(fw: &Framework) -> String {
    let rows = rows_with_kinds(fw);
    let mut x = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>"#,
    );
    for (i, w) in [16, 18, 50, 8, 12, 40, 30, 40].iter().enumerate() {
        let _ = write!(
            x,
            r#"<col min="{n}" max="{n}" width="{w}" customWidth="1"/>"#,
            n = i + 1
        );
    }
    x.push_str("</cols><sheetData>");
    for (r, (_, cells)) in rows.iter().enumerate() {
        let _ = write!(x, r#"<row r="{}">"#, r + 1);
        for (c, v) in cells.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            let style = if r == 0 { 1 } else { 2 };
            let _ = write!(
                x,
                r#"<c r="{}{}" s="{style}" t="inlineStr"><is><t xml:space="preserve">"#,
                crate::column_letters(c),
                r + 1
            );
            xml_escape(v, &mut x);
            x.push_str("</t></is></c>");
        }
        x.push_str("</row>");
    }
    x.push_str("</sheetData>");
    // 方面 cells span their area's rows, 关键指标 cells their indicator's rows, as Excel users make them.
    let mut merges = Vec::new();
    let mut open: [Option<usize>; 2] = [None, None];
    let close = |col: usize, from: Option<usize>, to: usize, merges: &mut Vec<String>| {
        if let Some(from) = from {
            if to > from {
                let l = crate::column_letters(col);
                merges.push(format!("{l}{}:{l}{}", from + 1, to + 1));
            }
        }
    };
    for (r, (kind, _)) in rows.iter().enumerate().skip(1) {
        match kind {
            RowKind::Area => {
                close(1, open[1].take(), r - 1, &mut merges);
                close(0, open[0].take(), r - 1, &mut merges);
                open[0] = Some(r);
            }
            RowKind::Indicator => {
                close(1, open[1].take(), r - 1, &mut merges);
                open[1] = Some(r);
            }
            RowKind::Point => {}
        }
    }
    let last = rows.len() - 1;
    close(1, open[1], last, &mut merges);
    close(0, open[0], last, &mut merges);
    if !merges.is_empty() {
        let _ = write!(x, r#"<mergeCells count="{}">"#, merges.len());
        for m in &merges {
            let _ = write!(x, r#"<mergeCell ref="{m}"/>"#);
        }
        x.push_str("</mergeCells>");
    }
    x.push_str("</worksheet>");
    x
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#;
const STYLES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="宋体"/></font><font><b/><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="2"><border/><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/></border></borders><cellStyleXfs count="1"><xf/></cellStyleXfs><cellXfs count="3"><xf/><xf fontId="1" borderId="1" applyFont="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf><xf borderId="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs></styleSheet>"#;

/// The framework as an `.xlsx` workbook with one sheet named 指标, written without compression (the stored
/// method keeps the writer small; the files are a few hundred KB at most).
pub fn to_xlsx(fw: &Framework) -> Vec<u8> {
    let mut workbook = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="指标" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    workbook.shrink_to_fit();
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", RELS.into()),
        ("xl/workbook.xml", workbook),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.into()),
        ("xl/styles.xml", STYLES.into()),
        ("xl/worksheets/sheet1.xml", sheet_xml(fw)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    for (name, body) in parts {
        zip.start_file(name, opts).expect("in-memory zip");
        zip.write_all(body.as_bytes()).expect("in-memory zip");
    }
    zip.finish().expect("in-memory zip").into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_guarded() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("说\"明\""), "\"说\"\"明\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
        let mut s = String::new();
        xml_escape("<a&b>\u{1}\n", &mut s);
        assert_eq!(s, "&lt;a&amp;b&gt;\n");
    }
}
