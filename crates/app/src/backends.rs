//! The browser's storage behind the core's [`Backend`] trait: localStorage for small documents, and IndexedDB
//! for large ones. IndexedDB is asynchronous; the store is not, so IndexedDB is read into memory once at start
//! and every change is written back in the background ([`IdbMirror`]). A write that IndexedDB refuses (storage
//! full) is reported; the value stays in memory and is written again with the next change. An action that must
//! not say "done" before the write is stored (the county import) holds its key and waits for it
//! ([`IdbMirror::hold`], [`IdbMirror::settled`]); the failure is then the action's to report.

use idb::{Database, DatabaseEvent, Factory, ObjectStoreParams, Request, TransactionMode};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use xzzp_core::store::mirror::MirrorCopy;
use xzzp_core::store::{Backend, BackendError, StoreError};

/// localStorage.
pub struct LocalBackend;

fn local() -> Result<web_sys::Storage, BackendError> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or(BackendError::Unavailable)
}

/// What a browser error means for storage.
pub fn js_error(e: &JsValue) -> BackendError {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        // Chromium and Firefox name it differently; the legacy code 22 covers old engines.
        if ex.name() == "QuotaExceededError"
            || ex.name() == "NS_ERROR_DOM_QUOTA_REACHED"
            || ex.code() == 22
        {
            return BackendError::Quota;
        }
        return BackendError::Other(format!("{}: {}", ex.name(), ex.message()));
    }
    BackendError::Other(crate::download::js_detail(e))
}

impl Backend for LocalBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        local()?.get_item(key).map_err(|e| js_error(&e))
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        local()?.set_item(key, value).map_err(|e| js_error(&e))
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        local()?.remove_item(key).map_err(|e| js_error(&e))
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        let s = local()?;
        let n = s.length().map_err(|e| js_error(&e))?;
        Ok((0..n).filter_map(|i| s.key(i).ok().flatten()).collect())
    }
}

const DB: &str = "xzzp";
const STORE: &str = "docs";

/// Turns an IndexedDB request into a future of its result.
async fn done<R: Request>(mut req: R) -> Result<JsValue, BackendError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let reject2 = reject.clone();
        req.on_success(move |_| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        req.on_error(move |_| {
            let _ = reject2.call0(&JsValue::NULL);
        });
        let _ = reject;
    });
    let outcome = wasm_bindgen_futures::JsFuture::from(promise).await;
    match outcome {
        Ok(_) => req.result().map_err(|e| BackendError::Other(e.to_string())),
        Err(_) => Err(match req.error() {
            Ok(Some(ex)) => js_error(&ex.into()),
            _ => BackendError::Other("IndexedDB".into()),
        }),
    }
}

type OnFailure = Rc<dyn Fn(StoreError)>;

/// One of the two requests a write makes.
enum Either<P, D> {
    Put(P),
    Delete(D),
}

/// What an IndexedDB call's error means for storage (the exception it carries, when it carries one).
fn idb_error(e: idb::Error) -> BackendError {
    match e {
        idb::Error::UpdateFailed(v) | idb::Error::AddFailed(v) | idb::Error::DeleteFailed(v) => {
            js_error(&v)
        }
        idb::Error::DomException(ex) => js_error(&ex.into()),
        e => BackendError::Other(e.to_string()),
    }
}

/// A write's outcome as a promise's value (never a rejection, so that nobody waiting is not an error).
fn outcome_value(r: &Result<(), BackendError>) -> JsValue {
    match r {
        Ok(()) => JsValue::NULL,
        Err(BackendError::Quota) => JsValue::from_str("quota"),
        Err(BackendError::Unavailable) => JsValue::from_str("unavailable"),
        Err(BackendError::Other(s)) => JsValue::from_str(&format!("other:{s}")),
    }
}

fn outcome_of(v: &JsValue) -> Result<(), BackendError> {
    match v.as_string().as_deref() {
        None => Ok(()),
        Some("quota") => Err(BackendError::Quota),
        Some("unavailable") => Err(BackendError::Unavailable),
        Some(s) => Err(BackendError::Other(
            s.strip_prefix("other:").unwrap_or(s).to_string(),
        )),
    }
}

/// The large tier: an in-memory copy of IndexedDB's object store, written back in the background.
pub struct IdbMirror {
    mem: MirrorCopy,
    db: Database,
    failed: RefCell<Option<OnFailure>>,
    stored: RefCell<Option<OnStored>>,
    /// The latest background write of each key, resolving to its outcome ([`outcome_value`]).
    pending: RefCell<BTreeMap<String, js_sys::Promise>>,
    /// Keys whose failed writes an action waits for and reports itself.
    held: RefCell<BTreeSet<String>>,
}

type OnStored = Rc<dyn Fn(&str)>;

impl IdbMirror {
    /// Opens (creating if needed) the database and reads every entry. Fails when the browser offers no
    /// IndexedDB (some private modes); the caller then keeps large documents in localStorage.
    pub async fn open() -> Result<IdbMirror, BackendError> {
        let factory = Factory::new().map_err(|e| BackendError::Other(e.to_string()))?;
        let mut req = factory
            .open(DB, Some(1))
            .map_err(|e| BackendError::Other(e.to_string()))?;
        req.on_upgrade_needed(|event| {
            if let Ok(db) = event.database() {
                if !db.store_names().iter().any(|n| n == STORE) {
                    let _ = db.create_object_store(STORE, ObjectStoreParams::new());
                }
            }
        });
        let db: Database = done(req)
            .await?
            .unchecked_into::<web_sys::IdbDatabase>()
            .into();
        let mem = MirrorCopy::new();
        {
            let tx = db
                .transaction(&[STORE], TransactionMode::ReadOnly)
                .map_err(|e| BackendError::Other(e.to_string()))?;
            let store = tx
                .object_store(STORE)
                .map_err(|e| BackendError::Other(e.to_string()))?;
            let keys = done(
                store
                    .get_all_keys(None, None)
                    .map_err(|e| BackendError::Other(e.to_string()))?,
            )
            .await?;
            let values = done(
                store
                    .get_all(None, None)
                    .map_err(|e| BackendError::Other(e.to_string()))?,
            )
            .await?;
            let keys: js_sys::Array = keys.unchecked_into();
            let values: js_sys::Array = values.unchecked_into();
            for (k, v) in keys.iter().zip(values.iter()) {
                if let (Some(k), Some(v)) = (k.as_string(), v.as_string()) {
                    mem.adopt(&k, Some(&v));
                }
            }
        }
        Ok(IdbMirror {
            mem,
            db,
            failed: RefCell::new(None),
            stored: RefCell::new(None),
            pending: RefCell::default(),
            held: RefCell::default(),
        })
    }

    /// The text held in memory under a key.
    pub fn get(&self, key: &str) -> Option<String> {
        self.mem.get(key).ok().flatten()
    }

    /// Takes a value into memory that IndexedDB already stored.
    pub fn adopt(&self, key: &str, value: &str) {
        self.mem.adopt(key, Some(value));
    }

    /// Where failures of background writes are reported.
    pub fn on_failure(&self, f: impl Fn(StoreError) + 'static) {
        *self.failed.borrow_mut() = Some(Rc::new(f));
    }

    /// Called with the key once a background write is in IndexedDB: only then can another tab read it, so
    /// that is when the write is announced.
    pub fn on_stored(&self, f: impl Fn(&str) + 'static) {
        *self.stored.borrow_mut() = Some(Rc::new(f));
    }

    /// Writes one key to IndexedDB (or removes it with `None`) and waits until the transaction is committed: a
    /// full disk is reported when the transaction ends, after the request itself succeeded.
    pub async fn persist(&self, key: &str, value: Option<&str>) -> Result<(), BackendError> {
        let mut tx = self
            .db
            .transaction(&[STORE], TransactionMode::ReadWrite)
            .map_err(idb_error)?;
        let store = tx.object_store(STORE).map_err(idb_error)?;
        let k = JsValue::from_str(key);
        // The request first: when the browser refuses it at once, no listener is left on the transaction.
        let req = match value {
            Some(v) => Either::Put(
                store
                    .put(&JsValue::from_str(v), Some(&k))
                    .map_err(idb_error)?,
            ),
            None => Either::Delete(store.delete(k).map_err(idb_error)?),
        };
        let end = crate::blobs::committed(&mut tx);
        let asked = match req {
            Either::Put(r) => done(r).await,
            Either::Delete(r) => done(r).await,
        };
        // Wait for the end even after a failed request, so that the transaction's listeners outlive its events.
        let ended = end.await;
        asked?;
        ended
    }

    /// From now on, a failed background write of `key` is not reported: the caller waits for it with
    /// [`IdbMirror::settled`] and says what was not saved. Undone by [`IdbMirror::release`].
    pub fn hold(&self, key: &str) {
        self.held.borrow_mut().insert(key.to_string());
    }

    /// Failed writes of `key` are reported again.
    pub fn release(&self, key: &str) {
        self.held.borrow_mut().remove(key);
    }

    /// Waits for the latest background write of `key` and returns its outcome (`Ok` when none was made).
    pub async fn settled(&self, key: &str) -> Result<(), BackendError> {
        let Some(p) = self.pending.borrow().get(key).cloned() else {
            return Ok(());
        };
        let v = wasm_bindgen_futures::JsFuture::from(p)
            .await
            .unwrap_or(JsValue::NULL);
        outcome_of(&v)
    }

    /// Reads one key again from IndexedDB into memory (another tab changed it), unless a write of this tab to
    /// the key is still on its way: that write is newer and is stored after the read ([`MirrorCopy`]).
    pub async fn refresh(&self, key: &str) {
        let Ok(tx) = self.db.transaction(&[STORE], TransactionMode::ReadOnly) else {
            return;
        };
        let Ok(store) = tx.object_store(STORE) else {
            return;
        };
        let Ok(req) = store.get(JsValue::from_str(key)) else {
            return;
        };
        if let Ok(v) = done(req).await {
            let _ = self.mem.take_read(key, v.as_string().as_deref());
        }
    }

    fn background(self: &Rc<Self>, key: &str, value: Option<String>) {
        let me = self.clone();
        let k = key.to_string();
        let promise = wasm_bindgen_futures::future_to_promise(async move {
            let r = me.persist(&k, value.as_deref()).await;
            // Stored or refused, the write is no longer on its way: another tab's value read after it may be
            // taken into memory again.
            me.mem.write_ended(&k);
            match &r {
                Ok(()) => {
                    let f = me.stored.borrow().clone();
                    if let Some(f) = f {
                        f(&k);
                    }
                }
                Err(e) => {
                    let f = me.failed.borrow().clone();
                    if let (Some(f), false) = (f, me.held.borrow().contains(&k)) {
                        f(e.clone().into());
                    }
                }
            }
            Ok(outcome_value(&r))
        });
        self.pending.borrow_mut().insert(key.to_string(), promise);
    }
}

/// The mirror as a backend: reads and writes memory at once and IndexedDB in the background.
pub struct LargeBackend(pub Rc<IdbMirror>);

impl Backend for LargeBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.0.mem.get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.0.mem.write(key, Some(value))?;
        self.0.background(key, Some(value.to_string()));
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.0.mem.write(key, None)?;
        self.0.background(key, None);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.0.mem.keys()
    }

    fn restore(&self, key: &str, stored: Option<&str>) {
        // IndexedDB still holds `stored`: only the copy in memory is put back, nothing is written.
        self.0.mem.adopt(key, stored);
    }
}
