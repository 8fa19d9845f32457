//! `netsh winhttp show proxy` output (WU-PROXY):
//!
//! ```text
//! Current WinHTTP proxy settings:
//!
//!     Proxy Server(s) :  proxy.contoso.com:8080
//!     Bypass List     :  <local>;*.contoso.com
//! ```
//! or `Direct access (no proxy server).`. Japanese Windows translates every line but keeps the
//! layout (japanese-windows.md §2): `現在の WinHTTP プロキシ設定:`, `プロキシ サーバー:  host:port`,
//! `バイパス一覧     : (なし)`, `直接アクセス (プロキシ サーバーなし)。`. So the lines are read by
//! their place: the header names WinHTTP and ends in a colon, the first `label: value` line is
//! the proxy, the second the bypass list, and a line without a colon says direct access.

use super::lines::{decode, LineReader};
use super::ParseStats;
use std::io::{self, BufRead};

/// The WinHTTP proxy as netsh printed it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NetshProxy {
    /// `Direct access (no proxy server).`
    pub direct: bool,
    pub server: Option<(u64, String)>,
    pub bypass: Option<(u64, String)>,
    /// Line of the `Current WinHTTP proxy settings` header.
    pub header_line: Option<u64>,
}

/// Reads the output; `header_line` is `None` when no header was found.
pub fn parse(input: impl BufRead) -> io::Result<(ParseStats, NetshProxy)> {
    let mut lines = LineReader::new(input);
    let mut stats = ParseStats::default();
    let mut out = NetshProxy::default();
    while let Some(l) = lines.next_line()? {
        let text = decode(l.bytes);
        let t = text.trim().trim_start_matches('\u{feff}');
        if t.is_empty() {
            continue;
        }
        if out.header_line.is_none() {
            if t.contains("WinHTTP") && t.ends_with(':') {
                stats.records += 1;
                out.header_line = Some(l.number);
            }
            continue;
        }
        match t.split_once(':') {
            Some((_, value)) => {
                let value = (l.number, value.trim().to_string());
                if out.server.is_none() {
                    out.server = Some(value);
                } else if out.bypass.is_none() {
                    out.bypass = Some(value);
                }
            }
            None if out.server.is_none() => out.direct = true,
            None => {}
        }
    }
    if out.header_line.is_none() {
        stats.malformed(1, || crate::tr!("malformed-netsh-proxy-header"), b"");
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

    /// J-MSHR's and J-W2012's layouts (japanese-windows.md §2), with this project's values.
    #[test]
    fn japanese_wording() {
        let (s, p) = parse("\r\n現在の WinHTTP プロキシ設定:\r\n\r\n    プロキシ サーバー:  proxy.example.jp:8080\r\n    バイパス一覧     : <local>;*.example.jp\r\n\r\n".as_bytes()).unwrap();
        assert_eq!((s.records, s.malformed), (1, 0));
        assert!(!p.direct);
        assert_eq!(p.server.unwrap(), (4, "proxy.example.jp:8080".to_string()));
        assert_eq!(p.bypass.unwrap(), (5, "<local>;*.example.jp".to_string()));
        let (_, p) = parse(
            "現在の WinHTTP プロキシ設定:\r\n\r\n    直接アクセス (プロキシ サーバーなし)。\r\n"
                .as_bytes(),
        )
        .unwrap();
        assert!(p.direct && p.server.is_none());
    }
}
