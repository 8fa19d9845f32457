//! HTTP.sys error log reason phrases (`s-reason`). Meanings from the HTTP Server API
//! documentation and KB820729; the WSUS readings for WsusPool are heuristics except where the
//! guide (KB4025764) or the best-practices article (KB4490414) is cited.

use super::{Entry, Table};

const fn row(code: &'static str, name: &'static str, sources: &'static [&'static str]) -> Entry {
    Entry {
        table: Table::HttperrReason,
        code,
        name,
        sources,
    }
}

const A: &[&str] = &["HTTPAPI-ERRORS", "KB820729"];
const K: &[&str] = &["KB820729"];

#[rustfmt::skip]
pub(crate) const TABLE: &[Entry] = &[
    row("AppOffline", "503", &["HTTPAPI-ERRORS", "KB820729", "KB4025764"]),
    row("AppPoolTimer", "503", A),
    row("AppShutdown", "503", A),
    row("BadRequest", "400", A),
    row("Client_Reset", "", K),
    row("Connection_Abandoned_By_AppPool", "", A),
    row("Connection_Abandoned_By_ReqQueue", "", K),
    row("Connection_Dropped", "", A),
    row("Connection_Dropped_List_Full", "", K),
    row("Connections_Refused", "", K),
    row("ConnLimit", "503", &["HTTPAPI-ERRORS", "IIS-SITE-LIMITS"]),
    row("Disabled", "503", A),
    row("EntityTooLarge", "", A),
    row("FieldLength", "", A),
    row("Forbidden", "", A),
    row("Header", "400", A),
    row("Hostname", "400", A),
    row("Internal", "500", A),
    row("Invalid_CR/LF", "400", A),
    row("LengthRequired", "411", A),
    row("N/A", "503", A),
    row("N/I", "501", A),
    row("NotFound", "404", &["HTTPAPI-FORMAT"]),
    row("Number", "400", A),
    row("Precondition", "", A),
    row("QueueFull", "503", &["HTTPAPI-ERRORS", "KB820729", "KB4490414", "KB4025764"]),
    row("RequestLength", "400", A),
    row("Timer_AppPool", "", A),
    row("Timer_ConnectionIdle", "", A),
    row("Timer_EntityBody", "", A),
    row("Timer_HeaderWait", "", A),
    row("Timer_MinBytesPerSecond", "", A),
    row("Timer_ReqQueue", "", K),
    row("Timer_Response", "", A),
    row("Timer_SslRenegotiation", "", K),
    row("URL", "400", A),
    row("URL_Length", "414", A),
    row("Verb", "400", A),
    row("Version_N/S", "505", A),
];

/// The 503 reasons that are not about the application pool: the site's connection limit, and
/// HTTP.sys's own internal errors (URL reservations, memory). Each gets its own remedy.
pub(crate) const NOT_THE_POOL: &[&str] = &["ConnLimit", "N/A"];

/// Reasons that are 503s answered by HTTP.sys before IIS logs anything.
pub(crate) const SERVICE_UNAVAILABLE: &[&str] = &[
    "AppOffline",
    "AppPoolTimer",
    "AppShutdown",
    "ConnLimit",
    "Disabled",
    "N/A",
    "QueueFull",
];

/// A reason by name, ignoring case.
pub fn lookup(reason: &str) -> Option<&'static Entry> {
    TABLE.iter().find(|e| e.code.eq_ignore_ascii_case(reason))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_reads_in_japanese_whatever_its_spelling() {
        use crate::i18n::Lang;
        assert_eq!(
            lookup("QueueFull").unwrap().meaning().local(Lang::Ja),
            "サービス利用不可のエラー (HTTP 503) が発生しました: アプリケーションの要求キューがいっぱいです。"
        );
        let na = lookup("n/a").unwrap();
        assert!(na.wsus().starts_with("HTTP.sys itself failed"));
        assert!(na
            .wsus()
            .local(Lang::Ja)
            .starts_with("プールに渡る前に HTTP.sys 自体が失敗しました"));
    }

    #[test]
    fn table_is_sorted_case_insensitively_and_unique() {
        for w in TABLE.windows(2) {
            assert!(
                w[0].code.to_ascii_lowercase() < w[1].code.to_ascii_lowercase(),
                "{}",
                w[1].code
            );
        }
        for r in SERVICE_UNAVAILABLE {
            assert!(lookup(r).is_some());
        }
    }
}
