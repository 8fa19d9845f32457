//! The WSUS database (SUSDB): where the WSUS Setup key's `SqlServerName` puts it (the Windows
//! Internal Database, a SQL Server instance on this server, or one on another server), the
//! state of its service when the service list has it, and the `SqlException` records WSUS
//! wrote to SoftwareDistribution.log when it could not use it.
//!
//! WSUS-VIEWS lists the instances WSUS can use (the Windows Internal Database, a local default
//! or named instance, a remote instance) and names the database SUSDB. The service names follow
//! SQL Server's convention: `MSSQLSERVER` for a default instance, `MSSQL$NAME` for a named one;
//! that the Windows Internal Database runs as `MSSQL$MICROSOFT##WID` (`MSSQL$MICROSOFT##SSEE`
//! under WSUS 3.0) is UNCONFIRMED by a Microsoft page.

use super::registry::{keys, RegValue};
use super::services::ServiceState;
use super::Facts;
use crate::knowledge::wsus;
use crate::parsers::software_distribution::LoggedException;
use crate::values::EvidenceRef;
use jiff::Timestamp;

/// Samples kept as evidence; a failing database logs thousands of exceptions.
const SAMPLES: usize = 5;

/// One `SqlException` record of SoftwareDistribution.log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlExceptionRecord {
    pub time: Option<Timestamp>,
    pub origin: EvidenceRef,
    pub excerpt: String,
}

/// What SoftwareDistribution.log says about the database, over every copy read.
#[derive(Debug, Clone, Default)]
pub struct DatabaseFacts {
    /// The SoftwareDistribution.log files read (so that "no SqlException" can be told from
    /// "no log").
    pub logs_read: Vec<String>,
    /// How many records name a `SqlException`.
    pub sql_exceptions: u64,
    /// The earliest and the latest of them by time (records without a time count as neither
    /// unless no record has one).
    pub first: Option<SqlExceptionRecord>,
    pub last: Option<SqlExceptionRecord>,
    /// The first few in input order.
    pub samples: Vec<SqlExceptionRecord>,
}

impl DatabaseFacts {
    fn add(&mut self, r: SqlExceptionRecord) {
        self.sql_exceptions += 1;
        if self.samples.len() < SAMPLES {
            self.samples.push(r.clone());
        }
        let earlier = |a: &SqlExceptionRecord, b: &SqlExceptionRecord| match (a.time, b.time) {
            (Some(x), Some(y)) => x < y,
            (Some(_), None) => true,
            _ => false,
        };
        if self.first.as_ref().is_none_or(|f| earlier(&r, f)) {
            self.first = Some(r.clone());
        }
        if self
            .last
            .as_ref()
            .is_none_or(|l| earlier(l, &r) || (l.time.is_none() && r.time.is_none()))
        {
            self.last = Some(r);
        }
    }

    pub(crate) fn merge(&mut self, other: DatabaseFacts) {
        self.logs_read.extend(other.logs_read);
        let count = self.sql_exceptions + other.sql_exceptions;
        let mut samples = std::mem::take(&mut self.samples);
        samples.extend(other.samples);
        samples.truncate(SAMPLES);
        for r in other.first.into_iter().chain(other.last) {
            self.add(r);
        }
        self.sql_exceptions = count;
        self.samples = samples;
    }

    /// Keeps a record of SoftwareDistribution.log when it names a `SqlException`.
    pub(crate) fn record(&mut self, e: LoggedException, path: &str) {
        if !e.types.iter().any(|t| t == "SqlException") {
            return;
        }
        self.add(SqlExceptionRecord {
            time: e.time.and_then(|s| s.to_utc()),
            origin: EvidenceRef::line(path, e.line),
            excerpt: e.excerpt,
        });
    }
}

/// What kind of instance holds SUSDB.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Engine {
    /// The Windows Internal Database WSUS setup installs.
    Wid,
    SqlServer,
}

/// Whether the instance runs on the WSUS server itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Host {
    Local,
    /// Another server, by the name `SqlServerName` gives.
    Remote(String),
    /// A server name the evidence cannot place: the registry does not state this machine's name.
    Unplaced(String),
}

/// The database WSUS uses, as the evidence shows it.
#[derive(Debug, Clone)]
pub(crate) struct WsusDatabase<'a> {
    /// The `SqlServerName` value.
    pub(crate) value: &'a RegValue,
    /// `SqlServerName` as written (`MICROSOFT##WID`, `SQL01\WSUS`).
    pub(crate) server_name: String,
    /// `SqlDatabaseName`, else SUSDB.
    pub(crate) database: String,
    pub(crate) engine: Engine,
    pub(crate) host: Host,
    /// The instance name; `None` for a default instance.
    pub(crate) instance: Option<String>,
    /// The service that runs the instance.
    pub(crate) service_name: String,
    /// The service as this server's service list shows it (never for a remote instance).
    pub(crate) service: Option<&'a ServiceState>,
}

impl WsusDatabase<'_> {
    /// Where SUSDB lives, for a sentence: "the Windows Internal Database", "the SQL Server
    /// instance SQL01\WSUS on another server".
    pub(crate) fn place(&self) -> String {
        match (&self.engine, &self.host) {
            (Engine::Wid, _) => "the Windows Internal Database".to_string(),
            (Engine::SqlServer, Host::Local) => match &self.instance {
                Some(i) => format!("the local SQL Server instance {i}"),
                None => "the local SQL Server default instance".to_string(),
            },
            (Engine::SqlServer, Host::Remote(_)) => format!(
                "the SQL Server instance {} on another server",
                self.server_name
            ),
            (Engine::SqlServer, Host::Unplaced(_)) => {
                format!("the SQL Server instance {}", self.server_name)
            }
        }
    }

    /// The server name sqlcmd connects to: the Windows Internal Database's named pipe, else
    /// `SqlServerName` itself.
    pub(crate) fn sqlcmd_server(&self) -> String {
        match self.engine {
            Engine::Wid if self.server_name.eq_ignore_ascii_case("MICROSOFT##SSEE") => {
                wsus::SSEE_SQLCMD_SERVER.to_string()
            }
            Engine::Wid => wsus::WID_SQLCMD_SERVER.to_string(),
            Engine::SqlServer => self.server_name.clone(),
        }
    }

    /// The database as the remedies name it.
    pub(crate) fn target(&self) -> crate::knowledge::remedy::DatabaseTarget {
        crate::knowledge::remedy::DatabaseTarget {
            service: self.service_name.clone(),
            sqlcmd_server: self.sqlcmd_server(),
            database: self.database.clone(),
            remote_host: self.remote_host().map(str::to_string),
        }
    }

    pub(crate) fn remote_host(&self) -> Option<&str> {
        match &self.host {
            Host::Remote(h) => Some(h),
            _ => None,
        }
    }
}

/// Names by which a SQL Server client means "this machine".
const LOOPBACK: &[&str] = &[".", "(local)", "localhost", "127.0.0.1", "::1"];

fn short_host(name: &str) -> &str {
    name.split('.').next().unwrap_or(name)
}

/// What a `SqlServerName` value names.
struct Instance {
    engine: Engine,
    host: Host,
    /// `None` for a default instance.
    instance: Option<String>,
    service_name: String,
}

/// Reads a `SqlServerName` value, on the machine called `this_machine` when that is known.
fn instance_of(server_name: &str, this_machine: Option<&str>) -> Instance {
    // `tcp:SQL01\WSUS,1433`: the protocol and the port do not change which instance it is.
    let bare = server_name
        .split_once(':')
        .filter(|(p, _)| ["tcp", "np", "lpc"].contains(&p.to_ascii_lowercase().as_str()))
        .map_or(server_name, |(_, rest)| rest);
    let bare = bare.split(',').next().unwrap_or(bare).trim();
    let (host, instance) = match bare.split_once('\\') {
        Some((h, i)) => (h.trim(), Some(i.trim().to_string())),
        None if bare.to_ascii_uppercase().starts_with("MICROSOFT##") => {
            (".", Some(bare.to_string()))
        }
        None => (bare, None),
    };
    let instance = instance.filter(|i| !i.is_empty());
    let wid = instance
        .as_deref()
        .is_some_and(|i| i.to_ascii_uppercase().starts_with("MICROSOFT##"));
    let host = if wid || LOOPBACK.iter().any(|l| l.eq_ignore_ascii_case(host)) {
        Host::Local
    } else {
        match this_machine {
            Some(me) if short_host(me).eq_ignore_ascii_case(short_host(host)) => Host::Local,
            Some(_) => Host::Remote(host.to_string()),
            None => Host::Unplaced(host.to_string()),
        }
    };
    let service_name = match &instance {
        Some(i) => format!("MSSQL${i}"),
        None => "MSSQLSERVER".to_string(),
    };
    Instance {
        engine: if wid { Engine::Wid } else { Engine::SqlServer },
        host,
        instance,
        service_name,
    }
}

/// The service of the instance a `SqlServerName` value names, when it runs on the machine
/// called `this_machine` (what a live run can ask that machine's service control manager).
pub(crate) fn local_service(server_name: &str, this_machine: &str) -> Option<String> {
    let i = instance_of(server_name.trim(), Some(this_machine));
    (i.host == Host::Local && !server_name.trim().is_empty()).then_some(i.service_name)
}

/// The database the WSUS Setup key names, or `None` when the evidence has no `SqlServerName`.
pub(crate) fn wsus_database(facts: &Facts) -> Option<WsusDatabase<'_>> {
    let value = facts.registry.value(keys::WSUS_SETUP, "SqlServerName")?;
    let server_name = value.data.as_str()?.trim().to_string();
    if server_name.is_empty() {
        return None;
    }
    let database = facts
        .registry
        .value(keys::WSUS_SETUP, "SqlDatabaseName")
        .and_then(|v| v.data.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(wsus::DATABASE_NAME)
        .to_string();
    let this_machine = facts.registry.computer_name().map(|(n, _)| n);
    let Instance {
        engine,
        host,
        instance,
        service_name,
    } = instance_of(&server_name, this_machine);
    let mut service = match host {
        Host::Remote(_) => None,
        _ => facts.services.get(&service_name),
    };
    // A server whose name the evidence does not state is this one when its service list runs
    // the instance.
    let host = match host {
        Host::Unplaced(_) if service.is_some() => Host::Local,
        h => h,
    };
    if matches!(host, Host::Remote(_)) {
        service = None;
    }
    Some(WsusDatabase {
        value,
        server_name,
        database,
        engine,
        host,
        instance,
        service_name,
        service,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::{RegData, RunState};

    fn facts(sql_server_name: &str, computer: Option<&str>, services: &[&str]) -> Facts {
        let mut f = Facts::default();
        f.registry.set(
            keys::WSUS_SETUP,
            RegValue {
                name: "SqlServerName".into(),
                data: RegData::Sz(sql_server_name.into()),
                origin: EvidenceRef::line("setup.reg", 4),
            },
        );
        if let Some(c) = computer {
            f.registry.set(
                keys::COMPUTER_NAME,
                RegValue {
                    name: "ComputerName".into(),
                    data: RegData::Sz(c.into()),
                    origin: EvidenceRef::line("name.reg", 3),
                },
            );
        }
        for s in services {
            f.services.insert(ServiceState {
                name: s.to_string(),
                display_name: None,
                state: RunState::Running,
                start_type: None,
                pid: None,
                exit_code: None,
                origin: EvidenceRef::line("sc.txt", 1),
            });
        }
        f
    }

    #[test]
    fn sql_server_name_places_the_instance_and_names_its_service() {
        let f = facts("MICROSOFT##WID", None, &["MSSQL$MICROSOFT##WID"]);
        let db = wsus_database(&f).unwrap();
        assert_eq!(
            (db.engine, &db.host, db.service_name.as_str()),
            (Engine::Wid, &Host::Local, "MSSQL$MICROSOFT##WID")
        );
        assert!(db.service.is_some());
        assert_eq!(db.database, "SUSDB");
        assert_eq!(db.sqlcmd_server(), r"np:\\.\pipe\MICROSOFT##WID\tsql\query");

        let f = facts(r"WSUS01\SQLEXPRESS", Some("wsus01"), &[]);
        let db = wsus_database(&f).unwrap();
        assert_eq!(db.host, Host::Local);
        assert_eq!(db.service_name, "MSSQL$SQLEXPRESS");
        assert_eq!(db.place(), "the local SQL Server instance SQLEXPRESS");

        let f = facts("tcp:wsus01.corp.example.com,1433", Some("WSUS01"), &[]);
        let db = wsus_database(&f).unwrap();
        assert_eq!(
            (db.host.clone(), db.service_name.as_str()),
            (Host::Local, "MSSQLSERVER")
        );

        // Another server's instance: its service is not this server's, even with the same name.
        let f = facts(r"SQL01\WSUS", Some("WSUS01"), &["MSSQL$WSUS"]);
        let db = wsus_database(&f).unwrap();
        assert_eq!(db.host, Host::Remote("SQL01".into()));
        assert!(db.service.is_none());
        assert_eq!(db.remote_host(), Some("SQL01"));
        assert_eq!(db.sqlcmd_server(), r"SQL01\WSUS");
        assert_eq!(local_service(r"SQL01\WSUS", "WSUS01"), None);
        assert_eq!(
            local_service(r"wsus01\SQLEXPRESS", "WSUS01").as_deref(),
            Some("MSSQL$SQLEXPRESS")
        );
        assert_eq!(
            local_service("MICROSOFT##WID", "WSUS01").as_deref(),
            Some("MSSQL$MICROSOFT##WID")
        );

        // Without the machine's name, a service list running the instance places it here.
        let with_service = facts(r"SQL01\WSUS", None, &["MSSQL$WSUS"]);
        assert_eq!(wsus_database(&with_service).unwrap().host, Host::Local);
        let without = facts(r"SQL01\WSUS", None, &[]);
        assert_eq!(
            wsus_database(&without).unwrap().host,
            Host::Unplaced("SQL01".into())
        );
    }

    #[test]
    fn exceptions_keep_the_count_the_first_and_the_last_over_files() {
        let record = |line: u64, second: i64| LoggedException {
            types: vec!["SqlException".into()],
            time: Some(crate::values::time::Stamp::utc(
                jiff::Timestamp::from_second(1_700_000_000 + second)
                    .unwrap()
                    .to_zoned(jiff::tz::TimeZone::UTC)
                    .datetime(),
            )),
            line,
            excerpt: format!("line {line}"),
        };
        let mut a = DatabaseFacts::default();
        a.record(record(1, 50), "a.log");
        a.record(record(2, 60), "a.log");
        let mut web = record(3, 0);
        web.types = vec!["WebException".into()];
        a.record(web, "a.log");
        let mut b = DatabaseFacts::default();
        b.record(record(7, 10), "b.log");
        b.record(record(8, 90), "b.log");
        a.merge(b);
        assert_eq!(a.sql_exceptions, 4);
        assert_eq!(a.first.unwrap().excerpt, "line 7");
        assert_eq!(a.last.unwrap().excerpt, "line 8");
        assert_eq!(a.samples.len(), 4);
    }
}
