//! The chart data of a report (`Report::charts`): per-minute series of the IIS logs, the 503
//! bursts and the status mix per endpoint family. It is part of the JSON contract
//! (`schema/report-v1.schema.json`, `docs/report-format.md`), and the HTML renderer draws it.
//!
//! `minutes` are UTC starts (RFC 3339) of steps of `step_minutes` minutes; each series has one
//! count per step, in the same order; steps without requests may be left out (they are drawn as
//! zero). The step is one minute unless the logs span more than [`MAX_POINTS`] minutes, so that
//! a report on years of logs stays a few hundred kilobytes. A burst covers the
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

/// The most points a per-minute series holds: fourteen days (the default focus window) by the
/// minute.
pub const MAX_POINTS: i64 = 14 * 24 * 60;

/// The steps a long series is counted by, in minutes: each divides the day.
const STEPS: [i64; 10] = [1, 2, 5, 10, 15, 30, 60, 120, 360, 1440];

/// The shortest step that keeps a span of `span_minutes` within [`MAX_POINTS`] points.
pub fn step_for(span_minutes: i64) -> i64 {
    STEPS
        .into_iter()
        .find(|step| (span_minutes + step - 1) / step <= MAX_POINTS)
        .unwrap_or(1440)
}

/// Requests and errors per minute, or per step of several minutes over a long span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PerMinute {
    /// The minutes each count covers, from its start in `minutes`.
    #[serde(default = "one_minute")]
    pub step_minutes: u32,
    pub minutes: Vec<String>,
    pub total: Vec<u64>,
    pub status_5xx: Vec<u64>,
    pub status_503: Vec<u64>,
    pub status_401: Vec<u64>,
    pub status_403: Vec<u64>,
    pub status_404: Vec<u64>,
}

fn one_minute() -> u32 {
    1
}

impl Default for PerMinute {
    fn default() -> Self {
        PerMinute {
            step_minutes: 1,
            minutes: Vec::new(),
            total: Vec::new(),
            status_5xx: Vec::new(),
            status_503: Vec::new(),
            status_401: Vec::new(),
            status_403: Vec::new(),
            status_404: Vec::new(),
        }
    }
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
        let span_minutes = iis.time_span().map_or(0, |(first, last)| {
            (last.as_second() - first.as_second()) / 60 + 1
        });
        let step = step_for(span_minutes);
        let series = iis.series_every(step);
        let column = |f: fn(&MinutePoint) -> u64| series.iter().map(f).collect::<Vec<u64>>();
        Some(Charts {
            iis_per_minute: PerMinute {
                step_minutes: u32::try_from(step).unwrap_or(1440),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_spans_are_counted_by_a_step_that_keeps_them_within_the_limit() {
        assert_eq!(step_for(0), 1);
        assert_eq!(step_for(MAX_POINTS), 1);
        assert_eq!(step_for(MAX_POINTS + 1), 2);
        // A year of daily logs by the half hour, three years by two hours.
        assert_eq!(step_for(365 * 1440), 30);
        assert_eq!(step_for(3 * 365 * 1440), 120);
        assert_eq!(step_for(i64::MAX / 2), 1440);
        for span in [1, 20_000, 20_161, 100_000, 525_600, 1_576_800] {
            let step = step_for(span);
            assert!((span + step - 1) / step <= MAX_POINTS, "{span} by {step}");
            assert_eq!(1440 % step, 0);
        }
    }
}
