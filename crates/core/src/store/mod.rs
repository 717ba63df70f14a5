//! The document store: the one door to stored data, for every kind of document.
//!
//! Every value is a versioned envelope (see [`crate::persist`]). A value that cannot be read is an explicit
//! [`Read::Unreadable`] state: it is put in quarantine and never overwritten until the user has been told and
//! has chosen to discard it, and a backup carries its raw text. A write goes through only when the stored text
//! is the one this store last read or wrote, so that one tab cannot overwrite what another tab wrote after it
//! last read. Writes still cross (each tab writes its own copy; the browser orders them later), so every value
//! carries marks of the edits it includes ([`persist::Marks`]), and this tab's recent edits are kept for a few
//! seconds in a journal: when another tab's value lacks one of them, it is re-applied on top (see
//! [`doc::DocCell`]; `sim.rs` replays crossing writes in thousands of orders). Documents live in one of two tiers ([`Tier`]): small ones in localStorage, large
//! ones in IndexedDB; both sit behind the same [`Backend`] trait, so all of this runs on the host in tests.

pub mod backend;
pub mod doc;
pub mod kind;
pub mod migrate;
pub mod mirror;
pub mod usage;
pub mod workbench;

pub use backend::{Backend, BackendError, MemoryBackend};
pub use kind::{Kind, Tier};

use crate::i18n::{Lang, Localized};
use crate::persist::{self, DecodeError, ProfileKeys};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

/// How long an edit is kept for merging with a crossing write from another tab. Tabs see each other's writes
/// within milliseconds; seconds leave a wide margin on a slow computer.
pub const JOURNAL_MS: f64 = 5000.0;

/// A stored value that could not be read, with its raw text (kept untouched).
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// The key.
    pub key: String,
    /// The text as stored.
    pub raw: String,
    /// Why it could not be read.
    pub problem: DecodeError,
}

/// What reading a key found.
#[derive(Debug, Clone, PartialEq)]
pub enum Read<T> {
    /// Nothing is stored under the key.
    Missing,
    /// The value, migrated to the current schema.
    Ready(T),
    /// Something is stored but cannot be read; it is in quarantine.
    Unreadable(Unreadable),
}

/// What can go wrong when storing.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreError {
    /// The browser offers no usable storage.
    Unavailable,
    /// The browser's storage is full; the change is kept in memory only.
    Quota,
    /// Another tab wrote this key after this tab last read it (resolved by re-applying, see the journal).
    Conflict {
        /// The key.
        key: String,
    },
    /// The key holds a value that could not be read and has not been released by the user.
    Quarantined {
        /// The key.
        key: String,
    },
    /// A stored value that could not be read was found.
    Unreadable(Unreadable),
    /// The document is not open (nothing to change).
    NotOpen,
    /// Anything else the browser reported.
    Other(String),
}

impl From<BackendError> for StoreError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::Unavailable => StoreError::Unavailable,
            BackendError::Quota => StoreError::Quota,
            BackendError::Other(m) => StoreError::Other(m),
        }
    }
}

impl Localized for DecodeError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::NotJson(_), Lang::Zh) => {
                "数据已损坏（可能被截断或手工修改），无法读取".into()
            }
            (DecodeError::NotJson(_), Lang::En) => {
                "The data is damaged (cut off or edited by hand) and cannot be read".into()
            }
            (DecodeError::NotEnvelope, Lang::Zh) => "数据格式不是本工具保存的格式".into(),
            (DecodeError::NotEnvelope, Lang::En) => "The data is not in this tool's format".into(),
            (DecodeError::Newer(v), Lang::Zh) => format!(
                "数据来自更新版本的本工具（数据版本 {v}，本版本只能读取到 {}），请使用新版本打开",
                persist::SCHEMA
            ),
            (DecodeError::Newer(v), Lang::En) => format!(
                "The data was written by a newer version of this tool (data version {v}; this version reads up to {}). Open it with the newer version",
                persist::SCHEMA
            ),
            (DecodeError::BadData(_), Lang::Zh) => "数据内容不完整或结构不符，无法读取".into(),
            (DecodeError::BadData(_), Lang::En) => {
                "The data is incomplete or has the wrong structure and cannot be read".into()
            }
        }
    }
}

impl Localized for StoreError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Unavailable, Lang::Zh) => "浏览器禁用了本地存储，填写的内容无法保存。请在浏览器设置中允许本网站保存数据（或退出无痕/隐私模式）后刷新页面。".into(),
            (StoreError::Unavailable, Lang::En) => "This browser blocks local storage, so nothing can be saved. Allow this site to store data (or leave private mode) and reload.".into(),
            (StoreError::Quota, Lang::Zh) => "浏览器存储空间已满，最近的修改没有保存（页面上的内容仍在）。请先到“数据管理”下载备份，再删除不需要的自评或学校。".into(),
            (StoreError::Quota, Lang::En) => "The browser's storage is full: the latest change was not saved (it is still on screen). Download a backup under Data, then delete evaluations or schools you no longer need.".into(),
            (StoreError::Unreadable(u), Lang::Zh) => format!("{}。原始数据已原样保留，未被覆盖，可在“数据管理”下载。", u.problem.text(lang)),
            (StoreError::Unreadable(u), Lang::En) => format!("{}. It has been kept untouched and can be downloaded under Data.", u.problem.text(lang)),
            (StoreError::Conflict { .. }, Lang::Zh) => "另一个窗口刚刚修改了同一份数据，已载入那边的最新内容，请再确认一下您的修改。".into(),
            (StoreError::Conflict { .. }, Lang::En) => "Another window has just changed the same data. Its latest version has been loaded; please check your change.".into(),
            (StoreError::Quarantined { .. }, Lang::Zh) => "这份数据无法读取，为避免覆盖原始内容，修改暂不保存。请到“数据管理”下载原始数据后再决定是否清除。".into(),
            (StoreError::Quarantined { .. }, Lang::En) => "This data could not be read, so changes are not saved to avoid overwriting it. Download the original under Data first.".into(),
            (StoreError::NotOpen, Lang::Zh) => "没有打开要修改的内容，请先选择学校或自评。".into(),
            (StoreError::NotOpen, Lang::En) => "Nothing is open to change; choose a school or an evaluation first.".into(),
            (StoreError::Other(e), Lang::Zh) => format!("保存失败：浏览器报告“{e}”。请刷新页面后重试。"),
            (StoreError::Other(e), Lang::En) => format!("Saving failed: the browser reported “{e}”. Reload the page and try again."),
        }
    }
}

/// What the store tells the interface.
#[derive(Debug, Clone, PartialEq)]
pub enum StoreEvent {
    /// A key was written by this store.
    Saved {
        /// The key.
        key: String,
    },
    /// A key was removed by this store.
    Removed {
        /// The key.
        key: String,
    },
    /// Something went wrong (shown to the user).
    Failed(StoreError),
}

/// One value of a [`Store::write_batch`].
#[derive(Debug, Clone, PartialEq)]
pub enum Payload {
    /// The JSON of a value; it is written in the current envelope.
    Value(String),
    /// Text written exactly as given (an unreadable document's original text).
    Raw(String),
}

impl Payload {
    /// The payload of a value.
    pub fn of<T: Serialize>(value: &T) -> Payload {
        Payload::Value(serde_json::to_string(value).expect("domain values always serialise"))
    }
}

/// An edit kept in the journal: applies itself to a document of its kind (the document's type is erased, since
/// the journal holds edits of every kind); false when it does not apply any more.
pub type Change = Rc<dyn Fn(&mut dyn std::any::Any) -> bool>;
type Listener = Rc<dyn Fn(StoreEvent)>;

struct JournalEntry {
    key: String,
    at: f64,
    /// The edit's number, as the marks of a value that carries it name it.
    edit: u64,
    change: Change,
}

/// Names the stores of one process apart when nobody gave them a name (host tests); the browser edge gives
/// each tab's store a random one.
static NEXT_WRITER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// What another tab's (or another module's) write means for this store.
pub enum External {
    /// The value is what this store last read or wrote: nothing to do.
    Same,
    /// The value changed: reload it.
    Reload {
        /// This store's recent edits of the key that the other write lacks (it crossed them), with their
        /// numbers: to re-apply after reloading, in the order they were made.
        reapply: Vec<(u64, Change)>,
    },
}

/// The store: backends, revisions, quarantine and the journal of recent edits. One per module per tab.
pub struct Store {
    local: Rc<dyn Backend>,
    large: RefCell<Rc<dyn Backend>>,
    large_ready: Cell<bool>,
    profile: RefCell<String>,
    clock: Rc<dyn Fn() -> f64>,
    revs: RefCell<BTreeMap<String, u64>>,
    /// The raw text this store last read or wrote per key, to tell an echo of its own write from news.
    seen: RefCell<BTreeMap<String, String>>,
    quarantine: RefCell<BTreeMap<String, Unreadable>>,
    journal: RefCell<Vec<JournalEntry>>,
    listener: RefCell<Option<Listener>>,
    /// This store's name in the marks of what it writes.
    writer: RefCell<String>,
    /// The number of this store's latest edit.
    edits: Cell<u64>,
}

impl Store {
    /// A store over two backends (localStorage and the large tier) with a clock in milliseconds.
    pub fn new(
        local: Rc<dyn Backend>,
        large: Rc<dyn Backend>,
        clock: Rc<dyn Fn() -> f64>,
    ) -> Rc<Store> {
        Rc::new(Store {
            local,
            large: RefCell::new(large),
            large_ready: Cell::new(true),
            profile: RefCell::new(persist::DEFAULT_PROFILE.to_string()),
            clock,
            revs: RefCell::default(),
            seen: RefCell::default(),
            quarantine: RefCell::default(),
            journal: RefCell::default(),
            listener: RefCell::default(),
            writer: RefCell::new(format!(
                "s{}",
                NEXT_WRITER.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            )),
            edits: Cell::new(0),
        })
    }

    /// A store over fresh memory backends, for tests.
    pub fn in_memory() -> Rc<Store> {
        Store::new(
            Rc::new(MemoryBackend::new()),
            Rc::new(MemoryBackend::new()),
            Rc::new(|| 0.0),
        )
    }

    /// Names this store in the marks of what it writes: unique per tab and module (the browser edge gives a
    /// random name), so that another tab can tell whether a value includes this store's edit.
    pub fn set_writer(&self, name: &str) {
        *self.writer.borrow_mut() = name.to_string();
    }

    /// A new edit's number.
    pub fn next_edit(&self) -> u64 {
        self.edits.set(self.edits.get() + 1);
        self.edits.get()
    }

    /// The marks for a new write built on `base` (the text it replaces) that adds `edits` of this store: the
    /// base's marks of writers still within the window, and this store's own, trimmed to the edits its journal
    /// still holds.
    fn marks_for(&self, base: Option<&str>, edits: &[u64]) -> persist::Marks {
        let now = self.now().max(0.0) as u64;
        let mut marks = base.and_then(persist::peek_marks).unwrap_or_default();
        let window = (2.0 * JOURNAL_MS) as u64;
        let me = self.writer.borrow().clone();
        marks.retain(|w, (_, at)| *w == me || now.saturating_sub(*at) <= window);
        let oldest = self.journal.borrow().iter().map(|e| e.edit).min();
        let mine = marks.entry(me.clone()).or_default();
        mine.1 = now;
        // Edits older than the journal are settled: nobody asks about them any more.
        mine.0.retain(|r| oldest.is_some_and(|o| r.1 >= o));
        for &e in edits {
            add_to_ranges(&mut mine.0, e);
        }
        if mine.0.is_empty() {
            marks.remove(&me);
        }
        marks
    }

    /// Receives the store's events (saves, removals, failures).
    pub fn listen(&self, f: impl Fn(StoreEvent) + 'static) {
        *self.listener.borrow_mut() = Some(Rc::new(f));
    }

    fn emit(&self, e: StoreEvent) {
        let l = self.listener.borrow().clone();
        if let Some(l) = l {
            l(e);
        }
    }

    /// Reports a failure to the interface (e.g. a write to IndexedDB that failed after the fact).
    pub fn report(&self, e: StoreError) {
        self.emit(StoreEvent::Failed(e));
    }

    /// Now, in milliseconds.
    pub fn now(&self) -> f64 {
        (self.clock)()
    }

    /// The active profile.
    pub fn profile(&self) -> String {
        self.profile.borrow().clone()
    }

    /// Switches the profile whose keys [`Store::key`] makes.
    pub fn set_profile(&self, profile: &str) {
        *self.profile.borrow_mut() = profile.to_string();
    }

    /// Keys of the active profile.
    pub fn keys(&self) -> ProfileKeys {
        ProfileKeys::new(&self.profile.borrow())
    }

    /// The key of a document of the active profile.
    pub fn key(&self, kind: Kind, id: &str) -> String {
        kind.key(&self.keys(), id)
    }

    /// Whether the large tier has been loaded (IndexedDB is read asynchronously at start).
    pub fn large_ready(&self) -> bool {
        self.large_ready.get()
    }

    /// Marks the large tier loaded or not.
    pub fn set_large_ready(&self, ready: bool) {
        self.large_ready.set(ready);
    }

    /// The backend a key lives in.
    pub fn backend_of(&self, key: &str) -> Rc<dyn Backend> {
        match kind::parse_key(key).map(|p| p.kind.tier()) {
            Some(Tier::Large) => self.large.borrow().clone(),
            _ => self.local.clone(),
        }
    }

    /// Puts the large tier's backend in place once it is known (IndexedDB is opened asynchronously; when the
    /// browser has none, the local backend itself serves both tiers).
    pub fn set_large_backend(&self, large: Rc<dyn Backend>) {
        *self.large.borrow_mut() = large;
    }

    /// Whether both tiers are the same backend (the browser could not open IndexedDB, so large documents stay in
    /// localStorage).
    pub fn tiers_shared(&self) -> bool {
        std::ptr::eq(
            Rc::as_ptr(&self.local) as *const u8,
            Rc::as_ptr(&self.large.borrow()) as *const u8,
        )
    }

    /// The backend of a tier.
    pub fn backend(&self, tier: Tier) -> Rc<dyn Backend> {
        match tier {
            Tier::Local => self.local.clone(),
            Tier::Large => self.large.borrow().clone(),
        }
    }

    /// Whether local storage can be written at all.
    pub fn available(&self) -> bool {
        let probe = format!("{}probe", persist::PREFIX);
        let ok = self.local.set(&probe, "1").is_ok();
        let _ = self.local.remove(&probe);
        ok
    }

    /// The raw text under a key.
    pub fn raw(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.backend_of(key).get(key)?)
    }

    /// The revision this store last read or wrote for a key.
    pub fn rev(&self, key: &str) -> Option<u64> {
        self.revs.borrow().get(key).copied()
    }

    /// Reads and decodes a value. An unreadable value is quarantined and reported; it stays in storage.
    pub fn read<T: DeserializeOwned>(&self, key: &str) -> Read<T> {
        let text = match self.raw(key) {
            Ok(t) => t,
            Err(e) => {
                self.emit(StoreEvent::Failed(e));
                return Read::Missing;
            }
        };
        let Some(text) = text else {
            self.revs.borrow_mut().remove(key);
            self.seen.borrow_mut().remove(key);
            self.quarantine.borrow_mut().remove(key);
            return Read::Missing;
        };
        match persist::decode::<T>(&text) {
            Ok(d) => {
                self.revs.borrow_mut().insert(key.to_string(), d.rev);
                self.seen.borrow_mut().insert(key.to_string(), text);
                self.quarantine.borrow_mut().remove(key);
                Read::Ready(d.value)
            }
            Err(problem) => {
                let u = Unreadable {
                    key: key.to_string(),
                    raw: text.clone(),
                    problem,
                };
                self.seen.borrow_mut().insert(key.to_string(), text);
                let new = self
                    .quarantine
                    .borrow_mut()
                    .insert(key.to_string(), u.clone())
                    .is_none();
                if new {
                    self.emit(StoreEvent::Failed(StoreError::Unreadable(u.clone())));
                }
                Read::Unreadable(u)
            }
        }
    }

    /// Whether a key is held in quarantine.
    pub fn is_quarantined(&self, key: &str) -> bool {
        self.quarantine.borrow().contains_key(key)
    }

    /// The values in quarantine.
    pub fn quarantined(&self) -> Vec<Unreadable> {
        self.quarantine.borrow().values().cloned().collect()
    }

    /// Writes a value if the stored text is still the one this store last saw. Returns the new revision.
    pub fn write<T: Serialize>(&self, key: &str, value: &T) -> Result<u64, StoreError> {
        self.write_edits(key, value, &[])
    }

    /// [`Store::write`] of a value that carries the given edits of this store (see [`persist::Marks`]).
    pub fn write_edits<T: Serialize>(
        &self,
        key: &str,
        value: &T,
        edits: &[u64],
    ) -> Result<u64, StoreError> {
        if self.is_quarantined(key) {
            return Err(StoreError::Quarantined {
                key: key.to_string(),
            });
        }
        let backend = self.backend_of(key);
        let current = backend.get(key)?;
        // Anything but the very text this store last read or wrote is another writer's: the same revision
        // number does not prove the same value, since two tabs can each write revision n + 1 on top of n.
        if current.is_some() && current != self.seen.borrow().get(key).cloned() {
            return Err(StoreError::Conflict {
                key: key.to_string(),
            });
        }
        let rev = current.as_deref().and_then(persist::peek_rev).unwrap_or(0) + 1;
        let marks = self.marks_for(current.as_deref(), edits);
        let text = persist::encode_marked(value, rev, &marks);
        backend.set(key, &text)?;
        self.revs.borrow_mut().insert(key.to_string(), rev);
        self.seen.borrow_mut().insert(key.to_string(), text);
        self.emit(StoreEvent::Saved {
            key: key.to_string(),
        });
        Ok(rev)
    }

    /// Writes several values as one. Values are continued at the key's next revision, so other tabs see a newer
    /// write; raw texts (unreadable documents restored from a backup) are written exactly as they were. If any
    /// write fails, everything written so far is put back as it was, so a failed batch changes nothing.
    /// Quarantined keys are refused before anything is written.
    pub fn write_batch(&self, writes: &[(String, Payload)]) -> Result<(), StoreError> {
        if let Some((k, _)) = writes.iter().find(|(k, _)| self.is_quarantined(k)) {
            return Err(StoreError::Quarantined { key: k.clone() });
        }
        let mut done: Vec<(String, Option<String>)> = Vec::new();
        let mut result = Ok(());
        for (key, data) in writes {
            let backend = self.backend_of(key);
            let before = match backend.get(key) {
                Ok(b) => b,
                Err(e) => {
                    result = Err(e.into());
                    break;
                }
            };
            let rev = before.as_deref().and_then(persist::peek_rev).unwrap_or(0) + 1;
            let text = match data {
                Payload::Value(json) => {
                    let marks = self.marks_for(before.as_deref(), &[]);
                    persist::wrap_marked(json, rev, &marks)
                }
                Payload::Raw(raw) => raw.clone(),
            };
            match backend.set(key, &text) {
                Ok(()) => {
                    done.push((key.clone(), before));
                    self.revs.borrow_mut().insert(key.clone(), rev);
                    self.seen.borrow_mut().insert(key.clone(), text);
                }
                Err(e) => {
                    result = Err(e.into());
                    break;
                }
            }
        }
        if result.is_err() {
            for (k, before) in done.iter().rev() {
                let backend = self.backend_of(k);
                let _ = match before {
                    Some(t) => backend.set(k, t),
                    None => backend.remove(k),
                };
                self.revs.borrow_mut().remove(k);
                self.seen.borrow_mut().remove(k);
            }
            return result;
        }
        for (k, _) in done {
            self.emit(StoreEvent::Saved { key: k });
        }
        Ok(())
    }

    /// Removes a key (and releases its quarantine).
    pub fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.quarantine.borrow_mut().remove(key);
        self.revs.borrow_mut().remove(key);
        self.seen.borrow_mut().remove(key);
        self.backend_of(key).remove(key)?;
        self.emit(StoreEvent::Removed {
            key: key.to_string(),
        });
        Ok(())
    }

    /// Every key of this app (both tiers) starting with a prefix, sorted.
    pub fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let mut v = self.local.keys_with_prefix(prefix);
        v.extend(self.large.borrow().keys_with_prefix(prefix));
        v.sort();
        v.dedup();
        v
    }

    /// Keeps an edit (made by this store's write of `key` that carried it) for [`JOURNAL_MS`], to re-apply it if
    /// another tab's write crossed it.
    pub fn remember(&self, key: &str, edit: u64, change: Change) {
        let now = self.now();
        let mut j = self.journal.borrow_mut();
        j.retain(|e| now - e.at < JOURNAL_MS);
        j.push(JournalEntry {
            key: key.to_string(),
            at: now,
            edit,
            change,
        });
    }

    /// Takes note of another tab's (or module's) write to a key and says what to do about it.
    pub fn external_change(&self, key: &str) -> External {
        let now = self.raw(key).ok().flatten();
        let seen = self.seen.borrow().get(key).cloned();
        if now == seen {
            return External::Same;
        }
        let t = self.now();
        let recent = |e: &&JournalEntry| e.key == key && t - e.at < JOURNAL_MS;
        let reapply = match now.as_deref().and_then(persist::peek_marks) {
            // The other write says which of our writes it is built on: re-apply exactly the edits it lacks.
            Some(marks) => {
                let none = Vec::new();
                let carried = marks.get(&*self.writer.borrow()).map_or(&none, |m| &m.0);
                self.journal
                    .borrow()
                    .iter()
                    .filter(recent)
                    .filter(|e| !carried.iter().any(|r| (r.0..=r.1).contains(&e.edit)))
                    .map(|e| (e.edit, e.change.clone()))
                    .collect()
            }
            // A value without marks (an older version of this tool): it crossed ours when it carries a
            // revision this store had already reached.
            None => {
                let crossed = match (now.as_deref().and_then(persist::peek_rev), self.rev(key)) {
                    (Some(incoming), Some(ours)) => incoming <= ours,
                    _ => false,
                };
                if crossed {
                    self.journal
                        .borrow()
                        .iter()
                        .filter(recent)
                        .map(|e| (e.edit, e.change.clone()))
                        .collect()
                } else {
                    Vec::new()
                }
            }
        };
        External::Reload { reapply }
    }

    /// Puts back what the durable storage still holds under `key` after it refused a write after the fact (see
    /// [`Backend::restore`]), and forgets this store's recent edits of the key so that none is applied again.
    /// The document of the key must be reloaded afterwards.
    pub fn restore(&self, key: &str, stored: Option<&str>) {
        self.backend_of(key).restore(key, stored);
        self.journal.borrow_mut().retain(|e| e.key != key);
    }

    /// Forgets revisions and journal (after the other tab cleared everything, or a profile switch).
    pub fn forget(&self) {
        self.revs.borrow_mut().clear();
        self.seen.borrow_mut().clear();
        self.quarantine.borrow_mut().clear();
        self.journal.borrow_mut().clear();
    }

    /// localStorage use in UTF-16 code units: (this app, the whole origin).
    pub fn local_usage(&self) -> (u64, u64) {
        (
            self.local.chars_used(persist::PREFIX),
            self.local.chars_used(""),
        )
    }
}

/// Adds a number to sorted, disjoint inclusive ranges, joining neighbours.
fn add_to_ranges(ranges: &mut Vec<(u64, u64)>, n: u64) {
    if ranges.iter().any(|r| (r.0..=r.1).contains(&n)) {
        return;
    }
    ranges.push((n, n));
    ranges.sort_unstable();
    let mut joined: Vec<(u64, u64)> = Vec::with_capacity(ranges.len());
    for &(a, b) in ranges.iter() {
        match joined.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => joined.push((a, b)),
        }
    }
    *ranges = joined;
}

#[cfg(test)]
mod sim;
#[cfg(test)]
mod tests;
