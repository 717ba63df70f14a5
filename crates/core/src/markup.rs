//! Escaping user text for the markup this tool writes (HTML, and the XML of Word and spreadsheet files), so
//! that every writer escapes the same way and none can forget a character.

/// Appends `s` escaped for element content and attribute values of HTML or XML to `out`. `apostrophe` is how
/// `'` is written (`&#39;` for HTML, `&apos;` for XML). Control characters other than tab and line breaks are
/// dropped, as are U+FFFE and U+FFFF: XML 1.0 cannot carry them at all, and in HTML they only do harm.
pub fn escape_into(s: &str, apostrophe: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str(apostrophe),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

/// `s` escaped as by [`escape_into`].
pub fn escape(s: &str, apostrophe: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_into(s, apostrophe, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters() {
        assert_eq!(
            escape("<a href=\"x\">'&'</a>", "&#39;"),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(
            escape("a\u{1}\u{7f}\u{9c}\u{fffe}b\tc\nd", "&apos;"),
            "ab\tc\nd"
        );
        assert_eq!(escape("中文\u{200f}", "&apos;"), "中文\u{200f}");
    }
}
