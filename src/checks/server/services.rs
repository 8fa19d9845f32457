//! `server.services`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::events::SERVICES_OF_INTEREST;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::values::{RunState, StartType};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerServices,
    title: "WSUS and IIS services",
    guide_step: "Troubleshooting step 1: Update Services (WsusService) and World Wide Web Publishing Service (W3SVC) must be running",
    what: "Checks that WsusService, W3SVC and WAS (which W3SVC needs) are running, and lists their crashes and restarts from the System log.",
    why: "Clients cannot scan while the web service or the WSUS service is down.",
    evidence: "sc query / sc queryex output, Get-Service exports, the live service control manager, System event log (Service Control Manager 7031, 7034, 7036).",
    fix: "Start the service (Start-Service WsusService, W3SVC) and find why it stopped in the System and Application logs.",
    sources: &["KB4025764", "SCM-EVENTS"],
    since: "0.1.0",
    symptoms: &[Symptom::EventsServiceCrash, Symptom::ServicesW3svcDown, Symptom::ServicesWasDown, Symptom::ServicesWsusserviceDown],
    run,
};

/// SCM events that mean a crash (SCM-EVENTS).
const CRASH_IDS: &[u32] = &[7031, 7034];

/// A service list this long is a complete listing of the machine's services (a Windows Server
/// has well over a hundred), not a query for a few names.
const FULL_LISTING: usize = 40;

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let listed: Vec<_> = SERVICES_OF_INTEREST
        .iter()
        .filter_map(|(name, _)| facts.services.get(name))
        .collect();
    let any_events = SERVICES_OF_INTEREST
        .iter()
        .any(|(name, _)| facts.events.service_events(name).next().is_some());
    if listed.is_empty() && !any_events {
        return vec![CHECK.skipped("no service list (sc query, Get-Service) or System event log with WsusService, W3SVC or WAS events among the evidence",
        )];
    }
    let mut findings = Vec::new();
    let mut running = Vec::new();
    for (name, _) in SERVICES_OF_INTEREST {
        let crashes: Vec<_> = facts
            .events
            .service_events(name)
            .filter(|e| CRASH_IDS.contains(&e.id))
            .collect();
        let state = facts.services.get(name);
        let start = |verb: &str| {
            Remedy::new(format!(
                "{verb} {name} and find why it stopped in the System and Application logs."
            ))
            .powershell(format!("Start-Service {name}"))
            .cmd(format!("sc start {name}"))
        };
        if let Some(s) = state {
            let item = EvidenceItem::new(s.origin.clone()).excerpt(format!(
                "{name}: {:?}{}{}",
                s.state,
                s.start_type
                    .map_or(String::new(), |t| format!(", start type {t:?}")),
                s.exit_code
                    .map_or(String::new(), |c| format!(", exit code {c}"))
            ));
            if s.start_type == Some(StartType::Disabled) {
                findings.push(
                    CHECK.finding(Status::Fail, format!("{name} is disabled")).symptom(Symptom::service_down(name))
                        .summary(format!("{name} cannot start while its start type is Disabled; WSUS clients cannot scan."))
                        .evidence(item.clone())
                        .remedy(Remedy::new(format!("Set {name} to start automatically and start it."))
                            .powershell(format!("Set-Service {name} -StartupType Automatic; Start-Service {name}"))
                            .cmd(format!("sc config {name} start= auto && sc start {name}")))
                        .reference("KB4025764"),
                );
            } else if s.state != RunState::Running {
                let mut f = CHECK.finding(Status::Fail, format!("{name} is not running")).symptom(Symptom::service_down(name))
                    .summary(format!(
                        "{name} is {:?}{}. {}",
                        s.state,
                        s.exit_code.map_or(String::new(), |c| format!(" (exit code {c})")),
                        match *name {
                            "WsusService" => "Clients can reach IIS, but WSUS does not process their scans or synchronise.",
                            "W3SVC" => "IIS does not answer: clients cannot connect to WSUS at all.",
                            _ => "W3SVC needs WAS: IIS cannot run the WSUS application pool.",
                        }
                    ))
                    .evidence(item)
                    .remedy(start("Start"))
                    .reference("KB4025764");
                for e in crashes.iter().take(5) {
                    f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(format!(
                        "{} {}",
                        wsus::when(e.time),
                        e.summary
                    )));
                }
                findings.push(f);
                continue;
            } else {
                running.push((name.to_string(), item));
            }
        }
        // A complete listing (Get-Service, sc query without a name) that lacks the service means
        // it is not installed; a short listing may simply not have asked for it.
        if state.is_none() && facts.services.all().count() >= FULL_LISTING && *name != "WAS" {
            findings.push(
                CHECK.finding(Status::Fail, format!("{name} is not installed")).symptom(Symptom::service_down(name))
                    .summary(format!(
                        "The service list has {} services but no {name}: {}",
                        facts.services.all().count(),
                        if *name == "WsusService" { "the WSUS role is not installed on this server, or its installation failed." } else { "IIS (the Web Server role) is not installed." }
                    ))
                    .evidence_all(facts.services.all().next().map(|s| EvidenceItem::new(s.origin.clone()).note("the service list read")))
                    .remedy(Remedy::new("Install the role (Windows Server Update Services installs IIS with it), then run WSUS post-installation.")
                        .powershell("Install-WindowsFeature -Name UpdateServices -IncludeManagementTools"))
                    .reference("KB4025764"),
            );
        }
        if !crashes.is_empty() {
            let times: Vec<String> = crashes.iter().map(|e| wsus::when(e.time)).collect();
            let status = if state.is_some_and(|s| s.state == RunState::Running) {
                Status::Warn
            } else {
                Status::Fail
            };
            let mut f = CHECK
                .finding(
                    status,
                    format!("{name} terminated unexpectedly {} time(s)", crashes.len()),
                )
                .symptom(Symptom::EventsServiceCrash)
                .summary(format!(
                    "The service control manager logged {name} crashing at {}{}.",
                    times
                        .iter()
                        .take(10)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", "),
                    if times.len() > 10 {
                        format!(" and {} more times", times.len() - 10)
                    } else {
                        String::new()
                    }
                ))
                .explanation(
                    crashes
                        .first()
                        .and_then(|e| e.known())
                        .map(|k| k.wsus())
                        .unwrap_or_default(),
                )
                .reference("SCM-EVENTS")
                .data(json!({ "service": name, "crashes": times }));
            for e in crashes.iter().take(10) {
                f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(format!(
                    "{} {}",
                    wsus::when(e.time),
                    e.summary
                )));
            }
            if state.is_none() {
                f = f.remedy(
                    start("Check that").comment("the current state is not among the evidence"),
                );
            }
            findings.push(f);
        }
    }
    let restarts: Vec<_> = SERVICES_OF_INTEREST
        .iter()
        .flat_map(|(name, _)| facts.events.service_events(name))
        .filter(|e| e.id == 7036)
        .collect();
    if !running.is_empty() && findings.iter().all(|f| f.status != Status::Fail) {
        let names: Vec<&str> = running.iter().map(|(n, _)| n.as_str()).collect();
        let mut f = CHECK
            .finding(Status::Pass, format!("{} running", names.join(", ")))
            .summary(format!(
                "{} {} running{}.",
                names.join(", "),
                if names.len() == 1 { "is" } else { "are" },
                if restarts.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; the System log shows {} state change(s) of these services",
                        restarts.len()
                    )
                }
            ))
            .evidence_all(running.into_iter().map(|(_, i)| i))
            .reference("KB4025764");
        for e in restarts.iter().take(10) {
            f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(format!(
                "{} {}",
                wsus::when(e.time),
                e.summary
            )));
        }
        findings.push(f);
    }
    if findings.is_empty() {
        // Only 7036 state changes, no list and no crash.
        let mut f = CHECK.finding(Status::Info, "No crash of WsusService, W3SVC or WAS in the System log")
            .summary(format!("No service list among the evidence, so the current states are unknown; the System log has {} state change(s) and no crash of these services.", restarts.len()));
        for e in restarts.iter().take(10) {
            f = f.evidence(EvidenceItem::new(e.origin.clone()).excerpt(format!(
                "{} {}",
                wsus::when(e.time),
                e.summary
            )));
        }
        findings.push(f.reference("SCM-EVENTS"));
    }
    findings
}
