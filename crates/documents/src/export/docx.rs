//! Any [`Document`] as a Word file (.docx, Office Open XML), laid out after GB/T 9704 (党政机关公文格式).
//!
//! - Page: A4; portrait margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm, 22 lines of 28.95 pt;
//!   landscape pages (wide tables) turn the same margins with the paper: top 28, bottom 26, left 37, right
//!   35 mm. Each change of orientation starts a new Word section; page numbers 「— n —」 run on through all.
//! - 发文机关标志 in red 方正小标宋简体 with the red rule under the 文号; title 方正小标宋简体 二号; body 仿宋_GB2312
//!   三号 (16 pt); headings 黑体 (一、), 楷体_GB2312 (（一）), bold 仿宋 (1.); fonts fall back to 宋体, 仿宋,
//!   楷体 and 黑体 where the official ones are missing.
//! - Tables: fixed column widths, header row in 黑体 repeated on every page, text 仿宋 小四 or 五号 on single
//!   line spacing (off the page's line grid, so a table row is as tall as its text, not a multiple of 28.95 pt).
//! - 附件: the 附件说明 after the body, each annex on a new page with 附件N at the top left and its title
//!   centred.

use super::zip::zip;
use crate::doc::{
    annex_label, annex_note, bar_value, text_bar, Annex, Block, Cell, CellStyle, Chart, Column,
    Document, Level, Orientation, Row, Table, TextSize,
};
use crate::report::Report;
use crate::titles;
use std::fmt::Write;

/// Millimetres to twentieths of a point.
const fn mm(v: u32) -> u32 {
    v * 1440 * 10 / 254
}

/// A page's size and margins, in twentieths of a point.
struct Page {
    width: u32,
    height: u32,
    top: u32,
    right: u32,
    bottom: u32,
    left: u32,
    footer: u32,
}

impl Page {
    fn of(o: Orientation) -> Page {
        match o {
            Orientation::Portrait => Page {
                width: mm(210),
                height: mm(297),
                top: mm(37),
                right: mm(26),
                bottom: mm(35),
                left: mm(28),
                // The page number sits about 7 mm below the text area.
                footer: mm(23),
            },
            Orientation::Landscape => Page {
                width: mm(297),
                height: mm(210),
                top: mm(28),
                right: mm(35),
                bottom: mm(26),
                left: mm(37),
                footer: mm(14),
            },
        }
    }

    fn text_width(&self) -> u32 {
        self.width - self.left - self.right
    }
}

/// The section properties of a part of the document in one orientation.
fn sect_pr(o: Orientation) -> String {
    let p = Page::of(o);
    let orient = match o {
        Orientation::Portrait => "",
        Orientation::Landscape => r#" w:orient="landscape""#,
    };
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="{}" w:h="{}"{orient}/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr>"#,
        p.width, p.height, p.top, p.right, p.bottom, p.left, p.footer
    )
}

/// Escapes text for XML and drops what XML 1.0 forbids (control characters other than tab and line breaks,
/// U+FFFE, U+FFFF).
pub fn escape(s: &str) -> String {
    xzzp_core::markup::escape(s, "&apos;")
}

fn run(text: &str, rpr: &str) -> String {
    format!(
        r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

fn para(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        run(text, "")
    )
}

/// A 6 pt gap after a table, so that the next paragraph does not touch its bottom border.
const SPACER: &str = r#"<w:p><w:pPr><w:snapToGrid w:val="false"/><w:spacing w:line="120" w:lineRule="exact"/><w:rPr><w:sz w:val="12"/></w:rPr></w:pPr></w:p>"#;

const PAGE_BREAK: &str = r#"<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/></w:pPr><w:r><w:br w:type="page"/></w:r></w:p>"#;

/// Splits a width into columns by their relative widths; the last column takes the rounding remainder.
fn widths(total: u32, columns: &[Column]) -> Vec<u32> {
    let sum: u32 = columns.iter().map(|c| c.width.max(1)).sum::<u32>().max(1);
    let mut v: Vec<u32> = columns
        .iter()
        .map(|c| total * c.width.max(1) / sum)
        .collect();
    let used: u32 = v.iter().sum();
    if let Some(last) = v.last_mut() {
        *last += total - used;
    }
    v
}

const BORDERS: &str = r#"<w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="8" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>"#;

struct CellFormat<'a> {
    width: u32,
    span: usize,
    fill: Option<&'a str>,
    style: &'a str,
    bold: bool,
    keep_next: bool,
}

/// A table cell: each line of text becomes a paragraph.
fn cell(f: &CellFormat, text: &str) -> String {
    let mut tc = format!(r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#, f.width);
    if f.span > 1 {
        let _ = write!(tc, r#"<w:gridSpan w:val="{}"/>"#, f.span);
    }
    if let Some(fill) = f.fill {
        let _ = write!(
            tc,
            r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>"#
        );
    }
    tc.push_str("</w:tcPr>");
    let rpr = if f.bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
    let keep = if f.keep_next { "<w:keepNext/>" } else { "" };
    let mut any = false;
    for l in text.lines() {
        any = true;
        let _ = write!(
            tc,
            r#"<w:p><w:pPr><w:pStyle w:val="{}"/>{keep}</w:pPr>{}</w:p>"#,
            f.style,
            run(l, rpr)
        );
    }
    if !any {
        let _ = write!(
            tc,
            r#"<w:p><w:pPr><w:pStyle w:val="{}"/>{keep}</w:pPr></w:p>"#,
            f.style
        );
    }
    tc.push_str("</w:tc>");
    tc
}

fn table(out: &mut String, t: &Table, text_width: u32) {
    let w = widths(text_width, &t.columns);
    let (text_style, head_style) = match t.size {
        TextSize::Normal => ("TableText", "TableHead"),
        TextSize::Small => ("TableTextSmall", "TableHeadSmall"),
    };
    let _ = write!(
        out,
        r#"<w:tbl><w:tblPr><w:tblW w:w="{text_width}" w:type="dxa"/>{BORDERS}<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="0020" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
    );
    for x in &w {
        let _ = write!(out, r#"<w:gridCol w:w="{x}"/>"#);
    }
    out.push_str("</w:tblGrid>");
    // The header row repeats at the top of every page and is never split.
    out.push_str(r#"<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"#);
    for (c, width) in t.columns.iter().zip(&w) {
        out.push_str(&cell(
            &CellFormat {
                width: *width,
                span: 1,
                fill: Some("E8E8E8"),
                style: head_style,
                bold: false,
                keep_next: false,
            },
            &c.title,
        ));
    }
    out.push_str("</w:tr>");
    for r in &t.rows {
        match r {
            Row::Cells(cells) | Row::Summary(cells) => {
                let summary = matches!(r, Row::Summary(_));
                out.push_str("<w:tr>");
                for (i, width) in w.iter().enumerate() {
                    let blank = Cell::default();
                    let c = cells.get(i).unwrap_or(&blank);
                    out.push_str(&cell(
                        &CellFormat {
                            width: *width,
                            span: 1,
                            fill: summary.then_some("E8E8E8"),
                            style: text_style,
                            bold: summary || c.style != CellStyle::Plain,
                            keep_next: false,
                        },
                        &c.text,
                    ));
                }
                out.push_str("</w:tr>");
            }
            Row::Group { level, text } => {
                let _ = write!(
                    out,
                    r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>{}</w:tr>"#,
                    cell(
                        &CellFormat {
                            width: w.iter().sum(),
                            span: w.len(),
                            fill: Some(if *level == 0 { "E8E8E8" } else { "F4F4F4" }),
                            style: text_style,
                            bold: *level == 0,
                            // A group's name stays on the page of its first row.
                            keep_next: true,
                        },
                        text
                    )
                );
            }
        }
    }
    out.push_str("</w:tbl>");
}

fn chart(out: &mut String, c: &Chart, text_width: u32) {
    let t = Table {
        class: "",
        columns: vec![
            Column::new(c.label.clone(), 3),
            Column::new(c.value.clone(), 1),
            Column::new(crate::titles::CHART[2], 4),
        ],
        rows: c
            .bars
            .iter()
            .map(|(label, ratio)| {
                Row::Cells(vec![
                    Cell::new(label.clone()),
                    Cell::new(bar_value(*ratio)),
                    Cell::new(ratio.map(text_bar).unwrap_or_default()),
                ])
            })
            .collect(),
        size: TextSize::Normal,
    };
    table(out, &t, text_width);
    if !c.caption.is_empty() {
        out.push_str(&para("Body", &c.caption));
    }
}

fn blocks(out: &mut String, blocks: &[Block], text_width: u32) {
    for b in blocks {
        match b {
            Block::Heading { level, text } => {
                let style = match level {
                    Level::One => "Heading1",
                    Level::Two => "Heading2",
                    Level::Three => "Heading3",
                };
                out.push_str(&para(style, text));
            }
            Block::Paragraph { lead, level, text } => {
                if lead.is_empty() {
                    out.push_str(&para("Body", text));
                } else {
                    let style = match level {
                        Level::One => "Lead1",
                        Level::Two => "Lead2",
                        Level::Three => "Lead3",
                    };
                    let _ = write!(
                        out,
                        r#"<w:p><w:pPr><w:pStyle w:val="Body"/></w:pPr>{}{}</w:p>"#,
                        run(
                            lead,
                            &format!(r#"<w:rPr><w:rStyle w:val="{style}"/></w:rPr>"#)
                        ),
                        run(text, "")
                    );
                }
            }
            Block::Table(t) => {
                table(out, t, text_width);
                out.push_str(SPACER);
            }
            Block::Chart(c) => chart(out, c, text_width),
            Block::Note(text) => {
                for l in text.lines() {
                    out.push_str(&para("Note", l));
                }
            }
        }
    }
}

fn annex(out: &mut String, n: usize, total: usize, a: &Annex) {
    out.push_str(&para("AnnexLabel", &annex_label(n, total)));
    out.push_str(&para("AnnexTitle", &a.title));
    blocks(out, &a.blocks, Page::of(a.orientation).text_width());
}

/// `word/document.xml` of a document.
pub fn document_xml(d: &Document) -> String {
    let mut b = String::new();
    if !d.issuer.is_empty() {
        b.push_str(&para("Issuer", &d.issuer));
    }
    if !d.doc_number.is_empty() {
        b.push_str(&para("DocNumber", &d.doc_number));
    }
    if !d.issuer.is_empty() {
        b.push_str(r#"<w:p><w:pPr><w:pStyle w:val="IssuerRule"/></w:pPr></w:p>"#);
    }
    b.push_str(&para("DocTitle", &d.title));
    if !d.subtitle.is_empty() {
        b.push_str(&para("Meta", &d.subtitle));
    }
    blocks(&mut b, &d.blocks, Page::of(d.orientation).text_width());

    // 附件说明: after a blank line, 附件：1．… with later items aligned under the first.
    if !d.annexes.is_empty() {
        b.push_str(&para("Body", ""));
        for (i, item) in annex_note(&d.annexes).iter().enumerate() {
            b.push_str(&if i == 0 {
                para("AnnexNote", &format!("{}{item}", titles::ANNEX_NOTE_LEAD))
            } else {
                para("AnnexNoteNext", item)
            });
        }
    }
    if !d.signature.is_empty() || !d.date.is_empty() {
        b.push_str(&para("Body", ""));
        for s in &d.signature {
            b.push_str(&para("Signature", s));
        }
        if !d.date.is_empty() {
            b.push_str(&para("Signature", &d.date));
        }
    }

    let mut current = d.orientation;
    for (i, a) in d.annexes.iter().enumerate() {
        if a.orientation == current {
            b.push_str(PAGE_BREAK);
        } else {
            // A new section starts on a new page in the annex's orientation; this tiny paragraph carries the
            // properties of the section it ends.
            let _ = write!(
                b,
                r#"<w:p><w:pPr><w:spacing w:line="20" w:lineRule="exact"/><w:rPr><w:sz w:val="2"/></w:rPr>{}</w:pPr></w:p>"#,
                sect_pr(current)
            );
            current = a.orientation;
        }
        annex(&mut b, i + 1, d.annexes.len(), a);
    }

    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{b}{}</w:body></w:document>"#,
        sect_pr(current)
    )
}

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const H1_FONT: &str = "黑体";
const H2_FONT: &str = "楷体_GB2312";

fn rpr(east_asia: &str, half_points: u32, extra: &str) -> String {
    format!(
        r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}" w:cs="Times New Roman"/>{extra}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#
    )
}

fn styles_xml() -> String {
    // Three-号 (16 pt) body on a fixed 28.95 pt line: 22 lines a page, as GB/T 9704 sets.
    let line = r#"<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>"#;
    // Table text: single spacing, off the line grid.
    let cell = r#"<w:snapToGrid w:val="false"/><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/><w:ind w:firstLine="0"/>"#;
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    let _ = write!(
        s,
        r#"<w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr>{line}<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        rpr(BODY_FONT, 32, "")
    );
    let _ = write!(
        s,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{line}</w:pPr>{}</w:style>"#,
        rpr(BODY_FONT, 32, "")
    );
    let indent = format!(r#"{line}<w:ind w:firstLine="640"/>"#);
    let red = r#"<w:color w:val="FF0000"/>"#;
    let bold = "<w:b/><w:bCs/>";
    // (id, name, paragraph properties, East Asian font, size in half-points, other run properties)
    let paragraphs: Vec<(&str, &str, String, &str, u32, &str)> = vec![
        ("Body", "正文（公文）", format!(r#"{indent}<w:jc w:val="both"/>"#), BODY_FONT, 32, ""),
        (
            "Issuer",
            "发文机关标志",
            r#"<w:spacing w:before="0" w:after="400" w:line="960" w:lineRule="exact"/><w:jc w:val="center"/>"#.into(),
            TITLE_FONT,
            60,
            red,
        ),
        ("DocNumber", "发文字号", format!(r#"{line}<w:jc w:val="center"/>"#), BODY_FONT, 32, ""),
        (
            "IssuerRule",
            "版头分隔线",
            r#"<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="1" w:color="FF0000"/></w:pBdr><w:spacing w:before="0" w:after="400" w:line="120" w:lineRule="exact"/>"#.into(),
            BODY_FONT,
            4,
            "",
        ),
        (
            "DocTitle",
            "公文标题",
            r#"<w:spacing w:before="0" w:after="300" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/>"#.into(),
            TITLE_FONT,
            44,
            "",
        ),
        (
            "Meta",
            "标题说明",
            r#"<w:spacing w:before="0" w:after="300" w:line="579" w:lineRule="exact"/><w:jc w:val="center"/>"#.into(),
            H2_FONT,
            32,
            "",
        ),
        ("Heading1", "一级标题", format!(r#"<w:keepNext/>{indent}<w:outlineLvl w:val="0"/>"#), H1_FONT, 32, ""),
        ("Heading2", "二级标题", format!(r#"<w:keepNext/>{indent}<w:outlineLvl w:val="1"/>"#), H2_FONT, 32, ""),
        ("Heading3", "三级标题", format!(r#"<w:keepNext/>{indent}<w:outlineLvl w:val="2"/>"#), BODY_FONT, 32, bold),
        ("AnnexNote", "附件说明", format!(r#"{line}<w:ind w:left="640"/>"#), BODY_FONT, 32, ""),
        // Later items line up under the first item's number: 2 characters of indent plus 「附件：」.
        ("AnnexNoteNext", "附件说明续行", format!(r#"{line}<w:ind w:left="1600"/>"#), BODY_FONT, 32, ""),
        ("Signature", "落款", format!(r#"{line}<w:ind w:right="1280"/><w:jc w:val="right"/>"#), BODY_FONT, 32, ""),
        ("AnnexLabel", "附件标识", format!(r#"<w:keepNext/>{line}"#), H1_FONT, 32, ""),
        (
            "AnnexTitle",
            "附件标题",
            r#"<w:keepNext/><w:spacing w:before="300" w:after="300" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/>"#.into(),
            TITLE_FONT,
            44,
            "",
        ),
        (
            "Note",
            "表注",
            r#"<w:snapToGrid w:val="false"/><w:spacing w:before="120" w:after="0" w:line="300" w:lineRule="auto"/><w:jc w:val="left"/>"#.into(),
            BODY_FONT,
            24,
            "",
        ),
        ("TableText", "表格文字", format!(r#"{cell}<w:jc w:val="left"/>"#), BODY_FONT, 24, ""),
        ("TableTextSmall", "表格文字（五号）", format!(r#"{cell}<w:jc w:val="left"/>"#), BODY_FONT, 21, ""),
        ("TableHead", "表头", format!(r#"{cell}<w:jc w:val="center"/>"#), H1_FONT, 24, ""),
        ("TableHeadSmall", "表头（五号）", format!(r#"{cell}<w:jc w:val="center"/>"#), H1_FONT, 21, ""),
        ("Footer", "页码", r#"<w:jc w:val="center"/>"#.into(), "宋体", 28, ""),
    ];
    for (id, name, ppr, font, size, extra) in &paragraphs {
        let _ = write!(
            s,
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>{}</w:style>"#,
            rpr(font, *size, extra)
        );
    }
    // Run-in headings at the start of a body paragraph.
    for (id, name, font, extra) in [
        ("Lead1", "段首一级标题", H1_FONT, ""),
        ("Lead2", "段首二级标题", H2_FONT, ""),
        ("Lead3", "段首三级标题", BODY_FONT, bold),
    ] {
        let _ = write!(
            s,
            r#"<w:style w:type="character" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:rPr><w:rFonts w:eastAsia="{font}"/>{extra}</w:rPr></w:style>"#
        );
    }
    s.push_str("</w:styles>");
    s
}

fn font_table_xml() -> String {
    // altName lets Word and WPS fall back to the common system fonts when the official ones are missing.
    let font = |name: &str, alt: &str| {
        format!(
            r#"<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>"#
        )
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">{}{}{}{}{}<w:font w:name="Times New Roman"><w:family w:val="roman"/></w:font></w:fonts>"#,
        font(TITLE_FONT, "宋体"),
        font(BODY_FONT, "仿宋"),
        font(H2_FONT, "楷体"),
        font(H1_FONT, "SimHei"),
        font("宋体", "SimSun"),
    )
}

const FOOTER_XML: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;

/// The complete .docx file of a document.
pub fn write(d: &Document) -> Vec<u8> {
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        escape(&d.title),
        escape(d.signature.first().map_or("", String::as_str))
    );
    zip(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes().to_vec()),
        ("_rels/.rels", RELS.as_bytes().to_vec()),
        ("word/document.xml", document_xml(d).into_bytes()),
        ("word/styles.xml", styles_xml().into_bytes()),
        ("word/fontTable.xml", font_table_xml().into_bytes()),
        ("word/footer1.xml", FOOTER_XML.as_bytes().to_vec()),
        (
            "word/_rels/document.xml.rels",
            DOCUMENT_RELS.as_bytes().to_vec(),
        ),
        ("docProps/core.xml", core.into_bytes()),
    ])
}

/// The report as a .docx file; the same as `r.document(with_respondents).docx()`.
pub fn render(r: &Report, with_respondents: bool) -> Vec<u8> {
    write(&r.document(with_respondents))
}
