//! HTTP status and IIS sub-status codes, read in the context of WSUS. The guide's own table
//! (KB4025764) comes first; sub-status meanings are from KB943891.

use super::{Entry, Table};

const fn row(code: &'static str, name: &'static str, sources: &'static [&'static str]) -> Entry {
    Entry {
        table: Table::HttpStatus,
        code,
        name,
        sources,
    }
}

const G: &[&str] = &["KB4025764"];
const S: &[&str] = &["KB943891"];
const GS: &[&str] = &["KB4025764", "KB943891"];

#[rustfmt::skip]
pub(crate) const TABLE: &[Entry] = &[
    row("200", "OK", G),
    row("206", "Partial Content", G),
    row("304", "Not Modified", S),
    row("400", "Bad Request", S),
    row("401", "Unauthorized", G),
    row("401.1", "Logon failed", S),
    row("401.2", "Logon failed due to server configuration", S),
    row("401.3", "Unauthorized due to ACL", &["KB943891", "WSUS-HEALTH"]),
    row("403", "Forbidden", G),
    row("403.4", "SSL required", &["KB943891", "WSUS-CONFIGURE"]),
    row("403.6", "IP address rejected", S),
    row("403.7", "Client certificate required", &["KB943891", "KB3090184"]),
    row("403.13", "Client certificate revoked", S),
    row("403.14", "Directory listing denied", S),
    row("403.16", "Client certificate untrusted or invalid", S),
    row("403.17", "Client certificate expired", S),
    row("403.501", "Dynamic IP restriction", S),
    row("403.502", "Dynamic IP restriction", S),
    row("404", "Not Found", G),
    row("404.0", "Not found", GS),
    row("404.2", "ISAPI or CGI restriction", S),
    row("404.3", "MIME map missing", &["KB943891", "CM-SU-PREREQ"]),
    row("404.7", "File extension denied", S),
    row("404.11", "Double escape sequence", S),
    row("404.13", "Content length too large", S),
    row("404.14", "URL too long", S),
    row("404.15", "Query string too long", S),
    row("405", "Method Not Allowed", S),
    row("407", "Proxy Authentication Required", &["KB3090184"]),
    row("408", "Request Timeout", &["KB3090184"]),
    row("500", "Internal Server Error", G),
    row("500.0", "Module or ISAPI error", S),
    row("500.11", "Application shutting down", S),
    row("500.12", "Application restarting", S),
    row("500.13", "Server too busy", S),
    row("500.19", "Invalid configuration data", S),
    row("500.21", "Module not recognised", S),
    row("500.22", "Integrated pipeline setting", S),
    row("500.23", "Integrated pipeline setting", S),
    row("500.24", "Impersonation in Integrated mode", &["KB943891", "KB2737219"]),
    row("502", "Bad Gateway", &["KB3090184"]),
    row("503", "Service Unavailable", G),
    row("503.0", "Application pool unavailable", GS),
    row("503.2", "Concurrent request limit exceeded", S),
    row("503.3", "ASP.NET queue full", S),
    row("505", "HTTP Version Not Supported", S),
];

/// The most specific entry for a status and sub-status: `503.0`, else `503`.
pub fn lookup(status: u16, substatus: Option<u32>) -> Option<&'static Entry> {
    let exact = substatus.map(|s| format!("{status}.{s}"));
    exact
        .as_deref()
        .and_then(|c| TABLE.iter().find(|e| e.code == c))
        .or_else(|| {
            let plain = status.to_string();
            TABLE.iter().find(|e| e.code == plain)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_unique_and_sourced() {
        let key = |c: &str| {
            let mut p = c.split('.');
            (
                p.next().unwrap().parse::<u32>().unwrap(),
                p.next().map(|s| s.parse::<u32>().unwrap()),
            )
        };
        for w in TABLE.windows(2) {
            assert!(
                key(w[0].code) < key(w[1].code),
                "{} before {}",
                w[0].code,
                w[1].code
            );
        }
        for e in TABLE {
            assert!(!e.sources.is_empty(), "{}", e.code);
            for s in e.sources {
                assert!(super::super::sources::is_known(s), "{s}");
            }
        }
    }

    #[test]
    fn a_status_reads_in_japanese() {
        use crate::i18n::Lang;
        let e = lookup(503, Some(0)).unwrap();
        assert_eq!(
            e.meaning().local(Lang::Ja),
            "アプリケーション プールが停止しているか、無効になっています。"
        );
        assert!(e
            .wsus()
            .local(Lang::Ja)
            .starts_with("WsusPool が停止しているか"));
        assert!(lookup(505, None).unwrap().wsus().is_empty());
    }

    #[test]
    fn lookup_prefers_the_sub_status() {
        assert_eq!(lookup(500, Some(24)).unwrap().code, "500.24");
        assert_eq!(lookup(500, Some(99)).unwrap().code, "500");
        assert_eq!(lookup(503, None).unwrap().code, "503");
        assert!(lookup(418, None).is_none());
    }
}
