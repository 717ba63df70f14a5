//! The report as a Word document (.docx, Office Open XML), laid out after GB/T 9704 (党政机关公文格式): A4,
//! margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体 二号 (宋体 where that
//! font is missing); body 仿宋_GB2312 三号; first-level headings 黑体, second-level 楷体_GB2312; page numbers
//! 「— n —」 at the foot; the score sheet as a real table whose header row repeats on every page.

use super::zip::zip;
use super::{line_kind, text_bar, Line};
use crate::report::{paragraphs, ratio_text, Report};
use std::fmt::Write;

/// Millimetres to twentieths of a point.
const fn mm(v: u32) -> u32 {
    v * 1440 * 10 / 254
}

/// The text width: 210 mm − 28 mm − 26 mm.
const TEXT_WIDTH: u32 = mm(210) - mm(28) - mm(26);

/// Escapes text for XML and drops characters XML 1.0 forbids (control characters other than tab and newline).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            _ => out.push(c),
        }
    }
    out
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        escape(text)
    )
}

fn para(style: &str, text: &str) -> String {
    format!(
        r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>{}</w:p>"#,
        run(text)
    )
}

fn page_break() -> &'static str {
    r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#
}

/// A table cell: each line of text becomes a paragraph; `span` merges columns; `shade` fills the cell.
fn cell(width: u32, text: &str, span: usize, shade: bool, bold: bool) -> String {
    let mut tc = format!(r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>"#);
    if span > 1 {
        let _ = write!(tc, r#"<w:gridSpan w:val="{span}"/>"#);
    }
    if shade {
        tc.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="E8E8E8"/>"#);
    }
    tc.push_str("</w:tcPr>");
    let lines: Vec<&str> = text.lines().collect();
    let lines = if lines.is_empty() { vec![""] } else { lines };
    for l in lines {
        let rpr = if bold { "<w:rPr><w:b/></w:rPr>" } else { "" };
        let _ = write!(
            tc,
            r#"<w:p><w:pPr><w:pStyle w:val="TableText"/></w:pPr><w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(l)
        );
    }
    tc.push_str("</w:tc>");
    tc
}

fn table_start(widths: &[u32]) -> String {
    let mut t = String::from(
        r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders><w:top w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:left w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:right w:val="single" w:sz="6" w:space="0" w:color="000000"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid>"#,
    );
    for w in widths {
        let _ = write!(t, r#"<w:gridCol w:w="{w}"/>"#);
    }
    t.push_str("</w:tblGrid>");
    t
}

fn header_row(widths: &[u32], titles: &[&str]) -> String {
    let mut r = String::from(r#"<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"#);
    for (w, t) in widths.iter().zip(titles) {
        r.push_str(&cell(*w, t, 1, true, true));
    }
    r.push_str("</w:tr>");
    r
}

fn full_row(widths: &[u32], text: &str, bold: bool) -> String {
    format!(
        r#"<w:tr><w:trPr><w:cantSplit/></w:trPr>{}</w:tr>"#,
        cell(widths.iter().sum(), text, widths.len(), true, bold)
    )
}

fn row(widths: &[u32], texts: &[&str]) -> String {
    let mut r = String::from("<w:tr>");
    for (w, t) in widths.iter().zip(texts) {
        r.push_str(&cell(*w, t, 1, false, false));
    }
    r.push_str("</w:tr>");
    r
}

/// Splits the text width into columns by relative weights.
fn columns(weights: &[u32]) -> Vec<u32> {
    let total: u32 = weights.iter().sum();
    let mut v: Vec<u32> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
    let used: u32 = v.iter().sum();
    if let Some(last) = v.last_mut() {
        *last += TEXT_WIDTH - used;
    }
    v
}

/// The body of `word/document.xml`.
pub fn document_xml(r: &Report, with_respondents: bool) -> String {
    let mut b = String::new();
    if !r.doc_number.is_empty() {
        b.push_str(&para("DocNumber", &r.doc_number));
    }
    b.push_str(&para("ReportTitle", &r.title));
    b.push_str(&para(
        "Meta",
        &format!("{}　{}　评价框架：{}", r.school, r.period, r.framework),
    ));
    for s in &r.sections {
        b.push_str(&para("Heading1", s.heading));
        for line in paragraphs(&s.text) {
            b.push_str(&match line_kind(line) {
                Line::Sub => para("Heading2", line),
                Line::Para => para("Body", line),
            });
        }
    }
    b.push_str(&para("Signature", &r.school));
    b.push_str(&para("Signature", &r.date));

    // 附件1: area chart as a table with text bars.
    b.push_str(page_break());
    b.push_str(&para("Heading1", "附件1　各方面达成度"));
    let w = columns(&[3, 1, 4]);
    b.push_str(&table_start(&w));
    b.push_str(&header_row(&w, &["方面", "达成度", "图示"]));
    for a in &r.sheet {
        let (pct, bar) = match a.ratio {
            Some(x) => (format!("{:.0}%", x * 100.0), text_bar(x)),
            None => ("未评分".into(), String::new()),
        };
        b.push_str(&row(&w, &[&a.title, &pct, &bar]));
    }
    b.push_str("</w:tbl>");
    b.push_str(&para("Body", &r.overall));

    // 附件2: the score sheet.
    b.push_str(page_break());
    b.push_str(&para("Heading1", "附件2　自评得分表"));
    let (w, titles): (Vec<u32>, &[&str]) = if with_respondents {
        (
            columns(&[9, 32, 16, 26, 17]),
            &["编号", "考查要点", "自评结果", "佐证说明", "教职工填报"],
        )
    } else {
        (
            columns(&[10, 38, 18, 34]),
            &["编号", "考查要点", "自评结果", "佐证说明"],
        )
    };
    b.push_str(&table_start(&w));
    b.push_str(&header_row(&w, titles));
    for a in &r.sheet {
        b.push_str(&full_row(
            &w,
            &format!("{}　{}　{}", a.id, a.title, a.score),
            true,
        ));
        for i in &a.indicators {
            b.push_str(&full_row(
                &w,
                &format!("{}　{}　{}", i.id, i.title, i.score),
                false,
            ));
            for p in &i.points {
                let mut cells = vec![
                    p.id.as_str(),
                    p.text.as_str(),
                    p.result.as_str(),
                    p.note.as_str(),
                ];
                if with_respondents {
                    cells.push(p.respondents.as_str());
                }
                b.push_str(&row(&w, &cells));
            }
        }
    }
    b.push_str("</w:tbl>");

    // 附件3: comparison.
    if let Some(c) = &r.comparison {
        b.push_str(page_break());
        b.push_str(&para("Heading1", "附件3　与上次自评比较（增值）"));
        b.push_str(&para(
            "Body",
            &format!(
                "比较对象：{}（上次）与{}（本次）。↑ 提高，↓ 下降，→ 基本持平。",
                c.earlier, c.current
            ),
        ));
        let w = columns(&[4, 2, 2, 2]);
        b.push_str(&table_start(&w));
        b.push_str(&header_row(
            &w,
            &["方面／关键指标", "上次达成度", "本次达成度", "变化"],
        ));
        for d in &c.rows {
            let title = if d.is_area {
                d.title.clone()
            } else {
                format!("　{}", d.title)
            };
            b.push_str(&row(
                &w,
                &[
                    &title,
                    &ratio_text(d.before),
                    &ratio_text(d.after),
                    &d.change_text(),
                ],
            ));
        }
        b.push_str("</w:tbl>");
    }

    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>{b}<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="{}" w:h="{}"/><w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="{}" w:gutter="0"/><w:docGrid w:type="lines" w:linePitch="579"/></w:sectPr></w:body></w:document>"#,
        mm(210),
        mm(297),
        mm(37),
        mm(26),
        mm(35),
        mm(28),
        // The page number sits about 7 mm below the text area, whose bottom edge is 35 mm from the page edge.
        mm(23),
    )
}

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const H1_FONT: &str = "黑体";
const H2_FONT: &str = "楷体_GB2312";

fn rpr(east_asia: &str, half_points: u32) -> String {
    format!(
        r#"<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:eastAsia="{east_asia}" w:cs="Times New Roman"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>"#
    )
}

fn styles_xml() -> String {
    // Three-号 (16 pt) body on a fixed 28.95 pt line: 22 lines a page, as GB/T 9704 sets.
    let line = r#"<w:spacing w:before="0" w:after="0" w:line="579" w:lineRule="exact"/>"#;
    let style = |id: &str, name: &str, ppr: &str, rpr: String| {
        format!(
            r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr>{ppr}</w:pPr>{rpr}</w:style>"#
        )
    };
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    let _ = write!(
        s,
        r#"<w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr>{line}<w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
        rpr(BODY_FONT, 32)
    );
    let _ = write!(
        s,
        r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr>{line}</w:pPr>{}</w:style>"#,
        rpr(BODY_FONT, 32)
    );
    let indent = format!(r#"{line}<w:ind w:firstLine="640"/>"#);
    // (id, name, paragraph properties, East Asian font, size in half-points)
    let styles: [(&str, &str, String, &str, u32); 9] = [
        ("Body", "正文（公文）", format!(r#"{indent}<w:jc w:val="both"/>"#), BODY_FONT, 32),
        (
            "ReportTitle",
            "公文标题",
            r#"<w:spacing w:before="0" w:after="300" w:line="700" w:lineRule="exact"/><w:jc w:val="center"/>"#.into(),
            TITLE_FONT,
            44,
        ),
        ("DocNumber", "发文字号", format!(r#"{line}<w:jc w:val="center"/>"#), BODY_FONT, 32),
        (
            "Meta",
            "标题说明",
            r#"<w:spacing w:before="0" w:after="300" w:line="579" w:lineRule="exact"/><w:jc w:val="center"/>"#.into(),
            H2_FONT,
            32,
        ),
        ("Heading1", "一级标题", format!(r#"{indent}<w:keepNext/><w:outlineLvl w:val="0"/>"#), H1_FONT, 32),
        ("Heading2", "二级标题", format!(r#"{indent}<w:keepNext/><w:outlineLvl w:val="1"/>"#), H2_FONT, 32),
        ("Signature", "落款", format!(r#"{line}<w:ind w:right="1280"/><w:jc w:val="right"/>"#), BODY_FONT, 32),
        (
            "TableText",
            "表格文字",
            r#"<w:spacing w:before="20" w:after="20" w:line="300" w:lineRule="auto"/><w:jc w:val="left"/>"#.into(),
            BODY_FONT,
            24,
        ),
        ("Footer", "页码", r#"<w:jc w:val="center"/>"#.into(), "宋体", 28),
    ];
    for (id, name, ppr, font, size) in &styles {
        s.push_str(&style(id, name, ppr, rpr(font, *size)));
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

fn footer_xml() -> &'static str {
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr><w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>"#
}

/// The complete .docx file.
pub fn render(r: &Report, with_respondents: bool) -> Vec<u8> {
    let content_types = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;
    let rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;
    let doc_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>"#;
    let core = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>{}</dc:creator></cp:coreProperties>"#,
        escape(&r.title),
        escape(&r.school)
    );
    zip(&[
        ("[Content_Types].xml", content_types.as_bytes().to_vec()),
        ("_rels/.rels", rels.as_bytes().to_vec()),
        (
            "word/document.xml",
            document_xml(r, with_respondents).into_bytes(),
        ),
        ("word/styles.xml", styles_xml().into_bytes()),
        ("word/fontTable.xml", font_table_xml().into_bytes()),
        ("word/footer1.xml", footer_xml().as_bytes().to_vec()),
        ("word/_rels/document.xml.rels", doc_rels.as_bytes().to_vec()),
        ("docProps/core.xml", core.into_bytes()),
    ])
}
