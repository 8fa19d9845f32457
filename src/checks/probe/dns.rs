//! `probe.dns`: see its entry in [`crate::checks::catalogue`] for what it checks and why. The
//! probe's first step, the URL itself, is judged here too: it is what the name comes from.

use super::{client_logs, not_run, per_target, step_finding};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::probe::model::{ProbeStep, ProbeTarget};
use crate::tr;
use crate::values::wsus_url::{Severity, UrlProblemCode};

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ProbeDns,
    sources: &["WU-ERRORS"],
    since: "0.1.0",
    symptoms: &[
        Symptom::PolicyInvalidUrl,
        Symptom::ProbeDns,
        Symptom::ProbeHttp401,
        Symptom::ProbeHttp403,
        Symptom::ProbeHttp404,
        Symptom::ProbeHttp503,
        Symptom::ProbeOther,
        Symptom::ProbeRefused,
        Symptom::ProbeReset,
        Symptom::ProbeSoapFault,
        Symptom::ProbeTimeout,
        Symptom::ProbeTlsExpired,
        Symptom::ProbeTlsFailed,
        Symptom::ProbeTlsName,
        Symptom::ProbeTlsUntrusted,
    ],
    run,
};

/// ERROR_WINHTTP_UNRECOGNIZED_SCHEME / ERROR_WINHTTP_INVALID_URL (winhttp.h).
const HR_BAD_SCHEME: u32 = 0x80072EE6;
const HR_BAD_URL: u32 = 0x80072EE5;

pub fn run(facts: &Facts) -> Vec<Finding> {
    per_target(facts, &CHECK, one)
}

fn one(t: &ProbeTarget) -> Vec<Finding> {
    let mut out = Vec::new();
    let fails: Vec<_> = t
        .url_check
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Fail)
        .collect();
    let warns: Vec<_> = t
        .url_check
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warn)
        .collect();
    if let Some(first) = fails.first() {
        let code = if matches!(
            first.code,
            UrlProblemCode::NoScheme | UrlProblemCode::BadScheme
        ) {
            HR_BAD_SCHEME
        } else {
            HR_BAD_URL
        };
        out.push(
            CHECK.finding(Status::Fail, tr!("probe-url-unusable-title"))
                .summary(tr!("probe-url-problem-summary", url = &t.url, problem = &first.message).then(client_logs(Some(code))))
                .evidence_all(fails.iter().map(|p| EvidenceItem::new(t.evidence(ProbeStep::Url)).excerpt(p.message.to_string())))
                .explanation(tr!("probe-url-unusable-explanation"))
                .remedy(Remedy::new(tr!("probe-url-unusable-remedy")))
                .reference("WSUS-GPO")
                .reference("KB4025764")
                .data(serde_json::json!({"url": t.url, "step": "url", "status": "fail", "hresult": crate::knowledge::hresult::format(code), "problems": t.url_check.problems})),
        );
        return out;
    }
    if !warns.is_empty() {
        out.push(
            CHECK.finding(Status::Info, tr!("probe-url-differs-title"))
                .summary(tr!(
                    "probe-url-differs-summary",
                    url = &t.url,
                    problems = crate::checks::server::wsus::semicolon_list(warns.iter().map(|p| p.message.clone()))
                ))
                .evidence_all(warns.iter().map(|p| EvidenceItem::new(t.evidence(ProbeStep::Url)).excerpt(p.message.to_string())))
                .reference("WSUS-GPO")
                .data(serde_json::json!({"url": t.url, "step": "url", "problems": t.url_check.problems})),
        );
    }
    match &t.dns {
        Some(d) if d.outcome.is_fail() => out.push(
            step_finding(
                &CHECK,
                t,
                ProbeStep::Dns,
                &d.outcome,
                tr!("probe-dns-fail-title"),
            )
            .explanation(tr!("probe-dns-fail-explanation"))
            .remedy(
                Remedy::new(tr!("probe-dns-fail-remedy"))
                    .powershell(format!("Resolve-DnsName {}", d.host)),
            )
            .reference("WU-ERRORS"),
        ),
        Some(d) => {
            let mut f = step_finding(
                &CHECK,
                t,
                ProbeStep::Dns,
                &d.outcome,
                tr!("probe-dns-pass-title"),
            );
            if let Some(used) = t.tcp.as_ref().and_then(|s| s.used.as_deref()) {
                f = f.evidence(
                    EvidenceItem::new(t.evidence(ProbeStep::Dns))
                        .note(tr!("probe-dns-address-used", address = used)),
                );
            }
            if let Some(p) = &t.proxy {
                f = f.evidence(EvidenceItem::new(t.evidence(ProbeStep::Dns)).note(tr!(
                    "probe-dns-through-proxy",
                    proxy = format!("{}:{}", p.host, p.port),
                    source = &p.source
                )));
            }
            out.push(f);
        }
        None if t.url_check.is_usable() => out.push(not_run(&CHECK, t)),
        None => {}
    }
    out
}
