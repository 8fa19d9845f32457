//! Registry value data as every source (`.reg` exports, `reg query` output, the live registry)
//! writes it, typed.

use serde::Serialize;

/// A registry value's data, by type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "data", rename_all = "snake_case")]
pub enum RegData {
    Sz(String),
    ExpandSz(String),
    MultiSz(Vec<String>),
    Dword(u32),
    Qword(u64),
    Binary(Vec<u8>),
    /// Another type (`hex(N):`), kept as bytes.
    Other {
        kind: u32,
        bytes: Vec<u8>,
    },
    /// The value could not be decoded; the raw text is kept for the report.
    Malformed(String),
}

impl RegData {
    /// The value as text, for string types.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            RegData::Sz(s) | RegData::ExpandSz(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a number, for DWORD and QWORD (and decimal strings, which some tools write).
    pub fn as_u64(&self) -> Option<u64> {
        match self {
            RegData::Dword(v) => Some(u64::from(*v)),
            RegData::Qword(v) => Some(*v),
            RegData::Sz(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A short rendering for evidence excerpts.
    pub fn display(&self) -> String {
        match self {
            RegData::Sz(s) | RegData::ExpandSz(s) => format!("\"{s}\""),
            RegData::MultiSz(v) => format!("{v:?}"),
            RegData::Dword(v) => format!("dword:{v:08x} ({v})"),
            RegData::Qword(v) => format!("qword:{v:016x} ({v})"),
            RegData::Binary(b) | RegData::Other { bytes: b, .. } => {
                let hex: Vec<String> = b.iter().take(32).map(|x| format!("{x:02x}")).collect();
                let more = if b.len() > 32 { ",..." } else { "" };
                format!("hex:{}{more} ({} bytes)", hex.join(","), b.len())
            }
            RegData::Malformed(raw) => format!("{raw} (malformed)"),
        }
    }
}
