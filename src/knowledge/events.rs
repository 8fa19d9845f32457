//! Event log ids that matter for WSUS: the WSUS health monitor (Application log), WAS application
//! pool events, Service Control Manager service events and Schannel TLS failures (System log).
//!
//! Only 12002 and 12072 are confirmed WSUS ids; the other WSUS rows follow the published pattern
//! and are matched by provider and message text too (formats.md §4.1). WAS 5011/5013/5117 are
//! widely reported, not confirmed from a Microsoft page, and are marked so.

/// One event id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventEntry {
    pub provider: &'static str,
    pub id: u32,
    pub meaning: &'static str,
    pub wsus: &'static str,
    /// The id is confirmed by the sources (not only inferred from a pattern).
    pub confirmed: bool,
    pub sources: &'static [&'static str],
}

pub const WSUS: &str = "Windows Server Update Services";
pub const WAS: &str = "Microsoft-Windows-WAS";
pub const SCM: &str = "Service Control Manager";
pub const SCHANNEL: &str = "Schannel";

const H: &[&str] = &["WSUS-HEALTH"];
const WASS: &[&str] = &["WAS-EVENTS"];
const SCMS: &[&str] = &["SCM-EVENTS"];
const SCHANNELS: &[&str] = &["SCHANNEL-ALERTS"];

/// The Schannel ids read from the System log. No Microsoft page lists them with their meaning
/// (UNCONFIRMED); the alert codes they carry are Microsoft's (SCHANNEL-ALERTS).
pub const SCHANNEL_IDS: &[u32] = &[36874, 36887, 36888];

pub(crate) const TABLE: &[EventEntry] = &[
    EventEntry { provider: WSUS, id: 12002, meaning: "The Reporting Web Service is not working.", wsus: "WSUS's own health check failed to reach its ReportingWebService; usually WsusPool is down or answering 503.", confirmed: true, sources: H },
    EventEntry { provider: WSUS, id: 12012, meaning: "The API Remoting Web Service is not working.", wsus: "WSUS health check failure (id inferred from the pattern).", confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12022, meaning: "The Client Web Service is not working.", wsus: "WSUS health check failure of the endpoint clients scan against (id inferred from the pattern).", confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12032, meaning: "The Server Synchronization Web Service is not working.", wsus: "WSUS health check failure (id inferred from the pattern).", confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12042, meaning: "The SimpleAuth Web Service is not working.", wsus: "WSUS health check failure (id inferred from the pattern).", confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12052, meaning: "The DSS Authentication Web Service is not working.", wsus: "WSUS health check failure (id inferred from the pattern).", confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12072, meaning: "The WSUS content directory is not accessible.", wsus: "The health monitor could not read /Content; real events carry '(503) Server Unavailable' when WsusPool is down.", confirmed: true, sources: H },
    EventEntry { provider: WAS, id: 5002, meaning: "Application pool '%1' is being automatically disabled due to a series of failures in the process(es) serving that application pool (rapid-fail protection).", wsus: "WsusPool stopped after repeated crashes; clients get 503 (HTTPERR AppOffline) until it is started again.", confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5009, meaning: "A process serving application pool '%1' terminated unexpectedly.", wsus: "A WsusPool worker crashed.", confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5010, meaning: "A process serving application pool '%1' failed to respond to a ping.", wsus: "A WsusPool worker hung (KB4490414 recommends turning pinging off for WsusPool).", confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: WAS, id: 5011, meaning: "A process serving application pool '%1' suffered a fatal communication error with the Windows Process Activation Service.", wsus: "A WsusPool worker died (id widely reported, not confirmed by a Microsoft page).", confirmed: false, sources: WASS },
    EventEntry { provider: WAS, id: 5013, meaning: "A process serving application pool '%1' exceeded time limits during shut down.", wsus: "(id not confirmed by a Microsoft page)", confirmed: false, sources: WASS },
    EventEntry { provider: WAS, id: 5074, meaning: "A worker process of application pool '%2' requested a recycle because it reached its allowed processing time limit.", wsus: "Periodic recycle of WsusPool (KB4490414 recommends a regular time interval of 0).", confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: WAS, id: 5075, meaning: "A worker process of application pool '%2' requested a recycle because it reached its allowed request limit.", wsus: "", confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5076, meaning: "A worker process of application pool '%2' requested a recycle because it reached its scheduled recycle time.", wsus: "", confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5077, meaning: "A worker process of application pool '%2' requested a recycle because it reached its virtual memory limit.", wsus: "WsusPool hit its virtual memory limit (KB4490414 recommends 0).", confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: WAS, id: 5117, meaning: "A worker process of application pool '%2' requested a recycle because it reached its private bytes memory limit.", wsus: "The classic WsusPool symptom: the private memory limit (1,843,200 KB as WSUS setup leaves it) recycles the pool under load and clients get 503s. Raise the limit (id widely reported, not confirmed by a Microsoft page).", confirmed: false, sources: &["WAS-EVENTS", "KB4025764", "KB4490414"] },
    EventEntry { provider: WAS, id: 5186, meaning: "A worker process of application pool '%2' was shut down due to inactivity (idle time-out).", wsus: "Harmless, but the next scan pays the pool's start-up cost; KB4490414 recommends an idle time-out of 0 for WsusPool.", confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: SCHANNEL, id: 36874, meaning: "A %1 connection request was received from a remote client, but none of the cipher suites the client supports are supported by the server.", wsus: "The server refused a client's TLS handshake: the client and the server share no cipher suite (or protocol version), so an https WSUS client fails with 0x80072F8F or 0x80072F7D (id widely reported, not confirmed by a Microsoft page).", confirmed: false, sources: SCHANNELS },
    EventEntry { provider: SCHANNEL, id: 36887, meaning: "A fatal alert was received from the remote endpoint (TLS alert code %1).", wsus: "A client broke off the TLS handshake with the server, typically because it rejects the server's certificate (alert 42 to 48) or protocol version (70) (id widely reported, not confirmed by a Microsoft page).", confirmed: false, sources: SCHANNELS },
    EventEntry { provider: SCHANNEL, id: 36888, meaning: "A fatal alert was generated and sent to the remote endpoint (TLS alert code %1, internal error state %2).", wsus: "The server broke off a TLS handshake; the alert code says why (40 handshake failure, 70 protocol version) (id widely reported, not confirmed by a Microsoft page).", confirmed: false, sources: SCHANNELS },
    EventEntry { provider: SCM, id: 7031, meaning: "The %1 service terminated unexpectedly. It has done this %2 time(s). The following corrective action will be taken.", wsus: "When %1 is the WSUS Service, World Wide Web Publishing Service or Windows Process Activation Service, clients lose WSUS until it restarts.", confirmed: true, sources: SCMS },
    EventEntry { provider: SCM, id: 7034, meaning: "The %1 service terminated unexpectedly. It has done this %2 time(s).", wsus: "As 7031, with no recovery action configured.", confirmed: true, sources: SCMS },
    EventEntry { provider: SCM, id: 7036, meaning: "The %1 service entered the %2 state.", wsus: "Service stops and starts of WSUS Service, W3SVC and WAS, with their times.", confirmed: true, sources: SCMS },
];

/// The name of a TLS alert code, as Schannel maps them to its errors (SCHANNEL-ALERTS).
pub fn tls_alert_name(code: u32) -> Option<&'static str> {
    Some(match code {
        10 => "unexpected message",
        20 => "bad record MAC",
        21 => "decryption failed",
        22 => "record overflow",
        30 => "decompression failure",
        40 => "handshake failure",
        42 => "bad certificate",
        43 => "unsupported certificate",
        44 => "certificate revoked",
        45 => "certificate expired",
        46 => "certificate unknown",
        47 => "illegal parameter",
        48 => "unknown CA",
        49 => "access denied",
        50 => "decode error",
        51 => "decrypt error",
        60 => "export restriction",
        70 => "protocol version",
        71 => "insufficient security",
        80 => "internal error",
        90 => "user canceled",
        100 => "no renegotiation",
        110 => "unsupported extension",
        _ => return None,
    })
}

/// All entries with an id (several providers could share one).
pub fn by_id(id: u32) -> impl Iterator<Item = &'static EventEntry> {
    TABLE.iter().filter(move |e| e.id == id)
}

pub fn lookup(provider: &str, id: u32) -> Option<&'static EventEntry> {
    TABLE
        .iter()
        .find(|e| e.id == id && provider_matches(e.provider, provider))
}

/// Event providers are written with or without the `Microsoft-Windows-` prefix by different
/// exporters.
pub(crate) fn provider_matches(known: &str, seen: &str) -> bool {
    let strip = |s: &str| {
        s.trim()
            .trim_start_matches("Microsoft-Windows-")
            .to_ascii_lowercase()
    };
    strip(known) == strip(seen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_per_provider_and_sourced() {
        for (i, a) in TABLE.iter().enumerate() {
            assert!(!a.sources.is_empty());
            for b in &TABLE[i + 1..] {
                assert!(!(a.id == b.id && a.provider == b.provider), "{}", a.id);
            }
        }
        assert!(lookup("WAS", 5002).is_some());
        assert!(lookup("Service Control Manager", 7036).is_some());
    }
}
