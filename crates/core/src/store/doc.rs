//! One generic document type for every kind: it owns loading, saving, reloading when another tab (or another
//! module of this page) changed the stored value, re-applying this tab's recent edits when that write crossed
//! them, and removal. It knows nothing of the interface: a change callback tells the browser edge to re-render.

use super::{Change, External, Kind, Read, Store, StoreError, Tier, Unreadable};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::any::Any;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The state of an open document.
#[derive(Debug, Clone, PartialEq)]
pub enum DocState<T> {
    /// No document is open.
    Closed,
    /// Being read (the large tier is read asynchronously at start).
    Loading {
        /// Whose document it is.
        id: String,
    },
    /// Open and readable. A document that was never stored is its kind's empty value.
    Ready {
        /// Whose document it is.
        id: String,
        /// The document.
        value: T,
        /// Whether the last change could not be saved (storage full): it is kept in memory, so the page still
        /// shows it and a backup still contains it.
        unsaved: bool,
    },
    /// Stored but unreadable: kept untouched, reported, never replaced by an empty document.
    Unreadable {
        /// Whose document it is.
        id: String,
        /// The raw text and why it could not be read.
        problem: Unreadable,
    },
}

impl<T> DocState<T> {
    /// The id of the open document, in any state but closed.
    pub fn id(&self) -> Option<&str> {
        match self {
            DocState::Closed => None,
            DocState::Loading { id }
            | DocState::Ready { id, .. }
            | DocState::Unreadable { id, .. } => Some(id),
        }
    }

    /// The value, when the document is open and readable.
    pub fn value(&self) -> Option<&T> {
        match self {
            DocState::Ready { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Whether this is the document of `id` and it is readable.
    pub fn is_ready_for(&self, id: &str) -> bool {
        matches!(self, DocState::Ready { id: i, .. } if i == id)
    }
}

/// What every stored document type needs.
pub trait Document: Serialize + DeserializeOwned + Default + Clone + PartialEq + 'static {}
impl<T: Serialize + DeserializeOwned + Default + Clone + PartialEq + 'static> Document for T {}

/// A document of one kind, open for one id at a time.
pub struct DocCell<T: Document> {
    store: Rc<Store>,
    kind: Kind,
    state: RefCell<DocState<T>>,
    version: Cell<u64>,
    notify: RefCell<Option<Rc<dyn Fn()>>>,
}

impl<T: Document> DocCell<T> {
    /// A closed document of a kind.
    pub fn new(store: &Rc<Store>, kind: Kind) -> Rc<Self> {
        Rc::new(DocCell {
            store: store.clone(),
            kind,
            state: RefCell::new(DocState::Closed),
            version: Cell::new(0),
            notify: RefCell::new(None),
        })
    }

    /// Calls `f` after every change of state (the browser edge re-renders from it).
    pub fn on_change(&self, f: impl Fn() + 'static) {
        *self.notify.borrow_mut() = Some(Rc::new(f));
    }

    /// The kind of document.
    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// Counts changes of state; a cheap way to tell whether anything changed.
    pub fn version(&self) -> u64 {
        self.version.get()
    }

    /// The key of this kind's document of `id` in the active profile.
    pub fn key_of(&self, id: &str) -> String {
        self.store.key(self.kind, id)
    }

    /// The key of the open document.
    pub fn key(&self) -> Option<String> {
        self.id().map(|id| self.key_of(&id))
    }

    /// The id of the open document.
    pub fn id(&self) -> Option<String> {
        self.state.borrow().id().map(str::to_string)
    }

    /// Looks at the state.
    pub fn with<R>(&self, f: impl FnOnce(&DocState<T>) -> R) -> R {
        f(&self.state.borrow())
    }

    /// A copy of the value, when open and readable.
    pub fn value(&self) -> Option<T> {
        self.state.borrow().value().cloned()
    }

    fn set_state(&self, s: DocState<T>) {
        let changed = *self.state.borrow() != s;
        *self.state.borrow_mut() = s;
        if changed {
            self.version.set(self.version.get() + 1);
            let n = self.notify.borrow().clone();
            if let Some(n) = n {
                n();
            }
        }
    }

    /// Opens the document of `id` (reading it), or closes it with `None`.
    pub fn open(&self, id: Option<&str>) {
        let Some(id) = id else {
            self.set_state(DocState::Closed);
            return;
        };
        if self.kind.tier() == Tier::Large && !self.store.large_ready() {
            self.set_state(DocState::Loading { id: id.to_string() });
            return;
        }
        let state = match self.store.read::<T>(&self.key_of(id)) {
            Read::Missing => DocState::Ready {
                id: id.to_string(),
                value: T::default(),
                unsaved: false,
            },
            Read::Ready(value) => DocState::Ready {
                id: id.to_string(),
                value,
                unsaved: false,
            },
            Read::Unreadable(problem) => DocState::Unreadable {
                id: id.to_string(),
                problem,
            },
        };
        self.set_state(state);
    }

    /// Opens `id` unless it is open already.
    pub fn ensure(&self, id: &str) {
        if self.id().as_deref() != Some(id)
            || matches!(*self.state.borrow(), DocState::Loading { .. })
        {
            self.open(Some(id));
        }
    }

    /// Reads the open document again.
    pub fn reload(&self) {
        let id = self.id();
        self.open(id.as_deref());
    }

    /// Starts a new document of `id` with a value and saves it (used when creating a document; an existing one
    /// of the same id is overwritten only if this store last saw it).
    pub fn create(&self, id: &str, value: T) -> Result<(), StoreError> {
        let key = self.key_of(id);
        // A new document's key must not hold anything this store has not seen.
        if self.store.rev(&key).is_none() {
            let _ = self.store.read::<T>(&key);
        }
        let result = self.store.write(&key, &value);
        let unsaved = result.is_err();
        self.set_state(DocState::Ready {
            id: id.to_string(),
            value,
            unsaved,
        });
        result.map(|_| ())
    }

    /// The open document's id and a copy of its value with `change` applied; `None` when the change refuses or
    /// changes nothing (the same text reported twice by an input method), so that nothing is written.
    fn changed_copy(
        &self,
        change: &impl Fn(&mut T) -> bool,
    ) -> Result<Option<(String, T)>, StoreError> {
        let (id, mut value) = match &*self.state.borrow() {
            DocState::Ready { id, value, .. } => (id.clone(), value.clone()),
            DocState::Unreadable { id, .. } => {
                return Err(StoreError::Quarantined {
                    key: self.key_of(id),
                })
            }
            DocState::Closed | DocState::Loading { .. } => return Err(StoreError::NotOpen),
        };
        let before = value.clone();
        if !change(&mut value) || value == before {
            return Ok(None);
        }
        Ok(Some((id, value)))
    }

    /// Changes the open document and saves it. `change` returns false to refuse (nothing changes). If another
    /// tab wrote the key since this store read it, the change is re-applied on top of that tab's version instead
    /// of overwriting it. The change is also kept for a few seconds, so that a write from another tab that
    /// crossed this one is merged too (see [`Store::external_change`]). Returns whether the change was made.
    pub fn update(&self, change: impl Fn(&mut T) -> bool + 'static) -> Result<bool, StoreError> {
        let Some((id, value)) = self.changed_copy(&change)? else {
            return Ok(false);
        };
        let key = self.key_of(&id);
        let change: Change =
            Rc::new(move |v: &mut dyn Any| v.downcast_mut::<T>().is_some_and(&change));
        let edit = self.store.next_edit();
        let result = match self.store.write_edits(&key, &value, &[edit]) {
            Ok(_) => {
                self.set_state(DocState::Ready {
                    id: id.clone(),
                    value,
                    unsaved: false,
                });
                Ok(true)
            }
            Err(StoreError::Conflict { .. }) => {
                self.store.report(StoreError::Conflict { key: key.clone() });
                // Catch up first, exactly as when the other write's event arrives: reload, and re-apply this
                // store's earlier edits that the other write lacks; then this edit on top.
                self.external_change(&key);
                self.reapply(&id, &[(edit, change.clone())])
            }
            Err(e) => {
                // Keep the change on screen and in memory; say it was not saved.
                self.set_state(DocState::Ready {
                    id: id.clone(),
                    value,
                    unsaved: true,
                });
                self.store.report(e.clone());
                return Err(e);
            }
        };
        if result.is_ok() {
            self.store.remember(&key, edit, change);
        }
        result
    }

    /// Like [`DocCell::update`], for changes that must be saved whole or not at all: when the write is refused
    /// (storage full), nothing changes, not even in memory, and nothing is reported, so that the caller tells
    /// the user exactly what was not saved.
    pub fn update_or_nothing(
        &self,
        change: impl Fn(&mut T) -> bool + 'static,
    ) -> Result<bool, StoreError> {
        let Some((id, value)) = self.changed_copy(&change)? else {
            return Ok(false);
        };
        let key = self.key_of(&id);
        let edit = self.store.next_edit();
        match self.store.write_edits(&key, &value, &[edit]) {
            Ok(_) => {
                self.set_state(DocState::Ready {
                    id,
                    value,
                    unsaved: false,
                });
                // Kept in the journal like any edit, so that a crossing write of another tab does not lose it.
                let change: Change =
                    Rc::new(move |v: &mut dyn Any| v.downcast_mut::<T>().is_some_and(&change));
                self.store.remember(&key, edit, change);
                Ok(true)
            }
            // Another tab wrote meanwhile: catch up with its version (re-applying this store's own recent
            // edits it lacks), then apply the change on top; read now, so the retry cannot conflict again.
            Err(StoreError::Conflict { .. }) => {
                self.external_change(&key);
                self.update_or_nothing(change)
            }
            Err(e) => Err(e),
        }
    }

    /// Applies edits (with their numbers) on top of what is stored now (the state must have just been
    /// reloaded), in order, and saves the result in one write that carries them all. Only while the same
    /// document is open. Returns whether any edit applied.
    fn reapply(&self, id: &str, edits: &[(u64, Change)]) -> Result<bool, StoreError> {
        let fresh = match &*self.state.borrow() {
            DocState::Ready { id: i, value, .. } if i == id => value.clone(),
            DocState::Unreadable { .. } => {
                return Err(StoreError::Quarantined {
                    key: self.key_of(id),
                })
            }
            _ => return Ok(false),
        };
        let mut changed = fresh.clone();
        let applied: Vec<u64> = edits
            .iter()
            .filter(|(_, change)| change(&mut changed))
            .map(|(n, _)| *n)
            .collect();
        if applied.is_empty() {
            return Ok(false);
        }
        if changed == fresh {
            return Ok(true);
        }
        let key = self.key_of(id);
        match self.store.write_edits(&key, &changed, &applied) {
            Ok(_) => {
                self.set_state(DocState::Ready {
                    id: id.to_string(),
                    value: changed,
                    unsaved: false,
                });
                Ok(true)
            }
            Err(e) => {
                // As in `update`: the merged value stays on screen, marked unsaved.
                self.set_state(DocState::Ready {
                    id: id.to_string(),
                    value: changed,
                    unsaved: true,
                });
                self.store.report(e.clone());
                Err(e)
            }
        }
    }

    /// Reacts to another tab's (or module's) change of `key`: reloads when it is this document's key, and
    /// re-applies this store's recent edits that the other write lacks. Returns whether it was ours.
    pub fn external_change(&self, key: &str) -> bool {
        if self.key().as_deref() != Some(key) {
            return false;
        }
        match self.store.external_change(key) {
            External::Same => {}
            External::Reload { reapply } => {
                self.reload();
                if let Some(id) = self.id() {
                    if !reapply.is_empty() {
                        let _ = self.reapply(&id, &reapply);
                    }
                }
            }
        }
        true
    }

    /// Removes the stored document of `id` (closing it if it is the open one).
    pub fn remove(&self, id: &str) -> Result<(), StoreError> {
        if self.id().as_deref() == Some(id) {
            self.set_state(DocState::Closed);
        }
        self.store.remove(&self.key_of(id))
    }
}
