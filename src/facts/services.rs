//! Windows services as seen in `sc query` output, `Get-Service` exports or live from the service
//! control manager.

use crate::values::{EvidenceRef, RunState, StartType};
use serde::Serialize;
use std::collections::BTreeMap;

/// One service.
#[derive(Debug, Clone, Serialize)]
pub struct ServiceState {
    /// The short name (`WsusService`, `W3SVC`).
    pub name: String,
    pub display_name: Option<String>,
    pub state: RunState,
    pub start_type: Option<StartType>,
    pub pid: Option<u32>,
    /// The exit code `sc query` reports (WIN32_EXIT_CODE), when not 0.
    pub exit_code: Option<u32>,
    pub origin: EvidenceRef,
}

/// Services by lower-cased short name. A later source overrides an earlier one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ServiceFacts {
    services: BTreeMap<String, ServiceState>,
}

impl ServiceFacts {
    pub fn insert(&mut self, s: ServiceState) {
        self.services.insert(s.name.to_ascii_lowercase(), s);
    }

    pub fn get(&self, name: &str) -> Option<&ServiceState> {
        self.services.get(&name.to_ascii_lowercase())
    }

    pub fn all(&self) -> impl Iterator<Item = &ServiceState> {
        self.services.values()
    }

    pub fn is_empty(&self) -> bool {
        self.services.is_empty()
    }

    pub(crate) fn merge(&mut self, other: ServiceFacts) {
        self.services.extend(other.services);
    }
}

/// Reads `sc query` / `sc queryex` / `sc qc` output.
pub(crate) fn ingest_sc_query(
    file: &crate::evidence::EvidenceFile,
    enc: crate::evidence::text::TextEncoding,
) -> std::io::Result<super::Ingested> {
    use crate::parsers::sc_query::ScItem;
    let mut ing = super::Ingested::default();
    let mut failures = Vec::new();
    let services = &mut ing.facts.services;
    crate::parsers::sc_query::parse(file.text_reader(enc)?, &mut ing.stats, |item| match item {
        ScItem::Service(s) => services.insert(ServiceState {
            origin: EvidenceRef::line(&file.display, s.line),
            name: s.name,
            display_name: s.display_name,
            state: s.state,
            start_type: s.start_type,
            pid: s.pid,
            exit_code: s.exit_code,
        }),
        ScItem::Failure { code, line, .. } => failures.push((code, line)),
    })?;
    for (code, line) in failures {
        let note = match crate::knowledge::win32::lookup(u64::from(code)) {
            Some(e) => crate::tr!(
                "note-sc-failed-meaning",
                line = line,
                code = code,
                meaning = e.meaning()
            ),
            None => crate::tr!("note-sc-failed", line = line, code = code),
        };
        ing.stats.note(note);
    }
    Ok(ing)
}

/// Reads `Get-Service | ConvertTo-Json` or `Export-Csv` output.
pub(crate) fn ingest_service_list(
    file: &crate::evidence::EvidenceFile,
    enc: crate::evidence::text::TextEncoding,
) -> std::io::Result<super::Ingested> {
    // Get-Service exports of a whole server are a few hundred kilobytes.
    let text = super::read_text(file, enc, 64 << 20)?;
    let mut ing = super::Ingested::default();
    let services = &mut ing.facts.services;
    crate::parsers::service_list::parse(&text, &mut ing.stats, |s| {
        services.insert(ServiceState {
            origin: EvidenceRef::file(&file.display, (s.line > 0).then_some(s.line)),
            name: s.name,
            display_name: s.display_name,
            state: s.state,
            start_type: s.start_type,
            pid: None,
            exit_code: None,
        })
    });
    Ok(ing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_from_sc_and_powershell_spellings() {
        assert_eq!(RunState::parse("4"), RunState::Running);
        assert_eq!(RunState::parse("Running"), RunState::Running);
        assert_eq!(RunState::parse("STOP_PENDING"), RunState::StopPending);
        assert_eq!(StartType::parse("AUTO_START"), StartType::Automatic);
        assert_eq!(StartType::parse("DEMAND_START"), StartType::Manual);
        assert_eq!(StartType::parse("Disabled"), StartType::Disabled);
    }
}
