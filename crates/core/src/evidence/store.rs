//! Where evidence bytes live: one blob per SHA-256, shared by every attachment with those bytes, and the index
//! of who uses each blob; how much room new files need; and the store operations an attach, a remove or a
//! merge asks the browser to carry out, in the order that never half-saves.
//!
//! The index records the users of a blob as (evaluation, attachment) pairs rather than a bare count, so that
//! applying the same change twice cannot make it drift, and it can be rebuilt from the evidence documents at
//! any time ([`BlobIndex::rebuild`]) and checked against the blobs actually stored ([`BlobIndex::reconcile`]).

use super::limits::{EvidenceError, STORAGE_RESERVE_BYTES};
use super::{Attachment, EvidenceDoc, NewFile};
use crate::checksum::{ContentHash, FileDigest};
use crate::framework::Framework;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Room counted for the metadata of each new file, on top of its bytes.
pub const METADATA_BYTES_PER_FILE: u64 = 1024;

/// One attachment using a blob.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlobRef {
    /// The evaluation.
    pub evaluation_id: String,
    /// The attachment.
    pub attachment_id: String,
}

/// A stored blob.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlobEntry {
    /// Size in bytes.
    pub size: u64,
    /// Who uses it.
    #[serde(default)]
    pub refs: BTreeSet<BlobRef>,
}

/// Every stored blob of a profile and who uses it (a small stored document beside the evidence documents).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlobIndex {
    /// Blobs by hash.
    #[serde(default)]
    pub blobs: BTreeMap<ContentHash, BlobEntry>,
}

/// What the browser must do to the blob store, in this order: write `write` (all of them succeed, or the
/// change is abandoned and nothing else is saved), then save the evidence document and the index, then delete
/// `delete`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreOps {
    /// Blobs to write (their bytes are new to the store).
    pub write: Vec<ContentHash>,
    /// Blobs nobody uses any more.
    pub delete: Vec<ContentHash>,
}

/// Bytes used, in total and per evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Usage {
    /// Every blob once.
    pub total: u64,
    /// Number of blobs.
    pub blobs: usize,
    /// Bytes of the blobs each evaluation uses (a blob shared by two evaluations counts in both, once in the
    /// total).
    pub per_evaluation: BTreeMap<String, u64>,
}

/// The stored blobs compared with the index.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reconcile {
    /// Stored, but nobody uses them (left by an interrupted save): safe to delete.
    pub unreferenced: Vec<ContentHash>,
    /// Used, but not stored (the browser cleared them): report as [`EvidenceError::Missing`].
    pub missing: Vec<(ContentHash, Vec<BlobRef>)>,
}

fn blob_ref(evaluation_id: &str, attachment_id: &str) -> BlobRef {
    BlobRef {
        evaluation_id: evaluation_id.into(),
        attachment_id: attachment_id.into(),
    }
}

impl BlobIndex {
    /// Whether bytes with this hash are stored.
    pub fn contains(&self, hash: &ContentHash) -> bool {
        self.blobs.contains_key(hash)
    }

    /// Records that an attachment uses its blob; true when the blob is new and its bytes must be written.
    pub fn add(&mut self, evaluation_id: &str, a: &Attachment) -> bool {
        let new = !self.blobs.contains_key(&a.hash);
        let entry = self
            .blobs
            .entry(a.hash.clone())
            .or_insert_with(|| BlobEntry {
                size: a.size,
                refs: BTreeSet::new(),
            });
        entry.refs.insert(blob_ref(evaluation_id, &a.id));
        new
    }

    /// Records that an attachment no longer uses its blob; true when nobody does and its bytes can go.
    pub fn release(&mut self, evaluation_id: &str, a: &Attachment) -> bool {
        let Some(entry) = self.blobs.get_mut(&a.hash) else {
            return false;
        };
        entry.refs.remove(&blob_ref(evaluation_id, &a.id));
        if entry.refs.is_empty() {
            self.blobs.remove(&a.hash);
            true
        } else {
            false
        }
    }

    /// Releases every blob use of an evaluation (when it is deleted); returns the blobs nobody uses any more.
    pub fn release_evaluation(&mut self, evaluation_id: &str) -> Vec<ContentHash> {
        let mut freed = Vec::new();
        self.blobs.retain(|hash, entry| {
            entry.refs.retain(|r| r.evaluation_id != evaluation_id);
            let keep = !entry.refs.is_empty();
            if !keep {
                freed.push(hash.clone());
            }
            keep
        });
        freed
    }

    /// The index the evidence documents imply.
    pub fn rebuild<'a>(docs: impl IntoIterator<Item = &'a EvidenceDoc>) -> Self {
        let mut index = BlobIndex::default();
        for doc in docs {
            for (_, a) in doc.attachments() {
                index.add(&doc.evaluation_id, a);
            }
        }
        index
    }

    /// Bytes used in total and per evaluation.
    pub fn usage(&self) -> Usage {
        let mut u = Usage {
            blobs: self.blobs.len(),
            ..Usage::default()
        };
        for entry in self.blobs.values() {
            u.total += entry.size;
            let evaluations: BTreeSet<&str> = entry
                .refs
                .iter()
                .map(|r| r.evaluation_id.as_str())
                .collect();
            for e in evaluations {
                *u.per_evaluation.entry(e.to_string()).or_default() += entry.size;
            }
        }
        u
    }

    /// Compares the index with the hashes the blob store holds.
    pub fn reconcile(&self, stored: &BTreeSet<ContentHash>) -> Reconcile {
        Reconcile {
            unreferenced: stored
                .iter()
                .filter(|h| !self.blobs.contains_key(*h))
                .cloned()
                .collect(),
            missing: self
                .blobs
                .iter()
                .filter(|(h, _)| !stored.contains(*h))
                .map(|(h, e)| (h.clone(), e.refs.iter().cloned().collect()))
                .collect(),
        }
    }
}

/// How much room a set of new files needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StorageNeed {
    /// Files in the set.
    pub files: usize,
    /// Distinct new blobs to write.
    pub new_blobs: usize,
    /// Files whose bytes are already stored, or repeat another file of the set.
    pub reused: usize,
    /// Bytes to write: the new blobs plus [`METADATA_BYTES_PER_FILE`] per file.
    pub bytes: u64,
}

/// The bytes a set of new files needs after de-duplication against the store and within the set.
pub fn storage_needed(index: &BlobIndex, new: &[FileDigest]) -> StorageNeed {
    let mut seen: BTreeSet<&ContentHash> = BTreeSet::new();
    let mut need = StorageNeed {
        files: new.len(),
        ..StorageNeed::default()
    };
    for d in new {
        need.bytes += METADATA_BYTES_PER_FILE;
        if index.contains(&d.hash) || !seen.insert(&d.hash) {
            need.reused += 1;
        } else {
            need.new_blobs += 1;
            need.bytes += d.size;
        }
    }
    need
}

/// Refuses, before anything is written, a change that would not fit: `usage` and `quota` are what the browser
/// reports (`navigator.storage.estimate()`); [`STORAGE_RESERVE_BYTES`] stay free for the other documents.
pub fn check_room(need: &StorageNeed, usage: u64, quota: u64) -> Result<(), EvidenceError> {
    let available = quota
        .saturating_sub(usage)
        .saturating_sub(STORAGE_RESERVE_BYTES);
    if need.bytes > available {
        Err(EvidenceError::StorageFull {
            needed: need.bytes,
            available,
        })
    } else {
        Ok(())
    }
}

/// Attaches a file and records its blob use; the operations say whether its bytes must be written.
pub fn attach(
    doc: &mut EvidenceDoc,
    index: &mut BlobIndex,
    fw: &Framework,
    point_id: &str,
    file: NewFile,
) -> Result<(Attachment, StoreOps), EvidenceError> {
    let a = doc.attach(fw, point_id, file)?.clone();
    let mut ops = StoreOps::default();
    if index.add(&doc.evaluation_id, &a) {
        ops.write.push(a.hash.clone());
    }
    Ok((a, ops))
}

/// Removes an attachment and releases its blob use; the operations say whether its bytes can be deleted.
pub fn remove(
    doc: &mut EvidenceDoc,
    index: &mut BlobIndex,
    point_id: &str,
    id: &str,
) -> Result<(Attachment, StoreOps), EvidenceError> {
    let a = doc.remove(point_id, id)?;
    let mut ops = StoreOps::default();
    if index.release(&doc.evaluation_id, &a) {
        ops.delete.push(a.hash.clone());
    }
    Ok((a, ops))
}

/// Checks bytes read back from the store against what was recorded when the file was attached.
pub fn verify(
    point_id: &str,
    a: &Attachment,
    read: Option<&FileDigest>,
) -> Result<(), EvidenceError> {
    match read {
        None => Err(EvidenceError::Missing {
            name: a.name.clone(),
            point_id: point_id.into(),
        }),
        Some(d) if !a.matches(d) => Err(EvidenceError::Damaged {
            name: a.name.clone(),
            point_id: point_id.into(),
        }),
        Some(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{file, framework};
    use super::*;

    #[test]
    fn the_same_bytes_are_stored_once_and_deleted_only_when_nobody_uses_them() {
        let fw = framework();
        let mut index = BlobIndex::default();
        let mut e1 = EvidenceDoc::new("e1");
        let mut e2 = EvidenceDoc::new("e2");
        let (a, ops) = attach(
            &mut e1,
            &mut index,
            &fw,
            "p1",
            file("合影.jpg", b"photo", &[]),
        )
        .unwrap();
        assert_eq!(ops.write, vec![a.hash.clone()]);
        let (b, ops) = attach(
            &mut e1,
            &mut index,
            &fw,
            "p2",
            file("合影2.jpg", b"photo", &[]),
        )
        .unwrap();
        assert!(ops.write.is_empty(), "already stored");
        let (c, ops) = attach(
            &mut e2,
            &mut index,
            &fw,
            "p1",
            file("合影.jpg", b"photo", &[]),
        )
        .unwrap();
        assert!(ops.write.is_empty());
        assert_eq!(index.blobs.len(), 1);
        assert_eq!(index.blobs[&a.hash].refs.len(), 3);

        assert_eq!(
            remove(&mut e1, &mut index, "p1", &a.id).unwrap().1,
            StoreOps::default()
        );
        // Releasing the same use twice changes nothing: the index cannot drift.
        assert!(!index.release("e1", &a));
        assert!(remove(&mut e1, &mut index, "p2", &b.id)
            .unwrap()
            .1
            .delete
            .is_empty());
        let (_, ops) = remove(&mut e2, &mut index, "p1", &c.id).unwrap();
        assert_eq!(ops.delete, vec![a.hash.clone()]);
        assert!(index.blobs.is_empty());
    }

    #[test]
    fn deleting_an_evaluation_frees_only_blobs_no_other_evaluation_uses() {
        let fw = framework();
        let mut index = BlobIndex::default();
        let mut e1 = EvidenceDoc::new("e1");
        let mut e2 = EvidenceDoc::new("e2");
        let shared = attach(&mut e1, &mut index, &fw, "p1", file("a", b"shared", &[]))
            .unwrap()
            .0;
        let own = attach(&mut e1, &mut index, &fw, "p2", file("b", b"own", &[]))
            .unwrap()
            .0;
        attach(&mut e2, &mut index, &fw, "p1", file("a", b"shared", &[])).unwrap();
        assert_eq!(index, BlobIndex::rebuild([&e1, &e2]));
        let u = index.usage();
        assert_eq!(u.total, 6 + 3);
        assert_eq!(u.per_evaluation["e1"], 9);
        assert_eq!(u.per_evaluation["e2"], 6);
        assert_eq!(index.release_evaluation("e1"), vec![own.hash.clone()]);
        assert!(index.contains(&shared.hash));
    }

    #[test]
    fn reconcile_finds_leftover_and_missing_blobs() {
        let fw = framework();
        let mut index = BlobIndex::default();
        let mut e1 = EvidenceDoc::new("e1");
        let a = attach(&mut e1, &mut index, &fw, "p1", file("a", b"kept", &[]))
            .unwrap()
            .0;
        let gone = attach(&mut e1, &mut index, &fw, "p2", file("b", b"evicted", &[]))
            .unwrap()
            .0;
        let leftover = ContentHash::of(b"interrupted save");
        let stored: BTreeSet<ContentHash> = [a.hash.clone(), leftover.clone()].into();
        let r = index.reconcile(&stored);
        assert_eq!(r.unreferenced, vec![leftover]);
        assert_eq!(r.missing.len(), 1);
        assert_eq!(r.missing[0].0, gone.hash);
        assert_eq!(r.missing[0].1[0].attachment_id, gone.id);
    }

    #[test]
    fn storage_needed_counts_each_new_blob_once() {
        let mut index = BlobIndex::default();
        let fw = framework();
        let mut e1 = EvidenceDoc::new("e1");
        attach(&mut e1, &mut index, &fw, "p1", file("old", &[7; 100], &[])).unwrap();
        let new = [
            FileDigest::of(&[1; 1000]),
            FileDigest::of(&[1; 1000]), // the same file picked twice
            FileDigest::of(&[7; 100]),  // already stored
            FileDigest::of(&[2; 500]),
        ];
        let need = storage_needed(&index, &new);
        assert_eq!(
            need,
            StorageNeed {
                files: 4,
                new_blobs: 2,
                reused: 2,
                bytes: 1000 + 500 + 4 * METADATA_BYTES_PER_FILE
            }
        );
        let mb = 1024 * 1024;
        assert_eq!(check_room(&need, 10 * mb, 100 * mb), Ok(()));
        let big = StorageNeed {
            bytes: 75 * mb,
            ..need
        };
        assert_eq!(
            check_room(&big, 10 * mb, 100 * mb),
            Err(EvidenceError::StorageFull {
                needed: 75 * mb,
                available: 70 * mb
            })
        );
        assert_eq!(
            check_room(&big, 200 * mb, 100 * mb),
            Err(EvidenceError::StorageFull {
                needed: 75 * mb,
                available: 0
            })
        );
    }

    #[test]
    fn bytes_read_back_are_checked_against_the_record() {
        let fw = framework();
        let mut e1 = EvidenceDoc::new("e1");
        let a = e1
            .attach(&fw, "p1", file("记录.pdf", b"%PDF-ok", &[]))
            .unwrap()
            .clone();
        assert_eq!(verify("p1", &a, Some(&FileDigest::of(b"%PDF-ok"))), Ok(()));
        assert_eq!(
            verify("p1", &a, Some(&FileDigest::of(b"%PDF-no"))),
            Err(EvidenceError::Damaged {
                name: "记录.pdf".into(),
                point_id: "p1".into()
            })
        );
        assert!(matches!(
            verify("p1", &a, None),
            Err(EvidenceError::Missing { .. })
        ));
    }
}
