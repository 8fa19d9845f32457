use super::*;
use crate::evidence::live_format::{reg_type, ServiceStatus};
use crate::evidence::live_source::DirEntry;
use std::collections::HashMap;

/// A machine laid out in a temporary folder, `C:\` being the folder itself.
struct FakeMachine {
    root: tempfile::TempDir,
    registry: HashMap<String, Vec<RawValue>>,
    elevated: bool,
    /// Windows paths (lower case) whose reading is refused, as for a user without elevation.
    denied: Vec<String>,
    acp: Option<u16>,
}

impl FakeMachine {
    fn new() -> Self {
        FakeMachine {
            root: tempfile::tempdir().unwrap(),
            registry: HashMap::new(),
            elevated: true,
            denied: Vec::new(),
            acp: Some(1252),
        }
    }

    fn file(&self, windows_path: &str, body: &[u8]) {
        let p = self.local_path(windows_path);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(p, body).unwrap();
    }

    fn key(&mut self, path: &str, values: Vec<RawValue>) {
        self.registry.insert(path.to_ascii_lowercase(), values);
    }

    fn refused(&self, windows_path: &str) -> bool {
        let p = windows_path.to_ascii_lowercase();
        self.denied.iter().any(|d| p.starts_with(d))
    }
}

impl Source for FakeMachine {
    fn registry_key(&self, path: &str) -> Result<Vec<RawValue>, SourceError> {
        self.registry
            .get(&path.to_ascii_lowercase())
            .cloned()
            .ok_or_else(SourceError::not_found)
    }

    fn service(&self, name: &str) -> Result<ServiceAnswer, SourceError> {
        Ok(if name == "WsusService" {
            ServiceAnswer::Found(ServiceStatus {
                name: name.into(),
                display_name: "WSUS Service".into(),
                service_type: 0x10,
                state: 1,
                win32_exit_code: 0,
                service_exit_code: 0,
                pid: 0,
                start_type: Some(2),
                delayed_auto_start: false,
            })
        } else {
            ServiceAnswer::Failed {
                name: name.into(),
                error: live_format::ERROR_SERVICE_DOES_NOT_EXIST,
            }
        })
    }

    fn env(&self, name: &str) -> Option<String> {
        match name.to_ascii_lowercase().as_str() {
            "windir" => Some(r"C:\Windows".into()),
            "systemdrive" => Some("C:".into()),
            "programfiles" => Some(r"C:\Program Files".into()),
            _ => None,
        }
    }

    fn export_event_log(&self, channel: &str, _days: u32) -> Result<Vec<u8>, SourceError> {
        if self.elevated {
            Ok(format!("ElfFile\0{channel}").into_bytes())
        } else {
            Err(SourceError::access_denied())
        }
    }

    fn windows_update_log_from_etw(&self) -> Result<Vec<u8>, SourceError> {
        Ok(b"2026/11/20 10:00:00.0000000 1 2 Agent  WU client version 10.0\r\n".to_vec())
    }

    fn is_elevated(&self) -> bool {
        self.elevated
    }

    fn machine_name(&self) -> String {
        "WSUS01".into()
    }

    fn ansi_code_page(&self) -> Option<u16> {
        self.acp
    }

    fn local_path(&self, windows_path: &str) -> PathBuf {
        // Each drive is a folder of its own (`C:\x` is `<root>/c/x`), also when the tests run on
        // Windows, where joining `D:\...` would leave the folder.
        let (drive, rest) = match windows_path.split_once(':') {
            Some((d, rest)) => (d.to_ascii_lowercase(), rest),
            None => ("c".to_string(), windows_path),
        };
        let mut p = self.root.path().join(drive);
        for part in rest.split('\\').filter(|s| !s.is_empty()) {
            p.push(part);
        }
        p
    }

    fn list_dir(&self, windows_path: &str) -> Result<Vec<DirEntry>, SourceError> {
        if self.refused(windows_path) {
            return Err(SourceError::access_denied());
        }
        let mut entries = Vec::new();
        for e in fs::read_dir(self.local_path(windows_path))? {
            let e = e?;
            let m = e.metadata()?;
            entries.push(DirEntry {
                name: e.file_name().to_string_lossy().into_owned(),
                modified: m.modified().ok(),
                is_file: m.is_file(),
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    fn probe_file(&self, windows_path: &str) -> Result<u64, SourceError> {
        if self.refused(windows_path) {
            return Err(SourceError::access_denied());
        }
        Ok(fs::metadata(self.local_path(windows_path))?.len())
    }
}

fn sz(name: &str, s: &str) -> RawValue {
    RawValue {
        name: name.into(),
        kind: reg_type::SZ,
        bytes: s
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect(),
    }
}

fn dword(name: &str, v: u32) -> RawValue {
    RawValue {
        name: name.into(),
        kind: reg_type::DWORD,
        bytes: v.to_le_bytes().to_vec(),
    }
}

const APPHOST: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<configuration>
  <system.applicationHost>
    <sites>
      <site name="Default Web Site" id="1"><bindings/></site>
      <site name="WSUS Administration" id="1234">
        <logFile directory="D:\IISLogs" />
      </site>
      <siteDefaults>
        <logFile logFormat="W3C" directory="%SystemDrive%\inetpub\logs\LogFiles" />
      </siteDefaults>
    </sites>
  </system.applicationHost>
</configuration>
"#;

/// A WSUS server that also takes its updates from WSUS.
fn server() -> FakeMachine {
    let mut m = FakeMachine::new();
    m.key(
        keys::WSUS_SETUP,
        vec![
            dword("IISTargetWebsiteIndex", 1),
            sz("TargetDir", r"C:\Program Files\Update Services\"),
        ],
    );
    m.key(
        keys::WU_POLICY,
        vec![sz("WUServer", "http://wsus01.example.test:8530")],
    );
    m.key(keys::WU_POLICY_AU, vec![dword("UseWUServer", 1)]);
    m.file(
        r"C:\Windows\System32\inetsrv\config\applicationHost.config",
        APPHOST.as_bytes(),
    );
    m.file(
        r"C:\inetpub\logs\LogFiles\W3SVC1\u_ex261120.log",
        b"#Software: Microsoft Internet Information Services 10.0\r\n",
    );
    m.file(r"C:\inetpub\logs\LogFiles\W3SVC1\notes.txt", b"x");
    m.file(
        r"C:\Windows\System32\LogFiles\HTTPERR\httperr1.log",
        b"#Software: Microsoft HTTP API 2.0\r\n",
    );
    m.file(
        r"C:\Program Files\Update Services\LogFiles\SoftwareDistribution.log",
        b"2026-11-20 10:00:00.000 UTC\tInfo\tWsusService.1\tx\r\n",
    );
    m.file(
        r"C:\Windows\WindowsUpdate.log",
        b"Windows Update logs are now generated using ETW (Event Tracing for Windows).\r\nPlease run the Windows PowerShell cmdlet 'Get-WindowsUpdateLog' to convert ETW traces into a readable WindowsUpdate.log.\r\n",
    );
    m
}

fn item<'a>(g: &'a Gathered, source_end: &str) -> &'a Item {
    g.items
        .iter()
        .find(|i| i.source.ends_with(source_end))
        .unwrap_or_else(|| panic!("no item {source_end} in {:#?}", g.items))
}

#[test]
fn role_is_read_from_the_setup_and_policy_keys() {
    let mut m = FakeMachine::new();
    assert_eq!(gather(&m, &Options::default()).role.name(), "none");
    m.key(keys::WU_POLICY, vec![]);
    assert_eq!(gather(&m, &Options::default()).role.name(), "client");
    m.key(keys::WSUS_SETUP, vec![]);
    assert_eq!(gather(&m, &Options::default()).role.name(), "server+client");
}

#[test]
fn a_server_is_gathered_from_the_standard_places() {
    let m = server();
    let g = gather(&m, &Options::default());
    let collected: Vec<&str> = g
        .items
        .iter()
        .filter(|i| i.status == Status::Collected && i.has_content())
        .filter_map(|i| i.path.as_deref())
        .collect();
    assert_eq!(
        collected,
        [
            "registry/live.reg",
            "services/sc-queryex.txt",
            "iis/applicationHost.config",
            "iis/W3SVC1/u_ex261120.log",
            "httperr/httperr1.log",
            "wsus/SoftwareDistribution.log",
            "events/System.evtx",
            "events/Application.evtx",
        ]
    );
    assert_eq!(
        item(
            &g,
            r"registry HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion"
        )
        .status,
        Status::Absent
    );
    assert_eq!(item(&g, "service W3SVC").status, Status::Absent);
    // Without the option, the ETW stub is left alone and the option is offered.
    let wu = item(&g, r"C:\Windows\WindowsUpdate.log");
    assert_eq!(wu.status, Status::Skipped);
    assert!(wu
        .error
        .as_deref()
        .unwrap()
        .contains("--windows-update-log"));
    assert!(g.limits().is_empty());

    let set = g.evidence_set();
    let kinds: Vec<_> = set
        .files
        .iter()
        .map(|f| crate::evidence::sniff::sniff(&f.head(4096).unwrap()).kind)
        .collect();
    use crate::evidence::Kind;
    assert_eq!(kinds[0], Some(Kind::RegExport));
    assert_eq!(kinds[1], Some(Kind::ScQuery));
    assert_eq!(kinds[2], Some(Kind::ApplicationHostConfig));
    assert_eq!(kinds[3], Some(Kind::IisW3c));
    assert_eq!(kinds[4], Some(Kind::Httperr));
}

#[test]
fn the_wsus_site_log_folder_follows_applicationhost_config() {
    let log_directory = |text: &str, site: u64| {
        crate::parsers::apphost_config::parse(text, &mut crate::parsers::ParseStats::default())
            .log_directory(site)
    };
    let mut m = server();
    m.key(keys::WSUS_SETUP, vec![dword("IISTargetWebsiteIndex", 1234)]);
    m.file(r"D:\IISLogs\W3SVC1234\u_ex261121.log", b"#Software: x\r\n");
    let g = gather(&m, &Options::default());
    let log = item(&g, r"D:\IISLogs\W3SVC1234\u_ex261121.log");
    assert_eq!(log.path.as_deref(), Some("iis/W3SVC1234/u_ex261121.log"));
    assert_eq!(
        log_directory(APPHOST, 1).as_deref(),
        Some(r"%SystemDrive%\inetpub\logs\LogFiles")
    );
    assert_eq!(log_directory(APPHOST, 1234).as_deref(), Some(r"D:\IISLogs"));
    assert_eq!(log_directory("<configuration/>", 1), None);
}

#[test]
fn old_logs_are_left_out() {
    let m = server();
    let old = m.local_path(r"C:\inetpub\logs\LogFiles\W3SVC1\u_ex200101.log");
    fs::write(&old, b"#Software: x\r\n").unwrap();
    let f = fs::File::options().write(true).open(&old).unwrap();
    f.set_modified(SystemTime::now() - Duration::from_secs(30 * 86_400))
        .unwrap();
    let g = gather(&m, &Options::default());
    assert!(!g.items.iter().any(|i| i.source.ends_with("u_ex200101.log")));
    let skipped = item(&g, r"W3SVC1\ (1 older files)");
    assert_eq!(skipped.status, Status::Skipped);
    let g = gather(
        &m,
        &Options {
            days: 60,
            ..Options::default()
        },
    );
    assert!(g.items.iter().any(|i| i.source.ends_with("u_ex200101.log")));
}

#[test]
fn without_elevation_the_denied_evidence_names_its_checks_and_the_rest_runs() {
    let mut m = server();
    m.elevated = false;
    m.denied
        .push(r"c:\windows\system32\logfiles\httperr".into());
    let g = gather(&m, &Options::default());
    assert_eq!(
        item(&g, r"C:\Windows\System32\LogFiles\HTTPERR").status,
        Status::Denied
    );
    assert_eq!(item(&g, "event log System").status, Status::Denied);
    let limits = g.limits();
    let checks: Vec<&str> = limits.iter().map(|l| l.check.as_str()).collect();
    assert!(checks.contains(&"server.httperr"), "{checks:?}");
    assert!(checks.contains(&"server.events"));
    assert!(limits.iter().all(|l| l.reason.contains("elevated prompt")));
    // The IIS logs were still read.
    assert_eq!(item(&g, "u_ex261120.log").status, Status::Collected);
    let ctx = g.context();
    assert!(ctx.live);
    assert_eq!(ctx.elevated, Some(false));
    assert!(ctx.live_limits[0].starts_with("not running elevated"));

    // The skipped finding of a limited check says why.
    let (facts, inventory) = crate::pipeline::analyse(&g.evidence_set(), g.context());
    let report = crate::pipeline::report(crate::report::Mode::Live, vec![], &facts, inventory);
    let httperr = report
        .findings
        .iter()
        .find(|f| f.check == CheckId::ServerHttperr)
        .unwrap();
    if httperr.status == crate::finding::Status::Skipped {
        assert!(httperr.reason.as_deref().unwrap().contains("access denied"));
    }
    let machine = report.machine.unwrap();
    assert_eq!(machine.role.name(), "server+client");
    assert_eq!(machine.elevated, Some(false));
}

#[test]
fn the_etw_log_is_rebuilt_on_request() {
    let m = server();
    let g = gather(
        &m,
        &Options {
            convert_windows_update_log: true,
            ..Options::default()
        },
    );
    let wu = item(&g, "rebuilt by Get-WindowsUpdateLog");
    assert_eq!(wu.path.as_deref(), Some("client/WindowsUpdate.log"));
}

#[test]
fn collect_zip_holds_the_files_and_a_manifest_and_reads_back_to_the_same_findings() {
    let m = server();
    let g = gather(&m, &Options::default());
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("bundle.zip");
    g.write_zip(fs::File::create(&zip_path).unwrap()).unwrap();

    let mut zip = zip::ZipArchive::new(fs::File::open(&zip_path).unwrap()).unwrap();
    let mut manifest = String::new();
    io::Read::read_to_string(&mut zip.by_name(MANIFEST_NAME).unwrap(), &mut manifest).unwrap();
    let manifest: serde_json::Value = serde_json::from_str(&manifest).unwrap();
    assert_eq!(manifest["schema"], MANIFEST_SCHEMA);
    assert_eq!(manifest["tool"]["version"], crate::TOOL_VERSION);
    assert_eq!(manifest["machine"], "WSUS01");
    assert_eq!(manifest["role"], "server+client");
    assert_eq!(manifest["code_pages"]["ansi"], 1252);
    let items = manifest["items"].as_array().unwrap();
    let reg = items
        .iter()
        .find(|i| i["path"] == "registry/live.reg" && i["size"].is_u64())
        .unwrap();
    assert_eq!(reg["status"], "collected");
    let absent = items
        .iter()
        .find(|i| i["source"] == "service W3SVC")
        .unwrap();
    assert_eq!(absent["status"], "absent");
    assert!(absent["error"].as_str().unwrap().contains("1060"));
    let mut reg_bytes = Vec::new();
    io::Read::read_to_end(
        &mut zip.by_name("registry/live.reg").unwrap(),
        &mut reg_bytes,
    )
    .unwrap();
    match &g
        .items
        .iter()
        .find(|i| i.path.as_deref() == Some("registry/live.reg") && i.has_content())
        .unwrap()
        .content
    {
        Content::Memory(b) => assert_eq!(&reg_bytes, b),
        other => panic!("{other:?}"),
    }

    let live = {
        let (facts, inv) = crate::pipeline::analyse(&g.evidence_set(), g.context());
        crate::pipeline::report(crate::report::Mode::Live, vec![], &facts, inv)
    };
    let offline = {
        let set =
            crate::evidence::discover(&[zip_path], &crate::evidence::archive::Limits::default());
        let (facts, inv) = crate::pipeline::analyse(&set, Context::default());
        crate::pipeline::report(crate::report::Mode::Offline, vec![], &facts, inv)
    };
    let key = |r: &crate::report::Report| -> Vec<(String, crate::finding::Status, String)> {
        r.findings
            .iter()
            .map(|f| (f.check.to_string(), f.status, f.title.to_string()))
            .collect()
    };
    assert_eq!(key(&live), key(&offline));
    let kinds = |r: &crate::report::Report| -> Vec<Option<crate::evidence::Kind>> {
        r.inventory
            .files
            .iter()
            .map(|f| f.kind)
            .filter(|k| *k != Some(crate::evidence::Kind::CollectManifest))
            .collect()
    };
    assert_eq!(kinds(&live), kinds(&offline));
}

/// On Japanese Windows (ANSI code page 932) a log whose first 64 KiB are ASCII and whose later
/// lines are code page 932 is read in 932 live, and from the zip through its manifest.
#[test]
fn a_japanese_machine_is_read_alike_live_and_from_its_zip() {
    let mut m = server();
    m.acp = Some(932);
    let mut log = String::new();
    for i in 0..1500 {
        log.push_str(&format!(
            "2026-11-20\t08:{:02}:{:02}:000\t 848\t604\tAgent\t  * Found {i} updates and 63 categories in search\r\n",
            i / 60 % 60,
            i % 60
        ));
    }
    log.push_str("2026-11-20\t09:00:00:000\t 848\t604\tAgent\t  * Title = 2024-03 x64 ベース システム用 Windows 7 のセキュリティ マンスリー品質ロールアップ (KB5035888)\r\n");
    m.file(
        r"C:\Windows\WindowsUpdate.log",
        &encoding_rs::SHIFT_JIS.encode(&log).0,
    );
    let g = gather(&m, &Options::default());
    let dir = tempfile::tempdir().unwrap();
    let zip_path = dir.path().join("bundle.zip");
    g.write_zip(fs::File::create(&zip_path).unwrap()).unwrap();

    let (_, live) = crate::pipeline::analyse(&g.evidence_set(), g.context());
    let set = crate::evidence::discover(&[zip_path], &crate::evidence::archive::Limits::default());
    let (_, offline) = crate::pipeline::analyse(&set, Context::default());
    let wu = |inv: &crate::report::Inventory| {
        inv.files
            .iter()
            .find(|f| f.path.ends_with("WindowsUpdate.log"))
            .cloned()
            .unwrap()
    };
    let (live, offline) = (wu(&live), wu(&offline));
    assert_eq!(live.kind, Some(crate::evidence::Kind::WindowsUpdateLog));
    assert_eq!((live.records, offline.records), (1501, 1501));
    let live_why = live.encoding_reason.unwrap();
    assert!(
        live_why.ends_with("read in code page 932 (this machine's ANSI code page is 932 (GetACP))"),
        "{live_why}"
    );
    let offline_why = offline.encoding_reason.unwrap();
    assert!(
        offline_why.contains("read in code page 932 (the collect manifest ")
            && offline_why
                .contains("bundle.zip!/manifest.json records this machine's ANSI code page 932"),
        "{offline_why}"
    );
}

#[test]
fn env_references_expand_like_windows() {
    let lookup = |n: &str| (n.eq_ignore_ascii_case("SystemDrive")).then(|| "C:".to_string());
    assert_eq!(
        expand_env(r"%SystemDrive%\inetpub\logs", lookup),
        r"C:\inetpub\logs"
    );
    assert_eq!(expand_env("%Nope%\\x", lookup), "%Nope%\\x");
    assert_eq!(expand_env("50% off", lookup), "50% off");
    assert_eq!(expand_env("%%", lookup), "%%");
}

#[test]
fn the_database_service_is_asked_for_by_its_instance_when_it_runs_here() {
    let mut m = server();
    m.key(
        keys::WSUS_SETUP,
        vec![
            dword("IISTargetWebsiteIndex", 1),
            sz("SqlServerName", "MICROSOFT##WID"),
        ],
    );
    let g = gather(&m, &Options::default());
    let wid = item(&g, "service MSSQL$MICROSOFT##WID");
    assert_eq!(wid.checks, [CheckId::ServerDatabase]);
    assert_eq!(
        item(&g, "service WsusService").checks,
        [CheckId::ServerServices]
    );

    // Another server's instance cannot be asked here.
    m.key(keys::WSUS_SETUP, vec![sz("SqlServerName", r"SQL01\WSUS")]);
    let g = gather(&m, &Options::default());
    assert!(
        g.items.iter().all(|i| !i.source.contains("MSSQL")),
        "{:#?}",
        g.items
    );
    m.key(
        keys::WSUS_SETUP,
        vec![sz("SqlServerName", r"WSUS01\SQLEXPRESS")],
    );
    let g = gather(&m, &Options::default());
    assert_eq!(
        item(&g, "service MSSQL$SQLEXPRESS").checks,
        [CheckId::ServerDatabase]
    );
}
