//! `--help` in the reader's language. The English help is the commands' own documentation
//! (clap reads it from the definitions in this module's parent); the Japanese is the catalogue's
//! `help-*` messages, laid over it before parsing: `help-about`, `help-<command>-about`,
//! `help-<command>-<option>` (an option of the top level: `help-<option>`). Headings are clap's
//! own words, replaced through the template and each argument's heading.

use clap::{Command, CommandFactory};
use std::ffi::OsString;
use wsus_doctor::i18n::{self, Lang};

/// The language the command line asks for before it is parsed: `--lang ja` or `--lang=ja`
/// anywhere, else the environment's.
pub fn requested(args: &[OsString]) -> Lang {
    let mut words = args.iter().filter_map(|a| a.to_str());
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--lang") {
            Some("") => words.next(),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        match value {
            Some("ja") => return Lang::Ja,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_env()
}

/// The command line definition, its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let cmd = super::Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    let say = |id: &str| i18n::message(lang, id);
    let cmd = localize(cmd, "help", lang)
        .long_about(say("help-long-about"))
        .after_help(say("help-after"))
        .help_template(template(lang));
    let mut cmd = cmd.subcommand_help_heading(say("help-heading-commands"));
    // clap adds --help and --version when it builds the command; their help is set after.
    cmd.build();
    let options = say("help-heading-options");
    for (id, message) in [("help", "help-help"), ("version", "help-version")] {
        cmd = cmd.mut_arg(id, |a| a.help(say(message)).help_heading(options.clone()));
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        if name == "help" {
            cmd = cmd.mut_subcommand(name, |s| s.about(say("help-help-command")));
            continue;
        }
        cmd = cmd.mut_subcommand(name, |mut s| {
            s.build();
            if s.get_arguments().any(|a| a.get_id() == "help") {
                s = s.mut_arg("help", |a| {
                    a.help(say("help-help"))
                        .help_heading(say("help-heading-options"))
                });
            }
            s
        });
    }
    cmd
}

fn template(lang: Lang) -> String {
    format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
        i18n::message(lang, "help-heading-usage")
    )
}

/// `[既定: text] [指定できる値: text, json]` for an option that takes a value.
fn value_notes(arg: &clap::Arg, lang: Lang) -> String {
    if !arg.get_action().takes_values() {
        return String::new();
    }
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    let possible: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    let notes = [
        (!defaults.is_empty())
            .then(|| wsus_doctor::tr!("usage-default", value = defaults.join(", "))),
        (!possible.is_empty())
            .then(|| wsus_doctor::tr!("usage-possible-values", values = possible.join(", "))),
    ];
    notes
        .iter()
        .flatten()
        .map(|t| t.local(lang))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The message of `id` when the catalogue has it in `lang`.
fn lookup(lang: Lang, id: &str) -> Option<String> {
    i18n::has(lang, id).then(|| i18n::message(lang, id))
}

fn localize(mut cmd: Command, prefix: &str, lang: Lang) -> Command {
    if let Some(about) = lookup(lang, &format!("{prefix}-about")) {
        cmd = cmd.about(about.clone()).long_about(about);
    }
    let options = i18n::message(lang, "help-heading-options");
    let arguments = i18n::message(lang, "help-heading-arguments");
    let ids: Vec<(String, bool)> = cmd
        .get_arguments()
        .map(|a| (a.get_id().to_string(), a.is_positional()))
        .collect();
    for (id, positional) in ids {
        let name = id.replace('_', "-");
        let help = lookup(lang, &format!("{prefix}-{name}"))
            .or_else(|| lookup(lang, &format!("help-{name}")));
        let heading = if positional { &arguments } else { &options };
        cmd = cmd.mut_arg(&id, |mut a| {
            // clap words the default and the accepted values itself, in English: they are
            // said here instead, the values themselves being what is typed.
            let values = value_notes(&a, lang);
            if let Some(h) = help {
                let h = if values.is_empty() {
                    h
                } else {
                    format!("{h} {values}")
                };
                a = a.help(h.clone()).long_help(h);
            }
            let takes_values = a.get_action().takes_values();
            a.help_heading(heading.clone())
                .hide_default_value(takes_values)
                .hide_possible_values(takes_values)
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    let commands = i18n::message(lang, "help-heading-commands");
    let template = template(lang);
    for name in names {
        let prefix = format!("help-{name}");
        cmd = cmd.mut_subcommand(&name, |s| {
            localize(s, &prefix, lang)
                .help_template(template.clone())
                .subcommand_help_heading(commands.clone())
        });
    }
    cmd
}

/// The argument parser's complaint in the reader's language, for the complaints an
/// administrator meets (an option mistyped, a value not accepted, an argument missing); `None`
/// leaves it to the parser's own English words.
pub fn parse_error(e: &clap::Error, lang: Lang) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    use wsus_doctor::tr;
    if lang == Lang::En {
        return None;
    }
    let get = |kind: ContextKind| e.get(kind).map(|v| v.to_string()).unwrap_or_default();
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument => tr!("parse-unknown-argument", arg = arg),
        ErrorKind::InvalidSubcommand => tr!(
            "parse-unknown-command",
            command = get(ContextKind::InvalidSubcommand)
        ),
        ErrorKind::InvalidValue => tr!("parse-invalid-value", arg = arg, value = value),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            tr!("parse-rejected-value", arg = arg, value = value, why = why)
        }
        ErrorKind::MissingRequiredArgument => tr!("parse-missing", args = arg),
        ErrorKind::ArgumentConflict => tr!(
            "parse-conflict",
            arg = arg,
            prior = get(ContextKind::PriorArg)
        ),
        _ => return None,
    };
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        message = message.then(tr!("parse-valid-values", values = valid));
    }
    for suggested in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        let s = get(suggested);
        if !s.is_empty() {
            message = message.then(tr!("parse-did-you-mean", suggestion = s));
        }
    }
    let usage = get(ContextKind::Usage);
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    let mut out = tr!("parse-error", message = message)
        .local(lang)
        .into_owned();
    if !usage.is_empty() {
        let heading = i18n::message(lang, "help-heading-usage");
        out.push_str(&format!("\n\n{heading} {usage}"));
    }
    out.push_str("\n\n");
    out.push_str(&tr!("parse-more").local(lang));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_wins_over_the_environment_in_either_form() {
        assert_eq!(requested(&args(&["w", "--lang", "ja", "x"])), Lang::Ja);
        assert_eq!(requested(&args(&["w", "x", "--lang=ja"])), Lang::Ja);
        assert_eq!(requested(&args(&["w", "--lang", "en"])), Lang::En);
    }

    /// Every option and command has its Japanese help, and every `help-*` message names an
    /// option or command that exists (a renamed option would leave its message behind).
    #[test]
    fn every_option_and_command_has_japanese_help_and_no_message_is_stale() {
        // (the message prefix of a command, an option's name), and the commands' prefixes.
        let mut options: Vec<(String, String)> = Vec::new();
        let mut commands = vec!["help".to_string()];
        fn walk(
            cmd: &Command,
            prefix: &str,
            options: &mut Vec<(String, String)>,
            commands: &mut Vec<String>,
        ) {
            for a in cmd.get_arguments() {
                let id = a.get_id().as_str();
                if id == "help" || id == "version" || (prefix != "help" && id == "lang") {
                    continue;
                }
                options.push((prefix.to_string(), id.replace('_', "-")));
            }
            for s in cmd.get_subcommands() {
                let p = format!("help-{}", s.get_name());
                commands.push(p.clone());
                walk(s, &p, options, commands);
            }
        }
        walk(
            &super::super::Cli::command(),
            "help",
            &mut options,
            &mut commands,
        );
        let has = |id: &str| i18n::has(Lang::Ja, id);
        let mut missing: Vec<String> = options
            .iter()
            .filter(|(p, o)| !has(&format!("{p}-{o}")) && !has(&format!("help-{o}")))
            .map(|(p, o)| format!("{p}-{o}"))
            .collect();
        missing.extend(
            commands
                .iter()
                .map(|p| format!("{p}-about"))
                .filter(|id| !has(id)),
        );
        assert!(missing.is_empty(), "no Japanese help: {missing:?}");
        let fixed = [
            "help-long-about",
            "help-after",
            "help-help",
            "help-help-command",
            "help-version",
            "help-heading-usage",
            "help-heading-options",
            "help-heading-arguments",
            "help-heading-commands",
        ];
        let named = |id: &str| {
            fixed.contains(&id)
                || commands.iter().any(|p| id == format!("{p}-about"))
                || options
                    .iter()
                    .any(|(p, o)| id == format!("{p}-{o}") || id == format!("help-{o}"))
        };
        let stale: Vec<_> = i18n::ids(Lang::Ja)
            .into_iter()
            .filter(|id| id.starts_with("help-") && !named(id))
            .collect();
        assert!(stale.is_empty(), "help for nothing: {stale:?}");
    }

    #[test]
    fn japanese_help_renders_with_japanese_headings() {
        let help = command(Lang::Ja)
            .find_subcommand_mut("diagnose")
            .unwrap()
            .render_help()
            .to_string();
        assert!(help.contains("使い方:"), "{help}");
        assert!(help.contains("オプション:"), "{help}");
        assert!(!help.contains("Options:"), "{help}");
        assert!(help.contains("--client-tz"), "{help}");
    }
}
