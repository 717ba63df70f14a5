//! The store on the host: revisions, quarantine, batches that fail half-way, storage full, and two tabs whose
//! writes cross.

use super::doc::{DocCell, DocState};
use super::*;
use crate::persist::{self, Session};
use std::collections::{BTreeMap, VecDeque};

/// A document with two independent fields, so that merged edits of two tabs can be seen.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
struct Pair {
    a: String,
    b: String,
    items: Vec<String>,
}

fn clock() -> (Rc<Cell<f64>>, Rc<dyn Fn() -> f64>) {
    let t = Rc::new(Cell::new(1000.0));
    let t2 = t.clone();
    (t, Rc::new(move || t2.get()))
}

#[test]
fn values_round_trip_with_revisions_and_a_stale_writer_is_refused() {
    let local = Rc::new(MemoryBackend::new());
    let large = Rc::new(MemoryBackend::new());
    let (_, c) = clock();
    let one = Store::new(local.clone(), large.clone(), c.clone());
    let two = Store::new(local.clone(), large, c);
    let key = one.key(Kind::Session, "");
    let s = Session {
        school: Some("s1".into()),
        ..Session::default()
    };
    assert_eq!(one.write(&key, &s), Ok(1));
    assert_eq!(two.read::<Session>(&key), Read::Ready(s.clone()));
    assert_eq!(one.write(&key, &Session::default()), Ok(2));
    // `two` last saw revision 1: its write would overwrite `one`'s newer value.
    assert_eq!(
        two.write(&key, &s),
        Err(StoreError::Conflict { key: key.clone() })
    );
    assert_eq!(two.read::<Session>(&key), Read::Ready(Session::default()));
    assert_eq!(two.write(&key, &s), Ok(3));
}

#[test]
fn an_unreadable_value_is_kept_reported_and_never_overwritten_until_released() {
    let store = Store::in_memory();
    let events = Rc::new(RefCell::new(Vec::new()));
    let ev = events.clone();
    store.listen(move |e| ev.borrow_mut().push(e));
    let key = store.key(Kind::Answers, "e1");
    let damaged = "{\"schema\":1,\"rev\":3,\"data\":{\"by_point\":{\"A1";
    store.backend(Tier::Local).set(&key, damaged).unwrap();
    let Read::Unreadable(u) = store.read::<crate::evaluation::Answers>(&key) else {
        panic!("damaged text must be unreadable");
    };
    assert_eq!(u.raw, damaged);
    assert!(matches!(u.problem, persist::DecodeError::NotJson(_)));
    assert!(store.is_quarantined(&key));
    assert_eq!(
        store.write(&key, &crate::evaluation::Answers::default()),
        Err(StoreError::Quarantined { key: key.clone() })
    );
    assert_eq!(store.raw(&key).unwrap().as_deref(), Some(damaged));
    // Reported once, not at every read.
    let _ = store.read::<crate::evaluation::Answers>(&key);
    let reported = events
        .borrow()
        .iter()
        .filter(|e| matches!(e, StoreEvent::Failed(StoreError::Unreadable(_))))
        .count();
    assert_eq!(reported, 1);
    store.remove(&key).unwrap();
    assert!(!store.is_quarantined(&key));
    assert!(store
        .write(&key, &crate::evaluation::Answers::default())
        .is_ok());
}

#[test]
fn a_batch_that_fails_half_way_puts_everything_back() {
    let local = Rc::new(MemoryBackend::new());
    let large = Rc::new(MemoryBackend::new());
    let store = Store::new(local.clone(), large.clone(), Rc::new(|| 0.0));
    let keys = store.keys();
    store.write(&keys.answers("e1"), &Pair::default()).unwrap();
    store
        .write(&keys.respondents("e1"), &Vec::<String>::new())
        .unwrap();
    let (before_local, before_large) = (local.snapshot(), large.snapshot());
    let writes = vec![
        (
            keys.answers("e1"),
            Payload::of(&Pair {
                a: "x".into(),
                ..Pair::default()
            }),
        ),
        (
            keys.respondents("e1"),
            Payload::of(&vec!["李老师".to_string()]),
        ),
        (keys.plan("p1"), Payload::of(&Pair::default())),
        (
            keys.workspace(),
            Payload::of(&crate::persist::Workspace::default()),
        ),
    ];
    // The third write fails (storage full).
    local.fail_after(1);
    large.fail_after(5);
    assert_eq!(store.write_batch(&writes), Err(StoreError::Quota));
    assert_eq!(local.snapshot(), before_local);
    assert_eq!(large.snapshot(), before_large);
    // And the store still writes normally afterwards, continuing the revisions.
    store.write_batch(&writes).unwrap();
    assert_eq!(
        persist::peek_rev(&local.get(&keys.answers("e1")).unwrap().unwrap()),
        Some(2)
    );
    assert!(large.get(&keys.respondents("e1")).unwrap().is_some());
}

#[test]
fn a_batch_restores_an_unreadable_document_exactly_and_it_stays_unreadable() {
    let store = Store::in_memory();
    let key = store.key(Kind::Answers, "e1");
    let raw = "{\"schema\":1,\"rev\":9,\"data\":{\"by_point\":5}}".to_string();
    store
        .write_batch(&[(key.clone(), Payload::Raw(raw.clone()))])
        .unwrap();
    assert_eq!(store.raw(&key).unwrap(), Some(raw));
    assert!(matches!(
        store.read::<crate::evaluation::Answers>(&key),
        Read::Unreadable(_)
    ));
}

#[test]
fn when_storage_is_full_the_change_stays_in_memory_marked_unsaved_and_is_saved_later() {
    let local = Rc::new(MemoryBackend::new());
    let store = Store::new(
        local.clone(),
        Rc::new(MemoryBackend::new()),
        Rc::new(|| 0.0),
    );
    let failures = Rc::new(Cell::new(0));
    let f = failures.clone();
    store.listen(move |e| {
        if e == StoreEvent::Failed(StoreError::Quota) {
            f.set(f.get() + 1);
        }
    });
    let cell: Rc<DocCell<Pair>> = DocCell::new(&store, Kind::Plan);
    cell.open(Some("p1"));
    cell.update(|p| {
        p.a = "短".into();
        true
    })
    .unwrap();
    let stored = local.snapshot();
    local.set_capacity(Some(60));
    let long = "很长的内容".repeat(20);
    let l2 = long.clone();
    assert_eq!(
        cell.update(move |p| {
            p.a = l2.clone();
            true
        }),
        Err(StoreError::Quota)
    );
    assert_eq!(failures.get(), 1);
    assert_eq!(local.snapshot(), stored, "nothing half-saved");
    cell.with(|s| match s {
        DocState::Ready { value, unsaved, .. } => {
            assert_eq!(value.a, long);
            assert!(unsaved);
        }
        other => panic!("{other:?}"),
    });
    local.set_capacity(None);
    // The next change saves everything, the earlier one included.
    cell.update(|p| {
        p.b = "再改".into();
        true
    })
    .unwrap();
    assert!(cell.with(|s| matches!(s, DocState::Ready { unsaved: false, .. })));
    assert!(local
        .get(&cell.key().unwrap())
        .unwrap()
        .unwrap()
        .contains(&long));
}

/// Writes on their way between tabs: (to tab, key, value or removal).
type Queue = Rc<RefCell<VecDeque<(usize, String, Option<String>)>>>;

/// Two tabs: each sees its own copy of storage, and the browser brings the other tab's writes over a moment
/// later (with a `storage` event), so that writes can cross as they do in real browsers.
struct Tabs {
    backends: [Rc<MemoryBackend>; 2],
    stores: [Rc<Store>; 2],
    /// Writes on their way: (to tab, key, value or removal).
    queue: Queue,
    time: Rc<Cell<f64>>,
}

impl Tabs {
    fn new() -> Tabs {
        let (time, c) = clock();
        let backends = [Rc::new(MemoryBackend::new()), Rc::new(MemoryBackend::new())];
        let queue: Queue = Rc::default();
        let stores = [0, 1].map(|i| {
            let s = Store::new(
                backends[i].clone(),
                Rc::new(MemoryBackend::new()),
                c.clone(),
            );
            let (q, b) = (queue.clone(), backends[i].clone());
            s.listen(move |e| match e {
                StoreEvent::Saved { key } => {
                    let v = b.get(&key).unwrap();
                    q.borrow_mut().push_back((1 - i, key, v));
                }
                StoreEvent::Removed { key } => q.borrow_mut().push_back((1 - i, key, None)),
                StoreEvent::Failed(_) => {}
            });
            s
        });
        Tabs {
            backends,
            stores,
            queue,
            time,
        }
    }

    /// Delivers the oldest write on its way; returns (tab, key) it was delivered to.
    fn deliver_one(&self) -> Option<(usize, String)> {
        let (to, key, value) = self.queue.borrow_mut().pop_front()?;
        match value {
            Some(v) => self.backends[to].set(&key, &v).unwrap(),
            None => self.backends[to].remove(&key).unwrap(),
        }
        Some((to, key))
    }
}

#[test]
fn two_tabs_editing_different_fields_of_one_document_end_with_both_edits() {
    let tabs = Tabs::new();
    let cells: Vec<Rc<DocCell<Pair>>> = tabs
        .stores
        .iter()
        .map(|s| DocCell::new(s, Kind::Plan))
        .collect();
    for c in &cells {
        c.open(Some("p1"));
    }
    cells[0]
        .update(|p| {
            p.a = "甲".into();
            true
        })
        .unwrap();
    while let Some((to, key)) = tabs.deliver_one() {
        cells[to].external_change(&key);
    }
    // Both tabs now edit at the same moment, before either sees the other's write: the writes cross.
    cells[0]
        .update(|p| {
            p.a = "甲改".into();
            true
        })
        .unwrap();
    cells[1]
        .update(|p| {
            p.b = "乙".into();
            p.items.push("乙的任务".into());
            true
        })
        .unwrap();
    let mut rounds = 0;
    while let Some((to, key)) = tabs.deliver_one() {
        cells[to].external_change(&key);
        rounds += 1;
        assert!(rounds < 20, "the tabs must settle");
    }
    let expected = Pair {
        a: "甲改".into(),
        b: "乙".into(),
        items: vec!["乙的任务".into()],
    };
    for (i, c) in cells.iter().enumerate() {
        assert_eq!(c.value().unwrap(), expected, "tab {i}");
        let stored: Read<Pair> = tabs.stores[i].read(&c.key().unwrap());
        assert_eq!(
            stored,
            Read::Ready(expected.clone()),
            "storage seen by tab {i}"
        );
    }
}

#[test]
fn edits_older_than_the_journal_window_are_not_re_applied() {
    let tabs = Tabs::new();
    let cells: Vec<Rc<DocCell<Pair>>> = tabs
        .stores
        .iter()
        .map(|s| DocCell::new(s, Kind::Plan))
        .collect();
    for c in &cells {
        c.open(Some("p1"));
    }
    cells[0]
        .update(|p| {
            p.a = "早".into();
            true
        })
        .unwrap();
    cells[1]
        .update(|p| {
            p.b = "晚".into();
            true
        })
        .unwrap();
    // Tab 0's write reaches tab 1 only after the journal window: tab 1 takes it as it is.
    tabs.time.set(tabs.time.get() + JOURNAL_MS + 1.0);
    let (to, key) = tabs.deliver_one().unwrap();
    assert_eq!(to, 1);
    cells[1].external_change(&key);
    assert_eq!(cells[1].value().unwrap().a, "早");
    assert_eq!(
        cells[1].value().unwrap().b,
        "",
        "the old edit is not re-applied"
    );
}

#[test]
fn an_echo_of_this_tabs_own_write_changes_nothing() {
    let store = Store::in_memory();
    let cell: Rc<DocCell<Pair>> = DocCell::new(&store, Kind::Plan);
    cell.open(Some("p1"));
    cell.update(|p| {
        p.a = "x".into();
        true
    })
    .unwrap();
    let v = cell.version();
    assert!(cell.external_change(&cell.key().unwrap()));
    assert_eq!(cell.version(), v);
    assert!(!cell.external_change("xzzp.p.default.plan.other"));
}

#[test]
fn a_refused_change_writes_nothing() {
    let local = Rc::new(MemoryBackend::new());
    let store = Store::new(
        local.clone(),
        Rc::new(MemoryBackend::new()),
        Rc::new(|| 0.0),
    );
    let cell: Rc<DocCell<Pair>> = DocCell::new(&store, Kind::Plan);
    assert_eq!(cell.update(|_| true), Err(StoreError::NotOpen));
    cell.open(Some("p1"));
    assert_eq!(cell.update(|_| false), Ok(false));
    assert_eq!(local.writes(), 0);
    let _: BTreeMap<String, String> = local.snapshot();
}

#[test]
fn the_large_tier_is_loading_until_it_has_been_read() {
    let store = Store::in_memory();
    store.set_large_ready(false);
    let cell: Rc<DocCell<Vec<String>>> = DocCell::new(&store, Kind::Respondents);
    cell.open(Some("e1"));
    assert!(cell.with(|s| matches!(s, DocState::Loading { .. })));
    assert_eq!(cell.update(|_| true), Err(StoreError::NotOpen));
    store.set_large_ready(true);
    cell.reload();
    assert!(cell.with(|s| s.is_ready_for("e1")));
    assert!(Rc::ptr_eq(
        &store.backend_of(&cell.key().unwrap()),
        &store.backend(Tier::Large)
    ));
}

#[test]
fn when_both_tiers_are_one_backend_nothing_is_moved_or_lost() {
    let local: Rc<dyn Backend> = Rc::new(MemoryBackend::new());
    let store = Store::new(
        local.clone(),
        Rc::new(MemoryBackend::new()),
        Rc::new(|| 0.0),
    );
    assert!(!store.tiers_shared());
    store.set_large_backend(local.clone());
    assert!(store.tiers_shared());
    let key = store.key(Kind::Respondents, "e1");
    store.write(&key, &vec!["李老师".to_string()]).unwrap();
    assert!(migrate::pending_moves(&store).is_empty());
    migrate::move_to_large(&store);
    assert!(local.get(&key).unwrap().is_some());
    assert!(!Store::in_memory().tiers_shared());
}
