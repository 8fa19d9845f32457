//! What Configuration Manager client logs say: the WSUS locations the management point handed
//! out (LocationServices.log), the server WUAHandler wrote into the Windows Update policy, Group
//! Policy overriding it, and scan errors (WUAHandler.log, ScanAgent.log). Messages as documented in
//! formats.md §8.4 (CM-COMPLIANCE, KB3090184).
//!
//! Read by `client.configmgr` and the diagnosis. Times are CMTrace stamps with their bias.

use super::Ingested;
use crate::evidence::{text::TextEncoding, EvidenceFile};
use crate::parsers::cmtrace::{Reader, Record};
use crate::values::time::Stamp;
use crate::values::EvidenceRef;
use serde::Serialize;

/// A `WSUS Path='…', Server='…', Version='…'` line of LocationServices.log.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WsusLocation {
    pub path: String,
    pub server: String,
    pub version: String,
    pub time: Option<Stamp>,
    pub origin: EvidenceRef,
}

/// How WUAHandler reported the managed server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum ManagedServerAction {
    /// `Enabling WUA Managed server policy to use server: X`.
    Enabling,
    /// `Existing WUA Managed server was already set (X)`.
    AlreadySet,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ManagedServer {
    pub server: String,
    pub action: ManagedServerAction,
    pub time: Option<Stamp>,
    pub origin: EvidenceRef,
}

/// `Group policy settings were overwritten by a higher authority (…) to: Server X and Policy Y`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GpoOverride {
    pub authority: Option<String>,
    pub server: Option<String>,
    pub policy: Option<String>,
    pub time: Option<Stamp>,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

/// A failed scan with its HRESULT.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct ScanError {
    pub hresult: u32,
    pub time: Option<Stamp>,
    pub component: String,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

/// A WUAHandler line saying the local Group Policy object could not be read or the WSUS update
/// source could not be added to it: `Unable to read existing WUA Group Policy object. Error =
/// 0x80004005`, `Failed to Add Update Source for WUAgent of type (2) and id ({…}). Error =
/// 0x80004005`. With E_FAIL both mean the local policy file Registry.pol cannot be parsed.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct LocalPolicyError {
    pub hresult: u32,
    pub time: Option<Stamp>,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

/// A line of WUAHandler.log or UpdatesDeployment.log carrying 0x87D00692, the ConfigMgr client's
/// "group policy conflict".
#[derive(Debug, Clone, Serialize)]
pub(crate) struct GroupPolicyConflict {
    pub time: Option<Stamp>,
    pub component: String,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

/// E_FAIL, the code the unreadable local policy file gives; other codes in these messages are
/// scan errors like any other.
pub(crate) const E_FAIL: u32 = 0x8000_4005;

/// The ConfigMgr client's code for a Windows Update policy overridden by Group Policy.
pub(crate) const GROUP_POLICY_CONFLICT: u32 = 0x87D0_0692;

/// Everything the ConfigMgr logs say.
#[derive(Debug, Clone, Default)]
pub struct ConfigMgrFacts {
    locations: Vec<WsusLocation>,
    managed: Vec<ManagedServer>,
    overrides: Vec<GpoOverride>,
    scan_errors: Vec<ScanError>,
    local_policy_errors: Vec<LocalPolicyError>,
    policy_conflicts: Vec<GroupPolicyConflict>,
    /// LocationServices.log was among the evidence (by file name: other logs, ccmsetup.log for
    /// one, also write records of the LocationServices component).
    pub has_location_services: bool,
    /// The LocationServices.log files read.
    pub location_services_files: Vec<String>,
    /// WUAHandler.log was among the evidence.
    pub has_wuahandler: bool,
    /// CMTrace files read.
    pub files: usize,
    /// The machine's offset from UTC (minutes east) at the latest record, from the CMTrace bias:
    /// the best guess for the zone of the same client's Windows 10 WindowsUpdate.log, which
    /// writes none.
    pub local_offset_minutes: Option<i32>,
}

impl ConfigMgrFacts {
    pub fn is_empty(&self) -> bool {
        self.files == 0
    }
    pub(crate) fn wsus_locations(&self) -> &[WsusLocation] {
        &self.locations
    }
    pub(crate) fn managed_server_settings(&self) -> &[ManagedServer] {
        &self.managed
    }
    pub(crate) fn gpo_overrides(&self) -> &[GpoOverride] {
        &self.overrides
    }
    pub(crate) fn scan_errors(&self) -> &[ScanError] {
        &self.scan_errors
    }

    pub(crate) fn local_policy_errors(&self) -> &[LocalPolicyError] {
        &self.local_policy_errors
    }
    pub(crate) fn group_policy_conflicts(&self) -> &[GroupPolicyConflict] {
        &self.policy_conflicts
    }

    pub(crate) fn merge(&mut self, other: ConfigMgrFacts) {
        self.locations.extend(other.locations);
        self.local_policy_errors.extend(other.local_policy_errors);
        self.policy_conflicts.extend(other.policy_conflicts);
        self.managed.extend(other.managed);
        self.overrides.extend(other.overrides);
        self.scan_errors.extend(other.scan_errors);
        self.has_location_services |= other.has_location_services;
        self.location_services_files
            .extend(other.location_services_files);
        self.has_wuahandler |= other.has_wuahandler;
        self.files += other.files;
        if other.local_offset_minutes.is_some() {
            self.local_offset_minutes = other.local_offset_minutes;
        }
    }

    pub fn finish(&mut self) {
        let key = |t: &Option<Stamp>| t.and_then(|s| s.epoch_seconds()).unwrap_or(i64::MIN);
        self.locations.sort_by_key(|l| key(&l.time));
        self.managed.sort_by_key(|l| key(&l.time));
        self.overrides.sort_by_key(|l| key(&l.time));
        self.scan_errors.sort_by_key(|l| key(&l.time));
        self.local_policy_errors.sort_by_key(|l| key(&l.time));
        self.policy_conflicts.sort_by_key(|l| key(&l.time));
    }

    fn record(&mut self, path: &str, r: &Record) {
        let comp = r.component.to_ascii_lowercase();
        let msg = r.message.trim();
        let origin = EvidenceRef::line(path, r.line);
        if let Some(rest) = msg.strip_prefix("WSUS Path='") {
            let quoted = |name: &str| {
                let i = rest.find(name)?;
                let v = rest.get(i + name.len()..)?;
                v.split('\'').next().map(str::to_string)
            };
            self.locations.push(WsusLocation {
                path: rest.split('\'').next().unwrap_or("").to_string(),
                server: quoted("Server='").unwrap_or_default(),
                version: quoted("Version='").unwrap_or_default(),
                time: r.time,
                origin,
            });
            return;
        }
        if let Some(s) = msg.strip_prefix("Enabling WUA Managed server policy to use server:") {
            self.managed.push(ManagedServer {
                server: s.trim().to_string(),
                action: ManagedServerAction::Enabling,
                time: r.time,
                origin,
            });
            return;
        }
        if let Some(s) = msg.strip_prefix("Existing WUA Managed server was already set (") {
            self.managed.push(ManagedServer {
                server: s.split(')').next().unwrap_or("").trim().to_string(),
                action: ManagedServerAction::AlreadySet,
                time: r.time,
                origin,
            });
            return;
        }
        if msg.starts_with("Group policy settings were overwritten by a higher authority") {
            let authority = msg
                .find('(')
                .and_then(|i| msg.get(i + 1..))
                .and_then(|s| s.split(')').next())
                .map(str::to_string);
            let server = msg
                .find("Server ")
                .and_then(|i| msg.get(i + 7..))
                .and_then(|s| s.split(" and ").next())
                .map(|s| s.trim().to_string());
            let policy = msg
                .find("Policy ")
                .and_then(|i| msg.get(i + 7..))
                .map(|s| s.trim().to_string());
            self.overrides.push(GpoOverride {
                authority,
                server,
                policy,
                time: r.time,
                origin,
                excerpt: crate::parsers::excerpt(msg.as_bytes()),
            });
            return;
        }
        let lower = msg.to_ascii_lowercase();
        let hresult = first_hresult(msg);
        // The client writes these messages in English on every Windows display language.
        if comp == "wuahandler"
            && (lower.starts_with("unable to read existing wua group policy object")
                || lower.starts_with("failed to add update source for wuagent"))
        {
            if let Some(h) = hresult.filter(|h| *h == E_FAIL) {
                self.local_policy_errors.push(LocalPolicyError {
                    hresult: h,
                    time: r.time,
                    origin,
                    excerpt: crate::parsers::excerpt(msg.as_bytes()),
                });
                return;
            }
        }
        // UpdatesDeployment.log writes it as `Job error (0x87d00692) received for assignment …`.
        if (comp == "wuahandler" || comp.starts_with("updatesdeployment"))
            && msg_hresults(msg).any(|h| h == GROUP_POLICY_CONFLICT)
        {
            self.policy_conflicts.push(GroupPolicyConflict {
                time: r.time,
                component: r.component.clone(),
                origin,
                excerpt: crate::parsers::excerpt(msg.as_bytes()),
            });
            return;
        }
        // `OnSearchComplete - Failed to end search job. Error = 0x80244022.`,
        // `Scan failed with error = 0x80244010.`, ScanAgent `Scan Failed with Error=0x…`.
        if (comp == "wuahandler" || comp == "scanagent") && lower.contains("fail") {
            if let Some(h) = hresult {
                self.scan_errors.push(ScanError {
                    hresult: h,
                    time: r.time,
                    component: r.component.clone(),
                    origin,
                    excerpt: crate::parsers::excerpt(msg.as_bytes()),
                });
            }
        }
    }
}

/// The first `0x8xxxxxxx` in a message.
fn first_hresult(msg: &str) -> Option<u32> {
    msg_hresults(msg).next()
}

/// Every `0x8xxxxxxx` in a message, in order.
fn msg_hresults(msg: &str) -> impl Iterator<Item = u32> + '_ {
    msg.match_indices("0x").filter_map(|(i, _)| {
        let d = msg.get(i + 2..i + 10)?;
        let v = u32::from_str_radix(d, 16).ok()?;
        (v & 0x8000_0000 != 0).then_some(v)
    })
}

/// Reads one ConfigMgr log from any reader.
pub fn read(
    path: &str,
    input: impl std::io::BufRead,
) -> std::io::Result<(crate::parsers::ParseStats, ConfigMgrFacts)> {
    let mut reader = Reader::new(input);
    let mut facts = ConfigMgrFacts {
        files: 1,
        ..Default::default()
    };
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    facts.has_location_services = name.contains("locationservices");
    facts.has_wuahandler = name.contains("wuahandler");
    if facts.has_location_services {
        facts.location_services_files.push(path.to_string());
    }
    while let Some(r) = reader.next_record()? {
        if let Some(crate::values::time::Stamp {
            clock: crate::values::time::Clock::Offset(m),
            ..
        }) = r.time
        {
            facts.local_offset_minutes = Some(m);
        }
        facts.record(path, &r);
    }
    let mut stats = reader.stats;
    if !facts.locations.is_empty() {
        stats.note(crate::tr!(
            "note-cm-locations",
            count = facts.locations.len()
        ));
    }
    if !facts.scan_errors.is_empty() {
        stats.note(crate::tr!(
            "note-cm-scan-errors",
            count = facts.scan_errors.len()
        ));
    }
    if !facts.local_policy_errors.is_empty() {
        stats.note(crate::tr!(
            "note-cm-local-policy-errors",
            count = facts.local_policy_errors.len()
        ));
    }
    if !facts.policy_conflicts.is_empty() {
        stats.note(crate::tr!(
            "note-cm-policy-conflicts",
            count = facts.policy_conflicts.len()
        ));
    }
    Ok((stats, facts))
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let (stats, configmgr) = read(&file.display, file.text_reader(enc)?)?;
    let mut ing = Ingested {
        stats,
        ..Default::default()
    };
    ing.facts.configmgr = configmgr;
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(msg: &str, comp: &str, ty: u8) -> String {
        format!("<![LOG[{msg}]LOG]!><time=\"12:18:09.640+480\" date=\"01-20-2014\" component=\"{comp}\" context=\"\" type=\"{ty}\" thread=\"3456\" file=\"\">\n")
    }

    #[test]
    fn locations_managed_server_overrides_and_scan_errors() {
        let text = [
            line("WSUS Path='http://cm01.corp.example.com:8530', Server='CM01.CORP.EXAMPLE.COM', Version='38'", "LocationServices", 1),
            line("Enabling WUA Managed server policy to use server: http://cm01.corp.example.com:8530", "WUAHandler", 1),
            line("Existing WUA Managed server was already set (https://cm01.corp.example.com:8531), skipping Group Policy registration.", "WUAHandler", 1),
            line("Group policy settings were overwritten by a higher authority (Domain Controller) to: Server http://oldwsus and Policy ENABLED", "WUAHandler", 2),
            line("OnSearchComplete - Failed to end search job. Error = 0x80244022.", "WUAHandler", 3),
        ]
        .concat();
        let (stats, mut f) = read("LocationServices.log", text.as_bytes()).unwrap();
        f.finish();
        assert_eq!(stats.records, 5);
        assert!(f.has_location_services && !f.has_wuahandler);
        assert_eq!(f.local_offset_minutes, Some(-480));
        let (_, g) = read(r"C:\Windows\CCM\Logs\ccmsetup.log", text.as_bytes()).unwrap();
        assert!(
            !g.has_location_services,
            "known by file name, not by component"
        );
        let l = &f.wsus_locations()[0];
        assert_eq!(
            (l.path.as_str(), l.server.as_str(), l.version.as_str()),
            (
                "http://cm01.corp.example.com:8530",
                "CM01.CORP.EXAMPLE.COM",
                "38"
            )
        );
        assert_eq!(
            f.managed_server_settings()[1].server,
            "https://cm01.corp.example.com:8531"
        );
        assert_eq!(
            f.managed_server_settings()[1].action,
            ManagedServerAction::AlreadySet
        );
        let o = &f.gpo_overrides()[0];
        assert_eq!(o.server.as_deref(), Some("http://oldwsus"));
        assert_eq!(o.authority.as_deref(), Some("Domain Controller"));
        assert_eq!(o.policy.as_deref(), Some("ENABLED"));
        assert_eq!(f.scan_errors()[0].hresult, 0x80244022);
    }

    #[test]
    fn local_policy_errors_and_group_policy_conflicts_are_their_own_facts() {
        let text = [
            line("Unable to read existing WUA Group Policy object. Error = 0x80004005.", "WUAHandler", 3),
            line("Failed to Add Update Source for WUAgent of type (2) and id ({3AAB6A76-CE2D-4E8A-9F11-741AE69677A2}). Error = 0x80004005.", "WUAHandler", 3),
            // Another code in the same message is a scan error like any other.
            line("Failed to Add Update Source for WUAgent of type (2) and id ({3AAB6A76-CE2D-4E8A-9F11-741AE69677A2}). Error = 0x80240438.", "WUAHandler", 3),
            line("Job error (0x87d00692) received for assignment ({9F2B6C1E-77D4-4C1B-A5E0-3D2A1B0C9E11}) action", "UpdatesDeploymentAgent", 3),
            line("Scan failed with error = 0x87D00692.", "WUAHandler", 3),
            // Another component's E_FAIL with the same words is not WUAHandler's policy read.
            line("Unable to read existing WUA Group Policy object. Error = 0x80004005.", "CcmExec", 3),
        ]
        .concat();
        let (stats, mut f) = read("WUAHandler.log", text.as_bytes()).unwrap();
        f.finish();
        assert_eq!(stats.records, 6);
        let policy: Vec<u64> = f
            .local_policy_errors()
            .iter()
            .map(|e| e.origin.clone())
            .collect::<Vec<_>>()
            .iter()
            .map(|o| match o {
                EvidenceRef::File { line, .. } => line.unwrap_or(0),
                _ => 0,
            })
            .collect();
        assert_eq!(policy, [1, 2]);
        assert!(f.local_policy_errors().iter().all(|e| e.hresult == E_FAIL));
        let conflicts: Vec<(&str, u64)> = f
            .group_policy_conflicts()
            .iter()
            .map(|c| (c.component.as_str(), c.origin.clone()))
            .map(|(comp, o)| match o {
                EvidenceRef::File { line, .. } => (comp, line.unwrap_or(0)),
                _ => (comp, 0),
            })
            .collect();
        assert_eq!(
            conflicts,
            [("UpdatesDeploymentAgent", 4), ("WUAHandler", 5)]
        );
        let scans: Vec<u32> = f.scan_errors().iter().map(|e| e.hresult).collect();
        assert_eq!(scans, [0x80240438]);
    }

    #[test]
    fn random_damage_never_panics() {
        let base = [
            line("WSUS Path='http://a.example.com:8530', Server='A', Version='1'", "LocationServices", 1),
            line("Existing WUA Managed server was already set (http://a:8530), skipping", "WUAHandler", 1),
            line("Scan failed with error = 0x80244022.", "WUAHandler", 3),
            "Successfully connected $$<SMS_WSUS_CONTROL_MANAGER><02-15-2020 14:26:10.093+480><thread=6104 (0x17D8)>\n".to_string(),
        ]
        .concat();
        let mut seed: u64 = 42;
        for _ in 0..300 {
            let mut bytes = base.as_bytes().to_vec();
            for _ in 0..12 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                let at = (seed >> 33) as usize % bytes.len();
                bytes[at] = (seed >> 13) as u8;
            }
            let (stats, _) = read("x.log", &bytes[..]).unwrap();
            assert!(stats.records <= 8);
            let _ = crate::parsers::ipconfig::parse(&bytes[..]).unwrap();
            let _ = crate::parsers::netsh_proxy::parse(&bytes[..]).unwrap();
        }
    }
}
