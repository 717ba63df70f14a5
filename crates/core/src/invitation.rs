//! 填报包 (invitation): the file a principal sends to a teacher (or to all staff) so that they can answer their
//! part of the evaluation without setting up a school.
//!
//! A package names the school and the evaluation it belongs to, carries the assigned points WITH their text,
//! guidance, evidence lists and the scale (a subset of the framework: the teacher's browser may not have that
//! framework, or not that version), the due date and the principal's instructions, and one or more assignees
//! with their points: one file per assignee, or one file for everyone, in which each teacher picks who they
//! are. A checksum over the content detects a file edited by hand (see [`crate::files`]).

use super::assignment::{Assignment, Who};
use super::evaluation::{EvaluationHeader, SchoolYear, Term};
use super::files::{self, FileKind, ReadProblem, INVITATION_FORMAT};
use super::framework::{self, Framework};
use super::i18n::{Lang, Localized};
use super::school::School;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Version of the package format written by this build.
pub const INVITATION_VERSION: u32 = 1;

/// The school a package belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitedSchool {
    /// The school's id in the principal's data.
    pub id: String,
    /// 学校名称
    pub name: String,
}

/// The evaluation a package belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitedEvaluation {
    /// The evaluation's id in the principal's data.
    pub id: String,
    /// School year.
    pub school_year: SchoolYear,
    /// Term.
    pub term: Term,
}

/// One assignee of a package and the points they answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvitedAssignee {
    /// The assignee's id in the principal's assignment.
    pub id: String,
    /// The department's name; empty at school level.
    #[serde(default)]
    pub department: String,
    /// A named person, or all staff (possibly anonymous).
    pub who: Who,
    /// Point ids, in framework order.
    pub points: Vec<String>,
}

impl InvitedAssignee {
    /// Whether answers to this assignee are anonymous.
    pub fn is_anonymous(&self) -> bool {
        matches!(
            self.who,
            Who::Staff {
                anonymous: true,
                ..
            }
        )
    }

    /// In words: 教务处 李华, 教务处全体教职工, 全体教职工（匿名）.
    pub fn describe(&self) -> String {
        let dept = self.department.trim();
        match &self.who {
            Who::Person { name, .. } if dept.is_empty() => name.clone(),
            Who::Person { name, .. } => format!("{dept} {name}"),
            Who::Staff { anonymous, .. } => format!(
                "{dept}全体教职工{}",
                if *anonymous { "（匿名）" } else { "" }
            ),
        }
    }
}

/// A 填报包.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    /// Always [`INVITATION_FORMAT`].
    pub format: String,
    /// [`INVITATION_VERSION`].
    pub version: u32,
    /// Unique id of this package: answers refer to it.
    pub id: String,
    /// When it was made (ISO date and time).
    pub issued_at: String,
    /// The school.
    pub school: InvitedSchool,
    /// The evaluation.
    pub evaluation: InvitedEvaluation,
    /// The assigned part of the framework: its id, version, scale and texts, with only the assigned areas,
    /// indicators and points.
    pub framework: Framework,
    /// 截止日期
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// The principal's instructions.
    #[serde(default)]
    pub message: String,
    /// Who may answer with this package.
    pub assignees: Vec<InvitedAssignee>,
    /// Checksum over everything else (see [`crate::files`]).
    #[serde(default)]
    pub checksum: String,
}

/// What the principal keeps of an issued package, to check the answers that come back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IssuedPackage {
    /// The package's id.
    pub id: String,
    /// When it was made.
    pub issued_at: String,
    /// Its assignees and their points.
    pub assignees: Vec<InvitedAssignee>,
}

impl IssuedPackage {
    /// An assignee of the package.
    pub fn assignee(&self, id: &str) -> Option<&InvitedAssignee> {
        self.assignees.iter().find(|a| a.id == id)
    }
}

/// What a package is made from.
#[derive(Debug, Clone, Copy)]
pub struct Issue<'a> {
    /// The school.
    pub school: &'a School,
    /// The evaluation.
    pub header: &'a EvaluationHeader,
    /// Its framework.
    pub fw: &'a Framework,
    /// The assignment.
    pub assignment: &'a Assignment,
    /// Now, as an ISO date and time.
    pub issued_at: &'a str,
}

/// Why a package could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueError {
    /// The framework given is not the evaluation's.
    WrongFramework,
    /// No such assignee in the assignment.
    UnknownAssignee(String),
    /// The assignee was given no point (described).
    NothingAssigned(String),
    /// A named person without a name (department).
    PersonWithoutName(String),
    /// Nobody to send a package to.
    NoAssignees,
}

impl Localized for IssueError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (IssueError::WrongFramework, Lang::Zh) => {
                "评价框架与本次自评不一致，无法制作填报包。".into()
            }
            (IssueError::WrongFramework, Lang::En) => {
                "The framework is not this evaluation's; no package was made.".into()
            }
            (IssueError::UnknownAssignee(id), Lang::Zh) => {
                format!("分工中找不到填报人“{id}”，可能已被删除。")
            }
            (IssueError::UnknownAssignee(id), Lang::En) => {
                format!("The assignee “{id}” is not in the assignment; it may have been removed.")
            }
            (IssueError::NothingAssigned(w), Lang::Zh) => {
                format!("{w}还没有分到任何考查要点，请先在分工中选择。")
            }
            (IssueError::NothingAssigned(w), Lang::En) => {
                format!("{w} has not been given any point; choose some in the assignment first.")
            }
            (IssueError::PersonWithoutName(d), Lang::Zh) => {
                format!("{d}有一位填报人没有填写姓名，请先补上。")
            }
            (IssueError::PersonWithoutName(d), Lang::En) => {
                format!("A person in {d} has no name; add it first.")
            }
            (IssueError::NoAssignees, Lang::Zh) => {
                "分工中还没有填报人，请先添加部门和填报人。".into()
            }
            (IssueError::NoAssignees, Lang::En) => {
                "The assignment has nobody to answer yet; add departments and people first.".into()
            }
        }
    }
}

/// Why a file could not be opened as a package. Nothing is changed when it is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum PackageError {
    /// The bytes are not a readable JSON file.
    Read(ReadProblem),
    /// JSON of another program.
    Foreign,
    /// A backup of this tool.
    Backup,
    /// A teacher's answer file.
    AnswerFile,
    /// Another file of this tool (its format name).
    OtherOfOurs(String),
    /// Made by a newer version of this tool (its format version).
    Newer(u64),
    /// No format version.
    NoVersion,
    /// The checksum does not match: edited by hand or damaged.
    Edited,
    /// Of the right kind and unedited, but its content is broken.
    Invalid(String),
}

impl Localized for PackageError {
    fn text(&self, lang: Lang) -> String {
        let what = match (self, lang) {
            (PackageError::Read(p), _) => p.text(lang),
            (PackageError::Foreign, Lang::Zh) => "这是其他程序的文件，不是本工具的填报包".into(),
            (PackageError::Foreign, Lang::En) => {
                "this file belongs to another program; it is not a package of this tool".into()
            }
            (PackageError::Backup, Lang::Zh) => {
                "这是数据备份文件，不是填报包；备份请在“数据管理 → 导入备份”中导入".into()
            }
            (PackageError::Backup, Lang::En) => {
                "this is a backup, not a package; import backups under Data → Import a backup".into()
            }
            (PackageError::AnswerFile, Lang::Zh) => {
                "这是教职工填好的答卷，不是填报包；答卷请交给校长在“回收”中导入".into()
            }
            (PackageError::AnswerFile, Lang::En) => {
                "this is a filled-in answer file, not a package; the principal imports it under Collection"
                    .into()
            }
            (PackageError::OtherOfOurs(f), Lang::Zh) => {
                format!("这是本工具的其他文件（{f}），不是填报包")
            }
            (PackageError::OtherOfOurs(f), Lang::En) => {
                format!("this is another kind of file of this tool ({f}), not a package")
            }
            (PackageError::Newer(v), Lang::Zh) => {
                format!("填报包由更新版本的本工具制作（格式第 {v} 版），请先更新本工具再打开")
            }
            (PackageError::Newer(v), Lang::En) => format!(
                "the package was made by a newer version of this tool (format {v}); update this tool first"
            ),
            (PackageError::NoVersion, Lang::Zh) => "填报包缺少格式版本，内容已损坏".into(),
            (PackageError::NoVersion, Lang::En) => "the package has no format version; it is damaged".into(),
            (PackageError::Edited, Lang::Zh) => {
                "填报包的内容被改动过（校验码不符），可能被手工编辑或在传送中损坏，请向学校重新索取".into()
            }
            (PackageError::Edited, Lang::En) => {
                "the package was changed (its checksum does not match), edited by hand or damaged on the way; ask the school for it again".into()
            }
            (PackageError::Invalid(e), Lang::Zh) => format!("填报包内容不完整或已损坏：{e}"),
            (PackageError::Invalid(e), Lang::En) => {
                format!("the package is incomplete or damaged: {e}")
            }
        };
        match lang {
            Lang::Zh => format!("无法打开填报包：{what}。本机数据没有任何改动。"),
            Lang::En => format!("The package cannot be opened: {what}. Nothing was changed."),
        }
    }
}

/// The framework cut down to the given points: areas and indicators without any of them are left out.
pub fn subset(fw: &Framework, points: &BTreeSet<String>) -> Framework {
    let mut out = fw.clone();
    out.areas = fw
        .areas
        .iter()
        .filter_map(|a| {
            let mut a = a.clone();
            a.indicators = a
                .indicators
                .into_iter()
                .filter_map(|mut i| {
                    i.points.retain(|p| points.contains(&p.id));
                    (!i.points.is_empty()).then_some(i)
                })
                .collect();
            (!a.indicators.is_empty()).then_some(a)
        })
        .collect();
    out
}

impl Invitation {
    /// A package for one assignee.
    pub fn for_assignee(
        issue: &Issue,
        assignee_id: &str,
        package_id: &str,
    ) -> Result<Invitation, IssueError> {
        Self::for_assignees(issue, &[assignee_id], package_id)
    }

    /// One package for every assignee of the assignment: each teacher picks who they are.
    pub fn for_everyone(issue: &Issue, package_id: &str) -> Result<Invitation, IssueError> {
        let ids: Vec<&str> = issue
            .assignment
            .assignees
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        Self::for_assignees(issue, &ids, package_id)
    }

    /// A package for the given assignees.
    pub fn for_assignees(
        issue: &Issue,
        assignee_ids: &[&str],
        package_id: &str,
    ) -> Result<Invitation, IssueError> {
        if issue.header.framework_id != issue.fw.id {
            return Err(IssueError::WrongFramework);
        }
        if assignee_ids.is_empty() {
            return Err(IssueError::NoAssignees);
        }
        let a = issue.assignment;
        let mut assignees = Vec::new();
        let mut all = BTreeSet::new();
        for id in assignee_ids {
            let x = a
                .assignee(id)
                .ok_or_else(|| IssueError::UnknownAssignee(id.to_string()))?;
            if let Who::Person { name, .. } = &x.who {
                if name.trim().is_empty() {
                    return Err(IssueError::PersonWithoutName(a.department_name(x)));
                }
            }
            let points = a.points_of(issue.fw, id);
            if points.is_empty() {
                return Err(IssueError::NothingAssigned(a.describe(x)));
            }
            all.extend(points.iter().cloned());
            assignees.push(InvitedAssignee {
                id: x.id.clone(),
                department: if x.department.is_some() {
                    a.department_name(x)
                } else {
                    String::new()
                },
                who: x.who.clone(),
                points,
            });
        }
        Ok(Invitation {
            format: INVITATION_FORMAT.into(),
            version: INVITATION_VERSION,
            id: package_id.into(),
            issued_at: issue.issued_at.into(),
            school: InvitedSchool {
                id: issue.school.id.clone(),
                name: issue.school.name.trim().to_string(),
            },
            evaluation: InvitedEvaluation {
                id: issue.header.id.clone(),
                school_year: issue.header.school_year,
                term: issue.header.term,
            },
            framework: subset(issue.fw, &all),
            due: a.due,
            message: a.message.clone(),
            assignees,
            checksum: String::new(),
        })
    }

    /// The file's text, with its checksum.
    pub fn to_json(&self) -> String {
        files::seal(self)
    }

    /// The file name: school, department and person (or 全体教职工), e.g.
    /// `贺兰县第一小学-教务处-李华-填报包.json`.
    pub fn file_name(&self) -> String {
        let (dept, who) = match self.assignees.as_slice() {
            [one] => (
                one.department.clone(),
                match &one.who {
                    Who::Person { name, .. } => name.clone(),
                    Who::Staff { .. } => "全体教职工".into(),
                },
            ),
            _ => (String::new(), "全体教职工".into()),
        };
        files::safe_file_name(&[&self.school.name, &dept, &who, "填报包"], "json")
    }

    /// What the principal keeps of the package.
    pub fn record(&self) -> IssuedPackage {
        IssuedPackage {
            id: self.id.clone(),
            issued_at: self.issued_at.clone(),
            assignees: self.assignees.clone(),
        }
    }

    /// An assignee of the package.
    pub fn assignee(&self, id: &str) -> Option<&InvitedAssignee> {
        self.assignees.iter().find(|a| a.id == id)
    }

    /// The framework a teacher answers in teacher mode: only this assignee's points. Use it like any
    /// framework (questionnaire, [`crate::evaluation::Answers::apply`], progress).
    pub fn framework_for(&self, assignee_id: &str) -> Option<Framework> {
        let a = self.assignee(assignee_id)?;
        Some(subset(&self.framework, &a.points.iter().cloned().collect()))
    }

    /// Reads a package, refusing every bad file with a message that says what it is and what to do.
    pub fn parse(bytes: &[u8]) -> Result<Invitation, PackageError> {
        let text = files::read_text(bytes).map_err(PackageError::Read)?;
        let v = files::json(text).map_err(PackageError::Read)?;
        match files::kind(&v) {
            (FileKind::Invitation, 0) => return Err(PackageError::NoVersion),
            (FileKind::Invitation, n) if n > u64::from(INVITATION_VERSION) => {
                return Err(PackageError::Newer(n))
            }
            (FileKind::Invitation, _) => {}
            (FileKind::Backup, _) => return Err(PackageError::Backup),
            (FileKind::Answers(_), _) => return Err(PackageError::AnswerFile),
            (FileKind::OtherOfOurs(f), _) => return Err(PackageError::OtherOfOurs(f)),
            (FileKind::Foreign, _) => return Err(PackageError::Foreign),
        }
        if !files::checksum_ok(&v) {
            return Err(PackageError::Edited);
        }
        // Typed from the text, not from the value: the framework inside is then read by the same code as
        // the built-in frameworks, instead of a second copy of it in the WebAssembly.
        let inv: Invitation = serde_json::from_str(text)
            .map_err(|e| PackageError::Invalid(super::backup::describe(&e)))?;
        inv.check().map_err(PackageError::Invalid)?;
        Ok(inv)
    }

    /// Consistency of a package that passed its checksum (a file from a faulty build, or forged).
    fn check(&self) -> Result<(), String> {
        if self.id.trim().is_empty() || self.evaluation.id.trim().is_empty() {
            return Err("缺少填报包或自评的编号".into());
        }
        if self.school.name.trim().is_empty() {
            return Err("缺少学校名称".into());
        }
        if let Some(e) = framework::validate(&self.framework).first() {
            return Err(format!("评价框架内容不完整（{e}）"));
        }
        if self.assignees.is_empty() {
            return Err("没有填报人".into());
        }
        let mut ids = BTreeSet::new();
        for a in &self.assignees {
            if !ids.insert(a.id.as_str()) {
                return Err(format!("填报人编号“{}”重复", a.id));
            }
            if let Who::Person { name, .. } = &a.who {
                if name.trim().is_empty() {
                    return Err("有一位填报人没有姓名".into());
                }
            }
            if a.points.is_empty() {
                return Err(format!("{}没有分到考查要点", a.describe()));
            }
            if let Some(p) = a.points.iter().find(|p| self.framework.point(p).is_none()) {
                return Err(format!("{}的考查要点“{p}”不在填报包中", a.describe()));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::fixtures;

    pub(crate) fn package(ids: &[&str], id: &str) -> Invitation {
        let fw = fixtures::framework();
        let mut a = fixtures::assignment();
        a.due = NaiveDate::from_ymd_opt(2025, 11, 30);
        a.message = "请在月底前完成。".into();
        let (s, h) = (fixtures::school(), fixtures::header());
        let issue = Issue {
            school: &s,
            header: &h,
            fw: &fw,
            assignment: &a,
            issued_at: "2025-10-08T09:00",
        };
        Invitation::for_assignees(&issue, ids, id).unwrap()
    }

    #[test]
    fn a_package_holds_what_a_teacher_needs_and_only_that() {
        let p = package(&["a5"], "pkg1");
        assert_eq!(p.school.name, "贺兰县第一小学");
        assert_eq!(p.evaluation.term, Term::First);
        assert_eq!(
            (p.framework.id.as_str(), p.framework.version.as_str()),
            ("test", "1")
        );
        assert_eq!(p.framework.scale, fixtures::scale());
        let ids: Vec<_> = p.framework.points().map(|(_, _, x)| x.id.clone()).collect();
        assert_eq!(ids, vec!["p1", "p4"], "only 王芳's points travel");
        assert_eq!(p.framework.point("p1").unwrap().guidance, "看材料");
        assert_eq!(p.framework.areas.len(), 1, "area A2 has none of them");
        assert_eq!(p.due, NaiveDate::from_ymd_opt(2025, 11, 30));
        assert_eq!(p.assignees[0].describe(), "教务处 王芳");
        assert_eq!(p.file_name(), "贺兰县第一小学-教务处-王芳-填报包.json");
        assert_eq!(p.record().assignees, p.assignees);
    }

    #[test]
    fn one_package_for_everyone_lets_each_teacher_pick_their_part() {
        let fw = fixtures::framework();
        let a = fixtures::assignment();
        let (s, h) = (fixtures::school(), fixtures::header());
        let issue = Issue {
            school: &s,
            header: &h,
            fw: &fw,
            assignment: &a,
            issued_at: "2025-10-08T09:00",
        };
        let p = Invitation::for_everyone(&issue, "all").unwrap();
        assert_eq!(p.assignees.len(), 5);
        assert_eq!(p.framework.point_count(), 7);
        assert_eq!(p.file_name(), "贺兰县第一小学-全体教职工-填报包.json");
        let mine = p.framework_for("a7").unwrap();
        assert_eq!(mine.point_count(), 2);
        assert!(p.framework_for("a99").is_none());
        let survey = Invitation::for_assignee(&issue, "a8", "s").unwrap();
        assert_eq!(survey.file_name(), "贺兰县第一小学-全体教职工-填报包.json");
        assert!(survey.assignees[0].is_anonymous());
        // Refusals.
        let mut bad = a.clone();
        bad.add_department("总务处2");
        let id = bad.add_person(Some("d9"), "孙丽", "");
        let issue2 = Issue {
            assignment: &bad,
            ..issue
        };
        assert_eq!(
            Invitation::for_assignee(&issue2, &id, "x")
                .unwrap_err()
                .zh(),
            "总务处2 孙丽还没有分到任何考查要点，请先在分工中选择。"
        );
        assert_eq!(
            Invitation::for_assignee(&issue, "zz", "x").unwrap_err(),
            IssueError::UnknownAssignee("zz".into())
        );
        let mut other = h.clone();
        other.framework_id = "quality-action".into();
        assert_eq!(
            Invitation::for_everyone(
                &Issue {
                    header: &other,
                    ..issue
                },
                "x"
            )
            .unwrap_err(),
            IssueError::WrongFramework
        );
    }

    #[test]
    fn a_package_round_trips_and_bad_files_are_named() {
        let p = package(&["a4", "a5"], "pkg2");
        let text = p.to_json();
        let back = Invitation::parse(text.as_bytes()).unwrap();
        assert_eq!(back.assignees, p.assignees);
        assert_eq!(back.framework, p.framework);
        assert!(!back.checksum.is_empty());

        let err = |bytes: &[u8]| Invitation::parse(bytes).unwrap_err();
        assert_eq!(
            err(text.replace("王芳", "王方").as_bytes()),
            PackageError::Edited
        );
        assert_eq!(
            err(&text.as_bytes()[..text.len() / 2]),
            PackageError::Read(ReadProblem::Truncated)
        );
        assert_eq!(
            err(text.replace("\"version\": 1", "\"version\": 7").as_bytes()),
            PackageError::Newer(7)
        );
        assert_eq!(
            err(br#"{"format":"xzzp-backup","version":1,"schema":1}"#),
            PackageError::Backup
        );
        assert_eq!(
            err(br#"{"format":"xzzp-answers","version":2}"#),
            PackageError::AnswerFile
        );
        assert_eq!(err(br#"{"hello":1}"#), PackageError::Foreign);
        let msg = err(text.replace("王芳", "王方").as_bytes()).zh();
        assert!(
            msg.starts_with("无法打开填报包：填报包的内容被改动过"),
            "{msg}"
        );
        assert!(msg.ends_with("本机数据没有任何改动。"));
        assert!(err(b"")
            .text(Lang::En)
            .starts_with("The package cannot be opened"));
    }

    #[test]
    fn a_consistent_checksum_does_not_let_a_broken_package_through() {
        let mut p = package(&["a5"], "pkg3");
        p.assignees[0].points.push("p7".into());
        let text = p.to_json();
        assert_eq!(
            Invitation::parse(text.as_bytes()).unwrap_err(),
            PackageError::Invalid("教务处 王芳的考查要点“p7”不在填报包中".into())
        );
        let mut p = package(&["a5"], "pkg3");
        p.assignees.push(p.assignees[0].clone());
        assert!(matches!(
            Invitation::parse(p.to_json().as_bytes()),
            Err(PackageError::Invalid(e)) if e.contains("重复")
        ));
    }
}
