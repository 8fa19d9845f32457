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
    title: "Client WSUS policy",
    guide_step: "When the client's IP is missing from the IIS logs: check HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate for the correct FQDN",
    what: "Checks UseWUServer, WUServer and WUStatusServer: set and equal, a valid http/https URL with a fully qualified host name, an explicit port matching the scheme, no trailing slash, no unexpanded placeholder; compares the URL's scheme and port (and those its WindowsUpdate.log used) with the WSUS site's bindings and HTTP.sys's certificate bindings, and an https host with the names in the server's certificate; explains dual-scan and proxy-behaviour policies.",
    why: "A wrong, short or malformed server URL sends the client elsewhere or nowhere; a trailing slash produces //selfupdate requests.",
    evidence: "Registry exports or reg query output of the WindowsUpdate policy key and its AU subkey; the server's applicationHost.config, netsh http show sslcert output and certificate when given.",
    fix: "Correct the Group Policy 'Specify intranet Microsoft update service location' to http://wsus.fqdn:8530 (or https://...:8531), then gpupdate /force.",
    sources: &["KB4025764", "WU-POLICY", "WSUS-GPO"],
    since: "0.1.0",
    symptoms: &[Symptom::PolicyHostNotInCertificate, Symptom::PolicyHttpsPortNoCertificate, Symptom::PolicyHttpsWithoutSsl, Symptom::PolicyInvalidUrl, Symptom::PolicyIpAddress, Symptom::PolicyNoPort, Symptom::PolicyNotWsus, Symptom::PolicyPlaceholder, Symptom::PolicyPortMismatch, Symptom::PolicyPortNotServed, Symptom::PolicyShortName, Symptom::PolicyStatusDiffers, Symptom::PolicyTrailingSlash],
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
            let mut f = CHECK.finding(Status::Warn, "The Windows Update policy key is deleted").symptom(Symptom::PolicyNotWsus)
                .summary("A registry export deletes the WindowsUpdate policy key: once imported, the client no longer uses WSUS and talks to Microsoft Update.")
                .explanation("Without WUServer and UseWUServer=1 the Windows Update agent scans Microsoft Update instead of the intranet server (WU-POLICY). Scripts that 'disable WSUS' work this way.")
                .remedy(Remedy::new(format!("If the client should use WSUS, configure '{GPO_PATH}' and refresh policy.")).cmd("gpupdate /force"))
                .reference("WU-POLICY")
                .reference("KB4025764");
            if let Some(o) = &k.origin {
                f = f.evidence(EvidenceItem::new(o.clone()).excerpt(format!("[-{}]", k.path)));
            }
            return vec![f];
        }
        if !reg.is_empty() && has_client_evidence(facts) {
            return vec![CHECK.finding(Status::Warn, "No Windows Update policy: the client talks to Microsoft Update, not WSUS").symptom(Symptom::PolicyNotWsus)
                .summary("The registry evidence has no HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate key, so no intranet server is configured.")
                .explanation("Without WUServer and UseWUServer=1 the agent scans Microsoft Update; it never contacts WSUS, so its address cannot appear in the WSUS IIS logs (KB4025764).")
                .remedy(set_server_remedy(format!("Configure '{GPO_PATH}' with the WSUS server's FQDN and port (for example {EXAMPLE_URL}), or set the values below."), EXAMPLE_URL))
                .reference("KB4025764")
                .reference("WSUS-GPO")];
        }
        return vec![CHECK
            .skipped("no client policy registry (WindowsUpdate policy key) among the evidence")];
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
                None => ("UseWUServer is not set".to_string(), None),
                Some((v, Some(n))) => (format!("UseWUServer is {n}, not 1"), Some(v)),
                Some((v, None)) => ("UseWUServer is not a number".to_string(), Some(v)),
            };
            let mut f = CHECK.finding(Status::Fail, title).symptom(Symptom::PolicyNotWsus)
                .summary("The AU policy does not switch the client to the intranet server: WUServer is ignored and the agent talks to Microsoft Update.")
                .explanation("HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU\\UseWUServer must be the DWORD 1 for WUServer to be used (WU-POLICY, WSUS-GPO).")
                .remedy(Remedy::new(format!("Enable '{GPO_PATH}' (it sets UseWUServer), or set the value, then refresh policy."))
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
                f = f.evidence(EvidenceItem::new(o).note("the AU key has no UseWUServer value"));
            }
            out.push(f);
        }
    }

    // WUServer and its URL problems.
    let server = policy_server(reg);
    match &server {
        None => out.push(
            CHECK.finding(Status::Fail, "WUServer is not set").symptom(Symptom::PolicyNotWsus)
                .summary("The policy names no intranet update server.")
                .explanation("WUServer holds the WSUS URL the agent scans against (WU-POLICY); without it the client cannot use WSUS.")
                .remedy(set_server_remedy(format!("Set '{GPO_PATH}' to the WSUS server's FQDN and port (for example {EXAMPLE_URL})."), EXAMPLE_URL))
                .reference("WSUS-GPO")
                .reference("KB4025764"),
        ),
        Some((v, url)) => {
            let fixed = url.suggested(suffix);
            // A doubtful URL that the client's own log shows failing is a failure, not a doubt.
            let failing = url.host.as_deref().and_then(|host| {
                facts.wu_log.episodes().iter().find(|e| {
                    e.url.as_deref().is_some_and(|u| crate::values::wsus_url::check(u).host.as_deref() == Some(host))
                })
            });
            // Without a port the client uses 80/443, which is right for a WSUS on the Default Web
            // Site: only evidence that the port is wrong makes it a failure (the server's
            // PortNumber differs, or nothing accepted the connection). A 503 (0x80244022) proves
            // an HTTP server answered on that port.
            let server_port = crate::checks::server::wsus::setup_number(facts, "PortNumber");
            let port_proven_wrong = server_port.is_some_and(|sp| url.port.is_some_and(|p| u64::from(p) != sp))
                || failing.is_some_and(|e| e.hresults.iter().any(|(h, _)| hresult::family(*h) == hresult::Family::CannotConnect));
            // With https the client must ask for the name in the certificate: a short name or an
            // IP address is a failure when the WSUS certificate among the evidence does not hold it.
            let https = url.scheme == Some(wsus_url::Scheme::Https);
            let cert_lacking_name = url.host.as_deref().filter(|_| https).and_then(|host| {
                server_certificate(facts, url.port).filter(|c| !certificate_names(c, host))
            });
            for p in &url.problems {
                let status = match (p.severity, failing) {
                    (Severity::Warn, _) if p.code == UrlProblemCode::NoPort => {
                        if port_proven_wrong { Status::Fail } else { Status::Warn }
                    }
                    (Severity::Warn, _) if https && matches!(p.code, UrlProblemCode::ShortName | UrlProblemCode::IpAddress) => {
                        if cert_lacking_name.is_some() { Status::Fail } else { Status::Warn }
                    }
                    (Severity::Fail, _) | (Severity::Warn, Some(_)) => Status::Fail,
                    (Severity::Warn, None) => Status::Warn,
                };
                let names_problem = matches!(p.code, UrlProblemCode::ShortName | UrlProblemCode::IpAddress);
                // The certificate's own name is the one the client must use: it is in the evidence.
                let cert_target = cert_lacking_name.filter(|_| names_problem).and_then(|c| {
                    certificate_fqdn(c).map(|h| format!("https://{h}:{}", url.port.unwrap_or(WSUS_HTTPS_PORT)))
                });
                let fixed = cert_target.clone().or_else(|| fixed.clone());
                let target = fixed.clone().unwrap_or_else(|| EXAMPLE_URL.to_string());
                let text = match &fixed {
                    Some(u) => format!("Set '{GPO_PATH}' (both the update service and the statistics server) to {u}."),
                    None => format!("Set '{GPO_PATH}' (both boxes) to the WSUS server's FQDN with its port, for example {EXAMPLE_URL}."),
                };
                let host = url.host.as_deref().unwrap_or_default();
                let (title, symptom, summary) = match cert_lacking_name.filter(|_| names_problem) {
                    Some(c) => (
                        format!("WUServer '{}': the WSUS certificate does not name '{host}'", url.raw.trim()),
                        Symptom::PolicyHostNotInCertificate,
                        format!("WUServer asks for https://{host}, but the certificate the server presents names only {}: the TLS handshake fails with 0x800B010F / 0x80072F06.", certificate_name_list(c)),
                    ),
                    None => (
                        format!("WUServer '{}': {}", url.raw.trim(), problem_title(p.code)),
                        Symptom::of_url_problem(p.code),
                        format!("WUServer {}.", p.message.trim_start_matches("the ")),
                    ),
                };
                let mut f = CHECK.finding(status, title).symptom(symptom)
                    .summary(summary)
                    .explanation(format!("{}. The guide asks for the WSUS server's correct FQDN in WUServer and WUStatusServer (KB4025764); the URL includes the port, 8530 for HTTP and 8531 for HTTPS on a dedicated WSUS site (WSUS-CONFIGURE).", capitalise(&p.message)))
                    .evidence(item(v))
                    .remedy(set_server_remedy(text, &target))
                    .reference("KB4025764")
                    .reference("WSUS-CONFIGURE")
                    .reference("WSUS-GPO")
                    .data(json!({"value": url.raw, "problem": p.code, "suggested": fixed}));
                if let (true, Some(c)) = (names_problem, cert_lacking_name) {
                    f = f.evidence(EvidenceItem::new(c.origin.clone()).excerpt(format!("{} (names: {}; thumbprint {})", c.subject, certificate_name_list(c), c.thumbprint)).note(format!("the WSUS certificate does not name '{host}': TLS fails with 0x800B010F / 0x80072F06")));
                }
                if p.code == UrlProblemCode::NoPort && port_proven_wrong {
                    if let Some(pv) = crate::checks::server::wsus::setup_value(facts, "PortNumber").filter(|_| server_port != url.port.map(u64::from)) {
                        f = f.evidence(crate::checks::server::wsus::value_item(pv).note(format!("the WSUS server listens on {}", server_port.unwrap_or_default())));
                    }
                }
                let judged_here = p.code == UrlProblemCode::NoPort || (https && matches!(p.code, UrlProblemCode::ShortName | UrlProblemCode::IpAddress));
                if let Some(e) = failing.filter(|_| p.severity == Severity::Warn && (!judged_here || status == Status::Fail)) {
                    f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(e.excerpt.clone()).note(format!(
                        "the client's WindowsUpdate.log shows {} failed attempt(s) against this server",
                        e.count
                    )));
                }
                if p.code == UrlProblemCode::ShortName && fixed.is_some() && cert_target.is_none() {
                    f = f.evidence(EvidenceItem::new(facts.network.ipconfig_origin.clone().unwrap_or(v.origin.clone())).note(format!("the client's DNS suffix is {}", suffix.unwrap_or_default())));
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
                CHECK.finding(Status::Warn, "WUStatusServer is not set").symptom(Symptom::PolicyStatusDiffers)
                    .summary("The client has an update server but no statistics server: it scans, but does not report its status to WSUS.")
                    .explanation("The Group Policy setting writes both values; WUStatusServer is normally the same URL as WUServer (WU-POLICY).")
                    .evidence(item(sv))
                    .remedy(Remedy::new(format!("Fill both boxes of '{GPO_PATH}' with the same URL."))
                        .cmd(format!(r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUStatusServer /t REG_SZ /d {} /f"#, surl.suggested(suffix).unwrap_or_else(|| surl.raw.trim().to_string()))))
                    .reference("WU-POLICY"),
            ),
            Some(st) => {
                let st_url = wsus_url::check(st.data.as_str().unwrap_or_default());
                if !st_url.same_server(surl) {
                    out.push(
                        CHECK.finding(Status::Warn, "WUStatusServer differs from WUServer").symptom(Symptom::PolicyStatusDiffers)
                            .summary(format!("Updates come from {} but status goes to {}.", surl.raw.trim(), st_url.raw.trim()))
                            .explanation("Both values are set by one Group Policy setting and normally name the same server (WU-POLICY); different values usually mean two policies overlap, and the client then reports to a server that does not serve it.")
                            .evidence(item(sv))
                            .evidence(item(st))
                            .remedy(Remedy::new(format!("Set both boxes of '{GPO_PATH}' to the same URL.")))
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
                CHECK.finding(Status::Pass, format!("The client is pointed at {}", url.raw.trim()))
                    .summary(format!("UseWUServer is 1 and WUServer/WUStatusServer name {} (fully qualified, explicit port, no trailing slash).", url.raw.trim()))
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
            let note = "the URL the client's WindowsUpdate.log used";
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
                out.push(CHECK.finding(Status::Fail, format!("'{raw}' speaks http to the WSUS site's https port {port}")).symptom(Symptom::PolicyPortMismatch)
                    .summary(format!("The WSUS site '{site_name}' serves https on port {port}: a plain http request there fails the TLS handshake. Change the client's URL to {target}."))
                    .explanation("Each port of the WSUS site serves one scheme; the HTTPS port pairs with the HTTP one (8531 with 8530, WSUS-CONFIGURE).")
                    .evidence(seen)
                    .evidence(site.site_item())
                    .remedy(set_server_remedy(format!("Set '{GPO_PATH}' to {target}."), &target))
                    .reference("WSUS-CONFIGURE")
                    .reference("KB4025764"));
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
                    let (symptom, target, why) = match (https_port, http_port) {
                        (Some(p), _) => (
                            Symptom::PolicyPortNotServed,
                            Some(format!("https://{host}:{p}")),
                            format!("it serves https on port {p}"),
                        ),
                        (None, Some(p)) => (
                            Symptom::PolicyHttpsWithoutSsl,
                            Some(format!("http://{host}:{p}")),
                            format!("it has no https binding at all and serves http on port {p}"),
                        ),
                        (None, None) => (
                            Symptom::PolicyHttpsWithoutSsl,
                            None,
                            "it has no https binding at all".to_string(),
                        ),
                    };
                    let mut f = CHECK.finding(Status::Fail, format!("'{raw}' asks for https on port {port}, which the WSUS site does not serve")).symptom(symptom)
                        .summary(format!("The WSUS site '{site_name}' has no https binding on port {port}: {why}. The client cannot connect (0x80072EFD)."))
                        .explanation("The client connects only to the scheme and port of its URL (WSUS-CONFIGURE). Change the client's URL to what the site serves, or, if the clients should use SSL, configure it on the server (wsusutil configuressl).")
                        .evidence(seen)
                        .evidence(site.site_item())
                        .reference("WSUS-CONFIGURE")
                        .reference("KB4025764");
                    if let Some(t) = target {
                        f = f.remedy(set_server_remedy(format!("Set '{GPO_PATH}' to {t}."), &t));
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
                out.push(CHECK.finding(Status::Fail, format!("No certificate is bound to port {port}, where '{raw}' asks for https")).symptom(Symptom::PolicyHttpsPortNoCertificate)
                    .summary(format!("The WSUS site '{site_name}' has an https binding on port {port}, but netsh http show sslcert lists no certificate for it (only {}): the TLS handshake fails and the client cannot connect. The server side must change.", listed.join(", ")))
                    .explanation("IIS hands the https binding's certificate to HTTP.sys; without an HTTP.sys certificate binding for the port, no TLS handshake completes there (WSUS-CONFIGURE).")
                    .evidence(seen)
                    .evidence(EvidenceItem::new(crate::values::EvidenceRef::line(&site.file.path, binding.line)).excerpt(format!("<binding protocol=\"https\" bindingInformation=\"{}\" />", binding.information)))
                    .evidence(EvidenceItem::new(crate::values::EvidenceRef::line(file, first.line)).excerpt(format!("IP:port : {}", first.endpoint)).note(format!("no entry for port {port}")))
                    .remedy(Remedy::new(format!("Bind the WSUS certificate to the site's https binding on port {port} (IIS Manager, Bindings, Edit, SSL certificate), then check with netsh http show sslcert."))
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
        out.push(CHECK.finding(Status::Info, "The client may not contact Windows Update Internet locations")
            .summary("DoNotConnectToWindowsUpdateInternetLocations is 1: with an intranet server set, the client contacts only WSUS; if WSUS is unreachable nothing falls back to Microsoft Update.")
            .explanation("The policy blocks public Windows Update, Microsoft Store and Windows Update for Business locations when an intranet server is configured (WU-POLICY). Errors such as 0x8024500C (redirector blocked by policy) are then expected.")
            .evidence(item(v))
            .reference("WU-POLICY"));
    }
    if let Some((v, n)) = dword(reg, keys::WU_POLICY, "SetProxyBehaviorForUpdateDetection") {
        let meaning = match n {
            Some(1) => "1: the user's proxy may be used as a fallback for detection when the system (WinHTTP) proxy fails",
            Some(0) => "0: detection uses only the system (WinHTTP) proxy, the default",
            _ => "an unexpected value",
        };
        out.push(CHECK.finding(Status::Info, "Proxy behaviour for update detection is set by policy")
            .summary(format!("SetProxyBehaviorForUpdateDetection is {meaning}."))
            .explanation("Intranet update servers no longer use the user proxy by default: when only a user proxy can reach WSUS, detection fails unless this policy is 1 (formats.md §5.1, ADMX explain text). See client.proxy for the WinHTTP proxy.")
            .evidence(item(v))
            .reference("WU-PROXY"));
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
        out.push(CHECK.finding(Status::Info, "Windows Update for Business deferrals are set next to WUServer")
            .summary("Deferral policies are set together with an intranet server and DisableDualScan is not 1.")
            .explanation("Third-party documentation reports that this combination can make Windows 10 clients scan Microsoft Update for some updates ('dual scan') instead of WSUS; the exact behaviour depends on the Windows version and is not confirmed by a Microsoft document read for this tool. If the client should use WSUS only, remove the deferral policies or set DisableDualScan to 1.")
            .evidence_all(deferrals.iter().map(|v| item(v)))
            .reference("WU-POLICY"));
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

fn problem_title(code: UrlProblemCode) -> &'static str {
    match code {
        UrlProblemCode::Empty => "empty value",
        UrlProblemCode::Placeholder => "unexpanded placeholder instead of a server name",
        UrlProblemCode::NoScheme => "no http:// or https://",
        UrlProblemCode::BadScheme => "scheme is not http or https",
        UrlProblemCode::NoHost => "no host name",
        UrlProblemCode::IpAddress => "IP address instead of the FQDN",
        UrlProblemCode::ShortName => "short name instead of the FQDN",
        UrlProblemCode::NoPort => "no port",
        UrlProblemCode::PortSchemeMismatch => "port does not match the scheme",
        UrlProblemCode::TrailingSlash => "trailing slash",
        UrlProblemCode::Path => "path after the server",
        UrlProblemCode::Whitespace => "spaces or quotes around the URL",
        UrlProblemCode::BadPort => "invalid port",
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
