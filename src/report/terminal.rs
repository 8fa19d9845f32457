//! Text that came from evidence, made safe for a terminal or a text file.
//!
//! Evidence is written by others: a registry value, a User-Agent, a zip member's name or a probed
//! server's answer can hold escape sequences (`ESC]0;title`, `ESC[2J`), the one-character C1
//! introducer U+009B, bidirectional overrides (U+202E) that reorder what a reader sees, or a
//! newline that forges a line of the report. [`escape`] shows every such character as a visible
//! escape, so the only control sequences in text output are the styles the renderer adds itself.
//!
//! Notation: a character below U+0080 is written `\xNN` (`\x1b` for ESC, `\x0a` for a newline,
//! `\x7f` for DEL), any other one `\u{NNNN}` (`\u{9b}`, `\u{202e}`), in lower-case hexadecimal as
//! Rust writes them. Tab is kept, as log excerpts are tab-separated. A backslash is not doubled:
//! Windows paths stay readable, so the notation is for reading, not for reversing. The JSON
//! report carries the raw text and the HTML report escapes it for HTML.

use std::borrow::Cow;
use std::fmt::Write;

/// Whether a character must not reach a terminal as it is.
fn is_unsafe(c: char) -> bool {
    match c {
        '\t' => false,
        // C0 controls, DEL and the C1 controls (U+0080..U+009F, which include CSI U+009B).
        c if c.is_control() => true,
        // Bidirectional marks, embeddings, overrides and isolates (Unicode UAX #9), which reorder
        // the text around them.
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => true,
        // Line and paragraph separators: some terminals and viewers break the line there.
        '\u{2028}' | '\u{2029}' => true,
        _ => false,
    }
}

/// `text` with every control, C1 and bidirectional-control character shown as a visible escape.
/// Borrows when there is nothing to escape, which is almost always.
pub fn escape(text: &str) -> Cow<'_, str> {
    let Some(first) = text.find(is_unsafe) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        if !is_unsafe(c) {
            out.push(c);
        } else if (c as u32) < 0x80 {
            let _ = write!(out, "\\x{:02x}", c as u32);
        } else {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_c1_and_bidi_are_shown_visibly() {
        assert_eq!(escape("\u{1b}]0;owned\u{7}"), "\\x1b]0;owned\\x07");
        assert_eq!(escape("\u{1b}[2J"), "\\x1b[2J");
        assert_eq!(escape("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(escape("exe.\u{202e}gpj"), "exe.\\u{202e}gpj");
        assert_eq!(
            escape("b\nFAIL    server.app-pool  FORGED\n.log"),
            "b\\x0aFAIL    server.app-pool  FORGED\\x0a.log"
        );
        assert_eq!(
            escape("cr\r\u{7f}\u{2028}\u{2066}"),
            "cr\\x0d\\x7f\\u{2028}\\u{2066}"
        );
    }

    #[test]
    fn ordinary_text_is_borrowed_untouched() {
        for s in [
            "C:\\Windows\\WindowsUpdate.log",
            "2024-03-05\t10:48:43:109\t 848",
            "ログ ファイル",
            "WsusPool é ü",
            "",
        ] {
            assert!(matches!(escape(s), Cow::Borrowed(b) if b == s), "{s:?}");
        }
    }
}
