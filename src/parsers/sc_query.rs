//! `sc query` / `sc queryex` (and `sc qc`) output: one block per service starting with
//! `SERVICE_NAME:`, with `STATE : 4  RUNNING`, `WIN32_EXIT_CODE : 0  (0x0)`, `PID : 1234` (queryex)
//! and `START_TYPE : 2   AUTO_START` (qc). `[SC] ... FAILED 1060` lines say a service is not
//! installed.

use super::lines::{decode, LineReader};
use super::ParseStats;
use crate::values::{RunState, StartType};
use std::io::{self, BufRead};

/// One service block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScService {
    pub name: String,
    pub display_name: Option<String>,
    pub state: RunState,
    pub start_type: Option<StartType>,
    pub pid: Option<u32>,
    pub exit_code: Option<u32>,
    /// The `SERVICE_NAME:` line.
    pub line: u64,
}

/// What one file says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ScItem {
    Service(ScService),
    /// `[SC] OpenService FAILED 1060: The specified service does not exist as an installed
    /// service.` (the name is unknown: sc does not repeat it).
    Failure {
        code: u32,
        text: String,
        line: u64,
    },
}

pub fn parse(
    reader: impl BufRead,
    stats: &mut ParseStats,
    mut sink: impl FnMut(ScItem),
) -> io::Result<()> {
    let mut lines = LineReader::new(reader);
    let mut current: Option<ScService> = None;
    while let Some(line) = lines.next_line()? {
        let text = decode(line.bytes);
        let t = text.trim_start_matches('\u{feff}').trim();
        if let Some(rest) = t.strip_prefix("[SC]") {
            if let Some(done) = current.take() {
                sink(ScItem::Service(done));
            }
            // `[SC] OpenService FAILED 1060:`: the failure is known by its error number followed by
            // a colon, not by the word, which other display languages translate (japanese-windows.md
            // §3); `[SC] QueryServiceConfig SUCCESS` has no such number.
            let code = rest
                .split_whitespace()
                .filter_map(|w| w.strip_suffix(':'))
                .find_map(|w| w.parse::<u32>().ok());
            if let Some(code) = code {
                sink(ScItem::Failure {
                    code,
                    text: t.to_string(),
                    line: line.number,
                });
            }
            continue;
        }
        let Some((field, value)) = t.split_once(':') else {
            continue;
        };
        let field = field.trim();
        let value = value.trim();
        if field == "SERVICE_NAME" {
            if let Some(done) = current.take() {
                sink(ScItem::Service(done));
            }
            stats.records += 1;
            current = Some(ScService {
                name: value.to_string(),
                display_name: None,
                state: RunState::Unknown,
                start_type: None,
                pid: None,
                exit_code: None,
                line: line.number,
            });
            continue;
        }
        let Some(svc) = current.as_mut() else {
            continue;
        };
        let first_word = value.split_whitespace().next().unwrap_or("");
        match field {
            "DISPLAY_NAME" => svc.display_name = Some(value.to_string()),
            "STATE" => {
                svc.state = RunState::parse(first_word);
                if svc.state == RunState::Unknown {
                    stats.malformed(line.number, || crate::tr!("malformed-sc-state"), line.bytes);
                }
            }
            "START_TYPE" => svc.start_type = Some(StartType::parse(first_word)),
            "PID" => svc.pid = first_word.parse().ok(),
            "WIN32_EXIT_CODE" => {
                svc.exit_code = first_word.parse().ok().filter(|&c: &u32| c != 0);
            }
            _ => {}
        }
    }
    if let Some(done) = current.take() {
        sink(ScItem::Service(done));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn several_services_and_failures() {
        let text = "\r\nSERVICE_NAME: WsusService\r\nDISPLAY_NAME: WSUS Service\r\n        TYPE               : 10  WIN32_OWN_PROCESS\r\n        STATE              : 1  STOPPED\r\n        WIN32_EXIT_CODE    : 1067  (0x42b)\r\n        PID                : 0\r\n\r\nSERVICE_NAME: W3SVC\r\n        STATE              : 4  RUNNING\r\n                                (STOPPABLE, NOT_PAUSABLE, ACCEPTS_SHUTDOWN)\r\n        WIN32_EXIT_CODE    : 0  (0x0)\r\n        PID                : 1234\r\n[SC] EnumQueryServicesStatus:OpenService FAILED 1060:\r\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |i| out.push(i)).unwrap();
        assert_eq!(stats.records, 2);
        let ScItem::Service(wsus) = &out[0] else {
            panic!()
        };
        assert_eq!(wsus.state, RunState::Stopped);
        assert_eq!(wsus.exit_code, Some(1067));
        assert_eq!(wsus.line, 2);
        let ScItem::Service(w3) = &out[1] else {
            panic!()
        };
        assert_eq!(w3.pid, Some(1234));
        assert_eq!(w3.exit_code, None);
        assert!(matches!(out[2], ScItem::Failure { code: 1060, .. }));
    }

    /// The keywords are believed to stay English on Japanese Windows (UNCONFIRMED,
    /// docs/japanese-windows.md); the display name, the error text and possibly the word for
    /// FAILED are Japanese.
    #[test]
    fn japanese_display_names_and_failure_words() {
        let text = "\r\nSERVICE_NAME: wuauserv\r\nDISPLAY_NAME: Windows Update\r\n        STATE              : 1  STOPPED\r\n\r\nSERVICE_NAME: BITS\r\nDISPLAY_NAME: バックグラウンド インテリジェント転送サービス\r\n        STATE              : 4  実行中\r\n[SC] OpenService は失敗しました 1060:\r\n\r\n指定されたサービスはインストールされたサービスとして存在しません。\r\n\r\n[SC] QueryServiceConfig 成功\r\n";
        let mut stats = ParseStats::default();
        let mut out = Vec::new();
        parse(text.as_bytes(), &mut stats, |i| out.push(i)).unwrap();
        assert_eq!(stats.malformed, 0);
        let ScItem::Service(bits) = &out[1] else {
            panic!("{out:?}")
        };
        assert_eq!(bits.state, RunState::Running);
        assert_eq!(
            bits.display_name.as_deref(),
            Some("バックグラウンド インテリジェント転送サービス")
        );
        assert!(matches!(out[2], ScItem::Failure { code: 1060, .. }));
        assert_eq!(out.len(), 3);
    }
}
