//! `probe.soap`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::{not_run, per_target, step_finding};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy};
use crate::i18n::Arg;
use crate::probe::model::{ProbeStep, ProbeTarget, StepStatus};
use crate::tr;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ProbeSoap,
    sources: &["MS-WUSP"],
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
    let Some(step) = &t.soap else {
        return t.url_check.is_usable().then(|| not_run(&CHECK, t));
    };
    let title = match step.outcome.status {
        StepStatus::Pass => tr!("probe-soap-pass-title"),
        StepStatus::Warn => tr!("probe-soap-not-wsus-title"),
        StepStatus::Fail if step.fault.is_some() => tr!("probe-soap-fault-title"),
        StepStatus::Fail => match step.status {
            Some(s) if s != 200 => tr!("probe-soap-status-title", status = Arg::shown(s)),
            Some(_) => tr!("probe-soap-other-title"),
            None => tr!("probe-soap-no-answer-title"),
        },
    };
    let mut f = step_finding(&CHECK, t, ProbeStep::Soap, &step.outcome, title);
    let mut detail = format!(
        "POST {} GetConfig (protocolVersion 1.8) -> {}",
        crate::probe::soap::PATH,
        step.status
            .map_or("no answer".to_string(), |s| s.to_string())
    );
    if let Some(p) = &step.auth_plugin {
        detail.push_str(&format!("; PlugInID {p}"));
    }
    if let Some(v) = &step.protocol_version {
        detail.push_str(&format!("; ProtocolVersion {v}"));
    }
    if let Some(fault) = &step.fault {
        detail.push_str(&format!(
            "; fault {} {}: ErrorCode {} Message {}",
            fault.faultcode,
            fault.faultstring,
            fault.error_code.as_deref().unwrap_or("-"),
            fault.message.as_deref().unwrap_or("-")
        ));
    }
    f = f.evidence(EvidenceItem::new(t.evidence(ProbeStep::Soap)).excerpt(detail));
    if step.outcome.status != StepStatus::Pass {
        let fix = if step.fault.is_some() {
            tr!("probe-soap-fix-fault")
        } else if step.outcome.status == StepStatus::Warn {
            tr!("probe-soap-fix-not-wsus")
        } else {
            tr!("probe-soap-fix-failed")
        };
        f = f
            .explanation(tr!("probe-soap-explanation"))
            .remedy(Remedy::new(fix))
            .reference("MS-WUSP")
            .reference("KB4025764");
    }
    if let serde_json::Value::Object(m) = &mut f.data {
        m.insert("http_status".into(), serde_json::json!(step.status));
        m.insert("auth_plugin".into(), serde_json::json!(step.auth_plugin));
        m.insert(
            "protocol_version".into(),
            serde_json::json!(step.protocol_version),
        );
        m.insert("fault".into(), serde_json::json!(step.fault));
    }
    Some(f)
}
