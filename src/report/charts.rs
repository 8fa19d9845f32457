//! The chart data of a report (`Report::charts`): per-minute series of the IIS logs, the 503
//! bursts and the status mix per endpoint family. It is part of the JSON contract
//! (`schema/report-v1.schema.json`, `docs/report-format.md`), and the HTML renderer draws it.
//!
//! `minutes` are UTC minute starts (RFC 3339); each series has one count per minute, in the same
//! order; minutes without requests may be left out (they are drawn as zero). A burst covers the
//! minutes from `start` to `end` inclusive. The timeline chart reads `report.timeline` instead.

use crate::facts::iis_log::{Family, IisLogFacts, MinutePoint};
use crate::values::time::format_utc;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Everything the charts draw.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Charts {
    pub iis_per_minute: PerMinute,
    pub bursts: Vec<BurstSpan>,
    /// Answers per endpoint family, by status code (as text: `"200"`, `"503"`).
    pub status_by_endpoint: BTreeMap<String, BTreeMap<String, u64>>,
}

/// Requests and errors per minute.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerMinute {
    pub minutes: Vec<String>,
    pub total: Vec<u64>,
    pub status_5xx: Vec<u64>,
    pub status_503: Vec<u64>,
    pub status_401: Vec<u64>,
    pub status_403: Vec<u64>,
    pub status_404: Vec<u64>,
}

/// A burst of 503 answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BurstSpan {
    pub start: String,
    pub end: String,
    pub total: u64,
    pub peak_per_minute: u64,
}

impl Charts {
    /// The charts of the IIS logs read, or none without IIS logs.
    pub fn of(iis: &IisLogFacts) -> Option<Charts> {
        if iis.is_empty() {
            return None;
        }
        let series = iis.minute_series();
        let column = |f: fn(&MinutePoint) -> u64| series.iter().map(f).collect::<Vec<u64>>();
        Some(Charts {
            iis_per_minute: PerMinute {
                minutes: series.iter().map(|p| format_utc(p.minute)).collect(),
                total: column(|p| p.total),
                status_5xx: column(|p| p.status_5xx),
                status_503: column(|p| p.status_503),
                status_401: column(|p| p.status_401),
                status_403: column(|p| p.status_403),
                status_404: column(|p| p.status_404),
            },
            bursts: iis
                .bursts_503()
                .iter()
                .map(|b| BurstSpan {
                    start: format_utc(b.start),
                    end: format_utc(b.end),
                    total: b.total,
                    peak_per_minute: b.peak_per_minute,
                })
                .collect(),
            status_by_endpoint: Family::ALL
                .iter()
                .zip(iis.agg.families.iter())
                .filter(|(_, f)| f.requests > 0)
                .map(|(fam, f)| {
                    (
                        fam.name().to_string(),
                        f.statuses
                            .iter()
                            .map(|(s, n)| (s.to_string(), *n))
                            .collect(),
                    )
                })
                .collect(),
        })
    }
}
