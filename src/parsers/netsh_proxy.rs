//! `netsh winhttp show proxy` output (WU-PROXY):
//!
//! ```text
//! Current WinHTTP proxy settings:
//!
//!     Proxy Server(s) :  proxy.contoso.com:8080
//!     Bypass List     :  <local>;*.contoso.com
//! ```
//! or `Direct access (no proxy server).`. Only the English wording is recognised.

use super::lines::{decode, LineReader};
use super::ParseStats;
use std::io::{self, BufRead};

/// The WinHTTP proxy as netsh printed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NetshProxy {
    /// `Direct access (no proxy server).`
    pub direct: bool,
    pub server: Option<(u64, String)>,
    pub bypass: Option<(u64, String)>,
    /// Line of the `Current WinHTTP proxy settings` header.
    pub header_line: Option<u64>,
}

/// Reads the output; `None` in the result when no header was found.
pub fn parse(input: impl BufRead) -> io::Result<(ParseStats, NetshProxy)> {
    let mut lines = LineReader::new(input);
    let mut stats = ParseStats::default();
    let mut out = NetshProxy::default();
    while let Some(l) = lines.next_line()? {
        let text = decode(l.bytes);
        let t = text.trim().trim_start_matches('\u{feff}');
        if t.starts_with("Current WinHTTP proxy settings") {
            stats.records += 1;
            out.header_line = Some(l.number);
        } else if t.starts_with("Direct access") {
            out.direct = true;
        } else if let Some((key, value)) = t.split_once(" :") {
            let key = key.trim().to_ascii_lowercase();
            let value = value.trim().to_string();
            if key.starts_with("proxy server") {
                out.server = Some((l.number, value));
            } else if key.starts_with("bypass list") {
                out.bypass = Some((l.number, value));
            }
        }
    }
    if out.header_line.is_none() {
        stats.malformed(1, "no 'Current WinHTTP proxy settings' header", b"");
    }
    Ok((stats, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_and_bypass() {
        let text = "\r\nCurrent WinHTTP proxy settings:\r\n\r\n    Proxy Server(s) :  proxy.corp.example.com:8080\r\n    Bypass List     :  <local>;*.corp.example.com\r\n";
        let (s, p) = parse(text.as_bytes()).unwrap();
        assert_eq!(s.records, 1);
        assert!(!p.direct);
        assert_eq!(
            p.server.unwrap(),
            (4, "proxy.corp.example.com:8080".to_string())
        );
        assert_eq!(p.bypass.unwrap().1, "<local>;*.corp.example.com");
    }

    #[test]
    fn direct_access() {
        let (_, p) = parse(
            &b"Current WinHTTP proxy settings:\n\n    Direct access (no proxy server).\n"[..],
        )
        .unwrap();
        assert!(p.direct && p.server.is_none());
    }
}
