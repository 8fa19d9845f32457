//! `probe.tls`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::{not_run, per_target, step_finding};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy};
use crate::probe::model::{ProbeStep, ProbeTarget, TlsStep};
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
fn title(step: &TlsStep) -> &'static str {
    match step.outcome.hresult {
        None => "WSUS TLS certificate",
        Some(0x80072F05) => "WSUS certificate has expired or is not yet valid",
        Some(0x80072F06) => "WSUS certificate does not match the host name",
        Some(0x80072F0D) => "WSUS certificate chains to an untrusted root",
        Some(0x80072F0C) => "WSUS site requires a client certificate",
        Some(0x80072F8A) => "WSUS certificate is revoked",
        Some(0x80072EE2) => "TLS handshake with WSUS times out",
        Some(0x80072EFE) => "WSUS resets the connection during the TLS handshake",
        Some(_) => "TLS handshake with WSUS fails",
    }
}

fn remedy(step: &TlsStep) -> Remedy {
    let text = match step.outcome.hresult {
        Some(0x80072F05) => "Renew the certificate bound to the WSUS site (port 8531) and bind the new one; if it is valid, correct the clock of whichever machine is wrong.",
        Some(0x80072F06) => "Use in WUServer the name the certificate carries (the server's FQDN), or issue a certificate whose subject alternative names include the name clients use.",
        Some(0x80072F0D) => "Deploy the issuing root CA to the clients' Trusted Root Certification Authorities store (Group Policy), or use a certificate from a CA they trust. Test with --ca-file for an internal CA.",
        Some(0x80072F0C) => "Set SSL client certificates to Ignore on the WSUS site and its virtual directories.",
        _ => "Issue the WSUS site a certificate with SHA-256 and an RSA key of at least 2048 bits, and enable TLS 1.2 on the server.",
    };
    Remedy::new(text).powershell("Get-ChildItem Cert:\\LocalMachine\\My | Format-List Subject, DnsNameList, NotAfter, Thumbprint")
}

fn one(t: &ProbeTarget) -> Option<Finding> {
    let Some(step) = &t.tls else {
        if !t.url_check.is_usable() {
            return None;
        }
        if t.url_check.scheme == Some(Scheme::Http) {
            return Some(CHECK.skipped(format!("{}: http:// uses no TLS", t.url)));
        }
        if t.url_check.scheme == Some(Scheme::Https) {
            return Some(not_run(&CHECK, t));
        }
        return None;
    };
    let mut f = step_finding(&CHECK, t, ProbeStep::Tls, &step.outcome, title(step));
    if step.outcome.status != crate::probe::model::StepStatus::Pass {
        f = f
            .explanation(format!(
                "The client checks the certificate the same way; judged by {}.",
                step.verifier
            ))
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
        f = f.evidence(
            EvidenceItem::new(t.evidence(ProbeStep::Tls))
                .note(format!("{}: {}", p.code, p.message)),
        );
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
