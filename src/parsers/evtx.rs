//! Windows event logs: binary `.evtx` files (read with the `evtx` crate, each record rendered as
//! its XML) and XML exports (`wevtutil qe System /f:xml`, `evtx_dump -o xml`), which write the
//! same `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">` elements. Both
//! paths go through [`parse_event`], so they yield identical records.

use super::lines::decode;
use super::ParseStats;
use jiff::Timestamp;
use std::io::{self, BufRead, Read, Seek, SeekFrom};

/// One event as the log stores it, before any interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawEvent {
    pub provider: String,
    pub id: u32,
    pub level: Option<u8>,
    pub time: Option<Timestamp>,
    pub record_id: Option<u64>,
    pub computer: String,
    pub channel: String,
    /// `<Data Name="...">value</Data>` (and `<UserData>` leaves) in order; unnamed data gets
    /// `None`.
    pub data: Vec<(Option<String>, String)>,
    /// `<Binary>` hex text.
    pub binary: Option<String>,
}

/// Reads one `<Event>` element.
pub(crate) fn parse_event(event: roxmltree::Node) -> Option<RawEvent> {
    let system = event.children().find(|c| c.has_tag_name("System"))?;
    let sys = |name: &str| system.children().find(|c| c.has_tag_name(name));
    let provider = sys("Provider")
        .and_then(|p| {
            p.attribute("Name")
                .or_else(|| p.attribute("EventSourceName"))
        })
        .unwrap_or("")
        .to_string();
    let id = sys("EventID")?.text()?.trim().parse().ok()?;
    let level = sys("Level").and_then(|l| l.text()?.trim().parse().ok());
    let time = sys("TimeCreated")
        .and_then(|t| t.attribute("SystemTime"))
        .and_then(parse_system_time);
    let record_id = sys("EventRecordID").and_then(|r| r.text()?.trim().parse().ok());
    let text_of = |name: &str| {
        sys(name)
            .and_then(|n| n.text())
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let mut data = Vec::new();
    let mut binary = None;
    for section in event
        .children()
        .filter(|c| c.has_tag_name("EventData") || c.has_tag_name("UserData"))
    {
        for d in section
            .descendants()
            .filter(|d| d.is_element() && *d != section)
        {
            if d.has_tag_name("Binary") {
                binary = d.text().map(|t| t.trim().to_string());
            } else if d.has_tag_name("Data") {
                data.push((
                    d.attribute("Name").map(str::to_string),
                    d.text().unwrap_or("").to_string(),
                ));
            } else if section.has_tag_name("UserData") && !d.children().any(|c| c.is_element()) {
                data.push((
                    Some(d.tag_name().name().to_string()),
                    d.text().unwrap_or("").to_string(),
                ));
            }
        }
    }
    // `<RenderingInfo>` (`wevtutil qe /f:RenderedXml`, PowerShell's `ToXml()`) holds the message,
    // level and task names in the exporting machine's display language (ja-JP on Japanese
    // Windows): only the ids and insertion strings above are read.
    Some(RawEvent {
        provider,
        id,
        level,
        time,
        record_id,
        computer: text_of("Computer"),
        channel: text_of("Channel"),
        data,
        binary,
    })
}

/// `2010-11-21T03:55:59.782427Z` (also with 7 fraction digits, as wevtutil writes).
fn parse_system_time(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    s.parse::<Timestamp>().ok().or_else(|| {
        // jiff accepts at most 9 fraction digits; strip any excess and retry.
        let (head, _) = s.split_once('.')?;
        format!("{head}Z").parse().ok()
    })
}

/// The longest `<Event>` element read; a longer one is counted malformed and skipped. Real events
/// are a few KB; the largest `<Binary>` or message fields stay far below this.
pub(crate) const MAX_EVENT: usize = 16 << 20;

/// Reads every `<Event>` element of an XML export, one at a time. wevtutil writes the elements one
/// after the other without a root (evtx_dump adds `Record N` lines and an XML declaration before
/// each), so each element is cut out of the stream and parsed on its own: memory stays bounded by
/// the largest event, whatever the size of the file, and a damaged event costs only itself.
pub(crate) fn read_event_xml(
    mut reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(RawEvent),
) -> io::Result<()> {
    let mut cutter = EventCutter::default();
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        let n = chunk.len();
        cutter.compact();
        cutter.window.extend_from_slice(chunk);
        reader.consume(n);
        while let Some(cut) = cutter.next_event() {
            match cut {
                Ok((line, text)) => event_from_xml(line, &text, stats, &mut sink),
                Err(line) => stats.malformed(
                    line,
                    || crate::tr!("malformed-event-too-large", mib = MAX_EVENT >> 20),
                    b"",
                ),
            }
        }
    }
    if cutter.inside {
        stats.malformed(cutter.event_line, || crate::tr!("malformed-event-cut"), b"");
    }
    Ok(())
}

/// Cuts `<Event>` elements out of a growing window of bytes. Consumed bytes are dropped once per
/// chunk read, not once per event, and searches resume where they stopped, so each byte is looked
/// at and moved a bounded number of times.
#[derive(Default)]
struct EventCutter {
    window: Vec<u8>,
    /// Where the unconsumed bytes start; an element being read starts here.
    start: usize,
    /// Inside an element.
    inside: bool,
    /// Skipping the rest of an element too large to keep.
    skipping: bool,
    /// Where the search for the next marker resumes.
    searched: usize,
    /// The line of the byte at `start`, and of the current element's start.
    line: u64,
    event_line: u64,
}

const START_TAG: &[u8] = b"<Event";
const END_TAG: &[u8] = b"</Event";

/// Whether `after` (the bytes after a tag name) ends the name: whitespace, `>` or `/`. `None` when
/// more bytes are needed to tell.
fn name_ends(after: &[u8]) -> Option<bool> {
    after
        .first()
        .map(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
}

impl EventCutter {
    /// Consumes `n` bytes from `start`, counting their lines.
    fn consume(&mut self, n: usize) {
        let end = self.start + n;
        self.line += memchr::memchr_iter(b'\n', &self.window[self.start..end]).count() as u64;
        self.start = end;
        self.searched = self.searched.max(end);
    }

    /// Drops the consumed bytes, before more are added.
    fn compact(&mut self) {
        self.window.drain(..self.start);
        self.searched -= self.start;
        self.start = 0;
    }

    /// The next complete element with its line, `Err(line)` for one skipped as too large, `None`
    /// when more input is needed.
    fn next_event(&mut self) -> Option<Result<(u64, String), u64>> {
        if self.line == 0 {
            self.line = 1;
        }
        loop {
            if !self.inside {
                match self.find_tag(START_TAG) {
                    Some(found) => {
                        self.consume(found - self.start);
                        self.inside = true;
                        self.skipping = false;
                        self.event_line = self.line;
                        self.searched = self.start + START_TAG.len();
                        continue;
                    }
                    None => {
                        // Nothing before `searched` can start an element any more.
                        self.consume(self.searched - self.start);
                        return None;
                    }
                }
            }
            let Some(end) = self.find_tag(END_TAG) else {
                let held = self.window.len() - self.start;
                if held > MAX_EVENT && !self.skipping {
                    self.skipping = true;
                    return Some(Err(self.event_line));
                }
                if self.skipping {
                    // Keep only what an end tag straddling the next chunk needs.
                    self.consume(self.searched - self.start);
                }
                return None;
            };
            let close = memchr::memchr(b'>', &self.window[end..])? + end + 1;
            let reported = self.skipping;
            let line = self.event_line;
            let text = (!reported && close - self.start <= MAX_EVENT)
                .then(|| decode(&self.window[self.start..close]).into_owned());
            self.consume(close - self.start);
            self.inside = false;
            self.skipping = false;
            match text {
                Some(text) => return Some(Ok((line, text))),
                None if !reported => return Some(Err(line)),
                None => {}
            }
        }
    }

    /// The position of the next `tag` whose name ends there (so `<Event` does not match
    /// `<EventData`), searching from where the last search stopped.
    fn find_tag(&mut self, tag: &[u8]) -> Option<usize> {
        loop {
            let from = self.searched.max(self.start);
            let Some(i) = memchr::memmem::find(&self.window[from..], tag).map(|i| i + from) else {
                self.searched = self.window.len().saturating_sub(tag.len() - 1).max(from);
                return None;
            };
            match name_ends(&self.window[i + tag.len()..]) {
                Some(true) => {
                    self.searched = i;
                    return Some(i);
                }
                Some(false) => self.searched = i + 1,
                None => {
                    self.searched = i;
                    return None;
                }
            }
        }
    }
}

/// Parses one `<Event>` element cut out of an export.
fn event_from_xml(line: u64, text: &str, stats: &mut ParseStats, sink: &mut impl FnMut(RawEvent)) {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    match roxmltree::Document::parse_with_options(text, opts) {
        Ok(doc) => match parse_event(doc.root_element()) {
            Some(raw) => {
                stats.records += 1;
                sink(raw);
            }
            None => stats.malformed(line, || crate::tr!("malformed-event-no-id"), b""),
        },
        Err(e) => stats.malformed(
            line + u64::from(e.pos().row).saturating_sub(1),
            || crate::tr!("malformed-xml", error = e.to_string()),
            b"",
        ),
    }
}

/// Reads a binary `.evtx` file. Every record counts; a damaged or truncated file is read as far
/// as it goes, with a note.
/// The file is read chunk by chunk through `data`, so a file on disk is never held whole.
pub(crate) fn read_evtx<T: Read + Seek + Send>(
    mut data: T,
    stats: &mut ParseStats,
    mut sink: impl FnMut(RawEvent),
) {
    if let Some(note) = truncation(&mut data) {
        stats.note(note);
    }
    let settings = evtx::ParserSettings::new().num_threads(1);
    let mut parser = match evtx::EvtxParser::from_read_seek(data) {
        Ok(p) => p.with_configuration(settings),
        Err(e) => {
            stats.malformed(
                0,
                || crate::tr!("malformed-evtx-unreadable", error = e.to_string()),
                b"",
            );
            return;
        }
    };
    let mut errors = 0u64;
    for (i, record) in parser.records().enumerate() {
        let number = i as u64 + 1;
        match record {
            Ok(r) => {
                stats.records += 1;
                let opts = roxmltree::ParsingOptions {
                    allow_dtd: true,
                    ..Default::default()
                };
                let parsed = roxmltree::Document::parse_with_options(&r.data, opts)
                    .ok()
                    .and_then(|doc| {
                        let event = doc.descendants().find(|n| n.has_tag_name("Event"))?;
                        parse_event(event)
                    });
                match parsed {
                    Some(mut raw) => {
                        raw.record_id = raw.record_id.or(Some(r.event_record_id));
                        sink(raw);
                    }
                    None => stats.malformed(
                        r.event_record_id,
                        || crate::tr!("malformed-evtx-no-id"),
                        b"",
                    ),
                }
            }
            Err(e) => {
                errors += 1;
                stats.malformed(number, || crate::i18n::Text::from(e.to_string()), b"");
            }
        }
    }
    if errors > 0 {
        let records = stats.records;
        stats.note(crate::tr!(
            "note-evtx-damaged",
            errors = errors,
            records = records
        ));
    }
}

/// The file header announces its chunk count (u16 at offset 42); chunks are 64 KiB after a
/// 4 KiB header. A shorter file was cut, and the evtx crate stops quietly at the cut.
fn truncation(data: &mut (impl Read + Seek)) -> Option<crate::i18n::Text> {
    const HEADER: u64 = 4096;
    const CHUNK: u64 = 65536;
    let mut head = [0u8; 44];
    let len = data.seek(SeekFrom::End(0)).ok()?;
    data.seek(SeekFrom::Start(0)).ok()?;
    let read = data.read_exact(&mut head);
    data.seek(SeekFrom::Start(0)).ok()?;
    read.ok()?;
    let chunks = u64::from(u16::from_le_bytes([head[42], head[43]]));
    let expected = HEADER + chunks * CHUNK;
    (len < expected).then(|| {
        crate::tr!(
            "note-evtx-truncated",
            chunks = chunks,
            expected = expected,
            len = len
        )
    })
}

/// The text of a `<Binary>` field that holds a UTF-16LE string, as Service Control Manager
/// writes the service's short name and state (`wuauserv/4`).
pub(crate) fn binary_utf16(hex: &str) -> Option<String> {
    let hex = hex.trim();
    if !hex.len().is_multiple_of(4) || hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return None;
    }
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .filter_map(|i| hex.get(i..i + 2))
        .filter_map(|h| u8::from_str_radix(h, 16).ok())
        .collect();
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    let s = String::from_utf16(&units).ok()?;
    (!s.is_empty() && !s.chars().any(char::is_control)).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wevtutil_output_without_root() {
        let text = concat!(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager'/><EventID Qualifiers='16384'>7036</EventID><Level>4</Level><TimeCreated SystemTime='2024-03-05T09:14:02.1234567Z'/><EventRecordID>42</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer></System><EventData><Data Name='param1'>WSUS Service</Data><Data Name='param2'>stopped</Data><Binary>570073007500730053006500720076006900630065002F0031000000</Binary></EventData></Event>\r\n",
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='X'/></System></Event>\r\n",
        );
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        read_event_xml(text.as_bytes(), &mut stats, |e| out.push(e)).unwrap();
        assert_eq!(stats.records, 1);
        assert_eq!(stats.malformed, 1);
        let e = &out[0];
        assert_eq!(e.id, 7036);
        assert_eq!(e.record_id, Some(42));
        assert_eq!(e.time.unwrap().to_string(), "2024-03-05T09:14:02.1234567Z");
        assert_eq!(e.data[0], (Some("param1".into()), "WSUS Service".into()));
        assert_eq!(
            binary_utf16(e.binary.as_deref().unwrap()).as_deref(),
            Some("WsusService/1")
        );
    }

    #[test]
    fn evtx_dump_output_with_record_headers() {
        let text = "Record 1\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"WAS\"/><EventID>5002</EventID><EventRecordID>1</EventRecordID></System><EventData><Data Name=\"AppPoolID\">WsusPool</Data></EventData></Event>\nRecord 2\n<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\"><System><Provider Name=\"WAS\"/><EventID>5117</EventID><EventRecordID>2</EventRecordID></System></Event>\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        read_event_xml(text.as_bytes(), &mut stats, |e| out.push(e)).unwrap();
        assert_eq!(stats.records, 2);
        assert_eq!(out[1].id, 5117);
    }

    const EVENT: &str = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='WAS'/><EventID>5117</EventID><EventRecordID>{}</EventRecordID></System><EventData><Data Name='AppPoolID'>WsusPool</Data></EventData></Event>\r\n";

    /// Hands out its bytes a few at a time, recording how many it has handed out.
    struct Trickle<'a> {
        data: &'a [u8],
        given: std::rc::Rc<std::cell::Cell<usize>>,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let at = self.given.get();
            let n = buf.len().min(97).min(self.data.len() - at);
            buf[..n].copy_from_slice(&self.data[at..at + n]);
            self.given.set(at + n);
            Ok(n)
        }
    }

    #[test]
    fn an_export_is_read_one_event_at_a_time() {
        let text: String = (0..2000)
            .map(|i| EVENT.replace("{}", &i.to_string()))
            .collect();
        let given = std::rc::Rc::new(std::cell::Cell::new(0));
        let reader = io::BufReader::with_capacity(
            256,
            Trickle {
                data: text.as_bytes(),
                given: given.clone(),
            },
        );
        let mut stats = ParseStats::default();
        let mut ends = text.match_indices("</Event>").map(|(i, _)| i + 8);
        let mut n = 0;
        read_event_xml(reader, &mut stats, |e| {
            let end = ends.next().unwrap();
            // Each event is handed on before the input is read much past its end.
            assert!(
                given.get() <= end + 512,
                "event {n}: read {} for {end}",
                given.get()
            );
            assert_eq!(e.record_id, Some(n));
            n += 1;
        })
        .unwrap();
        assert_eq!(stats.records, 2000);
    }

    #[test]
    fn a_damaged_or_huge_event_costs_only_itself() {
        let good = |i: u64| EVENT.replace("{}", &i.to_string());
        let huge = EVENT.replace("WsusPool", &"x".repeat(MAX_EVENT + 10));
        let text = format!(
            "{}<Event><System><EventID>1</System></Event>\r\n{}{huge}{}<Event><System>",
            good(1),
            good(2),
            good(3)
        );
        let mut stats = ParseStats::default();
        let mut ids = Vec::new();
        read_event_xml(text.as_bytes(), &mut stats, |e| ids.push(e.record_id)).unwrap();
        assert_eq!(ids, [Some(1), Some(2), Some(3)]);
        let reasons: Vec<&str> = stats
            .malformed_examples
            .iter()
            .map(|m| m.reason.en())
            .collect();
        assert_eq!(reasons.len(), 3, "{reasons:?}");
        assert!(reasons[0].starts_with("not well-formed XML"), "{reasons:?}");
        assert_eq!(reasons[1], "event larger than 16 MiB; skipped");
        assert_eq!(reasons[2], "the file ends inside an <Event> element");
        assert_eq!(stats.malformed_examples[0].line, 2);
    }

    #[test]
    fn binary_that_is_not_text() {
        assert_eq!(binary_utf16("0100"), None);
        assert_eq!(binary_utf16("zz00"), None);
        assert_eq!(
            binary_utf16("570069006E0052004D002F0031000000").as_deref(),
            Some("WinRM/1")
        );
    }
}
