//! Every event from every source on one time axis (UTC): server bursts and HTTP.sys reasons,
//! pool and service events, client errors, policy changes, probe results. Sources in local time
//! are converted with their known offset; when a zone had to be assumed the event says so.

use crate::facts::time::format_utc;
use crate::facts::Facts;
use crate::report::TimelineEvent;

/// HTTP.sys reasons that are housekeeping, not faults (KB820729): left off the timeline.
const NOISE_REASONS: &[&str] = &["Timer_ConnectionIdle"];

/// The merged timeline, in time order.
pub fn build(facts: &Facts) -> Vec<TimelineEvent> {
    let mut events = Vec::new();
    for b in facts.iis_log.bursts_503() {
        let endpoints: Vec<String> = b
            .endpoints
            .iter()
            .take(3)
            .map(|(e, n)| format!("{e} {n}"))
            .collect();
        events.push(TimelineEvent {
            time: format_utc(b.start),
            assumed_zone: false,
            end: Some(format_utc(b.end)),
            side: "server",
            host: b.server.clone(),
            what: format!(
                "IIS answered 503 {} times (peak {}/min){}",
                b.total,
                b.peak_per_minute,
                if endpoints.is_empty() {
                    String::new()
                } else {
                    format!(": {}", endpoints.join(", "))
                }
            ),
            check: "server.iis-log",
            location: b.example.clone(),
        });
    }
    for e in facts.httperr.episodes() {
        if NOISE_REASONS.contains(&e.reason.as_str()) {
            continue;
        }
        let queue = e
            .queue
            .as_deref()
            .map(|q| format!(" for {q}"))
            .unwrap_or_default();
        events.push(TimelineEvent {
            time: format_utc(e.start),
            assumed_zone: false,
            end: (e.end != e.start).then(|| format_utc(e.end)),
            side: "server",
            host: None,
            what: format!("HTTP.sys logged {} × {}{queue}", e.count, e.reason),
            check: "server.httperr",
            location: e.example.clone(),
        });
    }
    events.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.side.cmp(b.side)));
    events
}
