//! What WindowsUpdate.log says: the server the agent used, connection errors, scans.
//!
//! Read by `client.wu-log`, `client.configmgr`, `client.reaches-server`, the diagnosis and the
//! timeline. Times are [`Stamp`]s: the legacy log is local time with the offset of its
//! `Logging initialized (… tz: +0300)` banner (`tz` is the UTC offset of local time, so `-0500`
//! is five hours west); the Windows 10 `Get-WindowsUpdateLog` output has no zone
//! ([`Clock::Local`](crate::values::time::Clock::Local)) and [`WuLogFacts::zones`] says so per file.
//!
//! One failed attempt makes the agent write several lines (`Send failed`, `SendRequest failed`,
//! `GetAuthorizationCookie failure`, `PTError`, … all in the same millisecond, formats.md §6.1);
//! they are folded into one [`ConnectionError`] per thread and second, keeping the most telling
//! operation name, the SOAP `ErrorCode` and the URL.

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::knowledge::hresult;
use crate::parsers::windowsupdate::{Item, Layout, Reader, Record};
use crate::values::time::Stamp;
use crate::values::EvidenceRef;
use serde::Serialize;
use std::collections::BTreeMap;

/// Errors further apart than this start a new episode. A failing agent retries within minutes
/// to half an hour (every minute, then every 20–25 minutes in the corpus's birzeit logs) while its
/// regular detection cycle is hours (22 h default, formats.md §5.2), so an hour separates one
/// ongoing failure from the next cycle's.
pub(crate) const EPISODE_GAP_SECONDS: i64 = 60 * 60;

/// One failed attempt to reach an update server.
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionError {
    pub time: Stamp,
    pub hresult: u32,
    /// The URL the attempt concerned: written on the failing line, or the last `Server URL`
    /// the same thread logged.
    pub url: Option<String>,
    /// The operation, as the log names it (`GetAuthorizationCookie`, `SyncUpdates`,
    /// `Web service call`, `SendRequest`, …).
    pub operation: String,
    /// The SOAP fault's `ErrorCode` (`InternalServerError`, `InvalidCookie`, `ServerBusy`, …).
    pub soap_error_code: Option<String>,
    /// A non-zero HTTP status the agent logged with the failure.
    pub http_status: Option<u16>,
    /// The first line of the attempt.
    pub origin: EvidenceRef,
    pub excerpt: String,
    /// Lines folded into this error.
    pub lines: u32,
}

/// Consecutive errors with the same HRESULT against the same server, each less than
/// [`EPISODE_GAP_SECONDS`] after the previous one.
#[derive(Debug, Clone, Serialize)]
pub struct Episode {
    pub first: Stamp,
    pub last: Stamp,
    /// Failed attempts.
    pub count: usize,
    /// Distinct HRESULTs with their counts, most frequent first.
    pub hresults: Vec<(u32, usize)>,
    pub url: Option<String>,
    /// Distinct operations, in order of appearance.
    pub operations: Vec<String>,
    /// SOAP error codes seen in the episode.
    pub soap_error_codes: Vec<String>,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

/// What kind of line named a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ServerSource {
    /// `* WSUS server: …` (Agent, AU): the policy the agent loaded.
    WsusServer,
    /// `* WSUS status server: …`.
    StatusServer,
    /// `Server URL = …` / `Got WSUS Client/Server URL: …`: the web service it called.
    ServiceUrl,
}

/// A server the agent logged using.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ServerUse {
    pub time: Stamp,
    /// As logged: a URL, or `(null)` / `<NULL>` when no intranet server was set.
    pub url: String,
    pub source: ServerSource,
    /// The service the URL belongs to (`3DA21691-…` is the managed WSUS service).
    pub service_id: Option<String>,
    /// The line says `(Changed)`.
    pub changed: bool,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

impl ServerUse {
    /// Whether the agent had no intranet server at that point.
    pub fn is_null(&self) -> bool {
        let u = self.url.trim().to_ascii_lowercase();
        u.is_empty() || u == "(null)" || u == "<null>"
    }

    /// Whether the URL is Microsoft's own update service rather than an intranet server.
    pub(crate) fn is_microsoft(&self) -> bool {
        let u = self.url.to_ascii_lowercase();
        u.contains(".microsoft.com") || u.contains(".windowsupdate.com")
    }
}

/// A scan (`Finding updates`) that ended.
#[derive(Debug, Clone, Serialize)]
pub struct ScanEnd {
    pub time: Stamp,
    /// The exit code (`0` = success).
    pub exit_code: u32,
    pub origin: EvidenceRef,
}

/// How the times of one file are to be read.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FileZone {
    pub path: String,
    /// Minutes east of UTC from the `tz:` banner, when the file has one.
    pub offset_minutes: Option<i32>,
    /// Plain words for the report.
    pub note: crate::i18n::Text,
}

/// Everything the WindowsUpdate.log files say.
#[derive(Debug, Clone, Default)]
pub struct WuLogFacts {
    errors: Vec<ConnectionError>,
    episodes: Vec<Episode>,
    servers: Vec<ServerUse>,
    scans: Vec<ScanEnd>,
    /// The agent version (`WU client version …` or the banner's build), last one read.
    pub agent_version: Option<String>,
    zones: Vec<FileZone>,
    files: usize,
}

impl WuLogFacts {
    /// Whether any WindowsUpdate.log was read.
    pub fn is_empty(&self) -> bool {
        self.files == 0
    }

    /// Connection errors in time order (after [`finish`](Self::finish)).
    pub fn errors(&self) -> &[ConnectionError] {
        &self.errors
    }

    /// Errors grouped into episodes (same HRESULT and server, gaps under [`EPISODE_GAP_SECONDS`]).
    pub fn episodes(&self) -> &[Episode] {
        &self.episodes
    }

    /// The servers the agent logged, in time order, consecutive repeats folded.
    pub(crate) fn servers_used(&self) -> &[ServerUse] {
        &self.servers
    }

    /// The last scan that ended with exit code 0.
    pub(crate) fn last_successful_scan(&self) -> Option<&ScanEnd> {
        self.scans.iter().rev().find(|s| s.exit_code == 0)
    }

    /// Every scan end, in time order.
    pub fn scans(&self) -> &[ScanEnd] {
        &self.scans
    }

    /// What is known about each file's time zone.
    pub(crate) fn zones(&self) -> &[FileZone] {
        &self.zones
    }

    pub(crate) fn merge(&mut self, other: WuLogFacts) {
        self.errors.extend(other.errors);
        self.servers.extend(other.servers);
        self.scans.extend(other.scans);
        self.zones.extend(other.zones);
        self.files += other.files;
        if other.agent_version.is_some() {
            self.agent_version = other.agent_version;
        }
    }

    pub fn finish(&mut self) {
        self.errors.sort_by_key(|e| order_key(&e.time));
        self.servers.sort_by_key(|s| order_key(&s.time));
        self.scans.sort_by_key(|s| order_key(&s.time));
        self.episodes = group_episodes(&self.errors);
    }
}

/// Orders stamps by instant when known, by civil time otherwise (files of one machine).
fn order_key(s: &Stamp) -> (i64, i32) {
    match s.to_utc() {
        Some(t) => (t.as_second(), t.subsec_nanosecond()),
        None => {
            let c = s.civil;
            let secs = Stamp::utc(c).to_utc().map_or(0, |t| t.as_second());
            (secs, c.subsec_nanosecond())
        }
    }
}

fn seconds_between(a: &Stamp, b: &Stamp) -> i64 {
    order_key(b).0 - order_key(a).0
}

/// Groups errors (sorted) into episodes.
pub(crate) fn group_episodes(errors: &[ConnectionError]) -> Vec<Episode> {
    let mut out: Vec<Episode> = Vec::new();
    for e in errors {
        let joins = out.last().is_some_and(|ep| {
            seconds_between(&ep.last, &e.time) <= EPISODE_GAP_SECONDS
                && ep.hresults.first().is_some_and(|(h, _)| *h == e.hresult)
                && (e.url.is_none() || url_base(ep.url.as_deref()) == url_base(e.url.as_deref()))
        });
        if !joins {
            out.push(Episode {
                first: e.time,
                last: e.time,
                count: 0,
                hresults: Vec::new(),
                url: e.url.clone(),
                operations: Vec::new(),
                soap_error_codes: Vec::new(),
                origin: e.origin.clone(),
                excerpt: e.excerpt.clone(),
            });
        }
        let Some(ep) = out.last_mut() else { continue };
        ep.last = e.time;
        if ep.url.is_none() {
            ep.url = e.url.clone();
        }
        ep.count += 1;
        match ep.hresults.iter_mut().find(|(h, _)| *h == e.hresult) {
            Some((_, n)) => *n += 1,
            None => ep.hresults.push((e.hresult, 1)),
        }
        if !ep.operations.contains(&e.operation) {
            ep.operations.push(e.operation.clone());
        }
        if let Some(code) = &e.soap_error_code {
            if !ep.soap_error_codes.contains(code) {
                ep.soap_error_codes.push(code.clone());
            }
        }
    }
    for ep in &mut out {
        ep.hresults.sort_by_key(|h| std::cmp::Reverse(h.1));
    }
    out
}

/// `scheme://host:port` of a URL, so that calls to different endpoints of one server group.
pub(crate) fn url_base(url: Option<&str>) -> Option<String> {
    let u = url?;
    let (scheme, rest) = u.split_once("://")?;
    let authority = rest.split('/').next().unwrap_or(rest);
    Some(format!(
        "{}://{}",
        scheme.to_ascii_lowercase(),
        authority.to_ascii_lowercase()
    ))
}

/// Whether an HRESULT belongs to the families a failed connection produces: WinHTTP
/// (0x80072EE0–0x80072FFF, winhttp.h 12000+), the protocol talker (0x80244xxx, 0x80240436–
/// 0x8024044B), the redirector (0x80245xxx), BITS HTTP errors (0x80190xxx), certificate trust
/// (0x800B01xx) and the generic no-connection / time-out / proxy codes (formats.md §7).
pub(crate) fn is_connection_hresult(h: u32) -> bool {
    matches!(h,
        0x8007_2EE0..=0x8007_2FFF
        | 0x8024_4000..=0x8024_4FFF
        | 0x8024_0436..=0x8024_044B
        | 0x8024_5000..=0x8024_5FFF
        | 0x8019_0000..=0x8019_01FF
        | 0x800B_0100..=0x800B_01FF
        | 0x8024_001F | 0x8024_0021 | 0x8024_0030 | 0x8024_0033)
}

/// Names of the web-service calls (MS-WUSP §3.1.5, formats.md §9.2): the operation worth
/// reporting when several lines describe one failure.
const WEB_METHODS: &[&str] = &[
    "GetAuthorizationCookie",
    "GetCookie",
    "GetConfig",
    "SyncUpdates",
    "SyncPrinterCatalog",
    "GetExtendedUpdateInfo",
    "GetFileLocations",
    "RegisterComputer",
    "StartCategoryScan",
    "ReportEventBatch",
    "GetEulaText",
    "Web service call",
    "Download",
];

fn is_method(op: &str) -> bool {
    WEB_METHODS
        .iter()
        .any(|m| op.to_ascii_lowercase().contains(&m.to_ascii_lowercase()))
}

/// Finds 8 hex digits at the start of `s`, as an HRESULT with the top bit set.
fn hex8(s: &str) -> Option<u32> {
    let s = s
        .strip_prefix("0x")
        .or_else(|| s.strip_prefix("0X"))
        .unwrap_or(s);
    let d = s.get(..8)?;
    if !d.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    if s.as_bytes().get(8).is_some_and(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(d, 16)
        .ok()
        .filter(|v| v & 0x8000_0000 != 0)
}

/// The HRESULT a line reports, with the operation it names.
fn error_on_line(msg: &str) -> Option<(u32, String)> {
    // Windows 10: `*FAILED* [80244022] Web service call`.
    if let Some(i) = msg.find("*FAILED*") {
        let rest = msg.get(i + 8..)?.trim_start();
        let inner = rest.strip_prefix('[')?;
        let h = hex8(inner)?;
        let op = inner.get(9..).unwrap_or("").trim();
        let op = op.split(" [").next().unwrap_or(op).trim();
        return Some((h, op.to_string()));
    }
    let lower = msg.to_ascii_lowercase();
    if !(lower.contains("fail") || lower.contains("error") || lower.contains("warning")) {
        return None;
    }
    // Legacy: `hr = 80072ee2`, `error = 0x80072EE2`, `error 0x80072ee2`, `failed: 0x80072ee2`,
    // `PTError: 0x80072ee2`, `hr=0X80244007`, `Error = 0x80244022`.
    let mut h = None;
    for (i, _) in msg.match_indices(['=', ':', ' ']) {
        let after = msg.get(i + 1..).unwrap_or("").trim_start();
        if let Some(v) = hex8(after) {
            h = Some(v);
            break;
        }
    }
    let h = h?;
    let body = msg.trim_start_matches([' ', '*', '#', '+']).trim_start();
    let body = body
        .strip_prefix("WARNING:")
        .or_else(|| body.strip_prefix("FATAL:"))
        .unwrap_or(body)
        .trim();
    let cut = [" failure", " failed", " Failed", ":", ","]
        .iter()
        .filter_map(|p| body.find(p))
        .min()
        .unwrap_or(body.len());
    let op = body.get(..cut).unwrap_or(body).trim();
    // `SOAP/WinHttp - SendRequest: SendRequestUsingProxy failed`: keep the last word.
    let op = op.rsplit(" - ").next().unwrap_or(op).trim();
    Some((h, op.to_string()))
}

/// A URL written on the line: `<http://…>`, `'http://…'`, or a bare `http(s)://` token.
fn url_on_line(msg: &str) -> Option<String> {
    let i = msg.find("http://").or_else(|| msg.find("https://"))?;
    let rest = msg.get(i..)?;
    let end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '>' | '\'' | '"' | ','))
        .unwrap_or(rest.len());
    let url = rest.get(..end)?.trim_end_matches('.');
    Some(url.to_string())
}

/// `ErrorCode:InternalServerError(5)`, `<ErrorCode>InvalidParameters</ErrorCode>`,
/// `errorCode='InvalidParameters'` (formats.md §6.1, §6.2).
fn soap_error_code(msg: &str) -> Option<String> {
    let lower = msg.to_ascii_lowercase();
    let i = lower.find("errorcode")?;
    let rest = msg.get(i + 9..)?;
    let rest = rest.trim_start_matches([':', '>', '=', '\'', ' ']);
    let code: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!code.is_empty() && !code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

/// `name = 400` in a legacy failure line.
fn number_after(msg: &str, name: &str) -> Option<u16> {
    let i = msg.find(name)?;
    let rest = msg.get(i + name.len()..)?.trim_start();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// `Logging initialized (build: 7.6.7601.23806, tz: +0300)` → (+180, build).
fn banner(msg: &str) -> Option<(Option<i32>, Option<String>)> {
    if !msg.contains("Logging initialized") {
        return None;
    }
    let build = msg.find("build: ").and_then(|i| {
        let r = msg.get(i + 7..)?;
        Some(r.split([',', ')']).next()?.trim().to_string())
    });
    let tz = msg.find("tz: ").and_then(|i| {
        let r = msg.get(i + 4..)?.as_bytes();
        let sign = match r.first()? {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let hh = std::str::from_utf8(r.get(1..3)?)
            .ok()?
            .parse::<i32>()
            .ok()?;
        let mm = std::str::from_utf8(r.get(3..5)?)
            .ok()?
            .parse::<i32>()
            .ok()?;
        Some(sign * (hh * 60 + mm))
    });
    Some((tz, build))
}

/// Per-file state while reading.
struct FileReader<'a> {
    path: &'a str,
    facts: WuLogFacts,
    offset: Option<i32>,
    first_offset: Option<i32>,
    etw_seen: bool,
    /// Last `Server URL` per thread, for errors that do not name one.
    thread_url: BTreeMap<String, String>,
    last_url: Option<String>,
    /// The attempt being folded, with its thread.
    current: Option<(String, ConnectionError)>,
}

impl FileReader<'_> {
    fn stamp(&self, r: &Record) -> Option<Stamp> {
        let civil = r.time?;
        Some(match (r.layout, self.offset) {
            (Layout::Legacy, Some(m)) => Stamp::with_offset(civil, m),
            _ => Stamp::local(civil),
        })
    }

    fn flush(&mut self) {
        if let Some((_, e)) = self.current.take() {
            self.facts.errors.push(e);
        }
    }

    fn server(&mut self, r: &Record, time: Stamp, url: &str, source: ServerSource) {
        let url = url.trim().trim_end_matches('.').trim();
        let (url, changed) = match url.strip_suffix("(Changed)") {
            Some(u) => (u.trim(), true),
            None => (url, false),
        };
        let service_id = r.message.find("ServiceId = ").and_then(|i| {
            let rest = r.message.get(i + 12..)?;
            Some(
                rest.split(',')
                    .next()?
                    .trim()
                    .trim_matches(['{', '}'])
                    .to_string(),
            )
        });
        if source == ServerSource::ServiceUrl {
            self.thread_url.insert(r.tid.clone(), url.to_string());
            self.last_url = Some(url.to_string());
        }
        let repeat = self
            .facts
            .servers
            .iter()
            .rev()
            .find(|s| s.source == source)
            .is_some_and(|s| s.url.eq_ignore_ascii_case(url) && !changed);
        if repeat {
            return;
        }
        self.facts.servers.push(ServerUse {
            time,
            url: url.to_string(),
            source,
            service_id,
            changed,
            origin: EvidenceRef::line(self.path, r.line),
            excerpt: crate::parsers::excerpt(r.message.as_bytes()),
        });
    }

    fn record(&mut self, r: Record) {
        let msg = r.message.trim();
        if let Some((tz, build)) = banner(msg) {
            if let Some(m) = tz {
                self.offset = Some(m);
                self.first_offset.get_or_insert(m);
            }
            if build.is_some() {
                self.facts.agent_version = build;
            }
        }
        if r.layout == Layout::Etw && r.time.is_some() {
            self.etw_seen = true;
        }
        let Some(time) = self.stamp(&r) else { return };
        if let Some(v) = msg
            .strip_prefix("* WU client version ")
            .or_else(|| msg.strip_prefix("WU client version "))
        {
            self.facts.agent_version = Some(v.trim().to_string());
        }
        // Servers: `* WSUS server: X`, `# WSUS server: X`, `WSUS status server: X`,
        // `Server URL = X`, `Got WSUS Client/Server URL: X`.
        let bare = msg.trim_start_matches(['*', '#', '+', ' ']);
        if let Some(u) = bare.strip_prefix("WSUS server:") {
            self.server(&r, time, u, ServerSource::WsusServer);
        } else if let Some(u) = bare.strip_prefix("WSUS status server:") {
            self.server(&r, time, u, ServerSource::StatusServer);
        } else if let Some(i) = msg.find("Server URL = ") {
            let u = msg.get(i + 13..).unwrap_or("").to_string();
            self.server(&r, time, &u, ServerSource::ServiceUrl);
        } else if let Some(i) = msg.find("Got WSUS Client/Server URL:") {
            let u = msg.get(i + 27..).unwrap_or("").to_string();
            self.server(&r, time, &u, ServerSource::ServiceUrl);
        }
        // Scan ends: `… Finding updates … Exit code = 0x00000000`.
        if msg.contains("Finding updates") {
            if let Some(i) = msg.find("Exit code = ") {
                if let Some(code) = msg.get(i + 12..).and_then(|s| {
                    let s = s.trim_start_matches("0x").trim_start_matches("0X");
                    u32::from_str_radix(s.get(..8)?, 16).ok()
                }) {
                    self.facts.scans.push(ScanEnd {
                        time,
                        exit_code: code,
                        origin: EvidenceRef::line(self.path, r.line),
                    });
                }
            }
        }
        // SOAP fault details belong to the attempt being folded.
        if let Some(code) = soap_error_code(msg) {
            if let Some((tid, e)) = &mut self.current {
                if *tid == r.tid && e.soap_error_code.is_none() {
                    e.soap_error_code = Some(code);
                    e.lines += 1;
                }
            }
            return;
        }
        let Some((h, op)) = error_on_line(msg) else {
            // `WS error: … communicating with the endpoint at 'URL'` names the URL of the
            // `*FAILED*` lines that follow it on the same thread (formats.md §6.2).
            if msg.to_ascii_lowercase().contains("error") {
                if let Some(u) = url_on_line(msg) {
                    self.thread_url.insert(r.tid.clone(), u);
                }
            }
            return;
        };
        if !is_connection_hresult(h) {
            return;
        }
        let line_url = url_on_line(msg);
        let status = number_after(msg, "HTTP status code = ").filter(|s| *s != 0 && *s != 200);
        let soap_status = number_after(msg, "soap error code = ").filter(|s| *s != 0);
        if let Some((tid, e)) = &mut self.current {
            let same = *tid == r.tid && seconds_between(&e.time, &time).abs() <= 1;
            if same {
                e.lines += 1;
                if !is_method(&e.operation) && is_method(&op) {
                    e.operation = op;
                }
                // A SOAP fault (0x8024400E) outranks the transport code logged with it.
                if e.hresult != h && h & 0xFFFF_F000 == 0x8024_4000 {
                    e.hresult = h;
                }
                if e.url.is_none() || line_url.is_some() {
                    e.url = line_url.or(e.url.take());
                }
                e.http_status = e.http_status.or(status);
                if e.soap_error_code.is_none() {
                    e.soap_error_code = soap_status.map(|s| format!("SOAP error code {s}"));
                }
                return;
            }
        }
        self.flush();
        let url = line_url
            .or_else(|| self.thread_url.get(&r.tid).cloned())
            .or_else(|| self.last_url.clone());
        self.current = Some((
            r.tid.clone(),
            ConnectionError {
                time,
                hresult: h,
                url,
                operation: op,
                soap_error_code: None,
                http_status: status,
                origin: EvidenceRef::line(self.path, r.line),
                excerpt: crate::parsers::excerpt(msg.as_bytes()),
                lines: 1,
            },
        ));
    }

    /// Gives records read before the first banner the banner's offset (the log was written by
    /// the same machine; the offset only changes with daylight saving time).
    fn finish(mut self) -> WuLogFacts {
        self.flush();
        let mut f = self.facts;
        let (offset, note) = match (self.first_offset, self.etw_seen) {
            (Some(m), _) => (
                Some(m),
                crate::tr!(
                    "wu-zone-banner",
                    offset = format!(
                        "UTC{}{:02}:{:02}",
                        if m < 0 { '-' } else { '+' },
                        m.unsigned_abs() / 60,
                        m.unsigned_abs() % 60
                    )
                ),
            ),
            (None, true) => (None, crate::tr!("wu-zone-etw")),
            (None, false) => (None, crate::tr!("wu-zone-no-banner")),
        };
        if let Some(m) = self.first_offset {
            let fix = |s: &mut Stamp| {
                if s.clock == crate::values::time::Clock::Local {
                    *s = Stamp::with_offset(s.civil, m);
                }
            };
            // Only legacy records get the banner's offset; ETW output never has a banner.
            if !self.etw_seen {
                f.errors.iter_mut().for_each(|e| fix(&mut e.time));
                f.servers.iter_mut().for_each(|s| fix(&mut s.time));
                f.scans.iter_mut().for_each(|s| fix(&mut s.time));
            }
        }
        f.zones.push(FileZone {
            path: self.path.to_string(),
            offset_minutes: offset,
            note,
        });
        f.files = 1;
        f
    }
}

/// Reads one WindowsUpdate.log from any reader (for tests and [`ingest`]).
pub fn read(
    path: &str,
    input: impl std::io::BufRead,
) -> std::io::Result<(crate::parsers::ParseStats, WuLogFacts)> {
    let mut reader = Reader::new(input);
    let mut state = FileReader {
        path,
        facts: WuLogFacts::default(),
        offset: None,
        first_offset: None,
        etw_seen: false,
        thread_url: BTreeMap::new(),
        last_url: None,
        current: None,
    };
    while let Some(item) = reader.next_item()? {
        match item {
            Item::Record(r) => {
                if let Some(t) = r.time {
                    let s = state.stamp(&r).unwrap_or(Stamp::local(t));
                    reader.stats.saw_time(s);
                }
                state.record(r);
            }
            Item::Continuation { text, .. } => {
                if let Some(code) = soap_error_code(&text) {
                    if let Some((_, e)) = &mut state.current {
                        e.soap_error_code.get_or_insert(code);
                    }
                }
            }
        }
    }
    let facts = state.finish();
    let mut stats = reader.stats;
    if let Some(z) = facts.zones.first() {
        stats.note(z.note.clone());
    }
    if !facts.errors.is_empty() {
        stats.note(crate::tr!(
            "wu-connection-errors",
            count = facts.errors.len(),
            codes = summarise_hresults(&facts.errors)
        ));
    }
    Ok((stats, facts))
}

fn summarise_hresults(errors: &[ConnectionError]) -> String {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for e in errors {
        *counts.entry(e.hresult).or_default() += 1;
    }
    counts
        .iter()
        .map(|(h, n)| format!("{} ×{n}", hresult::format(*h)))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let (stats, wu_log) = read(&file.display, file.text_reader(enc)?)?;
    let mut ing = Ingested {
        stats,
        ..Default::default()
    };
    ing.facts.wu_log = wu_log;
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(text: &str) -> WuLogFacts {
        let (_, mut f) = read("WindowsUpdate.log", text.as_bytes()).unwrap();
        f.finish();
        f
    }

    const LEGACY: &str = "\
2018-10-02\t10:48:20:628\t 408\t828\tMisc\t===========  Logging initialized (build: 7.6.7601.23806, tz: +0300)  ===========
2018-10-02\t10:49:06:951\t 408\t828\tAgent\t  * WSUS server: http://wsus12.example.edu:8530
2018-10-02\t10:49:06:951\t 408\t828\tAgent\t  * WSUS status server: http://wsus12.example.edu:8530
2018-10-02\t10:49:10:826\t 408\t12cc\tPT\t  Server URL = http://wsus12.example.edu:8530/SimpleAuthWebService/SimpleAuth.asmx
2018-10-02\t10:50:10:464\t 408\t12cc\tMisc\tWARNING: Send failed with hr = 80072ee2.
2018-10-02\t10:50:10:464\t 408\t12cc\tMisc\tWARNING: SendRequest failed with hr = 80072ee2. Proxy List used: <(null)> Bypass List used : <(null)> Auth Schemes used : <>
2018-10-02\t10:50:10:464\t 408\t12cc\tPT\tWARNING: GetAuthorizationCookie failure, error = 0x80072EE2, soap client error = 5, soap error code = 0, HTTP status code = 200
2018-10-02\t10:50:10:464\t 408\t12cc\tPT\tWARNING: PTError: 0x80072ee2
2018-10-02\t10:51:10:314\t 408\t12cc\tMisc\tWARNING: Send failed with hr = 80072ee2.
2018-10-02\t10:51:10:314\t 408\t12cc\tPT\tWARNING: GetAuthorizationCookie failure, error = 0x80072EE2, soap client error = 5, soap error code = 0, HTTP status code = 200
2018-10-02\t14:09:09:789\t 408\t1514\tPT\tWARNING: GetAuthorizationCookie failure, error = 0x8024400E, soap client error = 7, soap error code = 400, HTTP status code = 200
2018-10-02\t14:09:09:789\t 408\t1514\tPT\tWARNING: SOAP Fault: 0x000190
2018-10-02\t14:09:09:789\t 408\t1514\tPT\tWARNING:     ErrorCode:InternalServerError(5)
2018-10-02\t14:09:09:789\t 408\t1514\tPT\tWARNING: PTError: 0x8024400e
2018-10-02\t14:20:00:000\t 408\t1514\tAgent\t*********\t  END  **  Agent: Finding updates [CallerId = AutomaticUpdates]  Exit code = 0x00000000
";

    #[test]
    fn legacy_attempts_fold_into_one_error_each() {
        let f = facts(LEGACY);
        let e = f.errors();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].hresult, 0x80072EE2);
        assert_eq!(e[0].operation, "GetAuthorizationCookie");
        assert_eq!(
            e[0].url.as_deref(),
            Some("http://wsus12.example.edu:8530/SimpleAuthWebService/SimpleAuth.asmx")
        );
        assert_eq!(e[0].time.to_string(), "2018-10-02T10:50:10.464+03:00");
        assert_eq!(e[0].lines, 4);
        assert_eq!(e[2].hresult, 0x8024400E);
        assert_eq!(e[2].soap_error_code.as_deref(), Some("InternalServerError"));
        // Two episodes: the minute-by-minute time-outs, then the SOAP fault hours later.
        assert_eq!(f.episodes().len(), 2);
        assert_eq!(f.episodes()[0].count, 2);
        assert_eq!(f.agent_version.as_deref(), Some("7.6.7601.23806"));
        assert_eq!(f.zones()[0].offset_minutes, Some(180));
        assert_eq!(
            &*f.zones()[0].note,
            "local time; the 'tz:' banner gives UTC+03:00"
        );
        assert_eq!(
            f.last_successful_scan().unwrap().origin,
            EvidenceRef::line("WindowsUpdate.log", 15)
        );
    }

    #[test]
    fn servers_are_listed_once_per_change() {
        let f = facts(LEGACY);
        let s = f.servers_used();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].source, ServerSource::WsusServer);
        assert_eq!(s[0].url, "http://wsus12.example.edu:8530");
    }

    const ETW: &str = "\
2021/07/13 10:22:58.9566922 3696  8172  Agent           WU client version 10.0.17763.1852
2021/07/13 10:23:06.3460256 3696  8172  Misc            *FAILED* [8024000C] LoadHistoryEventFromRegistry completed
2021/07/13 10:23:06.3933681 3696  8172  Agent           WSUS server: https://cm01.corp.example.net:8531
2021/07/13 10:31:32.4838822 3696  8172  Agent           WSUS server: (null) (Changed)
2024/03/05 09:14:02.1234567 1180  5512  WebServices     WS error: There was an error communicating with the endpoint at 'http://wsus01.corp.example.net:8530/ClientWebService/client.asmx'.
2024/03/05 09:14:02.1234601 1180  5512  WebServices     *FAILED* [80244022] Web service call
2024/03/05 09:14:02.1235010 1180  5512  ProtocolTalker  *FAILED* [80244022] SyncUpdates_WithRecovery failed
";

    #[test]
    fn etw_failures_and_server_changes() {
        let f = facts(ETW);
        assert_eq!(f.errors().len(), 1, "8024000C is not a connection error");
        let e = &f.errors()[0];
        assert_eq!(e.hresult, 0x80244022);
        assert_eq!(e.operation, "Web service call");
        assert_eq!(
            e.url.as_deref(),
            Some("http://wsus01.corp.example.net:8530/ClientWebService/client.asmx")
        );
        let s = f.servers_used();
        assert_eq!(s[0].url, "https://cm01.corp.example.net:8531");
        assert!(s[1].is_null() && s[1].changed);
        assert_eq!(f.agent_version.as_deref(), Some("10.0.17763.1852"));
        assert!(f.zones()[0].offset_minutes.is_none());
        assert_eq!(
            &*f.zones()[0].note,
            "local time of an unknown zone (Get-WindowsUpdateLog writes no zone)"
        );
        assert_eq!(
            f.zones()[0].note.local(crate::i18n::Lang::Ja),
            "タイム ゾーン不明のローカル時刻 (Get-WindowsUpdateLog はタイム ゾーンを書き込みません)"
        );
    }

    #[test]
    fn hresult_spellings() {
        assert_eq!(
            error_on_line("WARNING: Send failed with hr = 80072ee2.")
                .unwrap()
                .0,
            0x80072EE2
        );
        assert_eq!(
            error_on_line("FATAL: OnCallFailure failed with hr=0X80244007")
                .unwrap()
                .0,
            0x80244007
        );
        assert_eq!(
            error_on_line("WARNING: WinHttp: SendRequestUsingProxy failed for <http://w//selfupdate/wuident.cab>. error 0x80072ee2").unwrap().0,
            0x80072EE2
        );
        assert!(error_on_line("Service exit [Exit code = 0x240001]").is_none());
        assert_eq!(
            soap_error_code("WS error: <detail><ErrorCode>InvalidParameters</ErrorCode>")
                .as_deref(),
            Some("InvalidParameters")
        );
        assert_eq!(
            soap_error_code("Soap fault detail: errorCode='InvalidCookie', message=''").as_deref(),
            Some("InvalidCookie")
        );
    }

    /// Splices random bytes into real-looking lines: no reader may panic.
    #[test]
    fn random_damage_never_panics() {
        let base = format!("{LEGACY}{ETW}");
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..300 {
            let mut bytes = base.as_bytes().to_vec();
            for _ in 0..20 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let at = (seed >> 33) as usize % bytes.len();
                bytes[at] = (seed >> 13) as u8;
            }
            let _ = read("x.log", &bytes[..]).unwrap();
            let _ = crate::facts::configmgr::read("x.log", &bytes[..]).unwrap();
        }
    }
}
