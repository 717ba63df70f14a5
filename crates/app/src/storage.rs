//! The one door to browser storage (localStorage).
//!
//! Values are written in the versioned envelope of [`xzzp_core::persist`]. A value that cannot be read is
//! put in quarantine: it is never overwritten until the user has been told and has chosen to discard it, so a
//! save this version cannot read is never silently replaced. Writes check the revision they expect, so that one
//! tab cannot overwrite what another tab wrote after it last read.

use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeSet;
use wasm_bindgen::JsCast;
use xzzp_core::persist::{self, DecodeError, Decoded};

/// What can go wrong with storage.
#[derive(Debug, Clone, PartialEq)]
pub enum StorageError {
    /// The browser has no usable localStorage (disabled, private mode with storage blocked, …).
    Unavailable,
    /// The browser refused the write because its storage is full.
    Quota,
    /// The stored value could not be read; it is kept untouched.
    Unreadable {
        /// The key.
        key: String,
        /// Why.
        problem: DecodeError,
    },
    /// Another tab wrote this key after this tab last read it.
    Conflict {
        /// The key.
        key: String,
    },
    /// The key holds a value that could not be read and has not been released by the user.
    Quarantined {
        /// The key.
        key: String,
    },
    /// Anything else the browser reported.
    Other(String),
}

impl StorageError {
    /// A plain Chinese message for the user.
    pub fn zh(&self) -> String {
        match self {
            StorageError::Unavailable => {
                "浏览器禁用了本地存储，填写的内容无法保存。请在浏览器设置中允许本网站保存数据（或退出无痕/隐私模式）后刷新页面。".into()
            }
            StorageError::Quota => {
                "浏览器存储空间已满，最近的修改没有保存（页面上的内容仍在）。请先到“数据管理”下载备份，再删除不需要的自评或学校。".into()
            }
            StorageError::Unreadable { problem, .. } => {
                format!("{}。原始数据已原样保留，未被覆盖，可在“数据管理”下载。", problem.zh())
            }
            StorageError::Conflict { .. } => {
                "另一个窗口刚刚修改了同一份数据，已载入那边的最新内容，请再确认一下您的修改。".into()
            }
            StorageError::Quarantined { .. } => {
                "这份数据无法读取，为避免覆盖原始内容，修改暂不保存。请到“数据管理”下载原始数据后再决定是否清除。".into()
            }
            StorageError::Other(e) => format!("保存失败：{e}"),
        }
    }

    /// A plain English message.
    pub fn en(&self) -> String {
        match self {
            StorageError::Unavailable => "This browser blocks local storage, so nothing can be saved. Allow this site to store data (or leave private mode) and reload.".into(),
            StorageError::Quota => "The browser's storage is full: the latest change was not saved (it is still on screen). Download a backup under Data, then delete evaluations or schools you no longer need.".into(),
            StorageError::Unreadable { .. } => "Stored data could not be read. It has been kept untouched and can be downloaded under Data.".into(),
            StorageError::Conflict { .. } => "Another window has just changed the same data. Its latest version has been loaded; please check your change.".into(),
            StorageError::Quarantined { .. } => "This data could not be read, so changes are not saved to avoid overwriting it. Download the original under Data first.".into(),
            StorageError::Other(e) => format!("Saving failed: {e}"),
        }
    }
}

thread_local! {
    static QUARANTINE: RefCell<BTreeSet<String>> = const { RefCell::new(BTreeSet::new()) };
}

fn local() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        _ => Err(StorageError::Unavailable),
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> StorageError {
    if let Some(ex) = e.dyn_ref::<web_sys::DomException>() {
        // Chromium and Firefox name it differently; the legacy code 22 covers old engines.
        if ex.name() == "QuotaExceededError"
            || ex.name() == "NS_ERROR_DOM_QUOTA_REACHED"
            || ex.code() == 22
        {
            return StorageError::Quota;
        }
        return StorageError::Other(ex.message());
    }
    StorageError::Other(format!("{e:?}"))
}

/// Whether localStorage can be written at all.
pub fn available() -> bool {
    let Ok(s) = local() else { return false };
    let probe = format!("{}probe", persist::PREFIX);
    let ok = s.set_item(&probe, "1").is_ok();
    let _ = s.remove_item(&probe);
    ok
}

/// The raw text stored under a key.
pub fn raw(key: &str) -> Result<Option<String>, StorageError> {
    local()?.get_item(key).map_err(js_error)
}

/// Reads and decodes a value. An unreadable value is quarantined and reported; it stays in storage.
pub fn load<T: DeserializeOwned>(key: &str) -> Result<Option<Decoded<T>>, StorageError> {
    let Some(text) = raw(key)? else {
        return Ok(None);
    };
    match persist::decode(&text) {
        Ok(d) => Ok(Some(d)),
        Err(problem) => {
            QUARANTINE.with(|q| q.borrow_mut().insert(key.to_string()));
            Err(StorageError::Unreadable {
                key: key.to_string(),
                problem,
            })
        }
    }
}

/// Writes a value if the stored revision is still `expected_rev` (`None`: the key must not exist yet).
/// Returns the new revision.
pub fn save<T: Serialize>(
    key: &str,
    value: &T,
    expected_rev: Option<u64>,
) -> Result<u64, StorageError> {
    if is_quarantined(key) {
        return Err(StorageError::Quarantined {
            key: key.to_string(),
        });
    }
    let s = local()?;
    let current = s.get_item(key).map_err(js_error)?;
    let current_rev = current
        .as_deref()
        .map(|r| persist::peek_rev(r).unwrap_or(0));
    if current_rev != expected_rev && current.is_some() {
        return Err(StorageError::Conflict {
            key: key.to_string(),
        });
    }
    let rev = current_rev.unwrap_or(0) + 1;
    s.set_item(key, &persist::encode(value, rev))
        .map_err(js_error)?;
    Ok(rev)
}

/// Removes a key (and releases its quarantine).
pub fn remove(key: &str) -> Result<(), StorageError> {
    QUARANTINE.with(|q| q.borrow_mut().remove(key));
    local()?.remove_item(key).map_err(js_error)
}

/// Whether a key is held in quarantine.
pub fn is_quarantined(key: &str) -> bool {
    QUARANTINE.with(|q| q.borrow().contains(key))
}

/// Keys currently in quarantine.
pub fn quarantined() -> Vec<String> {
    QUARANTINE.with(|q| q.borrow().iter().cloned().collect())
}

/// Every key that starts with `prefix`.
pub fn keys_with_prefix(prefix: &str) -> Vec<String> {
    let Ok(s) = local() else { return vec![] };
    let n = s.length().unwrap_or(0);
    (0..n)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect()
}

/// How many UTF-16 code units (keys plus values) one origin may keep in localStorage. Chromium, Edge and
/// Firefox allow 5 Mi of them (measured in Chromium 156: 5 242 879 fit).
pub const CAPACITY_CHARS: u64 = 5 * 1024 * 1024;

/// UTF-16 code units taken by the keys starting with `prefix` (all keys with `""`).
pub fn chars_used(prefix: &str) -> u64 {
    let Ok(s) = local() else { return 0 };
    keys_with_prefix(prefix)
        .iter()
        .map(|k| {
            let v = s.get_item(k).ok().flatten().unwrap_or_default();
            (k.encode_utf16().count() + v.encode_utf16().count()) as u64
        })
        .sum()
}

/// Bytes this app's keys take in localStorage (browsers count UTF-16 code units, two bytes each).
pub fn bytes_used() -> u64 {
    2 * chars_used(persist::PREFIX)
}

/// Writes raw text under a key without a revision check, returning what was there before, so that a
/// multi-key import can be undone if a later write fails. Quarantined keys are never written.
pub fn replace_raw(key: &str, text: &str) -> Result<Option<String>, StorageError> {
    if is_quarantined(key) {
        return Err(StorageError::Quarantined {
            key: key.to_string(),
        });
    }
    let s = local()?;
    let before = s.get_item(key).map_err(js_error)?;
    s.set_item(key, text).map_err(js_error)?;
    Ok(before)
}

/// Puts back what [`replace_raw`] returned.
pub fn restore_raw(key: &str, before: Option<&str>) {
    if let Ok(s) = local() {
        let _ = match before {
            Some(t) => s.set_item(key, t),
            None => s.remove_item(key),
        };
    }
}
