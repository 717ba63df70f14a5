//! 自评报告: the drafted report, its editable sections, the document preview, printing and downloads.

use crate::download::{download, file_name};
use crate::i18n::{Lang, K};
use crate::pages::need_school;
use crate::route::Route;
use crate::state::{today, use_app, AppState, Notice};
use crate::ui::{composing, evaluation_options, tr};
use leptos::prelude::*;
use xzzp_documents::export::{docx, html, markdown};
use xzzp_documents::report::{
    build, earlier_evaluation, section_heading, Report, ReportInput, SECTION_KEYS,
};
use xzzp_templates as catalog;

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
        let open = state.answers.with(|a| a.as_ref().map(|a| a.id.clone()));
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
            state.open_report(&id);
        }
    });
    let report = Memo::new(move |_| {
        crate::perf::timed("report:model", || build_report(state, &evaluation_id.get()))
    });
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
                    <ReportControls evaluation_id report/>
                    <SectionEditors report/>
                    <div class="report-preview card" inner_html=move || report.with(|r| {
                        crate::perf::timed("report:html", || r.as_ref().map(|(r, with)| html::render(r, *with)).unwrap_or_default())
                    })></div>
                }
                .into_any(),
            }}
        </section>
    }
}

/// Builds the report of an evaluation from everything the state holds; `None` when it cannot be built. The
/// flag says whether teachers' answers were merged, so that their column is shown.
fn build_report(state: AppState, evaluation_id: &str) -> Option<(Report, bool)> {
    let school = state.current_school()?;
    let (header, all, plan_id) = state.workspace.with(|w| {
        let header = w.evaluation(evaluation_id).cloned();
        let plan_id = w
            .plans_of(&school.id)
            .into_iter()
            .filter(|p| p.template_id == "self-eval-plan")
            .min_by_key(|p| p.evaluation_id.as_deref() != Some(evaluation_id))
            .map(|p| p.id.clone());
        (header, w.evaluations.clone(), plan_id)
    });
    let header = header?;
    let fw = catalog::framework(&header.framework_id)?;
    let answers = state.answers_of(evaluation_id);
    let plan = plan_id.and_then(|id| {
        state
            .plan
            .with(|p| p.as_ref().filter(|p| p.id == id).map(|p| p.value.clone()))
            .or_else(|| {
                crate::storage::load(&state.keys().plan(&id))
                    .ok()
                    .flatten()
                    .map(|d| d.value)
            })
    });
    let ledger = state
        .ledger
        .with(|l| {
            l.as_ref()
                .filter(|l| l.id == school.id)
                .map(|l| l.value.clone())
        })
        .unwrap_or_default();
    let earlier = earlier_evaluation(&all, &header).cloned();
    let earlier_answers = earlier.as_ref().map(|e| state.answers_of(&e.id));
    let edits = state
        .report
        .with(|r| {
            r.as_ref()
                .filter(|r| r.id == evaluation_id)
                .map(|r| r.value.clone())
        })
        .unwrap_or_default();
    let files = state
        .respondents
        .with(|r| {
            r.as_ref()
                .filter(|r| r.id == evaluation_id)
                .map(|r| r.value.clone())
        })
        .or_else(|| {
            crate::storage::load(&state.keys().respondents(evaluation_id))
                .ok()
                .flatten()
                .map(|d| d.value)
        })
        .unwrap_or_default();
    let respondents = xzzp_core::respondents::for_report(&fw, &files);
    let with_respondents = respondents.0 > 0;
    let report = build(&ReportInput {
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
    });
    Some((report, with_respondents))
}

#[component]
fn ReportControls(
    evaluation_id: RwSignal<String>,
    report: Memo<Option<(Report, bool)>>,
) -> impl IntoView {
    let state = use_app();
    let save = move |ext: &str, mime: &str, bytes: Vec<u8>| {
        let Some((r, _)) = report.get_untracked() else {
            return;
        };
        let name = file_name(&[&r.title], ext);
        if let Err(e) = download(&name, mime, &bytes) {
            state.tell(Notice::error(
                format!("导出失败：{e}"),
                format!("Export failed: {e}"),
            ));
        }
    };
    let word = move |_| {
        if let Some((r, with)) = report.get_untracked() {
            let bytes = crate::perf::timed("report:docx", || docx::render(&r, with));
            save(
                "docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                bytes,
            );
        }
    };
    let md = move |_| {
        if let Some((r, with)) = report.get_untracked() {
            let text = crate::perf::timed("report:markdown", || markdown::render(&r, with));
            save("md", "text/markdown;charset=utf-8", text.into_bytes());
        }
    };
    let doc_number = move || {
        state.report.with(|r| {
            r.as_ref()
                .map(|r| r.value.doc_number.clone())
                .unwrap_or_default()
        })
    };
    view! {
        <div class="card report-controls">
            <div class="form-grid">
                <label for="report-evaluation">{tr(K::PlanEvaluation)}</label>
                <select id="report-evaluation" prop:value=move || evaluation_id.get() on:change=move |ev| evaluation_id.set(event_target_value(&ev))>
                    {evaluation_options()}
                </select>
                <label for="report-doc-number">{tr(K::ReportDocNumber)}</label>
                <input id="report-doc-number" type="text" placeholder=tr(K::ReportDocNumberExample) prop:value=doc_number
                    on:input=move |ev| { let v = event_target_value(&ev); state.update_report(move |r| r.doc_number = v.clone()); }/>
            </div>
            <div class="actions">
                <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>{tr(K::ReportPrint)}</button>
                <button type="button" on:click=word>{tr(K::ReportWord)}</button>
                <button type="button" on:click=md>{tr(K::ReportMarkdown)}</button>
            </div>
            <p class="help">{tr(K::ReportPrintHelp)}</p>
        </div>
    }
}

#[component]
fn SectionEditors(report: Memo<Option<(Report, bool)>>) -> impl IntoView {
    let state = use_app();
    view! {
        <details class="card section-editors">
            <summary>{tr(K::ReportEditSections)}</summary>
            <p class="help">{tr(K::ReportEditHelp)}</p>
            {SECTION_KEYS.iter().map(|key| {
                let key: &'static str = key;
                let id = format!("report-section-{key}");
                let text = move || report.with(|r| r.as_ref().and_then(|(r, _)| r.sections.iter().find(|s| s.key == key).map(|s| s.text.clone())).unwrap_or_default());
                let edited = move || report.with(|r| r.as_ref().and_then(|(r, _)| r.sections.iter().find(|s| s.key == key).map(|s| s.edited)).unwrap_or(false));
                let save = move |v: String| state.update_report(move |r| { r.sections.insert(key.to_string(), v.clone()); });
                let save2 = save;
                view! {
                    <div class="section-editor">
                        <label for=id.clone()>{move || match state.lang.get() { Lang::Zh => section_heading(key), Lang::En => section_name_en(key) }}
                            <Show when=edited><span class="tag">{tr(K::ReportEdited)}</span></Show>
                        </label>
                        <textarea id=id rows="8" prop:value=text
                            on:input=move |ev| if !composing(&ev) { save(event_target_value(&ev)) }
                            on:compositionend=move |ev| save2(event_target_value(&ev))></textarea>
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

fn section_name_en(key: &str) -> &'static str {
    match key {
        "basic" => "1. Basic facts",
        "strengths" => "2. Achievements and highlights",
        "problems" => "3. Problems found",
        _ => "4. Next steps",
    }
}
