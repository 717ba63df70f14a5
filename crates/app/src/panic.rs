//! A panic hook that replaces a dead page with a friendly notice. Data is saved on every change, so the notice
//! can promise that nothing typed is lost.

use wasm_bindgen::JsCast;

/// Installs the hook. Call once, before mounting.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("{info}").into());
        show_crash_notice();
    }));
}

/// Shows the crash notice, in the language of the page, above everything else.
pub fn show_crash_notice() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if doc.get_element_by_id("crash").is_some() {
        return;
    }
    let en = doc
        .document_element()
        .and_then(|e| e.get_attribute("lang"))
        .is_some_and(|l| l.starts_with("en"));
    let lang = if en {
        crate::i18n::Lang::En
    } else {
        crate::i18n::Lang::Zh
    };
    use crate::i18n::K;
    let Ok(el) = doc.create_element("div") else {
        return;
    };
    el.set_id("crash");
    let _ = el.set_attribute("role", "alertdialog");
    let _ = el.set_attribute("aria-labelledby", "crash-title");
    let title = doc.create_element("h2").ok();
    let body = doc.create_element("p").ok();
    // A plain link, not a script handler: after a panic the program may be unusable, and the page's
    // Content-Security-Policy forbids inline handlers. Loading the page's address without the hash reloads it.
    let button = doc.create_element("a").ok();
    if let (Some(title), Some(body), Some(button)) = (title, body, button) {
        title.set_id("crash-title");
        title.set_text_content(Some(K::CrashTitle.text(lang)));
        body.set_text_content(Some(K::CrashBody.text(lang)));
        button.set_text_content(Some(K::CrashReload.text(lang)));
        let href = web_sys::window()
            .and_then(|w| {
                let l = w.location();
                Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?))
            })
            .unwrap_or_else(|| "./".into());
        let _ = button.set_attribute("href", &href);
        let _ = button.set_attribute("class", "button primary");
        let _ = el.append_with_node_1(&title);
        let _ = el.append_with_node_1(&body);
        let _ = el.append_with_node_1(&button);
    }
    if let Some(body) = doc.body() {
        let _ = body.append_with_node_1(&el);
        if let Some(b) = el.query_selector("a").ok().flatten() {
            if let Ok(b) = b.dyn_into::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        }
    }
}
