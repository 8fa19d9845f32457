//! TLS as both sides see it, and the client's URL against what the server serves: Schannel
//! failures in the server's System log, a policy host the WSUS certificate does not name, and a
//! scheme or port the WSUS site or HTTP.sys does not serve.

use crate::util::{findings, fixture, json_of, write, wsus_doctor};
use serde_json::Value;
use std::path::Path;

fn diagnose(dirs: &[&Path]) -> Value {
    let mut cmd = wsus_doctor();
    cmd.args(["diagnose", "--format", "json"]);
    for d in dirs {
        cmd.arg(d);
    }
    json_of(&mut cmd)
}

fn with_symptom<'a>(report: &'a Value, check: &str, symptom: &str) -> &'a Value {
    findings(report, check)
        .into_iter()
        .find(|f| f["symptom"] == symptom)
        .unwrap_or_else(|| {
            panic!(
                "no {check} finding with {symptom}: {:#?}",
                findings(report, check)
            )
        })
}

fn commands(f: &Value) -> Vec<&str> {
    f["remedy"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["line"].as_str().unwrap())
        .collect()
}

fn excerpts(f: &Value) -> Vec<&str> {
    f["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["excerpt"].as_str().unwrap_or(""))
        .collect()
}

fn cause<'a>(report: &'a Value, id: &str) -> Option<&'a Value> {
    report["diagnosis"]
        .as_array()?
        .iter()
        .find(|c| c["id"] == id)
}

/// The healthy server's files (https on 8531 with the wsus02.contoso.local certificate), with the
/// applicationHost.config edited by `edit`.
fn server_copy(dir: &Path, edit: impl Fn(String) -> String) {
    for name in [
        "applicationHost.config",
        "reg-query-setup.txt",
        "wsus02-certificate.pem",
    ] {
        let bytes = std::fs::read(fixture(&format!("server/healthy/{name}"))).unwrap();
        let bytes = if name == "applicationHost.config" {
            edit(String::from_utf8(bytes).unwrap()).into_bytes()
        } else {
            bytes
        };
        write(dir, &format!("server/{name}"), bytes);
    }
}

fn policy(dir: &Path, url: &str) {
    write(
        dir,
        "client/wu-policy.reg",
        format!("Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n\"WUServer\"=\"{url}\"\r\n\"WUStatusServer\"=\"{url}\"\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU]\r\n\"UseWUServer\"=dword:00000001\r\n"),
    );
}

const CERT_HASH: &str = "460c8704ca040b6bd3b904ca8c968da049ab391d";

#[test]
fn schannel_failures_alone_are_a_warning_with_counts_per_id_and_alert() {
    let r = diagnose(&[&fixture("server/healthy"), &fixture("server/schannel")]);
    let f = with_symptom(&r, "server.tls", "tls.schannel-failures");
    assert_eq!(f["status"], "warn");
    assert_eq!(f["title"], "Schannel logged 5 failed TLS handshake(s)");
    // Read from the ids and insertion strings: one record carries a Japanese rendering, and the
    // Schannel 36880 (a handshake that succeeded) is not counted.
    assert_eq!(
        f["summary"],
        "The server's System log has Schannel 36874 (no cipher suite in common with the client) ×2, 36888 alert 40 (handshake failure, sent) ×2, 36887 alert 46 (certificate unknown, received) ×1, from 2024-03-05T07:12:03Z to 2024-03-05T09:01:10Z. No client TLS error among the evidence falls in those minutes, so which clients failed is not known."
    );
    assert_eq!(
        excerpts(f),
        [
            "2024-03-05T07:12:03Z Schannel 36887: A fatal alert was received from the remote endpoint (TLS alert code 46).",
            "2024-03-05T09:01:10Z Schannel 36874: A TLS 1.2 connection request was received from a remote client, but none of the cipher suites the client supports are supported by the server.",
        ]
    );
    assert_eq!(f["evidence"][0]["location"]["record"], 9101);
    assert_eq!(
        commands(f),
        [
            "Get-TlsCipherSuite | Format-Table Name",
            r#"reg query "HKLM\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\Protocols" /s"#,
            "netsh http show sslcert",
        ]
    );
    assert!(f["explanation"].as_str().unwrap().contains("UNCONFIRMED"));
    assert_eq!(f["references"][0]["id"], "SCHANNEL-ALERTS");
    // The server's own SSL settings still pass.
    assert!(findings(&r, "server.tls")
        .iter()
        .any(|f| f["status"] == "pass"));
    assert!(cause(&r, "ssl-misconfigured").is_none());
}

#[test]
fn schannel_failures_in_the_clients_tls_error_minutes_support_the_ssl_cause() {
    let r = diagnose(&[
        &fixture("server/healthy"),
        &fixture("server/schannel"),
        &fixture("client/tls-errors"),
    ]);
    let f = with_symptom(&r, "server.tls", "tls.schannel-at-client-failures");
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "The server refused TLS handshakes in the minutes the clients failed with TLS errors"
    );
    // The client logs at UTC+09:00 (its banner), so 18:00 local is 09:00 UTC: no assumption.
    assert_eq!(
        f["summary"],
        "4 of the server's 5 Schannel failures fall in the clients' TLS error episodes; all of them: 36874 (no cipher suite in common with the client) ×2, 36888 alert 40 (handshake failure, sent) ×2, 36887 alert 46 (certificate unknown, received) ×1, from 2024-03-05T07:12:03Z to 2024-03-05T09:01:10Z."
    );
    let ex = excerpts(f);
    assert_eq!(ex.len(), 5, "{ex:?}");
    assert_eq!(
        ex[0],
        "2024-03-05T09:00:10Z Schannel 36888: A fatal alert was generated and sent to the remote endpoint (TLS alert code 40, internal error state 1205)."
    );
    assert_eq!(ex[4], "WARNING: Send failed with hr = 80072f8f.");
    assert_eq!(
        f["evidence"][4]["note"],
        "client TLS errors 2024-03-05T18:00:10.331+09:00 – 2024-03-05T18:01:10.331+09:00"
    );
    assert_eq!(commands(f)[0], "Get-TlsCipherSuite | Format-Table Name");
    let ssl = cause(&r, "ssl-misconfigured").expect("ssl-misconfigured among the causes");
    assert!(
        ssl["chain"].as_array().unwrap().iter().any(|c| c
            .as_str()
            .unwrap()
            .starts_with("server.tls: The server refused TLS handshakes")),
        "{ssl:#}"
    );
}

#[test]
fn an_https_ip_address_the_certificate_does_not_name_fails_with_the_certificates_fqdn() {
    let dir = tempfile::tempdir().unwrap();
    server_copy(dir.path(), |c| c);
    policy(dir.path(), "https://10.0.8.20:8531");
    let r = diagnose(&[&dir.path().join("server"), &dir.path().join("client")]);
    let f = with_symptom(&r, "client.policy", "policy.host-not-in-certificate");
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "WUServer 'https://10.0.8.20:8531': the WSUS certificate does not name '10.0.8.20'"
    );
    assert_eq!(
        f["summary"],
        "WUServer asks for https://10.0.8.20, but the certificate the server presents names only wsus02.contoso.local, wsus02: the TLS handshake fails with 0x800B010F / 0x80072F06."
    );
    assert_eq!(
        excerpts(f),
        [
            "WUServer = \"https://10.0.8.20:8531\"",
            "CN=wsus02.contoso.local (names: wsus02.contoso.local, wsus02; thumbprint 460C8704CA040B6BD3B904CA8C968DA049AB391D)",
        ]
    );
    assert_eq!(
        commands(f)[0],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d https://wsus02.contoso.local:8531 /f"#
    );
    assert!(f["remedy"]["text"]
        .as_str()
        .unwrap()
        .ends_with("to https://wsus02.contoso.local:8531."));
    assert!(cause(&r, "client-wrong-server").is_some());
}

#[test]
fn an_https_ip_address_without_the_certificate_stays_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    policy(dir.path(), "https://10.0.8.20:8531");
    let r = diagnose(&[&dir.path().join("client")]);
    let f = with_symptom(&r, "client.policy", "policy.ip-address");
    assert_eq!(f["status"], "warn");
    assert_eq!(
        f["title"],
        "WUServer 'https://10.0.8.20:8531': IP address instead of the FQDN"
    );
    assert_eq!(excerpts(f), ["WUServer = \"https://10.0.8.20:8531\""]);
}

#[test]
fn http_to_the_sites_https_port_fails_with_the_http_port_it_serves() {
    let dir = tempfile::tempdir().unwrap();
    server_copy(dir.path(), |c| c.replace("*:8531:", "*:9531:"));
    policy(dir.path(), "http://wsus02.contoso.local:9531");
    let r = diagnose(&[&dir.path().join("server"), &dir.path().join("client")]);
    let f = with_symptom(&r, "client.policy", "policy.port-mismatch");
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "'http://wsus02.contoso.local:9531' speaks http to the WSUS site's https port 9531"
    );
    assert_eq!(
        f["summary"],
        "The WSUS site 'WSUS-Verwaltung' serves https on port 9531: a plain http request there fails the TLS handshake. Change the client's URL to http://wsus02.contoso.local:8530."
    );
    assert_eq!(
        excerpts(f),
        [
            "WUServer = \"http://wsus02.contoso.local:9531\"",
            "<site name=\"WSUS-Verwaltung\" id=\"3\">",
        ]
    );
    assert_eq!(
        commands(f)[0],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d http://wsus02.contoso.local:8530 /f"#
    );
}

#[test]
fn https_to_a_port_without_an_https_binding_fails_with_the_https_port_the_site_serves() {
    let dir = tempfile::tempdir().unwrap();
    server_copy(dir.path(), |c| c.replace("*:8531:", "*:9531:"));
    policy(dir.path(), "https://wsus02.contoso.local:8531");
    let r = diagnose(&[&dir.path().join("server"), &dir.path().join("client")]);
    let f = with_symptom(&r, "client.policy", "policy.port-not-served");
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "'https://wsus02.contoso.local:8531' asks for https on port 8531, which the WSUS site does not serve"
    );
    assert_eq!(
        f["summary"],
        "The WSUS site 'WSUS-Verwaltung' has no https binding on port 8531: it serves https on port 9531. The client cannot connect (0x80072EFD)."
    );
    assert_eq!(
        excerpts(f),
        [
            "WUServer = \"https://wsus02.contoso.local:8531\"",
            "<site name=\"WSUS-Verwaltung\" id=\"3\">",
        ]
    );
    assert_eq!(
        commands(f)[0],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d https://wsus02.contoso.local:9531 /f"#
    );
    assert!(cause(&r, "client-wrong-server").is_some());
}

#[test]
fn https_to_a_port_http_sys_holds_no_certificate_for_fails_on_the_server_side() {
    let dir = tempfile::tempdir().unwrap();
    server_copy(dir.path(), |c| c);
    write(
        dir.path(),
        "server/sslcert.txt",
        "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n    IP:port                      : 0.0.0.0:443\r\n    Certificate Hash             : 0123456789abcdef0123456789abcdef01234567\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : MY\r\n",
    );
    policy(dir.path(), "https://wsus02.contoso.local:8531");
    let r = diagnose(&[&dir.path().join("server"), &dir.path().join("client")]);
    let f = with_symptom(&r, "client.policy", "policy.https-port-no-certificate");
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "No certificate is bound to port 8531, where 'https://wsus02.contoso.local:8531' asks for https"
    );
    assert_eq!(
        f["summary"],
        "The WSUS site 'WSUS-Verwaltung' has an https binding on port 8531, but netsh http show sslcert lists no certificate for it (only 0.0.0.0:443): the TLS handshake fails and the client cannot connect. The server side must change."
    );
    assert_eq!(
        excerpts(f),
        [
            "WUServer = \"https://wsus02.contoso.local:8531\"",
            "<binding protocol=\"https\" bindingInformation=\"*:8531:\" />",
            "IP:port : 0.0.0.0:443",
        ]
    );
    assert_eq!(
        commands(f),
        [
            format!("Import-Module WebAdministration; (Get-WebBinding -Name \"WSUS-Verwaltung\" -Protocol https -Port 8531).AddSslCertificate(\"{CERT_HASH}\", \"My\")").as_str(),
            "netsh http show sslcert ipport=0.0.0.0:8531",
        ]
    );
    assert!(cause(&r, "ssl-misconfigured").is_some());
}

#[test]
fn the_url_the_clients_log_used_is_compared_with_the_bindings_too() {
    let dir = tempfile::tempdir().unwrap();
    server_copy(dir.path(), |c| c);
    policy(dir.path(), "https://wsus02.contoso.local:8531");
    // An older policy the agent still used: https on the HTTP port.
    write(
        dir.path(),
        "client/WindowsUpdate.log",
        "2024-03-05\t09:58:02:004\t 904\t7b8\tMisc\t===========  Logging initialized (build: 7.6.7601.24436, tz: +0000)  ===========\r\n2024-03-05\t09:58:02:080\t 904\t7b8\tAgent\t  * WSUS server: https://wsus02.contoso.local:8530\r\n2024-03-05\t09:58:02:080\t 904\t7b8\tAgent\t  * WSUS status server: https://wsus02.contoso.local:8530\r\n",
    );
    let r = diagnose(&[&dir.path().join("server"), &dir.path().join("client")]);
    let f = with_symptom(&r, "client.policy", "policy.port-not-served");
    assert_eq!(f["status"], "fail");
    assert_eq!(
        f["title"],
        "'https://wsus02.contoso.local:8530' asks for https on port 8530, which the WSUS site does not serve"
    );
    assert_eq!(
        f["summary"],
        "The WSUS site 'WSUS-Verwaltung' has no https binding on port 8530: it serves https on port 8531. The client cannot connect (0x80072EFD)."
    );
    assert_eq!(
        f["evidence"][0]["note"],
        "the URL the client's WindowsUpdate.log used"
    );
    assert!(f["evidence"][0]["excerpt"]
        .as_str()
        .unwrap()
        .contains("https://wsus02.contoso.local:8530"));
    assert_eq!(
        commands(f)[0],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d https://wsus02.contoso.local:8531 /f"#
    );
    // The policy's own URL is served: only the logged one is reported.
    assert_eq!(
        findings(&r, "client.policy")
            .iter()
            .filter(|f| f["status"] == "fail")
            .count(),
        1
    );
}

#[test]
fn a_policy_port_that_does_not_match_its_scheme_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    server_copy(dir.path(), |c| c);
    policy(dir.path(), "https://wsus02.contoso.local:8530");
    let r = diagnose(&[&dir.path().join("server"), &dir.path().join("client")]);
    let failing: Vec<&str> = findings(&r, "client.policy")
        .iter()
        .filter(|f| f["status"] == "fail")
        .map(|f| f["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        failing,
        ["WUServer 'https://wsus02.contoso.local:8530': port does not match the scheme"]
    );
}
