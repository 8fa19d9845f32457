//! IIS configuration: sites, bindings, applications and pools from applicationHost.config, and
//! runtime states from `appcmd list`.

use super::{count_records, Ingested};
use crate::evidence::{text::TextEncoding, EvidenceFile};

#[derive(Debug, Clone, Default)]
pub struct IisConfigFacts {}

impl IisConfigFacts {
    pub fn merge(&mut self, _other: IisConfigFacts) {}
}

pub fn ingest_apphost(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| {
        let t = String::from_utf8_lossy(l);
        let t = t.trim_start();
        t.starts_with("<add name=") || t.starts_with("<site ")
    })?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}

pub fn ingest_appcmd(file: &EvidenceFile, enc: TextEncoding) -> std::io::Result<Ingested> {
    let stats = count_records(file, enc, |l| {
        l.starts_with(b"SITE \"") || l.starts_with(b"APPPOOL \"")
    })?;
    Ok(Ingested {
        stats,
        ..Default::default()
    })
}
