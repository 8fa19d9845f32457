//! `server.website`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus::{self, APPCMD, REQUIRED_PATHS};
use crate::checks::catalogue::Check;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::i18n::Text;
use crate::knowledge::remedy::iis;
use crate::knowledge::wsus::{CONTENT_EXTENSIONS, CONTENT_VDIR};
use crate::tr;
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
            CHECK
                .finding(
                    Status::Warn,
                    tr!("website-missing-index-title", index = index),
                )
                .symptom(Symptom::WebsiteMissing)
                .summary(tr!(
                    "website-missing-index-summary",
                    index = index,
                    name = name
                ))
                .evidence_all(
                    wsus::setup_value(facts, "IISTargetWebsiteIndex").map(wsus::value_item),
                )
                .evidence(site.site_item())
                .remedy(
                    Remedy::new(tr!("website-postinstall-again"))
                        .cmd(wsus::postinstall())
                        .comment(tr!("website-postinstall-comment")),
                )
                .reference("KB4025764"),
        );
    }

    // Runtime state: appcmd knows it; applicationHost.config only says whether it starts with IIS.
    match facts.iis_config.site_runtime(site.site.id, name) {
        Some((o, path)) if !o.state.as_ref().is_some_and(ObjectState::is_started) => {
            findings.push(
                CHECK
                    .finding(Status::Fail, tr!("website-not-started-title", name = name))
                    .symptom(Symptom::WebsiteStopped)
                    .summary(match &o.state {
                        Some(state) => tr!("website-not-started-summary", state = state.as_str()),
                        None => tr!("website-unknown-state-summary"),
                    })
                    .evidence(
                        EvidenceItem::new(EvidenceRef::line(path, o.line)).excerpt(format!(
                            "SITE \"{}\" (state:{})",
                            o.name,
                            o.state.as_ref().map_or("?", ObjectState::as_str)
                        )),
                    )
                    .evidence(site.site_item())
                    .remedy(
                        Remedy::new(tr!("website-start-site", name = name))
                            .cmd(iis::start_site_cmd(name))
                            .powershell(iis::start_site_ps(name)),
                    )
                    .reference("KB4025764"),
            );
        }
        Some(_) => checked.push(tr!("website-checked-started")),
        None if site.site.server_auto_start == Some(false) => {
            findings.push(
                CHECK
                    .finding(Status::Warn, tr!("website-no-autostart-title", name = name))
                    .symptom(Symptom::WebsiteAutostart)
                    .summary(tr!("website-no-autostart-summary"))
                    .evidence(site.site_item())
                    .remedy(
                        Remedy::new(tr!("website-autostart-remedy"))
                            .cmd(format!(
                                "{APPCMD} set site /site.name:\"{name}\" /serverAutoStart:true"
                            ))
                            .cmd(iis::start_site_cmd(name)),
                    )
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
        let missing = match (!has("http", http), https.filter(|&s| !has("https", s))) {
            (false, None) => None,
            (true, None) => Some(tr!(
                "website-no-http-binding-title",
                name = name,
                port = http
            )),
            (false, Some(s)) => Some(tr!("website-no-https-binding-title", name = name, port = s)),
            (true, Some(s)) => Some(tr!(
                "website-no-bindings-title",
                name = name,
                http = http,
                https = s
            )),
        };
        let bound: Vec<String> = site
            .site
            .bindings
            .iter()
            .map(|b| format!("{}/{}", b.protocol, b.information))
            .collect();
        let bound = bound.join(", ");
        if let Some(title) = missing {
            let summary = match (ssl, bound.is_empty()) {
                (false, false) => tr!(
                    "website-binding-mismatch-summary",
                    port = port,
                    bound = &bound
                ),
                (true, false) => tr!(
                    "website-binding-mismatch-ssl-summary",
                    port = port,
                    bound = &bound
                ),
                (false, true) => tr!("website-binding-none-summary", port = port),
                (true, true) => tr!("website-binding-none-ssl-summary", port = port),
            };
            let mut f = CHECK
                .finding(Status::Fail, title)
                .symptom(Symptom::WebsiteBindingMismatch)
                .summary(summary)
                .evidence_all(wsus::setup_value(facts, "PortNumber").map(wsus::value_item))
                .evidence_all(wsus::setup_value(facts, "UsingSSL").map(wsus::value_item))
                .evidence(site.site_item())
                .reference("WSUS-CONFIGURE")
                .reference("KB4025764");
            let mut remedy = Remedy::new(tr!("website-add-binding"));
            if !has("http", http) {
                remedy = remedy.cmd(format!("{APPCMD} set site /site.name:\"{name}\" /+bindings.[protocol='http',bindingInformation='*:{http}:']"));
            }
            if let Some(s) = https.filter(|&s| !has("https", s)) {
                remedy = remedy.cmd(format!("{APPCMD} set site /site.name:\"{name}\" /+bindings.[protocol='https',bindingInformation='*:{s}:']"))
                    .comment(tr!("website-bind-certificate-comment"));
            }
            f = f.remedy(remedy);
            findings.push(f);
        } else if ssl {
            checked.push(tr!(
                "website-checked-bindings-ssl",
                bound = &bound,
                port = port
            ));
        } else {
            checked.push(tr!("website-checked-bindings", bound = &bound, port = port));
        }
    }

    // Virtual directories and applications.
    let missing: Vec<&str> = REQUIRED_PATHS
        .iter()
        .copied()
        .filter(|p| !site.site.has_path(p))
        .collect();
    if missing.is_empty() {
        checked.push(tr!("website-checked-vdirs", count = REQUIRED_PATHS.len()));
    } else {
        findings.push(
            CHECK
                .finding(
                    Status::Fail,
                    tr!(
                        "website-vdirs-missing-title",
                        name = name,
                        paths = missing.join(", ")
                    ),
                )
                .symptom(Symptom::WebsiteVdirMissing)
                .summary(tr!(
                    "website-vdirs-missing-summary",
                    paths = missing.join(", ")
                ))
                .evidence(site.site_item())
                .remedy(
                    Remedy::new(tr!("website-vdirs-recreate"))
                        .cmd(wsus::postinstall())
                        .comment(tr!("website-postinstall-comment")),
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
        checked.push(tr!("website-checked-impersonation"));
    } else {
        let paths: Vec<&str> = impersonating.iter().map(|l| l.path.as_str()).collect();
        let mut f = CHECK
            .finding(Status::Fail, tr!("website-impersonation-title"))
            .symptom(Symptom::WebsiteImpersonation)
            .summary(tr!(
                "website-impersonation-summary",
                paths = paths.join(", ")
            ))
            .remedy(crate::knowledge::remedy::disable_impersonation(
                name,
                tr!("website-impersonation-remedy", name = name),
            ))
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
                .finding(Status::Pass, tr!("website-pass-title", name = name))
                .summary(tr!(
                    "website-pass-summary",
                    name = name,
                    id = site.site.id.map_or("?".into(), |i| i.to_string()),
                    how = site.recognised_by(),
                    checked = join(checked, |first, next| tr!(
                        "site-list-semicolon",
                        first = first,
                        next = next
                    ))
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
                .note(tr!("website-server-level", changes = describe_changes(s)))
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

/// A list read in each language: `a; b; c`, `a, b, c`.
fn join(parts: Vec<Text>, pair: impl Fn(Text, Text) -> Text) -> Text {
    parts.into_iter().reduce(pair).unwrap_or_default()
}

/// `7 mimeMap entries`, `clears the inherited entries, removes .wim`.
fn describe_changes(s: &crate::parsers::apphost_config::StaticContent) -> Text {
    use crate::parsers::apphost_config::MimeMapChange;
    let mut parts = Vec::new();
    if s.changes
        .iter()
        .any(|c| matches!(c, MimeMapChange::Clear { .. }))
    {
        parts.push(tr!("website-mime-clears"));
    }
    let added = s
        .changes
        .iter()
        .filter(|c| matches!(c, MimeMapChange::Add { .. }))
        .count();
    if added > 0 {
        parts.push(tr!("website-mime-entries", count = added));
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
        parts.push(tr!("website-mime-removes", extensions = removed.join(", ")));
    }
    if parts.is_empty() {
        tr!("website-mime-no-entries")
    } else {
        join(parts, |first, next| {
            tr!("site-list-comma", first = first, next = next)
        })
    }
}

/// The MIME types of update content on the site's /Content (CM-SU-PREREQ, WSUS-UUP-FAQ): what
/// the pass summary says when all are mapped, a finding when some are not; nothing when the
/// configuration has no `staticContent` to judge (an excerpt of applicationHost.config).
fn mime_maps(facts: &Facts, site: &wsus::WsusSite) -> Result<Option<Text>, Box<Finding>> {
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
        return Ok(Some(tr!(
            "website-checked-mime",
            extensions = CONTENT_EXTENSIONS.join(", ")
        )));
    }
    let refusals = crate::checks::server::iis_log::mime_refusals(&facts.iis_log)
        .filter(|r| r.extensions.iter().any(|e| missing.contains(e)));
    let listed = missing.join(", ");
    let (status, consequence) = match &refusals {
        Some(r) => (
            Status::Fail,
            tr!(
                "website-mime-refused",
                count = r.count,
                extensions = r.extensions.join(", ")
            ),
        ),
        None => (Status::Warn, tr!("website-mime-not-refused-yet")),
    };
    let mut f = CHECK
        .finding(status, tr!("website-mime-missing-title", name = name, extensions = &listed))
        .symptom(Symptom::WebsiteMimeMissing)
        .summary(tr!("website-mime-missing-summary", extensions = &listed).then(consequence))
        .explanation(tr!("website-mime-missing-explanation"))
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
            .finding(Status::Info, tr!("website-not-wsus-title"))
            .summary(tr!("website-not-wsus-summary"))
            .reference("KB4025764")];
    }
    if facts.iis_config.config().is_some() {
        return vec![CHECK
            .finding(Status::Fail, tr!("website-no-site-title"))
            .symptom(Symptom::WebsiteMissing)
            .summary(match index {
                Some(i) => tr!("website-no-site-index-summary", index = i),
                None => tr!("website-no-site-summary"),
            })
            .evidence_all(wsus::setup_value(facts, "IISTargetWebsiteIndex").map(wsus::value_item))
            .remedy(
                Remedy::new(tr!("website-recreate-site"))
                    .cmd(wsus::postinstall())
                    .comment(tr!("website-postinstall-comment")),
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
                vec![CHECK
                    .finding(Status::Pass, tr!("website-started-title", name = &o.name))
                    .summary(tr!("website-started-summary"))
                    .evidence(item)
                    .reference("KB4025764")]
            } else {
                vec![CHECK
                    .finding(
                        Status::Fail,
                        tr!("website-not-started-title", name = &o.name),
                    )
                    .symptom(Symptom::WebsiteStopped)
                    .summary(tr!("website-stopped-summary"))
                    .evidence(item)
                    .remedy(
                        Remedy::new(tr!("website-start-site", name = &o.name))
                            .cmd(iis::start_site_cmd(&o.name))
                            .powershell(iis::start_site_ps(&o.name)),
                    )
                    .reference("KB4025764")]
            }
        }
        None => vec![CHECK.skipped(tr!("website-skipped-no-config"))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::parsers::apphost_config::{MimeMapChange, StaticContent};

    #[test]
    fn static_content_changes_read_as_a_list_in_each_language() {
        let s = StaticContent {
            changes: vec![
                MimeMapChange::Clear { line: 1 },
                MimeMapChange::Add {
                    extension: ".esd".into(),
                    mime_type: "application/octet-stream".into(),
                    line: 2,
                },
                MimeMapChange::Remove {
                    extension: ".wim".into(),
                    line: 3,
                },
            ],
            line: 1,
        };
        let text = describe_changes(&s);
        assert_eq!(
            text,
            "clears the inherited entries, 1 mimeMap entries, removes .wim"
        );
        assert_eq!(
            text.local(Lang::Ja),
            "継承されたエントリをクリアします、mimeMap エントリ 1 個、.wim を削除します"
        );
        let empty = StaticContent {
            changes: Vec::new(),
            line: 1,
        };
        assert_eq!(describe_changes(&empty), "no mimeMap entries");
        assert_eq!(
            tr!("website-server-level", changes = describe_changes(&empty)).local(Lang::Ja),
            "サーバー レベル: mimeMap エントリはありません"
        );
    }
}
