//! The report as Markdown (CommonMark with GitHub-style tables).

use super::{line_kind, text_bar, Line};
use crate::report::{paragraphs, ratio_text, Report};
use std::fmt::Write;

/// Escapes text so that Markdown shows it literally: inline markup, HTML and entity syntax are neutralised,
/// and a line cannot start a heading, list, quote or table.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '~' | '!' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    // A leading "-", "+" or "1." would start a list.
    if out.starts_with(['-', '+']) {
        out.insert(0, '\\');
    }
    let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// Escapes text for a table cell: as [`escape`], with line breaks shown as `<br>`.
fn cell(s: &str) -> String {
    s.lines().map(escape).collect::<Vec<_>>().join("<br>")
}

/// Renders the report as Markdown.
pub fn render(r: &Report, with_respondents: bool) -> String {
    let mut o = String::new();
    if !r.doc_number.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&r.doc_number));
    }
    let _ = writeln!(o, "# {}\n", escape(&r.title));
    let _ = writeln!(
        o,
        "{} · {} · 评价框架：{}\n",
        escape(&r.school),
        escape(&r.period),
        escape(&r.framework)
    );
    for s in &r.sections {
        let _ = writeln!(o, "## {}\n", s.heading);
        for line in paragraphs(&s.text) {
            match line_kind(line) {
                Line::Sub => {
                    let _ = writeln!(o, "### {}\n", escape(line));
                }
                Line::Para => {
                    let _ = writeln!(o, "{}\n", escape(line));
                }
            }
        }
    }
    let _ = writeln!(o, "{}  \n{}\n", escape(&r.school), escape(&r.date));

    let _ = writeln!(
        o,
        "## 附件1　各方面达成度\n\n| 方面 | 达成度 | 图示 |\n| --- | --- | --- |"
    );
    for a in &r.sheet {
        let (pct, bar) = match a.ratio {
            Some(x) => (format!("{:.0}%", x * 100.0), text_bar(x)),
            None => ("未评分".to_string(), String::new()),
        };
        let _ = writeln!(o, "| {} | {pct} | {bar} |", cell(&a.title));
    }
    let _ = writeln!(o, "\n{}\n", escape(&r.overall));

    let _ = writeln!(o, "## 附件2　自评得分表\n");
    for a in &r.sheet {
        let _ = writeln!(
            o,
            "### {}　{}　{}\n",
            escape(&a.id),
            escape(&a.title),
            escape(&a.score)
        );
        for i in &a.indicators {
            let _ = writeln!(
                o,
                "#### {}　{}　{}\n",
                escape(&i.id),
                escape(&i.title),
                escape(&i.score)
            );
            if with_respondents {
                let _ = writeln!(o, "| 编号 | 考查要点 | 自评结果 | 佐证说明 | 教职工填报 |\n| --- | --- | --- | --- | --- |");
            } else {
                let _ = writeln!(
                    o,
                    "| 编号 | 考查要点 | 自评结果 | 佐证说明 |\n| --- | --- | --- | --- |"
                );
            }
            for p in &i.points {
                let _ = write!(
                    o,
                    "| {} | {} | {} | {} |",
                    cell(&p.id),
                    cell(&p.text),
                    cell(&p.result),
                    cell(&p.note)
                );
                if with_respondents {
                    let _ = write!(o, " {} |", cell(&p.respondents));
                }
                o.push('\n');
            }
            o.push('\n');
        }
    }
    if let Some(c) = &r.comparison {
        let _ = writeln!(
            o,
            "## 附件3　与上次自评比较（增值）\n\n比较对象：{}（上次）与{}（本次）。\n\n| 方面／关键指标 | 上次 | 本次 | 变化 |\n| --- | --- | --- | --- |",
            escape(&c.earlier),
            escape(&c.current)
        );
        for d in &c.rows {
            let title = if d.is_area {
                format!("**{}**", cell(&d.title))
            } else {
                cell(&d.title)
            };
            let _ = writeln!(
                o,
                "| {title} | {} | {} | {} |",
                ratio_text(d.before),
                ratio_text(d.after),
                d.change_text()
            );
        }
    }
    o
}
