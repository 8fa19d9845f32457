//! `server.tls`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus::{self, APPCMD, SSL_FORBIDDEN, SSL_REQUIRED};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::parsers::apphost_config::Location;
use crate::values::EvidenceRef;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerTls,
    title: "WSUS SSL configuration",
    guide_step: "Code 403: certificate problems or IIS configuration",
    what: "Checks UsingSSL against the HTTPS binding and its certificate, which virtual directories require SSL (the web services should, Content/Selfupdate/ReportingWebService/Inventory must not), and that client certificates are not required.",
    why: "Requiring SSL on content or self-update breaks clients (403.4); requiring client certificates fails every client with 0x80072F0C.",
    evidence: "applicationHost.config, the WSUS Setup registry key, certificates among the evidence.",
    fix: "Set SSL requirements per virtual directory as Microsoft documents, client certificates to Ignore, and renew or replace the site certificate.",
    sources: &["WSUS-CONFIGURE", "KB3090184", "KB4025764"],
    since: "0.1.0",
    symptoms: &[Symptom::TlsCertProblem, Symptom::TlsClientCert, Symptom::TlsNoBinding, Symptom::TlsSetting, Symptom::TlsSslRequiredContent],
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
    let Some(site) = wsus::wsus_site(facts) else {
        return vec![CHECK.skipped("no applicationHost.config with a WSUS site among the evidence")];
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
                            .cmd(format!("{} configuressl <certificate name>", crate::knowledge::wsus::WSUSUTIL)))
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
    findings
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
