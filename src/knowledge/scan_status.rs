//! Configuration Manager's scan status view `v_UpdateScanStatus` (CM-SU-VIEWS), as administrators
//! export it from SQL Server Management Studio or the built-in reports: the column names the
//! common queries give it, and what its `LastScanState` numbers mean.
//!
//! The view and its columns are documented; the numbers of `LastScanState` are the state ids of
//! topic type 501 in `v_StateNames`, which no Microsoft page in reach lists: their meanings are
//! UNCONFIRMED (they are what a site's own `v_StateNames` returns in field reports).

/// Column names in normalised form (see [`normalise`]), for each value the check reads. Queries
/// join `v_R_System` for the machine name and name the columns as they please.
pub(crate) const MACHINE: &[&str] = &[
    "name0",
    "netbiosname0",
    "machinename",
    "computer",
    "computername",
    "name",
];
pub(crate) const LAST_ERROR: &[&str] = &["lasterrorcode"];
pub(crate) const LAST_STATE: &[&str] = &["lastscanstate"];
pub(crate) const LAST_TIME: &[&str] = &["lastscantime", "scantime"];
pub(crate) const LOCATION: &[&str] = &["lastscanpackagelocation"];
pub(crate) const WUA_VERSION: &[&str] = &["lastwuaversion", "wuaversion"];
pub(crate) const ADDRESS: &[&str] = &["ipaddress", "ipaddresses0", "ipaddress0", "ip"];

/// A header cell without quotes, spaces, underscores or case: `"Netbios_Name0"` is
/// `netbiosname0`, `Last Error Code` is `lasterrorcode`.
pub(crate) fn normalise(header: &str) -> String {
    header
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether a header cell names one of `aliases`.
pub(crate) fn names(header: &str, aliases: &[&str]) -> bool {
    let n = normalise(header);
    aliases.contains(&n.as_str())
}

/// Whether a header row (already split) is a scan status export: a machine name beside the
/// error code or the scan state.
pub(crate) fn is_header(cells: &[&str]) -> bool {
    let has = |aliases: &[&str]| cells.iter().any(|c| names(c, aliases));
    has(MACHINE) && (has(LAST_ERROR) || has(LAST_STATE))
}

/// `LastScanState`: topic type 501 state ids (UNCONFIRMED, see the module's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ScanState {
    Unknown,
    WaitingForContent,
    Running,
    Completed,
    PendingRetry,
    Failed,
    CompletedWithErrors,
    /// A Configuration Manager 2003 client, which does not report scans this way.
    LegacyClient,
    Other(u32),
}

/// The states with their ids and names as `v_StateNames` spells them.
const STATES: &[(u32, ScanState, &str)] = &[
    (0, ScanState::Unknown, "Scan state unknown"),
    (
        1,
        ScanState::WaitingForContent,
        "Scan is waiting for content",
    ),
    (2, ScanState::Running, "Scan is running"),
    (3, ScanState::Completed, "Scan completed"),
    (4, ScanState::PendingRetry, "Scan is pending retry"),
    (5, ScanState::Failed, "Scan failed"),
    (
        6,
        ScanState::CompletedWithErrors,
        "Scan completed with errors",
    ),
    (7, ScanState::LegacyClient, "SMS 2003 client"),
];

impl ScanState {
    pub fn from_id(id: u32) -> ScanState {
        STATES
            .iter()
            .find(|(i, _, _)| *i == id)
            .map_or(ScanState::Other(id), |(_, s, _)| *s)
    }

    /// The state from its id or from its name (reports export the name).
    pub(crate) fn parse(text: &str) -> Option<ScanState> {
        let t = text.trim();
        if let Ok(id) = t.parse::<u32>() {
            return Some(ScanState::from_id(id));
        }
        STATES
            .iter()
            .find(|(_, _, name)| name.eq_ignore_ascii_case(t))
            .map(|(_, s, _)| *s)
    }

    pub fn id(self) -> u32 {
        match self {
            ScanState::Other(id) => id,
            s => STATES
                .iter()
                .find(|(_, x, _)| *x == s)
                .map_or(u32::MAX, |(i, _, _)| *i),
        }
    }

    pub fn name(self) -> String {
        match STATES.iter().find(|(_, s, _)| *s == self) {
            Some((_, _, name)) => (*name).to_string(),
            None => format!("state {}", self.id()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_read_from_ids_and_names() {
        assert_eq!(ScanState::parse("3"), Some(ScanState::Completed));
        assert_eq!(ScanState::parse("scan failed"), Some(ScanState::Failed));
        assert_eq!(ScanState::parse("42"), Some(ScanState::Other(42)));
        assert_eq!(ScanState::parse("running?"), None);
        assert_eq!(ScanState::Other(42).name(), "state 42");
        assert_eq!(ScanState::CompletedWithErrors.id(), 6);
    }

    #[test]
    fn headers_are_matched_whatever_their_spelling() {
        assert!(is_header(&["\"Netbios_Name0\"", "LastErrorCode"]));
        assert!(is_header(&["Computer", "Last Scan State"]));
        assert!(!is_header(&["Name", "DisplayName", "Status"]));
        assert!(!is_header(&["LastErrorCode", "LastScanState"]));
    }
}
