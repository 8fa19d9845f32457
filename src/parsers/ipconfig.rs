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
//! Keys are the English ones; values continue on following lines indented past the colon.

use super::lines::{decode, LineReader};
use super::ParseStats;
use std::io::{self, BufRead};
use std::net::IpAddr;

/// What `ipconfig /all` says about the machine.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpConfig {
    pub host_name: Option<String>,
    pub primary_dns_suffix: Option<String>,
    /// Search list and connection-specific suffixes, in order, without repeats.
    pub dns_suffixes: Vec<String>,
    /// Addresses with their line number (link-local IPv6 and loopback excluded).
    pub addresses: Vec<(u64, IpAddr)>,
}

/// Strips `(Preferred)`, `(Deprecated)` and the `%zone` of an address.
fn address(v: &str) -> Option<IpAddr> {
    let v = v.split('(').next()?.trim();
    let v = v.split('%').next()?.trim();
    v.parse().ok()
}

pub fn parse(input: impl BufRead) -> io::Result<(ParseStats, IpConfig)> {
    let mut lines = LineReader::new(input);
    let mut stats = ParseStats::default();
    let mut out = IpConfig::default();
    let mut key = String::new();
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
        let value = if let Some((k, v)) = t.split_once(" : ") {
            if k.starts_with(' ') && k.contains(". ") || k.trim_end().ends_with('.') {
                key = k.trim().trim_end_matches(['.', ' ']).to_ascii_lowercase();
                stats.records += 1;
                v.trim().to_string()
            } else {
                key.clear();
                continue;
            }
        } else if t.starts_with("      ") && !key.is_empty() {
            t.trim().to_string()
        } else {
            key.clear();
            continue;
        };
        match key.as_str() {
            "host name" => out.host_name = Some(value),
            "primary dns suffix" if !value.is_empty() => {
                out.primary_dns_suffix = Some(value.to_ascii_lowercase());
                push_suffix(&mut out, &value);
            }
            "dns suffix search list" | "connection-specific dns suffix" => {
                push_suffix(&mut out, &value)
            }
            k if k.starts_with("ipv4 address")
                || k.starts_with("ip address")
                || k.starts_with("ipv6 address")
                || k.starts_with("temporary ipv6 address") =>
            {
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
            _ => {}
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
}
