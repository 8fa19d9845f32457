//! HTTP status and IIS sub-status codes, read in the context of WSUS. The guide's own table
//! (KB4025764) comes first; sub-status meanings are from KB943891.

use super::Entry;

const G: &[&str] = &["KB4025764"];
const S: &[&str] = &["KB943891"];
const GS: &[&str] = &["KB4025764", "KB943891"];

pub(crate) const TABLE: &[Entry] = &[
    Entry { code: "200", name: "OK", meaning: "Success.", wsus: "Normal answer to every WSUS client request.", sources: G },
    Entry { code: "206", name: "Partial Content", meaning: "Continuation (a range of a file was sent).", wsus: "Normal: BITS and Delivery Optimization download /Content files in ranges. The guide calls it 'Continuation: OK'.", sources: G },
    Entry { code: "304", name: "Not Modified", meaning: "The client's cached copy is current.", wsus: "Normal.", sources: S },
    Entry { code: "400", name: "Bad Request", meaning: "The request could not be parsed.", wsus: "Usually rejected by HTTP.sys; the HTTPERR log says why (reason phrase).", sources: S },
    Entry { code: "401", name: "Unauthorized", meaning: "Authentication required or failed.", wsus: "The guide: 401 is OK when a 200 follows for the same client (the authentication handshake). 401s not followed by success mean authentication is wrongly enabled on an anonymous WSUS virtual directory or the content share denies access.", sources: G },
    Entry { code: "401.1", name: "Logon failed", meaning: "Logon failed.", wsus: "", sources: S },
    Entry { code: "401.2", name: "Logon failed due to server configuration", meaning: "No authentication method the client offered is enabled.", wsus: "The WSUS client endpoints must allow anonymous access.", sources: S },
    Entry { code: "401.3", name: "Unauthorized due to ACL", meaning: "The file system denies access to the resource.", wsus: "Seen on /Content when the content folder is a UNC share the WSUS pool identity cannot read.", sources: &["KB943891", "WSUS-HEALTH"] },
    Entry { code: "403", name: "Forbidden", meaning: "Access denied.", wsus: "The guide: certificate problems or incorrect IIS configuration. Most WSUS URLs opened in a browser return 403: that is expected, not a fault. A 403 answered to the Windows Update Agent is a fault.", sources: G },
    Entry { code: "403.4", name: "SSL required", meaning: "The virtual directory requires SSL and the request came over HTTP.", wsus: "The client uses http:// (port 8530) while the site requires SSL, or a virtual directory that must not require SSL (Content, Selfupdate, ReportingWebService, Inventory) does.", sources: &["KB943891", "WSUS-CONFIGURE"] },
    Entry { code: "403.6", name: "IP address rejected", meaning: "IP restrictions deny the client.", wsus: "An IP and domain restriction on the WSUS site blocks clients.", sources: S },
    Entry { code: "403.7", name: "Client certificate required", meaning: "The site requires a client certificate.", wsus: "WSUS virtual directories must not require client certificates; clients fail with 0x80072F0C.", sources: &["KB943891", "KB3090184"] },
    Entry { code: "403.13", name: "Client certificate revoked", meaning: "The client certificate is revoked.", wsus: "Client certificates must not be required on WSUS.", sources: S },
    Entry { code: "403.14", name: "Directory listing denied", meaning: "A folder was requested and browsing is off.", wsus: "Expected for browser requests to folders such as /Content/.", sources: S },
    Entry { code: "403.16", name: "Client certificate untrusted or invalid", meaning: "The client certificate is untrusted.", wsus: "Client certificates must not be required on WSUS.", sources: S },
    Entry { code: "403.17", name: "Client certificate expired", meaning: "The client certificate has expired or is not yet valid.", wsus: "Client certificates must not be required on WSUS.", sources: S },
    Entry { code: "403.501", name: "Dynamic IP restriction", meaning: "Too many concurrent requests from one address.", wsus: "Dynamic IP restrictions throttle WSUS clients behind NAT or proxies.", sources: S },
    Entry { code: "403.502", name: "Dynamic IP restriction", meaning: "Too many requests from one address in a time window.", wsus: "Dynamic IP restrictions throttle WSUS clients behind NAT or proxies.", sources: S },
    Entry { code: "404", name: "Not Found", meaning: "The resource does not exist.", wsus: "The guide: a virtual directory or IIS configuration is missing. On /Content a 404 means the update file is not on the server yet (or was removed).", sources: G },
    Entry { code: "404.0", name: "Not found", meaning: "File or directory not found.", wsus: "On a WSUS virtual directory (ClientWebService, SimpleAuthWebService, selfupdate...) it is missing or the client talks to the wrong site or port.", sources: GS },
    Entry { code: "404.2", name: "ISAPI or CGI restriction", meaning: "A handler is blocked by ISAPI/CGI restrictions.", wsus: "ASP.NET 4.x must be allowed for the WSUS web services.", sources: S },
    Entry { code: "404.3", name: "MIME map missing", meaning: "No MIME type for the extension.", wsus: "Content of a type IIS does not know (for example .esd for feature updates) cannot be served: add the MIME type to the WSUS site's staticContent (Configuration Manager's prerequisites ask for the UUP MIME types on WSUS). The file is on the server; wsusutil reset does not help.", sources: &["KB943891", "CM-SU-PREREQ"] },
    Entry { code: "404.7", name: "File extension denied", meaning: "Request filtering denies the extension.", wsus: "", sources: S },
    Entry { code: "404.11", name: "Double escape sequence", meaning: "Request filtering denies a double-escaped URL.", wsus: "", sources: S },
    Entry { code: "404.13", name: "Content length too large", meaning: "Request filtering's maxAllowedContentLength exceeded.", wsus: "Not a missing directory: request filtering refused a request larger than requestLimits/@maxAllowedContentLength (large SOAP requests from clients with many installed updates can exceed it). Raise the limit on the WSUS site.", sources: S },
    Entry { code: "404.14", name: "URL too long", meaning: "Request filtering's maxUrl exceeded.", wsus: "", sources: S },
    Entry { code: "404.15", name: "Query string too long", meaning: "Request filtering's maxQueryString exceeded.", wsus: "", sources: S },
    Entry { code: "405", name: "Method Not Allowed", meaning: "The verb is not allowed.", wsus: "", sources: S },
    Entry { code: "407", name: "Proxy Authentication Required", meaning: "A proxy between client and server wants credentials.", wsus: "The client reaches WSUS through a proxy that requires authentication; the agent logs 0x8024401B.", sources: &["KB3090184"] },
    Entry { code: "408", name: "Request Timeout", meaning: "The request did not arrive in time.", wsus: "Agents log 0x8024401C; grouped with time-outs by KB3090184.", sources: &["KB3090184"] },
    Entry { code: "500", name: "Internal Server Error", meaning: "The server failed while handling the request.", wsus: "The guide's table reads 500 as 'service unavailable'. The sub-status names the cause (500.19 configuration, 500.24 impersonation); a 500 with a SOAP fault carries a WSUS ErrorCode.", sources: G },
    Entry { code: "500.0", name: "Module or ISAPI error", meaning: "A module or ISAPI extension failed.", wsus: "Check the Application log for ASP.NET errors and WSUS events at the same time.", sources: S },
    Entry { code: "500.11", name: "Application shutting down", meaning: "The application is shutting down.", wsus: "WsusPool was recycling or stopping at that moment.", sources: S },
    Entry { code: "500.12", name: "Application restarting", meaning: "The application is restarting.", wsus: "WsusPool was restarting at that moment.", sources: S },
    Entry { code: "500.13", name: "Server too busy", meaning: "The web server is too busy.", wsus: "WsusPool is overloaded; see the 503 advice.", sources: S },
    Entry { code: "500.19", name: "Invalid configuration data", meaning: "The configuration (web.config or applicationHost.config) is invalid.", wsus: "A WSUS web.config or the site configuration is broken, often after manual edits.", sources: S },
    Entry { code: "500.21", name: "Module not recognised", meaning: "A module is not recognised.", wsus: "ASP.NET is not registered for the pipeline mode of WsusPool.", sources: S },
    Entry { code: "500.22", name: "Integrated pipeline setting", meaning: "An ASP.NET httpModules setting does not apply in Integrated mode.", wsus: "", sources: S },
    Entry { code: "500.23", name: "Integrated pipeline setting", meaning: "An ASP.NET httpHandlers setting does not apply in Integrated mode.", wsus: "", sources: S },
    Entry { code: "500.24", name: "Impersonation in Integrated mode", meaning: "An ASP.NET impersonation setting does not apply in Integrated managed pipeline mode.", wsus: "ASP.NET Impersonation was enabled on the WSUS virtual directories: every WSUS endpoint answers 500.24 (win32 status 50). Disable ASP.NET Impersonation on the WSUS site.", sources: &["KB943891", "KB2737219"] },
    Entry { code: "502", name: "Bad Gateway", meaning: "A gateway or proxy got an invalid answer.", wsus: "A proxy between client and WSUS failed; agents log 0x80244021.", sources: &["KB3090184"] },
    Entry { code: "503", name: "Service Unavailable", meaning: "The service is busy or stopped.", wsus: "The guide: WsusPool is short of memory or too many clients connect. Raise the WsusPool private memory limit (4-8 GB, more in some environments). Clients log 0x80244022 or time out with 0x80072EE2.", sources: G },
    Entry { code: "503.0", name: "Application pool unavailable", meaning: "The application pool is stopped or disabled.", wsus: "WsusPool is stopped, or rapid-fail protection disabled it after repeated crashes (WAS event 5002).", sources: GS },
    Entry { code: "503.2", name: "Concurrent request limit exceeded", meaning: "appConcurrentRequestLimit exceeded.", wsus: "Too many simultaneous WSUS client requests.", sources: S },
    Entry { code: "503.3", name: "ASP.NET queue full", meaning: "The ASP.NET queue is full.", wsus: "WsusPool cannot keep up with client requests.", sources: S },
    Entry { code: "505", name: "HTTP Version Not Supported", meaning: "The HTTP version is not supported.", wsus: "", sources: S },
];

/// The most specific entry for a status and sub-status: `503.0`, else `503`.
pub fn lookup(status: u16, substatus: Option<u32>) -> Option<&'static Entry> {
    let exact = substatus.map(|s| format!("{status}.{s}"));
    exact
        .as_deref()
        .and_then(|c| TABLE.iter().find(|e| e.code == c))
        .or_else(|| {
            let plain = status.to_string();
            TABLE.iter().find(|e| e.code == plain)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_sourced() {
        let key = |c: &str| {
            let mut p = c.split('.');
            (
                p.next().unwrap().parse::<u32>().unwrap(),
                p.next().map(|s| s.parse::<u32>().unwrap()),
            )
        };
        for w in TABLE.windows(2) {
            assert!(
                key(w[0].code) < key(w[1].code),
                "{} before {}",
                w[0].code,
                w[1].code
            );
        }
        for e in TABLE {
            assert!(!e.sources.is_empty(), "{}", e.code);
            for s in e.sources {
                assert!(super::super::sources::is_known(s), "{s}");
            }
        }
    }

    #[test]
    fn lookup_prefers_the_sub_status() {
        assert_eq!(lookup(500, Some(24)).unwrap().code, "500.24");
        assert_eq!(lookup(500, Some(99)).unwrap().code, "500");
        assert_eq!(lookup(503, None).unwrap().code, "503");
        assert!(lookup(418, None).is_none());
    }
}
