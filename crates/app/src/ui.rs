//! Small shared view pieces.

use crate::i18n::Lang;
use leptos::prelude::*;

/// Template text in the interface language. English falls back to the Chinese original when a template has
/// no translation yet; the fallback is marked (class `untranslated`, `lang="zh-CN"`) so that readers and
/// screen readers know.
#[component]
pub fn Content(
    /// The Chinese original.
    #[prop(into)]
    zh: String,
    /// The English translation; may be empty.
    #[prop(into)]
    en: String,
    /// The interface language.
    #[prop(into)]
    lang: Signal<Lang>,
) -> impl IntoView {
    move || {
        let lang = lang.get();
        if lang == Lang::En && !en.is_empty() {
            view! { <span>{en.clone()}</span> }.into_any()
        } else if lang == Lang::En {
            view! {
                <span class="untranslated" lang="zh-CN" title="Not yet translated">
                    {zh.clone()}
                </span>
            }
            .into_any()
        } else {
            view! { <span>{zh.clone()}</span> }.into_any()
        }
    }
}

/// Template text as a plain string: the translation when there is one, else the Chinese original.
pub fn content_text(lang: Lang, zh: &str, en: &str) -> String {
    if lang == Lang::En && !en.is_empty() {
        en.to_string()
    } else {
        zh.to_string()
    }
}

/// Moves keyboard focus to an element once it is rendered.
pub fn focus_by_id(id: &str) {
    let id = id.to_string();
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            use wasm_bindgen::JsCast;
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    });
}

/// What kind of text field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FieldKind {
    /// One line of text.
    #[default]
    Line,
    /// Several lines (a textarea) of the given height in rows.
    Lines(u8),
    /// A date (`<input type="date">`, ISO text).
    Date,
    /// A number typed as text (so that 85.5、８５ and empty can all be read and checked by the domain).
    Number,
}

/// The one text field of the app: every text input goes through it, so that Chinese input methods work the
/// same everywhere. While an input method composes (pinyin being typed, candidates showing), nothing is
/// reported; the text is reported once when the composition ends. Browsers differ in whether an `input` event
/// follows `compositionend`, so the same text may be reported twice: receivers treat it as idempotent.
#[component]
pub fn TextField(
    /// DOM id (labels point at it).
    #[prop(into)]
    id: String,
    /// The text shown.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the new text after each change (not during an IME composition).
    on_change: Callback<String>,
    /// Line, lines, date or number.
    #[prop(optional)]
    kind: FieldKind,
    /// An accessible name, when no `<label for>` names the field.
    #[prop(optional, into)]
    label: Option<Signal<String>>,
    /// A placeholder.
    #[prop(optional, into)]
    placeholder: Option<Signal<String>>,
    /// A CSS class.
    #[prop(optional, into)]
    class: Option<&'static str>,
    /// Disabled.
    #[prop(optional, into)]
    disabled: Option<Signal<bool>>,
    /// Marked invalid (`aria-invalid`), e.g. a number that cannot be read.
    #[prop(optional, into)]
    invalid: Option<Signal<bool>>,
    /// The id of the element that explains the field or its error (`aria-describedby`).
    #[prop(optional, into)]
    described_by: Option<String>,
) -> impl IntoView {
    let composing = StoredValue::new(false);
    let report = move |ev: &web_sys::Event| on_change.run(event_target_value(ev));
    let on_input = move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let ime = ev
            .dyn_ref::<web_sys::InputEvent>()
            .is_some_and(|e| e.is_composing());
        if !ime && !composing.get_value() {
            report(&ev);
        }
    };
    let on_start = move |_: web_sys::CompositionEvent| composing.set_value(true);
    let on_end = move |ev: web_sys::CompositionEvent| {
        composing.set_value(false);
        report(&ev);
    };
    let aria = move || label.map(|l| l.get());
    let placeholder = move || placeholder.map(|p| p.get());
    let disabled = move || disabled.is_some_and(|d| d.get());
    let invalid = move || invalid.is_some_and(|d| d.get()).then_some("true");
    match kind {
        FieldKind::Lines(rows) => view! {
            <textarea id=id class=class rows=rows.to_string() aria-label=aria placeholder=placeholder disabled=disabled
                aria-invalid=invalid aria-describedby=described_by
                prop:value=move || value.get()
                on:input=on_input on:compositionstart=on_start on:compositionend=on_end></textarea>
        }
        .into_any(),
        _ => {
            let (ty, mode) = match kind {
                FieldKind::Date => ("date", None),
                FieldKind::Number => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input id=id class=class type=ty inputmode=mode aria-label=aria placeholder=placeholder disabled=disabled
                    aria-invalid=invalid aria-describedby=described_by
                    prop:value=move || value.get()
                    on:input=on_input on:compositionstart=on_start on:compositionend=on_end/>
            }
            .into_any()
        }
    }
}

/// A field bound to one cell of the open plan; it saves on every change.
#[component]
pub fn PlanField(
    /// DOM id.
    #[prop(into)]
    id: String,
    /// The field.
    cell: xzzp_core::planning::Cell,
    /// The accessible label.
    label: crate::i18n::K,
    /// Line, lines or date.
    #[prop(optional)]
    kind: FieldKind,
) -> impl IntoView {
    let state = crate::state::use_app();
    let value = Signal::derive(move || {
        state
            .plan
            .read(|p| p.cell(cell))
            .flatten()
            .unwrap_or_default()
    });
    let on_change = Callback::new(move |v: String| {
        state.act(|wb| {
            wb.plan.update(move |p| {
                let changed = p.cell(cell).as_deref() != Some(v.as_str());
                p.set_cell(cell, v.clone());
                changed
            })
        });
    });
    view! { <TextField id value on_change kind label=Signal::derive(move || state.t(label).to_string())/> }
}

/// Interface text that follows the language switch. Every call returns the same closure type, so the many
/// translated labels share one compiled rendering path instead of one each.
pub fn tr(key: crate::i18n::K) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = crate::state::use_app().lang;
    move || key.text(lang.get())
}

/// A school year and term: 2025—2026学年 全学年 / 2025–2026 school year, Whole year.
pub fn period(
    lang: Lang,
    year: xzzp_core::evaluation::SchoolYear,
    term: xzzp_core::evaluation::Term,
) -> String {
    match lang {
        Lang::Zh => format!("{} {}", year.zh(), term.zh()),
        Lang::En => format!("{}, {}", year.en(), term.en()),
    }
}

/// An evaluation in lists: its framework's title and its period.
pub fn evaluation_label(lang: Lang, e: &xzzp_core::evaluation::EvaluationHeader) -> String {
    let title = crate::state::framework_for(&e.framework_id, &e.framework_version)
        .map(|f| content_text(lang, &f.title, &f.title_en))
        .unwrap_or_else(|| e.framework_id.clone());
    format!("{title} · {}", period(lang, e.school_year, e.term))
}

/// The `<option>`s of a select that picks one of the current school's evaluations.
pub fn evaluation_options() -> impl IntoView {
    let state = crate::state::use_app();
    move || {
        let lang = state.lang.get();
        state
            .school_evaluations()
            .into_iter()
            .map(|e| view! { <option value=e.id.clone()>{evaluation_label(lang, &e)}</option> })
            .collect_view()
    }
}

/// Shown instead of a document that cannot be read: what happened and where to go.
pub fn unreadable_notice() -> impl IntoView {
    view! {
        <div class="notice error" role="alert">
            <p>{tr(crate::i18n::K::DocUnreadable)}</p>
            <a class="button" href=crate::route::Route::Data.hash()>{tr(crate::i18n::K::NoticeOpenData)}</a>
        </div>
    }
}

/// An area that takes files dropped on it the way its file picker takes chosen ones: `on_files` receives
/// the dropped files (never an empty list). While files are dragged over it, it carries the class
/// `dragging`. The drop is always taken, so that a missed drop does not make the browser open the file and
/// leave the page.
#[component]
pub fn DropZone(
    /// Classes of the area.
    #[prop(into)]
    class: String,
    /// What to do with the dropped files.
    on_files: Callback<Vec<web_sys::File>>,
    /// The picker and explanations inside the area.
    children: Children,
) -> impl IntoView {
    let dragging = RwSignal::new(false);
    let over = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if let Some(d) = ev.data_transfer() {
            d.set_drop_effect("copy");
        }
        dragging.set(true);
    };
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        let files = ev
            .data_transfer()
            .and_then(|d| d.files())
            .map(crate::download::file_list)
            .unwrap_or_default();
        if !files.is_empty() {
            on_files.run(files);
        }
    };
    view! {
        <div class=class class:dragging=move || dragging.get()
            on:dragenter=over on:dragover=over on:dragleave=move |_| dragging.set(false) on:drop=drop>
            {children()}
        </div>
    }
}
