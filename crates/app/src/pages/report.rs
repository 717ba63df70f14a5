//! 自评报告: the drafted report, its editable sections, the document preview, printing and downloads.

use crate::download::{file_name, save};
use crate::i18n::{Localized, K};
use crate::pages::need_school;
use crate::route::Route;
use crate::state::{today, use_app, AppState};
use crate::ui::{evaluation_options, tr, FieldKind, TextField};
use leptos::prelude::*;
use xzzp_core::evidence::counts;
use xzzp_core::evidence::{AddedBy, EvidenceDoc};
use xzzp_core::store::doc::DocState;
use xzzp_core::store::workbench::WorkMessage;
use xzzp_core::store::Read;
use xzzp_documents::doc::Document;
use xzzp_documents::evidence_pack::{self, Catalogue, PackInput, PackOptions};
use xzzp_documents::ledger::LedgerSheet;
use xzzp_documents::report::{
    build, earlier_evaluation, section_title, EvidenceSummary, Report, ReportInput, SECTION_KEYS,
};

/// The report page.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = use_app();
    let school = Memo::new(move |_| state.current_school());
    let evaluations = move || state.school_evaluations();
    // The evaluation reported on: the open one when it belongs to this school, else the newest.
    let evaluation_id = RwSignal::new(String::new());
    Effect::new(move |_| {
        let list = evaluations();
        let open = state.answers.id();
        let current = evaluation_id.get_untracked();
        if !list.iter().any(|e| e.id == current) {
            let pick = open
                .filter(|o| list.iter().any(|e| e.id == *o))
                .or_else(|| list.first().map(|e| e.id.clone()))
                .unwrap_or_default();
            evaluation_id.set(pick);
        }
    });
    Effect::new(move |_| {
        let id = evaluation_id.get();
        if !id.is_empty() {
            state.wb().open_report(&id);
        }
    });
    let report = Memo::new(move |_| {
        crate::perf::timed("report:model", || build_report(state, &evaluation_id.get()))
    });
    // Whether the school's ledger goes with the report as an annex (preview and files alike).
    let attach = RwSignal::new(false);
    // Whether the 佐证材料目录 goes with the report as its last annex.
    let attach_catalogue = RwSignal::new(false);
    let attach = Attach {
        ledger: attach,
        catalogue: attach_catalogue,
    };
    view! {
        <section class="page report">
            <h1 tabindex="-1">{tr(K::ReportTitle)}</h1>
            <p class="help">{tr(K::ReportHelp)}</p>
            {move || match (school.get(), evaluations().is_empty()) {
                (None, _) => need_school().into_any(),
                (Some(_), true) => view! {
                    <p>{state.t(K::ReportNeedEvaluation)}</p>
                    <p><a class="button primary" href=Route::Survey.hash()>{state.t(K::NavSurvey)}</a></p>
                }
                .into_any(),
                (Some(_), false) => view! {
                    <ReportControls evaluation_id report attach/>
                    {move || report.with(|r| match r {
                        Err(Blocked::Unreadable) => Some(view! {
                            <p class="notice error" role="alert">{WorkMessage::UnreadableEvaluation.text(state.lang.get())}</p>
                        }.into_any()),
                        Err(Blocked::Loading) => Some(view! { <p class="muted" role="status">{state.t(K::Loading)}</p> }.into_any()),
                        Ok(d) if !d.notes.is_empty() => Some(view! {
                            <ul class="notice" role="status">{d.notes.iter().map(|n| view! { <li>{state.t(*n)}</li> }).collect_view()}</ul>
                        }.into_any()),
                        _ => None,
                    })}
                    <SectionEditors report/>
                    <div class="report-preview card" inner_html=move || report.with(|r| {
                        crate::perf::timed("report:html", || r.as_ref().map(|d| report_document(state, d, attach.get()).html()).unwrap_or_default())
                    })></div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Which further annexes go with the report.
#[derive(Clone, Copy)]
struct Attach {
    /// The school's ledger.
    ledger: RwSignal<bool>,
    /// The 佐证材料目录 of the evaluation.
    catalogue: RwSignal<bool>,
}

impl Attach {
    /// `(ledger, catalogue)`, tracked.
    fn get(&self) -> (bool, bool) {
        (self.ledger.get(), self.catalogue.get())
    }

    fn get_untracked(&self) -> (bool, bool) {
        (self.ledger.get_untracked(), self.catalogue.get_untracked())
    }
}

/// The report as the filed document, with the school's ledger and then the 佐证材料目录 as its last
/// annexes when asked.
fn report_document(state: AppState, d: &Drafted, (ledger, catalogue): (bool, bool)) -> Document {
    let mut doc = d.report.document(d.with_respondents);
    if ledger {
        if let Some(ledger) = state.ledger.value() {
            let fw = state.current_framework();
            let sheet = LedgerSheet::new(&ledger, fw.as_deref(), today());
            doc = doc.with_annex(xzzp_documents::ledger::annex(&sheet));
        }
    }
    if catalogue {
        if let Some(cat) = &d.catalogue {
            doc = doc.with_annex(cat.annex());
        }
    }
    doc
}

/// Why no report is shown.
#[derive(Debug, Clone, PartialEq)]
enum Blocked {
    /// Nothing to report on yet (no school, no evaluation, unknown framework).
    Nothing,
    /// The evaluation's answers cannot be read: nothing is drafted from them.
    Unreadable,
    /// Teachers' answers are still being read.
    Loading,
}

/// A drafted report with what the page says about it.
#[derive(Debug, Clone, PartialEq)]
struct Drafted {
    report: Report,
    /// Whether teachers' answers were merged, so that their column is shown.
    with_respondents: bool,
    /// What could not be used (unreadable plan, ledger or earlier evaluation), said above the report.
    notes: Vec<K>,
    /// The evaluation's 佐证材料目录, for the annex; `None` when its evidence cannot be read.
    catalogue: Option<Catalogue>,
}

/// The value of a document the report uses: an unreadable one is left out and noted, never taken as empty.
fn usable<T>(r: Read<T>, note: K, notes: &mut Vec<K>) -> Option<T> {
    match r {
        Read::Ready(v) => Some(v),
        Read::Missing => None,
        Read::Unreadable(_) => {
            notes.push(note);
            None
        }
    }
}

/// Builds the report of an evaluation from the stored documents.
fn build_report(state: AppState, evaluation_id: &str) -> Result<Drafted, Blocked> {
    // Tracked: the report follows every document it is made from.
    let school = state.current_school().ok_or(Blocked::Nothing)?;
    state.answers.with(|_| ());
    state.plan.with(|_| ());
    state.ledger.with(|_| ());
    state.report.with(|_| ());
    if state
        .respondents
        .with(|r| matches!(r, DocState::Loading { .. }))
    {
        return Err(Blocked::Loading);
    }
    let wb = state.wb();
    let (header, all) = wb.ws(|w| (w.evaluation(evaluation_id).cloned(), w.evaluations.clone()));
    let header = header.ok_or(Blocked::Nothing)?;
    let fw = crate::state::framework_for(&header.framework_id, &header.framework_version)
        .ok_or(Blocked::Nothing)?;
    let answers = match wb.answers_of(evaluation_id) {
        Read::Ready(a) => a,
        Read::Missing => Default::default(),
        Read::Unreadable(_) => return Err(Blocked::Unreadable),
    };
    let mut notes = Vec::new();
    let plan = wb.report_plan(&school.id, evaluation_id).and_then(|id| {
        usable(
            wb.doc_of(&wb.plan, &id),
            K::ReportPlanUnreadable,
            &mut notes,
        )
    });
    let ledger = usable(
        wb.doc_of(&wb.ledger, &school.id),
        K::ReportLedgerUnreadable,
        &mut notes,
    )
    .unwrap_or_default();
    let earlier = earlier_evaluation(&all, &header).cloned();
    let earlier_answers = earlier
        .as_ref()
        .and_then(|e| usable(wb.answers_of(&e.id), K::ReportEarlierUnreadable, &mut notes));
    let edits = usable(
        wb.doc_of(&wb.report, evaluation_id),
        K::ReportEditsUnreadable,
        &mut notes,
    )
    .unwrap_or_default();
    let files = usable(
        wb.doc_of(&wb.respondents, evaluation_id),
        K::ReportRespondentsUnreadable,
        &mut notes,
    )
    .unwrap_or_default();
    let respondents = xzzp_core::respondents::for_report(&fw, &files);
    let mut with_respondents = respondents.0 > 0;
    // Whole-staff answers (全员自评), when any were collected: participation and the staff columns.
    state.staff.with(|_| ());
    let staff = usable(
        wb.doc_of(&wb.staff, evaluation_id),
        K::ReportStaffUnreadable,
        &mut notes,
    )
    .filter(|s| !s.submissions.is_empty())
    .map(|s| s.report(&fw, &answers));
    with_respondents |= staff.is_some();
    let input = ReportInput {
        school: &school,
        header: &header,
        fw: &fw,
        answers: &answers,
        plan: plan.as_ref(),
        ledger: &ledger,
        earlier: earlier.as_ref().zip(earlier_answers.as_ref()),
        respondents,
        edits: &edits,
        date: today(),
    };
    let report = match &staff {
        Some(st) => xzzp_documents::report::build_with_staff(&input, st),
        None => build(&input),
    };
    // 佐证材料: counted per area over the points that apply; the 目录 for the annex.
    state.evidence.with(|_| ());
    let evidence = match wb.doc_of(&wb.evidence, evaluation_id) {
        Read::Ready(e) => Some(e),
        Read::Missing => Some(EvidenceDoc::new(evaluation_id)),
        Read::Unreadable(_) => {
            notes.push(K::ReportEvidenceUnreadable);
            None
        }
    };
    let (report, catalogue) = match evidence {
        Some(evidence) => {
            let progress = counts::progress(&fw, &evidence, counts::applicable(&answers));
            let pack = PackInput {
                framework: &fw,
                evaluation: &header,
                school: &school,
                evidence: &evidence,
                exported_at: "",
                made_by: &AddedBy::Principal,
                package: None,
            };
            let layout = evidence_pack::layout(&pack, &PackOptions::default());
            let catalogue = evidence_pack::catalogue(&pack, &PackOptions::default(), &layout);
            // The annex 佐证材料情况 once the school has any evidence: a report of a school that keeps its
            // evidence elsewhere does not get a table of zeros.
            let any = progress.overall.points_with_evidence > 0 || progress.overall.files > 0;
            let report = if any {
                report.with_evidence(EvidenceSummary::of(&fw, &progress))
            } else {
                report
            };
            (report, Some(catalogue))
        }
        None => (report, None),
    };
    Ok(Drafted {
        report,
        with_respondents,
        notes,
        catalogue,
    })
}

#[component]
fn ReportControls(
    evaluation_id: RwSignal<String>,
    report: Memo<Result<Drafted, Blocked>>,
    attach: Attach,
) -> impl IntoView {
    let state = use_app();
    let offer = move |ext: &str, mime: &str, bytes: Vec<u8>| {
        let Ok(d) = report.get_untracked() else {
            return;
        };
        save(state, &file_name(&[&d.report.title], ext), mime, &bytes);
    };
    let word = move |_| {
        if let Ok(d) = report.get_untracked() {
            let bytes = crate::perf::timed("report:docx", || {
                report_document(state, &d, attach.get_untracked()).docx()
            });
            offer(
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                bytes,
            );
        }
    };
    let md = move |_| {
        if let Ok(d) = report.get_untracked() {
            let text = crate::perf::timed("report:markdown", || {
                report_document(state, &d, attach.get_untracked()).markdown()
            });
            offer("md", "text/markdown;charset=utf-8", text.into_bytes());
        }
    };
    // Whether the 上报包 carries the evidence summary.
    let package_evidence = RwSignal::new(false);
    let doc_number = Signal::derive(move || {
        state
            .report
            .read(|r| r.doc_number.clone())
            .unwrap_or_default()
    });
    view! {
        <div class="card report-controls">
            <div class="form-grid">
                <label for="report-evaluation">{tr(K::PlanEvaluation)}</label>
                <select id="report-evaluation" prop:value=move || evaluation_id.get() on:change=move |ev| evaluation_id.set(event_target_value(&ev))>
                    {evaluation_options()}
                </select>
                <label for="report-doc-number">{tr(K::ReportDocNumber)}</label>
                <TextField id="report-doc-number" value=doc_number
                    placeholder=Signal::derive(move || state.t(K::ReportDocNumberExample).to_string())
                    on_change=Callback::new(move |v: String| state.update_report(move |r| r.doc_number = v.clone()))/>
            </div>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>{tr(K::ReportPrint)}</button>
                <button type="button" on:click=word>{tr(K::ReportWord)}</button>
                <button type="button" on:click=md>{tr(K::ReportMarkdown)}</button>
                <label class="check">
                    <input type="checkbox" id="report-attach-ledger" prop:checked=move || attach.ledger.get()
                        on:change=move |ev| attach.ledger.set(event_target_checked(&ev))/>
                    {tr(K::DocAttachLedger)}
                </label>
                <label class="check">
                    <input type="checkbox" id="report-attach-catalogue" prop:checked=move || attach.catalogue.get()
                        on:change=move |ev| attach.catalogue.set(event_target_checked(&ev))/>
                    {tr(K::ReportAttachEvidence)}
                </label>
                <button type="button" id="report-export-package" on:click=move |_| crate::pages::county::export_package(state, &evaluation_id.get_untracked(), package_evidence.get_untracked())>{tr(K::ReportExportPackage)}</button>
                <label class="check">
                    <input type="checkbox" id="report-package-evidence" prop:checked=move || package_evidence.get()
                        on:change=move |ev| package_evidence.set(event_target_checked(&ev))/>
                    {tr(K::ReportPackageEvidence)}
                </label>
            </div>
            <p class="help">{tr(K::ReportPrintHelp)}</p>
            <p class="help">{tr(K::ReportExportPackageHelp)}</p>
        </div>
    }
}

#[component]
fn SectionEditors(report: Memo<Result<Drafted, Blocked>>) -> impl IntoView {
    let state = use_app();
    view! {
        <details class="card section-editors">
            <summary>{tr(K::ReportEditSections)}</summary>
            <p class="help">{tr(K::ReportEditHelp)}</p>
            {SECTION_KEYS.iter().map(|key| {
                let key: &'static str = key;
                let id = format!("report-section-{key}");
                let text = Signal::derive(move || report.with(|r| r.as_ref().ok().and_then(|d| d.report.sections.iter().find(|s| s.key == key).map(|s| s.text.clone())).unwrap_or_default()));
                let edited = move || report.with(|r| r.as_ref().ok().and_then(|d| d.report.sections.iter().find(|s| s.key == key).map(|s| s.edited)).unwrap_or(false));
                let on_change = Callback::new(move |v: String| state.update_report(move |r| { r.sections.insert(key.to_string(), v.clone()); }));
                view! {
                    <div class="section-editor">
                        <label for=id.clone()>{move || section_title(key, state.lang.get())}
                            <Show when=edited><span class="tag">{tr(K::ReportEdited)}</span></Show>
                        </label>
                        <TextField id kind=FieldKind::Lines(8) value=text on_change/>
                        <Show when=edited>
                            <button type="button" class="link" on:click=move |_| state.update_report(move |r| { r.sections.remove(key); })>
                                {tr(K::ReportRestoreDraft)}
                            </button>
                        </Show>
                    </div>
                }
            }).collect_view()}
        </details>
    }
}
