//! The report as an HTML fragment: the in-app preview and the printed document (with `@media print`).

use super::{line_kind, Line};
use crate::report::{ratio_text, Report};
use std::fmt::Write;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A horizontal bar chart of the areas' 达成度, readable in black-and-white print: outlined bars with a hatch
/// fill and the percentage written beside each bar.
pub fn area_chart(areas: &[(String, Option<f64>)]) -> String {
    let label_w = 150.0;
    let bar_w = 360.0;
    let row = 34.0;
    let top = 28.0;
    let height = top + row * areas.len() as f64 + 12.0;
    let width = label_w + bar_w + 70.0;
    let mut svg = format!(
        r##"<svg class="area-chart" role="img" aria-label="各方面达成度" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg"><defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2.5"/></pattern></defs>"##
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

fn section_text(out: &mut String, text: &str) {
    for line in crate::report::paragraphs(text) {
        match line_kind(line) {
            Line::Sub => {
                let _ = write!(out, r#"<p class="sub">{}</p>"#, escape(line));
            }
            Line::Para => {
                let _ = write!(out, r#"<p>{}</p>"#, escape(line));
            }
        }
    }
}

/// Renders the report as an HTML fragment (no `<html>` wrapper).
pub fn render(r: &Report, with_respondents: bool) -> String {
    let mut o = String::new();
    o.push_str(r#"<article class="report-doc" lang="zh-CN"><header class="title-block">"#);
    if !r.doc_number.is_empty() {
        let _ = write!(o, r#"<p class="doc-number">{}</p>"#, escape(&r.doc_number));
    }
    let _ = write!(
        o,
        r#"<h1 class="report-title">{}</h1><p class="report-meta">{} · {} · 评价框架：{}</p></header>"#,
        escape(&r.title),
        escape(&r.school),
        escape(&r.period),
        escape(&r.framework)
    );
    for s in &r.sections {
        let _ = write!(
            o,
            r#"<section class="report-section" data-key="{}"><h2>{}</h2>"#,
            s.key, s.heading
        );
        section_text(&mut o, &s.text);
        o.push_str("</section>");
    }
    let _ = write!(
        o,
        r#"<p class="signature">{}<br>{}</p>"#,
        escape(&r.school),
        escape(&r.date)
    );

    // Annex: chart, score sheet, comparison.
    o.push_str(r#"<section class="report-annex"><h2>附件1　各方面达成度</h2><figure>"#);
    let areas: Vec<(String, Option<f64>)> =
        r.sheet.iter().map(|a| (a.title.clone(), a.ratio)).collect();
    o.push_str(&area_chart(&areas));
    let _ = write!(
        o,
        r#"<figcaption>{}</figcaption></figure>"#,
        escape(&r.overall)
    );
    o.push_str(r#"<h2>附件2　自评得分表</h2><table class="score-sheet"><thead><tr><th scope="col">编号</th><th scope="col">考查要点</th><th scope="col">自评结果</th><th scope="col">佐证说明</th>"#);
    if with_respondents {
        o.push_str(r#"<th scope="col">教职工填报</th>"#);
    }
    o.push_str("</tr></thead><tbody>");
    let cols = if with_respondents { 5 } else { 4 };
    for a in &r.sheet {
        let _ = write!(
            o,
            r#"<tr class="area-row"><th colspan="{cols}" scope="rowgroup">{}　{}　{}</th></tr>"#,
            escape(&a.id),
            escape(&a.title),
            escape(&a.score)
        );
        for i in &a.indicators {
            let _ = write!(
                o,
                r#"<tr class="indicator-row"><th colspan="{cols}" scope="rowgroup">{}　{}　{}</th></tr>"#,
                escape(&i.id),
                escape(&i.title),
                escape(&i.score)
            );
            for p in &i.points {
                let note = p.note.lines().map(escape).collect::<Vec<_>>().join("<br>");
                let _ = write!(
                    o,
                    r#"<tr><td>{}</td><td>{}</td><td>{}</td><td>{note}</td>"#,
                    escape(&p.id),
                    escape(&p.text),
                    escape(&p.result)
                );
                if with_respondents {
                    let _ = write!(o, "<td>{}</td>", escape(&p.respondents));
                }
                o.push_str("</tr>");
            }
        }
    }
    o.push_str("</tbody></table>");
    if let Some(c) = &r.comparison {
        let _ = write!(
            o,
            r#"<h2>附件3　与上次自评比较（增值）</h2><p>比较对象：{}（上次）与{}（本次）。↑ 提高，↓ 下降，→ 基本持平（变化不足 0.5 个百分点）。</p><table class="comparison"><thead><tr><th scope="col">方面／关键指标</th><th scope="col">上次达成度</th><th scope="col">本次达成度</th><th scope="col">变化（百分点）</th></tr></thead><tbody>"#,
            escape(&c.earlier),
            escape(&c.current)
        );
        for d in &c.rows {
            let _ = write!(
                o,
                r#"<tr class="{}"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>"#,
                if d.is_area {
                    "area-row"
                } else {
                    "indicator-row"
                },
                escape(&d.title),
                ratio_text(d.before),
                ratio_text(d.after),
                d.change_text()
            );
        }
        o.push_str("</tbody></table>");
    }
    o.push_str("</section></article>");
    o
}
