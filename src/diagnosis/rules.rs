//! The root-cause rules, in one table that reads like the troubleshooting knowledge it encodes.
//!
//! Checks tag their findings with symptom ids (`Finding::symptom`). A rule becomes a candidate
//! when one of its *triggers* (an observed failure) is present; its *supports* (configuration
//! that explains the failure, corroborating errors on the other side) raise its confidence; its
//! *refuters* (symptoms that explain the same failure better) lower it. To add a cause: add a row
//! here and a bundle under `tests/fixtures/diagnosis/` that shows it.

use crate::finding::{Remedy, Symptom};
use crate::knowledge::remedy::causes;
use serde::Serialize;

/// A root cause's stable id (`wsuspool-memory`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, strum::IntoStaticStr, strum::VariantArray,
)]
#[serde(rename_all = "kebab-case")]
#[strum(serialize_all = "kebab-case")]
pub enum CauseId {
    WsuspoolMemory,
    WsuspoolStopped,
    ServiceDown,
    SiteUnavailable,
    MissingVdir,
    SslMisconfigured,
    ClientWrongServer,
    ProxyInTheWay,
    ConfigmgrVsGpo,
    CorruptLocalPolicy,
    MissingMimeMap,
    NetworkBlock,
    AspnetImpersonation,
    PrerequisitesMissing,
    WsusDatabase,
}

impl CauseId {
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// Evidence that settles a rule's decisive step, and how to collect it when it is missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    IisLog,
    Httperr,
    SystemLog,
    AppHostConfig,
    ClientWuLog,
    ClientPolicy,
    ConfigMgrLogs,
    ClientIdentity,
    WsusLog,
}

impl Need {
    /// What to collect, as an administrator would do it.
    pub fn how(self) -> &'static str {
        match self {
            Need::IisLog => "collect the WSUS site's IIS logs (C:\\inetpub\\logs\\LogFiles\\W3SVC<IISTargetWebsiteIndex>) for the same hours",
            Need::Httperr => "collect the server's HTTP.sys error logs (C:\\Windows\\System32\\LogFiles\\HTTPERR, elevated) for the same hours",
            Need::SystemLog => "export the server's System log: wevtutil epl System System.evtx",
            Need::AppHostConfig => "collect %windir%\\System32\\inetsrv\\config\\applicationHost.config from the WSUS server",
            Need::ClientWuLog => "collect the client's WindowsUpdate.log (Get-WindowsUpdateLog on Windows 10 and later)",
            Need::ClientPolicy => "export the client's policy: reg export HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate wu-policy.reg",
            Need::ConfigMgrLogs => "collect the client's %windir%\\CCM\\Logs\\LocationServices.log and WUAHandler.log",
            Need::ClientIdentity => "collect the client's ipconfig /all output (or pass --client-ip)",
            Need::WsusLog => "collect the WSUS server's %ProgramFiles%\\Update Services\\LogFiles\\SoftwareDistribution.log",
        }
    }
}

/// One root cause and how it is recognised.
pub struct Rule {
    pub id: CauseId,
    pub title: &'static str,
    pub triggers: &'static [Symptom],
    pub supports: &'static [Symptom],
    pub refuters: &'static [Symptom],
    /// What would show the cause is not the right one.
    pub refuted_by: &'static [&'static str],
    pub needs: &'static [Need],
    pub first_fix: fn(&causes::FixContext) -> Remedy,
    /// Orders causes of equal score: the cause that explains more of the rest comes first.
    pub weight: u32,
}

/// The rules, most specific first.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: CauseId::WsuspoolMemory,
        title: "WsusPool runs out of its private memory limit and recycles under load: clients get 503s and time out",
        triggers: &[Symptom::Iis503Burst, Symptom::HttperrQueueFull, Symptom::HttperrAbandoned, Symptom::EventsMemoryRecycle, Symptom::ProbeHttp503],
        supports: &[Symptom::AppPoolPrivateMemory, Symptom::EventsBurstCorrelation, Symptom::WuLogBurstCorrelation, Symptom::AppPoolQueueLength, Symptom::EventsMemoryRecycle, Symptom::EventsWorkerCrash, Symptom::HttperrPoolOffline, Symptom::WuLogTimeouts, Symptom::WuLog503, Symptom::Iis503Burst, Symptom::HttperrQueueFull, Symptom::HttperrAbandoned, Symptom::ReachHttperrOnly],
        refuters: &[Symptom::ServicesW3svcDown, Symptom::ServicesWasDown, Symptom::WebsiteStopped],
        refuted_by: &[
            "WsusPool with a private memory limit of 0 (no limit) or several GB and no WAS private-memory recycles (5117) at the burst times",
            "503s that stop after the pool is started with no memory change (then the pool was only stopped)",
        ],
        needs: &[Need::IisLog, Need::Httperr, Need::SystemLog, Need::AppHostConfig],
        first_fix: causes::pool_memory,
        weight: 90,
    },
    Rule {
        id: CauseId::WsuspoolStopped,
        title: "WsusPool is stopped (or disabled by rapid-fail protection)",
        triggers: &[Symptom::AppPoolStopped, Symptom::AppPoolRapidFail, Symptom::HttperrPoolOffline],
        supports: &[Symptom::Iis503Burst, Symptom::WuLog503, Symptom::ProbeHttp503, Symptom::EventsWorkerCrash, Symptom::ReachHttperrOnly],
        // Memory recycles explain the crashes that made rapid-fail protection stop the pool.
        refuters: &[Symptom::EventsMemoryRecycle, Symptom::AppPoolPrivateMemory],
        refuted_by: &["appcmd list apppool showing WsusPool state:Started with no AppOffline or Disabled in HTTPERR afterwards"],
        needs: &[Need::Httperr, Need::SystemLog],
        first_fix: causes::pool_start,
        weight: 85,
    },
    Rule {
        id: CauseId::ServiceDown,
        title: "A WSUS server service is down (WsusService, W3SVC or WAS)",
        triggers: &[Symptom::ServicesWsusserviceDown, Symptom::ServicesW3svcDown, Symptom::ServicesWasDown],
        supports: &[Symptom::EventsServiceCrash, Symptom::WuLogCannotConnect, Symptom::ProbeRefused, Symptom::WuLog503],
        refuters: &[],
        refuted_by: &["sc query showing the services RUNNING at the time the clients failed"],
        needs: &[Need::SystemLog],
        first_fix: causes::services,
        weight: 95,
    },
    Rule {
        id: CauseId::WsusDatabase,
        title: "The WSUS database (SUSDB) is down or failing: WSUS answers its clients with server errors",
        // 500s and SOAP faults alone have other causes (impersonation, a broken web.config);
        // only the database's own state or WSUS's failed queries point at it.
        triggers: &[Symptom::DatabaseServiceDown, Symptom::DatabaseSqlExceptions],
        supports: &[Symptom::Iis500, Symptom::WuLog500, Symptom::WuLogSoapFault, Symptom::ProbeSoapFault],
        refuters: &[],
        refuted_by: &[
            "the database service running and SoftwareDistribution.log free of SqlException at the times the clients failed",
            "sqlcmd connecting to the instance and querying SUSDB from the WSUS server",
        ],
        needs: &[Need::IisLog, Need::WsusLog],
        first_fix: causes::database,
        weight: 92,
    },
    Rule {
        id: CauseId::SiteUnavailable,
        title: "The WSUS web site is stopped, missing or bound to other ports than the clients use",
        triggers: &[Symptom::WebsiteStopped, Symptom::WebsiteMissing, Symptom::WebsiteBindingMismatch],
        supports: &[Symptom::ProbeRefused, Symptom::WuLogCannotConnect, Symptom::ReachAbsent],
        refuters: &[],
        refuted_by: &["appcmd list site showing the WSUS site Started with bindings on the clients' port"],
        needs: &[Need::AppHostConfig],
        first_fix: causes::site,
        weight: 80,
    },
    Rule {
        id: CauseId::MissingVdir,
        title: "A WSUS virtual directory is missing (404 on WSUS endpoints)",
        triggers: &[Symptom::WebsiteVdirMissing, Symptom::Iis404Vdir, Symptom::ProbeHttp404],
        supports: &[Symptom::WuLog404],
        refuters: &[Symptom::PolicyPortMismatch, Symptom::WebsiteBindingMismatch],
        refuted_by: &["the virtual directory present in applicationHost.config under the WSUS site"],
        needs: &[Need::AppHostConfig, Need::IisLog],
        first_fix: causes::vdir,
        weight: 70,
    },
    Rule {
        id: CauseId::MissingMimeMap,
        title: "IIS has no MIME type for a kind of update content on the WSUS site: its downloads fail with 404.3",
        triggers: &[Symptom::Iis404Mime],
        supports: &[Symptom::WebsiteMimeMissing],
        refuters: &[],
        refuted_by: &["the same /Content URL answering 200 after the MIME type was added, with no 404.3 afterwards"],
        needs: &[Need::IisLog, Need::AppHostConfig],
        first_fix: causes::mime_map,
        weight: 72,
    },
    Rule {
        id: CauseId::SslMisconfigured,
        title: "SSL or certificate configuration stops the clients",
        triggers: &[Symptom::TlsSslRequiredContent, Symptom::TlsClientCert, Symptom::TlsNoBinding, Symptom::TlsCertProblem, Symptom::ProbeTlsUntrusted, Symptom::ProbeTlsName, Symptom::ProbeTlsExpired, Symptom::ProbeTlsFailed, Symptom::WuLogTls, Symptom::WuLogClientCert, Symptom::Iis403Wua, Symptom::PolicyHttpsPortNoCertificate],
        // The server's Schannel failures in the clients' TLS error minutes are the same handshakes
        // seen from the other side; a policy host the certificate does not name explains them.
        supports: &[Symptom::ProbeHttp403, Symptom::WuLog403, Symptom::PolicyHttpsWithoutSsl, Symptom::TlsSchannelAtClientFailures, Symptom::PolicyHostNotInCertificate],
        refuters: &[],
        refuted_by: &["a probe of the https URL that passes TLS verification from a client"],
        needs: &[Need::AppHostConfig, Need::ClientWuLog],
        first_fix: causes::ssl,
        weight: 75,
    },
    Rule {
        id: CauseId::ClientWrongServer,
        title: "The client is pointed at the wrong server URL",
        triggers: &[Symptom::PolicyPlaceholder, Symptom::PolicyTrailingSlash, Symptom::PolicyShortName, Symptom::PolicyPortMismatch, Symptom::PolicyInvalidUrl, Symptom::PolicyNotWsus, Symptom::WuLogServerDiffers, Symptom::IisTrailingSlash, Symptom::PolicyHttpsWithoutSsl, Symptom::PolicyPortNotServed, Symptom::Iis404OtherSite, Symptom::PolicyHostNotInCertificate],
        supports: &[Symptom::WuLogDns, Symptom::WuLogCannotConnect, Symptom::WuLogTimeouts, Symptom::ReachAbsent, Symptom::ProbeDns, Symptom::PolicyStatusDiffers, Symptom::PolicyIpAddress, Symptom::PolicyNoPort],
        refuters: &[],
        refuted_by: &["the same URL working from another client (wsus-doctor probe URL)"],
        needs: &[Need::ClientPolicy, Need::ClientWuLog],
        first_fix: causes::policy,
        weight: 88,
    },
    Rule {
        id: CauseId::ProxyInTheWay,
        title: "A proxy sits between the client and WSUS",
        triggers: &[Symptom::ProxyNoBypass, Symptom::WuLogProxy],
        supports: &[Symptom::WuLogTimeouts, Symptom::ReachAbsent],
        refuters: &[],
        refuted_by: &["the client reaching WSUS with the proxy bypassed (netsh winhttp reset proxy, then UsoClient StartScan)"],
        needs: &[Need::ClientWuLog],
        first_fix: causes::proxy,
        weight: 60,
    },
    Rule {
        id: CauseId::ConfigmgrVsGpo,
        title: "Configuration Manager hands out a different WSUS than Group Policy sets",
        triggers: &[Symptom::ConfigmgrGpoOverride, Symptom::ConfigmgrLocationDiffers],
        supports: &[Symptom::WuLogServerDiffers],
        refuters: &[],
        refuted_by: &["LocationServices.log, the policy registry and WindowsUpdate.log all naming the same server"],
        needs: &[Need::ConfigMgrLogs, Need::ClientPolicy],
        first_fix: causes::configmgr,
        weight: 65,
    },
    Rule {
        id: CauseId::CorruptLocalPolicy,
        title: "The client's local Group Policy file (Registry.pol) is corrupt: the Configuration Manager client cannot set its WSUS server",
        triggers: &[Symptom::ConfigmgrCorruptPolicy],
        supports: &[Symptom::ConfigmgrScanErrors, Symptom::ConfigmgrNoLocation],
        refuters: &[],
        refuted_by: &["WUAHandler.log logging 'Added Update Source' for the WSUS source after the 0x80004005 lines, without a newer error"],
        needs: &[Need::ConfigMgrLogs],
        first_fix: causes::corrupt_local_policy,
        weight: 66,
    },
    Rule {
        id: CauseId::NetworkBlock,
        title: "The network blocks the client: its requests never reach the server",
        triggers: &[Symptom::ReachAbsent],
        supports: &[Symptom::WuLogTimeouts, Symptom::WuLogCannotConnect, Symptom::ProbeTimeout],
        refuters: &[Symptom::PolicyPlaceholder, Symptom::PolicyTrailingSlash, Symptom::PolicyShortName, Symptom::PolicyPortMismatch, Symptom::PolicyInvalidUrl, Symptom::PolicyNotWsus, Symptom::ProxyNoBypass, Symptom::WebsiteBindingMismatch, Symptom::PolicyHttpsWithoutSsl, Symptom::PolicyHostNotInCertificate, Symptom::PolicyHttpsPortNoCertificate],
        refuted_by: &["the client's address in the server's HTTPERR log (then HTTP.sys rejected it)"],
        needs: &[Need::IisLog, Need::Httperr, Need::ClientIdentity],
        first_fix: causes::network,
        weight: 50,
    },
    Rule {
        id: CauseId::AspnetImpersonation,
        title: "ASP.NET impersonation is enabled on the WSUS site: every WSUS endpoint answers 500.24",
        triggers: &[Symptom::WebsiteImpersonation, Symptom::Iis500Impersonation],
        supports: &[Symptom::WuLog500, Symptom::ProbeSoapFault],
        refuters: &[],
        refuted_by: &["the IIS log showing WSUS endpoints answering 200 after the setting was found"],
        needs: &[Need::IisLog],
        first_fix: causes::impersonation,
        weight: 78,
    },
    Rule {
        id: CauseId::PrerequisitesMissing,
        title: "The WSUS server lacks the update the guide requires",
        triggers: &[Symptom::VersionWsus3Unpatched, Symptom::VersionRollupMissing],
        supports: &[Symptom::WuLogSoapFault],
        refuters: &[],
        refuted_by: &["the installed-updates list showing KB4039929 (or the named rollup, or a later one)"],
        needs: &[],
        first_fix: causes::prerequisites,
        weight: 40,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_are_unique_and_complete() {
        for (i, r) in RULES.iter().enumerate() {
            assert!(RULES[i + 1..].iter().all(|o| o.id != r.id), "{:?}", r.id);
            assert!(
                !r.triggers.is_empty() && !r.refuted_by.is_empty(),
                "{:?}",
                r.id
            );
            assert!(!(r.first_fix)(&causes::FixContext::default())
                .text
                .is_empty());
        }
    }
}
