//! Teacher mode: what a teacher's browser keeps between opening a 填报包 and sending the answers back, and the
//! rules of it, so that the screens only show and store it.
//!
//! A [`TeacherWork`] holds the package, who the teacher is (preset when the package has one assignee), the
//! answers, a token and the number of exports. Every export is a new revision with the same token, so the
//! principal's collection replaces the earlier answers instead of counting them twice. Opening a newer package
//! of the same school, evaluation and assignee keeps the work.
//!
//! The teacher's 佐证材料 live in the work too, as an [`EvidenceDoc`] for the assigned points (the bytes are
//! the browser's blobs, like the principal's). They go back as an evidence package of their own that names
//! the package and assignee it answers ([`Answering`]), so the principal's merge takes files only for the
//! points given to that teacher and attributes them to the teacher.

use super::answer_code::{encode, AnswerCode};
use super::answer_file::{
    anonymous_tag, respondent_for, Export, ExportError, StaffAnswerFile, StaffRespondent,
};
use super::assignment::Who;
use super::evaluation::{progress, Answers, Edit, EditError, EvaluationHeader, Progress};
use super::evidence::manifest::Answering;
use super::evidence::{AddedBy, Contributor, EvidenceDoc};
use super::framework::{Framework, SchoolType};
use super::invitation::{Invitation, InvitedAssignee};
use super::school::School;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

/// A teacher's work on one package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeacherWork {
    /// The package.
    pub invitation: Invitation,
    /// Who the teacher is in the package; `None` until chosen.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Name, role and department as typed (used for "all staff"; ignored for named people and anonymous
    /// surveys).
    #[serde(default)]
    pub respondent: StaffRespondent,
    /// Random, made once by the browser when the package is first opened.
    pub token: String,
    /// Exports made so far.
    #[serde(default)]
    pub revision: u32,
    /// The answers.
    #[serde(default)]
    pub answers: Answers,
    /// When it was last exported.
    #[serde(default)]
    pub exported_at: Option<NaiveDateTime>,
    /// The files attached to the assigned points (its `evaluation_id` is [`TeacherWork::evidence_owner`]).
    #[serde(default, skip_serializing_if = "EvidenceDoc::is_blank")]
    pub evidence: EvidenceDoc,
}

/// What a teacher's evidence package is made from (see [`TeacherWork::evidence_export`]).
#[derive(Debug, Clone, PartialEq)]
pub struct EvidenceExport {
    /// The assigned points.
    pub framework: Framework,
    /// The principal's evaluation as the package names it.
    pub header: EvaluationHeader,
    /// The school as the package names it.
    pub school: School,
    /// The teacher.
    pub made_by: AddedBy,
    /// The 填报包 and assignee it answers.
    pub package: Answering,
    /// The download name.
    pub file_name: String,
}

/// What an export gives the teacher to send: the file and the same answers as a 答卷码.
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    /// The answer file.
    pub file: StaffAnswerFile,
    /// Its text, to download.
    pub json: String,
    /// Its file name.
    pub file_name: String,
    /// The 答卷码, or why there is none (too much text: the file carries it).
    pub code: Result<AnswerCode, ExportError>,
}

impl TeacherWork {
    /// Starts work on a package; a package for one assignee presets who the teacher is.
    pub fn open(invitation: Invitation, token: &str) -> TeacherWork {
        let assignee = match invitation.assignees.as_slice() {
            [one] => Some(one.id.clone()),
            _ => None,
        };
        TeacherWork {
            invitation,
            assignee,
            respondent: StaffRespondent::default(),
            token: token.into(),
            revision: 0,
            answers: Answers::default(),
            exported_at: None,
            evidence: EvidenceDoc::default(),
        }
    }

    /// Whose the evidence is in the browser's blob index: the work (by its package id), never the
    /// principal's evaluation, which may be kept in the same browser.
    pub fn evidence_owner(&self) -> String {
        format!("teacher:{}", self.invitation.id)
    }

    /// Who attaches evidence: the respondent of [`respondent_for`], or for an anonymous survey a tag of the
    /// browser's token (the same tag as the answer file's name), never a name.
    pub fn contributor(&self) -> Result<Contributor, ExportError> {
        let me = self
            .me()
            .ok_or_else(|| ExportError::UnknownAssignee(String::new()))?;
        Ok(match respondent_for(me, &self.respondent)? {
            Some(r) => Contributor {
                name: r.name,
                role: r.role,
                department: r.department,
            },
            None => Contributor {
                name: anonymous_tag(&self.token),
                role: String::new(),
                department: me.department.clone(),
            },
        })
    }

    /// The package and assignee the evidence answers.
    pub fn package_ref(&self) -> Option<Answering> {
        Some(Answering {
            package_id: self.invitation.id.clone(),
            assignee_id: self.assignee.clone()?,
        })
    }

    /// The principal's evaluation as the package names it, for the evidence package's folders and manifest.
    pub fn evaluation_header(&self) -> EvaluationHeader {
        let inv = &self.invitation;
        EvaluationHeader {
            id: inv.evaluation.id.clone(),
            school_id: inv.school.id.clone(),
            framework_id: inv.framework.id.clone(),
            framework_version: inv.framework.version.clone(),
            school_year: inv.evaluation.school_year,
            term: inv.evaluation.term,
            created: inv.issued_at.clone(),
        }
    }

    /// The school as the package names it (only its id and name are known here).
    pub fn school(&self) -> School {
        let fw = &self.invitation.framework;
        let kind = fw
            .school_types
            .first()
            .copied()
            .unwrap_or(SchoolType::Primary);
        School::new(
            &self.invitation.school.id,
            &self.invitation.school.name,
            kind,
        )
    }

    /// What the teacher's evidence package is made from; refused like an answer file while the teacher is
    /// not known yet (no assignee chosen, no name typed for "all staff").
    pub fn evidence_export(&self) -> Result<EvidenceExport, ExportError> {
        let who = self.contributor()?;
        let unknown = || ExportError::UnknownAssignee(String::new());
        Ok(EvidenceExport {
            framework: self.framework().ok_or_else(unknown)?,
            package: self.package_ref().ok_or_else(unknown)?,
            header: self.evaluation_header(),
            school: self.school(),
            // Like the answer file's name: 佐证材料-学校-部门-姓名.zip.
            file_name: crate::files::safe_file_name(
                &[
                    "佐证材料",
                    &self.invitation.school.name,
                    &who.department,
                    &who.name,
                ],
                "zip",
            ),
            made_by: AddedBy::Teacher { who },
        })
    }

    /// Whether a newer package continues this work: same school, evaluation and (when chosen) assignee.
    pub fn continues(&self, newer: &Invitation) -> bool {
        let same = self.invitation.school.id == newer.school.id
            && self.invitation.evaluation.id == newer.evaluation.id;
        same && self
            .assignee
            .as_ref()
            .is_none_or(|a| newer.assignee(a).is_some())
    }

    /// Takes a newer package of the same work (see [`TeacherWork::continues`]): keeps the token, revision and
    /// the answers to points still assigned; returns false, changing nothing, for another package.
    pub fn update(&mut self, newer: Invitation) -> bool {
        if !self.continues(&newer) {
            return false;
        }
        self.invitation = newer;
        if let Some(fw) = self.framework() {
            self.answers.by_point.retain(|p, _| fw.point(p).is_some());
            // Files of points no longer assigned leave with them; their blobs are collected as unused.
            self.evidence.by_point.retain(|p, _| fw.point(p).is_some());
        }
        true
    }

    /// Chooses who the teacher is; false when the package has no such assignee.
    pub fn choose(&mut self, assignee_id: &str) -> bool {
        if self.invitation.assignee(assignee_id).is_none() {
            return false;
        }
        self.assignee = Some(assignee_id.into());
        true
    }

    /// The chosen assignee.
    pub fn me(&self) -> Option<&InvitedAssignee> {
        self.invitation.assignee(self.assignee.as_deref()?)
    }

    /// Whether the teacher must type their name (all staff, not anonymous).
    pub fn needs_name(&self) -> bool {
        matches!(
            self.me().map(|a| &a.who),
            Some(Who::Staff {
                anonymous: false,
                ..
            })
        )
    }

    /// The framework to answer: only the chosen assignee's points.
    pub fn framework(&self) -> Option<Framework> {
        self.invitation.framework_for(self.assignee.as_deref()?)
    }

    /// Progress through the assigned points.
    pub fn progress(&self) -> Option<Progress> {
        Some(progress(&self.framework()?, &self.answers).0)
    }

    /// Applies an answer edit, checked against the assigned points.
    pub fn apply(&mut self, point_id: &str, edit: Edit) -> Result<(), EditError> {
        let fw = self.framework().ok_or(EditError::UnknownPoint)?;
        self.answers.apply(&fw, point_id, edit)
    }

    /// "完成并导出": a new revision as an answer file and a 答卷码. The revision counts only when the export
    /// succeeds.
    pub fn export(&mut self, file_id: &str, at: NaiveDateTime) -> Result<Exported, ExportError> {
        let assignee = self
            .assignee
            .clone()
            .ok_or_else(|| ExportError::UnknownAssignee(String::new()))?;
        let file = StaffAnswerFile::new(
            &self.invitation,
            &assignee,
            Some(self.respondent.clone()),
            &self.answers,
            Export {
                id: file_id,
                token: &self.token,
                revision: self.revision + 1,
                at,
            },
        )?;
        self.revision += 1;
        self.exported_at = Some(file.exported_at);
        Ok(Exported {
            json: file.to_json(),
            file_name: file.file_name(),
            code: encode(&self.invitation, &file),
            file,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer_file::tests::at;
    use crate::evaluation::AnswerValue;
    use crate::invitation::tests::package;

    #[test]
    fn a_teacher_answers_only_their_points_and_each_export_is_a_new_revision() {
        let mut w = TeacherWork::open(package(&["a5"], "pkg1"), "tok");
        assert_eq!(w.assignee.as_deref(), Some("a5"), "one assignee: preset");
        assert!(!w.needs_name());
        assert_eq!(w.progress(), Some(Progress { done: 0, total: 2 }));
        assert_eq!(
            w.apply("p7", Edit::Value(Some(AnswerValue::Level("A".into())))),
            Err(EditError::UnknownPoint),
            "not 王芳's point"
        );
        w.apply("p1", Edit::Value(Some(AnswerValue::Level("B".into()))))
            .unwrap();
        let first = w.export("f1", at(12, 9, 30)).unwrap();
        assert_eq!(first.file.revision, 1);
        assert_eq!(
            first.file_name,
            "答卷-贺兰县第一小学-教务处-王芳-第1次.json"
        );
        assert!(first.code.as_ref().unwrap().text().starts_with("XZZP"));
        w.apply("p1", Edit::Value(Some(AnswerValue::Level("A".into()))))
            .unwrap();
        let second = w.export("f2", at(13, 9, 30)).unwrap();
        assert_eq!(
            (second.file.revision, second.file.token.as_str()),
            (2, "tok")
        );
        // Stored and read back, the work goes on.
        let json = serde_json::to_string(&w).unwrap();
        let back: TeacherWork = serde_json::from_str(&json).unwrap();
        assert_eq!(back, w);
    }

    #[test]
    fn a_package_for_everyone_asks_who_the_teacher_is_and_staff_give_their_name() {
        let mut w = TeacherWork::open(package(&["a4", "a6", "a8"], "all"), "tok");
        assert_eq!(w.assignee, None);
        assert!(w.framework().is_none());
        assert!(!w.choose("a5"), "not in this package");
        assert!(w.choose("a6"));
        assert!(w.needs_name());
        assert_eq!(
            w.export("f", at(12, 9, 0)).unwrap_err(),
            ExportError::NameMissing
        );
        assert_eq!(w.revision, 0, "a failed export is no revision");
        w.respondent.name = "孙丽".into();
        assert_eq!(
            w.export("f", at(12, 9, 0))
                .unwrap()
                .file
                .respondent
                .unwrap()
                .name,
            "孙丽"
        );
        assert!(w.choose("a8"));
        assert!(!w.needs_name(), "anonymous");
        assert_eq!(w.export("g", at(12, 9, 5)).unwrap().file.respondent, None);
    }

    #[test]
    fn a_newer_package_of_the_same_work_keeps_the_answers_still_assigned() {
        let mut w = TeacherWork::open(package(&["a4"], "pkg1"), "tok");
        for p in ["p1", "p7"] {
            w.apply(p, Edit::Note("说明".into())).unwrap();
        }
        w.export("f", at(12, 9, 0)).unwrap();
        let mut newer = package(&["a4"], "pkg2");
        newer.assignees[0].points.retain(|p| p != "p7");
        assert!(w.update(newer));
        assert_eq!(w.answers.by_point.keys().collect::<Vec<_>>(), vec!["p1"]);
        assert_eq!((w.revision, w.token.as_str()), (1, "tok"));
        let mut other = package(&["a4"], "pkg3");
        other.evaluation.id = "e9".into();
        assert!(!w.update(other));
        assert_eq!(w.invitation.id, "pkg2");
    }
}
