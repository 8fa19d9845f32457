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

    /// The cause in a sentence (message `cause-<id>`).
    pub fn title(self) -> crate::i18n::Text {
        crate::i18n::Text::new(format!("cause-{}", self.as_str()), Vec::new())
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
    pub fn how(self) -> crate::i18n::Text {
        match self {
            Need::IisLog => crate::tr!("need-iis-log"),
            Need::Httperr => crate::tr!("need-httperr"),
            Need::SystemLog => crate::tr!("need-system-log"),
            Need::AppHostConfig => crate::tr!("need-app-host-config"),
            Need::ClientWuLog => crate::tr!("need-client-wu-log"),
            Need::ClientPolicy => crate::tr!("need-client-policy"),
            Need::ConfigMgrLogs => crate::tr!("need-config-mgr-logs"),
            Need::ClientIdentity => crate::tr!("need-client-identity"),
            Need::WsusLog => crate::tr!("need-wsus-log"),
        }
    }
}

/// One root cause and how it is recognised.
pub struct Rule {
    pub id: CauseId,
    pub triggers: &'static [Symptom],
    pub supports: &'static [Symptom],
    pub refuters: &'static [Symptom],
    /// What would show the cause is not the right one: message ids (`cause-<id>-refuted-<n>`).
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
        triggers: &[
            Symptom::Iis503Burst,
            Symptom::HttperrQueueFull,
            Symptom::HttperrAbandoned,
            Symptom::EventsMemoryRecycle,
            Symptom::ProbeHttp503,
        ],
        supports: &[
            Symptom::AppPoolPrivateMemory,
            Symptom::EventsBurstCorrelation,
            Symptom::WuLogBurstCorrelation,
            Symptom::AppPoolQueueLength,
            Symptom::EventsMemoryRecycle,
            Symptom::EventsWorkerCrash,
            Symptom::HttperrPoolOffline,
            Symptom::WuLogTimeouts,
            Symptom::WuLog503,
            Symptom::Iis503Burst,
            Symptom::HttperrQueueFull,
            Symptom::HttperrAbandoned,
            Symptom::ReachHttperrOnly,
        ],
        refuters: &[
            Symptom::ServicesW3svcDown,
            Symptom::ServicesWasDown,
            Symptom::WebsiteStopped,
        ],
        refuted_by: &[
            "cause-wsuspool-memory-refuted-1",
            "cause-wsuspool-memory-refuted-2",
        ],
        needs: &[
            Need::IisLog,
            Need::Httperr,
            Need::SystemLog,
            Need::AppHostConfig,
        ],
        first_fix: causes::pool_memory,
        weight: 90,
    },
    Rule {
        id: CauseId::WsuspoolStopped,
        triggers: &[
            Symptom::AppPoolStopped,
            Symptom::AppPoolRapidFail,
            Symptom::HttperrPoolOffline,
        ],
        supports: &[
            Symptom::Iis503Burst,
            Symptom::WuLog503,
            Symptom::ProbeHttp503,
            Symptom::EventsWorkerCrash,
            Symptom::ReachHttperrOnly,
        ],
        // Memory recycles explain the crashes that made rapid-fail protection stop the pool.
        refuters: &[Symptom::EventsMemoryRecycle, Symptom::AppPoolPrivateMemory],
        refuted_by: &["cause-wsuspool-stopped-refuted-1"],
        needs: &[Need::Httperr, Need::SystemLog],
        first_fix: causes::pool_start,
        weight: 85,
    },
    Rule {
        id: CauseId::ServiceDown,
        triggers: &[
            Symptom::ServicesWsusserviceDown,
            Symptom::ServicesW3svcDown,
            Symptom::ServicesWasDown,
        ],
        supports: &[
            Symptom::EventsServiceCrash,
            Symptom::WuLogCannotConnect,
            Symptom::ProbeRefused,
            Symptom::WuLog503,
        ],
        refuters: &[],
        refuted_by: &["cause-service-down-refuted-1"],
        needs: &[Need::SystemLog],
        first_fix: causes::services,
        weight: 95,
    },
    Rule {
        id: CauseId::WsusDatabase,
        // 500s and SOAP faults alone have other causes (impersonation, a broken web.config);
        // only the database's own state or WSUS's failed queries point at it.
        triggers: &[Symptom::DatabaseServiceDown, Symptom::DatabaseSqlExceptions],
        supports: &[
            Symptom::Iis500,
            Symptom::WuLog500,
            Symptom::WuLogSoapFault,
            Symptom::ProbeSoapFault,
        ],
        refuters: &[],
        refuted_by: &[
            "cause-wsus-database-refuted-1",
            "cause-wsus-database-refuted-2",
        ],
        needs: &[Need::IisLog, Need::WsusLog],
        first_fix: causes::database,
        weight: 92,
    },
    Rule {
        id: CauseId::SiteUnavailable,
        triggers: &[
            Symptom::WebsiteStopped,
            Symptom::WebsiteMissing,
            Symptom::WebsiteBindingMismatch,
        ],
        supports: &[
            Symptom::ProbeRefused,
            Symptom::WuLogCannotConnect,
            Symptom::ReachAbsent,
        ],
        refuters: &[],
        refuted_by: &["cause-site-unavailable-refuted-1"],
        needs: &[Need::AppHostConfig],
        first_fix: causes::site,
        weight: 80,
    },
    Rule {
        id: CauseId::MissingVdir,
        triggers: &[
            Symptom::WebsiteVdirMissing,
            Symptom::Iis404Vdir,
            Symptom::ProbeHttp404,
        ],
        supports: &[Symptom::WuLog404],
        refuters: &[Symptom::PolicyPortMismatch, Symptom::WebsiteBindingMismatch],
        refuted_by: &["cause-missing-vdir-refuted-1"],
        needs: &[Need::AppHostConfig, Need::IisLog],
        first_fix: causes::vdir,
        weight: 70,
    },
    Rule {
        id: CauseId::MissingMimeMap,
        triggers: &[Symptom::Iis404Mime],
        supports: &[Symptom::WebsiteMimeMissing],
        refuters: &[],
        refuted_by: &["cause-missing-mime-map-refuted-1"],
        needs: &[Need::IisLog, Need::AppHostConfig],
        first_fix: causes::mime_map,
        weight: 72,
    },
    Rule {
        id: CauseId::SslMisconfigured,
        triggers: &[
            Symptom::TlsSslRequiredContent,
            Symptom::TlsClientCert,
            Symptom::TlsNoBinding,
            Symptom::TlsCertProblem,
            Symptom::ProbeTlsUntrusted,
            Symptom::ProbeTlsName,
            Symptom::ProbeTlsExpired,
            Symptom::ProbeTlsFailed,
            Symptom::WuLogTls,
            Symptom::WuLogClientCert,
            Symptom::Iis403Wua,
            Symptom::PolicyHttpsPortNoCertificate,
        ],
        // The server's Schannel failures in the clients' TLS error minutes are the same handshakes
        // seen from the other side; a policy host the certificate does not name explains them.
        supports: &[
            Symptom::ProbeHttp403,
            Symptom::WuLog403,
            Symptom::PolicyHttpsWithoutSsl,
            Symptom::TlsSchannelAtClientFailures,
            Symptom::PolicyHostNotInCertificate,
        ],
        refuters: &[],
        refuted_by: &["cause-ssl-misconfigured-refuted-1"],
        needs: &[Need::AppHostConfig, Need::ClientWuLog],
        first_fix: causes::ssl,
        weight: 75,
    },
    Rule {
        id: CauseId::ClientWrongServer,
        triggers: &[
            Symptom::PolicyPlaceholder,
            Symptom::PolicyTrailingSlash,
            Symptom::PolicyShortName,
            Symptom::PolicyPortMismatch,
            Symptom::PolicyInvalidUrl,
            Symptom::PolicyNotWsus,
            Symptom::WuLogServerDiffers,
            Symptom::IisTrailingSlash,
            Symptom::PolicyHttpsWithoutSsl,
            Symptom::PolicyPortNotServed,
            Symptom::Iis404OtherSite,
            Symptom::PolicyHostNotInCertificate,
        ],
        supports: &[
            Symptom::WuLogDns,
            Symptom::WuLogCannotConnect,
            Symptom::WuLogTimeouts,
            Symptom::ReachAbsent,
            Symptom::ProbeDns,
            Symptom::PolicyStatusDiffers,
            Symptom::PolicyIpAddress,
            Symptom::PolicyNoPort,
        ],
        refuters: &[],
        refuted_by: &["cause-client-wrong-server-refuted-1"],
        needs: &[Need::ClientPolicy, Need::ClientWuLog],
        first_fix: causes::policy,
        weight: 88,
    },
    Rule {
        id: CauseId::ProxyInTheWay,
        triggers: &[Symptom::ProxyNoBypass, Symptom::WuLogProxy],
        supports: &[Symptom::WuLogTimeouts, Symptom::ReachAbsent],
        refuters: &[],
        refuted_by: &["cause-proxy-in-the-way-refuted-1"],
        needs: &[Need::ClientWuLog],
        first_fix: causes::proxy,
        weight: 60,
    },
    Rule {
        id: CauseId::ConfigmgrVsGpo,
        triggers: &[
            Symptom::ConfigmgrGpoOverride,
            Symptom::ConfigmgrLocationDiffers,
        ],
        supports: &[Symptom::WuLogServerDiffers],
        refuters: &[],
        refuted_by: &["cause-configmgr-vs-gpo-refuted-1"],
        needs: &[Need::ConfigMgrLogs, Need::ClientPolicy],
        first_fix: causes::configmgr,
        weight: 65,
    },
    Rule {
        id: CauseId::CorruptLocalPolicy,
        triggers: &[Symptom::ConfigmgrCorruptPolicy],
        supports: &[Symptom::ConfigmgrScanErrors, Symptom::ConfigmgrNoLocation],
        refuters: &[],
        refuted_by: &["cause-corrupt-local-policy-refuted-1"],
        needs: &[Need::ConfigMgrLogs],
        first_fix: causes::corrupt_local_policy,
        weight: 66,
    },
    Rule {
        id: CauseId::NetworkBlock,
        triggers: &[Symptom::ReachAbsent],
        supports: &[
            Symptom::WuLogTimeouts,
            Symptom::WuLogCannotConnect,
            Symptom::ProbeTimeout,
        ],
        refuters: &[
            Symptom::PolicyPlaceholder,
            Symptom::PolicyTrailingSlash,
            Symptom::PolicyShortName,
            Symptom::PolicyPortMismatch,
            Symptom::PolicyInvalidUrl,
            Symptom::PolicyNotWsus,
            Symptom::ProxyNoBypass,
            Symptom::WebsiteBindingMismatch,
            Symptom::PolicyHttpsWithoutSsl,
            Symptom::PolicyHostNotInCertificate,
            Symptom::PolicyHttpsPortNoCertificate,
        ],
        refuted_by: &["cause-network-block-refuted-1"],
        needs: &[Need::IisLog, Need::Httperr, Need::ClientIdentity],
        first_fix: causes::network,
        weight: 50,
    },
    Rule {
        id: CauseId::AspnetImpersonation,
        triggers: &[Symptom::WebsiteImpersonation, Symptom::Iis500Impersonation],
        supports: &[Symptom::WuLog500, Symptom::ProbeSoapFault],
        refuters: &[],
        refuted_by: &["cause-aspnet-impersonation-refuted-1"],
        needs: &[Need::IisLog],
        first_fix: causes::impersonation,
        weight: 78,
    },
    Rule {
        id: CauseId::PrerequisitesMissing,
        triggers: &[
            Symptom::VersionWsus3Unpatched,
            Symptom::VersionRollupMissing,
        ],
        supports: &[Symptom::WuLogSoapFault],
        refuters: &[],
        refuted_by: &["cause-prerequisites-missing-refuted-1"],
        needs: &[],
        first_fix: causes::prerequisites,
        weight: 40,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The titles and refutations are messages named at run time, which the test of the ids
    /// the code names cannot see: each is in both catalogues.
    #[test]
    fn every_cause_reads_in_every_language() {
        for r in RULES {
            for lang in crate::i18n::Lang::ALL {
                let title = format!("cause-{}", r.id.as_str());
                assert!(crate::i18n::has(lang, &title), "{title} ({lang:?})");
                for id in r.refuted_by {
                    assert!(id.starts_with(&title), "{id} belongs to {title}");
                    assert!(crate::i18n::has(lang, id), "{id} ({lang:?})");
                }
            }
        }
    }

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
