//! The report model. Its JSON form is versioned: `schema` names the version, fields are only
//! added within a version, and any rename or removal makes a new version
//! (see `docs/report-format.md`).

pub use crate::diagnosis::timeline::{Side, TimelineEvent};
pub use crate::diagnosis::Cause;
use crate::finding::{Finding, Status};
pub use crate::parsers::Malformed;
use crate::values::time::Stamp;
use serde::Serialize;

/// The JSON schema version of [`Report`].
pub const SCHEMA: &str = "wsus-doctor/report/v1";

/// How the evidence was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Offline,
    Live,
    Probe,
}

/// Counts of findings by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub pass: usize,
    pub warn: usize,
    pub fail: usize,
    pub info: usize,
    pub skipped: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.status {
                Status::Pass => s.pass += 1,
                Status::Warn => s.warn += 1,
                Status::Fail => s.fail += 1,
                Status::Info => s.info += 1,
                Status::Skipped => s.skipped += 1,
            }
        }
        s
    }
}

/// One evidence file as the inventory lists it.
#[derive(Debug, Clone, Serialize)]
pub struct InventoryEntry {
    pub path: String,
    /// The recognised kind, or null when unknown.
    pub kind: Option<crate::evidence::Kind>,
    pub size: u64,
    /// Why the kind was chosen, or why none was.
    pub recognised_by: String,
    /// The text encoding chosen (`UTF-8`, `code page 932 (Shift_JIS)`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Why that encoding: a byte order mark, valid UTF-8, `--codepage`, the machine's code page
    /// in its evidence, or the bytes themselves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding_reason: Option<String>,
    pub records: u64,
    pub malformed: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub malformed_examples: Vec<Malformed>,
    pub first_time: Option<Stamp>,
    pub last_time: Option<Stamp>,
    pub notes: Vec<String>,
    /// The file could not be read (partly or at all); what was read is still analysed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// The evidence that was looked at.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Inventory {
    pub files: Vec<InventoryEntry>,
    /// Inputs that could not be read at all.
    pub problems: Vec<crate::evidence::InputProblem>,
}

/// The tool that wrote the report.
#[derive(Debug, Clone, Serialize)]
pub struct ToolInfo {
    pub name: &'static str,
    pub version: &'static str,
}

/// A whole report.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema: &'static str,
    pub tool: ToolInfo,
    /// When the report was made (UTC, RFC 3339).
    pub generated_at: String,
    pub mode: Mode,
    pub inputs: Vec<String>,
    pub diagnosis: Vec<Cause>,
    pub findings: Vec<Finding>,
    pub summary: Summary,
    pub timeline: Vec<TimelineEvent>,
    pub inventory: Inventory,
    /// Data for charts (per-minute series); renderers may ignore it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charts: Option<super::charts::Charts>,
    /// The machine diagnosed: its role, and for a live run what could not be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<MachineInfo>,
}

/// What is known of the machine behind the evidence.
#[derive(Debug, Clone, Serialize)]
pub struct MachineInfo {
    /// `server`, `client`, `server+client` or `none`.
    pub role: crate::facts::Role,
    pub live: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub elevated: Option<bool>,
    /// What a live run could not read, and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<String>,
}

impl MachineInfo {
    /// For a live run: the machine's role and what could not be read. Offline reports leave it
    /// out (a bundle may hold several machines' evidence).
    pub fn of(facts: &crate::facts::Facts) -> Option<MachineInfo> {
        let c = &facts.context;
        if !c.live {
            return None;
        }
        let role = c
            .role
            .unwrap_or_else(|| crate::facts::Role::from_registry(&facts.registry));
        Some(MachineInfo {
            role,
            live: c.live,
            elevated: c.elevated,
            limits: c.live_limits.clone(),
        })
    }
}

impl Report {
    /// The process exit status: 0 when no check fails, 1 when any does.
    pub fn exit_code(&self) -> i32 {
        if self.summary.fail > 0 {
            1
        } else {
            0
        }
    }
}
