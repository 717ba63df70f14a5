//! Where stored text lives: a key → text map behind one trait, so that the document store runs the same over
//! the browser's localStorage, over IndexedDB (through an in-memory mirror the browser edge keeps in step) and
//! over plain memory in host tests.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

/// What a backend can report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackendError {
    /// The browser offers no usable storage (switched off, private mode that blocks it, …).
    Unavailable,
    /// The browser refused the write because its storage is full.
    Quota,
    /// Anything else the browser reported, as it said it.
    Other(String),
}

/// A key → text map. Writes are synchronous from the caller's point of view; a backend that persists
/// asynchronously (IndexedDB) reports failures later through the store's notices.
pub trait Backend {
    /// The text under a key.
    fn get(&self, key: &str) -> Result<Option<String>, BackendError>;
    /// Writes text under a key.
    fn set(&self, key: &str, value: &str) -> Result<(), BackendError>;
    /// Removes a key (absent keys are fine).
    fn remove(&self, key: &str) -> Result<(), BackendError>;
    /// Every key, in any order.
    fn keys(&self) -> Result<Vec<String>, BackendError>;

    /// Makes `key` hold `stored` again (`None`: absent) after a write that the durable storage refused only
    /// after the fact (IndexedDB reports a full disk when its transaction ends, after the in-memory copy took
    /// the value). A backend with such a copy puts it back without writing anything; a backend that refuses at
    /// once still holds `stored`, and writing it again changes nothing.
    fn restore(&self, key: &str, stored: Option<&str>) {
        let _ = match stored {
            Some(v) => self.set(key, v),
            None => self.remove(key),
        };
    }

    /// Keys starting with a prefix, sorted.
    fn keys_with_prefix(&self, prefix: &str) -> Vec<String> {
        let mut v: Vec<String> = self
            .keys()
            .unwrap_or_default()
            .into_iter()
            .filter(|k| k.starts_with(prefix))
            .collect();
        v.sort();
        v
    }

    /// UTF-16 code units taken by the keys starting with `prefix` and their values (browsers count
    /// localStorage in UTF-16 code units).
    fn chars_used(&self, prefix: &str) -> u64 {
        self.keys_with_prefix(prefix)
            .iter()
            .map(|k| {
                let v = self.get(k).ok().flatten().unwrap_or_default();
                (k.encode_utf16().count() + v.encode_utf16().count()) as u64
            })
            .sum()
    }
}

/// An in-memory backend, for host tests and for the browser's IndexedDB mirror. It can be given a capacity
/// (in UTF-16 code units, like localStorage's quota) and told to fail the n-th write, so that tests can reach
/// the quota-full and failed-half-way paths.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    map: RefCell<BTreeMap<String, String>>,
    capacity: Cell<Option<u64>>,
    fail_in: Cell<Option<usize>>,
    writes: Cell<usize>,
}

impl MemoryBackend {
    /// An empty backend without a capacity limit.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limits the total of keys and values to `chars` UTF-16 code units (`None`: no limit).
    pub fn set_capacity(&self, chars: Option<u64>) {
        self.capacity.set(chars);
    }

    /// Makes the write after `n` more successful writes fail with [`BackendError::Quota`] (once).
    pub fn fail_after(&self, n: usize) {
        self.fail_in.set(Some(n));
    }

    /// How many writes succeeded so far.
    pub fn writes(&self) -> usize {
        self.writes.get()
    }

    /// A copy of everything stored.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.map.borrow().clone()
    }

    /// Replaces everything stored (e.g. with a fixture of an older version's data).
    pub fn load(&self, entries: BTreeMap<String, String>) {
        *self.map.borrow_mut() = entries;
    }

    fn chars(s: &str) -> u64 {
        s.encode_utf16().count() as u64
    }
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, BackendError> {
        Ok(self.map.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), BackendError> {
        if let Some(n) = self.fail_in.get() {
            if n == 0 {
                self.fail_in.set(None);
                return Err(BackendError::Quota);
            }
            self.fail_in.set(Some(n - 1));
        }
        if let Some(cap) = self.capacity.get() {
            let map = self.map.borrow();
            let others: u64 = map
                .iter()
                .filter(|(k, _)| k.as_str() != key)
                .map(|(k, v)| Self::chars(k) + Self::chars(v))
                .sum();
            if others + Self::chars(key) + Self::chars(value) > cap {
                return Err(BackendError::Quota);
            }
        }
        self.map
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        self.writes.set(self.writes.get() + 1);
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), BackendError> {
        self.map.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, BackendError> {
        Ok(self.map.borrow().keys().cloned().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_memory_backend_keeps_text_and_counts_like_local_storage() {
        let b = MemoryBackend::new();
        b.set("xzzp.a", "示例").unwrap();
        b.set("other", "x").unwrap();
        assert_eq!(b.get("xzzp.a").unwrap().as_deref(), Some("示例"));
        assert_eq!(b.keys_with_prefix("xzzp."), vec!["xzzp.a".to_string()]);
        assert_eq!(b.chars_used("xzzp."), 6 + 2);
        b.remove("xzzp.a").unwrap();
        assert_eq!(b.get("xzzp.a").unwrap(), None);
    }

    #[test]
    fn a_full_memory_backend_refuses_the_write_and_keeps_what_it_had() {
        let b = MemoryBackend::new();
        b.set_capacity(Some(10));
        b.set("k", "12345").unwrap();
        assert_eq!(b.set("k2", "123456"), Err(BackendError::Quota));
        assert_eq!(b.get("k2").unwrap(), None);
        // Replacing a value only counts the new one.
        b.set("k", "123456789").unwrap();
        b.fail_after(0);
        assert_eq!(b.set("k", "1"), Err(BackendError::Quota));
        assert_eq!(b.get("k").unwrap().as_deref(), Some("123456789"));
        b.set("k", "1").unwrap();
    }
}
