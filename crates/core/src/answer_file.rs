//! Teachers' answer files, version 2: the answers to a 填报包, made in teacher mode and imported by the
//! principal in the collection (回收).
//!
//! A file names the package and the assignee it answers, the respondent (name, role, department; none at all
//! in an anonymous survey), a revision and the time of export, so that a new file from the same person
//! replaces the earlier one (see [`crate::collection`]), and carries a checksum that detects a file edited by
//! hand. Version 1 files (answers to a whole framework, before packages existed) are still read, by
//! [`read_answer_file`], through [`crate::backup::parse`].

use super::assignment::Who;
use super::backup::{self, AnswerFile, Import, ImportError, ANSWERS_FORMAT};
use super::evaluation::{Answer, Answers, Edit, EditError};
use super::files::{self, FileKind, ReadProblem};
use super::framework::Framework;
use super::i18n::{Lang, Localized};
use super::invitation::{Invitation, InvitedAssignee};
use chrono::{NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Version of the answer files written by this build (the `format` is still [`ANSWERS_FORMAT`]).
pub const STAFF_ANSWERS_VERSION: u32 = 2;

/// The package and assignee a file answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerOrigin {
    /// The package's id.
    pub package: String,
    /// The school's id in the principal's data.
    pub school_id: String,
    /// The school's name, to say whose file it is when it was sent to the wrong school.
    pub school: String,
    /// The evaluation's id in the principal's data.
    pub evaluation_id: String,
    /// The assignee's id in the principal's assignment.
    pub assignee: String,
}

/// Who answered.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffRespondent {
    /// 姓名
    pub name: String,
    /// 职务 / 角色
    #[serde(default)]
    pub role: String,
    /// 部门
    #[serde(default)]
    pub department: String,
}

/// Who answers for an assignee: a named person as the package names them (a role typed by the teacher wins);
/// "all staff" as the teacher typed it (the name is required); nobody for an anonymous survey.
pub fn respondent_for(
    a: &InvitedAssignee,
    given: &StaffRespondent,
) -> Result<Option<StaffRespondent>, ExportError> {
    Ok(match &a.who {
        Who::Person { name, role } => Some(StaffRespondent {
            name: name.clone(),
            role: if given.role.trim().is_empty() {
                role.clone()
            } else {
                given.role.trim().to_string()
            },
            department: a.department.clone(),
        }),
        Who::Staff {
            anonymous: true, ..
        } => None,
        Who::Staff { .. } => {
            if given.name.trim().is_empty() {
                return Err(ExportError::NameMissing);
            }
            Some(StaffRespondent {
                name: given.name.trim().to_string(),
                role: given.role.trim().to_string(),
                department: if a.department.is_empty() {
                    given.department.trim().to_string()
                } else {
                    a.department.clone()
                },
            })
        }
    })
}

/// A teacher's answers to a package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffAnswerFile {
    /// Always [`ANSWERS_FORMAT`].
    pub format: String,
    /// [`STAFF_ANSWERS_VERSION`].
    pub version: u32,
    /// Unique id of this export.
    pub id: String,
    /// What it answers.
    pub origin: AnswerOrigin,
    /// Who answered; `None` in an anonymous survey.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub respondent: Option<StaffRespondent>,
    /// A random token kept by the teacher's browser for this package: the same token across revisions is
    /// the only way to tell the revisions of one anonymous respondent apart from another respondent's.
    pub token: String,
    /// 1 for the first export, then one more each time the teacher exports again.
    pub revision: u32,
    /// When it was exported, to the minute (the same moment as the 答卷码 of the same export).
    pub exported_at: NaiveDateTime,
    /// Framework id.
    pub framework_id: String,
    /// Framework version.
    pub framework_version: String,
    /// Answers to assigned points only.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Checksum over everything else (see [`crate::files`]).
    #[serde(default)]
    pub checksum: String,
}

/// The facts of one export, supplied by teacher mode.
#[derive(Debug, Clone, Copy)]
pub struct Export<'a> {
    /// A new unique id for this file.
    pub id: &'a str,
    /// The teacher's token for this package (kept across revisions).
    pub token: &'a str,
    /// This export's revision, from 1.
    pub revision: u32,
    /// Now.
    pub at: NaiveDateTime,
}

/// Why teacher mode could not make an answer file.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportError {
    /// The package has no such assignee.
    UnknownAssignee(String),
    /// A named answer needs the teacher's name.
    NameMissing,
    /// An answer that does not fit its point.
    BadAnswer(String, EditError),
    /// No token or no revision given (a fault of the caller).
    NoRevision,
    /// Too much text for a 答卷码 (more than its most parts); the answer file carries it.
    TooLongForCode,
}

impl Localized for ExportError {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ExportError::UnknownAssignee(id), Lang::Zh) => {
                format!("填报包中没有填报人“{id}”，请重新选择“我是谁”。")
            }
            (ExportError::UnknownAssignee(id), Lang::En) => {
                format!("The package has no assignee “{id}”; choose who you are again.")
            }
            (ExportError::NameMissing, Lang::Zh) => "请先填写您的姓名，再导出答卷。".into(),
            (ExportError::NameMissing, Lang::En) => {
                "Enter your name before exporting the answers.".into()
            }
            (ExportError::BadAnswer(p, e), Lang::Zh) => {
                format!("考查要点“{p}”的答案不正确：{}。", e.zh())
            }
            (ExportError::BadAnswer(p, _), Lang::En) => {
                format!("The answer to point “{p}” does not fit the point.")
            }
            (ExportError::NoRevision, Lang::Zh) => "缺少答卷的版本信息，无法导出。".into(),
            (ExportError::NoRevision, Lang::En) => {
                "The answers have no revision; they cannot be exported.".into()
            }
            (ExportError::TooLongForCode, Lang::Zh) => {
                "说明文字太多，无法生成答卷码，请改为导出答卷文件发送。".into()
            }
            (ExportError::TooLongForCode, Lang::En) => {
                "There is too much text for an answer code; send the answer file instead.".into()
            }
        }
    }
}

/// The value checks of [`Answers::apply`], for one answer.
pub(crate) fn check_answer(fw: &Framework, point: &str, a: &Answer) -> Result<(), EditError> {
    let mut probe = Answers::default();
    match &a.value {
        Some(v) => probe.apply(fw, point, Edit::Value(Some(v.clone()))),
        None => probe.apply(fw, point, Edit::Note(a.note.clone())),
    }
}

impl StaffAnswerFile {
    /// The answer file of one export in teacher mode. Only answers to the assignee's points are kept, blank
    /// ones are dropped. A named person answers under the name the package gives; "all staff" answers under
    /// the name the teacher typed (required); an anonymous survey carries no respondent whatever is given.
    pub fn new(
        inv: &Invitation,
        assignee_id: &str,
        respondent: Option<StaffRespondent>,
        answers: &Answers,
        export: Export,
    ) -> Result<StaffAnswerFile, ExportError> {
        let a = inv
            .assignee(assignee_id)
            .ok_or_else(|| ExportError::UnknownAssignee(assignee_id.into()))?;
        if export.revision == 0 || export.token.trim().is_empty() {
            return Err(ExportError::NoRevision);
        }
        let respondent = respondent_for(a, &respondent.unwrap_or_default())?;
        let mut kept = BTreeMap::new();
        for p in &a.points {
            let Some(ans) = answers.get(p) else { continue };
            if ans.is_blank() {
                continue;
            }
            check_answer(&inv.framework, p, ans)
                .map_err(|e| ExportError::BadAnswer(p.clone(), e))?;
            kept.insert(p.clone(), ans.clone());
        }
        Ok(StaffAnswerFile {
            format: ANSWERS_FORMAT.into(),
            version: STAFF_ANSWERS_VERSION,
            id: export.id.into(),
            origin: AnswerOrigin {
                package: inv.id.clone(),
                school_id: inv.school.id.clone(),
                school: inv.school.name.clone(),
                evaluation_id: inv.evaluation.id.clone(),
                assignee: a.id.clone(),
            },
            respondent,
            token: export.token.into(),
            revision: export.revision,
            exported_at: to_minute(export.at),
            framework_id: inv.framework.id.clone(),
            framework_version: inv.framework.version.clone(),
            answers: kept,
            checksum: String::new(),
        })
    }

    /// The file's text, with its checksum.
    pub fn to_json(&self) -> String {
        files::seal(self)
    }

    /// The file name, e.g. `答卷-贺兰县第一小学-教务处-李华-第2次.json`; an anonymous answer is named by the
    /// first characters of its token instead of a person.
    pub fn file_name(&self) -> String {
        let rev = format!("第{}次", self.revision);
        match &self.respondent {
            Some(r) => files::safe_file_name(
                &["答卷", &self.origin.school, &r.department, &r.name, &rev],
                "json",
            ),
            None => {
                let tag = anonymous_tag(&self.token);
                files::safe_file_name(&["答卷", &self.origin.school, &tag, &rev], "json")
            }
        }
    }

    /// Reads a version 2 answer file: format, version, checksum, shape. Whether it belongs to the open
    /// evaluation is checked when it is received ([`crate::collection::Staff::receive_file`]).
    pub fn parse(bytes: &[u8]) -> Result<StaffAnswerFile, AnswerFileError> {
        let text = files::read_text(bytes).map_err(AnswerFileError::Read)?;
        let v = files::json(text).map_err(AnswerFileError::Read)?;
        check_kind(&v)?;
        Self::from_text(text, &v)
    }

    fn from_text(text: &str, v: &serde_json::Value) -> Result<StaffAnswerFile, AnswerFileError> {
        if !files::checksum_ok(v) {
            return Err(AnswerFileError::Edited);
        }
        let f: StaffAnswerFile = serde_json::from_str(text)
            .map_err(|e| AnswerFileError::Invalid(backup::describe(&e)))?;
        let blank = |s: &str| s.trim().is_empty();
        if blank(&f.id) || blank(&f.token) || f.revision == 0 {
            return Err(AnswerFileError::Invalid("缺少答卷编号或版本".into()));
        }
        let o = &f.origin;
        if blank(&o.package) || blank(&o.evaluation_id) || blank(&o.assignee) {
            return Err(AnswerFileError::Invalid("缺少所答填报包的信息".into()));
        }
        if f.respondent.as_ref().is_some_and(|r| blank(&r.name)) {
            return Err(AnswerFileError::Invalid("答卷没有填写姓名".into()));
        }
        Ok(f)
    }
}

/// How an anonymous respondent is named (file names, evidence attribution): 匿名 and four characters of the
/// browser's token, never a name.
pub fn anonymous_tag(token: &str) -> String {
    format!("匿名{}", &token_tag(token)[..4])
}

/// The first 32 bits of a token's hash, in hex: how a respondent's token travels in a 答卷码 and how tokens
/// of files and codes are compared.
pub fn token_tag(token: &str) -> String {
    format!("{:08x}", (files::fnv1a64(token.as_bytes()) >> 32) as u32)
}

/// A time to the minute.
pub fn to_minute(t: NaiveDateTime) -> NaiveDateTime {
    t.with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(t)
}

/// An answer file as received by the principal.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// Version 1: a teacher's answers to the whole framework, before packages.
    V1(AnswerFile),
    /// Version 2: answers to a package.
    V2(StaffAnswerFile),
}

/// Why a file could not be read as an answer file. Nothing is changed when it is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum AnswerFileError {
    /// The bytes are not a readable JSON file.
    Read(ReadProblem),
    /// JSON of another program.
    Foreign,
    /// A backup.
    Backup,
    /// A 填报包.
    Invitation,
    /// Another file of this tool (its format).
    OtherOfOurs(String),
    /// Made by a newer version of this tool (its format version).
    Newer(u64),
    /// No format version.
    NoVersion,
    /// The checksum does not match: edited by hand or damaged.
    Edited,
    /// Unedited, but broken.
    Invalid(String),
    /// A version 1 file refused by the rules of version 1.
    V1(ImportError),
}

impl Localized for AnswerFileError {
    fn text(&self, lang: Lang) -> String {
        if let AnswerFileError::V1(e) = self {
            return e.text(lang);
        }
        let what = match (self, lang) {
            (AnswerFileError::Read(p), _) => p.text(lang),
            (AnswerFileError::Foreign, Lang::Zh) => "这是其他程序的文件，不是本工具的答卷".into(),
            (AnswerFileError::Foreign, Lang::En) => {
                "this file belongs to another program; it is not an answer file".into()
            }
            (AnswerFileError::Backup, Lang::Zh) => {
                "这是数据备份文件，不是答卷；备份请在“数据管理 → 导入备份”中导入".into()
            }
            (AnswerFileError::Backup, Lang::En) => {
                "this is a backup, not an answer file; import backups under Data".into()
            }
            (AnswerFileError::Invitation, Lang::Zh) => {
                "这是发给老师的填报包，不是填好的答卷；请让老师打开填报包、填写后“完成并导出”，把导出的答卷发回".into()
            }
            (AnswerFileError::Invitation, Lang::En) => {
                "this is a package sent to teachers, not filled-in answers; the teacher opens it, answers, and sends back the exported answers".into()
            }
            (AnswerFileError::OtherOfOurs(f), Lang::Zh) => {
                format!("这是本工具的其他文件（{f}），不是答卷")
            }
            (AnswerFileError::OtherOfOurs(f), Lang::En) => {
                format!("this is another kind of file of this tool ({f}), not an answer file")
            }
            (AnswerFileError::Newer(v), Lang::Zh) => {
                format!("答卷由更新版本的本工具导出（格式第 {v} 版），请先更新本工具再导入")
            }
            (AnswerFileError::Newer(v), Lang::En) => format!(
                "the answers were exported by a newer version of this tool (format {v}); update this tool first"
            ),
            (AnswerFileError::NoVersion, Lang::Zh) => "答卷缺少格式版本，内容已损坏".into(),
            (AnswerFileError::NoVersion, Lang::En) => "the file has no format version; it is damaged".into(),
            (AnswerFileError::Edited, Lang::Zh) => {
                "答卷的内容被改动过（校验码不符），可能被手工编辑或在传送中损坏，请老师重新导出后发送".into()
            }
            (AnswerFileError::Edited, Lang::En) => {
                "the file was changed (its checksum does not match), edited by hand or damaged on the way; ask the teacher to export it again".into()
            }
            (AnswerFileError::Invalid(e), Lang::Zh) => format!("答卷内容不完整或已损坏：{e}"),
            (AnswerFileError::Invalid(e), Lang::En) => {
                format!("the file is incomplete or damaged: {e}")
            }
            (AnswerFileError::V1(_), _) => unreachable!("handled above"),
        };
        match lang {
            Lang::Zh => format!("无法导入答卷：{what}。现有数据没有任何改动。"),
            Lang::En => format!("The answers cannot be imported: {what}. Nothing was changed."),
        }
    }
}

fn check_kind(v: &serde_json::Value) -> Result<u32, AnswerFileError> {
    match files::kind(v) {
        (FileKind::Answers(0), _) => Err(AnswerFileError::NoVersion),
        (FileKind::Answers(n), _) if n > STAFF_ANSWERS_VERSION => {
            Err(AnswerFileError::Newer(u64::from(n)))
        }
        (FileKind::Answers(n), _) => Ok(n),
        (FileKind::Backup, _) => Err(AnswerFileError::Backup),
        (FileKind::Invitation, _) => Err(AnswerFileError::Invitation),
        (FileKind::OtherOfOurs(f), _) => Err(AnswerFileError::OtherOfOurs(f)),
        (FileKind::Foreign, _) => Err(AnswerFileError::Foreign),
    }
}

/// Reads an answer file of either version. `frameworks` looks up built-in frameworks, which version 1 files
/// are checked against (version 2 files are checked against their package when received).
pub fn read_answer_file(
    bytes: &[u8],
    frameworks: impl Fn(&str) -> Option<Arc<Framework>>,
) -> Result<Incoming, AnswerFileError> {
    let text = files::read_text(bytes).map_err(AnswerFileError::Read)?;
    let v = files::json(text).map_err(AnswerFileError::Read)?;
    if check_kind(&v)? == STAFF_ANSWERS_VERSION {
        return StaffAnswerFile::from_text(text, &v).map(Incoming::V2);
    }
    match backup::parse(bytes, frameworks) {
        Ok(Import::Answers(f)) => Ok(Incoming::V1(f)),
        Ok(Import::Backup(_)) => Err(AnswerFileError::Backup),
        Err(e) => Err(AnswerFileError::V1(e)),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::evaluation::AnswerValue;
    use crate::invitation::tests::package;

    pub(crate) fn at(day: u32, h: u32, m: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(2025, 10, day)
            .unwrap()
            .and_hms_opt(h, m, 17)
            .unwrap()
    }

    pub(crate) fn answers(pairs: &[(&str, &str, &str)]) -> Answers {
        let fw = crate::fixtures::framework();
        let mut a = Answers::default();
        for (p, level, note) in pairs {
            if !level.is_empty() {
                let text = fw
                    .point(p)
                    .is_some_and(|x| x.kind == crate::framework::PointKind::Text);
                let v = match *level {
                    t if text => AnswerValue::Text(t.into()),
                    "yes" => AnswerValue::YesNo(true),
                    "no" => AnswerValue::YesNo(false),
                    l if l.parse::<f64>().is_ok() => AnswerValue::Number(l.parse().unwrap()),
                    l => AnswerValue::Level(l.into()),
                };
                a.apply(&fw, p, Edit::Value(Some(v))).unwrap();
            }
            if !note.is_empty() {
                a.apply(&fw, p, Edit::Note(note.to_string())).unwrap();
            }
        }
        a
    }

    fn export(rev: u32) -> Export<'static> {
        Export {
            id: if rev == 1 { "f1" } else { "f2" },
            token: "tok-wang",
            revision: rev,
            at: at(12, 9, 30),
        }
    }

    #[test]
    fn an_answer_file_keeps_assigned_points_only_and_round_trips() {
        let inv = package(&["a5"], "pkg1");
        let a = answers(&[
            ("p1", "B", "有记录"),
            ("p4", "C", ""),
            ("p7", "A", "不该带上"),
        ]);
        let f = StaffAnswerFile::new(&inv, "a5", None, &a, export(1)).unwrap();
        assert_eq!(f.answers.keys().collect::<Vec<_>>(), vec!["p1", "p4"]);
        let r = f.respondent.as_ref().unwrap();
        assert_eq!(
            (r.name.as_str(), r.role.as_str(), r.department.as_str()),
            ("王芳", "语文教师", "教务处")
        );
        assert_eq!(f.exported_at, at(12, 9, 30).with_second(0).unwrap());
        assert_eq!(f.file_name(), "答卷-贺兰县第一小学-教务处-王芳-第1次.json");
        let text = f.to_json();
        let back = StaffAnswerFile::parse(text.as_bytes()).unwrap();
        assert_eq!(back.answers, f.answers);
        assert_eq!(back.origin, f.origin);
        match read_answer_file(text.as_bytes(), |_| None).unwrap() {
            Incoming::V2(g) => assert_eq!(g.id, "f1"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn staff_must_give_a_name_and_anonymous_answers_carry_none() {
        let inv = package(&["a6", "a8"], "pkg2");
        let a = answers(&[("p1", "A", "")]);
        assert_eq!(
            StaffAnswerFile::new(&inv, "a6", None, &a, export(1)).unwrap_err(),
            ExportError::NameMissing
        );
        let me = StaffRespondent {
            name: " 孙丽 ".into(),
            role: "数学教师".into(),
            department: "随便填".into(),
        };
        let f = StaffAnswerFile::new(&inv, "a6", Some(me.clone()), &a, export(1)).unwrap();
        let r = f.respondent.unwrap();
        assert_eq!((r.name.as_str(), r.department.as_str()), ("孙丽", "教务处"));
        let anon = StaffAnswerFile::new(&inv, "a8", Some(me), &a, export(1)).unwrap();
        assert_eq!(anon.respondent, None);
        let text = anon.to_json();
        assert!(!text.contains("孙丽") && !text.contains("数学教师"));
        assert!(
            anon.file_name().starts_with("答卷-贺兰县第一小学-匿名"),
            "{}",
            anon.file_name()
        );
        assert_eq!(
            StaffAnswerFile::new(&inv, "a4", None, &a, export(1)).unwrap_err(),
            ExportError::UnknownAssignee("a4".into())
        );
    }

    #[test]
    fn every_bad_answer_file_is_named() {
        let inv = package(&["a5"], "pkg1");
        let f = StaffAnswerFile::new(&inv, "a5", None, &answers(&[("p1", "B", "")]), export(1))
            .unwrap();
        let text = f.to_json();
        let err = |b: &[u8]| StaffAnswerFile::parse(b).unwrap_err();
        assert_eq!(
            err(text.replace("\"B\"", "\"A\"").as_bytes()),
            AnswerFileError::Edited
        );
        assert_eq!(
            err(&text.as_bytes()[..text.len() - 3]),
            AnswerFileError::Read(ReadProblem::Truncated)
        );
        assert_eq!(
            err(text.replace("\"version\": 2", "\"version\": 3").as_bytes()),
            AnswerFileError::Newer(3)
        );
        assert_eq!(err(inv.to_json().as_bytes()), AnswerFileError::Invitation);
        assert_eq!(
            err(br#"{"format":"xzzp-backup","version":1}"#),
            AnswerFileError::Backup
        );
        let msg = err(text.replace("\"B\"", "\"A\"").as_bytes()).zh();
        assert_eq!(msg, "无法导入答卷：答卷的内容被改动过（校验码不符），可能被手工编辑或在传送中损坏，请老师重新导出后发送。现有数据没有任何改动。");
        // Version 1 files still come in through the version 1 rules.
        let v1 = r#"{"format":"xzzp-answers","version":1,"id":"x","respondent":{"name":"李老师"},
            "framework_id":"nope","framework_version":"1","school_year":2025,"answers":{}}"#;
        assert_eq!(
            read_answer_file(v1.as_bytes(), |_| None).unwrap_err(),
            AnswerFileError::V1(ImportError::UnknownFramework("nope".into()))
        );
        let fw = Arc::new(crate::fixtures::framework());
        let ok = v1.replace("nope", "test");
        assert!(matches!(
            read_answer_file(ok.as_bytes(), |_| Some(fw.clone())),
            Ok(Incoming::V1(_))
        ));
        // The backup importer points version 2 files and packages to the right place.
        assert_eq!(
            backup::parse(text.as_bytes(), |_| None).unwrap_err(),
            ImportError::StaffAnswers
        );
        assert_eq!(
            backup::parse(inv.to_json().as_bytes(), |_| None).unwrap_err(),
            ImportError::Invitation
        );
    }
}
