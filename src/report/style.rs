//! Terminal styling. Styles are written as ANSI sequences; `anstream` strips them when the output
//! is not a terminal, when `NO_COLOR` is set, or when writing to a file. The text inside a style
//! and the prose that is wrapped may come from evidence, so both go through
//! [`terminal::escape`](super::terminal::escape): the styles are then the only escape sequences
//! in the output.

use super::terminal::escape;
use crate::finding::Status;
use anstyle::{AnsiColor, Style};

pub fn status(s: Status) -> Style {
    let c = match s {
        Status::Fail => AnsiColor::Red,
        Status::Warn => AnsiColor::Yellow,
        Status::Pass => AnsiColor::Green,
        Status::Info => AnsiColor::Cyan,
        Status::Skipped => AnsiColor::BrightBlack,
    };
    Style::new().fg_color(Some(c.into())).bold()
}

pub fn heading() -> Style {
    Style::new().bold().underline()
}

pub fn strong() -> Style {
    Style::new().bold()
}

pub fn dim() -> Style {
    Style::new().fg_color(Some(AnsiColor::BrightBlack.into()))
}

/// `text` wrapped in `style`.
pub fn paint(style: Style, text: &str) -> String {
    format!("{style}{}{style:#}", escape(text))
}

/// Where lines may break: at spaces in text of narrow characters (English: a check id or a path
/// is never split at its hyphens), where Unicode allows in text with wide ones (Japanese has no
/// spaces between words).
fn separator(text: &str) -> textwrap::WordSeparator {
    if textwrap::core::display_width(text) == text.chars().count() {
        textwrap::WordSeparator::AsciiSpace
    } else {
        textwrap::WordSeparator::UnicodeBreakProperties
    }
}

/// `text` wrapped to `width` display columns after `indent` spaces, each line indented; a
/// newline in `text` starts a new paragraph. Evidence in it is escaped first. A Japanese
/// character counts as the two columns it takes.
pub fn wrap(text: &str, indent: usize, width: usize) -> String {
    let text = escape(text);
    let pad = " ".repeat(indent);
    let options = |text: &str| {
        textwrap::Options::new(width.saturating_sub(indent).max(1))
            .word_separator(separator(text))
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false)
    };
    let mut out = String::new();
    for para in text.split('\n') {
        let para = para.split_whitespace().collect::<Vec<_>>().join(" ");
        for line in textwrap::wrap(&para, options(&para)) {
            out.push_str(&pad);
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// `text` on one line of at most `width` display columns, cut at a word boundary (between
/// characters for text without spaces, such as Japanese).
pub fn clip(text: &str, width: usize) -> String {
    let columns = textwrap::core::display_width;
    if columns(text) <= width {
        return text.to_string();
    }
    let lines = textwrap::wrap(
        text,
        textwrap::Options::new(width.saturating_sub(1).max(1))
            .word_separator(separator(text))
            .word_splitter(textwrap::WordSplitter::NoHyphenation)
            .break_words(false),
    );
    match lines.first() {
        // A single word longer than the line is shown whole rather than cut.
        Some(first) if columns(first) < width && !first.is_empty() => {
            format!("{}\u{2026}", first.trim_end())
        }
        _ => text.to_string(),
    }
}

/// `text` followed by spaces up to `width` display columns (`{:<7}` counts characters, and a
/// Japanese character takes two columns).
pub fn pad(text: &str, width: usize) -> String {
    let columns = textwrap::core::display_width(text);
    format!("{text}{}", " ".repeat(width.saturating_sub(columns)))
}

/// Spaces up to `width` display columns followed by `text`: a right-aligned column.
pub fn pad_start(text: &str, width: usize) -> String {
    let columns = textwrap::core::display_width(text);
    format!("{}{text}", " ".repeat(width.saturating_sub(columns)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_padded_by_display_width() {
        assert_eq!(pad("要求", 6), "要求  ");
        assert_eq!(pad_start("要求", 6), "  要求");
        assert_eq!(pad_start("REQUESTS", 4), "REQUESTS");
    }

    #[test]
    fn clip_cuts_between_words_only() {
        assert_eq!(clip("short enough", 20), "short enough");
        assert_eq!(
            clip("server.iis-log: WsusPool answered 503", 30),
            "server.iis-log: WsusPool\u{2026}"
        );
        assert_eq!(
            clip(
                "examples/wsuspool-503/server/W3SVC1/u_ex240312.log:1234",
                10
            ),
            "examples/wsuspool-503/server/W3SVC1/u_ex240312.log:1234"
        );
    }

    #[test]
    fn wrap_respects_width_and_indent() {
        let w = wrap("one two three four five six", 2, 14);
        assert_eq!(w, "  one two\n  three four\n  five six\n");
    }

    #[test]
    fn painted_and_wrapped_text_cannot_carry_escapes_or_lines() {
        let hostile = "x\u{1b}]0;title\u{7}\nFAIL    forged \u{9b}2J\u{202e}";
        let painted = paint(strong(), hostile);
        assert_eq!(
            painted.matches('\u{1b}').count(),
            2,
            "only the style's own: {painted:?}"
        );
        assert!(
            !painted.contains(['\n', '\u{9b}', '\u{202e}', '\u{7}']),
            "{painted:?}"
        );
        let wrapped = wrap(hostile, 4, 100);
        assert_eq!(wrapped.lines().count(), 1, "{wrapped:?}");
        assert!(!wrapped
            .trim_end_matches('\n')
            .contains(|c: char| c.is_control()));
    }
}
