//! Client evidence end to end: WindowsUpdate.log, ConfigMgr logs, proxy and ipconfig output, and
//! the real samples of the shared corpus when it sits beside the project.

use crate::util::{corpus, findings, fixture, json_of, wsus_doctor};
use serde_json::Value;

fn report(dirs: &[&str]) -> Value {
    let mut cmd = wsus_doctor();
    cmd.args(["diagnose", "--format", "json"]);
    for d in dirs {
        cmd.arg(fixture(d));
    }
    json_of(&mut cmd)
}

fn titles(r: &Value, check: &str) -> Vec<(String, String)> {
    findings(r, check)
        .iter()
        .map(|f| {
            (
                f["status"].as_str().unwrap_or("").to_string(),
                f["title"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn healthy_legacy_log_passes() {
    let r = report(&["client/healthy"]);
    let f = findings(&r, "client.wu-log");
    assert_eq!(f.len(), 1);
    assert_eq!(f[0]["status"], "pass");
    let summary = f[0]["summary"].as_str().unwrap();
    assert!(
        summary.contains("2024-03-05T08:00:41.334+01:00"),
        "{summary}"
    );
    assert!(
        summary.contains("http://wsus01.corp.example.com:8530"),
        "{summary}"
    );
}

#[test]
fn legacy_timeouts_form_one_episode_then_a_soap_fault() {
    let r = report(&["client/timeouts"]);
    let t = titles(&r, "client.wu-log");
    assert_eq!(
        t[0],
        (
            "fail".into(),
            "0x80072EE2 (ERROR_WINHTTP_TIMEOUT) reaching http://wsus01.corp.example.com:8530"
                .into()
        )
    );
    assert_eq!(
        t[1],
        (
            "fail".into(),
            "0x8024400E (WU_E_PT_SOAP_SERVER) reaching http://wsus01.corp.example.com:8530".into()
        )
    );
    let f = findings(&r, "client.wu-log");
    let s0 = f[0]["summary"].as_str().unwrap();
    assert!(s0.starts_with("4 failed attempt(s) from 2024-03-05T10:00:40.331-05:00 to 2024-03-05T10:03:40.331-05:00"), "{s0}");
    assert!(s0.contains("operations: GetAuthorizationCookie"), "{s0}");
    assert!(s0.contains("SimpleAuthWebService/SimpleAuth.asmx"), "{s0}");
    assert!(f[1]["summary"]
        .as_str()
        .unwrap()
        .contains("SOAP fault ErrorCode: InternalServerError"));
    assert_eq!(f[0]["evidence"][0]["location"]["line"], 5);
}

#[test]
fn windows10_output_with_bom_and_wrapped_line() {
    let r = report(&["client/win10-503"]);
    let t = titles(&r, "client.wu-log");
    assert!(t.contains(&("fail".into(), "0x80244022 (WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL) reaching http://wsus01.corp.example.com:8530".into())), "{t:?}");
    let inv = &r["inventory"]["files"][0];
    assert_eq!(inv["records"], 14);
    assert_eq!(inv["malformed"], 0);
    let notes = inv["notes"].to_string();
    assert!(notes.contains("continuations"), "{notes}");
    assert!(notes.contains("unknown zone"), "{notes}");
}

#[test]
fn configmgr_group_policy_override_and_scan_errors() {
    let r = report(&["client/configmgr-override"]);
    let t = titles(&r, "client.configmgr");
    assert!(
        t.contains(&(
            "fail".into(),
            "Group Policy overrides the software update point".into()
        )),
        "{t:?}"
    );
    assert!(
        t.contains(&(
            "fail".into(),
            "Software update scans fail with 0x80244022 (WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL)"
                .into()
        )),
        "{t:?}"
    );
    // The multi-line WSUSLocationReply is one record.
    assert_eq!(r["inventory"]["files"][0]["records"], 5);
}

#[test]
fn configmgr_group_policy_conflict_code_is_named_and_blamed_on_the_gpo() {
    let r = report(&["client/configmgr-gpo-conflict"]);
    let f: Vec<&Value> = findings(&r, "client.configmgr")
        .into_iter()
        .filter(|f| f["symptom"] == "configmgr.gpo-override")
        .collect();
    assert_eq!(f.len(), 1, "{f:#?}");
    let f = f[0];
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "Group policy conflict (0x87D00692): a domain GPO sets the WSUS server on a Configuration Manager client"
    );
    assert_eq!(
        f["summary"],
        "UpdatesDeploymentAgent logged 0x87D00692 2 time(s), first at 2026-11-16T13:41:17.093+09:00: Group Policy's 'Specify intranet Microsoft update service location' overrides the software update point ConfigMgr manages."
    );
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
    let line = "Job error (0x87d00692) received for assignment ({9F2B6C1E-77D4-4C1B-A5E0-3D2A1B0C9E11}) action";
    assert_eq!(evidence, [(line, 2), (line, 3)]);
    let fix: Vec<&str> = f["remedy"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_str().unwrap())
        .collect();
    assert_eq!(
        fix,
        [
            "gpresult /h gpresult.html",
            "gpupdate /force",
            r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#,
        ]
    );
    // Not counted again as a scan error of its own.
    assert!(
        !titles(&r, "client.configmgr")
            .iter()
            .any(|(_, t)| t.starts_with("Software update scans fail")),
        "{:?}",
        titles(&r, "client.configmgr")
    );
    assert_eq!(
        r["diagnosis"][0]["id"], "configmgr-vs-gpo",
        "{:#}",
        r["diagnosis"]
    );
}

#[test]
fn configmgr_without_a_location_asks_for_a_scan_cycle() {
    let r = report(&["client/configmgr-no-location"]);
    let f = findings(&r, "client.configmgr");
    assert_eq!(f[0]["title"], "LocationServices.log holds no WSUS location");
    assert_eq!(f[0]["status"], "warn");
    let cmd = f[0]["remedy"]["commands"][0]["line"].as_str().unwrap();
    assert_eq!(
        cmd,
        r#"Invoke-WmiMethod -Namespace root\ccm -Class SMS_Client -Name TriggerSchedule -ArgumentList "{00000000-0000-0000-0000-000000000113}""#
    );
}

#[test]
fn proxy_that_does_not_bypass_the_wsus_host() {
    let r = report(&["client/proxy", "client/misconfigured-client"]);
    let f = findings(&r, "client.proxy");
    assert_eq!(f[0]["status"], "warn");
    assert_eq!(
        f[0]["title"],
        "The WinHTTP proxy proxy.example.net:8080 does not bypass the WSUS host wsus01"
    );
}

#[test]
fn the_proxy_bypass_fix_names_the_short_name_the_fqdn_and_local() {
    // The agent's server is http://wsus01.corp.example.com:8530 (client/healthy).
    let r = report(&["client/proxy", "client/healthy"]);
    let f = findings(&r, "client.proxy");
    assert_eq!(f[0]["status"], "warn");
    assert_eq!(f[0]["symptom"], "proxy.no-bypass");
    assert!(f[0]["evidence"][0]["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("netsh-winhttp-proxy.txt"));
    assert!(f[0]["remedy"]["text"]
        .as_str()
        .unwrap()
        .contains("by its short name and its FQDN"));
    assert_eq!(
        f[0]["remedy"]["commands"][0]["line"],
        r#"netsh winhttp set proxy proxy-server="proxy.example.net:8080" bypass-list="wsus01;wsus01.corp.example.com;<local>""#
    );
}

#[test]
fn misconfigured_client_shows_the_double_slash_request() {
    let r = report(&["client/misconfigured-client"]);
    let f = findings(&r, "client.wu-log");
    assert_eq!(f[0]["status"], "fail");
    let summary = f[0]["summary"].as_str().unwrap();
    assert!(
        summary.contains("http://wsus01:8531//selfupdate/wuident.cab"),
        "{summary}"
    );
    assert!(summary.contains("ends with a slash"), "{summary}");
}

#[test]
fn misconfigured_client_policy_fails_with_the_exact_fix() {
    let r = report(&["client/misconfigured-client"]);
    let f = findings(&r, "client.policy");
    let fail = f
        .iter()
        .find(|x| {
            x["status"] == "fail" && x["title"].as_str().unwrap().contains("port does not match")
        })
        .expect("a failing policy finding for the port");
    assert_eq!(
        fail["title"],
        "WUServer 'http://wsus01:8531/': port does not match the scheme"
    );
    let cmds: Vec<&str> = fail["remedy"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_str().unwrap())
        .collect();
    assert!(cmds.contains(&r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d http://wsus01.corp.example.com:8530 /f"#), "{cmds:?}");
    // The client's own log shows it failing against that host: the doubt becomes a failure.
    assert!(f.iter().any(|x| x["status"] == "fail"
        && x["title"] == "WUServer 'http://wsus01:8531/': short name instead of the FQDN"));
    assert!(f
        .iter()
        .any(|x| x["title"] == "WUServer 'http://wsus01:8531/': trailing slash"));
}

#[test]
fn reaches_server_needs_a_client_and_iis_logs() {
    let r = report(&["client/healthy"]);
    assert_eq!(
        findings(&r, "client.reaches-server")[0]["reason"],
        "no client address (ipconfig /all output or --client-ip) among the evidence"
    );
    let r = report(&["client/misconfigured-client"]);
    assert_eq!(
        findings(&r, "client.reaches-server")[0]["reason"],
        "no IIS logs of the WSUS server among the evidence"
    );
}

#[test]
fn corpus_birzeit_timeouts_and_soap_fault() {
    let (Some(a), Some(b)) = (
        corpus("windowsupdate-legacy/birzeit_wsus8530_80072ee2_head.log"),
        corpus("windowsupdate-legacy/birzeit_wsus8530_8024400e_soapfault.log"),
    ) else {
        return;
    };
    let r = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(a)
            .arg(b),
    );
    let files = r["inventory"]["files"].as_array().unwrap();
    assert_eq!(files[0]["records"], 200);
    assert_eq!(files[1]["records"], 101);
    let f = findings(&r, "client.wu-log");
    let first = f[0]["summary"].as_str().unwrap();
    assert!(first.starts_with("5 failed attempt(s) from 2018-10-02T10:50:10.464+03:00 to 2018-10-02T10:54:10.123+03:00"), "{first}");
    assert!(first.contains("http://wsus12.birzeit.edu:8530/SimpleAuthWebService/SimpleAuth.asmx"));
    assert!(f.iter().any(|x| x["title"]
        == "0x8024400E (WU_E_PT_SOAP_SERVER) reaching http://wsus12.birzeit.edu:8530"
        && x["summary"]
            .as_str()
            .unwrap()
            .contains("InternalServerError")));
}

#[test]
fn corpus_sccm_8531_server_changes_to_null() {
    let Some(p) = corpus("windowsupdate-win10/sccm_wsus8531_settings_change_crlf.log") else {
        return;
    };
    let r = json_of(wsus_doctor().args(["diagnose", "--format", "json"]).arg(p));
    assert_eq!(r["inventory"]["files"][0]["records"], 200);
    let t = titles(&r, "client.wu-log");
    assert!(t.contains(&("warn".into(), "The agent's WSUS server changed from https://SCCM01D.firm.saulewing.net:8531 to (null)".into())), "{t:?}");
}

#[test]
fn corpus_record_counts() {
    let expected = [
        (
            "windowsupdate-legacy/birzeit_arabic_hijri_report_events.log",
            71,
        ),
        ("windowsupdate-legacy/win7_wua7.6_nowsus_crlf.log", 200),
        ("windowsupdate-win10/dash_date_format_uus.log", 120),
        (
            "windowsupdate-win10/mu_80240438_getextendedupdateinfo2_lf.log",
            76,
        ),
        ("windowsupdate-win10/sccm_wsus8531_ssl_scan_lf.log", 141),
        ("windowsupdate-win10/slash_date_comapi_sls.log", 80),
        ("windowsupdate-win10/zh_mojibake_bom_head.log", 60),
        ("windowsupdate-win10/zh_mojibake_titles.log", 61),
        ("cmtrace/findingsanity_UpdatesDeployment.log", 107),
        ("cmtrace/findingsanity_UpdatesHandler.log", 10),
        ("cmtrace/findingsanity_UpdatesStore_head.log", 150),
        ("cmtrace/findingsanity_WUAHandler.log", 26),
        ("cmtrace/jimbocalvo_ccmsetup.log", 195),
        ("cmtrace/maxmoon_mdt_BDD_bare_cr_in_message.log", 91),
        ("cmtrace/maxmoon_mdt_BDD_head.log", 200),
        ("cmtrace/maxmoon_smsts_head.log", 147),
        ("cmtrace/plaso_sccm_various.log", 10),
    ];
    for (rel, n) in expected {
        let Some(p) = corpus(rel) else { return };
        let r = json_of(
            wsus_doctor()
                .args(["inventory", "--format", "json"])
                .arg(&p),
        );
        let file = &r["files"][0];
        assert_eq!(file["records"], n, "{rel}");
        assert_eq!(file["malformed"], 0, "{rel}");
    }
}

#[test]
fn http_time_outs_pair_with_the_servers_503_bursts() {
    // 0x8024401C and 0x80244023 at 09:21 and 09:22 UTC, inside the 09:20-09:23 burst of 503s.
    let r = report(&["client/http-timeouts-503"]);
    let wu = findings(&r, "client.wu-log");
    let paired: Vec<&&Value> = wu
        .iter()
        .filter(|f| f["title"] == "Client time-outs fall inside the server's 503 bursts")
        .collect();
    assert_eq!(paired.len(), 1, "{wu:#?}");
    let p = paired[0];
    assert_eq!(p["status"], "fail");
    assert_eq!(p["symptom"], "wu-log.burst-correlation");
    assert!(
        p["summary"]
            .as_str()
            .unwrap()
            .starts_with("2 client error episode(s) overlap 503 bursts"),
        "{p:#}"
    );
    let evidence = p["evidence"].to_string();
    assert!(evidence.contains("WindowsUpdate.log"), "{evidence}");
    assert!(evidence.contains("u_ex261112.log"), "{evidence}");
    assert!(
        evidence.contains("\"client episode 2026-11-12T09:21:16.223 (local time, zone unknown)\""),
        "{evidence}"
    );
    assert!(
        evidence.contains("6 503s, 2026-11-12T09:20:03Z – 09:23:02Z"),
        "{evidence}"
    );
    for code in ["0x8024401C", "0x80244023"] {
        let ep = wu
            .iter()
            .find(|f| f["title"].as_str().unwrap().starts_with(code))
            .unwrap_or_else(|| panic!("no episode of {code}: {wu:#?}"));
        assert_eq!(ep["status"], "fail");
        assert_eq!(ep["symptom"], "wu-log.timeouts");
        let explanation = ep["explanation"].as_str().unwrap();
        assert!(
            explanation.contains("An HTTP time-out, like 0x80072EE2 (KB3090184)"),
            "{explanation}"
        );
        assert!(!explanation.contains("Grouped with"), "{explanation}");
        let fix = ep["remedy"]["text"].as_str().unwrap();
        assert!(fix.contains("Private Memory Limit"), "{fix}");
    }
}

#[test]
fn no_port_in_wuserver_fails_only_when_the_evidence_shows_the_port_is_wrong() {
    // The client's errors are 503s (0x80244022): an HTTP server answered on port 80.
    let r = report(&["client/no-port-503/client"]);
    let f = findings(&r, "client.policy");
    let no_port = f
        .iter()
        .find(|f| f["symptom"] == "policy.no-port")
        .unwrap_or_else(|| panic!("{f:#?}"));
    assert_eq!(no_port["status"], "warn");
    assert_eq!(
        no_port["title"],
        "WUServer 'http://wsus03.corp.example.com': no port"
    );
    assert_eq!(no_port["evidence"].as_array().unwrap().len(), 1);
    assert!(no_port["evidence"][0]["location"]["path"]
        .as_str()
        .unwrap()
        .ends_with("wu-policy.reg"));
    assert!(no_port["remedy"]["text"]
        .as_str()
        .unwrap()
        .contains("http://wsus03.corp.example.com:8530"));
    // The server's PortNumber is 8530: now the missing port is proven wrong.
    let r = report(&["client/no-port-503"]);
    let f = findings(&r, "client.policy");
    let no_port = f
        .iter()
        .find(|f| f["symptom"] == "policy.no-port")
        .unwrap_or_else(|| panic!("{f:#?}"));
    assert_eq!(no_port["status"], "fail");
    let evidence = no_port["evidence"].to_string();
    assert!(evidence.contains("wsus-setup.reg"), "{evidence}");
    assert!(
        evidence.contains("the WSUS server listens on 8530"),
        "{evidence}"
    );
}

#[test]
fn an_https_short_name_fails_only_when_the_certificate_does_not_name_it() {
    // The WSUS certificate names wsus02.contoso.local and wsus02.
    let r = report(&["client/https-short-name/named"]);
    let f = findings(&r, "client.policy");
    let short = f
        .iter()
        .find(|f| f["symptom"] == "policy.short-name")
        .unwrap_or_else(|| panic!("{f:#?}"));
    assert_eq!(short["status"], "warn");
    assert_eq!(short["evidence"].as_array().unwrap().len(), 1);
    let r = report(&["client/https-short-name/unnamed"]);
    let f = findings(&r, "client.policy");
    let short = f
        .iter()
        .find(|f| f["symptom"] == "policy.host-not-in-certificate")
        .unwrap_or_else(|| panic!("{f:#?}"));
    assert_eq!(short["status"], "fail");
    assert_eq!(
        short["title"],
        "WUServer 'https://wsus07:8531': the WSUS certificate does not name 'wsus07'"
    );
    assert_eq!(
        short["summary"],
        "WUServer asks for https://wsus07, but the certificate the server presents names only wsus02.contoso.local, wsus02: the TLS handshake fails with 0x800B010F / 0x80072F06."
    );
    assert_eq!(
        short["evidence"][1]["excerpt"],
        "CN=wsus02.contoso.local (names: wsus02.contoso.local, wsus02; thumbprint 460C8704CA040B6BD3B904CA8C968DA049AB391D)"
    );
    assert_eq!(
        short["evidence"][1]["note"],
        "the WSUS certificate does not name 'wsus07': TLS fails with 0x800B010F / 0x80072F06"
    );
    // The fix names the FQDN the certificate holds.
    assert_eq!(
        short["remedy"]["commands"][0]["line"],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d https://wsus02.contoso.local:8531 /f"#
    );
}
