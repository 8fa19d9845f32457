//! Check ids and the stages of the guide they belong to. Ids are public interface: they are never
//! renamed or reused, and their text form (`server.app-pool`) is what reports, `explain` and the
//! documentation show.

use serde::Serialize;

/// A check's stable id.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::VariantArray,
)]
pub enum CheckId {
    #[strum(serialize = "server.version")]
    ServerVersion,
    #[strum(serialize = "server.services")]
    ServerServices,
    #[strum(serialize = "server.database")]
    ServerDatabase,
    #[strum(serialize = "server.website")]
    ServerWebsite,
    #[strum(serialize = "server.app-pool")]
    ServerAppPool,
    #[strum(serialize = "server.iis-log")]
    ServerIisLog,
    #[strum(serialize = "server.httperr")]
    ServerHttperr,
    #[strum(serialize = "server.events")]
    ServerEvents,
    #[strum(serialize = "server.tls")]
    ServerTls,
    #[strum(serialize = "client.policy")]
    ClientPolicy,
    #[strum(serialize = "client.proxy")]
    ClientProxy,
    #[strum(serialize = "client.wu-log")]
    ClientWuLog,
    #[strum(serialize = "client.configmgr")]
    ClientConfigmgr,
    #[strum(serialize = "client.reaches-server")]
    ClientReachesServer,
    #[strum(serialize = "client.scan-status")]
    ClientScanStatus,
    #[strum(serialize = "probe.dns")]
    ProbeDns,
    #[strum(serialize = "probe.tcp")]
    ProbeTcp,
    #[strum(serialize = "probe.tls")]
    ProbeTls,
    #[strum(serialize = "probe.http")]
    ProbeHttp,
    #[strum(serialize = "probe.soap")]
    ProbeSoap,
}

text_id!(CheckId);

impl CheckId {
    /// Which side of the conversation the check reads.
    pub fn side(self) -> Side {
        match self {
            CheckId::ServerVersion
            | CheckId::ServerServices
            | CheckId::ServerDatabase
            | CheckId::ServerWebsite
            | CheckId::ServerAppPool
            | CheckId::ServerIisLog
            | CheckId::ServerHttperr
            | CheckId::ServerEvents
            | CheckId::ServerTls => Side::Server,
            CheckId::ClientPolicy
            | CheckId::ClientProxy
            | CheckId::ClientWuLog
            | CheckId::ClientConfigmgr
            | CheckId::ClientReachesServer
            | CheckId::ClientScanStatus => Side::Client,
            CheckId::ProbeDns
            | CheckId::ProbeTcp
            | CheckId::ProbeTls
            | CheckId::ProbeHttp
            | CheckId::ProbeSoap => Side::Probe,
        }
    }

    /// Whether the check reads evidence about many clients at once (the ConfigMgr site's scan
    /// status): it runs once on all the evidence, never once per client, and its findings are
    /// on the machine that holds that evidence.
    pub fn reads_fleet(self) -> bool {
        self == CheckId::ClientScanStatus
    }

    /// The stage of the guide the check belongs to.
    pub fn stage(self) -> Stage {
        match self {
            CheckId::ServerVersion => Stage::Prerequisites,
            CheckId::ServerServices => Stage::Services,
            CheckId::ServerDatabase => Stage::Services,
            CheckId::ServerWebsite => Stage::WebSite,
            CheckId::ServerAppPool => Stage::WebSite,
            CheckId::ServerIisLog => Stage::IisLogs,
            CheckId::ServerHttperr => Stage::Httperr,
            CheckId::ServerEvents => Stage::ServerHealth,
            CheckId::ServerTls => Stage::ServerHealth,
            CheckId::ClientPolicy => Stage::ClientPolicy,
            CheckId::ClientProxy => Stage::ClientPolicy,
            CheckId::ClientWuLog => Stage::ClientLogs,
            CheckId::ClientConfigmgr => Stage::ConfigMgr,
            CheckId::ClientReachesServer => Stage::Reachability,
            CheckId::ClientScanStatus => Stage::ConfigMgr,
            CheckId::ProbeDns => Stage::Probe,
            CheckId::ProbeTcp => Stage::Probe,
            CheckId::ProbeTls => Stage::Probe,
            CheckId::ProbeHttp => Stage::Probe,
            CheckId::ProbeSoap => Stage::Probe,
        }
    }
}

/// Which side of the conversation a check or an event belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, strum::IntoStaticStr)]
#[strum(serialize_all = "lowercase")]
pub enum Side {
    // Alphabetical, so that events at the same time keep the order reports have always had.
    Client,
    Probe,
    Server,
}

text_id!(Side);

/// The stage of the guide a check belongs to, in the guide's order (reports group by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Stage {
    Prerequisites,
    Services,
    WebSite,
    IisLogs,
    Httperr,
    ServerHealth,
    ClientPolicy,
    ClientLogs,
    ConfigMgr,
    Reachability,
    Probe,
}

impl Stage {
    pub fn title(self) -> crate::i18n::Text {
        match self {
            Stage::Prerequisites => crate::tr!("stage-prerequisites"),
            Stage::Services => crate::tr!("stage-services"),
            Stage::WebSite => crate::tr!("stage-web-site"),
            Stage::IisLogs => crate::tr!("stage-iis-logs"),
            Stage::Httperr => crate::tr!("stage-httperr"),
            Stage::ServerHealth => crate::tr!("stage-server-health"),
            Stage::ClientPolicy => crate::tr!("stage-client-policy"),
            Stage::ClientLogs => crate::tr!("stage-client-logs"),
            Stage::ConfigMgr => crate::tr!("stage-config-mgr"),
            Stage::Reachability => crate::tr!("stage-reachability"),
            Stage::Probe => crate::tr!("stage-probe"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    #[test]
    fn an_ids_side_is_the_word_before_its_dot() {
        for id in CheckId::VARIANTS {
            assert_eq!(
                id.as_str().split('.').next(),
                Some(id.side().as_str()),
                "{id}"
            );
        }
    }

    #[test]
    fn ids_read_back_from_their_text() {
        for id in CheckId::VARIANTS {
            assert_eq!(id.as_str().parse::<CheckId>().ok(), Some(*id));
            let (family, name) = id.as_str().split_once('.').unwrap();
            assert!(["server", "client", "probe"].contains(&family));
            assert!(
                name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
        }
        assert!("vendor.thing".parse::<CheckId>().is_err());
    }
}
