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
