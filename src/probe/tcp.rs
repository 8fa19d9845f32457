//! Step 3: a TCP connection to every resolved address, telling refused (nothing listens), timed
//! out (packets dropped) and unreachable (no route) apart.

use super::net::{classify_connect, connect_hresult, connect_tcp};
use crate::facts::probe::{ConnectResult, StepOutcome, StepStatus, TcpAttempt, TcpStep};
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
        Some(a) if failed.is_empty() => StepOutcome::pass(ms, format!("{a} accepted the connection")),
        Some(a) => StepOutcome {
            status: StepStatus::Warn,
            duration_ms: ms,
            message: format!(
                "{a} accepted the connection, but {} did not ({}): clients that try that address first wait or fail",
                failed.iter().map(|f| f.address.as_str()).collect::<Vec<_>>().join(", "),
                failed.iter().map(|f| describe(f.result)).collect::<Vec<_>>().join(", ")
            ),
            hresult: None,
        },
        None => {
            let first = failed.first().map_or(ConnectResult::TimedOut, |f| f.result);
            let detail = failed
                .iter()
                .map(|f| format!("{} {}", f.address, describe(f.result)))
                .collect::<Vec<_>>()
                .join(", ");
            let detail = if detail.is_empty() { "the overall deadline passed".to_string() } else { detail };
            StepOutcome::fail(ms, format!("no address accepted the connection: {detail}"), Some(connect_hresult(first)))
        }
    };
    (
        TcpStep {
            outcome,
            attempts,
            used: used.map(|a| a.to_string()),
        },
        used,
    )
}

/// The words for an attempt's result.
pub fn describe(r: ConnectResult) -> &'static str {
    match r {
        ConnectResult::Connected => "connected",
        ConnectResult::Refused => "refused (nothing listens on the port)",
        ConnectResult::TimedOut => "timed out (packets dropped, e.g. by a firewall)",
        ConnectResult::Unreachable => "unreachable (no route to the host)",
        ConnectResult::Failed => "failed",
    }
}
