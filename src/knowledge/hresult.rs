//! HRESULTs a Windows Update client logs for connection problems: the protocol talker family
//! `WU_E_PT_*` (wuerror.h), the WinHTTP family 0x80072xxx (winhttp.h: HRESULT_FROM_WIN32 of
//! 12000 + n), and a few generic codes. Cause hints beyond the symbol's meaning are heuristics
//! except where a source is cited.

use super::Entry;

const WU: &[&str] = &["WUERROR-H", "WU-ERRORS"];
/// 0x8024401F is named "same as HTTP status 500" by WUA-NET-ERRORS.
const WU_HTTP_500: &[&str] = &["WUERROR-H", "WU-ERRORS", "WUA-NET-ERRORS"];
const WH: &[&str] = &["WINHTTP-H", "WU-ERRORS"];
const SCAN: &[&str] = &["WUERROR-H", "KB3090184"];

pub(crate) const TABLE: &[Entry] = &[
    Entry { code: "0x80004005", name: "E_FAIL", meaning: "Unspecified error.", wsus: "In WUAHandler.log with 'Unable to read existing WUA Group Policy object' it means the client's local policy file %windir%\\System32\\GroupPolicy\\Machine\\Registry.pol is corrupt: rename it, run gpupdate /force, restart the ConfigMgr client (CcmExec) and start a Software Updates Scan Cycle. That reading is UNCONFIRMED by a Microsoft page (seen in field reports); elsewhere the code says nothing specific.", sources: &["WINERROR-H", "CM-LOGS"] },
    Entry { code: "0x80070005", name: "E_ACCESSDENIED", meaning: "Access denied.", wsus: "", sources: &["WINERROR-H"] },
    Entry { code: "0x8007000E", name: "E_OUTOFMEMORY", meaning: "Not enough memory.", wsus: "", sources: &["WINERROR-H"] },
    Entry { code: "0x80070422", name: "ERROR_SERVICE_DISABLED", meaning: "The service cannot be started because it is disabled.", wsus: "The Windows Update service (wuauserv) is disabled on the client.", sources: &["WINERROR-H", "WU-ERRORS"] },
    Entry { code: "0x800710DD", name: "ERROR_INVALID_OPERATION", meaning: "The operation identifier is not valid.", wsus: "Seen with 401.3 on /Content when the content share denies the pool identity.", sources: &["WINERROR-H", "WSUS-HEALTH"] },
    Entry { code: "0x80072EE2", name: "ERROR_WINHTTP_TIMEOUT", meaning: "The operation timed out (WinHTTP 12002).", wsus: "The client waited for WSUS and gave up. The guide pairs it with 503s in the server's IIS log: WsusPool is overloaded or recycling. Also a firewall that drops packets.", sources: &["WINHTTP-H", "KB4025764", "KB3090184"] },
    Entry { code: "0x80072EE4", name: "ERROR_WINHTTP_INTERNAL_ERROR", meaning: "WinHTTP internal error (12004).", wsus: "", sources: WH },
    Entry { code: "0x80072EE5", name: "ERROR_WINHTTP_INVALID_URL", meaning: "The URL is invalid (12005).", wsus: "The WUServer policy value is not a valid URL.", sources: WH },
    Entry { code: "0x80072EE6", name: "ERROR_WINHTTP_UNRECOGNIZED_SCHEME", meaning: "The URL scheme is not http or https (12006).", wsus: "The WUServer policy value lacks http:// or https://.", sources: WH },
    Entry { code: "0x80072EE7", name: "ERROR_WINHTTP_NAME_NOT_RESOLVED", meaning: "The server (or proxy) name could not be resolved (12007).", wsus: "DNS does not know the WSUS host name in WUServer, or the proxy's name.", sources: WH },
    Entry { code: "0x80072EEF", name: "ERROR_WINHTTP_LOGIN_FAILURE", meaning: "Login failure (12015).", wsus: "", sources: WH },
    Entry { code: "0x80072EF1", name: "ERROR_WINHTTP_OPERATION_CANCELLED", meaning: "The operation was cancelled (12017).", wsus: "", sources: WH },
    Entry { code: "0x80072EFD", name: "ERROR_WINHTTP_CANNOT_CONNECT", meaning: "The connection to the server could not be established (12029).", wsus: "Nothing accepts connections at the WSUS host and port: wrong port, site stopped, firewall.", sources: WH },
    Entry { code: "0x80072EFE", name: "ERROR_WINHTTP_CONNECTION_ERROR", meaning: "The connection was reset or aborted (12030).", wsus: "The connection was cut: a pool with loadBalancerCapabilities=TcpLevel that is down, a firewall or proxy, or a TLS failure.", sources: WH },
    Entry { code: "0x80072F00", name: "ERROR_WINHTTP_RESEND_REQUEST", meaning: "The request must be resent (12032).", wsus: "", sources: WH },
    Entry { code: "0x80072F05", name: "ERROR_WINHTTP_SECURE_CERT_DATE_INVALID", meaning: "The server certificate has expired or is not yet valid (12037).", wsus: "Renew the WSUS site's certificate, or correct the client's clock.", sources: WH },
    Entry { code: "0x80072F06", name: "ERROR_WINHTTP_SECURE_CERT_CN_INVALID", meaning: "The certificate's name does not match the host name (12038).", wsus: "WUServer must use the name in the certificate (the FQDN, not a short name or IP address).", sources: WH },
    Entry { code: "0x80072F0C", name: "ERROR_WINHTTP_CLIENT_AUTH_CERT_NEEDED", meaning: "The server requests a client certificate (12044).", wsus: "The WSUS site or its virtual directories are set to accept or require client certificates; set SSL client certificates to Ignore.", sources: &["WINHTTP-H", "KB3090184"] },
    Entry { code: "0x80072F0D", name: "ERROR_WINHTTP_SECURE_INVALID_CA", meaning: "The certificate chains to an untrusted root (12045).", wsus: "Deploy the issuing CA to the clients' Trusted Root store.", sources: WH },
    Entry { code: "0x80072F19", name: "ERROR_WINHTTP_SECURE_CERT_REV_FAILED", meaning: "The revocation check could not be completed (12057).", wsus: "The client cannot reach the CRL or OCSP location of the WSUS certificate.", sources: WH },
    Entry { code: "0x80072F76", name: "ERROR_WINHTTP_HEADER_NOT_FOUND", meaning: "The requested header was not found (12150).", wsus: "", sources: WH },
    Entry { code: "0x80072F78", name: "ERROR_WINHTTP_INVALID_SERVER_RESPONSE", meaning: "The server response could not be parsed (12152).", wsus: "A proxy or something other than WSUS answered.", sources: WH },
    Entry { code: "0x80072F7D", name: "ERROR_WINHTTP_SECURE_CHANNEL_ERROR", meaning: "An error occurred in the secure channel (12157).", wsus: "TLS version or cipher mismatch between client and WSUS.", sources: WH },
    Entry { code: "0x80072F87", name: "ERROR_WINHTTP_UNABLE_TO_DOWNLOAD_SCRIPT", meaning: "The proxy auto-configuration script could not be downloaded (12167).", wsus: "", sources: WH },
    Entry { code: "0x80072F89", name: "ERROR_WINHTTP_SECURE_INVALID_CERT", meaning: "The certificate is invalid (12169).", wsus: "", sources: WH },
    Entry { code: "0x80072F8A", name: "ERROR_WINHTTP_SECURE_CERT_REVOKED", meaning: "The certificate has been revoked (12170).", wsus: "", sources: WH },
    Entry { code: "0x80072F8F", name: "ERROR_WINHTTP_SECURE_FAILURE", meaning: "One or more errors were found in the server's certificate or TLS (12175).", wsus: "Often a wrong client clock, an untrusted or expired WSUS certificate, or TLS 1.2 missing on an old WSUS.", sources: WH },
    Entry { code: "0x80072F92", name: "ERROR_WINHTTP_AUTO_PROXY_SERVICE_ERROR", meaning: "The auto-proxy service failed (12178).", wsus: "", sources: WH },
    Entry { code: "0x80072F94", name: "ERROR_WINHTTP_AUTODETECTION_FAILED", meaning: "Proxy auto-detection (WPAD) failed (12180).", wsus: "", sources: WH },
    Entry { code: "0x800B0101", name: "CERT_E_EXPIRED", meaning: "A certificate in the chain has expired.", wsus: "The WSUS certificate (or a signing certificate) has expired.", sources: &["WINERROR-H"] },
    Entry { code: "0x800B0109", name: "CERT_E_UNTRUSTEDROOT", meaning: "The certificate chain ends in an untrusted root.", wsus: "Deploy the WSUS certificate's root CA to the clients.", sources: &["WINERROR-H"] },
    Entry { code: "0x800B010F", name: "CERT_E_CN_NO_MATCH", meaning: "The certificate's CN name does not match the passed value.", wsus: "The WSUS certificate does not name the host in the client's URL: WUServer must use the name in the certificate (its subject or a SAN, normally the FQDN), or the certificate must be reissued with that name.", sources: &["WINERROR-H", "WSUS-CONFIGURE"] },
    Entry { code: "0x80190193", name: "BG_E_HTTP_ERROR_403", meaning: "BITS: the server returned HTTP 403 (forbidden) for a download.", wsus: "A content download from WSUS (or a proxy) was refused: check the /Content virtual directory's permissions and SSL settings, and the proxy.", sources: &["BITS-ERRORS", "WSUS-CLIENT-AGENTS"] },
    Entry { code: "0x8024000B", name: "WU_E_CALL_CANCELLED", meaning: "The operation was cancelled.", wsus: "", sources: WU },
    Entry { code: "0x8024001F", name: "WU_E_NO_CONNECTION", meaning: "No network connection was available.", wsus: "", sources: WU },
    Entry { code: "0x80240021", name: "WU_E_TIME_OUT", meaning: "The operation timed out.", wsus: "", sources: WU },
    Entry { code: "0x8024002E", name: "WU_E_WU_DISABLED", meaning: "Access to an unmanaged server is not allowed.", wsus: "", sources: WU },
    Entry { code: "0x80240030", name: "WU_E_INVALID_PROXY_SERVER", meaning: "The format of the proxy list was invalid.", wsus: "Fix the WinHTTP proxy setting (netsh winhttp show proxy).", sources: SCAN },
    Entry { code: "0x80240033", name: "WU_E_EULA_UNAVAILABLE", meaning: "The license terms could not be downloaded.", wsus: "The EULA file under /Content could not be fetched from WSUS.", sources: WU },
    Entry { code: "0x80240436", name: "WU_E_PT_CATALOG_SYNC_REQUIRED", meaning: "The server does not support category-specific search.", wsus: "", sources: WU },
    Entry { code: "0x80240437", name: "WU_E_PT_SECURITY_VERIFICATION_FAILURE", meaning: "There was a problem authorizing with the service.", wsus: "", sources: WU },
    Entry { code: "0x80240438", name: "WU_E_PT_ENDPOINT_UNREACHABLE", meaning: "There is no route or network connectivity to the endpoint.", wsus: "The agent cannot reach the update service at all (also reported when the WSUS site or WsusPool is stopped).", sources: WU },
    Entry { code: "0x80240439", name: "WU_E_PT_INVALID_FORMAT", meaning: "The data received does not meet the data contract expectations.", wsus: "Something other than a genuine WSUS answered.", sources: WU },
    Entry { code: "0x8024043A", name: "WU_E_PT_INVALID_URL", meaning: "The URL is invalid.", wsus: "", sources: WU },
    Entry { code: "0x80240440", name: "WU_E_PT_ENDPOINT_DISCONNECTED", meaning: "The connection to the endpoint was lost.", wsus: "", sources: WU },
    Entry { code: "0x80244000", name: "WU_E_PT_SOAPCLIENT_BASE", meaning: "Base of the SOAP client error mapping.", wsus: "", sources: WU },
    Entry { code: "0x80244001", name: "WU_E_PT_SOAPCLIENT_INITIALIZE", meaning: "The SOAP client failed to initialize.", wsus: "", sources: WU },
    Entry { code: "0x80244002", name: "WU_E_PT_SOAPCLIENT_OUTOFMEMORY", meaning: "The SOAP client ran out of memory.", wsus: "", sources: WU },
    Entry { code: "0x80244003", name: "WU_E_PT_SOAPCLIENT_GENERATE", meaning: "The SOAP client failed to generate the request.", wsus: "", sources: WU },
    Entry { code: "0x80244004", name: "WU_E_PT_SOAPCLIENT_CONNECT", meaning: "The SOAP client failed to connect to the server.", wsus: "", sources: WU },
    Entry { code: "0x80244005", name: "WU_E_PT_SOAPCLIENT_SEND", meaning: "The SOAP client failed to send a message (an underlying WinHTTP error).", wsus: "", sources: WU },
    Entry { code: "0x80244006", name: "WU_E_PT_SOAPCLIENT_SERVER", meaning: "The SOAP client failed because of a server error.", wsus: "", sources: WU },
    Entry { code: "0x80244007", name: "WU_E_PT_SOAPCLIENT_SOAPFAULT", meaning: "The server returned a SOAP fault.", wsus: "WSUS answered with a SOAP fault; its ErrorCode (InvalidCookie, InternalServerError, InvalidParameters, ServerBusy...) says which. For InvalidParameters see KB4096317.", sources: &["WUERROR-H", "MS-WUSP", "KB4096317"] },
    Entry { code: "0x80244008", name: "WU_E_PT_SOAPCLIENT_PARSEFAULT", meaning: "The SOAP fault could not be parsed.", wsus: "", sources: WU },
    Entry { code: "0x80244009", name: "WU_E_PT_SOAPCLIENT_READ", meaning: "The SOAP client failed reading the response.", wsus: "", sources: WU },
    Entry { code: "0x8024400A", name: "WU_E_PT_SOAPCLIENT_PARSE", meaning: "The SOAP client failed parsing the response.", wsus: "", sources: WU },
    Entry { code: "0x8024400B", name: "WU_E_PT_SOAP_VERSION", meaning: "The SOAP envelope namespace was not recognised.", wsus: "", sources: WU },
    Entry { code: "0x8024400C", name: "WU_E_PT_SOAP_MUST_UNDERSTAND", meaning: "A SOAP header marked mustUnderstand was not understood.", wsus: "", sources: WU },
    Entry { code: "0x8024400D", name: "WU_E_PT_SOAP_CLIENT", meaning: "The SOAP message was malformed (client fault).", wsus: "", sources: WU },
    Entry { code: "0x8024400E", name: "WU_E_PT_SOAP_SERVER", meaning: "The server failed to process the SOAP message (server fault); retry later.", wsus: "WSUS itself failed (for example ErrorCode InternalServerError): check the server's SoftwareDistribution.log, SUSDB and the Application log.", sources: WU },
    Entry { code: "0x8024400F", name: "WU_E_PT_WMI_ERROR", meaning: "An unspecified WMI error occurred.", wsus: "", sources: WU },
    Entry { code: "0x80244010", name: "WU_E_PT_EXCEEDED_MAX_SERVER_TRIPS", meaning: "The number of round trips to the server exceeded the maximum.", wsus: "The guide points to the WSUS maintenance guide (decline superseded updates, clean up) for too many round trips.", sources: &["WUERROR-H", "KB4025764", "KB4490644"] },
    Entry { code: "0x80244011", name: "WU_E_PT_SUS_SERVER_NOT_SET", meaning: "The WUServer policy value is missing.", wsus: "UseWUServer is set but WUServer is not.", sources: WU },
    Entry { code: "0x80244012", name: "WU_E_PT_DOUBLE_INITIALIZATION", meaning: "Initialization failed because the object was already initialized.", wsus: "", sources: WU },
    Entry { code: "0x80244013", name: "WU_E_PT_INVALID_COMPUTER_NAME", meaning: "The computer name could not be determined.", wsus: "", sources: WU },
    Entry { code: "0x80244015", name: "WU_E_PT_REFRESH_CACHE_REQUIRED", meaning: "The reply from the server indicates that the server was changed or the cookie was invalid; refresh the state and retry.", wsus: "", sources: WU },
    Entry { code: "0x80244016", name: "WU_E_PT_HTTP_STATUS_BAD_REQUEST", meaning: "HTTP 400.", wsus: "", sources: WU },
    Entry { code: "0x80244017", name: "WU_E_PT_HTTP_STATUS_DENIED", meaning: "HTTP 401.", wsus: "Authentication is enabled on an anonymous WSUS virtual directory, or a proxy demands it.", sources: SCAN },
    Entry { code: "0x80244018", name: "WU_E_PT_HTTP_STATUS_FORBIDDEN", meaning: "HTTP 403.", wsus: "Certificate problem or IIS configuration (SSL required, client certificates, IP restrictions), or a proxy refusing.", sources: &["WUERROR-H", "KB3090184", "KB4025764"] },
    Entry { code: "0x80244019", name: "WU_E_PT_HTTP_STATUS_NOT_FOUND", meaning: "HTTP 404.", wsus: "A WSUS virtual directory is missing, the client uses the wrong site or port, or a content file is not on the server.", sources: &["WUERROR-H", "KB4025764"] },
    Entry { code: "0x8024401A", name: "WU_E_PT_HTTP_STATUS_BAD_METHOD", meaning: "HTTP 405.", wsus: "", sources: WU },
    Entry { code: "0x8024401B", name: "WU_E_PT_HTTP_STATUS_PROXY_AUTH_REQ", meaning: "HTTP 407: proxy authentication required.", wsus: "A proxy requires authentication; exclude the WSUS host from the proxy (bypass list).", sources: SCAN },
    Entry { code: "0x8024401C", name: "WU_E_PT_HTTP_STATUS_REQUEST_TIMEOUT", meaning: "HTTP 408: the server timed out waiting for the request.", wsus: "An HTTP time-out, like 0x80072EE2 (KB3090184): the request to WSUS did not complete in time. Look at the server's IIS log for 503s in the same minutes (WsusPool overloaded or recycling, KB4025764); without them, a proxy or firewall that holds the connection.", sources: &["WUERROR-H", "KB3090184", "KB4025764"] },
    Entry { code: "0x8024401D", name: "WU_E_PT_HTTP_STATUS_CONFLICT", meaning: "HTTP 409.", wsus: "", sources: WU },
    Entry { code: "0x8024401E", name: "WU_E_PT_HTTP_STATUS_GONE", meaning: "HTTP 410.", wsus: "", sources: WU },
    Entry { code: "0x8024401F", name: "WU_E_PT_HTTP_STATUS_SERVER_ERROR", meaning: "HTTP 500.", wsus: "WSUS failed handling the request; the IIS log's sub-status says why (500.19, 500.24...). A plain 500.0 with SqlException records in the server's SoftwareDistribution.log is WSUS failing to reach its database, SUSDB (check server.database).", sources: WU_HTTP_500 },
    Entry { code: "0x80244020", name: "WU_E_PT_HTTP_STATUS_NOT_SUPPORTED", meaning: "HTTP 500: the server does not support the functionality required (the name implies 501).", wsus: "", sources: WU },
    Entry { code: "0x80244021", name: "WU_E_PT_HTTP_STATUS_BAD_GATEWAY", meaning: "HTTP 502.", wsus: "A proxy or gateway between client and WSUS failed.", sources: SCAN },
    Entry { code: "0x80244022", name: "WU_E_PT_HTTP_STATUS_SERVICE_UNAVAIL", meaning: "HTTP 503.", wsus: "WsusPool is stopped, disabled by rapid-fail protection, or its queue is full: the client side of the server's 503s. Raise the WsusPool private memory limit (KB4025764).", sources: &["WUERROR-H", "KB4025764"] },
    Entry { code: "0x80244023", name: "WU_E_PT_HTTP_STATUS_GATEWAY_TIMEOUT", meaning: "HTTP 503: timed out waiting for a gateway (the name implies 504).", wsus: "An HTTP time-out, like 0x80072EE2 (KB3090184): a gateway or proxy between the client and WSUS, or WSUS itself, did not answer in time. Look at the server's IIS log for 503s in the same minutes (WsusPool overloaded or recycling, KB4025764); without them, check the proxy or gateway.", sources: &["WUERROR-H", "KB3090184", "KB4025764"] },
    Entry { code: "0x80244024", name: "WU_E_PT_HTTP_STATUS_VERSION_NOT_SUP", meaning: "HTTP 505.", wsus: "", sources: WU },
    Entry { code: "0x80244025", name: "WU_E_PT_FILE_LOCATIONS_CHANGED", meaning: "The file locations changed; call GetFileLocations again.", wsus: "", sources: WU },
    Entry { code: "0x80244026", name: "WU_E_PT_REGISTRATION_NOT_SUPPORTED", meaning: "Registration with a non-WSUS server is not supported.", wsus: "", sources: WU },
    Entry { code: "0x80244027", name: "WU_E_PT_NO_AUTH_PLUGINS_REQUESTED", meaning: "The server returned an empty authentication information list.", wsus: "", sources: WU },
    Entry { code: "0x80244028", name: "WU_E_PT_NO_AUTH_COOKIES_CREATED", meaning: "No valid authentication cookies could be created.", wsus: "", sources: WU },
    Entry { code: "0x80244029", name: "WU_E_PT_INVALID_CONFIG_PROP", meaning: "A configuration property value was wrong.", wsus: "", sources: WU },
    Entry { code: "0x8024402A", name: "WU_E_PT_CONFIG_PROP_MISSING", meaning: "A configuration property value was missing.", wsus: "", sources: WU },
    Entry { code: "0x8024402B", name: "WU_E_PT_HTTP_STATUS_NOT_MAPPED", meaning: "An HTTP error was not mapped to a specific code.", wsus: "", sources: WU },
    Entry { code: "0x8024402C", name: "WU_E_PT_WINHTTP_NAME_NOT_RESOLVED", meaning: "The proxy or target server name could not be resolved.", wsus: "DNS does not resolve the WSUS (or proxy) host name.", sources: SCAN },
    Entry { code: "0x8024402D", name: "WU_E_PT_LOAD_SHEDDING", meaning: "The server is shedding load.", wsus: "", sources: WU },
    Entry { code: "0x8024402E", name: "WU_E_PT_CLIENT_ENFORCED_LOAD_SHEDDING", meaning: "The client is honouring a load-shedding interval.", wsus: "", sources: WU },
    Entry { code: "0x8024402F", name: "WU_E_PT_ECP_SUCCEEDED_WITH_ERRORS", meaning: "External cab file processing completed with errors.", wsus: "Web filters in the path can cause it.", sources: WU },
    Entry { code: "0x80244FFF", name: "WU_E_PT_UNEXPECTED", meaning: "A communication error not covered by another code.", wsus: "", sources: WU },
    Entry { code: "0x8024500C", name: "WU_E_REDIRECTOR_CONNECT_POLICY", meaning: "Connections to the redirector are blocked by policy.", wsus: "Seen with DoNotConnectToWindowsUpdateInternetLocations.", sources: WU },
    Entry { code: "0x87D00692", name: "Group policy conflict", meaning: "Configuration Manager: the Windows Update policy it wrote was overridden by Group Policy (the code's text is UNCONFIRMED by a Microsoft page; field reports and the ConfigMgr client's message table give it).", wsus: "A domain GPO sets the WSUS location on a Configuration Manager client: WUAHandler.log says 'Group policy settings were overwritten by a higher authority (Domain Controller)'. Remove the WSUS location from the GPO (or point it at the software update point) and run a Software Updates Scan Cycle (KB3090184).", sources: &["KB3090184", "CM-LOGS"] },
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
                .meaning
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
            .wsus
            .contains("Registry.pol is corrupt"));
        assert!(lookup(0x80004005).unwrap().wsus.contains("UNCONFIRMED"));
        assert!(lookup(0x87D00692)
            .unwrap()
            .wsus
            .contains("overwritten by a higher authority"));
        assert_eq!(parse("-2016409966"), Some(0x87D00692));
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
                e.wsus
                    .starts_with("An HTTP time-out, like 0x80072EE2 (KB3090184)"),
                "{}",
                e.wsus
            );
            assert!(e.wsus.contains("503s in the same minutes"), "{}", e.wsus);
            assert!(!e.wsus.contains("Grouped with"), "{}", e.wsus);
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
    /// The family in a few words, for a report line.
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
