//! The live commands from the outside. On Windows they read the machine (exercised under wine by
//! scripts/wine-tests.sh); elsewhere they say so and exit 2.

use crate::util::wsus_doctor;

#[cfg(not(windows))]
#[test]
fn collect_off_windows_explains_where_to_run_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = wsus_doctor()
        .current_dir(dir.path())
        .args(["collect", "--days", "3"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("wsus-doctor.exe collect"), "{err}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn collect_rejects_a_bad_day_count() {
    let out = wsus_doctor()
        .args(["collect", "--days", "seven"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
