//! `wsus-doctor logs iis|httperr PATH...`: the analyst's view of IIS and HTTP.sys error logs —
//! status and endpoint tables, failing clients, 503 bursts, reason episodes, a per-hour histogram,
//! and the findings of the matching check.

use super::export;
use super::progress::Progress;
use super::TableFormat as Format;
use anyhow::Context as _;
use std::fmt::Write as _;
use std::io::Write;
use wsus_doctor::evidence::{self, archive::Limits, text::TextEncoding, window, Kind};
use wsus_doctor::facts::iis_log::{Family, Filter};
use wsus_doctor::facts::{Context, Facts};
use wsus_doctor::finding::Finding;
use wsus_doctor::i18n::{Lang, Text};
use wsus_doctor::pipeline;
use wsus_doctor::report::logs::{self as model, FileRead, HttperrLogsReport, IisLogsReport};
use wsus_doctor::report::style::{
    clip, dim, heading, pad, pad_start, paint, status as status_style, strong,
};
use wsus_doctor::report::terminal::escape;
use wsus_doctor::tr;
use wsus_doctor::values::time::{format_utc, format_utc_range};

/// Which logs `wsus-doctor logs` reads.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogKind {
    /// IIS W3C logs (u_ex*.log).
    Iis,
    /// HTTP.sys error logs (httperr*.log).
    Httperr,
}

#[derive(clap::Args, Debug)]
pub struct LogsArgs {
    /// The kind of log to analyse.
    #[arg(value_enum)]
    pub kind: LogKind,
    /// Log files, folders (read recursively, e.g. a whole W3SVC folder) and .zip or .gz files.
    #[arg(required = true)]
    pub paths: Vec<std::path::PathBuf>,
    /// Output format (text or json).
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only records at or after this UTC time (YYYY-MM-DD or YYYY-MM-DD HH:MM).
    #[arg(long, value_name = "TIME", value_parser = super::since_arg)]
    pub since: Option<i64>,
    /// Only records at or before this UTC time (a date alone includes that whole day).
    #[arg(long, value_name = "TIME", value_parser = super::until_arg)]
    pub until: Option<i64>,
    /// Only records of this client address.
    #[arg(long, value_name = "IP", value_parser = super::ip_address)]
    pub client: Option<String>,
    /// Rows shown in the top-N tables.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub top: usize,
    /// Instead of the analysis, write the records themselves in this format into the folder
    /// given by --output: one file per log, one row per record (the filters apply). Needs a
    /// build with the `parquet` cargo feature.
    #[arg(long, value_enum, value_name = "FORMAT", requires = "output")]
    pub export: Option<ExportFormat>,
    /// The folder --export writes into (created if missing; never one of the inputs or a folder
    /// inside one). Files of the same name from an earlier export are replaced.
    #[arg(long, short = 'o', value_name = "DIR", requires = "export")]
    pub output: Option<std::path::PathBuf>,
    /// Not with --export: the records are the evidence itself, written as they are.
    #[command(flatten)]
    pub redact: super::RedactArgs,
}

/// What `--export` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Apache Parquet: typed columns, dictionary-encoded strings, zstd (docs/fleet.md).
    Parquet,
}

/// The inputs that could not be read, on standard error.
fn tell(problems: &[evidence::InputProblem]) {
    for p in problems {
        super::say_problem(p);
    }
}

pub fn logs(a: LogsArgs) -> anyhow::Result<u8> {
    super::redact_messages(&a.redact, &a.paths);
    super::require_existing(&a.paths)?;
    if a.redact.redact && a.export.is_some() {
        super::say_text(tr!("logs-redact-export"));
        return Ok(2);
    }
    super::commands::refuse_map_over_evidence(&a.redact, &a.paths)?;
    let out_dir = match (a.export, &a.output) {
        (Some(format), Some(dir)) => {
            // The evidence comes first: an output among the inputs is refused whatever the build.
            let checked = match wsus_doctor::export::check_output_dir(dir, &a.paths) {
                Ok(d) => d,
                Err(e) => {
                    super::say(&e);
                    return Ok(2);
                }
            };
            if let Some(why) = export::unsupported(format) {
                eprintln!("wsus-doctor: {why}");
                return Ok(2);
            }
            Some(checked)
        }
        _ => None,
    };
    let (since, until) = (a.since, a.until);
    let filter = Filter {
        since,
        until,
        client: a.client.as_ref().map(|c| c.as_bytes().to_vec()),
    };
    let want = match a.kind {
        LogKind::Iis => Kind::IisW3c,
        LogKind::Httperr => Kind::Httperr,
    };
    let mut set = evidence::discover(&a.paths, &Limits::default());
    // With --redact they are told once the output has given its pseudonyms.
    let mut untold = std::mem::take(&mut set.problems);
    if !a.redact.redact {
        tell(&std::mem::take(&mut untold));
    }
    // Looked at once, on every core (a server's years of daily logs are a thousand files), and
    // the looks handed on with the files kept.
    let mut looks = Vec::with_capacity(set.files.len());
    let mut looked = evidence::sniff_all(&set.files).into_iter();
    set.files.retain(|_| match looked.next() {
        Some(Ok(look)) if look.kind == Some(want) => {
            looks.push(Ok(look));
            true
        }
        _ => false,
    });
    if set.files.is_empty() {
        super::learn_for_messages(|r| untold.iter().for_each(|p| r.learn_path(&p.path)));
        tell(&untold);
        super::say_text(tr!(
            "logs-none-found",
            what = match want {
                Kind::IisW3c => tr!("logs-iis"),
                _ => tr!("logs-httperr"),
            },
            paths = super::commands::list(&a.paths)
        ));
        return Ok(2);
    }
    if let Some(dir) = out_dir {
        let chosen: Vec<(&evidence::EvidenceFile, TextEncoding)> = set
            .files
            .iter()
            .zip(&looks)
            .map(|(f, look)| {
                let enc = look.as_ref().ok().and_then(|l| l.encoding);
                (f, enc.unwrap_or(TextEncoding::UTF8))
            })
            .collect();
        let total: u64 = chosen.iter().map(|(f, _)| f.size).sum();
        return export::parquet(&dir, &chosen, want, &filter, a.format, total);
    }
    // Everything is read unless a window is given; files wholly outside it are not opened.
    let window = if since.is_some() || until.is_some() {
        window::apply_looked(
            &mut set,
            &mut looks,
            window::Request::Range { since, until },
        )
    } else {
        None
    };
    let total: u64 = set.files.iter().map(|f| f.size).sum();
    let bar = Progress::start(total);
    let (merged, inventory) = pipeline::analyse_sniffed(&set, looks, Context::default(), &filter);
    drop(bar);
    let mut files: Vec<FileRead> = inventory
        .files
        .into_iter()
        .map(|e| FileRead {
            path: e.path,
            records: e.records,
            malformed: e.malformed,
            notes: e.notes,
            error: e.error,
            left_out: None,
        })
        .collect();
    for f in window.map(|w| w.left_out).unwrap_or_default() {
        files.push(FileRead {
            path: f.path,
            records: 0,
            malformed: 0,
            notes: Vec::new(),
            error: None,
            left_out: Some(tr!("logs-left-out", by = f.by.describe())),
        });
    }
    let top = a.top.max(1);
    // Redacting text needs the identifiers its JSON form holds (client addresses, hosts).
    let json_too = a.format == Format::Json || a.redact.redact;
    let read: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    let (status, mut text, mut json) = match want {
        Kind::IisW3c => {
            let r = IisLogsReport::build(&merged, files, top);
            let text = (a.format == Format::Text).then(|| iis_text(&merged, &r, top));
            let json = json_too.then(|| serde_json::to_value(&r)).transpose()?;
            (model::exit_status(&r.files, &r.findings), text, json)
        }
        _ => {
            let r = HttperrLogsReport::build(&merged, files);
            let text = (a.format == Format::Text).then(|| httperr_text(&merged, &r));
            let json = json_too.then(|| serde_json::to_value(&r)).transpose()?;
            (model::exit_status(&r.files, &r.findings), text, json)
        }
    };
    if a.redact.redact {
        let mut redactor = wsus_doctor::report::redact::Redactor::new();
        let paths = a.paths.iter().map(|p| p.display().to_string());
        let paths = paths
            .chain(read)
            .chain(untold.iter().map(|p| p.path.clone()));
        for path in paths {
            redactor.learn_path(&path);
        }
        if let Some(j) = &mut json {
            redactor.json(j);
        }
        if let Some(t) = &mut text {
            *t = redactor.apply(t);
        }
        super::commands::write_redact_map(&redactor, &a.redact)?;
        super::redact_messages_with(redactor);
        tell(&untold);
    }
    let json = json.filter(|_| a.format == Format::Json);
    if let Some(j) = json {
        let mut out = std::io::stdout().lock();
        out.write_all((serde_json::to_string_pretty(&j)? + "\n").as_bytes())
            .context("cannot write to standard output")?;
    }
    if let Some(t) = text {
        let mut out = anstream::stdout().lock();
        out.write_all(t.as_bytes())
            .context("cannot write to standard output")?;
    }
    Ok(status)
}

/// A column heading in the reader's language, padded (or, with `right`, right-aligned) to
/// `width` display columns.
fn col(text: Text, width: usize, right: bool) -> String {
    let t = super::words(text);
    if right {
        pad_start(&t, width)
    } else {
        pad(&t, width)
    }
}

fn header(o: &mut String, what: Text, files: &[FileRead]) {
    let records: u64 = files.iter().map(|f| f.records).sum();
    let malformed: u64 = files.iter().map(|f| f.malformed).sum();
    let left_out = files.iter().filter(|f| f.left_out.is_some()).count();
    let read = files.len() - left_out;
    let title = tr!(
        "logs-header",
        what = what,
        records = records,
        files = read,
        malformed = malformed,
        left_out = left_out
    );
    o.push_str(&paint(heading(), &super::words(title)));
    o.push('\n');
    for f in files {
        if let Some(why) = &f.left_out {
            o.push_str(&paint(
                dim(),
                &format!("  {}: {}", f.path, super::words(why.clone())),
            ));
            o.push('\n');
            continue;
        }
        let mut line = super::words(tr!(
            "logs-file-records",
            path = &f.path,
            records = f.records
        ));
        if f.malformed > 0 {
            line.push_str(&super::words(tr!(
                "logs-file-malformed",
                malformed = f.malformed
            )));
        }
        for n in &f.notes {
            line.push_str(&super::words(tr!("logs-file-note", note = n)));
        }
        if let Some(e) = &f.error {
            line.push_str(&super::words(tr!("logs-file-error", error = e)));
        }
        o.push_str(&paint(dim(), &line));
        o.push('\n');
    }
}

fn pct(n: u64, total: u64) -> String {
    if total == 0 {
        "-".into()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / total as f64)
    }
}

fn bar(n: u64, max: u64, width: usize) -> String {
    if max == 0 {
        return String::new();
    }
    let len = ((n as f64 / max as f64) * width as f64).round() as usize;
    "█".repeat(len.max(usize::from(n > 0)))
}

fn findings_text(o: &mut String, findings: &[Finding]) {
    o.push_str(&paint(heading(), &super::words(tr!("logs-findings"))));
    o.push('\n');
    for f in findings {
        let _ = writeln!(
            o,
            "  {} {}",
            paint(
                status_style(f.status),
                &format!("[{}]", super::words(f.status.word()))
            ),
            paint(strong(), &f.title.local(super::lang()))
        );
        let _ = writeln!(o, "    {}", escape(&f.summary.local(super::lang())));
        for e in f.evidence.iter().take(3) {
            let _ = writeln!(
                o,
                "    {}",
                paint(
                    dim(),
                    &format!(
                        "{}{}",
                        e.location,
                        e.excerpt
                            .as_deref()
                            .map(|x| format!(": {x}"))
                            .unwrap_or_default()
                    )
                )
            );
        }
    }
}

/// What an HTTP status means: its reason phrase in English, the sentence of the code table in
/// another language.
fn status_meaning(status: u16, substatus: u32) -> String {
    let Some(e) = wsus_doctor::knowledge::http_status::lookup(status, Some(substatus)) else {
        return String::new();
    };
    match super::lang() {
        Lang::En => e.name.to_string(),
        lang => e.meaning().local(lang).into_owned(),
    }
}

fn iis_text(f: &Facts, r: &IisLogsReport, top: usize) -> String {
    let iis = &f.iis_log;
    let mut o = String::new();
    header(&mut o, tr!("logs-iis"), &r.files);
    if iis.is_empty() {
        o.push_str(&super::words(tr!("logs-no-records")));
        o.push('\n');
        return o;
    }
    let a = &iis.agg;
    if let Some((s, e)) = iis.time_span() {
        let _ = writeln!(
            o,
            "{}\n",
            super::words(tr!(
                "logs-iis-span",
                span = format_utc_range(s, e),
                clients = a.clients.len(),
                servers = a.servers.len()
            ))
        );
    }
    o.push_str(&paint(
        heading(),
        &format!(
            "{} {} {}  {}",
            col(tr!("logs-col-status"), 12, false),
            col(tr!("logs-col-requests"), 12, true),
            col(tr!("logs-col-share"), 7, true),
            super::words(tr!("logs-col-meaning"))
        ),
    ));
    o.push('\n');
    for ((s, sub), n) in iis.status_table().into_iter().take(top.max(10)) {
        let _ = writeln!(
            o,
            "{:<12} {:>12} {:>7}  {}",
            format!("{s}.{sub}"),
            n,
            pct(n, a.total.records),
            status_meaning(s, sub)
        );
    }
    let w32 = iis.win32_table();
    if !w32.is_empty() {
        o.push('\n');
        o.push_str(&paint(
            heading(),
            &format!(
                "{} {}  {}",
                col(tr!("logs-col-win32"), 12, false),
                col(tr!("logs-col-requests"), 12, true),
                super::words(tr!("logs-col-meaning"))
            ),
        ));
        o.push('\n');
        for (code, n) in w32.into_iter().take(top) {
            let name = wsus_doctor::knowledge::win32::lookup(code).map_or("", |e| e.name);
            let _ = writeln!(o, "{:<12} {:>12}  {name}", code, n);
        }
    }
    o.push('\n');
    o.push_str(&paint(
        heading(),
        &format!(
            "{} {} {} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
            col(tr!("logs-col-endpoint"), 22, false),
            col(tr!("logs-col-requests"), 11, true),
            col(tr!("logs-col-ok"), 9, true),
            "401",
            "403",
            "404",
            "5xx",
            "p50 ms",
            "p95 ms",
            "p99 ms"
        ),
    ));
    o.push('\n');
    for (fam, fa) in Family::ALL.iter().zip(a.families.iter()) {
        if fa.requests == 0 {
            continue;
        }
        let count = |pred: &dyn Fn(u16) -> bool| -> u64 {
            fa.statuses
                .iter()
                .filter(|(s, _)| pred(*s))
                .map(|(_, n)| n)
                .sum()
        };
        let p = |q: f64| fa.percentile(q).map_or("-".to_string(), |v| v.to_string());
        let _ = writeln!(
            o,
            "{:<22} {:>11} {:>9} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8}",
            fam.name(),
            fa.requests,
            count(&|s| (200..400).contains(&s)),
            count(&|s| s == 401),
            count(&|s| s == 403),
            count(&|s| s == 404),
            count(&|s| (500..600).contains(&s)),
            p(50.0),
            p(95.0),
            p(99.0)
        );
    }
    let failing = iis.top_failing_clients(top);
    if !failing.is_empty() {
        o.push('\n');
        o.push_str(&paint(
            heading(),
            &format!(
                "{} {} {}  {} {} {}",
                col(tr!("logs-col-top-failing"), 40, false),
                col(tr!("logs-col-requests"), 9, true),
                col(tr!("logs-col-failed"), 9, true),
                col(tr!("logs-col-first"), 20, false),
                col(tr!("logs-col-last"), 20, false),
                super::words(tr!("logs-col-statuses"))
            ),
        ));
        o.push('\n');
        for c in failing {
            let failed: u64 = c
                .statuses
                .iter()
                .filter(|(s, _)| **s >= 400)
                .map(|(_, n)| n)
                .sum();
            let st = c
                .statuses
                .iter()
                .map(|(s, n)| format!("{s}:{n}"))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(
                o,
                "{:<40} {:>9} {:>9}  {:<20} {:<20} {st}",
                escape(&c.ip),
                c.requests,
                failed,
                format_utc(c.first),
                format_utc(c.last)
            );
        }
    }
    let bursts = iis.bursts_503();
    if !bursts.is_empty() {
        o.push('\n');
        o.push_str(&paint(heading(), &super::words(tr!("logs-bursts"))));
        o.push('\n');
        for b in bursts.iter().take(top.max(10)) {
            let eps = b
                .endpoints
                .iter()
                .map(|(f, n)| format!("{f}:{n}"))
                .collect::<Vec<_>>()
                .join(" ");
            let _ = writeln!(
                o,
                "  {}  {}  {}{}",
                format_utc_range(b.first, b.last),
                super::words(tr!(
                    "logs-burst",
                    total = pad_start(&b.total.to_string(), 8),
                    peak = pad_start(&b.peak_per_minute.to_string(), 6)
                )),
                eps,
                b.server
                    .as_deref()
                    .map(|s| format!("  [{}]", escape(s)))
                    .unwrap_or_default()
            );
        }
    }
    let uas = iis.user_agents(top);
    if !uas.is_empty() {
        o.push('\n');
        o.push_str(&paint(
            heading(),
            &format!(
                "{} {}",
                col(tr!("logs-col-user-agent"), 70, false),
                col(tr!("logs-col-requests"), 12, true)
            ),
        ));
        o.push('\n');
        for (ua, n) in uas {
            let ua = if ua.is_empty() {
                "-".to_string()
            } else {
                escape(&ua).into_owned()
            };
            let shown = clip(&ua, 70);
            let _ = writeln!(o, "{} {n:>12}", pad(&shown, 70));
        }
    }
    let hours = iis.hourly();
    if !hours.is_empty() {
        o.push('\n');
        o.push_str(&paint(heading(), &super::words(tr!("logs-hourly"))));
        o.push('\n');
        let max = hours.iter().map(|h| h.1).max().unwrap_or(0);
        for (h, total, errors) in hours {
            let _ = writeln!(
                o,
                "  {} {:>10} {:>9}  {}",
                h.strftime("%Y-%m-%d %H:00"),
                total,
                errors,
                bar(total, max, 40)
            );
        }
    }
    o.push('\n');
    findings_text(&mut o, &r.findings);
    o
}

fn httperr_text(f: &Facts, r: &HttperrLogsReport) -> String {
    let h = &f.httperr;
    let mut o = String::new();
    header(&mut o, tr!("logs-httperr"), &r.files);
    if h.is_empty() {
        o.push_str(&super::words(tr!("logs-no-records")));
        o.push('\n');
        return o;
    }
    if let Some((s, e)) = h.time_span() {
        let _ = writeln!(o, "{}\n", format_utc_range(s, e));
    }
    o.push_str(&paint(
        heading(),
        &format!(
            "{} {} {}  {}",
            col(tr!("logs-col-reason"), 34, false),
            col(tr!("logs-col-queue"), 20, false),
            col(tr!("logs-col-records"), 9, true),
            super::words(tr!("logs-col-meaning"))
        ),
    ));
    o.push('\n');
    for ((reason, queue), a) in &h.reasons {
        let meaning = wsus_doctor::knowledge::httperr_reason::lookup(reason)
            .map(|e| e.meaning().local(super::lang()).into_owned())
            .unwrap_or_default();
        let short = clip(&meaning, 70);
        let _ = writeln!(
            o,
            "{:<34} {:<20} {:>9}  {short}",
            escape(reason),
            escape(queue.as_deref().unwrap_or("-")),
            a.count
        );
    }
    o.push('\n');
    o.push_str(&paint(heading(), &super::words(tr!("logs-episodes"))));
    o.push('\n');
    for e in h.episodes() {
        let _ = writeln!(
            o,
            "  {}  {:<34} {:<20} {:>7}",
            format_utc_range(e.start, e.end),
            escape(&e.reason),
            escape(e.queue.as_deref().unwrap_or("-")),
            e.count
        );
    }
    o.push('\n');
    findings_text(&mut o, &r.findings);
    o
}
