//! Two tabs over a model of the browser's localStorage, as Chromium implements it, so that writes that cross
//! can be replayed in every order on the host.
//!
//! The model: every tab reads and writes its own cached copy at once; each write travels to the browser, which
//! applies the writes of all tabs one at a time in some order and then tells the writer (an acknowledgement)
//! and every other tab (a change). A tab takes another tab's change into its copy only when it has no write of
//! that key still on the way: its own write was applied later, so it wins. Every change it is told of fires a
//! `storage` event, handled later, in its own task. Besides, every write is announced on a broadcast channel,
//! which may arrive before or after the change itself. A seeded scheduler picks what happens next.

use super::doc::DocCell;
use super::*;
use std::collections::VecDeque;

/// A document with one field per tab and a list both add to.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
struct Sheet {
    a: String,
    b: String,
    items: Vec<String>,
}

enum Inbox {
    /// The browser applied this tab's write of a key.
    Ack(String),
    /// The browser applied another tab's write (None: a removal).
    Change(String, Option<String>),
}

#[derive(Default)]
struct TabModel {
    cache: BTreeMap<String, String>,
    /// Writes of this tab not yet applied by the browser, oldest first.
    outbox: VecDeque<(String, Option<String>)>,
    /// Writes per key sent and not yet acknowledged.
    pending: BTreeMap<String, usize>,
    inbox: VecDeque<Inbox>,
    /// `storage` events and broadcast messages waiting to be handled.
    events: VecDeque<String>,
}

#[derive(Default)]
struct Browser {
    stored: BTreeMap<String, String>,
    tabs: [TabModel; 2],
}

struct TabBackend {
    browser: Rc<RefCell<Browser>>,
    tab: usize,
}

impl Backend for TabBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.browser.borrow().tabs[self.tab].cache.get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        if tracing() {
            eprintln!("  tab {} writes {value}", self.tab);
        }
        let mut b = self.browser.borrow_mut();
        let t = &mut b.tabs[self.tab];
        t.cache.insert(key.to_string(), value.to_string());
        t.outbox
            .push_back((key.to_string(), Some(value.to_string())));
        *t.pending.entry(key.to_string()).or_default() += 1;
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        let mut b = self.browser.borrow_mut();
        let t = &mut b.tabs[self.tab];
        t.cache.remove(key);
        t.outbox.push_back((key.to_string(), None));
        *t.pending.entry(key.to_string()).or_default() += 1;
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.browser.borrow().tabs[self.tab]
            .cache
            .keys()
            .cloned()
            .collect())
    }
}

impl Browser {
    /// Applies the oldest write on its way from `tab`.
    fn apply_from(&mut self, tab: usize) -> bool {
        let Some((key, value)) = self.tabs[tab].outbox.pop_front() else {
            return false;
        };
        match &value {
            Some(v) => self.stored.insert(key.clone(), v.clone()),
            None => self.stored.remove(&key),
        };
        self.tabs[tab].inbox.push_back(Inbox::Ack(key.clone()));
        self.tabs[1 - tab]
            .inbox
            .push_back(Inbox::Change(key, value));
        true
    }

    /// The tab takes in the oldest message from the browser.
    fn receive(&mut self, tab: usize) -> bool {
        let t = &mut self.tabs[tab];
        let Some(m) = t.inbox.pop_front() else {
            return false;
        };
        match m {
            Inbox::Ack(key) => {
                let n = t.pending.get_mut(&key).expect("an ack follows a write");
                *n -= 1;
            }
            Inbox::Change(key, value) => {
                if tracing() {
                    eprintln!(
                        "  tab {tab} told of change; pending {:?}",
                        t.pending.get(&key)
                    );
                }
                if t.pending.get(&key).copied().unwrap_or(0) == 0 {
                    match value {
                        Some(v) => t.cache.insert(key.clone(), v),
                        None => t.cache.remove(&key),
                    };
                }
                t.events.push_back(key);
            }
        }
        true
    }
}

/// `SIM_SEED=n SIM_TRACE=1 cargo test -p xzzp-core store::sim` replays one order and prints what happened.
fn tracing() -> bool {
    std::env::var("SIM_TRACE").is_ok()
}

/// A small seeded generator (xorshift), so that a failing order can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

struct World {
    browser: Rc<RefCell<Browser>>,
    cells: Vec<Rc<DocCell<Sheet>>>,
}

impl World {
    fn new() -> World {
        let browser = Rc::new(RefCell::new(Browser::default()));
        let cells = (0..2)
            .map(|tab| {
                let store = Store::new(
                    Rc::new(TabBackend {
                        browser: browser.clone(),
                        tab,
                    }),
                    Rc::new(MemoryBackend::new()),
                    Rc::new(|| 1000.0),
                );
                let b = browser.clone();
                store.listen(move |e| {
                    // The broadcast announcement of a write: it reaches the other tab as a message of its own.
                    if let StoreEvent::Saved { key } | StoreEvent::Removed { key } = e {
                        b.borrow_mut().tabs[1 - tab].events.push_back(key);
                    }
                });
                let cell = DocCell::new(&store, Kind::Plan);
                cell.open(Some("p"));
                cell
            })
            .collect();
        World { browser, cells }
    }
}

impl TwoTabs for World {
    /// One step of the browser or of a tab's event loop; false when nothing was left to do.
    fn step(&self, rng: &mut Rng) -> bool {
        let mut choices = Vec::new();
        {
            let b = self.browser.borrow();
            for tab in 0..2 {
                if !b.tabs[tab].outbox.is_empty() {
                    choices.push((0, tab));
                }
                if !b.tabs[tab].inbox.is_empty() {
                    choices.push((1, tab));
                }
                if !b.tabs[tab].events.is_empty() {
                    choices.push((2, tab));
                }
            }
        }
        if choices.is_empty() {
            return false;
        }
        let (what, tab) = choices[rng.below(choices.len() as u64) as usize];
        if tracing() {
            eprintln!("step {what} tab {tab}");
        }
        match what {
            0 => {
                self.browser.borrow_mut().apply_from(tab);
            }
            1 => {
                self.browser.borrow_mut().receive(tab);
            }
            _ => {
                let key = self.browser.borrow_mut().tabs[tab].events.pop_front();
                if let Some(key) = key {
                    self.cells[tab].external_change(&key);
                }
            }
        }
        true
    }

    fn edit(&self, tab: usize, n: usize) {
        edit_sheet(&self.cells[tab], tab, n);
    }

    fn stored(&self, key: &str) -> Option<String> {
        self.browser.borrow().stored.get(key).cloned()
    }

    fn cell(&self, tab: usize) -> &DocCell<Sheet> {
        &self.cells[tab]
    }
}

/// Two tabs over a model of the browser: each tab edits its document, and the model moves everything else.
trait TwoTabs {
    /// Tab `tab` makes its `n`-th edit.
    fn edit(&self, tab: usize, n: usize);
    /// One step of the browser or of a tab's event loop; false when nothing was left to do.
    fn step(&self, rng: &mut Rng) -> bool;
    /// The document as the browser holds it.
    fn stored(&self, key: &str) -> Option<String>;
    /// The document open in a tab.
    fn cell(&self, tab: usize) -> &DocCell<Sheet>;
}

/// Each tab makes a few edits while the other's writes are on their way, in 3000 random orders of everything
/// the browser and the tabs do (`SIM_SEED` replays one). Once all is delivered, the stored document holds every
/// edit of both tabs, each once, and each tab shows exactly what is stored.
fn no_edit_is_lost_in_any_order<W: TwoTabs>(new: impl Fn() -> W) {
    let only: Option<u64> = std::env::var("SIM_SEED").ok().and_then(|s| s.parse().ok());
    for seed in only.map_or(1..=3000u64, |s| s..=s) {
        let world = new();
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let mut made = [0usize; 2];
        let edits = 1 + (seed % 4) as usize;
        while made[0] < edits || made[1] < edits {
            if rng.below(3) == 0 {
                let tab = rng.below(2) as usize;
                if made[tab] < edits {
                    made[tab] += 1;
                    if tracing() {
                        eprintln!("edit tab {tab} n {}", made[tab]);
                    }
                    world.edit(tab, made[tab]);
                    continue;
                }
            }
            world.step(&mut rng);
        }
        let mut steps = 0;
        while world.step(&mut rng) {
            steps += 1;
            assert!(steps < 10_000, "seed {seed}: the tabs must settle");
        }
        let key = world.cell(0).key().unwrap();
        let value: Sheet = persist::decode(&world.stored(&key).unwrap()).unwrap().value;
        assert_eq!(
            value.a,
            format!("0-{edits}"),
            "seed {seed}: tab 0's last edit"
        );
        assert_eq!(
            value.b,
            format!("1-{edits}"),
            "seed {seed}: tab 1's last edit"
        );
        for tab in 0..2 {
            for n in 1..=edits {
                let item = format!("{tab}-{n}");
                assert_eq!(
                    value.items.iter().filter(|i| **i == item).count(),
                    1,
                    "seed {seed}: edit {n} of tab {tab} is in {:?} exactly once",
                    value.items
                );
            }
            assert_eq!(
                world.cell(tab).value().unwrap(),
                value,
                "seed {seed}: tab {tab} shows what is stored"
            );
        }
    }
}

/// Tab `tab`'s `n`-th edit: its own field, and an item both tabs add to.
fn edit_sheet(cell: &DocCell<Sheet>, tab: usize, n: usize) {
    let _ = cell.update(move |s| {
        let mine = if tab == 0 { &mut s.a } else { &mut s.b };
        *mine = format!("{tab}-{n}");
        s.items.push(format!("{tab}-{n}"));
        true
    });
}

#[test]
fn crossing_writes_of_two_tabs_never_lose_an_edit_in_any_order() {
    no_edit_is_lost_in_any_order(World::new);
}

/// A tab that changes a field after it has seen another tab's edit of it overwrites that edit on purpose: the
/// other tab, whose edit the new value carries, must not bring its old text back.
#[test]
fn a_later_edit_made_after_seeing_the_other_tabs_edit_is_not_undone() {
    let world = World::new();
    let mut rng = Rng(7);
    let set_a = |tab: usize, text: &'static str| {
        let _ = world.cells[tab].update(move |s| {
            s.a = text.into();
            true
        });
    };
    set_a(0, "第一稿");
    while world.step(&mut rng) {}
    assert_eq!(world.cells[1].value().unwrap().a, "第一稿");
    set_a(1, "第二稿");
    while world.step(&mut rng) {}
    for tab in 0..2 {
        assert_eq!(world.cells[tab].value().unwrap().a, "第二稿", "tab {tab}");
    }
    let key = world.cells[0].key().unwrap();
    let stored = world.browser.borrow().stored.get(&key).cloned().unwrap();
    assert!(stored.contains("第二稿"));
    // The marks name two writers and their few edits: a few dozen bytes, not a history.
    let marks = persist::peek_marks(&stored).unwrap();
    assert_eq!(marks.len(), 2);
    assert!(serde_json::to_string(&marks).unwrap().len() < 80);
}

// ---- the large tier: IndexedDB behind a copy in memory --------------------------------------------------------
//
// The model of the browser edge's mirror: a tab reads and writes its copy in memory at once; each write becomes an
// IndexedDB transaction, and IndexedDB runs the transactions of both tabs one at a time in the order they were
// made (they all cover the one object store). Once a write is committed it is announced to the other tab, which
// then reads the key again (a read transaction, queued behind every write made before it) and, when that read
// completes, puts the value into its copy and lets its document react.

enum Transaction {
    Write {
        key: String,
        value: Option<String>,
        tab: usize,
    },
    Read {
        key: String,
        tab: usize,
    },
}

#[derive(Default)]
struct Idb {
    stored: BTreeMap<String, String>,
    queue: VecDeque<Transaction>,
    /// Each tab's copy in memory, as the browser edge keeps it.
    mem: [super::mirror::MirrorCopy; 2],
    /// Announcements of a committed write, waiting in the other tab's event loop.
    announced: [VecDeque<String>; 2],
    /// Completions of each tab's transactions, waiting in its event loop in the order IndexedDB ran them.
    done: [VecDeque<Done>; 2],
}

/// A transaction's completion as the tab's event loop receives it.
enum Done {
    /// A read again, with the value found.
    Read(String, Option<String>),
    /// One of the tab's writes was committed.
    Written(String),
}

struct MirrorBackend {
    idb: Rc<RefCell<Idb>>,
    tab: usize,
}

impl MirrorBackend {
    /// Into the tab's copy at once, and a transaction queued behind every one made before.
    fn write(&self, key: &str, value: Option<&str>) -> Result<(), BackendError> {
        let mut idb = self.idb.borrow_mut();
        idb.mem[self.tab].write(key, value)?;
        idb.queue.push_back(Transaction::Write {
            key: key.to_string(),
            value: value.map(str::to_string),
            tab: self.tab,
        });
        Ok(())
    }
}

impl Backend for MirrorBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.idb.borrow().mem[self.tab].get(key)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        self.write(key, Some(value))
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.write(key, None)
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.idb.borrow().mem[self.tab].keys()
    }

    fn restore(&self, key: &str, stored: Option<&str>) {
        self.idb.borrow().mem[self.tab].adopt(key, stored);
    }
}

struct LargeWorld {
    idb: Rc<RefCell<Idb>>,
    cells: Vec<Rc<DocCell<Sheet>>>,
}

impl LargeWorld {
    fn new() -> LargeWorld {
        let idb = Rc::new(RefCell::new(Idb::default()));
        // localStorage holds nothing of a large document; both tabs share one, written at once.
        let local: Rc<dyn Backend> = Rc::new(MemoryBackend::new());
        assert_eq!(Kind::Staff.tier(), Tier::Large);
        let cells = (0..2)
            .map(|tab| {
                let store = Store::new(
                    local.clone(),
                    Rc::new(MirrorBackend {
                        idb: idb.clone(),
                        tab,
                    }),
                    Rc::new(|| 1000.0),
                );
                let cell = DocCell::new(&store, Kind::Staff);
                cell.open(Some("e"));
                cell
            })
            .collect();
        LargeWorld { idb, cells }
    }
}

impl TwoTabs for LargeWorld {
    fn step(&self, rng: &mut Rng) -> bool {
        let mut choices = Vec::new();
        {
            let idb = self.idb.borrow();
            if !idb.queue.is_empty() {
                choices.push((0, 0));
            }
            for tab in 0..2 {
                if !idb.announced[tab].is_empty() {
                    choices.push((1, tab));
                }
                if !idb.done[tab].is_empty() {
                    choices.push((2, tab));
                }
            }
        }
        if choices.is_empty() {
            return false;
        }
        let (what, tab) = choices[rng.below(choices.len() as u64) as usize];
        match what {
            0 => {
                let mut idb = self.idb.borrow_mut();
                match idb.queue.pop_front().expect("a transaction") {
                    Transaction::Write { key, value, tab } => {
                        match value {
                            Some(v) => idb.stored.insert(key.clone(), v),
                            None => idb.stored.remove(&key),
                        };
                        idb.done[tab].push_back(Done::Written(key.clone()));
                        if tracing() {
                            eprintln!(
                                "  idb commits tab {tab}'s write: {:?}",
                                idb.stored.get(&key)
                            );
                        }
                        idb.announced[1 - tab].push_back(key);
                    }
                    Transaction::Read { key, tab } => {
                        if tracing() {
                            eprintln!("  idb runs tab {tab}'s read");
                        }
                        let value = idb.stored.get(&key).cloned();
                        idb.done[tab].push_back(Done::Read(key, value));
                    }
                }
            }
            1 => {
                let mut idb = self.idb.borrow_mut();
                let key = idb.announced[tab].pop_front().expect("an announcement");
                if tracing() {
                    eprintln!("  tab {tab} told of a change, reads again");
                }
                idb.queue.push_back(Transaction::Read { key, tab });
            }
            _ => {
                let (key, value, taken) = {
                    let mut idb = self.idb.borrow_mut();
                    match idb.done[tab].pop_front().expect("a completion") {
                        Done::Written(key) => {
                            idb.mem[tab].write_ended(&key);
                            return true;
                        }
                        Done::Read(key, value) => {
                            let taken = idb.mem[tab].take_read(&key, value.as_deref());
                            (key, value, taken)
                        }
                    }
                };
                if tracing() {
                    eprintln!("  tab {tab} read again (taken: {taken}): {value:?}");
                }
                self.cells[tab].external_change(&key);
            }
        }
        true
    }

    fn edit(&self, tab: usize, n: usize) {
        edit_sheet(&self.cells[tab], tab, n);
    }

    fn stored(&self, key: &str) -> Option<String> {
        self.idb.borrow().stored.get(key).cloned()
    }

    fn cell(&self, tab: usize) -> &DocCell<Sheet> {
        &self.cells[tab]
    }
}

/// The same promise for a document of the large tier, whose writes reach IndexedDB in the background and
/// another tab only once committed, in any order of commits, announcements, re-reads and their completions.
#[test]
fn crossing_writes_in_the_large_tier_never_lose_an_edit_in_any_order() {
    no_edit_is_lost_in_any_order(LargeWorld::new);
}
