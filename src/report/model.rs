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
    /// The machine the file belongs to (see the report's `machines`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<crate::values::MachineName>,
    /// What the file says of its machine, for telling machines apart.
    #[serde(skip)]
    pub identity: crate::pipeline::machines::FileIdentity,
    /// The recognised kind, or null when unknown.
    pub kind: Option<crate::evidence::Kind>,
    pub size: u64,
    /// Why the kind was chosen, or why none was.
    pub recognised_by: crate::i18n::Text,
    /// The text encoding chosen (`UTF-8`, `code page 932 (Shift_JIS)`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Why that encoding: a byte order mark, valid UTF-8, `--codepage`, the machine's code page
    /// in its evidence, or the bytes themselves.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding_reason: Option<crate::i18n::Text>,
    pub records: u64,
    pub malformed: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub malformed_examples: Vec<Malformed>,
    pub first_time: Option<Stamp>,
    pub last_time: Option<Stamp>,
    pub notes: Vec<crate::i18n::Text>,
    /// The file could not be read (partly or at all); what was read is still analysed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<crate::i18n::Text>,
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
    /// The machines the evidence comes from, each with its role and what named it. Findings,
    /// causes and timeline events name theirs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub machines: Vec<MachineEntry>,
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
    /// The span of the server logs analysed, when not all of them were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<FocusWindow>,
    /// The language of the sentences people read (`en`, `ja`). The JSON keeps English in its
    /// fields and adds each text in this language under `localized` when it is not English.
    pub lang: crate::i18n::Lang,
}

/// The focus window: which span of the server logs (IIS, HTTPERR) and event logs was analysed,
/// and what was left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FocusWindow {
    /// First time analysed (UTC), absent when open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub since: Option<String>,
    /// Last time analysed (UTC), absent when open.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// The default window's length in days, up to the day of the newest server log; absent when
    /// `--since`/`--until` chose the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Log files left out whole, and their bytes.
    pub files_left_out: usize,
    pub bytes_left_out: u64,
    /// The earliest and latest start of a file left out (UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out_from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_out_to: Option<String>,
    /// The option that analyses every file.
    pub include_all: &'static str,
    /// All of it in a sentence.
    pub summary: crate::i18n::Text,
}

/// A size in bytes as people read it: `812 kB`, `2.1 MB`, `1.4 GB`.
fn size(bytes: u64) -> String {
    let b = bytes as f64;
    if b < 1e6 {
        format!("{:.0} kB", (b / 1e3).ceil())
    } else if b < 1e9 {
        format!("{:.1} MB", b / 1e6)
    } else {
        format!("{:.1} GB", b / 1e9)
    }
}

impl FocusWindow {
    pub fn of(w: &crate::evidence::window::Window) -> FocusWindow {
        let utc = |t: i64| crate::values::time::format_utc(crate::facts::iis_log::ts(t));
        let starts = || w.left_out.iter().map(|f| f.start);
        let (from, to) = (starts().min(), starts().max());
        let span = match (w.since, w.until) {
            (Some(s), Some(u)) => crate::tr!("window-from-to", from = utc(s), to = utc(u)),
            (Some(s), None) => crate::tr!("window-from", from = utc(s)),
            (None, Some(u)) => crate::tr!("window-up-to", to = utc(u)),
            (None, None) => crate::tr!("window-every-date"),
        };
        let analysed = match w.days {
            Some(d) => crate::tr!("window-last-days", days = d, span = span),
            None => crate::tr!("window-span", span = span),
        };
        let n = w.left_out.len();
        let day = |t: i64| {
            crate::facts::iis_log::ts(t)
                .strftime("%Y-%m-%d")
                .to_string()
        };
        let summary = match (from.map(day), to.map(day)) {
            (Some(a), Some(b)) => crate::tr!(
                "window-left-out",
                analysed = analysed,
                count = n,
                size = size(w.bytes_left_out()),
                dates = if a == b {
                    crate::i18n::Text::from(a)
                } else {
                    crate::tr!("window-dates", from = a, to = b)
                },
                option = crate::evidence::window::ALL_HISTORY
            ),
            _ => crate::tr!("window-nothing-left-out", analysed = analysed),
        };
        FocusWindow {
            since: w.since.map(utc),
            until: w.until.map(utc),
            days: w.days,
            files_left_out: n,
            bytes_left_out: w.bytes_left_out(),
            left_out_from: from.map(utc),
            left_out_to: to.map(utc),
            include_all: crate::evidence::window::ALL_HISTORY,
            summary,
        }
    }
}

/// One machine the evidence comes from.
#[derive(Debug, Clone, Serialize)]
pub struct MachineEntry {
    pub name: crate::values::MachineName,
    /// `server`, `client`, `server+client` or `none`, as its evidence shows.
    pub role: crate::facts::Role,
    /// What named it: the evidence that states its name, or the folder or archive its files
    /// came from when none does.
    pub identified_by: crate::i18n::Text,
    /// How many evidence files are its.
    pub files: usize,
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

/// The text as it reads in `lang`, kept as plain text.
fn in_lang(t: &mut crate::i18n::Text, lang: crate::i18n::Lang) {
    let local = t.local(lang).into_owned();
    *t = crate::i18n::Text::from(local);
}

fn remedy_in_lang(r: &mut crate::finding::Remedy, lang: crate::i18n::Lang) {
    in_lang(&mut r.text, lang);
    for c in &mut r.commands {
        c.comment.iter_mut().for_each(|t| in_lang(t, lang));
    }
}

impl Report {
    /// A copy whose texts read in the report's language, for a renderer that prints them as
    /// they are (the HTML template).
    pub fn localized(&self) -> Report {
        let mut r = self.clone();
        let lang = r.lang;
        if lang == crate::i18n::Lang::En {
            return r;
        }
        for f in &mut r.findings {
            in_lang(&mut f.title, lang);
            in_lang(&mut f.summary, lang);
            in_lang(&mut f.explanation, lang);
            f.reason.iter_mut().for_each(|t| in_lang(t, lang));
            for e in &mut f.evidence {
                e.note.iter_mut().for_each(|t| in_lang(t, lang));
            }
            f.remedy.iter_mut().for_each(|x| remedy_in_lang(x, lang));
        }
        for c in &mut r.diagnosis {
            in_lang(&mut c.title, lang);
            for t in c
                .chain
                .iter_mut()
                .chain(&mut c.refuted_by)
                .chain(&mut c.missing_evidence)
            {
                in_lang(t, lang);
            }
            remedy_in_lang(&mut c.first_fix, lang);
        }
        for e in &mut r.timeline {
            in_lang(&mut e.what, lang);
        }
        if let Some(w) = &mut r.window {
            in_lang(&mut w.summary, lang);
        }
        for f in &mut r.inventory.files {
            in_lang(&mut f.recognised_by, lang);
            f.encoding_reason.iter_mut().for_each(|t| in_lang(t, lang));
            f.notes.iter_mut().for_each(|t| in_lang(t, lang));
            for m in &mut f.malformed_examples {
                in_lang(&mut m.reason, lang);
            }
            f.error.iter_mut().for_each(|t| in_lang(t, lang));
        }
        for p in &mut r.inventory.problems {
            in_lang(&mut p.message, lang);
        }
        for m in &mut r.machines {
            in_lang(&mut m.identified_by, lang);
        }
        r
    }

    /// The process exit status: 0 when no check fails, 1 when any does.
    pub fn exit_code(&self) -> i32 {
        if self.summary.fail > 0 {
            1
        } else {
            0
        }
    }
}
