//! The command line itself: exit codes, default command, explain, inventory robustness.

use crate::util::*;

#[test]
fn explain_answers_every_documented_form() {
    for code in [
        "503",
        "403.16",
        "0x80072EE2",
        "80072ee2",
        "-2147012894",
        "QueueFull",
        "win32:64",
        "event:12072",
    ] {
        let out = wsus_doctor().args(["explain", code]).output().unwrap();
        assert!(
            out.status.success(),
            "{code}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!out.stdout.is_empty(), "{code}");
    }
}

#[test]
fn explain_says_when_a_code_is_unknown() {
    let out = wsus_doctor()
        .args(["explain", "0x80001234"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not in wsus-doctor's tables"));
}

#[test]
fn nothing_readable_exits_2_and_names_the_path() {
    let out = wsus_doctor().arg("/nonexistent/evidence").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/evidence"));
}

#[test]
fn hostile_files_do_not_stop_the_others() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "empty.log", b"");
    write(
        d.path(),
        "binary.bin",
        [0u8, 1, 2, 3, 0xff, 0xfe, 0, 7].repeat(1000),
    );
    write(d.path(), "huge-line.log", vec![b'a'; 3 << 20]);
    write(d.path(), "truncated.evtx", b"ElfFile\0\x00\x01");
    write(
        d.path(),
        "bad-utf8.log",
        b"2016-09-08\t10:48:43:109\t 848\t604\tMisc\tcaf\xe9 \xff\xfe\n",
    );
    write(d.path(), "ok.reg", "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n\"WUServer\"=\"http://wsus01.contoso.com:8530\"\r\n");
    let doc = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(d.path()),
    );
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 6);
    let by_name = |n: &str| {
        files
            .iter()
            .find(|f| f["path"].as_str().unwrap().ends_with(n))
            .unwrap()
    };
    assert_eq!(by_name("ok.reg")["kind"], "reg-export");
    assert_eq!(by_name("ok.reg")["records"], 1);
    assert!(by_name("empty.log")["kind"].is_null());
    assert_eq!(by_name("empty.log")["recognised_by"], "empty file");
    assert!(by_name("binary.bin")["recognised_by"]
        .as_str()
        .unwrap()
        .starts_with("binary"));
    assert_eq!(by_name("truncated.evtx")["kind"], "evtx");
    assert!(
        by_name("truncated.evtx")["error"].is_string()
            || by_name("truncated.evtx")["malformed"].as_u64() > Some(0)
    );
    assert_eq!(by_name("bad-utf8.log")["kind"], "windowsupdate-log");
}

/// `--codepage` names the code page of text that is not Unicode; `inventory` says it was used,
/// in text and in JSON.
#[test]
fn codepage_overrides_what_the_bytes_suggest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("policy.txt");
    // `reg query` output whose only non-ASCII bytes, `(既)` in code page 932, are too few for
    // the bytes alone to say Japanese.
    std::fs::write(
        &file,
        b"\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\r\n    WUServer    REG_SZ    http://wsus01:8530\r\n    Note    REG_SZ    (\x8a\xf9)\r\n",
    )
    .unwrap();
    let guessed = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(&file),
    );
    assert_eq!(
        guessed["files"][0]["encoding"],
        "code page 1252 (windows-1252)"
    );
    let given = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json", "--codepage", "932"])
            .arg(&file),
    );
    assert_eq!(given["files"][0]["encoding"], "code page 932 (Shift_JIS)");
    assert_eq!(
        given["files"][0]["encoding_reason"],
        "not valid UTF-8; --codepage 932 given"
    );
    let text = wsus_doctor()
        .args(["inventory", "--codepage", "shift_jis"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout)
        .contains("encoding: code page 932 (Shift_JIS) (not valid UTF-8; --codepage 932 given)"));
    let bad = wsus_doctor()
        .args(["inventory", "--codepage", "1200"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("'1200' is not a Windows ANSI code page"));
}
