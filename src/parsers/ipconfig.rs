//! `ipconfig /all` output: host name, DNS suffixes and the addresses of each adapter.
//!
//! ```text
//! Windows IP Configuration
//!
//!    Host Name . . . . . . . . . . . . : CLIENT01
//!    Primary Dns Suffix  . . . . . . . : corp.contoso.com
//!    DNS Suffix Search List. . . . . . : corp.contoso.com
//!                                        contoso.com
//! Ethernet adapter Ethernet0:
//!    IPv4 Address. . . . . . . . . . . : 10.1.20.57(Preferred)
//! ```
//! Values continue on following lines indented past the colon. Japanese Windows translates the
//! labels and writes `.:` with no space before the colon (`   ホスト名 . . . . . . . .: CLIENT01`,
//! `   IPv4 アドレス . . . . . . . . .: 10.1.20.57(優先)`); the adapter headers `Wireless LAN
//! adapter` and `Tunnel adapter` stay English there.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::evidence::sniff::is_ipconfig_field;
use std::io::{self, BufRead};
use std::net::IpAddr;

/// What `ipconfig /all` says about the machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IpConfig {
    pub host_name: Option<String>,
    pub primary_dns_suffix: Option<String>,
    /// Search list and connection-specific suffixes, in order, without repeats.
    pub dns_suffixes: Vec<String>,
    /// Addresses with their line number (link-local IPv6 and loopback excluded).
    pub addresses: Vec<(u64, IpAddr)>,
}

/// The lines this parser reads, by their English and Japanese labels (japanese-windows.md §1;
/// `docs/japanese-windows.md` lists which forms are confirmed).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    HostName,
    PrimaryDnsSuffix,
    /// The search list and the connection-specific suffixes.
    DnsSuffix,
    Address,
    Other,
}

fn field(label: &str) -> Field {
    let l = label.to_ascii_lowercase();
    match l.as_str() {
        "host name" | "ホスト名" => Field::HostName,
        "primary dns suffix" | "プライマリ dns サフィックス" => Field::PrimaryDnsSuffix,
        "dns suffix search list"
        | "connection-specific dns suffix"
        | "dns サフィックス検索一覧"
        | "接続固有の dns サフィックス" => Field::DnsSuffix,
        _ if [
            "ipv4 address",
            "ip address",
            "ipv6 address",
            "temporary ipv6 address",
            "ipv4 アドレス",
            "ipv6 アドレス",
            "一時 ipv6 アドレス",
            "ip アドレス",
        ]
        .iter()
        .any(|p| l.starts_with(p)) =>
        {
            Field::Address
        }
        _ => Field::Other,
    }
}

/// Strips `(Preferred)` / `(優先)`, `(Deprecated)` and the `%zone` of an address.
fn address(v: &str) -> Option<IpAddr> {
    let v = v.split('(').next()?.trim();
    let v = v.split('%').next()?.trim();
    v.parse().ok()
}

pub fn parse(input: impl BufRead) -> io::Result<(ParseStats, IpConfig)> {
    let mut lines = LineReader::new(input);
    let mut stats = ParseStats::default();
    let mut out = IpConfig::default();
    let mut key = Field::Other;
    let push_suffix = |out: &mut IpConfig, s: &str| {
        let s = s.trim().trim_end_matches('.').to_ascii_lowercase();
        if !s.is_empty() && !out.dns_suffixes.contains(&s) {
            out.dns_suffixes.push(s);
        }
    };
    while let Some(l) = lines.next_line()? {
        let text = decode(l.bytes);
        let t = text.trim_end();
        if t.trim().is_empty() {
            continue;
        }
        // English pads `label . . . : value`, Japanese `label . . .: value`; a value (an IPv6
        // address) may hold colons itself, the label never does.
        let value = if is_ipconfig_field(t) {
            let (label, value) = t.split_once(':').unwrap_or((t, ""));
            key = field(label.trim().trim_end_matches(['.', ' ']));
            stats.records += 1;
            value.trim().to_string()
        } else if t.starts_with("      ") && key != Field::Other {
            t.trim().to_string()
        } else {
            key = Field::Other;
            continue;
        };
        match key {
            Field::HostName => out.host_name = Some(value),
            Field::PrimaryDnsSuffix if !value.is_empty() => {
                out.primary_dns_suffix = Some(value.to_ascii_lowercase());
                push_suffix(&mut out, &value);
            }
            Field::DnsSuffix => push_suffix(&mut out, &value),
            Field::Address => {
                if let Some(ip) = address(&value) {
                    let useful = match ip {
                        IpAddr::V4(a) => !a.is_loopback() && !a.is_link_local(),
                        IpAddr::V6(a) => !a.is_loopback() && (a.segments()[0] & 0xffc0) != 0xfe80,
                    };
                    if useful && !out.addresses.iter().any(|(_, x)| *x == ip) {
                        out.addresses.push((l.number, ip));
                    }
                }
            }
            Field::PrimaryDnsSuffix | Field::Other => {}
        }
    }
    Ok((stats, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\r\nWindows IP Configuration\r\n\r\n   Host Name . . . . . . . . . . . . : CLIENT01\r\n   Primary Dns Suffix  . . . . . . . : corp.example.com\r\n   DNS Suffix Search List. . . . . . : corp.example.com\r\n                                       example.com\r\n\r\nEthernet adapter Ethernet0:\r\n\r\n   Connection-specific DNS Suffix  . : corp.example.com\r\n   Link-local IPv6 Address . . . . . : fe80::1c2d:3e4f:5a6b:7c8d%12(Preferred)\r\n   IPv4 Address. . . . . . . . . . . : 10.1.20.57(Preferred)\r\n   Subnet Mask . . . . . . . . . . . : 255.255.255.0\r\n   DNS Servers . . . . . . . . . . . : 10.1.0.10\r\n                                       10.1.0.11\r\n";

    #[test]
    fn host_suffixes_and_addresses() {
        let (s, c) = parse(TEXT.as_bytes()).unwrap();
        assert!(s.records > 5);
        assert_eq!(c.host_name.as_deref(), Some("CLIENT01"));
        assert_eq!(c.primary_dns_suffix.as_deref(), Some("corp.example.com"));
        assert_eq!(c.dns_suffixes, ["corp.example.com", "example.com"]);
        assert_eq!(c.addresses, [(13, "10.1.20.57".parse().unwrap())]);
    }

    /// The layout of J-NOPPY and J-HNAK (japanese-windows.md §1), with this project's values.
    const JA: &str = "\r\nWindows IP 構成\r\n\r\n   ホスト名 . . . . . . . . . . . . . . . .: PC-TOKYO01\r\n   プライマリ DNS サフィックス . . . . . . .: corp.example.jp\r\n   ノード タイプ . . . . . . . . . . . . . .: ハイブリッド\r\n   IP ルーティング有効 . . . . . . . . . . .: いいえ\r\n   DNS サフィックス検索一覧. . . . . . . . .: corp.example.jp\r\n                                           example.jp\r\n\r\nイーサネット アダプター イーサネット:\r\n\r\n   接続固有の DNS サフィックス . . . . .: branch.example.jp\r\n   説明. . . . . . . . . . . . . . . . .: Intel(R) Ethernet Connection\r\n   DHCP 有効 . . . . . . . . . . . . . .: はい\r\n   リンクローカル IPv6 アドレス. . . . .: fe80::1c2d:3e4f:5a6b:7c8d%12(優先)\r\n   IPv4 アドレス . . . . . . . . . . . .: 10.2.128.209(優先)\r\n   サブネット マスク . . . . . . . . . .: 255.255.255.0\r\n   デフォルト ゲートウェイ . . . . . . .: 10.2.128.1\r\n\r\nWireless LAN adapter Wi-Fi:\r\n\r\n   メディアの状態. . . . . . . . . . . .: メディアは接続されていません\r\n";

    #[test]
    fn japanese_labels() {
        let (s, c) = parse(JA.as_bytes()).unwrap();
        assert_eq!(s.records, 13);
        assert_eq!(c.host_name.as_deref(), Some("PC-TOKYO01"));
        assert_eq!(c.primary_dns_suffix.as_deref(), Some("corp.example.jp"));
        assert_eq!(
            c.dns_suffixes,
            ["corp.example.jp", "example.jp", "branch.example.jp"]
        );
        assert_eq!(c.addresses, [(17, "10.2.128.209".parse().unwrap())]);
    }
}
