//! Gathering a machine's evidence live: which registry keys, services, files and event logs, found
//! where Windows keeps them, turned into the evidence files the offline path reads. `collect`
//! writes the same files into a zip with a manifest.
//!
//! The operating system is reached only through [`Source`]; the Windows implementation lives in
//! `evidence::live`, and tests use a fake one (which is how the "not elevated" path is tested:
//! wine grants every access).

use super::live_format::{self, RawKey, RawValue, ServiceAnswer};
use super::{EvidenceFile, EvidenceSet};
use crate::facts::registry::keys;
use crate::facts::{Context, LimitedCheck, Role};
use serde::Serialize;
use std::fs;
use std::io::{self, Seek, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// Win32 error codes the gathering tells apart.
pub mod win32 {
    pub const ERROR_FILE_NOT_FOUND: u32 = 2;
    pub const ERROR_PATH_NOT_FOUND: u32 = 3;
    pub const ERROR_ACCESS_DENIED: u32 = 5;
}

/// A failure reported by the operating system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The Win32 error code, when there is one.
    pub code: Option<u32>,
    pub message: String,
}

impl SourceError {
    pub fn new(code: Option<u32>, message: impl Into<String>) -> Self {
        SourceError {
            code,
            message: message.into(),
        }
    }

    pub fn access_denied() -> Self {
        SourceError::new(Some(win32::ERROR_ACCESS_DENIED), "access denied")
    }

    pub fn not_found() -> Self {
        SourceError::new(Some(win32::ERROR_FILE_NOT_FOUND), "not found")
    }

    pub fn is_access_denied(&self) -> bool {
        self.code == Some(win32::ERROR_ACCESS_DENIED)
    }

    pub fn is_not_found(&self) -> bool {
        matches!(
            self.code,
            Some(win32::ERROR_FILE_NOT_FOUND | win32::ERROR_PATH_NOT_FOUND)
        )
    }
}

impl From<io::Error> for SourceError {
    fn from(e: io::Error) -> Self {
        // On Windows the raw code is the Win32 error; elsewhere the kind says enough.
        let code = if cfg!(windows) {
            e.raw_os_error().and_then(|c| u32::try_from(c).ok())
        } else {
            match e.kind() {
                io::ErrorKind::NotFound => Some(win32::ERROR_FILE_NOT_FOUND),
                io::ErrorKind::PermissionDenied => Some(win32::ERROR_ACCESS_DENIED),
                _ => None,
            }
        };
        SourceError::new(code, super::describe_io(&e))
    }
}

/// One entry of a folder.
#[derive(Debug, Clone)]
pub struct DirEntry {
    pub name: String,
    pub modified: Option<SystemTime>,
    pub is_file: bool,
}

/// The machine as the gathering sees it.
pub trait Source {
    /// The values of a key (`HKEY_LOCAL_MACHINE\...`, 64-bit view).
    fn registry_key(&self, path: &str) -> Result<Vec<RawValue>, SourceError>;
    /// A service's status and configuration from the service control manager.
    fn service(&self, name: &str) -> Result<ServiceAnswer, SourceError>;
    /// An environment variable (`windir`, `ProgramFiles`, `SystemDrive`).
    fn env(&self, name: &str) -> Option<String>;
    /// An event log channel exported as `.evtx`, records of the last `days` days only.
    fn export_event_log(&self, channel: &str, days: u32) -> Result<Vec<u8>, SourceError>;
    /// WindowsUpdate.log rebuilt from the ETW traces of Windows 10 and later.
    fn windows_update_log_from_etw(&self) -> Result<Vec<u8>, SourceError>;
    /// Whether the process runs elevated (administrator with a full token).
    fn is_elevated(&self) -> bool;
    fn machine_name(&self) -> String;
    /// Where a Windows path is on the file system this process sees (itself, on Windows).
    fn local_path(&self, windows_path: &str) -> PathBuf;

    fn list_dir(&self, windows_path: &str) -> Result<Vec<DirEntry>, SourceError> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(self.local_path(windows_path))? {
            let entry = entry?;
            let meta = entry.metadata()?;
            entries.push(DirEntry {
                name: entry.file_name().to_string_lossy().into_owned(),
                modified: meta.modified().ok(),
                is_file: meta.is_file(),
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    /// Checks a file can be opened, returning its size. Rust's `File::open` on Windows shares
    /// read, write and delete access, so IIS and Windows Update keep writing while it is read.
    fn probe_file(&self, windows_path: &str) -> Result<u64, SourceError> {
        let path = self.local_path(windows_path);
        let file = fs::File::open(&path)?;
        Ok(file.metadata()?.len())
    }
}

/// What to gather.
#[derive(Debug, Clone)]
pub struct Options {
    /// Logs older than this many days (by modification time) are left out.
    pub days: u32,
    /// On Windows 10 and later, run `Get-WindowsUpdateLog` to rebuild WindowsUpdate.log.
    pub convert_windows_update_log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            days: DEFAULT_DAYS,
            convert_windows_update_log: false,
        }
    }
}

/// Recent logs only by default: a WSUS server's IIS logs grow by hundreds of megabytes a day,
/// and a connection failure under investigation is recent.
pub const DEFAULT_DAYS: u32 = 7;

/// How an item of the manifest went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Collected,
    /// Not on this machine (a missing key, file, folder or service).
    Absent,
    /// The operating system refused access.
    Denied,
    /// Deliberately not gathered (too old, needs an option).
    Skipped,
    Failed,
}

/// Where an item's bytes are.
#[derive(Debug, Clone)]
pub enum Content {
    None,
    Memory(Vec<u8>),
    /// A file on this machine, read when analysed or zipped (it may be large).
    File(PathBuf),
}

/// One thing the gathering looked for.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// Where it was looked for (a registry key, a service, a path, an event log channel).
    pub source: String,
    /// The file it became, inside the collect zip.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// The checks that read it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<&'static str>,
    #[serde(skip)]
    pub content: Content,
}

/// Everything gathered from the machine.
#[derive(Debug, Clone)]
pub struct Gathered {
    pub machine: String,
    pub role: Role,
    pub elevated: bool,
    pub collected_at: String,
    pub days: u32,
    pub items: Vec<Item>,
}

/// The schema name of `manifest.json`; the sniffer recognises it.
pub const MANIFEST_SCHEMA: &str = "wsus-doctor/collect-manifest/v1";
pub const MANIFEST_NAME: &str = "manifest.json";

const REGISTRY_FILE: &str = "registry/live.reg";
const SERVICES_FILE: &str = "services/sc-queryex.txt";

/// The registry keys the checks read (formats.md §5), with the checks reading them.
const REGISTRY_KEYS: &[(&str, &[&str])] = &[
    (keys::WSUS_SETUP, &["server.version", "server.website"]),
    (keys::CURRENT_VERSION, &["server.version"]),
    (keys::WU_POLICY, &["client.policy"]),
    (keys::WU_POLICY_AU, &["client.policy"]),
    (keys::INTERNET_SETTINGS_CONNECTIONS, &["client.proxy"]),
    (keys::CCM_LOGGING, &["client.configmgr"]),
];

/// The services of KB4025764's server and client checks.
pub const SERVICES: &[&str] = &["WsusService", "W3SVC", "WAS", "wuauserv", "BITS"];

/// The event log channels exported.
const EVENT_CHANNELS: &[&str] = &["System", "Application"];

/// ConfigMgr client logs about software updates (formats.md §8); rotated copies share the stem.
const CONFIGMGR_LOGS: &[&str] = &[
    "WUAHandler",
    "ScanAgent",
    "LocationServices",
    "UpdatesDeployment",
    "UpdatesHandler",
    "UpdatesStore",
];

/// Gathers the evidence of this machine.
pub fn gather(source: &dyn Source, options: &Options) -> Gathered {
    let mut g = Gathered {
        machine: source.machine_name(),
        role: Role::default(),
        elevated: source.is_elevated(),
        collected_at: crate::facts::time::format_utc(jiff::Timestamp::now()),
        days: options.days,
        items: Vec::new(),
    };
    let registry = gather_registry(source, &mut g);
    g.role = Role {
        server: registry.iter().any(|k| k.path == keys::WSUS_SETUP),
        client: registry.iter().any(|k| k.path == keys::WU_POLICY),
    };
    gather_services(source, &mut g);
    let windir = source
        .env("windir")
        .or_else(|| source.env("SystemRoot"))
        .unwrap_or_else(|| r"C:\Windows".to_string());
    let cutoff =
        SystemTime::now().checked_sub(Duration::from_secs(u64::from(options.days) * 86_400));
    if g.role.server {
        gather_server_files(source, &mut g, &registry, &windir, cutoff);
    }
    gather_client_files(source, &mut g, &registry, &windir, cutoff, options);
    for channel in EVENT_CHANNELS {
        let item = match source.export_event_log(channel, options.days) {
            Ok(bytes) => memory_item(
                format!("event log {channel} (last {} days)", options.days),
                format!("events/{channel}.evtx"),
                bytes,
            ),
            Err(e) => failed_item(format!("event log {channel}"), &e),
        };
        g.push(item.for_checks(&["server.events", "client.reaches-server"]));
    }
    g
}

fn gather_registry(source: &dyn Source, g: &mut Gathered) -> Vec<RawKey> {
    let mut found = Vec::new();
    for (path, checks) in REGISTRY_KEYS {
        let item = match source.registry_key(path) {
            Ok(values) => {
                found.push(RawKey {
                    path: path.to_string(),
                    values,
                });
                Item::new(format!("registry {path}"), Status::Collected).at(REGISTRY_FILE)
            }
            Err(e) => failed_item(format!("registry {path}"), &e),
        };
        g.push(item.for_checks(checks));
    }
    if !found.is_empty() {
        let bytes = live_format::reg_export(&found);
        g.push(memory_item(
            "registry export of the keys above".to_string(),
            REGISTRY_FILE.to_string(),
            bytes,
        ));
    }
    found
}

fn gather_services(source: &dyn Source, g: &mut Gathered) {
    let mut answers = Vec::new();
    for name in SERVICES {
        match source.service(name) {
            Ok(answer) => {
                let status = match &answer {
                    ServiceAnswer::Found(_) => {
                        Item::new(format!("service {name}"), Status::Collected)
                    }
                    ServiceAnswer::Failed { error, .. } => {
                        let mut it = Item::new(format!("service {name}"), Status::Absent);
                        it.error = Some(format!(
                            "the service control manager answered error {error}"
                        ));
                        it
                    }
                };
                g.push(status.at(SERVICES_FILE).for_checks(&["server.services"]));
                answers.push(answer);
            }
            Err(e) => {
                g.push(failed_item(format!("service {name}"), &e).for_checks(&["server.services"]))
            }
        }
    }
    if !answers.is_empty() {
        g.push(memory_item(
            "service states (sc queryex)".to_string(),
            SERVICES_FILE.to_string(),
            live_format::sc_queryex(&answers),
        ));
    }
}

fn registry_value<'a>(keys: &'a [RawKey], key: &str, name: &str) -> Option<&'a RawValue> {
    keys.iter()
        .find(|k| k.path == key)?
        .values
        .iter()
        .find(|v| v.name.eq_ignore_ascii_case(name))
}

fn registry_string(keys: &[RawKey], key: &str, name: &str) -> Option<String> {
    let value = registry_value(keys, key, name)?;
    if !matches!(
        value.kind,
        live_format::reg_type::SZ | live_format::reg_type::EXPAND_SZ
    ) {
        return None;
    }
    let units: Vec<u16> = value
        .bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    String::from_utf16(&units).ok()
}

fn registry_dword(keys: &[RawKey], key: &str, name: &str) -> Option<u32> {
    let value = registry_value(keys, key, name)?;
    let b: [u8; 4] = value.bytes.get(..4)?.try_into().ok()?;
    (value.kind == live_format::reg_type::DWORD).then(|| u32::from_le_bytes(b))
}

fn gather_server_files(
    source: &dyn Source,
    g: &mut Gathered,
    registry: &[RawKey],
    windir: &str,
    cutoff: Option<SystemTime>,
) {
    let apphost = format!(r"{windir}\System32\inetsrv\config\applicationHost.config");
    let apphost_item = file_item(source, &apphost, "iis/applicationHost.config".into())
        .for_checks(&["server.website", "server.app-pool"]);
    let apphost_text = match &apphost_item.content {
        Content::File(p) => fs::read(p)
            .ok()
            .map(|b| super::text::decode_all(&b, super::text::detect(&b))),
        _ => None,
    };
    g.push(apphost_item);

    // WSUS records its IIS site in IISTargetWebsiteIndex (formats.md §5.2); IIS names the
    // site's log folder W3SVC<site id> under the logFile directory.
    let site_id = registry_dword(registry, keys::WSUS_SETUP, "IISTargetWebsiteIndex").unwrap_or(1);
    let log_root = apphost_text
        .as_deref()
        .and_then(|t| iis_log_directory(t, site_id))
        .unwrap_or_else(|| IIS_DEFAULT_LOG_DIRECTORY.to_string());
    let log_dir = format!(
        r"{}\W3SVC{site_id}",
        expand_env(&log_root, |n| source.env(n))
    );
    gather_folder(
        source,
        g,
        &log_dir,
        &format!("iis/W3SVC{site_id}"),
        cutoff,
        |n| n.to_ascii_lowercase().ends_with(".log"),
        &["server.iis-log"],
    );

    let httperr = format!(r"{windir}\System32\LogFiles\HTTPERR");
    gather_folder(
        source,
        g,
        &httperr,
        "httperr",
        cutoff,
        |n| {
            let n = n.to_ascii_lowercase();
            n.starts_with("httperr") && n.ends_with(".log")
        },
        &["server.httperr"],
    );

    let target_dir =
        registry_string(registry, keys::WSUS_SETUP, "TargetDir").unwrap_or_else(|| {
            format!(
                r"{}\Update Services",
                source
                    .env("ProgramFiles")
                    .unwrap_or_else(|| r"C:\Program Files".into())
            )
        });
    let sdlog = format!(
        r"{}\LogFiles\SoftwareDistribution.log",
        target_dir.trim_end_matches('\\')
    );
    g.push(
        file_item(source, &sdlog, "wsus/SoftwareDistribution.log".into())
            .for_checks(&["server.version"]),
    );
}

fn gather_client_files(
    source: &dyn Source,
    g: &mut Gathered,
    registry: &[RawKey],
    windir: &str,
    cutoff: Option<SystemTime>,
    options: &Options,
) {
    let wu_log = format!(r"{windir}\WindowsUpdate.log");
    let item = file_item(source, &wu_log, "client/WindowsUpdate.log".into());
    let is_etw_stub = match (&item.content, item.size) {
        (Content::File(p), Some(size)) if size < ETW_STUB_MAX_BYTES => fs::read(p)
            .map(|b| {
                super::text::decode_all(&b, super::text::detect(&b))
                    .contains("Get-WindowsUpdateLog")
            })
            .unwrap_or(false),
        _ => false,
    };
    let item = if !is_etw_stub {
        item
    } else if options.convert_windows_update_log {
        match source.windows_update_log_from_etw() {
            Ok(bytes) => memory_item(
                "WindowsUpdate.log rebuilt by Get-WindowsUpdateLog".into(),
                "client/WindowsUpdate.log".into(),
                bytes,
            ),
            Err(e) => failed_item("Get-WindowsUpdateLog".into(), &e),
        }
    } else {
        let mut skipped = Item::new(wu_log, Status::Skipped);
        skipped.error = Some(
            "Windows 10 and later keep this log as ETW traces; add --windows-update-log to rebuild it with Get-WindowsUpdateLog (takes a minute or two)".into(),
        );
        skipped
    };
    g.push(item.for_checks(&["client.wu-log", "client.reaches-server"]));

    let ccm_dir = registry_string(registry, keys::CCM_LOGGING, "LogDirectory")
        .unwrap_or_else(|| format!(r"{windir}\CCM\Logs"));
    let ccm_dir = ccm_dir.trim_end_matches('\\').to_string();
    gather_folder(
        source,
        g,
        &ccm_dir,
        "configmgr",
        cutoff,
        |n| {
            CONFIGMGR_LOGS.iter().any(|stem| {
                n.len() > stem.len()
                    && n.is_char_boundary(stem.len())
                    && n[..stem.len()].eq_ignore_ascii_case(stem)
            })
        },
        &["client.configmgr"],
    );
}

/// A Windows 10 WindowsUpdate.log that only says to run Get-WindowsUpdateLog is a few hundred
/// bytes; a real log is far larger.
const ETW_STUB_MAX_BYTES: u64 = 4096;

/// IIS's default `logFile` directory (siteDefaults in a fresh applicationHost.config).
pub const IIS_DEFAULT_LOG_DIRECTORY: &str = r"%SystemDrive%\inetpub\logs\LogFiles";

fn gather_folder(
    source: &dyn Source,
    g: &mut Gathered,
    dir: &str,
    zip_dir: &str,
    cutoff: Option<SystemTime>,
    wanted: impl Fn(&str) -> bool,
    checks: &[&'static str],
) {
    let entries = match source.list_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            g.push(failed_item(dir.to_string(), &e).for_checks(checks));
            return;
        }
    };
    let mut any = false;
    let mut old = 0usize;
    for entry in entries.iter().filter(|e| e.is_file && wanted(&e.name)) {
        if let (Some(cut), Some(m)) = (cutoff, entry.modified) {
            if m < cut {
                old += 1;
                continue;
            }
        }
        any = true;
        let path = format!(r"{dir}\{}", entry.name);
        g.push(file_item(source, &path, format!("{zip_dir}/{}", entry.name)).for_checks(checks));
    }
    if old > 0 {
        let mut skipped = Item::new(format!(r"{dir}\ ({old} older files)"), Status::Skipped);
        skipped.error = Some(format!("last modified more than {} days ago", g.days));
        g.push(skipped);
    }
    if !any && old == 0 {
        let mut none = Item::new(dir.to_string(), Status::Absent);
        none.error = Some("no log files in this folder".into());
        g.push(none.for_checks(checks));
    }
}

fn file_item(source: &dyn Source, path: &str, zip_path: String) -> Item {
    match source.probe_file(path) {
        Ok(size) => {
            let mut it = Item::new(path.to_string(), Status::Collected).at(&zip_path);
            it.size = Some(size);
            it.content = Content::File(source.local_path(path));
            it
        }
        Err(e) => failed_item(path.to_string(), &e),
    }
}

fn memory_item(source: String, zip_path: String, bytes: Vec<u8>) -> Item {
    let mut it = Item::new(source, Status::Collected).at(&zip_path);
    it.size = Some(bytes.len() as u64);
    it.content = Content::Memory(bytes);
    it
}

fn failed_item(source: String, e: &SourceError) -> Item {
    let status = if e.is_not_found() {
        Status::Absent
    } else if e.is_access_denied() {
        Status::Denied
    } else {
        Status::Failed
    };
    let mut it = Item::new(source, status);
    it.error = Some(e.message.clone());
    it
}

impl Item {
    fn new(source: String, status: Status) -> Self {
        Item {
            source,
            path: None,
            status,
            error: None,
            size: None,
            checks: Vec::new(),
            content: Content::None,
        }
    }

    fn at(mut self, zip_path: &str) -> Self {
        self.path = Some(zip_path.to_string());
        self
    }

    fn for_checks(mut self, checks: &[&'static str]) -> Self {
        self.checks = checks.to_vec();
        self
    }

    /// Whether this item has bytes of its own (the registry keys and services only point at
    /// the file they were rendered into).
    fn has_content(&self) -> bool {
        !matches!(self.content, Content::None)
    }
}

impl Gathered {
    fn push(&mut self, item: Item) {
        self.items.push(item);
    }

    /// The gathered files as evidence for the pipeline, named by where they came from.
    pub fn evidence_set(&self) -> EvidenceSet {
        let budget = std::sync::Arc::new(super::budget::Budget::default());
        let files = self
            .items
            .iter()
            .filter_map(|it| match &it.content {
                Content::None => None,
                Content::Memory(b) => {
                    let mut f = EvidenceFile::memory(
                        format!("live: {}", it.path.as_deref().unwrap_or(&it.source)),
                        b.clone(),
                    );
                    f.budget = std::sync::Arc::clone(&budget);
                    Some(f)
                }
                Content::File(p) => Some(EvidenceFile::disk(
                    it.source.clone(),
                    p.clone(),
                    it.size.unwrap_or(0),
                    false,
                    std::sync::Arc::clone(&budget),
                )),
            })
            .collect();
        EvidenceSet::from_files(files)
    }

    /// What could not be read and which checks it leaves without evidence.
    pub fn limits(&self) -> Vec<LimitedCheck> {
        let mut out = Vec::new();
        for it in &self.items {
            if !matches!(it.status, Status::Denied | Status::Failed) {
                continue;
            }
            let mut reason = format!(
                "{} could not be read: {}",
                it.source,
                it.error.as_deref().unwrap_or("unknown error")
            );
            if it.status == Status::Denied && !self.elevated {
                reason.push_str(" (wsus-doctor is not running elevated: run it from an elevated prompt, \"Run as administrator\")");
            }
            for check in &it.checks {
                out.push(LimitedCheck {
                    check: (*check).to_string(),
                    reason: reason.clone(),
                });
            }
        }
        out
    }

    /// The analysis context of a live run.
    pub fn context(&self) -> Context {
        let limited = self.limits();
        let mut live_limits = Vec::new();
        if !self.elevated {
            live_limits.push("not running elevated: evidence that needs administrator rights was skipped; run from an elevated prompt for a complete diagnosis".to_string());
        }
        for l in &limited {
            let line = format!("{}: {}", l.check, l.reason);
            if !live_limits.contains(&line) {
                live_limits.push(line);
            }
        }
        Context {
            live: true,
            live_limits,
            role: Some(self.role),
            elevated: Some(self.elevated),
            limited_checks: limited,
            ..Context::default()
        }
    }

    /// `manifest.json`: what was collected, from where, when, by which version, and what could not
    /// be read and why.
    pub fn manifest(&self) -> serde_json::Value {
        serde_json::json!({
            "schema": MANIFEST_SCHEMA,
            "tool": { "name": crate::TOOL_NAME, "version": crate::TOOL_VERSION },
            "collected_at": self.collected_at,
            "machine": self.machine,
            "role": self.role,
            "elevated": self.elevated,
            "days": self.days,
            "items": self.items,
        })
    }

    /// Writes the collected files and the manifest into a zip. Nothing on the machine changes.
    pub fn write_zip<W: Write + Seek>(&self, out: W) -> io::Result<()> {
        use zip::write::SimpleFileOptions;
        let mut zip = zip::ZipWriter::new(out);
        let options = SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let mut manifest = self.manifest();
        let mut written = std::collections::HashSet::new();
        for (index, it) in self.items.iter().enumerate() {
            let Some(name) = it.path.as_deref().filter(|_| it.has_content()) else {
                continue;
            };
            if !written.insert(name.to_string()) {
                continue;
            }
            zip.start_file(name, options).map_err(io::Error::other)?;
            let copied = match &it.content {
                Content::Memory(b) => zip.write_all(b).map(|_| b.len() as u64),
                Content::File(p) => fs::File::open(p).and_then(|mut f| io::copy(&mut f, &mut zip)),
                Content::None => Ok(0),
            };
            match copied {
                // The size in the manifest is what the zip holds (a log may have grown since).
                Ok(n) => manifest["items"][index]["size"] = n.into(),
                Err(e) => {
                    manifest["items"][index]["status"] = "failed".into();
                    manifest["items"][index]["error"] = super::describe_io(&e).into();
                }
            }
        }
        zip.start_file(MANIFEST_NAME, options)
            .map_err(io::Error::other)?;
        let text = serde_json::to_string_pretty(&manifest).map_err(io::Error::other)?;
        zip.write_all(text.as_bytes())?;
        zip.write_all(b"\n")?;
        zip.finish().map_err(io::Error::other)?;
        Ok(())
    }
}

/// The `logFile` directory that applies to an IIS site: the site's own `<logFile directory>`,
/// else `<siteDefaults>`'s, else none (the caller uses IIS's default).
pub fn iis_log_directory(apphost: &str, site_id: u32) -> Option<String> {
    let doc = roxmltree::Document::parse(apphost).ok()?;
    let sites = doc.descendants().find(|n| n.has_tag_name("sites"))?;
    let wanted = site_id.to_string();
    let own = sites
        .children()
        .filter(|n| n.has_tag_name("site"))
        .find(|n| n.attribute("id") == Some(wanted.as_str()))
        .and_then(log_file_directory);
    own.or_else(|| {
        sites
            .children()
            .find(|n| n.has_tag_name("siteDefaults"))
            .and_then(log_file_directory)
    })
}

fn log_file_directory(node: roxmltree::Node) -> Option<String> {
    node.children()
        .find(|n| n.has_tag_name("logFile"))?
        .attribute("directory")
        .map(str::to_string)
}

/// Expands `%NAME%` references the way Windows does: unknown names stay as written.
pub fn expand_env(text: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find('%') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        match after.find('%') {
            Some(end) => {
                let name = &after[..end];
                match lookup(name).filter(|_| !name.is_empty()) {
                    Some(v) => out.push_str(&v),
                    None => {
                        out.push('%');
                        out.push_str(name);
                        out.push('%');
                    }
                }
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests;
