//! The run's private temporary folders (expanded archives, spooled standard input). They are
//! removed when the run ends, and also when it is interrupted: the binary's signal handler calls
//! [`remove_all_on_interrupt`] before exiting, since an interrupted process runs no destructors
//! and an expanded bundle can leave gigabytes behind.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

/// The folders alive now.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
/// Set once the run is being interrupted: no new folder, no more bytes written.
static STOPPING: AtomicBool = AtomicBool::new(false);

fn live() -> MutexGuard<'static, Vec<PathBuf>> {
    LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A private temporary folder, removed when dropped or when the run is interrupted.
#[derive(Debug)]
pub(crate) struct Scratch {
    dir: Option<tempfile::TempDir>,
}

impl Scratch {
    pub fn new() -> io::Result<Scratch> {
        let mut live = live();
        if interrupted() {
            return Err(io::Error::new(io::ErrorKind::Interrupted, "interrupted"));
        }
        let dir = tempfile::Builder::new().prefix("wsus-doctor-").tempdir()?;
        live.push(dir.path().to_path_buf());
        Ok(Scratch { dir: Some(dir) })
    }

    pub fn path(&self) -> &Path {
        self.dir.as_ref().map_or(Path::new(""), |d| d.path())
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if let Some(dir) = self.dir.take() {
            let mut live = live();
            live.retain(|p| p != dir.path());
            drop(dir);
        }
    }
}

/// Whether the run is being interrupted; long copies check it to stop writing at once.
pub fn interrupted() -> bool {
    STOPPING.load(Ordering::Relaxed)
}

/// Removes every live folder. For the signal handler, which exits right after: the lock is held
/// to the end so no other thread creates a folder meanwhile.
pub fn remove_all_on_interrupt() {
    STOPPING.store(true, Ordering::Relaxed);
    let live = live();
    for dir in live.iter() {
        // A thread still writing may add a file between the listing and the removal; it stops at
        // its next chunk, so a few tries suffice.
        for _ in 0..20 {
            if fs::remove_dir_all(dir).is_ok() || !dir.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
    }
    std::mem::forget(live);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_registered_while_alive() {
        let s = Scratch::new().unwrap();
        let p = s.path().to_path_buf();
        assert!(p.is_dir());
        assert!(live().contains(&p));
        drop(s);
        assert!(!p.exists());
        assert!(!live().contains(&p));
    }
}
