//! Where a value was read, so that every finding can show its proof.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Where a fact was read: a file and line, a registry value, an event record, a probe step, or a
/// live source on the machine.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum EvidenceRef {
    /// A line (or the whole) of an evidence file.
    File {
        path: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        line: Option<u64>,
    },
    /// A registry value, read from an export file (`path`, `line`) or live (`path` absent).
    Registry {
        key: String,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        value: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        path: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        line: Option<u64>,
    },
    /// An event log record.
    Event { path: String, record: u64 },
    /// A step of a network probe.
    Probe { target: String, step: String },
    /// Something read live on this machine (service control manager, ...).
    Live { source: String },
}

impl EvidenceRef {
    pub fn file(path: impl Into<String>, line: Option<u64>) -> Self {
        EvidenceRef::File {
            path: path.into(),
            line,
        }
    }

    pub fn line(path: &str, line: u64) -> Self {
        EvidenceRef::File {
            path: path.to_string(),
            line: Some(line),
        }
    }
}

impl fmt::Display for EvidenceRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EvidenceRef::File {
                path,
                line: Some(l),
            } => write!(f, "{path}:{l}"),
            EvidenceRef::File { path, line: None } => write!(f, "{path}"),
            EvidenceRef::Registry {
                key,
                value,
                path,
                line,
            } => {
                write!(f, "{key}")?;
                if let Some(v) = value {
                    write!(f, "\\{v}")?;
                }
                match (path, line) {
                    (Some(p), Some(l)) => write!(f, " ({p}:{l})"),
                    (Some(p), None) => write!(f, " ({p})"),
                    _ => Ok(()),
                }
            }
            EvidenceRef::Event { path, record } => write!(f, "{path} record {record}"),
            EvidenceRef::Probe { target, step } => write!(f, "probe {target} step {step}"),
            EvidenceRef::Live { source } => write!(f, "live: {source}"),
        }
    }
}
