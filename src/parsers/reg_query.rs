//! `reg query` output (formats.md §5.2): `HKEY_...` key lines, then values indented by four
//! spaces as `    Name    REG_TYPE    data`, columns separated by four spaces; DWORD and QWORD data
//! in `0x` hex; `(Default)` for the unnamed value; several keys per file (`/s`). Japanese Windows
//! keeps this layout and writes `(既定)` and `検索の完了: 該当 N 件` in code page 932.

use super::lines::{decode, LineReader};
use super::reg_export::RegItem;
use super::ParseStats;
use crate::values::RegData;
use std::io::{self, BufRead};

/// Parses `reg query` output into the same statements as an export (keys and values only).
pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(RegItem),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut key: Option<String> = None;
    while let Some(line) = lines.next_line()? {
        let text = decode(line.bytes);
        let text = text.trim_start_matches('\u{feff}').trim_end();
        if text.trim().is_empty() {
            continue;
        }
        if text.starts_with("HKEY_") {
            key = Some(text.to_string());
            sink(RegItem::Key {
                path: text.to_string(),
                line: line.number,
            });
            continue;
        }
        if !text.starts_with("    ") {
            // "End of search: N match(es) found." and error messages.
            continue;
        }
        let cols: Vec<&str> = text.trim_start().splitn(3, "    ").collect();
        let (name, ty, data) = match cols.as_slice() {
            [name, ty, data] => (*name, ty.trim(), data.trim_start()),
            [name, ty] => (*name, ty.trim(), ""),
            _ => {
                stats.malformed(
                    line.number,
                    || crate::tr!("malformed-reg-no-type"),
                    line.bytes,
                );
                continue;
            }
        };
        if !ty.starts_with("REG_") {
            stats.malformed(
                line.number,
                || crate::tr!("malformed-reg-no-type"),
                line.bytes,
            );
            continue;
        }
        stats.records += 1;
        let Some(k) = key.clone() else {
            stats.malformed(
                line.number,
                || crate::tr!("malformed-reg-no-key"),
                line.bytes,
            );
            continue;
        };
        // The unnamed value is `(Default)`, `(既定)` on Japanese Windows (japanese-windows.md §6).
        let name = if name == "(Default)" || name == "(既定)" {
            ""
        } else {
            name
        };
        let value = match decode_data(ty, data) {
            Some(v) => v,
            None => {
                stats.malformed(
                    line.number,
                    || crate::tr!("malformed-reg-data", kind = ty),
                    line.bytes,
                );
                RegData::Malformed(data.to_string())
            }
        };
        sink(RegItem::Value {
            key: k,
            name: name.to_string(),
            data: value,
            line: line.number,
        });
    }
    Ok(())
}

fn hex_number(s: &str) -> Option<u64> {
    let s = s.trim();
    let digits = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X"))?;
    u64::from_str_radix(digits, 16).ok()
}

fn decode_data(ty: &str, data: &str) -> Option<RegData> {
    Some(match ty {
        "REG_SZ" => RegData::Sz(data.to_string()),
        "REG_EXPAND_SZ" => RegData::ExpandSz(data.to_string()),
        "REG_MULTI_SZ" => RegData::MultiSz(
            data.split("\\0")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
        ),
        "REG_DWORD" => RegData::Dword(u32::try_from(hex_number(data)?).ok()?),
        "REG_QWORD" => RegData::Qword(hex_number(data)?),
        "REG_BINARY" => {
            let t = data.trim();
            if !t.len().is_multiple_of(2) || !t.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            RegData::Binary(
                (0..t.len())
                    .step_by(2)
                    .filter_map(|i| t.get(i..i + 2))
                    .filter_map(|h| u8::from_str_radix(h, 16).ok())
                    .collect(),
            )
        }
        _ => RegData::Other {
            kind: 0,
            bytes: data.as_bytes().to_vec(),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_values_and_default() {
        let text = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\r\n    (Default)    REG_SZ    \r\n    PortNumber    REG_DWORD    0x2142\r\n    ContentDir    REG_EXPAND_SZ    D:\\WSUS\r\n    Multi    REG_MULTI_SZ    a\\0b\r\n\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\r\n    UBR    REG_DWORD    0x1a2b\r\n    Bad    REG_DWORD    zz\r\n\r\nEnd of search: 5 match(es) found.\r\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |i| out.push(i)).unwrap();
        assert_eq!(stats.records, 6);
        assert_eq!(stats.malformed, 1);
        let values: Vec<(String, RegData)> = out
            .into_iter()
            .filter_map(|i| match i {
                RegItem::Value { name, data, .. } => Some((name, data)),
                _ => None,
            })
            .collect();
        assert_eq!(values[0], ("".into(), RegData::Sz(String::new())));
        assert_eq!(values[1], ("PortNumber".into(), RegData::Dword(8514)));
        assert_eq!(values[3].1, RegData::MultiSz(vec!["a".into(), "b".into()]));
        assert_eq!(values[4], ("UBR".into(), RegData::Dword(0x1a2b)));
    }

    #[test]
    fn japanese_default_value_and_search_summary() {
        let text = "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\r\n    (既定)    REG_SZ    Windows Update\r\n    WUServer    REG_SZ    http://wsus01:8530\r\n\r\n検索の完了: 該当 2 件\r\n";
        let mut stats = ParseStats::default();
        let mut names = Vec::new();
        parse(text.as_bytes(), &mut stats, |i| {
            if let RegItem::Value { name, .. } = i {
                names.push(name)
            }
        })
        .unwrap();
        assert_eq!((stats.records, stats.malformed), (2, 0));
        assert_eq!(names, ["", "WUServer"]);
    }
}
