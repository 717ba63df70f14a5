//! Any [`Document`] as Markdown (CommonMark with GitHub-style tables).
//!
//! The title is `#`, body headings `##` (一、), `###` (（一）), `####` (1.); each annex is a `##` heading
//! 附件N　title. Markdown tables cannot span columns, so a table's group rows become headings one level below
//! the heading they stand under, each followed by the table of its rows with the header repeated.

use crate::doc::{
    annex_note, bar_value, text_bar, Annex, Block, Chart, Document, Level, Row, Table,
};
use crate::report::Report;
use crate::titles;
use std::fmt::Write;

/// Escapes text so that Markdown shows it literally: inline markup, HTML and entity syntax are neutralised,
/// control characters dropped, and a line cannot start a heading, list, quote, code block or table.
pub fn escape(s: &str) -> String {
    // Leading spaces would make an indented code block.
    let s = s.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '&' | '~' | '!' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\t' => out.push(' '),
            c if c.is_control() => {}
            _ => out.push(c),
        }
    }
    // A leading "-", "+", "=" or "1." would start a list or underline a heading.
    if out.starts_with(['-', '+', '=']) {
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

fn hashes(depth: usize) -> String {
    "#".repeat(depth.min(6))
}

fn header(o: &mut String, t: &Table) {
    let titles: Vec<String> = t.columns.iter().map(|c| cell(&c.title)).collect();
    let _ = writeln!(
        o,
        "| {} |\n|{}",
        titles.join(" | "),
        " --- |".repeat(t.columns.len())
    );
}

/// A table under a heading of depth `depth` (its group rows become headings one and two levels deeper).
fn table(o: &mut String, t: &Table, depth: usize) {
    let mut open = false;
    for r in &t.rows {
        match r {
            Row::Group { level, text } => {
                if open {
                    o.push('\n');
                    open = false;
                }
                let _ = writeln!(
                    o,
                    "{} {}\n",
                    hashes(depth + 1 + *level as usize),
                    escape(text)
                );
            }
            Row::Cells(cells) | Row::Summary(cells) => {
                if !open {
                    header(o, t);
                    open = true;
                }
                let strong = matches!(r, Row::Summary(_));
                let texts: Vec<String> = (0..t.columns.len())
                    .map(|i| {
                        let text = cells.get(i).map_or("", |c| c.text.as_str());
                        let styled = cells
                            .get(i)
                            .is_some_and(|c| c.style != crate::doc::CellStyle::Plain);
                        if (strong || styled) && !text.trim().is_empty() {
                            format!("**{}**", cell(text))
                        } else {
                            cell(text)
                        }
                    })
                    .collect();
                let _ = writeln!(o, "| {} |", texts.join(" | "));
            }
        }
    }
    if !open && !t.rows.iter().any(|r| matches!(r, Row::Group { .. })) {
        // A table without rows still shows its header.
        header(o, t);
    }
    o.push('\n');
}

fn chart(o: &mut String, c: &Chart) {
    let _ = writeln!(
        o,
        "| {} | {} | {} |\n| --- | --- | --- |",
        cell(&c.label),
        cell(&c.value),
        crate::titles::CHART[2]
    );
    for (label, ratio) in &c.bars {
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            cell(label),
            bar_value(*ratio),
            ratio.map(text_bar).unwrap_or_default()
        );
    }
    o.push('\n');
    if !c.caption.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&c.caption));
    }
}

/// Blocks under a heading of depth `depth` (1 for the title).
fn blocks(o: &mut String, blocks: &[Block], depth: usize) {
    // The depth of the last heading, so that a table's group rows sit below it.
    let mut current = depth;
    for b in blocks {
        match b {
            Block::Heading { level, text } => {
                let d = depth
                    + match level {
                        Level::One => 1,
                        Level::Two => 2,
                        Level::Three => 3,
                    };
                current = d;
                let _ = writeln!(o, "{} {}\n", hashes(d), escape(text));
            }
            Block::Paragraph { lead, text, .. } => {
                if lead.is_empty() {
                    let _ = writeln!(o, "{}\n", escape(text));
                } else {
                    let _ = writeln!(o, "**{}**{}\n", escape(lead), escape(text));
                }
            }
            Block::Table(t) => table(o, t, current),
            Block::Chart(c) => chart(o, c),
            Block::Note(text) => {
                let lines: Vec<String> = text.lines().map(escape).collect();
                let _ = writeln!(o, "{}\n", lines.join("  \n"));
            }
        }
    }
}

fn annex(o: &mut String, n: usize, total: usize, a: &Annex) {
    let _ = writeln!(o, "## {}\n", escape(&a.heading(n, total)));
    blocks(o, &a.blocks, 2);
}

/// Renders a document as Markdown.
pub fn write(d: &Document) -> String {
    let mut o = String::new();
    if !d.issuer.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&d.issuer));
    }
    if !d.doc_number.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&d.doc_number));
    }
    if !d.issuer.is_empty() {
        let _ = writeln!(o, "---\n");
    }
    let _ = writeln!(o, "# {}\n", escape(&d.title));
    if !d.subtitle.is_empty() {
        let _ = writeln!(o, "{}\n", escape(&d.subtitle));
    }
    blocks(&mut o, &d.blocks, 1);
    if !d.annexes.is_empty() {
        let items: Vec<String> = annex_note(&d.annexes).iter().map(|i| escape(i)).collect();
        let _ = writeln!(o, "{}{}\n", titles::ANNEX_NOTE_LEAD, items.join("  \n"));
    }
    let mut foot: Vec<String> = d.signature.iter().map(|s| escape(s)).collect();
    if !d.date.is_empty() {
        foot.push(escape(&d.date));
    }
    if !foot.is_empty() {
        let _ = writeln!(o, "{}\n", foot.join("  \n"));
    }
    for (i, a) in d.annexes.iter().enumerate() {
        annex(&mut o, i + 1, d.annexes.len(), a);
    }
    o
}

/// The report as Markdown; the same as `r.document(with_respondents).markdown()`.
pub fn render(r: &Report, with_respondents: bool) -> String {
    write(&r.document(with_respondents))
}
