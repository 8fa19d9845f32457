//! The renderers over one shared, hand-built report that holds every status, every kind of
//! evidence location, a remedy with commands, a diagnosed cause, timeline events and chart data;
//! and the JSON contract (`schema/report-v1.schema.json`) checked against it.

use crate::util::root;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use wsus_doctor::diagnosis::{CauseId, Confidence};
use wsus_doctor::evidence::{InputProblem, Kind};
use wsus_doctor::finding::{CheckId, EvidenceItem, Finding, Remedy, Status, Symptom};

use wsus_doctor::facts::Role;
use wsus_doctor::report::MachineEntry;
use wsus_doctor::report::{
    html, json as json_report, text, Cause, Inventory, InventoryEntry, Malformed, Mode, Report,
    Side, Summary, TimelineEvent, ToolInfo,
};
use wsus_doctor::values::time::Stamp;
use wsus_doctor::values::{EvidenceRef, MachineName};

const IIS_LOG: &str = "bundle/server/W3SVC1/u_ex240305.log";
const APPHOST: &str = "bundle/server/applicationHost.config";
const SYSTEM_EVTX: &str = "bundle/server/System.evtx";
const WU_LOG: &str = "bundle/client/WindowsUpdate.log";
const HTTPERR: &str = "bundle/server/HTTPERR/httperr1.log";
const WSUS_URL: &str = "http://wsus01.contoso.test:8530";

fn utc(h: i8, m: i8, s: i8) -> Stamp {
    Stamp::utc(Stamp::civil_from_parts(2024, 3, 5, h, m, s, 0).expect("valid date"))
}

fn local(h: i8, m: i8, s: i8) -> Stamp {
    Stamp::local(Stamp::civil_from_parts(2024, 3, 5, h, m, s, 0).expect("valid date"))
}

fn entry(path: &str, kind: Option<Kind>, size: u64, records: u64) -> InventoryEntry {
    InventoryEntry {
        machine: None,
        identity: Default::default(),
        path: path.into(),
        kind,
        size,
        recognised_by: match kind {
            Some(k) => format!("content looks like {}", k.description()).into(),
            None => "no known format matched the first 64 KiB".into(),
        },
        encoding: kind.map(|_| "UTF-8".to_string()),
        encoding_reason: kind.map(|_| "valid UTF-8".into()),
        records,
        malformed: 0,
        malformed_examples: Vec::new(),
        first_time: None,
        last_time: None,
        notes: Vec::new(),
        error: None,
    }
}

/// Per-minute figures for 09:00-09:59 UTC with a burst of 503 answers from 09:14 to 09:21, in
/// the shape the pipeline writes (documented in `src/report/charts.rs`).
fn chart_data() -> Value {
    let mut minutes = Vec::new();
    let (mut total, mut s5xx, mut s503, mut s401, mut s403, mut s404) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for m in 0..60u64 {
        // Minute 37 has no request at all and is left out, as the contract allows.
        if m == 37 {
            continue;
        }
        minutes.push(format!("2024-03-05T09:{m:02}:00Z"));
        let burst = (14..=21).contains(&m);
        let base = 40 + (m * 7) % 23;
        let e503 = if burst { 90 + (m % 4) * 15 } else { 0 };
        total.push(base + e503);
        s503.push(e503);
        s5xx.push(e503 + u64::from(m == 30) * 2);
        s401.push(u64::from(m % 10 == 3) * 4);
        s403.push(u64::from(m == 45));
        s404.push(u64::from(m % 15 == 7));
    }
    json!({
        "iis_per_minute": {
            "step_minutes": 1, "minutes": minutes, "total": total, "status_5xx": s5xx, "status_503": s503,
            "status_401": s401, "status_403": s403, "status_404": s404
        },
        "bursts": [
            {"start": "2024-03-05T09:14:00Z", "end": "2024-03-05T09:21:00Z", "total": 900, "peak_per_minute": 135}
        ],
        "status_by_endpoint": {
            "ClientWebService": {"200": 1830, "503": 780, "500": 2},
            "SimpleAuthWebService": {"200": 420, "401": 24, "503": 120},
            "Content": {"200": 310, "206": 40, "404": 4},
            "ApiRemoting30": {"200": 12, "403": 1}
        }
    })
}

/// The shared report: a WsusPool that recycles on its memory limit, seen from both sides.
pub fn sample_report() -> Report {
    let app_pool_fix = Remedy::new(
        "Raise the WsusPool private memory limit (KB4025764: 4-8 GB or more; KB4490414: 0 for no limit) and the queue length, then recycle the pool.",
    )
    .powershell("Import-Module WebAdministration; Set-ItemProperty IIS:\\AppPools\\WsusPool -Name recycling.periodicRestart.privateMemory -Value 8388608")
    .comment("8 GB, in KB")
    .powershell("Set-ItemProperty IIS:\\AppPools\\WsusPool -Name queueLength -Value 2000")
    .cmd("%windir%\\system32\\inetsrv\\appcmd.exe recycle apppool /apppool.name:WsusPool");

    let findings = vec![
        Finding::new(CheckId::ServerVersion, Status::Pass, "WSUS 10.0.17763.3228 has the required updates")
            .summary("WSUS 10.0.17763.3228 on Windows Server 2019 (build 17763): later than every minimum the guide names.")
            .evidence(
                EvidenceItem::new(EvidenceRef::Registry {
                    key: "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup".into(),
                    value: Some("VersionString".into()),
                    path: Some("bundle/server/wsus-setup.reg".into()),
                    line: Some(12),
                })
                .excerpt("\"VersionString\"=\"10.0.17763.3228\""),
            )
            .reference("KB4025764")
            .data(json!({"version": "10.0.17763.3228", "os_build": 17763})),
        Finding::new(CheckId::ServerServices, Status::Warn, "W3SVC stopped unexpectedly 3 times")
            .summary("WsusService and W3SVC are running now, but the System log shows W3SVC terminating unexpectedly 3 times on 2024-03-05.")
            .evidence(
                EvidenceItem::new(EvidenceRef::Event { path: SYSTEM_EVTX.into(), record: 48213 })
                    .excerpt("Service Control Manager 7031: The World Wide Web Publishing Service service terminated unexpectedly.")
                    .note("first of 3 such events"),
            )
            .evidence(
                EvidenceItem::new(EvidenceRef::Live { source: "service control manager".into() })
                    .excerpt("W3SVC RUNNING, WsusService RUNNING"),
            )
            .explanation("Clients cannot scan while the web service is down; repeated crashes point to the application pool or to IIS itself.")
            .remedy(Remedy::new("Find why W3SVC stopped in the System and Application logs around the listed times."))
            .reference("KB4025764")
            .reference("SCM-EVENTS"),
        Finding::new(CheckId::ServerWebsite, Status::Pass, "The WSUS Administration site is started on port 8530")
            .summary("Site id 1500 \"WSUS Administration\" is started with bindings http *:8530 and https *:8531, matching PortNumber and UsingSSL.")
            .evidence(EvidenceItem::new(EvidenceRef::line(APPHOST, 142)).excerpt("<site name=\"WSUS Administration\" id=\"1500\" serverAutoStart=\"true\">")),
        Finding::new(CheckId::ServerAppPool, Status::Fail, "WsusPool private memory limit is the setup default of 1,843,200 KB")
            .symptom(Symptom::AppPoolPrivateMemory)
            .summary("WsusPool recycles when it uses more than 1.8 GB of private memory; KB4025764 recommends 4-8 GB or more.")
            .evidence(
                EvidenceItem::new(EvidenceRef::line(APPHOST, 88))
                    .excerpt("<periodicRestart privateMemory=\"1843200\" time=\"00:00:00\" />")
                    .note("inherited by WsusPool; no override in its <add> element"),
            )
            .explanation("When the pool reaches its limit, IIS recycles it and HTTP.sys answers 503 until the new worker process is ready; clients then report 0x8024401F.")
            .remedy(app_pool_fix.clone())
            .reference("KB4025764")
            .reference("KB4490414")
            .reference("IIS-APPPOOL")
            .data(json!({"private_memory_kb": 1843200, "queue_length": 1000})),
        Finding::new(CheckId::ServerIisLog, Status::Fail, "Bursts of 503 answers to Windows Update clients")
            .summary("900 requests were answered 503 between 09:14 and 09:21 UTC (peak 135 per minute), 78 % of them to ClientWebService.")
            .evidence(
                EvidenceItem::new(EvidenceRef::line(IIS_LOG, 1234))
                    .excerpt("2024-03-05 09:14:02 10.0.0.5 POST /ClientWebService/client.asmx - 8530 - 10.0.0.23 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 2 0 15"),
            )
            .explanation("503 with substatus 2 means the application pool's request queue was full or the pool was stopping (KB943891).")
            .remedy(Remedy::new("Raise the WsusPool limits (see server.app-pool)."))
            .reference("KB943891"),
        Finding::new(CheckId::ServerHttperr, Status::Info, "HTTP.sys logged 212 AppOffline entries for WsusPool")
            .summary("AppOffline entries mean HTTP.sys answered 503 itself while the pool was down.")
            .evidence(EvidenceItem::new(EvidenceRef::line(HTTPERR, 17)).excerpt("2024-03-05 09:14:05 10.0.0.23 50123 10.0.0.5 8530 HTTP/1.1 POST /ClientWebService/client.asmx 503 - AppOffline WsusPool"))
            .reference("HTTPAPI-ERRORS"),
        Finding::skipped(CheckId::ServerTls, "WSUS SSL configuration", "no certificate or SChannel registry settings among the evidence"),
        Finding::new(CheckId::ClientPolicy, Status::Pass, "The client is pointed at the WSUS server")
            .summary("WUServer and WUStatusServer are http://wsus01.contoso.test:8530 and UseWUServer is 1.")
            .evidence(
                EvidenceItem::new(EvidenceRef::Registry {
                    key: "HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate".into(),
                    value: Some("WUServer".into()),
                    path: None,
                    line: None,
                })
                .excerpt(WSUS_URL),
            ),
        Finding::new(CheckId::ClientWuLog, Status::Fail, "Scans fail with 0x8024401F (WU_E_PT_HTTP_STATUS_SERVER_ERROR)")
            .summary("4 scans failed with 0x8024401F between 10:14 and 10:21 local time: the server answered HTTP 500-class errors.")
            .evidence(EvidenceItem::new(EvidenceRef::line(WU_LOG, 311)).excerpt("2024/03/05 10:14:03.1234567 1188  2044  WebServices     WS error: <Fault><faultcode>s:Server</faultcode></Fault> & HTTP 503"))
            .explanation("The client reaches the server, which fails to answer; the fault is on the server side.")
            .remedy(app_pool_fix.clone())
            .reference("WU-ERRORS")
            .reference("KB4025764"),
        Finding::skipped(CheckId::ClientConfigmgr, "WSUS location from Configuration Manager", "no Configuration Manager logs among the evidence"),
        Finding::new(CheckId::ProbeHttp, Status::Warn, "The client web service answered 503 to the probe")
            .summary("GET /ClientWebService/client.asmx answered 503 Service Unavailable after 12 ms.")
            .evidence(
                EvidenceItem::new(EvidenceRef::Probe { target: WSUS_URL.into(), step: "http".into() })
                    .excerpt("HTTP/1.1 503 Service Unavailable\r\nServer: Microsoft-HTTPAPI/2.0"),
            )
            .explanation("Microsoft-HTTPAPI/2.0 as the Server header means HTTP.sys answered, not IIS: the application pool is not running.")
            .remedy(Remedy::new("Start WsusPool and find why it stopped.").powershell("Start-WebAppPool -Name WsusPool"))
            .reference("KB4025764"),
    ];

    let diagnosis = vec![Cause {
        id: CauseId::WsuspoolMemory,
        title: "WsusPool recycles on its private memory limit and clients get 503".into(),
        confidence: Confidence::High,
            machine: Some(MachineName::new("WSUS01")),
            affected: vec![MachineName::new("PC-0412")],
        chain: vec![
            "server.app-pool: the private memory limit is the setup default of 1,843,200 KB".into(),
            "server.iis-log: 900 requests answered 503 between 09:14 and 09:21 UTC".into(),
            "client.wu-log: scans failed with 0x8024401F in the same minutes (zone assumed)".into(),
        ],
        refuted_by: vec!["WAS events 5117 (memory-based recycle) absent around the bursts".into()],
        missing_evidence: vec!["The Application and System logs of the server for 2024-03-05 (wevtutil epl System System.evtx)".into()],
        first_fix: app_pool_fix,
        about_clients: false,
        leading_symptom: None,
        leading_proof: None,
    }];

    let timeline = vec![
        TimelineEvent {
            machine: Some(MachineName::new("WSUS01")),
            time: "2024-03-05T09:13:58Z".into(),
            assumed_zone: false,
            end: None,
            side: Side::Server,
            host: Some("WSUS01".into()),
            what: "WAS 5117: WsusPool recycled after reaching its private memory limit".into(),
            check: CheckId::ServerServices,
            location: EvidenceRef::Event {
                path: SYSTEM_EVTX.into(),
                record: 48209,
            },
        },
        TimelineEvent {
            machine: None,
            time: "2024-03-05T09:14:00Z".into(),
            assumed_zone: false,
            end: Some("2024-03-05T09:21:00Z".into()),
            side: Side::Server,
            host: Some("WSUS01".into()),
            what: "900 requests answered 503 (peak 135 per minute)".into(),
            check: CheckId::ServerIisLog,
            location: EvidenceRef::line(IIS_LOG, 1234),
        },
        TimelineEvent {
            machine: None,
            time: "2024-03-05T09:14:03Z".into(),
            assumed_zone: true,
            end: None,
            side: Side::Client,
            host: Some("10.0.0.23".into()),
            what: "Scan failed with 0x8024401F".into(),
            check: CheckId::ClientWuLog,
            location: EvidenceRef::line(WU_LOG, 311),
        },
        TimelineEvent {
            machine: None,
            time: "2024-03-05T09:40:12Z".into(),
            assumed_zone: false,
            end: None,
            side: Side::Probe,
            host: None,
            what: "GET /ClientWebService/client.asmx answered 503".into(),
            check: CheckId::ProbeHttp,
            location: EvidenceRef::Probe {
                target: WSUS_URL.into(),
                step: "http".into(),
            },
        },
    ];

    let mut iis = entry(IIS_LOG, Some(Kind::IisW3c), 1_482_113, 9_412);
    iis.malformed = 1;
    iis.malformed_examples = vec![Malformed {
        line: 5120,
        reason: "14 fields where the #Fields: line names 15".into(),
        excerpt: "2024-03-05 09:31:07 10.0.0.5 GET /Content/ 8530 - 10.0.0.31 -".into(),
    }];
    iis.first_time = Some(utc(9, 0, 1));
    iis.last_time = Some(utc(9, 59, 58));
    let mut apphost = entry(APPHOST, Some(Kind::ApplicationHostConfig), 48_211, 1);
    apphost.notes = vec!["WSUS site resolved through IISTargetWebsiteIndex 1500".into()];
    let mut evtx = entry(SYSTEM_EVTX, Some(Kind::Evtx), 1_052_672, 3_904);
    evtx.encoding = None;
    evtx.first_time = Some(utc(0, 0, 12));
    evtx.last_time = Some(utc(23, 59, 1));
    let mut wu = entry(WU_LOG, Some(Kind::WindowsUpdateLog), 220_514, 2_310);
    wu.first_time = Some(local(8, 2, 11));
    wu.last_time = Some(Stamp::with_offset(
        Stamp::civil_from_parts(2024, 3, 5, 10, 40, 2, 0).expect("valid date"),
        60,
    ));
    let mut unknown = entry("bundle/notes.txt", None, 311, 0);
    unknown.encoding = None;
    let mut broken = entry("bundle/client.zip!logs/ReportingEvents.log", None, 0, 0);
    broken.recognised_by = "could not be read".into();
    broken.encoding = None;
    broken.error = Some("cannot read: the archive member is truncated".into());
    let inventory = Inventory {
        files: vec![
            iis,
            entry(HTTPERR, Some(Kind::Httperr), 30_120, 212),
            apphost,
            evtx,
            entry(
                "bundle/server/wsus-setup.reg",
                Some(Kind::RegExport),
                2_048,
                14,
            ),
            wu,
            unknown,
            broken,
        ],
        problems: vec![InputProblem {
            path: "bundle/missing-folder".into(),
            message: "not found".into(),
        }],
    };

    Report {
        schema: wsus_doctor::report::SCHEMA,
        lang: wsus_doctor::i18n::Lang::En,
        machines: vec![
            MachineEntry {
                name: MachineName::new("WSUS01"),
                role: Role {
                    server: true,
                    client: false,
                },
                identified_by: "the registry's ComputerName in bundle/server/registry/live.reg"
                    .into(),
                files: 5,
            },
            MachineEntry {
                name: MachineName::new("PC-0412"),
                role: Role {
                    server: false,
                    client: true,
                },
                identified_by: "ipconfig /all's Host Name in bundle/client/ipconfig.txt".into(),
                files: 2,
            },
        ],
        // Fixed, so that snapshots do not change with the release or the clock.
        tool: ToolInfo {
            name: "wsus-doctor",
            version: "0.1.0",
        },
        generated_at: "2024-03-05T10:45:00Z".into(),
        mode: Mode::Live,
        inputs: vec!["bundle".into(), WSUS_URL.into()],
        summary: Summary::of(&findings),
        diagnosis,
        findings,
        timeline,
        inventory,
        charts: Some(serde_json::from_value(chart_data()).expect("the chart contract")),
        machine: Some(wsus_doctor::report::MachineInfo {
            role: wsus_doctor::facts::Role {
                server: true,
                client: true,
            },
            live: true,
            elevated: Some(false),
            limits: vec!["HTTPERR logs: access denied (run from an elevated prompt)".into()],
        }),
        window: Some(wsus_doctor::report::FocusWindow::of(
            &wsus_doctor::evidence::window::Window {
                since: Some(1_708_473_600),
                until: Some(1_709_683_199),
                days: Some(14),
                left_out: vec![wsus_doctor::evidence::window::LeftOut {
                    path: "bundle/W3SVC1572271583/u_ex240201.log".into(),
                    size: 2_093_110,
                    kind: Kind::IisW3c,
                    start: 1_706_745_600,
                    by: wsus_doctor::evidence::window::Basis::Name,
                }],
            },
        )),
    }
}

fn sample_json() -> Value {
    serde_json::from_str(&json_report::render(&sample_report())).expect("the JSON report parses")
}

pub fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("schema/report-v1.schema.json"))
        .expect("schema/report-v1.schema.json is readable");
    serde_json::from_str(&text).expect("the schema is JSON")
}

#[test]
fn sample_covers_every_status_and_evidence_kind() {
    let r = sample_report();
    for s in [
        Status::Fail,
        Status::Warn,
        Status::Info,
        Status::Pass,
        Status::Skipped,
    ] {
        assert!(r.findings.iter().any(|f| f.status == s), "{s:?}");
    }
    let kinds: BTreeSet<&str> = r
        .findings
        .iter()
        .flat_map(|f| &f.evidence)
        .map(|e| match e.location {
            EvidenceRef::File { .. } => "file",
            EvidenceRef::Registry { .. } => "registry",
            EvidenceRef::Event { .. } => "event",
            EvidenceRef::Probe { .. } => "probe",
            EvidenceRef::Live { .. } => "live",
        })
        .collect();
    assert_eq!(kinds.len(), 5, "{kinds:?}");
}

#[test]
fn text_report_snapshot() {
    let rendered = text::render(&sample_report());
    insta::assert_snapshot!(anstream::adapter::strip_str(&rendered).to_string());
}

#[test]
fn brief_text_report_snapshot() {
    let rendered = text::render_brief(&sample_report());
    insta::assert_snapshot!(anstream::adapter::strip_str(&rendered).to_string());
}

#[test]
fn json_report_snapshot() {
    insta::assert_snapshot!(json_report::render(&sample_report()));
}

#[test]
fn html_report_snapshot() {
    insta::assert_snapshot!(html::render(&sample_report()));
}

#[test]
fn json_report_is_valid_against_the_schema() {
    let schema = schema();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let report = sample_json();
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // The schema is strict: an undocumented field is refused.
    let mut extra = report.clone();
    extra["findings"][0]["severity"] = json!("high");
    assert!(!validator.is_valid(&extra));
    let mut bad_status = report;
    bad_status["findings"][0]["status"] = json!("error");
    assert!(!validator.is_valid(&bad_status));
}

/// Object keys of a JSON value, skipping free-form data (a finding's `data`) and maps keyed by
/// data (endpoint names and status codes).
fn keys(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                out.insert(k.clone());
                if k != "data" && k != "status_by_endpoint" {
                    keys(child, out);
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|c| keys(c, out)),
        _ => {}
    }
}

/// Property names the schema declares anywhere.
fn schema_properties(v: &Value, out: &mut BTreeSet<String>) {
    match v {
        Value::Object(m) => {
            if let Some(Value::Object(props)) = m.get("properties") {
                out.extend(props.keys().cloned());
            }
            m.values().for_each(|c| schema_properties(c, out));
        }
        Value::Array(a) => a.iter().for_each(|c| schema_properties(c, out)),
        _ => {}
    }
}

#[test]
fn schema_and_sample_name_the_same_fields() {
    let mut written = BTreeSet::new();
    keys(&sample_json(), &mut written);
    // A report in another language adds the `localized` texts.
    let mut japanese = sample_report();
    japanese.lang = wsus_doctor::i18n::Lang::Ja;
    let japanese: Value = serde_json::from_str(&json_report::render(&japanese)).unwrap();
    keys(&japanese, &mut written);
    let mut declared = BTreeSet::new();
    schema_properties(&schema(), &mut declared);
    let undocumented: Vec<_> = written.difference(&declared).collect();
    assert!(
        undocumented.is_empty(),
        "fields missing from the schema: {undocumented:?}"
    );
    // And the sample exercises every field the schema knows, optional ones included.
    let unexercised: Vec<_> = declared.difference(&written).collect();
    assert!(
        unexercised.is_empty(),
        "schema fields the sample report never writes: {unexercised:?}"
    );
    let doc = std::fs::read_to_string(root().join("docs/report-format.md"))
        .expect("docs/report-format.md is readable");
    let undescribed: Vec<_> = declared
        .iter()
        .filter(|k| !doc.contains(&format!("`{k}`")))
        .collect();
    assert!(
        undescribed.is_empty(),
        "fields docs/report-format.md does not describe: {undescribed:?}"
    );
}

#[test]
fn html_report_shows_every_finding_chart_and_section() {
    let r = sample_report();
    let page = html::render(&r);
    for id in [
        "id=\"diagnosis\"",
        "id=\"findings\"",
        "id=\"timeline\"",
        "id=\"inventory\"",
    ] {
        assert!(page.contains(id), "{id}");
    }
    assert_eq!(
        page.matches("data-check=").count(),
        r.findings.len(),
        "one element per finding"
    );
    assert_eq!(page.matches("<svg class=\"chart\"").count(), 3);
    assert_eq!(
        page.matches("class=\"burst\"").count(),
        2,
        "band and legend"
    );
    // Self-contained: nothing is fetched when the page is opened.
    for external in ["<link", " src=", "@import", "url("] {
        assert!(!page.contains(external), "{external}");
    }
    // Every stage title appears, in the guide's order.
    let positions: Vec<usize> = [
        "Prerequisites",
        "Services",
        "WSUS web site and application pool",
        "IIS logs",
        "HTTP.sys error logs",
        "Server events and TLS",
        "Client policy and proxy",
        "Client logs",
        "Configuration Manager",
        "Network probe",
    ]
    .iter()
    .map(|t| {
        page.find(&format!("<h3>{t}</h3>"))
            .unwrap_or_else(|| panic!("stage {t}"))
    })
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Text from the evidence is escaped, never markup.
    assert!(page.contains("&lt;Fault&gt;&lt;faultcode&gt;s:Server"));
    assert!(!page.contains("<Fault>"));
}

/// Writes the sample report as HTML and JSON under the target directory, for
/// `scripts/html-browser-test.sh` to open in a browser.
#[test]
fn sample_report_files_for_the_browser_test() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-sample");
    std::fs::create_dir_all(&dir).expect("create the sample folder");
    let r = sample_report();
    let html_path = dir.join("report.html");
    let json_path = dir.join("report.json");
    std::fs::write(&html_path, html::render(&r)).expect("write the HTML sample");
    std::fs::write(&json_path, json_report::render(&r)).expect("write the JSON sample");
    let back: Value =
        serde_json::from_slice(&std::fs::read(&json_path).expect("read back")).expect("JSON");
    assert_eq!(
        back["findings"].as_array().map(Vec::len),
        Some(r.findings.len())
    );
    println!("{}", html_path.display());
}

#[test]
fn schema_lists_every_evidence_kind() {
    let schema = schema();
    let text = schema["$defs"]["kind"].to_string();
    for k in wsus_doctor::evidence::Kind::ALL {
        assert!(
            text.contains(&format!("\"{}\"", k.name())),
            "kind {} missing from the schema",
            k.name()
        );
    }
}
