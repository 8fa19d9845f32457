//! The `WinHttpSettings` registry value (`HKLM\...\Internet Settings\Connections`), the binary
//! form of what `netsh winhttp set proxy` writes: little-endian u32 fields (structure version,
//! change counter, flags), then a u32-length-prefixed proxy list and a u32-length-prefixed bypass
//! list, both ANSI (WU-PROXY). Read by the offline facts and by the live probe alike, so both see
//! the same proxy.

/// The flag saying a proxy is set (WinHTTP's `PROXY_TYPE_PROXY`); without it access is direct.
const PROXY_TYPE_PROXY: u32 = 2;

/// What the value says, before any interpretation of the proxy list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct WinHttpSettings {
    /// The proxy list (`host:port`, or per scheme `http=p1:8080;https=p2:8080`); `None` when
    /// access is direct.
    pub(crate) proxy: Option<String>,
    /// The bypass list as written (`;`-separated); empty when access is direct.
    pub(crate) bypass: String,
}

/// `None` when the bytes are too short to hold the fields they announce.
pub(crate) fn decode(bytes: &[u8]) -> Option<WinHttpSettings> {
    let u32_at = |at: usize| -> Option<u32> {
        let b: [u8; 4] = bytes.get(at..at.checked_add(4)?)?.try_into().ok()?;
        Some(u32::from_le_bytes(b))
    };
    let string_at = |at: usize| -> Option<(String, usize)> {
        let len = usize::try_from(u32_at(at)?).ok()?;
        let start = at.checked_add(4)?;
        let raw = bytes.get(start..start.checked_add(len)?)?;
        let text = String::from_utf8_lossy(raw)
            .trim_end_matches('\0')
            .to_string();
        Some((text, start + len))
    };
    let flags = u32_at(8)?;
    let (proxy, next) = string_at(12)?;
    let has_proxy = flags & PROXY_TYPE_PROXY != 0 && !proxy.is_empty();
    if !has_proxy {
        return Some(WinHttpSettings {
            proxy: None,
            bypass: String::new(),
        });
    }
    let bypass = string_at(next).map(|(b, _)| b).unwrap_or_default();
    Some(WinHttpSettings {
        proxy: Some(proxy),
        bypass,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(flags: u8, proxy: &[u8], bypass: &[u8]) -> Vec<u8> {
        let mut b = vec![0x28, 0, 0, 0, 0, 0, 0, 0, flags, 0, 0, 0];
        b.extend_from_slice(&(proxy.len() as u32).to_le_bytes());
        b.extend_from_slice(proxy);
        b.extend_from_slice(&(bypass.len() as u32).to_le_bytes());
        b.extend_from_slice(bypass);
        b
    }

    #[test]
    fn proxy_and_bypass_are_read() {
        let b = value(3, b"proxy.contoso.com:8080", b"<local>;*.contoso.com");
        let s = decode(&b).unwrap();
        assert_eq!(s.proxy.as_deref(), Some("proxy.contoso.com:8080"));
        assert_eq!(s.bypass, "<local>;*.contoso.com");
    }

    #[test]
    fn direct_access_and_short_values() {
        let direct = decode(&value(1, b"", b"")).unwrap();
        assert_eq!(direct.proxy, None);
        // The flag alone does not make a proxy: an empty list is direct access.
        assert_eq!(decode(&value(3, b"", b"x")).unwrap().proxy, None);
        let b = value(3, b"proxy.contoso.com:8080", b"");
        assert!(decode(&b[..14]).is_none());
        assert!(decode(&[]).is_none());
    }
}
