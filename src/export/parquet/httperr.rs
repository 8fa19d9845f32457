//! HTTP.sys error log records as Parquet: one row per record, typed columns, in the order of the
//! log. HTTPERR files are small (HTTP.sys starts a new one at 1 MB by default, formats.md §2.1), so
//! each is read on one thread; files are exported in parallel.

use super::{absorb, column, free_text, number, utf8, Kind, Layout, Table, Writer, Written};
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::facts::iis_log::{stamp, Filter};
use crate::parsers::httperr::{self, Event, HttperrRecord};
use crate::parsers::ParseStats;
use std::io;
use std::path::Path;

/// Rows per row group.
pub(crate) const ROWS: usize = 122_880;

/// The columns (docs/fleet.md describes them).
pub(crate) const LAYOUT: Layout = Layout {
    id: "wsus-doctor/httperr-records/v1",
    columns: &[
        column("time", Kind::Timestamp, false),
        column("server", Kind::Text, true),
        column("site_id", Kind::Int64, true),
        column("s_ip", Kind::Text, true),
        column("s_port", Kind::Int32, true),
        column("client_ip", Kind::Text, true),
        column("client_port", Kind::Int32, true),
        column("protocol_version", Kind::Text, true),
        column("method", Kind::Text, true),
        free_text("uri", true),
        column("status", Kind::Int32, true),
        column("reason", Kind::Text, false),
        column("queue", Kind::Text, true),
        column("transport", Kind::Text, true),
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
const CLIENT_IP: usize = 5;
const CLIENT_PORT: usize = 6;
const PROTOCOL_VERSION: usize = 7;
const METHOD: usize = 8;
const URI: usize = 9;
const STATUS: usize = 10;
const REASON: usize = 11;
const QUEUE: usize = 12;
const TRANSPORT: usize = 13;
const SOURCE_FILE: usize = 14;
const LINE: usize = 15;

fn text(table: &mut Table, column: usize, value: &[u8]) {
    let value = (!value.is_empty()).then(|| utf8(value, false));
    table.text(column, value.as_deref());
}

fn port(value: &[u8]) -> Option<i32> {
    number(value).and_then(|p| i32::try_from(p).ok())
}

/// Adds one record to the table.
fn add(table: &mut Table, r: &HttperrRecord<'_>, source: &[u8], line: u64) {
    table.int64(TIME, Some(r.time.saturating_mul(1_000_000)));
    // HTTPERR logs have no computer name field.
    text(
        table,
        SERVER,
        crate::export::server_name(b"").unwrap_or_default(),
    );
    table.int64(SITE_ID, number(r.site_id));
    text(table, S_IP, r.server_ip);
    table.int32(S_PORT, port(r.server_port));
    text(table, CLIENT_IP, r.client_ip);
    table.int32(CLIENT_PORT, port(r.client_port));
    text(table, PROTOCOL_VERSION, r.version);
    text(table, METHOD, r.method);
    text(table, URI, r.uri);
    table.int32(STATUS, r.status.map(i32::from));
    text(table, REASON, r.reason);
    text(table, QUEUE, r.queue);
    text(table, TRANSPORT, r.transport);
    table.text(SOURCE_FILE, Some(source));
    table.int64(LINE, Some(i64::try_from(line).unwrap_or(i64::MAX)));
    table.end_row();
}

/// Exports one HTTPERR log to `target`.
pub fn export(
    file: &EvidenceFile,
    enc: TextEncoding,
    filter: &Filter,
    target: &Path,
) -> io::Result<Written> {
    let mut writer = Writer::create(target, &LAYOUT)?;
    let (schema, props) = writer.encoding();
    let mut table = Table::new(&LAYOUT);
    let mut stats = ParseStats::default();
    let mut filtered_out = 0;
    let mut seq = 0;
    let mut failure: Option<io::Error> = None;
    let (mut first, mut last) = (None::<i64>, None::<i64>);
    let source = file.display.as_bytes();
    let flush = |table: &mut Table, writer: &mut Writer, seq: &mut u32| -> io::Result<()> {
        // Records are read line by line: their text is copied, no base is shared.
        let group = table
            .encode(&bytes::Bytes::new(), &schema, &props)
            .map_err(io::Error::other)?;
        writer.put(*seq, group)?;
        *seq += 1;
        Ok(())
    };
    httperr::parse_reader(file.text_reader(enc)?, |e| {
        if failure.is_some() {
            return;
        }
        match e {
            Event::Record { line, record, .. } => {
                if !filter.admits(record.time, record.client_ip) {
                    filtered_out += 1;
                    return;
                }
                stats.records += 1;
                first = Some(first.map_or(record.time, |f| f.min(record.time)));
                last = Some(last.map_or(record.time, |l| l.max(record.time)));
                add(&mut table, &record, source, line);
                if table.is_full(ROWS) {
                    failure = flush(&mut table, &mut writer, &mut seq).err();
                }
            }
            Event::Malformed { line, reason, raw } => stats.rejected(line, reason, raw),
            Event::DefaultLayout => {
                stats.note("records without a #Fields directive: layout chosen by field count")
            }
            Event::Layout { .. } => {}
        }
    })?;
    if let Some(e) = failure {
        return Err(e);
    }
    flush(&mut table, &mut writer, &mut seq)?;
    let mut whole = ParseStats::default();
    absorb(&mut whole, stats);
    whole.first_time = first.and_then(stamp);
    whole.last_time = last.and_then(stamp);
    let (rows, row_groups, bytes) = writer.finish()?;
    Ok(Written {
        input: file.display.clone(),
        output: target.display().to_string(),
        rows,
        row_groups,
        bytes,
        filtered_out,
        stats: whole,
    })
}
