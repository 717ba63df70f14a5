//! Evidence from elsewhere into an evaluation: a teacher's evidence (returned as an evidence package beside the
//! answer file) merged into the principal's, and an evidence backup restored. One rule for both: files are
//! matched by point and SHA-256, so the same file is never attached twice; nothing already there is removed
//! or changed except that links to listed items are added; new attachments get ids free in the target.
//!
//! For a teacher, the merge can be limited to the points assigned to them (files for other points are
//! refused and listed), and files that teacher sent earlier but no longer sends are listed as withdrawn:
//! removed only when the principal agrees.

use super::limits::MAX_FILE_BYTES;
use super::store::{BlobIndex, StoreOps};
use super::{AddedBy, Attachment, Contributor, EvidenceDoc};
use crate::framework::Framework;
use crate::i18n::{Lang, Localized};
use std::collections::BTreeSet;

/// How to merge.
#[derive(Debug, Clone, Default)]
pub struct MergeOptions {
    /// Only these points may receive evidence (a teacher's assigned points); `None` for all.
    pub allowed_points: Option<BTreeSet<String>>,
    /// The teacher the evidence comes from: their files are attributed to them, and their earlier files that
    /// the new package no longer holds are listed as withdrawn.
    pub from: Option<Contributor>,
}

/// Why an incoming file was not merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefuseReason {
    /// The point is not in the evaluation's framework.
    UnknownPoint,
    /// The point is not assigned to the teacher.
    NotAssigned,
    /// The record is impossible (empty, or over the size limit).
    BadSize,
}

/// An incoming file that was not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The point.
    pub point_id: String,
    /// The file name.
    pub name: String,
    /// Why.
    pub reason: RefuseReason,
}

impl Localized for Refused {
    fn text(&self, lang: Lang) -> String {
        let Refused {
            point_id,
            name,
            reason,
        } = self;
        match (reason, lang) {
            (RefuseReason::UnknownPoint, Lang::Zh) => {
                format!("“{name}”属于考查要点 {point_id}，本次自评的评价框架中没有这个要点，未导入。")
            }
            (RefuseReason::NotAssigned, Lang::Zh) => {
                format!("“{name}”属于考查要点 {point_id}，这个要点没有分配给该教师，未导入。")
            }
            (RefuseReason::BadSize, Lang::Zh) => format!("“{name}”（考查要点 {point_id}）的大小不合理，未导入。"),
            (RefuseReason::UnknownPoint, Lang::En) => format!(
                "\"{name}\" belongs to point {point_id}, which this evaluation's framework does not have; not imported."
            ),
            (RefuseReason::NotAssigned, Lang::En) => format!(
                "\"{name}\" belongs to point {point_id}, which is not assigned to this teacher; not imported."
            ),
            (RefuseReason::BadSize, Lang::En) => {
                format!("\"{name}\" (point {point_id}) has an impossible size; not imported.")
            }
        }
    }
}

/// What a merge will do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MergePlan {
    /// New attachments (point, attachment with an id free in the target).
    pub add: Vec<(String, Attachment)>,
    /// Listed items to link to a file already there (point, attachment id, item).
    pub links: Vec<(String, String, String)>,
    /// Items to tick (point, item).
    pub marks: Vec<(String, String)>,
    /// Incoming files already attached to their point (point, incoming name, existing name).
    pub duplicates: Vec<(String, String, String)>,
    /// Incoming files not merged.
    pub refused: Vec<Refused>,
    /// Files the teacher sent earlier that the new package no longer holds (point, attachment).
    pub withdrawn: Vec<(String, Attachment)>,
}

impl MergePlan {
    /// Whether the merge changes nothing (e.g. the same package imported again).
    pub fn is_noop(&self) -> bool {
        self.add.is_empty()
            && self.links.is_empty()
            && self.marks.is_empty()
            && self.withdrawn.is_empty()
    }
}

impl Localized for MergePlan {
    fn text(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        let (add, dup, refused, marks, gone) = (
            self.add.len(),
            self.duplicates.len(),
            self.refused.len(),
            self.marks.len() + self.links.len(),
            self.withdrawn.len(),
        );
        match lang {
            Lang::Zh => {
                parts.push(format!("将添加 {add} 个文件"));
                if marks > 0 {
                    parts.push(format!("勾选或关联 {marks} 项清单材料"));
                }
                if dup > 0 {
                    parts.push(format!("{dup} 个文件与已有文件相同，不重复添加"));
                }
                if refused > 0 {
                    parts.push(format!("{refused} 个文件未导入（见下方说明）"));
                }
                if gone > 0 {
                    parts.push(format!(
                        "该教师此前提交的 {gone} 个文件不在新的材料包中，是否移除由您决定"
                    ));
                }
                format!("{}。", parts.join("；"))
            }
            Lang::En => {
                parts.push(format!("{add} file(s) will be added"));
                if marks > 0 {
                    parts.push(format!("{marks} listed item(s) ticked or linked"));
                }
                if dup > 0 {
                    parts.push(format!(
                        "{dup} file(s) are already there and will not be added again"
                    ));
                }
                if refused > 0 {
                    parts.push(format!("{refused} file(s) not imported (see below)"));
                }
                if gone > 0 {
                    parts.push(format!(
                        "{gone} file(s) this teacher sent earlier are not in the new package; you decide whether to remove them"
                    ));
                }
                format!("{}.", parts.join("; "))
            }
        }
    }
}

/// Plans the merge of `incoming` into `target` (of the same evaluation; check that first with
/// [`super::manifest::Manifest::check_target`]).
pub fn plan(
    fw: &Framework,
    target: &EvidenceDoc,
    incoming: &EvidenceDoc,
    opts: &MergeOptions,
) -> MergePlan {
    let mut out = MergePlan::default();
    // Ids taken in the target, growing as new attachments are planned.
    let mut scratch = target.clone();
    let mut sent: BTreeSet<(String, crate::checksum::ContentHash)> = BTreeSet::new();
    for (point_id, pe) in &incoming.by_point {
        let refuse = |name: &str, reason| Refused {
            point_id: point_id.clone(),
            name: name.into(),
            reason,
        };
        let point = fw.point(point_id);
        let blocked = match point {
            None => Some(RefuseReason::UnknownPoint),
            Some(_)
                if opts
                    .allowed_points
                    .as_ref()
                    .is_some_and(|a| !a.contains(point_id)) =>
            {
                Some(RefuseReason::NotAssigned)
            }
            Some(_) => None,
        };
        if let Some(reason) = blocked {
            out.refused
                .extend(pe.files.iter().map(|f| refuse(&f.name, reason)));
            continue;
        }
        let listed = &point.expect("checked above").evidence;
        for f in &pe.files {
            if f.size == 0 || f.size > MAX_FILE_BYTES {
                out.refused.push(refuse(&f.name, RefuseReason::BadSize));
                continue;
            }
            sent.insert((point_id.clone(), f.hash.clone()));
            let items: Vec<String> = f
                .items
                .iter()
                .filter(|i| listed.contains(i))
                .cloned()
                .collect();
            let existing = scratch
                .point(point_id)
                .and_then(|e| e.files.iter().find(|x| x.hash == f.hash))
                .cloned();
            if let Some(existing) = existing {
                out.duplicates
                    .push((point_id.clone(), f.name.clone(), existing.name.clone()));
                for item in items.iter().filter(|i| !existing.items.contains(i)) {
                    if !out
                        .links
                        .iter()
                        .any(|(p, id, it)| p == point_id && *id == existing.id && it == item)
                    {
                        out.links
                            .push((point_id.clone(), existing.id.clone(), item.clone()));
                    }
                }
                continue;
            }
            let mut a = f.clone();
            a.id = scratch.new_id(&f.hash);
            a.items = items;
            if let Some(who) = &opts.from {
                a.added_by = AddedBy::Teacher { who: who.clone() };
            }
            scratch
                .by_point
                .entry(point_id.clone())
                .or_default()
                .files
                .push(a.clone());
            out.add.push((point_id.clone(), a));
        }
        for item in pe.marked.iter().filter(|i| listed.contains(i)) {
            if !target
                .point(point_id)
                .is_some_and(|e| e.marked.contains(item))
            {
                out.marks.push((point_id.clone(), item.clone()));
            }
        }
    }
    if let Some(who) = &opts.from {
        for (point_id, a) in target.attachments() {
            let theirs = matches!(&a.added_by, AddedBy::Teacher { who: w } if w.same_person(who));
            let in_scope = opts
                .allowed_points
                .as_ref()
                .is_none_or(|s| s.contains(point_id));
            if theirs && in_scope && !sent.contains(&(point_id.to_string(), a.hash.clone())) {
                out.withdrawn.push((point_id.to_string(), a.clone()));
            }
        }
    }
    out
}

/// Carries out a plan on the target and its blob index; `remove_withdrawn` is the principal's answer about the
/// withdrawn files. The operations say which blobs to write (read them from the package through
/// [`super::manifest::Unpacked::sources`]) and which to delete, in the order of [`StoreOps`].
pub fn apply(
    plan: &MergePlan,
    target: &mut EvidenceDoc,
    index: &mut BlobIndex,
    remove_withdrawn: bool,
) -> StoreOps {
    let mut ops = StoreOps::default();
    for (point_id, a) in &plan.add {
        target
            .by_point
            .entry(point_id.clone())
            .or_default()
            .files
            .push(a.clone());
        if index.add(&target.evaluation_id, a) && !ops.write.contains(&a.hash) {
            ops.write.push(a.hash.clone());
        }
    }
    for (point_id, id, item) in &plan.links {
        if let Some(f) = target
            .by_point
            .get_mut(point_id)
            .and_then(|e| e.files.iter_mut().find(|f| f.id == *id))
        {
            if !f.items.contains(item) {
                f.items.push(item.clone());
            }
        }
    }
    for (point_id, item) in &plan.marks {
        target
            .by_point
            .entry(point_id.clone())
            .or_default()
            .marked
            .insert(item.clone());
    }
    if remove_withdrawn {
        for (point_id, a) in &plan.withdrawn {
            if target.remove(point_id, &a.id).is_ok() && index.release(&target.evaluation_id, a) {
                ops.delete.push(a.hash.clone());
            }
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::super::store;
    use super::super::tests::{file, framework};
    use super::*;

    fn teacher(name: &str) -> Contributor {
        Contributor {
            name: name.into(),
            role: "教师".into(),
            department: "教务处".into(),
        }
    }

    #[test]
    fn a_teachers_evidence_merges_once_with_duplicates_by_hash() {
        let fw = framework();
        let mut index = BlobIndex::default();
        let mut principal = EvidenceDoc::new("e1");
        let (own, _) = store::attach(
            &mut principal,
            &mut index,
            &fw,
            "p1",
            file("校长拍的.jpg", b"photo", &[]),
        )
        .unwrap();

        let mut theirs = EvidenceDoc::new("e1");
        theirs
            .attach(&fw, "p1", file("同一张.jpg", b"photo", &["活动照片"]))
            .unwrap();
        theirs
            .attach(&fw, "p1", file("记录.pdf", b"minutes", &["会议记录"]))
            .unwrap();
        theirs
            .attach(&fw, "p2", file("记录副本.pdf", b"minutes", &[]))
            .unwrap();
        theirs.mark(&fw, "p2", "制度文本", true).unwrap();

        let opts = MergeOptions {
            allowed_points: None,
            from: Some(teacher("李老师")),
        };
        let plan = plan(&fw, &principal, &theirs, &opts);
        assert_eq!(
            plan.duplicates,
            vec![("p1".into(), "同一张.jpg".into(), "校长拍的.jpg".into())]
        );
        assert_eq!(
            plan.links,
            vec![("p1".into(), own.id.clone(), "活动照片".into())]
        );
        assert_eq!(plan.add.len(), 2);
        assert_eq!(plan.marks, vec![("p2".into(), "制度文本".into())]);
        assert!(plan.add.iter().all(|(_, a)| a.added_by
            == AddedBy::Teacher {
                who: teacher("李老师")
            }));
        assert_eq!(
            plan.zh(),
            "将添加 2 个文件；勾选或关联 2 项清单材料；1 个文件与已有文件相同，不重复添加。"
        );

        let ops = apply(&plan, &mut principal, &mut index, false);
        // The minutes are new bytes, written once although attached to two points; the photo is stored already.
        assert_eq!(ops.write.len(), 1);
        assert_eq!(principal.attachments().count(), 3);
        let ids: BTreeSet<&str> = principal
            .attachments()
            .map(|(_, a)| a.id.as_str())
            .collect();
        assert_eq!(ids.len(), 3, "ids stay unique");
        assert!(principal.point("p1").unwrap().item_present("活动照片"));
        assert_eq!(index, BlobIndex::rebuild([&principal]));

        // Importing the same package again changes nothing.
        let again = super::plan(&fw, &principal, &theirs, &opts);
        assert!(again.is_noop(), "{again:?}");
        assert_eq!(again.duplicates.len(), 3);
    }

    #[test]
    fn only_assigned_points_are_merged_and_withdrawn_files_await_the_principal() {
        let fw = framework();
        let mut index = BlobIndex::default();
        let mut principal = EvidenceDoc::new("e1");
        let li = teacher("李老师");
        let mut first = EvidenceDoc::new("e1");
        first
            .attach(&fw, "p6", file("统计表.xlsx", b"v1", &["统计表"]))
            .unwrap();
        first
            .attach(&fw, "p7", file("照片.jpg", b"p7", &[]))
            .unwrap();
        first
            .attach(&fw, "p1", file("越权.pdf", b"p1", &[]))
            .unwrap();
        first
            .attach(&fw, "p1", file("另一份.pdf", b"p1b", &[]))
            .unwrap();
        let opts = MergeOptions {
            allowed_points: Some(["p6".to_string(), "p7".to_string()].into()),
            from: Some(li.clone()),
        };
        let p = plan(&fw, &principal, &first, &opts);
        assert_eq!(p.add.len(), 2);
        assert_eq!(p.refused.len(), 2);
        assert_eq!(p.refused[0].reason, RefuseReason::NotAssigned);
        assert_eq!(
            p.refused[0].zh(),
            "“越权.pdf”属于考查要点 p1，这个要点没有分配给该教师，未导入。"
        );
        apply(&p, &mut principal, &mut index, false);

        // The teacher corrects the table and drops the photo.
        let mut second = EvidenceDoc::new("e1");
        second
            .attach(&fw, "p6", file("统计表（修订）.xlsx", b"v2", &["统计表"]))
            .unwrap();
        let p = plan(&fw, &principal, &second, &opts);
        assert_eq!(p.add.len(), 1);
        let withdrawn: Vec<&str> = p.withdrawn.iter().map(|(_, a)| a.name.as_str()).collect();
        assert_eq!(withdrawn, ["统计表.xlsx", "照片.jpg"]);
        let kept = principal.clone();
        let mut kept_index = index.clone();
        let mut kept_doc = kept.clone();
        apply(&p, &mut kept_doc, &mut kept_index, false);
        assert_eq!(
            kept_doc.attachments().count(),
            3,
            "nothing removed without the principal's consent"
        );
        let ops = apply(&p, &mut principal, &mut index, true);
        assert_eq!(principal.attachments().count(), 1);
        assert_eq!(ops.delete.len(), 2);
        assert_eq!(index, BlobIndex::rebuild([&principal]));
    }

    #[test]
    fn files_for_unknown_points_or_with_impossible_sizes_are_refused() {
        let fw = framework();
        let principal = EvidenceDoc::new("e1");
        let mut incoming = EvidenceDoc::new("e1");
        incoming
            .attach(&fw, "p1", file("a.pdf", b"a", &[]))
            .unwrap();
        let mut odd = incoming.point("p1").unwrap().files[0].clone();
        odd.size = 0;
        odd.hash = crate::checksum::ContentHash::of(b"other");
        incoming.by_point.get_mut("p1").unwrap().files.push(odd);
        let moved = incoming.point("p1").unwrap().clone();
        incoming.by_point.insert("gone".into(), moved);
        let p = plan(&fw, &principal, &incoming, &MergeOptions::default());
        assert_eq!(p.add.len(), 1);
        let reasons: Vec<RefuseReason> = p.refused.iter().map(|r| r.reason).collect();
        assert_eq!(
            reasons,
            [
                RefuseReason::UnknownPoint,
                RefuseReason::UnknownPoint,
                RefuseReason::BadSize
            ]
        );
    }
}
