//! `probe.http`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::{client_logs, not_run, per_target, status};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::hresult;
use crate::probe::model::{HttpExchange, ProbeStep, ProbeTarget};

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

fn title(x: &HttpExchange) -> String {
    match x.status {
        Some(200) => format!("WSUS endpoint {} answers something else than WSUS", x.path),
        Some(s) => {
            let sub = x.substatus.map(|n| format!(".{n}")).unwrap_or_default();
            let name = crate::knowledge::http_status::lookup(s, x.substatus)
                .map(|e| e.name)
                .unwrap_or("error");
            format!("WSUS endpoint answers {s}{sub} ({name})")
        }
        None if x.outcome.hresult == Some(crate::probe::net::HR_TIMEOUT) => {
            "WSUS endpoint does not answer in time".to_string()
        }
        None => "WSUS endpoint gives no HTTP answer".to_string(),
    }
}

fn remedy(x: &HttpExchange) -> Remedy {
    let text = match (x.status, x.substatus) {
        (Some(403), Some(4)) => "Clear 'Require SSL' on the WSUS virtual directories that must serve HTTP (Content, Selfupdate, Inventory, ReportingWebService), or use the https:// URL on 8531 if SSL was configured on purpose.",
        (Some(403), Some(7)) => "Set SSL client certificates to Ignore on the WSUS site and its virtual directories.",
        (Some(403), _) => "Check SSL settings, client certificate settings and IP restrictions of the WSUS virtual directories; the server's IIS log gives the sub-status.",
        (Some(404), _) => "Check that the URL names the WSUS site and port (8530/8531 on Windows Server 2012 and later), and that the WSUS virtual directories exist; run WsusUtil.exe postinstall again if they are missing.",
        (Some(503), _) => "Start WsusPool and find out why it stopped (WAS events 5002/5117, HTTPERR AppOffline/QueueFull); raise its private memory limit as the guide says.",
        (Some(401), _) => "Enable anonymous authentication (and disable Windows authentication) on the WSUS client virtual directories.",
        (Some(_), _) => "Read the server's IIS log and Application log for this request.",
        (None, _) => "Check WsusPool and HTTP.sys on the server (HTTPERR log), and any firewall or proxy that may cut connections.",
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
        return vec![CHECK.finding(status(step.outcome.status), "WSUS client endpoints answer")
            .summary(format!("{}: {} ({} ms).", t.url, step.outcome.message, step.outcome.duration_ms))
            .evidence_all(evidence)
            .data(serde_json::json!({"url": t.url, "step": "http", "status": step.outcome.status, "duration_ms": step.outcome.duration_ms, "exchanges": step.exchanges}))];
    }
    if failing.is_empty() {
        return vec![CHECK
            .finding(Status::Fail, "WSUS client endpoints were not all requested")
            .summary(format!(
                "{}: {}.{}",
                t.url,
                step.outcome.message,
                client_logs(step.outcome.hresult)
            ))
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
            let others = step.exchanges.iter().filter(|y| !paths.contains(&y.path.as_str()));
            Some(
                CHECK.finding(Status::Fail, title(x))
                    .symptom(x.outcome.hresult.map_or(Symptom::ProbeOther, Symptom::of_probe_error))
                    .summary(format!(
                        "{} {}: {} ({} ms).{}",
                        t.url,
                        paths.join(", "),
                        x.outcome.message,
                        x.duration_ms,
                        client_logs(x.outcome.hresult)
                    ))
                    .evidence_all(
                        g.iter()
                            .copied()
                            .chain(others)
                            .map(|y| EvidenceItem::new(t.evidence(ProbeStep::Http)).excerpt(excerpt(y))),
                    )
                    .explanation("These are the first requests of the Windows Update agent (the test URLs of KB3090184); it gets the same answer.")
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
