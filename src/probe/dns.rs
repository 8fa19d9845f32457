//! Step 2: name resolution with the operating system's resolver (getaddrinfo, hosts file, DNS
//! suffixes), which is what the failing client sees (crates-and-performance.md §A.2).

use super::net::HR_NAME_NOT_RESOLVED;
use crate::probe::model::{DnsStep, StepOutcome};
use std::net::{SocketAddr, ToSocketAddrs};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Resolves `host:port`, giving up after `timeout` (the resolver call itself cannot be cancelled,
/// so it runs on its own thread).
pub fn run(host: &str, port: u16, timeout: Duration) -> (DnsStep, Vec<SocketAddr>) {
    let start = Instant::now();
    let (tx, rx) = mpsc::channel();
    let query = (host.to_string(), port);
    std::thread::spawn(move || {
        let r = query.to_socket_addrs().map(|a| a.collect::<Vec<_>>());
        let _ = tx.send(r);
    });
    let result = rx.recv_timeout(timeout);
    let ms = start.elapsed().as_millis() as u64;
    let (outcome, addrs) = match result {
        Ok(Ok(addrs)) if !addrs.is_empty() => {
            let list: Vec<String> = addrs.iter().map(|a| a.ip().to_string()).collect();
            (
                StepOutcome::pass(
                    ms,
                    crate::tr!(
                        "probe-dns-resolves",
                        host = host,
                        addresses = list.join(", ")
                    ),
                ),
                addrs,
            )
        }
        Ok(Ok(_)) => (
            StepOutcome::fail(
                ms,
                crate::tr!("probe-dns-no-address", host = host),
                Some(HR_NAME_NOT_RESOLVED),
            ),
            Vec::new(),
        ),
        Ok(Err(e)) => (
            StepOutcome::fail(
                ms,
                crate::tr!("probe-dns-error", host = host, error = e.to_string()),
                Some(HR_NAME_NOT_RESOLVED),
            ),
            Vec::new(),
        ),
        Err(_) => (
            StepOutcome::fail(
                ms,
                crate::tr!(
                    "probe-dns-slow",
                    host = host,
                    seconds = timeout.as_secs_f32().to_string()
                ),
                Some(HR_NAME_NOT_RESOLVED),
            ),
            Vec::new(),
        ),
    };
    let step = DnsStep {
        outcome,
        host: host.to_string(),
        addresses: addrs.iter().map(|a| a.ip().to_string()).collect(),
    };
    (step, addrs)
}
