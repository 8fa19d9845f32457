//! Windows event logs: binary `.evtx` files (read with the `evtx` crate, each record rendered as
//! its XML) and XML exports (`wevtutil qe System /f:xml`, `evtx_dump -o xml`), which write the
//! same `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">` elements. Both
//! paths go through [`parse_event`], so they yield identical records.

use super::ParseStats;
use jiff::Timestamp;

/// One event as the log stores it, before any interpretation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
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
pub fn parse_event(event: roxmltree::Node) -> Option<RawEvent> {
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

/// Reads every `<Event>` element of an XML export. wevtutil writes the elements one after the
/// other without a root, so the text is wrapped in one before parsing.
pub fn read_event_xml(text: &str, stats: &mut ParseStats, mut sink: impl FnMut(RawEvent)) {
    // evtx_dump writes `Record N` and an XML declaration before each event; declarations may
    // only open a document, so all are dropped (the text between events is ignored).
    let body = text.trim_start_matches('\u{feff}');
    let mut wrapped = String::with_capacity(body.len() + 20);
    wrapped.push_str("<wrapper>");
    let mut rest = body;
    while let Some(start) = rest.find("<?xml") {
        wrapped.push_str(&rest[..start]);
        rest = match rest[start..].find("?>") {
            Some(end) => &rest[start + end + 2..],
            None => "",
        };
    }
    wrapped.push_str(rest);
    wrapped.push_str("</wrapper>");
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = match roxmltree::Document::parse_with_options(&wrapped, opts) {
        Ok(d) => d,
        Err(e) => {
            stats.malformed(
                u64::from(e.pos().row),
                format!("not well-formed XML: {e}"),
                b"",
            );
            return;
        }
    };
    for (i, event) in doc
        .descendants()
        .filter(|n| n.has_tag_name("Event"))
        .enumerate()
    {
        match parse_event(event) {
            Some(raw) => {
                stats.records += 1;
                sink(raw);
            }
            None => {
                let row = doc.text_pos_at(event.range().start).row;
                stats.malformed(
                    u64::from(row),
                    format!("event {} has no System/EventID", i + 1),
                    b"",
                );
            }
        }
    }
}

/// Reads a binary `.evtx` file. Every record counts; a damaged or truncated file is read as far
/// as it goes, with a note.
pub fn read_evtx(bytes: Vec<u8>, stats: &mut ParseStats, mut sink: impl FnMut(RawEvent)) {
    if let Some(note) = truncation(&bytes) {
        stats.note(note);
    }
    let settings = evtx::ParserSettings::new().num_threads(1);
    let mut parser = match evtx::EvtxParser::from_buffer(bytes) {
        Ok(p) => p.with_configuration(settings),
        Err(e) => {
            stats.malformed(0, format!("not a readable event log: {e}"), b"");
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
                        "record rendered without System/EventID",
                        b"",
                    ),
                }
            }
            Err(e) => {
                errors += 1;
                stats.malformed(number, e.to_string(), b"");
            }
        }
    }
    if errors > 0 {
        stats.note(format!(
            "the event log is truncated or damaged: {errors} unreadable record(s) or chunk(s); the {} records before them were read",
            stats.records
        ));
    }
}

/// The file header announces its chunk count (u16 at offset 42); chunks are 64 KiB after a
/// 4 KiB header. A shorter file was cut, and the evtx crate stops quietly at the cut.
fn truncation(bytes: &[u8]) -> Option<String> {
    const HEADER: usize = 4096;
    const CHUNK: usize = 65536;
    let chunks = usize::from(u16::from_le_bytes([*bytes.get(42)?, *bytes.get(43)?]));
    let expected = HEADER + chunks * CHUNK;
    (bytes.len() < expected).then(|| {
        format!(
            "the event log is truncated: the header announces {chunks} chunk(s) ({expected} bytes) but the file has {} bytes; the records before the cut were read",
            bytes.len()
        )
    })
}

/// The text of a `<Binary>` field that holds a UTF-16LE string, as Service Control Manager
/// writes the service's short name and state (`wuauserv/4`).
pub fn binary_utf16(hex: &str) -> Option<String> {
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
        read_event_xml(text, &mut stats, |e| out.push(e));
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
        read_event_xml(text, &mut stats, |e| out.push(e));
        assert_eq!(stats.records, 2);
        assert_eq!(out[1].id, 5117);
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
