//! `probe.tcp`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::{not_run, per_target, step_finding};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy};
use crate::probe::model::{ConnectResult, ProbeStep, ProbeTarget, StepStatus};
use crate::tr;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ProbeTcp,
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

pub fn run(facts: &Facts) -> Vec<Finding> {
    per_target(facts, &CHECK, one)
}

fn one(t: &ProbeTarget) -> Option<Finding> {
    let Some(step) = &t.tcp else {
        return t.url_check.is_usable().then(|| not_run(&CHECK, t));
    };
    let attempts = step.attempts.iter().chain(&step.paired_http).map(|a| {
        EvidenceItem::new(t.evidence(ProbeStep::Tcp)).excerpt(format!(
            "[{} ms] {} {}{}",
            a.duration_ms,
            a.address,
            crate::probe::tcp::describe(a.result),
            a.error
                .as_deref()
                .map(|e| format!(": {e}"))
                .unwrap_or_default()
        ))
    });
    let port = t.url_check.port.unwrap_or(0);
    let f = if step.used.is_some() && step.outcome.status == StepStatus::Pass {
        step_finding(
            &CHECK,
            t,
            ProbeStep::Tcp,
            &step.outcome,
            tr!("probe-tcp-pass-title"),
        )
    } else if step.used.is_some() {
        step_finding(
            &CHECK,
            t,
            ProbeStep::Tcp,
            &step.outcome,
            tr!("probe-tcp-partial-title"),
        )
        .explanation(tr!("probe-tcp-partial-explanation"))
        .remedy(Remedy::new(tr!("probe-tcp-partial-remedy")))
        .reference("MS-WUSP")
        .reference("KB4025764")
    } else {
        let refused = step
            .attempts
            .iter()
            .all(|a| a.result == ConnectResult::Refused);
        let timed_out = step
            .attempts
            .iter()
            .any(|a| a.result == ConnectResult::TimedOut);
        let (title, fix) = if refused {
            (
                tr!("probe-tcp-refused-title"),
                tr!("probe-tcp-refused-remedy", port = port),
            )
        } else if timed_out {
            (
                tr!("probe-tcp-timeout-title"),
                tr!("probe-tcp-timeout-remedy", port = port),
            )
        } else {
            (
                tr!("probe-tcp-unreachable-title"),
                tr!("probe-tcp-unreachable-remedy"),
            )
        };
        step_finding(&CHECK, t, ProbeStep::Tcp, &step.outcome, title)
            .explanation(tr!("probe-tcp-fail-explanation"))
            .remedy(Remedy::new(fix).powershell(format!(
                "Test-NetConnection {} -Port {port}",
                t.url_check.host.as_deref().unwrap_or("SERVER")
            )))
            .reference("WU-ERRORS")
            .reference("KB4025764")
    };
    let mut f = f;
    f.evidence.clear();
    Some(f.evidence_all(attempts))
}
