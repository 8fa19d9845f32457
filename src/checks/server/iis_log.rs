//! `server.iis-log`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! Reads each status the way the guide's step 3 does (KB4025764), with sub-statuses from KB943891
//! and win32 codes from winerror.h: 503 bursts, 401s that no success follows, 403s answered to
//! the Windows Update Agent (browser 403s are expected), 404s on WSUS virtual directories and on
//! content, `//` paths from a policy URL with a trailing slash, 500s by sub-status, dropped
//! connections. A healthy log gives a pass with its figures.

use crate::checks::catalogue::Check;
use crate::facts::iis_log::{Family, IisLogFacts, Notable, Rule};
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::remedy;
use crate::knowledge::{http_status, win32};
use crate::values::time::{format_utc, format_utc_range};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerIisLog,
    title: "Errors in the WSUS site's IIS logs",
    guide_step: "Troubleshooting step 3: read the IIS logs and interpret 200/206/401/403/404/500/503",
    what: "Reads the IIS logs of the WSUS site and interprets every status the way the guide does: 401s only when no success follows, 403 to the Windows Update Agent (not to browsers), 404 on WSUS virtual directories, 500 by sub-status, 503 bursts, dropped connections.",
    why: "The IIS log shows what the server answered each client; 503 bursts are the server side of client time-outs.",
    evidence: "IIS W3C logs (u_ex*.log) of the WSUS site.",
    fix: "Depends on the status: raise WsusPool memory for 503s, repair virtual directories for 404.0s, add the MIME type for 404.3s, raise maxAllowedContentLength for 404.13s, fix SSL and certificate settings for 403s.",
    sources: &["KB4025764", "KB943891"],
    since: "0.1.0",
    symptoms: &[Symptom::Iis401Unresolved, Symptom::Iis403Wua, Symptom::Iis404Content, Symptom::Iis404Mime, Symptom::Iis404OtherSite, Symptom::Iis404Vdir, Symptom::Iis500, Symptom::Iis500Impersonation, Symptom::Iis503Burst, Symptom::IisDropped, Symptom::IisOther, Symptom::IisTrailingSlash],
    run,
};

/// Example lines shown in a finding that gathers several kinds of requests.
const EXAMPLES_SHOWN: usize = 3;

/// Clients named in a summary.
const TOP_CLIENTS: usize = 5;

pub fn run(facts: &Facts) -> Vec<Finding> {
    let iis = &facts.iis_log;
    if iis.is_empty() {
        return vec![CHECK.skipped("no IIS logs among the evidence")];
    }
    let mut out = Vec::new();
    if let Some(f) = bursts_503(
        iis,
        &super::wsus::pool_name(facts),
        super::wsus::pool_private_memory_kb(facts),
    ) {
        out.push(f);
    }
    if let Some(f) = unresolved_401(iis) {
        out.push(f);
    }
    out.extend(forbidden_to_agent(iis));
    let site = super::wsus::wsus_site(facts).map_or_else(
        || crate::knowledge::wsus::SETUP_SITE_NAME.to_string(),
        |s| s.site.name.clone(),
    );
    let served = served_ports(facts);
    out.extend(not_found_vdir(iis, &site, &served));
    out.extend(not_found_elsewhere(iis, &served));
    if let Some(f) = not_found_content(iis) {
        out.push(f);
    }
    out.extend(not_found_filtered(facts, &site));
    if let Some(f) = trailing_slash(iis) {
        out.push(f);
    }
    out.extend(server_errors(iis));
    if let Some(f) = dropped(iis) {
        out.push(f);
    }
    if let Some(f) = unavailable_elsewhere(iis) {
        out.push(f);
    }
    if !out
        .iter()
        .any(|f| matches!(f.status, Status::Fail | Status::Warn))
    {
        out.push(healthy(iis));
    }
    out
}

fn range(first: i64, last: i64) -> String {
    format_utc_range(
        crate::facts::iis_log::ts(first),
        crate::facts::iis_log::ts(last),
    )
}

fn clients_text(list: &[(String, u64)]) -> String {
    list.iter()
        .map(|(ip, n)| format!("{ip} ({n})"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The clients with the most requests over several notable kinds.
fn merged_top_clients<'a>(kinds: impl Iterator<Item = &'a Notable>) -> Vec<(String, u64)> {
    let mut all: std::collections::BTreeMap<&[u8], u64> = std::collections::BTreeMap::new();
    for n in kinds {
        for (ip, c) in &n.clients {
            *all.entry(ip).or_insert(0) += c;
        }
    }
    let mut v: Vec<(String, u64)> = all
        .into_iter()
        .map(|(ip, c)| (String::from_utf8_lossy(ip).into_owned(), c))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v.truncate(TOP_CLIENTS);
    v
}

pub(crate) fn examples(iis: &IisLogFacts, n: &Notable) -> Vec<EvidenceItem> {
    n.examples
        .iter()
        .map(|(loc, text)| EvidenceItem::new(iis.evidence(*loc)).excerpt(text.clone()))
        .collect()
}

fn meaning(status: u16, sub: u32) -> (String, Vec<&'static str>) {
    match http_status::lookup(status, Some(sub)) {
        Some(e) => {
            let text = if e.wsus().is_empty() {
                format!("{} {}: {}", e.code, e.name, e.meaning())
            } else {
                format!("{} {}: {} {}", e.code, e.name, e.meaning(), e.wsus())
            };
            (text, e.sources.to_vec())
        }
        None => (format!("HTTP {status}.{sub}."), Vec::new()),
    }
}

fn bursts_503(iis: &IisLogFacts, pool: &str, private_memory_kb: Option<u64>) -> Option<Finding> {
    let bursts = iis.bursts_503();
    if bursts.is_empty() {
        return None;
    }
    let total: u64 = bursts.iter().map(|b| b.total).sum();
    let list = bursts
        .iter()
        .take(8)
        .map(|b| {
            let ends = format_utc_range(b.first, b.last);
            let top = b
                .endpoints
                .first()
                .map(|(f, n)| format!(", mostly {f} ({n})"))
                .unwrap_or_default();
            format!(
                "{ends}: {} × 503, peak {}/min{top}",
                b.total, b.peak_per_minute
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let more = if bursts.len() > 8 {
        format!("; and {} more", bursts.len() - 8)
    } else {
        String::new()
    };
    let all_503: Vec<(Rule, &Notable)> = iis.notable(|r| matches!(r, Rule::Unavailable503(_)));
    let clients = merged_top_clients(all_503.iter().map(|(_, n)| *n));
    let (explanation, _) = meaning(503, 0);
    let mut f = CHECK.finding(Status::Fail,
        format!(
            "WsusPool answered 503 Service Unavailable in {} burst{}",
            bursts.len(),
            if bursts.len() == 1 { "" } else { "s" }
        ),
    ).symptom(Symptom::Iis503Burst)
    .summary(format!(
        "{total} requests were answered 503 in {} burst{}: {list}{more}. Most affected clients: {}.",
        bursts.len(),
        if bursts.len() == 1 { "" } else { "s" },
        clients_text(&clients)
    ))
    .explanation(format!(
        "{explanation} While WsusPool is out of memory, recycling or stopped, IIS answers 503 and the clients' scans fail (0x80244022) or time out (0x80072EE2)."
    ))
    .remedy(remedy::relieve_pool(
        pool,
        private_memory_kb,
        format!("Raise the {pool} private memory limit (KB4025764: 4-8 GB, more for large environments), then recycle the pool. Check the System log for WAS events at the burst times to confirm recycles or rapid-fail."),
    ))
    .reference("KB4025764")
    .reference("KB4490414")
    .reference("KB943891");
    for b in bursts.iter().take(8) {
        f = f.evidence(EvidenceItem::new(b.example.clone()).note(format!(
            "first 503 of the burst {} ({} × 503{})",
            format_utc_range(b.first, b.last),
            b.total,
            b.server
                .as_deref()
                .map(|s| format!(", server {s}"))
                .unwrap_or_default()
        )));
    }
    for (_, n) in all_503.iter().take(2) {
        f = f.evidence_all(examples(iis, n).into_iter().take(2));
    }
    Some(f.data(json!({ "bursts": bursts, "total_503": total, "top_clients": clients })))
}

fn unresolved_401(iis: &IisLogFacts) -> Option<Finding> {
    let (total, clients) = iis.unresolved_401();
    if clients.is_empty() {
        return None;
    }
    let unresolved: u64 = clients.iter().map(|c| c.count).sum();
    let (explanation, _) = meaning(401, 0);
    let top = clients
        .iter()
        .take(TOP_CLIENTS)
        .map(|c| format!("{} ({} from {})", c.ip, c.count, format_utc(c.first)))
        .collect::<Vec<_>>()
        .join(", ");
    let f = CHECK.finding(Status::Warn,
        format!(
            "{} client{} got 401 Unauthorized without a later success",
            clients.len(),
            if clients.len() == 1 { "" } else { "s" }
        ),
    ).symptom(Symptom::Iis401Unresolved)
    .summary(format!(
        "{unresolved} of {total} 401 answers were not followed by a success for the same client (the same minute or later): {top}."
    ))
    .explanation(explanation)
    .remedy(Remedy::new("Check that the WSUS client virtual directories (ClientWebService, SimpleAuthWebService, selfupdate, Content) allow anonymous access and that the WSUS pool identity can read the content folder or share (401.3)."))
    .reference("KB4025764")
    .reference("KB943891")
    .evidence_all(clients.iter().take(TOP_CLIENTS).map(|c| {
        EvidenceItem::new(c.example.clone()).note(format!(
            "{}: {} × 401 ({}), no success after",
            c.ip,
            c.count,
            format_utc_range(c.first, c.last)
        ))
    }))
    .data(json!({ "total_401": total, "unresolved": unresolved, "clients": clients.iter().take(50).collect::<Vec<_>>() }));
    Some(f)
}

fn forbidden_to_agent(iis: &IisLogFacts) -> Vec<Finding> {
    let browser = iis
        .notable(|r| *r == Rule::Forbidden403Browser)
        .first()
        .map_or(0, |(_, n)| n.count);
    iis.notable(|r| matches!(r, Rule::Forbidden403Agent(_)))
        .into_iter()
        .map(|(rule, n)| {
            let sub = match rule {
                Rule::Forbidden403Agent(s) => s,
                _ => 0,
            };
            let (explanation, sources) = meaning(403, sub);
            let remedy = match sub {
                4 => "Content, Selfupdate, ReportingWebService and Inventory must not require SSL; the web services require it only when WSUS uses SSL, and then clients must use https:// on port 8531.",
                7 | 13 | 16 | 17 => "Set client certificates to Ignore on the WSUS site and its virtual directories: WSUS does not use client certificates.",
                6 | 501 | 502 => "Remove the IP address or dynamic IP restriction that blocks WSUS clients.",
                _ => "Check the SSL settings and certificate of the WSUS site and the IIS configuration of its virtual directories.",
            };
            let mut f = CHECK.finding(Status::Fail,
                format!("403.{sub} Forbidden answered to Windows Update clients"),
            ).symptom(Symptom::Iis403Wua)
            .summary(format!(
                "{} requests from Windows Update clients (agent, BITS, Delivery Optimization) were answered 403.{sub} ({}), mostly on {}; clients: {}.{}",
                n.count,
                range(n.first, n.last),
                top_family(n),
                clients_text(&n.top_clients(TOP_CLIENTS)),
                if browser > 0 {
                    format!(" ({browser} further 403s went to browsers, which is expected.)")
                } else {
                    String::new()
                }
            ))
            .explanation(explanation)
            .remedy(Remedy::new(remedy))
            .reference("KB4025764")
            .evidence_all(examples(iis, n))
            .data(json!({ "substatus": sub, "count": n.count, "top_clients": n.top_clients(TOP_CLIENTS) }));
            for s in sources {
                f = f.reference(s);
            }
            if sub == 4 {
                f = f.reference("WSUS-CONFIGURE");
            }
            if matches!(sub, 7 | 13 | 16 | 17) {
                f = f.reference("KB3090184");
            }
            f
        })
        .collect()
}

fn top_family(n: &Notable) -> &'static str {
    Family::ALL
        .iter()
        .zip(n.families)
        .max_by_key(|(_, c)| *c)
        .map_or("other", |(f, _)| f.name())
}

/// 404 sub-statuses that are not a missing file or directory: 404.3 (no MIME map for the
/// extension) and 404.13 (request filtering: content too large), KB943891. Each has its own fix.
const NOT_FOUND_BY_CONFIG: [u32; 2] = [3, 13];

/// The ports the WSUS site answers on: its bindings and PortNumber when the evidence has them,
/// else the ports the logs show WSUS's web services answering on; empty when neither is known.
fn served_ports(facts: &Facts) -> Vec<u16> {
    let scope = super::wsus::scope(facts);
    if scope.ports_from_evidence {
        scope.ports
    } else {
        facts.iis_log.agg.wsus_ports_answering.clone()
    }
}

/// A 404 that arrived on a port the WSUS site does not serve: another site (the Default Web
/// Site on port 80, usually) answered, so nothing is missing from WSUS.
fn on_other_site(port: u16, served: &[u16]) -> bool {
    port != 0 && !served.is_empty() && !served.contains(&port)
}

/// The policy URL to write for a WSUS site on these ports (the host is the administrator's to
/// fill in: the logs do not name the FQDN clients resolve).
fn url_for(served: &[u16]) -> String {
    let port = served.first().copied().unwrap_or(8530);
    let scheme = if matches!(port, 443 | 8531) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://<WSUS server FQDN>:{port}")
}

fn family_of(index: u8) -> Family {
    Family::ALL
        .get(index as usize)
        .copied()
        .unwrap_or(Family::Other)
}

fn not_found_vdir(iis: &IisLogFacts, site: &str, served: &[u16]) -> Vec<Finding> {
    iis.notable(|r| matches!(r, Rule::NotFoundVdir(_, s, port) if !NOT_FOUND_BY_CONFIG.contains(s) && !on_other_site(*port, served)))
        .into_iter()
        .map(|(rule, n)| {
            let (fam, port) = match rule {
                Rule::NotFoundVdir(i, _, port) => (family_of(i), port),
                _ => (Family::Other, 0),
            };
            let on_port = if port == 0 { String::new() } else { format!(" on port {port}") };
            let (explanation, _) = meaning(404, 0);
            CHECK.finding(Status::Fail, format!("404 Not Found on the WSUS virtual directory {}", fam.name())).symptom(Symptom::Iis404Vdir)
                .summary(format!(
                    "{} requests to /{}{on_port} were answered 404 ({}); clients: {}.",
                    n.count,
                    fam.name(),
                    range(n.first, n.last),
                    clients_text(&n.top_clients(TOP_CLIENTS))
                ))
                .explanation(explanation)
                .remedy(
                    Remedy::new(format!("Check that the {} virtual directory exists under the WSUS site and points to the WSUS WebServices folder, and that clients use the WSUS site's port (8530/8531).", fam.name()))
                        .powershell(format!("Import-Module WebAdministration; Get-WebApplication -Site '{site}'")),
                )
                .reference("KB4025764")
                .reference("KB943891")
                .evidence_all(examples(iis, n))
                .data(json!({ "family": fam.name(), "count": n.count, "port": (port != 0).then_some(port), "top_clients": n.top_clients(TOP_CLIENTS) }))
        })
        .collect()
}

/// WSUS web-service requests that reached a port the WSUS site does not listen on, one finding
/// per port: the clients' URL lacks the WSUS port (or names the wrong one), so another site,
/// which has no WSUS directories, answered 404. The directories are not missing.
fn not_found_elsewhere(iis: &IisLogFacts, served: &[u16]) -> Vec<Finding> {
    let list = iis
        .notable(|r| matches!(r, Rule::NotFoundVdir(_, _, port) if on_other_site(*port, served)));
    let mut ports: Vec<u16> = list
        .iter()
        .filter_map(|(r, _)| match r {
            Rule::NotFoundVdir(_, _, p) => Some(*p),
            _ => None,
        })
        .collect();
    ports.sort_unstable();
    ports.dedup();
    let served_text = served
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    ports
        .into_iter()
        .map(|port| {
            let here: Vec<&(Rule, &Notable)> = list
                .iter()
                .filter(|(r, _)| matches!(r, Rule::NotFoundVdir(_, _, p) if *p == port))
                .collect();
            let count: u64 = here.iter().map(|(_, n)| n.count).sum();
            let first = here.iter().map(|(_, n)| n.first).min().unwrap_or_default();
            let last = here.iter().map(|(_, n)| n.last).max().unwrap_or_default();
            let mut families: Vec<&'static str> = here
                .iter()
                .filter_map(|(r, _)| match r {
                    Rule::NotFoundVdir(i, _, _) => Some(family_of(*i).name()),
                    _ => None,
                })
                .collect();
            families.sort_unstable();
            families.dedup();
            let clients = merged_top_clients(here.iter().map(|(_, n)| *n));
            let every_client: Vec<String> = here
                .iter()
                .flat_map(|(_, n)| n.clients.keys())
                .map(|ip| String::from_utf8_lossy(ip).into_owned())
                .collect();
            let mut evidence = Vec::new();
            for (_, n) in &here {
                evidence.extend(examples(iis, n));
            }
            evidence.truncate(EXAMPLES_SHOWN);
            CHECK
                .finding(
                    Status::Fail,
                    format!("Clients asked port {port} for WSUS, but the WSUS site listens on {served_text}"),
                )
                .symptom(Symptom::Iis404OtherSite)
                .about_clients(every_client.iter().map(String::as_str))
                .summary(format!(
                    "{count} requests to {} on port {port} were answered 404 ({}); clients: {}. The WSUS site serves {}: these requests reached another site, which has no WSUS directories.",
                    families.iter().map(|f| format!("/{f}")).collect::<Vec<_>>().join(", "),
                    range(first, last),
                    clients_text(&clients),
                    if served.len() == 1 { format!("port {served_text}") } else { format!("ports {served_text}") },
                ))
                .explanation(format!(
                    "A client whose policy URL has no port (http://<server>) or the wrong one connects to port {port}, usually the Default Web Site, which answers 404 for WSUS paths. The WSUS virtual directories are not missing; running wsusutil postinstall would not help. The clients' WUServer and WUStatusServer must name the WSUS port."
                ))
                .remedy(crate::checks::client::policy::set_server_remedy(
                    format!("Give the clients' policy URL the WSUS port ({served_text}): correct the Group Policy '{}' (both boxes), then refresh policy on the clients and scan.", crate::checks::client::policy::GPO_PATH),
                    &url_for(served),
                ))
                .reference("KB4025764")
                .evidence_all(evidence)
                .data(json!({ "port": port, "wsus_ports": served, "count": count, "families": families, "top_clients": clients }))
        })
        .collect()
}

/// The 404.3s (no MIME map for the extension) in the IIS logs: how many, the extensions the
/// refused paths end with, and example lines.
pub(crate) struct MimeRefusals {
    pub count: u64,
    pub extensions: Vec<String>,
    pub examples: Vec<EvidenceItem>,
}

pub(crate) fn mime_refusals(iis: &IisLogFacts) -> Option<MimeRefusals> {
    let list = iis.notable(|r| matches!(r, Rule::NotFoundVdir(_, 3, _) | Rule::NotFoundContent(3)));
    let count: u64 = list.iter().map(|(_, n)| n.count).sum();
    (count > 0).then(|| MimeRefusals {
        count,
        extensions: extensions_of(
            list.iter()
                .flat_map(|(_, n)| n.examples.iter().map(|(_, t)| t.as_str())),
        ),
        examples: list
            .iter()
            .flat_map(|(_, n)| examples(iis, n))
            .take(3)
            .collect(),
    })
}

/// What applicationHost.config says about the refused extensions on the WSUS site's /Content,
/// when it has MIME maps to judge: the sentence for the 404.3 finding and the lines behind it.
fn mime_config_says(facts: &Facts, extensions: &[String]) -> Option<(String, Vec<EvidenceItem>)> {
    let site = super::wsus::wsus_site(facts)?;
    let config = &site.file.config;
    if !config.has_static_content() {
        return None;
    }
    let name = &site.site.name;
    let (unmapped, mapped): (Vec<&String>, Vec<&String>) = extensions.iter().partition(|e| {
        config
            .mime_mapping(name, crate::knowledge::wsus::CONTENT_VDIR, e)
            .is_none()
    });
    let items = super::website::static_content_items(&site);
    let text = if mapped.is_empty() {
        format!(" applicationHost.config confirms it: neither the server level nor the site's <location> sections map {} (server.website).", join(&unmapped))
    } else if unmapped.is_empty() {
        format!(" applicationHost.config maps {} now: the refusals predate the change, or a web.config below the site removes the mapping.", join(&mapped))
    } else {
        format!(
            " applicationHost.config maps {} but not {} (server.website).",
            join(&mapped),
            join(&unmapped)
        )
    };
    Some((text, items))
}

fn join(v: &[&String]) -> String {
    v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
}

/// The 404s whose sub-status says the configuration refused the request (404.3, 404.13), on any
/// WSUS path, one finding per sub-status with its own fix (never `wsusutil reset`).
fn not_found_filtered(facts: &Facts, site: &str) -> Vec<Finding> {
    let iis = &facts.iis_log;
    NOT_FOUND_BY_CONFIG
        .iter()
        .filter_map(|&sub| {
            let list = iis.notable(|r| {
                matches!(r, Rule::NotFoundVdir(_, s, _) | Rule::NotFoundContent(s) if *s == sub)
            });
            let count: u64 = list.iter().map(|(_, n)| n.count).sum();
            if count == 0 {
                return None;
            }
            let first = list.iter().map(|(_, n)| n.first).min()?;
            let last = list.iter().map(|(_, n)| n.last).max()?;
            let clients = merged_top_clients(list.iter().map(|(_, n)| *n));
            let (explanation, _) = meaning(404, sub);
            let mut config_says = String::new();
            let mut config_items = Vec::new();
            let (title, remedy, symptom) = if sub == 3 {
                let extensions = extensions_of(list.iter().flat_map(|(_, n)| n.examples.iter().map(|(_, t)| t.as_str())));
                if let Some((text, items)) = mime_config_says(facts, &extensions) {
                    config_says = text;
                    config_items = items;
                }
                (
                    format!("404.3: IIS has no MIME type for {} on the WSUS site", extensions.join(", ")),
                    remedy::add_mime_types(site, &extensions),
                    Symptom::Iis404Mime,
                )
            } else {
                (
                    "404.13: request filtering refused requests larger than maxAllowedContentLength".to_string(),
                    remedy::raise_max_allowed_content_length(site),
                    Symptom::IisOther,
                )
            };
            Some(
                CHECK.finding(Status::Fail, title).symptom(symptom)
                    .summary(format!(
                        "{count} requests were answered 404.{sub} ({}); clients: {}. This is not a missing file or directory: the site's configuration refused them.{config_says}",
                        range(first, last),
                        clients_text(&clients)
                    ))
                    .explanation(explanation)
                    .remedy(remedy)
                    .reference("KB943891")
                    .evidence_all(list.iter().flat_map(|(_, n)| examples(iis, n)).take(3))
                    .evidence_all(config_items)
                    .data(json!({ "substatus": sub, "count": count })),
            )
        })
        .collect()
}

/// The file extensions of the request paths in IIS log lines (`.esd`), in order of appearance.
fn extensions_of<'a>(lines: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in lines {
        let Some(path) = line.split(' ').find(|t| t.starts_with('/')) else {
            continue;
        };
        let last = path.rsplit('/').next().unwrap_or("");
        if let Some((_, ext)) = last.rsplit_once('.') {
            let ext = format!(".{}", ext.to_ascii_lowercase());
            if ext.len() > 1 && !out.contains(&ext) {
                out.push(ext);
            }
        }
    }
    if out.is_empty() {
        out.push(".esd".to_string());
    }
    out
}

fn not_found_content(iis: &IisLogFacts) -> Option<Finding> {
    let list =
        iis.notable(|r| matches!(r, Rule::NotFoundContent(s) if !NOT_FOUND_BY_CONFIG.contains(s)));
    let (_, n) = list.first()?;
    let (explanation, _) = meaning(404, 0);
    let file_missing = win32::lookup(2).map(|e| e.wsus()).unwrap_or_default();
    Some(
        CHECK.finding(Status::Warn, "404 Not Found on update content files").symptom(Symptom::Iis404Content)
            .summary(format!(
                "{} requests for /Content files were answered 404 ({}); clients: {}.",
                n.count,
                range(n.first, n.last),
                clients_text(&n.top_clients(TOP_CLIENTS))
            ))
            .explanation(format!("{explanation} {file_missing}"))
            .remedy(Remedy::new("Let WSUS finish downloading approved updates (or re-download them), and check the content folder's location and permissions.")
                .cmd(format!("{} reset", crate::knowledge::wsus::WSUSUTIL))
                .comment("re-verifies the content files and downloads missing ones"))
            .reference("KB4025764")
            .reference("WINERROR-H")
            .evidence_all(examples(iis, n))
            .data(json!({ "count": n.count })),
    )
}

fn trailing_slash(iis: &IisLogFacts) -> Option<Finding> {
    let list = iis.notable(|r| matches!(r, Rule::TrailingSlash(_)));
    if list.is_empty() {
        return None;
    }
    let count: u64 = list.iter().map(|(_, n)| n.count).sum();
    let clients = merged_top_clients(list.iter().map(|(_, n)| *n));
    let mut f = CHECK.finding(Status::Fail, "Clients request //paths: their WSUS policy URL ends with a slash").symptom(Symptom::IisTrailingSlash)
        .summary(format!("{count} requests started with a double slash (such as //selfupdate or //ClientWebService); clients: {}.", clients_text(&clients)))
        .explanation("The client builds each request URL by appending /ClientWebService, /selfupdate... to the WUServer policy value; a policy value ending in '/' produces '//' paths, which fail.")
        .remedy(Remedy::new("Remove the trailing slash from 'Specify intranet Microsoft update service location' (WUServer and WUStatusServer), e.g. http://wsus.contoso.com:8530, then run gpupdate /force on the clients."))
        .reference("KB4025764")
        .reference("WU-POLICY")
        .data(json!({ "count": count, "top_clients": clients }));
    for (_, n) in list.iter().take(3) {
        f = f.evidence_all(examples(iis, n));
    }
    Some(f)
}

fn server_errors(iis: &IisLogFacts) -> Vec<Finding> {
    iis.notable(|r| matches!(r, Rule::ServerError500(_)))
        .into_iter()
        .map(|(rule, n)| {
            let sub = match rule {
                Rule::ServerError500(s) => s,
                _ => 0,
            };
            let (explanation, sources) = meaning(500, sub);
            let remedy = match sub {
                19 => "Repair the configuration IIS cannot read: the WSUS web.config files or applicationHost.config (often after manual edits).",
                24 => "Disable ASP.NET Impersonation on the WSUS site and its virtual directories.",
                11..=13 => "WsusPool was recycling or overloaded: follow the WsusPool memory advice for 503s.",
                _ => "Look at the Application event log for ASP.NET and WSUS errors at these times.",
            };
            let mut f = CHECK.finding(Status::Fail, format!("500.{sub} Internal Server Error from the WSUS site")).symptom(Symptom::of_iis_status(500, sub))
                .summary(format!(
                    "{} requests were answered 500.{sub} ({}), mostly on {}; clients: {}.",
                    n.count,
                    range(n.first, n.last),
                    top_family(n),
                    clients_text(&n.top_clients(TOP_CLIENTS))
                ))
                .explanation(explanation)
                .remedy(Remedy::new(remedy))
                .reference("KB4025764")
                .evidence_all(examples(iis, n))
                .data(json!({ "substatus": sub, "count": n.count, "top_clients": n.top_clients(TOP_CLIENTS) }));
            for s in sources {
                f = f.reference(s);
            }
            f
        })
        .collect()
}

fn dropped(iis: &IisLogFacts) -> Option<Finding> {
    let list = iis.notable(|r| matches!(r, Rule::Dropped(_)));
    if list.is_empty() {
        return None;
    }
    let total: u64 = list.iter().map(|(_, n)| n.count).sum();
    let mut parts = Vec::new();
    let mut meanings = Vec::new();
    for (rule, n) in &list {
        if let Rule::Dropped(code) = rule {
            let e = win32::lookup(u64::from(*code));
            parts.push(format!(
                "win32 {code} {} × {} ({})",
                e.map_or("", |e| e.name),
                n.count,
                range(n.first, n.last)
            ));
            if let Some(e) = e {
                meanings.push(format!(
                    "{} ({}): {} {}",
                    e.code,
                    e.name,
                    e.meaning(),
                    e.wsus()
                ));
            }
        }
    }
    let mut f = CHECK.finding(Status::Warn, "Connections dropped or timed out before IIS finished answering").symptom(Symptom::IisDropped)
        .summary(format!("{total} requests ended with a dropped or timed-out connection: {}.", parts.join("; ")))
        .explanation(meanings.join(" "))
        .remedy(Remedy::new("When these come with long time-taken values or 503 bursts, the server is too slow: follow the WsusPool advice. Otherwise look for a proxy, load balancer or firewall closing idle connections between clients and WSUS."))
        .reference("WINERROR-H")
        .reference("KB4025764")
        .data(json!({ "total": total }));
    for (_, n) in list.iter().take(3) {
        f = f.evidence_all(examples(iis, n).into_iter().take(2));
    }
    Some(f)
}

/// 503s to requests outside WSUS's endpoints (a management point's `/SMS_MP`, another site's
/// pages) are context: the server is busy or another pool is down, but WsusPool is not shown to
/// fail by them.
fn unavailable_elsewhere(iis: &IisLogFacts) -> Option<Finding> {
    let other = &iis.agg.families[Family::Other.index()];
    let count: u64 = other
        .statuses
        .iter()
        .filter(|(s, _)| *s == 503)
        .map(|(_, n)| n)
        .sum();
    if count == 0 {
        return None;
    }
    let mut f = CHECK
        .finding(
            Status::Info,
            "Requests outside the WSUS endpoints were answered 503",
        )
        .summary(format!(
            "{count} of {} requests to other paths than WSUS's virtual directories were answered 503 Service Unavailable; they do not count as WSUS 503 bursts.",
            other.requests
        ))
        .explanation("WSUS servers often host other applications in IIS, such as a Configuration Manager management point (/SMS_MP, /CCM_System) or distribution point, each in its own application pool. A 503 there means that pool is stopped or overloaded; look at that application, not at WsusPool.")
        .reference("KB943891")
        .data(json!({ "requests": other.requests, "status_503": count }));
    if let Some(file) = iis.files.first() {
        f = f.evidence(EvidenceItem::new(crate::values::EvidenceRef::file(
            file.clone(),
            None,
        )));
    }
    Some(f)
}

fn healthy(iis: &IisLogFacts) -> Finding {
    let a = &iis.agg;
    let span = match iis.time_span() {
        Some((s, e)) => format_utc_range(s, e),
        None => "unknown times".into(),
    };
    let statuses = iis
        .status_table()
        .into_iter()
        .take(6)
        .map(|((s, sub), n)| format!("{s}.{sub}: {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let p95 = a.families[0].percentile(95.0);
    let browser_403 = iis
        .notable(|r| *r == Rule::Forbidden403Browser)
        .first()
        .map_or(0, |(_, n)| n.count);
    let mut summary = format!(
        "{} requests from {} clients ({span}); statuses {statuses}.",
        a.total.records,
        a.clients.len()
    );
    if let Some(p) = p95 {
        summary.push_str(&format!(" ClientWebService time-taken p95 ≈ {p} ms."));
    }
    if browser_403 > 0 {
        summary.push_str(&format!(
            " {browser_403} 403s went to browsers, which is expected."
        ));
    }
    let mut f = CHECK.finding(Status::Pass, "The WSUS site's IIS logs show no errors")
        .summary(summary)
        .explanation("No 503 bursts, no 401 without a later success, no 403 to the Windows Update Agent, no 404 on WSUS virtual directories or content, no 500s and no dropped connections.")
        .reference("KB4025764")
        .data(json!({ "records": a.total.records, "clients": a.clients.len() }));
    if let Some(file) = iis.files.first() {
        f = f.evidence(EvidenceItem::new(crate::values::EvidenceRef::file(
            file.clone(),
            None,
        )));
    }
    f
}

/// How one client given beside the server fares in the server's IIS logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Fare {
    /// It asked WSUS and most answers were errors (4xx or 5xx).
    Failing,
    /// It asked WSUS, with some error answers.
    SomeErrors,
    /// It asked WSUS and every answer was a success or a redirect.
    Served,
    /// It asked only other applications of the server (a co-hosted management point).
    OtherApplicationsOnly,
    /// None of its addresses is in the logs.
    Absent,
    /// Its evidence gives no address to look up.
    NoAddress,
}

impl Fare {
    /// The key of the group in the finding's `data`.
    fn key(self) -> &'static str {
        match self {
            Fare::Failing => "failing",
            Fare::SomeErrors => "some-errors",
            Fare::Served => "served",
            Fare::OtherApplicationsOnly => "other-applications-only",
            Fare::Absent => "absent",
            Fare::NoAddress => "no-address",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Fare::Failing => "asked WSUS and got mostly errors",
            Fare::SomeErrors => "asked WSUS, with some error answers",
            Fare::Served => "asked WSUS and were served",
            Fare::OtherApplicationsOnly => {
                "asked only other applications of the server, never WSUS"
            }
            Fare::Absent => "never appear in the logs",
            Fare::NoAddress => "have no address in their evidence (ipconfig /all) to look up",
        }
    }
}

/// The clients given beside the server, as its IIS logs see them: which of them asked WSUS and
/// how they fared, which asked only other applications, and which never appear. For runs of
/// several machines, where the client checks each speak of one client.
pub(crate) fn given_clients(
    iis: &IisLogFacts,
    clients: &[(crate::values::MachineName, Vec<std::net::IpAddr>)],
) -> Option<Finding> {
    if iis.is_empty() || clients.is_empty() {
        return None;
    }
    let mut groups: std::collections::BTreeMap<Fare, Vec<&str>> = Default::default();
    let mut example = None;
    for (name, addresses) in clients {
        let seen: Vec<_> = addresses
            .iter()
            .filter_map(|a| iis.client(&a.to_string()))
            .collect();
        let wsus: Vec<_> = seen.iter().filter(|s| s.asked_wsus).collect();
        let fare = if addresses.is_empty() {
            Fare::NoAddress
        } else if seen.is_empty() {
            Fare::Absent
        } else if wsus.is_empty() {
            Fare::OtherApplicationsOnly
        } else {
            let requests: u64 = wsus.iter().map(|s| s.requests).sum();
            let errors: u64 = wsus
                .iter()
                .flat_map(|s| s.statuses.iter())
                .filter(|(code, _)| **code >= 400)
                .map(|(_, n)| n)
                .sum();
            example.get_or_insert_with(|| wsus[0].example.clone());
            match errors {
                0 => Fare::Served,
                e if e * 2 > requests => Fare::Failing,
                _ => Fare::SomeErrors,
            }
        };
        groups.entry(fare).or_default().push(name.as_str());
    }
    let asked: usize = groups
        .iter()
        .filter(|(f, _)| matches!(f, Fare::Failing | Fare::SomeErrors | Fare::Served))
        .map(|(_, v)| v.len())
        .sum();
    let parts: Vec<String> = groups
        .iter()
        .map(|(fare, names)| {
            let shown: Vec<&str> = names.iter().take(TOP_CLIENTS * 2).copied().collect();
            let more = names.len() - shown.len();
            let more = if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            };
            format!(
                "{} {} ({}{more})",
                names.len(),
                fare.words(),
                shown.join(", ")
            )
        })
        .collect();
    let mut f = CHECK
        .finding(
            Status::Info,
            format!("{asked} of the {} clients given asked WSUS in these IIS logs", clients.len()),
        )
        .summary(format!("Of the clients given: {}.", parts.join("; ")))
        .explanation("Each client given beside the server is looked up in the server's IIS logs by the addresses its ipconfig /all shows. The clients' own checks (client.reaches-server) say what follows for each.")
        .reference("KB4025764")
        .data(json!(groups
            .iter()
            .map(|(fare, names)| (fare.key(), names.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()));
    if let Some(e) = example {
        f = f.evidence(EvidenceItem::new(e).note("a request of one of the clients given"));
    }
    Some(f)
}
