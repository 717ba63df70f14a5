//! The built-in templates' documents (frameworks, their archived versions, plan templates), which the module
//! does not carry: they are fetched from `templates/` beside the page (precached by the service worker, inlined
//! in the single file; `window.xzzpTemplate`, written by scripts/postbuild.mjs and scripts/single-file.mjs).
//!
//! Before the first screen only the frameworks the stored data names are fetched; the rest follow once the
//! screen is up. A page that looked one up too early is drawn again when it has arrived.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use xzzp_templates as catalog;

/// Where the background loading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Loading {
    /// Nothing to do, or nothing the user waits for.
    Quiet,
    /// Documents a page asked for are on their way.
    Shown,
    /// A document could not be fetched or was damaged.
    Failed,
}

/// The shell's handle on the loading: the page is drawn again when `generation` changes.
#[derive(Clone, Copy)]
pub struct Templates {
    /// Bumped when documents that a page had missed have arrived.
    pub generation: RwSignal<u32>,
    /// Bumped whenever documents have arrived (for lists that fill up as they come).
    pub arrived: RwSignal<u32>,
    /// What the user is told.
    pub status: RwSignal<Loading>,
}

impl Templates {
    /// Made once by the shell.
    pub fn new() -> Self {
        Self {
            generation: RwSignal::new(0),
            arrived: RwSignal::new(0),
            status: RwSignal::new(Loading::Quiet),
        }
    }

    /// Fetches every document not here yet, in the background. Pages that missed one are drawn again.
    pub fn load_rest(self) {
        self.load(catalog::take_missed());
    }

    /// Tries again after a failure; the page is drawn again either way.
    pub fn retry(self) {
        self.load(true);
    }

    fn load(self, redraw: bool) {
        let missing = catalog::missing_files();
        if missing.is_empty() {
            self.status.set(Loading::Quiet);
            if redraw {
                self.generation.update(|g| *g += 1);
            }
            return;
        }
        if redraw {
            self.status.set(Loading::Shown);
        }
        leptos::task::spawn_local(async move {
            let ok = fetch(missing).await.is_ok();
            self.status
                .set(if ok { Loading::Quiet } else { Loading::Failed });
            self.arrived.update(|g| *g += 1);
            if catalog::take_missed() || redraw {
                self.generation.update(|g| *g += 1);
            }
        });
    }
}

impl Default for Templates {
    fn default() -> Self {
        Self::new()
    }
}

/// Fetches and installs these documents, all at once. An error names what went wrong (for the console); a
/// document that arrived is kept even when another failed.
pub async fn fetch(files: Vec<&'static str>) -> Result<(), String> {
    let get = js_sys::Reflect::get(&window(), &JsValue::from_str("xzzpTemplate"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .ok_or("window.xzzpTemplate is missing")?;
    let promises = js_sys::Array::new();
    for f in &files {
        // Each promise settles to the text or to null (never rejects), so one failure does not hide the others.
        let p = get
            .call1(&JsValue::NULL, &JsValue::from_str(f))
            .map_err(|e| format!("{e:?}"))?
            .dyn_into::<js_sys::Promise>()
            .map_err(|_| "xzzpTemplate returned no promise")?;
        promises.push(&p);
    }
    let texts = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all(&promises))
        .await
        .map_err(|e| format!("{e:?}"))?;
    crate::perf::mark("templates:arrived");
    let texts: js_sys::Array = texts.unchecked_into();
    let mut failed = Vec::new();
    for (i, f) in files.iter().enumerate() {
        match texts.get(i as u32).as_string() {
            Some(text) => {
                if let Err(e) = catalog::install(f, text) {
                    failed.push(format!("{e:?}"));
                }
            }
            None => failed.push(format!("{f}: not fetched")),
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        let text = failed.join("; ");
        web_sys::console::warn_1(&JsValue::from_str(&text));
        Err(text)
    }
}

/// Installs the documents among `files` that the boot script has already received (`window.xzzpTemplateTexts`),
/// without waiting; returns the files still to fetch. Mounting at once, in the same task as the module's start,
/// spares the first screen a turn of the event loop (about 50 ms at 1× when it waited for a promise).
pub fn take_arrived(files: Vec<&'static str>) -> Vec<&'static str> {
    let Some(texts) = js_sys::Reflect::get(&window(), &JsValue::from_str("xzzpTemplateTexts"))
        .ok()
        .filter(|v| v.is_object())
    else {
        return files;
    };
    files
        .into_iter()
        .filter(|f| {
            let key = JsValue::from_str(f);
            let text = js_sys::Reflect::get(&texts, &key)
                .ok()
                .and_then(|t| t.as_string());
            let _ = js_sys::Reflect::delete_property(texts.unchecked_ref::<js_sys::Object>(), &key);
            // A damaged copy is fetched again, by the way that reports failures.
            text.is_none_or(|t| catalog::install(f, t).is_err())
        })
        .collect()
}

/// The built-in frameworks and plan templates the stored data of this browser names (a quick look at
/// localStorage, before the store is opened), so that their documents are here before the first screen is drawn.
pub fn named_in_storage() -> Vec<&'static str> {
    let Some(storage) = window().local_storage().ok().flatten() else {
        return vec![];
    };
    let ids: Vec<&'static str> = catalog::template_ids().collect();
    let mut found = Vec::new();
    let len = storage.length().unwrap_or(0);
    for i in 0..len {
        let Some(value) = storage
            .key(i)
            .ok()
            .flatten()
            .and_then(|k| storage.get_item(&k).ok().flatten())
        else {
            continue;
        };
        for id in &ids {
            if !found.contains(id) && value.contains(&format!("\"{id}\"")) {
                found.push(*id);
            }
        }
        if found.len() == ids.len() {
            break;
        }
    }
    found
}

/// Waits until every built-in document is here (fetching what is not): for an action that needs them all,
/// such as building the sample schools. False when some could not be fetched.
pub async fn ready() -> bool {
    let missing = catalog::missing_files();
    missing.is_empty() || fetch(missing).await.is_ok()
}

/// [`ready`], and when some documents could not be fetched, says so to the user.
pub async fn ready_or_tell(state: crate::state::AppState) -> bool {
    let ok = ready().await;
    if !ok {
        state.tell(crate::notices::Notice::error(
            crate::i18n::K::TemplatesFailed,
        ));
    }
    ok
}
