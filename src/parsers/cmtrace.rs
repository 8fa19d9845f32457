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
pub(crate) struct Record {
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
pub(crate) struct Reader<R> {
    lines: LineReader<R>,
    /// The record being assembled, when it spans lines.
    pending: Option<Pending>,
    ready: std::collections::VecDeque<Record>,
    done: bool,
    pub stats: ParseStats,
}

const OPEN: &[u8] = b"<![LOG[";
const END: &[u8] = b"]LOG]!>";

/// The first occurrence of a marker at or after a lower bound that only moves forward, in a
/// buffer that only grows: each byte is searched about once, whatever the number of lines a record
/// spans or records a line holds.
#[derive(Default)]
struct Seek {
    hit: Option<usize>,
    /// The buffer length when the last search found nothing.
    scanned: usize,
}

impl Seek {
    fn find(&mut self, hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
        if let Some(h) = self.hit {
            if h >= from {
                return Some(h);
            }
            self.hit = None;
            self.scanned = 0;
        }
        // A marker may straddle the end of the text searched last time.
        let start = from.max(self.scanned.saturating_sub(needle.len() - 1));
        self.hit = hay
            .get(start..)
            .and_then(|tail| memchr::memmem::find(tail, needle))
            .map(|i| i + start);
        if self.hit.is_none() {
            self.scanned = hay.len();
        }
        self.hit
    }
}

/// Text holding an open record at `from` (the text before it was consumed): the line it started
/// on and the searches for its end.
#[derive(Default)]
struct Pending {
    start: u64,
    buf: String,
    from: usize,
    open: Seek,
    end: Seek,
    quote_close: Seek,
    angle_close: Seek,
}

/// Where the open record stops.
enum Cut {
    /// The record ends here (after its attribute list).
    Complete(usize),
    /// Another record starts here before this one ended: this one was cut.
    Interrupted(usize),
}

impl Pending {
    fn new(start: u64, text: &str) -> Self {
        Pending {
            start,
            buf: text.to_string(),
            ..Default::default()
        }
    }

    /// A record ends at the `>` closing its attribute list after `]LOG]!>`: the first `">`, else
    /// the `>` of a list opened with `<`. A `<![LOG[` before that end means the record was cut.
    fn cut(&mut self) -> Option<Cut> {
        let b = self.buf.as_bytes();
        let next = self.open.find(b, OPEN, self.from + OPEN.len());
        let end = self.end.find(b, END, self.from).and_then(|m| {
            let attrs = m + END.len();
            self.quote_close
                .find(b, b"\">", attrs)
                .map(|i| i + 2)
                .or_else(|| {
                    (b.get(attrs) == Some(&b'<'))
                        .then(|| self.angle_close.find(b, b">", attrs + 1).map(|i| i + 1))
                        .flatten()
                })
        });
        match (end, next) {
            (Some(e), Some(n)) if n < e => Some(Cut::Interrupted(n)),
            (Some(e), _) => Some(Cut::Complete(e)),
            (None, Some(n)) => Some(Cut::Interrupted(n)),
            (None, None) => None,
        }
    }
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
    pub(crate) fn next_record(&mut self) -> io::Result<Option<Record>> {
        loop {
            if let Some(r) = self.ready.pop_front() {
                return Ok(Some(r));
            }
            if self.done {
                return Ok(None);
            }
            let Some(line) = self.lines.next_line()? else {
                self.done = true;
                if let Some(p) = self.pending.take() {
                    self.stats.note(crate::tr!("note-cmtrace-cut"));
                    self.emit(p.start, &p.buf[p.from..]);
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
        if let Some(mut p) = self.pending.take() {
            p.buf.push('\n');
            p.buf.push_str(text);
            return self.settle(p, number);
        }
        let Some(open) = text.find("<![LOG[") else {
            let rest = text.trim();
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
                    || crate::tr!("malformed-cmtrace-record"),
                    rest.as_bytes(),
                ),
            }
            return;
        };
        self.settle(Pending::new(number, &text[open..]), number);
    }

    /// Emits every record of `p` whose end (or the start of the next) is in sight, all of them
    /// after the first on line `current`; keeps the last, incomplete one pending within
    /// [`MAX_RECORD`].
    fn settle(&mut self, mut p: Pending, current: u64) {
        loop {
            let stop = match p.cut() {
                Some(Cut::Complete(e)) => e,
                Some(Cut::Interrupted(n)) => {
                    self.stats.note(crate::tr!("note-cmtrace-no-end"));
                    n
                }
                None if p.buf.len() - p.from > MAX_RECORD => {
                    let text = &p.buf.as_bytes()[p.from..];
                    self.stats
                        .malformed(p.start, || crate::tr!("malformed-cmtrace-no-end"), text);
                    return;
                }
                None => {
                    if p.from > 0 {
                        // Only the open record is kept; it lies within the current line.
                        p = Pending::new(p.start, &p.buf[p.from..]);
                    }
                    self.pending = Some(p);
                    return;
                }
            };
            self.emit(p.start, &p.buf[p.from..stop]);
            p.start = current;
            match p.open.find(p.buf.as_bytes(), OPEN, stop) {
                Some(next) => p.from = next,
                None => {
                    let t = p.buf[stop..].trim();
                    if !t.is_empty() {
                        self.stats.malformed(
                            current,
                            || crate::tr!("malformed-cmtrace-outside"),
                            t.as_bytes(),
                        );
                    }
                    return;
                }
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
pub(crate) fn parse_time(time: &str, date: &str) -> Option<Stamp> {
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
pub(crate) fn parse_cmtrace(line: u64, text: &str) -> Record {
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
pub(crate) fn parse_simple(line: u64, text: &str) -> Option<Record> {
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
    fn records_sharing_lines_and_spanning_them() {
        let (r, s) = all(concat!(
            "<![LOG[a]LOG]!><time=\"08:00:00.000+00\" date=\"1-2-2020\" component=\"X\"><![LOG[b\n",
            "still b]LOG]!><time=\"08:00:01.000+00\" date=\"1-2-2020\" component=\"Y\"><![LOG[c]LOG]!><time=\"08:00:02.000+00\" date=\"1-2-2020\" component=\"Z\"> trailing\n",
            "<![LOG[d]LOG]!><\ntime=\"x\">\n",
        ));
        let got: Vec<(&str, u64, &str)> = r
            .iter()
            .map(|r| (r.message.as_str(), r.line, r.component.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a", 1, "X"),
                ("b\nstill b", 1, "Y"),
                ("c", 2, "Z"),
                ("d", 3, "")
            ]
        );
        assert_eq!(s.records, 4);
        assert_eq!(s.malformed, 1, "the text after the last record of line 2");
        assert_eq!(s.malformed_examples[0].line, 2);
    }

    #[test]
    fn an_unterminated_record_costs_linear_memory_traffic() {
        // One `<![LOG[` never closed, then many short lines: each line used to copy the whole
        // record held so far (and search it again), quadratic in the number of lines.
        let input = |lines: usize| {
            let mut text = String::from("<![LOG[start of a record that never ends\n");
            for i in 0..lines {
                text.push_str(&format!("line {i}\n"));
            }
            text
        };
        crate::parsers::assert_linear_allocation(input, |text| {
            let _ = all(text);
        });
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
