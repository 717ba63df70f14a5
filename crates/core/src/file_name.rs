//! File and folder names that are safe on Windows, macOS and in zip tools, made from any text (a user's file
//! name, a point's title, a school's name).
//!
//! A name is reduced to one path component: path separators, drive colons, control and invisible formatting
//! characters (among them the right-to-left override that can disguise `exe` as `gpj`) and the characters
//! Windows forbids become `_`; emoji are dropped, since they cannot be represented in GBK, the encoding older
//! Chinese Windows software uses for file names; leading dots (hidden files, `..`) and trailing dots and spaces
//! (which Windows silently strips, so that two names would collide) are removed; the reserved device names
//! (`CON`, `PRN`, `AUX`, `NUL`, `COM1`…, `LPT1`…, with or without an extension) get a leading `_`; and the
//! length is capped in UTF-16 code units, the unit of Windows' 260-character path limit. Chinese characters,
//! including those outside the Basic Multilingual Plane that appear in people's names, are kept.

use std::collections::BTreeSet;

/// Characters Windows does not allow in a name, besides control characters.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// What a name becomes when nothing usable is left of it.
pub const UNNAMED: &str = "未命名";

/// Invisible characters that change how text is shown: zero-width spaces and joiners, bidirectional
/// overrides and isolates, word joiners, the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// Emoji and pictographs, with the modifiers and selectors that build emoji sequences.
fn is_emoji(c: char) -> bool {
    matches!(c,
        '\u{2600}'..='\u{27BF}'        // miscellaneous symbols, dingbats
        | '\u{2B00}'..='\u{2BFF}'      // arrows and stars such as ⭐
        | '\u{FE00}'..='\u{FE0F}'      // variation selectors
        | '\u{1F000}'..='\u{1FAFF}'    // mahjong … symbols and pictographs extended-A, incl. skin tones
        | '\u{E0000}'..='\u{E007F}'    // tags (flag sequences)
        | '\u{20E3}'                   // combining keycap
    )
}

fn is_unusable(c: char) -> bool {
    c.is_control()
        || FORBIDDEN.contains(&c)
        || matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{10FFFF}' | '\u{FDD0}'..='\u{FDEF}')
        || (c as u32 & 0xFFFE) == 0xFFFE
}

/// Length in UTF-16 code units, the measure of Windows path limits.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// The longest prefix of `s` that fits in `max` UTF-16 code units, never splitting a character.
fn truncate_utf16(s: &str, max: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        used += c.len_utf16();
        if used > max {
            return &s[..i];
        }
    }
    s
}

/// Whether the part before the first dot is a device name Windows reserves (case does not matter; `CON.txt` and
/// `con .txt` are reserved too).
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end_matches(' ');
    let upper = stem.to_ascii_uppercase();
    if matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && rest.len() == 1
        && (rest[0].is_ascii_digit() || matches!(rest[0], '¹' | '²' | '³'))
}

fn trim_edges(s: &str) -> &str {
    s.trim_start_matches(['.', ' '])
        .trim_end_matches(['.', ' '])
}

/// Replaces unusable characters, drops emoji and invisible characters, and collapses runs of spaces and of `_`.
fn clean(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c.is_whitespace() {
            ' '
        } else if is_invisible(c) || is_emoji(c) {
            continue;
        } else if is_unusable(c) {
            '_'
        } else {
            c
        };
        if (c == ' ' || c == '_') && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// One safe path component of at most `max` UTF-16 code units (`max` ≥ 8) made from any text.
pub fn safe_component(text: &str, max: usize) -> String {
    let max = max.max(8);
    let cleaned = clean(text);
    let mut name = trim_edges(truncate_utf16(trim_edges(&cleaned), max)).to_string();
    if name.is_empty() || name.chars().all(|c| c == '_') {
        name = UNNAMED.to_string();
    }
    if is_reserved(&name) {
        name = format!("_{}", trim_edges(truncate_utf16(&name, max - 1)));
    }
    name
}

/// The extension of a file name, lower case, when it is 1–10 ASCII letters and digits (`JPG` → `jpg`); a name
/// such as `.bashrc` or `报告.第三稿` has none.
pub fn extension(name: &str) -> Option<String> {
    let base = last_component(name);
    let (stem, ext) = base.rsplit_once('.')?;
    (!trim_edges(stem).is_empty()
        && (1..=10).contains(&ext.len())
        && ext.bytes().all(|b| b.is_ascii_alphanumeric()))
    .then(|| ext.to_ascii_lowercase())
}

/// The name without any directory part a hostile or foreign file may carry (`C:\a\b.jpg` → `b.jpg`).
pub fn last_component(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The name without directory and extension: the readable part of a user's file name.
pub fn stem(name: &str) -> &str {
    let base = last_component(name);
    match extension(base) {
        Some(ext) => &base[..base.len() - ext.len() - 1],
        None => base,
    }
}

/// A safe file name of at most `max` UTF-16 code units (`max` ≥ 20) from a stem and an extension (see
/// [`extension`]; an unusable extension is left out).
pub fn safe_file_name(stem: &str, ext: &str, max: usize) -> String {
    let max = max.max(20);
    let ext: String = ext
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect::<String>()
        .to_ascii_lowercase();
    if ext.is_empty() {
        return safe_component(stem, max);
    }
    let room = max.saturating_sub(ext.len() + 1).max(8);
    format!("{}.{ext}", safe_component(stem, room))
}

/// Whether a name is one safe path component of at most `max` UTF-16 code units: what [`safe_component`] and
/// [`safe_file_name`] guarantee.
pub fn is_safe_component(name: &str, max: usize) -> bool {
    !name.is_empty()
        && utf16_len(name) <= max
        && !name.starts_with(['.', ' '])
        && !name.ends_with(['.', ' '])
        && !is_reserved(name)
        && name.chars().all(|c| {
            !is_unusable(c) && !is_invisible(c) && !is_emoji(c) && (c == ' ' || !c.is_whitespace())
        })
}

/// Names already used in one folder, compared as Windows and macOS do (ignoring case), so that names which
/// differ only after sanitising or only in case get `(2)`, `(3)`… before the extension.
#[derive(Debug, Clone, Default)]
pub struct UniqueNames {
    taken: BTreeSet<String>,
}

impl UniqueNames {
    /// An empty folder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Claims `name` (already safe, at most `max` UTF-16 code units) or the first free numbered variant of it.
    pub fn claim(&mut self, name: &str, max: usize) -> String {
        if self.taken.insert(name.to_lowercase()) {
            return name.to_string();
        }
        let (stem, ext) = match extension(name) {
            Some(ext) => (&name[..name.len() - ext.len() - 1], format!(".{ext}")),
            None => (name, String::new()),
        };
        for n in 2.. {
            let suffix = format!("({n}){ext}");
            let room = max.saturating_sub(utf16_len(&suffix));
            let candidate = format!("{}{suffix}", trim_edges(truncate_utf16(stem, room)));
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
        }
        unreachable!("some numbered name is always free")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_drive_letters_and_dot_dot_cannot_leave_the_folder() {
        assert_eq!(safe_component("../../etc/passwd", 40), "_.._etc_passwd");
        assert_eq!(safe_component("..", 40), UNNAMED);
        assert_eq!(safe_component(".", 40), UNNAMED);
        assert_eq!(safe_component("/", 40), UNNAMED);
        assert_eq!(
            safe_component("C:\\Windows\\system32", 40),
            "C_Windows_system32"
        );
        assert_eq!(safe_component("/absolute/path", 40), "_absolute_path");
        assert_eq!(safe_component("a<b>c:d\"e|f?g*h", 40), "a_b_c_d_e_f_g_h");
        assert_eq!(safe_component("  .hidden  ", 40), "hidden");
    }

    #[test]
    fn control_and_invisible_characters_are_removed() {
        assert_eq!(
            safe_component("会议\n记录\t2024\u{0}", 40),
            "会议 记录 2024_"
        );
        // A right-to-left override (U+202E) makes "photo<RLO>gpj.exe" look like "photoexe.jpg".
        assert_eq!(safe_component("photo\u{202E}gpj.exe", 40), "photogpj.exe");
        assert_eq!(safe_component("\u{FEFF}零宽\u{200B}空格", 40), "零宽空格");
    }

    #[test]
    fn reserved_windows_names_get_a_prefix() {
        for name in [
            "CON", "con", "PRN", "AUX", "NUL", "COM1", "com9", "LPT1", "LPT9", "COM²",
        ] {
            assert_eq!(safe_component(name, 40), format!("_{name}"), "{name}");
        }
        assert_eq!(safe_file_name("nul", "txt", 40), "_nul.txt");
        assert_eq!(safe_component("CON.tar.gz", 40), "_CON.tar.gz");
        assert_eq!(safe_component("CONSOLE", 40), "CONSOLE");
        assert_eq!(safe_component("COM10", 40), "COM10");
    }

    #[test]
    fn trailing_dots_and_spaces_are_removed() {
        assert_eq!(safe_component("报告. . .", 40), "报告");
        assert_eq!(safe_component("报告   ", 40), "报告");
        assert_eq!(safe_component("...", 40), UNNAMED);
    }

    #[test]
    fn emoji_are_dropped_but_rare_chinese_characters_kept() {
        assert_eq!(safe_component("运动会📷🏃‍♂️照片👍🏽", 40), "运动会照片");
        assert_eq!(safe_component("🇨🇳", 40), UNNAMED);
        // 𠮷 (U+20BB7) is outside the BMP and occurs in names.
        assert_eq!(safe_component("𠮷野家", 40), "𠮷野家");
        assert_eq!(utf16_len("𠮷野家"), 4);
    }

    #[test]
    fn long_names_are_cut_in_utf16_units_keeping_the_extension() {
        let long = "很".repeat(300);
        let name = safe_file_name(&long, "PDF", 40);
        assert_eq!(utf16_len(&name), 40);
        assert!(name.ends_with("很.pdf"));
        let astral = "𠮷".repeat(30);
        let cut = safe_component(&astral, 9);
        assert_eq!(cut, "𠮷".repeat(4), "a surrogate pair is never split");
        assert!(is_safe_component(&name, 40));
    }

    #[test]
    fn extensions_and_stems() {
        assert_eq!(extension("照片.JPG").as_deref(), Some("jpg"));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("报告.第三稿"), None);
        assert_eq!(extension("a.tar.gz").as_deref(), Some("gz"));
        assert_eq!(stem("C:\\Users\\张三\\会议记录.docx"), "会议记录");
        assert_eq!(stem("../x/无扩展名"), "无扩展名");
        assert_eq!(safe_file_name("x", "p/d\\f", 40), "x.pdf");
        assert_eq!(safe_file_name("x", "", 40), "x");
    }

    #[test]
    fn names_equal_after_sanitising_or_in_case_become_unique() {
        let mut names = UniqueNames::new();
        let a = names.claim(&safe_file_name("会议:记录", "pdf", 40), 40);
        let b = names.claim(&safe_file_name("会议/记录", "pdf", 40), 40);
        let c = names.claim(&safe_file_name("会议_记录", "PDF", 40), 40);
        let d = names.claim("README", 40);
        let e = names.claim("readme", 40);
        assert_eq!(
            [a, b, c, d, e],
            [
                "会议_记录.pdf",
                "会议_记录(2).pdf",
                "会议_记录(3).pdf",
                "README",
                "readme(2)"
            ]
        );
        let long = safe_file_name(&"长".repeat(50), "jpg", 20);
        let first = names.claim(&long, 20);
        let second = names.claim(&long, 20);
        assert_ne!(first, second);
        assert!(utf16_len(&second) <= 20 && second.ends_with("(2).jpg"));
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod props {
    use super::*;
    use proptest::prelude::*;

    fn hostile() -> impl Strategy<Value = String> {
        let pieces = prop::collection::vec(
            prop_oneof![
                Just("..".to_string()),
                Just("/".to_string()),
                Just("\\".to_string()),
                Just("C:".to_string()),
                Just("CON".to_string()),
                Just("lpt1".to_string()),
                Just(".".to_string()),
                Just(" ".to_string()),
                Just("📷".to_string()),
                Just("\u{202E}".to_string()),
                Just("\u{0}".to_string()),
                Just("𠮷".to_string()),
                "[a-zA-Z会议记录照片 ._-]{0,12}",
                any::<String>(),
            ],
            0..12,
        );
        pieces.prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn sanitised_names_are_always_safe(text in hostile(), max in 20usize..80) {
            let c = safe_component(&text, max);
            prop_assert!(is_safe_component(&c, max), "{:?} -> {:?}", text, c);
            let f = safe_file_name(&text, "jpg", max);
            prop_assert!(is_safe_component(&f, max), "{:?} -> {:?}", text, f);
        }

        #[test]
        fn claimed_names_are_unique_and_safe(texts in prop::collection::vec(hostile(), 1..30)) {
            let mut names = UniqueNames::new();
            let mut seen = BTreeSet::new();
            for t in &texts {
                let n = names.claim(&safe_file_name(t, "pdf", 30), 30);
                prop_assert!(is_safe_component(&n, 30), "{:?} -> {:?}", t, n);
                prop_assert!(seen.insert(n.to_lowercase()), "duplicate {:?}", n);
            }
        }
    }
}
