//! The reports of `wsus-doctor logs iis|httperr`: the analyst's tables of IIS and HTTP.sys error
//! logs, built from the merged facts and the matching check's findings. These structs are the
//! JSON contract (`schema/logs-iis-v1.schema.json`, `schema/logs-httperr-v1.schema.json`): the
//! field order is the order of the JSON.

use crate::checks::server::{httperr as httperr_check, iis_log as iis_check};
use crate::facts::httperr::ReasonEpisode;
use crate::facts::iis_log::{self, Burst, ClientSummary, Family, Unresolved401};
use crate::facts::Facts;
use crate::finding::{Finding, Status};
use crate::i18n::Text;
use jiff::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

/// The `schema` of the IIS logs report.
pub(crate) const IIS_SCHEMA: &str = "wsus-doctor/logs-iis/v1";
/// The `schema` of the HTTPERR logs report.
pub(crate) const HTTPERR_SCHEMA: &str = "wsus-doctor/logs-httperr/v1";

/// One log file of the run: read (with its counts) or left out unread.
#[derive(Debug, Clone, Serialize)]
pub struct FileRead {
    pub path: String,
    pub records: u64,
    pub malformed: u64,
    pub notes: Vec<Text>,
    pub error: Option<Text>,
    /// Why the file was left out without being read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out: Option<Text>,
}

/// The report of `logs iis`.
#[derive(Debug, Clone, Serialize)]
pub struct IisLogsReport {
    pub schema: &'static str,
    pub files: Vec<FileRead>,
    pub records: u64,
    pub malformed: u64,
    /// First and last record (UTC).
    pub time_span: Option<(Timestamp, Timestamp)>,
    pub distinct_clients: usize,
    /// By name: the order the facts hold them in depends on which reader thread met each first.
    pub servers: Vec<ServerRow>,
    /// Requests by HTTP status, whatever the sub-status.
    pub status_totals: BTreeMap<String, u64>,
    pub statuses: Vec<StatusRow>,
    pub win32: Vec<Win32Row>,
    pub endpoints: Vec<EndpointRow>,
    pub top_failing_clients: Vec<ClientSummary>,
    pub bursts_503: Vec<Burst>,
    pub total_401: u64,
    pub unresolved_401: Vec<Unresolved401>,
    pub user_agents: Vec<UserAgentRow>,
    pub hourly: Vec<HourRow>,
    pub findings: Vec<Finding>,
}

/// Requests one server (by `s-computername` or `s-ip`) logged.
#[derive(Debug, Clone, Serialize)]
pub struct ServerRow {
    pub server: String,
    pub requests: u64,
    pub first: Timestamp,
    pub last: Timestamp,
}

/// Requests of one status and sub-status.
#[derive(Debug, Clone, Serialize)]
pub struct StatusRow {
    pub status: u16,
    pub substatus: u32,
    pub requests: u64,
}

/// Requests of one non-zero win32 status.
#[derive(Debug, Clone, Serialize)]
pub struct Win32Row {
    pub win32: u64,
    pub requests: u64,
}

/// One WSUS endpoint family that had requests.
#[derive(Debug, Clone, Serialize)]
pub struct EndpointRow {
    pub family: &'static str,
    pub requests: u64,
    /// Requests by HTTP status.
    pub statuses: BTreeMap<String, u64>,
    pub time_taken_ms: Percentiles,
}

/// Time-taken percentiles of an endpoint family; none without timed requests.
#[derive(Debug, Clone, Serialize)]
pub struct Percentiles {
    pub p50: Option<u64>,
    pub p95: Option<u64>,
    pub p99: Option<u64>,
}

/// Requests of one user agent.
#[derive(Debug, Clone, Serialize)]
pub struct UserAgentRow {
    pub user_agent: String,
    pub requests: u64,
}

/// Requests and errors (401/403/404/5xx) of one UTC hour.
#[derive(Debug, Clone, Serialize)]
pub struct HourRow {
    pub hour: Timestamp,
    pub requests: u64,
    pub errors: u64,
}

/// The report of `logs httperr`.
#[derive(Debug, Clone, Serialize)]
pub struct HttperrLogsReport {
    pub schema: &'static str,
    pub files: Vec<FileRead>,
    pub records: u64,
    /// First and last record (UTC).
    pub time_span: Option<(Timestamp, Timestamp)>,
    pub reasons: Vec<ReasonRow>,
    pub episodes: Vec<ReasonEpisode>,
    pub findings: Vec<Finding>,
}

/// Records of one reason phrase on one queue.
#[derive(Debug, Clone, Serialize)]
pub struct ReasonRow {
    pub reason: String,
    pub queue: Option<String>,
    pub records: u64,
    pub first: Timestamp,
    pub last: Timestamp,
}

/// The exit status of a `logs` run, by the rule of `diagnose`: 2 when no file could be read,
/// 1 when a finding fails, 0 otherwise.
pub fn exit_status(files: &[FileRead], findings: &[Finding]) -> u8 {
    if files
        .iter()
        .filter(|f| f.left_out.is_none())
        .all(|f| f.error.is_some() && f.records == 0)
    {
        2
    } else if findings.iter().any(|f| f.status == Status::Fail) {
        1
    } else {
        0
    }
}

impl IisLogsReport {
    /// The report of the IIS logs in `facts`, with `top` rows in the top-N lists.
    pub fn build(facts: &Facts, files: Vec<FileRead>, top: usize) -> Self {
        let iis = &facts.iis_log;
        let a = &iis.agg;
        let mut status_totals = BTreeMap::new();
        for ((s, _, _), n) in &a.statuses {
            *status_totals.entry(s.to_string()).or_insert(0u64) += n;
        }
        let (total_401, unresolved) = iis.unresolved_401();
        let mut servers: Vec<ServerRow> = a
            .servers
            .iter()
            .map(|s| ServerRow {
                server: s.name.clone(),
                requests: s.requests,
                first: iis_log::ts(s.first),
                last: iis_log::ts(s.last),
            })
            .collect();
        servers.sort_by(|x, y| x.server.cmp(&y.server));
        IisLogsReport {
            schema: IIS_SCHEMA,
            files,
            records: a.total.records,
            malformed: a.total.malformed,
            time_span: iis.time_span(),
            distinct_clients: a.clients.len(),
            servers,
            status_totals,
            statuses: iis
                .status_table()
                .into_iter()
                .map(|((status, substatus), requests)| StatusRow {
                    status,
                    substatus,
                    requests,
                })
                .collect(),
            win32: iis
                .win32_table()
                .into_iter()
                .map(|(win32, requests)| Win32Row { win32, requests })
                .collect(),
            endpoints: Family::ALL
                .iter()
                .zip(a.families.iter())
                .filter(|(_, fa)| fa.requests > 0)
                .map(|(fam, fa)| EndpointRow {
                    family: fam.name(),
                    requests: fa.requests,
                    statuses: fa
                        .statuses
                        .iter()
                        .map(|(s, n)| (s.to_string(), *n))
                        .collect(),
                    time_taken_ms: Percentiles {
                        p50: fa.percentile(50.0),
                        p95: fa.percentile(95.0),
                        p99: fa.percentile(99.0),
                    },
                })
                .collect(),
            top_failing_clients: iis.top_failing_clients(top),
            bursts_503: iis.bursts_503().to_vec(),
            total_401,
            unresolved_401: unresolved.into_iter().take(top).collect(),
            user_agents: iis
                .user_agents(top)
                .into_iter()
                .map(|(user_agent, requests)| UserAgentRow {
                    user_agent,
                    requests,
                })
                .collect(),
            hourly: iis
                .hourly()
                .into_iter()
                .map(|(hour, requests, errors)| HourRow {
                    hour,
                    requests,
                    errors,
                })
                .collect(),
            findings: iis_check::run(facts),
        }
    }
}

impl HttperrLogsReport {
    /// The report of the HTTP.sys error logs in `facts`.
    pub fn build(facts: &Facts, files: Vec<FileRead>) -> Self {
        let h = &facts.httperr;
        HttperrLogsReport {
            schema: HTTPERR_SCHEMA,
            files,
            records: h.records,
            time_span: h.time_span(),
            reasons: h
                .reasons
                .iter()
                .map(|((reason, queue), a)| ReasonRow {
                    reason: reason.clone(),
                    queue: queue.clone(),
                    records: a.count,
                    first: iis_log::ts(a.first),
                    last: iis_log::ts(a.last),
                })
                .collect(),
            episodes: h.episodes().to_vec(),
            findings: httperr_check::run(facts),
        }
    }
}
