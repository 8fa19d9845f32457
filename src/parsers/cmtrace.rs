//! Configuration Manager logs (formats.md §8.2, §8.3):
//!
//! - CMTrace: `<![LOG[message]LOG]!><time="HH:MM:SS.mmm+BIAS" date="MM-DD-YYYY" component="…"
//!   context="" type="1" thread="123" file="x.cpp:10">`; the message may span lines; attributes are
//!   read by name and may be empty or missing.
//! - the older simple format: `message $$<component><MM-DD-YYYY HH:MM:SS.mmm+BIAS><thread=N (0xH)>`.
//!
//! BIAS is minutes with UTC = local + bias (Windows `Bias`), so the offset east of UTC is −bias.
//! A record is one `<![LOG[` (the corpus rule) or one simple-format line.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::values::time::Stamp;
use std::io::{self, BufRead};

/// A message held open longer than this without its `]LOG]!>` is given up (a damaged file must
/// not grow the buffer without bound).
const MAX_RECORD: usize = 1 << 20;

/// One log record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line where the record starts.
    pub line: u64,
    pub message: String,
    pub time: Option<Stamp>,
    pub component: String,
    /// 1 info, 2 warning, 3 error (0 when absent).
    pub severity: u8,
    pub thread: Option<u32>,
    pub file: String,
}

/// Streams CMTrace records.
pub struct Reader<R> {
    lines: LineReader<R>,
    /// Text of the record being assembled and the line it started on.
    pending: Option<(u64, String)>,
    ready: std::collections::VecDeque<Record>,
    done: bool,
    pub stats: ParseStats,
}

impl<R: BufRead> Reader<R> {
    pub fn new(inner: R) -> Self {
        Reader {
            lines: LineReader::new(inner),
            pending: None,
            ready: Default::default(),
            done: false,
            stats: ParseStats::default(),
        }
    }

    /// The next record, `None` at end of input.
    pub fn next_record(&mut self) -> io::Result<Option<Record>> {
        loop {
            if let Some(r) = self.ready.pop_front() {
                return Ok(Some(r));
            }
            if self.done {
                return Ok(None);
            }
            let Some(line) = self.lines.next_line()? else {
                self.done = true;
                if let Some((n, text)) = self.pending.take() {
                    self.stats
                        .note("the last record has no end marker (file cut)");
                    self.emit(n, &text);
                }
                continue;
            };
            let number = line.number;
            let mut bytes = line.bytes;
            if number == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let text = decode(bytes).into_owned();
            self.feed(number, &text);
        }
    }

    fn feed(&mut self, number: u64, text: &str) {
        let mut rest = text;
        if let Some((start, buf)) = &mut self.pending {
            buf.push('\n');
            buf.push_str(rest);
            let start = *start;
            let buf = std::mem::take(buf);
            self.pending = None;
            return self.scan(start, number, &buf);
        }
        if !rest.contains("<![LOG[") {
            rest = rest.trim();
            if rest.is_empty() {
                return;
            }
            match parse_simple(number, rest) {
                Some(r) => {
                    self.stats.records += 1;
                    if let Some(t) = r.time {
                        self.stats.saw_time(t);
                    }
                    self.ready.push_back(r);
                }
                None => self.stats.malformed(
                    number,
                    "neither a CMTrace nor a simple-format record",
                    rest.as_bytes(),
                ),
            }
            return;
        }
        let owned = rest.to_string();
        self.scan(number, number, &owned);
    }

    /// Cuts complete records out of `buf` (which starts on line `start`); keeps an incomplete one
    /// pending.
    fn scan(&mut self, start: u64, current: u64, buf: &str) {
        let mut rest = buf;
        let mut start_line = start;
        loop {
            let Some(open) = rest.find("<![LOG[") else {
                let t = rest.trim();
                if !t.is_empty() {
                    self.stats
                        .malformed(current, "text outside a <![LOG[ record", t.as_bytes());
                }
                return;
            };
            let body = &rest[open..];
            // The record ends at the `>` closing its attribute list after `]LOG]!>`.
            let end = body.find("]LOG]!>").and_then(|m| {
                let attrs = &body[m + 7..];
                let close = attrs.find("\">").map(|i| i + 2).or_else(|| {
                    attrs
                        .strip_prefix("<")
                        .and_then(|a| a.find('>').map(|i| i + 2))
                })?;
                Some(m + 7 + close)
            });
            // A new record starting inside this one means this one was cut.
            let next_open = body.get(7..).and_then(|b| b.find("<![LOG[")).map(|i| i + 7);
            match (end, next_open) {
                (Some(e), n) if n.is_none_or(|n| e <= n) => {
                    self.emit(start_line, &body[..e]);
                    rest = &body[e..];
                    start_line = current;
                }
                (_, Some(n)) => {
                    self.stats.note("some records have no end marker");
                    self.emit(start_line, &body[..n]);
                    rest = &body[n..];
                }
                (None, None) => {
                    if body.len() > MAX_RECORD {
                        self.stats.malformed(
                            start_line,
                            "record without an end marker",
                            body.as_bytes(),
                        );
                        return;
                    }
                    self.pending = Some((start_line, body.to_string()));
                    return;
                }
                _ => return,
            }
        }
    }

    fn emit(&mut self, line: u64, text: &str) {
        self.stats.records += 1;
        let r = parse_cmtrace(line, text);
        if let Some(t) = r.time {
            self.stats.saw_time(t);
        }
        self.ready.push_back(r);
    }
}

/// The value of `name="…"` in an attribute list (case-insensitive name).
fn attr<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let lower = attrs.to_ascii_lowercase();
    let key = format!("{name}=\"");
    let mut from = 0;
    while let Some(i) = lower.get(from..)?.find(&key) {
        let at = from + i;
        let ok = at == 0
            || lower
                .as_bytes()
                .get(at - 1)
                .is_some_and(|b| !b.is_ascii_alphanumeric());
        let v = at + key.len();
        if ok {
            let rest = attrs.get(v..)?;
            return rest.find('"').and_then(|e| rest.get(..e));
        }
        from = v;
    }
    None
}

fn digits_i(s: &str) -> Option<i32> {
    if s.is_empty() || s.len() > 9 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `HH:MM:SS.mmm±BIAS` and `MM-DD-YYYY` into a stamp.
pub fn parse_time(time: &str, date: &str) -> Option<Stamp> {
    let (clock, bias) = match time.find(['+', '-']) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    let mut hms = clock.splitn(3, ':');
    let h = digits_i(hms.next()?)?;
    let m = digits_i(hms.next()?)?;
    let sec_frac = hms.next()?;
    let (s, frac) = sec_frac.split_once('.').unwrap_or((sec_frac, ""));
    let s = digits_i(s)?;
    let frac = frac.get(..frac.len().min(9))?;
    let nanos = if frac.is_empty() {
        0
    } else {
        digits_i(frac)?.checked_mul(10i32.checked_pow(9 - frac.len() as u32)?)?
    };
    let mut d = date.split(['-', '/']);
    let mo = digits_i(d.next()?)?;
    let da = digits_i(d.next()?)?;
    let y = digits_i(d.next()?)?;
    let civil = Stamp::civil_from_parts(
        i16::try_from(y).ok()?,
        i8::try_from(mo).ok()?,
        i8::try_from(da).ok()?,
        i8::try_from(h).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(s).ok()?,
        nanos,
    )?;
    let Some(bias) = bias else {
        return Some(Stamp::local(civil));
    };
    let (sign, n) = bias.split_at(1);
    let minutes = digits_i(n)?;
    // UTC = local + bias, so local is −bias minutes east of UTC (formats.md §8.2).
    let east = if sign == "+" { -minutes } else { minutes };
    Some(Stamp::with_offset(civil, east))
}

/// Parses one complete `<![LOG[…]LOG]!><…>` record.
pub fn parse_cmtrace(line: u64, text: &str) -> Record {
    let body = text.strip_prefix("<![LOG[").unwrap_or(text);
    let (message, attrs) = match body.find("]LOG]!>") {
        Some(i) => (&body[..i], &body[i + 7..]),
        None => (body, ""),
    };
    let time = attr(attrs, "time")
        .zip(attr(attrs, "date"))
        .and_then(|(t, d)| parse_time(t, d));
    Record {
        line,
        message: message.trim_end_matches(['\r', '\n']).to_string(),
        time,
        component: attr(attrs, "component").unwrap_or("").to_string(),
        severity: attr(attrs, "type")
            .and_then(|t| t.parse().ok())
            .unwrap_or(0),
        thread: attr(attrs, "thread").and_then(|t| t.parse().ok()),
        file: attr(attrs, "file").unwrap_or("").to_string(),
    }
}

/// Parses `message $$<component><MM-DD-YYYY HH:MM:SS.mmm+BIAS><thread=N (0xH)>`.
pub fn parse_simple(line: u64, text: &str) -> Option<Record> {
    let i = text.rfind("$$<")?;
    let message = text[..i].trim_end().trim_end_matches('~').trim_end();
    let mut parts = text[i + 3..].split("><");
    let component = parts.next()?.to_string();
    let when = parts.next()?;
    let thread = parts.next().and_then(|t| {
        let t = t.strip_prefix("thread=")?;
        t.split_whitespace().next()?.parse().ok()
    });
    let (date, time) = when.split_once(' ')?;
    Some(Record {
        line,
        message: message.to_string(),
        time: parse_time(time.trim_end_matches('>'), date),
        component,
        severity: 0,
        thread,
        file: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(input: &str) -> (Vec<Record>, ParseStats) {
        let mut r = Reader::new(input.as_bytes());
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            out.push(rec);
        }
        (out, r.stats)
    }

    #[test]
    fn one_line_record_with_bias() {
        let (r, s) = all("<![LOG[WSUS Path='http://cm01.corp.example.com:8530', Server='CM01.CORP.EXAMPLE.COM', Version='38']LOG]!><time=\"12:18:09.640+480\" date=\"01-20-2014\" component=\"LocationServices\" context=\"\" type=\"1\" thread=\"3456\" file=\"\">\n");
        assert_eq!(s.records, 1);
        assert_eq!(r[0].component, "LocationServices");
        assert_eq!(r[0].thread, Some(3456));
        assert_eq!(
            r[0].time.unwrap().to_string(),
            "2014-01-20T12:18:09.640-08:00"
        );
        assert!(r[0].message.starts_with("WSUS Path="));
    }

    #[test]
    fn multi_line_messages_and_negative_bias() {
        let (r, s) = all("<![LOG[first\nsecond line\n]LOG]!><time=\"08:00:00.000-330\" date=\"11-28-2014\" component=\"X\" context=\"\" type=\"3\" thread=\"1\" file=\"a.cpp:1\">\n<![LOG[next]LOG]!><time=\"08:00:01.000+000\" date=\"11-28-2014\" component=\"X\" context=\"\" type=\"\" thread=\"\" file=\"\">");
        assert_eq!(s.records, 2);
        assert_eq!(r[0].message, "first\nsecond line");
        assert_eq!(r[0].severity, 3);
        assert_eq!(r[0].time.unwrap().to_string(), "2014-11-28T08:00:00+05:30");
        assert_eq!(r[1].thread, None);
        assert_eq!(r[1].time.unwrap().to_string(), "2014-11-28T08:00:01+00:00");
    }

    #[test]
    fn cut_records_still_count() {
        let (r, s) = all("<![LOG[cut here\n<![LOG[whole]LOG]!><time=\"08:00:00.000+00\" date=\"1-2-2020\" component=\"X\">\n<![LOG[end of file");
        assert_eq!(s.records, 3);
        assert_eq!(r[1].message, "whole");
        assert!(
            r[1].time.is_some(),
            "unpadded dates and a 2-digit bias are accepted"
        );
    }

    #[test]
    fn simple_format() {
        let (r, s) = all("Successfully connected to local WSUS server $$<SMS_WSUS_CONTROL_MANAGER><02-15-2020 14:26:10.093+480><thread=6104 (0x17D8)>\n");
        assert_eq!(s.records, 1);
        assert_eq!(r[0].component, "SMS_WSUS_CONTROL_MANAGER");
        assert_eq!(r[0].thread, Some(6104));
        assert_eq!(r[0].message, "Successfully connected to local WSUS server");
        assert!(r[0].time.is_some());
    }

    #[test]
    fn never_panics() {
        for s in [
            "<![LOG[",
            "]LOG]!><",
            "<![LOG[x]LOG]!><time=\"99:99\" date=\"\">",
            "$$<",
            "x $$<a><b c><thread=",
            "<![LOG[\u{0627}]LOG]!><time=\"1:2:3.\u{0663}+1\" date=\"1-1-1\">",
        ] {
            let _ = all(s);
        }
    }
}
