//! The machine as live gathering reaches it: registry, service control manager, environment,
//! event logs and files, behind one trait so that tests can stand in for Windows.

use super::live_format::{RawValue, ServiceAnswer};
use std::fs;
use std::io;
use std::path::PathBuf;
use std::time::SystemTime;

/// Win32 error codes the gathering tells apart.
pub(crate) mod win32 {
    pub(crate) const ERROR_FILE_NOT_FOUND: u32 = 2;
    pub(crate) const ERROR_PATH_NOT_FOUND: u32 = 3;
    pub(crate) const ERROR_ACCESS_DENIED: u32 = 5;
}

/// A failure reported by the operating system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The Win32 error code, when there is one.
    pub code: Option<u32>,
    pub message: String,
}

impl SourceError {
    pub fn new(code: Option<u32>, message: impl Into<String>) -> Self {
        SourceError {
            code,
            message: message.into(),
        }
    }

    #[cfg(test)]
    pub(crate) fn access_denied() -> Self {
        SourceError::new(Some(win32::ERROR_ACCESS_DENIED), "access denied")
    }

    #[cfg(test)]
    pub(crate) fn not_found() -> Self {
        SourceError::new(Some(win32::ERROR_FILE_NOT_FOUND), "not found")
    }

    pub(crate) fn is_access_denied(&self) -> bool {
        self.code == Some(win32::ERROR_ACCESS_DENIED)
    }

    pub(crate) fn is_not_found(&self) -> bool {
        matches!(
            self.code,
            Some(win32::ERROR_FILE_NOT_FOUND | win32::ERROR_PATH_NOT_FOUND)
        )
    }
}

impl From<io::Error> for SourceError {
    fn from(e: io::Error) -> Self {
        // On Windows the raw code is the Win32 error; elsewhere the kind says enough.
        let code = if cfg!(windows) {
            e.raw_os_error().and_then(|c| u32::try_from(c).ok())
        } else {
            match e.kind() {
                io::ErrorKind::NotFound => Some(win32::ERROR_FILE_NOT_FOUND),
                io::ErrorKind::PermissionDenied => Some(win32::ERROR_ACCESS_DENIED),
                _ => None,
            }
        };
        SourceError::new(code, crate::evidence::describe_io(&e).to_string())
    }
}

/// One entry of a folder.
#[derive(Debug, Clone)]
pub struct DirEntry {
    pub name: String,
    pub modified: Option<SystemTime>,
    pub is_file: bool,
}

/// The machine as the gathering sees it.
pub trait Source {
    /// The values of a key (`HKEY_LOCAL_MACHINE\...`, 64-bit view).
    fn registry_key(&self, path: &str) -> Result<Vec<RawValue>, SourceError>;
    /// A service's status and configuration from the service control manager.
    fn service(&self, name: &str) -> Result<ServiceAnswer, SourceError>;
    /// An environment variable (`windir`, `ProgramFiles`, `SystemDrive`).
    fn env(&self, name: &str) -> Option<String>;
    /// An event log channel exported as `.evtx`, records of the last `days` days only.
    fn export_event_log(&self, channel: &str, days: u32) -> Result<Vec<u8>, SourceError>;
    /// WindowsUpdate.log rebuilt from the ETW traces of Windows 10 and later.
    fn windows_update_log_from_etw(&self) -> Result<Vec<u8>, SourceError>;
    /// Whether the process runs elevated (administrator with a full token).
    fn is_elevated(&self) -> bool;
    fn machine_name(&self) -> String;
    /// The ANSI code page (`GetACP`): console output redirected to a file and the older logs are
    /// written in it, 932 on Japanese Windows.
    fn ansi_code_page(&self) -> Option<u16>;
    /// Where a Windows path is on the file system this process sees (itself, on Windows).
    fn local_path(&self, windows_path: &str) -> PathBuf;

    fn list_dir(&self, windows_path: &str) -> Result<Vec<DirEntry>, SourceError> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(self.local_path(windows_path))? {
            let entry = entry?;
            let meta = entry.metadata()?;
            entries.push(DirEntry {
                name: entry.file_name().to_string_lossy().into_owned(),
                modified: meta.modified().ok(),
                is_file: meta.is_file(),
            });
        }
        entries.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(entries)
    }

    /// Checks a file can be opened, returning its size. Rust's `File::open` on Windows shares
    /// read, write and delete access, so IIS and Windows Update keep writing while it is read.
    fn probe_file(&self, windows_path: &str) -> Result<u64, SourceError> {
        let path = self.local_path(windows_path);
        let file = fs::File::open(&path)?;
        Ok(file.metadata()?.len())
    }
}
