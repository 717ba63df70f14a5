//! The indicator-table reader and writer ([`xzzp_sheets`]) as a classic Web Worker: a second WebAssembly module
//! that the page starts only when a spreadsheet is imported or exported, so the first load does not carry
//! calamine, zip and the GBK tables.
//!
//! Every request is one message `{op, …}` and gets one answer:
//! - `{op: "import", name, bytes: Uint8Array, lang, options: {id, title, issuer, document, year, official}}` →
//!   `{ok: true, framework: <JSON>, sheet, warnings: [text]}` or `{ok: false, errors: [text]}`, each error
//!   naming the sheet, row and column;
//! - `{op: "export", framework: <JSON>, format: "xlsx" | "csv"}` → `{ok: true, bytes: Uint8Array}`;
//! - `{op: "template", format}` → the blank table, `{ok: true, bytes}`.
//!
//! Texts come back in the language asked for, from the same messages as everywhere else.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use xzzp_core::i18n::{Lang, Localized};
use xzzp_sheets::{ImportOptions, SheetError};

fn get(obj: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(obj: &JsValue, key: &str) -> String {
    get(obj, key).as_string().unwrap_or_default()
}

fn set(obj: &js_sys::Object, key: &str, value: &JsValue) {
    let _ = js_sys::Reflect::set(obj, &JsValue::from_str(key), value);
}

fn strings(list: impl IntoIterator<Item = String>) -> JsValue {
    list.into_iter()
        .map(|s| JsValue::from_str(&s))
        .collect::<js_sys::Array>()
        .into()
}

fn failure(errors: Vec<String>) -> js_sys::Object {
    let out = js_sys::Object::new();
    set(&out, "ok", &JsValue::FALSE);
    set(&out, "errors", &strings(errors));
    out
}

fn bytes_answer(bytes: &[u8]) -> js_sys::Object {
    let out = js_sys::Object::new();
    set(&out, "ok", &JsValue::TRUE);
    set(&out, "bytes", &js_sys::Uint8Array::from(bytes).into());
    out
}

fn options(o: &JsValue) -> ImportOptions {
    let year = get(o, "year").as_f64().unwrap_or(2026.0);
    ImportOptions {
        id: text(o, "id"),
        title: text(o, "title"),
        issuer: text(o, "issuer"),
        document: text(o, "document"),
        year: year.clamp(0.0, f64::from(u16::MAX)) as u16,
        rows_are_official: get(o, "official").as_bool().unwrap_or(false),
        ..ImportOptions::default()
    }
}

fn import(request: &JsValue, lang: Lang) -> js_sys::Object {
    let name = text(request, "name");
    let bytes = get(request, "bytes")
        .dyn_into::<js_sys::Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default();
    if bytes.len() > xzzp_sheets::MAX_SHEET_BYTES {
        let e = SheetError {
            sheet: name,
            row: None,
            column: None,
            problem: xzzp_sheets::SheetProblem::TooLarge,
        };
        return failure(vec![e.text(lang)]);
    }
    let tables = match xzzp_sheets::read_table(&name, &bytes) {
        Ok(t) => t,
        Err(e) => return failure(vec![e.text(lang)]),
    };
    match xzzp_sheets::import(&tables, &options(&get(request, "options"))) {
        Err(errors) => failure(errors.iter().map(|e| e.text(lang)).collect()),
        Ok(preview) => match serde_json::to_string(&preview.framework) {
            Err(e) => failure(vec![e.to_string()]),
            Ok(json) => {
                let out = js_sys::Object::new();
                set(&out, "ok", &JsValue::TRUE);
                set(&out, "framework", &JsValue::from_str(&json));
                set(&out, "sheet", &JsValue::from_str(&preview.sheet));
                set(
                    &out,
                    "warnings",
                    &strings(preview.warnings.iter().map(|w| w.text(lang))),
                );
                out
            }
        },
    }
}

fn export(request: &JsValue) -> js_sys::Object {
    let fw = match xzzp_core::framework::from_json(&text(request, "framework")) {
        Ok(fw) => fw,
        Err(e) => return failure(vec![e]),
    };
    match text(request, "format").as_str() {
        "csv" => bytes_answer(&xzzp_sheets::to_csv(&fw)),
        _ => bytes_answer(&xzzp_sheets::to_xlsx(&fw)),
    }
}

fn answer(request: &JsValue) -> js_sys::Object {
    let lang = if text(request, "lang") == "en" {
        Lang::En
    } else {
        Lang::Zh
    };
    match text(request, "op").as_str() {
        "import" => import(request, lang),
        "export" => export(request),
        "template" => match text(request, "format").as_str() {
            "csv" => bytes_answer(&xzzp_sheets::blank_template_csv()),
            _ => bytes_answer(&xzzp_sheets::blank_template_xlsx()),
        },
        other => failure(vec![format!("unknown request {other:?}")]),
    }
}

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let out = answer(&ev.data());
            let _ = reply_to.post_message(&out);
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Tells the page the module has started, so that it can measure the load and send the first request.
    let ready = js_sys::Object::new();
    set(&ready, "ready", &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}
