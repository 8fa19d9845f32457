//! Registry values from every source (`.reg` exports, `reg query` output, the live registry), in
//! one store keyed by the full key path.
//!
//! Lookups are case-insensitive, as the registry is, and accept `HKLM\` for
//! `HKEY_LOCAL_MACHINE\`. The policy keys are also accepted under `SOFTWARE\Wow6432Node\`, where
//! ConfigMgr documentation shows them (formats.md §5.1, B4).

use crate::values::{EvidenceRef, RegData};
use serde::Serialize;
use std::collections::BTreeMap;

/// The well-known keys the checks read.
pub mod keys {
    pub(crate) const WSUS_SETUP: &str =
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Update Services\Server\Setup";
    pub(crate) const CURRENT_VERSION: &str =
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion";
    pub const WU_POLICY: &str =
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate";
    pub(crate) const WU_POLICY_AU: &str =
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate\AU";
    pub(crate) const INTERNET_SETTINGS_CONNECTIONS: &str = r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\Connections";
    pub(crate) const CCM_LOGGING: &str =
        r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\CCM\Logging\@Global";
    /// `ACP` here is the machine's ANSI code page (932 on Japanese Windows), the one console
    /// output redirected to a file is written in.
    pub(crate) const NLS_CODE_PAGE: &str =
        r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Nls\CodePage";
    /// `ComputerName` here is the machine's NetBIOS name: it says whose evidence a file is.
    pub(crate) const COMPUTER_NAME: &str =
        r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\ComputerName\ComputerName";
    pub(crate) const ACTIVE_COMPUTER_NAME: &str =
        r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\ComputerName\ActiveComputerName";
    /// `Hostname` here is the DNS host name.
    pub(crate) const TCPIP_PARAMETERS: &str =
        r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\Tcpip\Parameters";
}

/// One value with where it was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RegValue {
    /// The value name as written (`""` for the default value `@`).
    pub name: String,
    pub data: RegData,
    pub origin: EvidenceRef,
}

/// One key and its values.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegKey {
    /// The full path as written, with the root spelled out.
    pub path: String,
    /// Values by lower-cased name.
    pub values: BTreeMap<String, RegValue>,
    /// Where the key was seen (its `[...]` line, or the live registry).
    pub origin: Option<EvidenceRef>,
    /// The export deletes this key (`[-HKEY_...]`).
    pub deleted: bool,
}

/// All registry keys seen in the evidence.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RegistryFacts {
    keys: BTreeMap<String, RegKey>,
}

/// Spells out the root (`HKLM` → `HKEY_LOCAL_MACHINE`), drops a `Computer\` prefix that regedit's
/// address bar adds, trims spaces and trailing backslashes.
pub(crate) fn canonical_key(path: &str) -> String {
    let p = path.trim().trim_end_matches('\\').trim();
    let p = p.strip_prefix("Computer\\").unwrap_or(p);
    let (root, rest) = match p.find('\\') {
        Some(i) => (&p[..i], &p[i..]),
        None => (p, ""),
    };
    let root = match root.to_ascii_uppercase().as_str() {
        "HKLM" | "HKEY_LOCAL_MACHINE" => "HKEY_LOCAL_MACHINE",
        "HKCU" | "HKEY_CURRENT_USER" => "HKEY_CURRENT_USER",
        "HKCR" | "HKEY_CLASSES_ROOT" => "HKEY_CLASSES_ROOT",
        "HKU" | "HKEY_USERS" => "HKEY_USERS",
        "HKCC" | "HKEY_CURRENT_CONFIG" => "HKEY_CURRENT_CONFIG",
        _ => root,
    };
    format!("{root}{rest}")
}

fn lookup_key(path: &str) -> String {
    canonical_key(path).to_ascii_lowercase()
}

/// The 32-bit view's spelling of a `HKLM\SOFTWARE\...` key.
fn wow64_alias(lower: &str) -> Option<String> {
    let prefix = r"hkey_local_machine\software\";
    lower
        .strip_prefix(prefix)
        .filter(|rest| !rest.starts_with("wow6432node\\"))
        .map(|rest| format!("{prefix}wow6432node\\{rest}"))
}

impl RegistryFacts {
    /// Records that a key exists (or is deleted), returning it for values to be added.
    pub(crate) fn key_mut(&mut self, path: &str, origin: Option<EvidenceRef>) -> &mut RegKey {
        let canonical = canonical_key(path);
        let entry = self
            .keys
            .entry(canonical.to_ascii_lowercase())
            .or_insert_with(|| RegKey {
                path: canonical,
                ..RegKey::default()
            });
        if entry.origin.is_none() {
            entry.origin = origin;
        }
        entry
    }

    /// Sets a value; a later source overrides an earlier one, as importing the exports in order
    /// would.
    pub fn set(&mut self, key: &str, value: RegValue) {
        let k = self.key_mut(key, None);
        k.deleted = false;
        k.values.insert(value.name.to_ascii_lowercase(), value);
    }

    /// Marks a key deleted (an export line `[-HKEY_...]`).
    pub(crate) fn delete_key(&mut self, key: &str, origin: EvidenceRef) {
        let k = self.key_mut(key, Some(origin));
        k.deleted = true;
        k.values.clear();
    }

    /// Removes a value (an export line `"Name"=-`).
    pub(crate) fn delete_value(&mut self, key: &str, name: &str) {
        if let Some(k) = self.keys.get_mut(&lookup_key(key)) {
            k.values.remove(&name.to_ascii_lowercase());
        }
    }

    /// A key, also found under `Wow6432Node` when the native path is absent.
    pub fn key(&self, path: &str) -> Option<&RegKey> {
        let lower = lookup_key(path);
        self.keys
            .get(&lower)
            .or_else(|| wow64_alias(&lower).and_then(|alias| self.keys.get(&alias)))
    }

    /// A value of a key.
    pub fn value(&self, key: &str, name: &str) -> Option<&RegValue> {
        let lower = lookup_key(key);
        let name = name.to_ascii_lowercase();
        let native = self.keys.get(&lower).and_then(|k| k.values.get(&name));
        native.or_else(|| {
            wow64_alias(&lower)
                .and_then(|alias| self.keys.get(&alias))
                .and_then(|k| k.values.get(&name))
        })
    }

    /// The ANSI code page `ACP` under [`keys::NLS_CODE_PAGE`] states, with where it was read.
    pub fn ansi_code_page(&self) -> Option<(crate::evidence::text::CodePage, &EvidenceRef)> {
        let v = self.value(keys::NLS_CODE_PAGE, "ACP")?;
        let number = match &v.data {
            RegData::Sz(s) | RegData::ExpandSz(s) => s.trim().parse().ok()?,
            RegData::Dword(n) => u16::try_from(*n).ok()?,
            _ => return None,
        };
        Some((crate::evidence::text::CodePage::new(number)?, &v.origin))
    }

    /// The machine's name as the registry states it: `ComputerName`, else `ActiveComputerName`,
    /// else the TCP/IP `Hostname`, with where it was read.
    pub(crate) fn computer_name(&self) -> Option<(&str, &EvidenceRef)> {
        [
            (keys::COMPUTER_NAME, "ComputerName"),
            (keys::ACTIVE_COMPUTER_NAME, "ComputerName"),
            (keys::TCPIP_PARAMETERS, "Hostname"),
        ]
        .iter()
        .filter_map(|(key, name)| self.value(key, name))
        .find_map(|v| {
            let name = v.data.as_str()?.trim();
            (!name.is_empty()).then_some((name, &v.origin))
        })
    }

    /// Whether the key exists and is not deleted.
    pub(crate) fn has_key(&self, path: &str) -> bool {
        self.key(path).is_some_and(|k| !k.deleted)
    }

    /// Every key, in path order.
    pub fn keys(&self) -> impl Iterator<Item = &RegKey> {
        self.keys.values()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub(crate) fn merge(&mut self, other: RegistryFacts) {
        for (lower, key) in other.keys {
            match self.keys.get_mut(&lower) {
                Some(mine) => {
                    if key.deleted {
                        mine.deleted = true;
                        mine.values.clear();
                    }
                    if mine.origin.is_none() {
                        mine.origin = key.origin;
                    }
                    if !key.values.is_empty() {
                        mine.deleted = false;
                    }
                    mine.values.extend(key.values);
                }
                None => {
                    self.keys.insert(lower, key);
                }
            }
        }
    }
}

/// Reads a `.reg` export into registry facts, each value with its file and line.
pub(crate) fn ingest_reg_export(
    file: &crate::evidence::EvidenceFile,
    enc: crate::evidence::text::TextEncoding,
) -> std::io::Result<super::Ingested> {
    ingest_items(file, enc, |r, stats, sink| {
        crate::parsers::reg_export::parse(r, stats, sink)
    })
}

/// Reads `reg query` output into registry facts.
pub(crate) fn ingest_reg_query(
    file: &crate::evidence::EvidenceFile,
    enc: crate::evidence::text::TextEncoding,
) -> std::io::Result<super::Ingested> {
    ingest_items(file, enc, |r, stats, sink| {
        crate::parsers::reg_query::parse(r, stats, sink)
    })
}

fn ingest_items<F>(
    file: &crate::evidence::EvidenceFile,
    enc: crate::evidence::text::TextEncoding,
    parse: F,
) -> std::io::Result<super::Ingested>
where
    F: FnOnce(
        Box<dyn std::io::BufRead + Send>,
        &mut crate::parsers::ParseStats,
        &mut dyn FnMut(crate::parsers::reg_export::RegItem),
    ) -> std::io::Result<()>,
{
    use crate::parsers::reg_export::RegItem;
    let mut ing = super::Ingested::default();
    let path = file.display.clone();
    let registry = &mut ing.facts.registry;
    let reference = |key: &str, value: Option<&str>, line: u64| EvidenceRef::Registry {
        key: canonical_key(key),
        value: value.map(str::to_string),
        path: Some(path.clone()),
        line: Some(line),
    };
    let mut sink = |item: RegItem| match item {
        RegItem::Key { path: k, line } => {
            let origin = reference(&k, None, line);
            registry.key_mut(&k, Some(origin));
        }
        RegItem::DeleteKey { path: k, line } => {
            registry.delete_key(&k, reference(&k, None, line));
        }
        RegItem::Value {
            key,
            name,
            data,
            line,
        } => {
            let origin = reference(&key, Some(&name), line);
            registry.set(&key, RegValue { name, data, origin });
        }
        RegItem::DeleteValue { key, name, .. } => registry.delete_value(&key, &name),
    };
    parse(file.text_reader(enc)?, &mut ing.stats, &mut sink)?;
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn val(name: &str, data: RegData) -> RegValue {
        RegValue {
            name: name.into(),
            data,
            origin: EvidenceRef::file("x.reg", Some(3)),
        }
    }

    #[test]
    fn lookups_ignore_case_and_accept_short_roots() {
        let mut r = RegistryFacts::default();
        r.set(
            keys::WU_POLICY,
            val("WUServer", RegData::Sz("http://a:8530".into())),
        );
        let v = r.value(
            r"hklm\software\policies\microsoft\windows\windowsupdate",
            "wuserver",
        );
        assert_eq!(v.unwrap().data.as_str(), Some("http://a:8530"));
    }

    #[test]
    fn wow6432node_copy_is_found() {
        let mut r = RegistryFacts::default();
        r.set(
            r"HKEY_LOCAL_MACHINE\SOFTWARE\Wow6432Node\Policies\Microsoft\Windows\WindowsUpdate\AU",
            val("UseWUServer", RegData::Dword(1)),
        );
        assert_eq!(
            r.value(keys::WU_POLICY_AU, "UseWUServer")
                .unwrap()
                .data
                .as_u64(),
            Some(1)
        );
    }

    #[test]
    fn deletion_then_later_values_follow_import_order() {
        let mut a = RegistryFacts::default();
        a.set(keys::WU_POLICY, val("WUServer", RegData::Sz("x".into())));
        let mut b = RegistryFacts::default();
        b.delete_key(keys::WU_POLICY, EvidenceRef::file("del.reg", Some(3)));
        a.merge(b);
        assert!(!a.has_key(keys::WU_POLICY));
        assert!(a.value(keys::WU_POLICY, "WUServer").is_none());
    }

    #[test]
    fn canonical_key_spells_out_roots() {
        assert_eq!(
            canonical_key(r"Computer\HKLM\SOFTWARE\X\ "),
            r"HKEY_LOCAL_MACHINE\SOFTWARE\X"
        );
    }

    #[test]
    fn exports_record_every_value_with_file_and_line() {
        let text = "Windows Registry Editor Version 5.00\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup] \r\n\"PortNumber\"=dword:00002152 \r\n\"UsingSSL\"=-\r\n";
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let file = crate::evidence::EvidenceFile::memory("setup.reg", bytes);
        let enc = crate::evidence::text::detect(&file.head(4096).unwrap());
        let ing = ingest_reg_export(&file, enc).unwrap();
        assert_eq!(ing.stats.records, 2);
        let v = ing
            .facts
            .registry
            .value(keys::WSUS_SETUP, "portnumber")
            .unwrap();
        assert_eq!(v.data, RegData::Dword(8530));
        assert_eq!(
            v.origin,
            EvidenceRef::Registry {
                key: keys::WSUS_SETUP.into(),
                value: Some("PortNumber".into()),
                path: Some("setup.reg".into()),
                line: Some(3),
            }
        );
    }
}
