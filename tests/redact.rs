//! `--redact`: no identifier of the evidence is left in any format, the diagnosis is the same,
//! a client keeps one pseudonym everywhere, and the pseudonym map undoes the redaction.

use crate::util::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

const EXAMPLES: &[&str] = &[
    "client-and-server",
    "healthy",
    "ja-client",
    "misconfigured-client",
    "site-stopped",
    "ssl-misconfigured",
    "wsuspool-503",
];

fn output(example_name: &str, args: &[&str]) -> String {
    output_of(&example(example_name), args)
}

fn output_of(evidence: &Path, args: &[&str]) -> String {
    let out = wsus_doctor()
        .arg("diagnose")
        .args(args)
        .arg(evidence)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c < 2),
        "{} {args:?}: {}",
        evidence.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn report(example_name: &str, redact: bool) -> Value {
    let mut args = vec!["--format", "json"];
    if redact {
        args.push("--redact");
    }
    serde_json::from_str(&output(example_name, &args)).unwrap()
}

/// Every identifier an unredacted report holds: IPv4 addresses (not masks or loopback), DNS
/// names outside Microsoft's, URL hosts, the timeline's hosts and the machines' names.
fn identifiers(unredacted: &str) -> BTreeSet<String> {
    let ip = regex::Regex::new(r"\b(?:[0-9]{1,3}\.){3}[0-9]{1,3}\b").unwrap();
    let fqdn = regex::Regex::new(
        r"(?i)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|local|lan|corp|example|internal)\b",
    )
    .unwrap();
    let url = regex::Regex::new(r#"://([^/:"\s\\<>()]+)"#).unwrap();
    let named = regex::Regex::new(r#""(?:host|machine)": "([^"]+)""#).unwrap();
    let mut ids = BTreeSet::new();
    ids.extend(ip.find_iter(unredacted).map(|m| m.as_str().to_string()));
    ids.extend(fqdn.find_iter(unredacted).map(|m| m.as_str().to_string()));
    ids.extend(url.captures_iter(unredacted).map(|c| c[1].to_string()));
    ids.extend(named.captures_iter(unredacted).map(|c| c[1].to_string()));
    let report: Value = serde_json::from_str(unredacted).unwrap();
    let machines = report["machines"].as_array().cloned().unwrap_or_default();
    ids.extend(
        machines
            .iter()
            .filter_map(|m| m["name"].as_str().map(String::from)),
    );
    ids.retain(|i| {
        let l = i.to_ascii_lowercase();
        let kept = l.contains("microsoft")
            || l.contains("windowsupdate")
            || l == "asp.net"
            || i.starts_with("255.")
            || i.starts_with("127.");
        !kept
    });
    ids
}

/// Whether `id` occurs in `text` as a whole token (not as part of a longer name).
fn occurs(text: &str, id: &str) -> bool {
    // Compiling a pattern per string would make walking a fleet's report take minutes.
    if !text.to_ascii_lowercase().contains(&id.to_ascii_lowercase()) {
        return false;
    }
    let re = regex::Regex::new(&format!(
        r"(?i)(?:^|[^\w-]){}(?:$|[^\w-])",
        regex::escape(id)
    ))
    .unwrap();
    re.is_match(text)
}

#[test]
fn no_identifier_of_any_example_is_left_in_any_format() {
    for name in EXAMPLES {
        let unredacted = output(name, &["--format", "json"]);
        let ids = identifiers(&unredacted);
        assert!(!ids.is_empty(), "{name}: the example names no host at all");
        for format in [
            vec!["--format", "json"],
            vec!["--format", "html"],
            vec!["--format", "text", "--verbose"],
            vec!["--format", "text"],
        ] {
            let mut args = format.clone();
            args.push("--redact");
            let redacted = output(name, &args);
            let left: Vec<&String> = ids.iter().filter(|i| occurs(&redacted, i)).collect();
            assert!(left.is_empty(), "{name} {format:?} still shows {left:?}");
        }
    }
}

/// The causes with their confidence, the findings' statuses and the summary agree.
fn assert_same_diagnosis(plain: &Value, redacted: &Value, name: &str) {
    let causes = |r: &Value| -> Vec<(Value, Value)> {
        r["diagnosis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| (c["id"].clone(), c["confidence"].clone()))
            .collect()
    };
    let statuses = |r: &Value| -> Vec<(Value, Value)> {
        r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["check"].clone(), f["status"].clone()))
            .collect()
    };
    assert_eq!(causes(plain), causes(redacted), "{name}");
    assert_eq!(statuses(plain), statuses(redacted), "{name}");
    assert_eq!(plain["summary"], redacted["summary"], "{name}");
}

#[test]
fn the_diagnosis_and_every_status_are_the_same_with_and_without_redact() {
    for name in EXAMPLES {
        assert_same_diagnosis(&report(name, false), &report(name, true), name);
    }
}

#[test]
fn a_client_and_the_server_keep_one_pseudonym_across_findings_timeline_and_charts() {
    let plain = report("wsuspool-503", false);
    let redacted = report("wsuspool-503", true);
    // The same event has the same host before and after: one original, one pseudonym.
    let hosts = |r: &Value| -> Vec<String> {
        r["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["host"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let pairs: BTreeSet<(String, String)> =
        hosts(&plain).into_iter().zip(hosts(&redacted)).collect();
    let originals: BTreeSet<&String> = pairs.iter().map(|(o, _)| o).collect();
    assert_eq!(
        pairs.len(),
        originals.len(),
        "one pseudonym each: {pairs:?}"
    );
    assert!(
        pairs.contains(&("PC-0412".into(), "client-1".into())),
        "{pairs:?}"
    );
    assert!(
        pairs.contains(&("WSUS01.contoso.com".into(), "server-1.domain-1".into())),
        "{pairs:?}"
    );
    // Wherever the plain report names the client (by name or by its address from ipconfig) or
    // the server, in findings, their data, the timeline and the charts, the redacted report names
    // the same pseudonym.
    let (_, map) = redact_map("wsuspool-503");
    let pseudonym = |original: &str| -> String {
        map.iter()
            .find(|(_, o)| o.eq_ignore_ascii_case(original))
            .map(|(p, _)| p.clone())
            .unwrap_or_else(|| panic!("{original} is not in the map {map:?}"))
    };
    let client_ip = pseudonym("10.0.5.21");
    assert!(client_ip.starts_with("ip-"));
    let mut seen = 0;
    for (original, expected) in [
        ("PC-0412", "client-1".to_string()),
        ("10.0.5.21", client_ip),
        ("wsus01", "server-1".to_string()),
    ] {
        assert_eq!(pseudonym(original), expected);
        seen += same_places(&plain, &redacted, original, &expected);
    }
    assert!(seen >= 10, "only {seen} places");
}

/// Walks both reports together; every string of the plain one that names `original` is matched
/// by one naming `pseudonym` (and no longer `original`). Returns how many there were.
fn same_places(plain: &Value, redacted: &Value, original: &str, pseudonym: &str) -> usize {
    match (plain, redacted) {
        (Value::String(p), Value::String(r)) if occurs(p, original) => {
            assert!(
                occurs(r, pseudonym) && !occurs(r, original),
                "{p:?} became {r:?}, not naming {pseudonym}"
            );
            1
        }
        (Value::Array(p), Value::Array(r)) => {
            assert_eq!(p.len(), r.len());
            p.iter()
                .zip(r)
                .map(|(p, r)| same_places(p, r, original, pseudonym))
                .sum()
        }
        (Value::Object(p), Value::Object(r)) => {
            assert_eq!(p.len(), r.len());
            // Keys may be identifiers too (a client address in a finding's data): paired in
            // order, which redaction keeps apart from the renamed keys' own order.
            let mut n = 0;
            for (k, v) in p {
                let key = if occurs(k, original) {
                    n += 1;
                    let renamed = k.replace(original, pseudonym);
                    assert!(r.contains_key(&renamed), "key {k} is not {renamed}");
                    renamed
                } else {
                    k.clone()
                };
                if let Some(rv) = r.get(&key) {
                    n += same_places(v, rv, original, pseudonym);
                }
            }
            n
        }
        _ => 0,
    }
}

/// The redacted JSON report of an example and its pseudonym map (pseudonym, original).
fn redact_map(name: &str) -> (String, Vec<(String, String)>) {
    redact_map_of(&example(name))
}

fn redact_map_of(evidence: &Path) -> (String, Vec<(String, String)>) {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("map.json");
    let out = wsus_doctor()
        .args(["diagnose", "--format", "json", "--redact", "--redact-map"])
        .arg(&map)
        .arg(evidence)
        .output()
        .unwrap();
    assert!(out.status.code().is_some_and(|c| c < 2));
    let v: Value = serde_json::from_slice(&std::fs::read(&map).unwrap()).unwrap();
    assert_eq!(v["schema"], "wsus-doctor/redact-map/v1");
    let pairs = v["pseudonyms"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string()))
        .collect();
    (String::from_utf8(out.stdout).unwrap(), pairs)
}

#[test]
fn the_redact_map_puts_every_identifier_back() {
    for name in EXAMPLES {
        let (mut text, mut pairs) = redact_map(name);
        // `client-12` before `client-1`.
        pairs.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        for (pseudonym, original) in pairs {
            let re = regex::Regex::new(&format!(
                r"(^|[^\w-]){}($|[^\w-])",
                regex::escape(&pseudonym)
            ))
            .unwrap();
            // Twice: adjacent pseudonyms share the character between them.
            for _ in 0..2 {
                text = re
                    .replace_all(&text, |c: &regex::Captures| {
                        format!("{}{original}{}", &c[1], &c[2])
                    })
                    .into_owned();
            }
        }
        let unredacted = output(name, &["--format", "json"]);
        for id in identifiers(&unredacted) {
            assert!(occurs(&text, &id), "{name}: {id} is not put back");
        }
    }
}

#[test]
fn a_redact_map_without_redact_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = wsus_doctor()
        .args(["diagnose", "--redact-map"])
        .arg(dir.path().join("map.json"))
        .arg(example("healthy"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--redact"));
    assert!(!dir.path().join("map.json").exists());
}

#[test]
fn the_redact_map_is_never_written_among_the_evidence() {
    let out = wsus_doctor()
        .args(["diagnose", "--redact", "--redact-map"])
        .arg(example("healthy").join("client/map.json"))
        .arg(example("healthy"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!example("healthy").join("client/map.json").exists());
}

#[test]
fn inventory_and_logs_are_redacted_too() {
    let out = wsus_doctor()
        .args(["logs", "iis", "--redact"])
        .arg(example("wsuspool-503"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ip-1"), "{text}");
    assert!(
        !occurs(&text, "10.0.5.61") && !occurs(&text, "10.0.0.10"),
        "{text}"
    );
    let json = json_of(
        wsus_doctor()
            .args(["logs", "iis", "--format", "json", "--redact"])
            .arg(example("wsuspool-503")),
    );
    let s = json.to_string();
    assert!(!occurs(&s, "10.0.5.61") && s.contains("ip-"), "{s}");
    let out = wsus_doctor()
        .args(["inventory", "--redact"])
        .arg(example("client-and-server"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn ipv6_clients_and_accounts_in_a_log_are_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = String::from(
        "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-12-01 10:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n",
    );
    for minute in 0..30 {
        log.push_str(&format!(
            "2026-12-01 10:{minute:02}:00 fd00:10::a POST /ClientWebService/client.asmx - 8530 CORP\\svc-wsus fd00:20::4711 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 15\r\n"
        ));
    }
    write(dir.path(), "u_ex261201.log", &log);
    for format in ["text", "json"] {
        let out = wsus_doctor()
            .args(["logs", "iis", "--format", format, "--redact"])
            .arg(dir.path())
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.is_empty());
        for id in ["fd00:20::4711", "fd00:10::a", "svc-wsus", "CORP"] {
            assert!(!occurs(&text, id), "{format}: {id} left in:\n{text}");
        }
        assert!(text.contains("ip-"), "{format}:\n{text}");
        // The 503 status and the endpoint stay.
        assert!(text.contains("503") && text.contains("ClientWebService"));
    }
}

#[test]
fn only_servers_the_evidence_shows_are_servers() {
    // The policy's WSUS and the update point ConfigMgr assigned are servers; the proxy is not.
    let (_, map) = redact_map("misconfigured-client");
    let servers: Vec<(&str, &str)> = map
        .iter()
        .filter(|(p, _)| p.starts_with("server-"))
        .map(|(p, o)| (p.as_str(), o.as_str()))
        .collect();
    assert_eq!(servers, [("server-1", "wsus01"), ("server-2", "CM01")]);
    assert!(
        map.contains(&("client-1".into(), "PC-0733".into())),
        "{map:?}"
    );
    assert!(
        map.iter()
            .any(|(p, o)| p.starts_with("host-") && o.starts_with("proxy")),
        "{map:?}"
    );
}

#[test]
fn a_fleet_is_redacted_in_every_format_with_one_pseudonym_per_client() {
    let dir = tempfile::tempdir().unwrap();
    let (evidence, _) = make_fleet(dir.path(), 20);
    let unredacted = output_of(&evidence, &["--format", "json"]);
    let plain: Value = serde_json::from_str(&unredacted).unwrap();
    let ids = identifiers(&unredacted);
    let clients: Vec<String> = plain["machines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "client")
        .map(|m| m["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(clients.len(), 20, "{}", plain["machines"]);
    for c in &clients {
        assert!(ids.contains(c), "{c} not among {ids:?}");
    }
    for format in [
        vec!["--format", "json"],
        vec!["--format", "ndjson"],
        vec!["--format", "html"],
        vec!["--format", "text", "--verbose"],
        vec!["--format", "text"],
    ] {
        let mut args = format.clone();
        args.push("--redact");
        let redacted = output_of(&evidence, &args);
        assert!(!redacted.is_empty(), "{format:?}");
        let left: Vec<&String> = ids.iter().filter(|i| occurs(&redacted, i)).collect();
        assert!(left.is_empty(), "{format:?} still shows {left:?}");
    }

    let (text, map) = redact_map_of(&evidence);
    let redacted: Value = serde_json::from_str(&text).unwrap();
    assert_same_diagnosis(&plain, &redacted, "fleet");
    assert!(redacted["diagnosis"].as_array().unwrap().len() >= 2);
    let pseudonym = |original: &str| -> String {
        let named: Vec<&String> = map
            .iter()
            .filter(|(_, o)| o.eq_ignore_ascii_case(original))
            .map(|(p, _)| p)
            .collect();
        assert_eq!(named.len(), 1, "{original}: {named:?}");
        named[0].clone()
    };
    assert_eq!(pseudonym("WSUS01"), "server-1");
    // The machines list, in its order, is the clients' pseudonyms.
    let listed: Vec<&str> = redacted["machines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "client")
        .map(|m| m["name"].as_str().unwrap())
        .collect();
    let expected: Vec<String> = clients.iter().map(|c| pseudonym(c)).collect();
    assert_eq!(listed, expected);
    assert!(expected.iter().all(|p| p.starts_with("client-")));
    // A cause several clients show names them all by their pseudonyms.
    let grouped = |r: &Value| -> Vec<Vec<String>> {
        r["diagnosis"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                c["affected"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|m| m.as_str().unwrap().to_string())
                    .collect()
            })
            .collect()
    };
    let plain_groups = grouped(&plain);
    assert!(
        plain_groups.iter().any(|g| g.len() >= 2),
        "{plain_groups:?}"
    );
    let renamed: Vec<Vec<String>> = plain_groups
        .iter()
        .map(|g| g.iter().map(|c| pseudonym(c)).collect())
        .collect();
    assert_eq!(grouped(&redacted), renamed);
    // Every finding, timeline event and chart that names a client, by name or by its address,
    // names its pseudonym in the same place.
    let mut in_timeline = 0;
    for (i, client) in clients.iter().enumerate() {
        let n = same_places(&plain, &redacted, client, &expected[i]);
        assert!(n >= 2, "{client} is named in {n} places only");
        let address = format!("10.21.0.{}", client[3..].parse::<u32>().unwrap());
        if occurs(&unredacted, &address) {
            same_places(&plain, &redacted, &address, &pseudonym(&address));
        }
        in_timeline += plain["timeline"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["machine"] == client.as_str() || e["host"] == client.as_str())
            .count();
    }
    assert!(in_timeline > 0, "no client in the timeline");
    same_places(&plain, &redacted, "WSUS01", "server-1");
}

#[test]
fn messages_on_standard_error_name_files_and_machines_by_their_pseudonyms() {
    // Nothing readable: the error lists every file, under folders and archives named after
    // machines.
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("evidence");
    write(&evidence, "PC-0042/notes.txt", "nothing to see\n");
    write(&evidence, "PC-0043.zip", "not a zip\n");
    std::fs::create_dir_all(evidence.join("PC-0044")).unwrap();
    let run = |redact: bool| -> (Option<i32>, String) {
        let mut cmd = wsus_doctor();
        cmd.arg("diagnose");
        if redact {
            cmd.arg("--redact");
        }
        let out = cmd
            .arg(&evidence)
            .arg(evidence.join("PC-0044"))
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    let (code, plain) = run(false);
    assert_eq!(code, Some(2));
    for name in ["PC-0042/notes.txt", "PC-0043.zip", "PC-0044"] {
        assert!(plain.contains(name), "{name} in {plain}");
    }
    let (code, redacted) = run(true);
    assert_eq!(code, Some(2));
    assert!(redacted.contains("no evidence recognised"), "{redacted}");
    for name in ["PC-0042", "PC-0043", "PC-0044"] {
        assert!(!occurs(&redacted, name), "{name} in {redacted}");
    }
    // Each machine has its own pseudonym, the same in every message that names it.
    let pseudonyms: BTreeSet<String> = [
        r"host-[0-9]+/notes\.txt",
        r"host-[0-9]+\.zip",
        r"host-[0-9]+: the folder holds no files",
        r"host-[0-9]+; what was seen",
    ]
    .iter()
    .map(|p| {
        let found = regex::Regex::new(p).unwrap().find(&redacted);
        let found = found
            .unwrap_or_else(|| panic!("{p} in {redacted}"))
            .as_str();
        found
            .split(['/', '.', ':', ';'])
            .next()
            .unwrap()
            .to_string()
    })
    .collect();
    assert_eq!(pseudonyms.len(), 3, "{pseudonyms:?}");

    // With a report: what a message names goes by the report's pseudonym.
    let map = dir.path().join("map.json");
    let out = wsus_doctor()
        .args(["diagnose", "--format", "json", "--redact", "--redact-map"])
        .arg(&map)
        .arg("--output")
        .arg(dir.path().join("PC-0412.json"))
        .arg(example("wsuspool-503"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("client-1.json"), "{stderr}");
    assert!(!occurs(&stderr, "PC-0412"), "{stderr}");
    let report = std::fs::read_to_string(dir.path().join("PC-0412.json")).unwrap();
    let v: Value = serde_json::from_slice(&std::fs::read(&map).unwrap()).unwrap();
    assert_eq!(v["pseudonyms"]["client-1"], "PC-0412");
    assert!(occurs(&report, "client-1") && !occurs(&report, "PC-0412"));

    // `logs` tells the inputs it could not read after its output, by the same pseudonyms.
    let out = wsus_doctor()
        .args(["logs", "iis", "--redact", "--redact-map"])
        .arg(&map)
        .arg(example("wsuspool-503"))
        .arg(evidence.join("PC-0044"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!occurs(&stderr, "PC-0044"), "{stderr}");
    let told = regex::Regex::new(r"(host-[0-9]+): the folder holds no files")
        .unwrap()
        .captures(&stderr)
        .unwrap_or_else(|| panic!("{stderr}"))[1]
        .to_string();
    let v: Value = serde_json::from_slice(&std::fs::read(&map).unwrap()).unwrap();
    assert_eq!(v["pseudonyms"][&told], "PC-0044");
}
