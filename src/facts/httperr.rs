//! Aggregates of HTTP.sys error logs: reason phrases per request queue (application pool) over
//! time, grouped into episodes, and per client.
//!
//! Contract used by other checks and the diagnosis (keep these names and meanings):
//! `is_empty`, `time_span` (UTC), `client(ip)`, `episodes()`.

use super::iis_log::{stamp, ts, Filter, Loc};
use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::parsers::httperr::{self, Event};
use crate::parsers::{excerpt, ParseStats};
use crate::values::EvidenceRef;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// What HTTPERR shows for one client address.
#[derive(Debug, Clone, Serialize)]
pub struct HttperrClientSummary {
    pub ip: String,
    pub records: u64,
    /// Records by reason phrase.
    pub reasons: BTreeMap<String, u64>,
    pub first: Timestamp,
    pub last: Timestamp,
    pub example: EvidenceRef,
}

/// A run of minutes in which one reason was logged for one queue (application pool).
#[derive(Debug, Clone, Serialize)]
pub struct ReasonEpisode {
    pub reason: String,
    /// The request queue (application pool) name, when logged.
    pub queue: Option<String>,
    pub start: Timestamp,
    pub end: Timestamp,
    pub count: u64,
    pub example: EvidenceRef,
}

/// Minutes without the reason that may separate two parts of one episode (heuristic, as for IIS
/// 503 bursts).
pub(crate) const EPISODE_GAP_MINUTES: i64 = 2;
/// Examples kept per reason and queue.
const EXAMPLES: usize = 3;

/// One reason phrase on one queue.
#[derive(Debug, Clone, Default)]
pub struct ReasonAgg {
    pub count: u64,
    pub first: i64,
    pub last: i64,
    /// Records per minute.
    pub minutes: BTreeMap<i64, (u64, Loc)>,
    pub clients: BTreeMap<String, u64>,
    pub examples: Vec<(Loc, String)>,
    /// Records per server port (`s-port`), which tells whose requests they were when the queue
    /// is not named: WSUS's on 8530, WSDAPI's on 5357, WinRM's on 5985.
    pub ports: BTreeMap<u16, u64>,
}

#[derive(Debug, Clone)]
struct ClientAgg {
    records: u64,
    reasons: BTreeMap<String, u64>,
    first: i64,
    last: i64,
    example: Loc,
}

#[derive(Debug, Clone, Default)]
pub struct HttperrFacts {
    pub records: u64,
    first: Option<i64>,
    last: Option<i64>,
    /// Files read, in merge order (locations index it).
    pub files: Vec<String>,
    /// (reason, queue) → what was logged.
    pub reasons: BTreeMap<(String, Option<String>), ReasonAgg>,
    clients: BTreeMap<String, ClientAgg>,
    episodes: Vec<ReasonEpisode>,
}

impl HttperrFacts {
    pub(crate) fn merge(&mut self, other: HttperrFacts) {
        if other.records == 0 && other.files.is_empty() {
            return;
        }
        let off = self.files.len() as u32;
        let shift = |l: Loc| Loc {
            file: l.file + off,
            line: l.line,
        };
        self.files.extend(other.files);
        self.records += other.records;
        self.first = min_opt(self.first, other.first);
        self.last = max_opt(self.last, other.last);
        for (k, r) in other.reasons {
            let mine = self.reasons.entry(k).or_default();
            if mine.count == 0 {
                mine.first = r.first;
                mine.last = r.last;
            } else {
                mine.first = mine.first.min(r.first);
                mine.last = mine.last.max(r.last);
            }
            mine.count += r.count;
            for (m, (n, l)) in r.minutes {
                let e = mine.minutes.entry(m).or_insert((0, shift(l)));
                e.0 += n;
                e.1 = e.1.min(shift(l));
            }
            for (c, n) in r.clients {
                *mine.clients.entry(c).or_insert(0) += n;
            }
            for (p, n) in r.ports {
                *mine.ports.entry(p).or_insert(0) += n;
            }
            mine.examples
                .extend(r.examples.into_iter().map(|(l, t)| (shift(l), t)));
            mine.examples.sort_by_key(|e| e.0);
            mine.examples.truncate(EXAMPLES);
        }
        for (ip, c) in other.clients {
            match self.clients.get_mut(&ip) {
                Some(m) => {
                    m.records += c.records;
                    for (r, n) in c.reasons {
                        *m.reasons.entry(r).or_insert(0) += n;
                    }
                    m.first = m.first.min(c.first);
                    m.last = m.last.max(c.last);
                    m.example = m.example.min(shift(c.example));
                }
                None => {
                    let mut c = c;
                    c.example = shift(c.example);
                    self.clients.insert(ip, c);
                }
            }
        }
    }

    pub fn finish(&mut self) {
        let mut eps = Vec::new();
        for ((reason, queue), r) in &self.reasons {
            let minutes: Vec<(&i64, &(u64, Loc))> = r.minutes.iter().collect();
            // Minutes in order; a run tolerates EPISODE_GAP_MINUTES quiet minutes.
            for run in minutes.chunk_by(|a, b| b.0 - a.0 <= EPISODE_GAP_MINUTES + 1) {
                let first_loc = run.iter().map(|(_, (_, l))| *l).min().unwrap_or_default();
                let (Some(first), Some(last)) = (run.first(), run.last()) else {
                    continue;
                };
                eps.push(ReasonEpisode {
                    reason: reason.clone(),
                    queue: queue.clone(),
                    start: ts(*first.0 * 60),
                    end: ts(*last.0 * 60),
                    count: run.iter().map(|(_, (n, _))| n).sum(),
                    example: self.evidence(first_loc),
                });
            }
        }
        eps.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.reason.cmp(&b.reason)));
        self.episodes = eps;
    }

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    pub fn time_span(&self) -> Option<(Timestamp, Timestamp)> {
        Some((ts(self.first?), ts(self.last?)))
    }

    pub fn client(&self, ip: &str) -> Option<HttperrClientSummary> {
        let c = self.clients.get(ip)?;
        Some(HttperrClientSummary {
            ip: ip.to_string(),
            records: c.records,
            reasons: c.reasons.clone(),
            first: ts(c.first),
            last: ts(c.last),
            example: self.evidence(c.example),
        })
    }

    /// Reason episodes in time order.
    pub fn episodes(&self) -> &[ReasonEpisode] {
        &self.episodes
    }

    /// The file and line of a location.
    pub fn evidence(&self, l: Loc) -> EvidenceRef {
        let path = self
            .files
            .get(l.file as usize)
            .map_or("HTTPERR log", String::as_str);
        EvidenceRef::line(path, l.line)
    }

    /// Records per reason phrase (all queues), largest first.
    pub(crate) fn reason_totals(&self) -> Vec<(String, u64)> {
        let mut m: BTreeMap<&str, u64> = BTreeMap::new();
        for ((r, _), a) in &self.reasons {
            *m.entry(r.as_str()).or_insert(0) += a.count;
        }
        let mut v: Vec<(String, u64)> = m.into_iter().map(|(r, n)| (r.to_string(), n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    }

    fn add(&mut self, loc: Loc, r: &httperr::HttperrRecord<'_>, raw: &[u8]) {
        self.records += 1;
        self.first = min_opt(self.first, Some(r.time));
        self.last = max_opt(self.last, Some(r.time));
        let reason = String::from_utf8_lossy(r.reason).into_owned();
        let queue = (!r.queue.is_empty()).then(|| String::from_utf8_lossy(r.queue).into_owned());
        let ip = String::from_utf8_lossy(r.client_ip).into_owned();
        let a = self.reasons.entry((reason.clone(), queue)).or_default();
        if a.count == 0 {
            a.first = r.time;
            a.last = r.time;
        } else {
            a.first = a.first.min(r.time);
            a.last = a.last.max(r.time);
        }
        a.count += 1;
        let e = a.minutes.entry(r.time.div_euclid(60)).or_insert((0, loc));
        e.0 += 1;
        if !ip.is_empty() {
            *a.clients.entry(ip.clone()).or_insert(0) += 1;
        }
        if let Some(port) = std::str::from_utf8(r.server_port)
            .ok()
            .and_then(|p| p.parse::<u16>().ok())
        {
            *a.ports.entry(port).or_insert(0) += 1;
        }
        if a.examples.len() < EXAMPLES {
            a.examples.push((loc, excerpt(raw)));
        }
        if ip.is_empty() {
            return;
        }
        let c = self.clients.entry(ip).or_insert_with(|| ClientAgg {
            records: 0,
            reasons: BTreeMap::new(),
            first: r.time,
            last: r.time,
            example: loc,
        });
        c.records += 1;
        *c.reasons.entry(reason).or_insert(0) += 1;
        c.first = c.first.min(r.time);
        c.last = c.last.max(r.time);
    }
}

fn min_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

fn max_opt(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, y) => x.or(y),
    }
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    ingest_with(file, enc, &Filter::default())
}

/// Reads one log with the `logs` command's filters.
pub(crate) fn ingest_with(
    file: &EvidenceFile,
    enc: TextEncoding,
    filter: &Filter,
) -> std::io::Result<Ingested> {
    let mut filtered_out = 0u64;
    let mut facts = HttperrFacts {
        files: vec![file.display.clone()],
        ..Default::default()
    };
    let mut stats = ParseStats::default();
    let mut defaulted = false;
    let mut layouts: Vec<u16> = Vec::new();
    httperr::parse_reader(file.text_reader(enc)?, |e| match e {
        Event::Record { line, record, raw } => {
            let outside = !filter.in_time(record.time)
                || filter
                    .client
                    .as_ref()
                    .is_some_and(|c| c.as_slice() != record.client_ip);
            if outside {
                filtered_out += 1;
                return;
            }
            stats.records += 1;
            if let Some(s) = stamp(record.time) {
                stats.saw_time(s);
            }
            facts.add(Loc { file: 0, line }, &record, raw);
        }
        Event::Malformed { line, reason, raw } => stats.rejected(line, reason, raw),
        Event::Layout { fields, .. } => {
            if !layouts.contains(&fields) {
                layouts.push(fields);
            }
        }
        Event::DefaultLayout => defaulted = true,
    })?;
    if defaulted {
        stats.note(crate::tr!("note-httperr-default-layout"));
    }
    if filtered_out > 0 {
        stats.note(super::iis_log::outside_note(filtered_out, filter));
    }
    for n in layouts {
        stats.note(crate::tr!("note-httperr-layout", fields = n));
    }
    let mut ing = Ingested {
        stats,
        ..Default::default()
    };
    ing.facts.httperr = facts;
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn episodes_per_reason_and_queue() {
        let text = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n\
2024-03-05 09:14:02 10.0.5.21 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\n\
2024-03-05 09:15:02 10.0.5.22 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\n\
2024-03-05 09:16:40 10.0.5.33 50877 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 AppOffline WsusPool\n\
2024-03-05 10:16:40 10.0.5.33 50877 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\n";
        let file = EvidenceFile::memory("httperr1.log", text.as_bytes().to_vec());
        let mut f = ingest(&file, TextEncoding::UTF8).unwrap().facts.httperr;
        f.finish();
        let e = f.episodes();
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].reason, "QueueFull");
        assert_eq!(e[0].count, 2);
        assert_eq!(e[0].queue.as_deref(), Some("WsusPool"));
        assert_eq!(e[0].example.to_string(), "httperr1.log:2");
        assert_eq!(f.client("10.0.5.33").unwrap().records, 2);
        assert_eq!(f.reason_totals()[0], ("QueueFull".to_string(), 3));
    }
}
