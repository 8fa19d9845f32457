//! Step 3: a TCP connection to every resolved address, telling refused (nothing listens), timed
//! out (packets dropped) and unreachable (no route) apart.

use super::net::{classify_connect, connect_hresult, connect_tcp};
use crate::i18n::Text;
use crate::probe::model::{ConnectResult, StepOutcome, StepStatus, TcpAttempt, TcpStep};
use crate::tr;
use std::net::SocketAddr;
use std::time::Instant;

/// Tries each address; the first that accepts is the one later steps use.
pub fn run(addrs: &[SocketAddr], budget: &super::Budget) -> (TcpStep, Option<SocketAddr>) {
    let start = Instant::now();
    let mut attempts = Vec::new();
    let mut used = None;
    for addr in addrs {
        let Some(timeout) = budget.step() else {
            break;
        };
        let t = Instant::now();
        let r = connect_tcp(*addr, timeout);
        let ms = t.elapsed().as_millis() as u64;
        let (result, error) = match r {
            Ok(_) => (ConnectResult::Connected, None),
            Err(e) => (classify_connect(&e), Some(e.to_string())),
        };
        if result == ConnectResult::Connected && used.is_none() {
            used = Some(*addr);
        }
        attempts.push(TcpAttempt {
            address: addr.to_string(),
            result,
            duration_ms: ms,
            error,
        });
    }
    let ms = start.elapsed().as_millis() as u64;
    let failed: Vec<&TcpAttempt> = attempts
        .iter()
        .filter(|a| a.result != ConnectResult::Connected)
        .collect();
    let outcome = match used {
        Some(a) if failed.is_empty() => {
            StepOutcome::pass(ms, tr!("probe-tcp-accepted", address = a.to_string()))
        }
        Some(a) => StepOutcome {
            status: StepStatus::Warn,
            duration_ms: ms,
            message: tr!(
                "probe-tcp-some-accepted",
                address = a.to_string(),
                failed = failed
                    .iter()
                    .map(|f| f.address.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                results = list(failed.iter().map(|f| described(f.result)))
            ),
            hresult: None,
        },
        None => {
            let first = failed.first().map_or(ConnectResult::TimedOut, |f| f.result);
            let message = if failed.is_empty() {
                tr!("probe-tcp-none-accepted-deadline")
            } else {
                tr!(
                    "probe-tcp-none-accepted",
                    attempts = list(failed.iter().map(|f| tr!(
                        "probe-tcp-attempt",
                        address = &f.address,
                        result = described(f.result)
                    )))
                )
            };
            StepOutcome::fail(ms, message, Some(connect_hresult(first)))
        }
    };
    (
        TcpStep {
            outcome,
            attempts,
            used: used.map(|a| a.to_string()),
            paired_http: None,
        },
        used,
    )
}

/// The HTTP port paired with an HTTPS port: with SSL, the common port is the content port + 1
/// (8531/8530), or 443 when content is on 80 (MS-WUSP §2.1, product note 5).
pub(crate) fn paired_http_port(https_port: u16) -> Option<u16> {
    match https_port {
        8531 => Some(8530),
        443 => Some(80),
        _ => None,
    }
}

/// Connects to the paired HTTP port of the address in use; a failure makes the step a warning.
pub(crate) fn check_pairing(
    step: &mut TcpStep,
    used: SocketAddr,
    https_port: u16,
    budget: &super::Budget,
) {
    let (Some(port), Some(timeout)) = (paired_http_port(https_port), budget.step()) else {
        return;
    };
    let addr = SocketAddr::new(used.ip(), port);
    let t = Instant::now();
    let r = connect_tcp(addr, timeout);
    let ms = t.elapsed().as_millis() as u64;
    let (result, error) = match r {
        Ok(_) => (ConnectResult::Connected, None),
        Err(e) => (classify_connect(&e), Some(e.to_string())),
    };
    if result != ConnectResult::Connected && step.outcome.status == StepStatus::Pass {
        step.outcome.status = StepStatus::Warn;
        step.outcome.message = tr!(
            "probe-tcp-paired-port",
            message = &step.outcome.message,
            port = port,
            result = described(result)
        );
    }
    step.paired_http = Some(TcpAttempt {
        address: addr.to_string(),
        result,
        duration_ms: ms,
        error,
    });
}

/// Texts joined by commas in the reader's language.
fn list(items: impl Iterator<Item = Text>) -> Text {
    items
        .reduce(|first, next| tr!("probe-list", first = first, next = next))
        .unwrap_or_default()
}

/// An attempt's result in a sentence a person reads.
fn described(r: ConnectResult) -> Text {
    match r {
        ConnectResult::Connected => tr!("probe-connect-connected"),
        ConnectResult::Refused => tr!("probe-connect-refused"),
        ConnectResult::TimedOut => tr!("probe-connect-timed-out"),
        ConnectResult::Unreachable => tr!("probe-connect-unreachable"),
        ConnectResult::Failed => tr!("probe-connect-failed"),
    }
}

/// The words for an attempt's result, as the evidence excerpt states it.
pub fn describe(r: ConnectResult) -> &'static str {
    match r {
        ConnectResult::Connected => "connected",
        ConnectResult::Refused => "refused (nothing listens on the port)",
        ConnectResult::TimedOut => "timed out (packets dropped, e.g. by a firewall)",
        ConnectResult::Unreachable => "unreachable (no route to the host)",
        ConnectResult::Failed => "failed",
    }
}
