//! Installed updates and the WSUS product version.

use super::{count_records, Ingested};
use crate::evidence::{sniff::is_wsus_sdlog_line, text::TextEncoding, EvidenceFile};

#[derive(Debug, Clone, Default)]
pub struct UpdateFacts {}

impl UpdateFacts {
    pub fn merge(&mut self, _other: UpdateFacts) {}
}

pub fn ingest_hotfix(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| {
        String::from_utf8_lossy(l)
            .split_whitespace()
            .any(|w| w.starts_with("KB"))
    })?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}

pub fn ingest_software_distribution(
    file: &EvidenceFile,
    enc: TextEncoding,
) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| {
        is_wsus_sdlog_line(&String::from_utf8_lossy(l))
    })?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
