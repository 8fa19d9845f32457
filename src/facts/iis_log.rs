//! Aggregates of IIS W3C logs.

use super::{count_records, Ingested};
use crate::evidence::{text::TextEncoding, EvidenceFile};

#[derive(Debug, Clone, Default)]
pub struct IisLogFacts {}

impl IisLogFacts {
    pub fn merge(&mut self, _other: IisLogFacts) {}
    pub fn finish(&mut self) {}
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| !l.is_empty() && l[0] != b'#')?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
