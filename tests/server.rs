//! Server evidence and the server checks, end to end on the fixtures under
//! `tests/fixtures/server/`.

use crate::util::{findings, fixture, json_of, write, wsus_doctor};
use serde_json::Value;

const SERVER_CHECKS: &[&str] = &[
    "server.version",
    "server.services",
    "server.website",
    "server.app-pool",
    "server.tls",
    "server.events",
];

fn diagnose(dir: &std::path::Path) -> Value {
    json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(dir),
    )
}

fn statuses(report: &Value, check: &str) -> Vec<String> {
    findings(report, check)
        .iter()
        .map(|f| f["status"].as_str().unwrap_or("").to_string())
        .collect()
}

fn with_title<'a>(report: &'a Value, check: &str, part: &str) -> &'a Value {
    findings(report, check)
        .into_iter()
        .find(|f| f["title"].as_str().unwrap_or("").contains(part))
        .unwrap_or_else(|| {
            panic!(
                "no {check} finding titled with '{part}': {:#?}",
                findings(report, check)
            )
        })
}

fn inventory_entry<'a>(report: &'a Value, name: &str) -> &'a Value {
    // `diagnose` nests the inventory; `inventory` prints it at the top.
    let files = if report["inventory"].is_object() {
        &report["inventory"]["files"]
    } else {
        &report["files"]
    };
    files
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap_or("").ends_with(name))
        .unwrap_or_else(|| panic!("{name} not in the inventory"))
}

#[test]
fn wsuspool_setup_default_memory_limit_fails_with_both_sources_and_commands() {
    let r = diagnose(&fixture("server/wsuspool-503"));
    let f = with_title(&r, "server.app-pool", "private memory limit");
    assert_eq!(f["status"], "fail");
    assert!(f["title"].as_str().unwrap().contains("1,843,200 KB"));
    assert!(f["summary"]
        .as_str()
        .unwrap()
        .contains("the value WSUS setup leaves"));
    let explanation = f["explanation"].as_str().unwrap();
    assert!(explanation.contains("KB4025764") && explanation.contains("4-8 GB"));
    assert!(explanation.contains("KB4490414") && explanation.contains("no limit"));
    let refs: Vec<&str> = f["references"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(refs.contains(&"KB4025764") && refs.contains(&"KB4490414"));
    let commands: Vec<&str> = f["remedy"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_str().unwrap())
        .collect();
    assert!(commands.iter().any(|c| c.contains(
        r#"appcmd.exe set apppool "WsusPool" /recycling.periodicRestart.privateMemory:0"#
    )));
    assert!(commands.iter().any(|c| c.contains(r"Set-ItemProperty 'IIS:\AppPools\WsusPool' -Name recycling.periodicRestart.privateMemory -Value 0")));
    // The evidence points at the pool's line in applicationHost.config.
    assert!(f["evidence"][0]["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("applicationHost.config"));
    assert!(f["evidence"][0]["location"]["line"].as_u64().is_some());
    // WAS logged private-memory recycles (5117): the load evidence that makes it a failure.
    let evidence = f["evidence"].to_string();
    assert!(
        evidence.contains("WAS 5117: private-memory recycle at"),
        "{evidence}"
    );
    assert!(f["summary"].as_str().unwrap().contains(
        "The evidence shows it: 503 bursts in the IIS logs or WAS 5117 private-memory recycles."
    ));
    // appcmd says stopped and WAS logged 5002: the pool state finding.
    let stopped = with_title(&r, "server.app-pool", "rapid-fail");
    assert_eq!(stopped["status"], "fail");
    assert!(stopped["summary"]
        .as_str()
        .unwrap()
        .contains("2024-03-05T09:33:15Z"));
}

#[test]
fn wsuspool_events_list_recycles_and_rapid_fail_with_times() {
    let r = diagnose(&fixture("server/wsuspool-503"));
    let recycles = with_title(&r, "server.events", "5117");
    assert_eq!(recycles["status"], "fail");
    let summary = recycles["summary"].as_str().unwrap();
    assert!(summary.contains("2024-03-05T09:12:41Z") && summary.contains("2024-03-05T09:31:07Z"));
    assert!(recycles["title"]
        .as_str()
        .unwrap()
        .contains("WsusPool, 2 time(s)"));
    assert_eq!(with_title(&r, "server.events", "5002")["status"], "fail");
    // Another pool's idle shutdown is not WSUS's problem.
    assert!(findings(&r, "server.events")
        .iter()
        .all(|f| !f["title"].as_str().unwrap().contains("DefaultAppPool")));
    // WSUS's health monitor saw the 503 from the Application log.
    let content = with_title(&r, "server.events", "WSUS event 12072");
    assert_eq!(content["status"], "warn");
    assert!(content["summary"]
        .as_str()
        .unwrap()
        .contains("2024-03-05T09:14:05Z"));
    let entry = inventory_entry(&r, "System-events.xml");
    assert_eq!(entry["kind"], "event-xml");
    assert_eq!(entry["records"], 4);
}

#[test]
fn healthy_server_passes_with_localised_site_and_renamed_pool() {
    let r = diagnose(&fixture("server/healthy"));
    for check in [
        "server.version",
        "server.services",
        "server.website",
        "server.app-pool",
        "server.events",
    ] {
        assert_eq!(
            statuses(&r, check),
            vec!["pass"],
            "{check}: {:#?}",
            findings(&r, check)
        );
    }
    let site = &findings(&r, "server.website")[0];
    assert!(site["title"].as_str().unwrap().contains("WSUS-Verwaltung"));
    assert!(site["summary"]
        .as_str()
        .unwrap()
        .contains("IISTargetWebsiteIndex"));
    assert!(findings(&r, "server.app-pool")[0]["title"]
        .as_str()
        .unwrap()
        .contains("'WSUS-Pool'"));
    // The binding's certificate is matched by thumbprint.
    let cert = with_title(&r, "server.tls", "certificate");
    assert_eq!(cert["status"], "info");
    assert!(cert["summary"]
        .as_str()
        .unwrap()
        .contains("460C8704CA040B6BD3B904CA8C968DA049AB391D"));
    assert!(statuses(&r, "server.tls").contains(&"pass".to_string()));
}

#[test]
fn site_is_found_through_clientwebservice_without_the_registry() {
    let dir = tempfile::tempdir().unwrap();
    let config = std::fs::read(fixture("server/healthy/applicationHost.config")).unwrap();
    write(dir.path(), "applicationHost.config", config);
    let r = diagnose(dir.path());
    let site = &findings(&r, "server.website")[0];
    assert_eq!(site["status"], "pass");
    assert!(site["summary"]
        .as_str()
        .unwrap()
        .contains("the site with the ClientWebService application"));
    assert!(findings(&r, "server.app-pool")[0]["title"]
        .as_str()
        .unwrap()
        .contains("'WSUS-Pool'"));
    // Without the registry, the version cannot be judged.
    assert_eq!(statuses(&r, "server.version"), vec!["skipped"]);
}

#[test]
fn http_sys_binding_gives_the_certificate_and_client_certificate_negotiation() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "applicationHost.config",
        "reg-query-setup.txt",
        "wsus02-certificate.pem",
    ] {
        let mut bytes = std::fs::read(fixture(&format!("server/healthy/{name}"))).unwrap();
        if name == "applicationHost.config" {
            let text = String::from_utf8(bytes).unwrap();
            bytes = text
                .replace(
                    r#" certificateHash="460c8704ca040b6bd3b904ca8c968da049ab391d""#,
                    "",
                )
                .into_bytes();
        }
        write(dir.path(), name, bytes);
    }
    write(
        dir.path(),
        "sslcert.txt",
        "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n    IP:port                      : 0.0.0.0:8531\r\n    Certificate Hash             : 460c8704ca040b6bd3b904ca8c968da049ab391d\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : MY\r\n    Negotiate Client Certificate : Enabled\r\n",
    );
    let r = diagnose(dir.path());
    assert_eq!(inventory_entry(&r, "sslcert.txt")["kind"], "netsh-sslcert");
    let nego = with_title(&r, "server.tls", "asks clients for a certificate");
    assert_eq!(nego["status"], "fail");
    assert!(nego["summary"].as_str().unwrap().contains("0x80072F0C"));
    assert!(
        with_title(&r, "server.tls", "certificate 'CN=wsus02")["summary"]
            .as_str()
            .unwrap()
            .contains("wsus02.contoso.local")
    );
}

#[test]
fn a_bound_certificate_missing_from_the_evidence_is_named_by_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["applicationHost.config", "reg-query-setup.txt"] {
        write(
            dir.path(),
            name,
            std::fs::read(fixture(&format!("server/healthy/{name}"))).unwrap(),
        );
    }
    let r = diagnose(dir.path());
    let f = with_title(
        &r,
        "server.tls",
        "460c8704ca040b6bd3b904ca8c968da049ab391d is bound",
    );
    assert_eq!(f["status"], "info");
    assert!(statuses(&r, "server.tls").contains(&"pass".to_string()));
}

#[test]
fn broken_server_fails_each_check_with_its_cause() {
    let r = diagnose(&fixture("server/broken"));
    assert_eq!(
        with_title(&r, "server.version", "KB4039871")["status"],
        "fail"
    );
    let svc = with_title(&r, "server.services", "WsusService is not running");
    assert_eq!(svc["status"], "fail");
    assert!(svc["summary"].as_str().unwrap().contains("1067"));
    assert_eq!(
        with_title(&r, "server.website", "not started")["status"],
        "fail"
    );
    assert_eq!(
        with_title(&r, "server.website", "http binding on port 8530")["status"],
        "fail"
    );
    assert!(with_title(&r, "server.website", "lacks")["title"]
        .as_str()
        .unwrap()
        .contains("Selfupdate, Inventory"));
    let imp = with_title(&r, "server.website", "impersonation");
    assert!(imp["summary"].as_str().unwrap().contains("500.24"));
    assert!(
        with_title(&r, "server.tls", "Client certificates")["summary"]
            .as_str()
            .unwrap()
            .contains("0x80072F0C")
    );
    assert_eq!(
        with_title(&r, "server.tls", "Content requires SSL")["status"],
        "fail"
    );
    assert_eq!(
        with_title(&r, "server.tls", "ClientWebService requires SSL")["status"],
        "fail"
    );
    for part in [
        "queue length is 1000",
        "idle time-out is 00:20:00",
        "pinging is on",
        "recycles every 29:00:00",
    ] {
        assert_eq!(
            with_title(&r, "server.app-pool", part)["status"],
            "warn",
            "{part}"
        );
    }
    // SCM crashes named by display name only are tied to WsusService.
    let crash = with_title(&r, "server.events", "7031");
    assert_eq!(crash["status"], "fail");
    assert!(crash["title"].as_str().unwrap().contains("WsusService"));
    assert!(crash["summary"]
        .as_str()
        .unwrap()
        .contains("2024-03-04T22:41:09Z"));
    // A REGEDIT4 export with hex(2) data.
    assert_eq!(inventory_entry(&r, "WSUS-Setup.reg")["records"], 7);
}

#[test]
fn crash_of_a_running_service_warns_and_a_stale_site_index_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sc.txt",
        std::fs::read(fixture("server/healthy/sc-queryex.txt")).unwrap(),
    );
    write(
        dir.path(),
        "applicationHost.config",
        std::fs::read(fixture("server/healthy/applicationHost.config")).unwrap(),
    );
    write(
        dir.path(),
        "setup.txt",
        "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\r\n    IISTargetWebsiteIndex    REG_DWORD    0x63\r\n",
    );
    write(
        dir.path(),
        "System.xml",
        concat!(
            "<Event xmlns='http://schemas.microsoft.com/win/2004/08/events/event'><System><Provider Name='Service Control Manager'/>",
            "<EventID Qualifiers='49152'>7031</EventID><Level>2</Level><TimeCreated SystemTime='2024-03-05T02:00:00.0000000Z'/>",
            "<EventRecordID>12</EventRecordID><Channel>System</Channel><Computer>WSUS02</Computer></System>",
            "<EventData><Data Name='param1'>World Wide Web Publishing Service</Data><Data Name='param2'>1</Data></EventData></Event>\r\n"
        ),
    );
    let r = diagnose(dir.path());
    let crash = with_title(
        &r,
        "server.services",
        "W3SVC terminated unexpectedly 1 time(s)",
    );
    assert_eq!(crash["status"], "warn");
    assert!(crash["summary"]
        .as_str()
        .unwrap()
        .contains("2024-03-05T02:00:00Z"));
    let stale = with_title(&r, "server.website", "site 99, which does not exist");
    assert_eq!(stale["status"], "warn");
    assert!(stale["summary"]
        .as_str()
        .unwrap()
        .contains("'WSUS-Verwaltung'"));
}

#[test]
fn a_complete_service_list_without_wsusservice_means_the_role_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut services: Vec<serde_json::Value> = (0..45)
        .map(|i| serde_json::json!({"Name": format!("Svc{i}"), "ServiceName": format!("Svc{i}"), "DisplayName": format!("Service {i}"), "Status": 4, "StartType": 2}))
        .collect();
    services.push(serde_json::json!({"Name": "W3SVC", "ServiceName": "W3SVC", "DisplayName": "World Wide Web Publishing Service", "Status": 4, "StartType": 2}));
    write(
        dir.path(),
        "services.json",
        serde_json::to_vec_pretty(&services).unwrap(),
    );
    let r = diagnose(dir.path());
    let f = with_title(&r, "server.services", "WsusService is not installed");
    assert_eq!(f["status"], "fail");
    assert!(f["summary"].as_str().unwrap().contains("46 services"));
}

#[test]
fn wsus3_below_kb4039929_fails() {
    let r = diagnose(&fixture("server/wsus3"));
    let f = &findings(&r, "server.version")[0];
    assert_eq!(f["status"], "fail");
    assert!(f["summary"].as_str().unwrap().contains("3.2.7600.283"));
    assert!(
        f["summary"].as_str().unwrap().contains(
            "cannot synchronise from Microsoft Update any more: Microsoft Update requires TLS 1.2"
        ),
        "{f:#}"
    );
    assert!(f["evidence"][0]["excerpt"]
        .as_str()
        .unwrap()
        .starts_with("Product Version = 3."));
    assert!(f["remedy"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Move to a supported Windows Server with its WSUS role"));
    assert!(f["references"].to_string().contains("WSUS3-LIFECYCLE"));
    assert!(f["explanation"]
        .as_str()
        .unwrap()
        .contains("Restart the server"));
    assert_eq!(statuses(&r, "server.website"), vec!["skipped"]);
    assert!(findings(&r, "server.website")[0]["reason"]
        .as_str()
        .unwrap()
        .contains("no applicationHost.config"));
}

#[test]
fn client_only_evidence_skips_every_server_check_with_the_reason() {
    let r = diagnose(&fixture("server/client-only"));
    for check in SERVER_CHECKS {
        let f = findings(&r, check);
        assert_eq!(f.len(), 1, "{check}");
        assert_eq!(f[0]["status"], "skipped", "{check}");
        assert!(
            f[0]["reason"]
                .as_str()
                .unwrap()
                .contains("no WSUS server evidence"),
            "{check}"
        );
    }
}

/// A real HTTP.sys error log whose rejections are all on ports 2869 (UPnP) and 5357 (WSDAPI),
/// with no queue: other listeners' records, shown as context, never WsusPool's memory limit.
#[test]
fn corpus_httperr_of_another_listener_gives_no_wsuspool_finding_or_cause() {
    let Some(log) = crate::util::corpus("httperr/koytze_httperr1_real_crlf.log") else {
        return;
    };
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(&log),
    );
    let httperr = findings(&report, "server.httperr");
    assert_eq!(statuses(&report, "server.httperr"), ["info", "pass"]);
    let context = with_title(&report, "server.httperr", "other applications");
    assert_eq!(
        context["summary"],
        "87 records belong to other request queues or ports than WSUS's (pool WsusPool, ports 8530, 8531): Connection_Abandoned_By_ReqQueue × 12 (port 2869); N/A × 73 (ports 2869, 5357); Timer_MinBytesPerSecond × 2 (ports 2869, 5357)."
    );
    assert!(context.get("symptom").is_none() && context.get("remedy").is_none());
    assert!(
        !httperr.iter().any(|f| f.to_string().contains("8388608")),
        "{httperr:#?}"
    );
    assert!(
        report["diagnosis"].as_array().unwrap().is_empty(),
        "{:#}",
        report["diagnosis"]
    );
}

/// The real samples beside the project (`../shared/corpus` in CI) parse with their known counts.
#[test]
fn corpus_server_evidence_parses() {
    let corpus = crate::util::root().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("../shared/corpus not present; skipping");
        return;
    }
    let expected: &[(&str, u64)] = &[
        ("evtx/omer_system_wuclient_scm.evtx", 1881),
        ("evtx/omer_2-vss_7-System.evtx", 1160),
        ("evtx/omer_Application_no_crc32.evtx", 17),
        ("evtx/eas_System_7036.evtx", 6),
        ("evtx/eas_System_7045.evtx", 3),
        ("evtx/plaso_System2_truncated_security.evtx", 194),
        ("other/plaso_System_evtx_7036_7023_7045_subset.xml", 10),
        ("reg-export/echochio_wsus_client_ip.reg", 9),
        ("reg-export/jerrydman_wsus_placeholder.reg", 23),
        ("reg-export/joaovsr_WindowsUpdate_UX_utf16le.reg", 16),
        ("reg-export/loicraymond_DisableWSUS_delete_keys.reg", 1),
        ("reg-export/rezaabedi_wsus_noport.reg", 21),
        ("reg-export/yassermorad_WSUS_utf16le.reg", 8),
    ];
    for (rel, records) in expected {
        let r = json_of(
            wsus_doctor()
                .args(["inventory", "--format", "json"])
                .arg(corpus.join(rel)),
        );
        let entry = inventory_entry(&r, rel.rsplit('/').next().unwrap());
        assert_eq!(entry["records"], *records, "{rel}");
        assert!(entry["error"].is_null(), "{rel}: {}", entry["error"]);
    }
    let r = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(corpus.join("evtx/plaso_System2_truncated_security.evtx")),
    );
    let notes = r["files"][0]["notes"].to_string();
    assert!(notes.contains("truncated"), "{notes}");
    let r = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(corpus.join("evtx/eas_System_7036.evtx")),
    );
    let notes = r["files"][0]["notes"].to_string();
    assert!(notes.contains("wisvc (2)"), "{notes}");
    let r = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(corpus.join("applicationhost-config")),
    );
    let entry = &r["files"][0];
    assert_eq!(entry["kind"], "applicationhost-config");
    assert_eq!(entry["malformed"], 0);
    assert_eq!(entry["records"], 10);
}

/// A WSUS server that also hosts a Configuration Manager management point, WinRM and WSDAPI:
/// HTTP.sys rejections of those listeners are context, never WsusPool symptoms, while WsusPool's
/// own refusals still fail.
#[test]
fn httperr_records_of_other_queues_and_ports_are_not_wsus_symptoms() {
    let dir = tempfile::tempdir().unwrap();
    let header = "#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 09:00:00\r\n#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename\r\n";
    let mut others = String::from(header);
    for m in 0..20 {
        others.push_str(&format!("2024-03-05 09:{m:02}:10 10.0.5.21 50412 10.0.0.10 80 HTTP/1.1 POST /ccm_system/request 503 1 QueueFull SMS_Management_Point_Pool\r\n"));
        others.push_str(&format!("2024-03-05 09:{m:02}:20 10.0.5.22 50413 10.0.0.10 5357 HTTP/1.1 POST /11abc6a7-b92d-4dfe-8808-84d2aa2be72c 503 - N/A -\r\n"));
        others.push_str(&format!("2024-03-05 09:{m:02}:30 10.0.5.23 50414 10.0.0.10 5985 HTTP/1.1 POST /wsman - - Connection_Abandoned_By_ReqQueue -\r\n"));
    }
    write(dir.path(), "HTTPERR/httperr1.log", &others);
    let report = diagnose(dir.path());
    assert_eq!(statuses(&report, "server.httperr"), ["info", "pass"]);
    let context = with_title(&report, "server.httperr", "other applications");
    let summary = context["summary"].as_str().unwrap();
    assert!(summary.contains("60 records belong to other request queues or ports than WSUS's (pool WsusPool, ports 8530, 8531)"), "{summary}");
    assert!(
        summary.contains("QueueFull × 20 (queue SMS_Management_Point_Pool)"),
        "{summary}"
    );
    assert!(summary.contains("N/A × 20 (port 5357)"), "{summary}");
    assert!(
        summary.contains("Connection_Abandoned_By_ReqQueue × 20 (port 5985)"),
        "{summary}"
    );
    assert!(context.get("symptom").is_none());
    assert_eq!(context["evidence"].as_array().unwrap().len(), 3);
    assert!(context.get("remedy").is_none());
    assert!(
        report["diagnosis"].as_array().unwrap().is_empty(),
        "{:#}",
        report["diagnosis"]
    );

    // The same log with WsusPool's queue full: that is a WSUS symptom and the WsusPool cause.
    let mut wsus = others.clone();
    for m in 0..5 {
        wsus.push_str(&format!("2024-03-05 09:{m:02}:40 10.0.5.24 50415 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 1 QueueFull WsusPool\r\n"));
    }
    write(dir.path(), "HTTPERR/httperr1.log", &wsus);
    let report = diagnose(dir.path());
    let refused = with_title(&report, "server.httperr", "refused requests with 503");
    assert_eq!(refused["status"], "fail");
    assert_eq!(refused["symptom"], "httperr.queue-full");
    let summary = refused["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("5 records (UTC): QueueFull on WsusPool × 5"),
        "{summary}"
    );
    assert!(!summary.contains("SMS_Management_Point_Pool"), "{summary}");
    assert_eq!(report["diagnosis"][0]["id"], "wsuspool-memory");
}

/// A co-hosted management point's 503s in the IIS log are not WsusPool 503 bursts; WSUS's own
/// 503s in the same minutes still are, counted without the management point's.
#[test]
fn iis_503s_outside_the_wsus_endpoints_are_context() {
    let dir = tempfile::tempdir().unwrap();
    let header = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 09:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n";
    let mut log = String::from(header);
    for m in 0..20 {
        for i in 1..=6 {
            log.push_str(&format!("2024-03-05 09:{m:02}:{i:02} 10.0.0.10 GET /SMS_MP/.sms_aut MPLIST 80 - 10.0.5.{i} SMS+CCM+5.0 - 503 0 0 15\r\n"));
        }
    }
    write(dir.path(), "W3SVC1/u_ex240305.log", &log);
    let report = diagnose(dir.path());
    assert_eq!(statuses(&report, "server.iis-log"), ["info", "pass"]);
    let context = with_title(&report, "server.iis-log", "outside the WSUS endpoints");
    assert_eq!(
        context["summary"],
        "120 of 120 requests to other paths than WSUS's virtual directories were answered 503 Service Unavailable; they do not count as WSUS 503 bursts."
    );
    assert!(context.get("symptom").is_none() && context.get("remedy").is_none());
    assert!(report["diagnosis"].as_array().unwrap().is_empty());

    for m in 5..8 {
        for i in 1..=4 {
            log.push_str(&format!("2024-03-05 09:{m:02}:3{i} 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.6.{i} Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 15\r\n"));
        }
    }
    write(dir.path(), "W3SVC1/u_ex240305.log", &log);
    let report = diagnose(dir.path());
    let burst = with_title(&report, "server.iis-log", "WsusPool answered 503");
    assert_eq!(burst["status"], "fail");
    let summary = burst["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("12 requests were answered 503 in 1 burst"),
        "{summary}"
    );
    assert_eq!(report["diagnosis"][0]["id"], "wsuspool-memory");
}

/// An applicationHost.config of an IIS server that is not a WSUS server: no "WSUS site missing"
/// failure and no WSUS site fix; with WSUS's Setup key, the missing site is a failure again.
#[test]
fn a_non_wsus_iis_server_is_said_to_be_one() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "applicationHost.config",
        r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration><system.applicationHost><applicationPools><add name="DefaultAppPool" /></applicationPools><sites><site name="Default Web Site" id="1"><application path="/" applicationPool="DefaultAppPool"><virtualDirectory path="/" physicalPath="%SystemDrive%\inetpub\wwwroot" /></application><bindings><binding protocol="http" bindingInformation="*:80:" /></bindings></site></sites></system.applicationHost></configuration>
"#,
    );
    let report = diagnose(dir.path());
    let site = findings(&report, "server.website");
    assert_eq!(site.len(), 1);
    assert_eq!(site[0]["status"], "info");
    assert_eq!(
        site[0]["title"],
        "This IIS configuration has no WSUS site, and nothing shows WSUS installed"
    );
    assert!(site[0].get("remedy").is_none() && site[0].get("symptom").is_none());
    assert!(report["diagnosis"].as_array().unwrap().is_empty());

    write(
        dir.path(),
        "setup.reg",
        "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup]\r\n\"PortNumber\"=dword:00002152\r\n",
    );
    let report = diagnose(dir.path());
    let missing = with_title(&report, "server.website", "No WSUS site");
    assert_eq!(missing["status"], "fail");
    assert_eq!(missing["symptom"], "website.missing");
}

fn command_lines(f: &Value) -> Vec<String> {
    f["remedy"]["commands"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|c| c["line"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_low_memory_limit_without_503s_or_recycles_is_a_warning() {
    // The setup default of 1,843,200 KB, but no IIS log and no System log: nothing shows load.
    let r = diagnose(&fixture("server/memory-limit-no-load"));
    let f = with_title(
        &r,
        "server.app-pool",
        "private memory limit is 1,843,200 KB",
    );
    assert_eq!(f["status"], "warn");
    assert_eq!(f["symptom"], "app-pool.private-memory");
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.contains("No 503 burst in the IIS logs and no WAS 5117 event among the evidence shows it happening yet"),
        "{summary}"
    );
    assert_eq!(f["evidence"].as_array().unwrap().len(), 1, "{f:#}");
    assert!(f["evidence"][0]["excerpt"]
        .as_str()
        .unwrap()
        .starts_with("recycling/periodicRestart/@privateMemory = 1843200"));
    assert!(command_lines(f)
        .iter()
        .any(|c| c.contains("/recycling.periodicRestart.privateMemory:0")));
}

#[test]
fn a_pool_with_a_large_memory_limit_is_not_told_to_raise_it() {
    // WSUS-Pool already has 6,291,456 KB (6 GB) and the IIS log shows a burst of 503s.
    let r = diagnose(&fixture("server/ample-memory-503"));
    assert!(
        findings(&r, "server.app-pool")
            .iter()
            .all(|f| !f["title"].as_str().unwrap().contains("private memory")),
        "{:#?}",
        findings(&r, "server.app-pool")
    );
    let burst = with_title(&r, "server.iis-log", "503");
    assert_eq!(burst["status"], "fail");
    let fix = burst["remedy"]["text"].as_str().unwrap();
    assert!(
        fix.starts_with(
            "WSUS-Pool's private memory limit is already 6291456 KB: raising it is not the fix."
        ),
        "{fix}"
    );
    for place in ["queue length", "CPU limit", "rapid-fail", "WSUS database"] {
        assert!(fix.contains(place), "{place}: {fix}");
    }
    let lines = command_lines(burst);
    assert!(lines.iter().all(|c| !c.contains("8388608")), "{lines:#?}");
    assert!(
        lines
            .iter()
            .any(|c| c.contains(r#"set apppool "WSUS-Pool" /queueLength:2000"#)),
        "{lines:#?}"
    );
    // The root cause's first fix does not say it either.
    for cause in r["diagnosis"].as_array().unwrap() {
        let fix = cause["first_fix"].to_string();
        assert!(!fix.contains("8388608"), "{fix}");
    }
    assert!(r["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["id"] == "wsuspool-memory"
            && c["first_fix"]["text"]
                .as_str()
                .unwrap()
                .contains("private memory limit is already 6291456 KB")));
}

#[test]
fn impersonation_is_disabled_on_the_real_site_and_its_nine_applications_then_iis_restarts() {
    // The fixture's site is called "WSUS-Verwaltung"; impersonation is on for ClientWebService.
    let r = diagnose(&fixture("server/impersonation-renamed"));
    let f = with_title(&r, "server.website", "ASP.NET impersonation");
    assert_eq!(f["status"], "fail");
    assert_eq!(f["symptom"], "website.impersonation");
    assert!(f["evidence"][0]["excerpt"]
        .as_str()
        .unwrap()
        .contains("<location path=\"WSUS-Verwaltung/ClientWebService\">"));
    let fix_text = f["remedy"]["text"].as_str().unwrap();
    assert!(
        fix_text.contains("on site 'WSUS-Verwaltung' and on each of its nine WSUS applications"),
        "{fix_text}"
    );
    for remedy in [
        &f["remedy"],
        &r["diagnosis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == "aspnet-impersonation")
            .unwrap_or_else(|| panic!("{:#}", r["diagnosis"]))["first_fix"],
    ] {
        let lines = command_lines(&serde_json::json!({ "remedy": remedy }));
        assert_eq!(lines.len(), 11, "{lines:#?}");
        assert!(lines[0].contains(
            r#"set config "WSUS-Verwaltung" /section:system.web/identity /impersonate:false"#
        ));
        for app in [
            "ApiRemoting30",
            "ClientWebService",
            "Content",
            "DssAuthWebService",
            "Inventory",
            "ReportingWebService",
            "Selfupdate",
            "ServerSyncWebService",
            "SimpleAuthWebService",
        ] {
            let path = format!("\"WSUS-Verwaltung/{app}\"");
            assert!(lines.iter().any(|l| l.contains(&path)), "{app}: {lines:#?}");
        }
        assert_eq!(lines[10], "iisreset");
        assert!(lines.iter().all(|l| !l.contains("WSUS Administration")));
    }
}

#[test]
fn httperr_connlimit_and_na_get_their_own_remedies_not_pool_memory() {
    let r = diagnose(&fixture("server/httperr-not-the-pool"));
    let conn = with_title(&r, "server.httperr", "connection limit");
    assert_eq!(conn["status"], "fail");
    assert_eq!(
        conn["title"],
        "The site's connection limit refused requests with 503 (ConnLimit)"
    );
    assert!(conn["summary"]
        .as_str()
        .unwrap()
        .contains("ConnLimit on WSUS-Pool × 3"));
    assert!(conn["evidence"][0]["excerpt"]
        .as_str()
        .unwrap()
        .contains("503 3 ConnLimit WSUS-Pool"));
    let lines = command_lines(conn);
    assert!(
        lines.iter().any(|l| l.contains(
            r#"set site /site.name:"WSUS-Verwaltung" /limits.maxConnections:4294967295"#
        )),
        "{lines:#?}"
    );
    let na = with_title(&r, "server.httperr", "internal error (N/A)");
    assert_eq!(na["status"], "fail");
    assert!(command_lines(na)
        .iter()
        .any(|l| l == "netsh http show urlacl"));
    for f in [conn, na] {
        let text = f["remedy"].to_string();
        assert!(!text.contains("privateMemory"), "{text}");
        assert!(!text.contains("queueLength"), "{text}");
    }
    // Neither is the pool's 503 finding, and neither makes a memory cause.
    assert!(findings(&r, "server.httperr")
        .iter()
        .all(|f| f["title"] != "HTTP.sys refused requests with 503 before IIS saw them"));
    assert!(r["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != "wsuspool-memory"));
}

#[test]
fn iis_404_sub_statuses_get_their_own_reading_and_fix() {
    let r = diagnose(&fixture("iis/404-substatus"));
    let mime = with_title(&r, "server.iis-log", "404.3");
    assert_eq!(mime["status"], "fail");
    assert_eq!(
        mime["title"],
        "404.3: IIS has no MIME type for .esd on the WSUS site"
    );
    assert!(mime["summary"]
        .as_str()
        .unwrap()
        .starts_with("3 requests were answered 404.3"));
    assert!(mime["explanation"]
        .as_str()
        .unwrap()
        .contains("MIME map missing"));
    assert!(mime["evidence"][0]["excerpt"]
        .as_str()
        .unwrap()
        .contains(".esd"));
    let fix = mime["remedy"].to_string();
    assert!(!fix.contains("wsusutil.exe\\\" reset"), "{fix}");
    assert!(
        command_lines(mime).iter().any(|l| l.contains(
            r#"set config "WSUS-Verwaltung" /section:staticContent /+"[fileExtension='.esd',mimeType='application/octet-stream']""#
        )),
        "{fix}"
    );
    let large = with_title(&r, "server.iis-log", "404.13");
    assert_eq!(large["status"], "fail");
    assert!(large["summary"]
        .as_str()
        .unwrap()
        .starts_with("2 requests were answered 404.13"));
    assert!(command_lines(large).iter().any(|l| l.contains(
        r#""WSUS-Verwaltung" /section:system.webServer/security/requestFiltering /requestLimits.maxAllowedContentLength:"#
    )));
    // Neither is read as a missing virtual directory or a file not downloaded yet.
    for f in findings(&r, "server.iis-log") {
        let t = f["title"].as_str().unwrap();
        assert!(!t.starts_with("404 Not Found"), "{t}");
        assert_ne!(f["symptom"], "iis.404-vdir");
    }
    assert!(r["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["id"] != "missing-vdir"));
}

#[test]
fn a_403_7_is_one_fact_not_also_a_dropped_connection() {
    // Three 403.7 answers that ended with win32 64, and two content downloads the client dropped.
    let r = diagnose(&fixture("iis/403-7-dropped"));
    let forbidden = with_title(&r, "server.iis-log", "403");
    assert_eq!(forbidden["status"], "fail");
    assert_eq!(
        forbidden["title"],
        "403.7 Forbidden answered to Windows Update clients"
    );
    assert_eq!(forbidden["symptom"], "iis.403-wua");
    assert!(forbidden["summary"]
        .as_str()
        .unwrap()
        .starts_with("3 requests from Windows Update clients"));
    let dropped = with_title(&r, "server.iis-log", "Connections dropped");
    assert_eq!(dropped["status"], "warn");
    let summary = dropped["summary"].as_str().unwrap();
    assert!(
        summary.starts_with("2 requests ended with a dropped or timed-out connection"),
        "{summary}"
    );
    assert!(!dropped["evidence"].to_string().contains("403 7 64"));
}

#[test]
fn a_rapid_fail_stop_that_later_evidence_shows_recovered_says_so_and_when() {
    // WAS 5002 at 09:33:15 UTC, 503s until 09:36, then 200s from 09:52; appcmd was not collected.
    let r = diagnose(&fixture("server/rapid-fail-recovered"));
    let f = with_title(&r, "server.app-pool", "rapid-fail");
    assert_eq!(f["status"], "warn");
    assert_eq!(
        f["title"],
        "Pool 'WsusPool' was disabled by rapid-fail protection and served again from 2024-03-05T09:52:00Z"
    );
    assert_eq!(f["symptom"], "app-pool.rapid-fail");
    let summary = f["summary"].as_str().unwrap();
    assert!(
        summary.contains("(event 5002) at 2024-03-05T09:33:15Z"),
        "{summary}"
    );
    assert!(
        summary.contains(
            "It recovered: the IIS logs show successful answers again from 2024-03-05T09:52:00Z"
        ),
        "{summary}"
    );
    assert!(!summary.contains("While it is stopped"), "{summary}");
    assert!(f["evidence"].to_string().contains("System-events.xml"));
    // Without the later evidence (appcmd shows it stopped), it stays a failure.
    let stopped = with_title(
        &diagnose(&fixture("server/wsuspool-503")),
        "server.app-pool",
        "rapid-fail",
    )
    .clone();
    assert_eq!(stopped["status"], "fail");
}

fn excerpts(f: &Value) -> Vec<(String, u64)> {
    f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["excerpt"].as_str().unwrap_or("").to_string(),
                e["location"]["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn content_types_without_a_mime_map_fail_when_the_log_shows_404_3() {
    // The server level maps .msu and .wim; the site's <location> removes .wim; nothing maps .esd.
    let r = diagnose(&fixture("diagnosis/missing-mime-map/server"));
    let site = with_title(&r, "server.website", "MIME type");
    assert_eq!(site["status"], "fail");
    assert_eq!(site["symptom"], "website.mime-missing");
    assert_eq!(
        site["title"],
        "The WSUS site 'WSUS-Verwaltung' serves no MIME type for .esd, .wim"
    );
    assert_eq!(
        site["summary"],
        "Neither the server level nor the site's <location> sections of applicationHost.config map .esd, .wim, so IIS answers 404.3 for update files of that type under /Content. The IIS logs show it: 3 request(s) answered 404.3 for .esd (server.iis-log)."
    );
    let evidence = excerpts(site);
    assert_eq!(
        evidence[..2],
        [
            ("<system.webServer><staticContent>".to_string(), 70),
            (
                "<location path=\"WSUS-Verwaltung\"> <staticContent>".to_string(),
                82
            ),
        ]
    );
    assert_eq!(site["evidence"][1]["note"], "removes .wim");
    assert!(evidence[2].0.contains(".esd - 8530") && evidence[2].0.ends_with("404 3 50 1"));
    assert_eq!(
        command_lines(site),
        [
            r#"%windir%\system32\inetsrv\appcmd.exe set config "WSUS-Verwaltung" /section:staticContent /+"[fileExtension='.esd',mimeType='application/octet-stream']""#,
            r#"%windir%\system32\inetsrv\appcmd.exe set config "WSUS-Verwaltung" /section:staticContent /+"[fileExtension='.wim',mimeType='application/octet-stream']""#,
        ]
    );
    let refs: Vec<&str> = site["references"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(refs, ["CM-SU-PREREQ", "WSUS-UUP-FAQ", "IIS-STATICCONTENT"]);

    // The 404.3 finding says what the configuration shows, with the same remedy as before.
    let log = with_title(&r, "server.iis-log", "404.3");
    assert_eq!(log["status"], "fail");
    assert!(log["summary"].as_str().unwrap().ends_with(
        "applicationHost.config confirms it: neither the server level nor the site's <location> sections map .esd (server.website)."
    ));
    assert_eq!(
        excerpts(log)[3],
        ("<system.webServer><staticContent>".to_string(), 70)
    );
    assert_eq!(command_lines(log), command_lines(site)[..1]);
}

#[test]
fn content_types_without_a_mime_map_warn_before_clients_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["applicationHost.config", "reg-query-setup.txt"] {
        write(
            dir.path(),
            name,
            std::fs::read(fixture("diagnosis/missing-mime-map/server").join(name)).unwrap(),
        );
    }
    let r = diagnose(dir.path());
    let site = with_title(&r, "server.website", "MIME type");
    assert_eq!(site["status"], "warn");
    assert!(site["summary"].as_str().unwrap().ends_with(
        "No 404.3 in the IIS logs among the evidence shows clients refused yet: feature and UUP updates fail to download once they are approved."
    ));
    assert_eq!(command_lines(site).len(), 2);
    // An excerpt of applicationHost.config without any staticContent is not judged.
    let r = diagnose(&fixture("iis/404-substatus"));
    assert!(findings(&r, "server.website")
        .iter()
        .all(|f| f["symptom"] != "website.mime-missing"));
}

#[test]
fn a_32_bit_wsus_pool_on_another_clr_is_named_with_its_fix() {
    let r = diagnose(&fixture("server/pool-32bit"));
    let bits = with_title(&r, "server.app-pool", "32-bit");
    assert_eq!(bits["status"], "fail");
    assert_eq!(
        bits["title"],
        "Pool 'WSUS-Pool' runs 32-bit worker processes (enable32BitAppOnWin64 is true)"
    );
    assert_eq!(
        bits["summary"],
        "'WSUS-Pool' starts its worker processes as 32-bit code; WSUS's IIS modules (the suscomp.dll compression module among them) are 64-bit only, so the worker cannot load them (500.19) and WSUS requests fail. The evidence shows it failing: 500s in the IIS logs or worker process crashes of this pool."
    );
    assert!(bits["explanation"]
        .as_str()
        .unwrap()
        .contains("UNCONFIRMED"));
    let evidence = excerpts(bits);
    assert_eq!(
        evidence[0],
        (
            "enable32BitAppOnWin64 = true (set on the pool)".to_string(),
            12
        )
    );
    assert!(
        evidence[1].0.contains("/ClientWebService/client.asmx")
            && evidence[1].0.contains(" 500 19 ")
    );
    assert_eq!(bits["evidence"][1]["note"], "4 × 500.19 in the IIS logs");
    assert_eq!(
        command_lines(bits),
        [
            r#"%windir%\system32\inetsrv\appcmd.exe set apppool "WSUS-Pool" /enable32BitAppOnWin64:false"#,
            r"Import-Module WebAdministration; Set-ItemProperty 'IIS:\AppPools\WSUS-Pool' -Name enable32BitAppOnWin64 -Value $false",
            r#"%windir%\system32\inetsrv\appcmd.exe recycle apppool /apppool.name:"WSUS-Pool""#,
        ]
    );
    let clr = with_title(&r, "server.app-pool", "CLR");
    assert_eq!(clr["status"], "warn");
    assert_eq!(
        clr["title"],
        "Pool 'WSUS-Pool' runs .NET CLR 'v2.0', not v4.0"
    );
    assert_eq!(
        clr["summary"],
        "WSUS on Windows Server 2012 and later is ASP.NET 4 code; in a pool with managedRuntimeVersion 'v2.0' its web services do not load and clients get errors instead of answers."
    );
    assert!(clr["explanation"].as_str().unwrap().contains("UNCONFIRMED"));
    assert_eq!(
        excerpts(clr),
        [(
            "managedRuntimeVersion = v2.0 (set on the pool)".to_string(),
            12
        )]
    );
    assert_eq!(
        command_lines(clr)[0],
        r#"%windir%\system32\inetsrv\appcmd.exe set apppool "WSUS-Pool" /managedRuntimeVersion:v4.0"#
    );

    // Without 500s or crashes among the evidence the 32-bit pool is a warning.
    let dir = tempfile::tempdir().unwrap();
    for name in ["applicationHost.config", "reg-query-setup.txt"] {
        write(
            dir.path(),
            name,
            std::fs::read(fixture("server/pool-32bit").join(name)).unwrap(),
        );
    }
    let r = diagnose(dir.path());
    let bits = with_title(&r, "server.app-pool", "32-bit");
    assert_eq!(bits["status"], "warn");
    assert_eq!(excerpts(bits).len(), 1);
}
