//! Command-line flags (definitions with their help) and the commands behind them.

mod collect;
mod commands;
mod explain;
mod export;
mod help;
mod logs;
mod probe;
mod progress;

use clap::{Args, Parser, Subcommand};
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::Mutex;
use wsus_doctor::evidence::text::{AnsiHint, CodePage};
use wsus_doctor::evidence::window;
use wsus_doctor::facts::StatedZone;
use wsus_doctor::i18n::Lang;
use wsus_doctor::report::redact::Redactor;
use wsus_doctor::report::Format;

#[derive(Parser, Debug)]
#[command(
    name = "wsus-doctor",
    version,
    about = "Finds out why Windows Update clients cannot talk to their WSUS server, and says what to fix.",
    long_about = "Finds out why Windows Update clients cannot talk to their WSUS server, and says what to fix.\n\n\
        Give it evidence (files, folders or .zip bundles collected from the WSUS server and its clients) and it runs \
        every check of Microsoft's guide KB4025764, and more, on it: `wsus-doctor PATH...` is short for \
        `wsus-doctor diagnose PATH...`. On Windows, without arguments, it diagnoses the machine it runs on.\n\n\
        Exit status: 0 when no check fails, 1 when a check fails, 2 when the tool could not run (a path \
        that does not exist, a mistyped command or option value, no file recognised as evidence).",
    after_help = "Examples:\n  wsus-doctor examples/wsuspool-503\n  wsus-doctor diagnose --format json --output report.json bundle.zip\n  wsus-doctor explain 0x80072EE2\n  wsus-doctor inventory C:\\evidence"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The language of reports and messages: en or ja. Default: the language of LC_ALL,
    /// LC_MESSAGES or LANG (on Windows without them, the display language).
    #[arg(long, global = true, value_enum, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// The language chosen for this run (`--lang`, else the environment's).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language of this run's reports and messages.
pub fn lang() -> Lang {
    *LANG.get_or_init(Lang::from_env)
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run every check on the evidence and report the findings (the default command).
    Diagnose(DiagnoseArgs),
    /// List the evidence files found, the kind recognised for each and what was read from it.
    Inventory(InventoryArgs),
    /// Explain a code: an HTTP status (503, 403.16), an HRESULT (0x80072EE2), an HTTPERR reason
    /// (QueueFull), win32:N, event:N, or a check id (server.app-pool).
    Explain(ExplainArgs),
    /// List the checks with their ids, in the order of the guide.
    Checks,
    /// Test WSUS servers over the network the way Windows Update would: URL, DNS, TCP, TLS, the
    /// client endpoints and GetConfig, naming the HRESULT a client would log for each failure.
    Probe(probe::ProbeArgs),
    /// On Windows: gather this machine's evidence into a zip (with a manifest) to diagnose
    /// anywhere with `wsus-doctor diagnose FILE.zip`. Nothing on the machine is changed.
    Collect(CollectArgs),
    /// Analyse IIS or HTTPERR logs: status and endpoint tables, failing clients, 503 bursts,
    /// reason episodes, a per-hour histogram and the findings.
    Logs(logs::LogsArgs),
}

#[derive(Args, Debug)]
pub struct CollectArgs {
    /// The zip to write (default: wsus-doctor-MACHINE-DATE-TIME.zip in the current folder).
    #[arg(long, short = 'o', value_name = "FILE.zip")]
    pub output: Option<PathBuf>,
    /// Gather logs modified in the last N days only.
    #[arg(long, value_name = "N", default_value_t = wsus_doctor::collect::DEFAULT_DAYS)]
    pub days: u32,
    /// On Windows 10 and later, rebuild WindowsUpdate.log from its ETW traces with
    /// Get-WindowsUpdateLog (takes a minute or two).
    #[arg(long)]
    pub windows_update_log: bool,
    /// In the zip: the text files redacted (a copy; nothing on the machine changes); binary
    /// files (event logs .evtx) are left out, since they cannot be.
    #[command(flatten)]
    pub redact: RedactArgs,
}

#[derive(Args, Debug)]
pub struct DiagnoseArgs {
    /// Evidence files, folders (read recursively) and .zip or .gz files.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Text format: every finding with its evidence, explanation, fix and sources, and the
    /// timeline (by default: the diagnosis, then the failing and warning findings in brief).
    #[arg(long, short = 'v')]
    pub verbose: bool,
    /// A client's IP address, to look for in the server's logs (repeatable; adds to the addresses
    /// found in ipconfig /all output).
    #[arg(long = "client-ip", value_name = "IP", value_parser = ip_address)]
    pub client_ips: Vec<String>,
    /// The UTC offset of the clients' log times that carry no zone (the Windows 10
    /// WindowsUpdate.log): +09:00, -05:00, Z, or a time zone name such as Asia/Tokyo. Without it,
    /// the offset is assumed from the client's ConfigMgr logs, else from the one offset at which
    /// its time-outs line up with the server's 503 bursts, else UTC.
    #[arg(long, value_name = "ZONE", value_parser = zone_arg)]
    pub client_tz: Option<StatedZone>,
    /// The ANSI code page of evidence text that is not Unicode: 932 for Japanese Windows, 1252
    /// for Western European and English. Without it, the code page is the one the evidence
    /// states (collect manifest, Nls\CodePage\ACP in a registry export), else the one the
    /// text's bytes fit; `inventory` shows which was chosen and why.
    #[arg(long, value_name = "CODEPAGE")]
    pub codepage: Option<CodePage>,
    /// Also probe the WUServer URL of the client policy found in the evidence over the network.
    #[arg(long)]
    pub probe: bool,
    #[command(flatten)]
    pub probe_settings: probe::ProbeSettings,
    /// Analyse the server logs (IIS, HTTPERR) and event logs from this UTC time on (YYYY-MM-DD or
    /// YYYY-MM-DD HH:MM) instead of the last 14 days up to the newest server log.
    #[arg(long, value_name = "TIME", conflicts_with = "all_history")]
    pub since: Option<String>,
    /// Analyse them up to this UTC time (a date alone includes that whole day).
    #[arg(long, value_name = "TIME", conflicts_with = "all_history")]
    pub until: Option<String>,
    /// Analyse every server and event log, however old (by default the last 14 days up to the
    /// newest server log).
    #[arg(long)]
    pub all_history: bool,
    /// Live diagnosis (no paths, on Windows): read logs modified in the last N days only.
    #[arg(long, value_name = "N", default_value_t = wsus_doctor::collect::DEFAULT_DAYS)]
    pub days: u32,
    /// Live diagnosis on Windows 10 and later: rebuild WindowsUpdate.log from its ETW traces with
    /// Get-WindowsUpdateLog (takes a minute or two).
    #[arg(long)]
    pub windows_update_log: bool,
    #[command(flatten)]
    pub redact: RedactArgs,
}

/// `--redact` and `--redact-map`, shared by every command that reports on evidence.
#[derive(Args, Debug, Clone, Default)]
pub struct RedactArgs {
    /// Replace host names, FQDNs and domains, IPv4 and IPv6 addresses, accounts and SIDs, and
    /// certificate subjects with stable pseudonyms (server-1, client-2, ip-3, domain-1, user-1),
    /// to share the output; the diagnosis is made before, so it is the same.
    #[arg(long)]
    pub redact: bool,
    /// With --redact: also write which pseudonym stands for which identifier to this JSON file
    /// (keep it to yourself; it is what undoes the redaction).
    #[arg(long, value_name = "FILE", requires = "redact")]
    pub redact_map: Option<PathBuf>,
}

/// The output formats of `inventory`, `logs` and `explain`: tables and definitions have no HTML
/// rendering, so `--format html` is refused there rather than silently printed as text.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct InventoryArgs {
    /// Evidence files, folders (read recursively) and .zip or .gz files.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
    /// The ANSI code page of evidence text that is not Unicode: 932 for Japanese Windows, 1252
    /// for Western European and English. Without it, the code page is the one the evidence
    /// states (collect manifest, Nls\CodePage\ACP in a registry export), else the one the
    /// text's bytes fit; `inventory` shows which was chosen and why.
    #[arg(long, value_name = "CODEPAGE")]
    pub codepage: Option<CodePage>,
    #[command(flatten)]
    pub redact: RedactArgs,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// The code to explain (a negative decimal HRESULT such as -2147012894 is accepted as is).
    #[arg(allow_hyphen_values = true)]
    pub code: String,
    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = TableFormat::Text)]
    pub format: TableFormat,
}

/// An IPv4 or IPv6 address, as the logs write it; anything else is refused before it can match
/// nothing and read as "the network blocks the client".
pub(crate) fn ip_address(s: &str) -> Result<String, String> {
    s.trim()
        .parse::<std::net::IpAddr>()
        .map(|ip| ip.to_string())
        .map_err(|_| words(wsus_doctor::tr!("cli-not-an-address", value = s)))
}

/// `--since` of `logs`, its complaint in the reader's language.
pub(crate) fn since_arg(s: &str) -> Result<i64, String> {
    window::parse_since(s).map_err(words)
}

/// `--until` of `logs`.
pub(crate) fn until_arg(s: &str) -> Result<i64, String> {
    window::parse_until(s).map_err(words)
}

/// `--client-tz`.
fn zone_arg(s: &str) -> Result<StatedZone, String> {
    StatedZone::parse(s).map_err(words)
}

/// Paths that do not exist stop the run before anything is read: a report that silently leaves
/// out a mistyped bundle would look complete.
pub(crate) fn require_existing(paths: &[PathBuf]) -> anyhow::Result<()> {
    let missing: Vec<String> = paths
        .iter()
        // `-` is standard input, read as one evidence file.
        .filter(|p| p.as_os_str() != "-" && !p.exists())
        .map(|p| p.display().to_string())
        .collect();
    match missing.as_slice() {
        [] => Ok(()),
        [one] => anyhow::bail!("{one}: {}", words(wsus_doctor::tr!("io-not-found"))),
        many => anyhow::bail!(
            "{}",
            words(wsus_doctor::tr!(
                "cli-missing-paths",
                paths = many.join(", ")
            ))
        ),
    }
}

const SUBCOMMANDS: &[&str] = &[
    "diagnose",
    "inventory",
    "explain",
    "checks",
    "probe",
    "collect",
    "logs",
    "help",
];

/// `--codepage N` as the analysis takes it.
fn codepage_hint(codepage: Option<CodePage>) -> Option<AnsiHint> {
    codepage.map(|code_page| AnsiHint {
        code_page,
        source: wsus_doctor::tr!("code-page-given", code_page = code_page.to_string()),
    })
}

/// With `--redact`, what redacts the messages on standard error: the report's own redactor once
/// there is a report, so that a file or machine a message names goes by its pseudonym there.
static MESSAGE_REDACTOR: Mutex<Option<Redactor>> = Mutex::new(None);

fn message_redactor() -> std::sync::MutexGuard<'static, Option<Redactor>> {
    // A panic while a message was redacted leaves nothing half-done that matters.
    MESSAGE_REDACTOR.lock().unwrap_or_else(|e| e.into_inner())
}

/// `--redact`: from now on, messages are redacted by `redactor`.
pub(crate) fn redact_messages_with(redactor: Redactor) {
    *message_redactor() = Some(redactor);
}

/// `--redact`: messages are redacted from the start, before there is any report, with the
/// machine names the inputs' paths carry already learnt (`PC-0042.zip`).
pub(crate) fn redact_messages(args: &RedactArgs, inputs: &[PathBuf]) {
    if args.redact {
        let mut r = Redactor::new();
        for input in inputs {
            r.learn_path(&input.display().to_string());
        }
        redact_messages_with(r);
    }
}

/// Lets the message redactor learn more (the paths of files that were found), when there is one.
pub(crate) fn learn_for_messages(learn: impl FnOnce(&mut Redactor)) {
    if let Some(r) = message_redactor().as_mut() {
        learn(r);
    }
}

/// A message on standard error. It may name files from archives or quote evidence, so it is
/// escaped like every other text output, and redacted with `--redact`.
/// [`say`] in the reader's language.
pub(crate) fn say_text(message: wsus_doctor::i18n::Text) {
    say(&words(message));
}

/// A sentence in the reader's language, for an error or a message on standard error.
pub(crate) fn words(message: wsus_doctor::i18n::Text) -> String {
    message.local(lang()).into_owned()
}

/// An input that could not be read, on standard error.
pub(crate) fn say_problem(p: &wsus_doctor::evidence::InputProblem) {
    say(&format!("{}: {}", p.path, p.message.local(lang())));
}

pub(crate) fn say(message: &str) {
    let redacted = message_redactor().as_mut().map(|r| r.apply(message));
    eprintln!(
        "wsus-doctor: {}",
        wsus_doctor::report::terminal::escape(redacted.as_deref().unwrap_or(message))
    );
}

/// [`say`] for an error the tool composed over several lines (what was seen instead of
/// evidence): its line breaks are kept, every other control character escaped. Whoever composes
/// such a message escapes the evidence text it quotes, so a line break in a file name cannot pass.
pub(crate) fn say_lines(message: &str) {
    let redacted = message_redactor().as_mut().map(|r| r.apply(message));
    let text = redacted.as_deref().unwrap_or(message);
    let lines: Vec<_> = text
        .split('\n')
        .map(wsus_doctor::report::terminal::escape)
        .collect();
    eprintln!("wsus-doctor: {}", lines.join("\n"));
}

/// `wsus-doctor PATH...` means `wsus-doctor diagnose PATH...`.
fn with_default_command(mut args: Vec<OsString>) -> Vec<OsString> {
    // `--lang` may come before the command (`wsus-doctor --lang ja --help`).
    let mut first_index = 1;
    while let Some(a) = args.get(first_index).and_then(|a| a.to_str()) {
        if a == "--lang" {
            first_index += 2;
        } else if a.starts_with("--lang=") {
            first_index += 1;
        } else {
            break;
        }
    }
    if let Some(first) = args.get(first_index).and_then(|a| a.to_str()) {
        let top_level_flag = matches!(first, "-h" | "--help" | "-V" | "--version");
        if !SUBCOMMANDS.contains(&first) && !top_level_flag {
            args.insert(1, "diagnose".into());
        }
    }
    args
}

/// The subcommand a mistyped first argument most likely meant: only for an argument that is not
/// an existing path (a folder may well be called `logs`), within two edits of a subcommand.
fn misspelt_subcommand(first: &str) -> Option<&'static str> {
    if SUBCOMMANDS.contains(&first)
        || first.starts_with('-')
        || std::path::Path::new(first).exists()
    {
        return None;
    }
    let lower = first.to_ascii_lowercase();
    SUBCOMMANDS
        .iter()
        .map(|s| (strsim::damerau_levenshtein(&lower, s), *s))
        .filter(|(d, s)| *d <= 2 && *d < s.len() / 2 + 1)
        .min_by_key(|(d, _)| *d)
        .map(|(_, s)| s)
}

/// Runs the command line; returns the exit status.
pub fn run(args: Vec<OsString>) -> anyhow::Result<u8> {
    // The language is known before the arguments are checked, so that the complaints about
    // them are in it too; `--lang` is read the way the parser reads it.
    let lang = help::requested(&args);
    let _ = LANG.set(lang);
    // The first word that is not `--lang` and its value is where a command would be.
    let mut words_given = args.iter().skip(1).filter_map(|a| a.to_str());
    let mut first = words_given.next();
    while let Some(w) = first.filter(|w| *w == "--lang" || w.starts_with("--lang=")) {
        if w == "--lang" {
            words_given.next();
        }
        first = words_given.next();
    }
    if let Some(first) = first {
        if let Some(meant) = misspelt_subcommand(first) {
            say_lines(&words(wsus_doctor::tr!(
                "cli-misspelt-command",
                given = first,
                meant = meant
            )));
            return Ok(2);
        }
    }
    let args = with_default_command(args);
    let parsed = help::command(lang)
        .try_get_matches_from(args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m));
    let cli = match parsed {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            match help::parse_error(&e, lang) {
                Some(message) => eprintln!("{message}"),
                None => e.print()?,
            }
            return Ok(code);
        }
    };
    debug_assert!(cli.lang.is_none_or(|l| l == lang));
    match cli.command {
        Some(Command::Diagnose(a)) => commands::diagnose(a),
        Some(Command::Inventory(a)) => commands::inventory(a),
        Some(Command::Explain(a)) => commands::explain(a),
        Some(Command::Checks) => commands::checks(),
        Some(Command::Probe(a)) => probe::probe(a),
        Some(Command::Collect(a)) => collect::collect(a),
        Some(Command::Logs(a)) => logs::logs(a),
        None => commands::no_arguments(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        with_default_command(v.iter().map(OsString::from).collect())
            .into_iter()
            .map(|s| s.into_string().unwrap())
            .collect()
    }

    #[test]
    fn paths_alone_mean_diagnose() {
        assert_eq!(args(&["w", "bundle.zip"]), ["w", "diagnose", "bundle.zip"]);
        assert_eq!(
            args(&["w", "--format", "json", "x"]),
            ["w", "diagnose", "--format", "json", "x"]
        );
        assert_eq!(args(&["w", "explain", "503"]), ["w", "explain", "503"]);
        assert_eq!(args(&["w", "--help"]), ["w", "--help"]);
        assert_eq!(
            args(&["w", "--lang", "ja", "--help"]),
            ["w", "--lang", "ja", "--help"]
        );
        assert_eq!(
            args(&["w", "--lang=ja", "bundle.zip"]),
            ["w", "diagnose", "--lang=ja", "bundle.zip"]
        );
    }

    #[test]
    fn typos_of_subcommands_are_recognised_but_paths_are_not() {
        assert_eq!(misspelt_subcommand("inventroy"), Some("inventory"));
        assert_eq!(misspelt_subcommand("expalin"), Some("explain"));
        assert_eq!(misspelt_subcommand("Diagnos"), Some("diagnose"));
        assert_eq!(misspelt_subcommand("log"), Some("logs"));
        assert_eq!(misspelt_subcommand("bundle.zip"), None);
        assert_eq!(misspelt_subcommand("logs"), None);
        assert_eq!(misspelt_subcommand("--format"), None);
        // An existing path wins over a resemblance.
        assert_eq!(misspelt_subcommand("src"), None);
        assert_eq!(misspelt_subcommand("C:\\evidence"), None);
    }
}
