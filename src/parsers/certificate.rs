//! X.509 certificates, PEM (one or more `BEGIN CERTIFICATE` blocks) or DER, read with
//! `x509-parser`: subject, subject alternative names, issuer, expiry and the SHA-1 thumbprint
//! that IIS and `netsh http show sslcert` use to name a binding's certificate.

use super::ParseStats;
use jiff::Timestamp;
use ring::digest;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CertificateInfo {
    pub subject: String,
    pub issuer: String,
    pub dns_names: Vec<String>,
    pub not_before: Option<Timestamp>,
    pub not_after: Option<Timestamp>,
    /// Upper-case hex SHA-1 of the DER, as Windows shows thumbprints.
    pub thumbprint: String,
    /// 1-based index of the certificate in the file.
    pub index: u64,
    /// The `BEGIN` line for PEM.
    pub line: Option<u64>,
}

fn info(der: &[u8], index: u64, line: Option<u64>) -> Result<CertificateInfo, String> {
    let (_, cert) = x509_parser::parse_x509_certificate(der).map_err(|e| e.to_string())?;
    let stamp = |t: x509_parser::time::ASN1Time| Timestamp::from_second(t.timestamp()).ok();
    let dns_names = cert
        .subject_alternative_name()
        .ok()
        .flatten()
        .map(|san| {
            san.value
                .general_names
                .iter()
                .filter_map(|n| match n {
                    x509_parser::extensions::GeneralName::DNSName(d) => Some(d.to_string()),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let hash = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, der);
    Ok(CertificateInfo {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        dns_names,
        not_before: stamp(cert.validity().not_before),
        not_after: stamp(cert.validity().not_after),
        thumbprint: hash.as_ref().iter().map(|b| format!("{b:02X}")).collect(),
        index,
        line,
    })
}

/// Reads every certificate of a PEM or DER file.
pub fn parse(bytes: &[u8], stats: &mut ParseStats, mut sink: impl FnMut(CertificateInfo)) {
    if bytes.starts_with(b"0") || !bytes.windows(5).any(|w| w == b"-----") {
        match info(bytes, 1, None) {
            Ok(c) => {
                stats.records += 1;
                sink(c);
            }
            Err(e) => stats.malformed(
                1,
                || crate::tr!("malformed-der", error = e.to_string()),
                b"",
            ),
        }
        return;
    }
    let mut index = 0;
    for pem in x509_parser::pem::Pem::iter_from_buffer(bytes) {
        index += 1;
        match pem {
            Ok(p) if p.label == "CERTIFICATE" => match info(&p.contents, index, None) {
                Ok(c) => {
                    stats.records += 1;
                    sink(c);
                }
                Err(e) => stats.malformed(
                    index,
                    || {
                        crate::tr!(
                            "malformed-certificate",
                            index = index,
                            error = e.to_string()
                        )
                    },
                    b"",
                ),
            },
            Ok(_) => {}
            Err(e) => {
                stats.malformed(
                    index,
                    || crate::tr!("malformed-pem", index = index, error = e.to_string()),
                    b"",
                );
                break;
            }
        }
    }
}
