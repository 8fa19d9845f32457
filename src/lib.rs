//! wsus-doctor finds out why Windows Update clients cannot talk to their WSUS server.
//!
//! The crate is laid out as the data flows:
//!
//! `evidence` (find files, recognise each by content, decode it; live Windows sources)
//! → `parsers` (one module per format, streaming, never panicking)
//! → `facts` (a typed model of what the evidence says about servers and clients)
//! → `checks` (one module per step of Microsoft's guide KB4025764: facts in, findings out)
//! → `diagnosis` (root causes across server and client)
//! → `report` (terminal, JSON, HTML).
//!
//! `export` writes the records themselves for data platforms (IIS and HTTPERR logs as Parquet,
//! with the `parquet` cargo feature), straight from the parsers.
//!
//! `knowledge` holds the code tables (HTTP status, HRESULT, HTTPERR reasons, event ids), each row
//! with its source; `explain` and the checks read the same rows. `probe` tests a WSUS server over
//! the network the way the Windows Update agent would.
//!
//! Invariants: parsers never panic on any input and never read files themselves (they take a
//! reader); checks never read files (they read facts); renderers see only the report.

pub mod checks;
pub mod collect;
pub mod diagnosis;
pub mod evidence;
pub mod export;
pub mod facts;
pub mod finding;
pub mod i18n;
pub mod knowledge;
pub(crate) mod parsers;
pub mod pipeline;
pub mod probe;
pub mod report;
pub mod values;

/// The tool's name as it appears in reports.
pub const TOOL_NAME: &str = "wsus-doctor";
/// The tool's version, from the package manifest.
pub const TOOL_VERSION: &str = env!("CARGO_PKG_VERSION");
