//! `client.reaches-server`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! When the evidence holds a client (its addresses from `ipconfig /all` or `--client-ip`) and the
//! WSUS server's IIS logs, looks the client up in them. When it never appears, the guide's three
//! next steps follow, each with what the evidence says (KB4025764, "when the client's IP address
//! never appears in the IIS logs"): the HTTP.sys error logs, the policy's FQDN, and
//! LocationServices.log.

use super::configmgr::force_scan_remedy;
use super::policy::{gpo_path, policy_server, set_server_remedy};
use crate::checks::catalogue::Check;
use crate::facts::iis_log::ClientSummary;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::values::time::format_utc;
use jiff::{SignedDuration, Timestamp};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientReachesServer,
    sources: &["KB4025764"],
    since: "0.1.0",
    symptoms: &[Symptom::ReachAbsent, Symptom::ReachHttperrOnly],
    run,
};

/// The widest UTC offsets in use (UTC−12 … UTC+14): a client time of unknown zone is widened by
/// this much before comparing it with the UTC IIS logs.
const UNKNOWN_ZONE_SLACK_HOURS: i64 = 14;

/// What the IIS logs say about the client.
#[derive(Debug, Clone)]
pub(crate) enum Verdict {
    /// At least one of the client's addresses is in the logs.
    Seen(Vec<ClientSummary>),
    /// None of them asked WSUS, over a time span that covers the client's evidence; `elsewhere`
    /// holds the addresses seen asking only other applications of the server (a co-hosted
    /// management point): they reach the machine, not WSUS.
    NotSeen { elsewhere: Vec<ClientSummary> },
    /// The IIS logs and the client's evidence cover different times: absence proves nothing.
    NoOverlap {
        iis: (Timestamp, Timestamp),
        client: (Timestamp, Timestamp),
    },
}

/// Decides from the per-address summaries and the two time spans (either may be unknown).
pub fn decide(
    summaries: Vec<ClientSummary>,
    iis_span: Option<(Timestamp, Timestamp)>,
    client_span: Option<(Timestamp, Timestamp)>,
) -> Verdict {
    let (wsus, elsewhere): (Vec<ClientSummary>, Vec<ClientSummary>) =
        summaries.into_iter().partition(|s| s.asked_wsus);
    if !wsus.is_empty() {
        return Verdict::Seen(wsus);
    }
    if let (Some(iis), Some(client)) = (iis_span, client_span) {
        if client.1 < iis.0 || client.0 > iis.1 {
            return Verdict::NoOverlap { iis, client };
        }
    }
    Verdict::NotSeen { elsewhere }
}

/// The UTC span of the client's WindowsUpdate.log activity, widened when its zone is unknown.
fn client_span(facts: &Facts) -> Option<(Timestamp, Timestamp)> {
    let wu = &facts.wu_log;
    let stamps = wu
        .errors()
        .iter()
        .map(|e| e.time)
        .chain(wu.servers_used().iter().map(|s| s.time))
        .chain(wu.scans().iter().map(|s| s.time));
    let mut span: Option<(Timestamp, Timestamp)> = None;
    for s in stamps {
        let Some((t, assumed)) = s.to_utc_assuming(0) else {
            continue;
        };
        let slack = SignedDuration::from_hours(if assumed { UNKNOWN_ZONE_SLACK_HOURS } else { 0 });
        let (Ok(a), Ok(b)) = (t.checked_sub(slack), t.checked_add(slack)) else {
            continue;
        };
        span = Some(match span {
            None => (a, b),
            Some((x, y)) => (x.min(a), y.max(b)),
        });
    }
    span
}

fn status_mix(s: &ClientSummary) -> String {
    s.statuses
        .iter()
        .map(|(code, n)| format!("{code} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let mut ips: Vec<(String, Option<crate::values::EvidenceRef>)> = facts
        .context
        .client_ips
        .iter()
        .map(|i| (i.clone(), None))
        .collect();
    for c in facts.network.client_ips() {
        if !ips.iter().any(|(i, _)| *i == c.address) {
            ips.push((c.address.clone(), Some(c.origin.clone())));
        }
    }
    if ips.is_empty() {
        return vec![CHECK.skipped(crate::tr!("reaches-skipped-no-client"))];
    }
    if facts.iis_log.is_empty() {
        return vec![CHECK.skipped(crate::tr!("reaches-skipped-no-iis-log"))];
    }
    let addresses: Vec<&str> = ips.iter().map(|(i, _)| i.as_str()).collect();
    let summaries: Vec<ClientSummary> = addresses
        .iter()
        .filter_map(|ip| facts.iis_log.client(ip))
        .collect();
    let iis_span = facts.iis_log.time_span();
    match decide(summaries, iis_span, client_span(facts)) {
        Verdict::Seen(list) => list
            .into_iter()
            .map(|s| {
                let errors: u64 = s
                    .statuses
                    .iter()
                    .filter(|(c, _)| **c >= 500)
                    .map(|(_, n)| n)
                    .sum();
                let status = if errors * 2 > s.requests {
                    Status::Warn
                } else {
                    Status::Pass
                };
                let title = if status == Status::Pass {
                    crate::tr!("reaches-seen-title", ip = &s.ip)
                } else {
                    crate::tr!("reaches-seen-errors-title", ip = &s.ip)
                };
                CHECK
                    .finding(status, title)
                    .summary(crate::tr!(
                        "reaches-seen-summary",
                        count = s.requests,
                        first = format_utc(s.first),
                        last = format_utc(s.last),
                        statuses = status_mix(&s)
                    ))
                    .explanation(crate::tr!("reaches-seen-explanation"))
                    .evidence(
                        EvidenceItem::new(s.example.clone())
                            .note(crate::tr!("reaches-one-request")),
                    )
                    .reference("KB4025764")
                    .data(json!({"ip": s.ip, "requests": s.requests, "statuses": s.statuses}))
            })
            .collect(),
        Verdict::NoOverlap { iis, client } => vec![CHECK
            .finding(Status::Info, crate::tr!("reaches-no-overlap-title"))
            .summary(crate::tr!(
                "reaches-no-overlap-summary",
                iis_first = format_utc(iis.0),
                iis_last = format_utc(iis.1),
                client_first = format_utc(client.0),
                client_last = format_utc(client.1)
            ))
            .remedy(Remedy::new(crate::tr!("reaches-no-overlap-remedy")))
            .reference("KB4025764")],
        Verdict::NotSeen { elsewhere } => not_seen(facts, &addresses, iis_span, &elsewhere),
    }
}

/// The verdict and the guide's three next steps, each with what the evidence says.
fn not_seen(
    facts: &Facts,
    ips: &[&str],
    iis_span: Option<(Timestamp, Timestamp)>,
    elsewhere: &[ClientSummary],
) -> Vec<Finding> {
    let list = ips.join(", ");
    let verdict = match elsewhere.first() {
        None => CHECK
            .finding(
                Status::Fail,
                crate::tr!("reaches-absent-title", ips = &list),
            )
            .summary(match iis_span {
                Some((first, last)) => crate::tr!(
                    "reaches-absent-summary-span",
                    ips = &list,
                    first = format_utc(first),
                    last = format_utc(last)
                ),
                None => crate::tr!("reaches-absent-summary", ips = &list),
            }),
        // The machine answers the client (a co-hosted management point on port 80): the network
        // lets it through to the server, so the guide's first two steps matter most.
        Some(s) => {
            let (count, ip, first, last, statuses) = (
                s.requests,
                &s.ip,
                format_utc(s.first),
                format_utc(s.last),
                status_mix(s),
            );
            CHECK
                .finding(
                    Status::Fail,
                    crate::tr!("reaches-elsewhere-title", ips = &list),
                )
                .summary(match iis_span {
                    Some((from, to)) => crate::tr!(
                        "reaches-elsewhere-summary-span",
                        ips = &list,
                        from = format_utc(from),
                        to = format_utc(to),
                        count = count,
                        ip = ip,
                        first = first,
                        last = last,
                        statuses = statuses
                    ),
                    None => crate::tr!(
                        "reaches-elsewhere-summary",
                        ips = &list,
                        count = count,
                        ip = ip,
                        first = first,
                        last = last,
                        statuses = statuses
                    ),
                })
                .evidence(
                    EvidenceItem::new(s.example.clone())
                        .note(crate::tr!("reaches-one-request-elsewhere")),
                )
        }
    };
    let mut out = vec![verdict
        .symptom(Symptom::ReachAbsent)
        .explanation(crate::tr!("reaches-absent-explanation"))
        .reference("KB4025764")];

    // 1. HTTP.sys error logs.
    let httperr = &facts.httperr;
    let step = if httperr.is_empty() {
        CHECK
            .finding(Status::Info, crate::tr!("reaches-no-httperr-title"))
            .summary(crate::tr!("reaches-no-httperr-summary"))
            .remedy(Remedy::new(crate::tr!("reaches-no-httperr-remedy")))
    } else {
        match ips.iter().find_map(|ip| httperr.client(ip)) {
            Some(h) => {
                let reasons = h
                    .reasons
                    .iter()
                    .map(|(r, n)| format!("{r} ×{n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                CHECK
                    .finding(
                        Status::Fail,
                        crate::tr!("reaches-httperr-title", ip = &h.ip),
                    )
                    .symptom(Symptom::ReachHttperrOnly)
                    .summary(crate::tr!(
                        "reaches-httperr-summary",
                        count = h.records,
                        first = format_utc(h.first),
                        last = format_utc(h.last),
                        reasons = reasons
                    ))
                    .explanation(crate::tr!("reaches-httperr-explanation"))
                    .evidence(EvidenceItem::new(h.example.clone()))
            }
            None => CHECK
                .finding(Status::Info, crate::tr!("reaches-httperr-none-title"))
                .summary(crate::tr!("reaches-httperr-none-summary")),
        }
    };
    out.push(step.reference("KB4025764").reference("KB820729"));

    // 2. The policy's FQDN.
    let step = match policy_server(&facts.registry) {
        None => CHECK.finding(Status::Info, crate::tr!("reaches-no-policy-title"))
            .summary(crate::tr!("reaches-no-policy-summary"))
            .remedy(Remedy::new(crate::tr!("reaches-no-policy-remedy"))
                .cmd(r#"reg export "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" wu-policy.reg /y"#)),
        Some((v, url)) => {
            let problems: Vec<crate::i18n::Text> = url.problems.iter().map(|p| p.message.clone()).collect();
            let mut f = CHECK.finding(if problems.is_empty() { Status::Info } else { Status::Warn }, crate::tr!("reaches-policy-title", url = url.raw.trim()))
                .summary(if problems.is_empty() {
                    crate::tr!("reaches-policy-summary", url = url.raw.trim())
                } else {
                    crate::tr!("reaches-policy-problems-summary", url = url.raw.trim(), problems = crate::checks::server::wsus::semicolon_list(problems.clone()))
                })
                .evidence(EvidenceItem::new(v.origin.clone()).excerpt(format!("WUServer = {}", v.data.display())));
            if !problems.is_empty() {
                let target = url.suggested(facts.network.primary_dns_suffix.as_deref()).unwrap_or_else(|| "http://wsus01.contoso.com:8530".into());
                f = f.remedy(set_server_remedy(crate::tr!("reaches-policy-remedy", gpo = gpo_path()), &target));
            }
            f
        }
    };
    out.push(step.reference("KB4025764"));

    // 3. LocationServices.log.
    let cm = &facts.configmgr;
    let step = match cm.wsus_locations().last() {
        Some(l) => CHECK
            .finding(
                Status::Info,
                crate::tr!("reaches-configmgr-title", url = &l.path),
            )
            .summary(crate::tr!(
                "reaches-configmgr-summary",
                url = &l.path,
                server = &l.server
            ))
            .evidence(EvidenceItem::new(l.origin.clone())),
        None if cm.is_empty() => CHECK
            .finding(Status::Info, crate::tr!("reaches-no-configmgr-title"))
            .summary(crate::tr!("reaches-no-configmgr-summary"))
            .remedy(Remedy::new(crate::tr!("reaches-no-configmgr-remedy"))),
        None => CHECK
            .finding(Status::Info, crate::tr!("reaches-no-location-title"))
            .summary(crate::tr!("reaches-no-location-summary"))
            .remedy(force_scan_remedy()),
    };
    out.push(step.reference("KB4025764").reference("CM-COMPLIANCE"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn summary(ip: &str) -> ClientSummary {
        ClientSummary {
            ip: ip.into(),
            requests: 4,
            statuses: BTreeMap::from([(200, 3), (503, 1)]),
            first: t("2024-03-05T09:00:00Z"),
            last: t("2024-03-05T09:10:00Z"),
            example: crate::values::EvidenceRef::line("u_ex240305.log", 9),
            asked_wsus: true,
        }
    }

    #[test]
    fn verdicts() {
        let iis = Some((t("2024-03-05T00:00:00Z"), t("2024-03-05T23:59:59Z")));
        assert!(
            matches!(decide(vec![summary("10.1.20.57")], iis, None), Verdict::Seen(v) if v.len() == 1)
        );
        assert!(matches!(
            decide(
                vec![],
                iis,
                Some((t("2024-03-05T09:00:00Z"), t("2024-03-05T10:00:00Z")))
            ),
            Verdict::NotSeen { .. }
        ));
        assert!(matches!(decide(vec![], iis, None), Verdict::NotSeen { .. }));
        // Seen asking only another application of the server: not seen asking WSUS.
        let management_point_only = ClientSummary {
            asked_wsus: false,
            ..summary("10.1.20.58")
        };
        assert!(matches!(
            decide(vec![management_point_only], iis, None),
            Verdict::NotSeen { elsewhere } if elsewhere[0].ip == "10.1.20.58"
        ));
        assert!(matches!(
            decide(
                vec![],
                iis,
                Some((t("2024-03-07T09:00:00Z"), t("2024-03-07T10:00:00Z")))
            ),
            Verdict::NoOverlap { .. }
        ));
    }

    #[test]
    fn skips_without_a_client_or_iis_logs() {
        let mut f = Facts::default();
        assert_eq!(
            run(&f)[0].reason.as_deref(),
            Some("no client address (ipconfig /all output or --client-ip) among the evidence")
        );
        f.context.client_ips.push("10.1.20.57".into());
        assert_eq!(
            run(&f)[0].reason.as_deref(),
            Some("no IIS logs of the WSUS server among the evidence")
        );
    }

    #[test]
    fn never_seen_lists_the_three_next_steps() {
        let out = not_seen(
            &Facts::default(),
            &["10.1.20.57"],
            Some((t("2024-03-05T00:00:00Z"), t("2024-03-05T23:59:59Z"))),
            &[],
        );
        assert_eq!(out.len(), 4);
        assert_eq!(out[0].status, Status::Fail);
        assert_eq!(
            out[0].title,
            "Client 10.1.20.57 never appears in the IIS logs"
        );
        assert_eq!(out[1].title, "HTTPERR logs are not among the evidence");
        assert_eq!(
            out[2].title,
            "The client's WUServer policy is not among the evidence"
        );
        assert_eq!(out[3].title, "No ConfigMgr client logs among the evidence");
        use crate::i18n::Lang;
        assert_eq!(
            out[0].title.local(Lang::Ja),
            "クライアント 10.1.20.57 は IIS ログに一度も記録されていません"
        );
        assert_eq!(
            out[0].summary.local(Lang::Ja),
            "WSUS サーバーの IIS ログ (2024-03-05T00:00:00Z – 2024-03-05T23:59:59Z) に 10.1.20.57 からの要求はありません。"
        );
        assert_eq!(
            out[1].remedy.as_ref().unwrap().text.local(Lang::Ja),
            "WSUS サーバーから C:\\Windows\\System32\\LogFiles\\HTTPERR\\httperr*.log を収集し、もう一度分析を実行してください。"
        );
    }
}
