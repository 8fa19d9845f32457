//! `server.tls`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus::{self, APPCMD, SSL_FORBIDDEN, SSL_REQUIRED};
use crate::checks::catalogue::Check;
use crate::facts::client_clock::client_offset;
use crate::facts::events::EventRecord;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::events::tls_alert_name;
use crate::knowledge::hresult::{self, Family};
use crate::parsers::apphost_config::Location;
use crate::values::time::format_utc;
use crate::values::EvidenceRef;
use jiff::{SignedDuration, Timestamp};

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerTls,
    sources: &[
        "WSUS-CONFIGURE",
        "KB3090184",
        "KB4025764",
        "SCHANNEL-ALERTS",
    ],
    since: "0.1.0",
    symptoms: &[
        Symptom::TlsCertProblem,
        Symptom::TlsClientCert,
        Symptom::TlsNoBinding,
        Symptom::TlsSchannelAtClientFailures,
        Symptom::TlsSchannelFailures,
        Symptom::TlsSetting,
        Symptom::TlsSslRequiredContent,
    ],
    run,
};

/// Certificates expiring within this many days are reported before they break clients.
const EXPIRY_WARNING_DAYS: i64 = 30;

fn flags(l: &Location) -> Vec<String> {
    l.ssl_flags
        .as_deref()
        .unwrap_or("")
        .split(',')
        .map(|f| f.trim().to_ascii_lowercase())
        .filter(|f| !f.is_empty())
        .collect()
}

fn requires_ssl(l: &Location) -> bool {
    flags(l).iter().any(|f| f == "ssl" || f == "ssl128")
}

fn wants_client_cert(l: &Location) -> bool {
    flags(l)
        .iter()
        .any(|f| f == "sslrequirecert" || f == "sslnegotiatecert")
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let schannel = schannel_finding(facts);
    let Some(site) = wsus::wsus_site(facts) else {
        return vec![schannel.unwrap_or_else(|| {
            CHECK.skipped("no applicationHost.config with a WSUS site among the evidence")
        })];
    };
    let name = site.site.name.as_str();
    let using_ssl = wsus::setup_number(facts, "UsingSSL").map(|v| v != 0);
    let config = &site.file.config;
    let path = &site.file.path;
    let loc_item = |l: &Location| {
        EvidenceItem::new(EvidenceRef::line(path, l.line)).excerpt(format!(
            "<location path=\"{}\"> <access sslFlags=\"{}\" />",
            l.path,
            l.ssl_flags.as_deref().unwrap_or("")
        ))
    };
    let set_flags = |target: &str, value: &str| {
        format!("{APPCMD} set config \"{target}\" -section:system.webServer/security/access /sslFlags:\"{value}\" /commit:apphost")
    };
    let mut findings = Vec::new();
    let mut checked = Vec::new();

    // Client certificates (0x80072F0C) and the whole site requiring SSL.
    let site_locations: Vec<&Location> = config
        .locations
        .iter()
        .filter(|l| {
            l.path
                .split('/')
                .next()
                .is_some_and(|s| s.eq_ignore_ascii_case(name))
        })
        .collect();
    for l in site_locations.iter().filter(|l| wants_client_cert(l)) {
        let keep = if requires_ssl(l) { "Ssl" } else { "None" };
        findings.push(
            CHECK.finding(Status::Fail, format!("Client certificates are accepted or required on {}", l.path)).symptom(Symptom::TlsClientCert)
                .summary("WSUS clients have no client certificate to offer; with client certificates set to Accept or Require they fail with 0x80072F0C.")
                .evidence(loc_item(l))
                .remedy(Remedy::new("Set client certificates to Ignore (keep only the Ssl flag where SSL is required).").cmd(set_flags(&l.path, keep)))
                .reference("KB3090184")
                .reference("KB4025764"),
        );
    }
    if let Some(l) = site_locations
        .iter()
        .find(|l| l.path.trim_matches('/').eq_ignore_ascii_case(name) && requires_ssl(l))
    {
        findings.push(
            CHECK.finding(Status::Fail, format!("The whole WSUS site '{name}' requires SSL")).symptom(Symptom::TlsSslRequiredContent)
                .summary("WSUS encrypts metadata only: content and self-update are fetched over plain HTTP and fail (403.4) when the site requires SSL.")
                .evidence(loc_item(l))
                .remedy(Remedy::new("Require SSL only on the web-service virtual directories.").cmd(set_flags(name, "None")))
                .reference("WSUS-CONFIGURE"),
        );
    }

    let location_of = |vdir: &str| config.location(name, vdir);
    for vdir in SSL_FORBIDDEN {
        if let Some(l) = location_of(vdir).filter(|l| requires_ssl(l)) {
            findings.push(
                CHECK.finding(Status::Fail, format!("{vdir} requires SSL")).symptom(Symptom::TlsSslRequiredContent)
                    .summary(format!("{vdir} must not require SSL: clients fetch it over plain HTTP and get 403.4."))
                    .evidence(loc_item(l))
                    .remedy(Remedy::new(format!("Clear the SSL requirement on {vdir}.")).cmd(set_flags(&l.path, "None")))
                    .reference("WSUS-CONFIGURE"),
            );
        }
    }
    let required_missing: Vec<&str> = SSL_REQUIRED
        .iter()
        .copied()
        .filter(|v| !location_of(v).is_some_and(requires_ssl))
        .collect();
    match using_ssl {
        Some(true) => {
            if required_missing.is_empty() {
                checked.push("the web services require SSL".to_string());
            } else {
                findings.push(
                    CHECK.finding(Status::Warn, format!("SSL is not required on {}", required_missing.join(", "))).symptom(Symptom::TlsSetting)
                        .summary("WSUS is set up with SSL (UsingSSL = 1), but these web services accept plain HTTP, so metadata can travel unencrypted.")
                        .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                        .remedy(required_missing.iter().fold(Remedy::new("Require SSL on the WSUS web services (as wsusutil configuressl does)."), |r, v| r.cmd(set_flags(&format!("{name}/{v}"), "Ssl"))))
                        .reference("WSUS-CONFIGURE"),
                );
            }
            let https: Vec<_> = site
                .site
                .bindings
                .iter()
                .filter(|b| b.protocol.eq_ignore_ascii_case("https"))
                .collect();
            if https.is_empty() {
                findings.push(
                    CHECK.finding(Status::Fail, format!("The WSUS site '{name}' has no HTTPS binding")).symptom(Symptom::TlsNoBinding)
                        .summary("UsingSSL = 1, but the site has no https binding: clients configured with https://...:8531 cannot connect.")
                        .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                        .evidence(site.site_item())
                        .remedy(Remedy::new("Add the https binding on 8531 (443 on the Default Web Site) with the server certificate.")
                            .cmd(format!("{APPCMD} set site /site.name:\"{name}\" /+bindings.[protocol='https',bindingInformation='*:8531:']")))
                        .reference("WSUS-CONFIGURE"),
                );
            }
            for b in https {
                findings.extend(http_sys_findings(facts, b));
                findings.extend(certificate_finding(facts, path, b));
            }
        }
        Some(false) => {
            let requiring: Vec<&str> = SSL_REQUIRED
                .iter()
                .copied()
                .filter(|v| location_of(v).is_some_and(requires_ssl))
                .collect();
            if requiring.is_empty() {
                checked.push("UsingSSL = 0 and no web service requires SSL".to_string());
            } else {
                findings.push(
                    CHECK.finding(Status::Fail, format!("{} {} SSL but WSUS is set up without it", requiring.join(", "), if requiring.len() == 1 { "requires" } else { "require" })).symptom(Symptom::TlsSslRequiredContent)
                        .summary("UsingSSL = 0, so clients use http://; these web services answer them 403.4.")
                        .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                        .remedy(Remedy::new("Either finish the SSL setup (wsusutil configuressl and https client policy), or clear the SSL requirement.")
                            .cmd(format!("{} configuressl <certificate FQDN>", crate::knowledge::wsus::WSUSUTIL)))
                        .reference("WSUS-CONFIGURE"),
                );
            }
        }
        None => checked.push("UsingSSL not among the evidence".to_string()),
    }

    if findings
        .iter()
        .all(|f| matches!(f.status, Status::Pass | Status::Info))
    {
        findings.push(
            CHECK.finding(Status::Pass, format!("SSL settings of '{name}' are as WSUS needs"))
                .summary(format!("{}; no virtual directory requires SSL where it must not, and client certificates are ignored.", checked.join("; ")))
                .evidence(site.site_item())
                .reference("WSUS-CONFIGURE"),
        );
    }
    findings.extend(schannel);
    findings
}

/// A Schannel event this close to a client's TLS error is the same handshake seen from the
/// server: both sides log the failure within seconds, but the client's clock may drift.
const SCHANNEL_SLACK: SignedDuration = SignedDuration::from_mins(2);

/// The alert code of a 36887/36888 event, read from its insertion strings (the rendered
/// message is localised).
fn alert_code(e: &EventRecord) -> Option<u32> {
    if e.id == 36874 {
        return None;
    }
    e.field("AlertDesc")
        .or_else(|| e.data.first().map(|(_, v)| v.as_str()))
        .and_then(|v| v.trim().parse().ok())
}

fn schannel_kind(id: u32, alert: Option<u32>) -> String {
    match (id, alert) {
        (36874, _) => "36874 (no cipher suite in common with the client)".to_string(),
        (_, Some(a)) => format!(
            "{id} alert {a} ({}{})",
            tls_alert_name(a).unwrap_or("unknown alert"),
            if id == 36887 { ", received" } else { ", sent" }
        ),
        (_, None) => id.to_string(),
    }
}

/// The server's failed TLS handshakes, counted per id and alert code; a failure when they fall in
/// the minutes the clients' WindowsUpdate.log shows TLS errors.
fn schannel_finding(facts: &Facts) -> Option<Finding> {
    let events: Vec<&EventRecord> = facts.events.schannel_failures().collect();
    let first = events.iter().filter_map(|e| e.time).min();
    let last = events.iter().filter_map(|e| e.time).max();
    let mut counts: Vec<(String, usize)> = Vec::new();
    for e in &events {
        let kind = schannel_kind(e.id, alert_code(e));
        match counts.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((kind, 1)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let tally = counts
        .iter()
        .map(|(k, n)| format!("{k} ×{n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let span = match (first, last) {
        (Some(a), Some(b)) => format!(", from {} to {}", format_utc(a), format_utc(b)),
        _ => String::new(),
    };

    let offset = client_offset(facts);
    let tls_episodes: Vec<(Timestamp, Timestamp, bool, &crate::facts::wu_log::Episode)> = facts
        .wu_log
        .episodes()
        .iter()
        .filter(|e| {
            e.hresults
                .iter()
                .any(|(h, _)| matches!(hresult::family(*h), Family::Tls(_)))
        })
        .filter_map(|e| {
            let (a, b, assumed) = crate::checks::client::wu_log::episode_span_utc(
                e,
                offset.as_ref().map_or(0, |o| o.minutes),
            )?;
            Some((
                a.checked_sub(SCHANNEL_SLACK).ok()?,
                b.checked_add(SCHANNEL_SLACK).ok()?,
                assumed,
                e,
            ))
        })
        .collect();
    let at_failures: Vec<&EventRecord> = events
        .iter()
        .copied()
        .filter(|e| {
            e.time
                .is_some_and(|t| tls_episodes.iter().any(|(a, b, _, _)| t >= *a && t <= *b))
        })
        .collect();
    let matched_episodes: Vec<_> = tls_episodes
        .iter()
        .filter(|(a, b, _, _)| {
            at_failures
                .iter()
                .any(|e| e.time.is_some_and(|t| t >= *a && t <= *b))
        })
        .collect();
    let line = |e: &EventRecord| format!("{} Schannel {}: {}", wsus::when(e.time), e.id, e.summary);
    let remedy = Remedy::new("Compare the TLS protocols and cipher suites the clients offer with those the server enables; for certificate alerts (42 to 48) check the certificate bound to the WSUS port and that the clients trust its issuer.")
        .powershell("Get-TlsCipherSuite | Format-Table Name")
        .comment("on the WSUS server and on a failing client: they need at least one suite in common")
        .cmd(r#"reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols" /s"#)
        .comment("protocol versions disabled on either side")
        .cmd("netsh http show sslcert");
    if at_failures.is_empty() {
        let sample = events.first()?;
        let mut f = CHECK.finding(Status::Warn, format!("Schannel logged {} failed TLS handshake(s)", events.len())).symptom(Symptom::TlsSchannelFailures)
            .summary(format!("The server's System log has Schannel {tally}{span}. No client TLS error among the evidence falls in those minutes, so which clients failed is not known."))
            .explanation("Schannel logs a handshake it refused (36874: no cipher suite in common) or broke off with a TLS alert (36888 sent, 36887 received); the alert code names the reason (SCHANNEL-ALERTS). The event ids' meanings are widely reported but not confirmed by a Microsoft page (UNCONFIRMED). Other https services on the server log these too; the WSUS clients' WindowsUpdate.log (0x80072F8F, 0x80072F7D) for the same minutes shows whether they are WSUS's.")
            .evidence(EvidenceItem::new(sample.origin.clone()).excerpt(line(sample)))
            .remedy(remedy)
            .reference("SCHANNEL-ALERTS")
            .data(serde_json::json!({"counts": counts, "first": first.map(format_utc), "last": last.map(format_utc)}));
        if let Some(l) = events.last().filter(|l| l.origin != sample.origin) {
            f = f.evidence(EvidenceItem::new(l.origin.clone()).excerpt(line(l)));
        }
        return Some(f);
    }
    let assumed = match &offset {
        _ if !matched_episodes.iter().any(|(_, _, assumed, _)| *assumed) => String::new(),
        None => " (client times of unknown zone were assumed to be UTC)".to_string(),
        Some(o) => format!(" (client times of unknown zone were read at {})", o.words()),
    };
    let mut f = CHECK.finding(Status::Fail, "The server refused TLS handshakes in the minutes the clients failed with TLS errors").symptom(Symptom::TlsSchannelAtClientFailures)
        .summary(format!("{} of the server's {} Schannel failures fall in the clients' TLS error episodes{assumed}; all of them: {tally}{span}.", at_failures.len(), events.len()))
        .explanation("The client's TLS error (0x80072F8F, 0x80072F7D) and the server's Schannel event at the same time are the same handshake seen from both sides: the two do not agree on protocol, cipher suite or certificate. The alert code names the reason (SCHANNEL-ALERTS); the event ids' meanings are widely reported but not confirmed by a Microsoft page (UNCONFIRMED).")
        .remedy(remedy)
        .reference("SCHANNEL-ALERTS")
        .reference("KB4025764")
        .data(serde_json::json!({"counts": counts, "first": first.map(format_utc), "last": last.map(format_utc), "at_client_failures": at_failures.len()}));
    for e in at_failures.iter().take(5) {
        f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(line(e)));
    }
    for (_, _, _, ep) in matched_episodes.iter().take(5) {
        f = f.evidence(
            EvidenceItem::new(ep.origin.clone())
                .excerpt(ep.excerpt.clone())
                .note(format!(
                    "client TLS errors {}",
                    crate::values::time::format_stamp_range(&ep.first, &ep.last)
                )),
        );
    }
    Some(f)
}

/// What HTTP.sys (`netsh http show sslcert`) says about the HTTPS port.
fn http_sys_findings(facts: &Facts, b: &crate::parsers::apphost_config::Binding) -> Vec<Finding> {
    let (Some(port), false) = (b.port, facts.iis_config.ssl_bindings.is_empty()) else {
        return Vec::new();
    };
    let Some((n, file)) = facts.iis_config.ssl_binding(port) else {
        return vec![CHECK.finding(Status::Fail, format!("No certificate is bound to port {port}")).symptom(Symptom::TlsNoBinding)
            .summary(format!("netsh http show sslcert lists no binding for port {port}: HTTP.sys cannot complete a TLS handshake there and clients fail to connect over https."))
            .evidence_all(facts.iis_config.ssl_bindings.iter().map(|(n, f)| EvidenceItem::new(EvidenceRef::line(f, n.line)).excerpt(format!("IP:port : {}", n.endpoint))))
            .remedy(Remedy::new("Bind the server certificate to the WSUS site's https binding (IIS Manager, Bindings, Edit, SSL certificate)."))
            .reference("WSUS-CONFIGURE")];
    };
    if n.negotiate_client_certificate == Some(true) {
        return vec![CHECK.finding(Status::Fail, format!("HTTP.sys asks clients for a certificate on port {port}")).symptom(Symptom::TlsClientCert)
            .summary("Negotiate Client Certificate is enabled on the HTTP.sys binding; WSUS clients have no client certificate to offer and fail with 0x80072F0C.")
            .evidence(EvidenceItem::new(EvidenceRef::line(file, n.line)).excerpt(format!("IP:port : {}; Negotiate Client Certificate : Enabled", n.endpoint)))
            .remedy(Remedy::new("Recreate the binding without client-certificate negotiation (netsh http delete sslcert, then add sslcert with the same certhash and appid, clientcertnegotiation=disable)."))
            .reference("KB3090184")
            .reference("KB4025764")];
    }
    Vec::new()
}

fn certificate_finding(
    facts: &Facts,
    path: &str,
    b: &crate::parsers::apphost_config::Binding,
) -> Option<Finding> {
    let item = EvidenceItem::new(EvidenceRef::line(path, b.line)).excerpt(format!(
        "<binding protocol=\"https\" bindingInformation=\"{}\"{}>",
        b.information,
        b.certificate_hash
            .as_deref()
            .map_or(String::new(), |h| format!(" certificateHash=\"{h}\""))
    ));
    let netsh = b.port.and_then(|p| facts.iis_config.ssl_binding(p));
    let hash = b
        .certificate_hash
        .as_deref()
        .or(netsh.and_then(|(n, _)| n.certificate_hash.as_deref()))?;
    let Some(cert) = facts.certs.by_thumbprint(hash) else {
        return Some(
            CHECK.finding(Status::Info, format!("Certificate {hash} is bound to {}", b.information))
                .summary("The certificate itself is not among the evidence, so its names and expiry were not checked. Export it (without the private key) and add it to judge it.")
                .evidence(item)
                .remedy(Remedy::new("Export the certificate to add it to the evidence.")
                    .powershell(format!("Export-Certificate -Cert Cert:\\LocalMachine\\My\\{hash} -FilePath wsus-site.cer")))
                .reference("WSUS-CONFIGURE"),
        );
    };
    let now = jiff::Timestamp::now();
    let after = cert.not_after?;
    let days = (after.as_second() - now.as_second()) / 86_400;
    let cert_item = EvidenceItem::new(cert.origin.clone()).excerpt(format!(
        "subject {}; expires {}; thumbprint {}",
        cert.subject,
        crate::values::time::format_utc(after),
        cert.thumbprint
    ));
    let (status, title) = if after < now {
        (
            Status::Fail,
            format!("The WSUS certificate '{}' expired", cert.subject),
        )
    } else if days < EXPIRY_WARNING_DAYS {
        (
            Status::Warn,
            format!(
                "The WSUS certificate '{}' expires in {days} days",
                cert.subject
            ),
        )
    } else {
        (
            Status::Info,
            format!("The WSUS certificate '{}' is valid", cert.subject),
        )
    };
    Some(
        CHECK
            .finding(status, title)
            .symptom(Symptom::TlsCertProblem)
            .summary(format!(
                "The https binding {} uses certificate {} (names: {}), valid until {}.",
                b.information,
                cert.thumbprint,
                if cert.dns_names.is_empty() {
                    cert.subject.clone()
                } else {
                    cert.dns_names.join(", ")
                },
                crate::values::time::format_utc(after)
            ))
            .evidence(item)
            .evidence(cert_item)
            .reference("WSUS-CONFIGURE"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schannel(id: u32, data: &[(&str, &str)]) -> EventRecord {
        EventRecord {
            provider: "Schannel".into(),
            id,
            time: None,
            computer: "WSUS01".into(),
            channel: "System".into(),
            record_id: Some(1),
            level: Some(2),
            data: data
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            summary: String::new(),
            pool: None,
            service: None,
            origin: EvidenceRef::Event {
                path: "System.evtx".into(),
                record: 1,
            },
        }
    }

    #[test]
    fn alert_codes_come_from_the_named_field_or_the_first_unnamed_one() {
        let named = schannel(36888, &[("AlertDesc", "70"), ("ErrorState", "105")]);
        assert_eq!(alert_code(&named), Some(70));
        assert_eq!(
            schannel_kind(named.id, alert_code(&named)),
            "36888 alert 70 (protocol version, sent)"
        );
        // Older systems write the insertion strings without names.
        let unnamed = schannel(36887, &[("", "48")]);
        assert_eq!(
            schannel_kind(unnamed.id, alert_code(&unnamed)),
            "36887 alert 48 (unknown CA, received)"
        );
        // 36874 carries the protocol, not an alert.
        let protocol = schannel(36874, &[("", "TLS 1.2")]);
        assert_eq!(alert_code(&protocol), None);
        assert_eq!(
            schannel_kind(protocol.id, None),
            "36874 (no cipher suite in common with the client)"
        );
        let odd = schannel(36888, &[("AlertDesc", "not a number")]);
        assert_eq!(schannel_kind(odd.id, alert_code(&odd)), "36888");
    }
}
