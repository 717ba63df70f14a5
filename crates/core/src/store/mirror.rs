//! The copy in memory of a tier that is written in the background (IndexedDB at the browser edge). The store
//! reads and writes the copy at once; the writes reach the background storage later, in the order they were
//! made. When another tab announces a change, the key is read again from the background storage and the value
//! taken into the copy, unless a write of this tab to that key is still on its way: IndexedDB runs transactions
//! in the order they were made, so such a write is stored after the value read and is newer than it, and taking
//! the read's value would bring an older state back into memory (and onto the page). A write made before the
//! read is committed before the read runs, so it never keeps another tab's change out.

use super::backend::{Backend, BackendError, MemoryBackend};
use std::cell::RefCell;
use std::collections::BTreeMap;

/// The copy in memory, with this tab's writes per key that are not stored yet.
#[derive(Debug, Default)]
pub struct MirrorCopy {
    mem: MemoryBackend,
    on_the_way: RefCell<BTreeMap<String, usize>>,
}

impl MirrorCopy {
    /// An empty copy.
    pub fn new() -> Self {
        Self::default()
    }

    /// The value held under a key.
    pub fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        self.mem.get(key)
    }

    /// Every key held.
    pub fn keys(&self) -> Result<Vec<String>, BackendError> {
        self.mem.keys()
    }

    /// This tab's write (`None`: a removal): in memory at once, and on its way until [`MirrorCopy::write_ended`];
    /// the caller sends it to the background storage.
    pub fn write(&self, key: &str, value: Option<&str>) -> Result<(), BackendError> {
        match value {
            Some(v) => self.mem.set(key, v)?,
            None => self.mem.remove(key)?,
        }
        *self
            .on_the_way
            .borrow_mut()
            .entry(key.to_string())
            .or_default() += 1;
        Ok(())
    }

    /// One write of `key` was committed or refused by the background storage.
    pub fn write_ended(&self, key: &str) {
        let mut on = self.on_the_way.borrow_mut();
        if let Some(n) = on.get_mut(key) {
            *n -= 1;
            if *n == 0 {
                on.remove(key);
            }
        }
    }

    /// Whether a write of `key` is on its way.
    pub fn writing(&self, key: &str) -> bool {
        self.on_the_way.borrow().contains_key(key)
    }

    /// A value the background storage already holds (read at start, or put back after a refused write): into
    /// memory, not a write.
    pub fn adopt(&self, key: &str, value: Option<&str>) {
        let _ = match value {
            Some(v) => self.mem.set(key, v),
            None => self.mem.remove(key),
        };
    }

    /// Takes the value another tab's change left in the background storage, read again there, unless this tab's
    /// own newer write of the key is on its way. Returns whether it was taken.
    pub fn take_read(&self, key: &str, found: Option<&str>) -> bool {
        if self.writing(key) {
            return false;
        }
        self.adopt(key, found);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_does_not_replace_a_write_still_on_its_way() {
        let copy = MirrorCopy::new();
        copy.write("k", Some("mine 1")).unwrap();
        copy.write("k", Some("mine 2")).unwrap();
        copy.write_ended("k");
        assert!(!copy.take_read("k", Some("theirs")));
        assert_eq!(copy.get("k").unwrap().as_deref(), Some("mine 2"));
        copy.write_ended("k");
        assert!(!copy.writing("k"));
    }

    #[test]
    fn once_this_tabs_writes_are_stored_a_read_takes_the_other_tabs_value() {
        let copy = MirrorCopy::new();
        copy.write("k", Some("mine")).unwrap();
        copy.write("other", Some("x")).unwrap();
        copy.write_ended("k");
        assert!(copy.take_read("k", Some("theirs")));
        assert_eq!(copy.get("k").unwrap().as_deref(), Some("theirs"));
        assert!(copy.take_read("k", None));
        assert_eq!(copy.get("k").unwrap(), None);
        assert!(copy.writing("other"));
    }
}
