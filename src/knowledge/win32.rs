//! Win32 error codes as IIS writes them in `sc-win32-status` (decimal). Names and messages are
//! from winerror.h; the WSUS readings are heuristics and say so.

use super::Entry;

const W: &[&str] = &["WINERROR-H"];

pub(crate) const TABLE: &[Entry] = &[
    Entry { code: "0", name: "ERROR_SUCCESS", meaning: "The operation completed successfully.", wsus: "", sources: W },
    Entry { code: "2", name: "ERROR_FILE_NOT_FOUND", meaning: "The system cannot find the file specified.", wsus: "With 404 on /Content: the update or EULA file is not on the WSUS server (not downloaded yet, or removed).", sources: W },
    Entry { code: "5", name: "ERROR_ACCESS_DENIED", meaning: "Access is denied.", wsus: "With 401.3 or 404 on /Content: the pool identity cannot read the content folder or share.", sources: &["WINERROR-H", "WSUS-HEALTH"] },
    Entry { code: "50", name: "ERROR_NOT_SUPPORTED", meaning: "The request is not supported.", wsus: "With 500.24: ASP.NET impersonation enabled on the WSUS virtual directories.", sources: &["WINERROR-H", "KB2737219"] },
    Entry { code: "64", name: "ERROR_NETNAME_DELETED", meaning: "The specified network name is no longer available.", wsus: "The client (or a load balancer or proxy) closed the connection before IIS finished sending; with long time-taken it points to clients timing out on a slow server (heuristic).", sources: W },
    Entry { code: "121", name: "ERROR_SEM_TIMEOUT", meaning: "The semaphore timeout period has expired.", wsus: "A network-level time-out while sending to the client (heuristic).", sources: W },
    Entry { code: "995", name: "ERROR_OPERATION_ABORTED", meaning: "The I/O operation has been aborted because of either a thread exit or an application request.", wsus: "The request was aborted, for example by a WsusPool recycle or a client that went away (heuristic).", sources: W },
    Entry { code: "1236", name: "ERROR_CONNECTION_ABORTED", meaning: "The network connection was aborted by the local system.", wsus: "The connection was aborted on the server side, often when the pool recycles or the client gave up (heuristic).", sources: W },
    Entry { code: "1326", name: "ERROR_LOGON_FAILURE", meaning: "The user name or password is incorrect.", wsus: "With 401.1.", sources: W },
];

pub fn lookup(code: u64) -> Option<&'static Entry> {
    let c = code.to_string();
    TABLE.iter().find(|e| e.code == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for w in TABLE.windows(2) {
            assert!(w[0].code.parse::<u64>().unwrap() < w[1].code.parse::<u64>().unwrap());
        }
    }
}
