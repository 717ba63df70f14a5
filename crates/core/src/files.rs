//! Common ground of the files this tool exchanges between people (填报包, answer files, backups): reading the
//! bytes safely, telling the kinds apart by their `format`, the checksum that detects a file changed by hand,
//! and file names that every system accepts.
//!
//! The checksum is FNV-1a (64 bit) over a canonical form of the JSON content without its `checksum` field. It
//! detects hand edits and damage, not forgery: the app is public and runs without a secret, so anyone able to
//! read its code can recompute any keyless hash — SHA-256 included. A cryptographic hash would therefore buy
//! no protection here, and the `sha2` crate measured +5.1 KB raw / +2.2 KB gzip of WebAssembly (release,
//! `opt-level = "z"`, LTO) against 0.4 KB for these few lines.

use super::i18n::{Lang, Localized};
use serde::Serialize;
use serde_json::Value;

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_BYTES: usize = super::backup::MAX_FILE_BYTES;

/// `format` of a 填报包 (invitation).
pub const INVITATION_FORMAT: &str = "xzzp-invitation";

/// The file a built-in template document is shipped in: `fw-compulsory-2021.json` with the JSON's digest,
/// `fw-compulsory-2021-0123456789abcdef.json`. A changed document gets a new name, so no cache serves an old one,
/// and a copy whose text does not match its name is known to be damaged ([`template_asset_matches`]).
pub fn template_asset_name(local: &str, json: &str) -> String {
    let stem = local.strip_suffix(".json").unwrap_or(local);
    format!("{stem}-{:016x}.json", fnv1a64(json.as_bytes()))
}

/// Whether a template document's text is the one its file name was made from ([`template_asset_name`]).
pub fn template_asset_matches(file: &str, json: &str) -> bool {
    file.strip_suffix(".json")
        .and_then(|s| s.rsplit_once('-'))
        .is_some_and(|(_, digest)| digest == format!("{:016x}", fnv1a64(json.as_bytes())))
}

/// FNV-1a, 64 bit.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// CRC-32 (IEEE 802.3, as in ZIP): the one of [`crate::checksum`], shared with the evidence files and ZIP
/// archives. Detects every error burst up to 32 bits, so every single wrong or missing character of a code.
pub use crate::checksum::crc32;

/// The canonical text of a JSON value: object keys sorted, no whitespace, numbers in one spelling.
///
/// Floating-point numbers are written with 12 significant digits, so that a number parsed back one unit in
/// the last place away (serde_json's default parser is not always correctly rounded) still gives the same
/// text; integers are written as integers.
pub fn canonical(v: &Value) -> String {
    let mut out = String::new();
    write_canonical(v, &mut out);
    out
}

fn write_canonical(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                out.push_str(&i.to_string());
            } else if let Some(u) = n.as_u64() {
                out.push_str(&u.to_string());
            } else {
                out.push_str(&format!("{:.11e}", n.as_f64().unwrap_or(0.0)));
            }
        }
        Value::String(s) => out.push_str(&Value::String(s.clone()).to_string()),
        Value::Array(a) => {
            out.push('[');
            for (i, x) in a.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(x, out);
            }
            out.push(']');
        }
        Value::Object(m) => {
            // Sorted here, whatever map the serde_json features of the whole build select.
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write_canonical(&m[k], out);
            }
            out.push('}');
        }
    }
}

/// The checksum of a file's content: its JSON without the top-level `checksum` field, canonical, hashed.
pub fn checksum_of(v: &Value) -> String {
    let mut v = v.clone();
    if let Value::Object(m) = &mut v {
        m.remove("checksum");
    }
    format!("{:016x}", fnv1a64(canonical(&v).as_bytes()))
}

/// Serialises a file and fills in its `checksum` field; the text is what is written to disk.
pub fn seal<T: Serialize>(file: &T) -> String {
    let mut v = serde_json::to_value(file).expect("file formats always serialise");
    let sum = checksum_of(&v);
    if let Value::Object(m) = &mut v {
        m.insert("checksum".into(), Value::String(sum));
    }
    serde_json::to_string_pretty(&v).expect("JSON values always serialise")
}

/// Whether a parsed file still has the checksum it was written with.
pub fn checksum_ok(v: &Value) -> bool {
    v.get("checksum")
        .and_then(Value::as_str)
        .is_some_and(|s| s == checksum_of(v))
}

/// Why the bytes of a file could not even be read as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadProblem {
    /// Nothing in it.
    Empty,
    /// Larger than [`MAX_FILE_BYTES`] (the size is given).
    TooLarge(usize),
    /// Not UTF-8 text.
    NotText,
    /// Valid up to where it stops: cut off while copying or downloading.
    Truncated,
    /// Text, but not JSON.
    NotJson,
}

impl Localized for ReadProblem {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ReadProblem::Empty, Lang::Zh) => "文件是空的".into(),
            (ReadProblem::Empty, Lang::En) => "the file is empty".into(),
            (ReadProblem::TooLarge(n), Lang::Zh) => format!(
                "文件太大（{:.1} MB），超过 {} MB 的上限，不是本工具导出的文件",
                *n as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            (ReadProblem::TooLarge(n), Lang::En) => format!(
                "the file is too large ({:.1} MB, the limit is {} MB); it is not a file of this tool",
                *n as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
            (ReadProblem::NotText, Lang::Zh) => {
                "这不是文本文件，可能选错了文件（例如 Word、图片或压缩包）".into()
            }
            (ReadProblem::NotText, Lang::En) => {
                "this is not a text file; perhaps a Word document, picture or archive was picked".into()
            }
            (ReadProblem::Truncated, Lang::Zh) => {
                "文件不完整，可能在复制、下载或发送时被截断，请对方重新发送".into()
            }
            (ReadProblem::Truncated, Lang::En) => {
                "the file is incomplete, cut off while copying, downloading or sending; ask for it again"
                    .into()
            }
            (ReadProblem::NotJson, Lang::Zh) => "这不是本工具导出的文件（文件格式不是 JSON）".into(),
            (ReadProblem::NotJson, Lang::En) => "this is not a file of this tool (not JSON)".into(),
        }
    }
}

/// Reads a file's bytes as text: size first, then UTF-8 (a byte-order mark is accepted), then not empty.
pub fn read_text(bytes: &[u8]) -> Result<&str, ReadProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len()));
    }
    let text = utf8(bytes).ok_or(ReadProblem::NotText)?;
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ReadProblem::Empty);
    }
    Ok(text)
}

/// Reads a file's bytes as a JSON value: size first, then text, then JSON.
pub fn read_json(bytes: &[u8]) -> Result<Value, ReadProblem> {
    json(read_text(bytes)?)
}

/// Parses text as a JSON value, telling a text cut off from one that is not JSON at all.
pub fn json(text: &str) -> Result<Value, ReadProblem> {
    serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            ReadProblem::Truncated
        } else {
            ReadProblem::NotJson
        }
    })
}

/// The bytes as text. A file cut off in the middle of a character is still read up to that character, so
/// that it is reported as cut off rather than as "not text".
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// What a JSON file of this tool is, by its `format` and `version`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileKind {
    /// A backup (数据备份).
    Backup,
    /// A teacher's answer file of the given version (1: before 填报包, 2: answers to a 填报包).
    Answers(u32),
    /// A 填报包.
    Invitation,
    /// Another file of this tool (e.g. a county 上报包), by its format name.
    OtherOfOurs(String),
    /// Not a file of this tool.
    Foreign,
}

/// Tells what a parsed file is; `version` is 0 when missing.
pub fn kind(v: &Value) -> (FileKind, u64) {
    let version = v.get("version").and_then(Value::as_u64).unwrap_or(0);
    let kind = match v.get("format").and_then(Value::as_str) {
        Some(super::backup::BACKUP_FORMAT) => FileKind::Backup,
        Some(super::backup::ANSWERS_FORMAT) => {
            FileKind::Answers(u32::try_from(version).unwrap_or(u32::MAX))
        }
        Some(INVITATION_FORMAT) => FileKind::Invitation,
        Some(f) if f.starts_with("xzzp-") => FileKind::OtherOfOurs(f.to_string()),
        _ => FileKind::Foreign,
    };
    (kind, version)
}

/// Longest file name produced, in characters, before the extension. Windows allows 255 UTF-16 units per name
/// and 260 for a whole path; a USB stick folder or a mail client adds its own path, so stay well below.
pub const MAX_NAME_CHARS: usize = 60;

/// A file name from parts joined by `-`, safe on Windows, macOS, Linux, Android and in ZIP archives:
/// no path separators or characters Windows refuses (`<>:"/\|?*`, control characters), no leading or
/// trailing dots and spaces, never a reserved device name (CON, PRN, AUX, NUL, COM1–9, LPT1–9), at most
/// [`MAX_NAME_CHARS`] characters before the extension. Empty parts are left out; `ext` is e.g. `json`.
pub fn safe_file_name(parts: &[&str], ext: &str) -> String {
    let cleaned: Vec<String> = parts
        .iter()
        .map(|p| {
            let s: String = p
                .chars()
                .map(|c| {
                    if c.is_control()
                        || matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*')
                    {
                        '_'
                    } else if c.is_whitespace() {
                        ' '
                    } else {
                        c
                    }
                })
                .collect();
            // Runs of spaces and underscores say nothing; keep one.
            let mut out = String::new();
            for c in s.chars() {
                if (c == ' ' || c == '_') && out.ends_with(c) {
                    continue;
                }
                out.push(c);
            }
            out.trim_matches([' ', '.', '_']).to_string()
        })
        .filter(|p| !p.is_empty())
        .collect();
    let mut name = cleaned.join("-");
    if name.chars().count() > MAX_NAME_CHARS {
        name = name.chars().take(MAX_NAME_CHARS).collect();
        name = name.trim_end_matches([' ', '.', '-', '_']).to_string();
    }
    if name.is_empty() {
        name = "file".into();
    }
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        name = format!("_{name}");
    }
    if ext.is_empty() {
        name
    } else {
        format!("{name}.{ext}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_match_their_published_check_values() {
        // The standard check inputs: CRC-32 of "123456789" is CBF43926; FNV-1a 64 of "a" is af63dc4c8601ec8c.
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        let name = template_asset_name("fw-senior-2022.json", "{}");
        assert!(name.starts_with("fw-senior-2022-") && name.len() == "fw-senior-2022-".len() + 21);
        assert!(template_asset_matches(&name, "{}"));
        assert!(!template_asset_matches(&name, "{ }"));
        assert!(!template_asset_matches("fw-senior-2022.json", "{}"));
    }

    #[test]
    fn the_canonical_form_ignores_layout_and_key_order_but_not_content() {
        let a: Value =
            serde_json::from_str(r#"{"b":1,"a":[true,null,"x"],"c":{"z":2.5,"y":"引号\""}}"#)
                .unwrap();
        let b: Value = serde_json::from_str(
            "{ \"c\": {\"y\": \"\\u5f15\\u53f7\\\"\", \"z\": 2.5},\n \"a\": [true, null, \"x\"], \"b\": 1 }",
        )
        .unwrap();
        assert_eq!(canonical(&a), canonical(&b));
        assert_eq!(
            canonical(&a),
            r#"{"a":[true,null,"x"],"b":1,"c":{"y":"引号\"","z":2.50000000000e0}}"#
        );
        let c: Value =
            serde_json::from_str(r#"{"b":2,"a":[true,null,"x"],"c":{"z":2.5,"y":"引号\""}}"#)
                .unwrap();
        assert_ne!(checksum_of(&a), checksum_of(&c));
    }

    #[test]
    fn a_sealed_file_checks_and_any_edit_is_detected() {
        #[derive(Serialize)]
        struct F {
            format: &'static str,
            name: String,
            score: f64,
            checksum: String,
        }
        let text = seal(&F {
            format: "xzzp-test",
            name: "李老师".into(),
            score: 0.1 + 0.2,
            checksum: String::new(),
        });
        let v: Value = serde_json::from_str(&text).unwrap();
        assert!(checksum_ok(&v));
        for (from, to) in [("李老师", "王老师"), ("xzzp-test", "xzzp-tesT")] {
            let edited: Value = serde_json::from_str(&text.replace(from, to)).unwrap();
            assert!(!checksum_ok(&edited), "{from} → {to}");
        }
        let mut no_sum = v.clone();
        no_sum.as_object_mut().unwrap().remove("checksum");
        assert!(!checksum_ok(&no_sum));
    }

    #[test]
    fn files_are_read_in_order_of_what_can_go_wrong() {
        assert_eq!(read_json(b""), Err(ReadProblem::Empty));
        assert_eq!(read_json(b" \n "), Err(ReadProblem::Empty));
        assert_eq!(read_json(&[0xff, 0xfe, 0x00]), Err(ReadProblem::NotText));
        assert_eq!(read_json(b"{\"a\": [1, 2"), Err(ReadProblem::Truncated));
        let cut = "{\"a\": \"李老师\"}".as_bytes();
        assert_eq!(
            read_json(&cut[..9]),
            Err(ReadProblem::Truncated),
            "cut inside 李"
        );
        assert_eq!(read_json(b"hello"), Err(ReadProblem::NotJson));
        assert!(read_json("\u{feff}{}".as_bytes()).is_ok());
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        assert_eq!(
            read_json(&big),
            Err(ReadProblem::TooLarge(MAX_FILE_BYTES + 1))
        );
    }

    #[test]
    fn file_kinds_are_told_apart_by_their_format() {
        let k = |s: &str| kind(&serde_json::from_str(s).unwrap()).0;
        assert_eq!(
            k(r#"{"format":"xzzp-backup","version":1}"#),
            FileKind::Backup
        );
        assert_eq!(
            k(r#"{"format":"xzzp-answers","version":2}"#),
            FileKind::Answers(2)
        );
        assert_eq!(k(r#"{"format":"xzzp-invitation"}"#), FileKind::Invitation);
        assert_eq!(
            k(r#"{"format":"xzzp-submission"}"#),
            FileKind::OtherOfOurs("xzzp-submission".into())
        );
        assert_eq!(k(r#"{"name":"x"}"#), FileKind::Foreign);
        assert_eq!(k("[1]"), FileKind::Foreign);
    }

    #[test]
    fn file_names_are_safe_everywhere() {
        assert_eq!(
            safe_file_name(&["贺兰县第一小学", "教务处", "李华", "填报包"], "json"),
            "贺兰县第一小学-教务处-李华-填报包.json"
        );
        assert_eq!(
            safe_file_name(&["a/b\\c:d*e?f\"g<h>i|j", "", "  . x\u{7}y .  "], "json"),
            "a_b_c_d_e_f_g_h_i_j-x_y.json"
        );
        assert_eq!(safe_file_name(&["CON"], "json"), "_CON.json");
        assert_eq!(safe_file_name(&["com1.tar"], ""), "_com1.tar");
        assert_eq!(safe_file_name(&["COM10"], "json"), "COM10.json");
        assert_eq!(safe_file_name(&["..", " "], "json"), "file.json");
        let long = safe_file_name(&[&"长".repeat(200)], "json");
        assert_eq!(long.chars().count(), MAX_NAME_CHARS + 5);
    }
}
