//! 回收 (collection): the principal's side of a whole-staff self-evaluation.
//!
//! [`Staff`] is what an evaluation keeps of it: the [`Assignment`], the packages issued, and the answers
//! received ([`Submission`]s, from answer files of both versions and from 答卷码). Answers come in through
//! [`Staff::receive_file`] / [`Staff::receive_code`], which check that they belong to this school, this
//! evaluation and the assigned points, and then [`Staff::intake`], under which a new file from the same person
//! replaces the earlier one and the same answers never count twice. From them: who has answered and who is
//! missing per department ([`Staff::status`]); per point the distribution, mean, count and notes, with flags
//! where staff disagree among themselves or with the principal ([`Staff::points`]); the edits that adopt a
//! department's answer as the school's conclusion ([`Staff::adopt`]); and the report's inputs
//! ([`Staff::report`]).
//!
//! # Rules
//! - **The same person**: a named assignee of the assignment; for "all staff", the same name in the same
//!   department within that assignee (two colleagues of one name add something to tell them apart); for an
//!   anonymous survey, the same token (the teacher's browser keeps one per package); for a version 1 file that
//!   matches no named assignee, the same name. A later revision (then a later export time) replaces an
//!   earlier one; the same revision and time is the same export (a file and its 答卷码) and is kept once; an
//!   older one is refused, keeping the newer.
//! - **Staff disagree** on a level point when the levels chosen are at least 2 levels apart on the scale
//!   (e.g. 优秀 and 合格); on a 是/否 point when both answers occur. Number and text points are not flagged.
//! - **Staff differ from the principal** on a level point when the principal's level is not the level
//!   nearest to the staff's mean score; a mean exactly halfway between two levels is nearest to both, so it
//!   never differs from either. On a 是/否 point, when a strict majority of staff answered otherwise. Only
//!   points the principal has answered are compared.
//! - **Anonymous surveys**: answers to an anonymous assignee are stored without any respondent, whatever the
//!   file or code carried, so no status, statistic, note, report input or export can name anyone.

use super::answer_code::{package_tag, CodeAnswers, CodeError};
use super::answer_file::{
    check_answer, read_answer_file, token_tag, AnswerFileError, Incoming, StaffAnswerFile,
    StaffRespondent,
};
use super::assignment::{normalise, Assignment, Who};
use super::evaluation::{Answer, AnswerValue, Answers, Edit, EditError, EvaluationHeader};
use super::framework::{Framework, Point, PointKind};
use super::i18n::{Lang, Localized};
use super::invitation::{Invitation, InvitedAssignee, IssuedPackage};
use super::ledger::{csv_field, trim_number};
use super::report::RespondentStats;
use super::respondents::{summary, tally};
use super::school::School;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// How answers arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// A version 1 answer file (the whole framework, before packages).
    File1,
    /// A version 2 answer file.
    File,
    /// A 答卷码.
    Code,
}

/// One person's answers as the principal keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Submission {
    /// The file's id, or `code-` and the code id.
    pub id: String,
    /// How it arrived.
    pub via: Via,
    /// Who this is, for replacing earlier answers (see the module's rules).
    pub person: String,
    /// The package answered; `None` for version 1 files.
    #[serde(default)]
    pub package: Option<String>,
    /// The assignee answering; `None` for a version 1 file of nobody in the assignment.
    #[serde(default)]
    pub assignee: Option<String>,
    /// Who answered; always `None` for an anonymous survey.
    #[serde(default)]
    pub respondent: Option<StaffRespondent>,
    /// The revision (0 for version 1 files).
    #[serde(default)]
    pub revision: u32,
    /// When it was exported: `YYYY-MM-DDTHH:MM`, or the date of a version 1 file.
    #[serde(default)]
    pub exported_at: String,
    /// The answers.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

impl Submission {
    /// The respondent in words for messages; anonymous answers are 一位匿名教职工.
    pub fn who(&self, lang: Lang) -> String {
        match (&self.respondent, lang) {
            (Some(r), _) if r.department.trim().is_empty() => r.name.clone(),
            (Some(r), _) => format!("{} {}", r.department.trim(), r.name),
            (None, Lang::Zh) => "一位匿名教职工".into(),
            (None, Lang::En) => "an anonymous respondent".into(),
        }
    }
}

/// The staff part of one evaluation, to be stored with it (under [`crate::persist::ProfileKeys::staff`]) and
/// carried in its backup.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// 分工
    #[serde(default)]
    pub assignment: Assignment,
    /// Packages issued, newest last.
    #[serde(default)]
    pub issued: Vec<IssuedPackage>,
    /// Answers received.
    #[serde(default)]
    pub submissions: Vec<Submission>,
}

/// The open evaluation answers are received into.
#[derive(Debug, Clone, Copy)]
pub struct Desk<'a> {
    /// The school.
    pub school: &'a School,
    /// The evaluation.
    pub header: &'a EvaluationHeader,
    /// Its framework.
    pub fw: &'a Framework,
}

/// Why received answers were refused. Nothing is changed.
#[derive(Debug, Clone, PartialEq)]
pub enum ReceiveError {
    /// Answers of another school (its name as the file gives it).
    OtherSchool(String),
    /// Answers to another evaluation of this school.
    OtherEvaluation,
    /// A package this evaluation did not issue (or whose record was removed).
    UnknownPackage,
    /// An assignee the package does not have.
    UnknownAssignee,
    /// Answers to another framework (its id).
    OtherFramework(String),
    /// Answers to points not assigned to this respondent: (who, point ids).
    Unassigned(String, Vec<String>),
    /// An answer that does not fit its point in this evaluation's framework.
    BadAnswer(String, EditError),
    /// "All staff" answers without a name.
    NameMissing,
    /// A code whose content does not match the package it names.
    CodeMismatch,
}

impl Localized for ReceiveError {
    fn text(&self, lang: Lang) -> String {
        let what = match (self, lang) {
            (ReceiveError::OtherSchool(s), Lang::Zh) => format!("这是“{s}”的答卷，不是本校的"),
            (ReceiveError::OtherSchool(s), Lang::En) => format!("these answers belong to “{s}”, not to this school"),
            (ReceiveError::OtherEvaluation, Lang::Zh) => "这是本校另一次自评的答卷，请先打开对应的自评再导入".into(),
            (ReceiveError::OtherEvaluation, Lang::En) => "these answers belong to another evaluation of this school; open that evaluation first".into(),
            (ReceiveError::UnknownPackage, Lang::Zh) => "所答的填报包不是本次自评发出的（可能来自其他学校、其他自评，或发出的记录已删除）".into(),
            (ReceiveError::UnknownPackage, Lang::En) => "they answer a package this evaluation did not issue (another school or evaluation, or its record was removed)".into(),
            (ReceiveError::UnknownAssignee, Lang::Zh) => "填报包中没有这位填报人，填报包可能已被重新制作".into(),
            (ReceiveError::UnknownAssignee, Lang::En) => "the package has no such assignee; it may have been made again".into(),
            (ReceiveError::OtherFramework(id), Lang::Zh) => format!("答卷使用的评价框架（{id}）与本次自评不同"),
            (ReceiveError::OtherFramework(id), Lang::En) => format!("the answers use another framework ({id})"),
            (ReceiveError::Unassigned(who, points), Lang::Zh) => format!(
                "{who}的答卷含有未分给本人的考查要点（{}），整份答卷未导入；请核对分工后让老师用新的填报包重新填写",
                points.join("、")
            ),
            (ReceiveError::Unassigned(who, points), Lang::En) => format!(
                "the answers of {who} include points not assigned to them ({}); the whole file was refused",
                points.join(", ")
            ),
            (ReceiveError::BadAnswer(p, e), Lang::Zh) => format!("考查要点“{p}”的答案不正确：{}", e.zh()),
            (ReceiveError::BadAnswer(p, _), Lang::En) => format!("the answer to point “{p}” does not fit the point"),
            (ReceiveError::NameMissing, Lang::Zh) => "答卷没有填写姓名".into(),
            (ReceiveError::NameMissing, Lang::En) => "the answers carry no name".into(),
            (ReceiveError::CodeMismatch, Lang::Zh) => "答卷码与所答的填报包对不上（填报包可能已被重新制作），请让老师用新的填报包重新生成".into(),
            (ReceiveError::CodeMismatch, Lang::En) => "the code does not match its package (it may have been made again)".into(),
        };
        match lang {
            Lang::Zh => format!("无法导入：{what}。现有数据没有任何改动。"),
            Lang::En => format!("Cannot import: {what}. Nothing was changed."),
        }
    }
}

/// What [`Staff::intake`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intake {
    /// New answers.
    Added,
    /// Replaced the same person's earlier answers (their revision).
    Replaced(u32),
    /// These answers were already in (the same file, or the file and the code of one export).
    Same,
    /// Older than the same person's answers already in (their revision), which are kept.
    Older(u32),
}

/// The outcome of taking in answers, to tell the principal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntakeNotice {
    /// Who, in words (anonymous answers: 一位匿名教职工).
    pub who: String,
    /// Their revision.
    pub revision: u32,
    /// What happened.
    pub intake: Intake,
}

impl Localized for IntakeNotice {
    fn text(&self, lang: Lang) -> String {
        let w = &self.who;
        match (&self.intake, lang) {
            (Intake::Added, Lang::Zh) => format!("已导入{w}的答卷。"),
            (Intake::Added, Lang::En) => format!("The answers of {w} were imported."),
            (Intake::Replaced(old), Lang::Zh) => format!(
                "已用{w}第 {} 次导出的答卷替换第 {old} 次的答卷，不会重复计算。",
                self.revision
            ),
            (Intake::Replaced(old), Lang::En) => format!(
                "The answers of {w} (export {}) replaced their export {old}; they are not counted twice.",
                self.revision
            ),
            (Intake::Same, Lang::Zh) => format!("{w}的这份答卷已经导入过，不会重复计算。"),
            (Intake::Same, Lang::En) => format!("These answers of {w} were imported before; they are not counted twice."),
            (Intake::Older(newer), Lang::Zh) => format!(
                "这是{w}较早的答卷（第 {} 次导出），已保留更新的第 {newer} 次答卷。",
                self.revision
            ),
            (Intake::Older(newer), Lang::En) => format!(
                "This is an older export ({}) of {w}; their newer export {newer} is kept.",
                self.revision
            ),
        }
    }
}

/// One item of a multi-file or pasted import that could not be taken in.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportProblem {
    /// The file could not be read.
    File(AnswerFileError),
    /// The pasted code could not be read.
    Code(CodeError),
    /// Read, but not for this evaluation or these assignments.
    Receive(ReceiveError),
}

impl Localized for ImportProblem {
    fn text(&self, lang: Lang) -> String {
        match self {
            ImportProblem::File(e) => e.text(lang),
            ImportProblem::Code(e) => e.text(lang),
            ImportProblem::Receive(e) => e.text(lang),
        }
    }
}

/// Who answered, in the assignment's terms.
#[derive(Debug, Clone, PartialEq)]
struct Resolved {
    package: Option<String>,
    assignee: Option<String>,
    respondent: Option<StaffRespondent>,
    person: String,
}

/// The respondent and identity key of answers to an issued assignee.
fn resolve_respondent(
    a: &InvitedAssignee,
    given: Option<&StaffRespondent>,
    token: &str,
) -> Result<(Option<StaffRespondent>, String), ReceiveError> {
    Ok(match &a.who {
        Who::Person { name, role } => (
            Some(StaffRespondent {
                name: name.clone(),
                role: given
                    .map(|g| g.role.clone())
                    .filter(|r| !r.trim().is_empty())
                    .unwrap_or_else(|| role.clone()),
                department: a.department.clone(),
            }),
            format!("p:{}", a.id),
        ),
        // By construction: whatever the file or code carried, anonymous answers keep no respondent.
        Who::Staff {
            anonymous: true, ..
        } => (None, format!("t:{}:{token}", a.id)),
        Who::Staff { .. } => {
            let g = given
                .filter(|g| !g.name.trim().is_empty())
                .ok_or(ReceiveError::NameMissing)?;
            let department = if a.department.is_empty() {
                g.department.trim().to_string()
            } else {
                a.department.clone()
            };
            let key = format!(
                "s:{}:{}:{}",
                a.id,
                normalise(&department),
                normalise(&g.name)
            );
            (
                Some(StaffRespondent {
                    name: g.name.trim().to_string(),
                    role: g.role.trim().to_string(),
                    department,
                }),
                key,
            )
        }
    })
}

/// Checks answers against the assignee's points and the framework.
fn check_answers(
    fw: &Framework,
    a: &InvitedAssignee,
    who: &str,
    answers: &BTreeMap<String, Answer>,
) -> Result<(), ReceiveError> {
    let outside: Vec<String> = answers
        .keys()
        .filter(|p| !a.points.contains(p))
        .cloned()
        .collect();
    if !outside.is_empty() {
        return Err(ReceiveError::Unassigned(who.to_string(), outside));
    }
    for (p, ans) in answers {
        check_answer(fw, p, ans).map_err(|e| ReceiveError::BadAnswer(p.clone(), e))?;
    }
    Ok(())
}

impl Staff {
    /// Keeps the record of an issued package (replacing an earlier record of the same id), so that the
    /// answers to it can be checked when they come back.
    pub fn record_issued(&mut self, inv: &Invitation) {
        let rec = inv.record();
        match self.issued.iter_mut().find(|p| p.id == rec.id) {
            Some(p) => *p = rec,
            None => self.issued.push(rec),
        }
    }

    /// A package record.
    pub fn package(&self, id: &str) -> Option<&IssuedPackage> {
        self.issued.iter().find(|p| p.id == id)
    }

    /// Checks an answer file against the open evaluation and the packages issued, and makes the record kept.
    pub fn receive_file(&self, desk: &Desk, file: Incoming) -> Result<Submission, ReceiveError> {
        match file {
            Incoming::V1(f) => {
                if f.framework_id != desk.fw.id {
                    return Err(ReceiveError::OtherFramework(f.framework_id));
                }
                for (p, ans) in &f.answers {
                    check_answer(desk.fw, p, ans)
                        .map_err(|e| ReceiveError::BadAnswer(p.clone(), e))?;
                }
                // A version 1 file of a named assignee counts as that person's answers.
                let name = normalise(&f.respondent.name);
                let mut named = self.assignment.assignees.iter().filter(
                    |a| matches!(&a.who, Who::Person { name: n, .. } if normalise(n) == name),
                );
                let (assignee, department, person) = match (named.next(), named.next()) {
                    (Some(a), None) => (
                        Some(a.id.clone()),
                        self.assignment.department_name(a),
                        format!("p:{}", a.id),
                    ),
                    _ => (None, String::new(), format!("n:{name}")),
                };
                Ok(Submission {
                    id: f.id,
                    via: Via::File1,
                    person,
                    package: None,
                    assignee,
                    respondent: Some(StaffRespondent {
                        name: f.respondent.name.trim().to_string(),
                        role: f.respondent.role.trim().to_string(),
                        department: if department == "全校" {
                            String::new()
                        } else {
                            department
                        },
                    }),
                    revision: 0,
                    exported_at: f.exported_at,
                    answers: f.answers,
                })
            }
            Incoming::V2(f) => self.receive_v2(desk, f),
        }
    }

    fn receive_v2(&self, desk: &Desk, f: StaffAnswerFile) -> Result<Submission, ReceiveError> {
        if f.origin.school_id != desk.school.id {
            return Err(ReceiveError::OtherSchool(f.origin.school));
        }
        if f.origin.evaluation_id != desk.header.id {
            return Err(ReceiveError::OtherEvaluation);
        }
        if f.framework_id != desk.fw.id {
            return Err(ReceiveError::OtherFramework(f.framework_id));
        }
        let pkg = self
            .package(&f.origin.package)
            .ok_or(ReceiveError::UnknownPackage)?;
        let a = pkg
            .assignee(&f.origin.assignee)
            .ok_or(ReceiveError::UnknownAssignee)?;
        let token = token_tag(&f.token);
        let (respondent, person) = resolve_respondent(a, f.respondent.as_ref(), &token)?;
        let r = Resolved {
            package: Some(pkg.id.clone()),
            assignee: Some(a.id.clone()),
            respondent,
            person,
        };
        let who = who_of(&r);
        check_answers(desk.fw, a, &who, &f.answers)?;
        // A file's id is free text to a forger; an anonymous answer keeps only its hash.
        let id = if a.is_anonymous() {
            format!("h-{:016x}", super::files::fnv1a64(f.id.as_bytes()))
        } else {
            f.id
        };
        Ok(Submission {
            id,
            via: Via::File,
            person: r.person,
            package: r.package,
            assignee: r.assignee,
            respondent: r.respondent,
            revision: f.revision,
            exported_at: f.exported_at.format("%Y-%m-%dT%H:%M").to_string(),
            answers: f.answers,
        })
    }

    /// Checks a 答卷码 against the packages issued (a code names its package by a tag, so a code for another
    /// school or evaluation matches none) and makes the record kept.
    pub fn receive_code(
        &self,
        desk: &Desk,
        code: &CodeAnswers,
    ) -> Result<Submission, ReceiveError> {
        let pkg = self
            .issued
            .iter()
            .find(|p| package_tag(&p.id) == code.package_tag)
            .ok_or(ReceiveError::UnknownPackage)?;
        let a = pkg
            .assignees
            .get(code.assignee_index)
            .ok_or(ReceiveError::UnknownAssignee)?;
        if a.points.len() != code.point_count {
            return Err(ReceiveError::CodeMismatch);
        }
        let (respondent, person) =
            resolve_respondent(a, code.respondent.as_ref(), &code.token_tag)?;
        let levels = &desk.fw.scale.levels;
        let mut answers = BTreeMap::new();
        for (i, coded) in &code.answers {
            let p = a.points.get(*i).ok_or(ReceiveError::CodeMismatch)?;
            let ans = coded.to_answer(levels).ok_or(ReceiveError::CodeMismatch)?;
            answers.insert(p.clone(), ans);
        }
        let r = Resolved {
            package: Some(pkg.id.clone()),
            assignee: Some(a.id.clone()),
            respondent,
            person,
        };
        let who = who_of(&r);
        check_answers(desk.fw, a, &who, &answers)?;
        Ok(Submission {
            id: format!("code-{:06x}", code.code_id),
            via: Via::Code,
            person: r.person,
            package: r.package,
            assignee: r.assignee,
            respondent: r.respondent,
            revision: code.revision,
            exported_at: code.exported_at.format("%Y-%m-%dT%H:%M").to_string(),
            answers,
        })
    }

    /// Takes in received answers: new ones are added, a newer revision of the same person replaces the older,
    /// the same export is kept once, an older one changes nothing.
    pub fn intake(&mut self, s: Submission) -> IntakeNotice {
        let who = s.who(Lang::Zh);
        let revision = s.revision;
        let notice = |intake| IntakeNotice {
            who: who.clone(),
            revision,
            intake,
        };
        if self.submissions.iter().any(|x| x.id == s.id) {
            return notice(Intake::Same);
        }
        match self.submissions.iter_mut().find(|x| x.person == s.person) {
            None => {
                self.submissions.push(s);
                notice(Intake::Added)
            }
            Some(old) => {
                let (a, b) = (
                    (s.revision, s.exported_at.as_str()),
                    (old.revision, old.exported_at.as_str()),
                );
                if a > b {
                    let earlier = old.revision;
                    *old = s;
                    notice(Intake::Replaced(earlier))
                } else if a == b && s.via != Via::File1 {
                    notice(Intake::Same)
                } else if a == b {
                    // Two version 1 files of one name and day: the one imported last is the one meant.
                    let earlier = old.revision;
                    *old = s;
                    notice(Intake::Replaced(earlier))
                } else {
                    notice(Intake::Older(old.revision))
                }
            }
        }
    }

    /// Removes received answers; false when there are none with this id.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.submissions.len();
        self.submissions.retain(|s| s.id != id);
        self.submissions.len() != before
    }

    /// Imports one answer file's bytes (version 1 or 2): read, received, taken in. `frameworks` looks up the
    /// built-in frameworks for version 1 files.
    pub fn import_file(
        &mut self,
        desk: &Desk,
        bytes: &[u8],
        frameworks: impl Fn(&str) -> Option<Arc<Framework>>,
    ) -> Result<IntakeNotice, ImportProblem> {
        let incoming = read_answer_file(bytes, frameworks).map_err(ImportProblem::File)?;
        let s = self
            .receive_file(desk, incoming)
            .map_err(ImportProblem::Receive)?;
        Ok(self.intake(s))
    }

    /// Imports every 答卷码 in a pasted text; one outcome per code found (or one [`CodeError::NoCode`]).
    pub fn import_codes(
        &mut self,
        desk: &Desk,
        text: &str,
    ) -> Vec<Result<IntakeNotice, ImportProblem>> {
        super::answer_code::read_codes(text)
            .into_iter()
            .map(|r| {
                let code = r.map_err(ImportProblem::Code)?;
                let s = self
                    .receive_code(desk, &code)
                    .map_err(ImportProblem::Receive)?;
                Ok(self.intake(s))
            })
            .collect()
    }

    /// Submissions of a department's assignees.
    pub fn of_department<'a>(
        &'a self,
        department_id: &'a str,
    ) -> impl Iterator<Item = &'a Submission> {
        self.submissions.iter().filter(move |s| {
            s.assignee
                .as_deref()
                .and_then(|a| self.assignment.assignee(a))
                .is_some_and(|a| a.department.as_deref() == Some(department_id))
        })
    }

    /// Expected against returned, per department and person.
    pub fn status(&self, fw: &Framework) -> Status {
        let a = &self.assignment;
        let mut rows: Vec<DepartmentStatus> = a
            .expected()
            .into_iter()
            .map(|e| DepartmentStatus {
                department: e.department.clone(),
                name: e.name.clone(),
                people: vec![],
                staff: vec![],
                invited: e.total(),
                returned: 0,
            })
            .collect();
        for x in &a.assignees {
            let Some(row) = rows.iter_mut().find(|r| r.department == x.department) else {
                continue;
            };
            let subs: Vec<&Submission> = self
                .submissions
                .iter()
                .filter(|s| s.assignee.as_deref() == Some(x.id.as_str()))
                .collect();
            row.returned += subs.len();
            match &x.who {
                Who::Person { name, role } => {
                    let assigned = a.points_of(fw, &x.id);
                    row.people.push(PersonStatus {
                        assignee: x.id.clone(),
                        name: name.clone(),
                        role: role.clone(),
                        returned: subs.first().map(|s| Returned {
                            revision: s.revision,
                            exported_at: s.exported_at.clone(),
                            answered: assigned
                                .iter()
                                .filter(|p| s.answers.get(*p).is_some_and(Answer::is_done))
                                .count(),
                            assigned: assigned.len(),
                        }),
                    });
                }
                Who::Staff {
                    expected,
                    anonymous,
                } => row.staff.push(StaffStatus {
                    assignee: x.id.clone(),
                    anonymous: *anonymous,
                    expected: *expected,
                    returned: subs.len(),
                    names: subs
                        .iter()
                        .filter_map(|s| s.respondent.as_ref().map(|r| r.name.clone()))
                        .collect(),
                }),
            }
        }
        let others = self
            .submissions
            .iter()
            .filter(|s| {
                s.assignee
                    .as_deref()
                    .is_none_or(|id| a.assignee(id).is_none())
            })
            .map(|s| s.who(Lang::Zh))
            .collect();
        Status { rows, others }
    }

    /// Staff statistics of every point anyone answered, in framework order, with the flags.
    pub fn points(&self, fw: &Framework, principal: &Answers) -> Vec<StaffPoint> {
        points_of(fw, self.submissions.iter(), principal)
    }

    /// The department's answer to a point, as [`Staff::adopt`] takes it.
    pub fn department_answer(
        &self,
        fw: &Framework,
        department_id: &str,
        point_id: &str,
    ) -> Result<Answer, SkipReason> {
        let p = fw.point(point_id).ok_or(SkipReason::NotInDepartment)?;
        if !self
            .assignment
            .department_points(fw, department_id)
            .iter()
            .any(|x| x == point_id)
        {
            return Err(SkipReason::NotInDepartment);
        }
        let answers: Vec<(&Submission, &Answer)> = self
            .of_department(department_id)
            .filter_map(|s| s.answers.get(point_id).map(|a| (s, a)))
            .filter(|(_, a)| !a.is_blank())
            .collect();
        consensus(fw, p, &answers)
    }

    /// The edits that make a department's answers the school's conclusion, for the given points (all the
    /// department's points with `None`). With `overwrite` false, points the principal has already concluded
    /// are left alone. Notes are written only where the principal has none, so nothing the principal wrote is
    /// lost; the principal's answers stay the record, changed only by applying the edits.
    pub fn adopt(
        &self,
        fw: &Framework,
        principal: &Answers,
        department_id: &str,
        points: Option<&[String]>,
        overwrite: bool,
    ) -> Adoption {
        let all = self.assignment.department_points(fw, department_id);
        let wanted: Vec<String> = match points {
            Some(p) => p.to_vec(),
            None => all,
        };
        let mut out = Adoption::default();
        for id in wanted {
            let mine = principal.get(&id);
            if !overwrite && mine.is_some_and(Answer::is_done) {
                out.skipped.push((id, SkipReason::AlreadyConcluded));
                continue;
            }
            match self.department_answer(fw, department_id, &id) {
                Err(reason) => out.skipped.push((id, reason)),
                Ok(ans) => {
                    if let Some(reason) = &ans.not_applicable {
                        out.edits
                            .push((id.clone(), Edit::NotApplicable(Some(reason.clone()))));
                    } else {
                        out.edits.push((id.clone(), Edit::Value(ans.value.clone())));
                        if mine.is_some_and(|m| m.not_applicable.is_some()) {
                            out.edits.push((id.clone(), Edit::NotApplicable(None)));
                        }
                    }
                    if !ans.note.is_empty() && mine.is_none_or(|m| m.note.trim().is_empty()) {
                        out.edits.push((id.clone(), Edit::Note(ans.note.clone())));
                    }
                }
            }
        }
        out
    }

    /// What the report takes: participation per department, where views diverge, and per-point statistics.
    pub fn report(&self, fw: &Framework, principal: &Answers) -> StaffReport {
        let status = self.status(fw);
        let participation = status
            .rows
            .iter()
            .filter(|r| r.invited != Some(0) || r.returned > 0)
            .map(|r| ParticipationRow {
                department: r.name.clone(),
                invited: r.invited,
                returned: r.returned,
                anonymous: r.staff.iter().any(|s| s.anonymous),
                missing: r
                    .people
                    .iter()
                    .filter(|p| p.returned.is_none())
                    .map(|p| p.name.trim().to_string())
                    .collect(),
                outstanding: r
                    .staff
                    .iter()
                    .map(|s| s.expected.map(|e| (e as usize).saturating_sub(s.returned)))
                    .sum(),
            })
            .collect();
        let points = self.points(fw, principal);
        let level_label = |id: &str| {
            fw.scale
                .level(id)
                .map(|l| l.label.clone())
                .unwrap_or_default()
        };
        let mut divergences = Vec::new();
        for s in &points {
            let text = fw
                .point(&s.point_id)
                .map(|p| p.text.clone())
                .unwrap_or_default();
            if s.disagree {
                divergences.push(Divergence {
                    point_id: s.point_id.clone(),
                    point_text: text.clone(),
                    kind: DivergenceKind::AmongStaff,
                    spread: s
                        .stats
                        .levels
                        .iter()
                        .map(|(id, n)| (level_label(id), *n))
                        .chain(
                            [
                                ("是".to_string(), s.stats.yes_no.0),
                                ("否".into(), s.stats.yes_no.1),
                            ]
                            .into_iter()
                            .filter(|(_, n)| *n > 0),
                        )
                        .collect(),
                    staff: s
                        .staff_level
                        .as_deref()
                        .map(level_label)
                        .unwrap_or_default(),
                    principal: s
                        .principal_level
                        .as_deref()
                        .map(level_label)
                        .unwrap_or_default(),
                    mean: s.stats.mean,
                });
            }
            if s.differs {
                divergences.push(Divergence {
                    point_id: s.point_id.clone(),
                    point_text: text,
                    kind: DivergenceKind::FromPrincipal,
                    spread: vec![],
                    staff: s
                        .staff_level
                        .as_deref()
                        .map(level_label)
                        .unwrap_or_else(|| yes_no_majority(s).to_string()),
                    principal: s
                        .principal_level
                        .as_deref()
                        .map(level_label)
                        .unwrap_or_else(|| principal_yes_no(principal, &s.point_id).to_string()),
                    mean: s.stats.mean,
                });
            }
        }
        let stats = points
            .iter()
            .map(|s| {
                let mut text = summary(fw, &s.point_id, &s.stats);
                if s.disagree {
                    text.push_str("；意见分歧");
                }
                if s.differs {
                    text.push_str("；与学校结论不同");
                }
                (
                    s.point_id.clone(),
                    RespondentStats {
                        count: s.stats.count,
                        summary: text,
                    },
                )
            })
            .collect();
        StaffReport {
            participation,
            invited: status
                .rows
                .iter()
                .try_fold(0usize, |acc, r| Some(acc + r.invited?)),
            returned: self.submissions.len(),
            divergences,
            stats,
        }
    }
}

fn who_of(r: &Resolved) -> String {
    match &r.respondent {
        Some(x) if x.department.is_empty() => x.name.clone(),
        Some(x) => format!("{} {}", x.department, x.name),
        None => "一位匿名教职工".into(),
    }
}

fn yes_no_majority(s: &StaffPoint) -> &'static str {
    if s.stats.yes_no.0 > s.stats.yes_no.1 {
        "是"
    } else {
        "否"
    }
}

fn principal_yes_no(principal: &Answers, id: &str) -> &'static str {
    match principal.get(id).and_then(|a| a.value.as_ref()) {
        Some(AnswerValue::YesNo(true)) => "是",
        Some(AnswerValue::YesNo(false)) => "否",
        _ => "",
    }
}

/// Expected against returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Status {
    /// Per department, then the school level.
    pub rows: Vec<DepartmentStatus>,
    /// Answers of people outside the assignment (version 1 files of other names), in words.
    pub others: Vec<String>,
}

impl Status {
    /// Named people who have not answered: (department, name).
    pub fn missing(&self) -> Vec<(String, String)> {
        self.rows
            .iter()
            .flat_map(|r| {
                r.people
                    .iter()
                    .filter(|p| p.returned.is_none())
                    .map(|p| (r.name.clone(), p.name.clone()))
            })
            .collect()
    }
}

/// One department's (or the school level's) returns.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentStatus {
    /// The department's id; `None` for the school level.
    pub department: Option<String>,
    /// Its name, or 全校.
    pub name: String,
    /// Named people.
    pub people: Vec<PersonStatus>,
    /// "All staff" assignees.
    pub staff: Vec<StaffStatus>,
    /// People expected, when known.
    pub invited: Option<usize>,
    /// Answers returned.
    pub returned: usize,
}

/// A named person's return.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonStatus {
    /// The assignee.
    pub assignee: String,
    /// 姓名
    pub name: String,
    /// 职务
    pub role: String,
    /// Their answers, when returned.
    pub returned: Option<Returned>,
}

/// What a person returned.
#[derive(Debug, Clone, PartialEq)]
pub struct Returned {
    /// The revision kept.
    pub revision: u32,
    /// When it was exported.
    pub exported_at: String,
    /// Assigned points answered.
    pub answered: usize,
    /// Points assigned.
    pub assigned: usize,
}

/// The returns of an "all staff" assignee.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffStatus {
    /// The assignee.
    pub assignee: String,
    /// An anonymous survey.
    pub anonymous: bool,
    /// How many were expected.
    pub expected: Option<u32>,
    /// How many answered.
    pub returned: usize,
    /// Who answered; always empty for an anonymous survey.
    pub names: Vec<String>,
}

/// A note of a staff member on a point.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffNote {
    /// The author; `None` for anonymous answers.
    pub author: Option<String>,
    /// The author's department, when named.
    pub department: String,
    /// The note (or a text answer).
    pub text: String,
}

/// What staff said about one point.
#[derive(Debug, Clone, PartialEq)]
pub struct StaffPoint {
    /// The point.
    pub point_id: String,
    /// Count, 不适用, distribution and mean; its `notes` carry no names (see [`StaffPoint::notes`]).
    pub stats: super::respondents::PointStats,
    /// Notes with their authors (none for anonymous answers).
    pub notes: Vec<StaffNote>,
    /// For level points: how many levels apart the best and worst answers are.
    pub spread: Option<usize>,
    /// For level points: the level nearest to the staff's mean (see the module's rules).
    pub staff_level: Option<String>,
    /// The principal's level, for level points the principal answered.
    pub principal_level: Option<String>,
    /// Staff disagree among themselves.
    pub disagree: bool,
    /// Staff differ from the principal's conclusion.
    pub differs: bool,
}

/// Levels nearest to a mean score: one, or two when the mean is exactly halfway.
fn nearest_levels(fw: &Framework, mean: f64) -> Vec<&super::framework::Level> {
    let d = |l: &&super::framework::Level| (l.score - mean).abs();
    let best = fw
        .scale
        .levels
        .iter()
        .map(|l| d(&l))
        .fold(f64::INFINITY, f64::min);
    fw.scale
        .levels
        .iter()
        .filter(|l| d(l) <= best + 1e-9)
        .collect()
}

fn points_of<'a>(
    fw: &Framework,
    subs: impl Iterator<Item = &'a Submission> + Clone,
    principal: &Answers,
) -> Vec<StaffPoint> {
    let mut out = Vec::new();
    for (_, _, p) in fw.points() {
        let entries: Vec<(&Submission, &Answer)> = subs
            .clone()
            .filter_map(|s| s.answers.get(&p.id).map(|a| (s, a)))
            .collect();
        if entries.is_empty() {
            continue;
        }
        // Names are kept out of the statistics; notes carry their author separately.
        let mut stats = tally(fw, p, entries.iter().map(|(_, a)| ("", *a)));
        stats.notes.clear();
        let notes: Vec<StaffNote> = entries
            .iter()
            .flat_map(|(s, a)| {
                let text_answer = match (&a.value, p.kind) {
                    (Some(AnswerValue::Text(t)), PointKind::Text) if !t.trim().is_empty() => {
                        Some(t.trim().to_string())
                    }
                    _ => None,
                };
                let note = (!a.note.trim().is_empty()).then(|| a.note.trim().to_string());
                text_answer.into_iter().chain(note).map(|text| StaffNote {
                    author: s.respondent.as_ref().map(|r| r.name.clone()),
                    department: s
                        .respondent
                        .as_ref()
                        .map(|r| r.department.clone())
                        .unwrap_or_default(),
                    text,
                })
            })
            .collect();
        if stats.count == 0 && stats.not_applicable == 0 && notes.is_empty() {
            continue;
        }
        let index = |id: &str| fw.scale.levels.iter().position(|l| l.id == id);
        let spread = (p.kind == PointKind::Level && !stats.levels.is_empty()).then(|| {
            let idx: Vec<usize> = stats.levels.iter().filter_map(|(l, _)| index(l)).collect();
            idx.iter().max().unwrap_or(&0) - idx.iter().min().unwrap_or(&0)
        });
        let principal_level = match principal.get(&p.id).and_then(|a| a.value.as_ref()) {
            Some(AnswerValue::Level(l)) if p.kind == PointKind::Level => Some(l.clone()),
            _ => None,
        };
        let nearest = match (p.kind, stats.mean) {
            (PointKind::Level, Some(m)) if !stats.levels.is_empty() => nearest_levels(fw, m),
            _ => vec![],
        };
        let staff_level = nearest
            .iter()
            .find(|l| principal_level.as_deref() == Some(l.id.as_str()))
            .or(nearest.first())
            .map(|l| l.id.clone());
        let disagree = match p.kind {
            PointKind::Level => spread.unwrap_or(0) >= 2,
            PointKind::YesNo => stats.yes_no.0 > 0 && stats.yes_no.1 > 0,
            _ => false,
        };
        let differs = match p.kind {
            PointKind::Level => principal_level
                .as_deref()
                .is_some_and(|pl| !nearest.is_empty() && !nearest.iter().any(|l| l.id == pl)),
            PointKind::YesNo => match principal.get(&p.id).and_then(|a| a.value.as_ref()) {
                Some(AnswerValue::YesNo(true)) => stats.yes_no.1 > stats.yes_no.0,
                Some(AnswerValue::YesNo(false)) => stats.yes_no.0 > stats.yes_no.1,
                _ => false,
            },
            _ => false,
        };
        out.push(StaffPoint {
            point_id: p.id.clone(),
            stats,
            notes,
            spread,
            staff_level,
            principal_level,
            disagree,
            differs,
        });
    }
    out
}

/// Why a point was not adopted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipReason {
    /// The point is not among the department's.
    NotInDepartment,
    /// Nobody in the department answered it.
    NoAnswers,
    /// The mean is exactly between two levels, or 是 and 否 are as many: the principal decides.
    Tie,
    /// Numbers that differ: the principal decides.
    ValuesDiffer,
    /// The principal has already concluded it (and overwriting was not asked for).
    AlreadyConcluded,
}

impl Localized for SkipReason {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (SkipReason::NotInDepartment, Lang::Zh) => "不是该部门负责的考查要点".into(),
            (SkipReason::NotInDepartment, Lang::En) => "not one of the department's points".into(),
            (SkipReason::NoAnswers, Lang::Zh) => "该部门还没有人回答".into(),
            (SkipReason::NoAnswers, Lang::En) => "nobody in the department has answered it".into(),
            (SkipReason::Tie, Lang::Zh) => "部门内意见正好各占一半，请校长判断".into(),
            (SkipReason::Tie, Lang::En) => {
                "the department is split evenly; the principal decides".into()
            }
            (SkipReason::ValuesDiffer, Lang::Zh) => "部门内填写的数值不一致，请校长核实".into(),
            (SkipReason::ValuesDiffer, Lang::En) => {
                "the department's numbers differ; the principal checks".into()
            }
            (SkipReason::AlreadyConcluded, Lang::Zh) => "学校已有结论，未覆盖".into(),
            (SkipReason::AlreadyConcluded, Lang::En) => {
                "the school already has a conclusion; kept".into()
            }
        }
    }
}

/// The edits of an adoption, to apply with [`Answers::apply`] in order, and the points left alone.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Adoption {
    /// (point id, edit), in order.
    pub edits: Vec<(String, Edit)>,
    /// (point id, why), for points not adopted.
    pub skipped: Vec<(String, SkipReason)>,
}

impl Adoption {
    /// Points that will change.
    pub fn points(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.edits.iter().map(|(p, _)| p.as_str()).collect();
        v.dedup();
        v
    }

    /// Applies the edits to a copy of the principal's answers.
    pub fn apply(&self, fw: &Framework, principal: &Answers) -> Result<Answers, EditError> {
        let mut out = principal.clone();
        for (p, e) in &self.edits {
            out.apply(fw, p, e.clone())?;
        }
        Ok(out)
    }
}

/// One answer made from a group's answers to a point.
fn consensus(
    fw: &Framework,
    p: &Point,
    answers: &[(&Submission, &Answer)],
) -> Result<Answer, SkipReason> {
    if answers.is_empty() {
        return Err(SkipReason::NoAnswers);
    }
    let notes: Vec<String> = answers
        .iter()
        .filter(|(_, a)| !a.note.trim().is_empty())
        .map(|(s, a)| match &s.respondent {
            Some(r) => format!("{}：{}", r.name, a.note.trim()),
            None => a.note.trim().to_string(),
        })
        .collect();
    let note = notes.join("\n");
    let valued: Vec<&AnswerValue> = answers
        .iter()
        .filter(|(_, a)| a.not_applicable.is_none())
        .filter_map(|(_, a)| a.value.as_ref())
        .collect();
    if valued.is_empty() {
        let reasons: Vec<&str> = answers
            .iter()
            .filter_map(|(_, a)| a.not_applicable.as_deref())
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        if answers.iter().all(|(_, a)| a.not_applicable.is_some()) {
            return Ok(Answer {
                value: None,
                note,
                not_applicable: Some(reasons.join("；")),
            });
        }
        return Err(SkipReason::NoAnswers);
    }
    let value = match p.kind {
        PointKind::Level => {
            let scores: Vec<f64> = valued
                .iter()
                .filter_map(|v| match v {
                    AnswerValue::Level(l) => fw.scale.level(l).map(|l| l.score),
                    _ => None,
                })
                .collect();
            if scores.is_empty() {
                return Err(SkipReason::NoAnswers);
            }
            let mean = scores.iter().sum::<f64>() / scores.len() as f64;
            match nearest_levels(fw, mean).as_slice() {
                [one] => AnswerValue::Level(one.id.clone()),
                _ => return Err(SkipReason::Tie),
            }
        }
        PointKind::YesNo => {
            let yes = valued
                .iter()
                .filter(|v| matches!(v, AnswerValue::YesNo(true)))
                .count();
            let no = valued
                .iter()
                .filter(|v| matches!(v, AnswerValue::YesNo(false)))
                .count();
            match yes.cmp(&no) {
                std::cmp::Ordering::Greater => AnswerValue::YesNo(true),
                std::cmp::Ordering::Less => AnswerValue::YesNo(false),
                std::cmp::Ordering::Equal => return Err(SkipReason::Tie),
            }
        }
        PointKind::Number => {
            let first = valued[0];
            if valued.iter().all(|v| *v == first) {
                first.clone()
            } else {
                return Err(SkipReason::ValuesDiffer);
            }
        }
        PointKind::Text => {
            let texts: Vec<String> = answers
                .iter()
                .filter_map(|(s, a)| match &a.value {
                    Some(AnswerValue::Text(t)) if !t.trim().is_empty() => {
                        Some(match &s.respondent {
                            Some(r) if answers.len() > 1 => format!("{}：{}", r.name, t.trim()),
                            _ => t.trim().to_string(),
                        })
                    }
                    _ => None,
                })
                .collect();
            AnswerValue::Text(texts.join("\n"))
        }
    };
    Ok(Answer {
        value: Some(value),
        note,
        not_applicable: None,
    })
}

/// Participation of one department (or the school level) in the report. A 上报包 carries the rows as the
/// school's report shows them (see [`crate::submission::SubmittedStaff`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ParticipationRow {
    /// The department's name, or 全校.
    pub department: String,
    /// People invited, when known.
    pub invited: Option<usize>,
    /// Answers returned.
    pub returned: usize,
    /// Whether it includes an anonymous survey.
    pub anonymous: bool,
    /// Named people (never respondents of a survey) who have not returned their answers, in the
    /// assignment's order.
    pub missing: Vec<String>,
    /// Answers still due from its "all staff" assignees: a count only, as survey answers carry no name (and
    /// those of an anonymous survey must not); `None` when the expected number of one of them is unknown,
    /// `Some(0)` when there are none or all are in.
    pub outstanding: Option<usize>,
}

impl ParticipationRow {
    /// 回收率 as a whole percentage, when the invited number is known and not zero.
    pub fn rate(&self) -> Option<u32> {
        let n = self.invited.filter(|n| *n > 0)?;
        Some(((self.returned as f64 / n as f64) * 100.0).round() as u32)
    }
}

/// Which kind of divergence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DivergenceKind {
    /// Staff disagree among themselves.
    AmongStaff,
    /// Staff differ from the principal's conclusion.
    FromPrincipal,
}

/// A point where views diverge, for the report's summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The point.
    pub point_id: String,
    /// Its text.
    pub point_text: String,
    /// Which kind.
    pub kind: DivergenceKind,
    /// The spread of answers: (level label or 是/否, count), for [`DivergenceKind::AmongStaff`].
    pub spread: Vec<(String, usize)>,
    /// The staff's view: the nearest level's label, or 是/否.
    pub staff: String,
    /// The principal's conclusion's label, or 是/否.
    pub principal: String,
    /// The staff's mean score.
    pub mean: Option<f64>,
}

/// What the report takes from the collection; names of respondents are not part of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StaffReport {
    /// Per department (departments with nobody invited and nothing returned are left out).
    pub participation: Vec<ParticipationRow>,
    /// Everyone invited, when every department's number is known.
    pub invited: Option<usize>,
    /// Answers returned.
    pub returned: usize,
    /// Where views diverge, in framework order.
    pub divergences: Vec<Divergence>,
    /// Per-point statistics for the score sheet, with the flags in words.
    pub stats: BTreeMap<String, RespondentStats>,
}

/// The collection as CSV for Excel and WPS (UTF-8 with BOM, CRLF): one row per point, with the distribution,
/// mean, count, flags and the notes (with their authors; anonymous notes carry none).
pub fn points_csv(fw: &Framework, points: &[StaffPoint]) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(
        "编号,考查要点,人数,不适用,分布,均分,教职工倾向,学校结论,意见分歧,与学校结论不同,说明\r\n",
    );
    let label = |id: &Option<String>| {
        id.as_deref()
            .and_then(|l| fw.scale.level(l))
            .map(|l| l.label.clone())
            .unwrap_or_default()
    };
    for s in points {
        let text = fw.point(&s.point_id).map(|p| p.text.as_str()).unwrap_or("");
        let dist = s
            .stats
            .levels
            .iter()
            .map(|(id, n)| {
                format!(
                    "{} {n}",
                    fw.scale.level(id).map_or(id.as_str(), |l| l.label.as_str())
                )
            })
            .chain(
                (s.stats.yes_no != (0, 0))
                    .then(|| format!("是 {}、否 {}", s.stats.yes_no.0, s.stats.yes_no.1)),
            )
            .collect::<Vec<_>>()
            .join("、");
        let notes = s
            .notes
            .iter()
            .map(|n| match &n.author {
                Some(a) => format!("{a}：{}", n.text),
                None => n.text.clone(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let row = [
            s.point_id.clone(),
            text.to_string(),
            s.stats.count.to_string(),
            s.stats.not_applicable.to_string(),
            dist,
            s.stats
                .mean
                .map(|m| trim_number((m * 100.0).round() / 100.0))
                .unwrap_or_default(),
            label(&s.staff_level),
            label(&s.principal_level),
            if s.disagree { "是" } else { "" }.into(),
            if s.differs { "是" } else { "" }.into(),
            notes,
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// Who has answered, as CSV for Excel and WPS: one row per named person and per "all staff" assignee (an
/// anonymous survey gives counts only).
pub fn status_csv(status: &Status) -> String {
    let mut out = String::from("\u{feff}部门,填报人,职务,应交,已交,提交次数,导出时间\r\n");
    let mut row = |fields: [String; 7]| {
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    };
    for r in &status.rows {
        for p in &r.people {
            row([
                r.name.clone(),
                p.name.clone(),
                p.role.clone(),
                "1".into(),
                if p.returned.is_some() { "1" } else { "0" }.into(),
                p.returned
                    .as_ref()
                    .map(|x| x.revision.to_string())
                    .unwrap_or_default(),
                p.returned
                    .as_ref()
                    .map(|x| x.exported_at.clone())
                    .unwrap_or_default(),
            ]);
        }
        for s in &r.staff {
            row([
                r.name.clone(),
                if s.anonymous {
                    "全体教职工（匿名）"
                } else {
                    "全体教职工"
                }
                .into(),
                String::new(),
                s.expected.map(|n| n.to_string()).unwrap_or_default(),
                s.returned.to_string(),
                String::new(),
                String::new(),
            ]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer_code::encode;
    use crate::answer_file::tests::{answers, at};
    use crate::answer_file::Export;
    use crate::fixtures;
    use crate::invitation::Issue;

    struct World {
        fw: Framework,
        school: School,
        header: EvaluationHeader,
        inv: Invitation,
        staff: Staff,
    }

    impl World {
        fn new() -> World {
            let fw = fixtures::framework();
            let (school, header) = (fixtures::school(), fixtures::header());
            let mut staff = Staff {
                assignment: fixtures::assignment(),
                ..Staff::default()
            };
            let inv = Invitation::for_everyone(
                &Issue {
                    school: &school,
                    header: &header,
                    fw: &fw,
                    assignment: &staff.assignment,
                    issued_at: "2025-10-08T09:00",
                },
                "pkg-all",
            )
            .unwrap();
            staff.record_issued(&inv);
            World {
                fw,
                school,
                header,
                inv,
                staff,
            }
        }

        fn desk(&self) -> Desk<'_> {
            Desk {
                school: &self.school,
                header: &self.header,
                fw: &self.fw,
            }
        }

        /// A teacher's answer file to the package.
        fn file(
            &self,
            assignee: &str,
            name: &str,
            rev: u32,
            pairs: &[(&str, &str, &str)],
        ) -> StaffAnswerFile {
            let me = StaffRespondent {
                name: name.into(),
                ..StaffRespondent::default()
            };
            let id = format!("{assignee}-{name}-{rev}");
            let token = format!("token-{name}");
            StaffAnswerFile::new(
                &self.inv,
                assignee,
                Some(me),
                &answers(pairs),
                Export {
                    id: &id,
                    token: &token,
                    revision: rev,
                    at: at(12, 9, rev),
                },
            )
            .unwrap()
        }

        fn take(&mut self, f: StaffAnswerFile) -> Result<IntakeNotice, ImportProblem> {
            let desk = Desk {
                school: &self.school,
                header: &self.header,
                fw: &self.fw,
            };
            let mut staff = std::mem::take(&mut self.staff);
            let r = staff.import_file(&desk, f.to_json().as_bytes(), |_| None);
            self.staff = staff;
            r
        }

        /// 李华, 王芳, 孙丽 (all staff of 教务处), 赵强 and one anonymous answer.
        fn answered() -> World {
            let mut w = World::new();
            for f in [
                w.file(
                    "a4",
                    "",
                    1,
                    &[
                        ("p1", "A", "会议记录齐全"),
                        ("p2", "yes", ""),
                        ("p3", "50", ""),
                        ("p7", "A", ""),
                    ],
                ),
                w.file("a5", "", 1, &[("p1", "C", "部分记录缺失"), ("p4", "C", "")]),
                w.file(
                    "a6",
                    "孙丽",
                    1,
                    &[("p1", "B", ""), ("p2", "no", "没有制度"), ("p3", "50", "")],
                ),
                w.file("a7", "", 1, &[("p7", "B", "")]),
                w.file(
                    "a8",
                    "",
                    1,
                    &[("p2", "no", "匿名的说明"), ("p5", "多开展活动", "")],
                ),
            ] {
                assert_eq!(w.take(f).unwrap().intake, Intake::Added);
            }
            w
        }
    }

    fn principal(fw: &Framework, pairs: &[(&str, &str)]) -> Answers {
        let mut a = Answers::default();
        for (p, l) in pairs {
            let v = match *l {
                "yes" => AnswerValue::YesNo(true),
                "no" => AnswerValue::YesNo(false),
                l => AnswerValue::Level(l.into()),
            };
            a.apply(fw, p, Edit::Value(Some(v))).unwrap();
        }
        a
    }

    #[test]
    fn a_new_file_from_the_same_person_replaces_the_earlier_one_and_nothing_counts_twice() {
        let mut w = World::new();
        let first = w.file("a5", "", 1, &[("p1", "B", "")]);
        let second = w.file("a5", "", 2, &[("p1", "A", "改正")]);
        assert_eq!(w.take(first.clone()).unwrap().intake, Intake::Added);
        let n = w.take(second.clone()).unwrap();
        assert_eq!(n.intake, Intake::Replaced(1));
        assert_eq!(
            n.zh(),
            "已用教务处 王芳第 2 次导出的答卷替换第 1 次的答卷，不会重复计算。"
        );
        assert_eq!(w.staff.submissions.len(), 1);
        assert_eq!(w.staff.submissions[0].answers["p1"].note, "改正");
        // The same file again, the first file again, and the code of the second export.
        assert_eq!(w.take(second.clone()).unwrap().intake, Intake::Same);
        assert_eq!(w.take(first).unwrap().intake, Intake::Older(2));
        let code = encode(&w.inv, &second).unwrap().text();
        let desk = w.desk();
        let mut staff = w.staff.clone();
        let got = staff.import_codes(&desk, &code);
        assert_eq!(
            got,
            vec![Ok(IntakeNotice {
                who: "教务处 王芳".into(),
                revision: 2,
                intake: Intake::Same
            })]
        );
        assert_eq!(staff.submissions.len(), 1);
        // A version 1 file under the same name is that person's too, and a newer package answer replaces it.
        let mut w = World::new();
        let v1 = crate::backup::AnswerFile {
            format: crate::backup::ANSWERS_FORMAT.into(),
            version: 1,
            id: "old".into(),
            respondent: crate::backup::Respondent {
                name: "王芳 ".into(),
                role: String::new(),
            },
            school: String::new(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: crate::evaluation::SchoolYear(2025),
            term: crate::evaluation::Term::First,
            exported_at: "2025-10-01".into(),
            answers: answers(&[("p5", "旧答案", "")]).by_point,
        };
        let desk = w.desk();
        let s = w.staff.receive_file(&desk, Incoming::V1(v1)).unwrap();
        assert_eq!(
            (s.person.as_str(), s.assignee.as_deref()),
            ("p:a5", Some("a5"))
        );
        w.staff.intake(s);
        let f = w.file("a5", "", 1, &[("p1", "B", "")]);
        assert_eq!(w.take(f).unwrap().intake, Intake::Replaced(0));
        assert_eq!(w.staff.submissions.len(), 1);
    }

    #[test]
    fn staff_of_one_name_in_one_department_are_one_person_and_anonymous_tokens_tell_people_apart() {
        let mut w = World::new();
        assert_eq!(
            w.take(w.file("a6", "孙丽", 1, &[("p1", "B", "")]))
                .unwrap()
                .intake,
            Intake::Added
        );
        assert_eq!(
            w.take(w.file("a6", " 孙丽", 2, &[("p1", "A", "")]))
                .unwrap()
                .intake,
            Intake::Replaced(1)
        );
        assert_eq!(
            w.take(w.file("a6", "周敏", 1, &[("p1", "A", "")]))
                .unwrap()
                .intake,
            Intake::Added
        );
        assert_eq!(
            w.take(w.file("a8", "x", 1, &[("p1", "A", "")]))
                .unwrap()
                .intake,
            Intake::Added
        );
        assert_eq!(
            w.take(w.file("a8", "y", 1, &[("p1", "A", "")]))
                .unwrap()
                .intake,
            Intake::Added
        );
        assert_eq!(
            w.take(w.file("a8", "y", 2, &[("p1", "B", "")]))
                .unwrap()
                .intake,
            Intake::Replaced(1)
        );
        assert_eq!(w.staff.submissions.len(), 4);
    }

    #[test]
    fn answers_for_another_school_evaluation_package_or_points_are_refused() {
        let w = World::answered();
        let desk = w.desk();
        let f = w.file("a5", "", 3, &[("p1", "B", "")]);
        let receive = |f: StaffAnswerFile| w.staff.receive_file(&desk, Incoming::V2(f));
        let mut other = f.clone();
        other.origin.school_id = "s2".into();
        other.origin.school = "贺兰县第二小学".into();
        assert_eq!(
            receive(other).unwrap_err(),
            ReceiveError::OtherSchool("贺兰县第二小学".into())
        );
        let mut other = f.clone();
        other.origin.evaluation_id = "e0".into();
        assert_eq!(receive(other).unwrap_err(), ReceiveError::OtherEvaluation);
        let mut other = f.clone();
        other.origin.package = "pkg-old".into();
        assert_eq!(receive(other).unwrap_err(), ReceiveError::UnknownPackage);
        let mut other = f.clone();
        other.origin.assignee = "a99".into();
        assert_eq!(receive(other).unwrap_err(), ReceiveError::UnknownAssignee);
        // Answers to points not assigned to 王芳 (p1 and p4 only): the file is refused and the points named.
        let mut other = f.clone();
        other.answers.insert(
            "p6".into(),
            answers(&[("p6", "3", "")]).by_point["p6"].clone(),
        );
        other.answers.insert(
            "p7".into(),
            answers(&[("p7", "A", "")]).by_point["p7"].clone(),
        );
        let e = receive(other.clone()).unwrap_err();
        assert_eq!(
            e,
            ReceiveError::Unassigned("教务处 王芳".into(), vec!["p6".into(), "p7".into()])
        );
        assert_eq!(
            e.zh(),
            "无法导入：教务处 王芳的答卷含有未分给本人的考查要点（p6、p7），整份答卷未导入；请核对分工后让老师用新的填报包重新填写。现有数据没有任何改动。"
        );
        // Through the whole import: the file is sealed again as a forger would, and still refused; nothing changes.
        let mut staff = w.staff.clone();
        let r = staff.import_file(&desk, other.to_json().as_bytes(), |_| None);
        assert!(matches!(
            r,
            Err(ImportProblem::Receive(ReceiveError::Unassigned(..)))
        ));
        assert_eq!(staff, w.staff);
        // A hand edit without sealing is caught by the checksum.
        let edited = f.to_json().replace("\"B\"", "\"A\"");
        assert_eq!(
            staff.import_file(&desk, edited.as_bytes(), |_| None),
            Err(ImportProblem::File(AnswerFileError::Edited))
        );
        // A code for a package this evaluation never issued.
        let mut stranger = World::new();
        stranger.inv.id = "pkg-elsewhere".into();
        let code = encode(
            &stranger.inv,
            &stranger.file("a5", "", 1, &[("p1", "A", "")]),
        )
        .unwrap();
        assert_eq!(
            staff.import_codes(&desk, &code.text()),
            vec![Err(ImportProblem::Receive(ReceiveError::UnknownPackage))]
        );
        assert_eq!(staff, w.staff);
    }

    #[test]
    fn who_has_answered_and_who_is_missing() {
        let mut w = World::answered();
        w.staff
            .assignment
            .add_person(Some("d2"), "钱进", "少先队辅导员");
        let s = w.staff.status(&w.fw);
        let rows: Vec<_> = s
            .rows
            .iter()
            .map(|r| (r.name.as_str(), r.invited, r.returned))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("教务处", Some(14), 3),
                ("德育处", Some(2), 1),
                ("总务处", Some(0), 0),
                ("全校", None, 1)
            ]
        );
        assert_eq!(
            s.missing(),
            vec![("德育处".to_string(), "钱进".to_string())]
        );
        let li = &s.rows[0].people[0];
        assert_eq!(
            li.returned.as_ref().map(|r| (r.answered, r.assigned)),
            Some((4, 4))
        );
        assert_eq!(s.rows[0].staff[0].names, vec!["孙丽"]);
        assert!(s.rows[3].staff[0].anonymous && s.rows[3].staff[0].names.is_empty());
        let csv = status_csv(&s);
        assert!(csv.starts_with("\u{feff}部门,填报人"));
        assert!(csv.contains("德育处,钱进,少先队辅导员,1,0,,\r\n"));
    }

    #[test]
    fn disagreement_and_difference_flags_on_hand_computed_examples() {
        let w = World::answered();
        // p1: 李华 优秀 (4), 王芳 合格 (2), 孙丽 良好 (3): mean 3 → 良好; 优秀 and 合格 are 2 levels apart.
        // p7: 李华 优秀 (4), 赵强 良好 (3): mean 3.5, halfway between 优秀 and 良好.
        // p2: 李华 是, 孙丽 否, the anonymous answer 否.
        let fw = &w.fw;
        let check = |pairs: &[(&str, &str)]| {
            w.staff
                .points(fw, &principal(fw, pairs))
                .into_iter()
                .map(|p| (p.point_id.clone(), p))
                .collect::<BTreeMap<_, _>>()
        };
        let v = check(&[("p1", "A"), ("p7", "A"), ("p2", "yes")]);
        let p1 = &v["p1"];
        assert!((p1.stats.mean.unwrap() - 3.0).abs() < 1e-9);
        assert_eq!(p1.stats.count, 3);
        assert_eq!((p1.spread, p1.staff_level.as_deref()), (Some(2), Some("B")));
        assert!(p1.disagree && p1.differs, "principal 优秀, staff 良好");
        let p7 = &v["p7"];
        assert_eq!((p7.spread, p7.staff_level.as_deref()), (Some(1), Some("A")));
        assert!(
            !p7.disagree && !p7.differs,
            "3.5 is as near to 优秀 as to 良好"
        );
        let p2 = &v["p2"];
        assert_eq!(p2.stats.yes_no, (1, 2));
        assert!(
            p2.disagree && p2.differs,
            "most staff say 否, the principal 是"
        );
        assert!(
            !v["p4"].disagree && !v["p4"].differs,
            "the principal has not answered p4"
        );
        let v = check(&[("p1", "B"), ("p7", "C"), ("p2", "no")]);
        assert!(v["p1"].disagree && !v["p1"].differs);
        assert_eq!(
            v["p7"].staff_level.as_deref(),
            Some("A"),
            "the better of the two nearest"
        );
        assert!(v["p7"].differs, "合格 is not nearest to 3.5");
        assert!(!v["p2"].differs);
        // The anonymous note has no author; named notes have theirs; the text answer counts as a note.
        let notes: Vec<_> = v["p2"]
            .notes
            .iter()
            .map(|n| (n.author.clone(), n.text.as_str()))
            .collect();
        assert_eq!(
            notes,
            vec![(Some("孙丽".to_string()), "没有制度"), (None, "匿名的说明")]
        );
        assert_eq!(v["p5"].notes[0].text, "多开展活动");
        assert!(v["p1"].stats.notes.is_empty(), "statistics carry no names");
    }

    #[test]
    fn adopting_a_department_answer_produces_edits_and_keeps_the_principals_notes() {
        let w = World::answered();
        let fw = &w.fw;
        let mut mine = principal(fw, &[("p4", "B")]);
        mine.apply(fw, "p7", Edit::Note("校长的说明".into()))
            .unwrap();
        // 教务处 = 李华, 王芳, 孙丽 (not the anonymous survey, not 赵强 of 德育处).
        let a = w.staff.adopt(fw, &mine, "d1", None, false);
        assert_eq!(
            a.skipped,
            vec![
                ("p2".to_string(), SkipReason::Tie),
                ("p4".to_string(), SkipReason::AlreadyConcluded)
            ]
        );
        let after = a.apply(fw, &mine).unwrap();
        let value = |id: &str| after.get(id).and_then(|x| x.value.clone());
        assert_eq!(
            value("p1"),
            Some(AnswerValue::Level("B".into())),
            "mean 3 → 良好"
        );
        assert_eq!(value("p3"), Some(AnswerValue::Number(50.0)), "both said 50");
        assert_eq!(
            value("p7"),
            Some(AnswerValue::Level("A".into())),
            "李华 alone in 教务处"
        );
        assert_eq!(
            value("p4"),
            Some(AnswerValue::Level("B".into())),
            "the principal's stays"
        );
        assert_eq!(
            after.get("p1").unwrap().note,
            "李华：会议记录齐全\n王芳：部分记录缺失"
        );
        assert_eq!(
            after.get("p7").unwrap().note,
            "校长的说明",
            "never overwritten"
        );
        assert_eq!(mine.get("p1"), None, "adoption itself changes nothing");
        // One point, overwriting the principal's conclusion.
        let one = w
            .staff
            .adopt(fw, &mine, "d1", Some(&["p4".to_string()]), true);
        assert_eq!(
            one.edits,
            vec![(
                "p4".to_string(),
                Edit::Value(Some(AnswerValue::Level("C".into())))
            )]
        );
        assert_eq!(
            w.staff
                .adopt(fw, &mine, "d1", Some(&["p6".to_string()]), true)
                .skipped,
            vec![("p6".to_string(), SkipReason::NotInDepartment)]
        );
        assert_eq!(
            w.staff.department_answer(fw, "d2", "p6"),
            Err(SkipReason::NoAnswers)
        );
        assert_eq!(SkipReason::Tie.zh(), "部门内意见正好各占一半，请校长判断");
    }

    #[test]
    fn an_anonymous_survey_names_nobody_anywhere() {
        let mut w = World::new();
        // A forged file for the anonymous survey that carries a name, sealed with a valid checksum, and a
        // code that carries one too.
        let mut forged = w.file("a6", "张三", 1, &[("p1", "A", "希望加强教研")]);
        forged.origin.assignee = "a8".into();
        forged.answers.insert(
            "p5".into(),
            answers(&[("p5", "希望多培训", "")]).by_point["p5"].clone(),
        );
        assert!(forged.respondent.as_ref().is_some_and(|r| r.name == "张三"));
        w.take(forged).unwrap();
        let survey = w.file("a8", "", 1, &[("p1", "B", "")]);
        let mut code = crate::answer_code::read_codes(&encode(&w.inv, &survey).unwrap().text())
            .remove(0)
            .unwrap();
        code.respondent = Some(StaffRespondent {
            name: "李四".into(),
            role: "体育教师".into(),
            department: "总务处".into(),
        });
        code.token_tag = "0000beef".into();
        let (school, header, fw) = (w.school.clone(), w.header.clone(), w.fw.clone());
        let desk = Desk {
            school: &school,
            header: &header,
            fw: &fw,
        };
        let s = w.staff.receive_code(&desk, &code).unwrap();
        let got = [Ok::<_, ImportProblem>(w.staff.intake(s))];
        assert_eq!(w.staff.submissions.len(), 2);
        assert!(w.staff.submissions.iter().all(|s| s.respondent.is_none()));

        let fw = &w.fw;
        let mine = principal(fw, &[("p1", "C")]);
        let stored = serde_json::to_string(&w.staff).unwrap();
        let status = w.staff.status(fw);
        let points = w.staff.points(fw, &mine);
        let report = w.staff.report(fw, &mine);
        let everything = [
            stored,
            format!("{status:?}"),
            format!("{points:?}"),
            format!("{report:?}"),
            points_csv(fw, &points),
            status_csv(&status),
            got.iter().map(|r| r.as_ref().unwrap().zh()).collect(),
        ];
        for (i, text) in everything.iter().enumerate() {
            for name in ["张三", "李四"] {
                assert!(!text.contains(name), "output {i} names {name}: {text}");
            }
        }
        assert!(
            everything[4].contains("希望加强教研"),
            "the note itself is kept"
        );
        let survey = report
            .participation
            .iter()
            .find(|p| p.department == "全校")
            .unwrap();
        assert!(survey.anonymous);
        assert_eq!(survey.returned, 2);
        assert_eq!(report.returned, 2);
    }

    #[test]
    fn participation_names_the_people_missing_and_counts_the_staff_answers_due() {
        let mut w = World::new();
        let f = w.file("a4", "", 1, &[("p1", "A", "")]);
        w.take(f).unwrap();
        let f = w.file("a6", "孙丽", 1, &[("p1", "B", "")]);
        w.take(f).unwrap();
        let r = w.staff.report(&w.fw, &Answers::default());
        let rows: Vec<_> = r
            .participation
            .iter()
            .map(|p| {
                (
                    p.department.as_str(),
                    p.returned,
                    p.missing.clone(),
                    p.outstanding,
                    p.anonymous,
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("教务处", 2, vec!["王芳".to_string()], Some(11), false),
                ("德育处", 0, vec!["赵强".to_string()], Some(0), false),
                ("全校", 0, vec![], None, true),
            ]
        );
    }

    #[test]
    fn the_report_gets_participation_divergences_and_statistics() {
        let w = World::answered();
        let fw = &w.fw;
        let r = w.staff.report(
            fw,
            &principal(fw, &[("p1", "A"), ("p2", "yes"), ("p7", "B")]),
        );
        let rows: Vec<_> = r
            .participation
            .iter()
            .map(|p| (p.department.as_str(), p.invited, p.returned, p.rate()))
            .collect();
        assert_eq!(
            rows,
            vec![
                ("教务处", Some(14), 3, Some(21)),
                ("德育处", Some(1), 1, Some(100)),
                ("全校", None, 1, None)
            ]
        );
        assert_eq!((r.invited, r.returned), (None, 5));
        // Everyone named has answered; 11 of 教务处's 12 staff answers are still due.
        let open: Vec<_> = r
            .participation
            .iter()
            .map(|p| (p.missing.clone(), p.outstanding))
            .collect();
        assert_eq!(
            open,
            vec![(vec![], Some(11)), (vec![], Some(0)), (vec![], None)]
        );
        let d: Vec<_> = r
            .divergences
            .iter()
            .map(|d| {
                (
                    d.point_id.as_str(),
                    d.kind,
                    d.staff.as_str(),
                    d.principal.as_str(),
                )
            })
            .collect();
        assert_eq!(
            d,
            vec![
                ("p1", DivergenceKind::AmongStaff, "良好", "优秀"),
                ("p1", DivergenceKind::FromPrincipal, "良好", "优秀"),
                ("p2", DivergenceKind::AmongStaff, "", ""),
                ("p2", DivergenceKind::FromPrincipal, "否", "是"),
            ]
        );
        assert_eq!(
            r.divergences[0].spread,
            vec![("优秀".into(), 1), ("良好".into(), 1), ("合格".into(), 1)]
        );
        assert_eq!(
            r.stats["p1"].summary,
            "优秀 1、良好 1、合格 1；均分 3（3 人）；意见分歧；与学校结论不同"
        );
        assert_eq!(r.stats["p7"].summary, "优秀 1、良好 1；均分 3.5（2 人）");
    }
}
