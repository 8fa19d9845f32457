//! Helpers shared by the end-to-end tests.

#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A command running the built `wsus-doctor` binary with colours off and a fixed environment.
pub fn wsus_doctor() -> Command {
    let mut c = Command::cargo_bin("wsus-doctor").expect("binary built");
    c.env("NO_COLOR", "1").env_remove("CLICOLOR_FORCE");
    // The reports speak the environment's language: the tests read English unless they ask.
    c.env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C");
    c
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A path under `tests/fixtures`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// A path under `examples`.
pub fn example(rel: &str) -> PathBuf {
    root().join("examples").join(rel)
}

/// Runs a command and parses its standard output as JSON.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("runs");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Writes `content` to `dir/name`, creating folders.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, content).unwrap();
    p
}

/// The findings of a JSON report with the given check id.
pub fn findings<'a>(report: &'a serde_json::Value, check: &str) -> Vec<&'a serde_json::Value> {
    report["findings"]
        .as_array()
        .map(|a| a.iter().filter(|f| f["check"] == check).collect())
        .unwrap_or_default()
}

/// The real samples beside the project (CI has them at ../shared/corpus). Without them these
/// tests are skipped, unless WSUS_DOCTOR_REQUIRE_CORPUS=1 makes their absence a failure.
pub fn corpus(rel: &str) -> Option<std::path::PathBuf> {
    let p = root().join("../shared/corpus").join(rel);
    if p.exists() {
        Some(p)
    } else if std::env::var_os("WSUS_DOCTOR_REQUIRE_CORPUS").is_some_and(|v| v == "1") {
        panic!(
            "corpus sample {} is missing and WSUS_DOCTOR_REQUIRE_CORPUS=1",
            p.display()
        );
    } else {
        eprintln!("corpus not found at {}: skipped", p.display());
        None
    }
}

/// A fleet written by the generator into `dir/fleet`: the server `WSUS01` and `clients` clients
/// `PC-0001`..., with the generator's table of groups (what it printed on stderr).
pub fn make_fleet(dir: &Path, clients: usize) -> (PathBuf, String) {
    let out = dir.join("fleet");
    let made = std::process::Command::new("python3")
        .arg(root().join("examples/tools/make-fleet.py"))
        .args(["--clients", &clients.to_string(), "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    (out, String::from_utf8(made.stderr).unwrap())
}
