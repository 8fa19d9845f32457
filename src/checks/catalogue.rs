//! The check catalogue: every check's stable id, title, place in the guide, documentation and
//! sources. Ids are public interface: they are never renamed or reused; a retired id stays listed
//! in [`RETIRED`]. The texts (title, guide step, what, why, evidence, fix) are messages of the
//! catalogues (`locales/*/catalogue.ftl`, ids `check-<id>-<field>`): `wsus-doctor explain <id>`,
//! `docs/checks.md`, `docs/checks.ja.md` and the reports all read them there.

use crate::facts::Facts;
use crate::finding::{CheckId, Finding, Status, Symptom};

/// One check: its id, documentation and sources, declared in the check's own module beside its
/// code, and the function that runs it.
pub struct Check {
    pub id: CheckId,
    /// Source ids.
    pub sources: &'static [&'static str],
    /// The version that introduced it.
    pub since: &'static str,
    /// Every symptom its findings can carry (a test holds it to that).
    pub symptoms: &'static [Symptom],
    pub run: fn(&Facts) -> Vec<Finding>,
}

impl Check {
    fn text(&self, field: &str) -> crate::i18n::Text {
        crate::i18n::Text::new(
            format!("check-{}-{field}", self.id.as_str().replace('.', "-")),
            Vec::new(),
        )
    }

    pub fn title(&self) -> crate::i18n::Text {
        self.text("title")
    }

    /// The step of KB4025764 (or the extension beyond it) this automates.
    pub fn guide_step(&self) -> crate::i18n::Text {
        self.text("guide-step")
    }

    /// What it checks.
    pub fn what(&self) -> crate::i18n::Text {
        self.text("what")
    }

    /// Why it matters.
    pub fn why(&self) -> crate::i18n::Text {
        self.text("why")
    }

    /// The evidence it reads.
    pub fn evidence(&self) -> crate::i18n::Text {
        self.text("evidence")
    }

    /// How to fix what it finds, in general.
    pub fn fix(&self) -> crate::i18n::Text {
        self.text("fix")
    }

    /// A finding of this check.
    pub fn finding(&self, status: Status, title: impl Into<crate::i18n::Text>) -> Finding {
        Finding::new(self.id, status, title)
    }

    /// This check could not run, with the reason (e.g. "no IIS logs among the evidence").
    pub fn skipped(&self, reason: impl Into<crate::i18n::Text>) -> Finding {
        Finding::skipped(self.id, self.title(), reason)
    }
}

use super::{client, probe, server};

pub const CATALOGUE: &[&Check] = &[
    &server::version::CHECK,
    &server::services::CHECK,
    &server::database::CHECK,
    &server::website::CHECK,
    &server::app_pool::CHECK,
    &server::iis_log::CHECK,
    &server::httperr::CHECK,
    &server::events::CHECK,
    &server::tls::CHECK,
    &client::policy::CHECK,
    &client::proxy::CHECK,
    &client::wu_log::CHECK,
    &client::configmgr::CHECK,
    &client::scan_status::CHECK,
    &client::reaches_server::CHECK,
    &probe::dns::CHECK,
    &probe::tcp::CHECK,
    &probe::tls::CHECK,
    &probe::http::CHECK,
    &probe::soap::CHECK,
];

/// Ids that were retired; they stay reserved and are never reused.
#[cfg(test)]
pub(crate) const RETIRED: &[&str] = &[];

pub fn info(id: CheckId) -> &'static Check {
    CATALOGUE
        .iter()
        .find(|c| c.id == id)
        .expect("every check id has a catalogue entry (tested)")
}

/// The checks reference in a language (`docs/checks.md`, `docs/checks.ja.md`), generated from
/// the catalogue so the documentation cannot drift from the code.
#[cfg(test)]
pub(crate) fn markdown(lang: crate::i18n::Lang) -> String {
    use crate::tr;
    let say = |t: crate::i18n::Text| t.local(lang).into_owned();
    let mut o = format!(
        "# {}\n\n<!-- {} -->\n\n{}\n\n{}\n|---|---|---|\n",
        say(tr!("docs-checks-title")),
        say(tr!("docs-checks-generated")),
        say(tr!("docs-checks-stable")),
        say(tr!("docs-checks-table-head"))
    );
    for c in CATALOGUE {
        o.push_str(&format!(
            "| [`{}`](#{}) | {} | {} |\n",
            c.id,
            c.id.as_str().replace('.', ""),
            say(c.title()),
            say(c.id.stage().title())
        ));
    }
    for c in CATALOGUE {
        let sources: Vec<String> = c
            .sources
            .iter()
            .map(|s| {
                let r = crate::knowledge::sources::reference(s);
                match r.url {
                    Some(u) => format!("- {}: [{}]({u})", r.id, r.title),
                    None => format!("- {}", r.id),
                }
            })
            .collect();
        o.push_str(&format!("\n## `{}`\n\n", c.id));
        o.push_str(&format!(
            "**{}** ({})\n\n{}\n\n### {}\n\n{}\n\n### {}\n\n{}\n\n### {}\n\n{}\n\n### {}\n\n{}\n\n### {}\n\n{}\n",
            say(c.title()),
            say(tr!("docs-since", version = c.since)),
            say(tr!("docs-guide-step", step = c.guide_step())),
            say(tr!("docs-what")),
            say(c.what()),
            say(tr!("docs-why")),
            say(c.why()),
            say(tr!("docs-evidence")),
            say(c.evidence()),
            say(tr!("docs-fix")),
            say(c.fix()),
            say(tr!("docs-sources")),
            sources.join("\n")
        ));
    }
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_id_has_one_documented_entry() {
        use strum::VariantArray;
        for id in CheckId::VARIANTS {
            assert_eq!(CATALOGUE.iter().filter(|c| c.id == *id).count(), 1, "{id}");
        }
        for c in CATALOGUE {
            assert!(!RETIRED.contains(&c.id.as_str()));
            for lang in crate::i18n::Lang::ALL {
                for text in [
                    c.title(),
                    c.guide_step(),
                    c.what(),
                    c.why(),
                    c.evidence(),
                    c.fix(),
                ] {
                    assert!(!text.local(lang).is_empty(), "{}", c.id);
                }
            }
            assert!(!c.sources.is_empty());
            for s in c.sources {
                assert!(
                    crate::knowledge::sources::is_known(s),
                    "{} cites unknown source {s}",
                    c.id
                );
            }
        }
    }

    #[test]
    fn docs_are_generated_from_the_catalogue() {
        for (lang, name) in [
            (crate::i18n::Lang::En, "checks.md"),
            (crate::i18n::Lang::Ja, "checks.ja.md"),
        ] {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("docs")
                .join(name);
            let want = markdown(lang);
            if std::env::var_os("WSUS_DOCTOR_BLESS").is_some() {
                std::fs::write(&path, &want).unwrap();
            }
            let have = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(have == want, "docs/{name} is out of date: run WSUS_DOCTOR_BLESS=1 cargo test --lib checks::catalogue");
        }
    }

    /// Every evidence bundle of the repository: the examples and the test fixtures.
    fn bundles() -> Vec<std::path::PathBuf> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["examples", "tests/fixtures", "tests/fixtures/diagnosis"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() && !path.ends_with("tools") && !path.ends_with("diagnosis") {
                    out.push(path);
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn each_check_emits_only_its_own_id_and_declared_symptoms() {
        let mut seen = std::collections::BTreeSet::new();
        for bundle in bundles() {
            let set = crate::evidence::discover(
                std::slice::from_ref(&bundle),
                &crate::evidence::archive::Limits::default(),
            );
            let (facts, _) = crate::pipeline::analyse(&set, crate::facts::Context::default());
            for c in CATALOGUE {
                for f in (c.run)(&facts) {
                    assert_eq!(f.check, c.id, "{} in {}", f.title, bundle.display());
                    if let Some(s) = f.symptom {
                        assert!(
                            c.symptoms.contains(&s),
                            "{} emits {s}, which its entry does not declare ({})",
                            c.id,
                            bundle.display()
                        );
                        seen.insert(s);
                    }
                }
            }
        }
        // The bundles exercise the symptoms most rules rest on.
        for s in [
            Symptom::Iis503Burst,
            Symptom::AppPoolPrivateMemory,
            Symptom::PolicyShortName,
        ] {
            assert!(seen.contains(&s), "no bundle shows {s}");
        }
    }

    #[test]
    fn every_symptom_a_rule_needs_is_declared_by_a_check() {
        for rule in crate::diagnosis::rules::RULES {
            for s in rule
                .triggers
                .iter()
                .chain(rule.supports)
                .chain(rule.refuters)
            {
                assert!(
                    CATALOGUE.iter().any(|c| c.symptoms.contains(s)),
                    "rule {:?} needs {s}, which no check emits",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn stages_follow_the_guide_order() {
        for w in CATALOGUE.windows(2) {
            assert!(
                w[0].id.stage() <= w[1].id.stage(),
                "{} after {}",
                w[1].id,
                w[0].id
            );
        }
    }
}
