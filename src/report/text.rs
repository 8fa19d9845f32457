//! The terminal report, in the order of the guide: diagnosis first, then each stage's findings
//! with status, evidence, cause and fix, then a summary.

use super::style::{dim, heading, paint, status, strong, wrap};
use super::terminal::escape;
use super::{Finding, Mode, Report, Shell, Status};
use crate::checks::catalogue::{self, Stage};
use std::fmt::Write;

const WIDTH: usize = 100;
/// Evidence items shown per finding; the JSON report has them all.
const MAX_EVIDENCE: usize = 8;

pub fn render(report: &Report) -> String {
    let mut o = String::new();
    let mode = match report.mode {
        Mode::Offline => "offline diagnosis",
        Mode::Live => "live diagnosis of this machine",
        Mode::Probe => "network probe",
    };
    let files = report.inventory.files.len();
    let what = if report.mode == Mode::Probe {
        let n = report.inputs.len();
        format!("{n} URL{}", if n == 1 { "" } else { "s" })
    } else {
        format!("{files} evidence file{}", if files == 1 { "" } else { "s" })
    };
    let _ = writeln!(
        o,
        "{} {} — {mode}, {what}, {}",
        paint(strong(), report.tool.name),
        report.tool.version,
        report.generated_at
    );
    if let Some(m) = &report.machine {
        let _ = writeln!(o, "Role: {}", m.role.name());
        for limit in &m.limits {
            // Painted line by line: paint shows a newline inside its text escaped.
            for line in wrap(&format!("Not read: {limit}"), 0, WIDTH).lines() {
                let _ = writeln!(o, "{}", paint(dim(), line));
            }
        }
    }
    o.push('\n');

    if !report.diagnosis.is_empty() {
        let _ = writeln!(o, "{}", paint(heading(), "DIAGNOSIS"));
        for (i, c) in report.diagnosis.iter().enumerate() {
            let _ = writeln!(
                o,
                "  {}. {} [{} confidence]",
                i + 1,
                paint(strong(), &c.title),
                c.confidence
            );
            for step in &c.chain {
                o.push_str(&wrap(&format!("- {step}"), 6, WIDTH));
            }
            for m in &c.missing_evidence {
                o.push_str(&wrap(&format!("? {m}"), 6, WIDTH));
            }
            o.push_str(&wrap(&format!("Fix first: {}", c.first_fix.text), 6, WIDTH));
            for cmd in &c.first_fix.commands {
                let _ = writeln!(o, "        {} {}", prompt(cmd.shell), escape(&cmd.line));
            }
        }
        o.push('\n');
    }

    let mut stage: Option<Stage> = None;
    for f in &report.findings {
        let s = catalogue::info(f.check).map(|c| c.stage);
        if s != stage {
            stage = s;
            if let Some(s) = s {
                let _ = writeln!(o, "{}", paint(heading(), &s.title().to_uppercase()));
            }
        }
        finding(&mut o, f);
    }
    o.push('\n');

    if !report.timeline.is_empty() {
        let _ = writeln!(o, "{}", paint(heading(), "TIMELINE (UTC)"));
        for e in report.timeline.iter().take(60) {
            let assumed = if e.assumed_zone {
                " (zone assumed)"
            } else {
                ""
            };
            let host = e
                .host
                .as_deref()
                .map(|h| format!(" {h}"))
                .unwrap_or_default();
            let line = format!("{}{assumed} {:<6}{host}  {}", e.time, e.side, e.what);
            let _ = writeln!(o, "  {}", escape(&line));
        }
        if report.timeline.len() > 60 {
            let _ = writeln!(
                o,
                "  ... {} more events in the JSON and HTML reports",
                report.timeline.len() - 60
            );
        }
        o.push('\n');
    }

    let s = &report.summary;
    let _ = writeln!(
        o,
        "{} {} fail, {} warn, {} pass, {} info, {} skipped",
        paint(heading(), "SUMMARY"),
        paint(status(Status::Fail), &s.fail.to_string()),
        paint(status(Status::Warn), &s.warn.to_string()),
        paint(status(Status::Pass), &s.pass.to_string()),
        s.info,
        s.skipped
    );
    let unknown = report
        .inventory
        .files
        .iter()
        .filter(|f| f.kind.is_none())
        .count();
    let errors = report
        .inventory
        .files
        .iter()
        .filter(|f| f.error.is_some())
        .count();
    let malformed: u64 = report.inventory.files.iter().map(|f| f.malformed).sum();
    let mut ev = format!("Evidence: {files} files read");
    if unknown > 0 {
        let _ = write!(ev, ", {unknown} not recognised");
    }
    if errors > 0 {
        let _ = write!(ev, ", {errors} with read errors");
    }
    if malformed > 0 {
        let _ = write!(ev, ", {malformed} malformed lines skipped");
    }
    for p in &report.inventory.problems {
        let line = format!("could not read {}: {}", p.path, p.message);
        let _ = write!(ev, "\n  {}", escape(&line));
    }
    let _ = writeln!(o, "{ev}");
    if unknown > 0 || errors > 0 || malformed > 0 {
        let _ = writeln!(o, "{}", paint(dim(), "  (wsus-doctor inventory PATH... lists every file with what was recognised and why)"));
    }
    o
}

fn prompt(shell: Shell) -> &'static str {
    match shell {
        Shell::PowerShell => "PS>",
        Shell::Cmd => "C:\\>",
    }
}

fn finding(o: &mut String, f: &Finding) {
    let label = format!("{:<7}", f.status.label().to_uppercase());
    if f.status == Status::Skipped {
        let reason = f.reason.as_deref().unwrap_or("");
        let _ = writeln!(
            o,
            "  {} {:<22} {}",
            paint(status(f.status), &label),
            f.check,
            paint(dim(), reason)
        );
        return;
    }
    let _ = writeln!(
        o,
        "  {} {:<22} {}",
        paint(status(f.status), &label),
        f.check,
        paint(strong(), &f.title)
    );
    if !f.summary.is_empty() {
        o.push_str(&wrap(&f.summary, 10, WIDTH));
    }
    if !f.evidence.is_empty() {
        let _ = writeln!(o, "          {}", paint(dim(), "Evidence:"));
        for e in f.evidence.iter().take(MAX_EVIDENCE) {
            let mut line = format!("{}", e.location);
            if let Some(x) = &e.excerpt {
                let _ = write!(line, "  {x}");
            }
            let _ = writeln!(o, "            {}", escape(&line));
            if let Some(n) = &e.note {
                o.push_str(&wrap(n, 14, WIDTH));
            }
        }
        if f.evidence.len() > MAX_EVIDENCE {
            let _ = writeln!(
                o,
                "            ... {} more in the JSON report",
                f.evidence.len() - MAX_EVIDENCE
            );
        }
    }
    if matches!(f.status, Status::Fail | Status::Warn) {
        if !f.explanation.is_empty() {
            o.push_str(&wrap(&format!("Why: {}", f.explanation), 10, WIDTH));
        }
        if let Some(r) = &f.remedy {
            o.push_str(&wrap(&format!("Fix: {}", r.text), 10, WIDTH));
            for c in &r.commands {
                if let Some(comment) = &c.comment {
                    let _ = writeln!(o, "            {}", paint(dim(), &format!("# {comment}")));
                }
                let _ = writeln!(o, "            {} {}", prompt(c.shell), escape(&c.line));
            }
        }
    }
    if !f.references.is_empty() && f.status != Status::Pass {
        let refs: Vec<String> = f.references.iter().map(|r| r.id.clone()).collect();
        let _ = writeln!(
            o,
            "          {}",
            paint(dim(), &format!("Sources: {}", refs.join(", ")))
        );
    }
}
