//! Documents of 学校质量自评, made from the domain of `xzzp-core`: the self-evaluation report, every plan and
//! the work ledger, on one shared document model ([`doc`]) with one writer per format ([`export`]: Word,
//! Markdown, HTML); the evidence package (佐证材料包, [`evidence_pack`]); the county's 上报包 ([`submission`]) and
//! 通报 draft ([`bulletin`]); and the sample schools and sample county of the
//! workshop demo. Pure: tested on the host.
//!
//! What the interface calls:
//!
//! - the report: [`report::build`] → [`report::Report::document`] → [`doc::Document::docx`] /
//!   [`doc::Document::markdown`] / [`doc::Document::html`];
//! - a plan: [`plan::document`]`(&plan, &school, today, ledger)` → the same three writers;
//! - the ledger: [`ledger::document`]`(&sheet, &school)`, or [`ledger::annex`]`(&sheet)` added to a plan or
//!   the report with [`doc::Document::with_annex`].

pub mod bulletin;
pub mod demo;
pub mod demo_county;
pub mod doc;
pub mod evidence_pack;
pub mod export;
pub mod ledger;
pub mod plan;
pub mod report;
pub mod submission;
pub mod titles;
