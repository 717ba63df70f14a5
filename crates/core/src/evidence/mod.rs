//! 佐证材料: the files attached to each point of an evaluation, and the point's evidence list as a checklist.
//!
//! What is stored, per evaluation, is one small document, [`EvidenceDoc`]: for each point its attachments
//! (name, media type, size, SHA-256, CRC-32, when and by whom, whether it is a shrunk copy, which listed items
//! it evidences) and the listed items ticked as present without a file (paper kept in the 档案盒). The bytes
//! are stored apart, one blob per SHA-256 ([`store`]), so the same photo attached twice is stored once, and a
//! [`store::BlobIndex`] records who uses each blob so that removing one attachment never removes bytes
//! another still uses.
//!
//! A listed item (an entry of [`Point::evidence`](crate::framework::Point::evidence)) is referred to by its
//! text: lists have no ids, and an evaluation keeps its framework version, so the text is stable; links to an
//! item that a later framework version no longer lists are reported by [`EvidenceDoc::orphans`], never
//! dropped.
//!
//! Order of writes, so that nothing is half-saved: attaching writes the blob first (if new), then the
//! document and the index; a failure after the blob leaves only an unreferenced blob, which
//! [`store::BlobIndex::reconcile`] finds. Removing writes the document and the index first, then deletes the
//! blob if nobody uses it; a failure leaves an unreferenced blob, never a reference to missing bytes.

pub mod counts;
pub mod limits;
pub mod manifest;
pub mod merge;
pub mod store;

pub use crate::checksum::{ContentHash, Digester, FileDigest};
pub use limits::{EvidenceError, NoPreview, Preview, MAX_FILE_BYTES};

use crate::framework::{Framework, Point};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A teacher who attached evidence in teacher mode.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    /// 姓名
    pub name: String,
    /// 角色 / 职务
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
    /// 部门
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub department: String,
}

impl Contributor {
    /// Whether two records name the same person: same name and department (a role may change between files).
    pub fn same_person(&self, other: &Contributor) -> bool {
        self.name.trim() == other.name.trim() && self.department.trim() == other.department.trim()
    }
}

/// Who attached a file. Stored as the teacher's record, or nothing for the principal: a plain shape that
/// costs far less WebAssembly to read than a tagged enum with a flattened record.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(from = "Option<Contributor>", into = "Option<Contributor>")]
pub enum AddedBy {
    /// The principal (or whoever keeps the school's evaluation).
    #[default]
    Principal,
    /// A teacher, in teacher mode; merged into the principal's evidence later.
    Teacher {
        /// Who.
        who: Contributor,
    },
}

impl AddedBy {
    /// Whether the principal attached it (what is left out of stored records).
    pub fn is_principal(&self) -> bool {
        *self == AddedBy::Principal
    }
}

impl From<Option<Contributor>> for AddedBy {
    fn from(c: Option<Contributor>) -> Self {
        match c {
            Some(who) => AddedBy::Teacher { who },
            None => AddedBy::Principal,
        }
    }
}

impl From<AddedBy> for Option<Contributor> {
    fn from(a: AddedBy) -> Self {
        match a {
            AddedBy::Teacher { who } => Some(who),
            AddedBy::Principal => None,
        }
    }
}

impl Localized for AddedBy {
    fn text(&self, lang: Lang) -> String {
        match self {
            AddedBy::Principal => lang.pick("学校", "School").to_string(),
            AddedBy::Teacher { who } => {
                let dept = if who.department.is_empty() {
                    String::new()
                } else {
                    match lang {
                        Lang::Zh => format!("（{}）", who.department),
                        Lang::En => format!(" ({})", who.department),
                    }
                };
                format!("{}{dept}", who.name)
            }
        }
    }
}

/// A photo stored as a smaller copy at the user's request (the original is the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shrunk {
    /// Size of the original file in bytes.
    pub original_size: u64,
    /// Width of the original in pixels.
    pub original_width: u32,
    /// Height of the original in pixels.
    pub original_height: u32,
    /// Width of the stored copy.
    pub width: u32,
    /// Height of the stored copy.
    pub height: u32,
}

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attachment {
    /// Unique in its evaluation.
    pub id: String,
    /// The file name as picked (shown only; the evidence package names files itself).
    pub name: String,
    /// Media type, e.g. `image/jpeg`.
    pub media_type: String,
    /// Size in bytes of what is stored.
    pub size: u64,
    /// SHA-256 of what is stored: the key of its bytes.
    pub hash: ContentHash,
    /// CRC-32 of what is stored, for the ZIP entry of the evidence package.
    pub crc32: u32,
    /// When it was attached (ISO 8601 local date-time).
    pub added: String,
    /// The file's own last-modified time, when the browser gave it (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<String>,
    /// Who attached it.
    #[serde(default, skip_serializing_if = "AddedBy::is_principal")]
    pub added_by: AddedBy,
    /// Set when a smaller copy of a photo was stored instead of the original.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrunk: Option<Shrunk>,
    /// The listed items this file evidences (texts of the point's 佐证材料 list).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

impl Attachment {
    /// The digest recorded for the stored bytes.
    pub fn digest(&self) -> FileDigest {
        FileDigest {
            hash: self.hash.clone(),
            crc32: self.crc32,
            size: self.size,
        }
    }

    /// Whether some bytes are exactly what was attached (a damaged or substituted blob fails).
    pub fn matches(&self, digest: &FileDigest) -> bool {
        self.hash == digest.hash && self.size == digest.size && self.crc32 == digest.crc32
    }
}

/// The evidence of one point.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointEvidence {
    /// Attached files, in the order attached.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<Attachment>,
    /// Listed items ticked as present without a file (e.g. kept on paper in the 档案盒).
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub marked: BTreeSet<String>,
}

impl PointEvidence {
    /// Whether the point has any evidence: a file, or an item ticked present.
    pub fn has_evidence(&self) -> bool {
        !self.files.is_empty() || !self.marked.is_empty()
    }

    /// Whether a listed item is present: ticked, or evidenced by an attached file.
    pub fn item_present(&self, item: &str) -> bool {
        self.marked.contains(item) || self.files.iter().any(|f| f.items.iter().any(|i| i == item))
    }

    fn is_empty(&self) -> bool {
        self.files.is_empty() && self.marked.is_empty()
    }
}

/// A file to attach, as the browser describes it after reading it once through a [`Digester`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// The file name as picked.
    pub name: String,
    /// The media type the browser gave (may be empty).
    pub media_type: String,
    /// Digest of the bytes that will be stored (the shrunk copy, when shrunk).
    pub digest: FileDigest,
    /// Now (ISO 8601 local date-time).
    pub added: String,
    /// The file's last-modified time.
    pub modified: Option<String>,
    /// Who attaches it.
    pub added_by: AddedBy,
    /// Set when a smaller copy is stored.
    pub shrunk: Option<Shrunk>,
    /// Listed items it evidences.
    pub items: Vec<String>,
}

/// The state of one listed item of a point, for the checklist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemStatus {
    /// Position in the point's list (the English text is `evidence_en[index]`).
    pub index: usize,
    /// The item's text.
    pub text: String,
    /// Present: ticked, or evidenced by a file.
    pub present: bool,
    /// Ticked by hand.
    pub marked: bool,
    /// Ids of the attachments linked to it.
    pub files: Vec<String>,
}

/// Evidence that no longer fits the framework (after a change of framework version): kept, and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Orphan {
    /// Evidence on a point the framework no longer has.
    Point {
        /// The point id.
        point_id: String,
        /// How many files it holds.
        files: usize,
    },
    /// A link or tick naming an item no longer in the point's list.
    Item {
        /// The point id.
        point_id: String,
        /// The item.
        item: String,
    },
}

impl Localized for Orphan {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Orphan::Point { point_id, files }, Lang::Zh) => format!(
                "考查要点 {point_id} 已不在评价框架中，它的 {files} 个佐证文件仍然保留，可导出佐证材料包取回。"
            ),
            (Orphan::Point { point_id, files }, Lang::En) => format!(
                "Point {point_id} is no longer in the framework; its {files} evidence files are kept and can be exported in the evidence package."
            ),
            (Orphan::Item { point_id, item }, Lang::Zh) => format!(
                "考查要点 {point_id} 的佐证材料清单中已没有“{item}”；对应的勾选和文件仍然保留。"
            ),
            (Orphan::Item { point_id, item }, Lang::En) => format!(
                "The evidence list of point {point_id} no longer has \"{item}\"; its tick and files are kept."
            ),
        }
    }
}

/// The evidence of one evaluation: the stored metadata document.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvidenceDoc {
    /// The evaluation it belongs to.
    pub evaluation_id: String,
    /// Evidence by point id.
    #[serde(default)]
    pub by_point: BTreeMap<String, PointEvidence>,
}

fn point_of<'a>(fw: &'a Framework, point_id: &str) -> Result<&'a Point, EvidenceError> {
    fw.point(point_id)
        .ok_or_else(|| EvidenceError::UnknownPoint {
            point_id: point_id.into(),
        })
}

fn check_item(point: &Point, item: &str) -> Result<(), EvidenceError> {
    if point.evidence.iter().any(|e| e == item) {
        Ok(())
    } else {
        Err(EvidenceError::UnknownItem {
            point_id: point.id.clone(),
            item: item.into(),
        })
    }
}

/// A picked file's name cut to [`limits::MAX_NAME_CHARS`] characters and stripped of any directory part.
fn display_name(name: &str) -> String {
    let base = crate::file_name::last_component(name.trim());
    let base = if base.trim().is_empty() {
        crate::file_name::UNNAMED
    } else {
        base
    };
    if base.chars().count() <= limits::MAX_NAME_CHARS {
        return base.to_string();
    }
    // Cut the stem, not the extension: the extension says what the file is.
    let ext = crate::file_name::extension(base)
        .map(|e| format!(".{e}"))
        .unwrap_or_default();
    let stem: String = crate::file_name::stem(base)
        .chars()
        .take(limits::MAX_NAME_CHARS - ext.len())
        .collect();
    format!("{stem}{ext}")
}

impl EvidenceDoc {
    /// No evidence yet.
    pub fn new(evaluation_id: &str) -> Self {
        EvidenceDoc {
            evaluation_id: evaluation_id.into(),
            by_point: BTreeMap::new(),
        }
    }

    /// Whether nothing is attached or ticked (an empty point record counts as nothing).
    pub fn is_blank(&self) -> bool {
        self.by_point.values().all(PointEvidence::is_empty)
    }

    /// The evidence of a point, if any.
    pub fn point(&self, point_id: &str) -> Option<&PointEvidence> {
        self.by_point.get(point_id)
    }

    /// Every attachment with its point id, in point-id order.
    pub fn attachments(&self) -> impl Iterator<Item = (&str, &Attachment)> {
        self.by_point
            .iter()
            .flat_map(|(p, e)| e.files.iter().map(move |f| (p.as_str(), f)))
    }

    /// The attachment with an id, with its point.
    pub fn find(&self, id: &str) -> Option<(&str, &Attachment)> {
        self.attachments().find(|(_, a)| a.id == id)
    }

    /// An id not yet used: the hash's first 12 digits, numbered when the same bytes are attached elsewhere.
    pub fn new_id(&self, hash: &ContentHash) -> String {
        let used: BTreeSet<&str> = self.attachments().map(|(_, a)| a.id.as_str()).collect();
        let base = hash.short().to_string();
        if !used.contains(base.as_str()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !used.contains(id.as_str()))
            .expect("some number is free")
    }

    /// Attaches a file to a point after checking the point, the items, the size and duplicates on the point.
    /// Returns the new attachment. Use [`store::attach`] to keep the blob index in step.
    pub fn attach(
        &mut self,
        fw: &Framework,
        point_id: &str,
        file: NewFile,
    ) -> Result<&Attachment, EvidenceError> {
        let point = point_of(fw, point_id)?;
        let name = display_name(&file.name);
        if file.digest.size == 0 {
            return Err(EvidenceError::EmptyFile { name });
        }
        if file.digest.size > MAX_FILE_BYTES {
            return Err(EvidenceError::TooLarge {
                name,
                size: file.digest.size,
            });
        }
        for item in &file.items {
            check_item(point, item)?;
        }
        if let Some(existing) = self
            .point(point_id)
            .and_then(|e| e.files.iter().find(|f| f.hash == file.digest.hash))
        {
            return Err(EvidenceError::AlreadyAttached {
                name,
                existing: existing.name.clone(),
            });
        }
        let mut items = file.items;
        items.dedup();
        let attachment = Attachment {
            id: self.new_id(&file.digest.hash),
            media_type: limits::media_type(&name, &file.media_type),
            name,
            size: file.digest.size,
            hash: file.digest.hash,
            crc32: file.digest.crc32,
            added: file.added,
            modified: file.modified,
            added_by: file.added_by,
            shrunk: file.shrunk,
            items,
        };
        let entry = self.by_point.entry(point_id.to_string()).or_default();
        entry.files.push(attachment);
        Ok(entry.files.last().expect("just pushed"))
    }

    /// Removes an attachment and returns it. Use [`store::remove`] to release its blob.
    pub fn remove(&mut self, point_id: &str, id: &str) -> Result<Attachment, EvidenceError> {
        let unknown = || EvidenceError::UnknownAttachment {
            point_id: point_id.into(),
            id: id.into(),
        };
        let entry = self.by_point.get_mut(point_id).ok_or_else(unknown)?;
        let pos = entry
            .files
            .iter()
            .position(|f| f.id == id)
            .ok_or_else(unknown)?;
        let removed = entry.files.remove(pos);
        if entry.is_empty() {
            self.by_point.remove(point_id);
        }
        Ok(removed)
    }

    /// Links an attached file to a listed item of its point, or unlinks it.
    pub fn link(
        &mut self,
        fw: &Framework,
        point_id: &str,
        id: &str,
        item: &str,
        linked: bool,
    ) -> Result<(), EvidenceError> {
        let point = point_of(fw, point_id)?;
        if linked {
            check_item(point, item)?;
        }
        let file = self
            .by_point
            .get_mut(point_id)
            .and_then(|e| e.files.iter_mut().find(|f| f.id == id))
            .ok_or_else(|| EvidenceError::UnknownAttachment {
                point_id: point_id.into(),
                id: id.into(),
            })?;
        file.items.retain(|i| i != item);
        if linked {
            file.items.push(item.to_string());
        }
        Ok(())
    }

    /// Ticks a listed item as present without a file, or clears the tick (files linked to it still count).
    pub fn mark(
        &mut self,
        fw: &Framework,
        point_id: &str,
        item: &str,
        present: bool,
    ) -> Result<(), EvidenceError> {
        let point = point_of(fw, point_id)?;
        if present {
            check_item(point, item)?;
            self.by_point
                .entry(point_id.to_string())
                .or_default()
                .marked
                .insert(item.to_string());
        } else if let Some(e) = self.by_point.get_mut(point_id) {
            e.marked.remove(item);
            if e.is_empty() {
                self.by_point.remove(point_id);
            }
        }
        Ok(())
    }

    /// The checklist of a point: every listed item with its state.
    pub fn items(&self, point: &Point) -> Vec<ItemStatus> {
        let pe = self.point(&point.id);
        point
            .evidence
            .iter()
            .enumerate()
            .map(|(index, text)| ItemStatus {
                index,
                text: text.clone(),
                present: pe.is_some_and(|e| e.item_present(text)),
                marked: pe.is_some_and(|e| e.marked.contains(text)),
                files: pe
                    .map(|e| {
                        e.files
                            .iter()
                            .filter(|f| f.items.iter().any(|i| i == text))
                            .map(|f| f.id.clone())
                            .collect()
                    })
                    .unwrap_or_default(),
            })
            .collect()
    }

    /// Evidence that does not fit the framework: on points it lacks, or naming items its lists lack.
    pub fn orphans(&self, fw: &Framework) -> Vec<Orphan> {
        let mut out = Vec::new();
        for (point_id, pe) in &self.by_point {
            let Some(point) = fw.point(point_id) else {
                out.push(Orphan::Point {
                    point_id: point_id.clone(),
                    files: pe.files.len(),
                });
                continue;
            };
            let named: BTreeSet<&String> = pe
                .marked
                .iter()
                .chain(pe.files.iter().flat_map(|f| &f.items))
                .collect();
            for item in named {
                if !point.evidence.contains(item) {
                    out.push(Orphan::Item {
                        point_id: point_id.clone(),
                        item: item.clone(),
                    });
                }
            }
        }
        out
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::fixtures;

    /// The fixture framework with evidence lists on p1 (three items) and p2 (one item).
    pub fn framework() -> Framework {
        let mut fw = fixtures::framework();
        fw.areas[0].indicators[0].points[0].evidence =
            vec!["会议记录".into(), "工作方案".into(), "活动照片".into()];
        fw.areas[0].indicators[0].points[1].evidence = vec!["制度文本".into()];
        fw.areas[1].indicators[0].points[0].evidence = vec!["统计表".into(), "台账".into()];
        fw
    }

    pub fn file(name: &str, bytes: &[u8], items: &[&str]) -> NewFile {
        NewFile {
            name: name.into(),
            media_type: String::new(),
            digest: FileDigest::of(bytes),
            added: "2026-03-05T10:00:00".into(),
            modified: None,
            added_by: AddedBy::Principal,
            shrunk: None,
            items: items.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn attaching_checks_the_point_the_items_the_size_and_duplicates() {
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        assert_eq!(
            doc.attach(&fw, "nope", file("a.pdf", b"%PDF-1", &[])),
            Err(EvidenceError::UnknownPoint {
                point_id: "nope".into()
            })
        );
        assert!(matches!(
            doc.attach(&fw, "p1", file("a.pdf", b"%PDF-1", &["不在清单"])),
            Err(EvidenceError::UnknownItem { .. })
        ));
        assert_eq!(
            doc.attach(&fw, "p1", file("空.pdf", b"", &[])),
            Err(EvidenceError::EmptyFile {
                name: "空.pdf".into()
            })
        );
        let mut big = file("大.mp4", b"x", &[]);
        big.digest.size = MAX_FILE_BYTES + 1;
        assert!(matches!(
            doc.attach(&fw, "p1", big),
            Err(EvidenceError::TooLarge { .. })
        ));
        assert!(doc.by_point.is_empty(), "refusals change nothing");

        let a = doc
            .attach(
                &fw,
                "p1",
                file("C:\\照片\\会议.JPG", b"\xFF\xD8\xFFjpeg", &["会议记录"]),
            )
            .unwrap();
        assert_eq!(a.name, "会议.JPG");
        assert_eq!(a.media_type, "image/jpeg");
        assert_eq!(a.id.len(), 12);
        assert_eq!(
            doc.attach(&fw, "p1", file("副本.jpg", b"\xFF\xD8\xFFjpeg", &[])),
            Err(EvidenceError::AlreadyAttached {
                name: "副本.jpg".into(),
                existing: "会议.JPG".into()
            })
        );
        // The same bytes on another point are a second attachment with its own id.
        let b = doc
            .attach(&fw, "p2", file("副本.jpg", b"\xFF\xD8\xFFjpeg", &[]))
            .unwrap();
        assert!(b.id.ends_with("-2"));
        assert_eq!(doc.attachments().count(), 2);
        // A very long name is cut, keeping its extension.
        let long = format!("{}.docx", "长".repeat(300));
        let cut = doc.attach(&fw, "p4", file(&long, b"long", &[])).unwrap();
        assert_eq!(cut.name.chars().count(), limits::MAX_NAME_CHARS);
        assert!(cut.name.ends_with("长.docx"));
    }

    #[test]
    fn the_checklist_counts_ticks_and_linked_files() {
        let fw = framework();
        let p1 = fw.point("p1").unwrap().clone();
        let mut doc = EvidenceDoc::new("e1");
        let id = doc
            .attach(&fw, "p1", file("a.pdf", b"a", &["工作方案"]))
            .unwrap()
            .id
            .clone();
        doc.mark(&fw, "p1", "会议记录", true).unwrap();
        let items = doc.items(&p1);
        assert_eq!(
            items
                .iter()
                .map(|i| (i.present, i.marked, i.files.len()))
                .collect::<Vec<_>>(),
            vec![(true, true, 0), (true, false, 1), (false, false, 0)]
        );
        doc.link(&fw, "p1", &id, "活动照片", true).unwrap();
        doc.link(&fw, "p1", &id, "工作方案", false).unwrap();
        let items = doc.items(&p1);
        assert!(!items[1].present && items[2].present);
        assert!(doc.link(&fw, "p1", &id, "别的", true).is_err());
        assert!(doc.link(&fw, "p1", "nope", "活动照片", true).is_err());
        doc.mark(&fw, "p1", "会议记录", false).unwrap();
        doc.remove("p1", &id).unwrap();
        assert!(doc.by_point.is_empty(), "an empty point leaves no entry");
        assert!(doc.remove("p1", &id).is_err());
    }

    #[test]
    fn evidence_that_no_longer_fits_the_framework_is_reported_not_dropped() {
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        doc.attach(&fw, "p1", file("a.pdf", b"a", &["会议记录"]))
            .unwrap();
        doc.attach(&fw, "p6", file("b.pdf", b"b", &[])).unwrap();
        let mut newer = fw.clone();
        newer.areas[0].indicators[0].points[0].evidence = vec!["会议纪要".into()];
        newer.areas[1].indicators[0].points.remove(0);
        assert_eq!(
            doc.orphans(&newer),
            vec![
                Orphan::Item {
                    point_id: "p1".into(),
                    item: "会议记录".into()
                },
                Orphan::Point {
                    point_id: "p6".into(),
                    files: 1
                },
            ]
        );
        assert!(doc.orphans(&fw).is_empty());
        assert!(Orphan::Point {
            point_id: "p6".into(),
            files: 1
        }
        .zh()
        .contains("仍然保留"));
    }

    #[test]
    fn the_document_round_trips_through_json() {
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        let mut f = file("照片.jpg", b"\xFF\xD8\xFF", &["活动照片"]);
        f.added_by = AddedBy::Teacher {
            who: Contributor {
                name: "李老师".into(),
                role: "语文教师".into(),
                department: "教务处".into(),
            },
        };
        f.shrunk = Some(Shrunk {
            original_size: 5_000_000,
            original_width: 4032,
            original_height: 3024,
            width: 2560,
            height: 1920,
        });
        doc.attach(&fw, "p1", f).unwrap();
        doc.mark(&fw, "p2", "制度文本", true).unwrap();
        let json = serde_json::to_string(&doc).unwrap();
        assert!(
            json.contains("\"added_by\":{\"name\":\"李老师\",\"role\":\"语文教师\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<EvidenceDoc>(&json).unwrap(), doc);
        assert_eq!(
            doc.point("p1").unwrap().files[0].added_by.zh(),
            "李老师（教务处）"
        );
    }
}
