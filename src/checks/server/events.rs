//! `server.events`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::events::{EventRecord, SERVICES_OF_INTEREST};
use crate::facts::iis_log::Burst;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Status};
use crate::i18n::Text;
use crate::knowledge::events as known;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerEvents,
    sources: &["WAS-EVENTS", "SCM-EVENTS", "WSUS-HEALTH"],
    since: "0.1.0",
    symptoms: &[
        Symptom::AppPoolRapidFail,
        Symptom::EventsBurstCorrelation,
        Symptom::EventsMemoryRecycle,
        Symptom::EventsPool,
        Symptom::EventsServiceCrash,
        Symptom::EventsWorkerCrash,
        Symptom::EventsWsusHealth,
    ],
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
        return vec![CHECK.skipped(crate::tr!("events-no-evidence"))];
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
        let provider_name = short_provider(provider);
        let shown = times
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join(", ");
        let mut f = CHECK
            .finding(
                severity(first),
                if subject == *provider {
                    crate::tr!(
                        "events-title",
                        provider = provider_name,
                        id = *id,
                        count = group.len()
                    )
                } else {
                    crate::tr!(
                        "events-title-subject",
                        provider = provider_name,
                        id = *id,
                        subject = &subject,
                        count = group.len()
                    )
                },
            )
            .symptom(Symptom::of_event(&first.provider, first.id))
            .summary(if times.len() > 10 {
                crate::tr!(
                    "events-at-more",
                    summary = &first.summary,
                    times = shown,
                    more = times.len() - 10
                )
            } else {
                crate::tr!("events-at", summary = &first.summary, times = shown)
            })
            // The meaning of an event id is the knowledge table's, as it is written there.
            .explanation(entry.map_or(Text::default(), |k| {
                if !k.confirmed && !k.wsus().contains("not confirmed") {
                    crate::tr!("events-meaning-unconfirmed", meaning = k.wsus())
                } else {
                    k.wsus()
                }
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
            .finding(Status::Fail, crate::tr!("events-burst-correlation-title"))
            .symptom(Symptom::EventsBurstCorrelation);
        let mut parts = Vec::new();
        for (b, evs) in &near {
            parts.push(crate::tr!(
                "events-burst-part",
                range = crate::values::time::format_utc_range(b.first, b.last),
                count = b.total,
                events = wsus::comma_list(evs.iter().map(|e| {
                    crate::tr!(
                        "events-burst-event",
                        provider = short_provider(&e.provider),
                        id = e.id,
                        time = wsus::when(e.time)
                    )
                }))
            ));
            f = f.evidence(
                EvidenceItem::new(b.example.clone()).note(crate::tr!("events-burst-example")),
            );
            for e in evs.iter().take(5) {
                f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(line(e)));
            }
        }
        f = f
            .summary(crate::tr!(
                "events-burst-correlation",
                bursts = wsus::semicolon_list(parts)
            ))
            .reference("WAS-EVENTS")
            .reference("KB4025764");
        findings.push(f);
    }

    let files = facts.events.files();
    let total: u64 = files.iter().map(|f| f.records).sum();
    if findings.is_empty() {
        findings.push(
            CHECK
                .finding(Status::Pass, crate::tr!("events-healthy-title"))
                .summary(crate::tr!(
                    "events-healthy",
                    files = files.len(),
                    records = total,
                    informational = relevant.len()
                ))
                .evidence_all(files.iter().map(|f| {
                    EvidenceItem::new(crate::values::EvidenceRef::file(&f.path, None)).note(
                        crate::tr!(
                            "events-file",
                            records = f.records,
                            channels = f.channels.join(", ")
                        ),
                    )
                }))
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
            summary: Text::default(),
            pool: Some("WsusPool".into()),
            service: None,
            origin: EvidenceRef::Event {
                path: "System.evtx".into(),
                record: 1,
            },
        }
    }

    #[test]
    fn each_kind_of_failure_event_is_one_finding_with_its_times() {
        use crate::i18n::Lang;
        let facts = wsus::test_evidence::facts(
            "System.xml",
            wsus::test_evidence::RECYCLE_AND_CRASH,
            crate::facts::events::ingest_event_xml,
        );
        let out = run(&facts);
        let titles: Vec<&str> = out.iter().map(|f| f.title.en()).collect();
        assert_eq!(
            titles,
            [
                "Service Control Manager event 7031 for WsusService, 1 time(s)",
                "WAS event 5117 for WsusPool, 1 time(s)"
            ]
        );
        let recycle = &out[1];
        assert_eq!(recycle.status, Status::Fail);
        assert_eq!(recycle.symptom, Some(Symptom::EventsMemoryRecycle));
        assert_eq!(
            recycle.title.local(Lang::Ja),
            "WsusPool の WAS イベント 5117 (1 回)"
        );
        let said = facts
            .events
            .pool_events("WsusPool")
            .next()
            .unwrap()
            .summary
            .clone();
        assert_eq!(recycle.summary, format!("{said} At 2024-03-05T09:12:41Z."));
        assert_eq!(
            recycle.summary.local(Lang::Ja),
            format!("{} 発生時刻: 2024-03-05T09:12:41Z。", said.local(Lang::Ja))
        );
        assert_eq!(recycle.evidence.len(), 1);
        assert_eq!(
            recycle.evidence[0].excerpt.as_deref(),
            Some(
                format!("2024-03-05T09:12:41Z Microsoft-Windows-WAS 5117 [WsusPool]: {said}")
                    .as_str()
            )
        );
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
