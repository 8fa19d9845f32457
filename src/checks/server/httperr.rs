//! `server.httperr`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! Explains HTTP.sys reason phrases per queue (application pool) over time with the meanings of
//! KB820729 and the HTTP Server API documentation: 503s HTTP.sys answered before IIS logged
//! anything (AppOffline, QueueFull, ConnLimit, AppPoolTimer, Disabled...), connections a dying or
//! recycling pool abandoned, slow clients; idle-connection time-outs are normal noise.

use super::wsus::WsusScope;
use crate::checks::catalogue::Check;
use crate::facts::httperr::{HttperrFacts, ReasonAgg};
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::httperr_reason;
use crate::knowledge::{remedy, wsus};
use crate::values::time::format_utc_range;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerHttperr,
    title: "Requests HTTP.sys rejected before IIS",
    guide_step: "When the client's IP is missing from the IIS logs: check C:\\Windows\\System32\\LogFiles\\HTTPERR",
    what: "Reads the HTTP.sys error logs and explains each reason phrase per queue (application pool) over time: AppOffline, QueueFull, ConnLimit, Disabled, abandoned connections, time-outs.",
    why: "HTTP.sys answers 503 for a stopped or overloaded pool before IIS logs anything; those requests exist only in HTTPERR.",
    evidence: "HTTPERR logs (httperr*.log).",
    fix: "Start WsusPool and stop its crashes (memory limit), raise its queue length; connection drops point to pool recycles. ConnLimit is the site's connection limit and N/A an HTTP.sys internal or URL reservation error: neither is fixed by the pool's memory.",
    sources: &["KB4025764", "KB820729", "HTTPAPI-ERRORS"],
    since: "0.1.0",
    symptoms: &[Symptom::HttperrAbandoned, Symptom::HttperrPoolOffline, Symptom::HttperrQueueFull, Symptom::HttperrSlowClients],
    run,
};

/// Episodes named in a summary.
const EPISODES_SHOWN: usize = 6;

const ABANDONED: &[&str] = &[
    "Connection_Abandoned_By_AppPool",
    "Connection_Abandoned_By_ReqQueue",
];
/// Normal keep-alive housekeeping (HTTP Server API documentation).
const NOISE: &[&str] = &["Timer_ConnectionIdle"];
const SLOW_CLIENTS: &[&str] = &["Timer_MinBytesPerSecond"];

pub fn run(facts: &Facts) -> Vec<Finding> {
    let h = &facts.httperr;
    if h.is_empty() {
        return vec![CHECK.skipped("no HTTPERR logs among the evidence")];
    }
    let mut out = Vec::new();
    let scope = super::wsus::scope(facts);
    let pool = scope.pool.clone();
    let limit = super::wsus::pool_private_memory_kb(facts);
    let not_the_pool = |r: &str| {
        httperr_reason::NOT_THE_POOL
            .iter()
            .any(|u| u.eq_ignore_ascii_case(r))
    };
    let unavailable = |r: &str| {
        !not_the_pool(r)
            && httperr_reason::SERVICE_UNAVAILABLE
                .iter()
                .any(|u| u.eq_ignore_ascii_case(r))
    };
    if let Some(f) = group(
        h,
        &scope,
        unavailable,
        Status::Fail,
        "HTTP.sys refused requests with 503 before IIS saw them",
    ) {
        let start = Remedy::new(format!("Start {pool} if it is stopped, stop its crashes by raising its private memory limit (KB4025764), and raise its queue length to {} (KB4490414).", wsus::RECOMMENDED_QUEUE_LENGTH))
            .powershell(remedy::iis::start_pool_ps(&pool))
            .and_commands_of(remedy::relieve_pool(&pool, limit, ""));
        let remedy = remedy::raise_pool_queue_length(start, &pool);
        out.push(
            f.remedy(remedy)
                .reference("KB4025764")
                .reference("KB4490414"),
        );
    }
    let site = super::wsus::wsus_site(facts).map_or_else(
        || wsus::SETUP_SITE_NAME.to_string(),
        |s| s.site.name.clone(),
    );
    if let Some(f) = group(
        h,
        &scope,
        |r| r.eq_ignore_ascii_case("ConnLimit"),
        Status::Fail,
        "The site's connection limit refused requests with 503 (ConnLimit)",
    ) {
        out.push(
            f.remedy(remedy::remove_site_connection_limit(&site))
                .reference("IIS-SITE-LIMITS"),
        );
    }
    if let Some(f) = group(
        h,
        &scope,
        |r| r.eq_ignore_ascii_case("N/A"),
        Status::Fail,
        "HTTP.sys refused requests with 503 for an internal error (N/A)",
    ) {
        out.push(f.remedy(remedy::httpsys_internal_error()));
    }
    let abandoned = |r: &str| ABANDONED.iter().any(|u| u.eq_ignore_ascii_case(r));
    if let Some(f) = group(
        h,
        &scope,
        abandoned,
        Status::Fail,
        "The application pool abandoned queued requests",
    ) {
        out.push(f.remedy(remedy::relieve_pool(&pool, limit, format!("The worker process died or recycled with requests queued: look for WAS events (5002, 5009, 5011, 5117) at these times and raise the {pool} private memory limit so it stops recycling under load.")))
            .reference("KB4025764"));
    }
    let slow = |r: &str| SLOW_CLIENTS.iter().any(|u| u.eq_ignore_ascii_case(r));
    if let Some(f) = group(
        h,
        &scope,
        slow,
        Status::Warn,
        "Clients too slow to receive answers",
    ) {
        out.push(f.remedy(Remedy::new("Slow links (VPN, WAN) download content below HTTP.sys's minimum rate; consider Delivery Optimization, BranchCache or a downstream server near those clients.")));
    }
    let other = |r: &str| {
        !unavailable(r)
            && !not_the_pool(r)
            && !abandoned(r)
            && !slow(r)
            && !NOISE.iter().any(|u| u.eq_ignore_ascii_case(r))
    };
    if let Some(f) = group(
        h,
        &scope,
        other,
        Status::Info,
        "Other requests HTTP.sys rejected",
    ) {
        out.push(f);
    }
    if let Some(f) = other_applications(h, &scope) {
        out.push(f);
    }
    if !out
        .iter()
        .any(|f| matches!(f.status, Status::Fail | Status::Warn))
    {
        let totals = h.reason_totals();
        let text = totals
            .iter()
            .map(|(r, n)| format!("{r}: {n}"))
            .collect::<Vec<_>>()
            .join(", ");
        let span = h
            .time_span()
            .map(|(s, e)| format!(" ({})", format_utc_range(s, e)))
            .unwrap_or_default();
        let mut f = CHECK.finding(Status::Pass, "HTTP.sys refused no WSUS request")
            .summary(format!("{} HTTPERR records{span}, none of them a 503 refusal, abandoned request or slow client: {text}.", h.records))
            .explanation("Timer_ConnectionIdle records are HTTP.sys closing idle keep-alive connections after two minutes: normal housekeeping, not a fault.")
            .reference("HTTPAPI-ERRORS")
            .reference("KB820729")
            .data(json!({ "records": h.records, "reasons": totals }));
        if let Some(file) = h.files.first() {
            f = f.evidence(EvidenceItem::new(crate::values::EvidenceRef::file(
                file.clone(),
                None,
            )));
        }
        out.push(f);
    }
    out
}

/// Records of other queues and ports (a ConfigMgr management point's pool, WinRM, WSDAPI) are
/// context: they say what else the server runs, never what is wrong with WSUS.
fn other_applications(h: &HttperrFacts, scope: &WsusScope) -> Option<Finding> {
    let others: Vec<(&(String, Option<String>), &ReasonAgg)> = h
        .reasons
        .iter()
        .filter(|((r, q), a)| {
            !scope.holds(q.as_deref(), a.ports.keys())
                && !NOISE.iter().any(|n| n.eq_ignore_ascii_case(r))
        })
        .collect();
    if others.is_empty() {
        return None;
    }
    let total: u64 = others.iter().map(|(_, a)| a.count).sum();
    let parts: Vec<String> = others
        .iter()
        .map(|((reason, queue), a)| {
            let ports = a
                .ports
                .keys()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            let whose = match (queue, ports.is_empty()) {
                (Some(q), _) => format!("queue {q}"),
                (None, false) if a.ports.len() == 1 => format!("port {ports}"),
                (None, false) => format!("ports {ports}"),
                (None, true) => "no queue or port".to_string(),
            };
            format!("{reason} × {} ({whose})", a.count)
        })
        .collect();
    let f = CHECK
        .finding(
            Status::Info,
            "HTTP.sys also rejected requests of other applications on this server",
        )
        .summary(format!(
            "{total} records belong to other request queues or ports than WSUS's (pool {}, ports {}): {}.",
            scope.pool,
            scope.ports_text(),
            parts.join("; ")
        ))
        .explanation("A WSUS server often hosts other HTTP.sys listeners: a Configuration Manager management point or distribution point, WinRM (5985/5986), Web Services on Devices (5357). Their rejections are not WSUS symptoms; they show only that those applications had trouble at these times.")
        .evidence_all(others.iter().flat_map(|(_, a)| {
            a.examples
                .iter()
                .take(1)
                .map(|(l, t)| EvidenceItem::new(h.evidence(*l)).excerpt(t.clone()))
        }))
        .reference("KB820729")
        .reference("HTTPAPI-ERRORS");
    let data: Vec<serde_json::Value> = others
        .iter()
        .map(|((r, q), a)| json!({ "reason": r, "queue": q, "ports": a.ports.keys().collect::<Vec<_>>(), "count": a.count }))
        .collect();
    Some(f.data(json!({ "total": total, "reasons": data })))
}

/// One finding for the WSUS records whose reasons `pick` selects, naming each reason per queue
/// with its episodes.
fn group(
    h: &HttperrFacts,
    scope: &WsusScope,
    pick: impl Fn(&str) -> bool,
    status: Status,
    title: &str,
) -> Option<Finding> {
    let chosen: Vec<(&(String, Option<String>), &ReasonAgg)> = h
        .reasons
        .iter()
        .filter(|((r, q), a)| pick(r) && scope.holds(q.as_deref(), a.ports.keys()))
        .collect();
    if chosen.is_empty() {
        return None;
    }
    let total: u64 = chosen.iter().map(|(_, a)| a.count).sum();
    let mut parts = Vec::new();
    let mut explanations: Vec<String> = Vec::new();
    let mut f = CHECK.finding(status, title);
    // The most frequent reason names the symptom the diagnosis weighs.
    f.symptom = chosen
        .iter()
        .max_by_key(|(_, a)| a.count)
        .and_then(|((reason, _), _)| Symptom::of_httperr_reason(reason));
    let mut sources: Vec<&'static str> = Vec::new();
    for ((reason, queue), a) in &chosen {
        let queue_text = queue
            .as_deref()
            .map_or(String::new(), |q| format!(" on {q}"));
        let episodes: Vec<String> = h
            .episodes()
            .iter()
            .filter(|e| &e.reason == reason && &e.queue == queue)
            .take(EPISODES_SHOWN)
            .map(|e| format!("{} ({})", format_utc_range(e.start, e.end), e.count))
            .collect();
        parts.push(format!(
            "{reason}{queue_text} × {} [{}]",
            a.count,
            episodes.join(", ")
        ));
        if let Some(e) = httperr_reason::lookup(reason) {
            let text = if e.wsus().is_empty() {
                format!("{}: {}", e.code, e.meaning())
            } else {
                format!("{}: {} {}", e.code, e.meaning(), e.wsus())
            };
            if !explanations.contains(&text) {
                explanations.push(text);
            }
            sources.extend(e.sources.iter().copied());
        }
        f = f.evidence_all(
            a.examples
                .iter()
                .take(2)
                .map(|(l, t)| EvidenceItem::new(h.evidence(*l)).excerpt(t.clone())),
        );
    }
    f = f
        .summary(format!("{total} records (UTC): {}.", parts.join("; ")))
        .explanation(explanations.join(" "))
        .reference("KB820729")
        .reference("HTTPAPI-ERRORS");
    for s in sources {
        f = f.reference(s);
    }
    let data: Vec<serde_json::Value> = chosen
        .iter()
        .map(|((r, q), a)| json!({ "reason": r, "queue": q, "count": a.count }))
        .collect();
    Some(f.data(json!({ "total": total, "reasons": data })))
}
