//! The finding model: what a check found, with its status, proof, explanation, fix and sources.
//! It sits below the checks and above the knowledge tables; diagnosis and the renderers read it.

/// Gives an enum whose variants have stable text names (through strum's `IntoStaticStr`) the
/// text form everywhere: `as_str`, `Display` (honouring width, for tables) and serialisation.
macro_rules! text_id {
    ($t:ty) => {
        impl $t {
            pub fn as_str(self) -> &'static str {
                self.into()
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.pad(self.as_str())
            }
        }

        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

mod id;
mod symptom;

pub(crate) use crate::knowledge::remedy::Shell;
pub use crate::knowledge::remedy::{Command, Remedy};
pub use crate::knowledge::sources::Reference;
pub use id::{CheckId, Side, Stage};
pub use symptom::Symptom;

pub use crate::i18n::Text;
use crate::values::EvidenceRef;
use serde::Serialize;

/// A finding's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Fail,
    Warn,
    Info,
    Pass,
    Skipped,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Info => "info",
            Status::Skipped => "skipped",
        }
    }

    /// The status as a report shows it, in the reader's language (`FAIL`, `失敗`).
    pub fn word(self) -> crate::i18n::Text {
        match self {
            Status::Fail => crate::tr!("status-fail"),
            Status::Warn => crate::tr!("status-warn"),
            Status::Info => crate::tr!("status-info"),
            Status::Pass => crate::tr!("status-pass"),
            Status::Skipped => crate::tr!("status-skipped"),
        }
    }
}

/// One piece of proof: where it was read and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EvidenceItem {
    pub location: EvidenceRef,
    /// The line, value or probe answer, shortened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    /// What this item shows, when not obvious from the excerpt.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl EvidenceItem {
    pub fn new(location: EvidenceRef) -> Self {
        EvidenceItem {
            location,
            excerpt: None,
            note: None,
        }
    }

    pub fn excerpt(mut self, text: impl Into<String>) -> Self {
        self.excerpt = Some(text.into());
        self
    }

    pub fn note(mut self, text: impl Into<Text>) -> Self {
        self.note = Some(text.into());
        self
    }
}

/// One result of one check.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// The stable check id (`server.app-pool`).
    pub check: CheckId,
    pub status: Status,
    /// The machine whose evidence the finding is about; absent for a probe and when the evidence
    /// names no machine apart.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<crate::values::MachineName>,
    /// Names the fault (or what was verified), never the fix.
    pub title: Text,
    pub summary: Text,
    /// Why the check was skipped (only for `skipped`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<Text>,
    pub evidence: Vec<EvidenceItem>,
    pub explanation: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remedy: Option<Remedy>,
    pub references: Vec<Reference>,
    /// A stable sub-id naming the symptom within the check (`iis.503-burst`,
    /// `app-pool.private-memory`); the diagnosis rules match on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub symptom: Option<Symptom>,
    /// Figures behind the finding, for automation (counts, ranges, values).
    #[serde(skip_serializing_if = "serde_json::Value::is_null")]
    pub data: serde_json::Value,
    /// The clients a server-side finding is about, when it is about some clients only (404s
    /// from the clients that asked the wrong port): a diagnosis of another client must not rest
    /// on it. The summary and `data` name them; this set is for pairing, not for reading.
    #[serde(skip)]
    pub(crate) about_clients: Option<ClientSet>,
}

/// Client addresses, shared between the copies of a finding that each client's diagnosis reads.
pub(crate) type ClientSet = std::sync::Arc<std::collections::BTreeSet<std::net::IpAddr>>;

impl Finding {
    pub fn new(check: CheckId, status: Status, title: impl Into<Text>) -> Self {
        Finding {
            check,
            status,
            machine: None,
            title: title.into(),
            summary: Text::default(),
            reason: None,
            evidence: Vec::new(),
            explanation: Text::default(),
            remedy: None,
            references: Vec::new(),
            symptom: None,
            data: serde_json::Value::Null,
            about_clients: None,
        }
    }

    /// Tags the finding with what it shows (the diagnosis rules match on it).
    pub fn symptom(mut self, id: Symptom) -> Self {
        self.symptom = Some(id);
        self
    }

    /// A check that could not run, with the reason (e.g. "no IIS logs among the evidence").
    pub fn skipped(check: CheckId, title: impl Into<Text>, reason: impl Into<Text>) -> Self {
        let reason = reason.into();
        let mut f = Finding::new(check, Status::Skipped, title);
        f.summary = crate::tr!("finding-skipped", reason = &reason);
        f.reason = Some(reason);
        f
    }

    pub fn summary(mut self, s: impl Into<Text>) -> Self {
        self.summary = s.into();
        self
    }

    pub fn explanation(mut self, s: impl Into<Text>) -> Self {
        self.explanation = s.into();
        self
    }

    pub fn evidence(mut self, e: EvidenceItem) -> Self {
        self.evidence.push(e);
        self
    }

    pub(crate) fn evidence_all(mut self, e: impl IntoIterator<Item = EvidenceItem>) -> Self {
        self.evidence.extend(e);
        self
    }

    pub fn remedy(mut self, r: Remedy) -> Self {
        self.remedy = Some(r.naming_placeholders());
        self
    }

    /// Adds a reference by id from the sources table (`KB4025764`).
    pub fn reference(mut self, id: &str) -> Self {
        let r = crate::knowledge::sources::reference(id);
        if !self.references.contains(&r) {
            self.references.push(r);
        }
        self
    }

    pub fn data(mut self, d: serde_json::Value) -> Self {
        self.data = d;
        self
    }

    /// Limits the finding to these clients (addresses as logged; those that are not addresses
    /// are left out).
    pub(crate) fn about_clients<'a>(
        mut self,
        addresses: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let set = addresses
            .into_iter()
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        self.about_clients = Some(std::sync::Arc::new(set));
        self
    }

    /// Whether the finding may speak for a client with these addresses. A finding about some
    /// clients speaks for none when the addresses are unknown and `strict` (one client among
    /// many: it may be one of the others), and for any when not (the evidence's one picture).
    pub(crate) fn concerns(&self, addresses: &[std::net::IpAddr], strict: bool) -> bool {
        match &self.about_clients {
            None => true,
            Some(_) if addresses.is_empty() => !strict,
            Some(set) => addresses.iter().any(|a| set.contains(a)),
        }
    }
}
