//! The bytes of evidence files (佐证材料): one IndexedDB database of their own, one object store, each file a
//! `Blob` keyed by its SHA-256 in hex (the domain's [`ContentHash`]), so that the same photo attached twice is
//! stored once. A `File` the user picked is stored as it is: its bytes are read once, in slices, to compute its
//! digest, and never copied whole into WebAssembly memory. The metadata (who uses which blob) is the evidence
//! document of each evaluation in the document store; the blobs nobody uses are found by the workbench
//! ([`xzzp_core::store::workbench::Workbench::unused_blobs`]) and deleted by [`collect_garbage`].
//!
//! A database of its own (not a second object store beside the documents') so that its version and upgrades
//! never touch the documents' database.

use crate::backends::js_error;
use idb::{
    Database, DatabaseEvent, Factory, ObjectStore, ObjectStoreParams, Request, Transaction,
    TransactionMode,
};
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use xzzp_core::evidence::{ContentHash, Digester, EvidenceError, FileDigest};
use xzzp_core::store::workbench::Workbench;
use xzzp_core::store::BackendError;

const DB: &str = "xzzp-evidence";
const STORE: &str = "blobs";
/// Bytes read at a time when computing a file's digest.
const SLICE: f64 = 4.0 * 1024.0 * 1024.0;

async fn done<R: Request>(mut req: R) -> Result<JsValue, BackendError> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        req.on_success(move |_| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        req.on_error(move |_| {
            let _ = reject.call0(&JsValue::NULL);
        });
    });
    match JsFuture::from(promise).await {
        Ok(_) => req.result().map_err(|e| BackendError::Other(e.to_string())),
        Err(_) => Err(match req.error() {
            Ok(Some(ex)) => js_error(&ex.into()),
            _ => BackendError::Other("IndexedDB".into()),
        }),
    }
}

/// A future of a transaction's end: committed, or the error that aborted it (e.g. the quota).
pub(crate) fn committed(
    tx: &mut Transaction,
) -> impl std::future::Future<Output = Result<(), BackendError>> {
    let failed: Rc<RefCell<Option<web_sys::DomException>>> = Rc::default();
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        tx.on_complete(move |_| {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let (f1, f2) = (failed.clone(), failed.clone());
        let reject2 = reject.clone();
        tx.on_error(move |e| {
            if let Some(ex) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbRequest>().ok())
                .and_then(|r| r.error().ok().flatten())
            {
                *f1.borrow_mut() = Some(ex);
            }
            let _ = reject2.call0(&JsValue::NULL);
        });
        tx.on_abort(move |e| {
            if f2.borrow().is_none() {
                if let Some(ex) = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::IdbTransaction>().ok())
                    .and_then(|t| t.error())
                {
                    *f2.borrow_mut() = Some(ex);
                }
            }
            let _ = reject.call0(&JsValue::NULL);
        });
    });
    async move {
        match JsFuture::from(promise).await {
            Ok(_) => Ok(()),
            Err(_) => Err(match failed.borrow_mut().take() {
                Some(ex) => js_error(&ex.into()),
                None => BackendError::Other("IndexedDB: transaction aborted".into()),
            }),
        }
    }
}

fn other(e: idb::Error) -> BackendError {
    BackendError::Other(e.to_string())
}

async fn open_version(version: Option<u32>) -> Result<Database, BackendError> {
    let factory = Factory::new().map_err(other)?;
    // Without a version: the current one (a new database is created at 1, with the upgrade below).
    let mut req = factory.open(DB, version).map_err(other)?;
    req.on_upgrade_needed(|event| {
        if let Ok(db) = event.database() {
            if !db.store_names().iter().any(|n| n == STORE) {
                let _ = db.create_object_store(STORE, ObjectStoreParams::new());
            }
        }
    });
    Ok(done(req)
        .await?
        .unchecked_into::<web_sys::IdbDatabase>()
        .into())
}

/// The evidence blob store of this browser.
pub struct BlobStore {
    db: Database,
}

thread_local! {
    static OPEN: RefCell<Option<Rc<BlobStore>>> = const { RefCell::new(None) };
    /// Blobs written for an attach whose document is not saved yet: never collected as unused.
    static PENDING: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

impl BlobStore {
    /// Opens (creating if needed) the database; fails where the browser offers no IndexedDB. A database of
    /// this name without the object store (made by something else) is upgraded to one that has it.
    pub async fn open() -> Result<BlobStore, BackendError> {
        let db = open_version(None).await?;
        if db.store_names().iter().any(|n| n == STORE) {
            return Ok(BlobStore { db });
        }
        let next = db.version().map_err(other)? + 1;
        db.close();
        Ok(BlobStore {
            db: open_version(Some(next)).await?,
        })
    }

    /// The store of this tab, opened once.
    pub async fn shared() -> Result<Rc<BlobStore>, BackendError> {
        if let Some(s) = OPEN.with(|o| o.borrow().clone()) {
            return Ok(s);
        }
        let s = Rc::new(BlobStore::open().await?);
        OPEN.with(|o| *o.borrow_mut() = Some(s.clone()));
        Ok(s)
    }

    fn tx(&self, mode: TransactionMode) -> Result<(Transaction, ObjectStore), BackendError> {
        let tx = self.db.transaction(&[STORE], mode).map_err(other)?;
        let store = tx.object_store(STORE).map_err(other)?;
        Ok((tx, store))
    }

    /// Stores the bytes of a blob under its hash (writing the same bytes again is harmless). Succeeds only
    /// once the transaction is committed: a quota error can come that late.
    pub async fn put(&self, hash: &ContentHash, blob: &web_sys::Blob) -> Result<(), BackendError> {
        let (mut tx, store) = self.tx(TransactionMode::ReadWrite)?;
        let end = committed(&mut tx);
        let key = JsValue::from_str(hash.as_str());
        done(store.put(blob, Some(&key)).map_err(other)?).await?;
        end.await
    }

    /// The blob stored under a hash.
    pub async fn get(&self, hash: &ContentHash) -> Result<Option<web_sys::Blob>, BackendError> {
        let (_tx, store) = self.tx(TransactionMode::ReadOnly)?;
        let key = JsValue::from_str(hash.as_str());
        let v = done(store.get(key).map_err(other)?).await?;
        Ok(v.dyn_into::<web_sys::Blob>().ok())
    }

    /// Deletes the blob under a hash.
    pub async fn remove(&self, hash: &ContentHash) -> Result<(), BackendError> {
        let (mut tx, store) = self.tx(TransactionMode::ReadWrite)?;
        let end = committed(&mut tx);
        let key = JsValue::from_str(hash.as_str());
        done(store.delete(key).map_err(other)?).await?;
        end.await
    }

    /// The hashes of every stored blob.
    pub async fn hashes(&self) -> Result<BTreeSet<ContentHash>, BackendError> {
        let (_tx, store) = self.tx(TransactionMode::ReadOnly)?;
        let v = done(store.get_all_keys(None, None).map_err(other)?).await?;
        let keys: js_sys::Array = v.unchecked_into();
        Ok(keys
            .iter()
            .filter_map(|k| k.as_string())
            .filter_map(|k| ContentHash::parse(&k))
            .collect())
    }
}

/// What a failed write of evidence bytes means for the user: storage full becomes the domain's
/// [`EvidenceError::StorageFull`] with the room needed and left, or [`EvidenceError::StorageRefused`] when
/// the browser's estimate (`available`, `u64::MAX` when it gave none) said there was room; anything else is
/// the store's own message.
pub fn write_error(
    e: BackendError,
    needed: u64,
    available: u64,
) -> Result<EvidenceError, BackendError> {
    match e {
        BackendError::Quota if available >= needed => Ok(EvidenceError::StorageRefused { needed }),
        BackendError::Quota => Ok(EvidenceError::StorageFull { needed, available }),
        other => Err(other),
    }
}

/// Reads a blob once, in slices, and computes its digest (SHA-256, CRC-32, size).
pub async fn digest(blob: &web_sys::Blob) -> Result<FileDigest, String> {
    let mut d = Digester::new();
    let size = blob.size();
    let mut at = 0.0;
    while at < size {
        let end = (at + SLICE).min(size);
        let part = blob
            .slice_with_f64_and_f64(at, end)
            .map_err(|e| crate::download::js_detail(&e))?;
        let buf = JsFuture::from(part.array_buffer())
            .await
            .map_err(|e| crate::download::js_detail(&e))?;
        d.update(&js_sys::Uint8Array::new(&buf).to_vec());
        at = end;
    }
    Ok(d.finish())
}

/// The first bytes of a blob (to tell what it really is before previewing it).
pub async fn head(blob: &web_sys::Blob) -> Vec<u8> {
    let Ok(part) = blob.slice_with_f64_and_f64(0.0, 16.0) else {
        return vec![];
    };
    match JsFuture::from(part.array_buffer()).await {
        Ok(buf) => js_sys::Uint8Array::new(&buf).to_vec(),
        Err(_) => vec![],
    }
}

/// Marks blobs as being attached (or done with), so that a collection running meanwhile keeps them.
pub fn set_pending(hashes: &[ContentHash], pending: bool) {
    PENDING.with(|p| {
        let mut p = p.borrow_mut();
        for h in hashes {
            if pending {
                p.insert(h.as_str().to_string());
            } else {
                p.remove(h.as_str());
            }
        }
    });
}

/// Deletes the stored blobs that no evidence document of any profile uses any more (after an evaluation,
/// school or profile was removed, or a save was interrupted). Returns how many were deleted.
pub async fn collect_garbage(wb: Rc<Workbench>) -> Result<usize, BackendError> {
    let store = BlobStore::shared().await?;
    let stored = store.hashes().await?;
    let unused: Vec<ContentHash> = wb
        .unused_blobs(&stored)
        .into_iter()
        .filter(|h| !PENDING.with(|p| p.borrow().contains(h.as_str())))
        .collect();
    for h in &unused {
        store.remove(h).await?;
    }
    Ok(unused.len())
}
