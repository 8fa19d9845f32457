//! The commands behind the flags.

use super::{progress::Progress, DiagnoseArgs, ExplainArgs, InventoryArgs};
use anyhow::Context as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use wsus_doctor::evidence::{self, archive::Limits, EvidenceSet};
use wsus_doctor::facts::Context;
use wsus_doctor::knowledge::explain as explainer;
use wsus_doctor::pipeline;
use wsus_doctor::report::terminal::escape;
use wsus_doctor::report::{self, Format, Inventory, Mode, Report};

/// Finds the evidence under the inputs, with a progress bar while reading large inputs.
fn gather(paths: &[PathBuf]) -> EvidenceSet {
    evidence::discover(paths, &Limits::default())
}

pub(super) fn analyse(
    set: &EvidenceSet,
    context: Context,
) -> (wsus_doctor::facts::Facts, Inventory) {
    let total: u64 = set.files.iter().map(|f| f.size).sum();
    let _bar = Progress::start(total);
    pipeline::analyse(set, context)
}

/// Nothing could be read at all: the tool cannot run.
fn nothing_readable(set: &EvidenceSet, inventory: &Inventory) -> bool {
    set.files.is_empty()
        || inventory
            .files
            .iter()
            .all(|f| f.error.is_some() && f.records == 0)
}

fn write_output(text: &str, output: Option<&Path>, styled: bool) -> anyhow::Result<()> {
    match output {
        Some(p) => {
            let plain = anstream::adapter::strip_str(text).to_string();
            std::fs::write(p, plain)
                .with_context(|| format!("cannot write the report to {}", p.display()))?;
            super::say(&format!("report written to {}", p.display()));
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

pub fn render(report: &Report, format: Format, output: Option<&Path>) -> anyhow::Result<()> {
    match format {
        Format::Text => write_output(&report::text::render(report), output, true),
        Format::Json => write_output(&report::json::render(report), output, false),
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
fn refuse_output_over_evidence(output: &Path, inputs: &[PathBuf]) -> anyhow::Result<()> {
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
        let clash = if real.is_dir() {
            out.starts_with(&real)
                .then_some("inside the evidence folder")
        } else {
            (out == real || same_file(output, input)).then_some("the evidence file")
        };
        if let Some(what) = clash {
            anyhow::bail!(
                "refusing to write the report to {}: it is {what} {}, and evidence is never modified; choose another --output",
                output.display(),
                input.display()
            );
        }
    }
    Ok(())
}

pub fn diagnose(a: DiagnoseArgs) -> anyhow::Result<u8> {
    if a.paths.is_empty() {
        return super::collect::live_diagnose(&a);
    }
    if let Some(output) = &a.output {
        refuse_output_over_evidence(output, &a.paths)?;
    }
    let set = gather(&a.paths);
    let context = Context {
        client_ips: a.client_ips.clone(),
        ..Context::default()
    };
    let (mut facts, inventory) = analyse(&set, context);
    if nothing_readable(&set, &inventory) {
        for p in &inventory.problems {
            super::say(&format!("{}: {}", p.path, p.message));
        }
        for f in inventory.files.iter().filter(|f| f.error.is_some()) {
            super::say(&format!("{}: {}", f.path, f.error.as_deref().unwrap_or("")));
        }
        anyhow::bail!("no readable evidence in {}", list(&a.paths));
    }
    if a.probe {
        super::probe::add_policy_probe(&mut facts, &a.probe_settings)?;
    }
    let inputs = a.paths.iter().map(|p| p.display().to_string()).collect();
    let report = pipeline::report(Mode::Offline, inputs, &facts, inventory);
    render(&report, a.format, a.output.as_deref())?;
    Ok(report.exit_code() as u8)
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn inventory(a: InventoryArgs) -> anyhow::Result<u8> {
    let set = gather(&a.paths);
    let (_, inventory) = analyse(&set, Context::default());
    match a.format {
        Format::Json => {
            let doc = serde_json::json!({
                "schema": "wsus-doctor/inventory/v1",
                "tool": { "name": wsus_doctor::TOOL_NAME, "version": wsus_doctor::TOOL_VERSION },
                "files": inventory.files,
                "problems": inventory.problems,
            });
            write_output(&(serde_json::to_string_pretty(&doc)? + "\n"), None, false)?;
        }
        Format::Text | Format::Html => write_output(&inventory_table(&inventory), None, true)?,
    }
    if set.files.is_empty() {
        for p in &inventory.problems {
            super::say(&format!("{}: {}", p.path, p.message));
        }
        super::say(&format!("no evidence files in {}", list(&a.paths)));
        return Ok(2);
    }
    Ok(0)
}

fn inventory_table(inv: &Inventory) -> String {
    use wsus_doctor::report::style::{dim, heading, paint};
    let mut o = String::new();
    let kinds: Vec<String> = inv
        .files
        .iter()
        .map(|f| f.kind.map_or("unknown".to_string(), |k| k.to_string()))
        .collect();
    let kw = kinds.iter().map(String::len).max().unwrap_or(4).max(4);
    o.push_str(&paint(
        heading(),
        &format!(
            "{:<kw$}  {:>9}  {:>9}  {:<20}  {:<20}  PATH",
            "KIND", "RECORDS", "MALFORMED", "FIRST", "LAST"
        ),
    ));
    o.push('\n');
    for (f, kind) in inv.files.iter().zip(&kinds) {
        let t = |s: &Option<wsus_doctor::facts::time::Stamp>| {
            s.map(|x| x.to_string().chars().take(20).collect::<String>())
                .unwrap_or_else(|| "-".into())
        };
        o.push_str(&format!(
            "{kind:<kw$}  {:>9}  {:>9}  {:<20}  {:<20}  {}\n",
            f.records,
            f.malformed,
            t(&f.first_time),
            t(&f.last_time),
            escape(&f.path)
        ));
        let mut notes = vec![format!("recognised by: {}", f.recognised_by)];
        if let Some(e) = f.encoding {
            notes.push(format!("encoding: {e}"));
        }
        notes.extend(f.notes.iter().cloned());
        for m in &f.malformed_examples {
            notes.push(format!("line {}: {} ({})", m.line, m.reason, m.excerpt));
        }
        if let Some(e) = &f.error {
            notes.push(format!("error: {e}"));
        }
        for n in notes {
            o.push_str(&paint(dim(), &format!("{:kw$}    {n}", "")));
            o.push('\n');
        }
    }
    for p in &inv.problems {
        let line = format!("could not read {}: {}", p.path, p.message);
        o.push_str(&escape(&line));
        o.push('\n');
    }
    o
}

pub fn explain(a: ExplainArgs) -> anyhow::Result<u8> {
    match explainer::explain(&a.code) {
        Ok(answers) => {
            if a.format == Format::Json {
                write_output(
                    &(serde_json::to_string_pretty(&answers)? + "\n"),
                    None,
                    false,
                )?;
                return Ok(0);
            }
            use wsus_doctor::report::style::{dim, paint, strong, wrap};
            let mut o = String::new();
            for e in answers {
                let name = if e.name.is_empty() {
                    String::new()
                } else {
                    format!(" {}", e.name)
                };
                o.push_str(&paint(strong(), &format!("{}{name}", e.code)));
                o.push_str(&paint(dim(), &format!("  ({})", e.table)));
                o.push('\n');
                o.push_str(&wrap(&e.meaning, 2, 100));
                if !e.wsus.is_empty() {
                    o.push_str(&wrap(&format!("For WSUS: {}", e.wsus), 2, 100));
                }
                for r in &e.related {
                    o.push_str(&wrap(&format!("See also: {r}"), 2, 100));
                }
                for r in &e.references {
                    let url = r
                        .url
                        .as_deref()
                        .map(|u| format!(" <{u}>"))
                        .unwrap_or_default();
                    o.push_str(&paint(
                        dim(),
                        &format!("  Source: {} {}{url}", r.id, r.title),
                    ));
                    o.push('\n');
                }
            }
            write_output(&o, None, true)?;
            Ok(0)
        }
        Err(msg) => {
            super::say(&msg);
            Ok(2)
        }
    }
}

pub fn checks() -> anyhow::Result<u8> {
    use wsus_doctor::checks::catalogue::CATALOGUE;
    let mut o = String::new();
    for c in CATALOGUE {
        o.push_str(&format!(
            "{:<24} {:<40} {}\n",
            c.id,
            c.title,
            c.stage.title()
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
        }) => super::collect::live_diagnose(&a),
        _ => anyhow::bail!("the default diagnose settings do not parse"),
    }
}
