//! Machines: which machine each evidence file belongs to, server checks once per WSUS server,
//! client checks once per client beside the server it points at, and causes that several clients
//! share named once with the clients that show them.

use crate::util::{example, json_of, make_fleet, wsus_doctor};
use serde_json::Value;
use std::collections::BTreeSet;

fn machines(report: &Value) -> Vec<(String, String)> {
    report["machines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap().to_string(),
                m["role"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn findings_on<'a>(report: &'a Value, machine: &str, check: &str) -> Vec<&'a Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["machine"] == machine && f["check"] == check)
        .collect()
}

#[test]
fn three_client_folders_given_together_are_three_clients_each_with_its_own_findings() {
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(example("healthy"))
            .arg(example("misconfigured-client/client"))
            .arg(example("client-and-server/client")),
    );
    assert_eq!(
        machines(&report),
        [
            ("PC-0412", "client"),
            ("WSUS01.contoso.com", "server"),
            ("PC-0733", "client"),
            ("PC-0857", "client"),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    let by_name: Vec<&Value> = report["machines"].as_array().unwrap().iter().collect();
    assert!(by_name[0]["identified_by"]
        .as_str()
        .unwrap()
        .starts_with("ipconfig /all's Host Name in "));
    assert!(by_name[1]["identified_by"]
        .as_str()
        .unwrap()
        .starts_with("the Computer of the event records in "));

    // Each client has its own policy: one is pointed at the right server, one at a short name,
    // one at another server.
    let policy = |m: &str| findings_on(&report, m, "client.policy");
    assert_eq!(policy("PC-0412")[0]["status"], "pass");
    assert_eq!(
        policy("PC-0412")[0]["title"],
        "The client is pointed at http://wsus01.contoso.com:8530"
    );
    let short = policy("PC-0733");
    let short = short
        .iter()
        .find(|f| f["symptom"] == "policy.short-name")
        .expect("PC-0733's short name");
    assert_eq!(short["status"], "fail");
    assert_eq!(
        short["title"],
        "WUServer 'http://wsus01/': short name instead of the FQDN"
    );
    assert_eq!(
        short["evidence"][0]["location"]["path"]
            .as_str()
            .unwrap()
            .replace('\\', "/")
            .rsplit("examples/")
            .next()
            .unwrap(),
        "misconfigured-client/client/wu-policy.reg"
    );
    assert!(short["remedy"]["commands"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["line"].as_str().unwrap().contains("WUServer")));
    assert_eq!(
        policy("PC-0857")[0]["title"],
        "The client is pointed at https://wsus02.contoso.com:8531"
    );
    // Each client's log errors are its own.
    let errors = |m: &str| -> BTreeSet<String> {
        findings_on(&report, m, "client.wu-log")
            .iter()
            .filter(|f| f["status"] == "fail")
            .map(|f| f["title"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(errors("PC-0412").is_empty());
    assert!(errors("PC-0733").contains("0x80072EE2 (ERROR_WINHTTP_TIMEOUT) reaching http://wsus01"));
    assert!(errors("PC-0857").iter().all(|t| t.contains("wsus02")));
    // Only the client whose address is in the server's logs is said to reach it.
    let reaches = findings_on(&report, "PC-0412", "client.reaches-server");
    assert_eq!(
        reaches[0]["title"],
        "Client 10.0.5.21 reaches the WSUS server"
    );
    for other in ["PC-0733", "PC-0857"] {
        assert!(findings_on(&report, other, "client.reaches-server")
            .iter()
            .all(|f| !f["title"]
                .as_str()
                .unwrap()
                .contains("reaches the WSUS server")));
    }
    // The causes name the client that shows them.
    let wrong = report["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "client-wrong-server")
        .expect("the short name's cause");
    assert_eq!(wrong["affected"], serde_json::json!(["PC-0733"]));
    assert_eq!(wrong["machine"], "PC-0733");
    // Every finding of a check that is about one side names its machine.
    for f in report["findings"].as_array().unwrap() {
        let check = f["check"].as_str().unwrap();
        if check.starts_with("client.") || check.starts_with("server.") {
            assert!(f["machine"].is_string(), "{f}");
        }
    }
}

#[test]
fn the_same_machine_given_twice_is_one_machine() {
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(example("healthy/client"))
            .arg(example("healthy/client/ipconfig.txt")),
    );
    assert_eq!(
        machines(&report),
        [("PC-0412".to_string(), "client".to_string())]
    );
}

#[test]
fn a_generated_fleet_is_grouped_by_cause_with_the_clients_that_show_it() {
    let dir = tempfile::tempdir().unwrap();
    let (out, groups) = make_fleet(dir.path(), 40);
    let members = |group: &str| -> BTreeSet<String> {
        let line = groups
            .lines()
            .find(|l| l.trim_start().starts_with(group))
            .unwrap_or_else(|| panic!("{group} in {groups}"));
        let names = line.rsplit(": ").next().unwrap();
        assert!(
            !names.contains("..."),
            "a small group lists all its members: {line}"
        );
        names.split(", ").map(str::to_string).collect()
    };
    let report = json_of(
        wsus_doctor()
            .args(["diagnose", "--format", "json"])
            .arg(&out),
    );
    let list = machines(&report);
    assert_eq!(list.iter().filter(|(_, r)| r == "client").count(), 40);
    assert_eq!(
        list.iter()
            .filter(|(_, r)| r == "server")
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>(),
        ["WSUS01"]
    );
    // The clients a cause names, found by its id and a part of its title.
    let cause = |id: &str, titled: &str| -> BTreeSet<String> {
        report["diagnosis"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id && c["title"].as_str().unwrap().contains(titled))
            .unwrap_or_else(|| panic!("cause {id} '{titled}' in {:#}", report["diagnosis"]))
            ["affected"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m.as_str().unwrap().to_string())
            .collect()
    };
    // One rule, two groups with their own proof: the short name shows in each client's policy;
    // the missing port in the server's IIS log, where their requests reached port 80.
    assert_eq!(
        cause(
            "client-wrong-server",
            "(WUServer 'http://wsus01:8530': short name instead of the FQDN)"
        ),
        members("short-name")
    );
    assert_eq!(
        cause(
            "client-wrong-server",
            "(Clients asked port 80 for WSUS, but the WSUS site listens on 8530, 8531)"
        ),
        members("wrong-port")
    );
    let port_80 = report["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["title"].as_str().unwrap().contains("port 80"))
        .unwrap();
    assert_eq!(
        port_80["chain"][1],
        "client.policy: WUServer 'http://wsus01.corp.example': no port — WUServer URL has no port, so the client uses 80; WSUS on Windows Server 2012 and later listens on 8530 (HTTP) and 8531 (HTTPS) unless it was installed on the Default Web Site."
    );
    assert_eq!(
        port_80["first_fix"]["commands"][0]["line"],
        r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d http://wsus01.corp.example:8530 /f"#
    );
    assert_eq!(cause("proxy-in-the-way", ""), members("proxy-no-bypass"));
    // The server's IIS view of the clients given: who asked WSUS, who only its management point.
    let view = findings_on(&report, "WSUS01", "server.iis-log")
        .into_iter()
        .find(|f| {
            f["title"]
                .as_str()
                .unwrap()
                .contains("clients given asked WSUS")
        })
        .unwrap();
    assert_eq!(view["status"], "info");
    let asked = 40 - members("timeout").len() - members("proxy-no-bypass").len();
    assert_eq!(
        view["title"],
        format!("{asked} of the 40 clients given asked WSUS in these IIS logs")
    );
    let only_other: BTreeSet<String> = view["data"]["other-applications-only"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap().to_string())
        .collect();
    let never_through: BTreeSet<String> = members("timeout")
        .union(&members("proxy-no-bypass"))
        .cloned()
        .collect();
    assert_eq!(only_other, never_through);
    assert!(
        view["summary"]
            .as_str()
            .unwrap()
            .contains("asked only other applications of the server, never WSUS"),
        "{view:#}"
    );
    // The time-out clients reach the server's management point on port 80, never WSUS: the
    // network between them and port 8530, with the port test against their own URL's host.
    assert_eq!(cause("network-block", ""), members("timeout"));
    let block = report["diagnosis"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "network-block")
        .unwrap();
    assert!(
        block["chain"][0]
            .as_str()
            .unwrap()
            .contains("never asked WSUS, though the server logged its other requests"),
        "{block:#}"
    );
    assert_eq!(
        block["first_fix"]["commands"][0]["line"],
        "Test-NetConnection wsus01.corp.example -Port 8530"
    );
    // No healthy client is named by a cause: every client a cause names is in a group with a
    // problem.
    let troubled: BTreeSet<String> = ["short-name", "wrong-port", "timeout", "proxy-no-bypass"]
        .iter()
        .flat_map(|g| members(g))
        .collect();
    for c in report["diagnosis"].as_array().unwrap() {
        for m in c["affected"].as_array().into_iter().flatten() {
            assert!(troubled.contains(m.as_str().unwrap()), "{m} in {}", c["id"]);
        }
    }
    let text = String::from_utf8(wsus_doctor().arg(&out).output().unwrap().stdout).unwrap();
    assert!(
        text.contains("Machines: 1 WSUS server (WSUS01), 40 clients (PC-0001,"),
        "{text}"
    );
    for group in ["short-name", "wrong-port"] {
        assert!(
            text.contains(&format!(
                "{} clients show it: {}",
                members(group).len(),
                members(group).into_iter().collect::<Vec<_>>().join(", ")
            )),
            "{text}"
        );
    }
}

/// Copies an example folder, replacing text in every file (UTF-16 registry exports included).
fn copy_replacing(from: &std::path::Path, to: &std::path::Path, swaps: &[(&str, &str)]) {
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_replacing(&path, &target, swaps);
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]);
        let mut text = if utf16 {
            let units: Vec<u16> = bytes[2..]
                .chunks_exact(2)
                .map(|c| u16::from_le_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).unwrap()
        } else {
            String::from_utf8(bytes).unwrap()
        };
        for (a, b) in swaps {
            text = text.replace(a, b);
        }
        let out = if utf16 {
            let mut out = vec![0xFF, 0xFE];
            out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            out
        } else {
            text.into_bytes()
        };
        std::fs::write(&target, out).unwrap();
    }
}

/// An upstream and a downstream WSUS server given together are two servers, each checked on its
/// own evidence; each client is diagnosed beside the server its policy names, so the downstream
/// server's WsusPool problem is its cause and its client's, and never the other pair's.
#[test]
fn two_wsus_servers_are_checked_apart_and_each_client_beside_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("wsus01")).unwrap();
    copy_replacing(&example("healthy/server"), &d.join("wsus01"), &[]);
    std::fs::create_dir_all(d.join("wsus02")).unwrap();
    copy_replacing(
        &example("wsuspool-503/server"),
        &d.join("wsus02"),
        &[("WSUS01", "WSUS02")],
    );
    std::fs::create_dir_all(d.join("clients/PC-A")).unwrap();
    copy_replacing(
        &example("healthy/client"),
        &d.join("clients/PC-A"),
        &[("PC-0412", "PC-A")],
    );
    std::fs::create_dir_all(d.join("clients/PC-B")).unwrap();
    copy_replacing(
        &example("wsuspool-503/client"),
        &d.join("clients/PC-B"),
        &[
            ("PC-0412", "PC-B"),
            ("wsus01", "wsus02"),
            ("WSUS01", "WSUS02"),
        ],
    );
    let report = json_of(wsus_doctor().args(["diagnose", "--format", "json"]).arg(d));

    let mut list = machines(&report);
    list.sort();
    assert_eq!(
        list,
        [
            ("PC-A".to_string(), "client".to_string()),
            ("PC-B".to_string(), "client".to_string()),
            ("WSUS01.contoso.com".to_string(), "server".to_string()),
            ("WSUS02.contoso.com".to_string(), "server".to_string()),
        ]
    );
    // Each server's checks read its own evidence: the memory limit is WSUS02's alone.
    let limit = |machine: &str| {
        findings_on(&report, machine, "server.app-pool")
            .into_iter()
            .filter(|f| f["symptom"] == "app-pool.private-memory")
            .map(|f| (f["status"].as_str().unwrap(), f["title"].as_str().unwrap()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        limit("WSUS02.contoso.com"),
        [(
            "fail",
            "Pool 'WsusPool' private memory limit is 1,843,200 KB"
        )]
    );
    assert!(
        limit("WSUS01.contoso.com").is_empty(),
        "{:?}",
        limit("WSUS01.contoso.com")
    );
    let bursts = |machine: &str| {
        findings_on(&report, machine, "server.iis-log")
            .into_iter()
            .filter(|f| f["symptom"] == "iis.503-burst")
            .count()
    };
    assert_eq!(
        (bursts("WSUS01.contoso.com"), bursts("WSUS02.contoso.com")),
        (0, 1)
    );
    assert!(
        findings_on(&report, "WSUS01.contoso.com", "server.iis-log")
            .iter()
            .all(|f| f["status"] != "fail"),
        "{:#?}",
        findings_on(&report, "WSUS01.contoso.com", "server.iis-log")
    );

    // One cause: WSUS02's pool, shown by the client that points at it.
    let causes = report["diagnosis"].as_array().unwrap();
    assert_eq!(causes.len(), 1, "{causes:#?}");
    assert_eq!(causes[0]["id"], "wsuspool-memory");
    assert_eq!(causes[0]["affected"], serde_json::json!(["PC-B"]));
    assert!(
        causes[0]["chain"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s.as_str().unwrap().starts_with("client.wu-log:")),
        "{causes:#?}"
    );
    // PC-A, beside the healthy WSUS01, reaches it.
    let reach = findings_on(&report, "PC-A", "client.reaches-server");
    assert_eq!(reach[0]["status"], "pass", "{reach:#?}");

    // Every server event on the timeline names the server whose evidence shows it.
    let mut seen = BTreeSet::new();
    for e in report["timeline"].as_array().unwrap() {
        if e["side"] == "server" {
            let path = e["location"]["path"].as_str().unwrap().replace('\\', "/");
            let expected = if path.contains("/wsus01/") {
                "WSUS01.contoso.com"
            } else {
                "WSUS02.contoso.com"
            };
            assert_eq!(e["machine"], expected, "{e:#}");
            seen.insert(expected);
        }
    }
    assert_eq!(seen.len(), 2);
}
