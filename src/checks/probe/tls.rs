//! `probe.tls`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::{not_run, per_target, step_finding};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy};
use crate::i18n::Text;
use crate::probe::model::{ProbeStep, ProbeTarget, TlsStep};
use crate::tr;
use crate::values::wsus_url::Scheme;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ProbeTls,
    sources: &["WSUS-CONFIGURE", "WU-ERRORS"],
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

/// The title naming the fault, from the code the failure maps to.
fn title(step: &TlsStep) -> Text {
    match step.outcome.hresult {
        None => tr!("probe-tls-pass-title"),
        Some(0x80072F05) => tr!("probe-tls-expired-title"),
        Some(0x80072F06) => tr!("probe-tls-name-title"),
        Some(0x80072F0D) => tr!("probe-tls-untrusted-title"),
        Some(0x80072F0C) => tr!("probe-tls-client-cert-title"),
        Some(0x80072F8A) => tr!("probe-tls-revoked-title"),
        Some(0x80072EE2) => tr!("probe-tls-timeout-title"),
        Some(0x80072EFE) => tr!("probe-tls-reset-title"),
        Some(_) => tr!("probe-tls-failed-title"),
    }
}

fn remedy(step: &TlsStep) -> Remedy {
    let text = match step.outcome.hresult {
        Some(0x80072F05) => tr!("probe-tls-fix-expired"),
        Some(0x80072F06) => tr!("probe-tls-fix-name"),
        Some(0x80072F0D) => tr!("probe-tls-fix-untrusted"),
        Some(0x80072F0C) => tr!("probe-http-fix-403-7"),
        _ => tr!("probe-tls-fix-other"),
    };
    Remedy::new(text).powershell("Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, NotAfter, Thumbprint")
}

fn one(t: &ProbeTarget) -> Option<Finding> {
    let Some(step) = &t.tls else {
        if !t.url_check.is_usable() {
            return None;
        }
        if t.url_check.scheme == Some(Scheme::Http) {
            return Some(CHECK.skipped(tr!("probe-tls-skipped-http", url = &t.url)));
        }
        if t.url_check.scheme == Some(Scheme::Https) {
            return Some(not_run(&CHECK, t));
        }
        return None;
    };
    let mut f = step_finding(&CHECK, t, ProbeStep::Tls, &step.outcome, title(step));
    if step.outcome.status != crate::probe::model::StepStatus::Pass {
        f = f
            .explanation(tr!("probe-tls-explanation", verifier = &step.verifier))
            .remedy(remedy(step))
            .reference("WSUS-CONFIGURE")
            .reference("WU-ERRORS");
    }
    f.evidence.clear();
    let negotiated = format!(
        "[{} ms] {} {} server name {}; verifier {}: {}",
        step.outcome.duration_ms,
        step.protocol.as_deref().unwrap_or("no protocol agreed"),
        step.cipher.as_deref().unwrap_or(""),
        step.server_name,
        step.verifier,
        step.verifier_error.as_deref().unwrap_or("accepted")
    );
    f = f.evidence(EvidenceItem::new(t.evidence(ProbeStep::Tls)).excerpt(negotiated));
    for (i, c) in step.chain.iter().enumerate() {
        f = f.evidence(
            EvidenceItem::new(t.evidence(ProbeStep::Tls)).excerpt(format!(
                "certificate {}: subject {}; SAN {}; issuer {}; valid {} to {}; {} {}; {}",
                i + 1,
                c.subject,
                if c.san.is_empty() {
                    "none".to_string()
                } else {
                    c.san.join(", ")
                },
                c.issuer,
                c.not_before,
                c.not_after,
                c.key_type,
                c.key_bits.map(|b| format!("{b} bits")).unwrap_or_default(),
                c.signature_algorithm
            )),
        );
    }
    for p in &step.problems {
        f = f.evidence(EvidenceItem::new(t.evidence(ProbeStep::Tls)).note(tr!(
            "probe-tls-problem-note",
            code = p.code,
            message = &p.message
        )));
    }
    if let serde_json::Value::Object(m) = &mut f.data {
        m.insert("protocol".into(), serde_json::json!(step.protocol));
        m.insert("cipher".into(), serde_json::json!(step.cipher));
        m.insert("verifier".into(), serde_json::json!(step.verifier));
        m.insert(
            "verifier_error".into(),
            serde_json::json!(step.verifier_error),
        );
        m.insert("chain".into(), serde_json::json!(step.chain));
        m.insert("problems".into(), serde_json::json!(step.problems));
    }
    Some(f)
}
