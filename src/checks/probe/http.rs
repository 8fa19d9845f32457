//! `probe.http`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::{client_logs, not_run, per_target, status};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::i18n::Text;
use crate::knowledge::hresult;
use crate::probe::model::{HttpExchange, ProbeStep, ProbeTarget};
use crate::tr;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ProbeHttp,
    sources: &["KB3090184", "KB4025764"],
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

pub fn run(facts: &Facts) -> Vec<Finding> {
    per_target(facts, &CHECK, one)
}

fn excerpt(x: &HttpExchange) -> String {
    let answer = match x.status {
        Some(s) => format!(
            "{s}{}{}, {} bytes",
            x.substatus.map(|n| format!(".{n}")).unwrap_or_default(),
            x.content_type
                .as_deref()
                .map(|c| format!(" {c}"))
                .unwrap_or_default(),
            x.body_bytes
        ),
        None => "no answer".to_string(),
    };
    format!(
        "[{} ms] {} {} -> {answer} (expected {})",
        x.duration_ms, x.method, x.path, x.expected
    )
}

fn title(x: &HttpExchange) -> Text {
    match x.status {
        Some(200) => tr!("probe-http-not-wsus-title", path = &x.path),
        Some(s) => {
            let sub = x.substatus.map(|n| format!(".{n}")).unwrap_or_default();
            let name: Text = match crate::knowledge::http_status::lookup(s, x.substatus) {
                Some(e) => e.name.into(),
                None => tr!("probe-http-error-name"),
            };
            tr!(
                "probe-http-status-title",
                code = format!("{s}{sub}"),
                name = name
            )
        }
        None if x.outcome.hresult == Some(crate::probe::net::HR_TIMEOUT) => {
            tr!("probe-http-timeout-title")
        }
        None => tr!("probe-http-no-answer-title"),
    }
}

fn remedy(x: &HttpExchange) -> Remedy {
    let text = match (x.status, x.substatus) {
        (Some(403), Some(4)) => tr!("probe-http-fix-403-4"),
        (Some(403), Some(7)) => tr!("probe-http-fix-403-7"),
        (Some(403), _) => tr!("probe-http-fix-403"),
        (Some(404), _) => tr!("probe-http-fix-404"),
        (Some(503), _) => tr!("probe-http-fix-503"),
        (Some(401), _) => tr!("probe-http-fix-401"),
        (Some(_), _) => tr!("probe-http-fix-other"),
        (None, _) => tr!("probe-http-fix-no-answer"),
    };
    let r = Remedy::new(text);
    if x.status == Some(503) {
        r.powershell("Start-WebAppPool -Name WsusPool")
    } else {
        r
    }
}

fn one(t: &ProbeTarget) -> Vec<Finding> {
    let Some(step) = &t.http else {
        return if t.url_check.is_usable() {
            vec![not_run(&CHECK, t)]
        } else {
            Vec::new()
        };
    };
    let evidence: Vec<EvidenceItem> = step
        .exchanges
        .iter()
        .map(|x| EvidenceItem::new(t.evidence(ProbeStep::Http)).excerpt(excerpt(x)))
        .collect();
    let failing: Vec<&HttpExchange> = step
        .exchanges
        .iter()
        .filter(|x| x.outcome.is_fail())
        .collect();
    if failing.is_empty() && !step.outcome.is_fail() {
        return vec![CHECK.finding(status(step.outcome.status), tr!("probe-http-pass-title"))
            .summary(tr!("probe-step-summary", url = &t.url, message = &step.outcome.message, ms = step.outcome.duration_ms))
            .evidence_all(evidence)
            .data(serde_json::json!({"url": t.url, "step": "http", "status": step.outcome.status, "duration_ms": step.outcome.duration_ms, "exchanges": step.exchanges}))];
    }
    if failing.is_empty() {
        return vec![CHECK
            .finding(Status::Fail, tr!("probe-http-incomplete-title"))
            .summary(
                tr!(
                    "probe-url-problem-summary",
                    url = &t.url,
                    problem = &step.outcome.message
                )
                .then(client_logs(step.outcome.hresult)),
            )
            .evidence_all(evidence)];
    }
    // One finding per distinct answer: three endpoints answering 503 are one problem.
    let mut groups: Vec<Vec<&HttpExchange>> = Vec::new();
    for x in failing {
        let key = |y: &HttpExchange| {
            (
                y.status,
                y.substatus,
                y.outcome.hresult,
                y.outcome.message.clone(),
            )
        };
        match groups
            .iter_mut()
            .find(|g| g.first().map(|f| key(f)) == Some(key(x)))
        {
            Some(g) => g.push(x),
            None => groups.push(vec![x]),
        }
    }
    groups
        .iter()
        .filter_map(|g| {
            let x = *g.first()?;
            let paths: Vec<&str> = g.iter().map(|y| y.path.as_str()).collect();
            let others = step
                .exchanges
                .iter()
                .filter(|y| !paths.contains(&y.path.as_str()));
            Some(
                CHECK
                    .finding(Status::Fail, title(x))
                    .symptom(
                        x.outcome
                            .hresult
                            .map_or(Symptom::ProbeOther, Symptom::of_probe_error),
                    )
                    .summary(
                        tr!(
                            "probe-http-paths-summary",
                            url = &t.url,
                            paths = paths.join(", "),
                            message = &x.outcome.message,
                            ms = x.duration_ms
                        )
                        .then(client_logs(x.outcome.hresult)),
                    )
                    .evidence_all(g.iter().copied().chain(others).map(|y| {
                        EvidenceItem::new(t.evidence(ProbeStep::Http)).excerpt(excerpt(y))
                    }))
                    .explanation(tr!("probe-http-explanation"))
                    .remedy(remedy(x))
                    .reference("KB4025764")
                    .reference("KB3090184")
                    .data(serde_json::json!({
                        "url": t.url, "step": "http", "status": "fail", "paths": paths,
                        "http_status": x.status, "substatus": x.substatus,
                        "duration_ms": x.duration_ms,
                        "hresult": x.outcome.hresult.map(hresult::format),
                    })),
            )
        })
        .collect()
}
