//! `server.version`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::registry::keys;
use crate::facts::Facts;
use crate::finding::{CheckId, Symptom};
use crate::finding::{EvidenceItem, Finding, Remedy, Status};
use crate::i18n::Text;
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerVersion,
    sources: &[
        "KB4025764",
        "KB4039929",
        "KB4039873",
        "KB4039871",
        "KB4039396",
        "WSUS3-LIFECYCLE",
    ],
    since: "0.1.0",
    symptoms: &[
        Symptom::VersionRollupMissing,
        Symptom::VersionWsus3Unpatched,
        Symptom::VersionWsus3Unsupported,
    ],
    run,
};

/// WSUS 3.0 SP2 with KB4039929 reports 3.2.7600.283 (KB4025764, formats.md §3.5).
const WSUS3_MINIMUM: (u64, u64) = (7600, 283);

/// The release date of the required 2017 rollups (September 2017): an installed-updates list
/// with nothing newer cannot contain a later rollup.
const REQUIRED_ROLLUP_MONTH: (i32, u32) = (2017, 9);

/// The update each Windows Server build needs (KB4025764): (CurrentBuild, name, KB).
const OS_REQUIREMENTS: &[(u64, &str, &str)] = &[
    (9200, "Windows Server 2012", "KB4039873"),
    (9600, "Windows Server 2012 R2", "KB4039871"),
    (14393, "Windows Server 2016", "KB4039396"),
];

/// Build and revision of a version (`10.0.20348.143` and `6.2.20348.143` are the same server:
/// WSUS reports either the product or the assembly version, formats.md §3.5).
pub(crate) fn build_revision(version: &str) -> Option<(u64, u64)> {
    let parts: Vec<&str> = version.trim().split('.').collect();
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u64>().ok());
    Some((num(2)?, num(3).unwrap_or(0)))
}

fn notes() -> Text {
    crate::tr!("version-notes")
}

/// `(year, month)` of a date as Get-HotFix and wmic print them: `M/D/YYYY` (en-US) or
/// `YYYY/MM/DD` (ja-JP, `2014/10/15 0:00:00`, japanese-windows.md §4).
fn installed_month(date: &str) -> Option<(i32, u32)> {
    let d = date.split_whitespace().next()?;
    let parts: Vec<&str> = d.split('/').collect();
    let (y, m) = match parts.as_slice() {
        [y, m, _] if y.len() == 4 => (y, m),
        [m, _, y] => (y, m),
        _ => return None,
    };
    Some((y.parse().ok()?, m.parse().ok()?))
}

/// Why a WSUS 3.0 server is more than unsupported: Microsoft Update requires TLS 1.2, which WSUS
/// 3.0 SP2 does not support, and its lifecycle page gave 31 October 2021 as the date to migrate by
/// (WSUS3-LIFECYCLE).
fn wsus3_no_sync() -> Text {
    crate::tr!("version-wsus3-no-sync")
}

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let wsus_version = facts.updates.wsus_version();
    let cv = |name: &str| facts.registry.value(keys::CURRENT_VERSION, name);
    let build = cv("CurrentBuild")
        .or_else(|| cv("CurrentBuildNumber"))
        .and_then(|v| {
            v.data
                .as_str()
                .and_then(|s| s.trim().parse::<u64>().ok())
                .or(v.data.as_u64())
        });
    if wsus_version.is_none() && build.is_none() {
        return vec![CHECK.skipped(crate::tr!("version-no-evidence"))];
    }
    let mut findings = Vec::new();

    if let Some(v) = wsus_version {
        let item =
            EvidenceItem::new(v.origin.clone()).excerpt(format!("Product Version = {}", v.version));
        if v.version.starts_with("3.") {
            let br = build_revision(&v.version);
            let below = br.is_some_and(|br| br < WSUS3_MINIMUM);
            let f = if below {
                CHECK
                    .finding(
                        Status::Fail,
                        crate::tr!("version-wsus3-unpatched-title", version = &v.version),
                    )
                    .symptom(Symptom::VersionWsus3Unpatched)
                    .summary(
                        crate::tr!("version-wsus3-unpatched", version = &v.version)
                            .then(wsus3_no_sync()),
                    )
            } else {
                CHECK
                    .finding(
                        Status::Warn,
                        crate::tr!("version-wsus3-unsupported-title", version = &v.version),
                    )
                    .symptom(Symptom::VersionWsus3Unsupported)
                    .summary(crate::tr!(
                        "version-wsus3-unsupported",
                        version = &v.version,
                        no_sync = wsus3_no_sync()
                    ))
            };
            findings.push(
                f.evidence(item)
                    .explanation(notes())
                    .remedy(Remedy::new(crate::tr!("version-wsus3-fix")))
                    .reference("KB4039929")
                    .reference("WSUS3-LIFECYCLE")
                    .reference("KB4025764"),
            );
        }
    }

    if let Some(build) = build {
        let product = cv("ProductName")
            .and_then(|v| v.data.as_str())
            .unwrap_or("")
            .to_string();
        let ubr = cv("UBR").and_then(|v| v.data.as_u64());
        let os_items: Vec<EvidenceItem> =
            ["ProductName", "CurrentBuild", "UBR", "InstallationType"]
                .iter()
                .filter_map(|n| cv(n))
                .map(wsus::value_item)
                .collect();
        let product = if product.is_empty() {
            "Windows"
        } else {
            &product
        };
        let os_text = match ubr {
            Some(ubr) => crate::tr!(
                "version-os-ubr",
                product = product,
                build = build,
                ubr = ubr
            ),
            None => crate::tr!("version-os", product = product, build = build),
        };
        if let Some((_, name, kb)) = OS_REQUIREMENTS.iter().find(|(b, _, _)| *b == build) {
            let installed = facts.updates.find(kb);
            let lists = &facts.updates.lists;
            let f = if let Some(u) = installed {
                CHECK
                    .finding(
                        Status::Pass,
                        crate::tr!("version-installed-title", kb = *kb, product = *name),
                    )
                    .summary(match u.installed_on.as_deref() {
                        Some(date) => {
                            crate::tr!("version-installed-on", os = &os_text, kb = *kb, date = date)
                        }
                        None => crate::tr!("version-installed", os = &os_text, kb = *kb),
                    })
                    .evidence(EvidenceItem::new(u.origin.clone()).excerpt(u.id.clone()))
            } else if lists.is_empty() {
                CHECK.finding(Status::Info, crate::tr!("version-unknown-title", product = *name, kb = *kb))
                    .summary(crate::tr!("version-unknown", os = &os_text, kb = *kb))
                    .remedy(Remedy::new(crate::tr!("version-unknown-fix", kb = *kb)).powershell(format!("Get-HotFix | Sort-Object InstalledOn | Select-Object -Last 5; Get-HotFix -Id {kb}")))
            } else {
                let newest = facts
                    .updates
                    .installed
                    .iter()
                    .filter_map(|u| {
                        u.installed_on
                            .as_deref()
                            .and_then(installed_month)
                            .map(|m| (m, u))
                    })
                    .max_by_key(|(m, _)| *m);
                match newest {
                    Some((m, u)) if m > REQUIRED_ROLLUP_MONTH => CHECK
                        .finding(
                            Status::Info,
                            crate::tr!("version-later-updates-title", product = *name, kb = *kb),
                        )
                        .summary(crate::tr!(
                            "version-later-updates",
                            os = &os_text,
                            kb = *kb,
                            newest = &u.id,
                            date = u.installed_on.as_deref().unwrap_or("?")
                        ))
                        .evidence(EvidenceItem::new(u.origin.clone()).excerpt(u.id.clone())),
                    _ => CHECK
                        .finding(
                            Status::Fail,
                            crate::tr!("version-missing-title", product = *name, kb = *kb),
                        )
                        .symptom(Symptom::VersionRollupMissing)
                        .summary(crate::tr!("version-missing", os = &os_text, kb = *kb))
                        .evidence_all(lists.iter().map(|l| {
                            EvidenceItem::new(crate::values::EvidenceRef::file(l, None))
                                .note(crate::tr!("version-updates-list-read"))
                        }))
                        .remedy(Remedy::new(crate::tr!("version-missing-fix", kb = *kb))),
                }
            };
            findings.push(
                f.evidence_all(os_items)
                    .explanation(notes())
                    .reference(kb)
                    .reference("KB4025764")
                    .data(json!({ "os_build": build, "ubr": ubr, "required": kb })),
            );
        } else if build > 14393 {
            findings.push(
                CHECK
                    .finding(
                        Status::Info,
                        crate::tr!("version-newer-title", os = &os_text),
                    )
                    .summary(crate::tr!("version-newer", os = &os_text).then(
                        wsus_version.map_or(Text::default(), |v| {
                            crate::tr!("version-wsus-reports", version = &v.version)
                        }),
                    ))
                    .evidence_all(os_items)
                    .reference("KB4025764"),
            );
        } else if findings.is_empty() {
            findings.push(
                CHECK
                    .finding(
                        Status::Info,
                        crate::tr!("version-wsus-unknown-title", os = &os_text),
                    )
                    .summary(crate::tr!("version-wsus-unknown"))
                    .evidence_all(os_items)
                    .reference("KB4039929")
                    .reference("KB4025764"),
            );
        }
    }
    if findings.is_empty() {
        if let Some(v) = wsus_version {
            findings.push(
                CHECK
                    .finding(
                        Status::Info,
                        crate::tr!("version-wsus-title", version = &v.version),
                    )
                    .summary(crate::tr!("version-os-unknown", version = &v.version))
                    .evidence(
                        EvidenceItem::new(v.origin.clone())
                            .excerpt(format!("Product Version = {}", v.version)),
                    )
                    .reference("KB4025764"),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::registry::RegValue;
    use crate::i18n::Lang;
    use crate::values::{EvidenceRef, RegData};

    fn set(facts: &mut Facts, key: &str, name: &str, data: RegData) {
        facts.registry.set(
            key,
            RegValue {
                name: name.into(),
                data,
                origin: EvidenceRef::line("server.reg", 1),
            },
        );
    }

    #[test]
    fn a_server_2016_without_an_updates_list_cannot_be_judged_and_says_what_to_run() {
        let mut facts = Facts::default();
        set(
            &mut facts,
            keys::WSUS_SETUP,
            "PortNumber",
            RegData::Dword(8530),
        );
        set(
            &mut facts,
            keys::CURRENT_VERSION,
            "ProductName",
            RegData::Sz("Windows Server 2016 Standard".into()),
        );
        set(
            &mut facts,
            keys::CURRENT_VERSION,
            "CurrentBuild",
            RegData::Sz("14393".into()),
        );
        set(
            &mut facts,
            keys::CURRENT_VERSION,
            "UBR",
            RegData::Dword(1000),
        );
        let out = run(&facts);
        assert_eq!(out.len(), 1, "{out:#?}");
        let f = &out[0];
        assert_eq!(f.status, Status::Info);
        assert_eq!(
            f.title,
            "Cannot tell whether Windows Server 2016 has KB4039396"
        );
        assert_eq!(
            f.title.local(Lang::Ja),
            "Windows Server 2016 に KB4039396 がインストールされているかどうか判断できません"
        );
        assert_eq!(f.summary, "Windows Server 2016 Standard build 14393.1000 needs KB4039396 or a later monthly rollup. No installed-updates list (Get-HotFix, wmic qfe) is among the evidence, and the build revision (UBR) that includes KB4039396 is not published, so wsus-doctor cannot tell.");
        assert_eq!(f.summary.local(Lang::Ja), "Windows Server 2016 Standard ビルド 14393.1000 には KB4039396 またはそれ以降の月次ロールアップが必要です。インストール済みの更新プログラムの一覧 (Get-HotFix、wmic qfe) が証拠になく、KB4039396 を含むビルドのリビジョン (UBR) も公開されていないため、wsus-doctor では判断できません。");
        assert_eq!(f.evidence.len(), 3);
        let remedy = f.remedy.as_ref().unwrap();
        assert_eq!(remedy.text, "Check for KB4039396 or a later rollup.");
        assert_eq!(
            remedy.text.local(Lang::Ja),
            "KB4039396 またはそれ以降のロールアップがインストールされているかどうかを確認してください。"
        );
        assert_eq!(
            remedy.commands[0].line,
            "Get-HotFix | Sort-Object InstalledOn | Select-Object -Last 5; Get-HotFix -Id KB4039396"
        );
    }

    #[test]
    fn required_updates_are_known_sources() {
        for (_, _, kb) in OS_REQUIREMENTS {
            assert!(crate::knowledge::sources::is_known(kb), "{kb}");
        }
    }

    #[test]
    fn product_and_assembly_versions_compare_equal() {
        assert_eq!(
            build_revision("10.0.20348.143"),
            build_revision("6.2.20348.143")
        );
        assert!(build_revision("3.2.7600.274").unwrap() < WSUS3_MINIMUM);
        assert!(build_revision("3.2.7600.283").unwrap() >= WSUS3_MINIMUM);
        assert_eq!(installed_month("9/20/2017"), Some((2017, 9)));
        assert_eq!(installed_month("1/10/2024 12:00:00 AM"), Some((2024, 1)));
        assert_eq!(installed_month("2014/10/15 0:00:00"), Some((2014, 10)));
    }
}
