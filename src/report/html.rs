//! The self-contained HTML report (no external scripts, styles or fonts).

use super::Report;

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

pub fn render(report: &Report) -> String {
    let mut o = String::from("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>wsus-doctor report</title></head><body>\n");
    o.push_str(&format!(
        "<h1>{} {}</h1>\n<ul>\n",
        escape(report.tool.name),
        escape(report.tool.version)
    ));
    for f in &report.findings {
        o.push_str(&format!(
            "<li><b>{}</b> {} — {}<br>{}</li>\n",
            f.status.label(),
            escape(f.check),
            escape(&f.title),
            escape(&f.summary)
        ));
    }
    o.push_str("</ul></body></html>\n");
    o
}
