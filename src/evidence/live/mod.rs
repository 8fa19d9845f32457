//! Live evidence on Windows: the thin layer that asks the registry, the service control manager
//! and `wevtutil` for what [`gather`](super::gather) needs. Everything it returns is rendered and
//! analysed by the code shared with the offline path.

use super::live_format::{reg_type, RawValue, ServiceAnswer, ServiceStatus};
use super::live_source::{Source, SourceError};
use std::path::PathBuf;
use std::process::Command;

/// This machine.
#[derive(Debug, Default)]
pub struct ThisMachine;

const HKLM_PREFIX: &str = "HKEY_LOCAL_MACHINE\\";

/// `HRESULT_FROM_WIN32` puts Win32 errors under facility 7; the registry crate reports them so.
fn win32_of_hresult(hr: i32) -> Option<u32> {
    let hr = hr as u32;
    if hr & 0xffff_0000 == 0x8007_0000 {
        Some(hr & 0xffff)
    } else {
        None
    }
}

fn registry<T>(r: windows_registry::Result<T>) -> Result<T, SourceError> {
    r.map_err(|e| SourceError::new(win32_of_hresult(e.code().0), e.message()))
}

fn service_error(e: windows_service::Error) -> SourceError {
    match e {
        windows_service::Error::Winapi(io) => SourceError::from(io),
        other => SourceError::new(None, other.to_string()),
    }
}

fn type_number(t: windows_registry::Type) -> u32 {
    use windows_registry::Type;
    match t {
        Type::U32 => reg_type::DWORD,
        Type::U64 => reg_type::QWORD,
        Type::String => reg_type::SZ,
        Type::ExpandString => reg_type::EXPAND_SZ,
        Type::MultiString => reg_type::MULTI_SZ,
        Type::Bytes => reg_type::BINARY,
        Type::Other(n) => n,
    }
}

impl Source for ThisMachine {
    fn registry_key(&self, path: &str) -> Result<Vec<RawValue>, SourceError> {
        let Some(sub) = path.strip_prefix(HKLM_PREFIX) else {
            return Err(SourceError::new(None, "only HKEY_LOCAL_MACHINE is read"));
        };
        // The 64-bit view, where WSUS and Group Policy write, also from a 32-bit process.
        let key = registry(
            windows_registry::LOCAL_MACHINE
                .options()
                .read()
                .wow64_64()
                .open(sub),
        )?;
        let values = registry(key.values())?;
        Ok(values
            .map(|(name, value)| RawValue {
                name,
                kind: type_number(value.ty()),
                bytes: value.to_vec(),
            })
            .collect())
    }

    fn service(&self, name: &str) -> Result<ServiceAnswer, SourceError> {
        use windows_service::service::ServiceAccess;
        use windows_service::service_manager::{ServiceManager, ServiceManagerAccess};
        let manager = ServiceManager::local_computer(None::<&str>, ServiceManagerAccess::CONNECT)
            .map_err(service_error)?;
        let service = match manager.open_service(
            name,
            ServiceAccess::QUERY_STATUS | ServiceAccess::QUERY_CONFIG,
        ) {
            Ok(s) => s,
            Err(windows_service::Error::Winapi(io)) => {
                let err = SourceError::from(io);
                if err.is_access_denied() {
                    return Err(err);
                }
                return Ok(ServiceAnswer::Failed {
                    name: name.to_string(),
                    error: err.code.unwrap_or(0),
                });
            }
            Err(other) => return Err(service_error(other)),
        };
        let status = service.query_status().map_err(service_error)?;
        let config = service.query_config().ok();
        let (win32_exit_code, service_exit_code) = match status.exit_code {
            windows_service::service::ServiceExitCode::Win32(c) => (c, 0),
            // ERROR_SERVICE_SPECIFIC_ERROR, as sc prints it.
            windows_service::service::ServiceExitCode::ServiceSpecific(c) => (1066, c),
        };
        let delayed = self
            .registry_key(&format!(
                r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\{name}"
            ))
            .ok()
            .and_then(|values| {
                values
                    .into_iter()
                    .find(|v| v.name.eq_ignore_ascii_case("DelayedAutostart"))
            })
            .is_some_and(|v| v.bytes.first().is_some_and(|&b| b != 0));
        Ok(ServiceAnswer::Found(ServiceStatus {
            name: name.to_string(),
            display_name: config
                .as_ref()
                .map(|c| c.display_name.to_string_lossy().into_owned())
                .unwrap_or_else(|| name.to_string()),
            service_type: status.service_type.bits(),
            state: status.current_state as u32,
            win32_exit_code,
            service_exit_code,
            pid: status.process_id.unwrap_or(0),
            start_type: config.as_ref().map(|c| c.start_type.to_raw()),
            delayed_auto_start: delayed,
        }))
    }

    fn env(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }

    fn export_event_log(&self, channel: &str, days: u32) -> Result<Vec<u8>, SourceError> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join(format!("{channel}.evtx"));
        let max_age_ms = u64::from(days) * 86_400_000;
        // No spaces in the query: the argument then needs no quoting on its way to wevtutil.
        let query = format!("/q:*[System[TimeCreated[timediff(@SystemTime)<={max_age_ms}]]]");
        let output = Command::new("wevtutil")
            .arg("epl")
            .arg(channel)
            .arg(&out)
            .arg(query)
            .arg("/ow:true")
            .output()
            .map_err(|e| SourceError::new(None, format!("cannot run wevtutil: {e}")))?;
        if !output.status.success() {
            let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
            let code = output.status.code().and_then(|c| u32::try_from(c).ok());
            return Err(SourceError::new(
                code,
                format!("wevtutil epl {channel} failed: {message}"),
            ));
        }
        read_output(&out, "wevtutil epl")
    }

    fn windows_update_log_from_etw(&self) -> Result<Vec<u8>, SourceError> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("WindowsUpdate.log");
        let script = format!(
            "Get-WindowsUpdateLog -LogPath '{}' | Out-Null",
            out.display().to_string().replace('\'', "''")
        );
        let output = Command::new("powershell.exe")
            .args(["-NoProfile", "-NonInteractive", "-Command", &script])
            .output()
            .map_err(|e| SourceError::new(None, format!("cannot run PowerShell: {e}")))?;
        if !output.status.success() {
            return Err(SourceError::new(
                None,
                format!(
                    "Get-WindowsUpdateLog failed: {}",
                    String::from_utf8_lossy(&output.stderr).trim()
                ),
            ));
        }
        read_output(&out, "Get-WindowsUpdateLog")
    }

    fn is_elevated(&self) -> bool {
        token_is_elevated().unwrap_or(false)
    }

    fn machine_name(&self) -> String {
        self.env("COMPUTERNAME").unwrap_or_default()
    }

    fn ansi_code_page(&self) -> Option<u16> {
        // SAFETY: GetACP takes no arguments and only reads the process's locale settings.
        let acp = unsafe { windows_sys::Win32::Globalization::GetACP() };
        u16::try_from(acp).ok()
    }

    fn local_path(&self, windows_path: &str) -> PathBuf {
        PathBuf::from(windows_path)
    }
}

/// The file a command wrote; a command that says it succeeded but wrote nothing is a failure,
/// not a missing source.
fn read_output(path: &std::path::Path, command: &str) -> Result<Vec<u8>, SourceError> {
    std::fs::read(path).map_err(|e| {
        SourceError::new(
            None,
            format!(
                "{command} reported success but its output cannot be read: {}",
                super::describe_io(&e)
            ),
        )
    })
}

/// Asks the process token whether it is elevated (`TokenElevation`): with UAC, an
/// administrator's process is not elevated unless started with "Run as administrator".
fn token_is_elevated() -> Option<bool> {
    use windows_sys::Win32::Foundation::{CloseHandle, HANDLE};
    use windows_sys::Win32::Security::{
        GetTokenInformation, TokenElevation, TOKEN_ELEVATION, TOKEN_QUERY,
    };
    use windows_sys::Win32::System::Threading::{GetCurrentProcess, OpenProcessToken};
    let mut token: HANDLE = std::ptr::null_mut();
    // SAFETY: GetCurrentProcess returns a pseudo-handle; `token` receives a handle we close.
    if unsafe { OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &mut token) } == 0 {
        return None;
    }
    let mut elevation = TOKEN_ELEVATION { TokenIsElevated: 0 };
    let mut returned = 0u32;
    // SAFETY: the buffer is a TOKEN_ELEVATION of the size passed.
    let ok = unsafe {
        GetTokenInformation(
            token,
            TokenElevation,
            (&mut elevation as *mut TOKEN_ELEVATION).cast(),
            std::mem::size_of::<TOKEN_ELEVATION>() as u32,
            &mut returned,
        )
    };
    // SAFETY: `token` was opened above and is closed once.
    unsafe { CloseHandle(token) };
    (ok != 0).then_some(elevation.TokenIsElevated != 0)
}
