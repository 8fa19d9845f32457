//! HTTP.sys error logs (`HTTPERR\httperr*.log`, formats.md §2).
//!
//! The layout follows the latest `#Fields:` directive; header blocks repeat after every restart and
//! newer systems add `streamid`, `streamid_ex`, `transport`, `fault-code` and
//! `extended-fault-code` (formats.md §2.2). Files without a header (Server 2003, or excerpts) are
//! read with the known layout that has as many fields as the line. `-` means empty.

use super::iis_w3c::{field_names, parse_day, parse_time, parse_u64, ABSENT};
use super::lines::LineReader;
use std::io::{self, BufRead};

const EMPTY: &[u8] = b"";

/// The 13-field layout of Server 2008 and later (formats.md §2.2).
pub(crate) const CLASSIC_FIELDS: &str =
    "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename";
/// The 12-field layout of Server 2003 (no queue name).
pub(crate) const LEGACY_FIELDS: &str =
    "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason";
/// The layout with HTTP/2 stream ids.
pub(crate) const STREAM_FIELDS: &str = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid sc-status s-siteid s-reason s-queuename";
/// The newest layout, with transport and fault codes.
pub(crate) const FAULT_FIELDS: &str = "date time c-ip c-port s-ip s-port cs-version cs-method cs-uri streamid streamid_ex sc-status s-siteid s-reason s-queuename transport fault-code extended-fault-code";

/// Where each field sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HttperrMap {
    date: u16,
    time: u16,
    c_ip: u16,
    c_port: u16,
    s_ip: u16,
    s_port: u16,
    version: u16,
    method: u16,
    uri: u16,
    status: u16,
    site_id: u16,
    reason: u16,
    queue: u16,
    transport: u16,
    /// Fields announced.
    pub announced: u16,
    needed: u16,
}

impl HttperrMap {
    pub(crate) fn from_fields(value: &[u8]) -> Option<HttperrMap> {
        let mut m = HttperrMap {
            date: ABSENT,
            time: ABSENT,
            c_ip: ABSENT,
            c_port: ABSENT,
            s_ip: ABSENT,
            s_port: ABSENT,
            version: ABSENT,
            method: ABSENT,
            uri: ABSENT,
            status: ABSENT,
            site_id: ABSENT,
            reason: ABSENT,
            queue: ABSENT,
            transport: ABSENT,
            announced: 0,
            needed: 0,
        };
        for (i, name) in field_names(value) {
            m.announced = i + 1;
            let slot = match name.as_slice() {
                b"date" => &mut m.date,
                b"time" => &mut m.time,
                b"c-ip" => &mut m.c_ip,
                b"c-port" => &mut m.c_port,
                b"s-ip" => &mut m.s_ip,
                b"s-port" => &mut m.s_port,
                b"cs-version" => &mut m.version,
                b"cs-method" => &mut m.method,
                b"cs-uri" => &mut m.uri,
                b"sc-status" => &mut m.status,
                b"s-siteid" => &mut m.site_id,
                b"s-reason" => &mut m.reason,
                b"s-queuename" => &mut m.queue,
                b"transport" => &mut m.transport,
                _ => continue,
            };
            if *slot == ABSENT {
                *slot = i;
            }
        }
        if m.date == ABSENT || m.time == ABSENT || m.reason == ABSENT {
            return None;
        }
        m.needed = [
            m.date,
            m.time,
            m.c_ip,
            m.c_port,
            m.s_ip,
            m.s_port,
            m.version,
            m.method,
            m.uri,
            m.status,
            m.site_id,
            m.reason,
            m.queue,
            m.transport,
        ]
        .into_iter()
        .filter(|&i| i != ABSENT)
        .max()
        .map_or(0, |i| i + 1);
        Some(m)
    }

    /// The known layout with `count` fields, for lines without a header.
    pub(crate) fn default_for(count: usize) -> HttperrMap {
        let fields = match count {
            12 => LEGACY_FIELDS,
            14 => STREAM_FIELDS,
            18 => FAULT_FIELDS,
            _ => CLASSIC_FIELDS,
        };
        match HttperrMap::from_fields(fields.as_bytes()) {
            Some(m) => m,
            None => unreachable!("the built-in layouts name date, time and reason"),
        }
    }
}

/// One HTTP.sys error record. Empty slices stand for `-`.
#[derive(Debug, Clone, Copy)]
// Some fields are read only by the Parquet export (the `parquet` feature); the build with it
// still holds every field to being read.
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
pub(crate) struct HttperrRecord<'a> {
    /// Seconds since the Unix epoch (UTC: formats.md §2.1).
    pub time: i64,
    pub client_ip: &'a [u8],
    pub client_port: &'a [u8],
    pub server_ip: &'a [u8],
    pub server_port: &'a [u8],
    /// `cs-version`: the protocol version, e.g. `HTTP/1.1`.
    pub version: &'a [u8],
    pub method: &'a [u8],
    pub uri: &'a [u8],
    pub status: Option<u16>,
    pub site_id: &'a [u8],
    pub reason: &'a [u8],
    /// The request queue: the application pool's name.
    pub queue: &'a [u8],
    pub transport: &'a [u8],
}

/// What a line was.
pub enum Event<'a> {
    Record {
        line: u64,
        record: HttperrRecord<'a>,
        raw: &'a [u8],
    },
    Malformed {
        line: u64,
        reason: &'static str,
        raw: &'a [u8],
    },
    /// A `#Fields:` directive.
    Layout { fields: u16 },
    /// A record was read with a layout guessed from its field count.
    DefaultLayout,
}

/// Reads a whole log, handing each line's meaning to `sink`.
pub(crate) fn parse_reader(
    reader: impl BufRead,
    mut sink: impl FnMut(Event<'_>),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut map: Option<HttperrMap> = None;
    while let Some(l) = lines.next_line()? {
        let raw = l.bytes;
        if raw.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        if raw.first() == Some(&b'#') {
            if let Some(v) = strip_prefix_ci(raw, b"#Fields:") {
                if let Some(m) = HttperrMap::from_fields(v) {
                    map = Some(m);
                    sink(Event::Layout {
                        fields: m.announced,
                    });
                }
            }
            continue;
        }
        let fields: Vec<&[u8]> = raw
            .split(|b| *b == b' ')
            .filter(|f| !f.is_empty())
            .collect();
        let m = match map {
            Some(m) => m,
            None => {
                sink(Event::DefaultLayout);
                HttperrMap::default_for(fields.len())
            }
        };
        match parse_fields(&fields, &m) {
            Ok(record) => sink(Event::Record {
                line: l.number,
                record,
                raw,
            }),
            Err(reason) => sink(Event::Malformed {
                line: l.number,
                reason,
                raw,
            }),
        }
    }
    Ok(())
}

fn parse_fields<'a>(
    fields: &[&'a [u8]],
    m: &HttperrMap,
) -> Result<HttperrRecord<'a>, &'static str> {
    if fields.len() < usize::from(m.needed) {
        return Err("malformed-fewer-fields-layout");
    }
    let get = |i: u16| -> &'a [u8] {
        if i == ABSENT {
            return EMPTY;
        }
        match fields.get(usize::from(i)) {
            Some(v) if *v != b"-" => v,
            _ => EMPTY,
        }
    };
    let day = parse_day(get(m.date)).ok_or("malformed-date")?;
    let secs = parse_time(get(m.time)).ok_or("malformed-time")?;
    let reason = get(m.reason);
    if reason.is_empty() {
        return Err("malformed-no-reason");
    }
    let status_text = get(m.status);
    let status = if status_text.is_empty() {
        None
    } else {
        Some(
            parse_u64(status_text)
                .and_then(|s| u16::try_from(s).ok())
                .ok_or("malformed-status")?,
        )
    };
    Ok(HttperrRecord {
        time: day * 86_400 + secs,
        client_ip: get(m.c_ip),
        client_port: get(m.c_port),
        server_ip: get(m.s_ip),
        server_port: get(m.s_port),
        version: get(m.version),
        method: get(m.method),
        uri: get(m.uri),
        status,
        site_id: get(m.site_id),
        reason,
        queue: get(m.queue),
        transport: get(m.transport),
    })
}

fn strip_prefix_ci<'a>(line: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let head = line.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        line.get(prefix.len()..)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Parsed = (Vec<(u64, String, Option<u16>, String)>, Vec<u64>, bool);

    fn parse(input: &[u8]) -> Parsed {
        let mut recs = Vec::new();
        let mut bad = Vec::new();
        let mut defaulted = false;
        parse_reader(input, |e| match e {
            Event::Record { line, record, .. } => recs.push((
                line,
                String::from_utf8_lossy(record.reason).into_owned(),
                record.status,
                String::from_utf8_lossy(record.queue).into_owned(),
            )),
            Event::Malformed { line, .. } => bad.push(line),
            Event::DefaultLayout => defaulted = true,
            Event::Layout { .. } => {}
        })
        .unwrap();
        (recs, bad, defaulted)
    }

    #[test]
    fn both_layouts_and_connection_level_events() {
        let text = format!("#Software: Microsoft HTTP API 2.0\r\n#Fields: {CLASSIC_FIELDS}\r\n2024-03-05 09:14:02 10.0.5.21 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\r\n2024-03-05 09:22:13 10.0.5.41 51100 10.0.0.10 8530 - - - - - Timer_ConnectionIdle -\r\n#Fields: {FAULT_FIELDS}\r\n2026-10-07 12:24:55 127.0.0.1 54520 127.0.0.1 8123 - GET - - - 414 - URL_Length - TCP - -\r\n2026-10-07 12:24:56 127.0.0.1 545");
        let (recs, bad, defaulted) = parse(text.as_bytes());
        assert!(!defaulted);
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].1, "QueueFull");
        assert_eq!(recs[0].2, Some(503));
        assert_eq!(recs[0].3, "WsusPool");
        assert_eq!(recs[1].2, None);
        assert_eq!(recs[2].1, "URL_Length");
        assert_eq!(bad, vec![7]);
    }

    #[test]
    fn headerless_files_are_read_by_field_count() {
        let (recs, bad, defaulted) = parse(
            b"2002-07-05 18:45:09 172.31.77.6 2094 172.31.77.6 80 HTTP/1.1 GET /qos/1kbfile.txt 503 - ConnLimit\n2018-05-05 05:05:55 ::1%0 1 ::1%0 443 HTTP/1.1 OPTIONS * 404 - NotFound -\n",
        );
        assert!(defaulted);
        assert!(bad.is_empty());
        assert_eq!(recs[0].1, "ConnLimit");
        assert_eq!(recs[1].1, "NotFound");
    }
}
