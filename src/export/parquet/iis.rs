//! IIS requests as Parquet: one row per request, typed columns, in the order of the log.
//!
//! The log is cut into newline-aligned chunks by the IIS engine's feed (which numbers their lines
//! as it cuts them); each worker thread parses a chunk straight into a [`Table`], encodes it as a
//! row group and hands it to the [`Writer`], which writes row groups in input order. A worker waits
//! before taking a new chunk while as many row groups as there are workers wait for their turn, so
//! memory is a few chunks per worker whatever the size of the log.

use super::{absorb, column, free_text, number, utf8, Kind, Layout, Table, Writer, Written};
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::facts::iis_log::{self, engine::Feed, Filter};
use crate::parsers::iis_w3c::{ChunkParser, FieldMap, Record, Sink};
use crate::parsers::ParseStats;
use bytes::Bytes;
use std::io;
use std::path::Path;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Bytes of log per row group: about 100,000 requests of a WSUS server's log (DuckDB's own row
/// groups hold 122,880 rows), and the bound on each worker's memory with the encoded copy.
pub(crate) const CHUNK: usize = 16 << 20;

/// The columns (docs/fleet.md describes them).
pub(crate) const LAYOUT: Layout = Layout {
    id: "wsus-doctor/iis-requests/v1",
    columns: &[
        column("time", Kind::Timestamp, false),
        column("server", Kind::Text, true),
        column("site_id", Kind::Int64, true),
        column("s_ip", Kind::Text, true),
        column("s_port", Kind::Int32, true),
        column("method", Kind::Text, true),
        free_text("uri_stem", true),
        free_text("uri_query", true),
        column("client_ip", Kind::Text, true),
        free_text("user_agent", true),
        column("status", Kind::Int32, false),
        column("substatus", Kind::Int32, true),
        column("win32_status", Kind::Int64, true),
        column("time_taken_ms", Kind::Int64, true),
        free_text("source_file", false),
        column("line", Kind::Int64, false),
    ],
};

// Column numbers, in LAYOUT's order.
const TIME: usize = 0;
const SERVER: usize = 1;
const SITE_ID: usize = 2;
const S_IP: usize = 3;
const S_PORT: usize = 4;
const METHOD: usize = 5;
const URI_STEM: usize = 6;
const URI_QUERY: usize = 7;
const CLIENT_IP: usize = 8;
const USER_AGENT: usize = 9;
const STATUS: usize = 10;
const SUBSTATUS: usize = 11;
const WIN32_STATUS: usize = 12;
const TIME_TAKEN: usize = 13;
const SOURCE_FILE: usize = 14;
const LINE: usize = 15;

/// The site id in `W3SVC<id>`, the service name and instance IIS writes in `s-sitename` and names
/// each site's log folder after (formats.md §1.1, §1.3).
fn site_id(name: &[u8]) -> Option<i64> {
    let digits = name
        .get(..5)
        .filter(|p| p.eq_ignore_ascii_case(b"W3SVC"))
        .and_then(|_| name.get(5..))?;
    number(digits)
}

/// The site id of the folder a log was found in (`.../W3SVC1/u_ex261110.log`), for layouts
/// without `s-sitename` (the default one has none).
fn folder_site_id(display: &str) -> Option<i64> {
    let mut parts = display.rsplit(['/', '\\']);
    parts.next();
    parts.next().and_then(|folder| site_id(folder.as_bytes()))
}

/// Turns the records of the chunks one worker parses into rows.
struct Rows<'a> {
    table: Table,
    source: &'a [u8],
    folder_site: Option<i64>,
    filter: &'a Filter,
    /// The chunk being parsed is valid UTF-8, and so is every field of it.
    utf8: bool,
    filtered_out: u64,
    stats: ParseStats,
    first: Option<i64>,
    last: Option<i64>,
}

impl Rows<'_> {
    #[inline]
    fn text(&mut self, column: usize, value: &[u8]) {
        if value.is_empty() {
            self.table.text(column, None);
        } else {
            let v = utf8(value, self.utf8);
            self.table.text(column, Some(&v));
        }
    }
}

impl Sink for Rows<'_> {
    #[inline]
    fn record(&mut self, line: u64, r: &Record<'_>, _raw: &[u8]) {
        if !self.filter.admits(r.time, r.client_ip) {
            self.filtered_out += 1;
            return;
        }
        self.stats.records += 1;
        self.first = Some(self.first.map_or(r.time, |f| f.min(r.time)));
        self.last = Some(self.last.map_or(r.time, |l| l.max(r.time)));
        self.table
            .int64(TIME, Some(r.time.saturating_mul(1_000_000)));
        let server = crate::export::server_name(r.computer_name).unwrap_or_default();
        self.text(SERVER, server);
        let site = site_id(r.site_name).or(self.folder_site);
        self.table.int64(SITE_ID, site);
        self.text(S_IP, r.server_ip);
        let port = number(r.server_port).and_then(|p| i32::try_from(p).ok());
        self.table.int32(S_PORT, port);
        self.text(METHOD, r.method);
        self.text(URI_STEM, r.uri_stem);
        self.text(URI_QUERY, r.uri_query);
        self.text(CLIENT_IP, r.client_ip);
        self.text(USER_AGENT, r.user_agent);
        self.table.int32(STATUS, Some(i32::from(r.status)));
        let substatus = r
            .substatus_logged
            .then(|| i32::try_from(r.substatus).ok())
            .flatten();
        self.table.int32(SUBSTATUS, substatus);
        // Beyond i64 (19-digit values) is no Win32 status: null rather than a wrapped number.
        let win32 = r
            .win32_logged
            .then(|| i64::try_from(r.win32).ok())
            .flatten();
        self.table.int64(WIN32_STATUS, win32);
        let taken = r.time_taken.and_then(|t| i64::try_from(t).ok());
        self.table.int64(TIME_TAKEN, taken);
        let source = self.source;
        self.table.text(SOURCE_FILE, Some(source));
        self.table
            .int64(LINE, Some(i64::try_from(line).unwrap_or(i64::MAX)));
        self.table.end_row();
    }

    fn malformed(&mut self, line: u64, reason: &'static str, raw: &[u8]) {
        self.stats.rejected(line, reason, raw);
    }

    fn layout(&mut self, _line: u64, map: &FieldMap) {
        if map.server_field() != Some("s-computername") {
            self.stats
                .note("a #Fields layout without s-computername: the server column is null there");
        }
    }

    fn default_layout_used(&mut self) {
        self.stats.note(
            "no #Fields directive before the first records: read with the IIS default field layout",
        );
    }
}

/// The state the workers of one file share besides the feed.
struct Shared {
    writer: Writer,
    /// A worker failed: the others stop rather than wait for a row group that will never come.
    failed: bool,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What one worker hands back.
struct Part {
    stats: ParseStats,
    filtered_out: u64,
    first: Option<i64>,
    last: Option<i64>,
}

/// Exports one IIS log to `target` with `threads` workers (the calling thread is one of them).
pub fn export(
    file: &EvidenceFile,
    enc: TextEncoding,
    filter: &Filter,
    target: &Path,
    threads: usize,
) -> io::Result<Written> {
    export_in_chunks(file, enc, filter, target, threads, CHUNK)
}

fn export_in_chunks(
    file: &EvidenceFile,
    enc: TextEncoding,
    filter: &Filter,
    target: &Path,
    threads: usize,
    chunk: usize,
) -> io::Result<Written> {
    let reader = iis_log::log_reader(file, enc)?;
    let writer = Writer::create(target, &LAYOUT)?;
    let (schema, props) = writer.encoding();
    let feed = Mutex::new(Feed::new(reader, chunk, true, true));
    let shared = Mutex::new(Shared {
        writer,
        failed: false,
    });
    let turn = Condvar::new();
    let threads = threads.max(1);
    let folder_site = folder_site_id(&file.display);

    let work = || -> io::Result<Part> {
        let mut rows = Rows {
            table: Table::new(&LAYOUT),
            source: file.display.as_bytes(),
            folder_site,
            filter,
            utf8: true,
            filtered_out: 0,
            stats: ParseStats::default(),
            first: None,
            last: None,
        };
        let mut buf = Vec::new();
        loop {
            {
                let mut s = lock(&shared);
                while s.writer.waiting() >= threads && !s.failed {
                    s = turn
                        .wait(s)
                        .unwrap_or_else(std::sync::PoisonError::into_inner);
                }
                if s.failed {
                    break;
                }
            }
            let Some(chunk) = lock(&feed).next_chunk(&mut buf) else {
                break;
            };
            let text = buf.get(..chunk.len).unwrap_or_default();
            rows.utf8 = std::str::from_utf8(text).is_ok();
            rows.table.set_base(text);
            ChunkParser::new(chunk.state, chunk.first_line.unwrap_or(1)).feed(text, &mut rows);
            // The rows' text is the chunk's: it is shared with the encoder, then taken back.
            let base = Bytes::from(std::mem::take(&mut buf));
            let encoded = rows.table.encode(&base, &schema, &props);
            buf = base.try_into_mut().map(Vec::from).unwrap_or_default();
            let mut s = lock(&shared);
            let done = encoded
                .map_err(io::Error::other)
                .and_then(|group| s.writer.put(chunk.seq, group));
            if done.is_err() {
                s.failed = true;
            }
            turn.notify_all();
            done?;
        }
        Ok(Part {
            stats: rows.stats,
            filtered_out: rows.filtered_out,
            first: rows.first,
            last: rows.last,
        })
    };
    let parts: Vec<io::Result<Part>> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut parts = vec![work()];
        for w in others {
            match w.join() {
                Ok(p) => parts.push(p),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        parts
    });
    let (_, read_error) = feed
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .finish();
    let writer = shared
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .writer;
    let mut stats = ParseStats::default();
    let mut filtered_out = 0;
    let (mut first, mut last) = (None::<i64>, None::<i64>);
    for part in parts {
        let part = part?;
        absorb(&mut stats, part.stats);
        filtered_out += part.filtered_out;
        first = match (first, part.first) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        last = last.max(part.last);
    }
    if let Some(e) = read_error {
        if stats.records == 0 && stats.malformed == 0 {
            return Err(e);
        }
        stats.note(format!(
            "reading stopped early ({}): the rows before are exported",
            crate::evidence::describe_io(&e)
        ));
    }
    stats.first_time = first.and_then(iis_log::stamp);
    stats.last_time = last.and_then(iis_log::stamp);
    let (rows, row_groups, bytes) = writer.finish()?;
    Ok(Written {
        input: file.display.clone(),
        output: target.display().to_string(),
        rows,
        row_groups,
        bytes,
        filtered_out,
        stats,
    })
}

/// Workers for exporting one IIS log.
pub(crate) fn workers_for(file: &EvidenceFile) -> usize {
    iis_log::workers_for_chunks(file, CHUNK)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::parquet::file::reader::{FileReader, SerializedFileReader};

    /// Every row of a file, each as its fields' text.
    fn read_back(path: &Path) -> Vec<String> {
        let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
        reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().to_string())
            .collect()
    }

    #[test]
    fn many_workers_and_small_chunks_write_the_rows_of_one_worker_in_the_same_order() {
        let head = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) sc-status sc-substatus sc-win32-status time-taken\n";
        let other =
            "#Fields: date time s-sitename s-computername c-ip cs-method cs-uri-stem sc-status\n";
        let mut text = String::from(head);
        let mut expected_lines = Vec::new();
        for i in 0..3000u32 {
            if i % 700 == 350 {
                text += other;
            } else if i % 700 == 0 && i > 0 {
                text += head;
            }
            let in_other = (i % 700) >= 350;
            let time = format!(
                "2026-11-10 {:02}:{:02}:{:02}",
                i / 3600,
                (i / 60) % 60,
                i % 60
            );
            if i % 500 == 7 {
                text += "garbage\n";
            }
            text += &if in_other {
                format!(
                    "{time} W3SVC2 WSUS{} 10.0.{}.{} GET /x {}\n",
                    i % 3,
                    i % 7,
                    i % 250,
                    200 + i % 4
                )
            } else {
                format!("{time} 10.0.0.1 POST /ClientWebService/client.asmx - 8530 - 10.0.{}.{} Windows-Update-Agent {} 0 {} {}\n", i % 7, i % 250, 200 + i % 4, i % 3, i)
            };
            expected_lines.push(text.lines().count() as i64);
        }
        let file = EvidenceFile::memory("logs/W3SVC1/u_ex261110.log", text.into_bytes());
        let dir = tempfile::tempdir().unwrap();
        let one = dir.path().join("one.parquet");
        let many = dir.path().join("many.parquet");
        let filter = Filter::default();
        let w1 = export_in_chunks(&file, TextEncoding::UTF8, &filter, &one, 1, CHUNK).unwrap();
        let w3 = export_in_chunks(&file, TextEncoding::UTF8, &filter, &many, 3, 4096).unwrap();
        assert_eq!((w1.rows, w1.row_groups), (3000, 1));
        assert_eq!(w3.rows, 3000);
        assert!(w3.row_groups > 20, "{}", w3.row_groups);
        assert_eq!(w1.stats.malformed, 6);
        assert_eq!(w3.stats.malformed, 6);
        assert_eq!(w1.stats.malformed_examples, w3.stats.malformed_examples);
        let (rows1, rows3) = (read_back(&one), read_back(&many));
        assert_eq!(rows1, rows3);
        // Line numbers are the file's own, and every row is in the order of the file.
        let lines: Vec<i64> = rows3
            .iter()
            .map(|r| {
                r.rsplit("line: ")
                    .next()
                    .unwrap()
                    .trim_end_matches('}')
                    .parse()
                    .unwrap()
            })
            .collect();
        assert_eq!(lines, expected_lines);
        assert!(rows3[0].contains("site_id: 1,"), "{}", rows3[0]);
        assert!(rows3[0].contains("server: null,"), "{}", rows3[0]);
        assert!(
            rows3[0].contains("user_agent: \"Windows-Update-Agent\""),
            "{}",
            rows3[0]
        );
        assert!(
            rows3[350].contains("server: \"WSUS2\", site_id: 2,"),
            "{}",
            rows3[350]
        );
        assert!(
            rows3[350].contains("substatus: null, win32_status: null, time_taken_ms: null"),
            "{}",
            rows3[350]
        );
    }

    #[test]
    fn site_ids_come_from_the_site_name_or_the_folder() {
        assert_eq!(site_id(b"W3SVC1"), Some(1));
        assert_eq!(site_id(b"w3svc1572271583"), Some(1_572_271_583));
        assert_eq!(site_id(b"WSUS Administration"), None);
        assert_eq!(site_id(b"W3SVC"), None);
        assert_eq!(folder_site_id("logs/W3SVC3/u_ex261110.log"), Some(3));
        assert_eq!(
            folder_site_id("b.zip!/LogFiles\\W3SVC8530\\u_ex1.log"),
            Some(8530)
        );
        assert_eq!(folder_site_id("W3SVC3"), None);
        assert_eq!(folder_site_id("logs/u_ex261110.log"), None);
    }
}
