//! `wsus-doctor explain CODE`: one lookup over every table, accepting the forms people copy from
//! logs: `503`, `403.16`, `0x80072EE2`, `80072ee2`, `-2147012894`, `QueueFull`, `win32:64`,
//! `event:12072`, `12002` (a WinHTTP error number), and check ids such as `server.app-pool`.

use serde::Serialize;
use wsus_doctor::checks::catalogue;
use wsus_doctor::finding::CheckId;
use wsus_doctor::i18n::{Arg, Lang, Text};
use wsus_doctor::knowledge::sources::{self, Reference};
use wsus_doctor::knowledge::{events, hresult, http_status, httperr_reason, win32, Entry};
use wsus_doctor::tr;

/// One answer. Its sentences keep their messages, so it reads in the reader's language; the
/// JSON form is English.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// Which table answered: `http-status`, `hresult`, `win32`, `httperr-reason`, `event`, `check`.
    pub table: &'static str,
    pub code: String,
    pub name: Text,
    pub meaning: Text,
    /// What it means for WSUS and what to do.
    pub wsus: Text,
    /// Related codes worth knowing (the HRESULT a client logs for an HTTP status, ...).
    pub related: Vec<Text>,
    /// For a check: the evidence it reads.
    #[serde(skip_serializing_if = "Text::is_empty")]
    pub evidence: Text,
    /// For a check: how to fix what it finds.
    #[serde(skip_serializing_if = "Text::is_empty")]
    pub fix: Text,
    pub references: Vec<Reference>,
}

fn from_entry(table: &'static str, e: &Entry) -> Explanation {
    Explanation {
        table,
        code: e.code.to_string(),
        name: Text::from(e.name),
        meaning: e.meaning(),
        wsus: e.wsus(),
        related: Vec::new(),
        evidence: Text::default(),
        fix: Text::default(),
        references: e.sources.iter().map(|s| sources::reference(s)).collect(),
    }
}

/// Explains a code, or says in one sentence why it could not.
pub fn explain(query: &str) -> Result<Vec<Explanation>, Text> {
    let q = query.trim();
    if q.is_empty() {
        return Err(tr!("explain-nothing"));
    }
    if let Ok(id) = q.parse::<CheckId>() {
        let c = catalogue::info(id);
        return Ok(vec![Explanation {
            table: "check",
            code: c.id.to_string(),
            name: c.title(),
            meaning: c.what(),
            wsus: tr!("explain-check-why", why = c.why(), step = c.guide_step()),
            related: Vec::new(),
            evidence: c.evidence(),
            fix: c.fix(),
            references: c.sources.iter().map(|s| sources::reference(s)).collect(),
        }]);
    }
    if let Some(rest) = strip_prefix_ci(q, "win32:") {
        let code: u64 = rest
            .trim()
            .parse()
            .map_err(|_| tr!("explain-not-win32-number", text = rest))?;
        return win32::lookup(code)
            .map(|e| vec![from_entry("win32", e)])
            .ok_or_else(|| tr!("explain-win32-unknown", code = Arg::shown(code)));
    }
    if let Some(rest) = strip_prefix_ci(q, "event:") {
        let id: u32 = rest
            .trim()
            .parse()
            .map_err(|_| tr!("explain-not-event-id", text = rest))?;
        let found: Vec<_> = events::by_id(id)
            .map(|e| Explanation {
                table: "event",
                code: format!("{} {}", e.provider, e.id),
                name: if e.confirmed {
                    Text::default()
                } else {
                    tr!("explain-event-unconfirmed")
                },
                meaning: e.meaning(),
                wsus: e.wsus(),
                related: Vec::new(),
                evidence: Text::default(),
                fix: Text::default(),
                references: e.sources.iter().map(|s| sources::reference(s)).collect(),
            })
            .collect();
        return if found.is_empty() {
            Err(tr!("explain-event-unknown", id = Arg::shown(id)))
        } else {
            Ok(found)
        };
    }
    // HTTP status, optionally with an IIS sub-status.
    if let Some((status, sub)) = parse_http(q) {
        let entry = http_status::lookup(status, sub)
            .ok_or_else(|| tr!("explain-http-unknown", status = q))?;
        let mut e = from_entry("http-status", entry);
        if sub.is_some() && entry.code != q {
            e.related.push(tr!(
                "explain-related-substatus-unlisted",
                status = q,
                listed = entry.code
            ));
        }
        if let Some(h) = hresult::for_http_status(status) {
            e.related.push(tr!(
                "explain-related-client-hresult",
                hresult = hresult::format(h),
                status = Arg::shown(status)
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
        return Err(tr!("explain-number-unknown", number = Arg::shown(n)));
    }
    if let Some(e) = httperr_reason::lookup(q) {
        return Ok(vec![from_entry("httperr-reason", e)]);
    }
    Err(tr!("explain-not-a-code", text = q))
}

fn explain_hresult(code: u32) -> Result<Vec<Explanation>, Text> {
    // Codes are arguments as text: they are names to copy, not quantities to format.
    let signed = Arg::shown(code as i32);
    if let Some(e) = hresult::lookup(code) {
        let mut x = from_entry("hresult", e);
        x.related.push(match hresult::win32_part(code) {
            Some(w) => tr!(
                "explain-related-win32-signed",
                win32 = Arg::shown(w),
                signed = signed
            ),
            None => tr!("explain-related-signed", signed = signed),
        });
        return Ok(vec![x]);
    }
    if let Some(w) = hresult::win32_part(code) {
        if let Some(e) = win32::lookup(u64::from(w)) {
            let mut x = from_entry("win32", e);
            x.related.push(tr!(
                "explain-related-is-win32",
                hresult = hresult::format(code),
                win32 = Arg::shown(w)
            ));
            return Ok(vec![x]);
        }
    }
    Err(tr!(
        "explain-hresult-unknown",
        hresult = hresult::format(code),
        facility = Arg::shown((code >> 16) & 0x1FFF),
        code = Arg::shown(code & 0xFFFF)
    ))
}

/// The answers as the terminal shows them, in `lang`.
pub fn render(answers: &[Explanation], lang: Lang) -> String {
    use wsus_doctor::report::style::{dim, paint, strong, wrap};
    let mut o = String::new();
    for e in answers {
        let name = e.name.local(lang);
        let name = if name.is_empty() {
            String::new()
        } else {
            format!(" {name}")
        };
        o.push_str(&paint(strong(), &format!("{}{name}", e.code)));
        o.push_str(&paint(dim(), &format!("  ({})", e.table)));
        o.push('\n');
        o.push_str(&wrap(&e.meaning.local(lang), 2, 100));
        if !e.wsus.is_empty() {
            let line = tr!("explain-for-wsus", text = &e.wsus);
            o.push_str(&wrap(&line.local(lang), 2, 100));
        }
        for r in &e.related {
            let line = tr!("explain-see-also", text = r);
            o.push_str(&wrap(&line.local(lang), 2, 100));
        }
        if !e.evidence.is_empty() {
            let line = tr!("explain-evidence-read", text = &e.evidence);
            o.push_str(&wrap(&line.local(lang), 2, 100));
        }
        if !e.fix.is_empty() {
            let line = tr!("explain-how-to-fix", text = &e.fix);
            o.push_str(&wrap(&line.local(lang), 2, 100));
        }
        for r in &e.references {
            let url = r
                .url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default();
            let line = tr!("explain-source", id = &r.id, title = &r.title, url = url);
            o.push_str(&paint(dim(), &format!("  {}", line.local(lang))));
            o.push('\n');
        }
    }
    o
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
    fn an_explanation_reads_in_japanese_and_its_english_is_unchanged() {
        let answers = explain("0x80072EE2").unwrap();
        let ja = render(&answers, Lang::Ja);
        assert!(
            ja.contains("操作がタイムアウトしました (WinHTTP 12002)。"),
            "{ja}"
        );
        assert!(ja.contains("WSUS の場合: "), "{ja}");
        assert!(ja.contains("符号付き 10 進数では -2147012894"), "{ja}");
        let en = render(&answers, Lang::En);
        assert!(
            en.contains("  The operation timed out (WinHTTP 12002).\n"),
            "{en}"
        );
        assert!(
            en.contains("  See also: HRESULT_FROM_WIN32(12002); signed decimal -2147012894\n"),
            "{en}"
        );
        let unknown = explain("0x80001234").unwrap_err();
        assert!(unknown
            .local(Lang::Ja)
            .contains("wsus-doctor の表にありません"));
    }

    #[test]
    fn http_explanations_name_the_client_hresult() {
        let e = &explain("503").unwrap()[0];
        assert!(e.related.iter().any(|r| r.contains("0x80244022")));
    }
}
