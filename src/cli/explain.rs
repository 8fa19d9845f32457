//! `wsus-doctor explain CODE`: one lookup over every table, accepting the forms people copy from
//! logs: `503`, `403.16`, `0x80072EE2`, `80072ee2`, `-2147012894`, `QueueFull`, `win32:64`,
//! `event:12072`, `12002` (a WinHTTP error number), and check ids such as `server.app-pool`.

use serde::Serialize;
use wsus_doctor::checks::catalogue;
use wsus_doctor::finding::CheckId;
use wsus_doctor::knowledge::sources::{self, Reference};
use wsus_doctor::knowledge::{events, hresult, http_status, httperr_reason, win32, Entry};

/// One answer.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Which table answered: `http-status`, `hresult`, `win32`, `httperr-reason`, `event`, `check`.
    pub table: &'static str,
    pub code: String,
    pub name: String,
    pub meaning: String,
    /// What it means for WSUS and what to do.
    pub wsus: String,
    /// Related codes worth knowing (the HRESULT a client logs for an HTTP status, ...).
    pub related: Vec<String>,
    /// For a check: the evidence it reads.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    /// For a check: how to fix what it finds.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fix: String,
    pub references: Vec<Reference>,
}

fn from_entry(table: &'static str, e: &Entry) -> Explanation {
    Explanation {
        table,
        code: e.code.to_string(),
        name: e.name.to_string(),
        meaning: e.meaning.to_string(),
        wsus: e.wsus.to_string(),
        related: Vec::new(),
        evidence: String::new(),
        fix: String::new(),
        references: e.sources.iter().map(|s| sources::reference(s)).collect(),
    }
}

/// Explains a code, or says in one sentence why it could not.
pub fn explain(query: &str) -> Result<Vec<Explanation>, String> {
    let q = query.trim();
    if q.is_empty() {
        return Err("nothing to explain: give a code such as 503, 0x80072EE2, QueueFull, win32:64 or event:12072".into());
    }
    if let Ok(id) = q.parse::<CheckId>() {
        let c = catalogue::info(id);
        return Ok(vec![Explanation {
            table: "check",
            code: c.id.to_string(),
            name: c.title().to_string(),
            meaning: c.what().to_string(),
            wsus: format!("{} Guide step: {}.", c.why(), c.guide_step()),
            related: Vec::new(),
            evidence: c.evidence().to_string(),
            fix: c.fix().to_string(),
            references: c.sources.iter().map(|s| sources::reference(s)).collect(),
        }]);
    }
    if let Some(rest) = strip_prefix_ci(q, "win32:") {
        let code: u64 = rest
            .trim()
            .parse()
            .map_err(|_| format!("'{rest}' is not a decimal Win32 error number"))?;
        return win32::lookup(code)
            .map(|e| vec![from_entry("win32", e)])
            .ok_or_else(|| format!("Win32 error {code} is not in wsus-doctor's table (look it up with: certutil -error {code})"));
    }
    if let Some(rest) = strip_prefix_ci(q, "event:") {
        let id: u32 = rest
            .trim()
            .parse()
            .map_err(|_| format!("'{rest}' is not an event id"))?;
        let found: Vec<_> = events::by_id(id)
            .map(|e| Explanation {
                table: "event",
                code: format!("{} {}", e.provider, e.id),
                name: if e.confirmed {
                    String::new()
                } else {
                    "id not confirmed by a Microsoft page".into()
                },
                meaning: e.meaning.to_string(),
                wsus: e.wsus.to_string(),
                related: Vec::new(),
                evidence: String::new(),
                fix: String::new(),
                references: e.sources.iter().map(|s| sources::reference(s)).collect(),
            })
            .collect();
        return if found.is_empty() {
            Err(format!("event id {id} is not one wsus-doctor knows"))
        } else {
            Ok(found)
        };
    }
    // HTTP status, optionally with an IIS sub-status.
    if let Some((status, sub)) = parse_http(q) {
        let entry = http_status::lookup(status, sub)
            .ok_or_else(|| format!("HTTP status {q} is not in wsus-doctor's table"))?;
        let mut e = from_entry("http-status", entry);
        if sub.is_some() && entry.code != q {
            e.related.push(format!(
                "sub-status {q} is not listed; this is the meaning of {}",
                entry.code
            ));
        }
        if let Some(h) = hresult::for_http_status(status) {
            e.related.push(format!(
                "a Windows Update client logs {} for HTTP {status}",
                hresult::format(h)
            ));
        }
        return Ok(vec![e]);
    }
    if let Some(code) = hresult::parse(q) {
        return explain_hresult(code);
    }
    // A bare WinHTTP error number (12002) or another decimal Win32 code.
    if let Ok(n) = q.parse::<u64>() {
        if (12000..13000).contains(&n) {
            return explain_hresult(0x8007_0000 | n as u32);
        }
        if let Some(e) = win32::lookup(n) {
            return Ok(vec![from_entry("win32", e)]);
        }
        return Err(format!(
            "{n} is not an HTTP status, WinHTTP error or Win32 code wsus-doctor knows; for an event id write event:{n}"
        ));
    }
    if let Some(e) = httperr_reason::lookup(q) {
        return Ok(vec![from_entry("httperr-reason", e)]);
    }
    Err(format!(
        "'{q}' is not a code wsus-doctor recognises; it takes HTTP statuses (503, 403.16), HRESULTs (0x80072EE2, 80072ee2, -2147012894), HTTPERR reasons (QueueFull), win32:N, event:N and check ids (server.app-pool)"
    ))
}

fn explain_hresult(code: u32) -> Result<Vec<Explanation>, String> {
    if let Some(e) = hresult::lookup(code) {
        let mut x = from_entry("hresult", e);
        if let Some(w) = hresult::win32_part(code) {
            x.related.push(format!(
                "HRESULT_FROM_WIN32({w}); signed decimal {}",
                code as i32
            ));
        } else {
            x.related.push(format!("signed decimal {}", code as i32));
        }
        return Ok(vec![x]);
    }
    if let Some(w) = hresult::win32_part(code) {
        if let Some(e) = win32::lookup(u64::from(w)) {
            let mut x = from_entry("win32", e);
            x.related.push(format!(
                "{} is HRESULT_FROM_WIN32({w})",
                hresult::format(code)
            ));
            return Ok(vec![x]);
        }
    }
    Err(format!(
        "{} is not in wsus-doctor's tables (facility {}, code {}); look it up with: certutil -error {}",
        hresult::format(code),
        (code >> 16) & 0x1FFF,
        code & 0xFFFF,
        hresult::format(code)
    ))
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    (s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix))
        .then(|| &s[prefix.len()..])
}

fn parse_http(q: &str) -> Option<(u16, Option<u32>)> {
    let (main, sub) = match q.split_once('.') {
        Some((m, s)) => (m, Some(s)),
        None => (q, None),
    };
    if main.len() != 3 || !main.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let status: u16 = main.parse().ok()?;
    if !(100..600).contains(&status) {
        return None;
    }
    let sub = match sub {
        Some(s) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => Some(s.parse().ok()?),
        Some(_) => return None,
        None => None,
    };
    Some((status, sub))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(q: &str) -> &'static str {
        explain(q).unwrap()[0].table
    }

    #[test]
    fn every_documented_form_is_answered() {
        assert_eq!(table("503"), "http-status");
        assert_eq!(explain("403.16").unwrap()[0].code, "403.16");
        for f in ["0x80072EE2", "80072ee2", "-2147012894", "12002"] {
            let e = &explain(f).unwrap()[0];
            assert_eq!(e.code, "0x80072EE2", "{f}");
        }
        assert_eq!(table("QueueFull"), "httperr-reason");
        assert_eq!(table("queuefull"), "httperr-reason");
        assert_eq!(
            explain("win32:64").unwrap()[0].name,
            "ERROR_NETNAME_DELETED"
        );
        assert_eq!(table("event:12072"), "event");
        assert_eq!(table("server.app-pool"), "check");
    }

    #[test]
    fn unknown_codes_say_so() {
        assert!(explain("0x80001234")
            .unwrap_err()
            .contains("not in wsus-doctor's tables"));
        assert!(explain("banana").unwrap_err().contains("not a code"));
        assert!(explain("event:99999").is_err());
        assert!(explain("").is_err());
    }

    #[test]
    fn the_database_check_and_the_500_hresult_point_at_susdb() {
        let check = &explain("server.database").unwrap()[0];
        assert_eq!(check.name, "WSUS database (SUSDB)");
        assert!(check.fix.contains("Start-Service 'MSSQL$MICROSOFT##WID'"));
        assert!(check.references.iter().any(|r| r.id == "WSUS-VIEWS"));
        let code = &explain("0x8024401F").unwrap()[0];
        assert!(code.wsus.contains("SqlException"), "{}", code.wsus);
        assert!(code.references.iter().any(|r| r.id == "WUA-NET-ERRORS"));
    }

    #[test]
    fn http_explanations_name_the_client_hresult() {
        let e = &explain("503").unwrap()[0];
        assert!(e.related.iter().any(|r| r.contains("0x80244022")));
    }
}
