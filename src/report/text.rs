//! The terminal report. By default it fits a screen: the diagnosis (each cause with its strongest
//! proofs and the commands that fix it), then the failing and warning findings one or two lines
//! each, then a one-line summary naming the command for the details. `render` is the full report
//! (`--verbose`), in the order of the guide: diagnosis first, then each stage's findings with
//! status, evidence, cause and fix, then the timeline and a summary.

use super::style::{clip, dim, heading, paint, status, strong, wrap};
use super::terminal::escape;
use super::{Cause, Mode, Report};
use crate::finding::Stage;
use crate::finding::{Finding, Shell, Status};
use std::fmt::Write;

const WIDTH: usize = 100;
/// Evidence items shown per finding; the JSON report has them all.
const MAX_EVIDENCE: usize = 8;
/// Proofs shown per cause in the short report: the rules list them strongest first.
const BRIEF_PROOFS: usize = 3;

fn header(o: &mut String, report: &Report) {
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
    if report.machines.len() > 1 {
        o.push_str(&wrap(&machines_line(report), 0, WIDTH));
    }
    // The window is news only when it left files out (the JSON report always carries it).
    if let Some(w) = report.window.as_ref().filter(|w| w.files_left_out > 0) {
        o.push_str(&wrap(&format!("Focus window: {}", w.summary), 0, WIDTH));
    }
    o.push('\n');
}

/// Names at most this many machines in a line; the JSON and HTML reports list them all.
const NAMES_SHOWN: usize = 8;

/// `PC-1, PC-2 and 3 more`.
fn some_names<'a>(names: impl Iterator<Item = &'a crate::values::MachineName>) -> String {
    let all: Vec<String> = names.map(|n| escape(n.as_str()).into_owned()).collect();
    let shown = all
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    match all.len().saturating_sub(NAMES_SHOWN) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

/// The machines of the evidence by role: `Machines: 1 WSUS server (WSUS01), 3 clients (PC-1, …)`.
fn machines_line(report: &Report) -> String {
    let mut parts = Vec::new();
    for (what, role) in [
        ("WSUS server", "server"),
        ("WSUS server that is also a client", "server+client"),
        ("client", "client"),
        ("machine of no WSUS role", "none"),
    ] {
        let of: Vec<_> = report
            .machines
            .iter()
            .filter(|m| m.role.name() == role)
            .collect();
        if !of.is_empty() {
            parts.push(format!(
                "{} {what}{} ({})",
                of.len(),
                plural(of.len()),
                some_names(of.iter().map(|m| &m.name))
            ));
        }
    }
    format!("Machines: {}", parts.join(", "))
}

/// The verdict when no cause was diagnosed, first, so that a healthy run says so at the top
/// rather than leaving the reader to add up a summary.
fn no_cause(o: &mut String, report: &Report) {
    if !report.diagnosis.is_empty() || report.mode == Mode::Probe {
        return;
    }
    let s = &report.summary;
    let line = if s.fail == 0 && s.warn == 0 {
        let checks = |keep: fn(Status) -> bool| {
            let mut ids: Vec<_> = report
                .findings
                .iter()
                .filter(|f| keep(f.status))
                .map(|f| f.check)
                .collect();
            ids.sort_unstable_by_key(|c| c.to_string());
            ids.dedup();
            ids.len()
        };
        let passed = checks(|st| st == Status::Pass);
        let skipped = checks(|st| st == Status::Skipped);
        let mut line = format!(
            "No root cause found: {passed} check{} passed",
            plural(passed)
        );
        if skipped > 0 {
            let _ = write!(
                line,
                " ({skipped} skipped for want of their evidence: see --verbose)"
            );
        }
        paint(status(Status::Pass), &line)
    } else {
        format!(
            "No root cause found across the evidence; {} finding{} fail and {} warn (below).",
            s.fail,
            plural(s.fail),
            s.warn
        )
    };
    let _ = writeln!(o, "{line}\n");
}

/// The causes, each with its title, its proofs as `proofs` writes them, and its first fix.
fn diagnosis(o: &mut String, report: &Report, proofs: impl Fn(&mut String, &Cause)) {
    if report.diagnosis.is_empty() {
        return;
    }
    let _ = writeln!(o, "{}", paint(heading(), "DIAGNOSIS"));
    for (i, c) in report.diagnosis.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {}. {} [{} confidence]",
            i + 1,
            paint(strong(), &c.title),
            c.confidence
        );
        if c.affected.len() > 1 {
            let line = format!(
                "{} clients show it: {}",
                c.affected.len(),
                some_names(c.affected.iter())
            );
            o.push_str(&wrap(&line, 6, WIDTH));
        } else if let Some(m) = c.machine.as_ref().filter(|_| report.machines.len() > 1) {
            let _ = writeln!(o, "      On {}", escape(m.as_str()));
        }
        proofs(o, c);
        o.push_str(&wrap(&format!("Fix first: {}", c.first_fix.text), 6, WIDTH));
        for cmd in &c.first_fix.commands {
            let _ = writeln!(o, "        {} {}", prompt(cmd.shell), escape(&cmd.line));
        }
    }
    o.push('\n');
}

/// The short report for a terminal (the default).
pub fn render_brief(report: &Report) -> String {
    let mut o = String::new();
    header(&mut o, report);
    no_cause(&mut o, report);

    diagnosis(&mut o, report, |o, c| {
        for step in c.chain.iter().take(BRIEF_PROOFS) {
            // A proof is "check: title — summary"; the title is the proof, the summary is for
            // --verbose.
            let proof = step.split(" — ").next().unwrap_or(step);
            let _ = writeln!(o, "      - {}", clip(&escape(proof), WIDTH - 8));
        }
        let more = c.chain.len().saturating_sub(BRIEF_PROOFS);
        let missing = c.missing_evidence.len();
        if more > 0 || missing > 0 {
            let mut parts = Vec::new();
            if more > 0 {
                parts.push(format!("{more} more proof{}", plural(more)));
            }
            if missing > 0 {
                parts.push(format!(
                    "{missing} piece{} of missing evidence",
                    plural(missing)
                ));
            }
            let _ = writeln!(
                o,
                "      {}",
                paint(dim(), &format!("({} with --verbose)", parts.join(" and ")))
            );
        }
    });

    // Findings with the same check and title (one per client error, one per event id) are one
    // line with their count; their why and fix are the same.
    let mut shown: Vec<(&Finding, usize, Vec<&crate::values::MachineName>)> = Vec::new();
    for f in report
        .findings
        .iter()
        .filter(|f| matches!(f.status, Status::Fail | Status::Warn))
    {
        match shown
            .iter_mut()
            .find(|(g, _, _)| g.check == f.check && g.status == f.status && g.title == f.title)
        {
            Some((_, n, on)) => {
                *n += 1;
                if let Some(m) = &f.machine {
                    if !on.contains(&m) {
                        on.push(m);
                    }
                }
            }
            None => shown.push((f, 1, f.machine.iter().collect())),
        }
    }
    // Which machine a finding is on is news when its side has several.
    let of_role = |client: bool| {
        report
            .machines
            .iter()
            .filter(|m| if client { m.role.client } else { m.role.server })
            .count()
    };
    let many_machines = of_role(true) > 1 || of_role(false) > 1;
    let mut stage: Option<Stage> = None;
    for (f, n, on) in shown {
        let s = Some(f.check.stage());
        if s != stage {
            stage = s;
            if let Some(s) = s {
                let _ = writeln!(o, "{}", paint(heading(), &s.title().to_uppercase()));
            }
        }
        let label = format!("{:<7}", f.status.label().to_uppercase());
        let times = if n > 1 {
            format!(" (\u{d7}{n})")
        } else {
            String::new()
        };
        let _ = writeln!(
            o,
            "  {} {:<22} {}{times}",
            paint(status(f.status), &label),
            f.check,
            paint(strong(), &f.title)
        );
        if many_machines && !on.is_empty() {
            let _ = writeln!(
                o,
                "  {:<7} {:<22} {}",
                "",
                "",
                paint(dim(), &format!("on {}", some_names(on.into_iter())))
            );
        }
        // Where the proof is, whole: a cut path names no file.
        if let Some(e) = f.evidence.first() {
            let _ = writeln!(
                o,
                "  {:<7} {:<22} {}",
                "",
                "",
                paint(dim(), &format!("at {}", e.location))
            );
        }
    }
    if report
        .findings
        .iter()
        .any(|f| matches!(f.status, Status::Fail | Status::Warn))
    {
        o.push('\n');
    }

    let _ = writeln!(
        o,
        "{}; {}. Details: {}",
        summary_counts(report),
        evidence_counts(report),
        details_command(report)
    );
    o
}

/// "SUMMARY 3 fail, 2 warn, 3 pass, 1 info, 2 skipped".
fn summary_counts(report: &Report) -> String {
    let s = &report.summary;
    format!(
        "{} {} fail, {} warn, {} pass, {} info, {} skipped",
        paint(heading(), "SUMMARY"),
        paint(status(Status::Fail), &s.fail.to_string()),
        paint(status(Status::Warn), &s.warn.to_string()),
        paint(status(Status::Pass), &s.pass.to_string()),
        s.info,
        s.skipped
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// "14 evidence files", with what could not be used.
fn evidence_counts(report: &Report) -> String {
    if report.mode == Mode::Probe {
        let n = report.inputs.len();
        return format!("{n} URL{}", plural(n));
    }
    let files = &report.inventory.files;
    let mut o = format!("{} evidence file{}", files.len(), plural(files.len()));
    let unknown = files.iter().filter(|f| f.kind.is_none()).count();
    let errors = files.iter().filter(|f| f.error.is_some()).count();
    let problems = report.inventory.problems.len();
    let mut notes = Vec::new();
    if unknown > 0 {
        notes.push(format!("{unknown} not recognised"));
    }
    if errors > 0 {
        notes.push(format!("{errors} with read errors"));
    }
    if problems > 0 {
        notes.push(format!("{problems} not readable"));
    }
    if !notes.is_empty() {
        let _ = write!(o, " ({})", notes.join(", "));
    }
    o
}

/// The command that prints this report in full.
fn details_command(report: &Report) -> String {
    let quoted: Vec<String> = report
        .inputs
        .iter()
        .map(|i| {
            if i.contains([' ', '"', '\'']) {
                format!("\"{i}\"")
            } else {
                i.clone()
            }
        })
        .collect();
    match report.mode {
        Mode::Offline => format!("wsus-doctor diagnose --verbose {}", quoted.join(" ")),
        Mode::Live => "wsus-doctor diagnose --verbose".to_string(),
        Mode::Probe => format!("wsus-doctor probe --verbose {}", quoted.join(" ")),
    }
}

/// The full report (`--verbose`).
pub fn render(report: &Report) -> String {
    let mut o = String::new();
    header(&mut o, report);
    no_cause(&mut o, report);
    let files = report.inventory.files.len();

    diagnosis(&mut o, report, |o, c| {
        for step in &c.chain {
            o.push_str(&wrap(&format!("- {step}"), 6, WIDTH));
        }
        for m in &c.missing_evidence {
            o.push_str(&wrap(&format!("? {m}"), 6, WIDTH));
        }
    });

    let mut stage: Option<Stage> = None;
    for f in &report.findings {
        let s = Some(f.check.stage());
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

    let _ = writeln!(o, "{}", summary_counts(report));
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
    if let Some(m) = &f.machine {
        let _ = writeln!(
            o,
            "          {}",
            paint(dim(), &format!("on {}", escape(m.as_str())))
        );
    }
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
