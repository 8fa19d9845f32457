//! `server.events`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::events::{EventRecord, SERVICES_OF_INTEREST};
use crate::facts::iis_log::Burst;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Status};
use crate::knowledge::events as known;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerEvents,
    title: "WSUS, WAS and service events",
    guide_step: "Beyond the guide: the event logs behind 503s and stopped services",
    what: "Lists WSUS health-monitor events, WAS application pool events (rapid-fail, crashes, recycles) and service crashes as a timeline tied to their meaning.",
    why: "A private-memory recycle or a rapid-fail shutdown at the time of a 503 burst proves the WsusPool cause.",
    evidence: "System and Application event logs (.evtx).",
    fix: "Follow the event: raise the pool's memory limit for recycles, start the pool after rapid-fail, repair the service that crashes.",
    sources: &["WAS-EVENTS", "SCM-EVENTS", "WSUS-HEALTH"],
    since: "0.1.0",
    symptoms: &[Symptom::AppPoolRapidFail, Symptom::EventsBurstCorrelation, Symptom::EventsMemoryRecycle, Symptom::EventsPool, Symptom::EventsServiceCrash, Symptom::EventsWorkerCrash, Symptom::EventsWsusHealth],
    run,
};

/// A pool event this long before a 503 burst still explains it: a recycle or crash takes the
/// pool away for the time it needs to restart and reload its cache.
const BEFORE_BURST: SignedDuration = SignedDuration::from_mins(5);

/// WAS events that take the pool away (rapid-fail, crashes, hangs, memory recycles).
const BAD_WAS: &[u32] = &[5002, 5009, 5010, 5011, 5117, 5077];
/// SCM crash events.
const BAD_SCM: &[u32] = &[7031, 7034];

fn severity(e: &EventRecord) -> Status {
    if known::provider_matches(known::WAS, &e.provider) && BAD_WAS.contains(&e.id) {
        return Status::Fail;
    }
    if known::provider_matches(known::SCM, &e.provider) && BAD_SCM.contains(&e.id) {
        return Status::Fail;
    }
    // WSUS health monitor: the "is not working" events are errors or warnings (levels 2, 3).
    if known::provider_matches(known::WSUS, &e.provider) && matches!(e.level, Some(1..=3)) {
        return Status::Warn;
    }
    Status::Info
}

/// The pool events inside a burst or within [`BEFORE_BURST`] before it, per burst.
pub(crate) fn events_near_bursts<'a>(
    events: &[&'a EventRecord],
    bursts: &'a [Burst],
) -> Vec<(&'a Burst, Vec<&'a EventRecord>)> {
    bursts
        .iter()
        .filter_map(|b| {
            let from = b.start.checked_sub(BEFORE_BURST).unwrap_or(b.start);
            // The burst's end is its last minute; the whole minute counts.
            let to = b
                .end
                .checked_add(SignedDuration::from_mins(1))
                .unwrap_or(b.end);
            let near: Vec<&EventRecord> = events
                .iter()
                .copied()
                .filter(|e| e.time.is_some_and(|t: Timestamp| t >= from && t < to))
                .collect();
            (!near.is_empty()).then_some((b, near))
        })
        .collect()
}

fn line(e: &EventRecord) -> String {
    let subject = e
        .pool
        .as_deref()
        .or(e.service.as_deref())
        .map_or(String::new(), |s| format!(" [{s}]"));
    format!(
        "{} {} {}{}: {}",
        wsus::when(e.time),
        e.provider,
        e.id,
        subject,
        e.summary
    )
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    if facts.events.is_empty() {
        return vec![CHECK.skipped(
            "no System or Application event log (.evtx or event XML) among the evidence",
        )];
    }
    let wsus_pool = wsus::wsus_site(facts).and_then(|s| s.pool);
    let is_wsus_pool = |e: &EventRecord| match (&wsus_pool, &e.pool) {
        (Some(w), Some(p)) => w.eq_ignore_ascii_case(p),
        // Without the configuration, the pool WSUS setup creates.
        (None, Some(p)) => p.eq_ignore_ascii_case("WsusPool"),
        _ => false,
    };
    let relevant: Vec<&EventRecord> = facts
        .events
        .records()
        .iter()
        .filter(|e| e.pool.is_none() || is_wsus_pool(e))
        .filter(|e| {
            !known::provider_matches(known::SCM, &e.provider)
                || e.service.as_deref().is_some_and(|s| {
                    SERVICES_OF_INTEREST
                        .iter()
                        .any(|(n, _)| n.eq_ignore_ascii_case(s))
                })
        })
        .collect();
    let timeline: Vec<serde_json::Value> = relevant
        .iter()
        .map(|e| {
            json!({
                "time": e.time.map(crate::values::time::format_utc),
                "provider": e.provider,
                "id": e.id,
                "pool": e.pool,
                "service": e.service,
                "summary": e.summary,
                "status": severity(e),
                "location": e.origin.to_string(),
            })
        })
        .collect();

    let mut findings = Vec::new();
    // One finding per kind of bad event, with its times.
    let mut kinds: Vec<(String, u32)> = Vec::new();
    for e in relevant.iter().filter(|e| severity(e) != Status::Info) {
        let k = (e.provider.clone(), e.id);
        if !kinds.contains(&k) {
            kinds.push(k);
        }
    }
    for (provider, id) in &kinds {
        let group: Vec<&&EventRecord> = relevant
            .iter()
            .filter(|e| &e.provider == provider && e.id == *id)
            .collect();
        let Some(first) = group.first() else { continue };
        let subject = first
            .pool
            .clone()
            .or(first.service.clone())
            .unwrap_or_else(|| provider.clone());
        let entry = first.known();
        let times: Vec<String> = group.iter().map(|e| wsus::when(e.time)).collect();
        let mut f = CHECK.finding(severity(first),
            if subject == *provider {
                format!("{} event {id}, {} time(s)", short_provider(provider), group.len())
            } else {
                format!("{} event {id} for {subject}, {} time(s)", short_provider(provider), group.len())
            },
        ).symptom(Symptom::of_event(&first.provider, first.id))
        .summary(format!(
            "{} At {}{}.",
            first.summary,
            times.iter().take(10).cloned().collect::<Vec<_>>().join(", "),
            if times.len() > 10 { format!(" and {} more", times.len() - 10) } else { String::new() }
        ))
        .explanation(entry.map_or(String::new(), |k| {
            let mut s = k.wsus().to_string();
            if !k.confirmed && !k.wsus().contains("not confirmed") {
                s.push_str(" (The meaning of this id is widely reported but not confirmed by a Microsoft page.)");
            }
            s
        }));
        for e in group.iter().take(10) {
            f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(line(e)));
        }
        for s in entry.map_or(&[][..], |k| k.sources) {
            f = f.reference(s);
        }
        findings.push(f.data(json!({ "provider": provider, "id": id, "times": times })));
    }

    // The proof of the pool cause: pool events at the time of the 503 bursts.
    let pool_events: Vec<&EventRecord> = relevant
        .iter()
        .copied()
        .filter(|e| is_wsus_pool(e) && severity(e) == Status::Fail)
        .collect();
    let near = events_near_bursts(&pool_events, facts.iis_log.bursts_503());
    if !near.is_empty() {
        let mut f = CHECK
            .finding(
                Status::Fail,
                "WSUS pool failures coincide with the IIS 503 bursts",
            )
            .symptom(Symptom::EventsBurstCorrelation);
        let mut parts = Vec::new();
        for (b, evs) in &near {
            parts.push(format!(
                "503 burst {} ({} responses): {}",
                crate::values::time::format_utc_range(b.first, b.last),
                b.total,
                evs.iter()
                    .map(|e| format!(
                        "{} {} at {}",
                        short_provider(&e.provider),
                        e.id,
                        wsus::when(e.time)
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            f = f.evidence(EvidenceItem::new(b.example.clone()).note("a 503 of the burst"));
            for e in evs.iter().take(5) {
                f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(line(e)));
            }
        }
        f = f
            .summary(format!("{}. The pool was recycling or down when clients got 503: the application pool is the cause, not the network.", parts.join("; ")))
            .reference("WAS-EVENTS")
            .reference("KB4025764");
        findings.push(f);
    }

    let files = facts.events.files();
    let total: u64 = files.iter().map(|f| f.records).sum();
    if findings.is_empty() {
        findings.push(
            CHECK.finding(Status::Pass, "No WAS, service or WSUS health failures in the event logs")
                .summary(format!(
                    "{} event log file(s), {total} records: no rapid-fail, crash, memory recycle or WSUS health failure; {} informational event(s) of WSUS, its pool and services.",
                    files.len(),
                    relevant.len()
                ))
                .evidence_all(files.iter().map(|f| EvidenceItem::new(crate::values::EvidenceRef::file(&f.path, None)).note(format!("{} records, channels {}", f.records, f.channels.join(", ")))))
                .data(json!({ "timeline": timeline })),
        );
    } else if let Some(f) = findings.first_mut() {
        f.data = json!({ "detail": f.data.clone(), "timeline": timeline });
    }
    findings
}

fn short_provider(p: &str) -> &str {
    if known::provider_matches(known::WAS, p) {
        "WAS"
    } else if known::provider_matches(known::SCM, p) {
        "Service Control Manager"
    } else if known::provider_matches(known::WSUS, p) {
        "WSUS"
    } else {
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::EvidenceRef;

    fn ev(id: u32, t: &str) -> EventRecord {
        EventRecord {
            provider: "Microsoft-Windows-WAS".into(),
            id,
            time: Some(t.parse().unwrap()),
            computer: "WSUS01".into(),
            channel: "System".into(),
            record_id: Some(1),
            level: Some(3),
            data: vec![],
            summary: String::new(),
            pool: Some("WsusPool".into()),
            service: None,
            origin: EvidenceRef::Event {
                path: "System.evtx".into(),
                record: 1,
            },
        }
    }

    #[test]
    fn events_within_five_minutes_before_or_inside_a_burst() {
        let burst = Burst {
            start: "2024-03-05T09:10:00Z".parse().unwrap(),
            end: "2024-03-05T09:20:00Z".parse().unwrap(),
            first: "2024-03-05T09:10:02Z".parse().unwrap(),
            last: "2024-03-05T09:20:41Z".parse().unwrap(),
            total: 400,
            peak_per_minute: 80,
            endpoints: vec![],
            server: None,
            example: EvidenceRef::line("u_ex240305.log", 10),
        };
        let inside = ev(5117, "2024-03-05T09:20:30Z");
        let before = ev(5117, "2024-03-05T09:06:00Z");
        let too_early = ev(5117, "2024-03-05T09:04:59Z");
        let after = ev(5117, "2024-03-05T09:21:00Z");
        let all = [&inside, &before, &too_early, &after];
        let bursts = [burst];
        let near = events_near_bursts(&all, &bursts);
        assert_eq!(near.len(), 1);
        assert_eq!(near[0].1.len(), 2);
    }
}
