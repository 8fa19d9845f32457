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
use crate::i18n::Text;
use crate::knowledge::httperr_reason;
use crate::knowledge::{remedy, wsus};
use crate::values::time::format_utc_range;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerHttperr,
    sources: &["KB4025764", "KB820729", "HTTPAPI-ERRORS"],
    since: "0.1.0",
    symptoms: &[
        Symptom::HttperrAbandoned,
        Symptom::HttperrPoolOffline,
        Symptom::HttperrQueueFull,
        Symptom::HttperrSlowClients,
    ],
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
        return vec![CHECK.skipped(crate::tr!("httperr-no-evidence"))];
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
        crate::tr!("httperr-503-title"),
    ) {
        let start = Remedy::new(crate::tr!(
            "httperr-503-fix",
            pool = &pool,
            queue_length = wsus::RECOMMENDED_QUEUE_LENGTH
        ))
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
        crate::tr!("httperr-conn-limit-title"),
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
        crate::tr!("httperr-internal-title"),
    ) {
        out.push(f.remedy(remedy::httpsys_internal_error()));
    }
    let abandoned = |r: &str| ABANDONED.iter().any(|u| u.eq_ignore_ascii_case(r));
    if let Some(f) = group(
        h,
        &scope,
        abandoned,
        Status::Fail,
        crate::tr!("httperr-abandoned-title"),
    ) {
        out.push(
            f.remedy(remedy::relieve_pool(
                &pool,
                limit,
                crate::tr!("httperr-abandoned-fix", pool = &pool),
            ))
            .reference("KB4025764"),
        );
    }
    let slow = |r: &str| SLOW_CLIENTS.iter().any(|u| u.eq_ignore_ascii_case(r));
    if let Some(f) = group(
        h,
        &scope,
        slow,
        Status::Warn,
        crate::tr!("httperr-slow-title"),
    ) {
        out.push(f.remedy(Remedy::new(crate::tr!("httperr-slow-fix"))));
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
        crate::tr!("httperr-other-title"),
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
        let summary = match h.time_span() {
            Some((s, e)) => crate::tr!(
                "httperr-healthy-span",
                records = h.records,
                span = format_utc_range(s, e),
                reasons = text
            ),
            None => crate::tr!("httperr-healthy", records = h.records, reasons = text),
        };
        let mut f = CHECK
            .finding(Status::Pass, crate::tr!("httperr-healthy-title"))
            .summary(summary)
            .explanation(crate::tr!("httperr-idle-is-normal"))
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
    let parts: Vec<Text> = others
        .iter()
        .map(|((reason, queue), a)| {
            let ports = a
                .ports
                .keys()
                .map(u16::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            match (queue, ports.is_empty()) {
                (Some(q), _) => crate::tr!(
                    "httperr-other-app-queue",
                    reason = reason,
                    count = a.count,
                    queue = q
                ),
                (None, false) if a.ports.len() == 1 => crate::tr!(
                    "httperr-other-app-port",
                    reason = reason,
                    count = a.count,
                    port = ports
                ),
                (None, false) => crate::tr!(
                    "httperr-other-app-ports",
                    reason = reason,
                    count = a.count,
                    ports = ports
                ),
                (None, true) => {
                    crate::tr!(
                        "httperr-other-app-unrouted",
                        reason = reason,
                        count = a.count
                    )
                }
            }
        })
        .collect();
    let f = CHECK
        .finding(Status::Info, crate::tr!("httperr-other-apps-title"))
        .summary(crate::tr!(
            "httperr-other-apps",
            count = total,
            pool = &scope.pool,
            ports = scope.ports_text(),
            parts = super::wsus::semicolon_list(parts)
        ))
        .explanation(crate::tr!("httperr-other-apps-explanation"))
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
    title: Text,
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
    let mut explanations: Vec<crate::i18n::Text> = Vec::new();
    let mut f = CHECK.finding(status, title);
    // The most frequent reason names the symptom the diagnosis weighs.
    f.symptom = chosen
        .iter()
        .max_by_key(|(_, a)| a.count)
        .and_then(|((reason, _), _)| Symptom::of_httperr_reason(reason));
    let mut sources: Vec<&'static str> = Vec::new();
    for ((reason, queue), a) in &chosen {
        let episodes: Vec<String> = h
            .episodes()
            .iter()
            .filter(|e| &e.reason == reason && &e.queue == queue)
            .take(EPISODES_SHOWN)
            .map(|e| format!("{} ({})", format_utc_range(e.start, e.end), e.count))
            .collect();
        parts.push(match queue.as_deref() {
            Some(q) => crate::tr!(
                "httperr-reason-queue",
                reason = reason,
                queue = q,
                count = a.count,
                episodes = episodes.join(", ")
            ),
            None => crate::tr!(
                "httperr-reason",
                reason = reason,
                count = a.count,
                episodes = episodes.join(", ")
            ),
        });
        if let Some(e) = httperr_reason::lookup(reason) {
            let text = crate::tr!(
                "code-meaning",
                code = e.code,
                meaning = e.meaning().then(e.wsus())
            );
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
        .summary(crate::tr!(
            "httperr-records",
            count = total,
            parts = super::wsus::semicolon_list(parts)
        ))
        // The reasons' meanings are the knowledge table's, as it words them.
        .explanation(
            explanations
                .into_iter()
                .fold(crate::i18n::Text::default(), |all, m| all.then(m)),
        )
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const REFUSED: &str = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\n\
2024-03-05 09:14:02 10.0.5.21 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\n\
2024-03-05 09:15:02 10.0.5.22 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 QueueFull WsusPool\n\
2024-03-05 09:16:40 10.0.5.33 50877 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 2 AppOffline WsusPool\n";

    #[test]
    fn refusals_of_the_wsus_pool_are_named_per_reason_and_queue() {
        let facts = super::super::wsus::test_evidence::facts(
            "httperr1.log",
            REFUSED,
            crate::facts::httperr::ingest,
        );
        let out = run(&facts);
        assert_eq!(out.len(), 1, "{out:#?}");
        let f = &out[0];
        assert_eq!(f.status, Status::Fail);
        assert_eq!(
            f.title,
            "HTTP.sys refused requests with 503 before IIS saw them"
        );
        assert_eq!(
            f.title.local(Lang::Ja),
            "IIS に届く前に HTTP.sys が要求を 503 で拒否しました"
        );
        assert_eq!(
            f.summary,
            "3 records (UTC): AppOffline on WsusPool × 1 [2024-03-05T09:16:00Z (1)]; QueueFull on WsusPool × 2 [2024-03-05T09:14:00Z – 09:15:00Z (2)]."
        );
        assert_eq!(
            f.summary.local(Lang::Ja),
            "3 件の記録 (UTC): WsusPool の AppOffline × 1 [2024-03-05T09:16:00Z (1)] / WsusPool の QueueFull × 2 [2024-03-05T09:14:00Z – 09:15:00Z (2)]。"
        );
        let remedy = f.remedy.as_ref().unwrap();
        assert_eq!(remedy.text, "Start WsusPool if it is stopped, stop its crashes by raising its private memory limit (KB4025764), and raise its queue length to 2000 (KB4490414).");
        assert_eq!(remedy.text.local(Lang::Ja), "WsusPool が停止している場合は開始し、プライベート メモリの制限を増やしてクラッシュを止め (KB4025764)、キューの長さを 2000 に増やしてください (KB4490414)。");
        assert_eq!(
            remedy.commands[0].line,
            "Import-Module WebAdministration; Start-WebAppPool -Name 'WsusPool'"
        );
    }
}
