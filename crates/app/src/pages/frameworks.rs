//! 评价框架 (`#/frameworks`): the built-in frameworks and the profile's own, the editor (copy a built-in one or
//! start empty, edit the tree, save a new version) and sharing by framework file (export, import with a
//! preview). The editing rules are the core's ([`xzzp_core::framework_edit`]); this page only shows a
//! [`Draft`] and hands every change to it.

use crate::download::{read_file, save};
use crate::i18n::{Lang, Localized, Msg, K};
use crate::notices::Notice;
use crate::pages::school::confirm;
use crate::state::{new_id, today, use_app, AppState};
use crate::ui::{content_text, focus_by_id, tr, FieldKind, TextField};
use leptos::prelude::*;
use std::sync::Arc;
use xzzp_core::evaluation::parse_number;
use xzzp_core::framework::{Direction, Framework, PointKind, SchoolType, Source};
use xzzp_core::framework_edit::{blank, copy_as, set_kind, Draft, NodeRef};
use xzzp_core::framework_file::{self, MAX_FRAMEWORK_FILE_BYTES};
use xzzp_core::framework_versions::{usage, Added};
use xzzp_core::ledger::trim_number;
use xzzp_templates as catalog;

/// What the editor works on: the draft, the stored version it replaces, and the selected item.
#[derive(Clone, Copy)]
struct Editor {
    draft: RwSignal<Option<Draft>>,
    /// The newest stored version of the framework being edited, when it is one of the profile's own.
    replaces: RwSignal<Option<String>>,
    selected: RwSignal<Option<NodeRef>>,
}

impl Editor {
    fn start(&self, draft: Draft, replaces: Option<String>) {
        self.replaces.set(replaces);
        self.selected.set(None);
        self.draft.set(Some(draft));
        focus_by_id("fw-editor-title");
    }

    fn close(&self) {
        self.draft.set(None);
        self.selected.set(None);
    }

    /// Changes the draft (every change goes through the core's operations or fields).
    fn edit(&self, f: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            if let Some(d) = d.as_mut() {
                f(d)
            }
        });
    }

    /// Reads the draft without tracking (fields take their starting text from it).
    fn peek<R: Default>(&self, f: impl FnOnce(&Draft) -> R) -> R {
        self.draft
            .with_untracked(|d| d.as_ref().map(f).unwrap_or_default())
    }
}

/// The page.
#[component]
pub fn FrameworksPage() -> impl IntoView {
    let ed = Editor {
        draft: RwSignal::new(None),
        replaces: RwSignal::new(None),
        selected: RwSignal::new(None),
    };
    let open = Memo::new(move |_| ed.draft.with(Option::is_some));
    view! {
        <section class="page frameworks">
            <h1 tabindex="-1">{tr(K::FwTitle)}</h1>
            <p class="help">{tr(K::FwIntro)}</p>
            {move || if open.get() {
                editor(ed).into_any()
            } else {
                view! { {list(ed)} <ImportFile/> <SheetImport/> }.into_any()
            }}
        </section>
    }
}

fn title_of(lang: Lang, fw: &Framework) -> String {
    content_text(lang, &fw.title, &fw.title_en)
}

fn export_file(state: AppState, fw: &Framework) {
    let text = framework_file::export(fw, &crate::pages::staff::now_iso());
    save(
        state,
        &framework_file::file_name(fw),
        "application/json",
        text.as_bytes(),
    );
}

/// Saves a framework as an `.xlsx` indicator table (written by the spreadsheet worker).
fn export_sheet(state: AppState, fw: Framework, busy: RwSignal<bool>) {
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        let result = crate::sheets::export_xlsx(&fw).await;
        busy.set(false);
        match result {
            Ok(bytes) => {
                let name = crate::download::file_name(&[&fw.title, &fw.version], "xlsx");
                save(state, &name, XLSX, &bytes);
            }
            Err(e) => state.tell(Notice::of(true, SheetMessage(e))),
        }
    });
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A failure of the spreadsheet worker or the problems of a table, as a notice.
struct SheetMessage(crate::sheets::TableError);

impl Localized for SheetMessage {
    fn text(&self, lang: Lang) -> String {
        match &self.0 {
            crate::sheets::TableError::Worker(e) => e.text(lang),
            crate::sheets::TableError::Problems(list) => list.join(lang.pick("；", "; ")),
        }
    }
}

/// The built-in frameworks and the profile's own, with what can be done with each.
fn list(ed: Editor) -> impl IntoView {
    let state = use_app();
    let busy = RwSignal::new(false);
    let copy = move |fw: Arc<Framework>| {
        let lang = state.lang.get_untracked();
        let title = format!("{}{}", title_of(lang, &fw), K::FwCopyOf.text(lang));
        let id = format!("own-{}", new_id());
        if let Some(copy) = state.act(|_| copy_as(&fw, &id, &title, &fw.issuer)) {
            ed.start(Draft::new(copy), None);
        }
    };
    let start_blank = move |_| {
        let lang = state.lang.get_untracked();
        let id = format!("own-{}", new_id());
        let year = chrono::Datelike::year(&today()).clamp(1949, 2100) as u16;
        ed.start(
            Draft::new(blank(&id, K::FwNewTitle.text(lang), "", "", year)),
            None,
        );
    };
    let built_in = catalog::frameworks()
        .into_iter()
        .map(|fw| {
            let f = fw.clone();
            let sheet = fw.clone();
            let label = move || {
                let lang = state.lang.get();
                format!(
                    "{} · {} {}",
                    title_of(lang, &fw),
                    K::FwVersion.text(lang),
                    fw.version
                )
            };
            view! {
                <li class="fw-row">
                    <span class="fw-name">{label}</span>
                    <button type="button" on:click=move |_| copy(f.clone())>{tr(K::FwCopy)}</button>
                    <button type="button" disabled=move || busy.get() on:click=move |_| export_sheet(state, (*sheet).clone(), busy)>{tr(K::FwExportSheet)}</button>
                </li>
            }
        })
        .collect_view();
    let own = move || {
        let lang = state.lang.get();
        let store = state.frameworks.value().unwrap_or_default();
        let used = state
            .workspace
            .read(|w| usage(&w.evaluations))
            .unwrap_or_default();
        if store.frameworks.is_empty() {
            return view! { <p class="muted">{tr(K::FwOwnNone)}</p> }.into_any();
        }
        store
            .ids()
            .into_iter()
            .filter_map(|id| store.latest(id).cloned().map(|l| (store.versions(id).into_iter().cloned().collect::<Vec<_>>(), l)))
            .map(|(versions, latest)| {
                let (edit_fw, export_fw, sheet_fw) = (latest.clone(), latest.clone(), latest.clone());
                let rows = versions
                    .into_iter()
                    .map(|v| {
                        let n = used.get(&(v.id.clone(), v.version.clone())).map_or(0, Vec::len);
                        let (id, version) = (v.id.clone(), v.version.clone());
                        let remove = move |_| {
                            if confirm(K::FwRemoveVersion.text(state.lang.get_untracked())) {
                                state.act(|wb| wb.remove_framework(&id, &version));
                            }
                        };
                        let export = v.clone();
                        view! {
                            <li>
                                {format!("{} {} · {} {}", K::FwVersion.text(lang), v.version, K::FwInUse.text(lang), n)}
                                <button type="button" class="small" on:click=move |_| export_file(state, &export)>{tr(K::FwExportFile)}</button>
                                <button type="button" class="small danger" on:click=remove>{tr(K::FwRemoveVersion)}</button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="fw-row fw-own">
                        <span class="fw-name">{format!("{} · {}", title_of(lang, &latest), latest.issuer)}</span>
                        <button type="button" class="primary" on:click=move |_| {
                            let replaces = Some(edit_fw.version.clone());
                            ed.start(Draft::next_version_of(&edit_fw), replaces);
                        }>{tr(K::FwEditNext)}</button>
                        <button type="button" on:click=move |_| export_file(state, &export_fw)>{tr(K::FwExportFile)}</button>
                        <button type="button" disabled=move || busy.get() on:click=move |_| export_sheet(state, sheet_fw.clone(), busy)>{tr(K::FwExportSheet)}</button>
                        <details>
                            <summary>{tr(K::FwVersions)}</summary>
                            <ul>{rows}</ul>
                        </details>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <div class="card">
            <h2>{tr(K::FwOwn)}</h2>
            <ul class="fw-list" id="fw-own">{own}</ul>
            <div class="actions">
                <button type="button" id="fw-blank" on:click=start_blank>{tr(K::FwBlank)}</button>
            </div>
        </div>
        <div class="card">
            <h2>{tr(K::FwBuiltIn)}</h2>
            <ul class="fw-list" id="fw-built-in">{built_in}</ul>
        </div>
    }
}

/// A text field whose text starts as the draft's and writes every change into the draft. The field keeps its
/// own text while the user types (a trailing newline or a half-typed number must not be taken back).
fn text_field(
    ed: Editor,
    id: &str,
    label: K,
    kind: FieldKind,
    get: impl Fn(&Draft) -> String,
    set: impl Fn(&mut Draft, String) + Send + Sync + 'static,
) -> impl IntoView {
    let text = RwSignal::new(ed.peek(get));
    let on_change = Callback::new(move |v: String| {
        text.set(v.clone());
        ed.edit(|d| set(d, v));
    });
    let id = id.to_string();
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <TextField id=id value=text on_change kind/>
        </div>
    }
}

/// A number field: the draft changes only when the text is a number; otherwise the field says so.
fn number_field(
    ed: Editor,
    id: &str,
    label: K,
    get: impl Fn(&Draft) -> Option<f64>,
    optional: bool,
    set: impl Fn(&mut Draft, Option<f64>) + Send + Sync + 'static,
) -> impl IntoView {
    let text = RwSignal::new(ed.peek(|d| get(d).map(trim_number).unwrap_or_default()));
    let invalid = RwSignal::new(false);
    let on_change = Callback::new(move |v: String| {
        text.set(v.clone());
        match parse_number(&v) {
            Ok(Some(n)) => {
                invalid.set(false);
                ed.edit(|d| set(d, Some(n)));
            }
            Ok(None) if optional => {
                invalid.set(false);
                ed.edit(|d| set(d, None));
            }
            _ => invalid.set(true),
        }
    });
    let id = id.to_string();
    let help = format!("{id}-help");
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <TextField id=id value=text on_change kind=FieldKind::Number invalid=invalid described_by=help.clone()/>
            <Show when=move || invalid.get()>
                <p class="field-error" id=help.clone() role="alert">{tr(K::FwNumberInvalid)}</p>
            </Show>
        </div>
    }
}

/// The editor: framework details, scale, tree, the selected item's fields, problems and saving.
fn editor(ed: Editor) -> impl IntoView {
    let state = use_app();
    let problems = Memo::new(move |_| {
        ed.draft
            .with(|d| d.as_ref().map(Draft::problems).unwrap_or_default())
    });
    let save_draft = move |_| {
        let n = problems.get_untracked().len();
        if n > 0 {
            state.tell(Notice::of(true, Msg::FrameworkHasProblems(n)));
            focus_by_id("fw-problems");
            return;
        }
        let Some(fw) = ed.draft.get_untracked().map(|d| d.framework) else {
            return;
        };
        let (title, version) = (fw.title.clone(), fw.version.clone());
        if state.act(|wb| wb.save_framework(fw.clone())).is_some() {
            state.tell(Notice::of(false, Msg::FrameworkSaved { title, version }));
            ed.close();
        }
    };
    let discard = move |_| {
        if confirm(K::FwCloseConfirm.text(state.lang.get_untracked())) {
            ed.close();
        }
    };
    let new_framework = ed.replaces.get_untracked().is_none();
    view! {
        <div class="fw-editor">
            <h2 id="fw-editor-title" tabindex="-1">{tr(K::FwEditor)}</h2>
            {details(ed, new_framework)}
            {scale(ed)}
            <div class="fw-workspace">
                {tree(ed)}
                <div class="card fw-item" id="fw-item">
                    {move || match ed.selected.get() {
                        None => view! { <p class="muted">{tr(K::FwSelectItem)}</p> }.into_any(),
                        Some(n) => item_editor(ed, n).into_any(),
                    }}
                </div>
            </div>
            <div class="card" id="fw-problems" tabindex="-1">
                <h3>{tr(K::FwProblemsTitle)}</h3>
                {move || {
                    let lang = state.lang.get();
                    let list = problems.get();
                    if list.is_empty() {
                        return view! { <p class="ok">{tr(K::FwNoProblems)}</p> }.into_any();
                    }
                    view! {
                        <ul class="fw-problems">
                            {list.into_iter().map(|e| {
                                let node = e.item.node();
                                let text = e.text(lang);
                                match node {
                                    Some(n) => view! {
                                        <li><button type="button" class="link" on:click=move |_| {
                                            ed.selected.set(Some(n));
                                            focus_by_id("fw-item");
                                        }>{text}</button></li>
                                    }.into_any(),
                                    None => view! { <li>{text}</li> }.into_any(),
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </div>
            <div class="actions">
                <button type="button" class="primary" id="fw-save" on:click=save_draft>{tr(K::FwSave)}</button>
                <button type="button" on:click=discard>{tr(K::FwCloseEditor)}</button>
            </div>
        </div>
    }
}

/// The framework's own fields.
fn details(ed: Editor, new_framework: bool) -> impl IntoView {
    let state = use_app();
    let fw = |f: fn(&Framework) -> String| move |d: &Draft| f(&d.framework);
    let id_field = new_framework.then(|| {
        text_field(
            ed,
            "fw-id",
            K::FwId,
            FieldKind::Line,
            fw(|f| f.id.clone()),
            |d, v| d.framework.id = v.trim().to_string(),
        )
    });
    let types = SchoolType::ALL
        .into_iter()
        .map(|t| {
            let id = format!("fw-type-{t:?}");
            let for_id = id.clone();
            let checked = ed.peek(|d| d.framework.school_types.contains(&t));
            view! {
                <label class="check" for=for_id>
                    <input type="checkbox" id=id prop:checked=checked on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ed.edit(|d| {
                            let list = &mut d.framework.school_types;
                            list.retain(|x| *x != t);
                            if on {
                                list.push(t);
                                list.sort();
                            }
                        });
                    }/>
                    {move || state.lang.get().pick(t.zh(), t.en()).to_string()}
                </label>
            }
        })
        .collect_view();
    view! {
        <div class="card form-stack">
            <h3>{tr(K::FwDetails)}</h3>
            {id_field}
            {text_field(ed, "fw-version", K::FwVersion, FieldKind::Line, fw(|f| f.version.clone()), |d, v| d.framework.version = v.trim().to_string())}
            {text_field(ed, "fw-name", K::FwName, FieldKind::Line, fw(|f| f.title.clone()), |d, v| d.framework.title = v)}
            {text_field(ed, "fw-issuer", K::FwIssuer, FieldKind::Line, fw(|f| f.issuer.clone()), |d, v| d.framework.issuer = v)}
            {text_field(ed, "fw-document", K::FwDocument, FieldKind::Line, fw(|f| f.document.clone()), |d, v| d.set_document(&v))}
            {number_field(ed, "fw-year", K::FwYear, |d| Some(f64::from(d.framework.year)), false, |d, v| {
                if let Some(y) = v.filter(|y| y.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(y)) {
                    d.framework.year = y as u16;
                }
            })}
            {text_field(ed, "fw-description", K::FwDescription, FieldKind::Lines(2), fw(|f| f.description.clone()), |d, v| d.framework.description = v)}
            <fieldset class="fw-types">
                <legend>{tr(K::FwSchoolTypes)}</legend>
                {types}
            </fieldset>
        </div>
    }
}

/// The rating scale: a label and a score per level, levels added and removed.
fn scale(ed: Editor) -> impl IntoView {
    let count = Memo::new(move |_| {
        ed.draft
            .with(|d| d.as_ref().map_or(0, |d| d.framework.scale.levels.len()))
    });
    let add = move |_| {
        ed.edit(|d| {
            let levels = &mut d.framework.scale.levels;
            let id = ('A'..='Z')
                .map(String::from)
                .find(|c| !levels.iter().any(|l| &l.id == c))
                .unwrap_or_else(|| "Z".into());
            let score = levels.last().map_or(1.0, |l| (l.score - 1.0).max(0.0));
            levels.push(xzzp_core::framework::Level {
                id,
                label: String::new(),
                label_en: String::new(),
                score,
                description: String::new(),
            });
        })
    };
    view! {
        <details class="card">
            <summary>{tr(K::FwScale)}</summary>
            {move || (0..count.get()).map(|i| view! {
                <div class="fw-level">
                    {text_field(ed, &format!("fw-level-{i}"), K::FwLevelLabel, FieldKind::Line,
                        move |d| d.framework.scale.levels.get(i).map(|l| l.label.clone()).unwrap_or_default(),
                        move |d, v| if let Some(l) = d.framework.scale.levels.get_mut(i) { l.label = v })}
                    {number_field(ed, &format!("fw-score-{i}"), K::FwLevelScore,
                        move |d| d.framework.scale.levels.get(i).map(|l| l.score), false,
                        move |d, v| if let (Some(l), Some(v)) = (d.framework.scale.levels.get_mut(i), v) { l.score = v })}
                    <button type="button" class="small danger" on:click=move |_| ed.edit(|d| {
                        if i < d.framework.scale.levels.len() { d.framework.scale.levels.remove(i); }
                    })>{tr(K::FwRemoveLevel)}</button>
                </div>
            }).collect_view()}
            <button type="button" on:click=add>{tr(K::FwAddLevel)}</button>
        </details>
    }
}

fn node_dom_id(n: NodeRef) -> String {
    match n {
        NodeRef::Area(a) => format!("fw-node-{a}"),
        NodeRef::Indicator(a, i) => format!("fw-node-{a}-{i}"),
        NodeRef::Point(a, i, p) => format!("fw-node-{a}-{i}-{p}"),
    }
}

/// The tree: one button per item to select it.
fn tree(ed: Editor) -> impl IntoView {
    let state = use_app();
    let add_area = move |_| {
        let mut at = None;
        ed.edit(|d| at = Some(d.add_area(usize::MAX)));
        ed.selected.set(at);
        if let Some(n) = at {
            focus_by_id(&node_dom_id(n));
        }
    };
    let node = move |n: NodeRef, label: String| {
        let pressed = move || (ed.selected.get() == Some(n)).to_string();
        view! {
            <button type="button" class="fw-node" id=node_dom_id(n) aria-pressed=pressed
                on:click=move |_| ed.selected.set(Some(n))>{label}</button>
        }
    };
    let shown = move |lang: Lang, id: &str, text: &str| {
        let text = if text.trim().is_empty() {
            K::FwUntitled.text(lang)
        } else {
            text
        };
        format!("{id} {text}")
    };
    view! {
        <div class="card fw-tree">
            <h3>{tr(K::FwTree)}</h3>
            <p class="help">{tr(K::FwTreeHelp)}</p>
            {move || {
                let lang = state.lang.get();
                ed.draft.with(|d| {
                    let Some(d) = d else { return ().into_any() };
                    view! {
                        <ul class="fw-areas">
                            {d.framework.areas.iter().enumerate().map(|(ai, a)| view! {
                                <li>
                                    {node(NodeRef::Area(ai), shown(lang, &a.id, &a.title))}
                                    <ul>
                                        {a.indicators.iter().enumerate().map(|(ii, ind)| view! {
                                            <li>
                                                {node(NodeRef::Indicator(ai, ii), shown(lang, &ind.id, &ind.title))}
                                                <ul>
                                                    {ind.points.iter().enumerate().map(|(pi, p)| view! {
                                                        <li>{node(NodeRef::Point(ai, ii, pi), shown(lang, &p.id, &p.text))}</li>
                                                    }).collect_view()}
                                                </ul>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                })
            }}
            <button type="button" id="fw-add-area" on:click=add_area>{tr(K::FwAddArea)}</button>
        </div>
    }
}

fn source_of(d: &Draft, n: NodeRef) -> Option<&Source> {
    let fw = &d.framework;
    match n {
        NodeRef::Area(a) => fw.areas.get(a).map(|x| &x.source),
        NodeRef::Indicator(a, i) => fw.areas.get(a)?.indicators.get(i).map(|x| &x.source),
        NodeRef::Point(a, i, p) => fw
            .areas
            .get(a)?
            .indicators
            .get(i)?
            .points
            .get(p)
            .map(|x| &x.source),
    }
}

/// The title of an area or indicator (points have their own fields).
fn item_title(d: &Draft, n: NodeRef) -> Option<String> {
    let fw = &d.framework;
    match n {
        NodeRef::Area(a) => fw.areas.get(a).map(|x| x.title.clone()),
        NodeRef::Indicator(a, i) => fw.areas.get(a)?.indicators.get(i).map(|x| x.title.clone()),
        NodeRef::Point(..) => None,
    }
}

fn item_title_mut(d: &mut Draft, n: NodeRef) -> Option<&mut String> {
    match n {
        NodeRef::Area(a) => d.area_mut(a).ok().map(|x| &mut x.title),
        NodeRef::Indicator(a, i) => d.indicator_mut(a, i).ok().map(|x| &mut x.title),
        NodeRef::Point(..) => None,
    }
}

fn source_mut(d: &mut Draft, n: NodeRef) -> Option<&mut Source> {
    match n {
        NodeRef::Area(a) => d.area_mut(a).ok().map(|x| &mut x.source),
        NodeRef::Indicator(a, i) => d.indicator_mut(a, i).ok().map(|x| &mut x.source),
        NodeRef::Point(a, i, p) => d.point_mut(a, i, p).ok().map(|x| &mut x.source),
    }
}

/// The selected item: what can be done with it (move, delete, add below) and its fields.
fn item_editor(ed: Editor, n: NodeRef) -> impl IntoView {
    let state = use_app();
    let shift = move |up: bool| {
        let mut moved = None;
        ed.edit(|d| moved = Some(d.shift(n, up)));
        match moved {
            Some(Ok(to)) => {
                ed.selected.set(Some(to));
                focus_by_id(if up { "fw-up" } else { "fw-down" });
            }
            Some(Err(e)) => state.tell(Notice::of(true, e)),
            None => {}
        }
    };
    let delete = move |_| {
        if !confirm(K::Delete.text(state.lang.get_untracked())) {
            return;
        }
        let mut done = None;
        ed.edit(|d| done = Some(d.delete(n)));
        if let Some(Err(e)) = done {
            state.tell(Notice::of(true, e));
            return;
        }
        ed.selected.set(match n {
            NodeRef::Area(_) => None,
            NodeRef::Indicator(a, _) => Some(NodeRef::Area(a)),
            NodeRef::Point(a, i, _) => Some(NodeRef::Indicator(a, i)),
        });
    };
    let add_below = move |_| {
        let mut added = None;
        ed.edit(|d| {
            added = match n {
                NodeRef::Area(a) => d.add_indicator(a, usize::MAX).ok(),
                NodeRef::Indicator(a, i) => d.add_point(a, i, usize::MAX).ok(),
                NodeRef::Point(a, i, p) => d.add_point(a, i, p + 1).ok(),
            }
        });
        if let Some(to) = added {
            ed.selected.set(Some(to));
            focus_by_id(&node_dom_id(to));
        }
    };
    let (kind_label, add_label) = match n {
        NodeRef::Area(_) => (K::FwArea, K::FwAddIndicator),
        NodeRef::Indicator(..) => (K::FwIndicator, K::FwAddPoint),
        NodeRef::Point(..) => (K::FwPoint, K::FwAddPoint),
    };
    let heading = move || {
        let id = ed.draft.with(|d| {
            d.as_ref()
                .map(|d| match n {
                    NodeRef::Area(a) => d.framework.areas.get(a).map(|x| x.id.clone()),
                    NodeRef::Indicator(a, i) => d
                        .framework
                        .areas
                        .get(a)
                        .and_then(|x| x.indicators.get(i))
                        .map(|x| x.id.clone()),
                    NodeRef::Point(a, i, p) => d
                        .framework
                        .areas
                        .get(a)
                        .and_then(|x| x.indicators.get(i))
                        .and_then(|x| x.points.get(p))
                        .map(|x| x.id.clone()),
                })
                .unwrap_or_default()
                .unwrap_or_default()
        });
        format!("{} {id}", state.t(kind_label))
    };
    let fields = match n {
        NodeRef::Area(..) | NodeRef::Indicator(..) => text_field(
            ed,
            "fw-item-title",
            K::FwItemTitle,
            FieldKind::Line,
            move |d| item_title(d, n).unwrap_or_default(),
            move |d, v| {
                if let Some(t) = item_title_mut(d, n) {
                    *t = v
                }
            },
        )
        .into_any(),
        NodeRef::Point(a, i, p) => point_fields(ed, a, i, p).into_any(),
    };
    let src = move |d: &Draft| {
        source_of(d, n).cloned().unwrap_or(Source {
            doc: String::new(),
            section: String::new(),
            confirmed: false,
            note: String::new(),
        })
    };
    let confirmed = ed.peek(|d| src(d).confirmed);
    view! {
        <h3>{heading}</h3>
        <div class="actions fw-item-actions">
            <button type="button" id="fw-up" on:click=move |_| shift(true)>{tr(K::FwUp)}</button>
            <button type="button" id="fw-down" on:click=move |_| shift(false)>{tr(K::FwDown)}</button>
            <button type="button" id="fw-add-below" on:click=add_below>{tr(add_label)}</button>
            <button type="button" class="danger" id="fw-delete" on:click=delete>{tr(K::Delete)}</button>
        </div>
        <div class="form-stack">
            {fields}
            {text_field(ed, "fw-source-doc", K::FwSourceDoc, FieldKind::Line, move |d| src(d).doc,
                move |d, v| if let Some(s) = source_mut(d, n) { s.doc = v })}
            {text_field(ed, "fw-source-section", K::FwSourceSection, FieldKind::Line, move |d| src(d).section,
                move |d, v| if let Some(s) = source_mut(d, n) { s.section = v })}
            <label class="check" for="fw-confirmed">
                <input type="checkbox" id="fw-confirmed" prop:checked=confirmed on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    ed.edit(|d| if let Some(s) = source_mut(d, n) { s.confirmed = on });
                }/>
                {tr(K::FwConfirmed)}
            </label>
            {text_field(ed, "fw-source-note", K::FwSourceNote, FieldKind::Lines(2), move |d| src(d).note,
                move |d, v| if let Some(s) = source_mut(d, n) { s.note = v })}
        </div>
    }
}

fn kind_code(k: PointKind) -> &'static str {
    match k {
        PointKind::Level => "level",
        PointKind::YesNo => "yes_no",
        PointKind::Number => "number",
        PointKind::Text => "text",
    }
}

/// A point's own fields: text, kind (with unit, direction and target for numbers), weight, guidance, evidence.
fn point_fields(ed: Editor, a: usize, i: usize, p: usize) -> impl IntoView {
    let state = use_app();
    let pt = move |d: &Draft| {
        d.framework
            .areas
            .get(a)
            .and_then(|x| x.indicators.get(i))
            .and_then(|x| x.points.get(p))
            .cloned()
    };
    let kind = Memo::new(move |_| {
        ed.draft
            .with(|d| d.as_ref().and_then(pt).map(|x| x.kind))
            .unwrap_or(PointKind::Level)
    });
    let set_point_kind = move |ev: web_sys::Event| {
        let k = match event_target_value(&ev).as_str() {
            "yes_no" => PointKind::YesNo,
            "number" => PointKind::Number,
            "text" => PointKind::Text,
            _ => PointKind::Level,
        };
        ed.edit(|d| {
            if let Ok(x) = d.point_mut(a, i, p) {
                set_kind(x, k)
            }
        });
    };
    let kinds = [
        (PointKind::Level, K::FwKindLevel),
        (PointKind::YesNo, K::FwKindYesNo),
        (PointKind::Number, K::FwKindNumber),
        (PointKind::Text, K::FwKindText),
    ];
    let number_fields = move || {
        (kind.get() == PointKind::Number).then(|| {
            let dir = ed.peek(|d| pt(d).and_then(|x| x.direction));
            view! {
                {text_field(ed, "fw-unit", K::FwUnit, FieldKind::Line, move |d| pt(d).map(|x| x.unit).unwrap_or_default(),
                    move |d, v| if let Ok(x) = d.point_mut(a, i, p) { x.unit = v.trim().to_string() })}
                <div class="field">
                    <label for="fw-direction">{tr(K::FwDirection)}</label>
                    <select id="fw-direction" on:change=move |ev| {
                        let dir = if event_target_value(&ev) == "lower" { Direction::Lower } else { Direction::Higher };
                        ed.edit(|d| if let Ok(x) = d.point_mut(a, i, p) { x.direction = Some(dir) });
                    }>
                        <option value="higher" selected=dir != Some(Direction::Lower)>{tr(K::FwHigher)}</option>
                        <option value="lower" selected=dir == Some(Direction::Lower)>{tr(K::FwLower)}</option>
                    </select>
                </div>
                {number_field(ed, "fw-target", K::FwTarget, move |d| pt(d).and_then(|x| x.target), true,
                    move |d, v| if let Ok(x) = d.point_mut(a, i, p) { x.target = v })}
            }
        })
    };
    let current = ed
        .peek(|d| pt(d).map(|x| x.kind))
        .unwrap_or(PointKind::Level);
    view! {
        {text_field(ed, "fw-point-text", K::FwPointText, FieldKind::Lines(2), move |d| pt(d).map(|x| x.text).unwrap_or_default(),
            move |d, v| if let Ok(x) = d.point_mut(a, i, p) { x.text = v })}
        <div class="field">
            <label for="fw-kind">{tr(K::FwKind)}</label>
            <select id="fw-kind" on:change=set_point_kind>
                {kinds.into_iter().map(|(k, label)| view! {
                    <option value=kind_code(k) selected=k == current>{move || state.t(label)}</option>
                }).collect_view()}
            </select>
        </div>
        {number_fields}
        {number_field(ed, "fw-weight", K::FwWeight, move |d| pt(d).map(|x| x.weight), false,
            move |d, v| if let (Ok(x), Some(v)) = (d.point_mut(a, i, p), v) { x.weight = v })}
        {text_field(ed, "fw-guidance", K::FwGuidance, FieldKind::Lines(3), move |d| pt(d).map(|x| x.guidance).unwrap_or_default(),
            move |d, v| if let Ok(x) = d.point_mut(a, i, p) { x.guidance = v })}
        {text_field(ed, "fw-evidence", K::FwEvidence, FieldKind::Lines(3), move |d| pt(d).map(|x| x.evidence.join("\n")).unwrap_or_default(),
            move |d, v| if let Ok(x) = d.point_mut(a, i, p) {
                x.evidence = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            })}
    }
}

/// A framework as nested lists, for the import preview.
fn tree_preview(lang: Lang, fw: &Framework) -> impl IntoView {
    view! {
        <ol class="fw-preview-tree">
            {fw.areas.iter().map(|a| view! {
                <li>{format!("{} {}", a.id, content_text(lang, &a.title, &a.title_en))}
                    <ol>
                        {a.indicators.iter().map(|ind| view! {
                            <li>{format!("{} {}", ind.id, content_text(lang, &ind.title, &ind.title_en))}
                                <ol>
                                    {ind.points.iter().map(|p| view! {
                                        <li>{format!("{} {}", p.id, content_text(lang, &p.text, &p.text_en))}</li>
                                    }).collect_view()}
                                </ol>
                            </li>
                        }).collect_view()}
                    </ol>
                </li>
            }).collect_view()}
        </ol>
    }
}

/// Importing a framework file: pick or drop, a preview, then saving.
#[component]
fn ImportFile() -> impl IntoView {
    let state = use_app();
    let preview: RwSignal<Option<(Framework, Added)>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let take = move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        preview.set(None);
        error.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            let lang = state.lang.get_untracked();
            match read_file(&file, MAX_FRAMEWORK_FILE_BYTES).await {
                Err(e) => error.set(Some(e.refusal().text(lang))),
                Ok(bytes) => match state.wb().read_framework_file(&bytes) {
                    Ok(p) => {
                        preview.set(Some(p));
                        focus_by_id("fw-preview");
                    }
                    Err(e) => error.set(Some(e.text(lang))),
                },
            }
        });
    };
    let on_files = move |ev: web_sys::Event| take(crate::download::picked_files(&ev));
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            take((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
    };
    let save_it = move |_| {
        let Some((fw, _)) = preview.get_untracked() else {
            return;
        };
        let (title, version) = (fw.title.clone(), fw.version.clone());
        if state.act(|wb| wb.add_framework(fw)).is_some() {
            state.tell(Notice::of(false, Msg::FrameworkSaved { title, version }));
            preview.set(None);
        }
    };
    view! {
        <div class="card">
            <h2>{tr(K::FwImport)}</h2>
            <p class="help">{tr(K::FwImportHelp)}</p>
            <div class="drop-zone" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label for="fw-import-file" class="button">{tr(K::FwImportPick)}</label>
                <input type="file" id="fw-import-file" class="sr-only" accept=".json,application/json" on:change=on_files/>
            </div>
            {move || error.get().map(|e| view! { <p class="notice error" role="alert" id="fw-import-error">{e}</p> })}
            {move || preview.get().map(|(fw, added)| {
                let lang = state.lang.get();
                let (what, counts) = preview_summary(lang, &fw, &added);
                let can_save = added != Added::AlreadyStored;
                view! {
                    <div class="fw-preview" id="fw-preview" tabindex="-1">
                        <h3>{tr(K::FwPreview)}</h3>
                        <p><strong>{title_of(lang, &fw)}</strong></p>
                        <p>{format!("{} · {} {} · {}", fw.issuer, K::FwVersion.text(lang), fw.version, fw.id)}</p>
                        <p>{counts}</p>
                        <p class="help">{tr(what)}</p>
                        {tree_preview(lang, &fw)}
                        <div class="actions">
                            <Show when=move || can_save>
                                <button type="button" class="primary" id="fw-import-save" on:click=save_it>{tr(K::FwImportSave)}</button>
                            </Show>
                            <button type="button" on:click=move |_| preview.set(None)>{tr(K::Cancel)}</button>
                        </div>
                    </div>
                }
            })}
        </div>
    }
}

/// Files larger than this are refused before they are read (the worker checks again with the sheets crate's
/// own limit, the same number).
const MAX_TABLE_BYTES: usize = 10 * 1024 * 1024;

/// Importing an indicator table from Excel or WPS (`.xlsx`, `.csv`): details the table does not carry, pick or
/// drop, problems naming sheet, row and column, a preview, then saving; and the blank template.
#[component]
fn SheetImport() -> impl IntoView {
    let state = use_app();
    let issuer = RwSignal::new(String::new());
    let document = RwSignal::new(String::new());
    let official = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let errors: RwSignal<Vec<String>> = RwSignal::new(vec![]);
    let preview: RwSignal<Option<(crate::sheets::TablePreview, Added)>> = RwSignal::new(None);
    let take = move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        preview.set(None);
        errors.set(vec![]);
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let lang = state.lang.get_untracked();
            let details = crate::sheets::TableDetails {
                id: format!("own-{}", new_id()),
                issuer: issuer.get_untracked().trim().to_string(),
                document: document.get_untracked().trim().to_string(),
                year: chrono::Datelike::year(&today()).clamp(1949, 2100) as u16,
                official: official.get_untracked(),
            };
            let read = match read_file(&file, MAX_TABLE_BYTES).await {
                Err(e) => Err(crate::sheets::TableError::Problems(vec![e
                    .refusal()
                    .text(lang)])),
                Ok(bytes) => crate::sheets::import(&file.name(), &bytes, &details, lang).await,
            };
            busy.set(false);
            match read {
                Ok(p) => match state.wb().check_framework(&p.framework) {
                    Ok(added) => {
                        preview.set(Some((p, added)));
                        focus_by_id("fw-sheet-preview");
                    }
                    Err(e) => errors.set(vec![e.text(lang)]),
                },
                Err(crate::sheets::TableError::Problems(list)) => {
                    errors.set(list);
                    focus_by_id("fw-sheet-errors");
                }
                Err(crate::sheets::TableError::Worker(e)) => errors.set(vec![e.text(lang)]),
            }
        });
    };
    let on_files = move |ev: web_sys::Event| take(crate::download::picked_files(&ev));
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(list) = ev.data_transfer().and_then(|d| d.files()) {
            take((0..list.length()).filter_map(|i| list.get(i)).collect());
        }
    };
    let template = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        wasm_bindgen_futures::spawn_local(async move {
            let result = crate::sheets::blank_template().await;
            busy.set(false);
            match result {
                Ok(bytes) => {
                    let name = crate::download::file_name(
                        &[K::FwSheetTemplate
                            .text(Lang::Zh)
                            .trim_end_matches("（.xlsx）")],
                        "xlsx",
                    );
                    save(state, &name, XLSX, &bytes);
                }
                Err(e) => state.tell(Notice::of(true, SheetMessage(e))),
            }
        });
    };
    let save_it = move |_| {
        let Some((p, _)) = preview.get_untracked() else {
            return;
        };
        let fw = p.framework;
        let (title, version) = (fw.title.clone(), fw.version.clone());
        if state.act(|wb| wb.add_framework(fw)).is_some() {
            state.tell(Notice::of(false, Msg::FrameworkSaved { title, version }));
            preview.set(None);
        }
    };
    view! {
        <div class="card" id="fw-sheet">
            <h2>{tr(K::FwSheetTitle)}</h2>
            <p class="help">{tr(K::FwSheetHelp)}</p>
            <div class="actions">
                <button type="button" id="fw-sheet-template" disabled=move || busy.get() on:click=template>{tr(K::FwSheetTemplate)}</button>
            </div>
            <div class="fw-editor form-stack">
                <div class="field">
                    <label for="fw-sheet-issuer">{tr(K::FwIssuer)}</label>
                    <TextField id="fw-sheet-issuer" value=issuer on_change=Callback::new(move |v| issuer.set(v))/>
                </div>
                <div class="field">
                    <label for="fw-sheet-document">{tr(K::FwDocument)}</label>
                    <TextField id="fw-sheet-document" value=document on_change=Callback::new(move |v| document.set(v))/>
                </div>
                <label class="check" for="fw-sheet-official">
                    <input type="checkbox" id="fw-sheet-official" prop:checked=move || official.get()
                        on:change=move |ev| official.set(event_target_checked(&ev))/>
                    {tr(K::FwSheetOfficial)}
                </label>
            </div>
            <div class="drop-zone" on:dragover=|ev: web_sys::DragEvent| ev.prevent_default() on:drop=on_drop>
                <label for="fw-sheet-file" class="button">{tr(K::FwSheetPick)}</label>
                <input type="file" id="fw-sheet-file" class="sr-only" disabled=move || busy.get()
                    accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv" on:change=on_files/>
            </div>
            <Show when=move || busy.get()>
                <p role="status" class="muted" id="fw-sheet-busy">{tr(K::FwSheetBusy)}</p>
            </Show>
            <Show when=move || !errors.with(Vec::is_empty)>
                <div class="notice error" role="alert" id="fw-sheet-errors" tabindex="-1">
                    <p>{tr(K::FwSheetErrors)}</p>
                    <ul>{move || errors.get().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                </div>
            </Show>
            {move || preview.get().map(|(p, added)| {
                let lang = state.lang.get();
                let fw = p.framework;
                let (what, counts) = preview_summary(lang, &fw, &added);
                view! {
                    <div class="fw-preview" id="fw-sheet-preview" tabindex="-1">
                        <h3>{tr(K::FwPreview)}</h3>
                        <p><strong>{title_of(lang, &fw)}</strong></p>
                        <p>{format!("{}{} · {}", K::FwSheetFrom.text(lang), p.sheet, fw.issuer)}</p>
                        <p>{counts}</p>
                        <p class="help">{tr(what)}</p>
                        <ul class="fw-warnings">{p.warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
                        {tree_preview(lang, &fw)}
                        <div class="actions">
                            <button type="button" class="primary" id="fw-sheet-save" on:click=save_it>{tr(K::FwImportSave)}</button>
                            <button type="button" on:click=move |_| preview.set(None)>{tr(K::Cancel)}</button>
                        </div>
                    </div>
                }
            })}
        </div>
    }
}

/// What saving a previewed framework would do, and its size in words: the head of both previews (framework file
/// and spreadsheet).
fn preview_summary(lang: Lang, fw: &Framework, added: &Added) -> (K, String) {
    let what = match added {
        Added::New => K::FwAddedNew,
        Added::NewerVersion { .. } => K::FwAddedNewer,
        Added::OlderVersion { .. } => K::FwAddedOlder,
        Added::AlreadyStored => K::FwAddedSame,
    };
    let counts = Msg::FrameworkCounts {
        areas: fw.areas.len(),
        indicators: fw.indicator_count(),
        points: fw.point_count(),
    }
    .text(lang);
    (what, counts)
}
