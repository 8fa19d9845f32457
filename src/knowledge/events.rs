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
    /// The id is confirmed by the sources (not only inferred from a pattern).
    pub confirmed: bool,
    pub sources: &'static [&'static str],
}

impl EventEntry {
    /// The message id of one of the event's sentences: `event-was-5002-meaning`.
    pub(super) fn message_id(&self, part: &str) -> String {
        let provider = match self.provider {
            WSUS => "wsus",
            WAS => "was",
            SCM => "scm",
            SCHANNEL => "schannel",
            other => other,
        };
        format!("event-{provider}-{}-{part}", self.id)
    }

    /// The event's message as the provider writes it (with its `%1` inserts).
    pub fn meaning(&self) -> Text {
        Text::new(self.message_id("meaning"), vec![])
    }

    /// What it means for WSUS; empty when nothing specific.
    pub fn wsus(&self) -> Text {
        super::optional_message(self.message_id("wsus"))
    }
}

use crate::i18n::Text;

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

#[rustfmt::skip]
pub(crate) const TABLE: &[EventEntry] = &[
    EventEntry { provider: WSUS, id: 12002, confirmed: true, sources: H },
    EventEntry { provider: WSUS, id: 12012, confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12022, confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12032, confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12042, confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12052, confirmed: false, sources: H },
    EventEntry { provider: WSUS, id: 12072, confirmed: true, sources: H },
    EventEntry { provider: WAS, id: 5002, confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5009, confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5010, confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: WAS, id: 5011, confirmed: false, sources: WASS },
    EventEntry { provider: WAS, id: 5013, confirmed: false, sources: WASS },
    EventEntry { provider: WAS, id: 5074, confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: WAS, id: 5075, confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5076, confirmed: true, sources: WASS },
    EventEntry { provider: WAS, id: 5077, confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: WAS, id: 5117, confirmed: false, sources: &["WAS-EVENTS", "KB4025764", "KB4490414"] },
    EventEntry { provider: WAS, id: 5186, confirmed: true, sources: &["WAS-EVENTS", "KB4490414"] },
    EventEntry { provider: SCHANNEL, id: 36874, confirmed: false, sources: SCHANNELS },
    EventEntry { provider: SCHANNEL, id: 36887, confirmed: false, sources: SCHANNELS },
    EventEntry { provider: SCHANNEL, id: 36888, confirmed: false, sources: SCHANNELS },
    EventEntry { provider: SCM, id: 7031, confirmed: true, sources: SCMS },
    EventEntry { provider: SCM, id: 7034, confirmed: true, sources: SCMS },
    EventEntry { provider: SCM, id: 7036, confirmed: true, sources: SCMS },
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
    fn an_event_reads_in_japanese_with_its_inserts() {
        use crate::i18n::Lang;
        let e = lookup("Microsoft-Windows-WAS", 5002).unwrap();
        assert!(e.meaning().contains("pool '%1'"));
        assert!(e
            .meaning()
            .local(Lang::Ja)
            .contains("アプリケーション プール '%1'"));
        assert_eq!(
            e.wsus().local(Lang::Ja),
            "クラッシュが繰り返された後に WsusPool が停止しました。再び開始されるまで、クライアントは 503 (HTTPERR の AppOffline) を受け取ります。"
        );
        assert!(lookup("WAS", 5075).unwrap().wsus().is_empty());
    }

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
