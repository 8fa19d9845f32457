//! `netsh http show sslcert` output: the certificate HTTP.sys presents on each `IP:port` (or
//! `Hostname:port`), and whether it asks clients for a certificate.
//!
//! ```text
//!     IP:port                      : 0.0.0.0:8531
//!     Certificate Hash             : 460c8704ca040b6bd3b904ca8c968da049ab391d
//!     Certificate Store Name       : MY
//!     Negotiate Client Certificate : Disabled
//! ```

use super::lines::{decode, LineReader};
use super::ParseStats;
use std::io::{self, BufRead};

/// One HTTP.sys certificate binding.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SslCertBinding {
    /// `0.0.0.0:8531`, `[::]:8531`, `wsus.contoso.com:8531`.
    pub endpoint: String,
    pub port: Option<u16>,
    /// Lower-case hex SHA-1 thumbprint.
    pub certificate_hash: Option<String>,
    pub store: Option<String>,
    /// `Negotiate Client Certificate : Enabled` makes HTTP.sys ask clients for a certificate.
    pub negotiate_client_certificate: Option<bool>,
    pub line: u64,
}

pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(SslCertBinding),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut current: Option<SslCertBinding> = None;
    while let Some(line) = lines.next_line()? {
        let text = decode(line.bytes);
        let t = text.trim_start_matches('\u{feff}').trim();
        let Some((field, value)) = t.split_once(" : ").or_else(|| t.split_once(": ")) else {
            continue;
        };
        let field = field.trim();
        let value = value.trim();
        if field.ends_with(":port") {
            if let Some(done) = current.take() {
                sink(done);
            }
            stats.records += 1;
            let port = value.rsplit(':').next().and_then(|p| p.parse().ok());
            if port.is_none() {
                stats.malformed(
                    line.number,
                    || crate::tr!("malformed-sslcert-port"),
                    line.bytes,
                );
            }
            current = Some(SslCertBinding {
                endpoint: value.to_string(),
                port,
                certificate_hash: None,
                store: None,
                negotiate_client_certificate: None,
                line: line.number,
            });
            continue;
        }
        let Some(b) = current.as_mut() else {
            continue;
        };
        match field {
            "Certificate Hash" => b.certificate_hash = Some(value.to_ascii_lowercase()),
            "Certificate Store Name" => b.store = Some(value.to_string()),
            "Negotiate Client Certificate" => {
                b.negotiate_client_certificate = Some(value.eq_ignore_ascii_case("Enabled"))
            }
            _ => {}
        }
    }
    if let Some(done) = current.take() {
        sink(done);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings() {
        let text = "\r\nSSL Certificate bindings:\r\n-------------------------\r\n\r\n    IP:port                      : 0.0.0.0:8531\r\n    Certificate Hash             : 460C8704CA040B6BD3B904CA8C968DA049AB391D\r\n    Application ID               : {4dc3e181-e14b-4a21-b022-59fc669b0914}\r\n    Certificate Store Name       : MY\r\n    Negotiate Client Certificate : Enabled\r\n\r\n    Hostname:port                : wsus.contoso.com:443\r\n    Certificate Hash             : 00\r\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |b| out.push(b)).unwrap();
        assert_eq!(stats.records, 2);
        assert_eq!(out[0].port, Some(8531));
        assert_eq!(out[0].line, 5);
        assert_eq!(
            out[0].certificate_hash.as_deref(),
            Some("460c8704ca040b6bd3b904ca8c968da049ab391d")
        );
        assert_eq!(out[0].negotiate_client_certificate, Some(true));
        assert_eq!(out[1].endpoint, "wsus.contoso.com:443");
    }
}
