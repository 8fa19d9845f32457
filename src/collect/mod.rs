//! Gathering a machine's evidence live: which registry keys, services, files and event logs, found
//! where Windows keeps them, turned into the evidence files the offline path reads. `collect`
//! writes the same files into a zip with a manifest.
//!
//! The operating system is reached only through [`Source`]; the Windows implementation lives in
//! `evidence::live`, and tests use a fake one (which is how the "not elevated" path is tested:
//! wine grants every access).

use crate::evidence::live_format::{self, RawKey, RawValue, ServiceAnswer};
pub use crate::evidence::live_source::Source;
pub(crate) use crate::evidence::live_source::SourceError;
use crate::evidence::{EvidenceFile, EvidenceSet};
use crate::facts::registry::keys;
use crate::facts::{Context, LimitedCheck, Role};
use crate::finding::CheckId;
use serde::Serialize;
use std::fs;
use std::io::{self, Seek, Write};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

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
    pub checks: Vec<CheckId>,
    #[serde(skip)]
    pub content: Content,
}

/// Everything gathered from the machine.
#[derive(Debug, Clone)]
pub struct Gathered {
    pub machine: String,
    /// The machine's ANSI code page, recorded in the manifest so that an offline run reads the
    /// zip's text as a live run does.
    pub ansi_code_page: Option<crate::evidence::text::CodePage>,
    pub role: Role,
    pub elevated: bool,
    pub collected_at: String,
    pub days: u32,
    pub items: Vec<Item>,
}

/// The schema name of `manifest.json`; the sniffer recognises it.
pub(crate) const MANIFEST_SCHEMA: &str = "wsus-doctor/collect-manifest/v1";
pub(crate) const MANIFEST_NAME: &str = "manifest.json";
/// A manifest lists a few hundred items at most; anything far larger is not one.
pub(crate) const MANIFEST_MAX_BYTES: u64 = 16 << 20;

const REGISTRY_FILE: &str = "registry/live.reg";
const SERVICES_FILE: &str = "services/sc-queryex.txt";

/// The registry keys the checks read (formats.md §5), with the checks reading them.
const REGISTRY_KEYS: &[(&str, &[CheckId])] = &[
    (
        keys::WSUS_SETUP,
        &[CheckId::ServerVersion, CheckId::ServerWebsite],
    ),
    (keys::CURRENT_VERSION, &[CheckId::ServerVersion]),
    (keys::WU_POLICY, &[CheckId::ClientPolicy]),
    (keys::WU_POLICY_AU, &[CheckId::ClientPolicy]),
    (keys::INTERNET_SETTINGS_CONNECTIONS, &[CheckId::ClientProxy]),
    (keys::CCM_LOGGING, &[CheckId::ClientConfigmgr]),
    // No check reads it: it says which code page the machine's text files are in.
    (keys::NLS_CODE_PAGE, &[]),
    // Nor this: it names the machine, so that its files stay apart from other machines'.
    (keys::COMPUTER_NAME, &[]),
];

/// The services of KB4025764's server and client checks.
pub(crate) const SERVICES: &[&str] = &["WsusService", "W3SVC", "WAS", "wuauserv", "BITS"];

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
        ansi_code_page: source
            .ansi_code_page()
            .and_then(crate::evidence::text::CodePage::new),
        role: Role::default(),
        elevated: source.is_elevated(),
        collected_at: crate::values::time::format_utc(jiff::Timestamp::now()),
        days: options.days,
        items: Vec::new(),
    };
    let registry = gather_registry(source, &mut g);
    g.role = Role {
        server: registry.iter().any(|k| k.path == keys::WSUS_SETUP),
        client: registry.iter().any(|k| k.path == keys::WU_POLICY),
    };
    // The database's service has the name of its instance, which only the Setup key gives.
    let database_service = registry_string(&registry, keys::WSUS_SETUP, "SqlServerName")
        .and_then(|name| crate::facts::database::local_service(&name, &g.machine));
    gather_services(source, &mut g, database_service.as_deref());
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
        g.push(item.for_checks(&[CheckId::ServerEvents, CheckId::ClientReachesServer]));
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

fn gather_services(source: &dyn Source, g: &mut Gathered, database_service: Option<&str>) {
    let mut answers = Vec::new();
    for name in SERVICES.iter().copied().chain(database_service) {
        let check = if Some(name) == database_service {
            CheckId::ServerDatabase
        } else {
            CheckId::ServerServices
        };
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
                g.push(status.at(SERVICES_FILE).for_checks(&[check]));
                answers.push(answer);
            }
            Err(e) => g.push(failed_item(format!("service {name}"), &e).for_checks(&[check])),
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
        .for_checks(&[CheckId::ServerWebsite, CheckId::ServerAppPool]);
    let apphost_text = match &apphost_item.content {
        Content::File(p) => fs::read(p)
            .ok()
            .map(|b| crate::evidence::text::decode_all(&b, crate::evidence::text::detect(&b))),
        _ => None,
    };
    g.push(apphost_item);

    // WSUS records its IIS site in IISTargetWebsiteIndex (formats.md §5.2); IIS names the
    // site's log folder W3SVC<site id> under the logFile directory.
    let site_id = registry_dword(registry, keys::WSUS_SETUP, "IISTargetWebsiteIndex").unwrap_or(1);
    let log_root = apphost_text
        .as_deref()
        .and_then(|t| {
            crate::parsers::apphost_config::parse(t, &mut crate::parsers::ParseStats::default())
                .log_directory(u64::from(site_id))
        })
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
        &[CheckId::ServerIisLog],
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
        &[CheckId::ServerHttperr],
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
            .for_checks(&[CheckId::ServerVersion, CheckId::ServerDatabase]),
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
                crate::evidence::text::decode_all(&b, crate::evidence::text::detect(&b))
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
    g.push(item.for_checks(&[CheckId::ClientWuLog, CheckId::ClientReachesServer]));

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
        &[CheckId::ClientConfigmgr],
    );
}

/// A Windows 10 WindowsUpdate.log that only says to run Get-WindowsUpdateLog is a few hundred
/// bytes; a real log is far larger.
const ETW_STUB_MAX_BYTES: u64 = 4096;

/// IIS's default `logFile` directory (siteDefaults in a fresh applicationHost.config).
pub(crate) const IIS_DEFAULT_LOG_DIRECTORY: &str = r"%SystemDrive%\inetpub\logs\LogFiles";

fn gather_folder(
    source: &dyn Source,
    g: &mut Gathered,
    dir: &str,
    zip_dir: &str,
    cutoff: Option<SystemTime>,
    wanted: impl Fn(&str) -> bool,
    checks: &[CheckId],
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

    fn for_checks(mut self, checks: &[CheckId]) -> Self {
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
        let budget = std::sync::Arc::new(crate::evidence::budget::Budget::default());
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
                    check: *check,
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
            ansi_code_page: self
                .ansi_code_page
                .map(|code_page| crate::evidence::text::AnsiHint {
                    code_page,
                    source: crate::tr!("code-page-getacp", code_page = code_page.to_string()),
                }),
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
            "code_pages": { "ansi": self.ansi_code_page },
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
                    manifest["items"][index]["error"] =
                        crate::evidence::describe_io(&e).en().into();
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

/// Expands `%NAME%` references the way Windows does: unknown names stay as written.
pub(crate) fn expand_env(text: &str, lookup: impl Fn(&str) -> Option<String>) -> String {
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
