//! The symptom vocabulary: what a finding shows, named the same way by every check, so that the
//! diagnosis rules can match on it. A symptom is a type: a misspelt one does not compile.

/// A stable sub-id naming what a finding shows within its check (`iis.503-burst`).
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
pub enum Symptom {
    #[strum(serialize = "app-pool.private-memory")]
    AppPoolPrivateMemory,
    #[strum(serialize = "app-pool.queue-length")]
    AppPoolQueueLength,
    #[strum(serialize = "app-pool.rapid-fail")]
    AppPoolRapidFail,
    #[strum(serialize = "app-pool.setting")]
    AppPoolSetting,
    #[strum(serialize = "app-pool.stopped")]
    AppPoolStopped,
    #[strum(serialize = "configmgr.corrupt-policy")]
    ConfigmgrCorruptPolicy,
    #[strum(serialize = "configmgr.gpo-override")]
    ConfigmgrGpoOverride,
    #[strum(serialize = "configmgr.location-differs")]
    ConfigmgrLocationDiffers,
    #[strum(serialize = "configmgr.no-location")]
    ConfigmgrNoLocation,
    #[strum(serialize = "configmgr.scan-errors")]
    ConfigmgrScanErrors,
    #[strum(serialize = "database.service-down")]
    DatabaseServiceDown,
    #[strum(serialize = "database.sql-exceptions")]
    DatabaseSqlExceptions,
    #[strum(serialize = "events.burst-correlation")]
    EventsBurstCorrelation,
    #[strum(serialize = "events.memory-recycle")]
    EventsMemoryRecycle,
    #[strum(serialize = "events.pool")]
    EventsPool,
    #[strum(serialize = "events.service-crash")]
    EventsServiceCrash,
    #[strum(serialize = "events.worker-crash")]
    EventsWorkerCrash,
    #[strum(serialize = "events.wsus-health")]
    EventsWsusHealth,
    #[strum(serialize = "httperr.abandoned")]
    HttperrAbandoned,
    #[strum(serialize = "httperr.pool-offline")]
    HttperrPoolOffline,
    #[strum(serialize = "httperr.queue-full")]
    HttperrQueueFull,
    #[strum(serialize = "httperr.slow-clients")]
    HttperrSlowClients,
    #[strum(serialize = "iis.401-unresolved")]
    Iis401Unresolved,
    #[strum(serialize = "iis.403-wua")]
    Iis403Wua,
    #[strum(serialize = "iis.404-content")]
    Iis404Content,
    #[strum(serialize = "iis.404-mime")]
    Iis404Mime,
    #[strum(serialize = "iis.404-other-site")]
    Iis404OtherSite,
    #[strum(serialize = "iis.404-vdir")]
    Iis404Vdir,
    #[strum(serialize = "iis.500")]
    Iis500,
    #[strum(serialize = "iis.500-impersonation")]
    Iis500Impersonation,
    #[strum(serialize = "iis.503-burst")]
    Iis503Burst,
    #[strum(serialize = "iis.dropped")]
    IisDropped,
    #[strum(serialize = "iis.other")]
    IisOther,
    #[strum(serialize = "iis.trailing-slash")]
    IisTrailingSlash,
    #[strum(serialize = "policy.host-not-in-certificate")]
    PolicyHostNotInCertificate,
    #[strum(serialize = "policy.https-port-no-certificate")]
    PolicyHttpsPortNoCertificate,
    #[strum(serialize = "policy.https-without-ssl")]
    PolicyHttpsWithoutSsl,
    #[strum(serialize = "policy.invalid-url")]
    PolicyInvalidUrl,
    #[strum(serialize = "policy.ip-address")]
    PolicyIpAddress,
    #[strum(serialize = "policy.no-port")]
    PolicyNoPort,
    #[strum(serialize = "policy.not-wsus")]
    PolicyNotWsus,
    #[strum(serialize = "policy.placeholder")]
    PolicyPlaceholder,
    #[strum(serialize = "policy.port-mismatch")]
    PolicyPortMismatch,
    #[strum(serialize = "policy.port-not-served")]
    PolicyPortNotServed,
    #[strum(serialize = "policy.short-name")]
    PolicyShortName,
    #[strum(serialize = "policy.status-differs")]
    PolicyStatusDiffers,
    #[strum(serialize = "policy.trailing-slash")]
    PolicyTrailingSlash,
    #[strum(serialize = "probe.dns")]
    ProbeDns,
    #[strum(serialize = "probe.http-401")]
    ProbeHttp401,
    #[strum(serialize = "probe.http-403")]
    ProbeHttp403,
    #[strum(serialize = "probe.http-404")]
    ProbeHttp404,
    #[strum(serialize = "probe.http-503")]
    ProbeHttp503,
    #[strum(serialize = "probe.other")]
    ProbeOther,
    #[strum(serialize = "probe.refused")]
    ProbeRefused,
    #[strum(serialize = "probe.reset")]
    ProbeReset,
    #[strum(serialize = "probe.soap-fault")]
    ProbeSoapFault,
    #[strum(serialize = "probe.timeout")]
    ProbeTimeout,
    #[strum(serialize = "probe.tls-expired")]
    ProbeTlsExpired,
    #[strum(serialize = "probe.tls-failed")]
    ProbeTlsFailed,
    #[strum(serialize = "probe.tls-name")]
    ProbeTlsName,
    #[strum(serialize = "probe.tls-untrusted")]
    ProbeTlsUntrusted,
    #[strum(serialize = "proxy.no-bypass")]
    ProxyNoBypass,
    #[strum(serialize = "reach.absent")]
    ReachAbsent,
    #[strum(serialize = "reach.httperr-only")]
    ReachHttperrOnly,
    #[strum(serialize = "services.w3svc-down")]
    ServicesW3svcDown,
    #[strum(serialize = "services.was-down")]
    ServicesWasDown,
    #[strum(serialize = "services.wsusservice-down")]
    ServicesWsusserviceDown,
    #[strum(serialize = "tls.cert-problem")]
    TlsCertProblem,
    #[strum(serialize = "tls.client-cert")]
    TlsClientCert,
    #[strum(serialize = "tls.no-binding")]
    TlsNoBinding,
    #[strum(serialize = "tls.schannel-at-client-failures")]
    TlsSchannelAtClientFailures,
    #[strum(serialize = "tls.schannel-failures")]
    TlsSchannelFailures,
    #[strum(serialize = "tls.setting")]
    TlsSetting,
    #[strum(serialize = "tls.ssl-required-content")]
    TlsSslRequiredContent,
    #[strum(serialize = "version.rollup-missing")]
    VersionRollupMissing,
    #[strum(serialize = "version.wsus3-unpatched")]
    VersionWsus3Unpatched,
    #[strum(serialize = "version.wsus3-unsupported")]
    VersionWsus3Unsupported,
    #[strum(serialize = "website.autostart")]
    WebsiteAutostart,
    #[strum(serialize = "website.binding-mismatch")]
    WebsiteBindingMismatch,
    #[strum(serialize = "website.impersonation")]
    WebsiteImpersonation,
    #[strum(serialize = "website.mime-missing")]
    WebsiteMimeMissing,
    #[strum(serialize = "website.missing")]
    WebsiteMissing,
    #[strum(serialize = "website.stopped")]
    WebsiteStopped,
    #[strum(serialize = "website.vdir-missing")]
    WebsiteVdirMissing,
    #[strum(serialize = "wu-log.401")]
    WuLog401,
    #[strum(serialize = "wu-log.403")]
    WuLog403,
    #[strum(serialize = "wu-log.404")]
    WuLog404,
    #[strum(serialize = "wu-log.500")]
    WuLog500,
    #[strum(serialize = "wu-log.503")]
    WuLog503,
    #[strum(serialize = "wu-log.burst-correlation")]
    WuLogBurstCorrelation,
    #[strum(serialize = "wu-log.cannot-connect")]
    WuLogCannotConnect,
    #[strum(serialize = "wu-log.client-cert")]
    WuLogClientCert,
    #[strum(serialize = "wu-log.dns")]
    WuLogDns,
    #[strum(serialize = "wu-log.other")]
    WuLogOther,
    #[strum(serialize = "wu-log.proxy")]
    WuLogProxy,
    #[strum(serialize = "wu-log.server-differs")]
    WuLogServerDiffers,
    #[strum(serialize = "wu-log.soap-fault")]
    WuLogSoapFault,
    #[strum(serialize = "wu-log.timeouts")]
    WuLogTimeouts,
    #[strum(serialize = "wu-log.tls")]
    WuLogTls,
}

text_id!(Symptom);

use crate::knowledge::events as known;
use crate::knowledge::hresult::{self, Family, TlsFault};
use crate::values::wsus_url::UrlProblemCode;

impl Symptom {
    /// A server service that is not running.
    pub(crate) fn service_down(name: &str) -> Symptom {
        match name.to_ascii_lowercase().as_str() {
            "wsusservice" => Symptom::ServicesWsusserviceDown,
            "w3svc" => Symptom::ServicesW3svcDown,
            _ => Symptom::ServicesWasDown,
        }
    }

    /// A WAS, service control manager or WSUS event (formats.md §4). WAS 5002 (the pool disabled
    /// by rapid-fail protection) is the app-pool check's symptom too, so one event weighs as one
    /// proof.
    pub(crate) fn of_event(provider: &str, id: u32) -> Symptom {
        if known::provider_matches(known::WAS, provider) {
            return match id {
                5117 | 5077 => Symptom::EventsMemoryRecycle,
                5002 => Symptom::AppPoolRapidFail,
                5009 | 5010 | 5011 | 5013 => Symptom::EventsWorkerCrash,
                _ => Symptom::EventsPool,
            };
        }
        if known::provider_matches(known::SCM, provider) {
            return Symptom::EventsServiceCrash;
        }
        Symptom::EventsWsusHealth
    }

    /// A problem of the WUServer URL.
    pub(crate) fn of_url_problem(code: UrlProblemCode) -> Symptom {
        match code {
            UrlProblemCode::Placeholder => Symptom::PolicyPlaceholder,
            UrlProblemCode::TrailingSlash => Symptom::PolicyTrailingSlash,
            UrlProblemCode::ShortName => Symptom::PolicyShortName,
            UrlProblemCode::IpAddress => Symptom::PolicyIpAddress,
            UrlProblemCode::NoPort => Symptom::PolicyNoPort,
            UrlProblemCode::PortSchemeMismatch => Symptom::PolicyPortMismatch,
            _ => Symptom::PolicyInvalidUrl,
        }
    }

    /// An HRESULT a client logged, by its family.
    pub(crate) fn of_client_error(code: u32) -> Symptom {
        match hresult::family(code) {
            Family::Timeout => Symptom::WuLogTimeouts,
            Family::Http503 => Symptom::WuLog503,
            Family::CannotConnect => Symptom::WuLogCannotConnect,
            Family::Dns => Symptom::WuLogDns,
            Family::ClientCert => Symptom::WuLogClientCert,
            Family::Tls(_) => Symptom::WuLogTls,
            Family::Proxy => Symptom::WuLogProxy,
            Family::SoapFault => Symptom::WuLogSoapFault,
            Family::Http401 => Symptom::WuLog401,
            Family::Http403 => Symptom::WuLog403,
            Family::Http404 => Symptom::WuLog404,
            Family::Http500 => Symptom::WuLog500,
            Family::Other => Symptom::WuLogOther,
        }
    }

    /// An HTTP.sys error log reason phrase (KB820729), when it points to a cause.
    pub(crate) fn of_httperr_reason(reason: &str) -> Option<Symptom> {
        let r = reason.to_ascii_lowercase();
        Some(match r.as_str() {
            // ConnLimit is the site's connection limit, not the pool's queue (NOT_THE_POOL).
            "queuefull" | "apppooltimer" | "timer_apppool" | "timer_reqqueue" => {
                Symptom::HttperrQueueFull
            }
            "appoffline" | "disabled" | "appshutdown" => Symptom::HttperrPoolOffline,
            "connection_abandoned_by_apppool" | "connection_abandoned_by_reqqueue" => {
                Symptom::HttperrAbandoned
            }
            "timer_minbytespersecond" => Symptom::HttperrSlowClients,
            _ => return None,
        })
    }

    /// An IIS status answered to Windows Update clients, by status and sub-status
    /// (KB4025764's table, KB943891's sub-statuses).
    pub(crate) fn of_iis_status(status: u16, substatus: u32) -> Symptom {
        match (status, substatus) {
            (503, _) => Symptom::Iis503Burst,
            (401, _) => Symptom::Iis401Unresolved,
            (403, _) => Symptom::Iis403Wua,
            (404, _) => Symptom::Iis404Vdir,
            (500, 24) => Symptom::Iis500Impersonation,
            (500, _) => Symptom::Iis500,
            _ => Symptom::IisOther,
        }
    }

    /// A failed probe step, by the HRESULT a client would log for it.
    pub(crate) fn of_probe_error(code: u32) -> Symptom {
        match hresult::family(code) {
            Family::Dns => return Symptom::ProbeDns,
            Family::Tls(TlsFault::Untrusted) => return Symptom::ProbeTlsUntrusted,
            Family::Tls(TlsFault::Name) => return Symptom::ProbeTlsName,
            Family::Tls(TlsFault::Expired) => return Symptom::ProbeTlsExpired,
            Family::Tls(TlsFault::Other) | Family::ClientCert => return Symptom::ProbeTlsFailed,
            _ => {}
        }
        match code {
            0x80072EFD => Symptom::ProbeRefused,
            0x80072EE2 => Symptom::ProbeTimeout,
            0x80072EFE => Symptom::ProbeReset,
            0x80244022 => Symptom::ProbeHttp503,
            0x80244019 => Symptom::ProbeHttp404,
            0x80244018 => Symptom::ProbeHttp403,
            0x80244017 => Symptom::ProbeHttp401,
            0x80244007 => Symptom::ProbeSoapFault,
            0x80072EE5 | 0x80072EE6 => Symptom::PolicyInvalidUrl,
            _ => Symptom::ProbeOther,
        }
    }
}
