//! One evidence bundle per root cause under `tests/fixtures/diagnosis/<rule id>/`, end to end:
//! `diagnose` names the rule first, proves it with a chain of findings from the checks that see
//! it, says what to collect when evidence is missing, and ranks the real cause first when several
//! fire. Every file of the bundles must stay recognised, so the bundles stay realistic.

use crate::util::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const BUNDLES: &[&str] = &[
    "wsuspool-stopped",
    "service-down",
    "missing-vdir",
    "network-block",
    "prerequisites-missing",
    "prerequisites-missing-2016",
    "aspnet-impersonation",
    "pool-memory-then-stopped",
    "wsus-database",
    "corrupt-local-policy",
    "missing-mime-map",
];

fn bundle(name: &str) -> PathBuf {
    fixture(&format!("diagnosis/{name}"))
}

fn diagnose(dir: &Path) -> Value {
    json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(dir),
    )
}

fn causes(report: &Value) -> Vec<&Value> {
    report["diagnosis"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default()
}

fn ids(report: &Value) -> Vec<&str> {
    causes(report)
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect()
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

/// Asserts that `rule` ranks first, with a chain of at least two links naming each of `checks`
/// and a first fix to try; returns that cause.
fn first_cause<'a>(report: &'a Value, rule: &str, checks: &[&str]) -> &'a Value {
    let all = causes(report);
    let first = all
        .first()
        .unwrap_or_else(|| panic!("no cause; expected {rule}:\n{report:#}"));
    assert_eq!(first["id"], rule, "ranking: {:?}", ids(report));
    let chain = strings(&first["chain"]);
    assert!(chain.len() >= 2, "{rule}: chain too short: {chain:#?}");
    for check in checks {
        assert!(
            chain.iter().any(|l| l.starts_with(&format!("{check}: "))),
            "{rule}: no link from {check} in {chain:#?}"
        );
    }
    let fix = first["first_fix"]["text"].as_str().unwrap_or("");
    assert!(!fix.trim().is_empty(), "{rule}: no first fix");
    first
}

fn missing(cause: &Value) -> Vec<&str> {
    strings(&cause["missing_evidence"])
}

/// Copies a bundle into `to`, leaving out the files whose path below the bundle starts with one
/// of `without`.
fn copy_without(from: &Path, to: &Path, without: &[&str]) {
    fn walk(root: &Path, dir: &Path, to: &Path, without: &[&str]) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            if without.iter().any(|w| rel.starts_with(w)) {
                continue;
            }
            if path.is_dir() {
                walk(root, &path, to, without);
            } else {
                write(to, &rel, std::fs::read(&path).unwrap());
            }
        }
    }
    walk(from, from, to, without);
}

#[test]
fn every_file_of_every_bundle_is_recognised() {
    for name in BUNDLES {
        let report = json_of(
            wsus_doctor()
                .args(["inventory", "--format", "json"])
                .arg(bundle(name)),
        );
        let files = report["files"].as_array().expect("files");
        assert!(files.len() >= 2, "{name}: {report:#}");
        for f in files {
            assert!(
                f["kind"].is_string(),
                "{name}: {} not recognised",
                f["path"]
            );
            assert_eq!(f["malformed"], 0, "{name}: {f:#}");
        }
    }
}

#[test]
fn a_corrupt_local_policy_file_is_recognised_from_wuahandler() {
    let report = diagnose(&bundle("corrupt-local-policy"));
    let cause = first_cause(&report, "corrupt-local-policy", &["client.configmgr"]);
    assert_eq!(
        cause["title"],
        "The client's local Group Policy file (Registry.pol) is corrupt: the Configuration Manager client cannot set its WSUS server"
    );
    let fix = commands(&cause["first_fix"]);
    assert_eq!(
        fix,
        [
            r"ren %windir%\System32\GroupPolicy\Machine\Registry.pol Registry.pol.old",
            "gpupdate /force",
            r#"WMIC /namespace:\\root\ccm path sms_client CALL TriggerSchedule "{00000000-0000-0000-0000-000000000113}" /NOINTERACTIVE"#,
        ]
    );
    let configmgr = |symptom: &str| -> Vec<&Value> {
        findings(&report, "client.configmgr")
            .into_iter()
            .filter(|f| f["symptom"] == symptom)
            .collect()
    };
    let found = configmgr("configmgr.corrupt-policy");
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = found[0];
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "The local Group Policy file Registry.pol is corrupt: WUAHandler cannot add the WSUS update source"
    );
    assert_eq!(
        f["summary"],
        r"WUAHandler could not read the local Group Policy object or add its update source (4 line(s) with 0x80004005, first at 2026-11-16T09:12:04.402+09:00), so the client has no WSUS server to scan against; %windir%\System32\GroupPolicy\Machine\Registry.pol cannot be parsed."
    );
    assert!(f["explanation"].as_str().unwrap().contains("UNCONFIRMED"));
    let evidence: Vec<(&str, u64)> = f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["excerpt"].as_str().unwrap(),
                e["location"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        evidence,
        [
            ("Unable to read existing WUA Group Policy object. Error = 0x80004005.", 2),
            ("Failed to Add Update Source for WUAgent of type (2) and id ({3AAB6A76-CE2D-4E8A-9F11-741AE69677A2}). Error = 0x80004005.", 3),
        ]
    );
    assert!(f["evidence"][0]["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("WUAHandler.log"));
    assert_eq!(commands(&f["remedy"]), fix);
    // The lines are the corrupt file's, not scan errors of their own; ScanAgent's failure is.
    let scans = configmgr("configmgr.scan-errors");
    assert_eq!(scans.len(), 1, "{scans:#?}");
    assert!(scans[0]["evidence"][0]["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("ScanAgent.log"));
    // The software update point was handed out: the group policy is not the cause.
    assert!(
        !ids(&report).contains(&"configmgr-vs-gpo"),
        "{:?}",
        ids(&report)
    );
}

#[test]
fn content_refused_for_want_of_a_mime_type_is_recognised() {
    let report = diagnose(&bundle("missing-mime-map"));
    let cause = first_cause(
        &report,
        "missing-mime-map",
        &["server.iis-log", "server.website"],
    );
    assert_eq!(
        cause["title"],
        "IIS has no MIME type for a kind of update content on the WSUS site: its downloads fail with 404.3"
    );
    assert!(cause["first_fix"]["text"].as_str().unwrap().starts_with(
        "Add the MIME types IIS lacks for update content on the WSUS site 'WSUS-Verwaltung'"
    ));
    // The placeholder gives way to the extension the refused requests name.
    assert_eq!(
        commands(&cause["first_fix"]),
        [
            r#"%windir%\system32\inetsrv\appcmd.exe set config "WSUS-Verwaltung" /section:staticContent /+"[fileExtension='.esd',mimeType='application/octet-stream']""#
        ]
    );
    assert!(missing(cause).is_empty(), "{cause:#}");
    // Not a missing virtual directory, and nothing to reset.
    assert!(
        !ids(&report).contains(&"missing-vdir"),
        "{:?}",
        ids(&report)
    );
}

#[test]
fn a_stopped_wsuspool_is_recognised_without_memory_trouble() {
    let report = diagnose(&bundle("wsuspool-stopped"));
    let cause = first_cause(
        &report,
        "wsuspool-stopped",
        &["server.app-pool", "server.events"],
    );
    assert!(
        strings(&cause["chain"])
            .iter()
            .any(|l| l.contains("rapid-fail")),
        "{cause:#}"
    );
    // The pool has no private memory limit and WAS logged no memory recycle.
    assert!(
        !ids(&report).contains(&"wsuspool-memory"),
        "{:?}",
        ids(&report)
    );
    assert!(missing(cause).is_empty(), "{cause:#}");
}

#[test]
fn a_stopped_wsus_service_is_recognised() {
    let report = diagnose(&bundle("service-down"));
    let cause = first_cause(
        &report,
        "service-down",
        &["server.services", "server.events"],
    );
    let chain = strings(&cause["chain"]).join("\n");
    assert!(chain.contains("WsusService is not running"), "{chain}");
    assert!(chain.contains("7031"), "{chain}");
}

#[test]
fn without_the_system_log_a_stopped_iis_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_without(
        &bundle("service-down"),
        dir.path(),
        &["server/System-events.xml"],
    );
    // WsusService running again, W3SVC stopped: the same rule, by the other service.
    let sc = dir.path().join("server/sc-query.txt");
    let listing = std::fs::read_to_string(&sc).unwrap();
    let listing = listing
        .replacen("STATE              : 1  STOPPED", "STATE              : 4  RUNNING", 1)
        .replacen(
            "SERVICE_NAME: W3SVC\r\n        TYPE               : 20  WIN32_SHARE_PROCESS  \r\n        STATE              : 4  RUNNING",
            "SERVICE_NAME: W3SVC\r\n        TYPE               : 20  WIN32_SHARE_PROCESS  \r\n        STATE              : 1  STOPPED",
            1,
        );
    std::fs::write(&sc, listing).unwrap();
    let report = diagnose(dir.path());
    let all = causes(&report);
    assert_eq!(ids(&report), ["service-down"], "{report:#}");
    let chain = strings(&all[0]["chain"]);
    assert_eq!(chain.len(), 1, "{chain:#?}");
    assert!(
        chain[0].starts_with("server.services: W3SVC is not running"),
        "{chain:#?}"
    );
    assert_eq!(all[0]["confidence"], "low");
    let wanted = missing(all[0]);
    assert!(
        wanted.len() == 1 && wanted[0].contains("wevtutil epl System"),
        "{wanted:#?}"
    );
}

#[test]
fn missing_wsus_applications_are_recognised() {
    let report = diagnose(&bundle("missing-vdir"));
    let cause = first_cause(
        &report,
        "missing-vdir",
        &["server.website", "client.wu-log"],
    );
    let chain = strings(&cause["chain"]).join("\n");
    assert!(
        chain.contains("ClientWebService, SimpleAuthWebService"),
        "{chain}"
    );
    assert!(chain.contains("0x80244019"), "{chain}");
    // The client's 404s are in the IIS log: nothing points at the network.
    assert!(
        !ids(&report).contains(&"network-block"),
        "{:?}",
        ids(&report)
    );
}

#[test]
fn a_client_absent_from_both_server_logs_is_blocked_by_the_network() {
    let report = diagnose(&bundle("network-block"));
    let cause = first_cause(
        &report,
        "network-block",
        &["client.reaches-server", "client.wu-log"],
    );
    let chain = strings(&cause["chain"]).join("\n");
    assert!(chain.contains("10.0.9.120"), "{chain}");
    assert!(chain.contains("0x80072EE2"), "{chain}");
    // The policy names the server's FQDN and bound port: the URL is not at fault.
    assert!(
        !ids(&report).contains(&"client-wrong-server"),
        "{:?}",
        ids(&report)
    );
    assert!(missing(cause).is_empty(), "{cause:#}");
}

#[test]
fn without_httperr_the_network_verdict_asks_for_it() {
    let dir = tempfile::tempdir().unwrap();
    copy_without(&bundle("network-block"), dir.path(), &["server/HTTPERR"]);
    let report = diagnose(dir.path());
    let cause = first_cause(&report, "network-block", &["client.reaches-server"]);
    let wanted = missing(cause);
    assert_eq!(wanted.len(), 1, "{wanted:#?}");
    assert!(wanted[0].contains("HTTPERR"), "{wanted:#?}");
    // Without the client's ipconfig, nothing tells which address to look for: no verdict.
    let dir = tempfile::tempdir().unwrap();
    copy_without(
        &bundle("network-block"),
        dir.path(),
        &["client/ipconfig.txt"],
    );
    assert!(!ids(&diagnose(dir.path())).contains(&"network-block"));
}

#[test]
fn an_unpatched_wsus3_lacks_the_prerequisites() {
    let report = diagnose(&bundle("prerequisites-missing"));
    let cause = first_cause(
        &report,
        "prerequisites-missing",
        &["server.version", "client.wu-log"],
    );
    let chain = strings(&cause["chain"]).join("\n");
    assert!(chain.contains("3.2.7600.274"), "{chain}");
    assert!(chain.contains("KB4039929"), "{chain}");
}

#[test]
fn server_2016_without_its_2017_rollup_lacks_the_prerequisites() {
    let report = diagnose(&bundle("prerequisites-missing-2016"));
    let all = causes(&report);
    assert_eq!(ids(&report), ["prerequisites-missing"]);
    let chain = strings(&all[0]["chain"]);
    // The installed-updates list alone proves it; no client was collected.
    assert!(
        chain
            .first()
            .is_some_and(|l| l.starts_with("server.version: Windows Server 2016 lacks KB4039396")),
        "{chain:#?}"
    );
    assert_eq!(all[0]["confidence"], "low");
    assert!(all[0]["first_fix"]["text"]
        .as_str()
        .unwrap_or("")
        .contains("KB4039396"));
}

#[test]
fn aspnet_impersonation_is_recognised() {
    let report = diagnose(&bundle("aspnet-impersonation"));
    let cause = first_cause(
        &report,
        "aspnet-impersonation",
        &["server.website", "client.wu-log"],
    );
    let chain = strings(&cause["chain"]).join("\n");
    assert!(
        chain.contains("WSUS Administration/ClientWebService"),
        "{chain}"
    );
    assert!(chain.contains("0x8024401F"), "{chain}");
    // The IIS log shows the 500.24 answers that prove it.
    let iis = findings(&report, "server.iis-log");
    assert!(
        iis.iter()
            .any(|f| f["title"].as_str().unwrap_or("").starts_with("500.24")),
        "{iis:#?}"
    );
}

#[test]
fn memory_recycles_outrank_the_rapid_fail_stop_they_caused() {
    let report = diagnose(&bundle("pool-memory-then-stopped"));
    let cause = first_cause(
        &report,
        "wsuspool-memory",
        &["server.events", "server.app-pool"],
    );
    assert_eq!(cause["confidence"], "high", "{cause:#}");
    // The stop is a consequence: rapid-fail protection acted on the crashes the memory limit
    // caused, so the better-ranked cause explains it away.
    let stopped = findings(&report, "server.app-pool");
    assert!(
        stopped
            .iter()
            .any(|f| f["symptom"] == "app-pool.rapid-fail"),
        "{stopped:#?}"
    );
    // The events check reports the same WAS 5002 under the same symptom: one proof, not two.
    let events = findings(&report, "server.events");
    assert!(
        events.iter().any(|f| f["symptom"] == "app-pool.rapid-fail"),
        "{events:#?}"
    );
    assert!(
        !ids(&report).contains(&"wsuspool-stopped"),
        "{:?}",
        ids(&report)
    );
    // Only the server's configuration and events were collected: the 503s are not shown yet.
    let wanted = missing(cause).join("\n");
    assert!(wanted.contains("IIS logs"), "{wanted}");
    assert!(wanted.contains("HTTPERR"), "{wanted}");
}

fn commands(remedy: &Value) -> Vec<&str> {
    remedy["commands"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["line"].as_str()).collect())
        .unwrap_or_default()
}

fn with_symptom<'a>(report: &'a Value, symptom: &str) -> Vec<&'a Value> {
    findings(report, "server.database")
        .into_iter()
        .filter(|f| f["symptom"] == symptom)
        .collect()
}

const WID_FIX: [&str; 4] = [
    "Start-Service -Name 'MSSQL$MICROSOFT##WID'; Get-Service -Name 'MSSQL$MICROSOFT##WID'",
    r#"net start "MSSQL$MICROSOFT##WID""#,
    "Get-Volume | Where-Object DriveLetter | Select-Object DriveLetter, SizeRemaining, Size",
    r#"sqlcmd -S np:\\.\pipe\MICROSOFT##WID\tsql\query -E -Q "EXEC sp_helpdb N'SUSDB'""#,
];

#[test]
fn a_stopped_windows_internal_database_is_recognised() {
    let report = diagnose(&bundle("wsus-database"));
    let cause = first_cause(
        &report,
        "wsus-database",
        &["server.database", "server.iis-log", "client.wu-log"],
    );
    assert_eq!(cause["confidence"], "high", "{cause:#}");
    assert!(missing(cause).is_empty(), "{cause:#}");
    assert_eq!(commands(&cause["first_fix"]), WID_FIX);
    assert!(cause["first_fix"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Start the database service MSSQL$MICROSOFT##WID"));
    // The 500s are the database's: impersonation is not among the causes.
    assert_eq!(ids(&report), ["wsus-database"]);

    let down = with_symptom(&report, "database.service-down");
    assert_eq!(down.len(), 1, "{:#}", report["findings"]);
    let f = down[0];
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "The WSUS database service MSSQL$MICROSOFT##WID is not running"
    );
    assert!(
        f["summary"].as_str().unwrap().starts_with(
            "SqlServerName is MICROSOFT##WID: SUSDB is on the Windows Internal Database, whose service MSSQL$MICROSOFT##WID is Stopped (exit code 1067)."
        ),
        "{}",
        f["summary"]
    );
    assert_eq!(f["evidence"][0]["location"]["value"], "SqlServerName");
    assert_eq!(
        f["evidence"][0]["excerpt"],
        r#"SqlServerName = "MICROSOFT##WID""#
    );
    assert!(f["evidence"][1]["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("server/sc-query.txt"));
    assert_eq!(
        f["evidence"][1]["excerpt"],
        "MSSQL$MICROSOFT##WID: Stopped, exit code 1067"
    );
    assert_eq!(commands(&f["remedy"]), WID_FIX);

    let logged = with_symptom(&report, "database.sql-exceptions");
    assert_eq!(logged.len(), 1, "{:#}", report["findings"]);
    let f = logged[0];
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "SoftwareDistribution.log has 12 SqlException record(s)"
    );
    assert!(
        f["summary"].as_str().unwrap().starts_with(
            "WSUS logged 12 SqlException record(s) from 2024-09-03T09:58:41Z to 2024-09-03T10:46:31Z: its queries to SUSDB on the Windows Internal Database failed."
        ),
        "{}",
        f["summary"]
    );
    assert_eq!(f["data"]["count"], 12);
    let evidence = f["evidence"].as_array().unwrap();
    assert_eq!(evidence[0]["location"]["line"], 2);
    assert!(evidence[0]["excerpt"]
        .as_str()
        .unwrap()
        .contains("SqlException (0x80131904)"));
    assert_eq!(evidence.last().unwrap()["location"]["line"], 46);
    assert_eq!(commands(&f["remedy"]), WID_FIX);
}

#[test]
fn five_hundreds_alone_do_not_blame_a_running_database() {
    let dir = tempfile::tempdir().unwrap();
    copy_without(
        &bundle("wsus-database"),
        dir.path(),
        &["server/SoftwareDistribution.log"],
    );
    let sc = dir.path().join("server/sc-query.txt");
    let listing = std::fs::read_to_string(&sc).unwrap().replace(
        "STATE              : 1  STOPPED \r\n        WIN32_EXIT_CODE    : 1067  (0x42b)",
        "STATE              : 4  RUNNING \r\n        WIN32_EXIT_CODE    : 0  (0x0)",
    );
    std::fs::write(&sc, listing).unwrap();
    let report = diagnose(dir.path());
    assert!(
        !ids(&report).contains(&"wsus-database"),
        "{:?}",
        ids(&report)
    );
    let db = findings(&report, "server.database");
    assert_eq!(db.len(), 1, "{db:#?}");
    assert_eq!(db[0]["status"], "pass");
    assert_eq!(
        db[0]["title"],
        "SUSDB is on the Windows Internal Database; MSSQL$MICROSOFT##WID is running"
    );
    assert_eq!(
        db[0]["evidence"][1]["excerpt"],
        "MSSQL$MICROSOFT##WID: Running"
    );
}

/// A WSUS server whose SUSDB is on another server's SQL Server instance: the local service list
/// cannot say whether that instance runs, so nothing is reported stopped; its SqlExceptions
/// still make the database the cause, with a fix aimed at the SQL Server.
#[test]
fn a_remote_sql_server_is_named_not_reported_stopped() {
    let dir = tempfile::tempdir().unwrap();
    copy_without(
        &bundle("wsus-database"),
        dir.path(),
        &["server/SoftwareDistribution.log", "server/wsus-setup.reg"],
    );
    write(
        dir.path(),
        "server/wsus-setup.reg",
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]\r\n\"SqlServerName\"=\"SQL01\\\\WSUS\"\r\n\"SqlDatabaseName\"=\"SUSDB\"\r\n\"PortNumber\"=dword:00002152\r\n\"IISTargetWebsiteIndex\"=dword:5db6f5df\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\ComputerName\\ComputerName]\r\n\"ComputerName\"=\"WSUS01\"\r\n",
    );
    let report = diagnose(dir.path());
    assert!(
        !ids(&report).contains(&"wsus-database"),
        "{:?}",
        ids(&report)
    );
    assert!(with_symptom(&report, "database.service-down").is_empty());
    let db = findings(&report, "server.database");
    assert_eq!(db.len(), 1, "{db:#?}");
    let f = db[0];
    assert_eq!(f["status"], "info");
    assert_eq!(f["title"], r"SUSDB is on the remote SQL Server SQL01\WSUS");
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.starts_with(r"SqlServerName is SQL01\WSUS: SUSDB is on the SQL Server instance SQL01\WSUS on another server. Its service (MSSQL$WSUS on SQL01) cannot be checked from this server's evidence"),
        "{summary}"
    );
    assert_eq!(
        f["evidence"][0]["excerpt"],
        r#"SqlServerName = "SQL01\WSUS""#
    );
    assert_eq!(
        commands(&f["remedy"]),
        [
            "Get-Service -ComputerName SQL01 -Name 'MSSQL$WSUS'",
            r#"sc \\SQL01 query "MSSQL$WSUS""#
        ]
    );

    // With WSUS failing its queries, the database is the cause, fixed on SQL01.
    std::fs::copy(
        bundle("wsus-database").join("server/SoftwareDistribution.log"),
        dir.path().join("server/SoftwareDistribution.log"),
    )
    .unwrap();
    let report = diagnose(dir.path());
    let cause = first_cause(
        &report,
        "wsus-database",
        &["server.database", "server.iis-log"],
    );
    let fix = commands(&cause["first_fix"]);
    assert_eq!(fix[0], "Get-Service -ComputerName SQL01 -Name 'MSSQL$WSUS'");
    assert!(
        fix.contains(&r#"sqlcmd -S SQL01\WSUS -E -Q "EXEC sp_helpdb N'SUSDB'""#),
        "{fix:?}"
    );
    assert!(fix.iter().all(|c| !c.contains("MICROSOFT##WID")), "{fix:?}");
    assert!(cause["first_fix"]["text"]
        .as_str()
        .unwrap()
        .contains("on SQL01"));

    // Redacted, the SQL Server is a host and its instance a name, never a domain and an account:
    // "WSUS" stays a word everywhere.
    let redacted = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json", "--redact"])
            .arg(dir.path()),
    );
    let text = redacted.to_string();
    assert!(!text.contains("SQL01"), "{text}");
    let cause = &redacted["diagnosis"][0];
    assert_eq!(cause["id"], "wsus-database");
    assert!(cause["title"]
        .as_str()
        .unwrap()
        .starts_with("The WSUS database (SUSDB)"));
    assert_eq!(
        commands(&cause["first_fix"])[0],
        "Get-Service -ComputerName host-1 -Name 'MSSQL$WSUS'"
    );
    // An instance named after its owner is replaced, in its service's name too.
    let setup = dir.path().join("server/wsus-setup.reg");
    let reg = std::fs::read_to_string(&setup)
        .unwrap()
        .replace(r"SQL01\\WSUS", r"SQL01\\ACMEDB");
    std::fs::write(&setup, reg).unwrap();
    let redacted = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json", "--redact"])
            .arg(dir.path()),
    );
    let text = redacted.to_string();
    assert!(
        !text.contains("ACMEDB") && !text.contains("SQL01"),
        "{text}"
    );
    assert_eq!(
        commands(&redacted["diagnosis"][0]["first_fix"])[0],
        "Get-Service -ComputerName host-1 -Name 'MSSQL$name-1'"
    );
}

#[test]
fn the_healthy_example_yields_no_cause() {
    let report = diagnose(&example("healthy"));
    assert!(causes(&report).is_empty(), "{:?}", ids(&report));
}

/// 503 bursts at 09:14-09:16 and 13:02-13:04 UTC; the client, one hour east of UTC, logs its
/// failures at 10:15 and 14:03 local time in a Windows 10 log that names no zone.
fn zone_less_client_beside_bursts(dir: &Path) {
    let mut iis = String::from("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n#Date: 2026-11-10 00:00:00\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\n");
    for (time, status) in [
        ("08:00:00", 200),
        ("09:14:05", 503),
        ("09:15:10", 503),
        ("09:16:20", 503),
        ("11:00:00", 200),
        ("13:02:05", 503),
        ("13:03:10", 503),
        ("13:04:20", 503),
        ("15:00:00", 200),
    ] {
        iis += &format!("2026-11-10 {time} 10.20.0.15 POST /ClientWebService/client.asmx - 8530 - 10.31.1.11 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - {status} 0 0 15\n");
    }
    write(dir, "u_ex261110.log", iis);
    let mut wu = String::from("2026/11/10 08:00:00.1000000 1180  4420  Agent           WSUS server: http://wsus01.corp.example.com:8530\n");
    for time in ["10:15:02", "14:03:40"] {
        wu += &format!("2026/11/10 {time}.1234601 1180  5512  WebServices     *FAILED* [80244022] Web service call\n");
        wu += &format!("2026/11/10 {time}.1240000 1180  5512  Agent           *FAILED* [80244022] Synchronize\n");
    }
    write(dir, "WindowsUpdate.log", wu);
}

/// The finding that pairs the client's time-outs with the server's 503 bursts, if any.
fn paired(r: &Value) -> Option<&Value> {
    findings(r, "client.wu-log")
        .into_iter()
        .find(|f| f["title"] == "Client time-outs fall inside the server's 503 bursts")
}

#[test]
fn a_zone_less_client_log_is_read_at_the_offset_its_errors_line_up_at() {
    let dir = tempfile::tempdir().unwrap();
    zone_less_client_beside_bursts(dir.path());
    let r = diagnose(dir.path());
    let f = paired(&r).unwrap_or_else(|| panic!("{:#}", r["findings"]));
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["summary"],
        "2 client error episode(s) overlap 503 bursts in the WSUS IIS logs (client times of unknown zone were read at UTC offset +01:00 (assumed: at this offset, and no other, 2 of the client's time-outs and 503 errors fall inside the server's 503 bursts))."
    );
    assert_eq!(f["evidence"].as_array().unwrap().len(), 4, "{f:#}");
    // An inferred offset is an assumption: the timeline marks the client's times so.
    let client_events: Vec<&Value> = r["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["side"] == "client")
        .collect();
    assert!(!client_events.is_empty());
    assert!(client_events.iter().all(|e| e["assumed_zone"] == true));
}

#[test]
fn client_tz_states_the_offset_instead_of_inferring_it() {
    let dir = tempfile::tempdir().unwrap();
    zone_less_client_beside_bursts(dir.path());
    let with_tz = |zone: &str| -> Value {
        json_of(
            wsus_doctor()
                .args(["diagnose", "--format", "json", "--client-tz", zone])
                .arg(dir.path()),
        )
    };
    // The offset the errors line up at, stated: the same pairing, no longer assumed.
    for zone in ["+01:00", "Africa/Lagos"] {
        let r = with_tz(zone);
        let f = paired(&r).unwrap_or_else(|| panic!("{zone}: {:#}", r["findings"]));
        assert_eq!(f["status"], "fail");
        assert_eq!(
            f["summary"],
            "2 client error episode(s) overlap 503 bursts in the WSUS IIS logs (client times of unknown zone were read at UTC offset +01:00 (stated with --client-tz)).",
            "{zone}"
        );
        let events: Vec<&Value> = r["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["side"] == "client")
            .collect();
        assert_eq!(events[0]["time"], "2026-11-10T09:15:02Z", "{zone}");
        assert!(events.iter().all(|e| e.get("assumed_zone").is_none()));
    }
    // Another offset wins over the inference everywhere: the client's failures at 10:15 and
    // 14:03 in Tokyo are 01:15 and 05:03 UTC, outside every burst.
    let r = with_tz("Asia/Tokyo");
    assert!(paired(&r).is_none(), "{:#}", r["findings"]);
    let times = findings(&r, "client.wu-log")
        .into_iter()
        .find(|f| f["title"] == "Scan history and log times")
        .unwrap_or_else(|| panic!("{:#}", r["findings"]));
    assert_eq!(times["status"], "info");
    assert_eq!(
        times["summary"],
        "No successful scan is logged; 2 connection error(s) in 2 episode(s); client times of unknown zone were read at UTC offset +09:00 (stated with --client-tz)."
    );
    let first = r["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["side"] == "client")
        .unwrap();
    assert_eq!(first["time"], "2026-11-10T01:15:02Z");
    let text = String::from_utf8(
        wsus_doctor()
            .args(["diagnose", "--verbose", "--client-tz", "+09:00"])
            .arg(dir.path())
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(
        text.contains("UTC offset +09:00 (stated with --client-tz)"),
        "{text}"
    );
}

#[test]
fn an_invalid_client_tz_stops_the_run_with_a_plain_message() {
    for (zone, says) in [
        ("+9", "is no UTC offset: write it as +09:00, -05:00 or Z"),
        ("+15:00", "is no UTC offset"),
        (
            "Mars/Olympus",
            "is neither a UTC offset (+09:00, -05:00, Z) nor a time zone name",
        ),
    ] {
        let out = wsus_doctor()
            .args(["diagnose", "--client-tz", zone])
            .arg(example("healthy"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{zone}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(says), "{zone}: {stderr}");
        assert!(out.stdout.is_empty());
    }
}

/// The first fix of a cause uses the names and values of the evidence when its proofs carry
/// them, instead of the documentation's placeholders.
#[test]
fn fix_first_takes_the_names_from_the_evidence() {
    let first_fix = |example_name: &str| -> Vec<String> {
        let r = json_of(
            wsus_doctor()
                .args(["--format", "json"])
                .arg(example(example_name)),
        );
        r["diagnosis"][0]["first_fix"]["commands"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["line"].as_str().unwrap().to_string())
            .collect()
    };
    let policy = first_fix("client-and-server");
    assert_eq!(
        policy[0],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d http://wsus02.contoso.com:8530 /f"#
    );
    assert!(policy.iter().any(|c| c == "gpupdate /force"), "{policy:?}");

    let ssl = first_fix("ssl-misconfigured");
    assert!(
        ssl.iter()
            .any(|c| c.contains(r#""WSUS Administration/Content""#) && c.contains("/sslFlags:")),
        "{ssl:?}"
    );
    assert!(
        ssl.iter().all(|c| !c.contains('<')),
        "placeholders left: {ssl:?}"
    );
}

/// A WSUS server whose clients' URL lacks the port: their requests reach the Default Web Site on
/// port 80 (W3SVC1), which answers 404 for WSUS paths, while the WSUS site on 8530 is complete and
/// serves other clients. Nothing is missing from WSUS; the clients' URL is wrong.
#[test]
fn port_80_404s_blame_the_clients_url_not_the_wsus_site() {
    let dir = tempfile::tempdir().unwrap();
    copy_without(&example("healthy/server"), dir.path(), &[]);
    let mut log = String::from(
        "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 00:10:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n",
    );
    for (i, client) in ["10.0.7.21", "10.0.7.22", "10.0.7.23"].iter().enumerate() {
        log.push_str(&format!(
            "2024-03-05 00:1{i}:05 10.0.0.10 POST /ClientWebService/client.asmx - 80 - {client} Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 404 0 2 3\r\n\
             2024-03-05 00:1{i}:06 10.0.0.10 GET /selfupdate/wuident.cab - 80 - {client} Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 404 0 2 1\r\n"
        ));
    }
    write(
        dir.path(),
        "inetpub/logs/LogFiles/W3SVC1/u_ex240305.log",
        log,
    );
    let report = diagnose(dir.path());

    let found: Vec<&Value> = findings(&report, "server.iis-log")
        .into_iter()
        .filter(|f| f["symptom"] == "iis.404-other-site")
        .collect();
    assert_eq!(found.len(), 1, "{:#}", report["findings"]);
    let f = found[0];
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "Clients asked port 80 for WSUS, but the WSUS site listens on 8530, 8531"
    );
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.starts_with(
            "6 requests to /ClientWebService, /selfupdate on port 80 were answered 404"
        ),
        "{summary}"
    );
    assert!(summary.contains("10.0.7.21 (2)"), "{summary}");
    let excerpt = f["evidence"][0]["excerpt"].as_str().unwrap();
    assert!(
        excerpt.contains("/ClientWebService/client.asmx - 80 -"),
        "{excerpt}"
    );
    assert!(
        f["evidence"][0]["location"]["path"]
            .as_str()
            .unwrap()
            .contains("W3SVC1/u_ex240305.log"),
        "{:#}",
        f["evidence"]
    );
    let fix = f["remedy"].to_string();
    assert!(
        fix.contains("/d http://<WSUS server FQDN>:8530 /f"),
        "{fix}"
    );
    assert!(!fix.contains("postinstall"), "{fix}");

    // No "virtual directory missing" anywhere: the WSUS site has all of them.
    assert!(
        !findings(&report, "server.iis-log")
            .iter()
            .any(|f| f["symptom"] == "iis.404-vdir"),
        "{:#}",
        report["findings"]
    );
    assert!(
        !ids(&report).contains(&"missing-vdir"),
        "{:?}",
        ids(&report)
    );
    // The cause is the clients' URL, with the server's finding as its proof and its fix first.
    let cause = &report["diagnosis"][0];
    assert_eq!(
        cause["id"], "client-wrong-server",
        "{:#}",
        report["diagnosis"]
    );
    assert_eq!(
        cause["chain"][0],
        "server.iis-log: Clients asked port 80 for WSUS, but the WSUS site listens on 8530, 8531 — 6 requests to /ClientWebService, /selfupdate on port 80 were answered 404 (2024-03-05T00:10:05Z – 00:12:06Z); clients: 10.0.7.21 (2), 10.0.7.22 (2), 10.0.7.23 (2)."
    );
    let first_fix = cause["first_fix"].to_string();
    assert!(
        first_fix.contains("/d http://<WSUS server FQDN>:8530 /f"),
        "{first_fix}"
    );
    // The server's logs cannot know the name: the fix says which evidence would give it.
    assert!(
        cause["first_fix"]["text"].as_str().unwrap().ends_with(
            " <WSUS server FQDN> is not in the evidence: the WSUS server's ipconfig /all (its Host Name and Primary Dns Suffix) or a client's policy export (reg export HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate) would give it."
        ),
        "{first_fix}"
    );
    assert_eq!(report["diagnosis"].as_array().unwrap().len(), 1);

    // Held against the one client the run is about: a client the log does not show asking port
    // 80 is not given that cause; one it shows is.
    let for_client = |ip: &str| {
        json_of(
            wsus_doctor()
                .args(["diagnose", "--format", "json", "--client-ip", ip])
                .arg(dir.path()),
        )
    };
    assert!(
        !ids(&for_client("10.0.7.99")).contains(&"client-wrong-server"),
        "{:#}",
        for_client("10.0.7.99")["diagnosis"]
    );
    assert_eq!(ids(&for_client("10.0.7.22")), ["client-wrong-server"]);
}
