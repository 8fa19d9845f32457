//! IIS W3C and HTTPERR logs: record counts on fixtures that reproduce each quirk, the
//! `wsus-doctor logs` command, and the `server.iis-log` / `server.httperr` findings.

use crate::util::{findings, fixture, json_of, write, wsus_doctor};
use std::io::Write as _;

fn inventory(path: &std::path::Path) -> serde_json::Value {
    json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(path),
    )
}

fn counts(inv: &serde_json::Value, name: &str) -> (u64, u64) {
    let f = inv["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not in the inventory"));
    (
        f["records"].as_u64().unwrap(),
        f["malformed"].as_u64().unwrap(),
    )
}

#[test]
fn record_counts_of_every_quirk() {
    let inv = inventory(&fixture("iis"));
    // CRLF, directives in any order with a #Remark, a record dated before #Date, a doubled space,
    // IPv6 zone ids, win32 2148074254, X-Forwarded-For, a layout change, a line in the old layout:
    // 5 records; a garbage line and a partly written last line without newline: 2 malformed.
    assert_eq!(counts(&inv, "quirks/u_ex261110.log"), (5, 2));
    assert_eq!(counts(&inv, "u_ex_noheader.log"), (2, 0));
    assert_eq!(counts(&inv, "healthy/u_ex261110.log"), (61, 0));
    assert_eq!(counts(&inv, "rules/u_ex261110.log"), (12, 0));
    assert_eq!(counts(&inv, "wsuspool-503/u_ex261110.log"), (92, 0));
    assert_eq!(counts(&inv, "wsuspool-503/httperr1.log"), (7, 0));

    let inv = inventory(&fixture("httperr"));
    // The 13-field layout, a restart block with the 18-field layout, placeholders; the last line
    // is cut short.
    assert_eq!(counts(&inv, "httperr2.log"), (4, 1));
    assert_eq!(counts(&inv, "httperr_legacy_noheader.log"), (2, 0));
    let noheader = inventory(&fixture("iis/u_ex_noheader.log"));
    let notes = noheader["files"][0]["notes"].to_string();
    assert!(notes.contains("IIS default field layout"), "{notes}");
}

#[test]
fn the_503_scenario_fails_both_checks_with_bursts_reasons_and_the_fix() {
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(fixture("iis/wsuspool-503")),
    );
    let iis = findings(&report, "server.iis-log");
    let burst = iis
        .iter()
        .find(|f| f["status"] == "fail" && f["title"].as_str().unwrap().contains("503"))
        .expect("a 503 finding");
    let summary = burst["summary"].as_str().unwrap();
    assert!(
        summary.contains("2026-11-10 08:03 – 08:05 UTC: 36 × 503, peak 12/min"),
        "{summary}"
    );
    let remedy = burst["remedy"].to_string();
    assert!(remedy.contains("appcmd.exe set apppool \\\"WsusPool\\\" /recycling.periodicRestart.privateMemory:8388608"), "{remedy}");
    assert!(remedy.contains("Set-ItemProperty 'IIS:\\\\AppPools\\\\WsusPool' -Name recycling.periodicRestart.privateMemory -Value 8388608"), "{remedy}");
    assert!(burst["evidence"][0]["location"]["line"].as_u64() == Some(41));
    assert!(burst["references"].to_string().contains("KB4025764"));

    let httperr = findings(&report, "server.httperr");
    let refused = httperr
        .iter()
        .find(|f| f["status"] == "fail" && f["summary"].as_str().unwrap().contains("QueueFull"))
        .expect("a QueueFull finding");
    assert!(refused["summary"]
        .as_str()
        .unwrap()
        .contains("AppOffline on WsusPool"));
    assert!(httperr.iter().any(|f| f["summary"]
        .as_str()
        .unwrap()
        .contains("Connection_Abandoned_By_ReqQueue")));
    assert_eq!(report["charts"]["bursts"][0]["total"], 36);
    assert_eq!(
        report["charts"]["iis_per_minute"]["minutes"]
            .as_array()
            .unwrap()
            .len(),
        8
    );
}

#[test]
fn a_healthy_log_passes_with_figures() {
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(fixture("iis/healthy")),
    );
    let iis = findings(&report, "server.iis-log");
    assert_eq!(iis.len(), 1);
    assert_eq!(iis[0]["status"], "pass");
    let s = iis[0]["summary"].as_str().unwrap();
    assert!(s.contains("61 requests from 7 clients"), "{s}");
    assert!(s.contains("1 403s went to browsers"), "{s}");
    assert_eq!(findings(&report, "server.httperr")[0]["status"], "skipped");
}

#[test]
fn each_rule_of_the_guide_gives_its_finding() {
    let out = json_of(
        wsus_doctor()
            .args(["logs", "iis", "--format", "json"])
            .arg(fixture("iis/rules")),
    );
    let titles: Vec<String> = out["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            format!(
                "{} {}",
                f["status"].as_str().unwrap(),
                f["title"].as_str().unwrap()
            )
        })
        .collect();
    let expect = [
        "warn 1 client got 401 Unauthorized without a later success",
        "fail 403.4 Forbidden answered to Windows Update clients",
        "fail 404 Not Found on the WSUS virtual directory SimpleAuthWebService",
        "warn 404 Not Found on update content files",
        "fail Clients request //paths: their WSUS policy URL ends with a slash",
        "fail 500.19 Internal Server Error from the WSUS site",
        "warn Connections dropped or timed out before IIS finished answering",
    ];
    for e in expect {
        assert!(
            titles.iter().any(|t| t == e),
            "missing {e:?} in {titles:#?}"
        );
    }
    // The browser's 403 is expected and the resolved 401 is not reported.
    assert!(!titles.iter().any(|t| t.contains("403.14")));
    assert_eq!(out["total_401"], 3);
    assert_eq!(out["unresolved_401"][0]["ip"], "10.40.0.2");
}

#[test]
fn gzip_and_zip_inputs_read_like_plain_files_and_filters_apply() {
    let d = tempfile::tempdir().unwrap();
    let plain = std::fs::read(fixture("iis/wsuspool-503/u_ex261110.log")).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(&plain).unwrap();
    write(d.path(), "W3SVC1/u_ex261110.log.gz", gz.finish().unwrap());
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "W3SVC2/u_ex261111.log",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(&plain).unwrap();
    write(d.path(), "logs.zip", zip.finish().unwrap().into_inner());

    let out = json_of(
        wsus_doctor()
            .args(["logs", "iis", "--format", "json"])
            .arg(d.path()),
    );
    assert_eq!(out["records"], 184);
    assert_eq!(out["status_totals"]["503"], 72);
    assert_eq!(out["files"].as_array().unwrap().len(), 2);

    let out = json_of(
        wsus_doctor()
            .args(["logs", "iis", "--format", "json", "--client", "10.31.0.10"])
            .args([
                "--since",
                "2026-11-10 08:03",
                "--until",
                "2026-11-10 08:05:59",
            ])
            .arg(fixture("iis/wsuspool-503")),
    );
    assert_eq!(out["records"], 6);
    assert_eq!(out["status_totals"]["503"], 6);
    assert_eq!(out["distinct_clients"], 1);
}

#[test]
fn the_logs_command_prints_the_analysts_tables() {
    let out = wsus_doctor()
        .args(["logs", "iis", "--top", "3"])
        .arg(fixture("iis/wsuspool-503"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "STATUS",
        "ENDPOINT",
        "TOP FAILING CLIENTS",
        "503 BURSTS (UTC)",
        "2026-11-10 08:03 – 08:05",
        "REQUESTS PER HOUR",
        "[fail] WsusPool answered 503",
    ] {
        assert!(text.contains(part), "missing {part:?} in\n{text}");
    }
    let out = wsus_doctor()
        .args(["logs", "httperr", "--format", "json"])
        .arg(fixture("httperr"))
        .output()
        .unwrap();
    let j: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(j["records"], 6);
    let none = wsus_doctor()
        .args(["logs", "httperr"])
        .arg(fixture("iis/healthy"))
        .output()
        .unwrap();
    assert_eq!(none.status.code(), Some(2));
}
