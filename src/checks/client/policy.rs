//! `client.policy`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! Reads `HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate` and its `AU` subkey (also under
//! `Wow6432Node`) from [`crate::facts::registry`]: `UseWUServer` must be 1, `WUServer` and
//! `WUStatusServer` set, equal and valid per [`crate::values::wsus_url`] (KB4025764: "the WSUS
//! server's correct FQDN"); `DoNotConnectToWindowsUpdateInternetLocations`,
//! `SetProxyBehaviorForUpdateDetection` and Windows Update for Business deferrals are explained
//! (formats.md §5.1, §5.2).

use crate::checks::catalogue::Check;
use crate::facts::registry::{keys, RegValue, RegistryFacts};
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status, Text};
use crate::knowledge::hresult;
use crate::values::wsus_url::{self, Severity, UrlProblemCode, WsusUrl};
use crate::values::RegData;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientPolicy,
    sources: &["KB4025764", "WU-POLICY", "WSUS-GPO"],
    since: "0.1.0",
    symptoms: &[
        Symptom::PolicyHostNotInCertificate,
        Symptom::PolicyHttpsPortNoCertificate,
        Symptom::PolicyHttpsWithoutSsl,
        Symptom::PolicyInvalidUrl,
        Symptom::PolicyIpAddress,
        Symptom::PolicyNoPort,
        Symptom::PolicyNotWsus,
        Symptom::PolicyPlaceholder,
        Symptom::PolicyPortMismatch,
        Symptom::PolicyPortNotServed,
        Symptom::PolicyShortName,
        Symptom::PolicyStatusDiffers,
        Symptom::PolicyTrailingSlash,
    ],
    run,
};

/// The Group Policy setting that writes `WUServer` and `WUStatusServer` (WSUS-GPO).
pub(crate) const GPO_PATH: &str = "Computer Configuration > Administrative Templates > Windows Components > Windows Update > Specify intranet Microsoft update service location";

/// [`GPO_PATH`] as the reader's Group Policy editor names it.
pub(crate) fn gpo_path() -> Text {
    crate::tr!("policy-gpo-path")
}

/// The HTTPS port of a dedicated WSUS site (WSUS-CONFIGURE).
const WSUS_HTTPS_PORT: u16 = 8531;

/// An example value for remedies when the right one cannot be derived from the evidence.
const EXAMPLE_URL: &str = "http://wsus01.contoso.com:8530";

/// The policy's server URL (`WUServer`) with its registry value, when set.
pub(crate) fn policy_server(reg: &RegistryFacts) -> Option<(&RegValue, WsusUrl)> {
    let v = reg.value(keys::WU_POLICY, "WUServer")?;
    let raw = match &v.data {
        RegData::Sz(s) | RegData::ExpandSz(s) | RegData::Malformed(s) => s.clone(),
        other => other.display(),
    };
    Some((v, wsus_url::check(&raw)))
}

fn item(v: &RegValue) -> EvidenceItem {
    EvidenceItem::new(v.origin.clone()).excerpt(format!("{} = {}", v.name, v.data.display()))
}

pub(crate) use crate::knowledge::remedy::set_wsus_server as set_server_remedy;

fn dword<'a>(reg: &'a RegistryFacts, key: &str, name: &str) -> Option<(&'a RegValue, Option<u64>)> {
    let v = reg.value(key, name)?;
    Some((v, v.data.as_u64()))
}

/// Whether the evidence holds other client-side material (logs, network output).
fn has_client_evidence(facts: &Facts) -> bool {
    !facts.wu_log.is_empty()
        || !facts.configmgr.is_empty()
        || !facts.network.client_ips().is_empty()
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let reg = &facts.registry;
    let policy_key = reg.key(keys::WU_POLICY);
    let au_key = reg.key(keys::WU_POLICY_AU);
    let present = reg.has_key(keys::WU_POLICY) || reg.has_key(keys::WU_POLICY_AU);
    if !present {
        let deleted = policy_key
            .filter(|k| k.deleted)
            .or(au_key.filter(|k| k.deleted));
        if let Some(k) = deleted {
            let mut f = CHECK
                .finding(Status::Warn, crate::tr!("policy-key-deleted-title"))
                .symptom(Symptom::PolicyNotWsus)
                .summary(crate::tr!("policy-key-deleted-summary"))
                .explanation(crate::tr!("policy-key-deleted-explanation"))
                .remedy(
                    Remedy::new(crate::tr!("policy-key-deleted-remedy", gpo = gpo_path()))
                        .cmd("gpupdate /force"),
                )
                .reference("WU-POLICY")
                .reference("KB4025764");
            if let Some(o) = &k.origin {
                f = f.evidence(EvidenceItem::new(o.clone()).excerpt(format!("[-{}]", k.path)));
            }
            return vec![f];
        }
        if !reg.is_empty() && has_client_evidence(facts) {
            return vec![CHECK
                .finding(Status::Warn, crate::tr!("policy-none-title"))
                .symptom(Symptom::PolicyNotWsus)
                .summary(crate::tr!("policy-none-summary"))
                .explanation(crate::tr!("policy-none-explanation"))
                .remedy(set_server_remedy(
                    crate::tr!(
                        "policy-none-remedy",
                        gpo = gpo_path(),
                        example = EXAMPLE_URL
                    ),
                    EXAMPLE_URL,
                ))
                .reference("KB4025764")
                .reference("WSUS-GPO")];
        }
        return vec![CHECK.skipped(crate::tr!("policy-skipped"))];
    }

    let suffix = facts.network.primary_dns_suffix.as_deref().or(facts
        .network
        .dns_suffixes
        .first()
        .map(String::as_str));
    let mut out = Vec::new();

    // UseWUServer: the switch that makes WUServer count (formats.md §5.2).
    match dword(reg, keys::WU_POLICY_AU, "UseWUServer") {
        Some((_, Some(1))) => {}
        found => {
            let (title, seen) = match found {
                None => (crate::tr!("policy-use-wu-server-unset-title"), None),
                Some((v, Some(n))) => (
                    crate::tr!("policy-use-wu-server-value-title", value = n),
                    Some(v),
                ),
                Some((v, None)) => (crate::tr!("policy-use-wu-server-nan-title"), Some(v)),
            };
            let mut f = CHECK.finding(Status::Fail, title).symptom(Symptom::PolicyNotWsus)
                .summary(crate::tr!("policy-use-wu-server-summary"))
                .explanation(crate::tr!("policy-use-wu-server-explanation"))
                .remedy(Remedy::new(crate::tr!("policy-use-wu-server-remedy", gpo = gpo_path()))
                    .cmd(r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU" /v UseWUServer /t REG_DWORD /d 1 /f"#)
                    .cmd("gpupdate /force"))
                .reference("WU-POLICY")
                .reference("WSUS-GPO");
            if let Some(v) = seen {
                f = f.evidence(item(v));
            } else if let Some(o) = au_key
                .and_then(|k| k.origin.clone())
                .or(policy_key.and_then(|k| k.origin.clone()))
            {
                f = f.evidence(EvidenceItem::new(o).note(crate::tr!("policy-au-no-use-wu-server")));
            }
            out.push(f);
        }
    }

    // WUServer and its URL problems.
    let server = policy_server(reg);
    match &server {
        None => out.push(
            CHECK
                .finding(Status::Fail, crate::tr!("policy-wu-server-unset-title"))
                .symptom(Symptom::PolicyNotWsus)
                .summary(crate::tr!("policy-wu-server-unset-summary"))
                .explanation(crate::tr!("policy-wu-server-unset-explanation"))
                .remedy(set_server_remedy(
                    crate::tr!(
                        "policy-wu-server-unset-remedy",
                        gpo = gpo_path(),
                        example = EXAMPLE_URL
                    ),
                    EXAMPLE_URL,
                ))
                .reference("WSUS-GPO")
                .reference("KB4025764"),
        ),
        Some((v, url)) => {
            let fixed = url.suggested(suffix);
            // A doubtful URL that the client's own log shows failing is a failure, not a doubt.
            let failing = url.host.as_deref().and_then(|host| {
                facts.wu_log.episodes().iter().find(|e| {
                    e.url.as_deref().is_some_and(|u| {
                        crate::values::wsus_url::check(u).host.as_deref() == Some(host)
                    })
                })
            });
            // Without a port the client uses 80/443, which is right for a WSUS on the Default Web
            // Site: only evidence that the port is wrong makes it a failure (the server's
            // PortNumber differs, or nothing accepted the connection). A 503 (0x80244022) proves
            // an HTTP server answered on that port.
            let server_port = crate::checks::server::wsus::setup_number(facts, "PortNumber");
            let port_proven_wrong = server_port
                .is_some_and(|sp| url.port.is_some_and(|p| u64::from(p) != sp))
                || failing.is_some_and(|e| {
                    e.hresults
                        .iter()
                        .any(|(h, _)| hresult::family(*h) == hresult::Family::CannotConnect)
                });
            // With https the client must ask for the name in the certificate: a short name or an
            // IP address is a failure when the WSUS certificate among the evidence does not hold it.
            let https = url.scheme == Some(wsus_url::Scheme::Https);
            let cert_lacking_name = url.host.as_deref().filter(|_| https).and_then(|host| {
                server_certificate(facts, url.port).filter(|c| !certificate_names(c, host))
            });
            for p in &url.problems {
                let status = match (p.severity, failing) {
                    (Severity::Warn, _) if p.code == UrlProblemCode::NoPort => {
                        if port_proven_wrong {
                            Status::Fail
                        } else {
                            Status::Warn
                        }
                    }
                    (Severity::Warn, _)
                        if https
                            && matches!(
                                p.code,
                                UrlProblemCode::ShortName | UrlProblemCode::IpAddress
                            ) =>
                    {
                        if cert_lacking_name.is_some() {
                            Status::Fail
                        } else {
                            Status::Warn
                        }
                    }
                    (Severity::Fail, _) | (Severity::Warn, Some(_)) => Status::Fail,
                    (Severity::Warn, None) => Status::Warn,
                };
                let names_problem = matches!(
                    p.code,
                    UrlProblemCode::ShortName | UrlProblemCode::IpAddress
                );
                // The certificate's own name is the one the client must use: it is in the evidence.
                let cert_target = cert_lacking_name.filter(|_| names_problem).and_then(|c| {
                    certificate_fqdn(c)
                        .map(|h| format!("https://{h}:{}", url.port.unwrap_or(WSUS_HTTPS_PORT)))
                });
                let fixed = cert_target.clone().or_else(|| fixed.clone());
                let target = fixed.clone().unwrap_or_else(|| EXAMPLE_URL.to_string());
                let text = match &fixed {
                    Some(u) => crate::tr!("policy-url-remedy", gpo = gpo_path(), url = u),
                    None => crate::tr!(
                        "policy-url-remedy-example",
                        gpo = gpo_path(),
                        example = EXAMPLE_URL
                    ),
                };
                let host = url.host.as_deref().unwrap_or_default();
                let (title, symptom, summary) = match cert_lacking_name.filter(|_| names_problem) {
                    Some(c) => (
                        crate::tr!(
                            "policy-cert-lacks-host-title",
                            url = url.raw.trim(),
                            host = host
                        ),
                        Symptom::PolicyHostNotInCertificate,
                        crate::tr!(
                            "policy-cert-lacks-host-summary",
                            host = host,
                            names = certificate_names_text(c)
                        ),
                    ),
                    None => (
                        crate::tr!(
                            "policy-url-problem-title",
                            url = url.raw.trim(),
                            problem = problem_title(p.code)
                        ),
                        Symptom::of_url_problem(p.code),
                        // The problem's words are the URL checker's.
                        crate::tr!(
                            "policy-url-problem-summary",
                            problem = p
                                .message
                                .clone()
                                .with_en(p.message.trim_start_matches("the ").to_string())
                        ),
                    ),
                };
                let mut f = CHECK
                    .finding(status, title)
                    .symptom(symptom)
                    .summary(summary)
                    .explanation(
                        crate::tr!("url-problem-sentence", problem = &p.message)
                            .with_en(format!("{}.", capitalise(&p.message)))
                            .then(crate::tr!("policy-url-guide")),
                    )
                    .evidence(item(v))
                    .remedy(set_server_remedy(text, &target))
                    .reference("KB4025764")
                    .reference("WSUS-CONFIGURE")
                    .reference("WSUS-GPO")
                    .data(json!({"value": url.raw, "problem": p.code, "suggested": fixed}));
                if let (true, Some(c)) = (names_problem, cert_lacking_name) {
                    f = f.evidence(
                        EvidenceItem::new(c.origin.clone())
                            .excerpt(format!(
                                "{} (names: {}; thumbprint {})",
                                c.subject,
                                certificate_name_list(c),
                                c.thumbprint
                            ))
                            .note(crate::tr!("policy-cert-lacks-host-note", host = host)),
                    );
                }
                if p.code == UrlProblemCode::NoPort && port_proven_wrong {
                    if let Some(pv) = crate::checks::server::wsus::setup_value(facts, "PortNumber")
                        .filter(|_| server_port != url.port.map(u64::from))
                    {
                        f = f.evidence(crate::checks::server::wsus::value_item(pv).note(
                            crate::tr!(
                                "policy-server-listens-on",
                                port = server_port.unwrap_or_default()
                            ),
                        ));
                    }
                }
                let judged_here = p.code == UrlProblemCode::NoPort
                    || (https
                        && matches!(
                            p.code,
                            UrlProblemCode::ShortName | UrlProblemCode::IpAddress
                        ));
                if let Some(e) = failing.filter(|_| {
                    p.severity == Severity::Warn && (!judged_here || status == Status::Fail)
                }) {
                    f = f.evidence(
                        EvidenceItem::new(e.origin.clone())
                            .excerpt(e.excerpt.clone())
                            .note(crate::tr!("policy-log-failed-attempts", count = e.count)),
                    );
                }
                if p.code == UrlProblemCode::ShortName && fixed.is_some() && cert_target.is_none() {
                    f = f.evidence(
                        EvidenceItem::new(
                            facts
                                .network
                                .ipconfig_origin
                                .clone()
                                .unwrap_or(v.origin.clone()),
                        )
                        .note(crate::tr!(
                            "policy-dns-suffix",
                            suffix = suffix.unwrap_or_default()
                        )),
                    );
                }
                out.push(f);
            }
        }
    }

    if let Some((v, url)) = &server {
        out.extend(served_findings(facts, v, url));
    }

    // WUStatusServer: normally the same URL (formats.md §5.1).
    let status = reg.value(keys::WU_POLICY, "WUStatusServer");
    if let Some((sv, surl)) = &server {
        match status {
            None => out.push(
                CHECK.finding(Status::Warn, crate::tr!("policy-status-unset-title")).symptom(Symptom::PolicyStatusDiffers)
                    .summary(crate::tr!("policy-status-unset-summary"))
                    .explanation(crate::tr!("policy-status-unset-explanation"))
                    .evidence(item(sv))
                    .remedy(Remedy::new(crate::tr!("policy-status-unset-remedy", gpo = gpo_path()))
                        .cmd(format!(r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUStatusServer /t REG_SZ /d {} /f"#, surl.suggested(suffix).unwrap_or_else(|| surl.raw.trim().to_string()))))
                    .reference("WU-POLICY"),
            ),
            Some(st) => {
                let st_url = wsus_url::check(st.data.as_str().unwrap_or_default());
                if !st_url.same_server(surl) {
                    out.push(
                        CHECK.finding(Status::Warn, crate::tr!("policy-status-differs-title")).symptom(Symptom::PolicyStatusDiffers)
                            .summary(crate::tr!("policy-status-differs-summary", updates = surl.raw.trim(), status = st_url.raw.trim()))
                            .explanation(crate::tr!("policy-status-differs-explanation"))
                            .evidence(item(sv))
                            .evidence(item(st))
                            .remedy(Remedy::new(crate::tr!("policy-status-differs-remedy", gpo = gpo_path())))
                            .reference("WU-POLICY"),
                    );
                }
            }
        }
    }

    out.extend(explain_extras(reg));

    if !out
        .iter()
        .any(|f| matches!(f.status, Status::Fail | Status::Warn))
    {
        if let Some((v, url)) = &server {
            out.insert(
                0,
                CHECK
                    .finding(
                        Status::Pass,
                        crate::tr!("policy-pass-title", url = url.raw.trim()),
                    )
                    .summary(crate::tr!("policy-pass-summary", url = url.raw.trim()))
                    .evidence(item(v))
                    .reference("KB4025764")
                    .data(json!({"wuserver": url.raw, "origin": url.origin()})),
            );
        }
    }
    out
}

/// The client's URLs (the policy's, and the ones its WindowsUpdate.log used) against what the
/// WSUS site serves: its bindings and HTTP.sys's certificate bindings. Each finding names the side
/// to change. A policy URL whose port does not match its scheme (https on 8530, http on 8531) is
/// already a URL problem and is not repeated here.
fn served_findings(facts: &Facts, policy: &RegValue, policy_url: &WsusUrl) -> Vec<Finding> {
    let Some(site) = crate::checks::server::wsus::wsus_site(facts) else {
        return Vec::new();
    };
    let bindings = &site.site.bindings;
    if bindings.is_empty() {
        return Vec::new();
    }
    let mut urls: Vec<(WsusUrl, EvidenceItem)> = vec![(policy_url.clone(), item(policy))];
    for used in facts.wu_log.servers_used().iter().filter(|u| !u.is_null()) {
        let u = wsus_url::check(&used.url);
        let same_as_known = urls
            .iter()
            .any(|(k, _)| k.scheme == u.scheme && k.port == u.port);
        if u.scheme.is_some() && u.port.is_some() && !same_as_known {
            let note = crate::tr!("policy-log-url-note");
            urls.push((
                u,
                EvidenceItem::new(used.origin.clone())
                    .excerpt(used.excerpt.clone())
                    .note(note),
            ));
        }
    }
    let bound = |protocol: &str, port: u16| {
        bindings
            .iter()
            .find(|b| b.protocol.eq_ignore_ascii_case(protocol) && b.port == Some(port))
    };
    let site_name = site.site.name.as_str();
    let mut out = Vec::new();
    for (index, (url, seen)) in urls.into_iter().enumerate() {
        let (Some(scheme), Some(port), Some(host)) = (url.scheme, url.port, url.host.as_deref())
        else {
            continue;
        };
        // The policy's own URL problems are reported above; the log's URLs have no finding yet.
        if index == 0
            && url
                .problems
                .iter()
                .any(|p| p.code == UrlProblemCode::PortSchemeMismatch)
        {
            continue;
        }
        let raw = url.raw.trim();
        match scheme {
            wsus_url::Scheme::Http => {
                if bound("http", port).is_some() || bound("https", port).is_none() {
                    continue;
                }
                let http_port = bindings
                    .iter()
                    .find(|b| b.protocol.eq_ignore_ascii_case("http"))
                    .and_then(|b| b.port);
                let target = http_port.map_or_else(
                    || format!("https://{host}:{port}"),
                    |p| format!("http://{host}:{p}"),
                );
                out.push(
                    CHECK
                        .finding(
                            Status::Fail,
                            crate::tr!("policy-http-on-https-title", url = raw, port = port),
                        )
                        .symptom(Symptom::PolicyPortMismatch)
                        .summary(crate::tr!(
                            "policy-http-on-https-summary",
                            site = site_name,
                            port = port,
                            target = &target
                        ))
                        .explanation(crate::tr!("policy-http-on-https-explanation"))
                        .evidence(seen)
                        .evidence(site.site_item())
                        .remedy(set_server_remedy(
                            crate::tr!("policy-set-gpo-to", gpo = gpo_path(), url = &target),
                            &target,
                        ))
                        .reference("WSUS-CONFIGURE")
                        .reference("KB4025764"),
                );
            }
            wsus_url::Scheme::Https => {
                let Some(binding) = bound("https", port) else {
                    let https_port = bindings
                        .iter()
                        .find(|b| b.protocol.eq_ignore_ascii_case("https"))
                        .and_then(|b| b.port);
                    let http_port = bindings
                        .iter()
                        .find(|b| b.protocol.eq_ignore_ascii_case("http"))
                        .and_then(|b| b.port);
                    let (symptom, target, summary) = match (https_port, http_port) {
                        (Some(p), _) => (
                            Symptom::PolicyPortNotServed,
                            Some(format!("https://{host}:{p}")),
                            crate::tr!(
                                "policy-https-not-served-other-port",
                                site = site_name,
                                port = port,
                                served = p
                            ),
                        ),
                        (None, Some(p)) => (
                            Symptom::PolicyHttpsWithoutSsl,
                            Some(format!("http://{host}:{p}")),
                            crate::tr!(
                                "policy-https-not-served-http-only",
                                site = site_name,
                                port = port,
                                served = p
                            ),
                        ),
                        (None, None) => (
                            Symptom::PolicyHttpsWithoutSsl,
                            None,
                            crate::tr!(
                                "policy-https-not-served-none",
                                site = site_name,
                                port = port
                            ),
                        ),
                    };
                    let mut f = CHECK
                        .finding(
                            Status::Fail,
                            crate::tr!("policy-https-not-served-title", url = raw, port = port),
                        )
                        .symptom(symptom)
                        .summary(summary)
                        .explanation(crate::tr!("policy-https-not-served-explanation"))
                        .evidence(seen)
                        .evidence(site.site_item())
                        .reference("WSUS-CONFIGURE")
                        .reference("KB4025764");
                    if let Some(t) = target {
                        f = f.remedy(set_server_remedy(
                            crate::tr!("policy-set-gpo-to", gpo = gpo_path(), url = &t),
                            &t,
                        ));
                    }
                    out.push(f);
                    continue;
                };
                // HTTP.sys completes the handshake only with a certificate bound to the port.
                if facts.iis_config.ssl_bindings.is_empty()
                    || facts.iis_config.ssl_binding(port).is_some()
                {
                    continue;
                }
                let thumbprint = binding.certificate_hash.clone().or_else(|| {
                    match facts.certs.certificates.as_slice() {
                        [only] => Some(only.thumbprint.clone()),
                        _ => None,
                    }
                });
                let listed: Vec<String> = facts
                    .iis_config
                    .ssl_bindings
                    .iter()
                    .map(|(n, _)| n.endpoint.clone())
                    .collect();
                let (first, file) = &facts.iis_config.ssl_bindings[0];
                out.push(CHECK.finding(Status::Fail, crate::tr!("policy-no-cert-title", url = raw, port = port)).symptom(Symptom::PolicyHttpsPortNoCertificate)
                    .summary(crate::tr!("policy-no-cert-summary", site = site_name, port = port, listed = listed.join(", ")))
                    .explanation(crate::tr!("policy-no-cert-explanation"))
                    .evidence(seen)
                    .evidence(EvidenceItem::new(crate::values::EvidenceRef::line(&site.file.path, binding.line)).excerpt(format!("<binding protocol=\"https\" bindingInformation=\"{}\" />", binding.information)))
                    .evidence(EvidenceItem::new(crate::values::EvidenceRef::line(file, first.line)).excerpt(format!("IP:port : {}", first.endpoint)).note(crate::tr!("policy-no-entry-for-port", port = port)))
                    .remedy(Remedy::new(crate::tr!("policy-no-cert-remedy", port = port))
                        .powershell(format!("Import-Module WebAdministration; (Get-WebBinding -Name \"{site_name}\" -Protocol https -Port {port}).AddSslCertificate(\"{}\", \"My\")", thumbprint.as_deref().unwrap_or("<certificate thumbprint>")))
                        .cmd(format!("netsh http show sslcert ipport=0.0.0.0:{port}")))
                    .reference("WSUS-CONFIGURE"));
            }
        }
    }
    out
}

/// Informational policies that change where or how the client connects.
fn explain_extras(reg: &RegistryFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some((v, Some(1))) = dword(
        reg,
        keys::WU_POLICY,
        "DoNotConnectToWindowsUpdateInternetLocations",
    ) {
        out.push(
            CHECK
                .finding(Status::Info, crate::tr!("policy-no-internet-title"))
                .summary(crate::tr!("policy-no-internet-summary"))
                .explanation(crate::tr!("policy-no-internet-explanation"))
                .evidence(item(v))
                .reference("WU-POLICY"),
        );
    }
    if let Some((v, n)) = dword(reg, keys::WU_POLICY, "SetProxyBehaviorForUpdateDetection") {
        let summary = match n {
            Some(1) => crate::tr!("policy-proxy-behaviour-1"),
            Some(0) => crate::tr!("policy-proxy-behaviour-0"),
            _ => crate::tr!("policy-proxy-behaviour-unexpected"),
        };
        out.push(
            CHECK
                .finding(Status::Info, crate::tr!("policy-proxy-behaviour-title"))
                .summary(summary)
                .explanation(crate::tr!("policy-proxy-behaviour-explanation"))
                .evidence(item(v))
                .reference("WU-PROXY"),
        );
    }
    let deferrals: Vec<&RegValue> = [
        "DeferQualityUpdates",
        "DeferFeatureUpdates",
        "DeferQualityUpdatesPeriodInDays",
        "DeferFeatureUpdatesPeriodInDays",
    ]
    .iter()
    .filter_map(|n| reg.value(keys::WU_POLICY, n))
    .filter(|v| v.data.as_u64().is_some_and(|x| x > 0))
    .collect();
    let dual_scan_off =
        dword(reg, keys::WU_POLICY, "DisableDualScan").is_some_and(|(_, n)| n == Some(1));
    if !deferrals.is_empty() && !dual_scan_off {
        out.push(
            CHECK
                .finding(Status::Info, crate::tr!("policy-deferrals-title"))
                .summary(crate::tr!("policy-deferrals-summary"))
                .explanation(crate::tr!("policy-deferrals-explanation"))
                .evidence_all(deferrals.iter().map(|v| item(v)))
                .reference("WU-POLICY"),
        );
    }
    out
}

/// The certificate the WSUS server presents on `port`: the one HTTP.sys or the site's https
/// binding holds for it; without a binding among the evidence, the only certificate given, or
/// else none (a certificate for another service proves nothing).
fn server_certificate(
    facts: &Facts,
    port: Option<u16>,
) -> Option<&crate::facts::certs::Certificate> {
    // A URL without a port makes the client use 443.
    let port = port.unwrap_or(443);
    let site_hash = crate::checks::server::wsus::wsus_site(facts).and_then(|s| {
        s.site
            .bindings
            .iter()
            .find(|b| b.protocol.eq_ignore_ascii_case("https") && b.port == Some(port))
            .and_then(|b| b.certificate_hash.clone())
    });
    let bound = facts
        .iis_config
        .ssl_binding(port)
        .and_then(|(n, _)| n.certificate_hash.clone())
        .or(site_hash);
    match bound {
        Some(hash) => facts.certs.by_thumbprint(&hash),
        None => match facts.certs.certificates.as_slice() {
            [only] => Some(only),
            _ => None,
        },
    }
}

/// The DNS names a certificate holds, for the report.
fn certificate_name_list(c: &crate::facts::certs::Certificate) -> String {
    if c.dns_names.is_empty() {
        subject_cn(c).unwrap_or("none").to_string()
    } else {
        c.dns_names.join(", ")
    }
}

/// The DNS names a certificate holds, for a sentence (a certificate may hold none).
fn certificate_names_text(c: &crate::facts::certs::Certificate) -> Text {
    if c.dns_names.is_empty() && subject_cn(c).is_none() {
        crate::tr!("policy-cert-no-names")
    } else {
        Text::from(certificate_name_list(c))
    }
}

fn subject_cn(c: &crate::facts::certs::Certificate) -> Option<&str> {
    c.subject
        .split(',')
        .find_map(|p| p.trim().strip_prefix("CN="))
        .map(str::trim)
}

/// A fully qualified name the certificate holds (not a wildcard): the name the client should use.
fn certificate_fqdn(c: &crate::facts::certs::Certificate) -> Option<&str> {
    c.dns_names
        .iter()
        .map(String::as_str)
        .chain(subject_cn(c))
        .find(|n| !n.starts_with("*.") && n.contains('.') && n.parse::<std::net::IpAddr>().is_err())
}

/// Whether a certificate names `host`: a SAN DNS name (one-label wildcards included) or, for a
/// certificate without SANs, the subject's CN.
fn certificate_names(c: &crate::facts::certs::Certificate, host: &str) -> bool {
    let matches = |name: &str| {
        name.eq_ignore_ascii_case(host)
            || name.strip_prefix("*.").is_some_and(|rest| {
                host.split_once('.')
                    .is_some_and(|(_, h)| h.eq_ignore_ascii_case(rest))
            })
    };
    if c.dns_names.is_empty() {
        c.subject
            .split(',')
            .filter_map(|p| p.trim().strip_prefix("CN="))
            .any(matches)
    } else {
        c.dns_names.iter().any(|n| matches(n))
    }
}

fn problem_title(code: UrlProblemCode) -> Text {
    match code {
        UrlProblemCode::Empty => crate::tr!("policy-problem-empty"),
        UrlProblemCode::Placeholder => crate::tr!("policy-problem-placeholder"),
        UrlProblemCode::NoScheme => crate::tr!("policy-problem-no-scheme"),
        UrlProblemCode::BadScheme => crate::tr!("policy-problem-bad-scheme"),
        UrlProblemCode::NoHost => crate::tr!("policy-problem-no-host"),
        UrlProblemCode::IpAddress => crate::tr!("policy-problem-ip-address"),
        UrlProblemCode::ShortName => crate::tr!("policy-problem-short-name"),
        UrlProblemCode::NoPort => crate::tr!("policy-problem-no-port"),
        UrlProblemCode::PortSchemeMismatch => crate::tr!("policy-problem-port-scheme-mismatch"),
        UrlProblemCode::TrailingSlash => crate::tr!("policy-problem-trailing-slash"),
        UrlProblemCode::Path => crate::tr!("policy-problem-path"),
        UrlProblemCode::Whitespace => crate::tr!("policy-problem-whitespace"),
        UrlProblemCode::BadPort => crate::tr!("policy-problem-bad-port"),
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::EvidenceRef;

    fn set(f: &mut Facts, key: &str, name: &str, data: RegData) {
        f.registry.set(
            key,
            RegValue {
                name: name.into(),
                data,
                origin: EvidenceRef::line("policy.reg", 4),
            },
        );
    }

    fn healthy() -> Facts {
        let mut f = Facts::default();
        set(
            &mut f,
            keys::WU_POLICY,
            "WUServer",
            RegData::Sz("http://wsus01.corp.example.com:8530".into()),
        );
        set(
            &mut f,
            keys::WU_POLICY,
            "WUStatusServer",
            RegData::Sz("http://wsus01.corp.example.com:8530".into()),
        );
        set(&mut f, keys::WU_POLICY_AU, "UseWUServer", RegData::Dword(1));
        f
    }

    fn statuses(f: &[Finding]) -> Vec<(Status, String)> {
        f.iter().map(|x| (x.status, x.title.to_string())).collect()
    }

    #[test]
    fn healthy_policy_passes() {
        let out = run(&healthy());
        assert_eq!(out.len(), 1, "{:?}", statuses(&out));
        assert_eq!(out[0].status, Status::Pass);
    }

    /// The setting's path reads as the constant that other checks quote.
    #[test]
    fn the_gpo_path_message_is_the_constant() {
        assert_eq!(gpo_path(), GPO_PATH);
    }

    #[test]
    fn no_registry_is_skipped() {
        let out = run(&Facts::default());
        assert_eq!(out[0].status, Status::Skipped);
        assert_eq!(
            out[0].reason.as_deref(),
            Some("no client policy registry (WindowsUpdate policy key) among the evidence")
        );
    }

    #[test]
    fn short_name_gets_the_dns_suffix_in_the_fix() {
        let mut f = healthy();
        set(
            &mut f,
            keys::WU_POLICY,
            "WUServer",
            RegData::Sz("http://wsus01:8530".into()),
        );
        set(
            &mut f,
            keys::WU_POLICY,
            "WUStatusServer",
            RegData::Sz("http://wsus01:8530".into()),
        );
        f.network.primary_dns_suffix = Some("corp.example.com".into());
        let out = run(&f);
        let w = out.iter().find(|x| x.title.contains("short name")).unwrap();
        assert_eq!(w.status, Status::Warn);
        let cmds: Vec<&str> = w
            .remedy
            .as_ref()
            .unwrap()
            .commands
            .iter()
            .map(|c| c.line.as_str())
            .collect();
        assert!(
            cmds[0].ends_with("/d http://wsus01.corp.example.com:8530 /f"),
            "{cmds:?}"
        );
        assert!(cmds.contains(&"UsoClient StartScan"));
    }

    #[test]
    fn http_on_the_https_port_fails_with_the_derived_url() {
        let mut f = healthy();
        set(
            &mut f,
            keys::WU_POLICY,
            "WUServer",
            RegData::Sz("http://wsus01:8531/".into()),
        );
        set(
            &mut f,
            keys::WU_POLICY,
            "WUStatusServer",
            RegData::Sz("http://wsus01:8531/".into()),
        );
        f.network.primary_dns_suffix = Some("corp.example.com".into());
        let out = run(&f);
        let fail = out.iter().find(|x| x.status == Status::Fail).unwrap();
        assert_eq!(
            fail.title,
            "WUServer 'http://wsus01:8531/': port does not match the scheme"
        );
        use crate::i18n::Lang;
        assert_eq!(
            fail.title.local(Lang::Ja),
            "WUServer 'http://wsus01:8531/': ポートがスキームと一致しません"
        );
        assert_eq!(
            fail.remedy.as_ref().unwrap().text.local(Lang::Ja),
            "'コンピューターの構成 > 管理用テンプレート > Windows コンポーネント > Windows Update > イントラネットの Microsoft 更新サービスの場所を指定する' (更新サービスとイントラネット統計サーバーの両方) を http://wsus01.corp.example.com:8530 に設定してください。"
        );
        let first = &fail.remedy.as_ref().unwrap().commands[0].line;
        assert!(
            first.ends_with("/d http://wsus01.corp.example.com:8530 /f"),
            "{first}"
        );
        assert_eq!(out.iter().filter(|x| x.status == Status::Warn).count(), 2);
    }

    #[test]
    fn placeholder_and_disabled_switch_fail() {
        let mut f = healthy();
        set(
            &mut f,
            keys::WU_POLICY,
            "WUServer",
            RegData::Sz("http://$WSUSSERVER:8530".into()),
        );
        set(&mut f, keys::WU_POLICY_AU, "UseWUServer", RegData::Dword(0));
        let out = run(&f);
        let s = statuses(&out);
        assert!(
            s.iter()
                .any(|(st, t)| *st == Status::Fail && t == "UseWUServer is 0, not 1"),
            "{s:?}"
        );
        assert!(
            s.iter()
                .any(|(st, t)| *st == Status::Fail && t.contains("placeholder")),
            "{s:?}"
        );
        assert!(
            s.iter()
                .any(|(st, t)| *st == Status::Warn && t == "WUStatusServer differs from WUServer"),
            "{s:?}"
        );
        assert!(!s.iter().any(|(st, _)| *st == Status::Pass));
    }

    #[test]
    fn missing_values_and_deleted_key() {
        let mut f = Facts::default();
        set(&mut f, keys::WU_POLICY_AU, "AUOptions", RegData::Dword(3));
        let s = statuses(&run(&f));
        assert!(
            s.contains(&(Status::Fail, "UseWUServer is not set".into())),
            "{s:?}"
        );
        assert!(
            s.contains(&(Status::Fail, "WUServer is not set".into())),
            "{s:?}"
        );
        let mut d = Facts::default();
        d.registry
            .delete_key(keys::WU_POLICY, EvidenceRef::line("off.reg", 3));
        assert_eq!(run(&d)[0].title, "The Windows Update policy key is deleted");
        assert_eq!(
            run(&d)[0].summary.local(crate::i18n::Lang::Ja),
            "レジストリのエクスポートが WindowsUpdate ポリシー キーを削除しています。インポートすると、クライアントは WSUS を使用しなくなり、Microsoft Update と通信します。"
        );
    }

    #[test]
    fn client_without_policy_key_talks_to_microsoft_update() {
        let mut f = Facts::default();
        set(
            &mut f,
            keys::CURRENT_VERSION,
            "ProductName",
            RegData::Sz("Windows 10 Pro".into()),
        );
        assert_eq!(
            run(&f)[0].status,
            Status::Skipped,
            "a registry without client evidence"
        );
        let (_, wu) = crate::facts::wu_log::read("WindowsUpdate.log", &b"2021/07/13 10:22:58.9566922 3696  8172  Agent           WU client version 10.0.17763.1852\n"[..]).unwrap();
        f.wu_log.merge(wu);
        let out = run(&f);
        assert_eq!(out[0].status, Status::Warn);
        assert_eq!(
            out[0].title,
            "No Windows Update policy: the client talks to Microsoft Update, not WSUS"
        );
    }

    #[test]
    fn extras_are_explained() {
        let mut f = healthy();
        set(
            &mut f,
            keys::WU_POLICY,
            "DoNotConnectToWindowsUpdateInternetLocations",
            RegData::Dword(1),
        );
        set(
            &mut f,
            keys::WU_POLICY,
            "SetProxyBehaviorForUpdateDetection",
            RegData::Dword(1),
        );
        let out = run(&f);
        assert_eq!(out.iter().filter(|x| x.status == Status::Info).count(), 2);
        assert_eq!(out[0].status, Status::Pass);
    }
}
