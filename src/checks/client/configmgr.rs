//! `client.configmgr`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! Compares the WSUS location the management point handed out (LocationServices.log) with the
//! policy registry and with what WindowsUpdate.log used; reports Group Policy overriding the
//! software update point and scan errors from WUAHandler.log / ScanAgent.log (CM-COMPLIANCE,
//! KB3090184). When no location is logged, the guide says a Software Updates Scan Cycle may have
//! to be forced so that it is (KB4025764).

use super::policy::{policy_server, GPO_PATH};
use super::wu_log::hresult_label;
use crate::checks::catalogue::Check;
use crate::facts::configmgr::WsusLocation;
use crate::facts::configmgr::{E_FAIL, GROUP_POLICY_CONFLICT};
use crate::facts::wu_log::ServerSource;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::knowledge::hresult;
use crate::knowledge::remedy::{self, LOCAL_POLICY_FILE};
use crate::values::wsus_url::{self, Severity, UrlProblemCode};
use serde_json::json;
use std::collections::BTreeMap;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientConfigmgr,
    title: "WSUS location from Configuration Manager",
    guide_step: "On Configuration Manager clients: check ccm\\logs\\LocationServices.log for the WSUS entry",
    what: "Compares the WSUS location Configuration Manager handed out with the policy registry and with what WindowsUpdate.log used; finds Group Policy overriding the software update point (also as error 0x87D00692), a corrupt local policy file (Registry.pol) and scan errors in WUAHandler.log.",
    why: "A Group Policy that overrides the software update point, or a client given the wrong location, scans against the wrong server.",
    evidence: "LocationServices.log, WUAHandler.log, ScanAgent.log, UpdatesDeployment.log.",
    fix: "Remove the conflicting Group Policy, rename a corrupt Registry.pol and refresh policy, or force a Software Updates Scan Cycle so the location is logged.",
    sources: &["KB4025764", "CM-COMPLIANCE", "KB3090184"],
    since: "0.1.0",
    symptoms: &[Symptom::ConfigmgrCorruptPolicy, Symptom::ConfigmgrGpoOverride, Symptom::ConfigmgrLocationDiffers, Symptom::ConfigmgrNoLocation, Symptom::ConfigmgrScanErrors],
    run,
};

/// The Software Updates Scan Cycle schedule of the ConfigMgr client (CM-COMPLIANCE).
pub(crate) const SCAN_CYCLE_COMMAND: &str = r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#;

/// How to make the client log its WSUS location.
pub(crate) fn force_scan_remedy() -> Remedy {
    Remedy::new("Force a Software Updates Scan Cycle on the client (Configuration Manager control panel > Actions > Software Updates Scan Cycle, or the command below), then read LocationServices.log again for the 'WSUS Path=' line.")
        .powershell(SCAN_CYCLE_COMMAND)
        .comment("run elevated on the client; the schedule id is the Software Updates Scan Cycle")
}

fn location_item(l: &WsusLocation) -> EvidenceItem {
    let mut i = EvidenceItem::new(l.origin.clone()).excerpt(format!(
        "WSUS Path='{}', Server='{}', Version='{}'",
        l.path, l.server, l.version
    ));
    if let Some(t) = l.time {
        i = i.note(format!("at {t}"));
    }
    i
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let cm = &facts.configmgr;
    if cm.is_empty() {
        return vec![CHECK.skipped("no Configuration Manager client logs among the evidence")];
    }
    let mut out = Vec::new();
    let location = cm.wsus_locations().last();
    let policy = policy_server(&facts.registry);

    match location {
        None => {
            let (title, why) = if cm.has_location_services {
                ("LocationServices.log holds no WSUS location", "LocationServices.log was read but has no 'WSUS Path=' line: the client has not asked for its software update point since the log rolled over, or the management point returned no location (a failed SUP synchronisation or a content version mismatch, KB3090184).")
            } else {
                ("LocationServices.log is not among the evidence", "The ConfigMgr logs read do not include LocationServices.log, which records the WSUS location the management point gave the client; the guide asks to check it.")
            };
            let files = cm.location_services_files.iter().map(|p| {
                EvidenceItem::new(crate::values::EvidenceRef::file(p.clone(), None))
                    .note("no 'WSUS Path=' line")
            });
            out.push(CHECK.finding(if cm.has_location_services { Status::Warn } else { Status::Info }, title).symptom(Symptom::ConfigmgrNoLocation)
                .evidence_all(files)
                .summary("The WSUS server ConfigMgr assigned to this client cannot be confirmed from the evidence.")
                .explanation(format!("{why} The guide: it may be necessary to force a Software Updates Scan Cycle so that the entry is logged (KB4025764)."))
                .remedy(force_scan_remedy())
                .reference("KB4025764")
                .reference("CM-COMPLIANCE"));
        }
        Some(l) => {
            let url = wsus_url::check(&l.path);
            for p in url
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Fail || p.code == UrlProblemCode::TrailingSlash)
            {
                out.push(CHECK.finding(Status::Warn, format!("The software update point's URL '{}' is malformed", l.path)).symptom(Symptom::ConfigmgrLocationDiffers)
                    .summary(format!("The location ConfigMgr handed out: {}.", p.message))
                    .explanation("ConfigMgr writes this URL into the WUServer policy; fix the software update point's site system name or port in the console.")
                    .evidence(location_item(l))
                    .reference("CM-COMPLIANCE"));
            }
            if let Some((v, pol)) = &policy {
                if !url.same_server(pol) {
                    out.push(CHECK.finding(Status::Fail, "The WUServer policy differs from the software update point ConfigMgr assigned").symptom(Symptom::ConfigmgrLocationDiffers)
                        .summary(format!("ConfigMgr assigned {} but WUServer is {}: the agent scans the policy's server.", l.path, pol.raw.trim()))
                        .explanation("The ConfigMgr client writes the software update point into the local policy; a domain Group Policy 'Specify intranet Microsoft update service location' overrides it and the client then scans a server ConfigMgr does not know, so its scans fail or report nothing (CM-COMPLIANCE, KB3090184).")
                        .evidence(location_item(l))
                        .evidence(EvidenceItem::new(v.origin.clone()).excerpt(format!("WUServer = {}", v.data.display())))
                        .remedy(Remedy::new(format!("Remove the domain GPO setting '{GPO_PATH}' from ConfigMgr clients (or make it name the software update point), then refresh policy and force a scan cycle."))
                            .cmd("gpupdate /force")
                            .powershell(SCAN_CYCLE_COMMAND))
                        .reference("CM-COMPLIANCE")
                        .reference("KB3090184"));
                }
            }
            let used = facts
                .wu_log
                .servers_used()
                .iter()
                .rev()
                .find(|s| s.source == ServerSource::WsusServer);
            if let Some(u) = used {
                if !u.is_null() && !wsus_url::check(&u.url).same_server(&url) {
                    out.push(CHECK.finding(Status::Warn, "WindowsUpdate.log used another server than ConfigMgr assigned").symptom(Symptom::ConfigmgrLocationDiffers)
                        .summary(format!("ConfigMgr assigned {}; the agent last logged WSUS server {}.", l.path, u.url))
                        .explanation("The agent uses what the policy says at the time of the scan; a different server means the policy was overwritten (Group Policy) or the evidence is from different moments.")
                        .evidence(location_item(l))
                        .evidence(EvidenceItem::new(u.origin.clone()).excerpt(u.excerpt.clone()))
                        .reference("CM-COMPLIANCE"));
                }
            }
        }
    }

    for o in cm.gpo_overrides() {
        let server = o.server.as_deref().unwrap_or("another server");
        let differs = location
            .is_some_and(|l| !wsus_url::check(server).same_server(&wsus_url::check(&l.path)));
        out.push(CHECK.finding(if differs || location.is_none() { Status::Fail } else { Status::Warn }, "Group Policy overrides the software update point").symptom(Symptom::ConfigmgrGpoOverride)
            .summary(format!("WUAHandler: the Windows Update policy was overwritten by a higher authority ({}) to server {server}.", o.authority.as_deref().unwrap_or("Group Policy")))
            .explanation("A domain GPO setting 'Specify intranet Microsoft update service location' wins over the ConfigMgr client's local policy; when it names another server, ConfigMgr scans fail or report against the wrong server (CM-COMPLIANCE, KB3090184).")
            .evidence(EvidenceItem::new(o.origin.clone()).excerpt(o.excerpt.clone()))
            .remedy(Remedy::new(format!("Remove '{GPO_PATH}' from the GPOs that apply to ConfigMgr clients, or make it name the software update point; then refresh policy."))
                .cmd("gpresult /h gpresult.html")
                .comment("shows which GPO sets the Windows Update policy")
                .cmd("gpupdate /force"))
            .reference("CM-COMPLIANCE")
            .reference("KB3090184"));
    }

    out.extend(corrupt_local_policy(cm));
    out.extend(group_policy_conflict(cm));

    // Scan errors grouped by HRESULT.
    let mut by_code: BTreeMap<u32, Vec<&crate::facts::configmgr::ScanError>> = BTreeMap::new();
    for e in cm.scan_errors() {
        by_code.entry(e.hresult).or_default().push(e);
    }
    for (code, errs) in &by_code {
        let Some(first) = errs.first() else { continue };
        let entry = hresult::lookup(*code);
        let mut f = CHECK
            .finding(
                Status::Fail,
                format!("Software update scans fail with {}", hresult_label(*code)),
            )
            .symptom(Symptom::ConfigmgrScanErrors)
            .summary(format!(
                "{} scan failure(s) logged by {}{}.",
                errs.len(),
                first.component,
                first
                    .time
                    .map_or(String::new(), |t| format!(", first at {t}"))
            ))
            .explanation(entry.map_or(
                "See WindowsUpdate.log for the failing request (client.wu-log).".to_string(),
                |e| format!("{} {}", e.meaning(), e.wsus()),
            ))
            .evidence(EvidenceItem::new(first.origin.clone()).excerpt(first.excerpt.clone()))
            .reference("KB3090184")
            .data(json!({"hresult": hresult::format(*code), "count": errs.len()}));
        if let Some(last) = errs.last().filter(|_| errs.len() > 1) {
            f = f.evidence(
                EvidenceItem::new(last.origin.clone())
                    .excerpt(last.excerpt.clone())
                    .note("last"),
            );
        }
        out.push(f);
    }

    if let Some(m) = cm.managed_server_settings().last() {
        if let Some(l) = location {
            if !wsus_url::check(&m.server).same_server(&wsus_url::check(&l.path)) {
                out.push(CHECK.finding(Status::Warn, "WUAHandler set another server than LocationServices received").symptom(Symptom::ConfigmgrLocationDiffers)
                    .summary(format!("WUAHandler: managed server {}; LocationServices: {}.", m.server, l.path))
                    .explanation("The two logs should name the same software update point; a difference means the assignment changed between the entries or an older server stayed in the policy.")
                    .evidence(EvidenceItem::new(m.origin.clone()).excerpt(m.server.clone()))
                    .evidence(location_item(l))
                    .remedy(force_scan_remedy())
                    .reference("CM-COMPLIANCE"));
            }
        }
    }

    if !out
        .iter()
        .any(|f| matches!(f.status, Status::Fail | Status::Warn))
    {
        let assigned = location.map(|l| l.path.clone()).or_else(|| {
            cm.managed_server_settings()
                .last()
                .map(|m| m.server.clone())
        });
        if let Some(a) = assigned {
            let mut f = CHECK.finding(Status::Pass, format!("ConfigMgr assigned {a}"))
                .summary(format!("The software update point {a} agrees with the policy and WindowsUpdate.log where they are in the evidence; no scan errors in the ConfigMgr logs."))
                .reference("CM-COMPLIANCE");
            if let Some(l) = location {
                f = f.evidence(location_item(l));
            } else if let Some(m) = cm.managed_server_settings().last() {
                f = f.evidence(EvidenceItem::new(m.origin.clone()).excerpt(m.server.clone()));
            }
            out.insert(0, f);
        }
    }
    out
}

/// WUAHandler failing with E_FAIL to read the local Group Policy object or to add its update
/// source: the local policy file cannot be parsed, so the client never gets a WSUS server to scan.
fn corrupt_local_policy(cm: &crate::facts::configmgr::ConfigMgrFacts) -> Option<Finding> {
    let errors = cm.local_policy_errors();
    let first = errors.first()?;
    let mut f = CHECK
        .finding(
            Status::Fail,
            "The local Group Policy file Registry.pol is corrupt: WUAHandler cannot add the WSUS update source",
        )
        .symptom(Symptom::ConfigmgrCorruptPolicy)
        .summary(format!(
            "WUAHandler could not read the local Group Policy object or add its update source ({} line(s) with 0x80004005{}), so the client has no WSUS server to scan against; {LOCAL_POLICY_FILE} cannot be parsed.",
            errors.len(),
            first.time.map_or(String::new(), |t| format!(", first at {t}"))
        ))
        .explanation("The Configuration Manager client writes the software update point into the machine's local policy through the local Group Policy object; when that object's registry file is damaged every attempt fails with E_FAIL (0x80004005) and software update scans fail. Setting the file aside lets Group Policy write a new one. That 0x80004005 in these WUAHandler messages means a corrupt Registry.pol is UNCONFIRMED by a Microsoft page (field reports give it).")
        .remedy(remedy::replace_local_policy_file())
        .reference("CM-LOGS")
        .reference("KB3090184")
        .data(json!({"hresult": hresult::format(E_FAIL), "count": errors.len(), "file": LOCAL_POLICY_FILE}));
    // Both messages are the proof; keep one of each kind, in time order.
    let mut shown: Vec<&str> = Vec::new();
    for e in errors {
        let kind = e.excerpt.split('.').next().unwrap_or("");
        let kind = kind.split(" of type").next().unwrap_or(kind);
        if !shown.contains(&kind) {
            shown.push(kind);
            f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(e.excerpt.clone()));
        }
    }
    Some(f)
}

/// 0x87D00692 in WUAHandler.log or UpdatesDeployment.log: the ConfigMgr client's own name for a
/// domain GPO setting the WSUS server it manages.
fn group_policy_conflict(cm: &crate::facts::configmgr::ConfigMgrFacts) -> Option<Finding> {
    let conflicts = cm.group_policy_conflicts();
    let first = conflicts.first()?;
    let mut f = CHECK
        .finding(
            Status::Fail,
            "Group policy conflict (0x87D00692): a domain GPO sets the WSUS server on a Configuration Manager client",
        )
        .symptom(Symptom::ConfigmgrGpoOverride)
        .summary(format!(
            "{} logged 0x87D00692 {} time(s){}: Group Policy's 'Specify intranet Microsoft update service location' overrides the software update point ConfigMgr manages.",
            first.component,
            conflicts.len(),
            first.time.map_or(String::new(), |t| format!(", first at {t}"))
        ))
        .explanation(hresult::lookup(GROUP_POLICY_CONFLICT).map(|e| e.wsus()).unwrap_or_default())
        .evidence(EvidenceItem::new(first.origin.clone()).excerpt(first.excerpt.clone()))
        .remedy(Remedy::new(format!("Remove '{GPO_PATH}' from the GPOs that apply to ConfigMgr clients (or make it name the software update point), refresh policy, then start a Software Updates Scan Cycle."))
            .cmd("gpresult /h gpresult.html")
            .comment("shows which GPO sets the Windows Update policy")
            .cmd("gpupdate /force")
            .powershell(SCAN_CYCLE_COMMAND))
        .reference("KB3090184")
        .reference("CM-LOGS")
        .data(json!({"hresult": hresult::format(GROUP_POLICY_CONFLICT), "count": conflicts.len()}));
    if let Some(last) = conflicts.last().filter(|_| conflicts.len() > 1) {
        f = f.evidence(
            EvidenceItem::new(last.origin.clone())
                .excerpt(last.excerpt.clone())
                .note("last"),
        );
    }
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::registry::{keys, RegValue};
    use crate::values::EvidenceRef;
    use crate::values::RegData;

    fn line(msg: &str, comp: &str) -> String {
        format!("<![LOG[{msg}]LOG]!><time=\"12:18:09.640+480\" date=\"01-20-2014\" component=\"{comp}\" context=\"\" type=\"1\" thread=\"1\" file=\"\">\n")
    }

    fn facts(name: &str, lines: &[String]) -> Facts {
        let (_, cm) = crate::facts::configmgr::read(name, lines.concat().as_bytes()).unwrap();
        let mut f = Facts::default();
        f.configmgr.merge(cm);
        f.finish();
        f
    }

    fn titles(out: &[Finding]) -> Vec<(Status, String)> {
        out.iter()
            .map(|f| (f.status, f.title.to_string()))
            .collect()
    }

    #[test]
    fn matching_location_passes() {
        let mut f = facts("LocationServices.log", &[line("WSUS Path='http://cm01.corp.example.com:8530', Server='CM01.CORP.EXAMPLE.COM', Version='38'", "LocationServices")]);
        f.registry.set(
            keys::WU_POLICY,
            RegValue {
                name: "WUServer".into(),
                data: RegData::Sz("http://CM01.corp.example.com:8530".into()),
                origin: EvidenceRef::line("p.reg", 3),
            },
        );
        let out = run(&f);
        assert_eq!(out[0].status, Status::Pass, "{:?}", titles(&out));
    }

    #[test]
    fn policy_overriding_the_sup_fails() {
        let mut f = facts(
            "LocationServices.log",
            &[line(
                "WSUS Path='http://cm01.corp.example.com:8530', Server='CM01', Version='38'",
                "LocationServices",
            )],
        );
        f.registry.set(
            keys::WU_POLICY,
            RegValue {
                name: "WUServer".into(),
                data: RegData::Sz("http://oldwsus.corp.example.com:8530".into()),
                origin: EvidenceRef::line("p.reg", 3),
            },
        );
        let t = titles(&run(&f));
        assert!(
            t.contains(&(
                Status::Fail,
                "The WUServer policy differs from the software update point ConfigMgr assigned"
                    .into()
            )),
            "{t:?}"
        );
    }

    #[test]
    fn empty_location_log_asks_for_a_scan_cycle() {
        let out = run(&facts(
            "LocationServices.log",
            &[line(
                "CCCMWSUSLocation::GetLocationsAsyncEx",
                "LocationServices",
            )],
        ));
        assert_eq!(out[0].title, "LocationServices.log holds no WSUS location");
        let cmd = &out[0].remedy.as_ref().unwrap().commands[0].line;
        assert!(cmd.contains("{00000000-0000-0000-0000-000000000113}"));
        assert!(out[0].references.iter().any(|r| r.id == "CM-COMPLIANCE"));
    }

    #[test]
    fn overrides_and_scan_errors() {
        let out = run(&facts("WUAHandler.log", &[
            line("Group policy settings were overwritten by a higher authority (Domain Controller) to: Server http://oldwsus and Policy ENABLED", "WUAHandler"),
            line("OnSearchComplete - Failed to end search job. Error = 0x80244022.", "WUAHandler"),
            line("Scan failed with error = 0x80244022.", "WUAHandler"),
        ]));
        let t = titles(&out);
        assert!(
            t.contains(&(
                Status::Fail,
                "Group Policy overrides the software update point".into()
            )),
            "{t:?}"
        );
        assert!(
            t.iter()
                .any(|(s, x)| *s == Status::Fail && x.contains("0x80244022")),
            "{t:?}"
        );
        assert!(out
            .iter()
            .any(|f| f.summary.starts_with("2 scan failure(s)")));
        assert_eq!(run(&Facts::default())[0].status, Status::Skipped);
    }
}
