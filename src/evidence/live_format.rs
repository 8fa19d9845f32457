//! Renders what is read live (registry values, service states) as the text files administrators
//! export by hand: a regedit `.reg` export and `sc queryex` output. The live path then hands these
//! to the same parsers as the offline path, and `collect` stores them as they are, so a live run
//! and an offline run over the collected zip read identical bytes.
//!
//! Nothing here calls the operating system: the Windows layer only fills [`RawKey`] and
//! [`ServiceStatus`], so the rendering is tested on every OS.

use std::fmt::Write as _;

/// Registry value types (winnt.h `REG_*`).
pub(crate) mod reg_type {
    pub(crate) const SZ: u32 = 1;
    pub(crate) const EXPAND_SZ: u32 = 2;
    pub(crate) const BINARY: u32 = 3;
    pub(crate) const DWORD: u32 = 4;
    // Rendered as regedit's hex(7) and hex(b) by the general case; named for the live reader
    // on Windows and for the tests.
    #[cfg(any(test, windows))]
    pub(crate) const MULTI_SZ: u32 = 7;
    #[cfg(any(test, windows))]
    pub(crate) const QWORD: u32 = 11;
}

/// One registry value as the registry API returns it: type number and raw bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawValue {
    /// `""` is the key's default value (`@` in an export).
    pub name: String,
    pub kind: u32,
    pub bytes: Vec<u8>,
}

/// One key with its values, in the order the registry enumerated them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawKey {
    /// The full path with the root spelled out (`HKEY_LOCAL_MACHINE\...`).
    pub path: String,
    pub values: Vec<RawValue>,
}

/// The header line regedit writes (formats.md §5.1).
pub(crate) const REG_HEADER: &str = "Windows Registry Editor Version 5.00";

/// regedit wraps `hex:` lists before this column, continuing with `\` and two spaces.
const REG_WRAP_COLUMN: usize = 76;

/// A `.reg` export of the keys, in UTF-16LE with a byte-order mark and CRLF line ends, as
/// `regedit /e` and `reg export` write it.
pub(crate) fn reg_export(keys: &[RawKey]) -> Vec<u8> {
    utf16le_with_bom(&reg_export_text(keys))
}

/// The text of a `.reg` export (before encoding).
pub(crate) fn reg_export_text(keys: &[RawKey]) -> String {
    let mut out = String::new();
    out.push_str(REG_HEADER);
    out.push_str("\r\n\r\n");
    for key in keys {
        let _ = write!(out, "[{}]\r\n", key.path);
        for value in &key.values {
            out.push_str(&reg_value_line(value));
            out.push_str("\r\n");
        }
        out.push_str("\r\n");
    }
    out
}

/// One `"name"=data` line (wrapped like regedit for long binary data).
fn reg_value_line(v: &RawValue) -> String {
    let name = if v.name.is_empty() {
        "@".to_string()
    } else {
        format!("\"{}\"", reg_escape(&v.name))
    };
    match v.kind {
        reg_type::SZ => match sz_text(&v.bytes) {
            Some(s) => format!("{name}=\"{}\"", reg_escape(&s)),
            // Text that a quoted string cannot carry (line breaks, odd lengths) keeps its bytes.
            None => hex_line(&name, "hex(1):", &v.bytes),
        },
        reg_type::DWORD if v.bytes.len() == 4 => {
            let n = u32::from_le_bytes([v.bytes[0], v.bytes[1], v.bytes[2], v.bytes[3]]);
            format!("{name}=dword:{n:08x}")
        }
        reg_type::BINARY => hex_line(&name, "hex:", &v.bytes),
        other => hex_line(&name, &format!("hex({other:x}):"), &v.bytes),
    }
}

/// A REG_SZ's text when it can be written as a quoted string: UTF-16LE, up to the first NUL,
/// without line breaks.
fn sz_text(bytes: &[u8]) -> Option<String> {
    if !bytes.len().is_multiple_of(2) {
        return None;
    }
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    let s = String::from_utf16(&units).ok()?;
    (!s.contains(['\r', '\n'])).then_some(s)
}

/// regedit escapes backslashes and double quotes in names and strings.
fn reg_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

fn hex_line(name: &str, prefix: &str, bytes: &[u8]) -> String {
    let mut line = format!("{name}={prefix}");
    let mut column = line.len();
    for (i, b) in bytes.iter().enumerate() {
        let last = i + 1 == bytes.len();
        let item = if last {
            format!("{b:02x}")
        } else {
            format!("{b:02x},")
        };
        if column + item.len() > REG_WRAP_COLUMN && !last {
            line.push_str("\\\r\n  ");
            column = 2;
        }
        line.push_str(&item);
        column += item.len();
    }
    line
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(2 + text.len() * 2);
    out.extend_from_slice(&[0xff, 0xfe]);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&unit.to_le_bytes());
    }
    out
}

/// A service as the service control manager reports it (`QueryServiceStatusEx` and
/// `QueryServiceConfig` figures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceStatus {
    pub name: String,
    pub display_name: String,
    /// `SERVICE_WIN32_OWN_PROCESS` (0x10), `SERVICE_WIN32_SHARE_PROCESS` (0x20), ...
    pub service_type: u32,
    /// `SERVICE_STOPPED` (1) .. `SERVICE_PAUSED` (7).
    pub state: u32,
    pub win32_exit_code: u32,
    pub service_exit_code: u32,
    pub pid: u32,
    /// `SERVICE_AUTO_START` (2), `SERVICE_DEMAND_START` (3), `SERVICE_DISABLED` (4), ...
    pub start_type: Option<u32>,
    pub delayed_auto_start: bool,
}

/// What asking the service control manager about one service gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceAnswer {
    Found(ServiceStatus),
    /// `OpenService` failed with this Win32 error (1060: the service does not exist).
    Failed {
        name: String,
        error: u32,
    },
}

/// Win32 `ERROR_SERVICE_DOES_NOT_EXIST`.
pub(crate) const ERROR_SERVICE_DOES_NOT_EXIST: u32 = 1060;

/// `sc queryex NAME` output for each service, with the `START_TYPE` line of `sc qc` added to each
/// block, in CRLF text as `sc` prints it.
pub(crate) fn sc_queryex(services: &[ServiceAnswer]) -> Vec<u8> {
    let mut out = String::new();
    for answer in services {
        match answer {
            ServiceAnswer::Found(s) => {
                let _ = write!(
                    out,
                    "\r\nSERVICE_NAME: {}\r\nDISPLAY_NAME: {}\r\n",
                    s.name, s.display_name
                );
                let _ = write!(
                    out,
                    "        TYPE               : {:x}  {}\r\n",
                    s.service_type,
                    service_type_name(s.service_type)
                );
                let _ = write!(
                    out,
                    "        STATE              : {}  {}\r\n",
                    s.state,
                    state_name(s.state)
                );
                if let Some(start) = s.start_type {
                    let delayed = if s.delayed_auto_start && start == 2 {
                        "  (DELAYED)"
                    } else {
                        ""
                    };
                    let _ = write!(
                        out,
                        "        START_TYPE         : {start}   {}{delayed}\r\n",
                        start_type_name(start)
                    );
                }
                let _ = write!(
                    out,
                    "        WIN32_EXIT_CODE    : {0}  (0x{0:x})\r\n        SERVICE_EXIT_CODE  : {1}  (0x{1:x})\r\n",
                    s.win32_exit_code, s.service_exit_code
                );
                out.push_str(
                    "        CHECKPOINT         : 0x0\r\n        WAIT_HINT          : 0x0\r\n",
                );
                let _ = write!(out, "        PID                : {}\r\n", s.pid);
                out.push_str("        FLAGS              :\r\n");
            }
            ServiceAnswer::Failed { name, error } => {
                let text = if *error == ERROR_SERVICE_DOES_NOT_EXIST {
                    "The specified service does not exist as an installed service."
                } else {
                    "The service could not be queried."
                };
                let _ = write!(
                    out,
                    "\r\n[SC] EnumQueryServicesStatus:OpenService FAILED {error}:\r\n\r\n{text}\r\n\r\nSERVICE_NAME: {name}\r\n"
                );
            }
        }
    }
    out.into_bytes()
}

fn service_type_name(t: u32) -> &'static str {
    match t & 0xff {
        0x10 => "WIN32_OWN_PROCESS",
        0x20 => "WIN32_SHARE_PROCESS",
        0x01 => "KERNEL_DRIVER",
        0x02 => "FILE_SYSTEM_DRIVER",
        _ => "",
    }
}

fn state_name(s: u32) -> &'static str {
    match s {
        1 => "STOPPED",
        2 => "START_PENDING",
        3 => "STOP_PENDING",
        4 => "RUNNING",
        5 => "CONTINUE_PENDING",
        6 => "PAUSE_PENDING",
        7 => "PAUSED",
        _ => "UNKNOWN",
    }
}

fn start_type_name(s: u32) -> &'static str {
    match s {
        0 => "BOOT_START",
        1 => "SYSTEM_START",
        2 => "AUTO_START",
        3 => "DEMAND_START",
        4 => "DISABLED",
        _ => "UNKNOWN",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evidence::{sniff, text};

    fn utf16z(s: &str) -> Vec<u8> {
        s.encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect()
    }

    fn value(name: &str, kind: u32, bytes: Vec<u8>) -> RawValue {
        RawValue {
            name: name.into(),
            kind,
            bytes,
        }
    }

    #[test]
    fn registry_export_renders_every_type_like_regedit() {
        let keys = [RawKey {
            path: r"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate".into(),
            values: vec![
                value(
                    "WUServer",
                    reg_type::SZ,
                    utf16z("http://wsus.example.test:8530"),
                ),
                value("Quote\"d", reg_type::SZ, utf16z(r"C:\x")),
                value("", reg_type::SZ, utf16z("default")),
                value("UseWUServer", reg_type::DWORD, 1u32.to_le_bytes().to_vec()),
                value("Q", reg_type::QWORD, 5u64.to_le_bytes().to_vec()),
                value("E", reg_type::EXPAND_SZ, utf16z("%a")),
                value("M", reg_type::MULTI_SZ, [utf16z("a"), utf16z("")].concat()),
                value("Lines", reg_type::SZ, utf16z("a\r\nb")),
            ],
        }];
        let text = reg_export_text(&keys);
        let expected = "Windows Registry Editor Version 5.00\r\n\r\n\
            [HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n\
            \"WUServer\"=\"http://wsus.example.test:8530\"\r\n\
            \"Quote\\\"d\"=\"C:\\\\x\"\r\n\
            @=\"default\"\r\n\
            \"UseWUServer\"=dword:00000001\r\n\
            \"Q\"=hex(b):05,00,00,00,00,00,00,00\r\n\
            \"E\"=hex(2):25,00,61,00,00,00\r\n\
            \"M\"=hex(7):61,00,00,00,00,00\r\n\
            \"Lines\"=hex(1):61,00,0d,00,0a,00,62,00,00,00\r\n\r\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn long_binary_values_wrap_at_regedit_width() {
        // WinHttpSettings is binary and usually longer than one line.
        let keys = [RawKey {
            path: r"HKEY_LOCAL_MACHINE\X".into(),
            values: vec![value("WinHttpSettings", reg_type::BINARY, vec![0xab; 60])],
        }];
        let text = reg_export_text(&keys);
        let lines: Vec<&str> = text.split("\r\n").collect();
        assert!(
            lines.iter().all(|l| l.len() <= REG_WRAP_COLUMN + 1),
            "{text}"
        );
        let value_lines: Vec<&&str> = lines
            .iter()
            .filter(|l| l.starts_with("\"WinHttp") || l.starts_with("  "))
            .collect();
        assert!(value_lines.len() >= 3);
        let joined: String = value_lines
            .iter()
            .map(|l| l.trim_start().trim_end_matches('\\'))
            .collect();
        assert_eq!(joined.matches("ab").count(), 60);
        assert!(!joined.ends_with(','));
    }

    #[test]
    fn registry_export_is_recognised_as_one() {
        let bytes = reg_export(&[RawKey {
            path: r"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Update Services\Server\Setup".into(),
            values: vec![value("PortNumber", reg_type::DWORD, vec![0x52, 0x21, 0, 0])],
        }]);
        assert!(bytes.starts_with(&[0xff, 0xfe]));
        let sniffed = sniff::sniff(&bytes);
        assert_eq!(sniffed.kind, Some(crate::evidence::Kind::RegExport));
        assert_eq!(
            sniffed.encoding,
            Some(text::TextEncoding::Utf16Le),
            "{:?}",
            sniffed.reason
        );
    }

    #[test]
    fn services_render_as_sc_queryex_with_start_type() {
        let out = sc_queryex(&[
            ServiceAnswer::Found(ServiceStatus {
                name: "WsusService".into(),
                display_name: "WSUS Service".into(),
                service_type: 0x10,
                state: 1,
                win32_exit_code: 0,
                service_exit_code: 0,
                pid: 0,
                start_type: Some(2),
                delayed_auto_start: true,
            }),
            ServiceAnswer::Failed {
                name: "W3SVC".into(),
                error: ERROR_SERVICE_DOES_NOT_EXIST,
            },
        ]);
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(text.contains("SERVICE_NAME: WsusService\r\nDISPLAY_NAME: WSUS Service\r\n"));
        assert!(text.contains("        STATE              : 1  STOPPED\r\n"));
        assert!(text.contains("        START_TYPE         : 2   AUTO_START  (DELAYED)\r\n"));
        assert!(text.contains("        PID                : 0\r\n"));
        assert!(text.contains("FAILED 1060:"));
        assert_eq!(
            sniff::sniff(&out).kind,
            Some(crate::evidence::Kind::ScQuery)
        );
    }
}
