//! HTTP.sys error log reason phrases (`s-reason`). Meanings from the HTTP Server API
//! documentation and KB820729; the WSUS readings for WsusPool are heuristics except where the
//! guide (KB4025764) or the best-practices article (KB4490414) is cited.

use super::Entry;

const A: &[&str] = &["HTTPAPI-ERRORS", "KB820729"];
const K: &[&str] = &["KB820729"];

pub(crate) const TABLE: &[Entry] = &[
    Entry { code: "AppOffline", name: "503", meaning: "A service unavailable error occurred (HTTP 503): the application is offline because of application errors, for example rapid-fail protection disabled the pool.", wsus: "On WsusPool: the pool was disabled after repeated worker crashes (WAS event 5002) or is stopped. Start it and raise the private memory limit so it stops crashing.", sources: &["HTTPAPI-ERRORS", "KB820729", "KB4025764"] },
    Entry { code: "AppPoolTimer", name: "503", meaning: "The application pool process is too busy to handle the request (HTTP 503).", wsus: "WsusPool is overloaded.", sources: A },
    Entry { code: "AppShutdown", name: "503", meaning: "The application shut down automatically in response to administrator policy (HTTP 503).", wsus: "WsusPool was shutting down (recycle or idle time-out).", sources: A },
    Entry { code: "BadRequest", name: "400", meaning: "A parse error occurred while processing the request.", wsus: "", sources: A },
    Entry { code: "Client_Reset", name: "", meaning: "The client closed the connection before the request was assigned to a worker process.", wsus: "", sources: K },
    Entry { code: "Connection_Abandoned_By_AppPool", name: "", meaning: "A worker process quit unexpectedly or orphaned a pending request by closing its handle.", wsus: "WsusPool's worker process crashed or was recycled with requests in flight (see WAS events 5009/5011 and memory recycles).", sources: A },
    Entry { code: "Connection_Abandoned_By_ReqQueue", name: "", meaning: "A worker process quit unexpectedly or orphaned a pending request by closing its handle (Vista/2008 and later naming).", wsus: "WsusPool's worker process crashed or was recycled with requests queued: the pool is dying under load or hitting its private memory limit.", sources: K },
    Entry { code: "Connection_Dropped", name: "", meaning: "The client closed the connection before the server could send its final response.", wsus: "", sources: A },
    Entry { code: "Connection_Dropped_List_Full", name: "", meaning: "The list of dropped connections is full.", wsus: "", sources: K },
    Entry { code: "Connections_Refused", name: "", meaning: "The kernel non-paged pool fell below 20 MB and HTTP.sys stopped accepting connections.", wsus: "The server is out of kernel memory: every client is refused.", sources: K },
    Entry { code: "ConnLimit", name: "503", meaning: "The site-level connection limit was reached (HTTP 503).", wsus: "The WSUS site has a connection limit (limits/@maxConnections) that clients exceed: raise or remove the site's limit. The pool's memory has nothing to do with it.", sources: &["HTTPAPI-ERRORS", "IIS-SITE-LIMITS"] },
    Entry { code: "Disabled", name: "503", meaning: "A service unavailable error occurred (HTTP 503): the administrator took the application offline.", wsus: "WsusPool (or the WSUS site) was stopped by an administrator.", sources: A },
    Entry { code: "EntityTooLarge", name: "", meaning: "The entity exceeded the maximum size permitted.", wsus: "", sources: A },
    Entry { code: "FieldLength", name: "", meaning: "A field length limit was exceeded.", wsus: "", sources: A },
    Entry { code: "Forbidden", name: "", meaning: "A forbidden element or sequence was encountered while parsing.", wsus: "", sources: A },
    Entry { code: "Header", name: "400", meaning: "A parse error occurred in a header.", wsus: "", sources: A },
    Entry { code: "Hostname", name: "400", meaning: "A parse error occurred while processing a host name.", wsus: "", sources: A },
    Entry { code: "Internal", name: "500", meaning: "An internal server error occurred.", wsus: "", sources: A },
    Entry { code: "Invalid_CR/LF", name: "400", meaning: "An illegal carriage return or line feed occurred.", wsus: "", sources: A },
    Entry { code: "LengthRequired", name: "411", meaning: "A required length value was missing.", wsus: "", sources: A },
    Entry { code: "N/A", name: "503", meaning: "A service unavailable error occurred (HTTP 503): an internal error such as a memory allocation failure or a URL reservation conflict.", wsus: "HTTP.sys itself failed, before any pool: look at its URL reservations and bindings (netsh http show urlacl, netsh http show servicestate) and the System log's HTTP events. Raising the pool's memory does not fix it.", sources: A },
    Entry { code: "N/I", name: "501", meaning: "A not-implemented error occurred, or an unknown transfer encoding was supplied.", wsus: "", sources: A },
    Entry { code: "NotFound", name: "404", meaning: "No URL registration matched the request (seen in real logs; not in Microsoft's lists).", wsus: "Nothing listens for that host and port: the client uses a port or host name the WSUS site is not bound to.", sources: &["HTTPAPI-FORMAT"] },
    Entry { code: "Number", name: "400", meaning: "A parse error occurred while processing a number.", wsus: "", sources: A },
    Entry { code: "Precondition", name: "", meaning: "A required precondition was missing.", wsus: "", sources: A },
    Entry { code: "QueueFull", name: "503", meaning: "A service unavailable error occurred (HTTP 503): the application request queue is full.", wsus: "WsusPool's queue (queueLength, 1000 by default) overflowed: the pool is too slow or stopped. KB4490414 recommends a queue length of 2000; the guide's fix for 503s is more private memory for WsusPool.", sources: &["HTTPAPI-ERRORS", "KB820729", "KB4490414", "KB4025764"] },
    Entry { code: "RequestLength", name: "400", meaning: "A request length limit was exceeded.", wsus: "", sources: A },
    Entry { code: "Timer_AppPool", name: "", meaning: "The connection expired because a request waited too long in an application pool queue for a server application to dequeue and process it.", wsus: "WsusPool is too slow to take requests off its queue.", sources: A },
    Entry { code: "Timer_ConnectionIdle", name: "", meaning: "The connection expired and remained idle (the default idle time-out is 2 minutes).", wsus: "Normal keep-alive housekeeping; not a fault.", sources: A },
    Entry { code: "Timer_EntityBody", name: "", meaning: "The connection expired before the request entity body arrived.", wsus: "", sources: A },
    Entry { code: "Timer_HeaderWait", name: "", meaning: "The connection expired because header parsing took longer than the default 2 minutes.", wsus: "", sources: A },
    Entry { code: "Timer_MinBytesPerSecond", name: "", meaning: "The connection expired because the client was not receiving the response at a reasonable speed (Microsoft's two documents give 150 and 240 bytes/s).", wsus: "Slow clients or links (VPN, WAN) downloading content.", sources: A },
    Entry { code: "Timer_ReqQueue", name: "", meaning: "The connection expired because a request waited too long in an application pool queue (Vista/2008 and later).", wsus: "WsusPool is too slow to take requests off its queue.", sources: K },
    Entry { code: "Timer_Response", name: "", meaning: "Reserved; not used.", wsus: "", sources: A },
    Entry { code: "Timer_SslRenegotiation", name: "", meaning: "The connection expired because SSL renegotiation took longer than 2 minutes.", wsus: "", sources: K },
    Entry { code: "URL", name: "400", meaning: "A parse error occurred while processing a URL.", wsus: "", sources: A },
    Entry { code: "URL_Length", name: "414", meaning: "A URL exceeded the maximum permitted size.", wsus: "", sources: A },
    Entry { code: "Verb", name: "400", meaning: "A parse error occurred while processing a verb.", wsus: "", sources: A },
    Entry { code: "Version_N/S", name: "505", meaning: "A version-not-supported error occurred.", wsus: "", sources: A },
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
