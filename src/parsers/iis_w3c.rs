//! IIS W3C extended logs (`u_ex*.log`), read as fast as the disk allows.
//!
//! The layout is whatever the latest `#Fields:` directive announced: blocks repeat after every
//! restart and the field list may change mid-file (formats.md §1.2, W3C WD-logfile), so the column
//! map is rebuilt at every `#Fields:` line. A file without any header is read with the IIS 8+
//! default layout (formats.md §1.3), and the parser says so. Values are separated by spaces; runs of
//! spaces are treated as one separator because real logs carry doubled spaces where a value was
//! empty (`444  user`); `-` means empty; spaces inside values arrive as `+` and are left as they are.
//!
//! Input is handed over in newline-aligned byte chunks ([`ChunkParser::feed`]) so that one reader
//! can cut a large file into chunks parsed on several threads; [`parse_reader`] does the whole
//! thing on one thread for small inputs and tests.

/// "Not in this layout".
pub(crate) const ABSENT: u16 = u16::MAX;
/// A value that is empty in the log.
const EMPTY: &[u8] = b"";

/// IIS 8.0+ default `#Fields` (formats.md §1.3, A1).
pub(crate) const IIS_DEFAULT_FIELDS: &str = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";

/// Where each field the analysis needs sits on a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldMap {
    date: u16,
    time: u16,
    c_ip: u16,
    s_ip: u16,
    s_port: u16,
    s_computername: u16,
    s_sitename: u16,
    method: u16,
    uri_stem: u16,
    uri_query: u16,
    status: u16,
    substatus: u16,
    win32: u16,
    time_taken: u16,
    user_agent: u16,
    /// Fields announced by the directive.
    pub announced: u16,
    /// Fields a line must have to yield every column the analysis reads.
    needed: u16,
    /// Values may be double-quoted and contain spaces (the IIS Advanced Logging module's layout,
    /// recognised by its `date-local`/`time-local` fields).
    quoted: bool,
}

/// The names of a `#Fields:` directive's value, lower-cased, with their column indexes, in order;
/// shared by the IIS and HTTPERR parsers (both write W3C directives). Indexes stop below
/// [`ABSENT`], the marker of a missing column.
pub(crate) fn field_names(value: &[u8]) -> impl Iterator<Item = (u16, Vec<u8>)> + '_ {
    value
        .split(|b| b.is_ascii_whitespace())
        .filter(|t| !t.is_empty())
        .enumerate()
        .map_while(|(i, name)| {
            let i = u16::try_from(i).ok().filter(|i| *i < ABSENT - 1)?;
            Some((i, name.to_ascii_lowercase()))
        })
}

impl FieldMap {
    /// The map of a `#Fields:` value (the text after the colon). `None` when it lacks the fields
    /// without which a line means nothing (time, status).
    pub(crate) fn from_fields(value: &[u8]) -> Option<FieldMap> {
        let mut m = FieldMap {
            date: ABSENT,
            time: ABSENT,
            c_ip: ABSENT,
            s_ip: ABSENT,
            s_port: ABSENT,
            s_computername: ABSENT,
            s_sitename: ABSENT,
            method: ABSENT,
            uri_stem: ABSENT,
            uri_query: ABSENT,
            status: ABSENT,
            substatus: ABSENT,
            win32: ABSENT,
            time_taken: ABSENT,
            user_agent: ABSENT,
            announced: 0,
            needed: 0,
            quoted: false,
        };
        for (i, name) in field_names(value) {
            m.announced = i + 1;
            let slot = match name.as_slice() {
                b"date" => &mut m.date,
                b"time" => &mut m.time,
                b"date-local" => {
                    m.quoted = true;
                    &mut m.date
                }
                b"time-local" => {
                    m.quoted = true;
                    &mut m.time
                }
                b"c-ip" => &mut m.c_ip,
                b"s-ip" => &mut m.s_ip,
                b"s-port" => &mut m.s_port,
                b"s-computername" => &mut m.s_computername,
                b"s-sitename" => &mut m.s_sitename,
                b"cs-method" => &mut m.method,
                b"cs-uri-stem" => &mut m.uri_stem,
                b"cs-uri-query" => &mut m.uri_query,
                b"sc-status" => &mut m.status,
                b"sc-substatus" => &mut m.substatus,
                b"sc-win32-status" => &mut m.win32,
                b"time-taken" | b"timetakenms" => &mut m.time_taken,
                b"cs(user-agent)" => &mut m.user_agent,
                _ => continue,
            };
            if *slot == ABSENT {
                *slot = i;
            }
        }
        if m.time == ABSENT || m.status == ABSENT {
            return None;
        }
        m.compute_needed();
        Some(m)
    }

    fn compute_needed(&mut self) {
        let m = self;
        m.needed = [
            m.date,
            m.time,
            m.c_ip,
            m.s_ip,
            m.s_port,
            m.s_computername,
            m.s_sitename,
            m.method,
            m.uri_stem,
            m.uri_query,
            m.status,
            m.substatus,
            m.win32,
            m.time_taken,
            m.user_agent,
        ]
        .into_iter()
        .filter(|&i| i != ABSENT)
        .max()
        .map_or(0, |i| i + 1);
    }

    /// The layout of a line written without a header, guessed from its shape: the IIS default
    /// fields, possibly with `s-computername` before `s-ip` and extra fields before `sc-status`
    /// (Exchange and custom layouts), the status being the first `NNN N N` run after the user
    /// agent. `None` when the line does not look like IIS at all.
    pub(crate) fn guess(line: &[u8]) -> Option<FieldMap> {
        let fields: Vec<&[u8]> = line
            .split(|b| *b == b' ')
            .filter(|f| !f.is_empty())
            .take(MAX_FIELDS)
            .collect();
        let is_method = |f: &[u8]| {
            (3..=16).contains(&f.len()) && f.iter().all(|b| b.is_ascii_uppercase() || *b == b'_')
        };
        let m = (2..=4).find(|&i| {
            fields.get(i).is_some_and(|f| is_method(f))
                && fields.get(i + 1).is_some_and(|f| f.first() == Some(&b'/'))
        })?;
        let numeric = |i: usize| {
            fields
                .get(i)
                .is_some_and(|f| f.iter().all(u8::is_ascii_digit) && !f.is_empty())
        };
        let status = (m + 7..fields.len()).find(|&i| {
            fields.get(i).is_some_and(|f| {
                f.len() == 3 && (b'1'..=b'5').contains(&f[0]) && f.iter().all(u8::is_ascii_digit)
            }) && numeric(i + 1)
                && numeric(i + 2)
        })?;
        let idx = |i: usize| u16::try_from(i).unwrap_or(ABSENT);
        let mut map = FieldMap {
            date: 0,
            time: 1,
            c_ip: idx(m + 5),
            s_ip: idx(m - 1),
            s_port: idx(m + 3),
            s_computername: if m == 4 { 2 } else { ABSENT },
            s_sitename: ABSENT,
            method: idx(m),
            uri_stem: idx(m + 1),
            uri_query: idx(m + 2),
            status: idx(status),
            substatus: idx(status + 1),
            win32: idx(status + 2),
            time_taken: if numeric(status + 3) {
                idx(status + 3)
            } else {
                ABSENT
            },
            user_agent: idx(m + 6),
            announced: idx(fields.len()),
            needed: 0,
            quoted: false,
        };
        map.compute_needed();
        Some(map)
    }

    /// The IIS default layout, for files without a header.
    pub(crate) fn iis_default() -> FieldMap {
        match FieldMap::from_fields(IIS_DEFAULT_FIELDS.as_bytes()) {
            Some(m) => m,
            None => unreachable!("the default field list names time and status"),
        }
    }

    /// The field identifying the server, by preference: computer name, server IP, site name.
    pub(crate) fn server_field(&self) -> Option<&'static str> {
        if self.s_computername != ABSENT {
            Some("s-computername")
        } else if self.s_ip != ABSENT {
            Some("s-ip")
        } else if self.s_sitename != ABSENT {
            Some("s-sitename")
        } else {
            None
        }
    }

    fn server_index(&self) -> u16 {
        if self.s_computername != ABSENT {
            self.s_computername
        } else if self.s_ip != ABSENT {
            self.s_ip
        } else {
            self.s_sitename
        }
    }
}

/// One request, borrowing its line. Empty slices stand for `-`.
// The diagnosis reads a few columns; the Parquet export keeps every one.
#[cfg_attr(not(feature = "parquet"), allow(dead_code))]
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record<'a> {
    /// Seconds since the Unix epoch (IIS writes UTC: formats.md §1.1).
    pub time: i64,
    pub client_ip: &'a [u8],
    /// Computer name, server IP or site name, whichever the layout has (empty if none).
    pub server: &'a [u8],
    /// `s-ip`, `s-port`, `s-computername` and `s-sitename` each as logged (empty if absent).
    pub server_ip: &'a [u8],
    pub server_port: &'a [u8],
    pub computer_name: &'a [u8],
    pub site_name: &'a [u8],
    pub method: &'a [u8],
    pub uri_stem: &'a [u8],
    pub uri_query: &'a [u8],
    pub status: u16,
    /// 0 when not logged ([`Record::substatus_logged`] tells).
    pub substatus: u32,
    /// Win32 status; real logs carry values beyond 32 bits (formats.md §1.4). 0 when not logged.
    pub win32: u64,
    /// The layout has `sc-substatus`, `sc-win32-status`, and the line a value for it (not `-`).
    pub substatus_logged: bool,
    pub win32_logged: bool,
    /// Milliseconds, when logged.
    pub time_taken: Option<u64>,
    pub user_agent: &'a [u8],
}

/// The state that carries from one chunk to the next: the current layout and `#Date`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BlockState {
    /// The layout of the latest `#Fields:` directive, `None` before any.
    pub fields: Option<FieldMap>,
    /// Day number (days since 1970-01-01) of the latest `#Date:`, for layouts without `date`.
    pub date_day: Option<i64>,
}

impl BlockState {
    /// Applies a directive line (starting with `#`). Returns true when it was a `#Fields:` line.
    pub(crate) fn directive(&mut self, line: &[u8]) -> DirectiveOutcome {
        if let Some(v) = strip_prefix_ci(line, b"#Fields:") {
            match FieldMap::from_fields(v) {
                Some(m) => {
                    self.fields = Some(m);
                    DirectiveOutcome::Fields
                }
                None => DirectiveOutcome::UnusableFields,
            }
        } else if let Some(v) = strip_prefix_ci(line, b"#Date:") {
            let v = trim(v);
            if let Some(day) = v.get(..10).and_then(parse_day) {
                self.date_day = Some(day);
            }
            DirectiveOutcome::Other
        } else {
            DirectiveOutcome::Other
        }
    }

    /// Scans a newline-aligned chunk for directives only (cheaply: `#` can only follow a newline),
    /// leaving the state as it is at the chunk's end.
    pub(crate) fn skip_chunk(&mut self, chunk: &[u8]) {
        let mut at = |start: usize| {
            let rest = chunk.get(start..).unwrap_or(EMPTY);
            let end = memchr::memchr(b'\n', rest).unwrap_or(rest.len());
            let line = rest.get(..end).unwrap_or(EMPTY);
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            self.directive(line);
        };
        // A lone byte is sought faster than a pair, and `#` is rare inside records.
        for i in memchr::memchr_iter(b'#', chunk) {
            if i == 0 || chunk.get(i - 1) == Some(&b'\n') {
                at(i);
            }
        }
    }
}

/// What a directive did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DirectiveOutcome {
    Fields,
    UnusableFields,
    Other,
}

/// Receives what a chunk holds. Line numbers count from the chunk's first line (given to
/// [`ChunkParser::new`]).
pub(crate) trait Sink {
    fn record(&mut self, line: u64, record: &Record<'_>, raw: &[u8]);
    fn malformed(&mut self, line: u64, reason: &'static str, raw: &[u8]);
    /// A `#Fields:` directive was applied.
    fn layout(&mut self, _line: u64, _map: &FieldMap) {}
    /// A record was read with the default layout because no `#Fields:` came before it.
    fn default_layout_used(&mut self) {}
    /// `record` will be called with this record once the previous record is counted: a chance to
    /// start loading what it will touch, so that its memory access overlaps that work.
    fn prefetch(&mut self, _record: &Record<'_>) {}
}

/// Parses newline-aligned chunks, keeping the directive state across them.
pub(crate) struct ChunkParser {
    pub state: BlockState,
    /// Number of the next line.
    pub line: u64,
    cache: DayCache,
}

impl ChunkParser {
    pub fn new(state: BlockState, first_line: u64) -> Self {
        ChunkParser {
            state,
            line: first_line,
            cache: DayCache::default(),
        }
    }

    /// Parses every line of `chunk` (the last one may lack its newline).
    pub(crate) fn feed(&mut self, chunk: &[u8], sink: &mut impl Sink) {
        // Each record is handed over one line late, after the next one's prefetch.
        let mut pending: Option<Pending<'_>> = None;
        let mut rest = chunk;
        let mut fields: [&[u8]; SPLIT_SLOTS] = [EMPTY; SPLIT_SLOTS];
        while !rest.is_empty() {
            // The common line (a record of an unquoted layout) is split while its end is sought,
            // in one pass; any other line, or one this fails to read, takes the general path.
            let fast = match (&self.state.fields, rest.first()) {
                (Some(m), Some(&first)) if !m.quoted && first != b'#' => Some(*m),
                _ => None,
            };
            let mut split_end = None;
            if let Some(map) = fast {
                let needed = usize::from(map.needed).min(MAX_FIELDS);
                if let Some((count, end)) = split_line(rest, &mut fields, needed) {
                    split_end = Some(end);
                    if count >= needed {
                        if let Ok(rec) =
                            parse_fields(&fields, &map, self.state.date_day, &mut self.cache)
                        {
                            let line = rest.get(..end).unwrap_or(rest);
                            let line = line.strip_suffix(b"\r").unwrap_or(line);
                            rest = rest.get(end + 1..).unwrap_or(EMPTY);
                            let number = self.line;
                            self.line += 1;
                            hand_over(&mut pending, sink, (number, rec, line));
                            continue;
                        }
                    }
                }
            }
            let (line, next) = match split_end.or_else(|| memchr::memchr(b'\n', rest)) {
                Some(i) if i < rest.len() => (&rest[..i], &rest[i + 1..]),
                _ => (rest, EMPTY),
            };
            rest = next;
            let number = self.line;
            self.line += 1;
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            match line.first() {
                None => continue,
                Some(b'#') => {
                    // Events reach the sink in line order.
                    flush_pending(&mut pending, sink);
                    if self.state.directive(line) == DirectiveOutcome::Fields {
                        if let Some(m) = &self.state.fields {
                            sink.layout(number, m);
                        }
                    }
                    continue;
                }
                Some(_) => {}
            }
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let map = match &self.state.fields {
                Some(m) => *m,
                None => {
                    sink.default_layout_used();
                    FieldMap::guess(line).unwrap_or_else(FieldMap::iis_default)
                }
            };
            match parse_line(line, &map, self.state.date_day, &mut self.cache) {
                Ok(rec) => hand_over(&mut pending, sink, (number, rec, line)),
                Err(reason) => {
                    // A line pasted from a file of another layout (seen in real logs): read it by
                    // its own shape rather than lose it.
                    let guessed = FieldMap::guess(line).filter(|g| *g != map);
                    match guessed
                        .map(|g| parse_line(line, &g, self.state.date_day, &mut self.cache))
                    {
                        Some(Ok(rec)) => hand_over(&mut pending, sink, (number, rec, line)),
                        _ => {
                            flush_pending(&mut pending, sink);
                            sink.malformed(number, reason, line);
                        }
                    }
                }
            }
        }
        flush_pending(&mut pending, sink);
    }
}

/// A parsed record not yet handed to the sink: its line number, itself and its line.
type Pending<'a> = (u64, Record<'a>, &'a [u8]);

/// Prefetches for `next`, then hands the previous record over.
#[inline]
fn hand_over<'a>(pending: &mut Option<Pending<'a>>, sink: &mut impl Sink, next: Pending<'a>) {
    sink.prefetch(&next.1);
    // Counted in place, then overwritten: no copy of the previous record is moved out.
    if let Some((number, rec, raw)) = pending {
        sink.record(*number, rec, raw);
    }
    *pending = Some(next);
}

#[inline]
fn flush_pending(pending: &mut Option<Pending<'_>>, sink: &mut impl Sink) {
    if let Some((number, rec, raw)) = pending.take() {
        sink.record(number, &rec, raw);
    }
}

/// Most fields a line is split into; later ones (custom trailing fields) are not looked at.
const MAX_FIELDS: usize = 40;

/// Parses one record line with a layout.
pub(crate) fn parse_line<'a>(
    line: &'a [u8],
    map: &FieldMap,
    date_day: Option<i64>,
    cache: &mut DayCache,
) -> Result<Record<'a>, &'static str> {
    let needed = usize::from(map.needed).min(MAX_FIELDS);
    let mut fields: [&[u8]; MAX_FIELDS] = [EMPTY; MAX_FIELDS];
    let count = if map.quoted {
        split_quoted(line, &mut fields[..needed])
    } else {
        split_spaces(line, &mut fields[..needed])
    };
    if count < needed {
        return Err("malformed-fewer-fields");
    }
    parse_fields(&fields, map, date_day, cache)
}

/// Reads a record from its split fields (at least `map.needed` of them filled).
fn parse_fields<'a>(
    fields: &[&'a [u8]],
    map: &FieldMap,
    date_day: Option<i64>,
    cache: &mut DayCache,
) -> Result<Record<'a>, &'static str> {
    let get = |i: u16| -> &'a [u8] {
        match fields.get(usize::from(i)) {
            Some(v) if *v != b"-" => v,
            _ => EMPTY,
        }
    };
    let optional = |i: u16| if i == ABSENT { EMPTY } else { get(i) };
    let day = if map.date != ABSENT {
        cache.day(get(map.date)).ok_or("malformed-date")?
    } else {
        date_day.ok_or("malformed-no-date")?
    };
    let secs = cache.time(get(map.time)).ok_or("malformed-time")?;
    let status = parse_u64(get(map.status))
        .and_then(|s| u16::try_from(s).ok())
        .ok_or("malformed-status")?;
    let num = |i: u16| {
        if i == ABSENT {
            Some(0)
        } else {
            let v = get(i);
            if v.is_empty() {
                Some(0)
            } else {
                parse_u64(v)
            }
        }
    };
    let substatus = num(map.substatus)
        .and_then(|v| u32::try_from(v).ok())
        .ok_or("malformed-substatus")?;
    let win32 = num(map.win32).ok_or("malformed-win32")?;
    let time_taken = if map.time_taken == ABSENT {
        None
    } else {
        parse_u64(get(map.time_taken))
    };
    Ok(Record {
        time: day * 86_400 + secs,
        client_ip: optional(map.c_ip),
        server: optional(map.server_index()),
        server_ip: optional(map.s_ip),
        server_port: optional(map.s_port),
        computer_name: optional(map.s_computername),
        site_name: optional(map.s_sitename),
        method: optional(map.method),
        uri_stem: optional(map.uri_stem),
        uri_query: optional(map.uri_query),
        status,
        substatus,
        win32,
        substatus_logged: !optional(map.substatus).is_empty(),
        win32_logged: !optional(map.win32).is_empty(),
        time_taken,
        user_agent: optional(map.user_agent),
    })
}

/// Splits a line at runs of spaces into at most `out.len()` fields (the last keeps the rest of its
/// value only up to the next space). Eight bytes at a time: an exact zero-byte test on
/// `chunk ^ "        "` marks the spaces, so the cost is per word rather than per byte.
fn split_spaces<'a>(line: &'a [u8], out: &mut [&'a [u8]]) -> usize {
    const SPACES: u64 = 0x2020_2020_2020_2020;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let want = out.len();
    if want == 0 {
        return 0;
    }
    let mut count = 0;
    let mut start = 0;
    let mut base = 0;
    let mut at_space = |pos: usize, count: &mut usize, start: &mut usize| -> bool {
        if pos > *start {
            if let (Some(slot), Some(v)) = (out.get_mut(*count), line.get(*start..pos)) {
                *slot = v;
            }
            *count += 1;
        }
        *start = pos + 1;
        *count == want
    };
    while let Some(word) = line.get(base..base + 8) {
        let Ok(bytes) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let x = u64::from_le_bytes(bytes) ^ SPACES;
        let mut mask = !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7);
        while mask != 0 {
            let pos = base + (mask.trailing_zeros() / 8) as usize;
            mask &= mask - 1;
            if at_space(pos, &mut count, &mut start) {
                return count;
            }
        }
        base += 8;
    }
    for pos in base..line.len() {
        if line.get(pos) == Some(&b' ') && at_space(pos, &mut count, &mut start) {
            return count;
        }
    }
    if start < line.len() {
        if let (Some(slot), Some(v)) = (out.get_mut(count), line.get(start..)) {
            *slot = v;
        }
        count += 1;
    }
    count
}

/// Fields [`split_line`] may fill: the most needed, plus one block's worth past them.
const SPLIT_SLOTS: usize = MAX_FIELDS + 32;

/// Splits the line at the head of `text` like [`split_spaces`] and finds its end in the same pass,
/// for the common shape only: single spaces between fields. Returns the fields filled (at least
/// `want` unless the line has fewer; later ones may be filled too) and the offset of the line's
/// newline (`text.len()` without one); `None` for a line with a leading or doubled space, which
/// is left to [`split_spaces`]. A `\r` before the newline is not part of the last field, as if
/// the line had been cut first.
fn split_line<'a>(
    text: &'a [u8],
    out: &mut [&'a [u8]; SPLIT_SLOTS],
    want: usize,
) -> Option<(usize, usize)> {
    if text.first() == Some(&b' ') {
        return None;
    }
    let line_end = |from: usize| {
        memchr::memchr(b'\n', text.get(from..).unwrap_or(EMPTY)).map_or(text.len(), |e| from + e)
    };
    let mut count = 0;
    let mut start = 0;
    let mut base = 0;
    // 1 when the previous block ended with a space.
    let mut carry = 0u32;
    // The last field, ending at the line's end `pos`.
    let last = |start: usize, pos: usize, count: &mut usize, out: &mut [&'a [u8]; SPLIT_SLOTS]| {
        let value = text.get(start..pos).unwrap_or(EMPTY);
        let value = value.strip_suffix(b"\r").unwrap_or(value);
        if !value.is_empty() {
            if let Some(slot) = out.get_mut(*count) {
                *slot = value;
                *count += 1;
            }
        }
    };
    // Thirty-two bytes at a time, one bit per byte for spaces and for newlines, so the cost is per
    // block and per field, not per byte; the shape is checked once per block, not per field.
    while let Some(block) = text.get(base..base + 32) {
        let Ok(block) = <&[u8; 32]>::try_from(block) else {
            break;
        };
        let (spaces, newlines) = separators(block);
        // The spaces before the first newline (all of them when there is none).
        let mut mask = spaces & newlines.wrapping_sub(1) & !newlines;
        if mask & ((mask << 1) | carry) != 0 {
            return None;
        }
        carry = mask >> 31;
        while mask != 0 {
            let pos = base + mask.trailing_zeros() as usize;
            mask &= mask - 1;
            if let (Some(slot), Some(value)) = (out.get_mut(count), text.get(start..pos)) {
                *slot = value;
            }
            count += 1;
            start = pos + 1;
        }
        if newlines != 0 {
            let pos = base + newlines.trailing_zeros() as usize;
            if count < want {
                last(start, pos, &mut count, out);
            }
            return Some((count, pos));
        }
        base += 32;
        if count >= want {
            // Every needed field is read: only the newline is sought from here.
            return Some((count, line_end(base)));
        }
    }
    for pos in base..text.len() {
        match text.get(pos) {
            Some(b'\n') => {
                if count < want {
                    last(start, pos, &mut count, out);
                }
                return Some((count, pos));
            }
            Some(b' ') => {
                if pos == start && pos > 0 {
                    return None;
                }
                if let (Some(slot), Some(value)) = (out.get_mut(count), text.get(start..pos)) {
                    *slot = value;
                }
                count += 1;
                start = pos + 1;
                if count >= want {
                    return Some((count, line_end(pos + 1)));
                }
            }
            _ => {}
        }
    }
    if count < want {
        last(start, text.len(), &mut count, out);
    }
    Some((count, text.len()))
}

/// One bit per byte of `block`: its spaces, its newlines.
#[cfg(target_arch = "x86_64")]
#[inline]
fn separators(block: &[u8; 32]) -> (u32, u32) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_set1_epi8,
    };
    // SAFETY: SSE2 is part of every x86_64 CPU, and the two unaligned loads read exactly the 32
    // bytes of `block`.
    unsafe {
        let low = _mm_loadu_si128(block.as_ptr().cast::<__m128i>());
        let high = _mm_loadu_si128(block.as_ptr().add(16).cast::<__m128i>());
        let space = _mm_set1_epi8(b' ' as i8);
        let newline = _mm_set1_epi8(b'\n' as i8);
        let bits = |v: __m128i, of: __m128i| _mm_movemask_epi8(_mm_cmpeq_epi8(v, of)) as u32;
        (
            bits(low, space) | (bits(high, space) << 16),
            bits(low, newline) | (bits(high, newline) << 16),
        )
    }
}

/// One bit per byte of `block`: its spaces, its newlines.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
fn separators(block: &[u8; 32]) -> (u32, u32) {
    let mut spaces = 0u32;
    let mut newlines = 0u32;
    for (i, &b) in block.iter().enumerate() {
        spaces |= u32::from(b == b' ') << i;
        newlines |= u32::from(b == b'\n') << i;
    }
    (spaces, newlines)
}

/// Splits a line whose values may be double-quoted (`"a b"`, `""` inside for a quote), dropping
/// the quotes. Returns how many fields were filled.
fn split_quoted<'a>(line: &'a [u8], out: &mut [&'a [u8]]) -> usize {
    let mut count = 0;
    let mut i = 0;
    while i < line.len() && count < out.len() {
        if line[i] == b' ' {
            i += 1;
            continue;
        }
        if line[i] == b'"' {
            let begin = i + 1;
            let mut j = begin;
            while j < line.len() {
                if line[j] == b'"' {
                    if line.get(j + 1) == Some(&b'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            out[count] = line.get(begin..j).unwrap_or(EMPTY);
            i = j + 1;
        } else {
            let end = memchr::memchr(b' ', &line[i..]).map_or(line.len(), |e| i + e);
            out[count] = &line[i..end];
            i = end;
        }
        count += 1;
    }
    count
}

/// Remembers the last date and time seen: a log has one date for thousands of lines, and a busy
/// one many lines per second.
#[derive(Debug, Default)]
pub(crate) struct DayCache {
    text: [u8; 10],
    day: i64,
    valid: bool,
    /// The last `HH:MM:SS` (exactly eight bytes) as a word, and its seconds.
    time: Option<(u64, i64)>,
}

impl DayCache {
    fn day(&mut self, text: &[u8]) -> Option<i64> {
        if self.valid && text.len() == 10 {
            // Compared as two words: this runs for every line.
            let head = text.get(..8).and_then(|h| <[u8; 8]>::try_from(h).ok());
            let mine = <[u8; 8]>::try_from(&self.text[..8]).ok();
            if head.is_some() && head == mine && text.get(8..) == self.text.get(8..) {
                return Some(self.day);
            }
        }
        let day = parse_day(text)?;
        self.text.copy_from_slice(text.get(..10)?);
        self.day = day;
        self.valid = true;
        Some(day)
    }

    fn time(&mut self, text: &[u8]) -> Option<i64> {
        let word = <[u8; 8]>::try_from(text).ok().map(u64::from_le_bytes);
        if let (Some(word), Some((seen, secs))) = (word, self.time) {
            if word == seen {
                return Some(secs);
            }
        }
        let secs = parse_time(text)?;
        if let Some(word) = word {
            self.time = Some((word, secs));
        }
        Some(secs)
    }
}

fn digits(b: &[u8]) -> Option<i64> {
    if b.is_empty() || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0i64, |a, d| a * 10 + i64::from(d - b'0')))
}

/// `YYYY-MM-DD` to days since 1970-01-01.
pub(crate) fn parse_day(t: &[u8]) -> Option<i64> {
    if t.len() != 10 || t.get(4) != Some(&b'-') || t.get(7) != Some(&b'-') {
        return None;
    }
    let y = digits(t.get(..4)?)?;
    let m = digits(t.get(5..7)?)?;
    let d = digits(t.get(8..10)?)?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some(days_from_civil(y, m, d))
}

/// Days since the epoch of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `HH:MM:SS`, with an optional fraction (tolerated, formats.md §1.1), to seconds of the day.
pub(crate) fn parse_time(t: &[u8]) -> Option<i64> {
    let (&[h1, h2, b':', m1, m2, b':', s1, s2], fraction) = t.split_first_chunk::<8>()? else {
        return None;
    };
    if fraction.first().is_some_and(|&b| b != b'.') {
        return None;
    }
    let h = digits(&[h1, h2])?;
    let m = digits(&[m1, m2])?;
    let s = digits(&[s1, s2])?;
    if h > 23 || m > 59 || s > 60 {
        return None;
    }
    Some(h * 3600 + m * 60 + s)
}

/// A decimal number of up to 19 digits.
pub(crate) fn parse_u64(b: &[u8]) -> Option<u64> {
    if b.is_empty() || b.len() > 19 {
        return None;
    }
    let mut v: u64 = 0;
    for &d in b {
        if !d.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(d - b'0');
    }
    Some(v)
}

fn strip_prefix_ci<'a>(line: &'a [u8], prefix: &[u8]) -> Option<&'a [u8]> {
    let head = line.get(..prefix.len())?;
    if head.eq_ignore_ascii_case(prefix) {
        line.get(prefix.len()..)
    } else {
        None
    }
}

fn trim(v: &[u8]) -> &[u8] {
    let start = v
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(v.len());
    let end = v
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    v.get(start..end).unwrap_or(EMPTY)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{self, Read};

    #[derive(Default)]
    struct Collect {
        records: Vec<(u64, i64, String, u16, u32, u64, String)>,
        malformed: Vec<(u64, &'static str)>,
        layouts: usize,
        defaulted: bool,
    }

    impl Sink for Collect {
        fn record(&mut self, line: u64, r: &Record<'_>, _raw: &[u8]) {
            self.records.push((
                line,
                r.time,
                String::from_utf8_lossy(r.client_ip).into_owned(),
                r.status,
                r.substatus,
                r.win32,
                String::from_utf8_lossy(r.server).into_owned(),
            ));
        }
        fn malformed(&mut self, line: u64, reason: &'static str, _raw: &[u8]) {
            self.malformed.push((line, reason));
        }
        fn layout(&mut self, _line: u64, _map: &FieldMap) {
            self.layouts += 1;
        }
        fn default_layout_used(&mut self) {
            self.defaulted = true;
        }
    }

    /// Parses a whole input on the calling thread.
    pub(crate) fn parse_reader(mut reader: impl Read, sink: &mut impl Sink) -> io::Result<()> {
        let mut parser = ChunkParser::new(BlockState::default(), 1);
        let mut buf = vec![0u8; 1 << 16];
        let mut filled = 0;
        loop {
            if filled == buf.len() {
                buf.resize(buf.len() * 2, 0);
            }
            let n = match reader.read(&mut buf[filled..]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                parser.feed(&buf[..filled], sink);
                return Ok(());
            }
            filled += n;
            if let Some(end) = memchr::memrchr(b'\n', &buf[..filled]) {
                parser.feed(&buf[..=end], sink);
                buf.copy_within(end + 1..filled, 0);
                filled -= end + 1;
            }
        }
    }

    fn parse(input: &[u8]) -> Collect {
        let mut c = Collect::default();
        parse_reader(input, &mut c).unwrap();
        c
    }

    const HEAD: &str = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 00:00:04\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n";

    #[test]
    fn dates_become_epoch_seconds() {
        assert_eq!(parse_day(b"1970-01-01"), Some(0));
        assert_eq!(parse_day(b"2024-03-05"), Some(19787));
        assert_eq!(parse_day(b"2024-13-05"), None);
        assert_eq!(parse_time(b"00:01:02"), Some(62));
        assert_eq!(parse_time(b"17:00:00.363"), Some(61200));
        assert_eq!(parse_time(b"7:00:00"), None);
    }

    #[test]
    fn default_layout_block_crlf_and_last_line_without_newline() {
        let text = format!("{HEAD}2024-03-05 00:00:04 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.21 Windows-Update-Agent - 200 0 0 187\r\n2024-03-05 00:03:41 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.40 Windows-Update-Agent - 500 0 64 119877");
        let c = parse(text.as_bytes());
        assert_eq!(c.records.len(), 2);
        assert_eq!(c.records[0].0, 5);
        assert_eq!(c.records[0].1, 19787 * 86400 + 4);
        assert_eq!(c.records[1].3, 500);
        assert_eq!(c.records[1].5, 64);
        assert_eq!(c.records[1].6, "10.0.0.10");
        assert!(!c.defaulted);
    }

    #[test]
    fn fields_change_mid_file_and_partial_lines_are_malformed() {
        let text = format!("{HEAD}2024-03-05 00:00:04 10.0.0.10 GET /selfupdate/wuident.cab 1 8530 - 10.0.5.21 WUA - 200 0 0 3\n#Fields: time c-ip sc-status s-computername\n#Date: 2024-03-06 00:00:00\n01:00:00 ::1%0 503 WSUS1\n01:00:01 10.0.5.9\n");
        let c = parse(text.as_bytes());
        assert_eq!(c.layouts, 2);
        assert_eq!(c.records.len(), 2);
        assert_eq!(c.records[1].1, 19788 * 86400 + 3600);
        assert_eq!(c.records[1].2, "::1%0");
        assert_eq!(c.records[1].6, "WSUS1");
        assert_eq!(c.malformed.len(), 1);
        assert_eq!(c.malformed[0].0, 9);
    }

    #[test]
    fn no_header_falls_back_to_the_default_layout() {
        let c = parse(b"2024-03-05 00:00:04 10.0.0.10 GET / - 80 - 10.0.5.21 - - 200 0 0 3\n\n");
        assert!(c.defaulted);
        assert_eq!(c.records.len(), 1);
    }

    #[test]
    fn doubled_spaces_big_win32_and_trailing_custom_fields() {
        let text = format!("{HEAD}2024-03-05 00:00:04 ::1 POST /x a=b 444  dom\\user ::1 UA - 401 1 67567567567 4 10.9.9.9\n");
        let c = parse(text.as_bytes());
        assert_eq!(c.records.len(), 1, "{:?}", c.malformed);
        assert_eq!(c.records[0].5, 67_567_567_567);
    }

    #[test]
    fn chunks_carry_the_block_state() {
        let text =
            format!("{HEAD}2024-03-05 00:00:04 10.0.0.10 GET / - 80 - 10.0.5.21 - - 200 0 0 3\n");
        let mut st = BlockState::default();
        st.skip_chunk(text.as_bytes());
        assert!(st.fields.is_some());
        assert_eq!(st.date_day, Some(19787));
        let mut c = Collect::default();
        ChunkParser::new(st, 1).feed(
            b"2024-03-05 00:00:05 10.0.0.10 GET / - 80 - 10.0.5.22 - - 404 0 2 3\n",
            &mut c,
        );
        assert_eq!(c.records.len(), 1);
        assert!(!c.defaulted);
    }

    #[test]
    fn garbage_never_panics() {
        let c =
            parse(b"#Fields:\n#Fields: time sc-status\n\xff\xfe 12\n-- -\n\x00\n99:99:99 200\n");
        assert_eq!(c.records.len(), 0);
        assert_eq!(c.malformed.len(), 4);
    }

    #[test]
    fn one_pass_split_agrees_with_cutting_the_line_first() {
        let lines: [&[u8]; 16] = [
            b"a b c",
            b"a  b   c d e",
            b"a b\r",
            b"a b \r",
            b"a \r b",
            b"abcdefgh ijklmnop qrstuvwx",
            b"  lead ing",
            b"x\r\r",
            b"",
            b"one-very-long-field-without-spaces",
            b"2026-11-10 00:00:00 10.20.0.15 POST /ClientWebService/client.asmx - 8530 - 10.1.2.3",
            b"abcdefghijklmnopqrstuvwxyz01234 p",
            b"abcdefghijklmnopqrstuvwxyz01234  p q",
            b"abcdefghijklmnopqrstuvwxyz0123  p q",
            b"a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4 5 6 7 8 9",
            b"a b c d e f g h i j k l m n o p q r s t u v w x y z 1 2 3 4  5 6 7 8 9",
        ];
        for line in lines {
            for want in 1..=MAX_FIELDS {
                for tail in [&b""[..], b"\n", b"\nnext  line here\n"] {
                    let text = [line, tail].concat();
                    let shown = String::from_utf8_lossy(&text).into_owned();
                    let cut = line.strip_suffix(b"\r").unwrap_or(line);
                    let mut two = [EMPTY; MAX_FIELDS];
                    let expected = split_spaces(cut, &mut two[..want]);
                    let mut one = [EMPTY; SPLIT_SLOTS];
                    let Some((count, end)) = split_line(&text, &mut one, want) else {
                        // Left to the general path: only lines with a leading or doubled space.
                        assert!(
                            cut.starts_with(b" ") || memchr::memmem::find(cut, b"  ").is_some(),
                            "{shown:?} {want}"
                        );
                        continue;
                    };
                    let count = count.min(want);
                    assert_eq!(
                        (count, &one[..count]),
                        (expected, &two[..expected]),
                        "{shown:?}"
                    );
                    assert_eq!(end, line.len(), "{shown:?} {want}");
                }
            }
        }
    }
}
