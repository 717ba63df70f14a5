//! Any [`Document`] as an HTML fragment: the in-app preview and the printed document (the app's stylesheet
//! sets `@media print`). The fragment uses no `style` attributes, which the page's Content-Security-Policy
//! would block: column widths are `<col width>` attributes, everything else is in the stylesheet.
//!
//! Structure: `<article class="report-doc">` (plus `landscape` for landscape documents) holding a
//! `<header class="title-block">` (`.issuer`, `.doc-number`, `h1.report-title`, `.report-meta`), the body
//! (`h2` 一、, `p.sub` （一）, `p.sub3` 1., `p` with a run-in `span.lead`, `table`, `figure`, `p.note`), the
//! `p.annex-note` 附件说明 and `p.signature`, then one `section.report-annex` per annex (plus `landscape`),
//! opened by its `h2` 附件N　title.

use crate::doc::{annex_note, Annex, Block, Chart, Document, Level, Orientation, Row, Table};
use crate::report::Report;
use crate::titles;
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values, dropping control characters other than tab
/// and line breaks.
pub fn escape(s: &str) -> String {
    xzzp_core::markup::escape(s, "&#39;")
}

/// Escaped text with its line breaks as `<br>`.
fn multiline(s: &str) -> String {
    s.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// A horizontal bar chart of the areas' 达成度, readable in black-and-white print: outlined bars with a hatch
/// fill and the percentage written beside each bar.
pub fn area_chart(areas: &[(String, Option<f64>)]) -> String {
    bar_chart("各方面达成度", areas)
}

/// A horizontal bar chart of shares (0–1) in the style of [`area_chart`], e.g. schools per level or the schools'
/// 达成度 in one area; `label` names it for screen readers.
pub fn bar_chart(label: &str, areas: &[(String, Option<f64>)]) -> String {
    let label_w = 150.0;
    let bar_w = 360.0;
    let row = 34.0;
    let top = 28.0;
    let height = top + row * areas.len() as f64 + 12.0;
    let width = label_w + bar_w + 70.0;
    let mut svg = format!(
        r##"<svg class="area-chart" role="img" aria-label="{}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.5"/></pattern></defs>"##,
        escape(label)
    );
    for pct in [0, 25, 50, 75, 100] {
        let x = label_w + bar_w * pct as f64 / 100.0;
        let _ = write!(
            svg,
            r##"<line x1="{x}" y1="{}" x2="{x}" y2="{}" stroke="#999" stroke-dasharray="2 3"/><text x="{x}" y="16" font-size="11" text-anchor="middle">{pct}%</text>"##,
            top - 6.0,
            height - 8.0
        );
    }
    for (i, (title, ratio)) in areas.iter().enumerate() {
        let y = top + row * i as f64;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end">{}</text>"##,
            label_w - 8.0,
            y + 18.0,
            escape(title)
        );
        match ratio {
            Some(r) => {
                let w = bar_w * r.clamp(0.0, 1.0);
                let _ = write!(
                    svg,
                    r##"<rect x="{label_w}" y="{}" width="{w:.1}" height="20" fill="url(#hatch)" stroke="#000" stroke-width="1.2"/><text x="{:.1}" y="{}" font-size="13" font-weight="bold">{:.0}%</text>"##,
                    y + 4.0,
                    label_w + w + 6.0,
                    y + 18.0,
                    r * 100.0
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<text x="{}" y="{}" font-size="12">未评分</text>"##,
                    label_w + 6.0,
                    y + 18.0
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A diverging bar chart of changes in percentage points (增值): bars right of the zero line for gains (hatched),
/// left for losses (outlined), the signed figure beside each; rows without a figure say 无可比数据.
pub fn change_chart(label: &str, rows: &[(String, Option<f64>)]) -> String {
    let label_w = 170.0;
    let half = 180.0;
    let row = 30.0;
    let top = 28.0;
    let height = top + row * rows.len() as f64 + 12.0;
    let width = label_w + 2.0 * half + 60.0;
    let zero = label_w + half;
    // The scale: the largest change shown, at least 10 points, so that small changes do not look large.
    let span = rows
        .iter()
        .filter_map(|(_, c)| c.map(f64::abs))
        .fold(10.0_f64, f64::max);
    let mut svg = format!(
        r##"<svg class="change-chart" role="img" aria-label="{}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><defs><pattern id="hatch-up" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.5"/></pattern></defs>"##,
        escape(label)
    );
    let _ = write!(
        svg,
        r##"<line x1="{zero}" y1="{}" x2="{zero}" y2="{}" stroke="#000"/><text x="{zero}" y="16" font-size="11" text-anchor="middle">0</text><text x="{}" y="16" font-size="11" text-anchor="middle">−{span:.0}</text><text x="{}" y="16" font-size="11" text-anchor="middle">+{span:.0}</text>"##,
        top - 6.0,
        height - 8.0,
        zero - half,
        zero + half
    );
    for (i, (title, change)) in rows.iter().enumerate() {
        let y = top + row * i as f64;
        let _ = write!(
            svg,
            r##"<text x="{}" y="{}" font-size="13" text-anchor="end">{}</text>"##,
            label_w - 8.0,
            y + 17.0,
            escape(title)
        );
        match change {
            Some(c) => {
                let w = half * (c.abs() / span).min(1.0);
                let (x, fill, text_x, anchor) = if *c >= 0.0 {
                    (zero, "url(#hatch-up)", zero + w + 6.0, "start")
                } else {
                    (zero - w, "#fff", zero - w - 6.0, "end")
                };
                let _ = write!(
                    svg,
                    r##"<rect x="{x:.1}" y="{}" width="{w:.1}" height="18" fill="{fill}" stroke="#000" stroke-width="1.2"/><text x="{text_x:.1}" y="{}" font-size="13" font-weight="bold" text-anchor="{anchor}">{c:+.1}</text>"##,
                    y + 4.0,
                    y + 17.0
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r##"<text x="{}" y="{}" font-size="12">无可比数据</text>"##,
                    zero + 6.0,
                    y + 17.0
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

fn table(o: &mut String, t: &Table) {
    let class = if t.class.is_empty() {
        "doc-table"
    } else {
        t.class
    };
    let _ = write!(o, r#"<table class="{class}"><colgroup>"#);
    let sum: u32 = t.columns.iter().map(|c| c.width.max(1)).sum::<u32>().max(1);
    for c in &t.columns {
        let _ = write!(o, r#"<col width="{}%">"#, c.width.max(1) * 100 / sum);
    }
    o.push_str("</colgroup><thead><tr>");
    for c in &t.columns {
        let _ = write!(o, r#"<th scope="col">{}</th>"#, escape(&c.title));
    }
    o.push_str("</tr></thead><tbody>");
    let n = t.columns.len();
    for r in &t.rows {
        match r {
            Row::Cells(cells) | Row::Summary(cells) => {
                o.push_str(if matches!(r, Row::Summary(_)) {
                    r#"<tr class="area-row">"#
                } else {
                    "<tr>"
                });
                for i in 0..n {
                    let (text, style) = cells
                        .get(i)
                        .map_or(("", Default::default()), |c| (c.text.as_str(), c.style));
                    let class = match style {
                        crate::doc::CellStyle::Plain => "",
                        crate::doc::CellStyle::Strong => r#" class="strong""#,
                        crate::doc::CellStyle::Alert => r#" class="alert""#,
                    };
                    let _ = write!(o, "<td{class}>{}</td>", multiline(text));
                }
                o.push_str("</tr>");
            }
            Row::Group { level, text } => {
                let _ = write!(
                    o,
                    r#"<tr class="{}"><th colspan="{n}" scope="rowgroup">{}</th></tr>"#,
                    if *level == 0 {
                        "area-row"
                    } else {
                        "indicator-row"
                    },
                    escape(text)
                );
            }
        }
    }
    o.push_str("</tbody></table>");
}

fn chart(o: &mut String, c: &Chart) {
    o.push_str("<figure>");
    o.push_str(&area_chart(&c.bars));
    if !c.caption.is_empty() {
        let _ = write!(o, "<figcaption>{}</figcaption>", escape(&c.caption));
    }
    o.push_str("</figure>");
}

fn blocks(o: &mut String, blocks: &[Block], in_annex: bool) {
    for b in blocks {
        match b {
            Block::Heading { level, text } => {
                let text = escape(text);
                let _ = match (level, in_annex) {
                    (Level::One, false) => write!(o, "<h2>{text}</h2>"),
                    (Level::One, true) => write!(o, "<h3>{text}</h3>"),
                    (Level::Two, _) => write!(o, r#"<p class="sub">{text}</p>"#),
                    (Level::Three, _) => write!(o, r#"<p class="sub3">{text}</p>"#),
                };
            }
            Block::Paragraph { lead, level, text } => {
                if lead.is_empty() {
                    let _ = write!(o, "<p>{}</p>", escape(text));
                } else {
                    let class = match level {
                        Level::One => "lead lead1",
                        Level::Two => "lead",
                        Level::Three => "lead lead3",
                    };
                    let _ = write!(
                        o,
                        r#"<p><span class="{class}">{}</span>{}</p>"#,
                        escape(lead),
                        escape(text)
                    );
                }
            }
            Block::Table(t) => table(o, t),
            Block::Chart(c) => chart(o, c),
            Block::Note(text) => {
                let _ = write!(o, r#"<p class="note">{}</p>"#, multiline(text));
            }
        }
    }
}

fn landscape(o: Orientation) -> &'static str {
    match o {
        Orientation::Portrait => "",
        Orientation::Landscape => " landscape",
    }
}

fn annex(o: &mut String, n: usize, total: usize, a: &Annex) {
    let _ = write!(
        o,
        r#"<section class="report-annex{}"><h2>{}</h2>"#,
        landscape(a.orientation),
        escape(&a.heading(n, total))
    );
    blocks(o, &a.blocks, true);
    o.push_str("</section>");
}

/// Renders a document as an HTML fragment (no `<html>` wrapper).
pub fn write(d: &Document) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        r#"<article class="report-doc{}" lang="zh-CN"><header class="title-block">"#,
        landscape(d.orientation)
    );
    if !d.issuer.is_empty() {
        let _ = write!(o, r#"<p class="issuer">{}</p>"#, escape(&d.issuer));
    }
    if !d.doc_number.is_empty() {
        let _ = write!(o, r#"<p class="doc-number">{}</p>"#, escape(&d.doc_number));
    }
    if !d.issuer.is_empty() {
        o.push_str(r#"<hr class="issuer-rule">"#);
    }
    let _ = write!(o, r#"<h1 class="report-title">{}</h1>"#, escape(&d.title));
    if !d.subtitle.is_empty() {
        let _ = write!(o, r#"<p class="report-meta">{}</p>"#, escape(&d.subtitle));
    }
    o.push_str("</header>");
    blocks(&mut o, &d.blocks, false);
    if !d.annexes.is_empty() {
        let items: Vec<String> = annex_note(&d.annexes).iter().map(|i| escape(i)).collect();
        let _ = write!(
            o,
            r#"<p class="annex-note">{}{}</p>"#,
            titles::ANNEX_NOTE_LEAD,
            items.join("<br>")
        );
    }
    let mut foot: Vec<String> = d.signature.iter().map(|s| escape(s)).collect();
    if !d.date.is_empty() {
        foot.push(escape(&d.date));
    }
    if !foot.is_empty() {
        let _ = write!(o, r#"<p class="signature">{}</p>"#, foot.join("<br>"));
    }
    for (i, a) in d.annexes.iter().enumerate() {
        annex(&mut o, i + 1, d.annexes.len(), a);
    }
    o.push_str("</article>");
    o
}

/// The report as an HTML fragment; the same as `r.document(with_respondents).html()`.
pub fn render(r: &Report, with_respondents: bool) -> String {
    write(&r.document(with_respondents))
}

// roxmltree is a host-only test dependency.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// The bars of a chart: (x, width) of every `<rect>` after the pattern's own.
    fn bars(svg: &str) -> Vec<(f64, f64)> {
        let doc = roxmltree::Document::parse(svg).unwrap();
        doc.descendants()
            .filter(|n| n.tag_name().name() == "rect" && n.attribute("y").is_some())
            .map(|n| {
                let f = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
                (f("x"), f("width"))
            })
            .collect()
    }

    #[test]
    fn a_change_chart_draws_gains_right_and_losses_left_of_zero_on_one_scale() {
        let rows = vec![
            ("第一<小学>".to_string(), Some(20.0)),
            ("第二小学".to_string(), Some(-5.0)),
            ("第三小学".to_string(), None),
        ];
        let svg = change_chart("进步 & 退步", &rows);
        assert!(svg.contains(r#"aria-label="进步 &amp; 退步""#));
        assert!(svg.contains("第一&lt;小学&gt;") && !svg.contains("<小学>"));
        let b = bars(&svg);
        assert_eq!(b.len(), 2, "no bar without a figure");
        let zero = 170.0 + 180.0;
        // +20 is the largest change: the full half width to the right; −5 a quarter of it to the left.
        assert_eq!(b[0], (zero, 180.0));
        assert_eq!(b[1], (zero - 45.0, 45.0));
        assert!(svg.contains(">+20.0<") && svg.contains(">-5.0<") && svg.contains("无可比数据"));
        // Small changes are drawn on a scale of at least 10 points.
        let small = bars(&change_chart("x", &[("a".into(), Some(1.0))]));
        assert_eq!(small[0].1, 18.0);
    }

    #[test]
    fn a_bar_chart_names_itself_and_scales_shares_to_its_width() {
        let svg = bar_chart(
            "各等级学校数",
            &[
                ("优秀 3 所".into(), Some(0.25)),
                ("良好 9 所".into(), Some(0.75)),
            ],
        );
        assert!(svg.contains(r#"aria-label="各等级学校数""#));
        assert_eq!(bars(&svg), vec![(150.0, 90.0), (150.0, 270.0)]);
        assert!(area_chart(&[]).contains(r#"aria-label="各方面达成度""#));
    }
}
