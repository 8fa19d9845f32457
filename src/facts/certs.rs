//! Certificates found among the evidence (the WSUS site's TLS certificate).

use super::Ingested;
use crate::evidence::EvidenceFile;

#[derive(Debug, Clone, Default)]
pub struct CertFacts {}

impl CertFacts {
    pub fn merge(&mut self, _other: CertFacts) {}
}

pub fn ingest(file: &EvidenceFile) -> std::io::Result<Ingested> {
    let bytes = file.read_all(1 << 20)?;
    let mut ing = Ingested::default();
    ing.stats.records = if bytes.starts_with(b"-----BEGIN") {
        memchr::memmem::find_iter(&bytes, b"-----BEGIN CERTIFICATE-----").count() as u64
    } else {
        1
    };
    Ok(ing)
}
