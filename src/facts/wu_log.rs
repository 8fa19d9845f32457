//! What WindowsUpdate.log says: the server the agent used, connection errors, scans.

use super::{count_records, Ingested};
use crate::evidence::{sniff::date_prefix, text::TextEncoding, EvidenceFile};

#[derive(Debug, Clone, Default)]
pub struct WuLogFacts {}

impl WuLogFacts {
    pub fn merge(&mut self, _other: WuLogFacts) {}
    pub fn finish(&mut self) {}
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| date_prefix(l).is_some())?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
