//! Writes every document of the workshop's sample schools — report, plans, ledger — as Word, Markdown and
//! HTML, for a person or for `scripts/check-documents` (LibreOffice → PDF) to look at.
//!
//! ```sh
//! cargo run -p xzzp-documents --example sample_documents -- target/sample-documents [2026-11-22]
//! ```
//!
//! For each school `<dir>/<school id>/` receives `report.*`, `report-staff.*` (with the staff column),
//! `plan-<template>.*` and `plan-<template>-with-ledger.*` for every built-in plan template, and `ledger.*`. The date (default 2026-11-22) is the
//! day the sample data is built around and the "today" of overdue marks, so the files are the same each run.

use chrono::NaiveDate;
use std::path::Path;
use xzzp_core::plan::Plan;
use xzzp_core::planning::plan_context;
use xzzp_documents::doc::Document;
use xzzp_documents::ledger::{self, LedgerSheet};
use xzzp_documents::report::{build, earlier_evaluation, ReportEdits, ReportInput};
use xzzp_documents::{demo, plan};

fn save(dir: &Path, stem: &str, doc: &Document) -> std::io::Result<()> {
    std::fs::write(dir.join(format!("{stem}.docx")), doc.docx())?;
    std::fs::write(dir.join(format!("{stem}.md")), doc.markdown())?;
    std::fs::write(dir.join(format!("{stem}.html")), doc.html())?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let out = args
        .next()
        .unwrap_or_else(|| "target/sample-documents".into());
    let today: NaiveDate = match args.next() {
        Some(d) => d.parse()?,
        None => NaiveDate::from_ymd_opt(2026, 11, 22).ok_or("date")?,
    };
    let b = demo::build(today);
    for school in &b.schools {
        let dir = Path::new(&out).join(&school.id);
        std::fs::create_dir_all(&dir)?;
        let evaluations: Vec<_> = b
            .evaluations
            .iter()
            .filter(|e| e.header.school_id == school.id)
            .collect();
        let headers: Vec<_> = evaluations.iter().map(|e| e.header.clone()).collect();
        let current = evaluations
            .iter()
            .find(|e| e.header.id.ends_with("current"))
            .ok_or("no current evaluation")?;
        let fw = xzzp_templates::framework(&current.header.framework_id).ok_or("framework")?;
        let earlier = earlier_evaluation(&headers, &current.header).and_then(|h| {
            evaluations
                .iter()
                .find(|e| e.header.id == h.id)
                .map(|e| (h, &e.answers))
        });
        let ledger = &b
            .ledgers
            .iter()
            .find(|l| l.school_id == school.id)
            .ok_or("no ledger")?
            .ledger;
        let plans: Vec<_> = b
            .plans
            .iter()
            .filter(|p| p.header.school_id == school.id)
            .collect();
        let report = build(&ReportInput {
            school,
            header: &current.header,
            fw: &fw,
            answers: &current.answers,
            plan: plans
                .iter()
                .find(|p| p.header.template_id == "self-eval-plan")
                .map(|p| &p.plan),
            ledger,
            earlier,
            respondents: (0, Default::default()),
            edits: &ReportEdits::default(),
            date: today,
        });
        save(&dir, "report", &report.document(false))?;
        save(&dir, "report-staff", &report.document(true))?;

        let sheet = LedgerSheet::new(ledger, Some(&fw), today);
        save(&dir, "ledger", &ledger::document(&sheet, school))?;
        // The sample data's plans, and every other built-in template made fresh for the school.
        let mut documents: Vec<(String, Plan)> = plans
            .iter()
            .map(|p| (p.header.template_id.clone(), p.plan.clone()))
            .collect();
        let ctx = plan_context(school, current.header.school_year, Some(&fw));
        for t in xzzp_templates::plan_templates() {
            if !documents.iter().any(|(id, _)| *id == t.id) {
                documents.push((t.id.clone(), t.instantiate(&ctx)));
            }
        }
        for (template_id, p) in &documents {
            let stem = format!("plan-{template_id}");
            save(&dir, &stem, &plan::document(p, school, today, None))?;
            save(
                &dir,
                &format!("{stem}-with-ledger"),
                &plan::document(p, school, today, Some(&sheet)),
            )?;
        }
        println!("{}", dir.display());
    }
    Ok(())
}
