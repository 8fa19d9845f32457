//! Checks that read the results of a network probe of a WSUS server, one per step. Each probed
//! URL gets a finding per step: `pass` with the step's time when healthy, the failing step with
//! its reason and the HRESULT a Windows Update client would log, or `skipped` when an earlier
//! step made it pointless.

pub mod dns;
pub mod http;
pub mod soap;
pub mod tcp;
pub mod tls;

use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{EvidenceItem, Finding, Status, Symptom};
use crate::knowledge::hresult;
use crate::probe::model::{ProbeStep, ProbeTarget, StepOutcome, StepStatus};

/// Why the probe checks are skipped without a probe.
pub(crate) const NO_PROBE: &str =
    "no network probe was run (run wsus-doctor probe URL, or diagnose --probe)";

/// The findings of one probe check: `one` for every probed target, or the `skipped` finding
/// when no probe was run.
pub(crate) fn per_target<I: IntoIterator<Item = Finding>>(
    facts: &Facts,
    check: &Check,
    one: impl Fn(&ProbeTarget) -> I,
) -> Vec<Finding> {
    if facts.probes.is_empty() {
        vec![check.skipped(NO_PROBE)]
    } else {
        facts.probes.targets.iter().flat_map(one).collect()
    }
}

pub(crate) fn status(s: StepStatus) -> Status {
    match s {
        StepStatus::Pass => Status::Pass,
        StepStatus::Warn => Status::Warn,
        StepStatus::Fail => Status::Fail,
    }
}

/// `0x80072EE7 (ERROR_WINHTTP_NAME_NOT_RESOLVED)`.
pub(crate) fn hresult_text(code: u32) -> String {
    match hresult::lookup(code) {
        Some(e) => format!("{} ({})", hresult::format(code), e.name),
        None => hresult::format(code),
    }
}

/// The sentence naming what a client logs for a failure.
pub(crate) fn client_logs(code: Option<u32>) -> String {
    code.map(|c| {
        format!(
            " A Windows Update client logs {} for this.",
            hresult_text(c)
        )
    })
    .unwrap_or_default()
}

/// A finding for one step's outcome, with its time, its evidence and its figures.
pub(crate) fn step_finding(
    check: &Check,
    target: &ProbeTarget,
    step: ProbeStep,
    outcome: &StepOutcome,
    title: impl Into<crate::i18n::Text>,
) -> Finding {
    let summary = format!(
        "{}: {} ({} ms).{}",
        target.url,
        outcome.message,
        outcome.duration_ms,
        client_logs(outcome.hresult)
    );
    let mut finding = check.finding(status(outcome.status), title);
    if matches!(outcome.status, StepStatus::Fail | StepStatus::Warn) {
        finding.symptom = outcome.hresult.map(Symptom::of_probe_error);
    }
    finding
        .summary(summary)
        .evidence(
            EvidenceItem::new(target.evidence(step))
                .excerpt(format!("[{} ms] {}", outcome.duration_ms, outcome.message)),
        )
        .data(serde_json::json!({
            "url": target.url,
            "step": step,
            "status": outcome.status,
            "duration_ms": outcome.duration_ms,
            "hresult": outcome.hresult.map(hresult::format),
        }))
}

/// The `skipped` finding of a step that did not run, saying why.
pub(crate) fn not_run(check: &Check, target: &ProbeTarget) -> Finding {
    let why = match (&target.stopped, target.first_failure()) {
        (Some(s), _) => s.clone(),
        (None, Some((step, _))) => format!("the {step} step failed"),
        (None, None) => "an earlier step did not complete".to_string(),
    };
    check.skipped(format!("{}: not run because {why}", target.url))
}
