//! A stored document as the pages see it: read-only and reactive. The document itself — loading, saving,
//! reloading on another tab's change — is the core's [`DocCell`]; this handle only makes reading it tracked, so
//! that a view re-renders when the document changes. Pages change documents through the workbench's typed
//! actions (see [`crate::state::AppState::act`]), never through this handle.

use leptos::prelude::*;
use std::rc::Rc;
use xzzp_core::store::doc::{DocCell, DocState, Document};

/// A reactive, read-only handle on one document. Cheap to copy.
pub struct Doc<T: Document> {
    cell: StoredValue<Rc<DocCell<T>>, LocalStorage>,
    changed: Trigger,
}

impl<T: Document> Clone for Doc<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Document> Copy for Doc<T> {}

impl<T: Document> Doc<T> {
    /// Wraps a document; its changes notify the views that read it.
    pub fn new(cell: Rc<DocCell<T>>) -> Self {
        let changed = Trigger::new();
        cell.on_change(move || changed.notify());
        Doc {
            cell: StoredValue::new_local(cell),
            changed,
        }
    }

    /// Looks at the document's state (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&DocState<T>) -> R) -> R {
        self.changed.track();
        self.with_untracked(f)
    }

    /// Looks at the document's state without tracking.
    pub fn with_untracked<R>(&self, f: impl FnOnce(&DocState<T>) -> R) -> R {
        self.cell.with_value(|c| c.with(f))
    }

    /// Looks at the value when the document is open and readable (tracked).
    pub fn read<R>(&self, f: impl FnOnce(&T) -> R) -> Option<R> {
        self.with(|s| s.value().map(f))
    }

    /// A copy of the value when open and readable (tracked).
    pub fn value(&self) -> Option<T> {
        self.with(|s| s.value().cloned())
    }

    /// The id of the open document (tracked).
    pub fn id(&self) -> Option<String> {
        self.with(|s| s.id().map(str::to_string))
    }

    /// The id of the open document (untracked).
    pub fn id_untracked(&self) -> Option<String> {
        self.with_untracked(|s| s.id().map(str::to_string))
    }
}
