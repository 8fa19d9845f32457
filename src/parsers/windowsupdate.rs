//! WindowsUpdate.log in both layouts (formats.md §6):
//!
//! - legacy text log (Windows XP … 8.1 / Server 2012 R2):
//!   `2018-10-02<TAB>10:48:20:628<TAB> 408<TAB>828<TAB>Misc<TAB>text` — milliseconds after a colon,
//!   hexadecimal thread id, local time whose offset the `Logging initialized (… tz: +0300)` banner
//!   states. Microsoft's articles print the same lines with spaces (§6.1, B4, B10).
//! - `Get-WindowsUpdateLog` output (Windows 10+):
//!   `2021/07/13 10:22:58.9553434 3696  8172  Agent           message` — seven fractional digits,
//!   decimal ids, padded columns, local time without a zone (§6.2). Real files also use `-` and `.`
//!   as date separators and collapse the padding to single spaces.
//!
//! A record is a line that starts with a date (the corpus rule). Other non-empty lines are the
//! continuation of the previous record (wrapped messages) or, before any record, malformed.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::evidence::sniff::date_prefix;
use jiff::civil::DateTime;
use std::io::{self, BufRead};

/// Which of the two layouts a record was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `HH:MM:SS:mmm`, local time with the offset of the last `tz:` banner.
    Legacy,
    /// `HH:MM:SS.fffffff`, local time of an unknown zone.
    Etw,
}

/// One record (one dated line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    /// 1-based line number.
    pub line: u64,
    pub layout: Layout,
    /// The civil time as written; `None` when the time column is unreadable.
    pub time: Option<DateTime>,
    pub pid: String,
    /// Thread id as written (hexadecimal in the legacy log, decimal in the ETW output).
    pub tid: String,
    pub component: String,
    /// The message, without the stray `""` that `Get-WindowsUpdateLog` leaves after URLs.
    pub message: String,
}

/// What a line turned out to be.
#[derive(Debug)]
pub enum Item {
    Record(Record),
    /// A non-empty line without a date after a record: part of the previous message.
    Continuation {
        text: String,
    },
}

/// Streams the records of a WindowsUpdate.log.
pub(crate) struct Reader<R> {
    lines: LineReader<R>,
    seen_record: bool,
    continuations: u64,
    /// Parsing figures for the inventory.
    pub stats: ParseStats,
}

impl<R: BufRead> Reader<R> {
    pub fn new(inner: R) -> Self {
        Reader {
            lines: LineReader::new(inner),
            seen_record: false,
            continuations: 0,
            stats: ParseStats::default(),
        }
    }

    /// The next record or continuation line; `None` at end of input.
    pub(crate) fn next_item(&mut self) -> io::Result<Option<Item>> {
        loop {
            let Some(line) = self.lines.next_line()? else {
                if self.continuations > 0 {
                    let count = self.continuations;
                    self.stats
                        .note(crate::tr!("note-wu-continuations", count = count));
                }
                return Ok(None);
            };
            let mut bytes = line.bytes;
            if line.number == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if date_prefix(bytes).is_some() {
                let text = decode(bytes);
                let record = parse_record(line.number, &text);
                self.stats.records += 1;
                self.seen_record = true;
                if record.time.is_none() {
                    self.stats.note(crate::tr!("note-wu-unreadable-time"));
                }
                return Ok(Some(Item::Record(record)));
            }
            if self.seen_record {
                self.continuations += 1;
                return Ok(Some(Item::Continuation {
                    text: decode(bytes).into_owned(),
                }));
            }
            self.stats
                .malformed(line.number, || crate::tr!("malformed-wu-no-date"), bytes);
        }
    }
}

fn two(b: &[u8]) -> Option<i8> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(((a - b'0') * 10 + (c - b'0')) as i8)
        }
        _ => None,
    }
}

fn number(b: &[u8]) -> Option<i32> {
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(b).ok()?.parse().ok()
}

/// Parses `HH:MM:SS:mmm` (legacy) or `HH:MM:SS.fffffff` (ETW) on a given date.
fn parse_time(date: &[u8], time: &[u8]) -> Option<(DateTime, Layout)> {
    let year = i16::try_from(number(date.get(..4)?)?).ok()?;
    let month = two(date.get(5..7)?)?;
    let day = two(date.get(8..10)?)?;
    let hour = two(time.get(..2)?)?;
    let minute = two(time.get(3..5)?)?;
    let second = two(time.get(6..8)?)?;
    if time.get(2) != Some(&b':') || time.get(5) != Some(&b':') {
        return None;
    }
    let (layout, frac) = match time.get(8) {
        Some(b':') => (Layout::Legacy, time.get(9..)?),
        Some(b'.') => (Layout::Etw, time.get(9..)?),
        None => (Layout::Etw, &b""[..]),
        _ => return None,
    };
    let digits = frac.get(..frac.len().min(9))?;
    let nanos = if digits.is_empty() {
        0
    } else {
        let n = number(digits)?;
        let scale = 10i32.checked_pow(9 - digits.len() as u32)?;
        n.checked_mul(scale)?
    };
    let civil = crate::values::time::Stamp::civil_from_parts(
        year, month, day, hour, minute, second, nanos,
    )?;
    Some((civil, layout))
}

/// Splits off the next whitespace-separated column.
fn column(s: &str) -> (&str, &str) {
    let s = s.trim_start_matches([' ', '\t']);
    match s.find([' ', '\t']) {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

/// Parses one dated line leniently: what cannot be read stays in the message.
pub(crate) fn parse_record(line: u64, text: &str) -> Record {
    let bytes = text.as_bytes();
    let date = bytes.get(..10).unwrap_or_default();
    let rest = text.get(10..).unwrap_or_default();
    let (time_col, after_time) = column(rest);
    let parsed = parse_time(date, time_col.as_bytes());
    let layout = parsed.map_or(Layout::Etw, |(_, l)| l);
    let mut record = Record {
        line,
        layout,
        time: parsed.map(|(t, _)| t),
        pid: String::new(),
        tid: String::new(),
        component: String::new(),
        message: String::new(),
    };
    if parsed.is_none() {
        record.message = rest.trim().to_string();
        return record;
    }
    let (pid, after_pid) = column(after_time);
    let (tid, after_tid) = column(after_pid);
    let is_id = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit());
    if !is_id(pid) || !is_id(tid) {
        record.message = after_time.trim().to_string();
        return record;
    }
    let (component, message) = column(after_tid);
    record.pid = pid.to_string();
    record.tid = tid.to_string();
    record.component = component.to_string();
    record.message = clean_message(message.trim_start_matches([' ', '\t']));
    record
}

/// Drops the `""` that `Get-WindowsUpdateLog` appends to URLs (real: `client.asmx""`,
/// formats.md §6.2) and trailing whitespace; keeps everything else as written.
fn clean_message(m: &str) -> String {
    m.trim_end().replace("\"\"", "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &[u8]) -> (Vec<Item>, ParseStats) {
        let mut r = Reader::new(input);
        let mut items = Vec::new();
        while let Some(i) = r.next_item().unwrap() {
            items.push(i);
        }
        (items, r.stats)
    }

    fn record(text: &str) -> Record {
        parse_record(1, text)
    }

    #[test]
    fn legacy_tab_separated_line() {
        let r = record(
            "2018-10-02\t10:50:10:464\t 408\t12cc\tMisc\tWARNING: Send failed with hr = 80072ee2.",
        );
        assert_eq!(r.layout, Layout::Legacy);
        assert_eq!(r.time.unwrap().to_string(), "2018-10-02T10:50:10.464");
        assert_eq!((r.pid.as_str(), r.tid.as_str()), ("408", "12cc"));
        assert_eq!(r.component, "Misc");
        assert_eq!(r.message, "WARNING: Send failed with hr = 80072ee2.");
    }

    #[test]
    fn legacy_message_keeps_its_indent_marker() {
        let r =
            record("2018-10-02\t10:49:06:951\t 408\t828\tAgent\t  * WSUS server: http://w:8530");
        assert_eq!(r.message.trim_start(), "* WSUS server: http://w:8530");
    }

    #[test]
    fn etw_layouts_with_each_date_separator() {
        for date in ["2021/07/13", "2021-07-13", "2021.07.13"] {
            let r = record(&format!(
                "{date} 10:22:58.9553434 3696  8172  Agent           WU client version 10.0.17763.1852"
            ));
            assert_eq!(r.layout, Layout::Etw);
            assert_eq!(r.time.unwrap().subsec_nanosecond(), 955_343_400);
            assert_eq!(r.component, "Agent");
            assert_eq!(r.message, "WU client version 10.0.17763.1852");
        }
    }

    #[test]
    fn stray_quotes_after_urls_are_dropped() {
        let r = record("2022/06/29 14:33:33.1215951 9860  18344 Misc            Got WSUS Client/Server URL: https://s:8531/ClientWebService/client.asmx\"\"");
        assert!(r.message.ends_with("client.asmx"));
    }

    #[test]
    fn impossible_or_placeholder_times_stay_records() {
        let r = record("2024-02-30\t10:00:00:000\t 1\t2\tAgent\tx");
        assert!(r.time.is_none());
        let r = record("2024/02/03 Time 788 ee4 PT x");
        assert!(r.time.is_none());
        assert!(r.message.contains("788 ee4"));
    }

    #[test]
    fn bom_continuations_and_leading_garbage() {
        let input = b"garbage\n\xEF\xBB\xBF2025/01/04 14:44:39.7026250 6212  6960  Agent  a\n  wrapped\n\n2025/01/04 14:44:39.7026250 6212  6960  Agent  b";
        let (items, stats) = all(input);
        assert_eq!(stats.records, 1, "a BOM is only stripped on line 1");
        assert_eq!(stats.malformed, 3);
        let input = b"\xEF\xBB\xBF2025/01/04 14:44:39.7026250 6212  6960  Agent  a\r\n  wrapped\r\n2025/01/04 14:44:39.7026250 6212  6960  Agent  b";
        let (items2, stats2) = all(input);
        assert_eq!(stats2.records, 2);
        assert!(matches!(&items2[1], Item::Continuation { text } if text.contains("wrapped")));
        assert!(stats2.notes.iter().any(|n| n.contains("1 line(s)")));
        assert_eq!(items.len(), 1);
    }

    #[test]
    fn never_panics_on_short_or_odd_lines() {
        for s in [
            "2024-01-01",
            "2024-01-01\t",
            "2024-01-01 1",
            "2024-01-01 99:99:99:9999999999",
            "2024/01/01 10:00:00.\u{0627} \u{200f}",
        ] {
            let _ = record(s);
        }
    }
}
