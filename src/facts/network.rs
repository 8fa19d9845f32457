//! The client's network view: WinHTTP proxy and its own addresses.

use super::{count_records, Ingested};
use crate::evidence::{text::TextEncoding, EvidenceFile};

#[derive(Debug, Clone, Default)]
pub struct NetworkFacts {}

impl NetworkFacts {
    pub fn merge(&mut self, _other: NetworkFacts) {}
}

pub fn ingest_netsh(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| {
        l.starts_with(b"Current WinHTTP proxy settings")
    })?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}

pub fn ingest_ipconfig(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| !l.is_empty() && !l.starts_with(b" "))?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
