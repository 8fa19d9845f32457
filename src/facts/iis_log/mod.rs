//! Aggregates of IIS W3C logs, computed in one streaming pass (see [`engine`]): counts by status,
//! sub-status and win32 status, per WSUS endpoint family and per client, user agents, per-minute
//! series per server, 503 bursts, time-taken percentiles, and the notable requests the guide
//! (KB4025764) teaches to read.
//!
//! Contract used by other checks and the diagnosis (keep these names and meanings):
//! `is_empty`, `time_span` (UTC, over all servers), `client(ip)`, `bursts_503()`, `minute_series()`.

pub mod agg;
pub(crate) mod engine;

pub(crate) use agg::{Agg, ClientAgg, Loc, Notable, Rule, FAMILIES};
pub use agg::{Family, Filter};

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::parsers::{Malformed, ParseStats};
use crate::values::time::Stamp;
use crate::values::EvidenceRef;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Read;

/// What the IIS logs show for one client address.
#[derive(Debug, Clone, Serialize)]
pub struct ClientSummary {
    pub ip: String,
    pub requests: u64,
    /// Requests by HTTP status.
    pub statuses: BTreeMap<u16, u64>,
    pub first: Timestamp,
    pub last: Timestamp,
    /// One of its lines, as proof.
    pub example: EvidenceRef,
    /// Whether any of its requests asked WSUS's virtual directories: requests to a co-hosted
    /// management point alone show the client reaches the machine, not WSUS.
    #[serde(skip)]
    pub asked_wsus: bool,
}

/// A run of minutes with 503 answers.
#[derive(Debug, Clone, Serialize)]
pub struct Burst {
    /// First and last minute with 503s (UTC, inclusive).
    pub start: Timestamp,
    pub end: Timestamp,
    /// Its first and last 503 record.
    pub first: Timestamp,
    pub last: Timestamp,
    pub total: u64,
    pub peak_per_minute: u64,
    /// Endpoint families hit, with counts, largest first.
    pub endpoints: Vec<(String, u64)>,
    /// The server (s-ip or computer name) when known.
    pub server: Option<String>,
    pub example: EvidenceRef,
}

/// Requests per minute, for charts and for lining up with client errors.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MinutePoint {
    pub minute: Timestamp,
    pub total: u64,
    pub status_5xx: u64,
    pub status_503: u64,
    pub status_401: u64,
    pub status_403: u64,
    pub status_404: u64,
}

/// Minutes without 503 that may separate two parts of one burst (a pool that flaps back for a
/// moment is still one outage; heuristic).
pub(crate) const BURST_GAP_MINUTES: i64 = 2;

#[derive(Debug, Clone, Default)]
pub struct IisLogFacts {
    /// Everything counted, with locations indexing [`IisLogFacts::files`].
    pub agg: Agg,
    /// The files read, in merge order.
    pub files: Vec<String>,
    /// For each of `files`, the number its locations carry in a worker's running total (its place
    /// in the evidence set, see [`ingest_into`]) until [`IisLogFacts::absorb`] folds that in.
    origins: Vec<u32>,
    bursts: Vec<Burst>,
}

/// A client's 401s that no success followed.
#[derive(Debug, Clone, Serialize)]
pub struct Unresolved401 {
    pub ip: String,
    pub count: u64,
    pub first: Timestamp,
    pub last: Timestamp,
    pub example: EvidenceRef,
}

impl IisLogFacts {
    pub(crate) fn merge(&mut self, mut other: IisLogFacts) {
        if other.files.is_empty() && other.agg.total.records == 0 {
            return;
        }
        let offset = self.files.len() as u32;
        other.agg.relocate(|l| Loc {
            file: l.file + offset,
            line: l.line,
        });
        self.files.append(&mut other.files);
        self.origins.append(&mut other.origins);
        self.agg.merge(other.agg);
    }

    /// Folds in running totals whose locations name files by their origin (see [`ingest_into`]),
    /// once every file's facts are merged.
    pub(crate) fn absorb(&mut self, totals: impl IntoIterator<Item = Agg>) {
        let mut position: Vec<(u32, u32)> = self
            .origins
            .iter()
            .enumerate()
            .map(|(i, o)| (*o, i as u32))
            .collect();
        position.sort_unstable();
        for mut agg in totals {
            agg.relocate(|l| Loc {
                file: position
                    .binary_search_by_key(&l.file, |p| p.0)
                    .ok()
                    .and_then(|i| position.get(i))
                    .map_or(u32::MAX, |p| p.1),
                line: l.line,
            });
            self.agg.merge(agg);
        }
    }

    pub fn finish(&mut self) {
        self.bursts = self.compute_bursts();
    }

    /// No IIS log records were read.
    pub fn is_empty(&self) -> bool {
        self.agg.total.records == 0
    }

    /// Earliest and latest record (UTC).
    pub fn time_span(&self) -> Option<(Timestamp, Timestamp)> {
        Some((ts(self.agg.total.first?), ts(self.agg.total.last?)))
    }

    /// What the logs show for one client address.
    pub fn client(&self, ip: &str) -> Option<ClientSummary> {
        let c = self.agg.clients.get(ip.as_bytes())?;
        Some(self.summary(ip, c))
    }

    fn summary(&self, ip: &str, c: &ClientAgg) -> ClientSummary {
        ClientSummary {
            ip: ip.to_string(),
            requests: c.requests,
            statuses: c.statuses.iter().copied().collect(),
            first: ts(c.first),
            last: ts(c.last),
            example: self.evidence(c.example),
            asked_wsus: c.wsus,
        }
    }

    /// 503 bursts in time order.
    pub fn bursts_503(&self) -> &[Burst] {
        &self.bursts
    }

    /// Per-minute counts in time order (all servers added up).
    pub(crate) fn minute_series(&self) -> Vec<MinutePoint> {
        self.series_every(1)
    }

    /// Counts summed over steps of `step` minutes (aligned on UTC multiples of the step; each
    /// point's `minute` is its step's start), in time order, all servers added up; steps
    /// without requests are left out. Built straight from the hour blocks, so a year of logs
    /// charted by the half hour never holds its half-million minutes at once.
    pub(crate) fn series_every(&self, step: i64) -> Vec<MinutePoint> {
        let step = step.max(1);
        let mut blocks: Vec<(i64, &[agg::MinuteAgg; agg::BLOCK_MINUTES])> = self
            .agg
            .servers
            .iter()
            .flat_map(|s| s.minutes.hours())
            .collect();
        blocks.sort_unstable_by_key(|(hour, _)| *hour);
        let mut out: Vec<MinutePoint> = Vec::new();
        for same_hour in blocks.chunk_by(|a, b| a.0 == b.0) {
            let Some((hour, _)) = same_hour.first() else {
                continue;
            };
            for at in 0..agg::BLOCK_MINUTES {
                let minute = hour * agg::BLOCK_MINUTES as i64 + at as i64;
                let mut p = MinutePoint {
                    minute: Timestamp::UNIX_EPOCH,
                    total: 0,
                    status_5xx: 0,
                    status_503: 0,
                    status_401: 0,
                    status_403: 0,
                    status_404: 0,
                };
                for v in same_hour.iter().filter_map(|(_, block)| block.get(at)) {
                    p.total += u64::from(v.total);
                    p.status_5xx += u64::from(v.status_5xx);
                    p.status_503 += u64::from(v.status_503);
                    p.status_401 += u64::from(v.status_401);
                    p.status_403 += u64::from(v.status_403);
                    p.status_404 += u64::from(v.status_404);
                }
                if p.total == 0 {
                    continue;
                }
                let start = ts(minute.div_euclid(step) * step * 60);
                match out.last_mut() {
                    Some(last) if last.minute == start => {
                        last.total += p.total;
                        last.status_5xx += p.status_5xx;
                        last.status_503 += p.status_503;
                        last.status_401 += p.status_401;
                        last.status_403 += p.status_403;
                        last.status_404 += p.status_404;
                    }
                    _ => {
                        p.minute = start;
                        out.push(p);
                    }
                }
            }
        }
        out
    }

    /// The file and line of a location.
    pub fn evidence(&self, l: Loc) -> EvidenceRef {
        let path = self
            .files
            .get(l.file as usize)
            .map_or("IIS log", String::as_str);
        EvidenceRef::line(path, l.line)
    }

    /// Clients with the most requests answered 400 or more, largest first.
    pub fn top_failing_clients(&self, n: usize) -> Vec<ClientSummary> {
        let mut v: Vec<(&[u8], &ClientAgg, u64)> = self
            .agg
            .clients
            .iter()
            .map(|(k, c)| (k, c, c.failures()))
            .filter(|(_, _, f)| *f > 0)
            .collect();
        v.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        v.into_iter()
            .take(n)
            .map(|(k, c, _)| self.summary(&String::from_utf8_lossy(k), c))
            .collect()
    }

    /// Requests answered 401 in total, and the clients whose 401s no success followed (KB4025764:
    /// a 401 followed by a 200 for the same client is the normal authentication handshake).
    pub fn unresolved_401(&self) -> (u64, Vec<Unresolved401>) {
        let total = self
            .agg
            .statuses
            .iter()
            .filter(|((s, _, _), _)| *s == 401)
            .map(|(_, n)| n)
            .sum();
        let mut v: Vec<Unresolved401> = self
            .agg
            .clients
            .iter()
            .filter(|(_, c)| !c.pending_401.is_empty())
            .filter_map(|(k, c)| {
                let first = c.pending_401.first()?;
                let last = c.pending_401.last()?;
                Some(Unresolved401 {
                    ip: String::from_utf8_lossy(k).into_owned(),
                    count: c.unresolved_401(),
                    first: ts(first.minute * 60),
                    last: ts(last.minute * 60),
                    example: self.evidence(first.first),
                })
            })
            .collect();
        v.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.ip.cmp(&b.ip)));
        (total, v)
    }

    /// Requests by status and sub-status, largest first.
    pub fn status_table(&self) -> Vec<((u16, u32), u64)> {
        let mut m: BTreeMap<(u16, u32), u64> = BTreeMap::new();
        for ((s, sub, _), n) in &self.agg.statuses {
            *m.entry((*s, *sub)).or_insert(0) += n;
        }
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Requests by win32 status (non-zero only), largest first.
    pub fn win32_table(&self) -> Vec<(u64, u64)> {
        let mut m: BTreeMap<u64, u64> = BTreeMap::new();
        for ((_, _, w), n) in &self.agg.statuses {
            if *w != 0 {
                *m.entry(*w).or_insert(0) += n;
            }
        }
        let mut v: Vec<_> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Notable requests of the kinds `pick` selects, with their rule.
    pub(crate) fn notable(&self, pick: impl Fn(&Rule) -> bool) -> Vec<(Rule, &Notable)> {
        let mut v: Vec<(Rule, &Notable)> = self
            .agg
            .notable
            .iter()
            .filter(|(r, _)| pick(r))
            .map(|(r, n)| (*r, n))
            .collect();
        v.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(&b.0)));
        v
    }

    /// User agents by requests, largest first.
    pub fn user_agents(&self, n: usize) -> Vec<(String, u64)> {
        agg::top(&self.agg.user_agents, n)
    }

    /// Requests per hour (UTC), for a histogram.
    pub fn hourly(&self) -> Vec<(Timestamp, u64, u64)> {
        let mut h: BTreeMap<i64, (u64, u64)> = BTreeMap::new();
        for s in &self.agg.servers {
            for (hour, block) in s.minutes.hours() {
                let e = h.entry(hour).or_insert((0, 0));
                for v in block {
                    e.0 += u64::from(v.total);
                    e.1 += [v.status_5xx, v.status_401, v.status_403, v.status_404]
                        .into_iter()
                        .map(u64::from)
                        .sum::<u64>();
                }
            }
        }
        h.into_iter()
            .map(|(hour, (t, e))| (ts(hour * 3600), t, e))
            .collect()
    }

    /// Bursts of 503 answers to WSUS's own endpoints. A site beside WSUS (a ConfigMgr management
    /// point's `/SMS_MP`, the Default Web Site's root) answering 503 is not WsusPool failing, so
    /// requests outside the WSUS endpoint families do not make or swell a burst.
    fn compute_bursts(&self) -> Vec<Burst> {
        let wsus_503 = |m: &agg::Minute503| -> u64 {
            Family::ALL
                .iter()
                .zip(m.families)
                .filter(|(f, _)| f.is_wsus())
                .map(|(_, n)| n)
                .sum()
        };
        let mut out = Vec::new();
        for s in &self.agg.servers {
            let mut minutes: Vec<(&i64, &agg::Minute503, u64)> = s
                .minutes_503
                .iter()
                .map(|(m, u)| (m, u, wsus_503(u)))
                .filter(|(_, _, n)| *n > 0)
                .collect();
            minutes.sort_by_key(|(m, _, _)| **m);
            // A run tolerates BURST_GAP_MINUTES minutes without 503.
            for run in minutes.chunk_by(|a, b| b.0 - a.0 <= BURST_GAP_MINUTES + 1) {
                let (Some(first), Some(last)) = (run.first(), run.last()) else {
                    continue;
                };
                let mut families = [0u64; FAMILIES];
                let mut example: Option<Loc> = None;
                let mut times = agg::Minute503::default();
                for (_, m, _) in run {
                    if let Some((a, b)) = m.wsus_times {
                        times.note_wsus(a);
                        times.note_wsus(b);
                    }
                    for (a, b) in families.iter_mut().zip(m.families) {
                        *a += b;
                    }
                    example = match (example, m.first) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                let mut endpoints: Vec<(String, u64)> = Family::ALL
                    .iter()
                    .zip(families)
                    .filter(|(f, n)| f.is_wsus() && *n > 0)
                    .map(|(f, n)| (f.name().to_string(), n))
                    .collect();
                endpoints.sort_by_key(|e| std::cmp::Reverse(e.1));
                let (first_record, last_record) =
                    times.wsus_times.unwrap_or((*first.0 * 60, *last.0 * 60));
                out.push(Burst {
                    start: ts(*first.0 * 60),
                    end: ts(*last.0 * 60),
                    first: ts(first_record),
                    last: ts(last_record),
                    total: run.iter().map(|(_, _, n)| n).sum(),
                    peak_per_minute: run.iter().map(|(_, _, n)| *n).max().unwrap_or(0),
                    endpoints,
                    server: (!s.name.is_empty()).then(|| s.name.clone()),
                    example: example.map_or_else(
                        || EvidenceRef::file(self.files.first().cloned().unwrap_or_default(), None),
                        |l| self.evidence(l),
                    ),
                });
            }
        }
        out.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.server.cmp(&b.server)));
        out
    }
}

/// A Unix time as a timestamp (record times are always in range: years 0000..9999).
pub(crate) fn ts(secs: i64) -> Timestamp {
    Timestamp::from_second(secs).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A Unix time as a UTC stamp for the inventory.
pub fn stamp(secs: i64) -> Option<Stamp> {
    Some(Stamp::utc(
        ts(secs).to_zoned(jiff::tz::TimeZone::UTC).datetime(),
    ))
}

/// Workers for one file read in chunks of `chunk` bytes: files big enough to be worth cutting get
/// every core (the calling thread is one of them).
#[cfg_attr(
    not(feature = "parquet"),
    allow(dead_code, reason = "only the Parquet export uses it")
)]
pub(crate) fn workers_for_chunks(file: &EvidenceFile, chunk: usize) -> usize {
    let big = if file.gzip {
        file.size >= (chunk as u64) / 4
    } else {
        file.size >= 2 * chunk as u64
    };
    if big {
        std::thread::available_parallelism().map_or(2, |n| n.get().min(8))
    } else {
        1
    }
}

/// The inventory note of a file whose records were partly filtered out.
pub(crate) fn outside_note(count: u64, filter: &Filter) -> crate::i18n::Text {
    if filter.client.is_some() {
        crate::tr!("note-outside-filters", count = count)
    } else {
        crate::tr!("note-outside-window", count = count)
    }
}

/// Workers for one file: files big enough to hide the merge of the workers' aggregates get every
/// core (the calling thread is one of them); the others are read by one thread, straight into its
/// running total, while other files keep the other cores busy.
fn workers_for(file: &EvidenceFile) -> usize {
    let big = if file.gzip {
        file.size >= BIG_FILE / 8
    } else {
        file.size >= BIG_FILE
    };
    if big {
        std::thread::available_parallelism().map_or(2, |n| n.get().min(8))
    } else {
        1
    }
}

/// Bytes from which one file is read by several threads.
const BIG_FILE: u64 = 64 << 20;

/// The bytes of a log as the engine reads them. Text that needs no transcoding is read straight
/// from the file (past its byte order mark): the engine's chunks are smaller than the text
/// reader's buffer, which would copy every byte once more.
pub(crate) fn log_reader(
    file: &EvidenceFile,
    enc: TextEncoding,
) -> std::io::Result<Box<dyn Read + Send>> {
    let bom: &[u8] = match enc {
        TextEncoding::Utf8 { .. } | TextEncoding::Ansi(_) => b"",
        TextEncoding::Utf8Bom => b"\xEF\xBB\xBF",
        TextEncoding::Utf16Le | TextEncoding::Utf16Be | TextEncoding::Utf16LeNoBom => {
            return Ok(Box::new(file.text_reader(enc)?));
        }
    };
    let mut reader = file.open()?;
    let mut head = [0u8; 3];
    let head = head.get_mut(..bom.len()).unwrap_or_default();
    let mut filled = 0;
    while filled < head.len() {
        match reader.read(head.get_mut(filled..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    // Bytes read that are not the mark (a file cut inside it) stay part of the text.
    let kept = if head.get(..filled) == Some(bom) {
        Vec::new()
    } else {
        head.get(..filled).unwrap_or_default().to_vec()
    };
    Ok(Box::new(std::io::Cursor::new(kept).chain(reader)))
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
    let mut total = Agg::with_filter(filter.clone());
    let mut ingested = ingest_into(file, enc, &mut total, 0)?;
    ingested.facts.iis_log.absorb([total]);
    Ok(ingested)
}

/// Reads one log into `total`, a worker's running total over many files (filtered by its
/// filter), its locations naming the file by `origin`. The facts returned name the file; merged
/// in input order, they let [`IisLogFacts::absorb`] fold the totals in afterwards.
pub(crate) fn ingest_into(
    file: &EvidenceFile,
    enc: TextEncoding,
    total: &mut Agg,
    origin: u32,
) -> std::io::Result<Ingested> {
    let tally = engine::read_into(log_reader(file, enc)?, workers_for(file), total, origin)?;
    let mut stats = ParseStats {
        records: tally.records,
        malformed: tally.malformed,
        malformed_examples: tally
            .malformed_examples
            .iter()
            .map(|(l, reason, excerpt)| Malformed {
                line: l.line,
                reason: crate::i18n::Text::new(*reason, vec![]),
                excerpt: excerpt.clone(),
            })
            .collect(),
        first_time: tally.first.and_then(stamp),
        last_time: tally.last.and_then(stamp),
        notes: Vec::new(),
    };
    if tally.default_layout {
        stats.note(crate::tr!("note-iis-default-layout"));
    }
    for f in &tally.server_fields {
        stats.note(crate::tr!("note-iis-server-field", field = f.to_string()));
    }
    if tally.filtered_out > 0 {
        stats.note(outside_note(tally.filtered_out, &total.filter));
    }
    let mut ingested = Ingested {
        stats,
        ..Default::default()
    };
    ingested.facts.iis_log = IisLogFacts {
        files: vec![file.display.clone()],
        origins: vec![origin],
        ..Default::default()
    };
    Ok(ingested)
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2024-03-05 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n";
    const WUA: &str = "Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50";

    fn line(t: &str, ip: &str, stem: &str, status: &str, ua: &str) -> String {
        let mut p = status.split('.');
        let s = p.next().unwrap_or("200");
        let sub = p.next().unwrap_or("0");
        format!("2024-03-05 {t} 10.0.0.10 POST {stem} - 8530 - {ip} {ua} - {s} {sub} 0 15\n")
    }

    fn facts(text: &str, threads: usize) -> IisLogFacts {
        // `threads` workers (the calling thread is one of them) read and parse the chunks.
        let mut agg = Agg::with_filter(Filter::default());
        engine::read_into(text.as_bytes(), threads, &mut agg, 0).unwrap();
        agg.flush();
        let mut f = IisLogFacts {
            agg,
            files: vec!["u_ex240305.log".into()],
            ..Default::default()
        };
        f.finish();
        f
    }

    #[test]
    fn a_401_followed_by_success_is_resolved() {
        let mut t = HEAD.to_string();
        t += &line(
            "00:00:01",
            "10.0.5.1",
            "/ClientWebService/client.asmx",
            "401.2",
            WUA,
        );
        t += &line(
            "00:00:02",
            "10.0.5.1",
            "/ClientWebService/client.asmx",
            "200",
            WUA,
        );
        t += &line(
            "00:00:03",
            "10.0.5.2",
            "/ClientWebService/client.asmx",
            "200",
            WUA,
        );
        t += &line(
            "00:05:03",
            "10.0.5.2",
            "/ClientWebService/client.asmx",
            "401.2",
            WUA,
        );
        let f = facts(&t, 1);
        let (total, unresolved) = f.unresolved_401();
        assert_eq!(total, 2);
        assert_eq!(unresolved.len(), 1);
        assert_eq!(unresolved[0].ip, "10.0.5.2");
        assert_eq!(unresolved[0].example.to_string(), "u_ex240305.log:8");
    }

    #[test]
    fn bursts_group_minutes_and_name_endpoints() {
        let mut t = HEAD.to_string();
        for (time, ip) in [
            ("09:14:02", "10.0.5.21"),
            ("09:14:40", "10.0.5.22"),
            ("09:16:10", "10.0.5.23"),
            ("11:00:00", "10.0.5.24"),
        ] {
            t += &line(time, ip, "/ClientWebService/client.asmx", "503", WUA);
        }
        t += &line(
            "09:15:00",
            "10.0.5.21",
            "/selfupdate/wuident.cab",
            "200",
            WUA,
        );
        let f = facts(&t, 1);
        let b = f.bursts_503();
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].total, 3);
        assert_eq!(b[0].peak_per_minute, 2);
        assert_eq!(b[0].start.to_string(), "2024-03-05T09:14:00Z");
        assert_eq!(b[0].end.to_string(), "2024-03-05T09:16:00Z");
        assert_eq!(b[0].endpoints, vec![("ClientWebService".to_string(), 3)]);
        assert_eq!(b[0].server.as_deref(), Some("10.0.0.10"));
        assert_eq!(b[0].example.to_string(), "u_ex240305.log:5");
        assert_eq!(f.minute_series().len(), 4);
        // By the quarter hour: 09:14 starts at 09:00, 09:15 and 09:16 share 09:15.
        let by_quarter: Vec<(String, u64, u64)> = f
            .series_every(15)
            .iter()
            .map(|p| (p.minute.to_string(), p.total, p.status_503))
            .collect();
        assert_eq!(
            by_quarter,
            [
                ("2024-03-05T09:00:00Z".to_string(), 2, 2),
                ("2024-03-05T09:15:00Z".to_string(), 2, 1),
                ("2024-03-05T11:00:00Z".to_string(), 1, 1),
            ]
        );
        let minutes = f.minute_series();
        assert_eq!(f.series_every(1).len(), minutes.len());
    }

    #[test]
    fn byte_order_mark_is_skipped_and_a_cut_mark_kept() {
        let body = format!(
            "{HEAD}{}",
            line(
                "10:00:00",
                "10.0.0.1",
                "/selfupdate/wuident.cab",
                "200",
                WUA
            )
        );
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(body.as_bytes());
        let file = EvidenceFile::memory("u_ex.log", with_bom);
        let mut read = Vec::new();
        log_reader(&file, TextEncoding::Utf8Bom)
            .unwrap()
            .read_to_end(&mut read)
            .unwrap();
        assert_eq!(read, body.as_bytes());
        let file = EvidenceFile::memory("u_ex.log", b"\xEF\xBB".to_vec());
        let mut read = Vec::new();
        log_reader(&file, TextEncoding::Utf8Bom)
            .unwrap()
            .read_to_end(&mut read)
            .unwrap();
        assert_eq!(read, b"\xEF\xBB");
    }

    #[test]
    fn chunks_on_several_threads_give_the_same_figures_and_line_numbers() {
        let mut t = HEAD.to_string();
        let mut n = 0;
        while t.len() < engine::CHUNK * 3 {
            let ip = format!("10.0.{}.{}", n % 7, n % 251);
            let status = match n % 97 {
                0 => "503",
                1 => "401.2",
                2 => "404",
                _ => "200",
            };
            let time = format!("{:02}:{:02}:{:02}", (n / 3600) % 24, (n / 60) % 60, n % 60);
            t += &line(&time, &ip, "/ClientWebService/client.asmx", status, WUA);
            if n % 50_000 == 0 {
                t += HEAD;
            }
            n += 1;
        }
        let one = facts(&t, 1);
        let two = facts(&t, 3);
        assert_eq!(one.agg.total.records, two.agg.total.records);
        assert_eq!(one.status_table(), two.status_table());
        assert_eq!(one.agg.clients.len(), two.agg.clients.len());
        assert_eq!(one.unresolved_401().1.len(), two.unresolved_401().1.len());
        assert_eq!(one.bursts_503().len(), two.bursts_503().len());
        let ex1: Vec<_> = one
            .bursts_503()
            .iter()
            .map(|b| b.example.to_string())
            .collect();
        let ex2: Vec<_> = two
            .bursts_503()
            .iter()
            .map(|b| b.example.to_string())
            .collect();
        assert_eq!(ex1, ex2);
        let c = two.client("10.0.3.3").unwrap();
        assert_eq!(c.example, one.client("10.0.3.3").unwrap().example);
    }
}
