//! 答卷码: a teacher's answers as a short text to paste into a chat message (WeChat, QQ), read back by the
//! principal from whatever was pasted.
//!
//! # Layout
//! The answers are packed into bytes (below), written with the 64 characters `A–Z a–z 0–9 - _` (none of
//! which chat apps turn into emoji, links or formatting), and cut into parts of at most [`MAX_PART_CHARS`]
//! characters. Each part is one line:
//!
//! `XZZP` · version (1 char) · part number (1) · part count − 1 (1) · code id (4) · length (2) · the
//! characters · CRC-32 of everything after `XZZP` (6)
//!
//! The length says where a part ends, so a part cut off when pasted is detected and the message says how many
//! characters are missing; the CRC-32 catches every changed or lost character (any error burst up to 32 bits);
//! the part header says which part of how many is missing. The code id is the CRC-32 of the whole packed
//! answers (24 bits): it ties the parts together and is checked again once they are joined.
//!
//! Reading ignores every kind of space and line break (chat apps insert them), zero-width characters, and
//! full-width letters and digits (read as half-width); it finds codes anywhere in surrounding chat text and
//! reads several codes from one paste.
//!
//! # Packed answers
//! flags (bit 0: respondent follows) · package tag (48 bits of the package id's hash) · assignee index in the
//! package (varint) · token tag (32 bits) · revision (varint) · minutes since 2020-01-01 00:00 (varint) ·
//! [name · role · department] · number of the assignee's points (varint) · bitmap of answered points · per
//! answered point: a tag byte (value kind in bits 0–2, note in bit 3, 不适用 in bit 4, level index in bits
//! 5–7 with 7 meaning "in the next byte"), then the number or text, the note, the 不适用 reason.
//!
//! Numbers are decimal (a byte of decimal places and the digits as a zig-zag varint) unless they need more
//! than 9 places (then 8 bytes). Texts are a varint byte length and the characters, one byte for ASCII and
//! two bytes for Latin-1, general punctuation (“”…—), CJK punctuation and ideographs (U+3000–U+9FFF) and
//! full-width forms (，：；（）), which covers ordinary Chinese notes; other characters take four bytes. So a
//! Chinese character costs 2 bytes (UTF-8 takes 3), 2⅔ code characters. Compression was not used: notes are
//! short and hardly repeat, and a general compressor would cost far more WebAssembly than it saves here.

use super::answer_file::{to_minute, token_tag, ExportError, StaffAnswerFile, StaffRespondent};
use super::assignment::Who;
use super::evaluation::{Answer, AnswerValue};
use super::files::{crc32, fnv1a64};
use super::i18n::{Lang, Localized};
use super::invitation::Invitation;
use chrono::{NaiveDate, NaiveDateTime};

/// What every part of a code starts with.
pub const CODE_PREFIX: &str = "XZZP";
/// The code format written by this build.
pub const CODE_VERSION: u8 = 1;
/// Most characters of answers in one part (chat apps take several thousand characters per message; a part
/// of this size also fits a phone screen to be checked by eye).
pub const MAX_PART_CHARS: usize = 1500;
/// Most parts in one code.
pub const MAX_PARTS: usize = 64;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const HEADER_CHARS: usize = 1 + 1 + 1 + 4 + 2;
const CRC_CHARS: usize = 6;

fn digit(c: char) -> Option<u32> {
    match c {
        'A'..='Z' => Some(c as u32 - 'A' as u32),
        'a'..='z' => Some(c as u32 - 'a' as u32 + 26),
        '0'..='9' => Some(c as u32 - '0' as u32 + 52),
        '-' => Some(62),
        '_' => Some(63),
        _ => None,
    }
}

/// `n` characters of a number, most significant first.
fn number_chars(v: u32, n: usize) -> String {
    (0..n)
        .rev()
        .map(|i| ALPHABET[((v >> (6 * i)) & 63) as usize] as char)
        .collect()
}

fn chars_number(cs: &[char]) -> Option<u32> {
    cs.iter()
        .try_fold(0u32, |acc, c| Some((acc << 6) | digit(*c)?))
}

fn to_chars(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let keep = chunk.len() + 1;
        out.push_str(&number_chars(n, 4)[..keep]);
    }
    out
}

fn from_chars(cs: &[char]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(cs.len() * 3 / 4);
    for chunk in cs.chunks(4) {
        if chunk.len() == 1 {
            return None;
        }
        let mut n = 0u32;
        for i in 0..4 {
            n = (n << 6) | chunk.get(i).map_or(Some(0), |c| digit(*c))?;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&bytes[..chunk.len() - 1]);
    }
    Some(out)
}

// ───────────────────────── packing ─────────────────────────

/// Code point ranges written in two bytes, in order.
const TWO_BYTE_RANGES: [(u32, u32); 4] = [
    (0x80, 0x100),
    (0x2000, 0x2100),
    (0x3000, 0xA000),
    (0xFF00, 0xFFF0),
];

fn two_byte_index(c: char) -> Option<u32> {
    let c = c as u32;
    let mut base = 0;
    for (lo, hi) in TWO_BYTE_RANGES {
        if (lo..hi).contains(&c) {
            return Some(base + c - lo);
        }
        base += hi - lo;
    }
    None
}

fn two_byte_char(mut v: u32) -> Option<char> {
    for (lo, hi) in TWO_BYTE_RANGES {
        if v < hi - lo {
            return char::from_u32(lo + v);
        }
        v -= hi - lo;
    }
    None
}

struct Writer(Vec<u8>);

impl Writer {
    fn byte(&mut self, b: u8) {
        self.0.push(b);
    }

    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.0.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.0.push(v as u8);
    }

    fn text(&mut self, s: &str) {
        let mut b = Vec::with_capacity(s.len());
        for c in s.chars() {
            if c.is_ascii() {
                b.push(c as u8);
            } else if let Some(v) = two_byte_index(c) {
                b.push(0x80 | (v >> 8) as u8);
                b.push(v as u8);
            } else {
                let v = c as u32;
                b.extend_from_slice(&[0xFF, (v >> 16) as u8, (v >> 8) as u8, v as u8]);
            }
        }
        self.varint(b.len() as u64);
        self.0.extend_from_slice(&b);
    }

    fn number(&mut self, v: f64) {
        for places in 0..=9u8 {
            let scale = 10f64.powi(i32::from(places));
            let m = (v * scale).round();
            if m.abs() < 9.0e15 && m / scale == v {
                let m = m as i64;
                self.byte(places);
                self.varint(((m << 1) ^ (m >> 63)) as u64);
                return;
            }
        }
        self.byte(0xFF);
        self.0.extend_from_slice(&v.to_le_bytes());
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let v = *self.b.get(self.at)?;
        self.at += 1;
        Some(v)
    }

    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.b.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(s)
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= u64::from(b & 0x7F).checked_shl(shift)?;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    fn text(&mut self) -> Option<String> {
        let n = usize::try_from(self.varint()?).ok()?;
        let b = self.bytes(n)?;
        let mut out = String::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c < 0x80 {
                out.push(c as char);
                i += 1;
            } else if c < 0xFF {
                let v = (u32::from(c & 0x7F) << 8) | u32::from(*b.get(i + 1)?);
                out.push(two_byte_char(v)?);
                i += 2;
            } else {
                let s = b.get(i + 1..i + 4)?;
                let v = (u32::from(s[0]) << 16) | (u32::from(s[1]) << 8) | u32::from(s[2]);
                out.push(char::from_u32(v)?);
                i += 4;
            }
        }
        Some(out)
    }

    fn number(&mut self) -> Option<f64> {
        match self.byte()? {
            0xFF => Some(f64::from_le_bytes(self.bytes(8)?.try_into().ok()?)),
            places @ 0..=9 => {
                let z = self.varint()?;
                let m = ((z >> 1) as i64) ^ -((z & 1) as i64);
                let v = m as f64 / 10f64.powi(i32::from(places));
                v.is_finite().then_some(v)
            }
            _ => None,
        }
    }
}

fn epoch() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2020, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid date")
}

/// The 48-bit tag of a package id that travels in a code.
pub fn package_tag(package_id: &str) -> u64 {
    fnv1a64(package_id.as_bytes()) >> 16
}

// ───────────────────────── codes ─────────────────────────

/// A value as a code carries it: levels by their index in the scale.
#[derive(Debug, Clone, PartialEq)]
pub enum CodedValue {
    /// A level, by index in the scale (0 is the best).
    Level(usize),
    /// 是 / 否
    YesNo(bool),
    /// A number.
    Number(f64),
    /// Text.
    Text(String),
}

/// One answer in a code.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CodedAnswer {
    /// The value, if any.
    pub value: Option<CodedValue>,
    /// The note.
    pub note: String,
    /// Marked 不适用, with its reason.
    pub not_applicable: Option<String>,
}

/// What a code says, before it is matched with the package it answers.
#[derive(Debug, Clone, PartialEq)]
pub struct CodeAnswers {
    /// The code id (24 bits).
    pub code_id: u32,
    /// The tag of the package answered ([`package_tag`]).
    pub package_tag: u64,
    /// The assignee's position in the package.
    pub assignee_index: usize,
    /// The respondent's token tag ([`token_tag`]).
    pub token_tag: String,
    /// The revision.
    pub revision: u32,
    /// When it was made, to the minute.
    pub exported_at: NaiveDateTime,
    /// The respondent, for "all staff" answers (named people are named by the package; anonymous answers
    /// carry nobody).
    pub respondent: Option<StaffRespondent>,
    /// How many points the assignee has in the package.
    pub point_count: usize,
    /// Answers by the point's position in the assignee's list.
    pub answers: Vec<(usize, CodedAnswer)>,
}

/// A code as the teacher copies it: one line per part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerCode {
    /// The parts, each a line to paste.
    pub parts: Vec<String>,
}

impl AnswerCode {
    /// The whole code, parts on separate lines.
    pub fn text(&self) -> String {
        self.parts.join("\n")
    }

    /// Characters in all parts together.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    /// Whether there is nothing in it (never, for a code made by [`encode`]).
    pub fn is_empty(&self) -> bool {
        self.parts.is_empty()
    }
}

/// The 答卷码 of an answer file made in teacher mode from the same package.
pub fn encode(inv: &Invitation, file: &StaffAnswerFile) -> Result<AnswerCode, ExportError> {
    let index = inv
        .assignees
        .iter()
        .position(|a| a.id == file.origin.assignee)
        .ok_or_else(|| ExportError::UnknownAssignee(file.origin.assignee.clone()))?;
    let a = &inv.assignees[index];
    let respondent = match &a.who {
        Who::Staff {
            anonymous: false, ..
        } => file.respondent.as_ref(),
        _ => None,
    };
    let mut w = Writer(Vec::new());
    w.byte(u8::from(respondent.is_some()));
    w.0.extend_from_slice(&package_tag(&inv.id).to_be_bytes()[2..]);
    w.varint(index as u64);
    w.0.extend_from_slice(
        &u32::from_str_radix(&token_tag(&file.token), 16)
            .unwrap_or(0)
            .to_be_bytes(),
    );
    w.varint(u64::from(file.revision));
    let minutes = (to_minute(file.exported_at) - epoch()).num_minutes().max(0);
    w.varint(minutes as u64);
    if let Some(r) = respondent {
        w.text(&r.name);
        w.text(&r.role);
        w.text(&r.department);
    }
    w.varint(a.points.len() as u64);
    let mut bitmap = vec![0u8; a.points.len().div_ceil(8)];
    for (i, p) in a.points.iter().enumerate() {
        if file.answers.contains_key(p) {
            bitmap[i / 8] |= 1 << (i % 8);
        }
    }
    w.0.extend_from_slice(&bitmap);
    let levels = &inv.framework.scale.levels;
    for p in &a.points {
        let Some(ans) = file.answers.get(p) else {
            continue;
        };
        let (kind, level) = match &ans.value {
            None => (0u8, 0usize),
            Some(AnswerValue::Level(id)) => (
                1,
                levels.iter().position(|l| &l.id == id).ok_or_else(|| {
                    ExportError::BadAnswer(p.clone(), super::evaluation::EditError::WrongKind)
                })?,
            ),
            Some(AnswerValue::YesNo(true)) => (2, 0),
            Some(AnswerValue::YesNo(false)) => (3, 0),
            Some(AnswerValue::Number(_)) => (4, 0),
            Some(AnswerValue::Text(_)) => (5, 0),
        };
        let mut tag = kind;
        if !ans.note.is_empty() {
            tag |= 1 << 3;
        }
        if ans.not_applicable.is_some() {
            tag |= 1 << 4;
        }
        tag |= (level.min(7) as u8) << 5;
        w.byte(tag);
        if kind == 1 && level >= 7 {
            w.varint(level as u64);
        }
        match &ans.value {
            Some(AnswerValue::Number(v)) => w.number(*v),
            Some(AnswerValue::Text(t)) => w.text(t),
            _ => {}
        }
        if !ans.note.is_empty() {
            w.text(&ans.note);
        }
        if let Some(r) = &ans.not_applicable {
            w.text(r);
        }
    }
    let payload = w.0;
    let code_id = crc32(&payload) & 0x00FF_FFFF;
    let chars = to_chars(&payload);
    let pieces: Vec<&[u8]> = chars.as_bytes().chunks(MAX_PART_CHARS).collect();
    if pieces.len() > MAX_PARTS {
        return Err(ExportError::TooLongForCode);
    }
    let parts = pieces
        .iter()
        .enumerate()
        .map(|(k, piece)| {
            let body = format!(
                "{}{}{}{}{}{}",
                number_chars(u32::from(CODE_VERSION), 1),
                number_chars(k as u32, 1),
                number_chars(pieces.len() as u32 - 1, 1),
                number_chars(code_id, 4),
                number_chars(piece.len() as u32, 2),
                std::str::from_utf8(piece).expect("the alphabet is ASCII")
            );
            format!(
                "{CODE_PREFIX}{body}{}",
                number_chars(crc32(body.as_bytes()), CRC_CHARS)
            )
        })
        .collect();
    Ok(AnswerCode { parts })
}

/// Why pasted text did not give a code's answers. Nothing is changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeError {
    /// No code in the text.
    NoCode,
    /// A code cut off within its first characters.
    CutInHeader,
    /// A part cut off: (part, parts, characters expected, characters received).
    Truncated {
        /// The part, from 1.
        part: usize,
        /// How many parts the code has.
        parts: usize,
        /// Characters the part should have after `XZZP`.
        expected: usize,
        /// Characters found.
        got: usize,
    },
    /// A part whose characters were changed or lost: (part, parts).
    Damaged {
        /// The part, from 1.
        part: usize,
        /// How many parts the code has.
        parts: usize,
    },
    /// Parts that were not pasted: (parts, the missing ones from 1).
    MissingParts {
        /// How many parts the code has.
        parts: usize,
        /// The missing parts, from 1.
        missing: Vec<usize>,
    },
    /// Made by a newer version of this tool.
    Newer(u32),
    /// Intact but unreadable (a faulty or forged code).
    Malformed,
}

impl Localized for CodeError {
    fn text(&self, lang: Lang) -> String {
        let which = |part: usize, parts: usize| match (parts, lang) {
            (1, _) => String::new(),
            (_, Lang::Zh) => format!("（第 {part} 段，共 {parts} 段）"),
            (_, Lang::En) => format!(" (part {part} of {parts})"),
        };
        match (self, lang) {
            (CodeError::NoCode, Lang::Zh) => "没有找到答卷码。答卷码以 XZZP 开头，请把老师发来的答卷码完整复制后粘贴在这里；现有数据没有任何改动。".into(),
            (CodeError::NoCode, Lang::En) => "No answer code found. Codes start with XZZP; copy the whole code the teacher sent and paste it here. Nothing was changed.".into(),
            (CodeError::CutInHeader, Lang::Zh) => "答卷码只有开头几个字符，后面的内容都缺失了，请让老师重新发送完整的答卷码；现有数据没有任何改动。".into(),
            (CodeError::CutInHeader, Lang::En) => "Only the first characters of an answer code are there; ask the teacher to send the whole code again. Nothing was changed.".into(),
            (CodeError::Truncated { part, parts, expected, got }, Lang::Zh) => format!(
                "答卷码不完整{}：应有 {expected} 个字符，只收到 {got} 个，末尾缺少 {} 个字符。可能复制时没有选全，或被聊天软件截断。请让老师重新发送完整的答卷码；现有数据没有任何改动。",
                which(*part, *parts), expected - got
            ),
            (CodeError::Truncated { part, parts, expected, got }, Lang::En) => format!(
                "The answer code is incomplete{}: {got} of {expected} characters arrived, the last {} are missing (not all selected when copying, or cut by the chat app). Ask the teacher to send the whole code again. Nothing was changed.",
                which(*part, *parts), expected - got
            ),
            (CodeError::Damaged { part, parts }, Lang::Zh) => format!(
                "答卷码{}中有字符被改动或丢失（校验不符），请重新复制完整的答卷码后粘贴；现有数据没有任何改动。",
                which(*part, *parts)
            ),
            (CodeError::Damaged { part, parts }, Lang::En) => format!(
                "Characters of the answer code{} were changed or lost (the check does not match); copy the whole code again. Nothing was changed.",
                which(*part, *parts)
            ),
            (CodeError::MissingParts { parts, missing }, Lang::Zh) => format!(
                "这份答卷码共 {parts} 段，缺少第 {} 段。请把所有段都粘贴进来（可以一次粘贴多段）；现有数据没有任何改动。",
                missing.iter().map(usize::to_string).collect::<Vec<_>>().join("、")
            ),
            (CodeError::MissingParts { parts, missing }, Lang::En) => format!(
                "This answer code has {parts} parts; part {} is missing. Paste every part (several at once is fine). Nothing was changed.",
                missing.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")
            ),
            (CodeError::Newer(v), Lang::Zh) => format!("答卷码由更新版本的本工具生成（第 {v} 版），请先更新本工具；现有数据没有任何改动。"),
            (CodeError::Newer(v), Lang::En) => format!("The answer code comes from a newer version of this tool (version {v}); update this tool first. Nothing was changed."),
            (CodeError::Malformed, Lang::Zh) => "答卷码内容有误，无法读取，请让老师重新生成答卷码；现有数据没有任何改动。".into(),
            (CodeError::Malformed, Lang::En) => "The answer code cannot be read; ask the teacher to make it again. Nothing was changed.".into(),
        }
    }
}

/// The pasted text as the code sees it: without spaces, line breaks and zero-width characters, full-width
/// letters and digits as half-width. Each character says whether a space or line break stood before it.
fn clean(text: &str) -> Vec<(char, bool)> {
    let mut out = Vec::with_capacity(text.len());
    let mut gap = true;
    for c in text.chars() {
        if c.is_whitespace() {
            gap = true;
            continue;
        }
        if matches!(
            c,
            '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
        ) {
            continue;
        }
        let c = match c {
            '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            _ => c,
        };
        out.push((c, gap));
        gap = false;
    }
    out
}

struct Part {
    code_id: u32,
    index: usize,
    count: usize,
    chars: Vec<char>,
}

/// Every code in a pasted text, in the order they appear, each read or refused with a message. A text without
/// any code gives one [`CodeError::NoCode`].
pub fn read_codes(text: &str) -> Vec<Result<CodeAnswers, CodeError>> {
    let cleaned = clean(text);
    let cs: Vec<char> = cleaned.iter().map(|(c, _)| *c).collect();
    let prefix: Vec<char> = CODE_PREFIX.chars().collect();
    // Computed once from the end, so that reading stays linear whatever the text: how many code characters
    // follow each position, and where the next part after a space or line break begins.
    let n = cs.len();
    let mut run_at = vec![0usize; n + 1];
    let mut next_part = vec![n; n + 1];
    for j in (0..n).rev() {
        run_at[j] = if digit(cs[j]).is_some() {
            run_at[j + 1] + 1
        } else {
            0
        };
        next_part[j] = if cleaned[j].1 && cs[j..].starts_with(&prefix) {
            j
        } else {
            next_part[j + 1]
        };
    }
    let mut out: Vec<Result<CodeAnswers, CodeError>> = Vec::new();
    let mut parts: Vec<Part> = Vec::new();
    // Parts that were found but could not be read: (code id, index). They are reported once, as themselves,
    // and not again as missing.
    let mut failed: Vec<(u32, usize)> = Vec::new();
    let mut i = 0;
    let mut found_any = false;
    while let Some(at) = cs[i..]
        .windows(prefix.len())
        .position(|w| w == prefix.as_slice())
        .map(|p| p + i)
    {
        found_any = true;
        let start = at + prefix.len();
        let run = run_at[start];
        if run < HEADER_CHARS {
            out.push(Err(CodeError::CutInHeader));
            i = start;
            continue;
        }
        let h = &cs[start..start + HEADER_CHARS];
        let field = |from: usize, n: usize| chars_number(&h[from..from + n]).unwrap_or(0);
        let (version, index, count) = (field(0, 1), field(1, 1) as usize, field(2, 1) as usize + 1);
        let (code_id, len) = (field(3, 4), field(7, 2) as usize);
        if version > u32::from(CODE_VERSION) {
            out.push(Err(CodeError::Newer(version)));
            i = start + run;
            continue;
        }
        let need = HEADER_CHARS + len + CRC_CHARS;
        let intact = run >= need && {
            let body: String = cs[start..start + HEADER_CHARS + len].iter().collect();
            let sum = chars_number(&cs[start + HEADER_CHARS + len..start + need]);
            version > 0 && index < count && sum == Some(crc32(body.as_bytes()))
        };
        if !intact {
            failed.push((code_id, index));
            // Spaces and line breaks are dropped, so a part cut off and followed by the next part on a new
            // line would run into it: a new part after a break ends the run, unless the whole part checks.
            let to_next = next_part[start + HEADER_CHARS].min(start + run) - start;
            if to_next < need {
                out.push(Err(CodeError::Truncated {
                    part: index + 1,
                    parts: count,
                    expected: need,
                    got: to_next,
                }));
                i = start + to_next;
            } else {
                out.push(Err(CodeError::Damaged {
                    part: index + 1,
                    parts: count,
                }));
                i = start;
            }
            continue;
        }
        if !parts
            .iter()
            .any(|p| p.code_id == code_id && p.index == index)
        {
            parts.push(Part {
                code_id,
                index,
                count,
                chars: cs[start + HEADER_CHARS..start + HEADER_CHARS + len].to_vec(),
            });
        }
        i = start + need;
    }
    if !found_any {
        return vec![Err(CodeError::NoCode)];
    }
    let mut ids: Vec<u32> = Vec::new();
    for p in &parts {
        if !ids.contains(&p.code_id) {
            ids.push(p.code_id);
        }
    }
    for id in ids {
        let mine: Vec<&Part> = parts.iter().filter(|p| p.code_id == id).collect();
        let count = mine[0].count;
        if mine.iter().any(|p| p.count != count) {
            out.push(Err(CodeError::Malformed));
            continue;
        }
        let missing: Vec<usize> = (0..count)
            .filter(|k| !mine.iter().any(|p| p.index == *k))
            .collect();
        if !missing.is_empty() {
            let unreported: Vec<usize> = missing
                .iter()
                .filter(|k| !failed.contains(&(id, **k)))
                .map(|k| k + 1)
                .collect();
            if !unreported.is_empty() {
                out.push(Err(CodeError::MissingParts {
                    parts: count,
                    missing: unreported,
                }));
            }
            continue;
        }
        let mut chars = Vec::new();
        for k in 0..count {
            let p = mine.iter().find(|p| p.index == k).expect("none missing");
            chars.extend_from_slice(&p.chars);
        }
        let decoded = from_chars(&chars)
            .filter(|b| crc32(b) & 0x00FF_FFFF == id)
            .and_then(|b| unpack(id, &b));
        out.push(decoded.ok_or(CodeError::Malformed));
    }
    out
}

fn unpack(code_id: u32, b: &[u8]) -> Option<CodeAnswers> {
    let mut r = Reader { b, at: 0 };
    let flags = r.byte()?;
    if flags > 1 {
        return None;
    }
    let mut tag = [0u8; 8];
    tag[2..].copy_from_slice(r.bytes(6)?);
    let package_tag = u64::from_be_bytes(tag);
    let assignee_index = usize::try_from(r.varint()?).ok()?;
    let token = u32::from_be_bytes(r.bytes(4)?.try_into().ok()?);
    let revision = u32::try_from(r.varint()?).ok()?;
    let minutes = i64::try_from(r.varint()?).ok()?;
    let exported_at = epoch().checked_add_signed(chrono::Duration::try_minutes(minutes)?)?;
    let respondent = if flags & 1 == 1 {
        Some(StaffRespondent {
            name: r.text()?,
            role: r.text()?,
            department: r.text()?,
        })
    } else {
        None
    };
    let point_count = usize::try_from(r.varint()?).ok()?;
    // Every point takes at least one byte, so a count beyond the bytes left is a forged code.
    if point_count > b.len() * 8 {
        return None;
    }
    let bitmap = r.bytes(point_count.div_ceil(8))?.to_vec();
    let mut answers = Vec::new();
    for i in (0..point_count).filter(|i| bitmap[i / 8] & (1 << (i % 8)) != 0) {
        let tag = r.byte()?;
        let mut level = usize::from(tag >> 5);
        let value = match tag & 7 {
            0 => None,
            1 => {
                if level == 7 {
                    level = usize::try_from(r.varint()?).ok()?;
                }
                Some(CodedValue::Level(level))
            }
            2 => Some(CodedValue::YesNo(true)),
            3 => Some(CodedValue::YesNo(false)),
            4 => Some(CodedValue::Number(r.number()?)),
            5 => Some(CodedValue::Text(r.text()?)),
            _ => return None,
        };
        let note = if tag & (1 << 3) != 0 {
            r.text()?
        } else {
            String::new()
        };
        let not_applicable = if tag & (1 << 4) != 0 {
            Some(r.text()?)
        } else {
            None
        };
        answers.push((
            i,
            CodedAnswer {
                value,
                note,
                not_applicable,
            },
        ));
    }
    if r.at != b.len() {
        return None;
    }
    Some(CodeAnswers {
        code_id,
        package_tag,
        assignee_index,
        token_tag: format!("{token:08x}"),
        revision,
        exported_at,
        respondent,
        point_count,
        answers,
    })
}

impl CodedAnswer {
    /// The answer in the framework's terms; `None` when a level index is outside the scale.
    pub fn to_answer(&self, levels: &[super::framework::Level]) -> Option<Answer> {
        let value = match &self.value {
            None => None,
            Some(CodedValue::Level(i)) => Some(AnswerValue::Level(levels.get(*i)?.id.clone())),
            Some(CodedValue::YesNo(y)) => Some(AnswerValue::YesNo(*y)),
            Some(CodedValue::Number(n)) => Some(AnswerValue::Number(*n)),
            Some(CodedValue::Text(t)) => Some(AnswerValue::Text(t.clone())),
        };
        Some(Answer {
            value,
            note: self.note.clone(),
            not_applicable: self.not_applicable.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer_file::tests::{answers, at};
    use crate::answer_file::Export;
    use crate::invitation::tests::package;

    fn file(assignee: &str, inv: &Invitation, a: &crate::evaluation::Answers) -> StaffAnswerFile {
        let me = StaffRespondent {
            name: "孙丽".into(),
            role: "数学教师".into(),
            department: String::new(),
        };
        StaffAnswerFile::new(
            inv,
            assignee,
            Some(me),
            a,
            Export {
                id: "f",
                token: "tok",
                revision: 3,
                at: at(12, 9, 30),
            },
        )
        .unwrap()
    }

    #[test]
    fn text_and_numbers_pack_compactly_and_come_back_exactly() {
        for s in [
            "",
            "abc\n1",
            "体育锻炼时间达标，“阳光大课间”……—《》、。（）！",
            "é×°·",
            "😀𠀀\u{10ffff}",
        ] {
            let mut w = Writer(Vec::new());
            w.text(s);
            let mut r = Reader { b: &w.0, at: 0 };
            assert_eq!(r.text().as_deref(), Some(s));
        }
        let mut w = Writer(Vec::new());
        w.text("汉字，");
        assert_eq!(w.0.len(), 1 + 3 * 2, "two bytes per Chinese character");
        for v in [
            0.0,
            -0.5,
            45.5,
            98.76,
            1e-12,
            123456789.123,
            f64::MAX,
            -3.0,
            0.1 + 0.2,
        ] {
            let mut w = Writer(Vec::new());
            w.number(v);
            let mut r = Reader { b: &w.0, at: 0 };
            assert_eq!(r.number(), Some(v), "{v}");
        }
        let mut w = Writer(Vec::new());
        w.number(45.5);
        assert_eq!(w.0.len(), 3);
        for bytes in [&b""[..], b"a", b"ab", b"abc", b"\x00\xff\x10\x80"] {
            assert_eq!(
                from_chars(&to_chars(bytes).chars().collect::<Vec<_>>()).as_deref(),
                Some(bytes)
            );
        }
    }

    #[test]
    fn a_code_round_trips_every_kind_of_answer() {
        let inv = package(&["a6"], "pkg1");
        let a = answers(&[
            ("p1", "B", "有记录，“很好”"),
            ("p2", "no", ""),
            ("p3", "45.5", "约数"),
        ]);
        let mut a = a;
        let fw = crate::fixtures::framework();
        a.apply(
            &fw,
            "p7",
            crate::evaluation::Edit::NotApplicable(Some("无寄宿生".into())),
        )
        .unwrap();
        let f = file("a6", &inv, &a);
        let code = encode(&inv, &f).unwrap();
        assert_eq!(code.parts.len(), 1);
        assert!(code.parts[0].starts_with("XZZP"));
        let got = read_codes(&code.text());
        let c = got[0].clone().unwrap();
        assert_eq!(c.package_tag, package_tag("pkg1"));
        assert_eq!(c.assignee_index, 0);
        assert_eq!(c.revision, 3);
        assert_eq!(c.exported_at, f.exported_at);
        assert_eq!(c.token_tag, token_tag("tok"));
        assert_eq!(c.respondent.as_ref().unwrap().name, "孙丽");
        assert_eq!(c.point_count, 4, "I1 and p7");
        let levels = &inv.framework.scale.levels;
        let back: Vec<(usize, Answer)> = c
            .answers
            .iter()
            .map(|(i, x)| (*i, x.to_answer(levels).unwrap()))
            .collect();
        let want: Vec<(usize, Answer)> = ["p1", "p2", "p3", "p7"]
            .iter()
            .enumerate()
            .map(|(i, p)| (i, f.answers[*p].clone()))
            .collect();
        assert_eq!(back, want);
    }

    #[test]
    fn codes_are_found_in_chat_text_with_breaks_spaces_and_several_at_once() {
        let inv = package(&["a5", "a6"], "pkg1");
        let one = encode(&inv, &file("a5", &inv, &answers(&[("p1", "A", "第一份")]))).unwrap();
        let two = encode(&inv, &file("a6", &inv, &answers(&[("p2", "yes", "")]))).unwrap();
        let s1 = &one.parts[0];
        // WeChat-style: names and times around, a line break and spaces inside, full-width letters.
        let mangled: String = s1
            .chars()
            .enumerate()
            .map(|(i, c)| match i {
                10 => format!("\n{c}"),
                20 => format!(" \u{3000}{c}"),
                30 => format!("\u{200b}{c}"),
                40 if c.is_ascii_alphabetic() => {
                    char::from_u32(c as u32 + 0xfee0).unwrap().to_string()
                }
                _ => c.to_string(),
            })
            .collect();
        let paste = format!(
            "王芳 10:32\n老师好，这是我的答卷码：{mangled}谢谢！\n\n孙丽 10:35\n{} ok",
            two.text()
        );
        let got = read_codes(&paste);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].as_ref().unwrap().assignee_index, 0);
        assert_eq!(got[1].as_ref().unwrap().assignee_index, 1);
        // The same code twice in one paste is read once per occurrence; the collection recognises it.
        assert_eq!(read_codes(&format!("{s1}\n{s1}")).len(), 1);
    }

    #[test]
    fn a_cut_off_or_changed_code_says_what_is_missing() {
        let inv = package(&["a5"], "pkg1");
        let code = encode(
            &inv,
            &file(
                "a5",
                &inv,
                &answers(&[("p1", "A", "说明文字"), ("p4", "C", "")]),
            ),
        )
        .unwrap();
        let s = &code.parts[0];
        let n = s.len() - 4;
        let cut = &s[..s.len() - 15];
        assert_eq!(
            read_codes(&format!("{cut}，谢谢")),
            vec![Err(CodeError::Truncated {
                part: 1,
                parts: 1,
                expected: n,
                got: n - 15
            })]
        );
        assert_eq!(
            read_codes(cut)[0].as_ref().unwrap_err().zh(),
            format!("答卷码不完整：应有 {n} 个字符，只收到 {} 个，末尾缺少 15 个字符。可能复制时没有选全，或被聊天软件截断。请让老师重新发送完整的答卷码；现有数据没有任何改动。", n - 15)
        );
        assert_eq!(read_codes(&s[..8]), vec![Err(CodeError::CutInHeader)]);
        assert_eq!(read_codes("老师好，收到"), vec![Err(CodeError::NoCode)]);
        let mut changed: Vec<char> = s.chars().collect();
        let k = 20;
        changed[k] = if changed[k] == 'A' { 'B' } else { 'A' };
        let changed: String = changed.into_iter().collect();
        assert_eq!(
            read_codes(&changed),
            vec![Err(CodeError::Damaged { part: 1, parts: 1 })]
        );
        let newer = format!("XZZPC{}", &s[5..]);
        assert_eq!(read_codes(&newer), vec![Err(CodeError::Newer(2))]);
    }

    #[test]
    fn hostile_pastes_are_read_quickly() {
        let many = format!("XZZPB{}", "A".repeat(20)).repeat(20_000);
        let t = std::time::Instant::now();
        let got = read_codes(&many);
        assert!(got.iter().all(Result::is_err));
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
        let long = "A".repeat(1_000_000);
        assert_eq!(
            read_codes(&format!("XZZPBAA{long}")),
            vec![Err(CodeError::Damaged { part: 1, parts: 1 })]
        );
    }

    #[test]
    fn long_codes_come_in_parts_and_a_missing_part_is_named() {
        let inv = package(&["a6"], "pkg1");
        let long = "很长的说明。".repeat(100);
        let a = answers(&[
            ("p1", "A", &long),
            ("p2", "yes", &long),
            ("p3", "50", &long),
        ]);
        let code = encode(&inv, &file("a6", &inv, &a)).unwrap();
        assert_eq!(code.parts.len(), 4, "{}", code.len());
        assert!(code
            .parts
            .iter()
            .all(|p| p.len() <= 4 + HEADER_CHARS + MAX_PART_CHARS + CRC_CHARS));
        // Parts in any order, in separate pastes joined together.
        let shuffled = [3, 1, 0, 2].map(|i| code.parts[i].clone()).join("\n\n");
        let got = read_codes(&shuffled);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap().answers[0].1.note, long);
        let without = [0, 3].map(|i| code.parts[i].clone()).join("\n");
        let err = read_codes(&without).remove(0).unwrap_err();
        assert_eq!(
            err,
            CodeError::MissingParts {
                parts: 4,
                missing: vec![2, 3]
            }
        );
        assert_eq!(
            err.zh(),
            "这份答卷码共 4 段，缺少第 2、3 段。请把所有段都粘贴进来（可以一次粘贴多段）；现有数据没有任何改动。"
        );
        // A part cut off is reported as cut off, not again as missing.
        let cut = format!(
            "{}\n{}\n{}\n{}",
            code.parts[0],
            &code.parts[1][..100],
            code.parts[2],
            code.parts[3]
        );
        let got = read_codes(&cut);
        assert_eq!(got.len(), 1);
        assert!(matches!(
            got[0],
            Err(CodeError::Truncated {
                part: 2,
                parts: 4,
                ..
            })
        ));
    }

    #[test]
    fn anonymous_and_named_codes_carry_no_respondent() {
        let inv = package(&["a5", "a8"], "pkg1");
        let a = answers(&[("p1", "A", "")]);
        for who in ["a5", "a8"] {
            let f = file(who, &inv, &a);
            let c = read_codes(&encode(&inv, &f).unwrap().text())
                .remove(0)
                .unwrap();
            assert_eq!(c.respondent, None, "{who}");
        }
    }

    /// The figure the issue asks for: 20 level answers, 5 of them with a note of 30 Chinese characters.
    #[test]
    fn the_code_for_twenty_points_with_notes_is_short() {
        use crate::fixtures::{area, indicator, point};
        use crate::framework::PointKind;
        let mut fw = crate::fixtures::framework();
        fw.areas = vec![area(
            "A",
            (0..4)
                .map(|i| {
                    indicator(
                        &format!("A.{i}"),
                        (0..5)
                            .map(|j| point(&format!("A.{i}.{j}"), PointKind::Level))
                            .collect(),
                    )
                })
                .collect(),
        )];
        let mut a = crate::assignment::Assignment::default();
        let d = a.add_department("教务处");
        a.department_mut(&d).unwrap().items = vec!["A".into()];
        let who = a.add_person(Some(&d), "李华", "教务主任");
        let (s, h) = (crate::fixtures::school(), crate::fixtures::header());
        let inv = Invitation::for_assignee(
            &crate::invitation::Issue {
                school: &s,
                header: &h,
                fw: &fw,
                assignment: &a,
                issued_at: "2025-10-08T09:00",
            },
            &who,
            "mwscmqrwb4jy72",
        )
        .unwrap();
        let note = "课程表按规定开齐开足，每周检查一次，记录完整，偶有个别调课。";
        assert_eq!(note.chars().count(), 30);
        let mut ans = crate::evaluation::Answers::default();
        for (k, (_, _, p)) in fw.points().enumerate() {
            let level = ["A", "B", "C", "D"][k % 4];
            ans.apply(
                &fw,
                &p.id,
                crate::evaluation::Edit::Value(Some(AnswerValue::Level(level.into()))),
            )
            .unwrap();
            if k % 4 == 0 {
                ans.apply(&fw, &p.id, crate::evaluation::Edit::Note(note.into()))
                    .unwrap();
            }
        }
        let f = StaffAnswerFile::new(
            &inv,
            &who,
            None,
            &ans,
            Export {
                id: "x",
                token: "t",
                revision: 1,
                at: at(12, 9, 30),
            },
        )
        .unwrap();
        let code = encode(&inv, &f).unwrap();
        let without_notes = {
            let mut g = f.clone();
            g.answers.values_mut().for_each(|a| a.note.clear());
            encode(&inv, &g).unwrap()
        };
        println!(
            "答卷码, 20 level answers + 5 notes of 30 characters: {} characters; without notes: {}; answer file: {} bytes",
            code.len(),
            without_notes.len(),
            f.to_json().len()
        );
        assert_eq!(code.parts.len(), 1);
        // Packed: 5 × (1 + 60) bytes of notes, 20 tag bytes, 21 of header and bitmap = 346 bytes = 462 characters,
        // and 19 of part header and check.
        assert!(code.len() < 500, "{}", code.len());
        assert!(without_notes.len() < 80, "{}", without_notes.len());
        assert_eq!(
            read_codes(&code.text())[0].as_ref().unwrap().answers.len(),
            20
        );
    }
}
