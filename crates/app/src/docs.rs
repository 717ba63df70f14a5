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

// Host tests of the reactive handle, in a plain `#[test]` with an owner of their own: a memo that reads a
// document follows the workbench's actions, and another tab's write reaches it once the tab hears of it.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use std::cell::Cell;
    use std::sync::Arc;
    use xzzp_core::framework::{Framework, SchoolType};
    use xzzp_core::school::School;
    use xzzp_core::store::workbench::{Env, Workbench};
    use xzzp_core::store::{MemoryBackend, Store};

    struct TestEnv(Cell<u32>);

    impl Env for TestEnv {
        fn today(&self) -> NaiveDate {
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap()
        }
        fn new_id(&self) -> String {
            self.0.set(self.0.get() + 1);
            format!("id{}", self.0.get())
        }
        fn framework(&self, _id: &str) -> Option<Arc<Framework>> {
            None
        }
    }

    /// A tab: its own store and workbench over the storage the tabs share.
    fn tab(local: &Rc<MemoryBackend>, large: &Rc<MemoryBackend>, name: &str) -> Rc<Workbench> {
        let store = Store::new(local.clone(), large.clone(), Rc::new(|| 0.0));
        store.set_writer(name);
        let wb = Workbench::new(store, Rc::new(TestEnv(Cell::new(0))));
        wb.load_all();
        wb
    }

    fn schools(doc: Doc<xzzp_core::persist::Workspace>) -> Memo<Vec<String>> {
        Memo::new(move |_| {
            doc.read(|w| w.schools.iter().map(|s| s.name.clone()).collect())
                .unwrap_or_default()
        })
    }

    #[test]
    fn a_memo_over_a_document_follows_the_workbench_actions() {
        let owner = Owner::new();
        owner.set();
        let (local, large) = (Rc::new(MemoryBackend::new()), Rc::new(MemoryBackend::new()));
        let wb = tab(&local, &large, "a");
        let names = schools(Doc::new(wb.workspace.clone()));
        assert!(names.get().is_empty());
        wb.save_school(School::new("s1", "示例小学", SchoolType::Primary))
            .unwrap();
        assert_eq!(names.get(), ["示例小学"]);
        wb.save_school(School::new("s1", "示例小学（改名）", SchoolType::Primary))
            .unwrap();
        assert_eq!(names.get(), ["示例小学（改名）"]);
    }

    #[test]
    fn another_tabs_write_reaches_the_view_when_the_tab_hears_of_it() {
        let owner = Owner::new();
        owner.set();
        let (local, large) = (Rc::new(MemoryBackend::new()), Rc::new(MemoryBackend::new()));
        let a = tab(&local, &large, "a");
        let b = tab(&local, &large, "b");
        let in_a = schools(Doc::new(a.workspace.clone()));
        assert!(in_a.get().is_empty());
        let before = local.snapshot();
        b.save_school(School::new("s2", "另一个窗口的学校", SchoolType::Primary))
            .unwrap();
        // Until the storage event arrives, tab A shows what it had.
        assert!(in_a.get().is_empty());
        let changed: Vec<String> = local
            .snapshot()
            .into_iter()
            .filter(|(k, v)| before.get(k) != Some(v))
            .map(|(k, _)| k)
            .collect();
        assert!(!changed.is_empty());
        for k in &changed {
            a.external_change(Some(k));
        }
        assert_eq!(in_a.get(), ["另一个窗口的学校"]);
        // And A's next action builds on B's school instead of writing over it.
        a.save_school(School::new("s3", "第三所学校", SchoolType::Primary))
            .unwrap();
        let in_b = schools(Doc::new(b.workspace.clone()));
        assert_eq!(in_a.get(), ["另一个窗口的学校", "第三所学校"]);
        for (k, v) in local.snapshot() {
            if before.get(&k) != Some(&v) {
                b.external_change(Some(&k));
            }
        }
        assert_eq!(in_b.get(), ["另一个窗口的学校", "第三所学校"]);
    }
}
