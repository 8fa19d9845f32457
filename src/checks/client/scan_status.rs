//! `client.scan-status`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! Reads the site's record of every client's last scan (`v_UpdateScanStatus`, CM-SU-VIEWS):
//! machines grouped by their last error with the code's meaning and family from the HRESULT
//! table, machines whose last scan is old, and machines scanning against another WSUS location
//! than the rest. Time-out and 503 groups carry the symptoms `client.wu-log` gives the same
//! errors, so the diagnosis pairs them with the server's evidence as it does one client's log.

use super::configmgr::SCAN_CYCLE_COMMAND;
use super::wu_log::hresult_label;
use crate::checks::catalogue::Check;
use crate::facts::scan_status::MachineScan;
use crate::facts::Facts;
use crate::finding::{CheckId, EvidenceItem, Finding, Remedy, Status, Symptom};
use crate::knowledge::{hresult, remedy};
use serde_json::json;
use std::collections::BTreeMap;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientScanStatus,
    title: "Scan status of the Configuration Manager clients",
    guide_step: "On the Configuration Manager site: list the clients' last scan errors (v_UpdateScanStatus, the 'Scan 1 - Last scan states by collection' report)",
    what: "Groups the machines of a ConfigMgr scan status export by their last scan error, with the error's meaning and family; lists the machines whose last scan is more than 7 days older than the newest one in the export, and the machines that scan against another WSUS location than the others.",
    why: "One client's logs show one client; the site's scan status shows which errors many clients share. Most clients failing with a time-out or 503 points to the WSUS server, a few clients with their own error to those clients; clients that stopped scanning or scan another server are out of the site's view.",
    evidence: "A CSV or tab-separated export of v_UpdateScanStatus joined with v_R_System (SQL Server Management Studio 'Save Results As', or a software updates report exported as CSV), with a header row: machine name (Name0, Netbios_Name0, MachineName, Computer), LastErrorCode, LastScanState, LastScanTime, LastScanPackageLocation, LastWUAVersion, optionally an IP address.",
    fix: "Fix what the largest group's error points to (for time-outs and 503s: the WSUS application pool, see server.app-pool), then run a Software Updates Scan Cycle on the listed clients and export the scan status again.",
    sources: &["CM-SU-VIEWS", "KB3090184", "CM-COMPLIANCE", "WU-ERRORS"],
    since: "0.1.0",
    symptoms: &[Symptom::WuLog503, Symptom::WuLogTimeouts],
    run,
};

/// How many machine names a summary shows; `data` lists them all.
const NAMES_SHOWN: usize = 10;
/// A last scan this much older than the export's newest one is an old scan.
const STALE_DAYS: i64 = 7;

/// `PC01, PC02 and 5 more`.
fn some_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.into_iter().collect();
    let shown = names[..names.len().min(NAMES_SHOWN)].join(", ");
    match names.len().saturating_sub(NAMES_SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

fn row_item(m: &MachineScan) -> EvidenceItem {
    EvidenceItem::new(m.origin.clone()).excerpt(m.row.text.clone())
}

/// How many machines of a group run each Windows Update Agent version: an old agent shared by
/// the failing machines is a lead.
fn wua_versions<'a>(group: &[&'a MachineScan]) -> BTreeMap<&'a str, usize> {
    let mut out = BTreeMap::new();
    for v in group.iter().filter_map(|m| m.row.wua_version.as_deref()) {
        *out.entry(v).or_default() += 1;
    }
    out
}

fn machine_names(group: &[&MachineScan]) -> Vec<String> {
    group.iter().map(|m| m.row.machine.clone()).collect()
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let scans = &facts.scan_status;
    if scans.is_empty() {
        return vec![CHECK.skipped(
            "no Configuration Manager scan status export (v_UpdateScanStatus) among the evidence",
        )];
    }
    let all = scans.machines();
    let mut out = Vec::new();
    let healthy: Vec<&MachineScan> = all.iter().filter(|m| m.is_healthy()).collect();
    if !healthy.is_empty() {
        out.push(
            CHECK
                .finding(
                    Status::Pass,
                    format!("{} of {} machine(s) last scanned without error", healthy.len(), all.len()),
                )
                .summary(format!(
                    "LastErrorCode 0 and a completed scan: {}.",
                    some_names(healthy.iter().map(|m| m.row.machine.as_str()))
                ))
                .explanation("The site's last record of these clients is a successful scan against their software update point.")
                .evidence(row_item(healthy[0]).note(format!("first of {} machine(s)", healthy.len())))
                .reference("CM-SU-VIEWS")
                .data(json!({"count": healthy.len(), "machines": machine_names(&healthy)})),
        );
    }
    out.extend(error_groups(facts, all));
    out.extend(unfinished(all));
    out.extend(stale(scans.newest(), all));
    out.extend(locations(all));
    out
}

/// One finding per last error code, the largest group first.
fn error_groups(facts: &Facts, all: &[MachineScan]) -> Vec<Finding> {
    let mut by_code: BTreeMap<u32, Vec<&MachineScan>> = BTreeMap::new();
    for m in all {
        if let Some(code) = m.row.error.filter(|&e| e != 0) {
            by_code.entry(code).or_default().push(m);
        }
    }
    let mut groups: Vec<(u32, Vec<&MachineScan>)> = by_code.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let private_memory_kb = crate::checks::server::wsus::pool_private_memory_kb(facts);
    groups
        .into_iter()
        .map(|(code, group)| {
            let f = error_group(code, &group, all.len(), private_memory_kb);
            with_iis_log(f, &facts.iis_log, &group)
        })
        .collect()
}

fn error_group(
    code: u32,
    group: &[&MachineScan],
    total: usize,
    private_memory_kb: Option<u64>,
) -> Finding {
    let entry = hresult::lookup(code);
    let family = hresult::family(code);
    let meaning = entry.map_or("A code the HRESULT table does not list.".to_string(), |e| {
        e.meaning().to_string()
    });
    let names = some_names(group.iter().map(|m| m.row.machine.as_str()));
    let mut explanation = format!("{} {meaning}", hresult::format(code));
    if let Some(e) = entry.filter(|e| !e.wsus().is_empty()) {
        explanation.push(' ');
        explanation.push_str(&e.wsus());
    }
    let share = if group.len() * 2 > total {
        " Most of the fleet fails alike: look at what the clients share, the WSUS server and the way to it, before the clients."
    } else {
        ""
    };
    explanation.push_str(share);
    let pairs = hresult::pairs_with_503(code);
    let fix = if pairs {
        let pool = crate::knowledge::wsus::SETUP_POOL_NAME;
        remedy::relieve_pool(pool, private_memory_kb, format!("Time-outs and 503s across clients point to the WSUS application pool: raise {pool}'s Private Memory Limit (the guide: from 4 GB to 8 GB or more) and run the WSUS maintenance (decline superseded updates, re-index the database); confirm with 503s in the server's IIS log (server.iis-log)."))
    } else {
        Remedy::new(match entry {
            Some(e) if !e.wsus().is_empty() => e.wsus().to_string(),
            _ => format!("Read WindowsUpdate.log of one of these clients around its last scan for the failing request (wsus-doctor explain {}).", hresult::format(code)),
        })
    };
    let fix = fix
        .powershell(SCAN_CYCLE_COMMAND)
        .comment("then on each listed client: a Software Updates Scan Cycle reports a fresh scan to the site");
    let mut f = CHECK
        .finding(
            Status::Fail,
            format!(
                "{} machine(s) last scanned with {}",
                group.len(),
                hresult_label(code)
            ),
        )
        .summary(format!(
            "{meaning} Family: {}. Machines: {names}.",
            family.label()
        ))
        .explanation(explanation)
        .evidence(row_item(group[0]).note(format!("first of {} machine(s)", group.len())))
        .remedy(fix)
        .reference("CM-SU-VIEWS")
        .reference("KB3090184")
        .data(json!({
            "hresult": hresult::format(code),
            "name": entry.map(|e| e.name),
            "family": family.label(),
            "count": group.len(),
            "machines": machine_names(group),
            "wua_versions": wua_versions(group),
        }))
        .about_clients(group.iter().filter_map(|m| m.row.address.as_deref()));
    if pairs {
        f = f
            .symptom(Symptom::of_client_error(code))
            .reference("KB4025764");
    }
    f
}

/// Pairs a group with the server's IIS log by the machines' addresses: a client the log shows
/// reached the server and was answered (with a 503, perhaps), one it does not show did not reach
/// this server in the log's hours.
fn with_iis_log(
    mut f: Finding,
    iis: &crate::facts::iis_log::IisLogFacts,
    group: &[&MachineScan],
) -> Finding {
    if iis.is_empty() || group.iter().all(|m| m.row.address.is_none()) {
        return f;
    }
    let mut seen = Vec::new();
    let mut unseen = Vec::new();
    for m in group {
        let Some(ip) = m.row.address.as_deref() else {
            continue;
        };
        match iis.client(ip.trim()) {
            Some(c) => seen.push((*m, c)),
            None => unseen.push(*m),
        }
    }
    let answered_503 = seen
        .iter()
        .filter(|(_, c)| c.statuses.get(&503).is_some_and(|n| *n > 0))
        .count();
    let shown = if unseen.is_empty() {
        crate::tr!(
            "scan-status-iis-from-all",
            seen = seen.len(),
            answered = answered_503
        )
    } else {
        crate::tr!(
            "scan-status-iis-from-some",
            seen = seen.len(),
            answered = answered_503,
            unseen = some_names(unseen.iter().map(|m| m.row.machine.as_str()))
        )
    };
    f.summary = std::mem::take(&mut f.summary).then(shown);
    if let Some((m, c)) = seen.first() {
        f.evidence
            .push(EvidenceItem::new(c.example.clone()).note(format!(
                "a request from {} ({}) in the server's IIS log",
                m.row.machine, c.ip
            )));
    }
    if let Some(data) = f.data.as_object_mut() {
        data.insert(
            "iis_log".into(),
            json!({
                "seen": seen.iter().map(|(m, c)| json!({"machine": m.row.machine, "ip": c.ip, "requests": c.requests, "503": c.statuses.get(&503).copied().unwrap_or(0)})).collect::<Vec<_>>(),
                "not_seen": unseen.iter().map(|m| json!({"machine": m.row.machine})).collect::<Vec<_>>(),
            }),
        );
    }
    f
}

/// Machines without an error whose last scan did not complete (running, waiting, pending retry).
fn unfinished(all: &[MachineScan]) -> Option<Finding> {
    let group: Vec<&MachineScan> = all
        .iter()
        .filter(|m| m.row.error.is_none_or(|e| e == 0) && !m.is_healthy())
        .collect();
    let first = group.first()?;
    let states: Vec<String> = group
        .iter()
        .map(|m| {
            let state = m.row.state.map_or("no state".to_string(), |s| s.name());
            format!("{} ({state})", m.row.machine)
        })
        .collect();
    Some(
        CHECK
            .finding(Status::Info, format!("{} machine(s) have no completed scan on record", group.len()))
            .summary(format!("No error, but no completed scan either: {}.", some_names(states.iter().map(String::as_str))))
            .explanation("The site has no result of their last scan: it is running, waiting, pending a retry, or the client never reported one. The LastScanState names are those of topic type 501 in v_StateNames (UNCONFIRMED: no Microsoft page lists the numbers).")
            .evidence(row_item(first).note(format!("first of {} machine(s)", group.len())))
            .reference("CM-SU-VIEWS")
            .data(json!({
                "count": group.len(),
                "machines": group.iter().map(|m| json!({"machine": m.row.machine, "state": m.row.state.map(|s| s.id()), "state_name": m.row.state.map(|s| s.name())})).collect::<Vec<_>>(),
            })),
    )
}

/// Machines whose last scan is more than [`STALE_DAYS`] before the newest scan in the export.
fn stale(newest: Option<crate::values::time::Stamp>, all: &[MachineScan]) -> Option<Finding> {
    let newest = newest?;
    let limit = newest
        .civil
        .checked_sub(jiff::Span::new().days(STALE_DAYS))
        .ok()?;
    let mut group: Vec<&MachineScan> = all
        .iter()
        .filter(|m| m.row.time.is_some_and(|t| t.civil < limit))
        .collect();
    group.sort_by_key(|m| m.row.time.map(|t| t.civil));
    let oldest = group.first()?;
    let listed: Vec<String> = group
        .iter()
        .map(|m| {
            format!(
                "{} ({})",
                m.row.machine,
                m.row
                    .time
                    .map(|t| t.civil.date().to_string())
                    .unwrap_or_default()
            )
        })
        .collect();
    Some(
        CHECK
            .finding(Status::Warn, format!("{} machine(s) not scanned since more than {STALE_DAYS} days before the newest scan", group.len()))
            .summary(format!("The newest scan in the export is {newest}; these machines' last scans are older: {}.", some_names(listed.iter().map(String::as_str))))
            .explanation("A client that has not reported a scan for days is switched off, has a broken ConfigMgr client, or fails before it can report; its error code in the export is as old as its scan.")
            .evidence(row_item(oldest).note("the oldest last scan"))
            .remedy(Remedy::new("Check that these clients are on and their ConfigMgr client healthy, then run a Software Updates Scan Cycle on them.").powershell(SCAN_CYCLE_COMMAND).comment("on each listed client"))
            .reference("CM-SU-VIEWS")
            .reference("CM-COMPLIANCE")
            .data(json!({
                "newest": newest,
                "days": STALE_DAYS,
                "count": group.len(),
                "machines": group.iter().map(|m| json!({"machine": m.row.machine, "last_scan": m.row.time})).collect::<Vec<_>>(),
            })),
    )
}

/// The WSUS locations the machines scan against, and those that differ from the most common.
fn locations(all: &[MachineScan]) -> Option<Finding> {
    let mut by_location: BTreeMap<String, Vec<&MachineScan>> = BTreeMap::new();
    for m in all {
        if let Some(l) = &m.row.location {
            by_location
                .entry(l.trim().trim_end_matches('/').to_ascii_lowercase())
                .or_default()
                .push(m);
        }
    }
    let mut groups: Vec<(String, Vec<&MachineScan>)> = by_location.into_iter().collect();
    groups.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
    let (main, main_group) = groups.first()?;
    let data = json!({
        "locations": groups.iter().map(|(l, g)| json!({"location": l, "count": g.len(), "machines": machine_names(g)})).collect::<Vec<_>>(),
    });
    if groups.len() == 1 {
        return Some(
            CHECK
                .finding(
                    Status::Info,
                    format!(
                        "All {} machine(s) with a location scan against {main}",
                        main_group.len()
                    ),
                )
                .summary(format!(
                    "LastScanPackageLocation is {main} for every machine that has one."
                ))
                .explanation("The clients scan against one software update point.")
                .reference("CM-SU-VIEWS")
                .data(data),
        );
    }
    let others: Vec<String> = groups[1..]
        .iter()
        .map(|(l, g)| {
            format!(
                "{l}: {}",
                some_names(g.iter().map(|m| m.row.machine.as_str()))
            )
        })
        .collect();
    let f = CHECK
        .finding(Status::Warn, format!("Machines scan against {} different WSUS locations", groups.len()))
        .summary(format!("{} machine(s) scan against {main}; the others: {}.", main_group.len(), others.join("; ")))
        .explanation("LastScanPackageLocation is the WSUS server the client last scanned against. With one software update point every client should name it; another location means a Group Policy overriding the one ConfigMgr writes (client.configmgr), a client of another site, or a software update point that was moved.")
        .evidence_all(groups[1..].iter().map(|(l, g)| row_item(g[0]).note(format!("first of {} machine(s) scanning against {l}", g.len()))))
        .remedy(Remedy::new("On a client of a minority location, read WUAHandler.log for 'Group policy settings were overwritten by a higher authority' and gpresult for the WSUS location policy; remove the GPO's location or make it name the software update point, then run a Software Updates Scan Cycle.").cmd("gpresult /h gpresult.html").comment("on a listed client: shows which GPO sets the Windows Update policy").powershell(SCAN_CYCLE_COMMAND))
        .reference("CM-SU-VIEWS")
        .reference("CM-COMPLIANCE")
        .reference("KB3090184")
        .data(data);
    Some(f)
}
