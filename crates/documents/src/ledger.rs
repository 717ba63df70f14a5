//! The work ledger (工作台账) as a landscape A4 table: 序号 / 任务 / 关联要点 / 责任人 / 责任部门 / 时限 / 状态 /
//! 进展, on its own ([`document`]) or as an annex of a plan or the report ([`annex`]).
//!
//! Overdue tasks and milestones are marked with ▲ and the word 逾期 in bold, never by colour alone, so the
//! mark survives black-and-white printing; a note under the table explains the mark and the day it was
//! counted on.

use crate::doc::TextSize;
use crate::doc::{Annex, Block, Cell, CellStyle, Column, Document, Orientation, Row, Table};
use crate::titles;
use chrono::{Datelike, NaiveDate};
use xzzp_core::framework::Framework;
use xzzp_core::ledger::{short, Ledger, Status, Task};
use xzzp_core::plan::zh_date;
use xzzp_core::school::School;

/// What the ledger table is made from.
#[derive(Debug, Clone)]
pub struct LedgerSheet<'a> {
    /// The tasks, in the order shown (e.g. a filtered and sorted view of the ledger page).
    pub tasks: Vec<&'a Task>,
    /// The framework whose point texts the 关联要点 column shows; without it the column shows point ids.
    pub framework: Option<&'a Framework>,
    /// The day overdue is counted on.
    pub today: NaiveDate,
}

impl<'a> LedgerSheet<'a> {
    /// Every task of a ledger, in ledger order.
    pub fn new(ledger: &'a Ledger, framework: Option<&'a Framework>, today: NaiveDate) -> Self {
        LedgerSheet {
            tasks: ledger.tasks.iter().collect(),
            framework,
            today,
        }
    }
}

/// The 时限 of a task: 2026年9月1日至 / 2026年12月31日, or 2026年12月31日前, or 2026年9月1日起.
fn due_text(t: &Task) -> String {
    match (t.start, t.due) {
        (Some(s), Some(d)) => format!("{}至\n{}", zh_date(s), zh_date(d)),
        (None, Some(d)) => format!("{}前", zh_date(d)),
        (Some(s), None) => format!("{}起", zh_date(s)),
        (None, None) => String::new(),
    }
}

fn points_text(t: &Task, fw: Option<&Framework>) -> String {
    if t.points.is_empty() {
        return t.area.trim().to_string();
    }
    t.points
        .iter()
        .map(|id| match fw.and_then(|f| f.point(id)) {
            Some(p) => format!("{id} {}", short(&p.text, 16)),
            None => id.clone(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn status_cell(t: &Task, today: NaiveDate) -> Cell {
    match t.overdue_days(today) {
        Some(days) => Cell::styled(
            format!("▲逾期{days}天\n{}", t.shown_status(today).zh()),
            CellStyle::Alert,
        ),
        None => Cell::new(t.shown_status(today).zh()),
    }
}

/// A date in the 进展 column: without the year when it is the year of `today`.
fn short_date(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        format!("{}月{}日", d.month(), d.day())
    } else {
        zh_date(d)
    }
}

fn progress_text(t: &Task, today: NaiveDate) -> String {
    let mut notes: Vec<_> = t.notes.iter().collect();
    notes.sort_by_key(|n| n.date);
    let mut lines: Vec<String> = notes
        .iter()
        .filter(|n| !n.text.trim().is_empty())
        .map(|n| format!("{}　{}", short_date(n.date, today), n.text.trim()))
        .collect();
    for m in &t.milestones {
        let state = if m.done {
            "已完成"
        } else if m.date < today && t.status != Status::Done {
            "▲逾期"
        } else {
            "未完成"
        };
        lines.push(format!(
            "里程碑{}　{}（{state}）",
            short_date(m.date, today),
            m.text.trim()
        ));
    }
    lines.join("\n")
}

/// The ledger table. Widths fit landscape A4: a date on one line in 时限, the widest columns for the task and
/// its progress.
pub fn table(sheet: &LedgerSheet) -> Table {
    let widths = [5, 19, 13, 7, 8, 17, 9, 22];
    let rows = sheet
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut task = t.title.trim().to_string();
            if !t.target.trim().is_empty() {
                task.push_str(&format!("\n目标：{}", t.target.trim()));
            }
            Row::Cells(vec![
                Cell::new((i + 1).to_string()),
                Cell::new(task),
                Cell::new(points_text(t, sheet.framework)),
                Cell::new(t.owner.trim()),
                Cell::new(t.department.trim()),
                Cell::new(due_text(t)),
                status_cell(t, sheet.today),
                Cell::new(progress_text(t, sheet.today)),
            ])
        })
        .collect();
    Table {
        class: "ledger-sheet",
        columns: titles::LEDGER
            .iter()
            .zip(widths)
            .map(|(t, w)| Column::new(*t, w))
            .collect(),
        rows,
        size: TextSize::Small,
    }
}

/// The key to the marks, with the day overdue was counted on.
fn note(sheet: &LedgerSheet) -> Block {
    let overdue = sheet
        .tasks
        .iter()
        .filter(|t| t.is_overdue(sheet.today))
        .count();
    Block::Note(format!(
        "注：共{}项任务，其中逾期{overdue}项。▲ 表示已过完成时限（或里程碑日期）仍未完成，按{}计算。",
        sheet.tasks.len(),
        zh_date(sheet.today)
    ))
}

/// The ledger as an annex (附件　工作台账) on landscape pages, for a plan or the report.
pub fn annex(sheet: &LedgerSheet) -> Annex {
    Annex {
        title: titles::ANNEX_LEDGER.into(),
        orientation: Orientation::Landscape,
        blocks: vec![Block::Table(table(sheet)), note(sheet)],
    }
}

/// The ledger on its own: landscape A4, titled with the school's name.
pub fn document(sheet: &LedgerSheet, school: &School) -> Document {
    let name = school.name.trim();
    Document {
        orientation: Orientation::Landscape,
        title: format!("{name}{}", titles::ANNEX_LEDGER),
        subtitle: format!("填报单位：{name}　　统计日期：{}", zh_date(sheet.today)),
        blocks: vec![Block::Table(table(sheet)), note(sheet)],
        ..Document::default()
    }
}
