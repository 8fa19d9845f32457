//! The report: the one structure every renderer reads. `model` defines it (and is the JSON
//! contract, `schema/report-v1.schema.json`); `text`, `json`, `ndjson` and `html` render it.

pub mod charts;
pub mod html;
pub mod json;
pub mod logs;
pub mod model;
pub mod ndjson;
pub mod redact;
pub mod style;
pub mod terminal;
pub mod text;

pub use model::*;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// One JSON object per finding and per cause, a line each (`schema/finding-line-v1.schema.json`).
    Ndjson,
    Html,
}
