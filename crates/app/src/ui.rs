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

/// Whether an input event is part of an IME composition (e.g. typing pinyin): such events are skipped and the
/// text is taken when the composition ends.
pub fn composing(ev: &web_sys::Event) -> bool {
    use wasm_bindgen::JsCast;
    ev.dyn_ref::<web_sys::InputEvent>()
        .is_some_and(|e| e.is_composing())
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

/// An input bound to one field of the open plan. It saves on every change (after an IME composition ends).
#[component]
pub fn TextEdit(
    /// DOM id.
    #[prop(into)]
    id: String,
    /// The field.
    cell: xzzp_core::planning::Cell,
    /// The accessible label.
    label: crate::i18n::K,
    /// A textarea instead of a one-line input.
    #[prop(optional)]
    multiline: bool,
    /// A date input.
    #[prop(optional)]
    date: bool,
) -> impl IntoView {
    let state = crate::state::use_app();
    let value = move || {
        state.plan.with(|p| {
            p.as_ref()
                .and_then(|p| p.value.cell(cell))
                .unwrap_or_default()
        })
    };
    let save = move |v: String| {
        state.update_plan(move |p| {
            p.set_cell(cell, v.clone());
        })
    };
    let on_input = move |ev: web_sys::Event| {
        if !composing(&ev) {
            save(event_target_value(&ev));
        }
    };
    let on_end = move |ev: web_sys::CompositionEvent| save(event_target_value(&ev));
    let aria = move || state.t(label);
    if multiline {
        view! {
            <textarea id=id rows="2" aria-label=aria prop:value=value on:input=on_input on:compositionend=on_end></textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id type=if date { "date" } else { "text" } aria-label=aria prop:value=value
                on:input=on_input on:compositionend=on_end/>
        }
        .into_any()
    }
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
    let title = xzzp_templates::framework(&e.framework_id)
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
