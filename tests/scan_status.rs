//! ConfigMgr's scan status export (`v_UpdateScanStatus`) end to end: recognised by its header,
//! read row by row, and grouped by `client.scan-status` into what the fleet's clients share.

use crate::util::{findings, fixture, json_of, write, wsus_doctor};
use serde_json::Value;

const SCAN_CYCLE: &str = r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#;
const EXPORT: &str = "v_UpdateScanStatus.csv";

fn report(inputs: &[&std::path::Path]) -> Value {
    let mut cmd = wsus_doctor();
    cmd.args(["diagnose", "--format", "json"]);
    cmd.args(inputs);
    json_of(&mut cmd)
}

fn titled<'a>(r: &'a Value, title: &str) -> &'a Value {
    findings(r, "client.scan-status")
        .into_iter()
        .find(|f| f["title"] == title)
        .unwrap_or_else(|| {
            let titles: Vec<&Value> = findings(r, "client.scan-status")
                .iter()
                .map(|f| &f["title"])
                .collect();
            panic!("no finding '{title}' among {titles:?}")
        })
}

fn commands(f: &Value) -> Vec<&str> {
    f["remedy"]["commands"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["line"].as_str()).collect())
        .unwrap_or_default()
}

fn names(v: &Value) -> Vec<&str> {
    v.as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn the_export_is_read_as_evidence_of_the_site_not_one_machine_per_row() {
    let r = report(&[&fixture("fleet/scan-status")]);
    let files = r["inventory"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    let file = &files[0];
    assert_eq!(file["kind"], "configmgr-scan-status");
    assert_eq!(file["records"], 16);
    assert_eq!(file["malformed"], 2);
    assert_eq!(file["malformed_examples"][0]["line"], 11);
    assert_eq!(
        file["malformed_examples"][0]["reason"],
        "LastErrorCode 'see log' is not an error code"
    );
    assert_eq!(file["malformed_examples"][1]["line"], 15);
    assert_eq!(
        file["malformed_examples"][1]["reason"],
        "2 fields where the header has 7"
    );
    let machines = r["machines"].as_array().unwrap();
    assert_eq!(machines.len(), 1, "{machines:?}");
    assert_eq!(machines[0]["role"], "server");
}

#[test]
fn machines_are_grouped_by_their_last_error_with_its_meaning() {
    let r = report(&[&fixture("fleet/scan-status")]);
    let path = "fleet/scan-status/v_UpdateScanStatus.csv";

    let pass = titled(&r, "7 of 16 machine(s) last scanned without error");
    assert_eq!(pass["status"], "pass");
    assert_eq!(
        pass["summary"],
        "LastErrorCode 0 and a completed scan: PC-0101, PC-0102, PC-0103, PC-0104, PC-0105, PC-0106, PC-0601."
    );
    assert_eq!(pass["data"]["count"], 7);

    let timeouts = titled(
        &r,
        "4 machine(s) last scanned with 0x8024401C (WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT)",
    );
    assert_eq!(timeouts["status"], "fail");
    assert_eq!(
        timeouts["summary"],
        "HTTP 408: the server timed out waiting for the request. Family: time-out. Machines: PC-0201, PC-0202, PC-0203, PC-0204."
    );
    assert_eq!(timeouts["symptom"], "wu-log.timeouts");
    let ev = &timeouts["evidence"][0];
    assert!(ev["location"]["path"].as_str().unwrap().ends_with(path));
    assert_eq!(ev["location"]["line"], 8);
    assert_eq!(
        ev["excerpt"],
        "PC-0201,10.0.5.21,5,-2145107940,2024-03-05 09:14:02.000,http://wsus01.corp.example:8530,10.0.19041.3636"
    );
    assert_eq!(ev["note"], "first of 4 machine(s)");
    assert_eq!(timeouts["data"]["hresult"], "0x8024401C");
    assert_eq!(timeouts["data"]["family"], "time-out");
    assert_eq!(
        names(&timeouts["data"]["machines"]),
        ["PC-0201", "PC-0202", "PC-0203", "PC-0204"]
    );
    assert_eq!(timeouts["data"]["wua_versions"]["7.6.7601.24436"], 1);
    assert_eq!(timeouts["data"]["wua_versions"]["10.0.19041.3636"], 3);
    let fix = commands(timeouts);
    assert!(
        fix.iter().any(|c| c
            .contains("set apppool \"WsusPool\" /recycling.periodicRestart.privateMemory:8388608")),
        "{fix:?}"
    );
    assert_eq!(fix.last(), Some(&SCAN_CYCLE));

    let unavailable = titled(
        &r,
        "1 machine(s) last scanned with 0x80244022 (WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL)",
    );
    assert_eq!(unavailable["symptom"], "wu-log.503");
    assert_eq!(unavailable["evidence"][0]["location"]["line"], 16);

    let gpo = titled(
        &r,
        "1 machine(s) last scanned with 0x87D00692 (Group policy conflict)",
    );
    assert_eq!(gpo["status"], "fail");
    assert!(gpo.get("symptom").is_none(), "{gpo}");
    assert!(gpo["summary"]
        .as_str()
        .unwrap()
        .ends_with("Family: other. Machines: PC-0501."));
    assert_eq!(commands(gpo), [SCAN_CYCLE]);
    assert!(gpo["remedy"]["text"]
        .as_str()
        .unwrap()
        .contains("Remove the WSUS location from the GPO"));
}

#[test]
fn old_scans_other_locations_and_missing_results_are_their_own_groups() {
    let r = report(&[&fixture("fleet/scan-status")]);

    let stale = titled(
        &r,
        "1 machine(s) not scanned since more than 7 days before the newest scan",
    );
    assert_eq!(stale["status"], "warn");
    assert_eq!(
        stale["summary"],
        "The newest scan in the export is 2024-03-05T09:40:00 (local time, zone unknown); these machines' last scans are older: PC-0601 (2024-02-10)."
    );
    assert_eq!(stale["evidence"][0]["location"]["line"], 18);
    assert_eq!(stale["data"]["machines"][0]["machine"], "PC-0601");
    assert_eq!(commands(stale), [SCAN_CYCLE]);

    let locations = titled(&r, "Machines scan against 2 different WSUS locations");
    assert_eq!(locations["status"], "warn");
    assert_eq!(
        locations["summary"],
        "14 machine(s) scan against http://wsus01.corp.example:8530; the others: http://oldwsus.corp.example:8530: PC-0501."
    );
    assert_eq!(locations["evidence"][0]["location"]["line"], 17);
    assert_eq!(
        locations["evidence"][0]["note"],
        "first of 1 machine(s) scanning against http://oldwsus.corp.example:8530"
    );
    assert_eq!(locations["data"]["locations"][1]["machines"][0], "PC-0501");
    assert_eq!(
        commands(locations),
        ["gpresult /h gpresult.html", SCAN_CYCLE]
    );

    let none = titled(&r, "1 machine(s) have no completed scan on record");
    assert_eq!(none["status"], "info");
    assert_eq!(
        none["summary"],
        "No error, but no completed scan either: PC-0701 (no state)."
    );
    assert_eq!(none["evidence"][0]["location"]["line"], 19);
}

/// UTF-16 LE with a byte order mark, tab-separated, quoted, with a report's column names: what
/// Management Studio saves as "Unicode text".
fn utf16(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend_from_slice(&u.to_le_bytes());
    }
    out
}

#[test]
fn a_tab_separated_utf16_export_pairs_with_the_servers_iis_log() {
    let dir = tempfile::tempdir().unwrap();
    let export = "\"MachineName\"\t\"IP Address\"\t\"LastErrorCode\"\t\"LastScanState\"\t\"LastScanTime\"\r\n\
\"PC-0201\"\t\"10.0.5.21\"\t\"0x80244022\"\t\"5\"\t\"2024-03-05 09:14:02.000\"\r\n\
\"PC-0202\"\t\"10.0.5.22\"\t\"-2145107934\"\t\"Scan failed\"\t\"2024-03-05 09:15:40.000\"\r\n\
\"PC-0203\"\t\"10.0.5.23\"\t\"-2145107934\"\t\"5\"\t\"2024-03-05 09:16:05.000\"\r\n\
\"PC-0101\"\t\"10.0.5.11\"\t\"0\"\t\"3\"\t\"2024-03-05 09:02:11.000\"\r\n";
    let site = write(dir.path(), &format!("site/{EXPORT}"), utf16(export));
    let iis = write(
        dir.path(),
        "wsus/u_ex240305.log",
        "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2024-03-05 09:14:00\r\n\
#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n\
2024-03-05 09:14:01 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.21 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 187\r\n\
2024-03-05 09:15:39 10.0.0.10 POST /ClientWebService/client.asmx - 8530 - 10.0.5.22 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 190\r\n",
    );
    let r = report(&[site.parent().unwrap(), iis.parent().unwrap()]);
    let entry = r["inventory"]["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["path"].as_str().unwrap().ends_with(EXPORT))
        .unwrap();
    assert_eq!(entry["kind"], "configmgr-scan-status");
    assert_eq!(entry["encoding"], "UTF-16LE with BOM");
    assert_eq!(entry["records"], 4);
    assert_eq!(entry["malformed"], 0);

    let f = titled(
        &r,
        "3 machine(s) last scanned with 0x80244022 (WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL)",
    );
    assert_eq!(
        f["summary"],
        "HTTP 503. Family: HTTP 503 from the server. Machines: PC-0201, PC-0202, PC-0203. The server's IIS log shows requests from 2 of them (2 answered 503); none from PC-0203."
    );
    assert_eq!(f["symptom"], "wu-log.503");
    assert_eq!(f["evidence"][0]["location"]["line"], 2);
    assert_eq!(
        f["evidence"][1]["note"],
        "a request from PC-0201 (10.0.5.21) in the server's IIS log"
    );
    assert_eq!(f["data"]["iis_log"]["seen"][0]["503"], 1);
    assert_eq!(f["data"]["iis_log"]["not_seen"][0]["machine"], "PC-0203");
    assert!(commands(f).contains(&SCAN_CYCLE));
    let pass = titled(&r, "1 of 4 machine(s) last scanned without error");
    assert_eq!(pass["evidence"][0]["location"]["line"], 5);
}

#[test]
fn without_an_export_the_check_says_why_it_is_skipped() {
    let r = report(&[&fixture("client/healthy")]);
    let f = findings(&r, "client.scan-status");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["status"], "skipped");
    assert_eq!(
        f[0]["reason"],
        "no Configuration Manager scan status export (v_UpdateScanStatus) among the evidence"
    );
}

#[test]
fn inventory_and_explain_know_the_kind_and_the_check() {
    let out = wsus_doctor()
        .arg("inventory")
        .arg(fixture("fleet/scan-status"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("configmgr-scan-status"), "{text}");
    let out = wsus_doctor()
        .args(["explain", "client.scan-status"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Scan status of the Configuration Manager clients"),
        "{text}"
    );
}

#[test]
fn with_several_clients_the_fleet_groups_are_reported_once() {
    let r = report(&[
        &fixture("fleet/scan-status"),
        &fixture("client/timeouts"),
        &fixture("client/healthy"),
    ]);
    let f = findings(&r, "client.scan-status");
    let statuses: Vec<&str> = f.iter().filter_map(|f| f["status"].as_str()).collect();
    assert_eq!(
        statuses,
        ["pass", "fail", "fail", "fail", "fail", "info", "warn", "warn"]
    );
    assert_eq!(
        f[1]["title"],
        "4 machine(s) last scanned with 0x8024401C (WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT)"
    );
    // Each client's own checks still run on its own files.
    assert_eq!(findings(&r, "client.wu-log").len(), 4);
}

#[test]
fn redaction_covers_the_machines_of_the_export() {
    let mut cmd = wsus_doctor();
    cmd.args(["diagnose", "--redact", "--format", "json"])
        .arg(fixture("fleet/scan-status"));
    let r = json_of(&mut cmd);
    let text = r.to_string();
    for name in ["PC-0201", "PC-0501", "PC-0701", "wsus01.corp.example"] {
        assert!(!text.contains(name), "{name} left in the redacted report");
    }
    let f = findings(&r, "client.scan-status");
    let timeouts = f
        .iter()
        .find(|f| f["data"]["hresult"] == "0x8024401C")
        .unwrap();
    // Numbered in the order the findings name them: the seven healthy machines first.
    assert_eq!(timeouts["data"]["machines"][0], "client-8");
}
