//! One module per evidence format. Every parser reads from a reader or a byte slice handed to it
//! (never opening files itself), streams, never panics, and reports what it could not read as
//! [`Malformed`] entries with line numbers instead of failing the whole file.

pub mod appcmd;
pub(crate) mod apphost_config;
pub mod certificate;
pub mod cmtrace;
pub mod evtx;
pub mod hotfix;
pub mod httperr;
pub(crate) mod iis_w3c;
pub mod ipconfig;
pub mod lines;
pub(crate) mod netsh_proxy;
pub(crate) mod netsh_sslcert;
pub(crate) mod reg_export;
pub(crate) mod reg_query;
pub(crate) mod sc_query;
pub(crate) mod scan_status;
pub(crate) mod service_list;
pub(crate) mod software_distribution;
pub mod windowsupdate;
pub(crate) mod winhttp_settings;

use crate::i18n::Text;
use crate::values::time::Stamp;
use serde::Serialize;

/// How many malformed lines are kept as examples; the rest are only counted.
pub(crate) const MALFORMED_EXAMPLES: usize = 5;
/// The longest excerpt of a malformed line kept for the report.
pub(crate) const EXCERPT_CHARS: usize = 160;

/// A line or record that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Malformed {
    /// 1-based line number (for binary formats: the record number).
    pub line: u64,
    pub reason: Text,
    pub excerpt: String,
}

/// What parsing one file produced, for the inventory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ParseStats {
    /// Records parsed.
    pub records: u64,
    /// Lines or records that could not be parsed.
    pub malformed: u64,
    /// The first few malformed lines, with their numbers.
    pub malformed_examples: Vec<Malformed>,
    /// Earliest and latest record time, where the format has times.
    pub first_time: Option<Stamp>,
    pub last_time: Option<Stamp>,
    /// Observations about the file: encoding, field layouts seen, truncation.
    pub notes: Vec<crate::i18n::Text>,
}

impl ParseStats {
    /// Counts a malformed line and keeps it as an example while there is room. The reason is
    /// only worded for the examples kept: a file of garbage has millions of malformed lines.
    pub fn malformed(&mut self, line: u64, reason: impl FnOnce() -> Text, text: &[u8]) {
        self.malformed += 1;
        if self.malformed_examples.len() < MALFORMED_EXAMPLES {
            self.malformed_examples.push(Malformed {
                line,
                reason: reason(),
                excerpt: excerpt(text),
            });
        }
    }

    /// [`Self::malformed`] for a line a record parser rejected with one of its fixed reasons
    /// (a message id: `malformed-time`).
    pub(crate) fn rejected(&mut self, line: u64, reason_id: &'static str, text: &[u8]) {
        self.malformed(line, || Text::new(reason_id, vec![]), text);
    }

    /// Widens the time span to include `t`.
    pub(crate) fn saw_time(&mut self, t: Stamp) {
        if self.first_time.is_none_or(|f| t.civil < f.civil) {
            self.first_time = Some(t);
        }
        if self.last_time.is_none_or(|l| t.civil > l.civil) {
            self.last_time = Some(t);
        }
    }

    /// Adds a note once.
    pub fn note(&mut self, note: impl Into<crate::i18n::Text>) {
        let note = note.into();
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }
}

/// A printable, bounded excerpt of a line: lossy UTF-8, control characters shown as `\xNN` (C1
/// ones as `\u{NN}`).
pub fn excerpt(text: &[u8]) -> String {
    let s = String::from_utf8_lossy(text);
    let mut out = String::new();
    for (i, c) in s.trim_end_matches(['\r', '\n']).chars().enumerate() {
        if i >= EXCERPT_CHARS {
            out.push('…');
            break;
        }
        // The notation of `report::terminal::escape`, which the text report applies on top.
        if c.is_control() && c != '\t' && (c as u32) < 0x80 {
            out.push_str(&format!("\\x{:02x}", c as u32));
        } else if c.is_control() && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Asserts that parsing the input `make(lines)` builds allocates memory in proportion to its
/// size: twice the lines must cost less than three times the bytes allocated (a quadratic cost
/// would take four), and no more than 16 bytes per byte of input. Bytes allocated are counted on
/// this thread only, so parallel tests do not disturb the figure.
#[cfg(test)]
pub(crate) fn assert_linear_allocation(make: impl Fn(usize) -> String, parse: impl Fn(&str)) {
    let traffic = |lines: usize| {
        let input = make(lines);
        let info = allocation_counter::measure(|| parse(&input));
        (info.bytes_total, input.len() as u64)
    };
    let (small, input) = traffic(20_000);
    let (large, _) = traffic(40_000);
    assert!(
        large < 3 * small,
        "twice the lines cost {large} bytes allocated against {small}: not linear"
    );
    assert!(
        small < 16 * input,
        "{small} bytes allocated for {input} of input"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_examples_are_kept() {
        let mut s = ParseStats::default();
        for i in 0..10 {
            s.malformed(i, || Text::from("bad"), b"x");
        }
        assert_eq!(s.malformed, 10);
        assert_eq!(s.malformed_examples.len(), MALFORMED_EXAMPLES);
    }

    #[test]
    fn excerpts_are_bounded_and_printable() {
        let long = vec![b'a'; 1000];
        assert_eq!(excerpt(&long).chars().count(), EXCERPT_CHARS + 1);
        assert_eq!(excerpt(b"a\x01b\r\n"), "a\\x01b");
        assert_eq!(excerpt(b"\xff\xfe"), "\u{fffd}\u{fffd}");
        assert_eq!(excerpt("a\u{9b}b".as_bytes()), "a\\u{9b}b");
    }
}
