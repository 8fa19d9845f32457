//! Configuration Manager's scan status view (`v_UpdateScanStatus` joined with `v_R_System`)
//! saved as CSV or tab-separated text from SQL Server Management Studio or a report: a header row,
//! then one row per machine. Columns are found by name (knowledge::scan_status), so any query's
//! order and extra columns are fine; `NULL` or an empty cell is a value the site does not have.

use super::lines::{decode, delimited_fields, LineReader};
use super::ParseStats;
use crate::knowledge::hresult;
use crate::knowledge::scan_status::{self as columns, ScanState};
use crate::values::time::Stamp;
use std::io::{self, BufRead};

/// One machine's row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScanStatusRow {
    pub machine: String,
    /// `LastErrorCode` as an HRESULT; `None` when the site has none.
    pub error: Option<u32>,
    pub state: Option<ScanState>,
    pub time: Option<Stamp>,
    /// `LastScanPackageLocation`: the WSUS URL the client scanned against.
    pub location: Option<String>,
    pub wua_version: Option<String>,
    pub address: Option<String>,
    pub line: u64,
    /// The row as written, for the report.
    pub text: String,
}

/// Where each value is in a row.
struct Layout {
    delimiter: char,
    width: usize,
    machine: usize,
    error: Option<usize>,
    state: Option<usize>,
    time: Option<usize>,
    location: Option<usize>,
    wua_version: Option<usize>,
    address: Option<usize>,
}

impl Layout {
    fn of(header: &str) -> Option<Layout> {
        let delimiter = if header.contains('\t') { '\t' } else { ',' };
        let cells = delimited_fields(header, delimiter);
        let find = |aliases: &[&str]| {
            // The first alias that any cell names wins: `Name0` beats a report's `Name`.
            aliases
                .iter()
                .find_map(|a| cells.iter().position(|c| columns::normalise(c) == *a))
        };
        let refs: Vec<&str> = cells.iter().map(String::as_str).collect();
        if !columns::is_header(&refs) {
            return None;
        }
        Some(Layout {
            delimiter,
            width: cells.len(),
            machine: find(columns::MACHINE)?,
            error: find(columns::LAST_ERROR),
            state: find(columns::LAST_STATE),
            time: find(columns::LAST_TIME),
            location: find(columns::LOCATION),
            wua_version: find(columns::WUA_VERSION),
            address: find(columns::ADDRESS),
        })
    }
}

/// A cell's value; `NULL` and empty cells are none.
fn cell(fields: &[String], at: Option<usize>) -> Option<&str> {
    let v = fields.get(at?)?.trim();
    (!v.is_empty() && !v.eq_ignore_ascii_case("NULL")).then_some(v)
}

/// `LastErrorCode` as SQL Server prints the signed int (`-2145107943`, `0`) or as people write
/// an HRESULT (`0x8024401C`).
fn error_code(text: &str) -> Option<u32> {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse::<u32>().ok();
    }
    hresult::parse(text)
}

/// SQL Server's `2024-03-05 09:14:02.000` (also with a `T` or seven fraction digits) and the
/// US report form `3/5/2024 9:14:02 AM`. The view's zone is not written: local time.
fn scan_time(text: &str) -> Option<Stamp> {
    let t = text.trim();
    let num = |s: &str| s.parse::<i32>().ok();
    let (date, rest) = t.split_once([' ', 'T'])?;
    let rest = rest.trim();
    let (clock, meridiem) = match rest.rsplit_once(' ') {
        Some((c, m)) if m.eq_ignore_ascii_case("AM") || m.eq_ignore_ascii_case("PM") => {
            (c, Some(m.eq_ignore_ascii_case("PM")))
        }
        _ => (rest, None),
    };
    let (y, mo, d) = if date.contains('-') {
        let mut p = date.split('-');
        (num(p.next()?)?, num(p.next()?)?, num(p.next()?)?)
    } else {
        let mut p = date.split('/');
        let (m, d, y) = (num(p.next()?)?, num(p.next()?)?, num(p.next()?)?);
        (y, m, d)
    };
    let (hms, frac) = clock.split_once('.').unwrap_or((clock, ""));
    let mut p = hms.split(':');
    let (mut h, mi, s) = (
        num(p.next()?)?,
        num(p.next()?)?,
        p.next().map_or(Some(0), num)?,
    );
    match meridiem {
        Some(true) if h < 12 => h += 12,
        Some(false) if h == 12 => h = 0,
        _ => {}
    }
    let digits: String = frac.chars().take(9).collect();
    let nanos = if digits.is_empty() {
        0
    } else {
        num(&format!("{digits:0<9}"))?
    };
    let small = |v: i32| i8::try_from(v).ok();
    let civil = Stamp::civil_from_parts(
        i16::try_from(y).ok()?,
        small(mo)?,
        small(d)?,
        small(h)?,
        small(mi)?,
        small(s)?,
        nanos,
    )?;
    Some(Stamp::local(civil))
}

/// Reads the export row by row, handing each machine's row to `sink`.
pub(crate) fn parse(
    input: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(ScanStatusRow),
) -> io::Result<()> {
    let mut reader = LineReader::new(input);
    let mut layout: Option<Layout> = None;
    let mut unread_times = 0u64;
    while let Some(line) = reader.next_line()? {
        let number = line.number;
        let text = decode(line.bytes);
        let text = text.trim_start_matches('\u{feff}');
        if text.trim().is_empty() {
            continue;
        }
        let Some(l) = &layout else {
            match Layout::of(text) {
                Some(found) => {
                    stats.note(if found.delimiter == '\t' {
                        crate::tr!("note-scan-status-tabs", columns = found.width)
                    } else {
                        crate::tr!("note-scan-status-commas", columns = found.width)
                    });
                    layout = Some(found);
                }
                None => stats.malformed(
                    number,
                    || crate::tr!("malformed-scan-status-header"),
                    line.bytes,
                ),
            }
            continue;
        };
        let fields = delimited_fields(text, l.delimiter);
        if fields.len() != l.width {
            stats.malformed(
                number,
                || {
                    crate::tr!(
                        "malformed-scan-status-fields",
                        fields = fields.len(),
                        header = l.width
                    )
                },
                line.bytes,
            );
            continue;
        }
        let Some(machine) = cell(&fields, Some(l.machine)) else {
            stats.malformed(
                number,
                || crate::tr!("malformed-scan-status-machine"),
                line.bytes,
            );
            continue;
        };
        let error = match cell(&fields, l.error) {
            None => None,
            Some(v) => match error_code(v) {
                Some(code) => Some(code),
                None => {
                    stats.malformed(
                        number,
                        || crate::tr!("malformed-scan-status-error", value = v),
                        line.bytes,
                    );
                    continue;
                }
            },
        };
        let state = match cell(&fields, l.state) {
            None => None,
            Some(v) => match ScanState::parse(v) {
                Some(s) => Some(s),
                None => {
                    stats.malformed(
                        number,
                        || crate::tr!("malformed-scan-status-state", value = v),
                        line.bytes,
                    );
                    continue;
                }
            },
        };
        let time = cell(&fields, l.time).and_then(|v| {
            let t = scan_time(v);
            if t.is_none() {
                unread_times += 1;
            }
            t
        });
        if let Some(t) = time {
            stats.saw_time(t);
        }
        stats.records += 1;
        sink(ScanStatusRow {
            machine: machine.to_string(),
            error,
            state,
            time,
            location: cell(&fields, l.location).map(str::to_string),
            wua_version: cell(&fields, l.wua_version).map(str::to_string),
            address: cell(&fields, l.address).map(str::to_string),
            line: number,
            text: super::excerpt(text.as_bytes()),
        });
    }
    if unread_times > 0 {
        stats.note(crate::tr!("note-scan-status-times", count = unread_times));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> (Vec<ScanStatusRow>, ParseStats) {
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |r| out.push(r)).unwrap();
        (out, stats)
    }

    #[test]
    fn rows_read_by_column_name_with_bad_rows_counted() {
        let (rows, stats) = run("\u{feff}Netbios_Name0,LastScanState,LastErrorCode,LastScanTime,LastScanPackageLocation,LastWUAVersion\r\n\
PC01,3,0,2024-03-05 09:14:02.000,http://wsus01.corp.example:8530,10.0.19041.3636\r\n\
PC02,5,-2145107940,2024-03-05 08:00:00.000,http://wsus01.corp.example:8530,NULL\r\n\
\"PC03\",5,0x80072EE2,3/1/2024 1:05:00 PM,,\r\n\
,3,0,2024-03-05 09:14:02.000,,\r\n\
PC05,3,zero,2024-03-05 09:14:02.000,,\r\n\
PC06,3,0\r\n\
PC07,Scan failed,NULL,NULL,NULL,NULL\r\n");
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].machine, "PC01");
        assert_eq!(
            (rows[0].error, rows[0].state),
            (Some(0), Some(ScanState::Completed))
        );
        assert_eq!(
            rows[0].location.as_deref(),
            Some("http://wsus01.corp.example:8530")
        );
        assert_eq!(
            rows[0].time.unwrap().to_string(),
            "2024-03-05T09:14:02 (local time, zone unknown)"
        );
        assert_eq!(rows[1].error, Some(0x8024401C));
        assert_eq!(rows[1].wua_version, None);
        assert_eq!(rows[2].error, Some(0x80072EE2));
        assert_eq!(
            rows[2].time.unwrap().to_string(),
            "2024-03-01T13:05:00 (local time, zone unknown)"
        );
        assert_eq!(rows[3].machine, "PC07");
        assert_eq!(
            (rows[3].error, rows[3].state),
            (None, Some(ScanState::Failed))
        );
        assert_eq!(stats.records, 4);
        assert_eq!(stats.malformed, 3);
        let bad: Vec<(u64, &str)> = stats
            .malformed_examples
            .iter()
            .map(|m| (m.line, m.reason.en()))
            .collect();
        assert_eq!(
            bad,
            [
                (5, "row without a machine name"),
                (6, "LastErrorCode 'zero' is not an error code"),
                (7, "3 fields where the header has 6"),
            ]
        );
    }

    #[test]
    fn tab_separated_with_other_names() {
        let (rows, stats) =
            run("Computer\tIP Address\tLast Error Code\r\nPC01\t10.0.5.21\t-2145107934\r\n");
        assert_eq!(rows[0].address.as_deref(), Some("10.0.5.21"));
        assert_eq!(rows[0].error, Some(0x80244022));
        assert!(stats.notes.iter().any(|n| n == "3 columns, tab-separated"));
    }

    #[test]
    fn a_file_without_the_header_reads_nothing() {
        let (rows, stats) = run("PC01,3,0\r\n");
        assert!(rows.is_empty());
        assert_eq!(stats.malformed, 1);
    }

    #[test]
    fn allocation_is_linear() {
        crate::parsers::assert_linear_allocation(
            |n| {
                let mut s = String::from("Name0,LastErrorCode,LastScanState\n");
                for i in 0..n {
                    s.push_str(&format!("PC{i},-2145107940,5\n"));
                }
                s
            },
            |t| {
                let mut stats = ParseStats::default();
                parse(t.as_bytes(), &mut stats, |_| {}).unwrap();
            },
        );
    }
}
