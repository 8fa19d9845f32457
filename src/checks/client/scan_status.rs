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
use crate::finding::{CheckId, EvidenceItem, Finding, Remedy, Status, Symptom, Text};
use crate::knowledge::{hresult, remedy};
use serde_json::json;
use std::collections::BTreeMap;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientScanStatus,
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
fn some_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Text {
    some_items(names.into_iter().map(Text::from).collect(), ", ")
}

/// The first [`NAMES_SHOWN`] items joined by `separator`, and how many more there are. Items
/// that are messages stay messages, so each reads in the reader's language.
fn some_items(items: Vec<Text>, separator: &str) -> Text {
    let more = items.len().saturating_sub(NAMES_SHOWN);
    let shown = items
        .into_iter()
        .take(NAMES_SHOWN)
        .reduce(|list, item| {
            if list.is_message() || item.is_message() {
                crate::tr!(
                    "scan-status-list",
                    list = list,
                    separator = separator,
                    item = item
                )
            } else {
                Text::from(format!("{list}{separator}{item}"))
            }
        })
        .unwrap_or_default();
    match more {
        0 => shown,
        more => crate::tr!("scan-status-names-and-more", names = shown, more = more),
    }
}

/// `first of 3 machine(s)`: the row shown for a group.
fn first_of(count: usize) -> Text {
    crate::tr!("scan-status-first-of", count = count)
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
        return vec![CHECK.skipped(crate::tr!("scan-status-skipped"))];
    }
    let all = scans.machines();
    let mut out = Vec::new();
    let healthy: Vec<&MachineScan> = all.iter().filter(|m| m.is_healthy()).collect();
    if !healthy.is_empty() {
        out.push(
            CHECK
                .finding(
                    Status::Pass,
                    crate::tr!(
                        "scan-status-healthy-title",
                        count = healthy.len(),
                        total = all.len()
                    ),
                )
                .summary(crate::tr!(
                    "scan-status-healthy-summary",
                    machines = some_names(healthy.iter().map(|m| m.row.machine.as_str()))
                ))
                .explanation(crate::tr!("scan-status-healthy-explanation"))
                .evidence(row_item(healthy[0]).note(first_of(healthy.len())))
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
    // The table's meaning and advice are the knowledge base's words.
    let meaning = entry.map_or_else(|| crate::tr!("scan-status-unknown-code"), |e| e.meaning());
    let names = some_names(group.iter().map(|m| m.row.machine.as_str()));
    let mut explanation = crate::tr!(
        "scan-status-code-meaning",
        code = hresult::format(code),
        meaning = &meaning
    );
    if let Some(e) = entry.filter(|e| !e.wsus().is_empty()) {
        explanation = explanation.then(e.wsus());
    }
    if group.len() * 2 > total {
        explanation = explanation.then(crate::tr!("scan-status-most-fleet"));
    }
    let pairs = hresult::pairs_with_503(code);
    let fix = if pairs {
        let pool = crate::knowledge::wsus::SETUP_POOL_NAME;
        remedy::relieve_pool(
            pool,
            private_memory_kb,
            crate::tr!("scan-status-relieve-pool", pool = pool),
        )
    } else {
        Remedy::new(match entry {
            Some(e) if !e.wsus().is_empty() => e.wsus(),
            _ => crate::tr!("scan-status-read-log", code = hresult::format(code)),
        })
    };
    let fix = fix
        .powershell(SCAN_CYCLE_COMMAND)
        .comment(crate::tr!("scan-status-scan-cycle-comment"));
    let mut f = CHECK
        .finding(
            Status::Fail,
            crate::tr!(
                "scan-status-error-title",
                count = group.len(),
                code = hresult_label(code)
            ),
        )
        .summary(crate::tr!(
            "scan-status-error-summary",
            meaning = meaning,
            family = family.label(),
            machines = names
        ))
        .explanation(explanation)
        .evidence(row_item(group[0]).note(first_of(group.len())))
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
            .push(EvidenceItem::new(c.example.clone()).note(crate::tr!(
                "scan-status-iis-request",
                machine = &m.row.machine,
                ip = &c.ip
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
    let states: Vec<Text> = group
        .iter()
        .map(|m| match m.row.state {
            Some(s) => Text::from(format!("{} ({})", m.row.machine, s.name())),
            None => crate::tr!("scan-status-no-state", machine = &m.row.machine),
        })
        .collect();
    Some(
        CHECK
            .finding(Status::Info, crate::tr!("scan-status-unfinished-title", count = group.len()))
            .summary(crate::tr!("scan-status-unfinished-summary", machines = some_items(states, ", ")))
            .explanation(crate::tr!("scan-status-unfinished-explanation"))
            .evidence(row_item(first).note(first_of(group.len())))
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
            .finding(Status::Warn, crate::tr!("scan-status-stale-title", count = group.len(), days = STALE_DAYS))
            .summary(crate::tr!("scan-status-stale-summary", newest = newest.to_string(), machines = some_names(listed.iter().map(String::as_str))))
            .explanation(crate::tr!("scan-status-stale-explanation"))
            .evidence(row_item(oldest).note(crate::tr!("scan-status-oldest-scan")))
            .remedy(Remedy::new(crate::tr!("scan-status-stale-remedy")).powershell(SCAN_CYCLE_COMMAND).comment(crate::tr!("scan-status-each-client")))
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
                    crate::tr!(
                        "scan-status-one-location-title",
                        count = main_group.len(),
                        location = main
                    ),
                )
                .summary(crate::tr!(
                    "scan-status-one-location-summary",
                    location = main
                ))
                .explanation(crate::tr!("scan-status-one-location-explanation"))
                .reference("CM-SU-VIEWS")
                .data(data),
        );
    }
    let others: Vec<Text> = groups[1..]
        .iter()
        .map(|(l, g)| {
            let names = some_names(g.iter().map(|m| m.row.machine.as_str()));
            if names.is_message() {
                crate::tr!(
                    "scan-status-location-machines",
                    location = l,
                    machines = names
                )
            } else {
                Text::from(format!("{l}: {names}"))
            }
        })
        .collect();
    // Every location is listed: the names of each are already cut short.
    let others = others
        .into_iter()
        .reduce(|list, item| {
            if list.is_message() || item.is_message() {
                crate::tr!(
                    "scan-status-list",
                    list = list,
                    separator = "; ",
                    item = item
                )
            } else {
                Text::from(format!("{list}; {item}"))
            }
        })
        .unwrap_or_default();
    let f = CHECK
        .finding(
            Status::Warn,
            crate::tr!("scan-status-locations-title", count = groups.len()),
        )
        .summary(crate::tr!(
            "scan-status-locations-summary",
            count = main_group.len(),
            location = main,
            others = others
        ))
        .explanation(crate::tr!("scan-status-locations-explanation"))
        .evidence_all(groups[1..].iter().map(|(l, g)| {
            row_item(g[0]).note(crate::tr!(
                "scan-status-first-of-location",
                count = g.len(),
                location = l
            ))
        }))
        .remedy(
            Remedy::new(crate::tr!("scan-status-locations-remedy"))
                .cmd("gpresult /h gpresult.html")
                .comment(crate::tr!("scan-status-gpresult-comment"))
                .powershell(SCAN_CYCLE_COMMAND),
        )
        .reference("CM-SU-VIEWS")
        .reference("CM-COMPLIANCE")
        .reference("KB3090184")
        .data(data);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn facts(csv: &str) -> Facts {
        let file = crate::evidence::EvidenceFile::memory("scan.csv", csv.as_bytes().to_vec());
        let ing =
            crate::facts::scan_status::ingest(&file, crate::evidence::text::TextEncoding::UTF8)
                .unwrap();
        let mut f = Facts::default();
        f.scan_status.merge(ing.facts.scan_status);
        f.finish();
        f
    }

    #[test]
    fn a_fleet_failing_alike_is_one_group_in_each_language() {
        let mut csv = String::from("Name0,LastErrorCode,LastScanState,LastScanTime\n");
        csv.push_str("PC00,0,3,2024-03-05 09:00:00.000\n");
        for i in 1..=12 {
            csv.push_str(&format!("PC{i:02},-2145107934,5,2024-03-05 09:00:00.000\n"));
        }
        let out = run(&facts(&csv));
        assert_eq!(out[0].status, Status::Pass);
        assert_eq!(
            out[0].title,
            "1 of 13 machine(s) last scanned without error"
        );
        assert_eq!(
            out[0].title.local(Lang::Ja),
            "13 台のうち 1 台のマシンは、最後のスキャンがエラーなしで完了しています"
        );
        let group = &out[1];
        assert_eq!(group.status, Status::Fail);
        let label = hresult_label(0x80244022);
        assert_eq!(
            group.title,
            format!("12 machine(s) last scanned with {label}")
        );
        assert_eq!(
            group.title.local(Lang::Ja),
            format!("12 台のマシンの最後のスキャンが {label} で失敗しています")
        );
        let names = "PC01, PC02, PC03, PC04, PC05, PC06, PC07, PC08, PC09, PC10";
        assert!(
            group
                .summary
                .ends_with(&format!("Machines: {names} and 2 more.")),
            "{}",
            group.summary
        );
        assert!(group
            .summary
            .local(Lang::Ja)
            .ends_with(&format!("マシン: {names} ほか 2 台。")));
        assert!(group
            .explanation
            .local(Lang::Ja)
            .ends_with("大半のマシンが同じように失敗しています。クライアントより先に、クライアントに共通するもの (WSUS サーバーとそこまでの経路) を調べてください。"));
        assert!(group
            .remedy
            .as_ref()
            .unwrap()
            .text
            .starts_with("Time-outs and 503s across clients point to the WSUS application pool"));
        assert_eq!(
            group.evidence[0].note.as_ref().unwrap().local(Lang::Ja),
            "12 台のうち最初のマシン"
        );
    }
}
