//! Aggregates of IIS W3C logs.
//!
//! Contract used by other checks and the diagnosis (keep these names and meanings):
//! `is_empty`, `time_span` (UTC, over all servers), `client(ip)`, `bursts_503()`, `minute_series()`.

use super::{count_records, EvidenceRef, Ingested};
use crate::evidence::{text::TextEncoding, EvidenceFile};
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// What the IIS logs show for one client address.
#[derive(Debug, Clone, Serialize)]
pub struct ClientSummary {
    pub ip: String,
    pub requests: u64,
    /// Requests by HTTP status.
    pub statuses: BTreeMap<u16, u64>,
    pub first: Timestamp,
    pub last: Timestamp,
    /// One of its lines, as proof.
    pub example: EvidenceRef,
}

/// A run of minutes with 503 answers.
#[derive(Debug, Clone, Serialize)]
pub struct Burst {
    /// First and last minute with 503s (UTC, inclusive).
    pub start: Timestamp,
    pub end: Timestamp,
    pub total: u64,
    pub peak_per_minute: u64,
    /// Endpoint families hit, with counts, largest first.
    pub endpoints: Vec<(String, u64)>,
    /// The server (s-ip or computer name) when known.
    pub server: Option<String>,
    pub example: EvidenceRef,
}

/// Requests per minute, for charts and for lining up with client errors.
#[derive(Debug, Clone, Serialize)]
pub struct MinutePoint {
    pub minute: Timestamp,
    pub total: u64,
    pub status_5xx: u64,
    pub status_503: u64,
    pub status_401: u64,
    pub status_403: u64,
    pub status_404: u64,
}

#[derive(Debug, Clone, Default)]
pub struct IisLogFacts {}

impl IisLogFacts {
    pub fn merge(&mut self, _other: IisLogFacts) {}
    pub fn finish(&mut self) {}

    /// No IIS log records were read.
    pub fn is_empty(&self) -> bool {
        true
    }

    /// Earliest and latest record (UTC).
    pub fn time_span(&self) -> Option<(Timestamp, Timestamp)> {
        None
    }

    /// What the logs show for one client address.
    pub fn client(&self, _ip: &str) -> Option<ClientSummary> {
        None
    }

    /// 503 bursts in time order.
    pub fn bursts_503(&self) -> &[Burst] {
        &[]
    }

    /// Per-minute counts in time order.
    pub fn minute_series(&self) -> Vec<MinutePoint> {
        Vec::new()
    }
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| !l.is_empty() && l[0] != b'#')?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
