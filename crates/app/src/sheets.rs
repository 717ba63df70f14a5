//! The spreadsheet worker: the indicator-table reader and writer live in a second WebAssembly module
//! (`crates/sheets-worker`), started as a classic Web Worker the first time a table is imported or exported,
//! so that the first load does not carry them. The page's boot script names the worker's script
//! (`window.xzzpSheetsWorkerUrl()`, written by `scripts/postbuild.mjs`; the single file gives a Blob URL).
//!
//! One request at a time: the page waits for each answer before it sends the next (the buttons are disabled
//! meanwhile).

use crate::i18n::{Lang, Localized, Msg};
use js_sys::{Object, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use xzzp_core::framework::Framework;

/// How long the worker may take to start or to answer before the page gives up.
const TIMEOUT_MS: i32 = 60_000;

thread_local! {
    static WORKER: RefCell<Option<web_sys::Worker>> = const { RefCell::new(None) };
}

/// Why the worker gave no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerError {
    /// It could not be started or stopped with an error (what the browser said).
    Failed(String),
    /// No answer in time.
    Timeout,
}

impl Localized for WorkerError {
    fn text(&self, lang: Lang) -> String {
        match self {
            WorkerError::Failed(e) => Msg::SpreadsheetFailed(e.clone()).text(lang),
            WorkerError::Timeout => Msg::SpreadsheetTimeout.text(lang),
        }
    }
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn set(obj: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(obj, &JsValue::from_str(key), value);
}

fn describe(e: &JsValue) -> String {
    let message = get(e, "message").as_string().unwrap_or_default();
    if message.is_empty() {
        crate::download::js_detail(e)
    } else {
        message
    }
}

/// The next message of the worker (or its error, or a timeout), as a promise.
fn next_message(worker: &web_sys::Worker) -> Promise {
    let worker = worker.clone();
    Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        worker.set_onerror(Some(&reject));
        let timeout = reject.clone();
        let on_timeout = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = timeout.call1(&JsValue::NULL, &JsValue::from_str("timeout"));
        });
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                on_timeout.unchecked_ref(),
                TIMEOUT_MS,
            );
        }
    })
}

fn failure(e: JsValue) -> WorkerError {
    if e.as_string().as_deref() == Some("timeout") {
        WorkerError::Timeout
    } else {
        WorkerError::Failed(describe(&e))
    }
}

/// The worker, started (and its module loaded) on first use.
async fn worker() -> Result<web_sys::Worker, WorkerError> {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(w);
    }
    let window = web_sys::window().ok_or_else(|| WorkerError::Failed("no window".into()))?;
    let url = get(&window, "xzzpSheetsWorkerUrl")
        .dyn_into::<js_sys::Function>()
        .ok()
        .and_then(|f| f.call0(&JsValue::NULL).ok())
        .and_then(|u| u.as_string())
        .ok_or_else(|| WorkerError::Failed("xzzpSheetsWorkerUrl".into()))?;
    let w = web_sys::Worker::new(&url).map_err(|e| WorkerError::Failed(describe(&e)))?;
    // The worker says when its module has started; requests sent before would find no listener.
    let ready = JsFuture::from(next_message(&w)).await;
    if let Err(e) = ready {
        w.terminate();
        return Err(failure(e));
    }
    WORKER.with(|slot| *slot.borrow_mut() = Some(w.clone()));
    Ok(w)
}

async fn call(request: Object) -> Result<JsValue, WorkerError> {
    let w = worker().await?;
    let answer = next_message(&w);
    w.post_message(&request)
        .map_err(|e| WorkerError::Failed(describe(&e)))?;
    match JsFuture::from(answer).await {
        Ok(ev) => Ok(get(&ev, "data")),
        Err(e) => {
            // A worker that failed or hangs is started afresh next time.
            w.terminate();
            WORKER.with(|slot| *slot.borrow_mut() = None);
            Err(failure(e))
        }
    }
}

fn strings(v: &JsValue) -> Vec<String> {
    js_sys::Array::from(v)
        .iter()
        .filter_map(|s| s.as_string())
        .collect()
}

/// What the user gives an imported table that the table does not say.
#[derive(Debug, Clone, PartialEq)]
pub struct TableDetails {
    /// The new framework's id.
    pub id: String,
    /// Who issued it.
    pub issuer: String,
    /// The document it belongs to (empty: the table's title).
    pub document: String,
    /// Year of the document.
    pub year: u16,
    /// The rows are the official wording (a bureau importing its own table).
    pub official: bool,
}

/// A table read into a framework, for its preview.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePreview {
    /// The framework read.
    pub framework: Framework,
    /// The sheet it came from.
    pub sheet: String,
    /// What the import did that the user should know.
    pub warnings: Vec<String>,
}

/// Why a table was not read: every problem, each naming its sheet, row and column; or the worker's failure.
#[derive(Debug, Clone, PartialEq)]
pub enum TableError {
    /// The table's problems, already in the interface language.
    Problems(Vec<String>),
    /// The worker gave no answer.
    Worker(WorkerError),
}

/// Reads an `.xlsx` or `.csv` file into a framework, in the worker.
pub async fn import(
    name: &str,
    bytes: &[u8],
    details: &TableDetails,
    lang: Lang,
) -> Result<TablePreview, TableError> {
    let options = Object::new();
    set(&options, "id", &details.id.as_str().into());
    set(&options, "issuer", &details.issuer.as_str().into());
    set(&options, "document", &details.document.as_str().into());
    set(&options, "year", &f64::from(details.year).into());
    set(&options, "official", &details.official.into());
    let request = Object::new();
    set(&request, "op", &"import".into());
    set(&request, "name", &name.into());
    set(&request, "lang", &lang.tag().into());
    set(&request, "bytes", &Uint8Array::from(bytes).into());
    set(&request, "options", &options);
    let answer = call(request).await.map_err(TableError::Worker)?;
    if get(&answer, "ok").as_bool() != Some(true) {
        return Err(TableError::Problems(strings(&get(&answer, "errors"))));
    }
    let json = get(&answer, "framework").as_string().unwrap_or_default();
    let framework =
        xzzp_core::framework::from_json(&json).map_err(|e| TableError::Problems(vec![e]))?;
    Ok(TablePreview {
        framework,
        sheet: get(&answer, "sheet").as_string().unwrap_or_default(),
        warnings: strings(&get(&answer, "warnings")),
    })
}

async fn bytes_of(request: Object) -> Result<Vec<u8>, TableError> {
    let answer = call(request).await.map_err(TableError::Worker)?;
    if get(&answer, "ok").as_bool() != Some(true) {
        return Err(TableError::Problems(strings(&get(&answer, "errors"))));
    }
    Ok(get(&answer, "bytes")
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .unwrap_or_default())
}

/// A framework as an `.xlsx` indicator table, written in the worker.
pub async fn export_xlsx(fw: &Framework) -> Result<Vec<u8>, TableError> {
    let json = serde_json::to_string(fw).map_err(|e| TableError::Problems(vec![e.to_string()]))?;
    let request = Object::new();
    set(&request, "op", &"export".into());
    set(&request, "format", &"xlsx".into());
    set(&request, "framework", &json.into());
    bytes_of(request).await
}

/// The blank `.xlsx` indicator table with the documented columns.
pub async fn blank_template() -> Result<Vec<u8>, TableError> {
    let request = Object::new();
    set(&request, "op", &"template".into());
    set(&request, "format", &"xlsx".into());
    bytes_of(request).await
}
