//! Framework files: how a bureau sends its indicators to schools (by USB stick, e-mail or chat).
//!
//! A file is JSON: `{"format":"xzzp-framework","version":1,"exported_at":…,"checksum":…,"framework":{…}}`. The
//! checksum covers the framework as this tool writes it, so a file cut off or altered on the way is recognised;
//! the framework must then pass the one shared validator. A file is refused as a whole with a message saying
//! why, and nothing is stored.

use crate::framework::{validate, Framework, FrameworkError};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// `format` of a framework file.
pub const FRAMEWORK_FORMAT: &str = "xzzp-framework";
/// Version of the framework file format written by this build.
pub const FRAMEWORK_FILE_VERSION: u32 = 1;
/// Files larger than this are refused before they are read (the largest built-in framework is about 100 KB).
pub const MAX_FRAMEWORK_FILE_BYTES: usize = 5 * 1024 * 1024;

/// A framework file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkFile {
    /// Always [`FRAMEWORK_FORMAT`].
    pub format: String,
    /// File format version.
    pub version: u32,
    /// When it was exported (ISO date).
    #[serde(default)]
    pub exported_at: String,
    /// [`checksum`] of the framework.
    pub checksum: String,
    /// The framework, with its id, version and issuer.
    pub framework: Framework,
}

/// A checksum of a framework as this tool serialises it: FNV-1a (64 bit), written `fnv1a64:` and 16 hex digits.
/// It detects damage in transit, not deliberate forgery; strict validation handles hostile content.
pub fn checksum(fw: &Framework) -> String {
    let json = serde_json::to_string(fw).expect("frameworks always serialise");
    format!("fnv1a64:{:016x}", crate::files::fnv1a64(json.as_bytes()))
}

/// The file for a framework, as pretty JSON.
pub fn export(fw: &Framework, exported_at: &str) -> String {
    let file = FrameworkFile {
        format: FRAMEWORK_FORMAT.into(),
        version: FRAMEWORK_FILE_VERSION,
        exported_at: exported_at.into(),
        checksum: checksum(fw),
        framework: fw.clone(),
    };
    serde_json::to_string_pretty(&file).expect("framework files always serialise")
}

/// A suggested file name: the framework's title and version, with characters that file systems refuse removed.
pub fn file_name(fw: &Framework) -> String {
    let title: String = fw
        .title
        .chars()
        .filter(|c| {
            !matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') && !c.is_control()
        })
        .take(60)
        .collect();
    format!("{}-{}.框架.json", title.trim(), fw.version)
}

/// Why a framework file was refused. Nothing is stored when a file is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    /// Empty file.
    Empty,
    /// Larger than [`MAX_FRAMEWORK_FILE_BYTES`].
    TooLarge(usize),
    /// Not text.
    NotText,
    /// Ends in the middle.
    Truncated,
    /// Not JSON (a spreadsheet, a Word file …).
    NotJson,
    /// JSON of another program.
    NotOurs,
    /// Another kind of file of this tool (a backup, a teacher's answers).
    OtherKind(String),
    /// Written by a newer version of this tool.
    Newer(u32),
    /// Broken structure: what kind of damage, and the field serde named (possibly empty).
    Invalid(Damage, String),
    /// The content does not match its checksum: cut off or changed after export.
    ChecksumMismatch,
    /// The framework breaks the rules; every problem, each naming its item.
    Problems(Vec<FrameworkError>),
    /// The file claims the id of a built-in framework, which only this tool's own templates may use.
    BuiltInId(String),
}

impl Localized for FileError {
    fn text(&self, lang: Lang) -> String {
        let what = match (self, lang) {
            (FileError::Empty, Lang::Zh) => "文件是空的".to_string(),
            (FileError::Empty, Lang::En) => "the file is empty".to_string(),
            (FileError::TooLarge(n), Lang::Zh) => format!(
                "文件太大（{:.1} MB），评价框架文件不会超过 {} MB，可能选错了文件",
                *n as f64 / 1_048_576.0,
                MAX_FRAMEWORK_FILE_BYTES / 1_048_576
            ),
            (FileError::TooLarge(n), Lang::En) => format!(
                "the file is too large ({:.1} MB); framework files stay under {} MB, so this is probably another file",
                *n as f64 / 1_048_576.0,
                MAX_FRAMEWORK_FILE_BYTES / 1_048_576
            ),
            (FileError::NotText, Lang::Zh) => {
                "这不是文本文件，可能选错了文件（Excel 表格请用“从表格导入”）".into()
            }
            (FileError::NotText, Lang::En) => {
                "this is not a text file; for a spreadsheet use \"Import from a spreadsheet\"".into()
            }
            (FileError::Truncated, Lang::Zh) => {
                "文件不完整，可能在复制或下载时被截断，请让发送方重新导出".into()
            }
            (FileError::Truncated, Lang::En) => {
                "the file is incomplete (cut off while copying or downloading); ask the sender to export it again"
                    .into()
            }
            (FileError::NotJson, Lang::Zh) => "这不是本工具导出的评价框架文件".into(),
            (FileError::NotJson, Lang::En) => "this is not a framework file of this tool".into(),
            (FileError::NotOurs, Lang::Zh) => {
                "这是其他程序的 JSON 文件，不是本工具导出的评价框架".into()
            }
            (FileError::NotOurs, Lang::En) => {
                "this JSON file comes from another program, not a framework file of this tool".into()
            }
            (FileError::OtherKind(kind), Lang::Zh) => format!(
                "这是本工具的{}，不是评价框架文件，请在“数据管理”中导入",
                match kind.as_str() {
                    crate::backup::BACKUP_FORMAT => "备份文件",
                    crate::backup::ANSWERS_FORMAT => "教职工答卷",
                    _ => "其他文件",
                }
            ),
            (FileError::OtherKind(kind), Lang::En) => format!(
                "this is a {} of this tool, not a framework file; import it under Data",
                match kind.as_str() {
                    crate::backup::BACKUP_FORMAT => "backup",
                    crate::backup::ANSWERS_FORMAT => "teacher's answer file",
                    _ => "different file",
                }
            ),
            (FileError::Newer(v), Lang::Zh) => {
                format!("文件由更新版本的本工具导出（文件格式第 {v} 版），请先更新本工具再导入")
            }
            (FileError::Newer(v), Lang::En) => format!(
                "the file was written by a newer version of this tool (file format {v}); update this tool first"
            ),
            (FileError::Invalid(d, field), Lang::Zh) => {
                let kind = match d {
                    Damage::NoVersion => "缺少文件格式版本",
                    Damage::Missing => "缺少必要的内容",
                    Damage::UnknownField => "含有本工具不认识的内容",
                    Damage::UnknownValue => "含有本工具不认识的取值",
                    Damage::WrongType => "数据类型不对",
                };
                let at = if field.is_empty() { String::new() } else { format!("（{field}）") };
                format!("文件内容已损坏或被改动：{kind}{at}")
            }
            (FileError::Invalid(d, field), Lang::En) => {
                let kind = match d {
                    Damage::NoVersion => "the file format version is missing",
                    Damage::Missing => "something required is missing",
                    Damage::UnknownField => "it contains fields this tool does not know",
                    Damage::UnknownValue => "it contains values this tool does not know",
                    Damage::WrongType => "a value has the wrong type",
                };
                let at = if field.is_empty() { String::new() } else { format!(" ({field})") };
                format!("the file is damaged or was altered: {kind}{at}")
            }
            (FileError::ChecksumMismatch, Lang::Zh) => {
                "文件内容与校验码不符，导出后被改动或已损坏，请让发送方重新导出".into()
            }
            (FileError::ChecksumMismatch, Lang::En) => {
                "the content does not match its checksum: it was changed or damaged after export; ask the sender to export it again"
                    .into()
            }
            (FileError::Problems(errs), Lang::Zh) => {
                let list: Vec<String> = errs.iter().take(20).map(|e| e.zh()).collect();
                format!(
                    "框架有 {} 处错误：{}{}",
                    errs.len(),
                    list.join("；"),
                    if errs.len() > 20 { "……" } else { "" }
                )
            }
            (FileError::Problems(errs), Lang::En) => {
                let list: Vec<String> = errs.iter().take(20).map(|e| e.text(Lang::En)).collect();
                format!(
                    "the framework has {} problems: {}{}",
                    errs.len(),
                    list.join("; "),
                    if errs.len() > 20 { " …" } else { "" }
                )
            }
            (FileError::BuiltInId(id), Lang::Zh) => format!(
                "文件中框架的编号“{id}”与本工具内置框架相同；修改过的内置框架须先“复制为新框架”再导出"
            ),
            (FileError::BuiltInId(id), Lang::En) => format!(
                "the framework id \"{id}\" belongs to a built-in framework; a changed built-in framework must be copied as a new framework before export"
            ),
        };
        match lang {
            Lang::Zh => format!("无法导入评价框架：{what}。没有保存任何内容。"),
            Lang::En => format!("The framework cannot be imported: {what}. Nothing was saved."),
        }
    }
}

/// Reads a framework file. `is_built_in` says whether an id belongs to a built-in framework.
pub fn import(bytes: &[u8], is_built_in: impl Fn(&str) -> bool) -> Result<Framework, FileError> {
    if bytes.len() > MAX_FRAMEWORK_FILE_BYTES {
        return Err(FileError::TooLarge(bytes.len()));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| FileError::NotText)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(FileError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FileError::Truncated
        } else {
            FileError::NotJson
        }
    })?;
    let format = value
        .get("format")
        .and_then(|f| f.as_str())
        .ok_or(FileError::NotOurs)?;
    if format != FRAMEWORK_FORMAT {
        return Err(if format.starts_with("xzzp-") {
            FileError::OtherKind(format.into())
        } else {
            FileError::NotOurs
        });
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(FRAMEWORK_FILE_VERSION) {
        return Err(FileError::Newer(version.min(u64::from(u32::MAX)) as u32));
    }
    if version == 0 {
        return Err(FileError::Invalid(Damage::NoVersion, String::new()));
    }
    let file: FrameworkFile = serde_json::from_value(value).map_err(|e| describe(&e))?;
    if file.checksum != checksum(&file.framework) {
        return Err(FileError::ChecksumMismatch);
    }
    let errs = validate(&file.framework);
    if !errs.is_empty() {
        return Err(FileError::Problems(errs));
    }
    if is_built_in(&file.framework.id) {
        return Err(FileError::BuiltInId(file.framework.id));
    }
    Ok(file.framework)
}

/// What kind of damage a file has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// No file format version.
    NoVersion,
    /// A required field is missing.
    Missing,
    /// A field this tool does not know (refused rather than ignored).
    UnknownField,
    /// A value this tool does not know, e.g. a point kind.
    UnknownValue,
    /// A value of the wrong type.
    WrongType,
}

/// A serde error as a kind of damage and the field it names.
fn describe(e: &serde_json::Error) -> FileError {
    let msg = e.to_string();
    let kind = if msg.contains("missing field") {
        Damage::Missing
    } else if msg.contains("unknown field") {
        Damage::UnknownField
    } else if msg.contains("unknown variant") {
        Damage::UnknownValue
    } else {
        Damage::WrongType
    };
    // serde quotes the field or value it is about in backticks; it is user data, so keep it short.
    let field: String = msg
        .split('`')
        .nth(1)
        .unwrap_or("")
        .chars()
        .take(40)
        .collect();
    FileError::Invalid(kind, field)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures;

    fn county() -> Framework {
        Framework {
            id: "county-helan-2026".into(),
            issuer: "贺兰县教育体育局".into(),
            ..fixtures::framework()
        }
    }

    #[test]
    fn a_file_round_trips_with_id_version_and_issuer() {
        let fw = county();
        let text = export(&fw, "2026-09-01");
        assert!(text.contains("\"format\": \"xzzp-framework\""));
        let back = import(text.as_bytes(), |_| false).unwrap();
        assert_eq!(back, fw);
        // With a byte-order mark, as some editors save it.
        let bom = format!("\u{feff}{text}");
        assert_eq!(import(bom.as_bytes(), |_| false).unwrap(), fw);
        assert_eq!(file_name(&fw), "测试框架-1.框架.json");
    }

    #[test]
    fn broken_newer_and_hostile_files_are_refused_with_reasons() {
        let fw = county();
        let good = export(&fw, "2026-09-01");
        let err = |bytes: &[u8]| import(bytes, |id| id == "senior-2022").unwrap_err();
        assert_eq!(err(b""), FileError::Empty);
        assert_eq!(err(&[0xff, 0xfe, 0x00]), FileError::NotText);
        assert_eq!(
            err(&good.as_bytes()[..good.len() / 2]),
            FileError::Truncated
        );
        assert_eq!(err(b"PK\x03\x04 not json"), FileError::NotJson);
        assert_eq!(err(br#"{"name":"x"}"#), FileError::NotOurs);
        assert_eq!(
            err(br#"{"format":"xzzp-backup","version":1}"#),
            FileError::OtherKind("xzzp-backup".into())
        );
        assert_eq!(
            err(good
                .replacen("\"version\": 1", "\"version\": 2", 1)
                .as_bytes()),
            FileError::Newer(2)
        );
        // Altered after export: the checksum no longer matches.
        let altered = good.replacen("要点 p1", "要点 p1（改）", 1);
        assert_eq!(err(altered.as_bytes()), FileError::ChecksumMismatch);
        // An unknown field (e.g. a script smuggled in) is refused, not ignored.
        let extra = good.replacen("\"format\"", "\"onload\": \"x\", \"format\"", 1);
        assert_eq!(
            err(extra.as_bytes()),
            FileError::Invalid(Damage::UnknownField, "onload".into())
        );
        let kind = good.replacen("\"kind\": \"level\"", "\"kind\": \"scale\"", 1);
        assert_eq!(
            err(kind.as_bytes()).zh(),
            "无法导入评价框架：文件内容已损坏或被改动：含有本工具不认识的取值（scale）。没有保存任何内容。"
        );
        // A framework that breaks the rules, with a valid checksum: every problem named.
        let mut bad = county();
        bad.areas[0].indicators[0].points[2].unit.clear();
        let e = err(export(&bad, "").as_bytes());
        assert!(
            e.zh()
                .contains("方面 A1 › 关键指标 I1 › 考查要点 p3：数值要点必须写明单位"),
            "{}",
            e.zh()
        );
        assert!(e.zh().ends_with("没有保存任何内容。"));
        // Built-in ids are reserved.
        let mut builtin = county();
        builtin.id = "senior-2022".into();
        assert_eq!(
            err(export(&builtin, "").as_bytes()),
            FileError::BuiltInId("senior-2022".into())
        );
        assert_eq!(
            err(&vec![b' '; MAX_FRAMEWORK_FILE_BYTES + 1]),
            FileError::TooLarge(MAX_FRAMEWORK_FILE_BYTES + 1)
        );
        for e in [
            FileError::NotJson,
            FileError::ChecksumMismatch,
            FileError::Newer(3),
            FileError::Invalid(Damage::Missing, "id".into()),
        ] {
            assert!(!e
                .text(Lang::En)
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        }
    }
}
