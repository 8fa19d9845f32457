//! Registry export files as regedit and `reg export` write them (formats.md §5.1): the
//! `Windows Registry Editor Version 5.00` header (UTF-16LE text) or `REGEDIT4` (ANSI text), `[KEY]`
//! lines, `"Name"=data` / `@=data` value lines, `[-KEY]` and `"Name"=-` deletions, `;` comments,
//! and hex data continued over several lines with a trailing `\`.
//!
//! The reader is handed text already transcoded to UTF-8 (`EvidenceFile::text_reader`). Real
//! files carry trailing spaces after keys and values and may lack the blank line after the header;
//! both are accepted.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::values::RegData;
use std::io::{self, BufRead};

/// One statement of an export, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RegItem {
    /// `[KEY]`: the following values belong to this key.
    Key { path: String, line: u64 },
    /// `[-KEY]`: the key and its subkeys are deleted.
    DeleteKey { path: String, line: u64 },
    /// `"Name"=data` (name `""` for `@`).
    Value {
        key: String,
        name: String,
        data: RegData,
        line: u64,
    },
    /// `"Name"=-`.
    DeleteValue {
        key: String,
        name: String,
        line: u64,
    },
}

/// The longest value text read, continuation lines joined: about 350 KB of hex data, far more than
/// any value the checks read (the registry's own advice is to keep values under 2 KB and to store
/// anything larger in a file: "Registry element size limits", Microsoft Learn). A longer value is
/// counted malformed and skipped, so a hostile export cannot grow one statement without bound.
pub(crate) const MAX_VALUE_TEXT: usize = 1 << 20;

/// A hex value continued over lines with trailing backslashes.
struct Continued {
    /// The text so far, backslashes removed (only its start once it outgrew [`MAX_VALUE_TEXT`]).
    text: String,
    start: u64,
    oversized: bool,
}

/// Parses an export, handing each statement to `sink`. Every value line counts as a record; data
/// that cannot be decoded is kept raw as [`RegData::Malformed`] and counted malformed.
pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(RegItem),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut ansi = false;
    let mut key: Option<String> = None;
    let mut pending: Option<Continued> = None;
    let mut first = true;
    while let Some(line) = lines.next_line()? {
        let decoded = decode(line.bytes);
        let number = line.number;
        let text: &str = if first {
            first = false;
            decoded.trim_start_matches('\u{feff}')
        } else {
            &decoded
        };
        if let Some(c) = pending.as_mut() {
            // Appended in place: copying the joined text per line made long values quadratic.
            let part = text.trim();
            let continues = if c.oversized {
                part.ends_with('\\')
            } else {
                c.text.push_str(part);
                c.text.trim_end().ends_with('\\')
            };
            if !c.oversized && c.text.len() > MAX_VALUE_TEXT {
                c.oversized = true;
                c.text
                    .truncate(c.text.floor_char_boundary(super::EXCERPT_CHARS * 4));
            }
            if continues {
                if !c.oversized {
                    let end = c.text.trim_end().len() - 1;
                    c.text.truncate(end);
                }
                continue;
            }
            if let Some(c) = pending.take() {
                finish(c, &mut ansi, &mut key, stats, &mut sink);
            }
            continue;
        }
        let trimmed_end = text.trim_end();
        if trimmed_end.ends_with('\\') && is_hex_value(trimmed_end) {
            pending = Some(Continued {
                text: trimmed_end[..trimmed_end.len() - 1].to_string(),
                start: number,
                oversized: false,
            });
            continue;
        }
        statement(trimmed_end, number, &mut ansi, &mut key, stats, &mut sink);
    }
    if let Some(c) = pending {
        stats.note(crate::tr!("note-reg-cut-continuation"));
        finish(c, &mut ansi, &mut key, stats, &mut sink);
    }
    Ok(())
}

fn finish(
    c: Continued,
    ansi: &mut bool,
    key: &mut Option<String>,
    stats: &mut ParseStats,
    sink: &mut impl FnMut(RegItem),
) {
    if c.oversized {
        stats.records += 1;
        stats.malformed(
            c.start,
            || crate::tr!("malformed-reg-value-too-long", mib = MAX_VALUE_TEXT >> 20),
            c.text.as_bytes(),
        );
    } else {
        statement(c.text.trim_end(), c.start, ansi, key, stats, sink);
    }
}

fn is_hex_value(line: &str) -> bool {
    let t = line.trim_start();
    (t.starts_with('"') || t.starts_with('@'))
        && split_name(t).is_some_and(|(_, data)| data.trim_start().starts_with("hex"))
}

fn statement(
    line: &str,
    number: u64,
    ansi: &mut bool,
    key: &mut Option<String>,
    stats: &mut ParseStats,
    sink: &mut impl FnMut(RegItem),
) {
    let t = line.trim();
    if t.is_empty() || t.starts_with(';') {
        return;
    }
    if t.starts_with("Windows Registry Editor Version") {
        return;
    }
    if t == "REGEDIT4" {
        *ansi = true;
        return;
    }
    if let Some(inner) = t.strip_prefix('[') {
        let Some(end) = inner.rfind(']') else {
            stats.malformed(
                number,
                || crate::tr!("malformed-reg-key-unclosed"),
                t.as_bytes(),
            );
            *key = None;
            return;
        };
        let path = inner[..end].trim();
        if let Some(deleted) = path.strip_prefix('-') {
            *key = None;
            sink(RegItem::DeleteKey {
                path: deleted.trim().to_string(),
                line: number,
            });
        } else {
            *key = Some(path.to_string());
            sink(RegItem::Key {
                path: path.to_string(),
                line: number,
            });
        }
        return;
    }
    if t.starts_with('"') || t.starts_with('@') {
        stats.records += 1;
        let Some((name, data)) = split_name(t) else {
            stats.malformed(
                number,
                || crate::tr!("malformed-reg-no-equals"),
                t.as_bytes(),
            );
            return;
        };
        let Some(k) = key.clone() else {
            stats.malformed(
                number,
                || crate::tr!("malformed-reg-before-key"),
                t.as_bytes(),
            );
            return;
        };
        let data = data.trim();
        if data == "-" {
            sink(RegItem::DeleteValue {
                key: k,
                name,
                line: number,
            });
            return;
        }
        let value = match parse_data(data, *ansi) {
            Ok(v) => v,
            Err(reason) => {
                stats.malformed(number, || reason, t.as_bytes());
                RegData::Malformed(data.to_string())
            }
        };
        sink(RegItem::Value {
            key: k,
            name,
            data: value,
            line: number,
        });
        return;
    }
    stats.malformed(number, || crate::tr!("malformed-reg-line"), t.as_bytes());
}

/// Splits `"Name"=data` (with `\\` and `\"` escapes in the name) or `@=data`.
fn split_name(t: &str) -> Option<(String, &str)> {
    if let Some(rest) = t.strip_prefix('@') {
        return rest
            .trim_start()
            .strip_prefix('=')
            .map(|d| (String::new(), d));
    }
    let (name, used) = unquote(t)?;
    let rest = t.get(used..)?.trim_start();
    rest.strip_prefix('=').map(|d| (name, d))
}

/// Reads a quoted string at the start of `t`, returning it unescaped and the bytes consumed.
fn unquote(t: &str) -> Option<(String, usize)> {
    let mut chars = t.char_indices();
    if chars.next()?.1 != '"' {
        return None;
    }
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, e @ ('\\' | '"'))) => out.push(e),
                Some((_, 'n')) => out.push('\n'),
                Some((_, other)) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '"' => return Some((out, i + 1)),
            _ => out.push(c),
        }
    }
    None
}

fn parse_data(data: &str, ansi: bool) -> Result<RegData, crate::i18n::Text> {
    if data.starts_with('"') {
        let (s, used) = unquote(data).ok_or_else(|| crate::tr!("malformed-reg-unclosed-string"))?;
        if !data[used..].trim().is_empty() {
            return Err(crate::tr!("malformed-reg-after-quote"));
        }
        return Ok(RegData::Sz(s));
    }
    if let Some(digits) = data.strip_prefix("dword:") {
        let digits = digits.trim();
        // regedit reads up to eight hex digits; fewer are accepted as the number they spell.
        if digits.is_empty() || digits.len() > 8 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(crate::tr!("malformed-reg-dword", digits = digits));
        }
        return u32::from_str_radix(digits, 16)
            .map(RegData::Dword)
            .map_err(|e| crate::i18n::Text::from(e.to_string()));
    }
    let (kind, bytes) = if let Some(rest) = data.strip_prefix("hex:") {
        (3, rest)
    } else if let Some(rest) = data.strip_prefix("hex(") {
        let close = rest
            .find("):")
            .ok_or_else(|| crate::tr!("malformed-reg-hex-unclosed"))?;
        let kind = u32::from_str_radix(&rest[..close], 16)
            .map_err(|_| crate::tr!("malformed-reg-hex-type", kind = &rest[..close]))?;
        (kind, &rest[close + 2..])
    } else {
        return Err(crate::tr!("malformed-reg-type"));
    };
    let bytes = hex_bytes(bytes)?;
    Ok(match kind {
        1 => RegData::Sz(text_of(&bytes, ansi).into_iter().next().unwrap_or_default()),
        2 => RegData::ExpandSz(text_of(&bytes, ansi).into_iter().next().unwrap_or_default()),
        7 => RegData::MultiSz(text_of(&bytes, ansi)),
        3 => RegData::Binary(bytes),
        4 if bytes.len() == 4 => {
            RegData::Dword(u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]))
        }
        0xb if bytes.len() == 8 => {
            let mut a = [0u8; 8];
            a.copy_from_slice(&bytes);
            RegData::Qword(u64::from_le_bytes(a))
        }
        4 | 0xb => {
            return Err(crate::tr!(
                "malformed-reg-hex-size",
                kind = format!("{kind:x}"),
                bytes = bytes.len()
            ))
        }
        _ => RegData::Other { kind, bytes },
    })
}

fn hex_bytes(s: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    for part in s.split(',') {
        let p = part.trim();
        if p.is_empty() {
            continue;
        }
        let b = u8::from_str_radix(p, 16).map_err(|_| format!("'{p}' is not a hex byte"))?;
        out.push(b);
    }
    Ok(out)
}

/// The strings of a REG_SZ / REG_EXPAND_SZ / REG_MULTI_SZ, UTF-16LE in version 5 exports and
/// single bytes (Windows-1252) in REGEDIT4 ones, split at NULs.
fn text_of(bytes: &[u8], ansi: bool) -> Vec<String> {
    let text = if ansi {
        decode(bytes).into_owned()
    } else {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    };
    let mut parts: Vec<String> = text.split('\0').map(str::to_string).collect();
    while parts.last().is_some_and(|p| p.is_empty()) {
        parts.pop();
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> (Vec<RegItem>, ParseStats) {
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |i| out.push(i)).unwrap();
        (out, stats)
    }

    fn value(items: &[RegItem], wanted: &str) -> RegData {
        items
            .iter()
            .find_map(|i| match i {
                RegItem::Value { name, data, .. } if name == wanted => Some(data.clone()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn types_escapes_and_continuations() {
        let (items, stats) = items(concat!(
            "Windows Registry Editor Version 5.00\r\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup] \r\n",
            "\"ContentDir\"=\"D:\\\\WSUS\\\\\" \r\n",
            "\"Quote\"=\"say \\\"hi\\\"\"\r\n",
            "\"PortNumber\"=dword:00002142\r\n",
            "\"Big\"=hex(b):01,00,00,00,00,00,00,00\r\n",
            "\"Path\"=hex(2):25,00,53,00,00,00\r\n",
            "\"Multi\"=hex(7):61,00,00,00,62,00,\\\r\n",
            "  00,00,00,00\r\n",
            "@=\"default\"\r\n",
            "; comment\r\n",
            "\"Gone\"=-\r\n",
        ));
        assert_eq!(stats.records, 8);
        assert_eq!(stats.malformed, 0);
        assert_eq!(
            value(&items, "ContentDir"),
            RegData::Sz("D:\\WSUS\\".into())
        );
        assert_eq!(value(&items, "Quote"), RegData::Sz("say \"hi\"".into()));
        assert_eq!(value(&items, "PortNumber"), RegData::Dword(8514));
        assert_eq!(value(&items, "Big"), RegData::Qword(1));
        assert_eq!(value(&items, "Path"), RegData::ExpandSz("%S".into()));
        assert_eq!(
            value(&items, "Multi"),
            RegData::MultiSz(vec!["a".into(), "b".into()])
        );
        assert_eq!(value(&items, ""), RegData::Sz("default".into()));
        assert!(items
            .iter()
            .any(|i| matches!(i, RegItem::DeleteValue { name, line: 12, .. } if name == "Gone")));
        assert!(items
            .iter()
            .any(|i| matches!(i, RegItem::Value { name, line: 8, .. } if name == "Multi")));
    }

    /// A hex value continued over `lines` lines.
    fn long_value(lines: usize) -> String {
        let mut text =
            String::from("REGEDIT4\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"X\"=hex:00,\\\n");
        for _ in 0..lines {
            text.push_str("  00,\\\n");
        }
        text.push_str("  00\n\"After\"=dword:00000001\n");
        text
    }

    #[test]
    fn continued_values_cost_linear_memory_traffic() {
        crate::parsers::assert_linear_allocation(long_value, |text| {
            let _ = items(text);
        });
    }

    #[test]
    fn a_value_is_capped_and_what_follows_still_read() {
        let (got, stats) = items(&long_value(MAX_VALUE_TEXT / 3 + 10));
        assert!(!got
            .iter()
            .any(|i| matches!(i, RegItem::Value { name, .. } if name == "X")));
        assert_eq!(value(&got, "After"), RegData::Dword(1));
        assert_eq!(stats.records, 2);
        assert_eq!(stats.malformed, 1);
        assert_eq!(stats.malformed_examples[0].line, 3);
        assert!(stats.malformed_examples[0]
            .reason
            .contains("longer than 1 MiB"));
        let (got, stats) = items(&long_value(1000));
        assert_eq!(value(&got, "X"), RegData::Binary(vec![0; 1002]));
        assert_eq!(stats.malformed, 0);
    }

    #[test]
    fn deletions_and_malformed_dwords() {
        let (items, stats) = items(concat!(
            "REGEDIT4\n",
            "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n",
            "\"A\"=dword:0000000\n",
            "\"B\"=dword:0000zz01\n",
            "\"S\"=hex(2):41,42,00\n",
        ));
        assert!(matches!(&items[0], RegItem::DeleteKey { line: 2, .. }));
        assert_eq!(value(&items, "A"), RegData::Dword(0));
        assert_eq!(
            value(&items, "B"),
            RegData::Malformed("dword:0000zz01".into())
        );
        assert_eq!(value(&items, "S"), RegData::ExpandSz("AB".into()));
        assert_eq!(stats.records, 3);
        assert_eq!(stats.malformed, 1);
        assert_eq!(stats.malformed_examples[0].line, 5);
    }
}
