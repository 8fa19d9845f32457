//! Aggregates of HTTP.sys error logs.
//!
//! Contract used by other checks and the diagnosis (keep these names and meanings):
//! `is_empty`, `time_span` (UTC), `client(ip)`, `episodes()`.

use super::{count_records, EvidenceRef, Ingested};
use crate::evidence::{text::TextEncoding, EvidenceFile};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// What HTTPERR shows for one client address.
#[derive(Debug, Clone, Serialize)]
pub struct HttperrClientSummary {
    pub ip: String,
    pub records: u64,
    /// Records by reason phrase.
    pub reasons: BTreeMap<String, u64>,
    pub first: Timestamp,
    pub last: Timestamp,
    pub example: EvidenceRef,
}

/// A run of minutes in which one reason was logged for one queue (application pool).
#[derive(Debug, Clone, Serialize)]
pub struct ReasonEpisode {
    pub reason: String,
    /// The request queue (application pool) name, when logged.
    pub queue: Option<String>,
    pub start: Timestamp,
    pub end: Timestamp,
    pub count: u64,
    pub example: EvidenceRef,
}

#[derive(Debug, Clone, Default)]
pub struct HttperrFacts {}

impl HttperrFacts {
    pub fn merge(&mut self, _other: HttperrFacts) {}
    pub fn finish(&mut self) {}

    pub fn is_empty(&self) -> bool {
        true
    }

    pub fn time_span(&self) -> Option<(Timestamp, Timestamp)> {
        None
    }

    pub fn client(&self, _ip: &str) -> Option<HttperrClientSummary> {
        None
    }

    /// Reason episodes in time order.
    pub fn episodes(&self) -> &[ReasonEpisode] {
        &[]
    }
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| !l.is_empty() && l[0] != b'#')?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
