//! Event log records relevant to WSUS: the WSUS health monitor, WAS and the service control
//! manager.

use super::Ingested;
use crate::evidence::EvidenceFile;

#[derive(Debug, Clone, Default)]
pub struct EventFacts {}

impl EventFacts {
    pub fn merge(&mut self, _other: EventFacts) {}
    pub fn finish(&mut self) {}
}

pub fn ingest_evtx(file: &EvidenceFile) -> std::io::Result<Ingested> {
    let bytes = file.read_all(2 << 30)?;
    let mut ing = Ingested::default();
    let mut parser =
        evtx::EvtxParser::from_buffer(bytes).map_err(|e| std::io::Error::other(e.to_string()))?;
    for (i, r) in parser.records().enumerate() {
        match r {
            Ok(_) => ing.stats.records += 1,
            Err(e) => ing.stats.malformed(i as u64 + 1, e.to_string(), b""),
        }
    }
    Ok(ing)
}
