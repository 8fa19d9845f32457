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
use crate::i18n::Text;
use crate::knowledge::hresult;
use crate::probe::model::{ProbeStep, ProbeTarget, StepOutcome, StepStatus};
use crate::tr;

/// The findings of one probe check: `one` for every probed target, or the `skipped` finding
/// when no probe was run.
pub(crate) fn per_target<I: IntoIterator<Item = Finding>>(
    facts: &Facts,
    check: &Check,
    one: impl Fn(&ProbeTarget) -> I,
) -> Vec<Finding> {
    if facts.probes.is_empty() {
        vec![check.skipped(tr!("probe-skipped-no-probe"))]
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

/// The sentence naming what a client logs for a failure (none without a code).
pub(crate) fn client_logs(code: Option<u32>) -> Text {
    code.map(|c| tr!("probe-client-logs", code = hresult_text(c)))
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
    let summary = tr!(
        "probe-step-summary",
        url = &target.url,
        message = &outcome.message,
        ms = outcome.duration_ms
    )
    .then(client_logs(outcome.hresult));
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
        (None, Some((step, _))) => tr!("probe-step-failed", step = step.as_str()),
        (None, None) => tr!("probe-earlier-step-incomplete"),
    };
    check.skipped(tr!("probe-not-run", url = &target.url, why = why))
}
