//! Backup files (everything, one school or one evaluation) and teachers' answer files: their format, a parser
//! that rejects every bad file with a Chinese message and changes nothing, and the merge plan shown before an
//! import does anything.

use super::evaluation::{Answer, Answers, EvaluationHeader, SchoolYear, Term};
use super::framework::Framework;
use super::ledger::Ledger;
use super::persist::{PlanHeader, Workspace, SCHEMA};
use super::plan::Plan;
use super::report::ReportEdits;
use super::school::School;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// `format` of a backup file.
pub const BACKUP_FORMAT: &str = "xzzp-backup";
/// `format` of a teacher's answer file.
pub const ANSWERS_FORMAT: &str = "xzzp-answers";
/// Version of the teachers' answer-file format written by this build.
pub const FILE_VERSION: u32 = 1;
/// Version of the backup format written by this build. Version 2 added [`Backup::unreadable`].
pub const BACKUP_VERSION: u32 = 2;
/// Files larger than this are refused before they are read.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// One evaluation with everything stored under its own keys.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationBackup {
    /// The header.
    pub header: EvaluationHeader,
    /// The principal's answers.
    #[serde(default)]
    pub answers: Answers,
    /// Report edits.
    #[serde(default)]
    pub report: ReportEdits,
    /// Imported teachers' answer files.
    #[serde(default)]
    pub respondents: Vec<AnswerFile>,
}

/// One plan document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanBackup {
    /// The header.
    pub header: PlanHeader,
    /// The document.
    pub plan: Plan,
}

/// A school's ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LedgerBackup {
    /// The school.
    pub school_id: String,
    /// Its tasks.
    pub ledger: Ledger,
}

/// A backup file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Backup {
    /// Always [`BACKUP_FORMAT`].
    pub format: String,
    /// File format version.
    pub version: u32,
    /// Storage schema of the data inside.
    pub schema: u32,
    /// When it was made (ISO date).
    #[serde(default)]
    pub exported_at: String,
    /// What it holds: 全部数据, a school's name, or a school and evaluation.
    #[serde(default)]
    pub label: String,
    /// Schools.
    #[serde(default)]
    pub schools: Vec<School>,
    /// Evaluations.
    #[serde(default)]
    pub evaluations: Vec<EvaluationBackup>,
    /// Plans.
    #[serde(default)]
    pub plans: Vec<PlanBackup>,
    /// Ledgers.
    #[serde(default)]
    pub ledgers: Vec<LedgerBackup>,
    /// Stored documents that could not be read when the backup was made, carried as their raw text so that
    /// nothing is lost; an import writes them back as they were (still unreadable, still reported).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unreadable: Vec<UnreadableDoc>,
    /// Other documents of the scope, carried as they are stored and written back as they were: the
    /// whole-staff part of an evaluation, a teacher's work on a package, the county roll-up. (Evidence travels
    /// in its own package, with its files.)
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<StoredDoc>,
}

/// A stored document carried in a backup exactly as it was stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoredDoc {
    /// The kind of document (the word in its key, e.g. `staff`).
    pub kind: String,
    /// Whose document (an evaluation id, a package id, `packages` or `desk`).
    #[serde(default)]
    pub id: String,
    /// The stored text, exactly.
    pub raw: String,
}

/// A stored document that could not be read, carried in a backup as it was stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnreadableDoc {
    /// The kind of document (the word in its key, e.g. `answers`).
    pub kind: String,
    /// Whose document (evaluation, plan or school id; empty for the workspace).
    #[serde(default)]
    pub id: String,
    /// The stored text, exactly.
    pub raw: String,
    /// Why it could not be read, in Chinese, for whoever opens the file.
    #[serde(default)]
    pub problem: String,
}

impl Backup {
    /// An empty backup of this build's format.
    pub fn new(exported_at: &str, label: &str) -> Self {
        Backup {
            format: BACKUP_FORMAT.into(),
            version: BACKUP_VERSION,
            schema: SCHEMA,
            exported_at: exported_at.into(),
            label: label.into(),
            schools: vec![],
            evaluations: vec![],
            plans: vec![],
            ledgers: vec![],
            unreadable: vec![],
            documents: vec![],
        }
    }
}

/// Who filled in an answer file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Respondent {
    /// 姓名
    pub name: String,
    /// 角色 / 职务, e.g. 语文教师.
    #[serde(default)]
    pub role: String,
}

/// A teacher's answers to one framework, exported to be merged by the principal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerFile {
    /// Always [`ANSWERS_FORMAT`].
    pub format: String,
    /// File format version.
    pub version: u32,
    /// Unique id of this export: importing the same file twice is recognised.
    pub id: String,
    /// Who answered.
    pub respondent: Respondent,
    /// The teacher's school name, as typed.
    #[serde(default)]
    pub school: String,
    /// Framework id.
    pub framework_id: String,
    /// Framework version.
    pub framework_version: String,
    /// School year.
    pub school_year: SchoolYear,
    /// Term.
    #[serde(default)]
    pub term: Term,
    /// When it was exported.
    #[serde(default)]
    pub exported_at: String,
    /// The answers.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
}

/// What a file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Import {
    /// A backup.
    Backup(Backup),
    /// A teacher's answers.
    Answers(AnswerFile),
}

/// Why a file was refused. Nothing is changed when a file is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// Empty file.
    Empty,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge(usize),
    /// Not text.
    NotText,
    /// Ends in the middle (cut off while copying or downloading).
    Truncated,
    /// Not JSON.
    NotJson,
    /// JSON, but not a file of this tool.
    NotOurs,
    /// Made by a newer version of this tool.
    Newer(String),
    /// A file of this tool whose content is broken.
    Invalid(String),
    /// The same id appears twice.
    DuplicateId(String),
    /// Refers to something the file does not contain.
    MissingReference(String),
    /// Uses a framework this version does not have.
    UnknownFramework(String),
    /// Uses a framework version this tool does not know.
    UnknownFrameworkVersion(String, String),
    /// An answer that does not fit its point.
    BadAnswer(String, String),
    /// A teacher's answers to a 填报包 (answer file version 2): they belong in the collection (回收).
    StaffAnswers,
    /// A 填报包: it is for a teacher to open, not to import.
    Invitation,
}

impl ImportError {
    /// A plain Chinese explanation; every message ends by saying nothing was changed.
    pub fn zh(&self) -> String {
        let what = match self {
            ImportError::Empty => "文件是空的".to_string(),
            ImportError::TooLarge(n) => format!(
                "文件太大（{:.1} MB），超过 {} MB 的上限，不是本工具导出的文件",
                *n as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            ImportError::NotText => {
                "这不是文本文件，可能选错了文件（例如 Word、图片或压缩包）".into()
            }
            ImportError::Truncated => "文件不完整，可能在复制或下载时被截断，请重新导出".into(),
            ImportError::NotJson => "这不是本工具导出的备份或答卷文件（文件格式不是 JSON）".into(),
            ImportError::NotOurs => "这是其他程序的 JSON 文件，不是本工具导出的备份或答卷".into(),
            ImportError::Newer(v) => {
                format!("文件由更新版本的本工具导出（{v}），请先更新本工具再导入")
            }
            ImportError::Invalid(e) => format!("文件内容已损坏或被改动：{e}"),
            ImportError::DuplicateId(id) => format!("文件中同一编号“{id}”出现了两次，数据不一致"),
            ImportError::MissingReference(e) => format!("文件中的数据不完整：{e}"),
            ImportError::UnknownFramework(id) => {
                format!("文件使用的评价框架“{id}”在本版本中不存在")
            }
            ImportError::UnknownFrameworkVersion(id, v) => {
                format!("文件使用的评价框架“{id}”版本“{v}”在本版本中不存在")
            }
            ImportError::BadAnswer(point, e) => format!("考查要点“{point}”的答案不正确：{e}"),
            ImportError::StaffAnswers => "这是教职工按填报包填写的答卷，请在“回收”中导入".into(),
            ImportError::Invitation => {
                "这是发给教职工填写的填报包，不是备份或答卷；老师打开它即可进入填报".into()
            }
        };
        format!("无法导入：{what}。现有数据没有任何改动。")
    }
}

impl crate::i18n::Localized for ImportError {
    fn text(&self, lang: crate::i18n::Lang) -> String {
        if lang == crate::i18n::Lang::Zh {
            return self.zh();
        }
        // The details some kinds carry are written for Chinese readers; English names the kind of problem.
        let what = match self {
            ImportError::Empty => "the file is empty".to_string(),
            ImportError::TooLarge(n) => format!(
                "the file is too large ({:.1} MB, the limit is {} MB) to be a file of this tool",
                *n as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            ImportError::NotText => "this is not a text file (perhaps a Word file, picture or archive was chosen)".into(),
            ImportError::Truncated => "the file is incomplete, probably cut off while copying or downloading; export it again".into(),
            ImportError::NotJson => "this is not a backup or answer file of this tool (it is not JSON)".into(),
            ImportError::NotOurs => "this is another program's JSON file, not a backup or answer file of this tool".into(),
            ImportError::Newer(_) => "the file was made by a newer version of this tool; update this tool first".into(),
            ImportError::Invalid(_) => "the file's content is damaged or was changed".into(),
            ImportError::DuplicateId(id) => format!("the same id “{id}” appears twice in the file"),
            ImportError::MissingReference(_) => "the file's data is incomplete".into(),
            ImportError::UnknownFramework(id) => format!("the file uses a framework “{id}” this version does not have"),
            ImportError::UnknownFrameworkVersion(id, v) => {
                format!("the file uses version “{v}” of framework “{id}”, which this version does not know")
            }
            ImportError::BadAnswer(point, _) => format!("the answer to point “{point}” is not valid"),
            ImportError::StaffAnswers => {
                "these are a teacher's answers to a package; import them under Collection".into()
            }
            ImportError::Invitation => {
                "this is a package for teachers to open, not a backup or answer file".into()
            }
        };
        format!("Cannot import: {what}. Nothing was changed.")
    }
}

/// Compares dotted versions numerically (`2026.10` > `2026.9`); `None` when either is not numeric.
pub(crate) fn cmp_version(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    let parse = |v: &str| {
        v.split('.')
            .map(|p| p.parse::<u64>().ok())
            .collect::<Option<Vec<_>>>()
    };
    Some(parse(a)?.cmp(&parse(b)?))
}

/// Checks answers against a framework: known points, values of the right kind.
fn check_answers<'a>(
    frameworks: &impl Fn(&str, &str) -> Option<Arc<Framework>>,
    framework_id: &str,
    version: &str,
    answers: impl Iterator<Item = (&'a String, &'a Answer)>,
) -> Result<(), ImportError> {
    // The exact version the answers were given in, when it is known; else the current one.
    let fw = frameworks(framework_id, version)
        .or_else(|| frameworks(framework_id, ""))
        .ok_or_else(|| ImportError::UnknownFramework(framework_id.into()))?;
    match cmp_version(version, &fw.version) {
        Some(std::cmp::Ordering::Greater) => {
            return Err(ImportError::Newer(format!("评价框架版本 {version}")));
        }
        None => {
            return Err(ImportError::UnknownFrameworkVersion(
                framework_id.into(),
                version.into(),
            ));
        }
        _ => {}
    }
    let mut probe = Answers::default();
    for (pid, a) in answers {
        if fw.point(pid).is_none() {
            return Err(ImportError::BadAnswer(
                pid.clone(),
                "本框架中没有这个考查要点".into(),
            ));
        }
        if let Some(v) = &a.value {
            probe
                .apply(&fw, pid, super::evaluation::Edit::Value(Some(v.clone())))
                .map_err(|e| ImportError::BadAnswer(pid.clone(), crate::i18n::Localized::zh(&e)))?;
        }
    }
    Ok(())
}

fn unique<'a>(ids: impl Iterator<Item = &'a str>) -> Result<(), ImportError> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.trim().is_empty() {
            return Err(ImportError::Invalid("有一项数据缺少编号".into()));
        }
        if !seen.insert(id) {
            return Err(ImportError::DuplicateId(id.into()));
        }
    }
    Ok(())
}

/// Reads a file's bytes. `frameworks` looks up the built-in frameworks (their current versions); answers given
/// under an earlier version are checked against the current one, so [`parse_versioned`] is preferable.
pub fn parse(
    bytes: &[u8],
    frameworks: impl Fn(&str) -> Option<Arc<Framework>>,
) -> Result<Import, ImportError> {
    parse_versioned(bytes, |id, version| {
        frameworks(id).filter(|fw| version.is_empty() || fw.version == version)
    })
}

/// Reads a file's bytes. `framework(id, version)` returns a framework in exactly that version (built-in, archived
/// or stored), or with an empty version its current one: answers are then checked against the version they
/// were given in, so a backup made before a framework changed still imports.
pub fn parse_versioned(
    bytes: &[u8],
    frameworks: impl Fn(&str, &str) -> Option<Arc<Framework>>,
) -> Result<Import, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge(bytes.len()));
    }
    let text = super::files::utf8(bytes).ok_or(ImportError::NotText)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ImportError::Truncated
        } else {
            ImportError::NotJson
        }
    })?;
    let format = value
        .get("format")
        .and_then(|f| f.as_str())
        .ok_or(ImportError::NotOurs)?
        .to_string();
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if format == super::files::INVITATION_FORMAT {
        return Err(ImportError::Invitation);
    }
    if format == ANSWERS_FORMAT && version == u64::from(super::answer_file::STAFF_ANSWERS_VERSION) {
        return Err(ImportError::StaffAnswers);
    }
    if format != BACKUP_FORMAT && format != ANSWERS_FORMAT {
        return Err(ImportError::NotOurs);
    }
    let newest = if format == BACKUP_FORMAT {
        BACKUP_VERSION
    } else {
        FILE_VERSION
    };
    if version > newest as u64 {
        return Err(ImportError::Newer(format!("文件格式第 {version} 版")));
    }
    if version == 0 {
        return Err(ImportError::Invalid("缺少文件格式版本".into()));
    }
    let invalid = |e: serde_json::Error| ImportError::Invalid(describe(&e));
    if format == ANSWERS_FORMAT {
        let file: AnswerFile = serde_json::from_value(value).map_err(invalid)?;
        if file.id.trim().is_empty() {
            return Err(ImportError::Invalid("答卷缺少编号".into()));
        }
        if file.respondent.name.trim().is_empty() {
            return Err(ImportError::Invalid("答卷没有填写姓名".into()));
        }
        check_answers(
            &frameworks,
            &file.framework_id,
            &file.framework_version,
            file.answers.iter(),
        )?;
        return Ok(Import::Answers(file));
    }
    let schema = value.get("schema").and_then(|v| v.as_u64()).unwrap_or(0);
    if schema > SCHEMA as u64 {
        return Err(ImportError::Newer(format!("数据版本 {schema}")));
    }
    let backup: Backup = serde_json::from_value(value).map_err(invalid)?;
    unique(backup.schools.iter().map(|s| s.id.as_str()))?;
    unique(backup.evaluations.iter().map(|e| e.header.id.as_str()))?;
    unique(backup.plans.iter().map(|p| p.header.id.as_str()))?;
    unique(backup.ledgers.iter().map(|l| l.school_id.as_str()))?;
    let school_ids: BTreeSet<&str> = backup.schools.iter().map(|s| s.id.as_str()).collect();
    let eval_ids: BTreeSet<&str> = backup
        .evaluations
        .iter()
        .map(|e| e.header.id.as_str())
        .collect();
    for s in &backup.schools {
        if s.name.trim().is_empty() {
            return Err(ImportError::Invalid(format!("学校“{}”没有名称", s.id)));
        }
    }
    for e in &backup.evaluations {
        if !school_ids.contains(e.header.school_id.as_str()) {
            return Err(ImportError::MissingReference(format!(
                "自评“{}”所属的学校不在文件中",
                e.header.id
            )));
        }
        check_answers(
            &frameworks,
            &e.header.framework_id,
            &e.header.framework_version,
            e.answers.by_point.iter(),
        )?;
        unique(e.respondents.iter().map(|r| r.id.as_str()))?;
        for r in &e.respondents {
            check_answers(
                &frameworks,
                &r.framework_id,
                &r.framework_version,
                r.answers.iter(),
            )?;
        }
    }
    for p in &backup.plans {
        if !school_ids.contains(p.header.school_id.as_str()) {
            return Err(ImportError::MissingReference(format!(
                "方案“{}”所属的学校不在文件中",
                p.plan.title
            )));
        }
        if let Some(e) = &p.header.evaluation_id {
            if !eval_ids.contains(e.as_str()) && !backup.evaluations.is_empty() {
                return Err(ImportError::MissingReference(format!(
                    "方案“{}”引用的自评不在文件中",
                    p.plan.title
                )));
            }
        }
    }
    for l in &backup.ledgers {
        if !school_ids.contains(l.school_id.as_str()) {
            return Err(ImportError::MissingReference(
                "工作台账所属的学校不在文件中".into(),
            ));
        }
        unique(l.ledger.tasks.iter().map(|t| t.id.as_str()))?;
    }
    for u in &backup.unreadable {
        use crate::store::kind::Kind;
        let known = Kind::ALL
            .into_iter()
            .any(|k| k.word() == u.kind && !matches!(k, Kind::Meta | Kind::Session));
        let id_ok = u.id.is_empty()
            || u.id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if !known || !id_ok {
            return Err(ImportError::Invalid("含有本工具不认识的原样数据".into()));
        }
    }
    if backup.schools.is_empty() && backup.unreadable.is_empty() {
        return Err(ImportError::Invalid("备份中没有任何学校".into()));
    }
    Ok(Import::Backup(backup))
}

/// A serde error as a short Chinese hint with its position.
pub(crate) fn describe(e: &serde_json::Error) -> String {
    let kind = if e.to_string().contains("missing field") {
        "缺少必要的内容"
    } else if e.to_string().contains("unknown field") {
        "含有本工具不认识的内容"
    } else if e.to_string().contains("unknown variant") {
        "含有本工具不认识的取值"
    } else {
        "数据类型不对"
    };
    format!("{kind}（第 {} 行第 {} 列）", e.line(), e.column())
}

/// One item an import adds or replaces.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// What it is, e.g. 学校：贺兰县第一小学.
    pub label: String,
    /// Whether it replaces an existing item with the same id.
    pub replaces: bool,
}

/// What an import will do, shown before anything is written.
pub fn plan_import(
    ws: &Workspace,
    b: &Backup,
    framework_title: impl Fn(&str) -> String,
) -> Vec<Change> {
    let mut out = Vec::new();
    for s in &b.schools {
        out.push(Change {
            label: format!("学校：{}", s.name),
            replaces: ws.school(&s.id).is_some(),
        });
    }
    let school_name = |id: &str| {
        b.schools
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    for e in &b.evaluations {
        out.push(Change {
            label: format!(
                "自评：{} · {} · {} {}（{} 个要点已答{}）",
                school_name(&e.header.school_id),
                framework_title(&e.header.framework_id),
                e.header.school_year.zh(),
                e.header.term.zh(),
                e.answers.by_point.len(),
                if e.respondents.is_empty() {
                    String::new()
                } else {
                    format!("，{} 份教职工答卷", e.respondents.len())
                }
            ),
            replaces: ws.evaluation(&e.header.id).is_some(),
        });
    }
    for p in &b.plans {
        out.push(Change {
            label: format!("方案：{}", p.plan.title),
            replaces: ws.plans.iter().any(|x| x.id == p.header.id),
        });
    }
    for l in &b.ledgers {
        out.push(Change {
            label: format!(
                "工作台账：{}（{} 项任务）",
                school_name(&l.school_id),
                l.ledger.tasks.len()
            ),
            // A ledger belongs to its school: it replaces one exactly when the school exists.
            replaces: ws.school(&l.school_id).is_some(),
        });
    }
    for u in &b.unreadable {
        let what = crate::store::kind::Kind::ALL
            .into_iter()
            .find(|k| k.word() == u.kind)
            .map_or("数据", |k| k.describe().0);
        out.push(Change {
            label: format!("无法读取的数据，按原样恢复：{what}"),
            replaces: false,
        });
    }
    out
}

/// The workspace after an import: items with the same id are replaced, others added.
pub fn merge_workspace(ws: &Workspace, b: &Backup) -> Workspace {
    let mut out = ws.clone();
    for s in &b.schools {
        match out.schools.iter_mut().find(|x| x.id == s.id) {
            Some(x) => *x = s.clone(),
            None => out.schools.push(s.clone()),
        }
    }
    for e in &b.evaluations {
        match out.evaluations.iter_mut().find(|x| x.id == e.header.id) {
            Some(x) => *x = e.header.clone(),
            None => out.evaluations.push(e.header.clone()),
        }
    }
    for p in &b.plans {
        match out.plans.iter_mut().find(|x| x.id == p.header.id) {
            Some(x) => *x = p.header.clone(),
            None => out.plans.push(p.header.clone()),
        }
    }
    out
}

/// Reads a backup file's JSON as written by [`serde_json`] after [`parse`] accepted it.
pub fn to_json(b: &Backup) -> String {
    serde_json::to_string_pretty(b).expect("backups always serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::SchoolType;

    #[test]
    fn the_import_plan_says_what_is_added_and_what_replaced() {
        let mut ws = Workspace::default();
        ws.schools
            .push(School::new("s1", "旧名字", SchoolType::Primary));
        let mut b = Backup::new("2026-06-30", "全部数据");
        b.schools
            .push(School::new("s1", "贺兰县第一小学", SchoolType::Primary));
        b.schools
            .push(School::new("s2", "贺兰县第二小学", SchoolType::Primary));
        b.ledgers.push(LedgerBackup {
            school_id: "s2".into(),
            ledger: Ledger::default(),
        });
        let plan = plan_import(&ws, &b, |id| id.to_string());
        assert_eq!(
            plan,
            vec![
                Change {
                    label: "学校：贺兰县第一小学".into(),
                    replaces: true
                },
                Change {
                    label: "学校：贺兰县第二小学".into(),
                    replaces: false
                },
                Change {
                    label: "工作台账：贺兰县第二小学（0 项任务）".into(),
                    replaces: false
                },
            ]
        );
        let merged = merge_workspace(&ws, &b);
        assert_eq!(merged.schools.len(), 2);
        assert_eq!(merged.schools[0].name, "贺兰县第一小学");
    }

    #[test]
    fn answers_are_checked_against_the_version_they_were_given_in() {
        use crate::fixtures;
        let v1 = Arc::new(fixtures::framework());
        let mut v2 = fixtures::framework();
        v2.version = "2".into();
        v2.areas[0].indicators[1].points.pop(); // p5 is gone in version 2
        let v2 = Arc::new(v2);
        let mut file = AnswerFile {
            format: ANSWERS_FORMAT.into(),
            version: FILE_VERSION,
            id: "f1".into(),
            respondent: Respondent {
                name: "王老师".into(),
                role: String::new(),
            },
            school: String::new(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(2026),
            term: Term::Year,
            exported_at: String::new(),
            answers: BTreeMap::new(),
        };
        file.answers.insert(
            "p5".into(),
            Answer {
                value: Some(crate::evaluation::AnswerValue::Text("说明".into())),
                ..Answer::default()
            },
        );
        let bytes = serde_json::to_vec(&file).unwrap();
        let current = |_: &str| Some(v2.clone());
        assert!(matches!(
            parse(&bytes, current),
            Err(ImportError::BadAnswer(..))
        ));
        let versioned = |_: &str, v: &str| match v {
            "1" => Some(v1.clone()),
            _ => Some(v2.clone()),
        };
        assert!(matches!(
            parse_versioned(&bytes, versioned),
            Ok(Import::Answers(_))
        ));
    }

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(
            cmp_version("2026.10", "2026.9"),
            Some(std::cmp::Ordering::Greater)
        );
        assert_eq!(
            cmp_version("2026.1", "2026.1"),
            Some(std::cmp::Ordering::Equal)
        );
        assert_eq!(cmp_version("v-next", "2026.1"), None);
    }
}
