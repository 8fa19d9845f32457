//! The example bundles under `examples/`, end to end: every file is recognised and read whole,
//! `diagnose` runs on each, and each bundle leads to the conclusion its README states.

use crate::util::*;
use serde_json::Value;

/// One expected file of a bundle: path below the bundle, kind, and the exact number of records
/// when the format has an unambiguous record (a log line, a registry value, a service, a hotfix).
struct Expected {
    path: &'static str,
    kind: &'static str,
    records: Option<u64>,
}

const fn file(path: &'static str, kind: &'static str, records: Option<u64>) -> Expected {
    Expected {
        path,
        kind,
        records,
    }
}

/// The kind of the `wevtutil qe System /f:xml` exports (their records are events).
const EVENT_XML: &str = "event-xml";

const HEALTHY: &[Expected] = &[
    file("client/WindowsUpdate.log", "windowsupdate-log", Some(39)),
    file("client/ipconfig.txt", "ipconfig", None),
    file(
        "client/netsh-winhttp-proxy.txt",
        "netsh-winhttp-proxy",
        None,
    ),
    file("client/wu-policy.reg", "reg-export", Some(9)),
    file("server/HTTPERR/httperr1.log", "httperr", Some(49)),
    file(
        "server/SoftwareDistribution.log",
        "wsus-softwaredistribution-log",
        Some(1),
    ),
    file("server/System-events.xml", EVENT_XML, Some(4)),
    file(
        "server/applicationHost.config",
        "applicationhost-config",
        None,
    ),
    file(
        "server/inetpub/logs/LogFiles/W3SVC1572271583/u_ex240305.log",
        "iis-w3c",
        Some(1663),
    ),
    file("server/installed-updates.txt", "hotfix-list", Some(3)),
    file("server/os-currentversion.txt", "reg-query", None),
    file("server/sc-query.txt", "sc-query", Some(3)),
    file("server/wsus-setup.reg", "reg-export", Some(11)),
];

const WSUSPOOL_503: &[Expected] = &[
    file("client/CCM/Logs/WUAHandler.log", "cmtrace", Some(25)),
    file("client/WindowsUpdate.log", "windowsupdate-log", Some(92)),
    file("client/ipconfig.txt", "ipconfig", None),
    file(
        "client/netsh-winhttp-proxy.txt",
        "netsh-winhttp-proxy",
        None,
    ),
    file("client/wu-policy.reg", "reg-export", Some(6)),
    file("server/HTTPERR/httperr1.log", "httperr", Some(927)),
    file(
        "server/SoftwareDistribution.log",
        "wsus-softwaredistribution-log",
        Some(5),
    ),
    file("server/System-events.xml", EVENT_XML, Some(13)),
    file(
        "server/applicationHost.config",
        "applicationhost-config",
        None,
    ),
    file(
        "server/inetpub/logs/LogFiles/W3SVC1572271583/u_ex240312.log",
        "iis-w3c",
        Some(22777),
    ),
    file("server/installed-updates.txt", "hotfix-list", Some(3)),
    file("server/os-currentversion.txt", "reg-query", None),
    file("server/sc-query.txt", "sc-query", Some(3)),
    file("server/wsus-setup.reg", "reg-export", Some(11)),
];

const MISCONFIGURED_CLIENT: &[Expected] = &[
    file("client/CCM/Logs/LocationServices.log", "cmtrace", Some(16)),
    file("client/CCM/Logs/WUAHandler.log", "cmtrace", Some(10)),
    file("client/WindowsUpdate.log", "windowsupdate-log", Some(125)),
    file("client/ipconfig.txt", "ipconfig", None),
    file(
        "client/netsh-winhttp-proxy.txt",
        "netsh-winhttp-proxy",
        None,
    ),
    file("client/wu-policy.reg", "reg-export", Some(8)),
];

const CLIENT_AND_SERVER: &[Expected] = &[
    file("client/WindowsUpdate.log", "windowsupdate-log", Some(42)),
    file("client/ipconfig.txt", "ipconfig", None),
    file(
        "client/netsh-winhttp-proxy.txt",
        "netsh-winhttp-proxy",
        None,
    ),
    file("client/wu-policy.reg", "reg-export", Some(5)),
    file("server/HTTPERR/httperr1.log", "httperr", Some(49)),
    file(
        "server/applicationHost.config",
        "applicationhost-config",
        None,
    ),
    file(
        "server/inetpub/logs/LogFiles/W3SVC1572271583/u_ex240409.log",
        "iis-w3c",
        Some(1594),
    ),
    file("server/os-currentversion.txt", "reg-query", None),
    file("server/sc-query.txt", "sc-query", Some(2)),
    file("server/wsus-setup.reg", "reg-export", Some(11)),
];

const SITE_STOPPED: &[Expected] = &[
    file("client/WindowsUpdate.log", "windowsupdate-log", Some(57)),
    file("client/ipconfig.txt", "ipconfig", None),
    file(
        "client/netsh-winhttp-proxy.txt",
        "netsh-winhttp-proxy",
        None,
    ),
    file("client/wu-policy.reg", "reg-export", Some(4)),
    file("server/appcmd-list-apppool.txt", "appcmd-apppool", Some(4)),
    file("server/appcmd-list-site.txt", "appcmd-site", Some(2)),
    file(
        "server/applicationHost.config",
        "applicationhost-config",
        None,
    ),
    file(
        "server/inetpub/logs/LogFiles/W3SVC1572271583/u_ex240514.log",
        "iis-w3c",
        Some(663),
    ),
    file("server/sc-query.txt", "sc-query", Some(3)),
    file("server/wsus-setup.reg", "reg-export", Some(11)),
];

const SSL_MISCONFIGURED: &[Expected] = &[
    file("client/WindowsUpdate.log", "windowsupdate-log", Some(58)),
    file("client/ipconfig.txt", "ipconfig", None),
    file(
        "client/netsh-winhttp-proxy.txt",
        "netsh-winhttp-proxy",
        None,
    ),
    file("client/wu-policy.reg", "reg-export", Some(4)),
    file(
        "server/applicationHost.config",
        "applicationhost-config",
        None,
    ),
    file(
        "server/inetpub/logs/LogFiles/W3SVC1572271583/u_ex240206.log",
        "iis-w3c",
        Some(934),
    ),
    file("server/sc-query.txt", "sc-query", Some(2)),
    file("server/wsus-setup.reg", "reg-export", Some(11)),
];

const JA_CLIENT: &[Expected] = &[
    file("WindowsUpdate.log", "windowsupdate-log", Some(70)),
    file("ipconfig.txt", "ipconfig", Some(25)),
    file("netsh-winhttp-proxy.txt", "netsh-winhttp-proxy", Some(1)),
    file("wu-policy.reg", "reg-export", Some(5)),
];

const BUNDLES: &[(&str, &[Expected])] = &[
    ("healthy", HEALTHY),
    ("wsuspool-503", WSUSPOOL_503),
    ("misconfigured-client", MISCONFIGURED_CLIENT),
    ("client-and-server", CLIENT_AND_SERVER),
    ("site-stopped", SITE_STOPPED),
    ("ssl-misconfigured", SSL_MISCONFIGURED),
    ("ja-client", JA_CLIENT),
];

fn inventory(bundle: &str) -> Value {
    json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(example(bundle)),
    )
}

/// `diagnose --format <format>` of an example: its output, after checking that it ran.
fn diagnose_as(bundle: &str, format: &str) -> Vec<u8> {
    let out = wsus_doctor()
        .args(["diagnose", "--format", format])
        .arg(example(bundle))
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{bundle}: exit {:?}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn diagnose(bundle: &str) -> Value {
    let report: Value = serde_json::from_slice(&diagnose_as(bundle, "json"))
        .unwrap_or_else(|e| panic!("{bundle}: report is not JSON: {e}"));
    assert_eq!(report["schema"], "wsus-doctor/report/v1", "{bundle}");
    report
}

/// The inventory entry whose path ends with `/<bundle>/<rel>`.
fn entry<'a>(inv: &'a Value, bundle: &str, rel: &str) -> &'a Value {
    let suffix = format!("{bundle}/{rel}");
    inv["files"]
        .as_array()
        .expect("files array")
        .iter()
        .find(|f| {
            f["path"]
                .as_str()
                .is_some_and(|p| p.replace('\\', "/").ends_with(&suffix))
        })
        .unwrap_or_else(|| panic!("{suffix} missing from the inventory"))
}

#[test]
fn every_example_file_is_recognised_and_read_whole() {
    for (bundle, expected) in BUNDLES {
        let inv = inventory(bundle);
        let files = inv["files"].as_array().unwrap();
        // Each bundle's description sits beside its folder (examples/<bundle>.md), so every file
        // inside is evidence.
        let evidence: Vec<&Value> = files.iter().collect();
        assert_eq!(
            evidence.len(),
            expected.len(),
            "{bundle}: unexpected files: {:#?}",
            evidence.iter().map(|f| &f["path"]).collect::<Vec<_>>()
        );
        for e in expected.iter() {
            let f = entry(&inv, bundle, e.path);
            assert!(f["error"].is_null(), "{bundle}/{}: {}", e.path, f["error"]);
            assert_eq!(f["malformed"], 0, "{bundle}/{}: {f:#}", e.path);
            if e.kind == EVENT_XML && f["kind"].is_null() {
                // Until the event-xml kind lands the export is reported as unknown text;
                // `event_exports_are_recognised` pins the kind and the count.
                continue;
            }
            assert_eq!(f["kind"], e.kind, "{bundle}/{}: {f:#}", e.path);
            match e.records {
                Some(n) => assert_eq!(f["records"], n, "{bundle}/{}", e.path),
                None => assert!(
                    f["records"].as_u64().unwrap_or(0) >= 1,
                    "{bundle}/{}: no records",
                    e.path
                ),
            }
        }
    }
}

#[test]
fn event_exports_are_recognised() {
    for (bundle, expected) in BUNDLES {
        let inv = inventory(bundle);
        for e in expected.iter().filter(|e| e.kind == EVENT_XML) {
            let f = entry(&inv, bundle, e.path);
            assert_eq!(f["kind"], EVENT_XML, "{bundle}/{}", e.path);
            assert_eq!(f["records"], e.records.unwrap(), "{bundle}/{}", e.path);
        }
    }
}

#[test]
fn diagnose_runs_on_every_example() {
    for (bundle, _) in BUNDLES {
        let report = diagnose(bundle);
        assert!(report["findings"].as_array().is_some_and(|f| !f.is_empty()));
    }
}

// ---- What each bundle must conclude (its README states the same) ----

fn status(f: &Value) -> &str {
    f["status"].as_str().unwrap_or("")
}

/// Title and summary of a finding, lower-cased, for key-word checks.
fn text(f: &Value) -> String {
    format!("{} {}", f["title"], f["summary"]).to_lowercase()
}

/// The findings of `check` with `wanted` status; panics with the check's findings when none.
fn with_status<'a>(report: &'a Value, check: &str, wanted: &str) -> Vec<&'a Value> {
    let all = findings(report, check);
    let hits: Vec<&Value> = all
        .iter()
        .copied()
        .filter(|f| status(f) == wanted)
        .collect();
    assert!(
        !hits.is_empty(),
        "no {wanted} finding for {check}; got {all:#?}"
    );
    hits
}

/// The findings of `check` that report a problem (fail or warn).
fn problems<'a>(report: &'a Value, check: &str) -> Vec<&'a Value> {
    findings(report, check)
        .into_iter()
        .filter(|f| matches!(status(f), "fail" | "warn"))
        .collect()
}

fn assert_mentions(found: &[&Value], words: &[&str], what: &str) {
    assert!(
        found
            .iter()
            .any(|f| words.iter().all(|w| text(f).contains(&w.to_lowercase()))),
        "{what}: no finding mentions {words:?}: {found:#?}"
    );
}

fn assert_not_failing(report: &Value, check: &str) {
    let failing: Vec<&Value> = findings(report, check)
        .into_iter()
        .filter(|f| status(f) == "fail")
        .collect();
    assert!(failing.is_empty(), "{check} should not fail: {failing:#?}");
}

/// The ids of the diagnosed root causes, in rank order (rule ids of src/diagnosis/rules.rs).
fn cause_ids(report: &Value) -> Vec<&str> {
    report["diagnosis"]
        .as_array()
        .expect("diagnosis array")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect()
}

#[test]
fn healthy_has_no_failure_and_no_root_cause() {
    let r = diagnose("healthy");
    let failing: Vec<&Value> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| status(f) == "fail")
        .collect();
    assert!(failing.is_empty(), "{failing:#?}");
    assert!(cause_ids(&r).is_empty(), "{:#}", r["diagnosis"]);
    for check in [
        "server.services",
        "server.website",
        "server.app-pool",
        "server.iis-log",
        "server.httperr",
        "server.events",
        "server.tls",
        "client.policy",
        "client.proxy",
        "client.wu-log",
        "client.reaches-server",
    ] {
        with_status(&r, check, "pass");
    }
}

#[test]
fn wsuspool_503_blames_the_private_memory_limit() {
    let r = diagnose("wsuspool-503");
    assert_mentions(
        &with_status(&r, "server.app-pool", "fail"),
        &["private memory", "1,843,200"],
        "server.app-pool",
    );
    assert_mentions(
        &problems(&r, "server.app-pool"),
        &["queue length"],
        "server.app-pool",
    );
    assert_mentions(
        &with_status(&r, "server.iis-log", "fail"),
        &["503", "burst"],
        "server.iis-log",
    );
    let httperr = with_status(&r, "server.httperr", "fail");
    assert_mentions(&httperr, &["queuefull"], "server.httperr");
    assert_mentions(&httperr, &["appoffline"], "server.httperr");
    let events = problems(&r, "server.events");
    assert_mentions(&events, &["5117"], "server.events");
    assert_mentions(&events, &["5002"], "server.events");
    assert_mentions(
        &with_status(&r, "client.wu-log", "fail"),
        &["80244022"],
        "client.wu-log",
    );
    // The client did reach the server: its address is in the IIS log, with 503s.
    assert_not_failing(&r, "client.reaches-server");
    // The memory limit is the root; rapid-fail protection (wsuspool-stopped) follows from it.
    let causes = cause_ids(&r);
    assert_eq!(causes.first(), Some(&"wsuspool-memory"), "{causes:?}");
}

#[test]
fn misconfigured_client_blames_policy_and_proxy_and_skips_the_server() {
    let r = diagnose("misconfigured-client");
    assert_mentions(
        &with_status(&r, "client.policy", "fail"),
        &["wuserver"],
        "client.policy",
    );
    assert_mentions(
        &problems(&r, "client.proxy"),
        &["proxy.contoso.com"],
        "client.proxy",
    );
    assert_mentions(
        &problems(&r, "client.configmgr"),
        &["cm01"],
        "client.configmgr",
    );
    assert_mentions(
        &with_status(&r, "client.wu-log", "fail"),
        &["80072ee2"],
        "client.wu-log",
    );
    for f in r["findings"].as_array().unwrap() {
        if f["check"].as_str().unwrap().starts_with("server.") {
            assert_eq!(status(f), "skipped", "{f:#}");
        }
    }
    let causes = cause_ids(&r);
    assert_eq!(causes.first(), Some(&"client-wrong-server"), "{causes:?}");
    for id in ["proxy-in-the-way", "configmgr-vs-gpo"] {
        assert!(causes.contains(&id), "{id} missing from {causes:?}");
    }
}

/// Japanese Windows: `ipconfig /all` and `netsh winhttp show proxy` in code page 932 with
/// translated labels, the policy as UTF-16, WindowsUpdate.log as UTF-8.
#[test]
fn japanese_client_is_read_with_its_host_address_and_proxy() {
    let inv = inventory("ja-client");
    for rel in ["ipconfig.txt", "netsh-winhttp-proxy.txt"] {
        let f = entry(&inv, "ja-client", rel);
        assert_eq!(f["encoding"], "code page 932 (Shift_JIS)", "{rel}: {f:#}");
        let why = f["encoding_reason"].as_str().unwrap();
        assert!(why.contains("Japanese code page 932"), "{rel}: {why}");
    }
    let wu = entry(&inv, "ja-client", "WindowsUpdate.log");
    assert_eq!(wu["encoding"], "UTF-8");
    assert!(
        wu["encoding_reason"]
            .as_str()
            .unwrap()
            .contains("read in code page 932 (code page 932 was found in the bytes of"),
        "{wu:#}"
    );
    assert_eq!(
        entry(&inv, "ja-client", "wu-policy.reg")["encoding"],
        "UTF-16LE with BOM"
    );

    let r = diagnose("ja-client");
    let proxy = with_status(&r, "client.proxy", "warn");
    assert_eq!(
        proxy[0]["title"],
        "The WinHTTP proxy proxy.contoso.com:8080 does not bypass the WSUS host wsus01.contoso.com"
    );
    let evidence = &proxy[0]["evidence"][0];
    assert_eq!(
        evidence["excerpt"],
        "proxy proxy.contoso.com:8080, bypass <local>;*.tokyo.contoso.com"
    );
    assert!(evidence["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("ja-client/netsh-winhttp-proxy.txt"));
    assert_eq!(evidence["location"]["line"], 4);
    assert!(proxy[0]["remedy"]
        .to_string()
        .contains("bypass-list=\\\"<local>;*.tokyo.contoso.com;wsus01;wsus01.contoso.com\\\""));
    assert_mentions(
        &with_status(&r, "client.wu-log", "fail"),
        &["80072ee2"],
        "client.wu-log",
    );
    assert_eq!(cause_ids(&r).first(), Some(&"proxy-in-the-way"));
    // The host name comes from the Japanese ipconfig: it names the client in the timeline.
    let timeline = r["timeline"].as_array().unwrap();
    assert!(!timeline.is_empty());
    assert!(
        timeline.iter().all(|t| t["host"] == "PC-TKY-0412"),
        "{timeline:#?}"
    );

    // With a server's logs, the client's address from the Japanese ipconfig is looked for.
    let out = wsus_doctor()
        .args(["diagnose", "--format", "json"])
        .arg(example("ja-client"))
        .arg(example("wsuspool-503").join("server"))
        .output()
        .unwrap();
    let both: Value = serde_json::from_slice(&out.stdout).unwrap();
    let reach = with_status(&both, "client.reaches-server", "fail");
    assert_eq!(
        reach[0]["title"],
        "Client 10.0.12.34 never appears in the IIS logs"
    );
}

#[test]
fn client_and_server_shows_the_client_never_arrives() {
    let r = diagnose("client-and-server");
    assert_mentions(
        &with_status(&r, "client.reaches-server", "fail"),
        &["10.0.8.57"],
        "client.reaches-server",
    );
    let mut mismatch = problems(&r, "client.policy");
    mismatch.extend(problems(&r, "client.reaches-server"));
    assert_mentions(
        &mismatch,
        &["8531"],
        "client.policy / client.reaches-server",
    );
    assert_mentions(
        &with_status(&r, "client.wu-log", "fail"),
        &["80072efd"],
        "client.wu-log",
    );
    for check in [
        "server.website",
        "server.app-pool",
        "server.iis-log",
        "server.httperr",
    ] {
        assert_not_failing(&r, check);
    }
    let causes = cause_ids(&r);
    assert_eq!(causes.first(), Some(&"client-wrong-server"), "{causes:?}");
    // The policy explains the absence: not the network.
    assert!(!causes.contains(&"network-block"), "{causes:?}");
}

#[test]
fn site_stopped_blames_the_stopped_site() {
    let r = diagnose("site-stopped");
    assert_mentions(
        &with_status(&r, "server.website", "fail"),
        &["stopped"],
        "server.website",
    );
    with_status(&r, "server.services", "pass");
    with_status(&r, "server.app-pool", "pass");
    assert_mentions(
        &with_status(&r, "client.wu-log", "fail"),
        &["80072efd"],
        "client.wu-log",
    );
    let causes = cause_ids(&r);
    assert_eq!(causes.first(), Some(&"site-unavailable"), "{causes:?}");
}

#[test]
fn ssl_misconfigured_blames_the_virtual_directory_ssl_settings() {
    let r = diagnose("ssl-misconfigured");
    // The SSL settings of the virtual directories belong to server.tls; the site itself is fine.
    let tls = with_status(&r, "server.tls", "fail");
    assert_mentions(&tls, &["clientwebservice", "certificate"], "server.tls");
    assert_mentions(&tls, &["content", "ssl"], "server.tls");
    with_status(&r, "server.website", "pass");
    let iis = with_status(&r, "server.iis-log", "fail");
    assert_mentions(&iis, &["403.7"], "server.iis-log");
    assert_mentions(&iis, &["403.4"], "server.iis-log");
    assert_mentions(
        &with_status(&r, "client.wu-log", "fail"),
        &["80072f0c"],
        "client.wu-log",
    );
    with_status(&r, "client.policy", "pass");
    assert_not_failing(&r, "client.reaches-server");
    let causes = cause_ids(&r);
    assert_eq!(causes.first(), Some(&"ssl-misconfigured"), "{causes:?}");
}

#[test]
fn every_example_report_is_valid_against_the_schema() {
    let schema = crate::report::schema();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    for (bundle, _) in BUNDLES {
        let report = diagnose(bundle);
        let errors: Vec<String> = validator
            .iter_errors(&report)
            .take(5)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{bundle}: {errors:#?}");
    }
}

/// The default text report of the 503 example fits a screen: the diagnosis with its three
/// strongest proofs and the fix commands, the failing and warning findings in brief, a summary
/// naming `--verbose`; `--verbose` is the full report.
#[test]
fn the_default_report_of_the_503_example_fits_a_screen() {
    let run = |extra: &[&str]| {
        let out = wsus_doctor()
            .current_dir(root())
            .args(extra)
            .arg("examples/wsuspool-503")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let brief = run(&[]);
    let lines = brief.lines().count();
    assert!(lines <= 120, "{lines} lines:\n{brief}");
    // The time of the run is the only thing that changes between runs.
    let stable: String = brief
        .lines()
        .map(|l| match l.rsplit_once(", 20") {
            Some((head, _)) if l.starts_with("wsus-doctor ") => format!("{head}, <generated at>"),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    insta::assert_snapshot!(stable);
    assert!(brief.contains(
        "appcmd.exe set apppool \"WsusPool\" /recycling.periodicRestart.privateMemory:8388608"
    ));
    assert!(brief.contains("Details: wsus-doctor diagnose --verbose examples/wsuspool-503"));
    assert!(
        !brief.contains("PASS "),
        "only failing and warning findings:\n{brief}"
    );
    assert!(!brief.contains("TIMELINE"));

    let full = run(&["--verbose"]);
    assert!(full.lines().count() > 3 * lines);
    for part in ["PASS ", "SKIPPED ", "TIMELINE (UTC)", "Why: ", "Sources: "] {
        assert!(full.contains(part), "{part}");
    }
}

/// A healthy run says so on its first line after the header, in both text reports.
#[test]
fn a_healthy_run_says_no_root_cause_at_the_top() {
    for extra in [&[][..], &["--verbose"][..]] {
        let out = wsus_doctor()
            .args(extra)
            .arg(example("healthy"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        // The header names the tool and the machines; the verdict follows it.
        assert!(
            text.lines()
                .nth(1)
                .unwrap()
                .starts_with("Machines: 1 WSUS server (WSUS01.contoso.com), 1 client (PC-0412)"),
            "{text}"
        );
        assert_eq!(
            text.lines().nth(3),
            Some("No root cause found: 11 checks passed (7 skipped for want of their evidence: see --verbose)"),
            "{text}"
        );
    }
    // Where a cause is found, the diagnosis comes first instead.
    let out = wsus_doctor().arg(example("wsuspool-503")).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("No root cause found"), "{text}");
}

fn ndjson_schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/finding-line-v1.schema.json"))
        .expect("schema/finding-line-v1.schema.json is readable");
    serde_json::from_str(&text).expect("the schema is JSON")
}

fn diagnose_ndjson(bundle: &str) -> String {
    String::from_utf8(diagnose_as(bundle, "ndjson")).expect("NDJSON is UTF-8")
}

/// Every line of every example's NDJSON is one JSON object valid against the line schema; there
/// is one finding line per finding of the JSON report and one cause line per cause, findings
/// first, all with the same run id and time.
#[test]
fn every_example_ndjson_line_is_valid_and_one_per_finding_and_cause() {
    let schema = ndjson_schema();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    for (bundle, _) in BUNDLES {
        let text = diagnose_ndjson(bundle);
        let report = diagnose(bundle);
        let lines: Vec<Value> = text
            .lines()
            .enumerate()
            .map(|(i, l)| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("{bundle} line {}: not JSON: {e}\n{l}", i + 1))
            })
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let errors: Vec<String> = validator
                .iter_errors(line)
                .take(5)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{bundle} line {}: {errors:#?}", i + 1);
        }
        let kinds: Vec<&str> = lines.iter().map(|l| l["kind"].as_str().unwrap()).collect();
        let findings = report["findings"].as_array().unwrap();
        let causes = report["diagnosis"].as_array().unwrap();
        let expected: Vec<&str> = std::iter::repeat_n("finding", findings.len())
            .chain(std::iter::repeat_n("cause", causes.len()))
            .collect();
        assert_eq!(kinds, expected, "{bundle}");
        let total: u64 = report["summary"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_u64().unwrap())
            .sum();
        assert_eq!(findings.len() as u64, total, "{bundle}");
        for (line, f) in lines.iter().zip(findings) {
            assert_eq!(line["check"], f["check"], "{bundle}");
            assert_eq!(line["status"], f["status"], "{bundle}");
            assert_eq!(line["title"], f["title"], "{bundle}");
            assert_eq!(
                line["evidence"].as_array().unwrap().len(),
                f["evidence"].as_array().unwrap().len(),
                "{bundle}"
            );
        }
        for (line, c) in lines[findings.len()..].iter().zip(causes) {
            assert_eq!(line["id"], c["id"], "{bundle}");
            assert_eq!(
                line["first_fix"]["title"], c["first_fix"]["text"],
                "{bundle}"
            );
        }
        let run_ids: std::collections::BTreeSet<&str> = lines
            .iter()
            .map(|l| l["run_id"].as_str().unwrap())
            .collect();
        assert_eq!(run_ids.len(), 1, "{bundle}: {run_ids:?}");
    }
}

/// The 503 example's NDJSON, with the time of the run and the run id (which hashes that time)
/// replaced: the IIS-log finding spans the day's 503 bursts, the cause carries its first fix.
#[test]
fn ndjson_of_the_503_example() {
    let out = wsus_doctor()
        .current_dir(root())
        .args(["diagnose", "--format", "ndjson", "examples/wsuspool-503"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let (at, id) = (
        first["generated_at"].as_str().unwrap(),
        first["run_id"].as_str().unwrap(),
    );
    let stable = text.replace(at, "<generated at>").replace(id, "<run id>");
    insta::assert_snapshot!(stable);
}

/// `--output` writes the NDJSON to the file, and never over an input.
#[test]
fn ndjson_output_goes_to_the_file_and_never_over_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("findings.ndjson");
    let out = wsus_doctor()
        .args(["diagnose", "--format", "ndjson", "--output"])
        .arg(&file)
        .arg(example("healthy"))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&file).unwrap();
    let n = diagnose("healthy")["findings"].as_array().unwrap().len();
    let finding_lines = written
        .lines()
        .filter(|l| l.contains(r#""kind":"finding""#))
        .count();
    assert_eq!(finding_lines, n);
    let input = example("healthy/client/ipconfig.txt");
    let before = std::fs::read(&input).unwrap();
    let out = wsus_doctor()
        .args(["diagnose", "--format", "ndjson", "--output"])
        .arg(&input)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("evidence is never modified"));
    assert_eq!(std::fs::read(&input).unwrap(), before);
}
