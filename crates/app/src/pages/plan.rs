//! 方案与台账 · 方案: making plan documents from templates and editing them as prose.

use crate::download::{file_name, save};
use crate::i18n::{Localized, K};
use crate::notices::Notice;
use crate::pages::need_school;
use crate::pages::school::confirm;
use crate::route::Route;
use crate::state::{new_id, today, use_app, AppState};
use crate::ui::{
    content_text, evaluation_options, focus_by_id, tr, FieldKind, PlanField, TextField,
};
use leptos::prelude::*;
use xzzp_core::evaluation::SchoolYear;
use xzzp_core::persist::PlanHeader;
use xzzp_core::plan::{chinese_numeral, Block};
use xzzp_core::planning::{block_columns, needs_framework, plan_context, shape, Cell};
use xzzp_documents::doc::Document;
use xzzp_documents::ledger::LedgerSheet;
use xzzp_templates as catalog;

const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/// The tabs shared by the plan and ledger pages.
#[component]
pub fn PlanTabs(current: Route) -> impl IntoView {
    let state = use_app();
    let tab = move |r: Route, label: K| {
        view! {
            <a href=r.hash() class="tab" aria-current=(current == r).then_some("page")>
                {move || state.t(label)}
            </a>
        }
    };
    view! {
        <nav class="tabs" aria-label=tr(K::NavPlan)>
            {tab(Route::Plan, K::PlanTabPlans)}
            {tab(Route::Ledger, K::PlanTabLedger)}
        </nav>
    }
}

/// The plan documents page.
#[component]
pub fn PlanPage() -> impl IntoView {
    let state = use_app();
    let school = Memo::new(move |_| state.current_school());
    let open = Memo::new(move |_| {
        let id = state.plan.id()?;
        let sid = school.with(|s| s.as_ref().map(|s| s.id.clone()))?;
        state
            .workspace
            .read(|w| {
                w.plans
                    .iter()
                    .find(|p| p.id == id && p.school_id == sid)
                    .cloned()
            })
            .flatten()
    });
    // Only whether the plan can be read decides what is shown, not every keystroke in it.
    let unreadable =
        Memo::new(move |_| state.plan.with(|p| p.id().is_some() && p.value().is_none()));
    view! {
        <section class="page plan">
            <h1 tabindex="-1">{tr(K::PlanTitle)}</h1>
            <PlanTabs current=Route::Plan/>
            <p class="help">{tr(K::PlanHelp)}</p>
            {move || match school.get() {
                None => need_school().into_any(),
                Some(_) => view! {
                    <NewPlan/>
                    <PlanList/>
                    {move || open.get().map(|h| if unreadable.get() {
                        crate::ui::unreadable_notice().into_any()
                    } else {
                        view! { <PlanEditor header=h/> }.into_any()
                    })}
                }
                .into_any(),
            }}
        </section>
    }
}

#[component]
fn NewPlan() -> impl IntoView {
    let state = use_app();
    let templates = catalog::plan_templates();
    let template_id = RwSignal::new(templates.first().map(|t| t.id.clone()).unwrap_or_default());
    let evaluations = move || state.school_evaluations();
    let evaluation_id = RwSignal::new(
        evaluations()
            .first()
            .map(|e| e.id.clone())
            .unwrap_or_default(),
    );
    let this_year = SchoolYear::containing(today());
    let year = RwSignal::new(this_year.0);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(school) = state.current_school() else {
            return;
        };
        let Some(t) = catalog::plan_template(&template_id.get_untracked()) else {
            return;
        };
        let eval = state
            .wb()
            .ws(|w| w.evaluation(&evaluation_id.get_untracked()).cloned());
        let fw = eval
            .as_ref()
            .and_then(|e| crate::state::framework_for(&e.framework_id, &e.framework_version));
        if needs_framework(&t) && fw.is_none() {
            state.tell(Notice::error(K::PlanNeedsEvaluation));
            return;
        }
        let school_year = SchoolYear(year.get_untracked());
        let plan = t.instantiate(&plan_context(&school, school_year, fw.as_deref()));
        let header = PlanHeader {
            id: new_id(),
            school_id: school.id.clone(),
            template_id: t.id.clone(),
            evaluation_id: eval.map(|e| e.id),
            school_year,
            created: today().to_string(),
        };
        state.act(|wb| wb.create_plan(header, plan));
    };
    let has_plans = move || !state.school_plans().is_empty();
    view! {
        <details class="card" open=move || !has_plans()>
            <summary>{tr(K::PlanNew)}</summary>
            <form class="form-grid" on:submit=create>
                <label for="plan-template">{tr(K::PlanTemplate)}</label>
                <select id="plan-template" prop:value=move || template_id.get() on:change=move |ev| template_id.set(event_target_value(&ev))>
                    {templates.iter().map(|t| {
                        let (zh, en) = (t.name.clone(), t.name_en.clone());
                        view! { <option value=t.id.clone()>{move || content_text(state.lang.get(), &zh, &en)}</option> }
                    }).collect_view()}
                </select>
                <label for="plan-evaluation">{tr(K::PlanEvaluation)}</label>
                <select id="plan-evaluation" prop:value=move || evaluation_id.get() on:change=move |ev| evaluation_id.set(event_target_value(&ev))>
                    <option value="">{tr(K::PlanNoEvaluation)}</option>
                    {evaluation_options()}
                </select>
                <label for="plan-year">{tr(K::SurveyYear)}</label>
                <select id="plan-year" prop:value=move || year.get().to_string() on:change=move |ev| {
                    if let Ok(y) = event_target_value(&ev).parse() { year.set(y); }
                }>
                    {move || {
                        let lang = state.lang.get();
                        (this_year.0 - 1..=this_year.0 + 1).rev().map(|y| {
                            let label = SchoolYear(y).text(lang);
                            view! { <option value=y.to_string()>{label}</option> }
                        }).collect_view()
                    }}
                </select>
                <div class="actions span-all">
                    <button type="submit" class="primary">{tr(K::PlanCreate)}</button>
                </div>
            </form>
        </details>
    }
}

#[component]
fn PlanList() -> impl IntoView {
    let state = use_app();
    let plans = move || state.school_plans();
    view! {
        <Show when=move || !plans().is_empty()>
            <h2>{tr(K::PlanList)}</h2>
            <ul class="eval-list">
                {move || {
                    let lang = state.lang.get();
                    let open = state.plan.id();
                    plans().into_iter().map(|p| {
                        let is_open = open.as_deref() == Some(p.id.as_str());
                        let name = catalog::plan_template(&p.template_id)
                            .map(|t| content_text(lang, &t.name, &t.name_en))
                            .unwrap_or_else(|| p.template_id.clone());
                        let year = p.school_year.text(lang);
                        let (id, id2) = (p.id.clone(), p.id.clone());
                        view! {
                            <li class:current=is_open>
                                <span class="name">{name}</span>
                                <span class="muted">{year}" · "{p.created.clone()}</span>
                                <span class="row-actions">
                                    {(!is_open).then(|| view! {
                                        <button type="button" on:click=move |_| { state.act(|wb| wb.open_plan(&id)); }>{state.t(K::Open)}</button>
                                    })}
                                    <button type="button" class="danger" on:click=move |_| {
                                        if confirm(state.t(K::PlanDeleteConfirm)) { state.act(|wb| wb.delete_plan(&id2)); }
                                    }>{state.t(K::Delete)}</button>
                                </span>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </Show>
    }
}

/// The editor of the open plan: the title, then each section with its blocks.
#[component]
fn PlanEditor(header: PlanHeader) -> impl IntoView {
    let state = use_app();
    // Re-render only when sections, blocks or rows are added, removed or moved; typing keeps focus.
    let plan_shape = Memo::new(move |_| state.plan.read(shape));
    let preview = RwSignal::new(false);
    // Whether the ledger goes with the plan as its annex, in the preview and in the files alike.
    let attach = RwSignal::new(false);
    let title = Signal::derive(move || state.plan.read(|p| p.title.clone()).unwrap_or_default());
    let _ = header;
    view! {
        <article class="plan-doc card">
            <div class="doc-tools">
                <button type="button" on:click=move |_| preview.update(|p| *p = !*p) aria-pressed=move || preview.get().to_string()>
                    {move || if preview.get() { state.t(K::PlanEditMode) } else { state.t(K::PlanPreview) }}
                </button>
                <button type="button" on:click=move |_| { preview.set(true); request_animation_frame(|| { let _ = window().print(); }); }>
                    {tr(K::PlanPrint)}
                </button>
                <button type="button" on:click=move |_| download_plan(state, attach.get_untracked(), true)>{tr(K::DocWord)}</button>
                <button type="button" on:click=move |_| download_plan(state, attach.get_untracked(), false)>{tr(K::DocMarkdown)}</button>
                <label class="check">
                    <input type="checkbox" id="plan-attach-ledger" prop:checked=move || attach.get()
                        on:change=move |ev| attach.set(event_target_checked(&ev))/>
                    {tr(K::DocAttachLedger)}
                </label>
            </div>
            <Show
                when=move || preview.get()
                fallback=move || view! {
                    <label for="plan-title" class="sr-only">{tr(K::PlanDocTitle)}</label>
                    <TextField id="plan-title" class="doc-title" value=title
                        on_change=Callback::new(move |v: String| state.update_plan(move |p| p.title = v.clone()))/>
                    <DocumentHead/>
                    {move || plan_shape.get().map(|sections| {
                        let n = sections.len();
                        sections.into_iter().enumerate().map(|(si, (_, blocks))| section_editor(state, si, n, blocks)).collect_view()
                    })}
                    <button type="button" on:click=move |_| {
                        let n = state.plan.with_untracked(|p| p.value().map_or(0, |p| p.sections.len()));
                        state.update_plan(move |p| p.add_section(n.checked_sub(1), new_id(), String::new()));
                        focus_by_id(&format!("sec-{n}-title"));
                    }>{tr(K::PlanAddSection)}</button>
                }
            >
                <PlanDocument attach=attach/>
            </Show>
        </article>
    }
}

fn section_editor(
    state: AppState,
    si: usize,
    count: usize,
    blocks: Vec<(&'static str, usize)>,
) -> impl IntoView {
    let title_id = format!("sec-{si}-title");
    let title = Signal::derive(move || {
        state
            .plan
            .read(|p| p.sections.get(si).map(|s| s.title.clone()))
            .flatten()
            .unwrap_or_default()
    });
    view! {
        <section class="plan-section" aria-labelledby=title_id.clone()>
            <div class="section-head">
                <span class="sec-no" aria-hidden="true" lang="zh-CN">{chinese_numeral(si + 1)}"、"</span>
                <TextField id=title_id.clone() class="section-title"
                    label=Signal::derive(move || format!("{} {}", state.t(K::PlanSectionTitle), si + 1))
                    value=title
                    on_change=Callback::new(move |v: String| {
                        state.update_plan(move |p| if let Some(s) = p.sections.get_mut(si) { s.title = v.clone(); })
                    })
                />
                <span class="row-tools">
                    <button type="button" disabled={si == 0} aria-label=tr(K::MoveUp) title=tr(K::MoveUp)
                        on:click=move |_| state.update_plan(move |p| { p.move_section(si, -1); })>"↑"</button>
                    <button type="button" disabled={si + 1 >= count} aria-label=tr(K::MoveDown) title=tr(K::MoveDown)
                        on:click=move |_| state.update_plan(move |p| { p.move_section(si, 1); })>"↓"</button>
                    <button type="button" class="danger" aria-label=tr(K::PlanRemoveSection) title=tr(K::PlanRemoveSection)
                        on:click=move |_| if confirm(state.t(K::PlanRemoveSectionConfirm)) { state.update_plan(move |p| { p.remove_section(si); }); }>"×"</button>
                </span>
            </div>
            {blocks.into_iter().enumerate().map(|(bi, (kind, rows))| block_editor(state, si, bi, kind, rows)).collect_view()}
            <div class="add-block">
                <button type="button" class="link" on:click=move |_| state.update_plan(move |p| { p.add_block(si, Block::Paragraph { text: String::new() }); })>
                    {tr(K::PlanAddParagraph)}
                </button>
                <button type="button" class="link" on:click=move |_| state.update_plan(move |p| { p.add_block(si, Block::List { ordered: true, items: vec![String::new()] }); })>
                    {tr(K::PlanAddList)}
                </button>
            </div>
        </section>
    }
}

fn block_editor(state: AppState, si: usize, bi: usize, kind: &'static str, rows: usize) -> AnyView {
    let cell = move |row: Option<usize>, col: usize| Cell {
        section: si,
        block: bi,
        row,
        col,
    };
    let remove_block = move |_| {
        if confirm(state.t(K::PlanRemoveBlockConfirm)) {
            state.update_plan(move |p| {
                p.remove_block(si, bi);
            });
        }
    };
    let remove_button = move || {
        view! {
            <button type="button" class="link danger block-remove" on:click=remove_block>{tr(K::PlanRemoveBlock)}</button>
        }
    };
    let add_row = move |label: K| {
        view! {
            <button type="button" class="link" on:click=move |_| {
                state.update_plan(move |p| { if let Some(b) = p.block_mut(si, bi) { b.insert_row(rows, today()); } });
                focus_by_id(&format!("cell-{si}-{bi}-{rows}-0"));
            }>{move || state.t(label)}</button>
        }
    };
    match kind {
        "paragraph" => view! {
            <div class="block paragraph">
                <PlanField id=format!("cell-{si}-{bi}-h-0") cell=cell(None, 0) kind=FieldKind::Lines(2) label=K::PlanParagraph/>
                {remove_button()}
            </div>
        }
        .into_any(),
        "list" | "group" => {
            let head = (kind == "group").then(|| {
                view! {
                    <div class="form-grid">
                        <label for=format!("cell-{si}-{bi}-h-0")>{tr(K::PlanGroupName)}</label>
                        <PlanField id=format!("cell-{si}-{bi}-h-0") cell=cell(None, 0) label=K::PlanGroupName/>
                        <label for=format!("cell-{si}-{bi}-h-1")>{tr(K::PlanCoreSchool)}</label>
                        <PlanField id=format!("cell-{si}-{bi}-h-1") cell=cell(None, 1) label=K::PlanCoreSchool/>
                    </div>
                    <p class="muted">{tr(K::PlanMemberSchools)}</p>
                }
            });
            let items = (0..rows)
                .map(|r| {
                    view! {
                        <li>
                            <PlanField id=format!("cell-{si}-{bi}-{r}-0") cell=cell(Some(r), 0) kind=FieldKind::Lines(2) label=K::PlanItem/>
                            {row_tools(state, si, bi, r, rows)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class=format!("block {kind}")>
                    {head}
                    <ol class="edit-list">{items}</ol>
                    {add_row(if kind == "group" { K::PlanAddMember } else { K::PlanAddItem })}
                    {remove_button()}
                </div>
            }
            .into_any()
        }
        _ => {
            let cols = block_columns(kind);
            let header = cols.iter().map(|c| view! { <th scope="col">{move || state.t(c.label)}</th> }).collect_view();
            let body = (0..rows)
                .map(|r| {
                    let cells = (0..cols.len())
                        .map(|c| {
                            let col = cols[c];
                            let field = if col.multiline { FieldKind::Lines(2) } else if col.date { FieldKind::Date } else { FieldKind::Line };
                            view! {
                                <td>
                                    <PlanField id=format!("cell-{si}-{bi}-{r}-{c}") cell=cell(Some(r), c) kind=field label=col.label/>
                                </td>
                            }
                        })
                        .collect_view();
                    view! { <tr>{cells}<td class="row-tools-cell">{row_tools(state, si, bi, r, rows)}</td></tr> }
                })
                .collect_view();
            let add = match kind {
                "people" => K::PlanAddPerson,
                "phases" => K::PlanAddPhase,
                "goals" => K::PlanAddGoal,
                _ => K::PlanAddActivity,
            };
            view! {
                <div class=format!("block table-block {kind}")>
                    <table class="edit-table">
                        <thead><tr>{header}<th><span class="sr-only">{tr(K::Actions)}</span></th></tr></thead>
                        <tbody>{body}</tbody>
                    </table>
                    {add_row(add)}
                    {remove_button()}
                </div>
            }
            .into_any()
        }
    }
}

fn row_tools(state: AppState, si: usize, bi: usize, r: usize, rows: usize) -> impl IntoView {
    let mv = move |delta: isize| {
        state.update_plan(move |p| {
            if let Some(b) = p.block_mut(si, bi) {
                b.move_row(r, delta);
            }
        })
    };
    view! {
        <span class="row-tools">
            <button type="button" disabled={r == 0} aria-label=tr(K::MoveUp) title=tr(K::MoveUp) on:click=move |_| mv(-1)>"↑"</button>
            <button type="button" disabled={r + 1 >= rows} aria-label=tr(K::MoveDown) title=tr(K::MoveDown) on:click=move |_| mv(1)>"↓"</button>
            <button type="button" class="danger" aria-label=tr(K::Delete) title=tr(K::Delete)
                on:click=move |_| state.update_plan(move |p| { if let Some(b) = p.block_mut(si, bi) { b.remove_row(r); } })>"×"</button>
        </span>
    }
}

/// The plan as a read-only document, for reading and printing.
#[component]
pub fn PlanDocument(
    /// Whether the ledger is shown as the plan's annex.
    #[prop(into)]
    attach: Signal<bool>,
) -> impl IntoView {
    let state = use_app();
    // The preview is the filed document itself: the model the Word and Markdown files are written from, in its
    // HTML writing (which escapes every text of the user).
    view! {
        <div class="document" inner_html=move || {
            plan_document(state, attach.get()).map(|d| d.html()).unwrap_or_default()
        }></div>
    }
}

/// The plan as the filed document, with the school's ledger as its annex when asked (tracked).
fn plan_document(state: AppState, attach: bool) -> Option<Document> {
    let school = state.current_school()?;
    let day = today();
    let fw = if attach {
        state.current_framework()
    } else {
        None
    };
    let ledger = if attach { state.ledger.value() } else { None };
    state.plan.read(|plan| {
        let sheet = ledger
            .as_ref()
            .map(|l| LedgerSheet::new(l, fw.as_deref(), day));
        xzzp_documents::plan::document(plan, &school, day, sheet.as_ref())
    })
}

/// Saves the plan as Word or Markdown.
fn download_plan(state: AppState, attach: bool, word: bool) {
    let Some(doc) = untrack(move || plan_document(state, attach)) else {
        return;
    };
    let title = state
        .plan
        .with_untracked(|p| p.value().map(|p| p.title.clone()))
        .unwrap_or_default();
    let day = today().to_string();
    if word {
        let name = file_name(&[&title, &day], "docx");
        save(state, &name, DOCX, &doc.docx());
    } else {
        let name = file_name(&[&title, &day], "md");
        save(
            state,
            &name,
            "text/markdown;charset=utf-8",
            doc.markdown().as_bytes(),
        );
    }
}

/// 文件头与落款: the optional 发文机关, 文号, 落款 and 成文日期 of the filed plan.
#[component]
fn DocumentHead() -> impl IntoView {
    let state = use_app();
    let text = move |f: fn(&xzzp_core::plan::Plan) -> String| {
        Signal::derive(move || state.plan.read(f).unwrap_or_default())
    };
    let field = |id: &'static str,
                 label: K,
                 value: Signal<String>,
                 kind: FieldKind,
                 set: fn(&mut xzzp_core::plan::Plan, String)| {
        let placeholder = Signal::derive(move || {
            if id == "plan-issuer" {
                state.t(K::PlanIssuerExample).to_string()
            } else {
                String::new()
            }
        });
        view! {
            <label for=id>{tr(label)}</label>
            <TextField id=id value=value kind=kind placeholder=placeholder
                on_change=Callback::new(move |v: String| state.update_plan(move |p| set(p, v.clone())))/>
        }
    };
    view! {
        <details class="doc-head">
            <summary>{tr(K::DocHead)}</summary>
            <p class="muted">{tr(K::DocHeadHelp)}</p>
            <div class="doc-head-fields">
                {field("plan-issuer", K::PlanIssuer, text(|p| p.issuer.clone()), FieldKind::Line, |p, v| p.issuer = v)}
                {field("plan-doc-number", K::PlanDocNumber, text(|p| p.doc_number.clone()), FieldKind::Line, |p, v| p.doc_number = v)}
                {field("plan-signatory", K::PlanSignatory, text(|p| p.signatory.clone()), FieldKind::Line, |p, v| p.signatory = v)}
                {field("plan-date", K::PlanDate, text(|p| p.date.map(|d| d.to_string()).unwrap_or_default()), FieldKind::Date,
                    |p, v| p.date = chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())}
            </div>
        </details>
    }
}
