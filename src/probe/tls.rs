//! Step 4: the TLS handshake, the server's chain as sent, and the platform verifier's verdict.
//!
//! ureq cannot hand back the peer chain, so rustls is driven directly with a verifier that
//! records the chain and then delegates to rustls-platform-verifier: on Windows that is the
//! CryptoAPI chain engine the Windows Update client relies on; elsewhere it is webpki with the
//! system's roots. rustls speaks neither TLS 1.0/1.1 nor SHA-1 or sub-2048-bit RSA (webpki), so
//! such refusals are reported as rustls/webpki verdicts, not as what Windows would decide
//! (crates-and-performance.md §A.2).

use super::net::{self, NetError, Route, HR_SECURE_FAILURE};
use crate::i18n::Text;
use crate::probe::model::{CertSummary, StepOutcome, StepStatus, TlsProblem, TlsStep};
use crate::tr;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, SignatureScheme};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A certificate that expires within this many days is reported (the threshold: time
/// enough to renew and bind a new certificate before clients fail with 0x80072F05).
const EXPIRES_SOON_DAYS: i64 = 30;

/// What the recording verifier saw during the last handshake.
#[derive(Debug, Default, Clone)]
pub struct Seen {
    pub chain: Vec<CertificateDer<'static>>,
    /// The first error the platform verifier returned.
    pub error: Option<rustls::Error>,
}

/// Records the chain, then lets the platform verifier judge it.
#[derive(Debug)]
pub struct RecordingVerifier {
    inner: Arc<dyn ServerCertVerifier>,
    seen: Mutex<Seen>,
}

impl RecordingVerifier {
    pub fn seen(&self) -> Seen {
        self.seen.lock().map(|s| s.clone()).unwrap_or_default()
    }

    fn note_error<T>(&self, r: Result<T, rustls::Error>) -> Result<T, rustls::Error> {
        if let Err(e) = &r {
            if let Ok(mut s) = self.seen.lock() {
                if s.error.is_none() {
                    s.error = Some(e.clone());
                }
            }
        }
        r
    }
}

impl ServerCertVerifier for RecordingVerifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        if let Ok(mut s) = self.seen.lock() {
            s.chain = std::iter::once(end_entity)
                .chain(intermediates)
                .map(|c| c.clone().into_owned())
                .collect();
            s.error = None;
        }
        let r = self.inner.verify_server_cert(
            end_entity,
            intermediates,
            server_name,
            ocsp_response,
            now,
        );
        self.note_error(r)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let r = self.inner.verify_tls12_signature(message, cert, dss);
        self.note_error(r)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        let r = self.inner.verify_tls13_signature(message, cert, dss);
        self.note_error(r)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// The TLS configuration for one target, shared by the handshake step and the HTTP requests.
#[derive(Clone)]
pub struct TlsSetup {
    pub config: Arc<rustls::ClientConfig>,
    pub server_name: ServerName<'static>,
    pub recorder: Arc<RecordingVerifier>,
    pub verifier_name: String,
}

/// The name of the verifier, as the report shows it.
fn verifier_name(extra_roots: usize) -> String {
    let os = match std::env::consts::OS {
        "windows" => "Windows",
        "linux" => "Linux",
        "macos" => "macOS",
        other => other,
    };
    let base = if cfg!(windows) {
        format!(
            "rustls-platform-verifier ({os} trust store, the one the Windows Update client uses)"
        )
    } else {
        format!("rustls-platform-verifier ({os} trust store: webpki with the system's roots, no revocation check)")
    };
    if extra_roots > 0 {
        format!("{base} plus {extra_roots} certificate(s) from --ca-file")
    } else {
        base
    }
}

/// Builds the TLS configuration for a host.
pub fn setup(host: &str, extra_roots: &[CertificateDer<'static>]) -> Result<TlsSetup, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let platform = rustls_platform_verifier::Verifier::new_with_extra_roots(
        extra_roots.iter().cloned(),
        provider.clone(),
    )
    .map_err(|e| format!("the platform verifier could not be set up: {e}"))?;
    let recorder = Arc::new(RecordingVerifier {
        inner: Arc::new(platform),
        seen: Mutex::new(Seen::default()),
    });
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(recorder.clone())
        .with_no_client_auth();
    let server_name = ServerName::try_from(host.to_string())
        .map_err(|e| format!("'{host}' is not a valid TLS server name: {e}"))?;
    Ok(TlsSetup {
        config: Arc::new(config),
        server_name,
        recorder,
        verifier_name: verifier_name(extra_roots.len()),
    })
}

/// Reads PEM certificates (for `--ca-file`).
pub fn read_pem_certificates(pem: &[u8]) -> Result<Vec<CertificateDer<'static>>, Text> {
    use rustls::pki_types::pem::PemObject;
    let certs: Result<Vec<_>, _> = CertificateDer::pem_slice_iter(pem).collect();
    let certs = certs.map_err(|e| crate::tr!("ca-file-not-pem", error = e.to_string()))?;
    if certs.is_empty() {
        return Err(crate::tr!("ca-file-empty"));
    }
    Ok(certs)
}

/// The HRESULT and wording for a rustls error, as close as possible to what WinHTTP reports for
/// the same fault (winhttp.h, formats.md §7.2).
pub(crate) fn describe_error(e: &rustls::Error) -> (u32, Text) {
    use rustls::{AlertDescription, Error};
    match e {
        Error::InvalidCertificate(ce) => match ce {
            CertificateError::Expired | CertificateError::ExpiredContext { .. } => {
                (0x80072F05, tr!("probe-tls-error-expired"))
            }
            CertificateError::NotValidYet | CertificateError::NotValidYetContext { .. } => {
                (0x80072F05, tr!("probe-tls-error-not-yet-valid"))
            }
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. } => {
                (0x80072F06, tr!("probe-tls-error-name"))
            }
            CertificateError::UnknownIssuer => (0x80072F0D, tr!("probe-tls-error-untrusted")),
            CertificateError::Revoked => (0x80072F8A, tr!("probe-tls-error-revoked")),
            CertificateError::UnknownRevocationStatus
            | CertificateError::ExpiredRevocationList
            | CertificateError::ExpiredRevocationListContext { .. } => {
                (0x80072F19, tr!("probe-tls-error-revocation-unknown"))
            }
            CertificateError::BadSignature
            | CertificateError::UnsupportedSignatureAlgorithmContext { .. }
            | CertificateError::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => (
                HR_SECURE_FAILURE,
                tr!("probe-tls-error-signature", error = format!("{ce:?}")),
            ),
            #[allow(deprecated)]
            CertificateError::UnsupportedSignatureAlgorithm => (
                HR_SECURE_FAILURE,
                tr!("probe-tls-error-unsupported-algorithm"),
            ),
            other if format!("{other:?}").contains("CaUsedAsEndEntity") => {
                (HR_SECURE_FAILURE, tr!("probe-tls-error-ca-as-leaf"))
            }
            other => (
                HR_SECURE_FAILURE,
                tr!("probe-tls-error-rejected", error = format!("{other:?}")),
            ),
        },
        Error::AlertReceived(AlertDescription::CertificateRequired) => {
            (0x80072F0C, tr!("probe-tls-error-client-certificate"))
        }
        Error::AlertReceived(a) => (
            HR_SECURE_FAILURE,
            tr!("probe-tls-error-alert", alert = format!("{a:?}")),
        ),
        Error::PeerIncompatible(p) => (
            HR_SECURE_FAILURE,
            tr!("probe-tls-error-incompatible", error = format!("{p:?}")),
        ),
        other => (
            HR_SECURE_FAILURE,
            tr!("probe-tls-error-other", error = other.to_string()),
        ),
    }
}

/// Runs the handshake and judges the chain.
pub fn run(route: &Route, host: &str, port: u16, timeout: Duration) -> TlsStep {
    let start = Instant::now();
    let Some(setup) = &route.tls else {
        return TlsStep {
            outcome: StepOutcome::fail(
                0,
                tr!("probe-tls-no-configuration"),
                Some(HR_SECURE_FAILURE),
            ),
            server_name: host.to_string(),
            protocol: None,
            cipher: None,
            chain: Vec::new(),
            verifier: String::new(),
            verifier_error: None,
            problems: Vec::new(),
        };
    };
    let handshake = handshake(route, setup, timeout);
    let ms = start.elapsed().as_millis() as u64;
    let seen = setup.recorder.seen();
    let chain: Vec<CertSummary> = seen.chain.iter().filter_map(|c| summarise(c)).collect();
    let (protocol, cipher, result) = match handshake {
        Ok((p, c)) => (p, c, Ok(())),
        Err((p, c, e)) => (p, c, Err(e)),
    };
    let mut problems = judge_chain(&chain, host, now_unix());
    if super::tcp::paired_http_port(port).is_none() {
        problems.push(TlsProblem {
            code: "port-pairing",
            fail: false,
            message: crate::tr!("probe-tls-port-pairing", port = port),
        });
    }
    let outcome = match &result {
        Err(e) => StepOutcome::fail(ms, e.message.clone(), Some(e.hresult)),
        Ok(()) => {
            // A port outside the usual pairs is a remark, not a fault: custom WSUS sites exist.
            let faults: Vec<&TlsProblem> = problems
                .iter()
                .filter(|p| p.code != "port-pairing")
                .collect();
            let first = faults.first().map(|p| p.message.clone());
            let status = if faults.iter().any(|p| p.fail) {
                StepStatus::Fail
            } else if faults.is_empty() {
                StepStatus::Pass
            } else {
                StepStatus::Warn
            };
            StepOutcome {
                status,
                duration_ms: ms,
                message: first.unwrap_or_else(|| {
                    crate::tr!(
                        "probe-tls-accepted",
                        protocol = format!(
                            "{} {}",
                            protocol.as_deref().unwrap_or("TLS"),
                            cipher.as_deref().unwrap_or("")
                        ),
                        verifier = &setup.verifier_name
                    )
                }),
                hresult: (status == StepStatus::Fail).then_some(HR_SECURE_FAILURE),
            }
        }
    };
    TlsStep {
        outcome,
        server_name: host.to_string(),
        protocol,
        cipher,
        chain,
        verifier: setup.verifier_name.clone(),
        verifier_error: seen.error.as_ref().map(|e| e.to_string()),
        problems,
    }
}

type Negotiated = (Option<String>, Option<String>);

fn handshake(
    route: &Route,
    setup: &TlsSetup,
    timeout: Duration,
) -> Result<Negotiated, (Option<String>, Option<String>, NetError)> {
    let fail = |e: NetError| (None, None, e);
    let mut tcp = net::connect(route, timeout).map_err(fail)?;
    if route.via_proxy {
        net::proxy_connect(&mut tcp, &route.authority, timeout).map_err(fail)?;
    }
    let mut conn =
        rustls::ClientConnection::new(setup.config.clone(), setup.server_name.clone())
            .map_err(|e| fail(NetError::new(format!("TLS set-up: {e}"), HR_SECURE_FAILURE)))?;
    let negotiated = |c: &rustls::ClientConnection| -> Negotiated {
        (
            c.protocol_version()
                .map(|v| format!("{v:?}").replace('_', ".")),
            c.negotiated_cipher_suite()
                .map(|s| format!("{:?}", s.suite())),
        )
    };
    // The stream fails every read once the time-out has passed, which ends complete_io's loop.
    while conn.is_handshaking() {
        if let Err(e) = conn.complete_io(&mut tcp) {
            let (p, c) = negotiated(&conn);
            return Err((
                p,
                c,
                net::describe_io(&e, crate::tr!("probe-during-tls-handshake")),
            ));
        }
    }
    conn.send_close_notify();
    let _ = conn.complete_io(&mut tcp);
    Ok(negotiated(&conn))
}

fn now_unix() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

fn rfc3339(unix: i64) -> String {
    jiff::Timestamp::from_second(unix)
        .map(crate::values::time::format_utc)
        .unwrap_or_else(|_| unix.to_string())
}

/// Names of the signature algorithms a WSUS certificate may carry (RFC 3279, 4055, 5758, 8410).
fn signature_name(oid: &str) -> String {
    match oid {
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.3" => "dsa-with-SHA1",
        "1.3.101.112" => "Ed25519",
        other => return other.to_string(),
    }
    .to_string()
}

/// What the report shows of one certificate; `None` when it cannot be parsed.
pub(crate) fn summarise(der: &CertificateDer<'_>) -> Option<CertSummary> {
    use x509_parser::prelude::*;
    let (_, cert) = X509Certificate::from_der(der.as_ref()).ok()?;
    let mut san = Vec::new();
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for name in &ext.value.general_names {
            match name {
                GeneralName::DNSName(d) => san.push(d.to_string()),
                GeneralName::IPAddress(bytes) => {
                    if let Ok(v4) = <[u8; 4]>::try_from(*bytes) {
                        san.push(std::net::Ipv4Addr::from(v4).to_string());
                    } else if let Ok(v6) = <[u8; 16]>::try_from(*bytes) {
                        san.push(std::net::Ipv6Addr::from(v6).to_string());
                    }
                }
                _ => {}
            }
        }
    }
    let (key_type, key_bits) = match cert.public_key().parsed() {
        Ok(x509_parser::public_key::PublicKey::RSA(k)) => {
            ("RSA".to_string(), Some(k.key_size() as u32))
        }
        Ok(x509_parser::public_key::PublicKey::EC(p)) => {
            ("EC".to_string(), Some(p.key_size() as u32))
        }
        Ok(x509_parser::public_key::PublicKey::DSA(_)) => ("DSA".to_string(), None),
        _ => (
            signature_name(&cert.public_key().algorithm.algorithm.to_id_string()),
            None,
        ),
    };
    let nb = cert.validity().not_before.timestamp();
    let na = cert.validity().not_after.timestamp();
    Some(CertSummary {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        san,
        not_before: rfc3339(nb),
        not_after: rfc3339(na),
        not_after_unix: na,
        not_before_unix: nb,
        key_type,
        key_bits,
        signature_algorithm: signature_name(&cert.signature_algorithm.algorithm.to_id_string()),
        self_signed: cert.subject() == cert.issuer(),
    })
}

/// Whether a certificate name (`*.contoso.com` allowed as the first label) matches the host.
fn name_matches(pattern: &str, host: &str) -> bool {
    let pattern = pattern.to_ascii_lowercase();
    let host = host.to_ascii_lowercase();
    if let Some(rest) = pattern.strip_prefix("*.") {
        return host
            .split_once('.')
            .is_some_and(|(first, tail)| !first.is_empty() && tail == rest);
    }
    pattern == host
}

/// The problems visible in the chain itself, whatever the verifier said.
pub(crate) fn judge_chain(chain: &[CertSummary], host: &str, now: i64) -> Vec<TlsProblem> {
    let mut problems = Vec::new();
    let Some(leaf) = chain.first() else {
        return problems;
    };
    if leaf.not_after_unix < now {
        problems.push(TlsProblem {
            code: "expired",
            fail: true,
            message: crate::tr!("probe-tls-cert-expired", date = &leaf.not_after),
        });
    } else if leaf.not_before_unix > now {
        problems.push(TlsProblem {
            code: "not-yet-valid",
            fail: true,
            message: crate::tr!("probe-tls-cert-not-yet-valid", date = &leaf.not_before),
        });
    } else if leaf.not_after_unix - now < EXPIRES_SOON_DAYS * 86_400 {
        problems.push(TlsProblem {
            code: "expires-soon",
            fail: false,
            message: crate::tr!(
                "probe-tls-cert-expires-soon",
                date = &leaf.not_after,
                days = EXPIRES_SOON_DAYS
            ),
        });
    }
    let host_ip = host.parse::<std::net::IpAddr>().ok();
    let matches = leaf.san.iter().any(|n| match host_ip {
        Some(ip) => n.parse::<std::net::IpAddr>().ok() == Some(ip),
        None => name_matches(n, host),
    });
    if !matches {
        problems.push(TlsProblem {
            code: "name-mismatch",
            fail: true,
            message: if leaf.san.is_empty() {
                crate::tr!("probe-tls-cert-no-names", host = host)
            } else {
                crate::tr!(
                    "probe-tls-cert-other-names",
                    names = leaf.san.join(", "),
                    host = host
                )
            },
        });
    }
    for (i, c) in chain.iter().enumerate() {
        let which = if i == 0 {
            crate::tr!("probe-tls-server-certificate")
        } else {
            crate::tr!(
                "probe-tls-chain-certificate",
                number = i + 1,
                subject = &c.subject
            )
        };
        let alg = c.signature_algorithm.to_ascii_lowercase();
        if !c.self_signed && (alg.contains("sha1") || alg.contains("md5")) {
            problems.push(TlsProblem {
                code: "weak-signature",
                fail: false,
                message: crate::tr!(
                    "probe-tls-weak-signature",
                    which = &which,
                    algorithm = &c.signature_algorithm
                ),
            });
        }
        if c.key_type == "RSA" && c.key_bits.is_some_and(|b| b < 2048) {
            problems.push(TlsProblem {
                code: "short-key",
                fail: false,
                message: crate::tr!(
                    "probe-tls-short-key",
                    which = &which,
                    bits = c.key_bits.unwrap_or(0)
                ),
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(san: &[&str], not_after: i64) -> CertSummary {
        CertSummary {
            subject: "CN=wsus".into(),
            issuer: "CN=ca".into(),
            san: san.iter().map(|s| s.to_string()).collect(),
            not_before: String::new(),
            not_after: rfc3339(not_after),
            not_after_unix: not_after,
            not_before_unix: 0,
            key_type: "RSA".into(),
            key_bits: Some(2048),
            signature_algorithm: "sha256WithRSAEncryption".into(),
            self_signed: false,
        }
    }

    fn codes(p: &[TlsProblem]) -> Vec<&'static str> {
        p.iter().map(|p| p.code).collect()
    }

    #[test]
    fn names_dates_and_keys_are_judged() {
        let now = 1_800_000_000;
        assert!(judge_chain(
            &[leaf(&["wsus.contoso.com"], now + 400 * 86_400)],
            "WSUS.contoso.com",
            now
        )
        .is_empty());
        assert!(judge_chain(
            &[leaf(&["*.contoso.com"], now + 400 * 86_400)],
            "wsus.contoso.com",
            now
        )
        .is_empty());
        assert_eq!(
            codes(&judge_chain(
                &[leaf(&["*.contoso.com"], now + 400 * 86_400)],
                "a.b.contoso.com",
                now
            )),
            ["name-mismatch"]
        );
        assert_eq!(
            codes(&judge_chain(
                &[leaf(&["127.0.0.1"], now - 1)],
                "127.0.0.1",
                now
            )),
            ["expired"]
        );
        assert_eq!(
            codes(&judge_chain(&[leaf(&["h.x"], now + 86_400)], "h.x", now)),
            ["expires-soon"]
        );
        let mut weak = leaf(&["h.x"], now + 400 * 86_400);
        weak.signature_algorithm = "sha1WithRSAEncryption".into();
        weak.key_bits = Some(1024);
        let problems = judge_chain(&[weak], "h.x", now);
        assert_eq!(codes(&problems), ["weak-signature", "short-key"]);
        assert_eq!(
            problems[1].message,
            "the server certificate has a 1024-bit RSA key; rustls/webpki refuses keys under 2048 bits"
        );
        assert_eq!(
            problems[1].message.local(crate::i18n::Lang::Ja),
            "サーバー証明書の RSA キーは 1024 ビットです。rustls/webpki は 2048 ビット未満のキーを拒否します"
        );
    }

    #[test]
    fn certificate_errors_map_to_winhttp_codes() {
        let e = |c| describe_error(&rustls::Error::InvalidCertificate(c)).0;
        assert_eq!(e(CertificateError::Expired), 0x80072F05);
        assert_eq!(e(CertificateError::NotValidForName), 0x80072F06);
        assert_eq!(e(CertificateError::UnknownIssuer), 0x80072F0D);
        assert_eq!(e(CertificateError::BadSignature), 0x80072F8F);
    }
}
