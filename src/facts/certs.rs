//! Certificates found among the evidence (the WSUS site's TLS certificate).

use super::Ingested;
use crate::evidence::EvidenceFile;
use crate::values::EvidenceRef;
use jiff::Timestamp;
use serde::Serialize;

/// One certificate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Certificate {
    pub subject: String,
    pub issuer: String,
    pub dns_names: Vec<String>,
    pub not_before: Option<Timestamp>,
    pub not_after: Option<Timestamp>,
    /// Upper-case hex SHA-1, as Windows shows thumbprints.
    pub thumbprint: String,
    pub origin: EvidenceRef,
}

#[derive(Debug, Clone, Default)]
pub struct CertFacts {
    pub certificates: Vec<Certificate>,
}

impl CertFacts {
    pub(crate) fn merge(&mut self, other: CertFacts) {
        self.certificates.extend(other.certificates);
    }

    /// The certificate with this thumbprint (spaces and case ignored, as certificate dialogs
    /// and `netsh` print them differently).
    pub(crate) fn by_thumbprint(&self, hash: &str) -> Option<&Certificate> {
        let want: String = hash
            .chars()
            .filter(char::is_ascii_hexdigit)
            .collect::<String>()
            .to_ascii_uppercase();
        self.certificates.iter().find(|c| c.thumbprint == want)
    }
}

/// Certificates are small; a larger file is not one.
const MAX_CERT_BYTES: u64 = 1 << 20;

pub fn ingest(file: &EvidenceFile) -> std::io::Result<Ingested> {
    let bytes = file.read_all(MAX_CERT_BYTES)?;
    let mut ing = Ingested::default();
    let certs = &mut ing.facts.certs.certificates;
    crate::parsers::certificate::parse(&bytes, &mut ing.stats, |c| {
        certs.push(Certificate {
            subject: c.subject,
            issuer: c.issuer,
            dns_names: c.dns_names,
            not_before: c.not_before,
            not_after: c.not_after,
            thumbprint: c.thumbprint,
            origin: EvidenceRef::file(&file.display, c.line),
        })
    });
    Ok(ing)
}
