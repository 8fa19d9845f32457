//! `server.website`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus::{self, APPCMD, REQUIRED_PATHS};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::remedy::iis;
use crate::knowledge::wsus::{CONTENT_EXTENSIONS, CONTENT_VDIR};
use crate::values::iis::ObjectState;
use crate::values::EvidenceRef;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerWebsite,
    sources: &[
        "KB4025764",
        "KB2737219",
        "WSUS-CONFIGURE",
        "CM-SU-PREREQ",
        "WSUS-UUP-FAQ",
    ],
    since: "0.1.0",
    symptoms: &[
        Symptom::WebsiteAutostart,
        Symptom::WebsiteBindingMismatch,
        Symptom::WebsiteImpersonation,
        Symptom::WebsiteMimeMissing,
        Symptom::WebsiteMissing,
        Symptom::WebsiteStopped,
        Symptom::WebsiteVdirMissing,
    ],
    run,
};

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let Some(site) = wsus::wsus_site(facts) else {
        return without_config(facts);
    };
    let name = &site.site.name;
    let mut findings = Vec::new();
    let mut checked = Vec::new();

    if let Some(index) = site.missing_index {
        findings.push(
            CHECK.finding(Status::Warn, format!("The registry names IIS site {index}, which does not exist")).symptom(Symptom::WebsiteMissing)
                .summary(format!("IISTargetWebsiteIndex is {index}, but applicationHost.config has no site with that id; '{name}' was taken as the WSUS site because it has the ClientWebService application. WSUS reads its IIS log folder and site from this value."))
                .evidence_all(wsus::setup_value(facts, "IISTargetWebsiteIndex").map(wsus::value_item))
                .evidence(site.site_item())
                .remedy(Remedy::new("Run WSUS post-installation again so the registry and IIS agree.").cmd(wsus::postinstall()).comment("add CONTENT_DIR=... or SQL_INSTANCE_NAME=... as for this server"))
                .reference("KB4025764"),
        );
    }

    // Runtime state: appcmd knows it; applicationHost.config only says whether it starts with IIS.
    match facts.iis_config.site_runtime(site.site.id, name) {
        Some((o, path)) if !o.state.as_ref().is_some_and(ObjectState::is_started) => {
            findings.push(
                CHECK.finding(Status::Fail, format!("The WSUS site '{name}' is not started")).symptom(Symptom::WebsiteStopped)
                    .summary(format!("appcmd reports the site {}; clients cannot connect to WSUS (connection refused or time-out).", o.state.as_ref().map_or("in an unknown state", ObjectState::as_str)))
                    .evidence(EvidenceItem::new(EvidenceRef::line(path, o.line)).excerpt(format!("SITE \"{}\" (state:{})", o.name, o.state.as_ref().map_or("?", ObjectState::as_str))))
                    .evidence(site.site_item())
                    .remedy(Remedy::new(format!("Start the site '{name}'."))
                        .cmd(iis::start_site_cmd(name))
                        .powershell(iis::start_site_ps(name)))
                    .reference("KB4025764"),
            );
        }
        Some(_) => checked.push("started (appcmd)".to_string()),
        None if site.site.server_auto_start == Some(false) => {
            findings.push(
                CHECK.finding(Status::Warn, format!("The WSUS site '{name}' does not start with IIS")).symptom(Symptom::WebsiteAutostart)
                    .summary("serverAutoStart is false: after a restart of IIS or the server the site stays stopped. No appcmd output tells whether it runs now.")
                    .evidence(site.site_item())
                    .remedy(Remedy::new("Let the site start with IIS, and start it now.")
                        .cmd(format!("{APPCMD} set site /site.name:\"{name}\" /serverAutoStart:true"))
                        .cmd(iis::start_site_cmd(name)))
                    .reference("KB4025764"),
            );
        }
        None => {}
    }

    // Bindings against PortNumber / UsingSSL.
    let port = wsus::setup_number(facts, "PortNumber");
    let ssl = wsus::setup_number(facts, "UsingSSL").is_some_and(|v| v != 0);
    if let Some(port) = port {
        let (http, https) = wsus::expected_ports(port, ssl);
        let has = |proto: &str, p: u64| {
            site.site
                .bindings
                .iter()
                .any(|b| b.protocol.eq_ignore_ascii_case(proto) && b.port.map(u64::from) == Some(p))
        };
        let mut missing = Vec::new();
        if !has("http", http) {
            missing.push(format!("http binding on port {http}"));
        }
        if let Some(s) = https.filter(|&s| !has("https", s)) {
            missing.push(format!("https binding on port {s}"));
        }
        let bound: Vec<String> = site
            .site
            .bindings
            .iter()
            .map(|b| format!("{}/{}", b.protocol, b.information))
            .collect();
        if missing.is_empty() {
            checked.push(format!(
                "bindings {} match PortNumber {port}{}",
                bound.join(", "),
                if ssl { " with SSL" } else { "" }
            ));
        } else {
            let mut f = CHECK.finding(Status::Fail, format!("The WSUS site '{name}' has no {}", missing.join(" and no "))).symptom(Symptom::WebsiteBindingMismatch)
                .summary(format!("WSUS is set up for port {port}{} (registry), but the site is bound to {}. Clients using the configured URL cannot connect.", if ssl { " with SSL" } else { "" }, if bound.is_empty() { "nothing".to_string() } else { bound.join(", ") }))
                .evidence_all(wsus::setup_value(facts, "PortNumber").map(wsus::value_item))
                .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                .evidence(site.site_item())
                .reference("WSUS-CONFIGURE")
                .reference("KB4025764");
            let mut remedy = Remedy::new("Add the missing binding (WSUS uses 8530/8531 on its own site, 80/443 on the Default Web Site).");
            if !has("http", http) {
                remedy = remedy.cmd(format!("{APPCMD} set site /site.name:\"{name}\" /+bindings.[protocol='http',bindingInformation='*:{http}:']"));
            }
            if let Some(s) = https.filter(|&s| !has("https", s)) {
                remedy = remedy.cmd(format!("{APPCMD} set site /site.name:\"{name}\" /+bindings.[protocol='https',bindingInformation='*:{s}:']"))
                    .comment("then bind the server certificate to the port (IIS Manager, Bindings)");
            }
            f = f.remedy(remedy);
            findings.push(f);
        }
    }

    // Virtual directories and applications.
    let missing: Vec<&str> = REQUIRED_PATHS
        .iter()
        .copied()
        .filter(|p| !site.site.has_path(p))
        .collect();
    if missing.is_empty() {
        checked.push(format!(
            "all {} WSUS virtual directories present",
            REQUIRED_PATHS.len()
        ));
    } else {
        findings.push(
            CHECK
                .finding(
                    Status::Fail,
                    format!("The WSUS site '{name}' lacks {}", missing.join(", ")),
                )
                .symptom(Symptom::WebsiteVdirMissing)
                .summary(format!(
                    "Clients and downstream servers get 404 on the missing path(s): {}.",
                    missing.join(", ")
                ))
                .evidence(site.site_item())
                .remedy(
                    Remedy::new(
                        "Recreate the WSUS virtual directories with WSUS post-installation.",
                    )
                    .cmd(wsus::postinstall())
                    .comment("add CONTENT_DIR=... or SQL_INSTANCE_NAME=... as for this server"),
                )
                .reference("KB2737219")
                .reference("KB4025764")
                .data(json!({ "missing": missing })),
        );
    }

    // ASP.NET impersonation (500.24, KB2737219).
    let impersonating: Vec<_> = site
        .file
        .config
        .locations
        .iter()
        .filter(|l| {
            l.impersonate == Some(true)
                && l.path
                    .split('/')
                    .next()
                    .is_some_and(|s| s.eq_ignore_ascii_case(name))
        })
        .collect();
    if impersonating.is_empty() {
        checked.push("ASP.NET impersonation off".to_string());
    } else {
        let paths: Vec<&str> = impersonating.iter().map(|l| l.path.as_str()).collect();
        let mut f = CHECK.finding(Status::Fail, "ASP.NET impersonation is enabled on the WSUS site").symptom(Symptom::WebsiteImpersonation)
            .summary(format!("Impersonation is on for {}: every WSUS request there fails with HTTP 500.24 (win32 50), and the console logs event 7053.", paths.join(", ")))
            .remedy(crate::knowledge::remedy::disable_impersonation(name, format!("Turn ASP.NET impersonation off on site '{name}' and on each of its nine WSUS applications, not only where it was found, then restart IIS (KB2737219).")))
            .reference("KB2737219");
        for l in &impersonating {
            f = f.evidence(
                EvidenceItem::new(EvidenceRef::line(&site.file.path, l.line)).excerpt(format!(
                    "<location path=\"{}\"> <identity impersonate=\"true\" />",
                    l.path
                )),
            );
        }
        findings.push(f);
    }

    match mime_maps(facts, &site) {
        Ok(Some(text)) => checked.push(text),
        Ok(None) => {}
        Err(f) => findings.push(*f),
    }

    if findings
        .iter()
        .all(|f| f.status == Status::Pass || f.status == Status::Info)
    {
        findings.push(
            CHECK
                .finding(
                    Status::Pass,
                    format!("The WSUS site '{name}' is configured as WSUS needs"),
                )
                .summary(format!(
                    "Site '{name}' (id {}), recognised by {}: {}.",
                    site.site.id.map_or("?".into(), |i| i.to_string()),
                    site.recognised_by(),
                    checked.join("; ")
                ))
                .evidence(site.site_item())
                .reference("KB4025764"),
        );
    }
    findings
}

/// The `staticContent` sections that decide the MIME maps of the site's /Content: the server
/// level's and those of the `<location>`s above /Content.
pub(crate) fn static_content_items(site: &wsus::WsusSite) -> Vec<EvidenceItem> {
    let config = &site.file.config;
    let name = site.site.name.to_ascii_lowercase();
    let mut items: Vec<EvidenceItem> = config
        .static_content
        .iter()
        .map(|s| {
            EvidenceItem::new(EvidenceRef::line(&site.file.path, s.line))
                .excerpt("<system.webServer><staticContent>")
                .note(format!("server level: {}", describe_changes(s)))
        })
        .collect();
    for l in &config.locations {
        let path = l.path.trim_matches('/').to_ascii_lowercase();
        let above_content = path == name || path == format!("{name}/content");
        if let Some(s) = l.static_content.as_ref().filter(|_| above_content) {
            items.push(
                EvidenceItem::new(EvidenceRef::line(&site.file.path, s.line))
                    .excerpt(format!("<location path=\"{}\"> <staticContent>", l.path))
                    .note(describe_changes(s)),
            );
        }
    }
    items
}

/// `7 mimeMap entries`, `clears the inherited entries, removes .wim`.
fn describe_changes(s: &crate::parsers::apphost_config::StaticContent) -> String {
    use crate::parsers::apphost_config::MimeMapChange;
    let mut parts = Vec::new();
    if s.changes
        .iter()
        .any(|c| matches!(c, MimeMapChange::Clear { .. }))
    {
        parts.push("clears the inherited entries".to_string());
    }
    let added = s
        .changes
        .iter()
        .filter(|c| matches!(c, MimeMapChange::Add { .. }))
        .count();
    if added > 0 {
        parts.push(format!("{added} mimeMap entries"));
    }
    let removed: Vec<&str> = s
        .changes
        .iter()
        .filter_map(|c| match c {
            MimeMapChange::Remove { extension, .. } => Some(extension.as_str()),
            _ => None,
        })
        .collect();
    if !removed.is_empty() {
        parts.push(format!("removes {}", removed.join(", ")));
    }
    if parts.is_empty() {
        "no mimeMap entries".to_string()
    } else {
        parts.join(", ")
    }
}

/// The MIME types of update content on the site's /Content (CM-SU-PREREQ, WSUS-UUP-FAQ): what
/// the pass summary says when all are mapped, a finding when some are not; nothing when the
/// configuration has no `staticContent` to judge (an excerpt of applicationHost.config).
fn mime_maps(facts: &Facts, site: &wsus::WsusSite) -> Result<Option<String>, Box<Finding>> {
    let config = &site.file.config;
    if !config.has_static_content() {
        return Ok(None);
    }
    let name = &site.site.name;
    let missing: Vec<String> = CONTENT_EXTENSIONS
        .iter()
        .filter(|e| config.mime_mapping(name, CONTENT_VDIR, e).is_none())
        .map(|e| e.to_string())
        .collect();
    if missing.is_empty() {
        return Ok(Some(format!(
            "MIME types for {} on /Content",
            CONTENT_EXTENSIONS.join(", ")
        )));
    }
    let refusals = crate::checks::server::iis_log::mime_refusals(&facts.iis_log)
        .filter(|r| r.extensions.iter().any(|e| missing.contains(e)));
    let listed = missing.join(", ");
    let (status, consequence) = match &refusals {
        Some(r) => (Status::Fail, format!(" The IIS logs show it: {} request(s) answered 404.3 for {} (server.iis-log).", r.count, r.extensions.join(", "))),
        None => (Status::Warn, " No 404.3 in the IIS logs among the evidence shows clients refused yet: feature and UUP updates fail to download once they are approved.".to_string()),
    };
    let mut f = CHECK
        .finding(status, format!("The WSUS site '{name}' serves no MIME type for {listed}"))
        .symptom(Symptom::WebsiteMimeMissing)
        .summary(format!("Neither the server level nor the site's <location> sections of applicationHost.config map {listed}, so IIS answers 404.3 for update files of that type under /Content.{consequence}"))
        .explanation("IIS serves a static file only when staticContent has a mimeMap for its extension, inherited from the server level and changed by each <location> down to the path (IIS-STATICCONTENT). Configuration Manager's prerequisites ask for the .esd type on WSUS for Windows 10 feature updates (CM-SU-PREREQ); UUP updates need .wim and .msu (WSUS-UUP-FAQ). A web.config below the site can still change the maps; it is not among the evidence.")
        .evidence_all(static_content_items(site))
        .remedy(crate::knowledge::remedy::add_mime_types(name, &missing))
        .reference("CM-SU-PREREQ")
        .reference("WSUS-UUP-FAQ")
        .reference("IIS-STATICCONTENT")
        .data(json!({ "missing": missing, "refused_404_3": refusals.as_ref().map_or(0, |r| r.count) }));
    if let Some(r) = refusals {
        f = f.evidence_all(r.examples);
    }
    Err(Box::new(f))
}

/// Without applicationHost.config, `appcmd list site` still tells whether a site is started.
fn without_config(facts: &Facts) -> Vec<Finding> {
    let index = wsus::setup_number(facts, "IISTargetWebsiteIndex");
    let runtime = facts.iis_config.runtime_sites.iter().rev().find(|(o, _)| {
        index.is_some_and(|i| o.id == Some(i))
            || o.bindings
                .iter()
                .any(|b| b.contains(":8530:") || b.contains(":8531:"))
    });
    if facts.iis_config.config().is_some() && !wsus::is_installed(facts) {
        return vec![CHECK
            .finding(Status::Info, "This IIS configuration has no WSUS site, and nothing shows WSUS installed")
            .summary("No site has the ClientWebService application, and the evidence holds no WSUS Setup registry key, no WsusService and no WSUS version: this machine does not look like a WSUS server, so no WSUS site fix applies. If it should be one, collect the WSUS server's own evidence.")
            .reference("KB4025764")];
    }
    if facts.iis_config.config().is_some() {
        return vec![CHECK
            .finding(Status::Fail, "No WSUS site in applicationHost.config")
            .symptom(Symptom::WebsiteMissing)
            .summary(format!(
                "No site has the ClientWebService application{}; WSUS is not published by IIS.",
                index.map_or(String::new(), |i| format!(
                    " and none has the id {i} the registry names"
                ))
            ))
            .evidence_all(wsus::setup_value(facts, "IISTargetWebsiteIndex").map(wsus::value_item))
            .remedy(
                Remedy::new("Recreate the WSUS site with WSUS post-installation.")
                    .cmd(wsus::postinstall())
                    .comment("add CONTENT_DIR=... or SQL_INSTANCE_NAME=... as for this server"),
            )
            .reference("KB4025764")];
    }
    match runtime {
        Some((o, path)) => {
            let started = o.state.as_ref().is_some_and(ObjectState::is_started);
            let item = EvidenceItem::new(EvidenceRef::line(path, o.line)).excerpt(format!(
                "SITE \"{}\" (state:{})",
                o.name,
                o.state.as_ref().map_or("?", ObjectState::as_str)
            ));
            if started {
                vec![CHECK.finding(Status::Pass, format!("The WSUS site '{}' is started", o.name))
                    .summary("appcmd reports the site started; without applicationHost.config its bindings and virtual directories were not judged.")
                    .evidence(item)
                    .reference("KB4025764")]
            } else {
                vec![CHECK
                    .finding(
                        Status::Fail,
                        format!("The WSUS site '{}' is not started", o.name),
                    )
                    .symptom(Symptom::WebsiteStopped)
                    .summary("appcmd reports the site stopped; clients cannot connect to WSUS.")
                    .evidence(item)
                    .remedy(
                        Remedy::new(format!("Start the site '{}'.", o.name))
                            .cmd(iis::start_site_cmd(&o.name))
                            .powershell(iis::start_site_ps(&o.name)),
                    )
                    .reference("KB4025764")]
            }
        }
        None => vec![CHECK
            .skipped("no applicationHost.config or appcmd list site output among the evidence")],
    }
}
