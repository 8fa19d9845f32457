//! What codes mean, in one place, each row with its source. `wsus-doctor explain` and the checks
//! read the same rows, so the report and the explanation never disagree.
//!
//! Source ids (`KB4025764`, `A6`, ...) resolve through [`sources`]; rows whose WSUS reading is a
//! heuristic say so in their text rather than presenting it as Microsoft's statement.

pub mod events;

pub mod hresult;
pub mod http_status;
pub mod httperr_reason;
pub mod remedy;
pub mod scan_status;
pub mod sources;
pub mod win32;
pub mod wsus;

/// One row of a code table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The code as people write it (`503`, `403.16`, `0x80072EE2`, `QueueFull`, `64`).
    pub code: &'static str,
    /// The symbolic name, where there is one (`ERROR_WINHTTP_TIMEOUT`).
    pub name: &'static str,
    /// What the code means in general.
    pub meaning: &'static str,
    /// What it means for WSUS and what to do; empty when nothing specific.
    pub wsus: &'static str,
    /// Source ids from [`sources`].
    pub sources: &'static [&'static str],
}
