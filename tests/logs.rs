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
        summary.contains("2026-11-10T08:03:00Z – 08:05:55Z: 36 × 503, peak 12/min"),
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
    // A [FAIL] finding makes the exit status 1, as in diagnose.
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    for part in [
        "STATUS",
        "ENDPOINT",
        "TOP FAILING CLIENTS",
        "503 BURSTS (UTC)",
        "2026-11-10T08:03:00Z – 08:05:55Z",
        "REQUESTS PER HOUR",
        "[FAIL] WsusPool answered 503",
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

/// A WSUS site's thirty daily logs of March 2024, WsusPool down on the 3rd, and two HTTPERR files
/// (the first from the 3rd until the second starts on the 25th).
fn thirty_days(d: &std::path::Path) {
    let fields = "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken";
    for day in 1..=30 {
        let date = format!("2024-03-{day:02}");
        let mut text = format!("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: {date} 00:00:12\r\n{fields}\r\n");
        for (time, status) in [
            ("00:00:12", "200"),
            ("09:30:00", "200"),
            ("18:45:10", "200"),
        ] {
            text += &format!("{date} {time} 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.21 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - {status} 0 0 15\r\n");
        }
        if day == 3 {
            for i in 0..12 {
                text += &format!("{date} 10:0{}:{:02} 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.{} Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 15\r\n", i / 6, i * 7 % 60, 30 + i);
            }
        }
        write(d, &format!("W3SVC1572271583/u_ex2403{day:02}.log"), text);
    }
    let httperr_fields = "#Fields: date time c-ip c-port s-ip s-port cs-version cs-method cs-uri sc-status s-siteid s-reason s-queuename";
    for (n, date) in [(1, "2024-03-03"), (2, "2024-03-25")] {
        write(
            d,
            &format!("HTTPERR/httperr{n}.log"),
            format!("#Software: Microsoft HTTP API 2.0\r\n#Version: 1.0\r\n#Date: {date} 10:00:05\r\n{httperr_fields}\r\n{date} 10:00:05 10.0.5.31 50412 10.0.0.10 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 1572271583 QueueFull WsusPool\r\n"),
        );
    }
}

fn has_503_finding(report: &serde_json::Value) -> bool {
    findings(report, "server.iis-log")
        .iter()
        .any(|f| f["status"] == "fail" && f["title"].as_str().unwrap().contains("503"))
}

#[test]
fn diagnose_reads_the_last_fourteen_days_and_states_what_it_left_out() {
    let d = tempfile::tempdir().unwrap();
    thirty_days(d.path());
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(d.path()),
    );
    let w = &report["window"];
    assert_eq!(w["days"], 14);
    assert_eq!(w["since"], "2024-03-17T00:00:00Z");
    assert!(w.get("until").is_none());
    // Days 1 to 15 are left out; the 16th may hold the first hours of the 17th in local time.
    assert_eq!(w["files_left_out"], 15);
    assert_eq!(w["left_out_from"], "2024-03-01T00:00:00Z");
    assert_eq!(w["left_out_to"], "2024-03-15T00:00:00Z");
    assert_eq!(w["include_all"], "--all-history");
    let files = report["inventory"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 15 + 2);
    // httperr1.log reaches to the 25th, so it is read, and its record of the 3rd filtered out.
    let httperr1 = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("httperr1.log"))
        .unwrap();
    assert_eq!(httperr1["records"], 0);
    assert!(httperr1["notes"]
        .to_string()
        .contains("1 records outside the time window"));
    assert!(!has_503_finding(&report));

    let text = wsus_doctor()
        .arg("diagnose")
        .arg(d.path())
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Focus window: Server and event logs of the last 14 days up to the newest server log, from 2024-03-17T00:00:00Z; 15 log files (13 kB) outside it left out, starting 2024-03-01 to 2024-03-15: --all-history reads them."),
        "{text}"
    );

    let all = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json", "--all-history"])
            .arg(d.path()),
    );
    assert!(all.get("window").is_none());
    assert_eq!(all["inventory"]["files"].as_array().unwrap().len(), 32);
    assert!(has_503_finding(&all));
    // Thirty days are more minutes than a chart holds: counted by five minutes, every request
    // still counted once; the fourteen days of the default window stay by the minute.
    let per = &all["charts"]["iis_per_minute"];
    assert_eq!(per["step_minutes"], 5);
    let sum = |per: &serde_json::Value| {
        per["total"]
            .as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(sum(per), 30 * 3 + 12);
    let minutes = per["minutes"].as_array().unwrap();
    assert_eq!(minutes[0], "2024-03-01T00:00:00Z");
    assert!(minutes
        .iter()
        .all(|m| m.as_str().unwrap()[15..].starts_with(['0', '5'])));
    assert_eq!(report["charts"]["iis_per_minute"]["step_minutes"], 1);
    assert_eq!(sum(&report["charts"]["iis_per_minute"]), 14 * 3);

    let chosen = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .args(["--since", "2024-03-02", "--until", "2024-03-04"])
            .arg(d.path()),
    );
    let w = &chosen["window"];
    assert_eq!(w["since"], "2024-03-02T00:00:00Z");
    assert_eq!(w["until"], "2024-03-04T23:59:59Z");
    assert!(w.get("days").is_none());
    // Days 1 to 5 are read (local days may reach a day either side); httperr2 starts later.
    assert_eq!(w["files_left_out"], 25 + 1);
    assert!(has_503_finding(&chosen));

    let refused = wsus_doctor()
        .args(["diagnose", "--all-history", "--since", "2024-03-02"])
        .arg(d.path())
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn logs_skips_whole_files_outside_since_and_until() {
    let d = tempfile::tempdir().unwrap();
    thirty_days(d.path());
    let all = json_of(
        wsus_doctor()
            .args(["logs", "iis", "--format", "json"])
            .arg(d.path()),
    );
    assert_eq!(all["records"], 30 * 3 + 12);
    assert_eq!(all["files"].as_array().unwrap().len(), 30);

    let recent = json_of(
        wsus_doctor()
            .args(["logs", "iis", "--format", "json", "--since", "2024-03-28"])
            .arg(d.path()),
    );
    assert_eq!(recent["records"], 3 * 3);
    let files = recent["files"].as_array().unwrap();
    let left_out: Vec<&serde_json::Value> = files
        .iter()
        .filter(|f| f.get("left_out").is_some())
        .collect();
    assert_eq!(files.len(), 30);
    assert_eq!(left_out.len(), 26);
    assert!(left_out[0]["path"]
        .as_str()
        .unwrap()
        .ends_with("u_ex240301.log"));
    assert_eq!(
        left_out[0]["left_out"],
        "outside --since/--until by its name, confirmed by its first date, not read"
    );
    // The 27th is read for its first hours' sake, its records all before the window.
    let day27 = files
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("u_ex240327.log"))
        .unwrap();
    assert_eq!(day27["records"], 0);

    let text = wsus_doctor()
        .args(["logs", "iis", "--since", "2024-03-28"])
        .arg(d.path())
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(
        text.contains("IIS logs: 9 records from 4 files, 0 malformed lines; 26 files outside --since/--until not read"),
        "{text}"
    );
}

/// The JSON of `logs iis|httperr` for every fixture and example with such logs, with the window
/// and client filters and a short `--top`: the field names, their order and the values are pinned
/// so that a change of the model behind them shows here.
#[test]
fn logs_json_output_snapshots() {
    let cases: &[(&str, &[&str])] = &[
        ("iis", &["tests/fixtures/iis"]),
        ("iis", &["tests/fixtures/iis/rules", "--top", "2"]),
        ("iis", &["tests/fixtures/iis", "--until", "2026-11-10"]),
        ("iis", &["tests/fixtures/iis", "--client", "10.31.0.10"]),
        (
            "iis",
            &["tests/fixtures/iis/quirks", "--since", "2026-11-11"],
        ),
        ("iis", &["tests/fixtures/client", "tests/fixtures/server"]),
        ("iis", &["tests/fixtures/diagnosis"]),
        ("iis", &["examples"]),
        ("httperr", &["tests/fixtures/httperr"]),
        ("httperr", &["tests/fixtures/iis/wsuspool-503"]),
        (
            "httperr",
            &["tests/fixtures/server", "tests/fixtures/diagnosis"],
        ),
        ("httperr", &["examples", "--since", "2024-04-01"]),
    ];
    for (i, (kind, args)) in cases.iter().enumerate() {
        let out = wsus_doctor()
            .current_dir(crate::util::root())
            .args(["logs", kind, "--format", "json"])
            .args(*args)
            .output()
            .unwrap();
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(stdout.starts_with('{'), "{kind} {args:?}: {stdout}");
        insta::assert_snapshot!(
            format!("logs_json_{i:02}_{kind}"),
            stdout,
            &format!("logs {kind} --format json {}", args.join(" "))
        );
    }
}

/// The `logs` JSON schemas, with the report schema registered for the findings they refer to.
fn logs_validator(name: &str) -> jsonschema::Validator {
    let read = |file: &str| -> serde_json::Value {
        let text = std::fs::read_to_string(crate::util::root().join("schema").join(file))
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    let registry = jsonschema::Registry::new()
        .add(
            "urn:wsus-doctor:schema:report-v1",
            read("report-v1.schema.json"),
        )
        .expect("the report schema registers")
        .prepare()
        .expect("the registry resolves");
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .with_registry(&registry)
        .build(&read(name))
        .expect("the schema compiles")
}

/// Every fixture and example, through both `logs` commands, with the filters that add or empty
/// fields, is valid against its schema; the schemas are strict.
#[test]
fn logs_json_is_valid_against_its_schema() {
    let inputs: &[&[&str]] = &[
        &["tests/fixtures"],
        &["examples"],
        &["tests/fixtures", "--until", "2026-11-10"],
        &["tests/fixtures", "--client", "10.31.0.10", "--top", "1"],
        &["tests/fixtures", "--since", "2030-01-01"],
        &[
            "tests/fixtures/iis/quirks",
            "tests/fixtures/httperr",
            "--since",
            "2026-11-11",
        ],
    ];
    for (kind, schema) in [
        ("iis", "logs-iis-v1.schema.json"),
        ("httperr", "logs-httperr-v1.schema.json"),
    ] {
        let validator = logs_validator(schema);
        let mut last = serde_json::Value::Null;
        for args in inputs {
            let out = json_of(
                wsus_doctor()
                    .current_dir(crate::util::root())
                    .args(["logs", kind, "--format", "json"])
                    .args(*args),
            );
            let errors: Vec<String> = validator
                .iter_errors(&out)
                .take(5)
                .map(|e| format!("{} at {}", e, e.instance_path()))
                .collect();
            assert!(errors.is_empty(), "{kind} {args:?}: {errors:#?}");
            last = out;
        }
        let mut extra = last.clone();
        extra["files"][0]["size"] = serde_json::json!(1);
        assert!(!validator.is_valid(&extra), "{kind}: an undocumented field");
        let mut wrong = last.clone();
        wrong["schema"] = serde_json::json!("wsus-doctor/logs/v1");
        assert!(!validator.is_valid(&wrong), "{kind}: another schema");
        // Findings are held to the report schema's definition.
        let mut finding = last;
        finding["findings"][0]["status"] = serde_json::json!("error");
        assert!(!validator.is_valid(&finding), "{kind}: a finding's status");
    }
}
