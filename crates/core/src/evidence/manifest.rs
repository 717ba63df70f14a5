//! The manifest of an evidence package: what lets a package be restored (as an evidence backup, on a clean
//! profile), merged (a teacher's evidence, in the principal's evaluation) or referenced (from the county
//! 上报包), not only read by people.
//!
//! An evidence package is one ZIP (written by `xzzp-documents`): the files in 方面/关键指标/考查要点 folders,
//! the 佐证材料目录, and this manifest as `xzzp-evidence.json`, which names the evaluation (id, school,
//! framework and version, period), every file with its point, its path in the ZIP and its attachment record
//! (SHA-256, CRC-32, size…), the items ticked without a file, and a SHA-256 over its own content so that a
//! manifest changed by hand is detected. Restoring checks every file against its SHA-256: a damaged or
//! missing entry is reported and left out, the rest is restored.
//!
//! A county 上报包 can reference a package by its manifest's checksum and the evaluation id (the package
//! travels as a second file beside it), so that the bureau can tell the package belongs to that submission.

use super::limits::{format_size, EvidenceError, MAX_FILE_BYTES};
use super::{AddedBy, Attachment, EvidenceDoc};
use crate::checksum::{ContentHash, FileDigest};
use crate::evaluation::{EvaluationHeader, SchoolYear, Term};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// `format` of an evidence package manifest.
pub const EVIDENCE_FORMAT: &str = "xzzp-evidence";
/// Version of the manifest written by this build.
pub const EVIDENCE_VERSION: u32 = 1;
/// The manifest's file name, at the package's root folder.
pub const MANIFEST_NAME: &str = "xzzp-evidence.json";
/// A manifest larger than this is refused before it is parsed (10 000 files take about 8 MB).
pub const MAX_MANIFEST_BYTES: usize = 16 * 1024 * 1024;

/// The evaluation a package belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationRef {
    /// Evaluation id.
    pub id: String,
    /// School id.
    pub school_id: String,
    /// School name.
    pub school_name: String,
    /// Framework id.
    pub framework_id: String,
    /// Framework version.
    pub framework_version: String,
    /// School year.
    pub school_year: SchoolYear,
    /// Term.
    #[serde(default)]
    pub term: Term,
}

impl EvaluationRef {
    /// The reference of an evaluation.
    pub fn of(header: &EvaluationHeader, school_name: &str) -> Self {
        EvaluationRef {
            id: header.id.clone(),
            school_id: header.school_id.clone(),
            school_name: school_name.into(),
            framework_id: header.framework_id.clone(),
            framework_version: header.framework_version.clone(),
            school_year: header.school_year,
            term: header.term,
        }
    }

    /// e.g. 贺兰县第一小学 · 2025—2026学年 全学年
    pub fn label(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "{} · {} {}",
                self.school_name,
                self.school_year.zh(),
                self.term.zh()
            ),
            Lang::En => format!(
                "{} · {}, {}",
                self.school_name,
                self.school_year.en(),
                self.term.en().to_lowercase()
            ),
        }
    }
}

/// One file of a package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFile {
    /// The point it evidences.
    pub point_id: String,
    /// Its path in the ZIP.
    pub path: String,
    /// The attachment record.
    pub attachment: Attachment,
}

/// The 填报包 a teacher's evidence answers: the principal's merge takes files only for the points that package
/// gave that assignee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answering {
    /// The package's id.
    pub package_id: String,
    /// The assignee's id in it.
    pub assignee_id: String,
}

/// The manifest of an evidence package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Always [`EVIDENCE_FORMAT`].
    pub format: String,
    /// Manifest version.
    pub version: u32,
    /// When it was made (ISO 8601).
    pub exported_at: String,
    /// Who made it: the school, or a teacher returning their evidence.
    #[serde(default, skip_serializing_if = "AddedBy::is_principal")]
    pub made_by: AddedBy,
    /// For a teacher's evidence, the 填报包 it answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub package: Option<Answering>,
    /// The evaluation.
    pub evaluation: EvaluationRef,
    /// Every file.
    #[serde(default)]
    pub files: Vec<ManifestFile>,
    /// Items ticked as present without a file, by point.
    #[serde(default)]
    pub marked: BTreeMap<String, BTreeSet<String>>,
    /// SHA-256 of the manifest's compact JSON with this field empty.
    #[serde(default)]
    pub checksum: String,
}

impl Manifest {
    /// A manifest for a document; `path` gives each attachment's path in the ZIP. Sealed.
    pub fn new(
        doc: &EvidenceDoc,
        evaluation: EvaluationRef,
        exported_at: &str,
        made_by: AddedBy,
        mut path: impl FnMut(&str, &Attachment) -> String,
    ) -> Self {
        let mut m = Manifest {
            format: EVIDENCE_FORMAT.into(),
            version: EVIDENCE_VERSION,
            exported_at: exported_at.into(),
            made_by,
            package: None,
            evaluation,
            files: doc
                .attachments()
                .map(|(p, a)| ManifestFile {
                    point_id: p.into(),
                    path: path(p, a),
                    attachment: a.clone(),
                })
                .collect(),
            marked: doc
                .by_point
                .iter()
                .filter(|(_, e)| !e.marked.is_empty())
                .map(|(p, e)| (p.clone(), e.marked.clone()))
                .collect(),
            checksum: String::new(),
        };
        m.seal();
        m
    }

    /// The same manifest naming the 填报包 a teacher's evidence answers. Sealed again.
    pub fn answering(mut self, package: Option<Answering>) -> Self {
        self.package = package;
        self.seal();
        self
    }

    fn computed_checksum(&self) -> String {
        let unsealed = Manifest {
            checksum: String::new(),
            ..self.clone()
        };
        let json = serde_json::to_string(&unsealed).expect("manifests always serialise");
        ContentHash::of(json.as_bytes()).to_string()
    }

    /// Sets the checksum after a change.
    pub fn seal(&mut self) {
        self.checksum = self.computed_checksum();
    }

    /// The manifest as written into the package (indented, so that a curious reader can follow it).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("manifests always serialise")
    }

    /// Refuses a package made for another evaluation than the one it is imported into.
    pub fn check_target(&self, target: &EvaluationRef) -> Result<(), EvidenceError> {
        if self.evaluation.id == target.id {
            Ok(())
        } else {
            Err(EvidenceError::WrongEvaluation {
                package: self.evaluation.label(Lang::Zh),
                target: target.label(Lang::Zh),
            })
        }
    }

    /// The evidence the package carries, keeping only files whose bytes `check` accepts (the caller reads
    /// each entry by its path and compares its digest with [`Attachment::digest`], see [`check_entry`]).
    /// Rejected files are reported with their problem; everything else is kept.
    pub fn unpack(
        &self,
        mut check: impl FnMut(&ManifestFile) -> Result<(), EntryProblem>,
    ) -> Unpacked {
        let mut out = Unpacked {
            doc: EvidenceDoc::new(&self.evaluation.id),
            damaged: Vec::new(),
            sources: BTreeMap::new(),
        };
        for f in &self.files {
            if let Err(problem) = check(f) {
                out.damaged.push(DamagedEntry {
                    point_id: f.point_id.clone(),
                    name: f.attachment.name.clone(),
                    path: f.path.clone(),
                    problem,
                });
                continue;
            }
            out.sources
                .entry(f.attachment.hash.clone())
                .or_insert_with(|| f.path.clone());
            out.doc
                .by_point
                .entry(f.point_id.clone())
                .or_default()
                .files
                .push(f.attachment.clone());
        }
        for (point, items) in &self.marked {
            out.doc
                .by_point
                .entry(point.clone())
                .or_default()
                .marked
                .extend(items.iter().cloned());
        }
        out
    }
}

/// How another file (the county 上报包, a backup's notes) refers to an evidence package that travels beside
/// it: the evaluation, the manifest's checksum (which changes with any change of content, since every file's
/// SHA-256 is in the manifest), and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageRef {
    /// The evaluation id.
    pub evaluation_id: String,
    /// [`Manifest::checksum`] of the package.
    pub checksum: String,
    /// Number of files.
    pub files: usize,
    /// Their total size in bytes.
    pub bytes: u64,
    /// When the package was made.
    pub exported_at: String,
}

impl Manifest {
    /// The reference to this package.
    pub fn reference(&self) -> PackageRef {
        PackageRef {
            evaluation_id: self.evaluation.id.clone(),
            checksum: self.checksum.clone(),
            files: self.files.len(),
            bytes: self.files.iter().map(|f| f.attachment.size).sum(),
            exported_at: self.exported_at.clone(),
        }
    }

    /// Whether this is the package a reference names.
    pub fn is_referenced_by(&self, r: &PackageRef) -> bool {
        self.evaluation.id == r.evaluation_id && self.checksum == r.checksum
    }
}

/// Why a file of a package was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryProblem {
    /// The ZIP has no entry at the manifest's path.
    Missing,
    /// The entry's bytes differ from the recorded SHA-256, CRC-32 or size.
    Damaged,
    /// The entry is compressed (the ZIP was re-packed by another program); only stored entries are read.
    Compressed,
}

/// A file of a package that was left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DamagedEntry {
    /// The point.
    pub point_id: String,
    /// The original file name.
    pub name: String,
    /// Its path in the ZIP.
    pub path: String,
    /// What is wrong.
    pub problem: EntryProblem,
}

impl Localized for DamagedEntry {
    fn text(&self, lang: Lang) -> String {
        let DamagedEntry {
            point_id,
            name,
            path,
            problem,
        } = self;
        match (problem, lang) {
            (EntryProblem::Missing, Lang::Zh) => format!(
                "“{path}”（原名“{name}”，考查要点 {point_id}）不在压缩包中，没有恢复。"
            ),
            (EntryProblem::Damaged, Lang::Zh) => format!(
                "“{path}”（原名“{name}”，考查要点 {point_id}）已损坏，内容与导出时不一致，没有恢复。"
            ),
            (EntryProblem::Compressed, Lang::Zh) => format!(
                "“{path}”（原名“{name}”，考查要点 {point_id}）被其他压缩软件重新压缩过，无法读取，没有恢复。请使用本工具导出的原始压缩包。"
            ),
            (EntryProblem::Missing, Lang::En) => format!(
                "\"{path}\" (originally \"{name}\", point {point_id}) is not in the archive and was not restored."
            ),
            (EntryProblem::Damaged, Lang::En) => format!(
                "\"{path}\" (originally \"{name}\", point {point_id}) is damaged: its content differs from the export. It was not restored."
            ),
            (EntryProblem::Compressed, Lang::En) => format!(
                "\"{path}\" (originally \"{name}\", point {point_id}) was re-compressed by another program and cannot be read; it was not restored. Use the archive this tool exported."
            ),
        }
    }
}

/// What a package holds, after its entries were checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unpacked {
    /// The evidence whose bytes are intact.
    pub doc: EvidenceDoc,
    /// Files left out.
    pub damaged: Vec<DamagedEntry>,
    /// For each blob, the path of an entry holding its bytes (where the browser reads a blob to store).
    pub sources: BTreeMap<ContentHash, String>,
}

/// Checks an entry's digest (or its absence) against the manifest's record.
pub fn check_entry(f: &ManifestFile, read: Option<&FileDigest>) -> Result<(), EntryProblem> {
    match read {
        None => Err(EntryProblem::Missing),
        Some(d) if f.attachment.matches(d) => Ok(()),
        Some(_) => Err(EntryProblem::Damaged),
    }
}

/// Why a package was refused as a whole. Nothing is changed when one is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// Empty file.
    Empty,
    /// Not a ZIP file.
    NotZip,
    /// The ZIP ends early (cut off while copying).
    Truncated,
    /// A ZIP without this tool's manifest.
    NoManifest,
    /// Another file of this tool (named), not an evidence package.
    OtherFile(&'static str),
    /// A manifest that is not JSON of this format.
    NotOurs,
    /// Made by a newer version of this tool.
    Newer(u32),
    /// The manifest's content is broken: what, in Chinese and in English.
    Invalid(String, String),
    /// The manifest was changed after it was made.
    Edited,
    /// A manifest larger than [`MAX_MANIFEST_BYTES`].
    TooLarge(usize),
}

impl Localized for PackageError {
    fn text(&self, lang: Lang) -> String {
        let what = match (self, lang) {
            (PackageError::Empty, Lang::Zh) => "文件是空的".to_string(),
            (PackageError::Empty, Lang::En) => "the file is empty".to_string(),
            (PackageError::NotZip, Lang::Zh) => "这不是压缩包（.zip），请选择本工具导出的佐证材料包".into(),
            (PackageError::NotZip, Lang::En) => {
                "this is not a ZIP archive; choose an evidence package exported by this tool".into()
            }
            (PackageError::Truncated, Lang::Zh) => {
                "压缩包不完整，可能在复制或下载时被截断，请重新导出或重新复制".into()
            }
            (PackageError::Truncated, Lang::En) => {
                "the archive is incomplete (cut off while copying or downloading); export or copy it again".into()
            }
            (PackageError::NoManifest, Lang::Zh) => format!(
                "压缩包中没有 {MANIFEST_NAME}，不是本工具导出的佐证材料包（或被其他软件重新打包过）"
            ),
            (PackageError::NoManifest, Lang::En) => format!(
                "the archive has no {MANIFEST_NAME}: it is not an evidence package of this tool, or it was re-packed by another program"
            ),
            (PackageError::OtherFile(kind), Lang::Zh) => {
                format!("这是本工具的{kind}，不是佐证材料包；请在相应的位置导入")
            }
            (PackageError::OtherFile(kind), Lang::En) => format!(
                "this is a {} of this tool, not an evidence package; import it in its own place",
                other_kind_en(kind)
            ),
            (PackageError::NotOurs, Lang::Zh) => format!("压缩包中的 {MANIFEST_NAME} 不是本工具的格式"),
            (PackageError::NotOurs, Lang::En) => format!("the {MANIFEST_NAME} in the archive is not this tool's format"),
            (PackageError::Newer(v), Lang::Zh) => {
                format!("佐证材料包由更新版本的本工具导出（格式第 {v} 版），请先更新本工具再导入")
            }
            (PackageError::Newer(v), Lang::En) => format!(
                "the package was made by a newer version of this tool (format version {v}); update the tool first"
            ),
            (PackageError::Invalid(zh, _), Lang::Zh) => format!("佐证材料包的清单已损坏：{zh}"),
            (PackageError::Invalid(_, en), Lang::En) => format!("the package's manifest is damaged: {en}"),
            (PackageError::Edited, Lang::Zh) => format!(
                "佐证材料包的清单（{MANIFEST_NAME}）在导出后被修改过，无法确认内容可靠；请使用本工具导出的原始文件"
            ),
            (PackageError::Edited, Lang::En) => format!(
                "the package's manifest ({MANIFEST_NAME}) was changed after export, so its content cannot be trusted; use the original file"
            ),
            (PackageError::TooLarge(n), Lang::Zh) => format!(
                "清单文件太大（{}），不是本工具导出的佐证材料包",
                format_size(*n as u64, lang)
            ),
            (PackageError::TooLarge(n), Lang::En) => format!(
                "the manifest is too large ({}) for an evidence package of this tool",
                format_size(*n as u64, lang)
            ),
        };
        match lang {
            Lang::Zh => format!("无法导入佐证材料包：{what}。现有数据没有任何改动。"),
            Lang::En => {
                format!("The evidence package cannot be imported: {what}. Nothing was changed.")
            }
        }
    }
}

/// A serde error as a short hint with its position (never the library's own wording).
fn describe(e: &serde_json::Error) -> PackageError {
    let msg = e.to_string();
    let (zh, en) = if msg.contains("missing field") {
        ("缺少必要的内容", "something required is missing")
    } else if msg.contains("unknown field") {
        (
            "含有本工具不认识的内容",
            "it holds content this tool does not know",
        )
    } else if msg.contains("unknown variant") {
        (
            "含有本工具不认识的取值",
            "it holds a value this tool does not know",
        )
    } else {
        ("数据类型不对", "a value has the wrong type")
    };
    let (line, col) = (e.line(), e.column());
    PackageError::Invalid(
        format!("{zh}（第 {line} 行第 {col} 列）"),
        format!("{en} (line {line}, column {col})"),
    )
}

fn invalid_file(zh: String, en: String) -> PackageError {
    PackageError::Invalid(zh, en)
}

fn other_kind_en(zh: &str) -> &'static str {
    match zh {
        "备份文件" => "backup file",
        "教职工答卷" => "teacher's answer file",
        _ => "file",
    }
}

/// Parses and checks a manifest: format, version, checksum, and that every record is sound (ids unique,
/// sizes within the limit, paths present). The evaluation is checked separately ([`Manifest::check_target`]).
pub fn parse(bytes: &[u8]) -> Result<Manifest, PackageError> {
    if bytes.len() > MAX_MANIFEST_BYTES {
        return Err(PackageError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| PackageError::NotOurs)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(PackageError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            PackageError::Truncated
        } else {
            PackageError::NotOurs
        }
    })?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(EVIDENCE_FORMAT) => {}
        Some(crate::backup::BACKUP_FORMAT) => return Err(PackageError::OtherFile("备份文件")),
        Some(crate::backup::ANSWERS_FORMAT) => return Err(PackageError::OtherFile("教职工答卷")),
        _ => return Err(PackageError::NotOurs),
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > EVIDENCE_VERSION as u64 {
        return Err(PackageError::Newer(version.min(u32::MAX as u64) as u32));
    }
    if version == 0 {
        return Err(invalid_file(
            "缺少格式版本".into(),
            "the format version is missing".into(),
        ));
    }
    let m: Manifest = serde_json::from_str(text).map_err(|e| describe(&e))?;
    if m.checksum != m.computed_checksum() {
        return Err(PackageError::Edited);
    }
    let mut ids = BTreeSet::new();
    let mut paths = BTreeSet::new();
    for f in &m.files {
        let a = &f.attachment;
        if a.id.trim().is_empty() || !ids.insert(a.id.as_str()) {
            return Err(invalid_file(
                format!("文件编号“{}”缺失或重复", a.id),
                format!("the file id \"{}\" is missing or repeated", a.id),
            ));
        }
        if f.path.trim().is_empty() || !paths.insert(f.path.as_str()) {
            return Err(invalid_file(
                format!("文件“{}”的位置缺失或重复", a.name),
                format!("the place of \"{}\" is missing or repeated", a.name),
            ));
        }
        if a.size == 0 || a.size > MAX_FILE_BYTES {
            return Err(invalid_file(
                format!("文件“{}”的大小不合理", a.name),
                format!("the size of \"{}\" is impossible", a.name),
            ));
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{file, framework};
    use super::*;

    fn header(id: &str) -> EvaluationHeader {
        EvaluationHeader {
            id: id.into(),
            school_id: "s1".into(),
            framework_id: "test".into(),
            framework_version: "1".into(),
            school_year: SchoolYear(2025),
            term: Term::Year,
            created: "2025-09-01".into(),
        }
    }

    fn manifest() -> Manifest {
        let fw = framework();
        let mut doc = EvidenceDoc::new("e1");
        doc.attach(&fw, "p1", file("会议.pdf", b"%PDF-a", &["会议记录"]))
            .unwrap();
        doc.attach(&fw, "p2", file("制度.docx", b"PK-doc", &[]))
            .unwrap();
        doc.mark(&fw, "p6", "台账", true).unwrap();
        Manifest::new(
            &doc,
            EvaluationRef::of(&header("e1"), "贺兰县第一小学"),
            "2026-06-30T09:00:00",
            AddedBy::Principal,
            |p, a| format!("{p}/{}", a.name),
        )
    }

    /// The fixture the fuzzing command starts from is this module's sample manifest, as a package holds it.
    #[test]
    fn the_fixture_manifest_is_the_sample_as_written() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/evidence/manifest.json"
        );
        if std::env::var_os("XZZP_WRITE_FIXTURES").is_some() {
            std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
            std::fs::write(path, manifest().to_json()).unwrap();
        }
        let bytes = std::fs::read(path).unwrap();
        assert_eq!(parse(&bytes).unwrap(), manifest());
    }

    #[test]
    fn a_manifest_round_trips_and_unpacks_with_one_damaged_file() {
        let m = manifest();
        let parsed = parse(m.to_json().as_bytes()).unwrap();
        assert_eq!(parsed, m);
        let u = parsed.unpack(|f| {
            let bytes: &[u8] = if f.point_id == "p1" {
                b"%PDF-a"
            } else {
                b"PK-dox"
            };
            check_entry(f, Some(&FileDigest::of(bytes)))
        });
        assert_eq!(u.doc.attachments().count(), 1);
        assert_eq!(u.damaged.len(), 1);
        assert_eq!(u.damaged[0].problem, EntryProblem::Damaged);
        assert_eq!(
            u.damaged[0].zh(),
            "“p2/制度.docx”（原名“制度.docx”，考查要点 p2）已损坏，内容与导出时不一致，没有恢复。"
        );
        assert!(u.doc.point("p6").unwrap().marked.contains("台账"));
        assert_eq!(u.sources.len(), 1);
        let r = m.reference();
        assert_eq!((r.files, r.bytes), (2, 12));
        assert!(m.is_referenced_by(&r));
        let mut changed = m.clone();
        changed.files.pop();
        changed.seal();
        assert!(!changed.is_referenced_by(&r));
    }

    #[test]
    fn a_package_for_another_evaluation_is_refused_naming_both() {
        let m = manifest();
        let mut other = EvaluationRef::of(&header("e2"), "贺兰县第一小学");
        other.school_year = SchoolYear(2026);
        let err = m.check_target(&other).unwrap_err();
        assert_eq!(
            err.zh(),
            "这个佐证材料包属于“贺兰县第一小学 · 2025—2026学年 全学年”，不是当前打开的“贺兰县第一小学 · 2026—2027学年 全学年”，没有导入。请先打开对应的自评再导入。"
        );
        assert!(m
            .check_target(&EvaluationRef::of(&header("e1"), "改名后的学校"))
            .is_ok());
    }

    #[test]
    fn bad_manifests_are_refused_with_a_reason() {
        let good = manifest().to_json();
        let edited = good.replace("会议.pdf", "别的.pdf");
        assert_eq!(parse(edited.as_bytes()), Err(PackageError::Edited));
        assert_eq!(
            parse(&good.as_bytes()[..good.len() / 2]),
            Err(PackageError::Truncated)
        );
        assert_eq!(parse(b""), Err(PackageError::Empty));
        assert_eq!(parse(b"not json"), Err(PackageError::NotOurs));
        assert_eq!(
            parse(br#"{"format":"xzzp-backup","version":1}"#),
            Err(PackageError::OtherFile("备份文件"))
        );
        assert_eq!(
            parse(br#"{"format":"xzzp-answers","version":1}"#),
            Err(PackageError::OtherFile("教职工答卷"))
        );
        assert_eq!(
            parse(br#"{"format":"xzzp-evidence","version":9}"#),
            Err(PackageError::Newer(9))
        );
        assert!(matches!(
            parse(br#"{"format":"xzzp-evidence","version":1}"#),
            Err(PackageError::Invalid(..))
        ));
        let mut dup = manifest();
        let again = dup.files[0].clone();
        dup.files.push(again);
        dup.seal();
        assert!(matches!(
            parse(dup.to_json().as_bytes()),
            Err(PackageError::Invalid(..))
        ));
        for e in [
            PackageError::Edited,
            PackageError::OtherFile("备份文件"),
            PackageError::Newer(2),
        ] {
            assert!(e.zh().ends_with("现有数据没有任何改动。"), "{}", e.zh());
            assert!(e.text(Lang::En).ends_with("Nothing was changed."));
        }
    }
}
