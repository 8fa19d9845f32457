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
use crate::i18n::Text;
use crate::knowledge::remedy;
use crate::knowledge::{http_status, win32};
use crate::values::time::{format_utc, format_utc_range};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerIisLog,
    sources: &["KB4025764", "KB943891"],
    since: "0.1.0",
    symptoms: &[
        Symptom::Iis401Unresolved,
        Symptom::Iis403Wua,
        Symptom::Iis404Content,
        Symptom::Iis404Mime,
        Symptom::Iis404OtherSite,
        Symptom::Iis404Vdir,
        Symptom::Iis500,
        Symptom::Iis500Impersonation,
        Symptom::Iis503Burst,
        Symptom::IisDropped,
        Symptom::IisOther,
        Symptom::IisTrailingSlash,
    ],
    run,
};

/// Example lines shown in a finding that gathers several kinds of requests.
const EXAMPLES_SHOWN: usize = 3;

/// Clients named in a summary.
const TOP_CLIENTS: usize = 5;

pub fn run(facts: &Facts) -> Vec<Finding> {
    let iis = &facts.iis_log;
    if iis.is_empty() {
        return vec![CHECK.skipped(crate::tr!("iis-log-no-evidence"))];
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

/// A status's meaning as the knowledge table words it, in the reader's language.
fn meaning(status: u16, sub: u32) -> (Text, Vec<&'static str>) {
    match http_status::lookup(status, Some(sub)) {
        Some(e) => {
            let text = crate::tr!(
                "code-meaning",
                code = format!("{} {}", e.code, e.name),
                meaning = e.meaning().then(e.wsus())
            );
            (text, e.sources.to_vec())
        }
        None => (Text::from(format!("HTTP {status}.{sub}.")), Vec::new()),
    }
}

fn bursts_503(iis: &IisLogFacts, pool: &str, private_memory_kb: Option<u64>) -> Option<Finding> {
    let bursts = iis.bursts_503();
    if bursts.is_empty() {
        return None;
    }
    let total: u64 = bursts.iter().map(|b| b.total).sum();
    let list = super::wsus::semicolon_list(bursts.iter().take(8).map(|b| {
        let range = format_utc_range(b.first, b.last);
        match b.endpoints.first() {
            Some((endpoint, n)) => crate::tr!(
                "iis-log-burst-mostly",
                range = range,
                count = b.total,
                peak = b.peak_per_minute,
                endpoint = endpoint,
                endpoint_count = *n
            ),
            None => crate::tr!(
                "iis-log-burst",
                range = range,
                count = b.total,
                peak = b.peak_per_minute
            ),
        }
    }));
    let all_503: Vec<(Rule, &Notable)> = iis.notable(|r| matches!(r, Rule::Unavailable503(_)));
    let clients = merged_top_clients(all_503.iter().map(|(_, n)| *n));
    let (explanation, _) = meaning(503, 0);
    let summary = if bursts.len() > 8 {
        crate::tr!(
            "iis-log-503-more",
            count = total,
            bursts = bursts.len(),
            list = list,
            more = bursts.len() - 8,
            clients = clients_text(&clients)
        )
    } else {
        crate::tr!(
            "iis-log-503",
            count = total,
            bursts = bursts.len(),
            list = list,
            clients = clients_text(&clients)
        )
    };
    let mut f = CHECK
        .finding(
            Status::Fail,
            crate::tr!("iis-log-503-title", bursts = bursts.len()),
        )
        .symptom(Symptom::Iis503Burst)
        .summary(summary)
        .explanation(crate::tr!("iis-log-503-explanation", meaning = explanation))
        .remedy(remedy::relieve_pool(
            pool,
            private_memory_kb,
            crate::tr!("iis-log-503-fix", pool = pool),
        ))
        .reference("KB4025764")
        .reference("KB4490414")
        .reference("KB943891");
    for b in bursts.iter().take(8) {
        let range = format_utc_range(b.first, b.last);
        f = f.evidence(
            EvidenceItem::new(b.example.clone()).note(match b.server.as_deref() {
                Some(server) => crate::tr!(
                    "iis-log-burst-first-server",
                    range = range,
                    count = b.total,
                    server = server
                ),
                None => crate::tr!("iis-log-burst-first", range = range, count = b.total),
            }),
        );
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
    let top = super::wsus::comma_list(clients.iter().take(TOP_CLIENTS).map(|c| {
        crate::tr!(
            "iis-log-401-client",
            ip = &c.ip,
            count = c.count,
            time = format_utc(c.first)
        )
    }));
    let f = CHECK.finding(Status::Warn,
        crate::tr!("iis-log-401-title", clients = clients.len()),
    ).symptom(Symptom::Iis401Unresolved)
    .summary(crate::tr!(
        "iis-log-401",
        unresolved = unresolved,
        total = total,
        clients = top
    ))
    .explanation(explanation)
    .remedy(Remedy::new(crate::tr!("iis-log-401-fix")))
    .reference("KB4025764")
    .reference("KB943891")
    .evidence_all(clients.iter().take(TOP_CLIENTS).map(|c| {
        EvidenceItem::new(c.example.clone()).note(crate::tr!(
            "iis-log-401-unresolved",
            ip = &c.ip,
            count = c.count,
            range = format_utc_range(c.first, c.last)
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
                4 => crate::tr!("iis-log-403-ssl-fix"),
                7 | 13 | 16 | 17 => crate::tr!("iis-log-403-client-certificate-fix"),
                6 | 501 | 502 => crate::tr!("iis-log-403-ip-restriction-fix"),
                _ => crate::tr!("iis-log-403-fix"),
            };
            let browsers = if browser > 0 {
                crate::tr!("iis-log-403-browsers", count = browser)
            } else {
                Text::default()
            };
            let mut f = CHECK.finding(Status::Fail,
                crate::tr!("iis-log-403-title", substatus = sub),
            ).symptom(Symptom::Iis403Wua)
            .summary(crate::tr!(
                "iis-log-403",
                count = n.count,
                substatus = sub,
                range = range(n.first, n.last),
                family = top_family(n),
                clients = clients_text(&n.top_clients(TOP_CLIENTS))
            ).then(browsers))
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
            let (explanation, _) = meaning(404, 0);
            let summary = if port == 0 {
                crate::tr!(
                    "iis-log-404-vdir",
                    count = n.count,
                    vdir = fam.name(),
                    range = range(n.first, n.last),
                    clients = clients_text(&n.top_clients(TOP_CLIENTS))
                )
            } else {
                crate::tr!(
                    "iis-log-404-vdir-port",
                    count = n.count,
                    vdir = fam.name(),
                    port = port,
                    range = range(n.first, n.last),
                    clients = clients_text(&n.top_clients(TOP_CLIENTS))
                )
            };
            CHECK.finding(Status::Fail, crate::tr!("iis-log-404-vdir-title", vdir = fam.name())).symptom(Symptom::Iis404Vdir)
                .summary(summary)
                .explanation(explanation)
                .remedy(
                    Remedy::new(crate::tr!("iis-log-404-vdir-fix", vdir = fam.name()))
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
                    crate::tr!("iis-log-other-site-title", port = port, served = &served_text),
                )
                .symptom(Symptom::Iis404OtherSite)
                .about_clients(every_client.iter().map(String::as_str))
                .summary(crate::tr!(
                    "iis-log-other-site",
                    count = count,
                    paths = families.iter().map(|f| format!("/{f}")).collect::<Vec<_>>().join(", "),
                    port = port,
                    range = range(first, last),
                    clients = clients_text(&clients),
                    served_count = served.len(),
                    served = &served_text
                ))
                .explanation(crate::tr!("iis-log-other-site-explanation", port = port))
                .remedy(crate::checks::client::policy::set_server_remedy(
                    crate::tr!(
                        "iis-log-other-site-fix",
                        served = &served_text,
                        policy = crate::checks::client::policy::GPO_PATH
                    ),
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
fn mime_config_says(facts: &Facts, extensions: &[String]) -> Option<(Text, Vec<EvidenceItem>)> {
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
        crate::tr!("iis-log-mime-unmapped", unmapped = join(&unmapped))
    } else if unmapped.is_empty() {
        crate::tr!("iis-log-mime-mapped", mapped = join(&mapped))
    } else {
        crate::tr!(
            "iis-log-mime-partly-mapped",
            mapped = join(&mapped),
            unmapped = join(&unmapped)
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
            let mut config_says = Text::default();
            let mut config_items = Vec::new();
            let (title, remedy, symptom) = if sub == 3 {
                let extensions = extensions_of(
                    list.iter()
                        .flat_map(|(_, n)| n.examples.iter().map(|(_, t)| t.as_str())),
                );
                if let Some((text, items)) = mime_config_says(facts, &extensions) {
                    config_says = text;
                    config_items = items;
                }
                (
                    crate::tr!("iis-log-404-mime-title", extensions = extensions.join(", ")),
                    remedy::add_mime_types(site, &extensions),
                    Symptom::Iis404Mime,
                )
            } else {
                (
                    crate::tr!("iis-log-404-too-large-title"),
                    remedy::raise_max_allowed_content_length(site),
                    Symptom::IisOther,
                )
            };
            Some(
                CHECK
                    .finding(Status::Fail, title)
                    .symptom(symptom)
                    .summary(
                        crate::tr!(
                            "iis-log-404-refused",
                            count = count,
                            substatus = sub,
                            range = range(first, last),
                            clients = clients_text(&clients)
                        )
                        .then(config_says),
                    )
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
        CHECK
            .finding(Status::Warn, crate::tr!("iis-log-404-content-title"))
            .symptom(Symptom::Iis404Content)
            .summary(crate::tr!(
                "iis-log-404-content",
                count = n.count,
                range = range(n.first, n.last),
                clients = clients_text(&n.top_clients(TOP_CLIENTS))
            ))
            // Both meanings are the knowledge tables', as they word them.
            .explanation(explanation.then(file_missing))
            .remedy(
                Remedy::new(crate::tr!("iis-log-404-content-fix"))
                    .cmd(format!("{} reset", crate::knowledge::wsus::WSUSUTIL))
                    .comment(crate::tr!("iis-log-wsusutil-reset")),
            )
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
    let mut f = CHECK
        .finding(Status::Fail, crate::tr!("iis-log-trailing-slash-title"))
        .symptom(Symptom::IisTrailingSlash)
        .summary(crate::tr!(
            "iis-log-trailing-slash",
            count = count,
            clients = clients_text(&clients)
        ))
        .explanation(crate::tr!("iis-log-trailing-slash-explanation"))
        .remedy(Remedy::new(crate::tr!("iis-log-trailing-slash-fix")))
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
                19 => crate::tr!("iis-log-500-config-fix"),
                24 => crate::tr!("iis-log-500-impersonation-fix"),
                11..=13 => crate::tr!("iis-log-500-recycling-fix"),
                _ => crate::tr!("iis-log-500-fix"),
            };
            let mut f = CHECK.finding(Status::Fail, crate::tr!("iis-log-500-title", substatus = sub)).symptom(Symptom::of_iis_status(500, sub))
                .summary(crate::tr!(
                    "iis-log-500",
                    count = n.count,
                    substatus = sub,
                    range = range(n.first, n.last),
                    family = top_family(n),
                    clients = clients_text(&n.top_clients(TOP_CLIENTS))
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
                meanings.push(crate::tr!(
                    "code-meaning",
                    code = format!("{} ({})", e.code, e.name),
                    meaning = e.meaning().then(e.wsus())
                ));
            }
        }
    }
    let mut f = CHECK
        .finding(Status::Warn, crate::tr!("iis-log-dropped-title"))
        .symptom(Symptom::IisDropped)
        .summary(crate::tr!(
            "iis-log-dropped",
            count = total,
            codes = parts.join("; ")
        ))
        // The codes' meanings are the knowledge table's, as it words them.
        .explanation(
            meanings
                .into_iter()
                .fold(Text::default(), |all, m| all.then(m)),
        )
        .remedy(Remedy::new(crate::tr!("iis-log-dropped-fix")))
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
        .finding(Status::Info, crate::tr!("iis-log-503-elsewhere-title"))
        .summary(crate::tr!(
            "iis-log-503-elsewhere",
            count = count,
            requests = other.requests
        ))
        .explanation(crate::tr!("iis-log-503-elsewhere-explanation"))
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
        Some((s, e)) => Text::from(format_utc_range(s, e)),
        None => crate::tr!("iis-log-unknown-times"),
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
    let mut summary = crate::tr!(
        "iis-log-healthy",
        requests = a.total.records,
        clients = a.clients.len(),
        span = span,
        statuses = statuses
    );
    if let Some(p) = p95 {
        summary = summary.then(crate::tr!("iis-log-healthy-p95", milliseconds = p));
    }
    if browser_403 > 0 {
        summary = summary.then(crate::tr!("iis-log-healthy-browsers", count = browser_403));
    }
    let mut f = CHECK
        .finding(Status::Pass, crate::tr!("iis-log-healthy-title"))
        .summary(summary)
        .explanation(crate::tr!("iis-log-healthy-explanation"))
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

    /// The clients of this group, for a sentence: how many, and their names.
    fn clients(self, count: usize, names: Text) -> Text {
        match self {
            Fare::Failing => crate::tr!("iis-log-fare-failing", count = count, names = names),
            Fare::SomeErrors => {
                crate::tr!("iis-log-fare-some-errors", count = count, names = names)
            }
            Fare::Served => crate::tr!("iis-log-fare-served", count = count, names = names),
            Fare::OtherApplicationsOnly => {
                crate::tr!(
                    "iis-log-fare-other-applications",
                    count = count,
                    names = names
                )
            }
            Fare::Absent => crate::tr!("iis-log-fare-absent", count = count, names = names),
            Fare::NoAddress => {
                crate::tr!("iis-log-fare-no-address", count = count, names = names)
            }
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
    let parts = groups.iter().map(|(fare, names)| {
        let shown: Vec<&str> = names.iter().take(TOP_CLIENTS * 2).copied().collect();
        let more = names.len() - shown.len();
        let shown = if more > 0 {
            crate::tr!("iis-log-names-more", names = shown.join(", "), more = more)
        } else {
            Text::from(shown.join(", "))
        };
        fare.clients(names.len(), shown)
    });
    let mut f = CHECK
        .finding(
            Status::Info,
            crate::tr!(
                "iis-log-given-clients-title",
                asked = asked,
                count = clients.len()
            ),
        )
        .summary(crate::tr!(
            "iis-log-given-clients",
            groups = super::wsus::semicolon_list(parts)
        ))
        .explanation(crate::tr!("iis-log-given-clients-explanation"))
        .reference("KB4025764")
        .data(json!(groups
            .iter()
            .map(|(fare, names)| (fare.key(), names.clone()))
            .collect::<std::collections::BTreeMap<_, _>>()));
    if let Some(e) = example {
        f = f.evidence(EvidenceItem::new(e).note(crate::tr!("iis-log-given-client-request")));
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    const REFUSED_401: &str = "#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2024-03-05 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n\
2024-03-05 00:00:01 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.1 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 401 2 5 15\n\
2024-03-05 00:02:01 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.1 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 401 2 5 15\n";

    #[test]
    fn one_client_refused_with_401_is_one_client_in_each_language() {
        let facts = super::super::wsus::test_evidence::facts(
            "u_ex240305.log",
            REFUSED_401,
            crate::facts::iis_log::ingest,
        );
        let out = run(&facts);
        assert_eq!(out.len(), 1, "{out:#?}");
        let f = &out[0];
        assert_eq!(f.status, Status::Warn);
        assert_eq!(f.symptom, Some(Symptom::Iis401Unresolved));
        assert_eq!(
            f.title,
            "1 client got 401 Unauthorized without a later success"
        );
        assert_eq!(
            f.title.local(Lang::Ja),
            "1 台のクライアントが 401 Unauthorized を受け取り、その後も成功していません"
        );
        assert_eq!(f.summary, "2 of 2 401 answers were not followed by a success for the same client (the same minute or later): 10.0.5.1 (2 from 2024-03-05T00:00:00Z).");
        assert_eq!(f.summary.local(Lang::Ja), "401 の応答 2 件のうち 2 件は、同じクライアントの成功 (同じ分またはそれ以降) が続いていません: 10.0.5.1 (2024-03-05T00:00:00Z から 2 件)。");
        assert_eq!(
            f.evidence[0].note.as_ref().unwrap().local(Lang::Ja),
            "10.0.5.1: 401 × 2 (2024-03-05T00:00:00Z – 00:02:00Z)、その後の成功なし"
        );
        let remedy = f.remedy.as_ref().unwrap();
        assert!(remedy
            .text
            .starts_with("Check that the WSUS client virtual directories"));
        assert!(remedy.commands.is_empty());
        assert!(remedy
            .text
            .local(Lang::Ja)
            .starts_with("WSUS クライアント用の仮想ディレクトリ"));
    }

    #[test]
    fn bursts_and_clients_are_counted_in_english_plurals() {
        let one = crate::tr!("iis-log-503-title", bursts = 1usize);
        let two = crate::tr!("iis-log-503-title", bursts = 2usize);
        assert_eq!(
            &*one,
            "WsusPool answered 503 Service Unavailable in 1 burst"
        );
        assert_eq!(
            &*two,
            "WsusPool answered 503 Service Unavailable in 2 bursts"
        );
        assert_eq!(
            two.local(Lang::Ja),
            "WsusPool が 2 回の集中で 503 Service Unavailable を返しました"
        );
    }
}
