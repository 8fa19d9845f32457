//! The terminal report. By default it fits a screen: the diagnosis (each cause with its strongest
//! proofs and the commands that fix it), then the failing and warning findings one or two lines
//! each, then a one-line summary naming the command for the details. `render` is the full report
//! (`--verbose`), in the order of the guide: diagnosis first, then each stage's findings with
//! status, evidence, cause and fix, then the timeline and a summary.

use super::style::{clip, dim, heading, pad, paint, status, strong, wrap};
use super::terminal::escape;
use super::{Cause, Mode, Report};
use crate::finding::Stage;
use crate::finding::{Finding, Shell, Status};
use crate::i18n::{Lang, Text};
use crate::tr;
use std::fmt::Write;

/// A message in the report's language.
fn say(l: Lang, t: Text) -> String {
    t.local(l).into_owned()
}

/// A stage's title as a heading: in capitals where the language has them.
fn stage_heading(l: Lang, s: Stage) -> String {
    let title = say(l, s.title());
    match l {
        Lang::En => title.to_uppercase(),
        Lang::Ja => title,
    }
}

/// A status as a column label: `FAIL   `.
fn label(l: Lang, s: Status) -> String {
    pad(&say(l, s.word()), 7)
}

const WIDTH: usize = 100;
/// Evidence items shown per finding; the JSON report has them all.
const MAX_EVIDENCE: usize = 8;
/// Proofs shown per cause in the short report: the rules list them strongest first.
const BRIEF_PROOFS: usize = 3;

fn header(o: &mut String, report: &Report) {
    let l = report.lang;
    let mode = match report.mode {
        Mode::Offline => tr!("report-mode-offline"),
        Mode::Live => tr!("report-mode-live"),
        Mode::Probe => tr!("report-mode-probe"),
    };
    let what = if report.mode == Mode::Probe {
        tr!("report-urls", count = report.inputs.len())
    } else {
        tr!(
            "report-evidence-files",
            count = report.inventory.files.len()
        )
    };
    let line = say(
        l,
        tr!(
            "report-header",
            tool = "\u{0}",
            version = report.tool.version,
            mode = mode,
            what = what,
            time = &report.generated_at
        ),
    );
    // The tool's name is painted; the rest of the line is the message's.
    let _ = writeln!(
        o,
        "{}",
        line.replacen('\u{0}', &paint(strong(), report.tool.name), 1)
    );
    if let Some(m) = &report.machine {
        let _ = writeln!(o, "{}", say(l, tr!("report-role", role = m.role.name())));
        for limit in &m.limits {
            // Painted line by line: paint shows a newline inside its text escaped.
            for line in wrap(&say(l, tr!("report-not-read", limit = limit)), 0, WIDTH).lines() {
                let _ = writeln!(o, "{}", paint(dim(), line));
            }
        }
    }
    if report.machines.len() > 1 {
        o.push_str(&wrap(&machines_line(report), 0, WIDTH));
    }
    // The window is news only when it left files out (the JSON report always carries it).
    if let Some(w) = report.window.as_ref().filter(|w| w.files_left_out > 0) {
        let line = tr!("report-focus-window", summary = &w.summary);
        o.push_str(&wrap(&say(l, line), 0, WIDTH));
    }
    o.push('\n');
}

/// Names at most this many machines in a line; the JSON and HTML reports list them all.
const NAMES_SHOWN: usize = 8;

/// `PC-1, PC-2 and 3 more`.
fn some_names<'a>(l: Lang, names: impl Iterator<Item = &'a crate::values::MachineName>) -> String {
    let all: Vec<String> = names.map(|n| escape(n.as_str()).into_owned()).collect();
    let shown = all
        .iter()
        .take(NAMES_SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(&say(l, tr!("list-separator")));
    match all.len().saturating_sub(NAMES_SHOWN) {
        0 => shown,
        more => say(l, tr!("report-names-and-more", names = shown, more = more)),
    }
}

/// The machines of the evidence by role: `Machines: 1 WSUS server (WSUS01), 3 clients (PC-1, …)`.
fn machines_line(report: &Report) -> String {
    let l = report.lang;
    let mut parts = Vec::new();
    for role in ["server", "server+client", "client", "none"] {
        let of: Vec<_> = report
            .machines
            .iter()
            .filter(|m| m.role.name() == role)
            .collect();
        if !of.is_empty() {
            parts.push(say(
                l,
                tr!(
                    "report-machines-part",
                    count = of.len(),
                    role = role.replace('+', "-"),
                    names = some_names(l, of.iter().map(|m| &m.name))
                ),
            ));
        }
    }
    let separator = say(l, tr!("list-separator"));
    say(l, tr!("report-machines", parts = parts.join(&separator)))
}

/// The verdict when no cause was diagnosed, first, so that a healthy run says so at the top
/// rather than leaving the reader to add up a summary.
fn no_cause(o: &mut String, report: &Report) {
    if !report.diagnosis.is_empty() || report.mode == Mode::Probe {
        return;
    }
    let l = report.lang;
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
        let line = if skipped > 0 {
            tr!(
                "report-no-cause-passed-skipped",
                passed = passed,
                skipped = skipped
            )
        } else {
            tr!("report-no-cause-passed", passed = passed)
        };
        paint(status(Status::Pass), &say(l, line))
    } else {
        say(
            l,
            tr!("report-no-cause-failing", fail = s.fail, warn = s.warn),
        )
    };
    let _ = writeln!(o, "{line}\n");
}

/// The causes, each with its title, its proofs as `proofs` writes them, and its first fix.
fn diagnosis(o: &mut String, report: &Report, proofs: impl Fn(&mut String, &Cause)) {
    if report.diagnosis.is_empty() {
        return;
    }
    let l = report.lang;
    let _ = writeln!(o, "{}", paint(heading(), &say(l, tr!("report-diagnosis"))));
    for (i, c) in report.diagnosis.iter().enumerate() {
        let confidence = match c.confidence {
            crate::diagnosis::Confidence::High => tr!("confidence-high"),
            crate::diagnosis::Confidence::Medium => tr!("confidence-medium"),
            crate::diagnosis::Confidence::Low => tr!("confidence-low"),
        };
        let line = say(
            l,
            tr!(
                "report-cause",
                n = i + 1,
                title = "\u{0}",
                confidence = confidence
            ),
        );
        let title = paint(strong(), &c.title.local(l));
        let _ = writeln!(o, "  {}", line.replacen('\u{0}', &title, 1));
        if c.affected.len() > 1 {
            let line = tr!(
                "report-clients-show-it",
                count = c.affected.len(),
                names = some_names(l, c.affected.iter())
            );
            o.push_str(&wrap(&say(l, line), 6, WIDTH));
        } else if let Some(m) = c.machine.as_ref().filter(|_| report.machines.len() > 1) {
            let line = say(l, tr!("report-on-machine", machine = m.as_str()));
            let _ = writeln!(o, "      {}", escape(&line));
        }
        proofs(o, c);
        let fix = tr!("report-fix-first", fix = &c.first_fix.text);
        o.push_str(&wrap(&say(l, fix), 6, WIDTH));
        for cmd in &c.first_fix.commands {
            let _ = writeln!(o, "        {} {}", prompt(cmd.shell), escape(&cmd.line));
        }
    }
    o.push('\n');
}

/// The short report for a terminal (the default).
pub fn render_brief(report: &Report) -> String {
    let l = report.lang;
    let mut o = String::new();
    header(&mut o, report);
    no_cause(&mut o, report);

    diagnosis(&mut o, report, |o, c| {
        for step in c.chain.iter().take(BRIEF_PROOFS) {
            // A proof is "check: title — summary"; the title is the proof, the summary is for
            // --verbose.
            let step = step.local(l);
            let proof = step.split(" — ").next().unwrap_or(&step);
            let _ = writeln!(o, "      - {}", clip(&escape(proof), WIDTH - 8));
        }
        let more = c.chain.len().saturating_sub(BRIEF_PROOFS);
        let missing = c.missing_evidence.len();
        if more > 0 || missing > 0 {
            let what = match (more, missing) {
                (0, m) => tr!("report-missing-pieces", count = m),
                (p, 0) => tr!("report-more-proofs", count = p),
                (p, m) => tr!(
                    "report-and",
                    first = tr!("report-more-proofs", count = p),
                    second = tr!("report-missing-pieces", count = m)
                ),
            };
            let line = say(l, tr!("report-with-verbose", what = what));
            let _ = writeln!(o, "      {}", paint(dim(), &line));
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
                let _ = writeln!(o, "{}", paint(heading(), &stage_heading(l, s)));
            }
        }
        let label = label(l, f.status);
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
            paint(strong(), &f.title.local(l))
        );
        if many_machines && !on.is_empty() {
            let line = say(l, tr!("report-on", names = some_names(l, on.into_iter())));
            let _ = writeln!(o, "  {:<7} {:<22} {}", "", "", paint(dim(), &line));
        }
        // Where the proof is, whole: a cut path names no file.
        if let Some(e) = f.evidence.first() {
            let _ = writeln!(
                o,
                "  {:<7} {:<22} {}",
                "",
                "",
                paint(
                    dim(),
                    &say(l, tr!("report-at", location = e.location.to_string()))
                )
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

    let line = say(
        l,
        tr!(
            "report-brief-footer",
            summary = "\u{0}",
            evidence = evidence_counts(report),
            command = details_command(report)
        ),
    );
    let _ = writeln!(o, "{}", line.replacen('\u{0}', &summary_counts(report), 1));
    o
}

/// "SUMMARY 3 fail, 2 warn, 3 pass, 1 info, 2 skipped".
fn summary_counts(report: &Report) -> String {
    let l = report.lang;
    let s = &report.summary;
    // The counts are painted inside the message: marked, rendered, then painted.
    let counts = say(
        l,
        tr!(
            "report-summary-counts",
            fail = "\u{1}",
            warn = "\u{2}",
            pass = "\u{3}",
            info = s.info,
            skipped = s.skipped
        ),
    )
    .replacen(
        '\u{1}',
        &paint(status(Status::Fail), &s.fail.to_string()),
        1,
    )
    .replacen(
        '\u{2}',
        &paint(status(Status::Warn), &s.warn.to_string()),
        1,
    )
    .replacen(
        '\u{3}',
        &paint(status(Status::Pass), &s.pass.to_string()),
        1,
    );
    format!(
        "{} {counts}",
        paint(heading(), &say(l, tr!("report-summary")))
    )
}

/// "14 evidence files", with what could not be used.
fn evidence_counts(report: &Report) -> String {
    let l = report.lang;
    if report.mode == Mode::Probe {
        return say(l, tr!("report-urls", count = report.inputs.len()));
    }
    let files = &report.inventory.files;
    let o = say(l, tr!("report-evidence-files", count = files.len()));
    let unknown = files.iter().filter(|f| f.kind.is_none()).count();
    let errors = files.iter().filter(|f| f.error.is_some()).count();
    let problems = report.inventory.problems.len();
    let mut notes = Vec::new();
    if unknown > 0 {
        notes.push(say(l, tr!("report-not-recognised", count = unknown)));
    }
    if errors > 0 {
        notes.push(say(l, tr!("report-with-read-errors", count = errors)));
    }
    if problems > 0 {
        notes.push(say(l, tr!("report-not-readable", count = problems)));
    }
    if notes.is_empty() {
        return o;
    }
    say(
        l,
        tr!(
            "report-evidence-notes",
            files = o,
            notes = notes.join(&say(l, tr!("list-separator")))
        ),
    )
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
    let l = report.lang;
    let mut o = String::new();
    header(&mut o, report);
    no_cause(&mut o, report);
    let files = report.inventory.files.len();

    diagnosis(&mut o, report, |o, c| {
        for step in &c.chain {
            o.push_str(&wrap(&format!("- {}", step.local(l)), 6, WIDTH));
        }
        for m in &c.missing_evidence {
            o.push_str(&wrap(&format!("? {}", m.local(l)), 6, WIDTH));
        }
    });

    let mut stage: Option<Stage> = None;
    for f in &report.findings {
        let s = Some(f.check.stage());
        if s != stage {
            stage = s;
            if let Some(s) = s {
                let _ = writeln!(o, "{}", paint(heading(), &stage_heading(l, s)));
            }
        }
        finding(&mut o, f, l);
    }
    o.push('\n');

    if !report.timeline.is_empty() {
        let _ = writeln!(o, "{}", paint(heading(), &say(l, tr!("report-timeline"))));
        for e in report.timeline.iter().take(60) {
            let assumed = if e.assumed_zone {
                format!(" {}", say(l, tr!("report-zone-assumed")))
            } else {
                String::new()
            };
            let host = e
                .host
                .as_deref()
                .map(|h| format!(" {h}"))
                .unwrap_or_default();
            let line = format!(
                "{}{assumed} {:<6}{host}  {}",
                e.time,
                e.side,
                e.what.local(l)
            );
            let _ = writeln!(o, "  {}", escape(&line));
        }
        if report.timeline.len() > 60 {
            let more = report.timeline.len() - 60;
            let _ = writeln!(o, "  {}", say(l, tr!("report-more-events", count = more)));
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
    let mut ev = say(l, tr!("report-evidence-read", count = files));
    if unknown > 0 {
        let _ = write!(
            ev,
            ", {}",
            say(l, tr!("report-not-recognised", count = unknown))
        );
    }
    if errors > 0 {
        let _ = write!(
            ev,
            ", {}",
            say(l, tr!("report-with-read-errors", count = errors))
        );
    }
    if malformed > 0 {
        let line = tr!("report-malformed-skipped", count = malformed);
        let _ = write!(ev, ", {}", say(l, line));
    }
    for p in &report.inventory.problems {
        let line = tr!(
            "report-could-not-read",
            path = &p.path,
            message = &p.message
        );
        let _ = write!(ev, "\n  {}", escape(&say(l, line)));
    }
    let _ = writeln!(o, "{ev}");
    if unknown > 0 || errors > 0 || malformed > 0 {
        let hint = say(l, tr!("report-inventory-hint"));
        let _ = writeln!(o, "{}", paint(dim(), &format!("  {hint}")));
    }
    o
}

fn prompt(shell: Shell) -> &'static str {
    match shell {
        Shell::PowerShell => "PS>",
        Shell::Cmd => "C:\\>",
    }
}

fn finding(o: &mut String, f: &Finding, l: Lang) {
    let label = label(l, f.status);
    if f.status == Status::Skipped {
        let reason = f.reason.as_ref().map(|r| r.local(l)).unwrap_or_default();
        let _ = writeln!(
            o,
            "  {} {:<22} {}",
            paint(status(f.status), &label),
            f.check,
            paint(dim(), &reason)
        );
        return;
    }
    let _ = writeln!(
        o,
        "  {} {:<22} {}",
        paint(status(f.status), &label),
        f.check,
        paint(strong(), &f.title.local(l))
    );
    if let Some(m) = &f.machine {
        let line = say(l, tr!("report-on", names = m.as_str()));
        let _ = writeln!(o, "          {}", paint(dim(), &line));
    }
    if !f.summary.is_empty() {
        o.push_str(&wrap(&f.summary.local(l), 10, WIDTH));
    }
    if !f.evidence.is_empty() {
        let heading = say(l, tr!("report-evidence"));
        let _ = writeln!(o, "          {}", paint(dim(), &heading));
        for e in f.evidence.iter().take(MAX_EVIDENCE) {
            let mut line = format!("{}", e.location);
            if let Some(x) = &e.excerpt {
                let _ = write!(line, "  {x}");
            }
            let _ = writeln!(o, "            {}", escape(&line));
            if let Some(n) = &e.note {
                o.push_str(&wrap(&n.local(l), 14, WIDTH));
            }
        }
        if f.evidence.len() > MAX_EVIDENCE {
            let more = f.evidence.len() - MAX_EVIDENCE;
            let _ = writeln!(
                o,
                "            {}",
                say(l, tr!("report-more-in-json", count = more))
            );
        }
    }
    if matches!(f.status, Status::Fail | Status::Warn) {
        if !f.explanation.is_empty() {
            let why = tr!("report-why", text = &f.explanation);
            o.push_str(&wrap(&say(l, why), 10, WIDTH));
        }
        if let Some(r) = &f.remedy {
            o.push_str(&wrap(&say(l, tr!("report-fix", text = &r.text)), 10, WIDTH));
            for c in &r.commands {
                if let Some(comment) = &c.comment {
                    let comment = format!("# {}", comment.local(l));
                    let _ = writeln!(o, "            {}", paint(dim(), &comment));
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
            paint(dim(), &say(l, tr!("report-sources", ids = refs.join(", "))))
        );
    }
}
