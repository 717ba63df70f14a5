//! Every plan (自评方案, 提升行动实施方案, 帮扶工作计划, and any plan made from a county's own template) as a
//! [`Document`]. The document is made from the plan's blocks, never from the template it came from, so a new
//! template needs no code here.
//!
//! Layout: each section is a first-level heading 一、; ordered list items are numbered （一）（二）… (or 1. 2. …
//! under a section that already has its own （一） headings), a short first sentence becoming the run-in
//! heading; people, phases, goals, activities and the school group are real tables; the 落款 is the plan's
//! signatory or the school's name, and the date the plan's 成文日期 or the day of the export.

use crate::doc::{line_kind, lines, split_lead, Block, Cell, Column, Document, Level, Line, Row};
use crate::doc::{Orientation, Table, TextSize};
use crate::ledger::{annex as ledger_annex, LedgerSheet};
use crate::titles;
use chrono::{Datelike, NaiveDate};
use xzzp_core::plan::{zh_date, Block as PlanBlock, Plan};
use xzzp_core::school::School;

/// A date range as a table cell: 2025年9月1日至 / 9月30日 (the year repeated only when it changes).
pub fn date_range(start: NaiveDate, end: NaiveDate) -> String {
    let end_text = if start.year() == end.year() {
        format!("{}月{}日", end.month(), end.day())
    } else {
        zh_date(end)
    };
    format!("{}至\n{end_text}", zh_date(start))
}

fn table(class: &'static str, titles: &[&str], widths: &[u32], rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        class,
        columns: titles
            .iter()
            .zip(widths)
            .map(|(t, w)| Column::new(*t, *w))
            .collect(),
        rows: rows
            .into_iter()
            .map(|r| Row::Cells(r.into_iter().map(Cell::new).collect()))
            .collect(),
        size: TextSize::Normal,
    })
}

/// Numbering inside one section: （一） items, and 1. items under a （一） heading.
#[derive(Default)]
struct Numbers {
    /// The section has its own （一） headings (typed by the school): lists then count 1. 2. under them.
    own_headings: bool,
    two: usize,
    three: usize,
}

impl Numbers {
    fn next(&mut self) -> (Level, String) {
        if self.own_headings {
            self.three += 1;
            (Level::Three, Level::Three.number(self.three))
        } else {
            self.two += 1;
            (Level::Two, Level::Two.number(self.two))
        }
    }
}

fn blocks_of(b: &PlanBlock, n: &mut Numbers, out: &mut Vec<Block>) {
    match b {
        PlanBlock::Paragraph { text } => {
            for l in lines(text) {
                match line_kind(l) {
                    Line::Sub => {
                        n.own_headings = true;
                        n.three = 0;
                        out.push(Block::heading(Level::Two, l));
                    }
                    Line::Para => out.push(Block::para(l)),
                }
            }
        }
        PlanBlock::List { ordered, items } => {
            for item in items.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
                if !*ordered {
                    out.push(Block::para(item));
                    continue;
                }
                let (level, number) = n.next();
                let (lead, rest) = split_lead(item);
                out.push(if lead.is_empty() {
                    Block::para(format!("{number}{rest}"))
                } else {
                    Block::Paragraph {
                        lead: format!("{number}{lead}"),
                        level,
                        text: rest.to_string(),
                    }
                });
            }
        }
        PlanBlock::People { people } if !people.is_empty() => out.push(table(
            "plan-people",
            &titles::PEOPLE,
            &[18, 22, 60],
            people
                .iter()
                .map(|p| vec![p.role.clone(), p.name.clone(), p.post.clone()])
                .collect(),
        )),
        PlanBlock::Phases { phases } if !phases.is_empty() => out.push(table(
            "plan-phases",
            &titles::PHASES,
            &[19, 25, 56],
            phases
                .iter()
                .map(|p| vec![p.name.clone(), date_range(p.start, p.end), p.text.clone()])
                .collect(),
        )),
        PlanBlock::Goals { goals } if !goals.is_empty() => out.push(table(
            "plan-goals",
            &titles::GOALS,
            &[45, 20, 35],
            goals
                .iter()
                .map(|g| {
                    vec![
                        g.text.clone(),
                        format!("{}{}", g.target.trim(), g.unit.trim()),
                        g.basis.clone(),
                    ]
                })
                .collect(),
        )),
        PlanBlock::Group {
            name,
            core,
            members,
        } => {
            let members: Vec<&str> = members
                .iter()
                .map(|m| m.trim())
                .filter(|m| !m.is_empty())
                .collect();
            let rows: Vec<Vec<String>> = titles::GROUP_ROWS
                .iter()
                .zip([
                    name.trim().to_string(),
                    core.trim().to_string(),
                    members.join("、"),
                ])
                .filter(|(_, v)| !v.is_empty())
                .map(|(k, v)| vec![k.to_string(), v])
                .collect();
            if !rows.is_empty() {
                out.push(table("plan-group", &titles::GROUP, &[25, 75], rows));
            }
        }
        PlanBlock::Activities { activities } if !activities.is_empty() => out.push(table(
            "plan-activities",
            &titles::ACTIVITIES,
            &[16, 44, 18, 22],
            activities
                .iter()
                .map(|a| {
                    vec![
                        a.when.clone(),
                        a.content.clone(),
                        a.lead.clone(),
                        a.participants.clone(),
                    ]
                })
                .collect(),
        )),
        // Empty tables are left out.
        PlanBlock::People { .. }
        | PlanBlock::Phases { .. }
        | PlanBlock::Goals { .. }
        | PlanBlock::Activities { .. } => {}
    }
}

/// A plan as a document: A4 portrait, the plan's 发文机关 line and 文号 when set, its sections, the 落款 (the
/// plan's signatory, or the school's name) and date (the plan's date, or `today`), and the ledger as 附件
/// when one is given.
pub fn document(
    plan: &Plan,
    school: &School,
    today: NaiveDate,
    ledger: Option<&LedgerSheet>,
) -> Document {
    let mut blocks = Vec::new();
    for (i, s) in plan.sections.iter().enumerate() {
        blocks.push(Block::heading(
            Level::One,
            format!("{}{}", Level::One.number(i + 1), s.title.trim()),
        ));
        let mut numbers = Numbers::default();
        for b in &s.blocks {
            blocks_of(b, &mut numbers, &mut blocks);
        }
    }
    let signatory = if plan.signatory.trim().is_empty() {
        school.name.trim()
    } else {
        plan.signatory.trim()
    };
    Document {
        orientation: Orientation::Portrait,
        issuer: plan.issuer.trim().to_string(),
        doc_number: plan.doc_number.trim().to_string(),
        title: plan.title.trim().to_string(),
        subtitle: String::new(),
        blocks,
        signature: [signatory]
            .into_iter()
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        date: zh_date(plan.date.unwrap_or(today)),
        annexes: ledger.map(ledger_annex).into_iter().collect(),
    }
}
