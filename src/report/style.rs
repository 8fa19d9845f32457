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

/// Wraps prose at `width` columns, indenting every line by `indent` spaces.
/// A newline inside `text` is shown escaped, not followed, so evidence cannot start a line.
pub fn wrap(text: &str, indent: usize, width: usize) -> String {
    let text = escape(text);
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for para in text.split('\n') {
        let mut line = String::new();
        for word in para.split_whitespace() {
            if !line.is_empty() && indent + line.chars().count() + 1 + word.chars().count() > width
            {
                out.push_str(&pad);
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&pad);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
