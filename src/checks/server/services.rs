//! `server.services`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::events::SERVICES_OF_INTEREST;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::i18n::Text;
use crate::values::{RunState, StartType};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerServices,
    sources: &["KB4025764", "SCM-EVENTS"],
    since: "0.1.0",
    symptoms: &[
        Symptom::EventsServiceCrash,
        Symptom::ServicesW3svcDown,
        Symptom::ServicesWasDown,
        Symptom::ServicesWsusserviceDown,
    ],
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
        return vec![CHECK.skipped(crate::tr!("services-no-evidence"))];
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
        let start = |text: Text| {
            Remedy::new(text)
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
                    CHECK.finding(Status::Fail, crate::tr!("services-disabled-title", service = *name)).symptom(Symptom::service_down(name))
                        .summary(crate::tr!("services-disabled", service = *name))
                        .evidence(item.clone())
                        .remedy(Remedy::new(crate::tr!("services-disabled-fix", service = *name))
                            .powershell(format!("Set-Service {name} -StartupType Automatic; Start-Service {name}"))
                            .cmd(format!("sc config {name} start= auto && sc start {name}")))
                        .reference("KB4025764"),
                );
            } else if s.state != RunState::Running {
                let state = format!("{:?}", s.state);
                let stopped = match s.exit_code {
                    Some(code) => crate::tr!(
                        "services-state-exit",
                        service = *name,
                        state = state,
                        code = code
                    ),
                    None => crate::tr!("services-state", service = *name, state = state),
                };
                let consequence = match *name {
                    "WsusService" => crate::tr!("services-down-wsusservice"),
                    "W3SVC" => crate::tr!("services-down-w3svc"),
                    _ => crate::tr!("services-down-was"),
                };
                let mut f = CHECK
                    .finding(
                        Status::Fail,
                        crate::tr!("services-not-running-title", service = *name),
                    )
                    .symptom(Symptom::service_down(name))
                    .summary(stopped.then(consequence))
                    .evidence(item)
                    .remedy(start(crate::tr!("services-start", service = *name)))
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
                CHECK
                    .finding(
                        Status::Fail,
                        crate::tr!("services-not-installed-title", service = *name),
                    )
                    .symptom(Symptom::service_down(name))
                    .summary(if *name == "WsusService" {
                        crate::tr!(
                            "services-not-installed-wsus",
                            service = *name,
                            count = facts.services.all().count()
                        )
                    } else {
                        crate::tr!(
                            "services-not-installed-iis",
                            service = *name,
                            count = facts.services.all().count()
                        )
                    })
                    .evidence_all(facts.services.all().next().map(|s| {
                        EvidenceItem::new(s.origin.clone()).note(crate::tr!("services-list-read"))
                    }))
                    .remedy(Remedy::new(crate::tr!("services-install-role")).powershell(
                        "Install-WindowsFeature -Name UpdateServices -IncludeManagementTools",
                    ))
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
                    crate::tr!(
                        "services-crashed-title",
                        service = *name,
                        count = crashes.len()
                    ),
                )
                .symptom(Symptom::EventsServiceCrash)
                .summary({
                    let shown = times
                        .iter()
                        .take(10)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ");
                    if times.len() > 10 {
                        crate::tr!(
                            "services-crashed-at-more",
                            service = *name,
                            times = shown,
                            more = times.len() - 10
                        )
                    } else {
                        crate::tr!("services-crashed-at", service = *name, times = shown)
                    }
                })
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
                    start(crate::tr!("services-check-started", service = *name))
                        .comment(crate::tr!("services-state-unknown")),
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
        let count = running.len();
        let names = wsus::comma_list(running.iter().map(|(n, _)| Text::from(n)));
        let mut f = CHECK
            .finding(
                Status::Pass,
                crate::tr!("services-running-title", services = &names),
            )
            .summary(if restarts.is_empty() {
                crate::tr!("services-running", services = &names, count = count)
            } else {
                crate::tr!(
                    "services-running-changes",
                    services = &names,
                    count = count,
                    changes = restarts.len()
                )
            })
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
        let mut f = CHECK
            .finding(Status::Info, crate::tr!("services-no-crash-title"))
            .summary(crate::tr!("services-no-crash", changes = restarts.len()));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_crash_without_a_service_list_fails_and_asks_to_check_the_service() {
        let facts = wsus::test_evidence::facts(
            "System.xml",
            wsus::test_evidence::RECYCLE_AND_CRASH,
            crate::facts::events::ingest_event_xml,
        );
        let out = run(&facts);
        assert_eq!(out.len(), 1, "{out:#?}");
        let f = &out[0];
        assert_eq!(f.status, Status::Fail);
        assert_eq!(f.symptom, Some(Symptom::EventsServiceCrash));
        assert_eq!(f.title, "WsusService terminated unexpectedly 1 time(s)");
        assert_eq!(
            f.title.local(Lang::Ja),
            "WsusService が予期せぬ原因により 1 回終了しました"
        );
        assert_eq!(
            f.summary,
            "The service control manager logged WsusService crashing at 2024-03-05T08:00:00Z."
        );
        assert_eq!(
            f.summary.local(Lang::Ja),
            "サービス コントロール マネージャーは、WsusService のクラッシュを 2024-03-05T08:00:00Z に記録しています。"
        );
        assert_eq!(f.evidence.len(), 1);
        assert_eq!(f.evidence[0].location.to_string(), "System.xml record 6");
        let remedy = f.remedy.as_ref().unwrap();
        assert_eq!(
            remedy.text,
            "Check that WsusService and find why it stopped in the System and Application logs."
        );
        assert_eq!(
            remedy.text.local(Lang::Ja),
            "WsusService が実行されていることを確認し、停止した理由をシステム ログとアプリケーション ログで調べてください。"
        );
        let lines: Vec<&str> = remedy.commands.iter().map(|c| c.line.as_str()).collect();
        assert_eq!(lines, ["Start-Service WsusService", "sc start WsusService"]);
        let comment = remedy.commands[1].comment.as_ref().unwrap();
        assert_eq!(comment, "the current state is not among the evidence");
        assert_eq!(
            comment.local(Lang::Ja),
            "現在の状態は証拠に含まれていません"
        );
    }
}
