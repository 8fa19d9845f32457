//! Aggregates of HTTP.sys error logs.

use super::{count_records, Ingested};
use crate::evidence::{text::TextEncoding, EvidenceFile};

#[derive(Debug, Clone, Default)]
pub struct HttperrFacts {}

impl HttperrFacts {
    pub fn merge(&mut self, _other: HttperrFacts) {}
    pub fn finish(&mut self) {}
}

pub fn ingest(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| !l.is_empty() && l[0] != b'#')?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
