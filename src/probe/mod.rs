//! The network probe: tests a WSUS server the way the Windows Update agent would, step by step
//! (URL, DNS, TCP, TLS, HTTP, SOAP), timing each step and naming, for every failure, the HRESULT
//! a client would log. Results are [`model::ProbeFacts`], which the facts carry; the `probe.*` checks turn them
//! into findings, so a probe renders like any other report.
//!
//! Several URLs are probed at once, one thread each; results keep the order of the URLs.

pub mod dns;
pub mod http;
pub mod model;
pub mod net;
pub mod proxy;
pub mod soap;
pub mod tcp;
pub mod tls;

use crate::values::wsus_url::{self, Scheme};
use model::{ProbeFacts, ProbeTarget, ProxyUsed};
use rustls::pki_types::CertificateDer;
use std::time::{Duration, Instant};

/// Which proxy to use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProxyChoice {
    /// The machine's WinHTTP proxy on Windows (the agent's), none elsewhere.
    System,
    None,
    Explicit(String),
}

/// How to probe.
#[derive(Debug, Clone)]
pub struct Options {
    /// Time-out of each step (each connection, request or handshake).
    pub timeout: Duration,
    /// The whole probe ends by then, whatever is left.
    pub deadline: Duration,
    pub proxy: ProxyChoice,
    /// Extra trust anchors (`--ca-file`), for internal CAs the machine does not trust.
    pub extra_roots: Vec<CertificateDer<'static>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Duration::from_secs(10),
            deadline: Duration::from_secs(60),
            proxy: ProxyChoice::System,
            extra_roots: Vec::new(),
        }
    }
}

/// The time left for the next step: the step time-out, cut short by the overall deadline.
pub struct Budget {
    step: Duration,
    end: Instant,
}

impl Budget {
    /// A deadline beyond what the clock can count is no deadline: it is capped at a century rather
    /// than overflowing the instant.
    pub fn new(step: Duration, overall: Duration) -> Self {
        let now = Instant::now();
        Budget {
            step,
            end: now
                .checked_add(overall)
                .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
                .unwrap_or(now),
        }
    }

    /// `None` once the deadline has passed.
    pub fn step(&self) -> Option<Duration> {
        let left = self.end.checked_duration_since(Instant::now())?;
        (!left.is_zero()).then(|| left.min(self.step))
    }
}

/// Probes every URL concurrently; results in the order given.
pub fn run(urls: &[String], options: &Options) -> ProbeFacts {
    let targets = std::thread::scope(|s| {
        let handles: Vec<_> = urls
            .iter()
            .map(|u| s.spawn(move || probe_one(u, options)))
            .collect();
        handles
            .into_iter()
            .zip(urls)
            .map(|(h, u)| {
                h.join()
                    .unwrap_or_else(|_| stopped_target(u, crate::tr!("probe-internal-error")))
            })
            .collect()
    });
    ProbeFacts { targets }
}

fn stopped_target(url: &str, why: crate::i18n::Text) -> ProbeTarget {
    ProbeTarget {
        url: url.to_string(),
        url_check: wsus_url::check(url),
        proxy: None,
        stopped: Some(why),
        dns: None,
        tcp: None,
        tls: None,
        http: None,
        soap: None,
        duration_ms: 0,
    }
}

fn deadline_passed() -> crate::i18n::Text {
    crate::tr!("probe-deadline-passed")
}

/// Probes one URL, step by step, stopping at the first step that makes the next meaningless.
pub(crate) fn probe_one(url: &str, options: &Options) -> ProbeTarget {
    let start = Instant::now();
    let budget = Budget::new(options.timeout, options.deadline);
    let mut t = stopped_target(url, crate::i18n::Text::default());
    t.stopped = None;
    let finish = |mut t: ProbeTarget, why: Option<crate::i18n::Text>| {
        t.stopped = why;
        t.duration_ms = start.elapsed().as_millis() as u64;
        t
    };
    let (Some(scheme), Some(host), Some(port), true) = (
        t.url_check.scheme,
        t.url_check.host.clone(),
        t.url_check.port,
        t.url_check.is_usable(),
    ) else {
        return finish(t, Some(crate::tr!("probe-url-not-usable")));
    };

    let proxy = match &options.proxy {
        ProxyChoice::None => None,
        ProxyChoice::Explicit(p) => match proxy::parse(p, "--proxy") {
            Ok(p) => Some(p),
            Err(e) => return finish(t, Some(crate::tr!("probe-proxy-invalid", error = e))),
        },
        ProxyChoice::System => proxy::system().filter(|p| !proxy::bypassed(p, &host)),
    };
    t.proxy = proxy.as_ref().map(|p| ProxyUsed {
        host: p.host.clone(),
        port: p.port,
        source: p.source.to_string(),
    });
    let (connect_host, connect_port) = match &proxy {
        Some(p) => (p.host.clone(), p.port),
        None => (host.clone(), port),
    };

    let Some(timeout) = budget.step() else {
        return finish(t, Some(deadline_passed()));
    };
    let (dns_step, addrs) = dns::run(&connect_host, connect_port, timeout);
    let failed = dns_step.outcome.is_fail();
    t.dns = Some(dns_step);
    if failed {
        return finish(t, None);
    }

    let (mut tcp_step, used) = tcp::run(&addrs, &budget);
    if let (Some(addr), Scheme::Https, None) = (used, scheme, &proxy) {
        tcp::check_pairing(&mut tcp_step, addr, port, &budget);
    }
    t.tcp = Some(tcp_step);
    let Some(addr) = used else {
        return finish(t, None);
    };

    let authority = if host.contains(':') {
        format!("[{host}]:{port}")
    } else {
        format!("{host}:{port}")
    };
    let mut route = net::Route {
        addr,
        authority,
        via_proxy: proxy.is_some(),
        tls: None,
    };
    if scheme == Scheme::Https {
        match tls::setup(&host, &options.extra_roots) {
            Ok(s) => route.tls = Some(s),
            Err(e) => {
                t.tls = Some(crate::probe::model::TlsStep {
                    outcome: crate::probe::model::StepOutcome::fail(
                        0,
                        e,
                        Some(net::HR_SECURE_FAILURE),
                    ),
                    server_name: host.clone(),
                    protocol: None,
                    cipher: None,
                    chain: Vec::new(),
                    verifier: "rustls-platform-verifier".into(),
                    verifier_error: None,
                    problems: Vec::new(),
                });
                return finish(t, None);
            }
        }
        let Some(timeout) = budget.step() else {
            return finish(t, Some(deadline_passed()));
        };
        let tls_step = tls::run(&route, &host, port, timeout);
        let failed = tls_step.outcome.is_fail();
        t.tls = Some(tls_step);
        if failed {
            return finish(t, None);
        }
    }

    let http_step = http::run(&route, &budget);
    // A server that answered with a status is worth the GetConfig call; one that reset or timed
    // out would only do it again.
    let answered = http_step.exchanges.iter().any(|x| x.status.is_some());
    t.http = Some(http_step);
    if !answered {
        return finish(t, None);
    }
    let Some(timeout) = budget.step() else {
        return finish(t, Some(deadline_passed()));
    };
    t.soap = Some(soap::run(&route, timeout));
    finish(t, None)
}
