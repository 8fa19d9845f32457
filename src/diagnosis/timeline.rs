//! Every event from every source on one time axis (UTC): server bursts and HTTP.sys reasons,
//! pool and service events, client errors, policy changes, probe results. Sources in local time
//! are converted with their known offset; when a zone had to be assumed the event says so.

use crate::facts::client_clock::{client_offset, ClientOffset};
use crate::facts::Facts;
use crate::finding::CheckId;
use crate::knowledge::{events as known, hresult};
use crate::probe::model::ProbeStep;
use crate::values::time::{format_utc, Stamp};
use crate::values::EvidenceRef;
use serde::Serialize;

/// An event on the shared time axis.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineEvent {
    /// UTC time (RFC 3339).
    pub time: String,
    /// The time zone of the source had to be assumed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assumed_zone: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    pub side: Side,
    /// The machine whose evidence holds the event.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<crate::values::MachineName>,
    /// The machine or address the event belongs to, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    pub what: crate::i18n::Text,
    pub check: CheckId,
    pub location: EvidenceRef,
}

pub use crate::finding::Side;

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
            machine: None,
            time: format_utc(b.first),
            assumed_zone: false,
            end: Some(format_utc(b.last)),
            side: Side::Server,
            host: b.server.clone(),
            what: if endpoints.is_empty() {
                crate::tr!(
                    "timeline-iis-503",
                    count = b.total,
                    peak = b.peak_per_minute
                )
            } else {
                crate::tr!(
                    "timeline-iis-503-endpoints",
                    count = b.total,
                    peak = b.peak_per_minute,
                    endpoints = endpoints.join(", ")
                )
            },
            check: CheckId::ServerIisLog,
            location: b.example.clone(),
        });
    }
    for e in facts.httperr.episodes() {
        if NOISE_REASONS.contains(&e.reason.as_str()) {
            continue;
        }
        events.push(TimelineEvent {
            machine: None,
            time: format_utc(e.start),
            assumed_zone: false,
            end: (e.end != e.start).then(|| format_utc(e.end)),
            side: Side::Server,
            host: None,
            what: match e.queue.as_deref() {
                Some(queue) => crate::tr!(
                    "timeline-httperr-queue",
                    count = e.count,
                    reason = &e.reason,
                    queue = queue
                ),
                None => crate::tr!("timeline-httperr", count = e.count, reason = &e.reason),
            },
            check: CheckId::ServerHttperr,
            location: e.example.clone(),
        });
    }
    server_events(facts, &mut events);
    client_events(facts, &mut events);
    probe_events(facts, &mut events);
    events.sort_by(|a, b| a.time.cmp(&b.time).then_with(|| a.side.cmp(&b.side)));
    events
}

/// Pool, service and WSUS health events (event logs store UTC).
fn server_events(facts: &Facts, out: &mut Vec<TimelineEvent>) {
    for e in facts.events.records() {
        let Some(time) = e.time else { continue };
        let (check, source) = if known::provider_matches(known::WAS, &e.provider) {
            (CheckId::ServerEvents, "WAS")
        } else if known::provider_matches(known::SCM, &e.provider) {
            (CheckId::ServerServices, "SCM")
        } else {
            (CheckId::ServerEvents, e.provider.as_str())
        };
        let what = crate::tr!(
            "timeline-event",
            source = source,
            id = e.id,
            summary = &e.summary
        );
        out.push(TimelineEvent {
            machine: None,
            time: format_utc(time),
            assumed_zone: false,
            end: None,
            side: Side::Server,
            host: (!e.computer.is_empty()).then(|| e.computer.clone()),
            what,
            check,
            location: e.origin.clone(),
        });
    }
}

/// A client time on the UTC axis: with its known offset, else the client's inferred or assumed
/// offset (and the event says a zone was assumed).
/// A client time in UTC, and whether its zone was assumed (not when `--client-tz` states it).
fn client_time(t: Stamp, offset: &Option<ClientOffset>) -> Option<(String, bool)> {
    let minutes = offset.as_ref().map_or(0, |o| o.minutes);
    let stated = offset.as_ref().is_some_and(ClientOffset::stated);
    t.to_utc_assuming(minutes)
        .map(|(u, assumed)| (format_utc(u), assumed && !stated))
}

/// Connection error episodes, server changes seen by the agent, ConfigMgr locations and
/// Group Policy overrides.
fn client_events(facts: &Facts, out: &mut Vec<TimelineEvent>) {
    let offset = client_offset(facts);
    let host = facts.network.host_name.clone();
    for e in facts.wu_log.episodes() {
        let Some((time, assumed)) = client_time(e.first, &offset) else {
            continue;
        };
        let end = client_time(e.last, &offset)
            .map(|x| x.0)
            .filter(|x| *x != time);
        let codes: Vec<String> = e
            .hresults
            .iter()
            .map(|(h, n)| format!("{} ×{n}", hresult::format(*h)))
            .collect();
        out.push(TimelineEvent {
            machine: None,
            time,
            assumed_zone: assumed,
            end,
            side: Side::Client,
            host: host.clone(),
            what: match e.url.as_deref() {
                Some(url) => crate::tr!(
                    "timeline-wu-failed-url",
                    count = e.count,
                    codes = codes.join(", "),
                    url = url
                ),
                None => crate::tr!(
                    "timeline-wu-failed",
                    count = e.count,
                    codes = codes.join(", ")
                ),
            },
            check: CheckId::ClientWuLog,
            location: e.origin.clone(),
        });
    }
    // Point events of the client: (its time, what happened, the check, where it was read).
    let changes = facts
        .wu_log
        .servers_used()
        .iter()
        .filter(|s| s.changed)
        .map(|s| {
            (
                Some(s.time),
                crate::tr!("timeline-wu-server-changed", url = &s.url),
                CheckId::ClientWuLog,
                &s.origin,
            )
        });
    let overrides = facts.configmgr.gpo_overrides().iter().map(|g| {
        (
            g.time,
            match g.server.as_deref() {
                Some(server) => crate::tr!("timeline-gpo-override-with", server = server),
                None => crate::tr!("timeline-gpo-override"),
            },
            CheckId::ClientConfigmgr,
            &g.origin,
        )
    });
    let locations = facts.configmgr.wsus_locations().iter().map(|l| {
        (
            l.time,
            crate::tr!("timeline-configmgr-location", path = &l.path),
            CheckId::ClientConfigmgr,
            &l.origin,
        )
    });
    for (when, what, check, origin) in changes.chain(overrides).chain(locations) {
        let Some((time, assumed)) = when.and_then(|t| client_time(t, &offset)) else {
            continue;
        };
        out.push(TimelineEvent {
            machine: None,
            time,
            assumed_zone: assumed,
            end: None,
            side: Side::Client,
            host: host.clone(),
            what,
            check,
            location: origin.clone(),
        });
    }
}

/// Probe verdicts, at the time of the run.
fn probe_events(facts: &Facts, out: &mut Vec<TimelineEvent>) {
    if facts.probes.targets.is_empty() {
        return;
    }
    let now = format_utc(jiff::Timestamp::now());
    for t in &facts.probes.targets {
        let unusable = t
            .url_check
            .problems
            .iter()
            .find(|p| p.severity == crate::values::wsus_url::Severity::Fail);
        let (what, check, step) = match (unusable, t.first_failure()) {
            // The URL step stops the probe before any other step runs, so no step failed.
            (Some(p), _) => (
                crate::tr!(
                    "timeline-probe-url-unusable",
                    url = &t.url,
                    problem = &p.message
                ),
                CheckId::ProbeDns,
                ProbeStep::Url,
            ),
            (None, Some((step, o))) => (
                match o.hresult {
                    Some(h) => crate::tr!(
                        "timeline-probe-failed-code",
                        url = &t.url,
                        step = step.to_string(),
                        message = &o.message,
                        code = hresult::format(h)
                    ),
                    None => crate::tr!(
                        "timeline-probe-failed",
                        url = &t.url,
                        step = step.to_string(),
                        message = &o.message
                    ),
                },
                probe_check(step),
                step,
            ),
            (None, None) => (
                match &t.stopped {
                    Some(why) => crate::tr!("timeline-probe-stopped", url = &t.url, why = why),
                    None => crate::tr!("timeline-probe-passed", url = &t.url),
                },
                CheckId::ProbeHttp,
                ProbeStep::Http,
            ),
        };
        out.push(TimelineEvent {
            machine: None,
            time: now.clone(),
            assumed_zone: false,
            end: None,
            side: Side::Probe,
            host: t.url_check.host.clone(),
            what,
            check,
            location: t.evidence(step),
        });
    }
}

fn probe_check(step: ProbeStep) -> CheckId {
    match step {
        ProbeStep::Tcp => CheckId::ProbeTcp,
        ProbeStep::Tls => CheckId::ProbeTls,
        ProbeStep::Http => CheckId::ProbeHttp,
        ProbeStep::Soap => CheckId::ProbeSoap,
        ProbeStep::Url | ProbeStep::Dns => CheckId::ProbeDns,
    }
}
