//! `wsus-doctor logs iis|httperr PATH... --export parquet --output DIR`: the records themselves as
//! Parquet files, one per log, and a summary of what was written.

use super::logs::ExportFormat;
use super::TableFormat as Format;
use std::path::Path;
use wsus_doctor::evidence::{text::TextEncoding, EvidenceFile, Kind};
use wsus_doctor::facts::iis_log::Filter;

/// Why this build cannot export in `format`, if it cannot.
pub fn unsupported(format: ExportFormat) -> Option<&'static str> {
    match format {
        ExportFormat::Parquet if !cfg!(feature = "parquet") => Some(
            "this build cannot write Parquet: build it with `cargo build --release --features parquet`",
        ),
        ExportFormat::Parquet => None,
    }
}

#[cfg(not(feature = "parquet"))]
pub fn parquet(
    _dir: &Path,
    _chosen: &[(&EvidenceFile, TextEncoding)],
    _kind: Kind,
    _filter: &Filter,
    _format: Format,
    _total: u64,
) -> anyhow::Result<u8> {
    super::say(unsupported(ExportFormat::Parquet).unwrap_or_default());
    Ok(2)
}

/// Exports the logs into `dir` (already checked to lie outside the inputs).
#[cfg(feature = "parquet")]
pub fn parquet(
    dir: &Path,
    chosen: &[(&EvidenceFile, TextEncoding)],
    kind: Kind,
    filter: &Filter,
    format: Format,
    total: u64,
) -> anyhow::Result<u8> {
    use anyhow::Context as _;
    use std::fmt::Write as _;
    use std::io::Write as _;
    use wsus_doctor::evidence::Body;
    use wsus_doctor::export::parquet::{export_all, Log};

    let log = if kind == Kind::IisW3c {
        Log::Iis
    } else {
        Log::Httperr
    };
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create the output folder {}", dir.display()))?;
    let displays: Vec<&str> = chosen.iter().map(|(f, _)| f.display.as_str()).collect();
    let targets: Vec<std::path::PathBuf> = wsus_doctor::export::output_names(&displays, "parquet")
        .into_iter()
        .map(|n| dir.join(n))
        .collect();
    // The folder is outside the inputs, but a log given by name may lie in it.
    for (f, _) in chosen {
        let Body::Disk(p) = &f.body else { continue };
        let Ok(input) = std::fs::canonicalize(p) else {
            continue;
        };
        if targets.contains(&input) {
            super::say(&format!(
                "exporting would overwrite the input {}: choose another output folder",
                f.display
            ));
            return Ok(2);
        }
    }
    let bar = super::progress::Progress::start(total);
    let results = export_all(chosen, log, filter, &targets);
    drop(bar);

    let mut text = String::new();
    let mut files = Vec::new();
    let (mut rows, mut failed) = (0u64, 0usize);
    for ((f, _), r) in chosen.iter().zip(&results) {
        match r {
            Ok(w) => {
                rows += w.rows;
                let ratio = if f.size > 0 {
                    format!(
                        ", {:.1}% of the log's size",
                        w.bytes as f64 * 100.0 / f.size as f64
                    )
                } else {
                    String::new()
                };
                let _ = write!(
                    text,
                    "  {} → {}: {} rows in {} row groups, {} bytes{ratio}",
                    w.input, w.output, w.rows, w.row_groups, w.bytes
                );
                if w.stats.malformed > 0 {
                    let _ = write!(text, "; {} malformed lines left out", w.stats.malformed);
                }
                if w.filtered_out > 0 {
                    let _ = write!(text, "; {} records outside the filters", w.filtered_out);
                }
                for n in &w.stats.notes {
                    let _ = write!(text, "; {n}");
                }
                text.push('\n');
                for m in &w.stats.malformed_examples {
                    super::say(&format!("{}:{}: {}", w.input, m.line, m.reason));
                }
                files.push(serde_json::to_value(w)?);
            }
            Err(e) => {
                failed += 1;
                let e = wsus_doctor::evidence::describe_io(e);
                super::say(&format!("{}: cannot export: {e}", f.display));
                let _ = writeln!(text, "  {}: not exported: {e}", f.display);
                files.push(serde_json::json!({ "input": f.display, "error": e }));
            }
        }
    }
    let out = if format == Format::Json {
        let doc = serde_json::json!({
            "schema": "wsus-doctor/export/v1",
            "format": "parquet",
            "layout": log.layout().id,
            "output": dir.display().to_string(),
            "rows": rows,
            "files": files,
        });
        serde_json::to_string_pretty(&doc)? + "\n"
    } else {
        format!(
            "Parquet export ({}) into {}: {} rows from {} logs\n{text}",
            log.layout().id,
            dir.display(),
            rows,
            results.len() - failed
        )
    };
    // The text names files from archives and quotes notes: escaped like every terminal output.
    let out = if format == Format::Json {
        out
    } else {
        out.lines()
            .map(|l| wsus_doctor::report::terminal::escape(l) + "\n")
            .collect()
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("cannot write to standard output")?;
    Ok(if failed == results.len() { 2 } else { 0 })
}
