//! `client.configmgr`: see its entry in [`crate::checks::catalogue`] for what it checks and why.
//!
//! Compares the WSUS location the management point handed out (LocationServices.log) with the
//! policy registry and with what WindowsUpdate.log used; reports Group Policy overriding the
//! software update point and scan errors from WUAHandler.log / ScanAgent.log (CM-COMPLIANCE,
//! KB3090184). When no location is logged, the guide says a Software Updates Scan Cycle may have
//! to be forced so that it is (KB4025764).

use super::policy::{gpo_path, policy_server};
use super::wu_log::hresult_label;
use crate::checks::catalogue::Check;
use crate::facts::configmgr::WsusLocation;
use crate::facts::configmgr::{E_FAIL, GROUP_POLICY_CONFLICT};
use crate::facts::wu_log::ServerSource;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status, Text};
use crate::knowledge::hresult;
use crate::knowledge::remedy::{self, LOCAL_POLICY_FILE};
use crate::values::wsus_url::{self, Severity, UrlProblemCode};
use serde_json::json;
use std::collections::BTreeMap;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ClientConfigmgr,
    sources: &["KB4025764", "CM-COMPLIANCE", "KB3090184"],
    since: "0.1.0",
    symptoms: &[
        Symptom::ConfigmgrCorruptPolicy,
        Symptom::ConfigmgrGpoOverride,
        Symptom::ConfigmgrLocationDiffers,
        Symptom::ConfigmgrNoLocation,
        Symptom::ConfigmgrScanErrors,
    ],
    run,
};

/// The Software Updates Scan Cycle schedule of the ConfigMgr client (CM-COMPLIANCE).
pub(crate) const SCAN_CYCLE_COMMAND: &str = r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#;

/// How to make the client log its WSUS location.
pub(crate) fn force_scan_remedy() -> Remedy {
    Remedy::new(crate::tr!("configmgr-force-scan"))
        .powershell(SCAN_CYCLE_COMMAND)
        .comment(crate::tr!("configmgr-force-scan-comment"))
}

fn location_item(l: &WsusLocation) -> EvidenceItem {
    let mut i = EvidenceItem::new(l.origin.clone()).excerpt(format!(
        "WSUS Path='{}', Server='{}', Version='{}'",
        l.path, l.server, l.version
    ));
    if let Some(t) = l.time {
        i = i.note(crate::tr!("configmgr-at", time = t.to_string()));
    }
    i
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    let cm = &facts.configmgr;
    if cm.is_empty() {
        return vec![CHECK.skipped(crate::tr!("configmgr-skipped"))];
    }
    let mut out = Vec::new();
    let location = cm.wsus_locations().last();
    let policy = policy_server(&facts.registry);

    match location {
        None => {
            let (title, why) = if cm.has_location_services {
                (
                    crate::tr!("configmgr-no-location-title"),
                    crate::tr!("configmgr-no-location-why"),
                )
            } else {
                (
                    crate::tr!("configmgr-no-location-log-title"),
                    crate::tr!("configmgr-no-location-log-why"),
                )
            };
            let files = cm.location_services_files.iter().map(|p| {
                EvidenceItem::new(crate::values::EvidenceRef::file(p.clone(), None))
                    .note(crate::tr!("configmgr-no-path-line"))
            });
            out.push(
                CHECK
                    .finding(
                        if cm.has_location_services {
                            Status::Warn
                        } else {
                            Status::Info
                        },
                        title,
                    )
                    .symptom(Symptom::ConfigmgrNoLocation)
                    .evidence_all(files)
                    .summary(crate::tr!("configmgr-no-location-summary"))
                    .explanation(why.then(crate::tr!("configmgr-no-location-guide")))
                    .remedy(force_scan_remedy())
                    .reference("KB4025764")
                    .reference("CM-COMPLIANCE"),
            );
        }
        Some(l) => {
            let url = wsus_url::check(&l.path);
            for p in url
                .problems
                .iter()
                .filter(|p| p.severity == Severity::Fail || p.code == UrlProblemCode::TrailingSlash)
            {
                out.push(
                    CHECK
                        .finding(
                            Status::Warn,
                            crate::tr!("configmgr-malformed-title", url = &l.path),
                        )
                        .symptom(Symptom::ConfigmgrLocationDiffers)
                        .summary(crate::tr!(
                            "configmgr-malformed-summary",
                            problem = &p.message
                        ))
                        .explanation(crate::tr!("configmgr-malformed-explanation"))
                        .evidence(location_item(l))
                        .reference("CM-COMPLIANCE"),
                );
            }
            if let Some((v, pol)) = &policy {
                if !url.same_server(pol) {
                    out.push(
                        CHECK
                            .finding(Status::Fail, crate::tr!("configmgr-policy-differs-title"))
                            .symptom(Symptom::ConfigmgrLocationDiffers)
                            .summary(crate::tr!(
                                "configmgr-policy-differs-summary",
                                assigned = &l.path,
                                policy = pol.raw.trim()
                            ))
                            .explanation(crate::tr!("configmgr-policy-differs-explanation"))
                            .evidence(location_item(l))
                            .evidence(
                                EvidenceItem::new(v.origin.clone())
                                    .excerpt(format!("WUServer = {}", v.data.display())),
                            )
                            .remedy(
                                Remedy::new(crate::tr!(
                                    "configmgr-policy-differs-remedy",
                                    gpo = gpo_path()
                                ))
                                .cmd("gpupdate /force")
                                .powershell(SCAN_CYCLE_COMMAND),
                            )
                            .reference("CM-COMPLIANCE")
                            .reference("KB3090184"),
                    );
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
                    out.push(
                        CHECK
                            .finding(Status::Warn, crate::tr!("configmgr-log-differs-title"))
                            .symptom(Symptom::ConfigmgrLocationDiffers)
                            .summary(crate::tr!(
                                "configmgr-log-differs-summary",
                                assigned = &l.path,
                                used = &u.url
                            ))
                            .explanation(crate::tr!("configmgr-log-differs-explanation"))
                            .evidence(location_item(l))
                            .evidence(
                                EvidenceItem::new(u.origin.clone()).excerpt(u.excerpt.clone()),
                            )
                            .reference("CM-COMPLIANCE"),
                    );
                }
            }
        }
    }

    for o in cm.gpo_overrides() {
        // An override that names no server is compared under a name that is no URL.
        let named = o.server.as_deref().unwrap_or("another server");
        let differs = location
            .is_some_and(|l| !wsus_url::check(named).same_server(&wsus_url::check(&l.path)));
        let server = o
            .server
            .as_deref()
            .map_or_else(|| crate::tr!("configmgr-another-server"), Text::from);
        let authority = o
            .authority
            .as_deref()
            .map_or_else(|| crate::tr!("configmgr-group-policy"), Text::from);
        out.push(
            CHECK
                .finding(
                    if differs || location.is_none() {
                        Status::Fail
                    } else {
                        Status::Warn
                    },
                    crate::tr!("configmgr-gpo-override-title"),
                )
                .symptom(Symptom::ConfigmgrGpoOverride)
                .summary(crate::tr!(
                    "configmgr-gpo-override-summary",
                    authority = authority,
                    server = server
                ))
                .explanation(crate::tr!("configmgr-gpo-override-explanation"))
                .evidence(EvidenceItem::new(o.origin.clone()).excerpt(o.excerpt.clone()))
                .remedy(
                    Remedy::new(crate::tr!(
                        "configmgr-gpo-override-remedy",
                        gpo = gpo_path()
                    ))
                    .cmd("gpresult /h gpresult.html")
                    .comment(crate::tr!("configmgr-gpresult-comment"))
                    .cmd("gpupdate /force"),
                )
                .reference("CM-COMPLIANCE")
                .reference("KB3090184"),
        );
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
                crate::tr!("configmgr-scan-errors-title", code = hresult_label(*code)),
            )
            .symptom(Symptom::ConfigmgrScanErrors)
            .summary(match first.time {
                Some(t) => crate::tr!(
                    "configmgr-scan-errors-summary-first",
                    count = errs.len(),
                    component = &first.component,
                    time = t.to_string()
                ),
                None => crate::tr!(
                    "configmgr-scan-errors-summary",
                    count = errs.len(),
                    component = &first.component
                ),
            })
            // The table's meaning and advice are the knowledge base's words.
            .explanation(
                entry.map_or(crate::tr!("configmgr-scan-errors-see-log"), |e| {
                    e.meaning().then(e.wsus())
                }),
            )
            .evidence(EvidenceItem::new(first.origin.clone()).excerpt(first.excerpt.clone()))
            .reference("KB3090184")
            .data(json!({"hresult": hresult::format(*code), "count": errs.len()}));
        if let Some(last) = errs.last().filter(|_| errs.len() > 1) {
            f = f.evidence(
                EvidenceItem::new(last.origin.clone())
                    .excerpt(last.excerpt.clone())
                    .note(crate::tr!("configmgr-last")),
            );
        }
        out.push(f);
    }

    if let Some(m) = cm.managed_server_settings().last() {
        if let Some(l) = location {
            if !wsus_url::check(&m.server).same_server(&wsus_url::check(&l.path)) {
                out.push(
                    CHECK
                        .finding(Status::Warn, crate::tr!("configmgr-managed-differs-title"))
                        .symptom(Symptom::ConfigmgrLocationDiffers)
                        .summary(crate::tr!(
                            "configmgr-managed-differs-summary",
                            managed = &m.server,
                            location = &l.path
                        ))
                        .explanation(crate::tr!("configmgr-managed-differs-explanation"))
                        .evidence(EvidenceItem::new(m.origin.clone()).excerpt(m.server.clone()))
                        .evidence(location_item(l))
                        .remedy(force_scan_remedy())
                        .reference("CM-COMPLIANCE"),
                );
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
            let mut f = CHECK
                .finding(Status::Pass, crate::tr!("configmgr-pass-title", url = &a))
                .summary(crate::tr!("configmgr-pass-summary", url = &a))
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
            crate::tr!("configmgr-corrupt-policy-title"),
        )
        .symptom(Symptom::ConfigmgrCorruptPolicy)
        .summary(match first.time {
            Some(t) => crate::tr!(
                "configmgr-corrupt-policy-summary-first",
                count = errors.len(),
                time = t.to_string(),
                file = LOCAL_POLICY_FILE
            ),
            None => crate::tr!(
                "configmgr-corrupt-policy-summary",
                count = errors.len(),
                file = LOCAL_POLICY_FILE
            ),
        })
        .explanation(crate::tr!("configmgr-corrupt-policy-explanation"))
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
        .finding(Status::Fail, crate::tr!("configmgr-conflict-title"))
        .symptom(Symptom::ConfigmgrGpoOverride)
        .summary(match first.time {
            Some(t) => crate::tr!(
                "configmgr-conflict-summary-first",
                component = &first.component,
                count = conflicts.len(),
                time = t.to_string()
            ),
            None => crate::tr!(
                "configmgr-conflict-summary",
                component = &first.component,
                count = conflicts.len()
            ),
        })
        .explanation(
            hresult::lookup(GROUP_POLICY_CONFLICT)
                .map(|e| e.wsus())
                .unwrap_or_default(),
        )
        .evidence(EvidenceItem::new(first.origin.clone()).excerpt(first.excerpt.clone()))
        .remedy(
            Remedy::new(crate::tr!("configmgr-conflict-remedy", gpo = gpo_path()))
                .cmd("gpresult /h gpresult.html")
                .comment(crate::tr!("configmgr-gpresult-comment"))
                .cmd("gpupdate /force")
                .powershell(SCAN_CYCLE_COMMAND),
        )
        .reference("KB3090184")
        .reference("CM-LOGS")
        .data(json!({"hresult": hresult::format(GROUP_POLICY_CONFLICT), "count": conflicts.len()}));
    if let Some(last) = conflicts.last().filter(|_| conflicts.len() > 1) {
        f = f.evidence(
            EvidenceItem::new(last.origin.clone())
                .excerpt(last.excerpt.clone())
                .note(crate::tr!("configmgr-last")),
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
        use crate::i18n::Lang;
        assert_eq!(
            out[0].title.local(Lang::Ja),
            "LocationServices.log に WSUS の場所がありません"
        );
        assert_eq!(
            out[0].summary.local(Lang::Ja),
            "ConfigMgr がこのクライアントに割り当てた WSUS サーバーを証拠から確認できません。"
        );
        assert!(out[0]
            .remedy
            .as_ref()
            .unwrap()
            .text
            .local(Lang::Ja)
            .starts_with(
                "クライアントでソフトウェア更新プログラム スキャン サイクルを強制的に実行し"
            ));
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
        let gpo = out
            .iter()
            .find(|f| f.symptom == Some(Symptom::ConfigmgrGpoOverride))
            .unwrap();
        assert_eq!(
            gpo.summary.local(crate::i18n::Lang::Ja),
            "WUAHandler: Windows Update のポリシーが上位の権限 (Domain Controller) によってサーバー http://oldwsus に上書きされました。"
        );
        assert_eq!(run(&Facts::default())[0].status, Status::Skipped);
    }
}
