//! The reader's language: every sentence a person reads comes from a Fluent catalogue
//! (`locales/en/*.ftl`, `locales/ja/*.ftl`), so each language keeps its own word order.
//!
//! Code builds a [`Text`] with [`tr!`](crate::tr): the message id and its arguments. The English
//! rendering is kept at once (JSON, logs and tests read it, and it is what `Deref` gives); the
//! renderers ask for the reader's language with [`Text::local`]. Commands, codes, ids, paths and
//! evidence excerpts are never messages: they stay as written.

mod text;

pub use text::{Arg, Text};

use std::collections::HashMap;
use unic_langid::{langid, LanguageIdentifier};

fluent_templates::static_loader! {
    static CATALOGUES = {
        locales: "./locales",
        fallback_language: "en",
        // Unicode isolation marks around every argument would show in terminals and break
        // copying a server name out of a sentence.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

static EN: LanguageIdentifier = langid!("en");
static JA: LanguageIdentifier = langid!("ja");

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Ja];

    /// The BCP 47 tag (`<html lang>`, the JSON report's `lang`).
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }

    /// The language of a POSIX locale name (`ja_JP.UTF-8`, `en_US`, `C`): Japanese for `ja`,
    /// English for anything else.
    pub fn of_locale(name: &str) -> Option<Lang> {
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let language = name
            .split(['_', '.', '@', '-'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        Some(if language == "ja" { Lang::Ja } else { Lang::En })
    }

    /// The language the environment asks for, in POSIX order of precedence (`LC_ALL`, then
    /// `LC_MESSAGES`, then `LANG`); on Windows without those, the user's display language.
    pub fn from_env() -> Lang {
        Self::from_vars(|name| std::env::var(name).ok()).unwrap_or_else(Self::of_system)
    }

    fn from_vars(var: impl Fn(&str) -> Option<String>) -> Option<Lang> {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|name| var(name).and_then(|v| Lang::of_locale(&v)))
    }

    #[cfg(windows)]
    fn of_system() -> Lang {
        // SAFETY: GetUserDefaultUILanguage takes no arguments and only returns a LANGID.
        let id = unsafe { windows_sys::Win32::Globalization::GetUserDefaultUILanguage() };
        // The primary language is the LANGID's low 10 bits; LANG_JAPANESE is 0x11.
        if id & 0x3ff == 0x11 {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    #[cfg(not(windows))]
    fn of_system() -> Lang {
        Lang::En
    }
}

/// Names an argument's value for a message. Strings, numbers and other messages can be
/// arguments (a message argument is rendered in the same language).
fn fluent_args<N: AsRef<str>>(
    args: &[(N, Arg)],
    lang: Lang,
) -> HashMap<&str, FluentValue<'static>> {
    args.iter()
        .map(|(name, arg)| {
            let value = match arg {
                Arg::Str(s) => FluentValue::from(s.clone()),
                Arg::Int(n) => FluentValue::from(*n),
                Arg::Text(t) => FluentValue::from(t.local(lang).into_owned()),
                Arg::Lead(t) => FluentValue::from(text::first_sentence(&t.local(lang)).to_string()),
            };
            (name.as_ref(), value)
        })
        .collect()
}

use fluent_templates::fluent_bundle::FluentValue;

/// The message in that language, or why it cannot be given (no such id in that language's
/// catalogue, or an argument the message names is missing).
pub(crate) fn lookup<N: AsRef<str>>(
    lang: Lang,
    id: &str,
    args: &[(N, Arg)],
) -> Result<String, String> {
    let args = fluent_args(args, lang);
    CATALOGUES
        .lookup_single_language(lang.id(), id, Some(&args))
        .map_err(|e| format!("message {id} ({}): {e}", lang.tag()))
}

/// Whether that language's catalogue has the message.
pub fn has(lang: Lang, id: &str) -> bool {
    CATALOGUES
        .lookup_single_language::<&str>(lang.id(), id, None)
        .is_ok()
}

/// A message without arguments, in that language (falling back to English).
pub fn message(lang: Lang, id: &str) -> String {
    let none: &[(&str, Arg)] = &[];
    lookup(lang, id, none)
        .or_else(|_| lookup(Lang::En, id, none))
        .unwrap_or_else(|_| id.to_string())
}

/// Every message id of a language's catalogue (for the tests that compare catalogues).
pub fn ids(lang: Lang) -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("locales")
        .join(lang.tag());
    let mut ids = Vec::new();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return ids;
    };
    let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    files.sort();
    for path in files {
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in source.lines() {
            let Some((head, _)) = line.split_once(" =") else {
                continue;
            };
            let first = head.chars().next();
            if first.is_some_and(|c| c.is_ascii_alphabetic())
                && head
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                ids.push(head.to_string());
            }
        }
    }
    ids
}

/// Builds a [`Text`] from a message id and its named arguments:
/// `tr!("timeline-httperr", count = episode.count, reason = &episode.reason)`.
#[macro_export]
macro_rules! tr {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Text::new($id, vec![$((stringify!($name), $crate::i18n::Arg::from($value))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_names_give_their_language() {
        assert_eq!(Lang::of_locale("ja_JP.UTF-8"), Some(Lang::Ja));
        assert_eq!(Lang::of_locale("ja"), Some(Lang::Ja));
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::of_locale("C"), Some(Lang::En));
        assert_eq!(Lang::of_locale(""), None);
    }

    #[test]
    fn lc_all_wins_over_lang_and_an_empty_variable_is_skipped() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            Lang::from_vars(env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")])),
            Some(Lang::En)
        );
        assert_eq!(
            Lang::from_vars(env(&[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "")])),
            Some(Lang::Ja)
        );
        assert_eq!(
            Lang::from_vars(env(&[("LC_MESSAGES", "ja_JP"), ("LANG", "en_US")])),
            Some(Lang::Ja)
        );
        assert_eq!(Lang::from_vars(env(&[])), None);
    }

    /// A message id in one language's catalogue and not the other's is a sentence some readers
    /// would get in the wrong language. The `help-*` messages are Japanese only: the English
    /// help is the command-line definitions' own documentation (`src/cli/help.rs` tests them).
    #[test]
    fn both_catalogues_hold_the_same_ids() {
        let en: std::collections::BTreeSet<_> = ids(Lang::En).into_iter().collect();
        let ja: std::collections::BTreeSet<_> = ids(Lang::Ja)
            .into_iter()
            .filter(|id| !id.starts_with("help-"))
            .collect();
        assert!(en.len() > 10, "the English catalogue is read");
        let only_en: Vec<_> = en.difference(&ja).collect();
        let only_ja: Vec<_> = ja.difference(&en).collect();
        assert!(
            only_en.is_empty(),
            "not translated into Japanese: {only_en:?}"
        );
        assert!(
            only_ja.is_empty(),
            "Japanese ids with no English: {only_ja:?}"
        );
    }

    /// Each id is defined once per language (Fluent would keep the last silently).
    #[test]
    fn no_id_is_defined_twice() {
        for lang in Lang::ALL {
            let mut seen = std::collections::BTreeSet::new();
            for id in ids(lang) {
                assert!(
                    seen.insert(id.clone()),
                    "{id} is defined twice in {}",
                    lang.tag()
                );
            }
        }
    }

    /// Every id the code names in `tr!` or `message` is in both catalogues.
    #[test]
    fn every_id_the_code_names_is_in_the_catalogues() {
        let catalogue: std::collections::BTreeSet<_> = ids(Lang::En).into_iter().collect();
        let pattern = regex::Regex::new(
            r#"(?:tr!|i18n::message)\(\s*(?:[a-z:]+::[A-Za-z]+,\s*)?"([a-z0-9-]+)"|(?:Err|ok_or)\("(malformed-[a-z0-9-]+)""#,
        )
        .unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut missing = Vec::new();
        let mut named = 0;
        let mut stack = vec![root];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let source = std::fs::read_to_string(&path).unwrap();
                    for c in pattern.captures_iter(&source) {
                        named += 1;
                        let id = c.get(1).or_else(|| c.get(2)).unwrap().as_str();
                        if !catalogue.contains(id) {
                            missing.push(format!("{id} in {}", path.display()));
                        }
                    }
                }
            }
        }
        assert!(named > 0);
        assert!(missing.is_empty(), "ids not in the catalogue: {missing:?}");
    }

    #[test]
    fn a_message_reads_in_each_language_with_its_arguments() {
        let t = crate::tr!("timeline-iis-503", count = 3usize, peak = 2u32);
        assert_eq!(&*t, "IIS answered 503 3 times (peak 2/min)");
        assert_eq!(
            t.local(Lang::Ja),
            "IIS が 503 を 3 回返しました (最大 2 回/分)"
        );
        let nested = crate::tr!("finding-skipped", reason = t.clone());
        assert_eq!(&*nested, "Skipped: IIS answered 503 3 times (peak 2/min).");
        assert_eq!(
            nested.local(Lang::Ja),
            "スキップしました: IIS が 503 を 3 回返しました (最大 2 回/分)。"
        );
    }

    #[test]
    fn sentences_join_in_each_language_and_rewriting_reaches_every_language() {
        let mut t = crate::tr!("timeline-wu-server-changed", url = "http://wsus01:8530")
            .then(crate::tr!("timeline-gpo-override"));
        assert_eq!(
            &*t,
            "the agent's WSUS server changed to http://wsus01:8530 Group Policy overrode the software update point"
        );
        t.rewrite(&mut |s: &mut String| *s = s.replace("wsus01", "host-1"));
        assert!(t.contains("host-1") && !t.contains("wsus01"));
        assert!(t.local(Lang::Ja).contains("host-1"));
        assert!(!t.local(Lang::Ja).contains("wsus01"));
    }

    #[test]
    fn plain_text_reads_the_same_in_every_language() {
        let t = Text::from("WsusPool");
        assert_eq!(t.local(Lang::Ja), "WsusPool");
        assert!(!t.is_message());
    }
}
