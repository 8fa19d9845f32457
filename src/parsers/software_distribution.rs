//! The WSUS server's own `SoftwareDistribution.log` (formats.md §3.4):
//! `2020-05-22 14:44:07.030 UTC Info w3wp.13 Class.Method message`. The lines that start a web
//! service carry `Product Version = 10.0.14393.2969`, the installed WSUS version.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::evidence::sniff::is_wsus_sdlog_line;
use crate::values::time::Stamp;
use std::io::{self, BufRead};

/// A `Product Version = ...` statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProductVersion {
    pub version: String,
    pub time: Option<Stamp>,
    pub line: u64,
}

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

pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(ProductVersion),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
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
        if let Some(pos) = t.find("Product Version = ") {
            let version: String = t[pos + 18..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            if version.split('.').count() >= 3 {
                sink(ProductVersion {
                    version,
                    time,
                    line: line.number,
                });
            }
        }
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
        parse(text.as_bytes(), &mut stats, |v| out.push(v)).unwrap();
        assert_eq!(stats.records, 1);
        assert_eq!(out[0].version, "10.0.14393.2969");
        assert_eq!(out[0].line, 1);
        assert!(stats.first_time.is_some());
    }
}
