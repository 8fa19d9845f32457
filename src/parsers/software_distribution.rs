//! The WSUS server's own `SoftwareDistribution.log` (formats.md §3.4):
//! `2020-05-22 14:44:07.030 UTC Info w3wp.13 Class.Method message`. The lines that start a web
//! service carry `Product Version = 10.0.14393.2969`, the installed WSUS version.
//!
//! Errors carry .NET exceptions as `Type: message` or `Type (0x80131904): message`, then their
//! stack frames on indented lines. On Japanese Windows the messages and the frames' `at` are
//! Japanese (`   場所 Microsoft.UpdateServices...`, japanese-windows.md §10), so exceptions are
//! known by their type names only.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::evidence::sniff::is_wsus_sdlog_line;
use crate::values::time::Stamp;
use std::io::{self, BufRead};

/// A `Product Version = ...` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProductVersion {
    pub version: String,
    pub time: Option<Stamp>,
    pub line: u64,
}

/// A record that logs a .NET exception, by the exception types it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoggedException {
    /// Short type names (`SqlException`), outer exception first.
    pub types: Vec<String>,
    pub time: Option<Stamp>,
    pub line: u64,
    /// The record's first line, shortened to [`EXCERPT_CHARS`].
    pub excerpt: String,
}

/// What a record of the log says that the facts keep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SdRecord {
    Version(ProductVersion),
    Exception(LoggedException),
}

/// Stack traces and SQL messages run to kilobytes; the start names the type and the message.
const EXCERPT_CHARS: usize = 240;

fn stamp(t: &str) -> Option<Stamp> {
    let b = t.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> { t.get(r)?.parse().ok() };
    if b.len() < 23 {
        return None;
    }
    let civil = Stamp::civil_from_parts(
        i16::try_from(num(0..4)?).ok()?,
        i8::try_from(num(5..7)?).ok()?,
        i8::try_from(num(8..10)?).ok()?,
        i8::try_from(num(11..13)?).ok()?,
        i8::try_from(num(14..16)?).ok()?,
        i8::try_from(num(17..19)?).ok()?,
        i32::try_from(num(20..23)?).ok()? * 1_000_000,
    )?;
    Some(Stamp::utc(civil))
}

/// The .NET exception types a record names (`SqlException`, `WebException`, ...): words ending
/// in `Exception` followed by a colon or by an HRESULT in parentheses, which is how
/// `Exception.ToString()` starts in every display language (a method such as
/// `ProcessSqlException` is followed by neither).
fn exception_types(record: &str) -> impl Iterator<Item = &str> {
    let words: Vec<&str> = record.split_whitespace().collect();
    (0..words.len()).filter_map(move |i| {
        let w = words[i];
        let name = match w.strip_suffix(':') {
            Some(n) => n,
            None if words.get(i + 1).is_some_and(|n| n.starts_with("(0x")) => w,
            None => return None,
        };
        let short = name.rsplit('.').next()?;
        (short.len() > "Exception".len()
            && short.ends_with("Exception")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_'))
        .then_some(short)
    })
}

pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(SdRecord),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut exceptions: std::collections::BTreeMap<String, u64> = Default::default();
    while let Some(line) = lines.next_line()? {
        let text = decode(line.bytes);
        let t = text.trim_start_matches('\u{feff}');
        if !is_wsus_sdlog_line(t) {
            continue;
        }
        stats.records += 1;
        let time = stamp(t);
        if let Some(s) = time {
            stats.saw_time(s);
        }
        let mut types: Vec<String> = Vec::new();
        for e in exception_types(t) {
            *exceptions.entry(e.to_string()).or_default() += 1;
            if !types.iter().any(|k| k == e) {
                types.push(e.to_string());
            }
        }
        if !types.is_empty() {
            sink(SdRecord::Exception(LoggedException {
                types,
                time,
                line: line.number,
                excerpt: t.trim_end().chars().take(EXCERPT_CHARS).collect(),
            }));
        }
        if let Some(pos) = t.find("Product Version = ") {
            let version: String = t[pos + 18..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            if version.split('.').count() >= 3 {
                sink(SdRecord::Version(ProductVersion {
                    version,
                    time,
                    line: line.number,
                }));
            }
        }
    }
    if !exceptions.is_empty() {
        let list: Vec<String> = exceptions
            .iter()
            .map(|(name, n)| format!("{name} ({n})"))
            .collect();
        stats.note(crate::tr!("note-dotnet-exceptions", list = list.join(", ")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_version_line() {
        let text = "2020-05-22 14:44:07.030 UTC Info w3wp.13 ClientImplementation..ctor Initializing ClientWebService ProcessID = 380, Process Start Time = 5/22/2020 10:44:06 AM, Product Version = 10.0.14393.2969\r\n\tat stack\r\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |r| {
            if let SdRecord::Version(v) = r {
                out.push(v)
            }
        })
        .unwrap();
        assert_eq!(stats.records, 1);
        assert_eq!(out[0].version, "10.0.14393.2969");
        assert_eq!(out[0].line, 1);
        assert!(stats.first_time.is_some());
    }

    /// The shapes of jpmem's WSUS posts (japanese-windows.md §10), with this project's values.
    #[test]
    fn exceptions_are_known_by_type_in_any_language() {
        let text = "2018-10-22 01:02:03.456 UTC Error WsusService.27 ContentSyncAgent.ProcessSqlException System.Data.SqlClient.SqlException (0x80131904): タイムアウトに達しました。\r\n   場所 Microsoft.UpdateServices.ServerSync.ContentSyncAgent.ProcessSqlException(SqlException e)\r\n2020-07-28 04:05:06.789 UTC Error WsusService.19 SoapUtilities.LogException System.Net.WebException: 基礎になる接続が閉じられました: 送信時に、予期しないエラーが発生しました。 ---> System.IO.IOException: 転送接続からデータを読み取れません: 既存の接続はリモート ホストに強制的に切断されました。。\r\n2020-07-28 04:05:07.000 UTC Error WsusService.19 SoapUtilities.LogException System.Net.WebException: The underlying connection was closed.\r\n";
        let mut stats = ParseStats::default();
        let mut logged = Vec::new();
        parse(text.as_bytes(), &mut stats, |r| {
            if let SdRecord::Exception(e) = r {
                logged.push(e)
            }
        })
        .unwrap();
        assert_eq!(stats.records, 3);
        assert_eq!(
            stats.notes,
            [".NET exceptions logged: IOException (1), SqlException (1), WebException (2)"]
        );
        let types: Vec<(u64, Vec<&str>)> = logged
            .iter()
            .map(|e| (e.line, e.types.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            types,
            [
                (1, vec!["SqlException"]),
                (3, vec!["WebException", "IOException"]),
                (4, vec!["WebException"])
            ]
        );
        assert!(logged[0]
            .excerpt
            .starts_with("2018-10-22 01:02:03.456 UTC Error WsusService.27"));
        assert!(logged[0].time.is_some());
    }
}
