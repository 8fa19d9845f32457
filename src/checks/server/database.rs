//! `server.database`: see its entry in [`crate::checks::catalogue`] for what it checks and why.

use super::wsus;
use crate::checks::catalogue::Check;
use crate::facts::database::Engine;
use crate::facts::database::{wsus_database, Host, WsusDatabase};
use crate::facts::Facts;
use crate::finding::{CheckId, EvidenceItem, Finding, Remedy, Status, Symptom};
use crate::i18n::Arg;
use crate::i18n::Text;
use crate::knowledge::remedy;
use crate::tr;
use crate::values::{RunState, StartType};
use serde_json::json;

/// The catalogue entry of this check.
pub(crate) const CHECK: Check = Check {
    id: CheckId::ServerDatabase,
    sources: &[
        "WSUS-VIEWS",
        "WSUS-DB-CONNECT",
        "WUA-NET-ERRORS",
        "KB4490644",
    ],
    since: "0.1.0",
    symptoms: &[Symptom::DatabaseServiceDown, Symptom::DatabaseSqlExceptions],
    run,
};

/// Below this many SqlException records, a few failed queries (a sync or cleanup timing out)
/// are a warning rather than a database that is down.
const MANY_EXCEPTIONS: u64 = 10;

pub fn run(facts: &Facts) -> Vec<Finding> {
    if !wsus::has_server_evidence(facts) && facts.database.logs_read.is_empty() {
        return vec![CHECK.skipped(wsus::NO_SERVER_EVIDENCE)];
    }
    let db = wsus_database(facts);
    let logs = &facts.database;
    if db.is_none() && logs.logs_read.is_empty() {
        return vec![CHECK.skipped(tr!("database-skipped-no-evidence"))];
    }
    let mut findings = Vec::new();
    let mut service_down = false;
    if let Some(db) = &db {
        let f = service_finding(db, logs.sql_exceptions == 0 && !logs.logs_read.is_empty());
        service_down = f.symptom == Some(Symptom::DatabaseServiceDown);
        findings.push(f);
    }
    if logs.sql_exceptions > 0 {
        findings.push(exceptions_finding(facts, db.as_ref(), service_down));
    } else if db.is_none() {
        findings.push(
            CHECK
                .finding(Status::Pass, tr!("database-log-clean-title"))
                .summary(tr!(
                    "database-log-clean-summary",
                    logs = logs.logs_read.join(", ")
                ))
                .evidence_all(logs.logs_read.iter().map(|path| {
                    EvidenceItem::new(crate::values::EvidenceRef::file(path.as_str(), None))
                        .note(tr!("database-log-read-whole"))
                }))
                .reference("WSUS-DB-CONNECT"),
        );
    }
    findings
}

fn setup_item(db: &WsusDatabase<'_>) -> EvidenceItem {
    wsus::value_item(db.value).note(tr!("database-susdb-on", place = place(db)))
}

/// Where SUSDB is, as a reader's sentence names it (the same words as `WsusDatabase::place`).
fn place(db: &WsusDatabase<'_>) -> Text {
    let text = match (&db.engine, &db.host) {
        (Engine::Wid, _) => tr!("database-place-wid"),
        (Engine::SqlServer, Host::Local) => match &db.instance {
            Some(i) => tr!("database-place-local-instance", instance = i),
            None => tr!("database-place-local-default"),
        },
        (Engine::SqlServer, Host::Remote(_)) => {
            tr!("database-place-remote", server = &db.server_name)
        }
        (Engine::SqlServer, Host::Unplaced(_)) => {
            tr!("database-place-unplaced", server = &db.server_name)
        }
    };
    // The facts name the place too (logs, JSON); both must read the same in English.
    debug_assert_eq!(text.en(), db.place());
    text
}

fn service_item(s: &crate::facts::services::ServiceState) -> EvidenceItem {
    EvidenceItem::new(s.origin.clone()).excerpt(format!(
        "{}: {:?}{}{}",
        s.name,
        s.state,
        s.start_type
            .map_or(String::new(), |t| format!(", start type {t:?}")),
        s.exit_code
            .map_or(String::new(), |c| format!(", exit code {c}"))
    ))
}

/// What the evidence says of the instance's service.
fn service_finding(db: &WsusDatabase<'_>, log_is_clean: bool) -> Finding {
    let svc = &db.service_name;
    let place = place(db);
    let server = db.server_name.as_str();
    let clean = if log_is_clean {
        tr!("database-log-has-no-exception")
    } else {
        Text::default()
    };
    if let Host::Remote(host) = &db.host {
        return CHECK
            .finding(Status::Info, tr!("database-remote-title", server = server))
            .summary(
                tr!(
                    "database-remote-summary",
                    server = server,
                    place = &place,
                    service = svc,
                    host = host
                )
                .then(clean),
            )
            .evidence(setup_item(db))
            .remedy(
                Remedy::new(tr!("database-remote-remedy", host = host))
                    .powershell(format!("Get-Service -ComputerName {host} -Name '{svc}'"))
                    .cmd(format!("sc \\\\{host} query \"{svc}\"")),
            )
            .reference("WSUS-VIEWS");
    }
    let Some(s) = db.service else {
        let unplaced = match &db.host {
            Host::Unplaced(host) => tr!("database-host-unplaced", host = host),
            _ => Text::default(),
        };
        return CHECK
            .finding(
                Status::Info,
                tr!(
                    "database-service-unknown-title",
                    place = &place,
                    service = svc
                ),
            )
            .summary(
                tr!(
                    "database-service-unknown-summary",
                    server = server,
                    place = &place,
                    service = svc
                )
                .then(unplaced)
                .then(clean),
            )
            .evidence(setup_item(db))
            .remedy(
                Remedy::new(tr!("database-service-check-running", service = svc))
                    .powershell(format!("Get-Service -Name '{svc}'"))
                    .cmd(format!("sc query \"{svc}\"")),
            )
            .reference("WSUS-VIEWS");
    };
    let disabled = s.start_type == Some(StartType::Disabled);
    if s.state == RunState::Running && !disabled {
        return CHECK
            .finding(
                Status::Pass,
                tr!(
                    "database-service-running-title",
                    place = &place,
                    service = svc
                ),
            )
            .summary(
                tr!(
                    "database-service-running-summary",
                    server = server,
                    place = &place,
                    service = svc
                )
                .then(clean),
            )
            .evidence(setup_item(db))
            .evidence(service_item(s))
            .reference("WSUS-VIEWS");
    }
    if s.state == RunState::Running {
        return CHECK
            .finding(
                Status::Warn,
                tr!("database-service-running-disabled-title", service = svc),
            )
            .summary(
                tr!(
                    "database-service-running-disabled-summary",
                    server = server,
                    place = &place,
                    service = svc
                )
                .then(clean),
            )
            .evidence(setup_item(db))
            .evidence(service_item(s))
            .remedy(
                Remedy::new(tr!("database-service-set-automatic", service = svc))
                    .powershell(format!("Set-Service -Name '{svc}' -StartupType Automatic"))
                    .cmd(format!("sc config \"{svc}\" start= auto")),
            )
            .reference("WSUS-VIEWS");
    }
    let state = format!("{:?}", s.state);
    let (title, summary) = if disabled {
        (
            tr!("database-service-disabled-title", service = svc),
            tr!(
                "database-service-disabled-summary",
                server = server,
                place = &place,
                service = svc
            ),
        )
    } else {
        (
            tr!("database-service-not-running-title", service = svc),
            match s.exit_code {
                Some(code) => tr!(
                    "database-service-exited-summary",
                    server = server,
                    place = &place,
                    service = svc,
                    state = state,
                    code = Arg::shown(code)
                ),
                None => tr!(
                    "database-service-not-running-summary",
                    server = server,
                    place = &place,
                    service = svc,
                    state = state
                ),
            },
        )
    };
    CHECK
        .finding(Status::Fail, title)
        .symptom(Symptom::DatabaseServiceDown)
        .summary(summary)
        .evidence(setup_item(db))
        .evidence(service_item(s))
        .remedy(
            remedy::start_database_service(
                svc,
                disabled,
                tr!("database-service-start", service = svc),
            )
            .and_commands_of(remedy::local_database_health(&db.target())),
        )
        .reference("WSUS-VIEWS")
        .reference("WUA-NET-ERRORS")
}

/// The SqlException records of SoftwareDistribution.log.
fn exceptions_finding(facts: &Facts, db: Option<&WsusDatabase<'_>>, service_down: bool) -> Finding {
    let logs = &facts.database;
    let n = logs.sql_exceptions;
    let first = logs.first.as_ref().and_then(|r| r.time);
    let last = logs.last.as_ref().and_then(|r| r.time);
    let status = if service_down || n >= MANY_EXCEPTIONS {
        Status::Fail
    } else {
        Status::Warn
    };
    let summary = match db {
        Some(d) => tr!(
            "database-exceptions-on-summary",
            count = n,
            first = wsus::when(first),
            last = wsus::when(last),
            place = place(d)
        ),
        None => tr!(
            "database-exceptions-summary",
            count = n,
            first = wsus::when(first),
            last = wsus::when(last)
        ),
    };
    let mut f = CHECK
        .finding(status, tr!("database-exceptions-title", count = n))
        .symptom(Symptom::DatabaseSqlExceptions)
        .summary(summary)
        .reference("WSUS-DB-CONNECT")
        .reference("WUA-NET-ERRORS")
        .data(json!({
            "count": n,
            "first": first.map(crate::values::time::format_utc),
            "last": last.map(crate::values::time::format_utc),
        }));
    let mut shown: Vec<&crate::values::EvidenceRef> = Vec::new();
    for r in logs.first.iter().chain(&logs.samples).chain(&logs.last) {
        if shown.contains(&&r.origin) {
            continue;
        }
        shown.push(&r.origin);
        f = f.evidence(EvidenceItem::new(r.origin.clone()).excerpt(r.excerpt.clone()));
    }
    let target = db.map(WsusDatabase::target).unwrap_or_default();
    let text = match db {
        Some(d) => tr!(
            "database-exceptions-remedy-on",
            place = place(d),
            service = &target.service,
            database = &target.database
        ),
        None => tr!("database-exceptions-remedy"),
    };
    f.remedy(remedy::check_database(&target, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::registry::{keys, RegValue};
    use crate::facts::services::ServiceState;
    use crate::i18n::Lang;
    use crate::parsers::software_distribution::LoggedException;
    use crate::values::{EvidenceRef, RegData};

    fn wid_server(state: RunState, start_type: Option<StartType>) -> Facts {
        let mut f = Facts::default();
        f.registry.set(
            keys::WSUS_SETUP,
            RegValue {
                name: "SqlServerName".into(),
                data: RegData::Sz("MICROSOFT##WID".into()),
                origin: EvidenceRef::line("setup.reg", 4),
            },
        );
        f.services.insert(ServiceState {
            name: "MSSQL$MICROSOFT##WID".into(),
            display_name: None,
            state,
            start_type,
            pid: None,
            exit_code: None,
            origin: EvidenceRef::line("sc.txt", 30),
        });
        f
    }

    fn lines(f: &Finding) -> Vec<&str> {
        f.remedy
            .as_ref()
            .map(|r| r.commands.iter().map(|c| c.line.as_str()).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_disabled_database_service_is_set_to_start_then_started() {
        let out = run(&wid_server(RunState::Stopped, Some(StartType::Disabled)));
        assert_eq!(out.len(), 1, "{out:#?}");
        let f = &out[0];
        assert_eq!(f.status, Status::Fail);
        assert_eq!(f.symptom, Some(Symptom::DatabaseServiceDown));
        assert_eq!(
            f.title,
            "The WSUS database service MSSQL$MICROSOFT##WID is disabled"
        );
        assert!(
            f.summary
                .contains("whose service MSSQL$MICROSOFT##WID is disabled, so it cannot start"),
            "{}",
            f.summary
        );
        assert_eq!(
            f.title.local(Lang::Ja),
            "WSUS のデータベース サービス MSSQL$MICROSOFT##WID が無効になっています"
        );
        assert!(
            f.summary
                .local(Lang::Ja)
                .starts_with("SqlServerName は MICROSOFT##WID です。SUSDB は Windows Internal Database にあり、そのサービス MSSQL$MICROSOFT##WID は無効になっているため開始できません。"),
            "{}",
            f.summary.local(Lang::Ja)
        );
        assert_eq!(
            f.remedy.as_ref().unwrap().text.local(Lang::Ja),
            "MSSQL$MICROSOFT##WID を開始し、停止した理由をシステム ログとアプリケーション ログで確認してください。"
        );
        assert_eq!(f.evidence.len(), 2);
        assert_eq!(
            lines(f)[..2],
            [
                "Set-Service -Name 'MSSQL$MICROSOFT##WID' -StartupType Automatic; Start-Service -Name 'MSSQL$MICROSOFT##WID'",
                r#"sc config "MSSQL$MICROSOFT##WID" start= auto && net start "MSSQL$MICROSOFT##WID""#
            ]
        );

        // Running but disabled: a warning for the next restart, not a database that is down.
        let out = run(&wid_server(RunState::Running, Some(StartType::Disabled)));
        assert_eq!(out[0].status, Status::Warn);
        assert_eq!(out[0].symptom, None);
        assert_eq!(
            lines(&out[0]),
            [
                "Set-Service -Name 'MSSQL$MICROSOFT##WID' -StartupType Automatic",
                r#"sc config "MSSQL$MICROSOFT##WID" start= auto"#
            ]
        );
    }

    #[test]
    fn a_few_sql_exceptions_warn_and_many_fail() {
        let exceptions = |n: u64| {
            let mut f = wid_server(RunState::Running, Some(StartType::Automatic));
            f.database.logs_read.push("SoftwareDistribution.log".into());
            for line in 1..=n {
                f.database.record(
                    LoggedException {
                        types: vec!["SqlException".into()],
                        time: None,
                        line,
                        excerpt: format!("record {line}"),
                    },
                    "SoftwareDistribution.log",
                );
            }
            run(&f)
        };
        let few = exceptions(3);
        assert_eq!(few[0].status, Status::Pass);
        assert_eq!(
            few[0].title,
            "SUSDB is on the Windows Internal Database; MSSQL$MICROSOFT##WID is running"
        );
        let f = &few[1];
        assert_eq!(f.status, Status::Warn);
        assert_eq!(f.symptom, Some(Symptom::DatabaseSqlExceptions));
        assert_eq!(
            f.title,
            "SoftwareDistribution.log has 3 SqlException record(s)"
        );
        assert!(f
            .summary
            .starts_with("WSUS logged 3 SqlException record(s) from (no time) to (no time)"));
        assert_eq!(f.evidence.len(), 3);
        assert!(lines(f).contains(&r#"net start "MSSQL$MICROSOFT##WID""#));
        assert_eq!(exceptions(MANY_EXCEPTIONS)[1].status, Status::Fail);
    }

    #[test]
    fn a_clean_log_without_the_setup_key_passes_and_says_what_is_unknown() {
        let mut f = Facts::default();
        f.database
            .logs_read
            .push("wsus/SoftwareDistribution.log".into());
        let out = run(&f);
        assert_eq!(out.len(), 1, "{out:#?}");
        assert_eq!(out[0].status, Status::Pass);
        assert_eq!(out[0].title, "No SqlException in SoftwareDistribution.log");
        assert!(out[0]
            .summary
            .ends_with("SqlServerName (which database) is not among the evidence."));
        assert_eq!(out[0].evidence.len(), 1);
        assert_eq!(
            out[0].evidence[0].location,
            EvidenceRef::file("wsus/SoftwareDistribution.log", None)
        );
        assert_eq!(run(&Facts::default())[0].status, Status::Skipped);
    }
}
