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
    pub fn description(self) -> crate::i18n::Text {
        match self {
            Kind::IisW3c => crate::tr!("kind-iis-w3c"),
            Kind::Httperr => crate::tr!("kind-httperr"),
            Kind::WindowsUpdateLog => crate::tr!("kind-windowsupdate-log"),
            Kind::Cmtrace => crate::tr!("kind-cmtrace"),
            Kind::RegExport => crate::tr!("kind-reg-export"),
            Kind::ApplicationHostConfig => crate::tr!("kind-applicationhost-config"),
            Kind::Evtx => crate::tr!("kind-evtx"),
            Kind::ScQuery => crate::tr!("kind-sc-query"),
            Kind::RegQuery => crate::tr!("kind-reg-query"),
            Kind::NetshWinhttpProxy => crate::tr!("kind-netsh-winhttp-proxy"),
            Kind::Ipconfig => crate::tr!("kind-ipconfig"),
            Kind::AppcmdSite => crate::tr!("kind-appcmd-site"),
            Kind::AppcmdApppool => crate::tr!("kind-appcmd-apppool"),
            Kind::HotfixList => crate::tr!("kind-hotfix-list"),
            Kind::ServiceList => crate::tr!("kind-service-list"),
            Kind::WsusSoftwareDistributionLog => crate::tr!("kind-wsus-softwaredistribution-log"),
            Kind::Certificate => crate::tr!("kind-certificate"),
            Kind::CollectManifest => crate::tr!("kind-collect-manifest"),
            Kind::EventXml => crate::tr!("kind-event-xml"),
            Kind::NetshSslcert => crate::tr!("kind-netsh-sslcert"),
            Kind::ScanStatusExport => crate::tr!("kind-configmgr-scan-status"),
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

    #[test]
    fn every_kind_is_described_in_each_language() {
        use crate::i18n::Lang;
        for k in Kind::ALL {
            assert!(!k.description().local(Lang::Ja).is_empty());
        }
        assert_eq!(&*Kind::Httperr.description(), "HTTP.sys error log");
        assert_eq!(
            Kind::Httperr.description().local(Lang::Ja),
            "HTTP.sys エラー ログ"
        );
    }
}
