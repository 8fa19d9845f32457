//! Event log records relevant to WSUS: the WSUS health monitor, WAS and the service control
//! manager (formats.md §4; ids and meanings in [`crate::knowledge::events`]).
//!
//! Contract used by checks, the diagnosis and the timeline: [`EventFacts::records`] (time
//! order after `finish`), [`EventFacts::pool_events`], [`EventFacts::service_events`],
//! [`EventFacts::files`], [`EventFacts::has_channel`]. Only relevant records are kept, to bound
//! memory; every record is counted in the inventory.

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::i18n::Text;
use crate::knowledge::events as known;
use crate::parsers::evtx::{binary_utf16, RawEvent};
use crate::parsers::ParseStats;
use crate::values::EvidenceRef;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// Event logs of servers run to gigabytes; a compressed one is decompressed into memory (the
/// parser seeks), up to this size and within the run's memory limit.
const MAX_LOG_BYTES: u64 = 2 << 30;

/// The services whose SCM events are kept: short name and the display names Windows gives them
/// (WSUS 3 called its service "Update Services").
pub(crate) const SERVICES_OF_INTEREST: &[(&str, &[&str])] = &[
    ("WsusService", &["WSUS Service", "Update Services"]),
    ("W3SVC", &["World Wide Web Publishing Service"]),
    ("WAS", &["Windows Process Activation Service"]),
];

/// One relevant event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventRecord {
    pub provider: String,
    pub id: u32,
    /// UTC (event logs store UTC).
    pub time: Option<Timestamp>,
    pub computer: String,
    pub channel: String,
    pub record_id: Option<u64>,
    /// 1 critical, 2 error, 3 warning, 4 information.
    pub level: Option<u8>,
    /// The event's data fields in order (`param1`, `AppPoolID`...; unnamed ones as `""`).
    pub data: Vec<(String, String)>,
    /// The message, from the knowledge table with its placeholders filled, or the raw fields.
    pub summary: Text,
    /// The application pool a WAS event names.
    pub pool: Option<String>,
    /// The service short name an SCM event concerns (`WsusService`, `W3SVC`...).
    pub service: Option<String>,
    pub origin: EvidenceRef,
}

impl EventRecord {
    /// A data field by name (case-insensitive).
    pub fn field(&self, name: &str) -> Option<&str> {
        self.data
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The knowledge table's row for this event.
    pub fn known(&self) -> Option<&'static known::EventEntry> {
        known::lookup(&self.provider, self.id)
    }
}

/// One event log file read.
#[derive(Debug, Clone, Serialize)]
pub struct EventFile {
    pub path: String,
    /// Records read (all of them, relevant or not).
    pub records: u64,
    /// Records kept as relevant.
    pub kept: u64,
    /// Channels seen (`System`, `Application`).
    pub channels: Vec<String>,
    /// SCM events per service short name (all services, not only the kept ones).
    pub services_seen: BTreeMap<String, u64>,
}

#[derive(Debug, Clone, Default)]
pub struct EventFacts {
    records: Vec<EventRecord>,
    files: Vec<EventFile>,
}

impl EventFacts {
    pub(crate) fn merge(&mut self, other: EventFacts) {
        self.records.extend(other.records);
        self.files.extend(other.files);
    }

    /// Sorts the records by time (records without a time last), then by record id.
    pub fn finish(&mut self) {
        self.records
            .sort_by_key(|r| (r.time.is_none(), r.time, r.record_id));
    }

    /// Keeps the records whose time passes `keep` (and those without a time); returns how many
    /// were dropped.
    pub(crate) fn retain_times(&mut self, keep: impl Fn(i64) -> bool) -> u64 {
        let before = self.records.len();
        self.records
            .retain(|r| r.time.is_none_or(|t| keep(t.as_second())));
        let dropped = (before - self.records.len()) as u64;
        if let [file] = self.files.as_mut_slice() {
            file.kept = file.kept.saturating_sub(dropped);
        }
        dropped
    }

    pub fn records(&self) -> &[EventRecord] {
        &self.records
    }

    pub fn files(&self) -> &[EventFile] {
        &self.files
    }

    /// No event log was among the evidence.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Whether a log of this channel (`System`, `Application`) was read.
    #[cfg(test)]
    pub(crate) fn has_channel(&self, channel: &str) -> bool {
        self.files
            .iter()
            .any(|f| f.channels.iter().any(|c| c.eq_ignore_ascii_case(channel)))
    }

    /// WAS events naming this pool.
    pub(crate) fn pool_events<'a>(
        &'a self,
        pool: &'a str,
    ) -> impl Iterator<Item = &'a EventRecord> {
        self.records.iter().filter(move |r| {
            r.pool
                .as_deref()
                .is_some_and(|p| p.eq_ignore_ascii_case(pool))
        })
    }

    /// SCM events of this service (short name).
    pub(crate) fn service_events<'a>(
        &'a self,
        short_name: &'a str,
    ) -> impl Iterator<Item = &'a EventRecord> {
        self.records.iter().filter(move |r| {
            r.service
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(short_name))
        })
    }

    /// Schannel's failed TLS handshakes (System log).
    pub(crate) fn schannel_failures(&self) -> impl Iterator<Item = &EventRecord> {
        self.records
            .iter()
            .filter(|r| is_schannel_failure(&r.provider, r.id))
    }

    /// WSUS health-monitor events.
    #[cfg(test)]
    pub(crate) fn wsus_events(&self) -> impl Iterator<Item = &EventRecord> {
        self.records
            .iter()
            .filter(|r| known::provider_matches(known::WSUS, &r.provider))
    }
}

/// The short name an SCM event concerns: from its binary data (`wuauserv/4`), else from a
/// known display name.
fn scm_service(raw: &RawEvent) -> Option<String> {
    if let Some(name) = raw.binary.as_deref().and_then(binary_utf16) {
        let short = name.split('/').next().unwrap_or("").trim();
        if !short.is_empty() {
            return Some(short.to_string());
        }
    }
    let display = raw.data.first().map(|(_, v)| v.trim())?;
    SERVICES_OF_INTEREST
        .iter()
        .find(|(_, names)| names.iter().any(|n| n.eq_ignore_ascii_case(display)))
        .map(|(short, _)| short.to_string())
}

/// The pool a WAS event names: its `AppPoolID` field, else the placeholder the message puts the
/// pool in (`'%1'` or `'%2'` in the knowledge table's text).
fn was_pool(raw: &RawEvent, entry: Option<&known::EventEntry>) -> Option<String> {
    if let Some((_, v)) = raw.data.iter().find(|(n, _)| {
        n.as_deref().is_some_and(|n| {
            n.eq_ignore_ascii_case("AppPoolID") || n.eq_ignore_ascii_case("AppPoolName")
        })
    }) {
        return Some(v.trim().to_string());
    }
    let meaning = entry?.meaning();
    let index = if meaning.contains("pool '%2'") {
        1
    } else if meaning.contains("pool '%1'") {
        0
    } else {
        return None;
    };
    raw.data.get(index).map(|(_, v)| v.trim().to_string())
}

fn summary(raw: &RawEvent, entry: Option<&known::EventEntry>) -> Text {
    match entry {
        Some(e) => e
            .meaning()
            .with_inserts(raw.data.iter().map(|(_, v)| v.trim().to_string()).collect()),
        None => {
            let fields: Vec<&str> = raw
                .data
                .iter()
                .map(|(_, v)| v.trim())
                .filter(|v| !v.is_empty())
                .take(4)
                .collect();
            // An event the tables do not know: its own fields, as the evidence holds them.
            Text::from(format!(
                "{} event {}: {}",
                raw.provider,
                raw.id,
                fields.join("; ")
            ))
        }
    }
}

/// The Schannel events that record a failed TLS handshake; the other Schannel ids (handshakes
/// that succeeded, credentials created) would flood the facts.
fn is_schannel_failure(provider: &str, id: u32) -> bool {
    known::provider_matches(known::SCHANNEL, provider) && known::SCHANNEL_IDS.contains(&id)
}

fn is_w3svc_provider(provider: &str) -> bool {
    let p = provider.trim_start_matches("Microsoft-Windows-");
    p.eq_ignore_ascii_case("W3SVC") || p.eq_ignore_ascii_case("IIS-W3SVC")
}

/// Turns a raw event into a fact when it is relevant, updating the file's summary either way.
fn consider(raw: RawEvent, path: &str, file: &mut EventFile, out: &mut Vec<EventRecord>) {
    if !raw.channel.is_empty() && !file.channels.iter().any(|c| c == &raw.channel) {
        file.channels.push(raw.channel.clone());
    }
    let entry = known::lookup(&raw.provider, raw.id);
    let is_scm = known::provider_matches(known::SCM, &raw.provider);
    let service = if is_scm { scm_service(&raw) } else { None };
    if let Some(s) = &service {
        *file.services_seen.entry(s.clone()).or_default() += 1;
    }
    let relevant = if is_scm {
        service.as_deref().is_some_and(|s| {
            SERVICES_OF_INTEREST
                .iter()
                .any(|(short, _)| short.eq_ignore_ascii_case(s))
        })
    } else {
        known::provider_matches(known::WSUS, &raw.provider)
            || known::provider_matches(known::WAS, &raw.provider)
            || is_w3svc_provider(&raw.provider)
            || is_schannel_failure(&raw.provider, raw.id)
    };
    if !relevant {
        return;
    }
    let pool = if known::provider_matches(known::WAS, &raw.provider) {
        was_pool(&raw, entry)
    } else {
        None
    };
    file.kept += 1;
    out.push(EventRecord {
        summary: summary(&raw, entry),
        pool,
        service,
        origin: EvidenceRef::Event {
            path: path.to_string(),
            record: raw.record_id.unwrap_or(0),
        },
        provider: raw.provider,
        id: raw.id,
        time: raw.time,
        computer: raw.computer,
        channel: raw.channel,
        record_id: raw.record_id,
        level: raw.level,
        data: raw
            .data
            .into_iter()
            .map(|(n, v)| (n.unwrap_or_default(), v))
            .collect(),
    });
}

fn ingested(
    path: &str,
    read: impl FnOnce(&mut ParseStats, &mut dyn FnMut(RawEvent)) -> std::io::Result<()>,
) -> std::io::Result<Ingested> {
    let mut ing = Ingested::default();
    let mut file = EventFile {
        path: path.to_string(),
        records: 0,
        kept: 0,
        channels: Vec::new(),
        services_seen: BTreeMap::new(),
    };
    let mut kept = Vec::new();
    let mut times: Vec<Timestamp> = Vec::new();
    read(&mut ing.stats, &mut |raw: RawEvent| {
        if let Some(t) = raw.time {
            if times.is_empty() {
                times = vec![t, t];
            } else {
                times[0] = times[0].min(t);
                times[1] = times[1].max(t);
            }
        }
        consider(raw, path, &mut file, &mut kept);
    })?;
    if let [first, last] = times.as_slice() {
        let civil = |t: &Timestamp| {
            crate::values::time::Stamp::utc(t.to_zoned(jiff::tz::TimeZone::UTC).datetime())
        };
        ing.stats.first_time = Some(civil(first));
        ing.stats.last_time = Some(civil(last));
    }
    file.records = ing.stats.records;
    if !file.services_seen.is_empty() {
        let names: Vec<String> = file
            .services_seen
            .iter()
            .map(|(s, n)| format!("{s} ({n})"))
            .collect();
        ing.stats
            .note(crate::tr!("note-events-scm", services = names.join(", ")));
    }
    ing.stats.note(crate::tr!(
        "note-events-kept",
        kept = file.kept,
        records = file.records
    ));
    ing.facts.events.records = kept;
    ing.facts.events.files.push(file);
    Ok(ing)
}

/// The evtx parser seeks from chunk to chunk: a file on disk or in memory is read in place; a
/// compressed one is decompressed into memory first, under the run's memory limit.
pub(crate) fn ingest_evtx(file: &EvidenceFile) -> std::io::Result<Ingested> {
    use crate::evidence::Body;
    use crate::parsers::evtx::read_evtx;
    let read = |stats: &mut ParseStats, sink: &mut dyn FnMut(RawEvent)| -> std::io::Result<()> {
        match (&file.body, file.gzip) {
            (Body::Disk(p), false) => {
                let f = std::io::BufReader::new(std::fs::File::open(p)?);
                read_evtx(f, stats, sink);
            }
            (Body::Memory(b), false) => read_evtx(std::io::Cursor::new(b.clone()), stats, sink),
            (_, true) => {
                let (bytes, _held) = file.read_all(MAX_LOG_BYTES)?.into_parts();
                read_evtx(std::io::Cursor::new(bytes), stats, sink);
            }
        }
        Ok(())
    };
    ingested(&file.display, read)
}

/// Streamed: an export of any size is read one event at a time.
pub(crate) fn ingest_event_xml(
    file: &EvidenceFile,
    enc: TextEncoding,
) -> std::io::Result<Ingested> {
    let reader = file.text_reader(enc)?;
    ingested(&file.display, |stats, sink| {
        crate::parsers::evtx::read_event_xml(reader, stats, sink)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::EvidenceFile;

    /// The samples beside the project (`../shared/corpus` in CI); their absence fails the test
    /// when WSUS_DOCTOR_REQUIRE_CORPUS=1.
    fn corpus_file(rel: &str) -> Option<Vec<u8>> {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/corpus")
            .join(rel);
        let bytes = std::fs::read(&p).ok();
        if bytes.is_none()
            && std::env::var_os("WSUS_DOCTOR_REQUIRE_CORPUS").is_some_and(|v| v == "1")
        {
            panic!(
                "corpus sample {} is missing and WSUS_DOCTOR_REQUIRE_CORPUS=1",
                p.display()
            );
        }
        bytes
    }

    /// Renders every record of an .evtx file as the XML `wevtutil qe /f:xml` writes.
    fn as_event_xml(bytes: Vec<u8>) -> String {
        let mut parser = evtx::EvtxParser::from_buffer(bytes).unwrap();
        let mut out = String::new();
        for r in parser.records().flatten() {
            let xml = r.data;
            let body = match xml.find("?>") {
                Some(p) if xml.starts_with("<?xml") => &xml[p + 2..],
                _ => &xml,
            };
            out.push_str(body.trim());
            out.push_str("\r\n");
        }
        out
    }

    fn ingest_both(bytes: Vec<u8>) -> (Ingested, Ingested) {
        let xml = as_event_xml(bytes.clone());
        let binary = ingest_evtx(&EvidenceFile::memory("log", bytes)).unwrap();
        let text = ingest_event_xml(
            &EvidenceFile::memory("log", xml.into_bytes()),
            TextEncoding::UTF8,
        )
        .unwrap();
        (binary, text)
    }

    #[test]
    fn evtx_and_event_xml_give_identical_facts() {
        for rel in [
            "evtx/eas_System_7036.evtx",
            "evtx/omer_system_wuclient_scm.evtx",
        ] {
            let Some(bytes) = corpus_file(rel) else {
                eprintln!("{rel} not present; skipping");
                continue;
            };
            let (binary, text) = ingest_both(bytes);
            assert!(binary.stats.records > 0, "{rel}");
            assert_eq!(binary.stats.records, text.stats.records, "{rel}");
            assert_eq!(binary.stats.first_time, text.stats.first_time, "{rel}");
            assert_eq!(binary.stats.notes, text.stats.notes, "{rel}");
            assert_eq!(
                binary.facts.events.records, text.facts.events.records,
                "{rel}"
            );
            let (a, b) = (&binary.facts.events.files[0], &text.facts.events.files[0]);
            assert_eq!(a.services_seen, b.services_seen, "{rel}");
            assert_eq!(a.channels, b.channels, "{rel}");
        }
    }

    const WAS_5117: &str = r#"<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Microsoft-Windows-WAS" EventSourceName="WAS"/><EventID Qualifiers="16384">5117</EventID><Level>4</Level><TimeCreated SystemTime="2024-03-05T09:12:41.531Z"/><EventRecordID>7</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer></System><EventData><Data>5432</Data><Data>WsusPool</Data></EventData></Event>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager"/><EventID Qualifiers="49152">7031</EventID><Level>2</Level><TimeCreated SystemTime="2024-03-05T08:00:00Z"/><EventRecordID>6</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer></System><EventData><Data Name="param1">Update Services</Data><Data Name="param2">1</Data></EventData></Event>
<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System><Provider Name="Service Control Manager"/><EventID>7036</EventID><TimeCreated SystemTime="2024-03-05T07:00:00Z"/><EventRecordID>5</EventRecordID><Channel>System</Channel></System><EventData><Data Name="param1">Print Spooler</Data><Data Name="param2">running</Data><Binary>530070006F006F006C00650072002F0034000000</Binary></EventData></Event>"#;

    #[test]
    fn pools_and_services_are_recognised_and_sorted() {
        let ing = ingest_event_xml(
            &EvidenceFile::memory("System.xml", WAS_5117.as_bytes().to_vec()),
            TextEncoding::UTF8,
        )
        .unwrap();
        let mut facts = ing.facts.events;
        facts.finish();
        assert_eq!(ing.stats.records, 3);
        // The spooler is counted but not kept.
        assert_eq!(facts.records().len(), 2);
        assert_eq!(facts.files()[0].services_seen.get("Spooler"), Some(&1));
        let recycle = facts.pool_events("wsuspool").next().unwrap();
        assert_eq!(recycle.id, 5117);
        assert!(recycle.summary.contains("application pool 'WsusPool'"));
        let crash = facts.service_events("WsusService").next().unwrap();
        assert_eq!(crash.id, 7031);
        assert_eq!(
            crash.origin,
            EvidenceRef::Event {
                path: "System.xml".into(),
                record: 6
            }
        );
        // Time order.
        assert_eq!(facts.records()[0].id, 7031);
        assert!(facts.has_channel("system"));
    }

    /// `wevtutil qe Application /f:RenderedXml` on Japanese Windows: the rendered message, level
    /// and task are in Japanese; what is read comes from the ids and insertion strings only.
    #[test]
    fn localised_rendering_info_is_never_read() {
        let xml = "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Microsoft-Windows-WAS'/><EventID Qualifiers='16384'>5117</EventID><Level>4</Level><TimeCreated SystemTime='2024-03-05T09:13:58.0000000Z'/><EventRecordID>7</EventRecordID><Channel>System</Channel><Computer>WSUS01</Computer></System><EventData><Data>4242</Data><Data>WsusPool</Data></EventData><RenderingInfo Culture='ja-JP'><Message>アプリケーション プール 'WsusPool' を提供しているワーカー プロセス '4242' で、プライベート メモリの制限に達したため、リサイクルが要求されました。</Message><Level>情報</Level><Task></Task><Provider>Microsoft-Windows-WAS</Provider></RenderingInfo></Event>\r\n<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Windows Server Update Services'/><EventID Qualifiers='0'>64999</EventID><Level>2</Level><TimeCreated SystemTime='2024-03-05T09:14:05.0000000Z'/><EventRecordID>8</EventRecordID><Channel>Application</Channel><Computer>WSUS01</Computer></System><EventData><Data>WebException</Data><Data>0x80131509</Data></EventData><RenderingInfo Culture='ja-JP'><Message>リモート サーバーがエラーを返しました: (503) サーバーを利用できません</Message><Level>エラー</Level></RenderingInfo></Event>\r\n";
        let ing = ingest_event_xml(
            &EvidenceFile::memory("Application.xml", xml.as_bytes().to_vec()),
            TextEncoding::UTF8,
        )
        .unwrap();
        assert_eq!(ing.stats.records, 2);
        let mut facts = ing.facts.events;
        facts.finish();
        let recycle = facts.pool_events("WsusPool").next().unwrap();
        assert_eq!((recycle.id, recycle.level), (5117, Some(4)));
        assert!(
            recycle.summary.contains("application pool 'WsusPool'"),
            "{}",
            recycle.summary
        );
        let unknown = facts.wsus_events().next().unwrap();
        assert_eq!(
            unknown.summary,
            "Windows Server Update Services event 64999: WebException; 0x80131509"
        );
        for r in facts.records() {
            assert!(!r.summary.contains("サーバー") && !r.summary.contains("リサイクル"));
        }
    }
}
