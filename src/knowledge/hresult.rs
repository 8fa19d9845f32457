//! HRESULTs a Windows Update client logs for connection problems: the protocol talker family
//! `WU_E_PT_*` (wuerror.h), the WinHTTP family 0x80072xxx (winhttp.h: HRESULT_FROM_WIN32 of
//! 12000 + n), and a few generic codes. Cause hints beyond the symbol's meaning are heuristics
//! except where a source is cited.

use super::{Entry, Table};

const fn row(code: &'static str, name: &'static str, sources: &'static [&'static str]) -> Entry {
    Entry {
        table: Table::Hresult,
        code,
        name,
        sources,
    }
}

const WU: &[&str] = &["WUERROR-H", "WU-ERRORS"];
/// 0x8024401F is named "same as HTTP status 500" by WUA-NET-ERRORS.
const WU_HTTP_500: &[&str] = &["WUERROR-H", "WU-ERRORS", "WUA-NET-ERRORS"];
const WH: &[&str] = &["WINHTTP-H", "WU-ERRORS"];
const SCAN: &[&str] = &["WUERROR-H", "KB3090184"];

#[rustfmt::skip]
pub(crate) const TABLE: &[Entry] = &[
    row("0x80004005", "E_FAIL", &["WINERROR-H", "CM-LOGS"]),
    row("0x80070005", "E_ACCESSDENIED", &["WINERROR-H"]),
    row("0x8007000E", "E_OUTOFMEMORY", &["WINERROR-H"]),
    row("0x80070422", "ERROR_SERVICE_DISABLED", &["WINERROR-H", "WU-ERRORS"]),
    row("0x800710DD", "ERROR_INVALID_OPERATION", &["WINERROR-H", "WSUS-HEALTH"]),
    row("0x80072EE2", "ERROR_WINHTTP_TIMEOUT", &["WINHTTP-H", "KB4025764", "KB3090184"]),
    row("0x80072EE4", "ERROR_WINHTTP_INTERNAL_ERROR", WH),
    row("0x80072EE5", "ERROR_WINHTTP_INVALID_URL", WH),
    row("0x80072EE6", "ERROR_WINHTTP_UNRECOGNIZED_SCHEME", WH),
    row("0x80072EE7", "ERROR_WINHTTP_NAME_NOT_RESOLVED", WH),
    row("0x80072EEF", "ERROR_WINHTTP_LOGIN_FAILURE", WH),
    row("0x80072EF1", "ERROR_WINHTTP_OPERATION_CANCELLED", WH),
    row("0x80072EFD", "ERROR_WINHTTP_CANNOT_CONNECT", WH),
    row("0x80072EFE", "ERROR_WINHTTP_CONNECTION_ERROR", WH),
    row("0x80072F00", "ERROR_WINHTTP_RESEND_REQUEST", WH),
    row("0x80072F05", "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID", WH),
    row("0x80072F06", "ERROR_WINHTTP_SECURE_CERT_CN_INVALID", WH),
    row("0x80072F0C", "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", &["WINHTTP-H", "KB3090184"]),
    row("0x80072F0D", "ERROR_WINHTTP_SECURE_INVALID_CA", WH),
    row("0x80072F19", "ERROR_WINHTTP_SECURE_CERT_REV_FAILED", WH),
    row("0x80072F76", "ERROR_WINHTTP_HEADER_NOT_FOUND", WH),
    row("0x80072F78", "ERROR_WINHTTP_INVALID_SERVER_RESPONSE", WH),
    row("0x80072F7D", "ERROR_WINHTTP_SECURE_CHANNEL_ERROR", WH),
    row("0x80072F87", "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT", WH),
    row("0x80072F89", "ERROR_WINHTTP_SECURE_INVALID_CERT", WH),
    row("0x80072F8A", "ERROR_WINHTTP_SECURE_CERT_REVOKED", WH),
    row("0x80072F8F", "ERROR_WINHTTP_SECURE_FAILURE", WH),
    row("0x80072F92", "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR", WH),
    row("0x80072F94", "ERROR_WINHTTP_AUTODETECTION_FAILED", WH),
    row("0x800B0101", "CERT_E_EXPIRED", &["WINERROR-H"]),
    row("0x800B0109", "CERT_E_UNTRUSTEDROOT", &["WINERROR-H"]),
    row("0x800B010F", "CERT_E_CN_NO_MATCH", &["WINERROR-H", "WSUS-CONFIGURE"]),
    row("0x80190193", "BG_E_HTTP_ERROR_403", &["BITS-ERRORS", "WSUS-CLIENT-AGENTS"]),
    row("0x8024000B", "WU_E_CALL_CANCELLED", WU),
    row("0x8024001F", "WU_E_NO_CONNECTION", WU),
    row("0x80240021", "WU_E_TIME_OUT", WU),
    row("0x8024002E", "WU_E_WU_DISABLED", WU),
    row("0x80240030", "WU_E_INVALID_PROXY_SERVER", SCAN),
    row("0x80240033", "WU_E_EULA_UNAVAILABLE", WU),
    row("0x80240436", "WU_E_PT_CATALOG_SYNC_REQUIRED", WU),
    row("0x80240437", "WU_E_PT_SECURITY_VERIFICATION_FAILURE", WU),
    row("0x80240438", "WU_E_PT_ENDPOINT_UNREACHABLE", WU),
    row("0x80240439", "WU_E_PT_INVALID_FORMAT", WU),
    row("0x8024043A", "WU_E_PT_INVALID_URL", WU),
    row("0x80240440", "WU_E_PT_ENDPOINT_DISCONNECTED", WU),
    row("0x80244000", "WU_E_PT_SOAPCLIENT_BASE", WU),
    row("0x80244001", "WU_E_PT_SOAPCLIENT_INITIALIZE", WU),
    row("0x80244002", "WU_E_PT_SOAPCLIENT_OUTOFMEMORY", WU),
    row("0x80244003", "WU_E_PT_SOAPCLIENT_GENERATE", WU),
    row("0x80244004", "WU_E_PT_SOAPCLIENT_CONNECT", WU),
    row("0x80244005", "WU_E_PT_SOAPCLIENT_SEND", WU),
    row("0x80244006", "WU_E_PT_SOAPCLIENT_SERVER", WU),
    row("0x80244007", "WU_E_PT_SOAPCLIENT_SOAPFAULT", &["WUERROR-H", "MS-WUSP", "KB4096317"]),
    row("0x80244008", "WU_E_PT_SOAPCLIENT_PARSEFAULT", WU),
    row("0x80244009", "WU_E_PT_SOAPCLIENT_READ", WU),
    row("0x8024400A", "WU_E_PT_SOAPCLIENT_PARSE", WU),
    row("0x8024400B", "WU_E_PT_SOAP_VERSION", WU),
    row("0x8024400C", "WU_E_PT_SOAP_MUST_UNDERSTAND", WU),
    row("0x8024400D", "WU_E_PT_SOAP_CLIENT", WU),
    row("0x8024400E", "WU_E_PT_SOAP_SERVER", WU),
    row("0x8024400F", "WU_E_PT_WMI_ERROR", WU),
    row("0x80244010", "WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS", &["WUERROR-H", "KB4025764", "KB4490644"]),
    row("0x80244011", "WU_E_PT_SUS_SERVER_NOT_SET", WU),
    row("0x80244012", "WU_E_PT_DOUBLE_INITIALIZATION", WU),
    row("0x80244013", "WU_E_PT_INVALID_COMPUTER_NAME", WU),
    row("0x80244015", "WU_E_PT_REFRESH_CACHE_REQUIRED", WU),
    row("0x80244016", "WU_E_PT_HTTP_STATUS_BAD_REQUEST", WU),
    row("0x80244017", "WU_E_PT_HTTP_STATUS_DENIED", SCAN),
    row("0x80244018", "WU_E_PT_HTTP_STATUS_FORBIDDEN", &["WUERROR-H", "KB3090184", "KB4025764"]),
    row("0x80244019", "WU_E_PT_HTTP_STATUS_NOT_FOUND", &["WUERROR-H", "KB4025764"]),
    row("0x8024401A", "WU_E_PT_HTTP_STATUS_BAD_METHOD", WU),
    row("0x8024401B", "WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ", SCAN),
    row("0x8024401C", "WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT", &["WUERROR-H", "KB3090184", "KB4025764"]),
    row("0x8024401D", "WU_E_PT_HTTP_STATUS_CONFLICT", WU),
    row("0x8024401E", "WU_E_PT_HTTP_STATUS_GONE", WU),
    row("0x8024401F", "WU_E_PT_HTTP_STATUS_SERVER_ERROR", WU_HTTP_500),
    row("0x80244020", "WU_E_PT_HTTP_STATUS_NOT_SUPPORTED", WU),
    row("0x80244021", "WU_E_PT_HTTP_STATUS_BAD_GATEWAY", SCAN),
    row("0x80244022", "WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL", &["WUERROR-H", "KB4025764"]),
    row("0x80244023", "WU_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT", &["WUERROR-H", "KB3090184", "KB4025764"]),
    row("0x80244024", "WU_E_PT_HTTP_STATUS_VERSION_NOT_SUP", WU),
    row("0x80244025", "WU_E_PT_FILE_LOCATIONS_CHANGED", WU),
    row("0x80244026", "WU_E_PT_REGISTRATION_NOT_SUPPORTED", WU),
    row("0x80244027", "WU_E_PT_NO_AUTH_PLUGINS_REQUESTED", WU),
    row("0x80244028", "WU_E_PT_NO_AUTH_COOKIES_CREATED", WU),
    row("0x80244029", "WU_E_PT_INVALID_CONFIG_PROP", WU),
    row("0x8024402A", "WU_E_PT_CONFIG_PROP_MISSING", WU),
    row("0x8024402B", "WU_E_PT_HTTP_STATUS_NOT_MAPPED", WU),
    row("0x8024402C", "WU_E_PT_WINHTTP_NAME_NOT_RESOLVED", SCAN),
    row("0x8024402D", "WU_E_PT_LOAD_SHEDDING", WU),
    row("0x8024402E", "WU_E_PT_CLIENT_ENFORCED_LOAD_SHEDDING", WU),
    row("0x8024402F", "WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS", WU),
    row("0x80244FFF", "WU_E_PT_UNEXPECTED", WU),
    row("0x8024500C", "WU_E_REDIRECTOR_CONNECT_POLICY", WU),
    row("0x87D00692", "Group policy conflict", &["KB3090184", "CM-LOGS"]),
];

/// Parses the forms logs and people use: `0x80072EE2`, `0X80072ee2`, `80072ee2`, and the signed
/// decimal ConfigMgr and WMI print (`-2147012894`).
pub fn parse(text: &str) -> Option<u32> {
    let t = text.trim();
    if let Some(hex) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        return u32::from_str_radix(hex, 16).ok();
    }
    if let Some(neg) = t.strip_prefix('-') {
        let v: i64 = neg.parse().ok()?;
        return i32::try_from(-v).ok().map(|x| x as u32);
    }
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
        return u32::from_str_radix(t, 16).ok();
    }
    None
}

/// The entry for a code.
pub fn lookup(code: u32) -> Option<&'static Entry> {
    TABLE.iter().find(|e| parse(e.code) == Some(code))
}

/// The canonical spelling, `0x80072EE2`.
pub fn format(code: u32) -> String {
    format!("0x{code:08X}")
}

/// For `0x8007xxxx`, the Win32 code inside (`HRESULT_FROM_WIN32`).
pub fn win32_part(code: u32) -> Option<u32> {
    (code & 0xFFFF_0000 == 0x8007_0000).then_some(code & 0xFFFF)
}

/// The HRESULT a client logs for an HTTP status (wuerror.h's WU_E_PT_HTTP_STATUS_* mapping).
pub fn for_http_status(status: u16) -> Option<u32> {
    Some(match status {
        400 => 0x80244016,
        401 => 0x80244017,
        403 => 0x80244018,
        404 => 0x80244019,
        405 => 0x8024401A,
        407 => 0x8024401B,
        408 => 0x8024401C,
        409 => 0x8024401D,
        410 => 0x8024401E,
        500 => 0x8024401F,
        501 => 0x80244020,
        502 => 0x80244021,
        503 => 0x80244022,
        504 => 0x80244023,
        505 => 0x80244024,
        s if (300..600).contains(&s) => 0x8024402B,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_parsable() {
        for e in TABLE {
            assert!(parse(e.code).is_some(), "{}", e.code);
            assert_eq!(format(parse(e.code).unwrap()), e.code, "canonical spelling");
        }
        for w in TABLE.windows(2) {
            assert!(
                parse(w[0].code) < parse(w[1].code),
                "{} before {}",
                w[0].code,
                w[1].code
            );
        }
    }

    #[test]
    fn every_form_parses() {
        for f in ["0x80072EE2", "0X80072ee2", "80072ee2", "-2147012894"] {
            assert_eq!(parse(f), Some(0x80072EE2), "{f}");
        }
        assert_eq!(parse("-2145107934"), Some(0x80244022));
        assert_eq!(parse("hello"), None);
    }

    #[test]
    fn http_mapping_matches_the_table() {
        for s in [401u16, 403, 404, 503] {
            assert!(lookup(for_http_status(s).unwrap())
                .unwrap()
                .meaning()
                .contains(&s.to_string()));
        }
        assert_eq!(win32_part(0x80072EE2), Some(12002));
    }

    #[test]
    fn the_codes_real_logs_show_are_decoded_with_their_source() {
        for (code, name, family_, source) in [
            (
                0x80190193,
                "BG_E_HTTP_ERROR_403",
                Family::Http403,
                "BITS-ERRORS",
            ),
            (
                0x87D00692,
                "Group policy conflict",
                Family::Other,
                "KB3090184",
            ),
            (
                0x800B010F,
                "CERT_E_CN_NO_MATCH",
                Family::Tls(TlsFault::Name),
                "WINERROR-H",
            ),
            (
                0x800B0109,
                "CERT_E_UNTRUSTEDROOT",
                Family::Tls(TlsFault::Untrusted),
                "WINERROR-H",
            ),
            (
                0x8024400E,
                "WU_E_PT_SOAP_SERVER",
                Family::SoapFault,
                "WUERROR-H",
            ),
            (0x80004005, "E_FAIL", Family::Other, "WINERROR-H"),
        ] {
            let e = lookup(code).unwrap_or_else(|| panic!("{} undecoded", format(code)));
            assert_eq!(e.name, name);
            assert_eq!(family(code), family_, "{name}");
            assert!(e.sources.contains(&source), "{name}: {:?}", e.sources);
            for s in e.sources {
                assert!(super::super::sources::is_known(s), "{name}: {s}");
            }
        }
        assert!(lookup(0x80004005)
            .unwrap()
            .wsus()
            .contains("Registry.pol is corrupt"));
        assert!(lookup(0x80004005).unwrap().wsus().contains("UNCONFIRMED"));
        assert!(lookup(0x87D00692)
            .unwrap()
            .wsus()
            .contains("overwritten by a higher authority"));
        assert_eq!(parse("-2016409966"), Some(0x87D00692));
    }

    #[test]
    fn a_family_reads_in_english_as_its_label_and_in_japanese() {
        use crate::i18n::Lang;
        for family in [
            Family::Timeout,
            Family::Http503,
            Family::CannotConnect,
            Family::Dns,
            Family::ClientCert,
            Family::Tls(TlsFault::Other),
            Family::Proxy,
            Family::SoapFault,
            Family::Http401,
            Family::Http403,
            Family::Http404,
            Family::Http500,
            Family::Other,
        ] {
            assert_eq!(&*family.text(), family.label());
        }
        assert_eq!(Family::Timeout.text().local(Lang::Ja), "タイムアウト");
        assert_eq!(
            Family::Tls(TlsFault::Name).text().local(Lang::Ja),
            "TLS または証明書のエラー"
        );
    }

    #[test]
    fn http_time_outs_pair_with_503_bursts_like_0x80072ee2() {
        for code in [0x80072EE2, 0x8024401C, 0x80244023, 0x80244022] {
            assert!(pairs_with_503(code), "{}", format(code));
        }
        for code in [0x80072EFD, 0x80244019, 0x80072F8F] {
            assert!(!pairs_with_503(code), "{}", format(code));
        }
        for code in [0x8024401C, 0x80244023] {
            let e = lookup(code).unwrap();
            assert_eq!(family(code), Family::Timeout);
            assert!(
                e.wsus()
                    .starts_with("An HTTP time-out, like 0x80072EE2 (KB3090184)"),
                "{}",
                e.wsus()
            );
            assert!(
                e.wsus().contains("503s in the same minutes"),
                "{}",
                e.wsus()
            );
            assert!(!e.wsus().contains("Grouped with"), "{}", e.wsus());
            assert!(e.sources.contains(&"KB3090184") && e.sources.contains(&"KB4025764"));
        }
    }
}

/// What kind of failure a client's HRESULT is: KB3090184's groups of scan failures, with the
/// WinHTTP and WU_E_PT codes of each (winhttp.h, wuerror.h). Every place that groups codes reads
/// this one table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// The request timed out (0x80072EE2 and the WU_E_PT time-outs).
    Timeout,
    /// HTTP 503 from the server.
    Http503,
    /// No connection: refused, reset, or the agent could not connect.
    CannotConnect,
    /// The server's name did not resolve.
    Dns,
    /// The server asked for a client certificate.
    ClientCert,
    /// The TLS handshake or the server's certificate failed.
    Tls(TlsFault),
    /// A proxy stood in the way (407, proxy errors).
    Proxy,
    /// The web service answered with a SOAP fault.
    SoapFault,
    Http401,
    Http403,
    Http404,
    Http500,
    Other,
}

/// What was wrong with TLS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TlsFault {
    /// The certificate chains to a root the client does not trust.
    Untrusted,
    /// The certificate does not name the host the client asked for.
    Name,
    /// The certificate has expired or is not yet valid.
    Expired,
    /// Another handshake or certificate failure.
    Other,
}

impl Family {
    /// The family in a few words, in the reader's language (a report line).
    pub fn text(self) -> crate::i18n::Text {
        match self {
            Family::Timeout => crate::tr!("hresult-family-timeout"),
            Family::Http503 => crate::tr!("hresult-family-http-503"),
            Family::CannotConnect => crate::tr!("hresult-family-cannot-connect"),
            Family::Dns => crate::tr!("hresult-family-dns"),
            Family::ClientCert => crate::tr!("hresult-family-client-cert"),
            Family::Tls(_) => crate::tr!("hresult-family-tls"),
            Family::Proxy => crate::tr!("hresult-family-proxy"),
            Family::SoapFault => crate::tr!("hresult-family-soap-fault"),
            Family::Http401 => crate::tr!("hresult-family-http-401"),
            Family::Http403 => crate::tr!("hresult-family-http-403"),
            Family::Http404 => crate::tr!("hresult-family-http-404"),
            Family::Http500 => crate::tr!("hresult-family-http-500"),
            Family::Other => crate::tr!("hresult-family-other"),
        }
    }

    /// The family in a few words, in English: the JSON report's stable value.
    pub fn label(self) -> &'static str {
        match self {
            Family::Timeout => "time-out",
            Family::Http503 => "HTTP 503 from the server",
            Family::CannotConnect => "cannot connect",
            Family::Dns => "name not resolved",
            Family::ClientCert => "client certificate requested",
            Family::Tls(_) => "TLS or certificate failure",
            Family::Proxy => "proxy",
            Family::SoapFault => "SOAP fault",
            Family::Http401 => "HTTP 401",
            Family::Http403 => "HTTP 403",
            Family::Http404 => "HTTP 404",
            Family::Http500 => "HTTP 500",
            Family::Other => "other",
        }
    }
}

/// The family of a code.
pub(crate) fn family(code: u32) -> Family {
    match code {
        0x80072EE2 | 0x8024401C | 0x80244023 | 0x80240021 => Family::Timeout,
        0x80244022 => Family::Http503,
        0x80072EFD | 0x80072EFE | 0x80240438 | 0x80240440 => Family::CannotConnect,
        0x800B010F => Family::Tls(TlsFault::Name),
        0x80190193 => Family::Http403,
        0x80072EE7 | 0x8024402C => Family::Dns,
        0x80072F0C => Family::ClientCert,
        0x80072F0D | 0x800B0109 => Family::Tls(TlsFault::Untrusted),
        0x80072F06 => Family::Tls(TlsFault::Name),
        0x80072F05 | 0x800B0101 => Family::Tls(TlsFault::Expired),
        0x80072F8F | 0x80072F19 | 0x80072F7D | 0x80072F89 | 0x80072F8A => {
            Family::Tls(TlsFault::Other)
        }
        0x8024401B | 0x80244021 | 0x80240030 => Family::Proxy,
        0x80244007 | 0x8024400E | 0x8024400D => Family::SoapFault,
        0x80244017 => Family::Http401,
        0x80244018 => Family::Http403,
        0x80244019 => Family::Http404,
        0x8024401F => Family::Http500,
        _ => Family::Other,
    }
}

/// The client errors the guide pairs with the server's 503s: a time-out (0x80072EE2, KB4025764,
/// and the HTTP time-outs KB3090184 groups with it: 0x8024401C, 0x80244023) or the 503 itself
/// (0x80244022) in the same minutes as a 503 burst in the IIS log. It follows [`family`], so a
/// code added to the time-out family pairs too.
pub(crate) fn pairs_with_503(code: u32) -> bool {
    matches!(family(code), Family::Timeout | Family::Http503)
}
