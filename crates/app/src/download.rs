//! Saving files the app makes: a Blob, an object URL and a click on `<a download>`. Works from a web server
//! and from a file opened by double-click; nothing leaves the computer.

use crate::i18n::Msg;
use crate::notices::Notice;
use crate::state::AppState;
use wasm_bindgen::JsCast;

/// Offers `bytes` to the user as a file; a failure becomes a notice. Returns whether it worked.
pub fn save(state: AppState, filename: &str, mime: &str, bytes: &[u8]) -> bool {
    match download(filename, mime, bytes) {
        Ok(()) => true,
        Err(e) => {
            state.tell(Notice::of(true, Msg::DownloadFailed(e)));
            false
        }
    }
}

/// Offers `bytes` to the user as a file called `filename`. The error is what the browser said.
pub fn download(filename: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).map_err(js)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("no document")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(js)?.unchecked_into();
    a.set_href(&url);
    a.set_download(filename);
    a.set_attribute("hidden", "").map_err(js)?;
    let body = doc.body().ok_or("no body")?;
    body.append_child(&a).map_err(js)?;
    a.click();
    a.remove();
    // Revoke later: some browsers read the URL after the click handler returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    }
    Ok(())
}

fn js(e: wasm_bindgen::JsValue) -> String {
    js_detail(&e)
}

/// What a browser error says, readably: an exception's name and message, or the value as JSON.
pub fn js_detail(e: &wasm_bindgen::JsValue) -> String {
    if let Some(ex) = e.dyn_ref::<js_sys::Error>() {
        return format!(
            "{}: {}",
            String::from(ex.name()),
            String::from(ex.message())
        );
    }
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", ex.name(), ex.message());
    }
    e.as_string()
        .or_else(|| js_sys::JSON::stringify(e).ok().map(String::from))
        .unwrap_or_default()
}

/// A file name from parts: characters that file systems refuse are replaced, parts joined with `-`.
pub fn file_name(parts: &[&str], extension: &str) -> String {
    let joined = parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            p.trim()
                .chars()
                .map(|c| {
                    if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
                        || c.is_control()
                    {
                        '_'
                    } else {
                        c
                    }
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("-");
    format!("{joined}.{extension}")
}

#[cfg(test)]
mod tests {
    use super::file_name;

    #[test]
    fn file_names_drop_characters_file_systems_refuse() {
        assert_eq!(
            file_name(&["贺兰县/第一小学", "工作台账", "2026-11-22"], "csv"),
            "贺兰县_第一小学-工作台账-2026-11-22.csv"
        );
        assert_eq!(file_name(&["a:b*c?", "", " x "], "md"), "a_b_c_-x.md");
    }
}

/// Reads a file the user picked, refusing files larger than `max` bytes before reading them.
pub async fn read_file(file: &web_sys::File, max: usize) -> Result<Vec<u8>, ReadError> {
    let size = file.size() as usize;
    if size > max {
        return Err(ReadError::TooLarge(size));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| ReadError::Failed(js_detail(&e)))?;
    // Imported files name frameworks and are checked against them: their documents must be here first. (When
    // they cannot be fetched the shell says so; the file is then checked against what is here.)
    crate::templates::ready().await;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Why a picked file could not be read.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// Larger than allowed; not read at all.
    TooLarge(usize),
    /// The browser could not read it (what it said).
    Failed(String),
}

impl ReadError {
    /// Why a picked file was refused, for a message.
    pub fn refusal(self) -> crate::i18n::Refusal {
        match self {
            ReadError::TooLarge(n) => {
                crate::i18n::Refusal::Import(xzzp_core::backup::ImportError::TooLarge(n))
            }
            ReadError::Failed(e) => crate::i18n::Refusal::Read(e),
        }
    }
}

/// The files of a list (picked or dropped), in order.
pub fn file_list(list: web_sys::FileList) -> Vec<web_sys::File> {
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// The files chosen in an `<input type="file">`.
pub fn picked_files(ev: &web_sys::Event) -> Vec<web_sys::File> {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return vec![];
    };
    let Some(list) = input.files() else {
        return vec![];
    };
    let files = file_list(list);
    // Clear the input so that choosing the same file again fires another change event.
    input.set_value("");
    files
}
