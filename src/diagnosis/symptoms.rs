//! The symptom vocabulary: stable ids that checks put on their findings (`Finding::symptom`) and
//! the rules in [`super::rules`] match. Where a symptom follows from a code, the mapping is here,
//! so every check names the same failure the same way.

use crate::knowledge::events as known;

/// The symptom of a server service that is not running.
pub fn service_down(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "wsusservice" => "services.wsusservice-down",
        "w3svc" => "services.w3svc-down",
        _ => "services.was-down",
    }
}

/// The pool disabled by rapid-fail protection (WAS 5002): the app-pool check and the events check
/// both report it from the same event, under this one id, so that it weighs as one proof.
pub const POOL_RAPID_FAIL: &str = "app-pool.rapid-fail";

/// The symptom of a WAS, service control manager or WSUS event (formats.md §4).
pub fn event(provider: &str, id: u32) -> &'static str {
    if known::provider_matches(known::WAS, provider) {
        return match id {
            5117 | 5077 => "events.memory-recycle",
            5002 => POOL_RAPID_FAIL,
            5009 | 5010 | 5011 | 5013 => "events.worker-crash",
            _ => "events.pool",
        };
    }
    if known::provider_matches(known::SCM, provider) {
        return "events.service-crash";
    }
    "events.wsus-health"
}

/// The symptom of a problem of the WUServer URL (codes of `values::wsus_url`).
pub fn url_problem(code: &str) -> &'static str {
    match code {
        "placeholder" => "policy.placeholder",
        "trailing-slash" => "policy.trailing-slash",
        "short-name" => "policy.short-name",
        "ip-address" => "policy.ip-address",
        "no-port" => "policy.no-port",
        "port-scheme-mismatch" => "policy.port-mismatch",
        _ => "policy.invalid-url",
    }
}

/// The symptom of an HRESULT a client logged (wuerror.h, winhttp.h; KB3090184's groups).
pub fn client_error(hresult: u32) -> &'static str {
    match hresult {
        0x80072EE2 | 0x8024401C | 0x80244023 | 0x80240021 => "wu-log.timeouts",
        0x80244022 => "wu-log.503",
        0x80072EFD | 0x80072EFE | 0x80240438 | 0x80240440 => "wu-log.cannot-connect",
        0x80072EE7 | 0x8024402C => "wu-log.dns",
        0x80072F0C => "wu-log.client-cert",
        0x80072F8F | 0x80072F05 | 0x80072F06 | 0x80072F0D | 0x80072F19 | 0x80072F7D
        | 0x80072F89 | 0x80072F8A | 0x800B0101 | 0x800B0109 => "wu-log.tls",
        0x8024401B | 0x80244021 | 0x80240030 => "wu-log.proxy",
        0x80244007 | 0x8024400E | 0x8024400D => "wu-log.soap-fault",
        0x80244017 => "wu-log.401",
        0x80244018 => "wu-log.403",
        0x80244019 => "wu-log.404",
        0x8024401F => "wu-log.500",
        _ => "wu-log.other",
    }
}

/// The symptom of an HTTP.sys error log reason phrase (KB820729), when it points to a cause.
pub fn httperr_reason(reason: &str) -> Option<&'static str> {
    let r = reason.to_ascii_lowercase();
    Some(match r.as_str() {
        "queuefull" | "apppooltimer" | "connlimit" | "timer_apppool" | "timer_reqqueue" => {
            "httperr.queue-full"
        }
        "appoffline" | "disabled" | "appshutdown" => "httperr.pool-offline",
        "connection_abandoned_by_apppool" | "connection_abandoned_by_reqqueue" => {
            "httperr.abandoned"
        }
        "timer_minbytespersecond" => "httperr.slow-clients",
        _ => return None,
    })
}

/// The symptom of an IIS status answered to Windows Update clients, by status and sub-status
/// (KB4025764's table, KB943891's sub-statuses).
pub fn iis_status(status: u16, substatus: u32) -> &'static str {
    match (status, substatus) {
        (503, _) => "iis.503-burst",
        (401, _) => "iis.401-unresolved",
        (403, _) => "iis.403-wua",
        (404, _) => "iis.404-vdir",
        (500, 24) => "iis.500-impersonation",
        (500, _) => "iis.500",
        _ => "iis.other",
    }
}

/// The symptom of a failed probe step, by the HRESULT a client would log for it.
pub fn probe_error(hresult: u32) -> &'static str {
    match hresult {
        0x80072EE7 | 0x8024402C => "probe.dns",
        0x80072EFD => "probe.refused",
        0x80072EE2 => "probe.timeout",
        0x80072EFE => "probe.reset",
        0x80072F0D | 0x800B0109 => "probe.tls-untrusted",
        0x80072F06 => "probe.tls-name",
        0x80072F05 | 0x800B0101 => "probe.tls-expired",
        0x80072F8F | 0x80072F7D | 0x80072F89 | 0x80072F8A | 0x80072F19 | 0x80072F0C => {
            "probe.tls-failed"
        }
        0x80244022 => "probe.http-503",
        0x80244019 => "probe.http-404",
        0x80244018 => "probe.http-403",
        0x80244017 => "probe.http-401",
        0x80244007 => "probe.soap-fault",
        0x80072EE5 | 0x80072EE6 => "policy.invalid-url",
        _ => "probe.other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_the_vocabulary_the_rules_use() {
        let used: Vec<&str> = super::super::rules::RULES
            .iter()
            .flat_map(|r| {
                r.triggers
                    .iter()
                    .chain(r.supports)
                    .chain(r.refuters)
                    .copied()
            })
            .collect();
        for s in [
            client_error(0x80072EE2),
            client_error(0x80244022),
            event("Microsoft-Windows-WAS", 5117),
            url_problem("placeholder"),
            service_down("W3SVC"),
        ] {
            assert!(used.contains(&s), "{s} is not used by any rule");
        }
    }
}
