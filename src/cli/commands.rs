//! The commands behind the flags.

use super::explain as explainer;
use super::{
    progress::Progress, DiagnoseArgs, ExplainArgs, InventoryArgs, RedactArgs, TableFormat,
};
use anyhow::Context as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use wsus_doctor::evidence::{self, archive::Limits, window, EvidenceSet};
use wsus_doctor::facts::Context;
use wsus_doctor::pipeline;
use wsus_doctor::report::redact::Redactor;
use wsus_doctor::report::style::pad;
use wsus_doctor::report::terminal::escape;
use wsus_doctor::report::{self, Format, Inventory, Mode, Report};

/// Finds the evidence under the inputs, with a progress bar while reading large inputs.
fn gather(paths: &[PathBuf]) -> EvidenceSet {
    evidence::discover(paths, &Limits::default())
}

pub(super) fn analyse(
    set: &EvidenceSet,
    looks: Vec<evidence::Look>,
    context: Context,
) -> (wsus_doctor::facts::Facts, Inventory) {
    let total: u64 = set.files.iter().map(|f| f.size).sum();
    let _bar = Progress::start(total);
    pipeline::analyse_looked(set, looks, context)
}

/// Nothing could be read as evidence: the tool cannot run. A file counts when its kind was
/// recognised and more of its lines were records than malformed (a script that happens to contain
/// one CMTrace-looking line is not a log); a report of "18 skipped" would read as healthy.
fn nothing_readable(set: &EvidenceSet, inventory: &Inventory) -> bool {
    set.files.is_empty()
        || !inventory
            .files
            .iter()
            .any(|f| f.kind.is_some() && f.records > 0 && f.records >= f.malformed)
}

/// What was seen instead, one line per file, for the "nothing recognised" error.
fn what_was_seen(inventory: &Inventory) -> String {
    use wsus_doctor::tr;
    let mut o = String::new();
    for f in &inventory.files {
        let kind = f.kind.map_or("unknown".to_string(), |k| k.to_string());
        let mut line = format!(
            "\n  {}: {kind}, {}",
            escape(&f.path),
            escape(&super::words(f.recognised_by.clone()))
        );
        if f.kind.is_some() {
            line.push_str(&super::words(tr!(
                "cli-seen-records",
                records = f.records,
                malformed = f.malformed
            )));
        }
        if let Some(e) = &f.error {
            line.push_str(&format!("; {}", escape(&super::words(e.clone()))));
        }
        o.push_str(&line);
    }
    for p in &inventory.problems {
        o.push_str(&format!(
            "\n  {}: {}",
            escape(&p.path),
            escape(&super::words(p.message.clone()))
        ));
    }
    if o.is_empty() {
        o.push_str(&format!("\n  {}", super::words(tr!("cli-no-files"))));
    }
    o
}

fn write_output(text: &str, output: Option<&Path>, styled: bool) -> anyhow::Result<()> {
    match output {
        Some(p) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            let path = p.display().to_string();
            write_and_tell(
                p,
                plain.as_bytes(),
                wsus_doctor::tr!("cli-cannot-write-report", path = &path),
                wsus_doctor::tr!("cli-report-written", path = &path),
            )?;
        }
        None if styled => {
            let mut out = anstream::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    Ok(())
}

/// Renders the report in the run's language.
pub fn render(
    report: &mut Report,
    format: Format,
    output: Option<&Path>,
    verbose: bool,
) -> anyhow::Result<()> {
    report.lang = super::lang();
    let report = &*report;
    match format {
        Format::Text if verbose => write_output(&report::text::render(report), output, true),
        Format::Text => write_output(&report::text::render_brief(report), output, true),
        Format::Json => write_output(&report::json::render(report), output, false),
        Format::Ndjson => write_output(&report::ndjson::render(report), output, false),
        Format::Html => write_output(&report::html::render(report), output, false),
    }
}

/// Where a path leads, whether or not it exists yet: the real path of its longest existing
/// ancestor, followed by the rest of its components.
fn resolved(path: &Path) -> Option<PathBuf> {
    let absolute = std::env::current_dir().ok()?.join(path);
    let mut rest = Vec::new();
    let mut head = absolute.as_path();
    loop {
        if let Ok(mut real) = head.canonicalize() {
            real.extend(rest.iter().rev());
            return Some(real);
        }
        rest.push(head.file_name()?);
        head = head.parent()?;
    }
}

/// Two names of one file (a hard link has no single real path).
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &Path, _: &Path) -> bool {
    false
}

/// Evidence is never modified: a report written over an input, or into an input folder (where
/// it would also be read as evidence next time), is refused before anything is read.
pub(super) fn refuse_output_over_evidence(output: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
    let Some(out) = resolved(output) else {
        return Ok(());
    };
    for input in inputs
        .iter()
        .filter(|i| i.as_os_str() != evidence::STDIN_ARG)
    {
        let Ok(real) = input.canonicalize() else {
            continue;
        };
        let (output, input) = (output.display().to_string(), input.display().to_string());
        let clash = if real.is_dir() {
            out.starts_with(&real).then(|| {
                wsus_doctor::tr!("cli-refuse-inside-evidence", output = output, input = input)
            })
        } else {
            (out == real || same_file(Path::new(&output), Path::new(&input))).then(|| {
                wsus_doctor::tr!("cli-refuse-over-evidence", output = output, input = input)
            })
        };
        if let Some(why) = clash {
            anyhow::bail!("{}", super::words(why));
        }
    }
    Ok(())
}

/// The pseudonym map is refused where a report would be: over or among the evidence.
pub(super) fn refuse_map_over_evidence(
    args: &RedactArgs,
    inputs: &[PathBuf],
) -> anyhow::Result<()> {
    match &args.redact_map {
        Some(map) => refuse_output_over_evidence(map, inputs),
        None => Ok(()),
    }
}

/// Writes `--redact-map`, when asked for.
pub(super) fn write_redact_map(redactor: &Redactor, args: &RedactArgs) -> anyhow::Result<()> {
    if let Some(path) = &args.redact_map {
        let json = serde_json::to_string_pretty(&redactor.map())? + "\n";
        let shown = path.display().to_string();
        write_and_tell(
            path,
            json.as_bytes(),
            wsus_doctor::tr!("cli-cannot-write-map", path = &shown),
            wsus_doctor::tr!("cli-map-written", path = &shown),
        )?;
    }
    Ok(())
}

/// Writes a file the user asked for and says so on standard error, or fails with `cannot`.
fn write_and_tell(
    path: &Path,
    bytes: &[u8],
    cannot: wsus_doctor::i18n::Text,
    written: wsus_doctor::i18n::Text,
) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| super::words(cannot))?;
    super::say_text(written);
    Ok(())
}

/// `--redact`: the finished report (diagnosis included) with its identifiers replaced, before
/// any rendering.
pub(super) fn redact_report(report: &mut Report, args: &RedactArgs) -> anyhow::Result<()> {
    if args.redact {
        let redactor = report::redact::redact(report);
        write_redact_map(&redactor, args)?;
        super::redact_messages_with(redactor);
    }
    Ok(())
}

pub fn diagnose(a: DiagnoseArgs) -> anyhow::Result<u8> {
    if a.paths.is_empty() {
        return super::collect::live_diagnose(&a);
    }
    super::redact_messages(&a.redact, &a.paths);
    super::require_existing(&a.paths)?;
    if let Some(output) = &a.output {
        refuse_output_over_evidence(output, &a.paths)?;
    }
    refuse_map_over_evidence(&a.redact, &a.paths)?;
    let request = focus(&a)?;
    let mut set = gather(&a.paths);
    let files_found = set.files.len();
    let mut looks = evidence::sniff_all(&set.files);
    let window = window::apply_looked(&mut set, &mut looks, request);
    if files_found > 0 && set.files.is_empty() {
        let why = window.as_ref().map(|w| report::FocusWindow::of(w).summary);
        let all_outside = wsus_doctor::tr!("cli-all-outside-window", paths = list(&a.paths));
        anyhow::bail!(
            "{}",
            super::words(all_outside.then(why.unwrap_or_default()))
        );
    }
    let context = Context {
        client_ips: a.client_ips.clone(),
        client_tz: a.client_tz.clone(),
        ansi_code_page: super::codepage_hint(a.codepage),
        window,
        ..Context::default()
    };
    let (mut facts, inventory) = analyse(&set, looks, context);
    if nothing_readable(&set, &inventory) {
        super::learn_for_messages(|r| r.learn_inventory_paths(&inventory));
        inventory.problems.iter().for_each(super::say_problem);
        anyhow::bail!(
            "{}",
            super::words(wsus_doctor::tr!(
                "cli-nothing-recognised",
                paths = list(&a.paths),
                seen = what_was_seen(&inventory)
            ))
        );
    }
    if a.probe {
        super::probe::add_policy_probe(&mut facts, &a.probe_settings)?;
    }
    let inputs = a.paths.iter().map(|p| p.display().to_string()).collect();
    let mut report =
        pipeline::report_by_machine(Mode::Offline, inputs, &set, &mut facts, inventory);
    redact_report(&mut report, &a.redact)?;
    render(&mut report, a.format, a.output.as_deref(), a.verbose)?;
    Ok(report.exit_code() as u8)
}

/// The focus window the flags ask for.
fn focus(a: &DiagnoseArgs) -> anyhow::Result<window::Request> {
    if a.all_history {
        return Ok(window::Request::All);
    }
    if a.since.is_none() && a.until.is_none() {
        return Ok(window::Request::LastDays(window::DEFAULT_DAYS));
    }
    Ok(window::Request::Range {
        since: a
            .since
            .as_deref()
            .map(window::parse_since)
            .transpose()
            .map_err(|e| anyhow::Error::msg(super::words(e)))?,
        until: a
            .until
            .as_deref()
            .map(window::parse_until)
            .transpose()
            .map_err(|e| anyhow::Error::msg(super::words(e)))?,
    })
}

pub(super) fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn inventory(a: InventoryArgs) -> anyhow::Result<u8> {
    super::redact_messages(&a.redact, &a.paths);
    super::require_existing(&a.paths)?;
    refuse_map_over_evidence(&a.redact, &a.paths)?;
    let set = gather(&a.paths);
    let context = Context {
        ansi_code_page: super::codepage_hint(a.codepage),
        ..Context::default()
    };
    let (_, mut inventory) = analyse(&set, evidence::sniff_all(&set.files), context);
    if a.redact.redact {
        let mut r = Redactor::new();
        r.inventory(&mut inventory);
        a.paths
            .iter()
            .for_each(|p| r.learn_path(&p.display().to_string()));
        write_redact_map(&r, &a.redact)?;
        super::redact_messages_with(r);
    }
    match a.format {
        TableFormat::Json => {
            let doc = serde_json::json!({
                "schema": "wsus-doctor/inventory/v1",
                "tool": { "name": wsus_doctor::TOOL_NAME, "version": wsus_doctor::TOOL_VERSION },
                "files": inventory.files,
                "problems": inventory.problems,
            });
            write_output(&(serde_json::to_string_pretty(&doc)? + "\n"), None, false)?;
        }
        TableFormat::Text => write_output(&inventory_table(&inventory), None, true)?,
    }
    if set.files.is_empty() {
        inventory.problems.iter().for_each(super::say_problem);
        super::say_text(wsus_doctor::tr!(
            "cli-no-evidence-files",
            paths = list(&a.paths)
        ));
        return Ok(2);
    }
    Ok(0)
}

fn inventory_table(inv: &Inventory) -> String {
    use wsus_doctor::report::style::{dim, heading, paint};
    use wsus_doctor::tr;
    let lang = super::lang();
    let mut o = String::new();
    let kinds: Vec<String> = inv
        .files
        .iter()
        .map(|f| f.kind.map_or("unknown".to_string(), |k| k.to_string()))
        .collect();
    let kw = kinds.iter().map(String::len).max().unwrap_or(4).max(4);
    // Times are shown whole (fractions and zone included), so the column is as wide as the widest.
    let t = |s: &Option<wsus_doctor::values::time::Stamp>| {
        s.map(|x| x.to_string()).unwrap_or_else(|| "-".into())
    };
    let tw = inv
        .files
        .iter()
        .flat_map(|f| [t(&f.first_time), t(&f.last_time)])
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    let kind = super::words(tr!("inventory-col-kind"));
    let records = super::words(tr!("inventory-col-records"));
    let malformed = super::words(tr!("inventory-col-malformed"));
    let (first, last) = (
        super::words(tr!("inventory-col-first")),
        super::words(tr!("inventory-col-last")),
    );
    let width = textwrap::core::display_width;
    let kw = kw.max(width(&kind));
    let tw = tw.max(width(&first)).max(width(&last));
    let (rw, mw) = (9.max(width(&records)), 9.max(width(&malformed)));
    o.push_str(&paint(
        heading(),
        &format!(
            "{}  {}  {}  {}  {}  {}",
            pad(&kind, kw),
            wsus_doctor::report::style::pad_start(&records, rw),
            wsus_doctor::report::style::pad_start(&malformed, mw),
            pad(&first, tw),
            pad(&last, tw),
            super::words(tr!("inventory-col-path"))
        ),
    ));
    o.push('\n');
    for (f, kind) in inv.files.iter().zip(&kinds) {
        o.push_str(&format!(
            "{kind:<kw$}  {:>rw$}  {:>mw$}  {:<tw$}  {:<tw$}  {}\n",
            f.records,
            f.malformed,
            t(&f.first_time),
            t(&f.last_time),
            escape(&f.path)
        ));
        let mut notes = vec![tr!("inventory-recognised-by", reason = &f.recognised_by)];
        if let Some(e) = &f.encoding {
            notes.push(match &f.encoding_reason {
                Some(why) => tr!("inventory-encoding-why", encoding = e, reason = why),
                None => tr!("inventory-encoding", encoding = e),
            });
        }
        notes.extend(f.notes.iter().cloned());
        for m in &f.malformed_examples {
            notes.push(tr!(
                "inventory-malformed-line",
                line = m.line,
                reason = &m.reason,
                excerpt = &m.excerpt
            ));
        }
        if let Some(e) = &f.error {
            notes.push(tr!("inventory-error", error = e));
        }
        for n in notes {
            o.push_str(&paint(dim(), &format!("{:kw$}    {}", "", n.local(lang))));
            o.push('\n');
        }
    }
    for p in &inv.problems {
        let line = tr!(
            "inventory-could-not-read",
            path = &p.path,
            message = &p.message
        );
        o.push_str(&escape(&line.local(lang)));
        o.push('\n');
    }
    o
}

pub fn explain(a: ExplainArgs) -> anyhow::Result<u8> {
    let lang = super::lang();
    match explainer::explain(&a.code) {
        Ok(answers) => {
            if a.format == TableFormat::Json {
                write_output(
                    &(serde_json::to_string_pretty(&answers)? + "\n"),
                    None,
                    false,
                )?;
                return Ok(0);
            }
            let o = explainer::render(&answers, lang);
            write_output(&o, None, true)?;
            Ok(0)
        }
        Err(msg) => {
            super::say(&msg.local(lang));
            Ok(2)
        }
    }
}

pub fn checks() -> anyhow::Result<u8> {
    use wsus_doctor::checks::catalogue::CATALOGUE;
    let mut o = String::new();
    let lang = super::lang();
    for c in CATALOGUE {
        o.push_str(&format!(
            "{:<24} {} {}\n",
            c.id,
            pad(&c.title().local(lang), 40),
            c.id.stage().title().local(lang)
        ));
    }
    write_output(&o, None, true)?;
    Ok(0)
}

/// On Windows, no arguments mean a live diagnosis of this machine with the default settings;
/// elsewhere, a request for evidence.
pub fn no_arguments() -> anyhow::Result<u8> {
    use clap::Parser as _;
    match super::Cli::try_parse_from(["wsus-doctor", "diagnose"]) {
        Ok(super::Cli {
            command: Some(super::Command::Diagnose(a)),
            ..
        }) => super::collect::live_diagnose(&a),
        _ => anyhow::bail!("{}", super::words(wsus_doctor::tr!("cli-default-settings"))),
    }
}
