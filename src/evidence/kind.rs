//! The kinds of evidence wsus-doctor recognises. The names are part of the JSON interface.

use serde::{Serialize, Serializer};
use std::fmt;

/// A kind of evidence file, recognised by content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// IIS W3C extended log (`u_exYYMMDD.log`).
    IisW3c,
    /// HTTP.sys error log (`httperrN.log`).
    Httperr,
    /// WindowsUpdate.log, legacy or `Get-WindowsUpdateLog` output.
    WindowsUpdateLog,
    /// Configuration Manager log in CMTrace or the older simple format.
    Cmtrace,
    /// regedit / `reg export` file.
    RegExport,
    /// IIS `applicationHost.config`.
    ApplicationHostConfig,
    /// Windows event log file.
    Evtx,
    /// `sc query` / `sc queryex` output.
    ScQuery,
    /// `reg query` output.
    RegQuery,
    /// `netsh winhttp show proxy` output.
    NetshWinhttpProxy,
    /// `ipconfig /all` output.
    Ipconfig,
    /// `appcmd list site` output.
    AppcmdSite,
    /// `appcmd list apppool` output.
    AppcmdApppool,
    /// `Get-HotFix` or `wmic qfe list` output.
    HotfixList,
    /// `Get-Service | ConvertTo-Json` or `Export-Csv` output.
    ServiceList,
    /// WSUS server's own `SoftwareDistribution.log`.
    WsusSoftwareDistributionLog,
    /// An X.509 certificate (PEM or DER).
    Certificate,
    /// The manifest `wsus-doctor collect` writes into its zip.
    CollectManifest,
    /// Event records exported as XML (`wevtutil qe /f:xml`, `evtx_dump -o xml`).
    EventXml,
    /// `netsh http show sslcert` output.
    NetshSslcert,
    /// Configuration Manager's scan status of many clients (`v_UpdateScanStatus`) as CSV or
    /// tab-separated text.
    ScanStatusExport,
}

impl Kind {
    pub const ALL: &'static [Kind] = &[
        Kind::IisW3c,
        Kind::Httperr,
        Kind::WindowsUpdateLog,
        Kind::Cmtrace,
        Kind::RegExport,
        Kind::ApplicationHostConfig,
        Kind::Evtx,
        Kind::ScQuery,
        Kind::RegQuery,
        Kind::NetshWinhttpProxy,
        Kind::Ipconfig,
        Kind::AppcmdSite,
        Kind::AppcmdApppool,
        Kind::HotfixList,
        Kind::ServiceList,
        Kind::WsusSoftwareDistributionLog,
        Kind::Certificate,
        Kind::CollectManifest,
        Kind::EventXml,
        Kind::NetshSslcert,
        Kind::ScanStatusExport,
    ];

    /// The stable name used in JSON and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::IisW3c => "iis-w3c",
            Kind::Httperr => "httperr",
            Kind::WindowsUpdateLog => "windowsupdate-log",
            Kind::Cmtrace => "cmtrace",
            Kind::RegExport => "reg-export",
            Kind::ApplicationHostConfig => "applicationhost-config",
            Kind::Evtx => "evtx",
            Kind::ScQuery => "sc-query",
            Kind::RegQuery => "reg-query",
            Kind::NetshWinhttpProxy => "netsh-winhttp-proxy",
            Kind::Ipconfig => "ipconfig",
            Kind::AppcmdSite => "appcmd-site",
            Kind::AppcmdApppool => "appcmd-apppool",
            Kind::HotfixList => "hotfix-list",
            Kind::ServiceList => "service-list",
            Kind::WsusSoftwareDistributionLog => "wsus-softwaredistribution-log",
            Kind::Certificate => "certificate",
            Kind::CollectManifest => "collect-manifest",
            Kind::EventXml => "event-xml",
            Kind::NetshSslcert => "netsh-sslcert",
            Kind::ScanStatusExport => "configmgr-scan-status",
        }
    }

    /// What the kind is, for the inventory table.
    pub fn description(self) -> &'static str {
        match self {
            Kind::IisW3c => "IIS W3C extended log",
            Kind::Httperr => "HTTP.sys error log",
            Kind::WindowsUpdateLog => "WindowsUpdate.log",
            Kind::Cmtrace => "Configuration Manager log",
            Kind::RegExport => "registry export (.reg)",
            Kind::ApplicationHostConfig => "IIS applicationHost.config",
            Kind::Evtx => "Windows event log",
            Kind::ScQuery => "sc query output",
            Kind::RegQuery => "reg query output",
            Kind::NetshWinhttpProxy => "netsh winhttp show proxy output",
            Kind::Ipconfig => "ipconfig /all output",
            Kind::AppcmdSite => "appcmd list site output",
            Kind::AppcmdApppool => "appcmd list apppool output",
            Kind::HotfixList => "installed updates (Get-HotFix / wmic qfe)",
            Kind::ServiceList => "Get-Service export",
            Kind::WsusSoftwareDistributionLog => "WSUS SoftwareDistribution.log",
            Kind::Certificate => "X.509 certificate",
            Kind::CollectManifest => "wsus-doctor collect manifest",
            Kind::EventXml => "event log records as XML",
            Kind::NetshSslcert => "netsh http show sslcert output",
            Kind::ScanStatusExport => "ConfigMgr scan status export (v_UpdateScanStatus)",
        }
    }

    #[cfg(test)]
    pub(crate) fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_round_trip() {
        let mut names: Vec<&str> = Kind::ALL.iter().map(|k| k.name()).collect();
        for k in Kind::ALL {
            assert_eq!(Kind::from_name(k.name()), Some(*k));
        }
        names.sort();
        names.dedup();
        assert_eq!(names.len(), Kind::ALL.len());
    }
}
