//! Root causes across server and client, ranked, each with its chain of proof, what would refute
//! it, the evidence still missing to settle it, and the one fix to try first.
//!
//! The rules live in [`rules`]; [`correlate`] lines up times from different clocks (IIS and
//! HTTPERR in UTC, WindowsUpdate.log in local time, CMTrace with its bias, events in UTC) to find
//! client errors and pool events inside the server's 503 bursts; [`timeline`] merges every event
//! on one axis.

pub(crate) mod correlate;
pub mod rules;

pub mod timeline;

use crate::evidence::Kind;
use crate::facts::Facts;
use crate::finding::{Finding, Remedy, Status, Symptom};
pub use rules::CauseId;
use rules::{Need, Rule, RULES};
use serde::Serialize;

/// A diagnosed root cause with its chain of proof.
#[derive(Debug, Clone, Serialize)]
pub struct Cause {
    /// Stable id of the rule that recognised it.
    pub id: CauseId,
    pub title: crate::i18n::Text,
    pub confidence: Confidence,
    /// The machine where the fix applies (the WSUS server, or the one client), when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub machine: Option<crate::values::MachineName>,
    /// The clients that show the cause, when several do.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub affected: Vec<crate::values::MachineName>,
    /// The findings (check ids and titles) that support it, in the order of the argument.
    pub chain: Vec<crate::i18n::Text>,
    /// What would refute it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub refuted_by: Vec<crate::i18n::Text>,
    /// Evidence still missing, and how to get it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub missing_evidence: Vec<crate::i18n::Text>,
    /// The one fix to try first.
    pub first_fix: Remedy,
    /// Whether a proof is about one client rather than the whole server: a client check, or a
    /// server finding about some clients only. Such a cause names the clients it affects.
    #[serde(skip)]
    pub about_clients: bool,
    /// The symptom of its first proof: clients share a cause when they show it on the same one.
    #[serde(skip)]
    pub leading_symptom: Option<Symptom>,
    /// The title of its first proof, which names the cause apart from others of its rule.
    #[serde(skip)]
    pub leading_proof: Option<crate::i18n::Text>,
}

/// How strongly the evidence supports a cause.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    High,
    Medium,
    Low,
}

impl Confidence {
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

impl std::fmt::Display for Confidence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Which kinds of evidence were read; decides what is missing.
pub fn has(kinds: &[Kind], need: Need, facts: &Facts) -> bool {
    let any = |ks: &[Kind]| ks.iter().any(|k| kinds.contains(k));
    match need {
        Need::IisLog => any(&[Kind::IisW3c]),
        Need::Httperr => any(&[Kind::Httperr]),
        Need::SystemLog => any(&[Kind::Evtx, Kind::EventXml]),
        Need::AppHostConfig => any(&[
            Kind::ApplicationHostConfig,
            Kind::AppcmdSite,
            Kind::AppcmdApppool,
        ]),
        Need::ClientWuLog => any(&[Kind::WindowsUpdateLog]),
        Need::ClientPolicy => {
            facts
                .registry
                .has_key(crate::facts::registry::keys::WU_POLICY)
                || any(&[Kind::RegExport, Kind::RegQuery])
        }
        Need::ConfigMgrLogs => any(&[Kind::Cmtrace]),
        Need::ClientIdentity => any(&[Kind::Ipconfig]) || !facts.context.client_ips.is_empty(),
        Need::WsusLog => any(&[Kind::WsusSoftwareDistributionLog]),
    }
}

fn symptomatic(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings
        .iter()
        .filter(|f| f.symptom.is_some() && matches!(f.status, Status::Fail | Status::Warn))
}

fn matching<'a>(findings: &'a [Finding], ids: &[Symptom]) -> Vec<&'a Finding> {
    let mut out: Vec<&Finding> = symptomatic(findings)
        .filter(|f| f.symptom.is_some_and(|s| ids.contains(&s)))
        .collect();
    // The order of the rule's list is the order of the argument.
    out.sort_by_key(|f| {
        ids.iter()
            .position(|i| Some(*i) == f.symptom)
            .unwrap_or(usize::MAX)
    });
    out
}

fn describe(f: &Finding) -> crate::i18n::Text {
    if f.summary.is_empty() {
        crate::tr!("cause-proof", check = f.check.as_str(), title = &f.title)
    } else {
        crate::tr!(
            "cause-proof-with-summary",
            check = f.check.as_str(),
            title = &f.title,
            summary = crate::i18n::Arg::Lead(f.summary.clone())
        )
    }
}

/// One line per symptom, in the order given: its first finding, and how many more share it.
fn summarise<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<crate::i18n::Text> {
    let mut lines: Vec<(Option<Symptom>, crate::i18n::Text, usize)> = Vec::new();
    for f in findings {
        match lines.iter_mut().find(|(s, _, _)| *s == f.symptom) {
            Some(entry) => entry.2 += 1,
            None => lines.push((f.symptom, describe(f), 0)),
        }
    }
    lines
        .into_iter()
        .map(|(_, line, more)| {
            if more == 0 {
                line
            } else {
                crate::tr!("cause-proof-and-more", proof = line, more = more)
            }
        })
        .collect()
}

/// Recognises root causes in the findings, best first.
pub fn diagnose(facts: &Facts, findings: &[Finding], kinds: &[Kind]) -> Vec<Cause> {
    let mut scored: Vec<(i64, &Rule, Cause)> = RULES
        .iter()
        .filter_map(|r| evaluate(r, facts, findings, kinds).map(|(score, cause)| (score, r, cause)))
        .collect();
    scored.sort_by_key(|s| std::cmp::Reverse(s.0));
    // A cause whose refuting symptoms a better-ranked cause already rests on is explained away:
    // the network does not block a client whose policy names a port the server does not serve.
    let present: Vec<Symptom> = symptomatic(findings).filter_map(|f| f.symptom).collect();
    let mut explained: Vec<Symptom> = Vec::new();
    let mut causes = Vec::new();
    for (_, rule, cause) in scored {
        if rule.refuters.iter().any(|r| explained.contains(r)) {
            continue;
        }
        explained.extend(
            rule.triggers
                .iter()
                .chain(rule.supports)
                .filter(|s| present.contains(s))
                .copied(),
        );
        causes.push(cause);
    }
    causes
}

fn evaluate(
    rule: &Rule,
    facts: &Facts,
    findings: &[Finding],
    kinds: &[Kind],
) -> Option<(i64, Cause)> {
    let triggers = matching(findings, rule.triggers);
    if triggers.is_empty() {
        return None;
    }
    let mut seen: Vec<*const Finding> = triggers.iter().map(|f| *f as *const Finding).collect();
    let supports: Vec<&Finding> = matching(findings, rule.supports)
        .into_iter()
        .filter(|f| {
            let p = *f as *const Finding;
            let new = !seen.contains(&p);
            seen.push(p);
            new
        })
        .collect();
    let refuters = matching(findings, rule.refuters);

    let chain = summarise(triggers.iter().chain(supports.iter()).copied());
    let mut refuted_by: Vec<crate::i18n::Text> = rule
        .refuted_by
        .iter()
        .map(|id| crate::i18n::Text::new(*id, Vec::new()))
        .collect();
    for r in &refuters {
        refuted_by.push(crate::tr!("cause-competing", proof = describe(r)));
    }
    let missing_evidence: Vec<crate::i18n::Text> = rule
        .needs
        .iter()
        .filter(|n| !has(kinds, **n, facts))
        .map(|n| correlate::missing_hint(*n, facts))
        .collect();

    // Distinct symptoms, not findings, weigh: one check reporting ten episodes of the same
    // error is one piece of proof.
    let distinct = |fs: &[&Finding]| {
        let mut s: Vec<Option<Symptom>> = fs.iter().map(|f| f.symptom).collect();
        s.sort();
        s.dedup();
        s.len()
    };
    let (trigger_count, support_count) = (distinct(&triggers), distinct(&supports));
    let mut level = match (trigger_count, support_count) {
        (_, s) if s >= 2 => 3,
        (t, s) if t >= 2 || s == 1 => 2,
        _ => 1,
    };
    if !refuters.is_empty() {
        level -= 1;
    }
    let confidence = match level {
        3.. => Confidence::High,
        2 => Confidence::Medium,
        _ => Confidence::Low,
    };
    let score = i64::from(rule.weight) + 100 * trigger_count as i64 + 40 * support_count as i64
        - 150 * refuters.len() as i64;
    let client_url = crate::checks::client::proxy::wsus_url(facts);
    Some((
        score,
        Cause {
            id: rule.id,
            title: rule.id.title(),
            confidence,
            machine: None,
            affected: Vec::new(),
            leading_symptom: triggers.first().and_then(|f| f.symptom),
            leading_proof: triggers.first().map(|f| f.title.clone()),
            about_clients: triggers.iter().chain(&supports).any(|f| {
                f.check.side() == crate::finding::Side::Client || f.about_clients.is_some()
            }),
            chain,
            refuted_by,
            missing_evidence,
            // Only the triggers' own fixes: a supporting finding may carry the fix of another
            // problem (a client error's remedy names the pool).
            first_fix: with_evidence_commands(
                (rule.first_fix)(&crate::knowledge::remedy::causes::FixContext {
                    pool_private_memory_kb: crate::checks::server::wsus::pool_private_memory_kb(
                        facts,
                    ),
                    site_name: crate::checks::server::wsus::wsus_site(facts)
                        .map(|s| s.site.name.clone()),
                    wsus_host: client_url.as_ref().and_then(|u| u.host.clone()),
                    wsus_port: client_url.as_ref().and_then(|u| u.port),
                    database: crate::facts::database::wsus_database(facts).map(|d| d.target()),
                }),
                triggers.iter().copied(),
                supports.iter().copied(),
            )
            .naming_placeholders(),
        },
    ))
}

/// A command with a value left for the reader to fill in (`<wsus fqdn>`, `<certificate FQDN>`).
fn is_placeholder(line: &str) -> bool {
    line.split('<').skip(1).any(|rest| {
        rest.split_once('>')
            .is_some_and(|(inside, _)| inside.chars().any(|c| c.is_ascii_alphabetic()))
    })
}

/// What a command sets, without the value: `reg add "…\AU" /v WUServer /t REG_SZ` of a
/// `reg add … /d http://… /f`.
fn setting_of(line: &str) -> &str {
    line.split(" /d ").next().unwrap_or(line)
}

/// A rule's first fix is generic; when its proofs carry commands built from the evidence (the
/// client's own `reg add ... /d http://wsus02...`, the `appcmd` for the virtual directory that
/// requires SSL), those come first, and the generic commands that hold a placeholder are left
/// out. A fix whose proofs carry no such command keeps its placeholders.
fn with_evidence_commands<'a>(
    generic: Remedy,
    proofs: impl Iterator<Item = &'a Finding>,
    corroboration: impl Iterator<Item = &'a Finding>,
) -> Remedy {
    if !generic.commands.iter().any(|c| is_placeholder(&c.line)) {
        return generic;
    }
    let commands_of = |fs: &[&'a Finding]| -> Vec<&'a crate::finding::Command> {
        fs.iter()
            .filter_map(|f| f.remedy.as_ref())
            .flat_map(|r| &r.commands)
            .collect()
    };
    let offered = commands_of(&proofs.collect::<Vec<_>>());
    // A supporting finding may carry the fix of another problem, so it adds no command; but its
    // command for the same setting gives a value the proofs lack (the client's own policy names
    // the server that the server's log could not).
    let corroborating = commands_of(&corroboration.collect::<Vec<_>>());
    // A proof's command with a placeholder stays when no finding gives the same setting a value
    // from the evidence: a server that saw clients use the wrong port cannot know their URL.
    // When one does, its command takes the placeholder's place.
    let valued = |c: &crate::finding::Command| {
        offered
            .iter()
            .chain(&corroborating)
            .find(|k| !is_placeholder(&k.line) && setting_of(&k.line) == setting_of(&c.line))
            .copied()
    };
    let mut commands: Vec<crate::finding::Command> = Vec::new();
    for c in &offered {
        let c = if is_placeholder(&c.line) {
            valued(c).unwrap_or(c)
        } else {
            c
        };
        if !commands.iter().any(|k| k.line == c.line) {
            commands.push(c.clone());
        }
    }
    if commands.is_empty() {
        return generic;
    }
    // The generic commands follow, a placeholder one only when a finding gives its value.
    for c in &generic.commands {
        let c = if is_placeholder(&c.line) {
            match valued(c) {
                Some(v) => v,
                None => continue,
            }
        } else {
            c
        };
        if !commands.iter().any(|k| k.line == c.line) {
            commands.push(c.clone());
        }
    }
    Remedy {
        commands,
        ..generic
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholders_are_names_in_angle_brackets() {
        assert!(is_placeholder("Test-NetConnection <wsus fqdn> -Port 8530"));
        assert!(is_placeholder(
            "wsusutil.exe configuressl <certificate FQDN>"
        ));
        assert!(!is_placeholder(
            "reg add ... /d http://wsus02.contoso.com:8530 /f"
        ));
        assert!(!is_placeholder("dir 2>nul <in.txt"));
    }

    use super::*;

    use crate::finding::CheckId;

    #[test]
    fn a_proofs_placeholder_stays_unless_another_proof_gives_the_value() {
        let generic = crate::knowledge::remedy::causes::policy(&Default::default());
        let set = |url: &str| {
            Finding::new(CheckId::ClientPolicy, Status::Fail, "wrong URL").remedy(
                crate::checks::client::policy::set_server_remedy("Set the URL.", url),
            )
        };
        let lines = |r: Remedy| r.commands.into_iter().map(|c| c.line).collect::<Vec<_>>();
        let unknown = set("http://<WSUS server FQDN>:8530");
        let known = set("http://wsus01.corp.example:8530");

        let alone = lines(with_evidence_commands(
            generic.clone(),
            [&unknown].into_iter(),
            std::iter::empty(),
        ));
        assert!(
            alone[0].ends_with("/v WUServer /t REG_SZ /d http://<WSUS server FQDN>:8530 /f"),
            "{alone:?}"
        );

        let both = lines(with_evidence_commands(
            generic.clone(),
            [&unknown, &known].into_iter(),
            std::iter::empty(),
        ));
        assert!(
            both[0].ends_with("/d http://wsus01.corp.example:8530 /f"),
            "{both:?}"
        );
        assert!(
            !both.iter().any(|l| l.contains("<WSUS server FQDN>")),
            "{both:?}"
        );
        assert_eq!(
            both.iter()
                .filter(|l| l.as_str() == "gpupdate /force")
                .count(),
            1
        );

        // A supporting finding fills the value in, and adds no command of its own.
        let support = set("http://wsus01.corp.example:8530")
            .remedy(Remedy::new("Also.").cmd("iisreset").cmd(
                r#"reg add "HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate" /v WUServer /t REG_SZ /d http://wsus01.corp.example:8530 /f"#,
            ));
        let filled = lines(with_evidence_commands(
            generic,
            [&unknown].into_iter(),
            [&support].into_iter(),
        ));
        assert!(
            filled[0].ends_with("/d http://wsus01.corp.example:8530 /f"),
            "{filled:?}"
        );
        assert!(
            filled[1].contains("WUStatusServer /t REG_SZ /d http://<WSUS server FQDN>:8530"),
            "{filled:?}"
        );
        assert!(!filled.contains(&"iisreset".to_string()), "{filled:?}");
    }

    fn f(check: &str, symptom: &str, status: Status) -> Finding {
        let check: CheckId = check.parse().unwrap();
        Finding::new(check, status, format!("{symptom} seen"))
            .symptom(symptom.parse().unwrap())
            .summary("Details. More.")
    }

    #[test]
    fn healthy_findings_give_no_cause() {
        let findings = vec![Finding::new(CheckId::ServerIisLog, Status::Pass, "fine")];
        assert!(diagnose(&Facts::default(), &findings, &[]).is_empty());
    }

    #[test]
    fn the_pool_memory_cause_ranks_first_when_its_proof_is_there() {
        let findings = vec![
            f("client.policy", "policy.no-port", Status::Warn),
            f("server.app-pool", "app-pool.private-memory", Status::Fail),
            f("server.iis-log", "iis.503-burst", Status::Fail),
            f("server.httperr", "httperr.queue-full", Status::Fail),
            f("client.wu-log", "wu-log.timeouts", Status::Fail),
        ];
        let causes = diagnose(&Facts::default(), &findings, &[Kind::IisW3c, Kind::Httperr]);
        assert_eq!(causes[0].id, CauseId::WsuspoolMemory);
        assert_eq!(causes[0].confidence, Confidence::High);
        assert!(causes[0].chain[0].starts_with("server.iis-log"));
        assert!(
            causes[0]
                .missing_evidence
                .iter()
                .any(|m| m.contains("System")),
            "{:?}",
            causes[0].missing_evidence
        );
    }

    #[test]
    fn a_better_explanation_removes_a_competing_cause() {
        let findings = vec![
            f("client.reaches-server", "reach.absent", Status::Fail),
            f("client.policy", "policy.placeholder", Status::Fail),
        ];
        let causes = diagnose(&Facts::default(), &findings, &[]);
        assert_eq!(causes[0].id, CauseId::ClientWrongServer);
        assert!(causes.iter().all(|c| c.id != CauseId::NetworkBlock));
        // Without the policy fault, the absence points to the network.
        let alone = diagnose(&Facts::default(), &findings[..1], &[]);
        assert_eq!(alone[0].id, CauseId::NetworkBlock);
    }
}
