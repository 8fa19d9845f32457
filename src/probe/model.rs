//! Results of network probes of WSUS servers (`wsus-doctor probe`, `diagnose --probe`): one
//! [`ProbeTarget`] per URL, each step with its outcome, duration, details and the HRESULT a
//! Windows Update client would log for the same failure. The checks under `probe.*` read these.

use crate::i18n::Text;
use crate::values::wsus_url::WsusUrl;
use crate::values::EvidenceRef;
use serde::Serialize;

/// Every probe that was run, in the order the URLs were given.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProbeFacts {
    pub targets: Vec<ProbeTarget>,
}

impl ProbeFacts {
    pub(crate) fn merge(&mut self, other: ProbeFacts) {
        self.targets.extend(other.targets);
    }

    pub fn is_empty(&self) -> bool {
        self.targets.is_empty()
    }
}

/// The verdict of one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StepStatus {
    Fail,
    Warn,
    Pass,
}

/// What every step records: verdict, time taken, what went wrong and the client-side code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepOutcome {
    pub status: StepStatus,
    /// Wall-clock time of the step, in milliseconds.
    pub duration_ms: u64,
    /// One line saying what happened (the reason, when the step failed).
    pub message: Text,
    /// The HRESULT a Windows Update client logs for this failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hresult: Option<u32>,
}

impl StepOutcome {
    pub fn pass(duration_ms: u64, message: impl Into<Text>) -> Self {
        StepOutcome {
            status: StepStatus::Pass,
            duration_ms,
            message: message.into(),
            hresult: None,
        }
    }

    pub fn fail(duration_ms: u64, message: impl Into<Text>, hresult: Option<u32>) -> Self {
        StepOutcome {
            status: StepStatus::Fail,
            duration_ms,
            message: message.into(),
            hresult,
        }
    }

    pub(crate) fn is_fail(&self) -> bool {
        self.status == StepStatus::Fail
    }
}

/// One probed URL. A step is `None` when it was not run, because an earlier step failed, the
/// deadline passed, or it does not apply (TLS for http://).
#[derive(Debug, Clone, Serialize)]
pub struct ProbeTarget {
    /// The URL as given.
    pub url: String,
    /// Step 1: the URL judged as the `WUServer` policy value would be.
    pub url_check: WsusUrl,
    /// The proxy the requests went through (`host:port`), if any, and where that choice came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proxy: Option<ProxyUsed>,
    /// Why steps stopped early, when they did for a reason other than a failed step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stopped: Option<Text>,
    pub dns: Option<DnsStep>,
    pub tcp: Option<TcpStep>,
    pub tls: Option<TlsStep>,
    pub http: Option<HttpStep>,
    pub soap: Option<SoapStep>,
    /// Total time for this URL, in milliseconds.
    pub duration_ms: u64,
}

/// The steps of a probe, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ProbeStep {
    Url,
    Dns,
    Tcp,
    Tls,
    Http,
    Soap,
}

impl ProbeStep {
    pub fn as_str(self) -> &'static str {
        match self {
            ProbeStep::Url => "url",
            ProbeStep::Dns => "dns",
            ProbeStep::Tcp => "tcp",
            ProbeStep::Tls => "tls",
            ProbeStep::Http => "http",
            ProbeStep::Soap => "soap",
        }
    }
}

impl std::fmt::Display for ProbeStep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ProbeTarget {
    /// Where a step's result is proven.
    pub fn evidence(&self, step: ProbeStep) -> EvidenceRef {
        EvidenceRef::Probe {
            target: self.url.clone(),
            step: step.as_str().to_string(),
        }
    }

    /// The first step that failed, with its outcome.
    pub(crate) fn first_failure(&self) -> Option<(ProbeStep, &StepOutcome)> {
        let steps: [(ProbeStep, Option<&StepOutcome>); 5] = [
            (ProbeStep::Dns, self.dns.as_ref().map(|s| &s.outcome)),
            (ProbeStep::Tcp, self.tcp.as_ref().map(|s| &s.outcome)),
            (ProbeStep::Tls, self.tls.as_ref().map(|s| &s.outcome)),
            (ProbeStep::Http, self.http.as_ref().map(|s| &s.outcome)),
            (ProbeStep::Soap, self.soap.as_ref().map(|s| &s.outcome)),
        ];
        steps
            .into_iter()
            .find_map(|(n, o)| o.filter(|o| o.is_fail()).map(|o| (n, o)))
    }
}

/// A proxy in use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProxyUsed {
    pub host: String,
    pub port: u16,
    /// `--proxy`, or `WinHTTP settings` (the proxy the Windows Update agent uses).
    pub source: String,
}

/// Step 2: name resolution by the operating system's resolver.
#[derive(Debug, Clone, Serialize)]
pub struct DnsStep {
    pub outcome: StepOutcome,
    /// The name resolved (the proxy's when a proxy is used: the proxy resolves the server).
    pub host: String,
    pub addresses: Vec<String>,
}

/// How one connection attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConnectResult {
    Connected,
    Refused,
    TimedOut,
    Unreachable,
    Failed,
}

/// One connection attempt to one address.
#[derive(Debug, Clone, Serialize)]
pub struct TcpAttempt {
    pub address: String,
    pub result: ConnectResult,
    pub duration_ms: u64,
    /// The operating system's error text, when it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Step 3: TCP connections to every resolved address.
#[derive(Debug, Clone, Serialize)]
pub struct TcpStep {
    pub outcome: StepOutcome,
    pub attempts: Vec<TcpAttempt>,
    /// The address the later steps use (the first that accepted).
    pub used: Option<String>,
    /// For an https URL on 8531 (or 443): the paired HTTP port (8530 or 80) on the same address,
    /// which serves content downloads (MS-WUSP §2.1 product note 5).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paired_http: Option<TcpAttempt>,
}

/// What was read from one certificate of the server's chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CertSummary {
    pub subject: String,
    pub issuer: String,
    /// DNS names and IP addresses of the subject alternative name extension.
    pub san: Vec<String>,
    /// RFC 3339 UTC.
    pub not_before: String,
    pub not_after: String,
    /// Seconds since the Unix epoch, for comparisons.
    pub not_after_unix: i64,
    pub not_before_unix: i64,
    /// `RSA`, `EC`, `Ed25519`...
    pub key_type: String,
    pub key_bits: Option<u32>,
    /// `sha256WithRSAEncryption`, `ecdsa-with-SHA256`, or the OID when unknown.
    pub signature_algorithm: String,
    pub self_signed: bool,
}

/// A problem with the server's TLS setup.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TlsProblem {
    /// Stable code: `expired`, `not-yet-valid`, `expires-soon`, `name-mismatch`, `untrusted`,
    /// `weak-signature`, `short-key`, `handshake`, `client-certificate`, `port-pairing`,
    /// `rejected`.
    pub code: &'static str,
    pub fail: bool,
    pub message: Text,
}

/// Step 4 (https only): the TLS handshake and the server's certificate chain.
#[derive(Debug, Clone, Serialize)]
pub struct TlsStep {
    pub outcome: StepOutcome,
    /// The server name sent (SNI) and checked against the certificate.
    pub server_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cipher: Option<String>,
    /// The chain as the server sent it, leaf first.
    pub chain: Vec<CertSummary>,
    /// Which verifier judged the chain, e.g. "rustls-platform-verifier (Linux trust store)".
    pub verifier: String,
    /// The verifier's verdict: `None` when it accepted the chain, else its error text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verifier_error: Option<String>,
    pub problems: Vec<TlsProblem>,
}

/// One HTTP request of the probe.
#[derive(Debug, Clone, Serialize)]
pub struct HttpExchange {
    pub method: &'static str,
    pub path: String,
    /// What a healthy WSUS answers.
    pub expected: String,
    pub status: Option<u16>,
    /// The IIS sub-status when the error page names it (`403.4`); it is not on the wire.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub substatus: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<String>,
    pub body_bytes: u64,
    pub duration_ms: u64,
    pub outcome: StepOutcome,
}

/// Step 5: the files and pages a client requests first.
#[derive(Debug, Clone, Serialize)]
pub struct HttpStep {
    pub outcome: StepOutcome,
    pub exchanges: Vec<HttpExchange>,
}

/// A decoded SOAP fault.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SoapFault {
    pub faultcode: String,
    pub faultstring: String,
    /// `detail/ErrorCode` (WSUS: InvalidCookie, ServerBusy, InternalServerError...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
}

/// Step 6: `GetConfig` on the client web service.
#[derive(Debug, Clone, Serialize)]
pub struct SoapStep {
    pub outcome: StepOutcome,
    pub status: Option<u16>,
    /// `AuthInfo/AuthPlugInInfo/PlugInID` (a genuine WSUS says `SimpleTargeting`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_plugin: Option<String>,
    /// The `ProtocolVersion` configuration property (the server's protocol version).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_change: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fault: Option<SoapFault>,
}
