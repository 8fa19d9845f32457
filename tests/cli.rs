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
fn explain_decodes_the_codes_real_client_logs_show() {
    for (code, words) in [
        ("0x80190193", &["BG_E_HTTP_ERROR_403", "BITS-ERRORS"][..]),
        (
            "0x87D00692",
            &[
                "Group policy conflict",
                "overwritten by a higher authority",
                "KB3090184",
            ][..],
        ),
        ("-2016409966", &["Group policy conflict"][..]),
        (
            "0x800B010F",
            &["CERT_E_CN_NO_MATCH", "name in the certificate"][..],
        ),
        (
            "0x80004005",
            &["E_FAIL", "Registry.pol is corrupt", "UNCONFIRMED"][..],
        ),
    ] {
        let out = wsus_doctor().args(["explain", code]).output().unwrap();
        assert!(out.status.success(), "{code}");
        let text = String::from_utf8_lossy(&out.stdout);
        for w in words {
            assert!(text.contains(w), "{code}: {w} not in\n{text}");
        }
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

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = wsus_doctor().args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_path_among_good_ones_stops_the_run() {
    let healthy = example("healthy");
    let (code, stdout, stderr) = run(&[healthy.to_str().unwrap(), "/nonexistent/server.zip"]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("/nonexistent/server.zip: no such file or folder"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["inventory", "/nonexistent/a", "/nonexistent/b"]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("no such files or folders: /nonexistent/a, /nonexistent/b"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["logs", "iis", "/nonexistent/W3SVC1"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("/nonexistent/W3SVC1: no such file or folder"));
}

#[test]
fn a_mistyped_command_gets_a_suggestion_not_a_diagnosis() {
    let healthy = example("healthy");
    for (typed, meant) in [("inventroy", "inventory"), ("expalin", "explain")] {
        let (code, stdout, stderr) = run(&[typed, healthy.to_str().unwrap()]);
        assert_eq!(code, Some(2), "{typed}: {stdout}");
        assert!(stdout.is_empty(), "{typed}: {stdout}");
        assert!(
            stderr.contains(&format!("did you mean `{meant}`?")),
            "{typed}: {stderr}"
        );
    }
}

#[test]
fn nothing_recognised_is_exit_2_with_what_was_seen() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "tool.bin", [0u8, 1, 2, 0xff, 0].repeat(200));
    write(d.path(), "notes.txt", "call the vendor on Monday\n");
    let (code, stdout, stderr) = run(&[d.path().to_str().unwrap()]);
    assert_eq!(code, Some(2), "{stdout}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(stderr.contains("no evidence recognised in"), "{stderr}");
    assert!(stderr.contains("tool.bin: unknown, binary"), "{stderr}");
    assert!(stderr.contains("notes.txt: unknown, text"), "{stderr}");

    // The example generators: one script holds a CMTrace-looking line among hundreds of others.
    // Every other non-blank line of it is malformed.
    let script = std::fs::read_to_string(example("tools/evidence.py")).unwrap();
    let malformed = script.lines().filter(|l| !l.trim().is_empty()).count() - 1;
    let (code, _, stderr) = run(&[example("tools").to_str().unwrap()]);
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("evidence.py: cmtrace")
            && stderr.contains(&format!("1 records, {malformed} malformed")),
        "{stderr}"
    );
}

#[test]
fn option_values_are_validated() {
    let healthy = example("healthy");
    let healthy = healthy.to_str().unwrap();
    let (code, stdout, stderr) = run(&["--client-ip", "10.0.5.999", healthy]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(
        stderr.contains("\"10.0.5.999\" is not an IPv4 or IPv6 address"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&[
        "--client-ip",
        "fe80::1",
        "--client-ip",
        "10.0.5.23",
        healthy,
    ]);
    assert_ne!(code, Some(2), "{stderr}");

    let w3svc = example("wsuspool-503");
    let w3svc = w3svc.to_str().unwrap();
    let (code, _, stderr) = run(&["logs", "iis", "--since", "yesterday", w3svc]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("\"yesterday\" is not a time; use YYYY-MM-DD"),
        "{stderr}"
    );
    assert!(!stderr.contains("digit"), "{stderr}");
    let (code, _, stderr) = run(&["logs", "iis", "--until", "2024-13-01", w3svc]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("\"2024-13-01\" is not a time"), "{stderr}");
    let (code, _, stderr) = run(&["logs", "iis", "--client", "wsus01", w3svc]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("\"wsus01\" is not an IPv4 or IPv6 address"),
        "{stderr}"
    );
}

#[test]
fn a_probe_of_a_non_url_never_says_every_step_passed() {
    let r = json_of(wsus_doctor().args(["probe", "--format", "json", "not-a-url"]));
    let timeline = r["timeline"].to_string();
    assert!(!timeline.contains("every step passed"), "{timeline}");
    assert!(
        timeline.contains("probe of not-a-url: the URL is not usable: the URL has no http://"),
        "{timeline}"
    );
    let f = &findings(&r, "probe.dns")[0];
    assert_eq!(f["status"], "fail");
    assert_eq!(f["title"], "WSUS URL is not usable");
}

#[test]
fn html_is_refused_where_there_is_no_html_rendering() {
    let healthy = example("healthy");
    let healthy = healthy.to_str().unwrap();
    for args in [
        vec!["inventory", "--format", "html", healthy],
        vec!["logs", "iis", "--format", "html", healthy],
        vec!["explain", "--format", "html", "503"],
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(stdout.is_empty(), "{args:?}: {stdout}");
        assert!(
            stderr.contains("invalid value 'html'")
                && stderr.contains("[possible values: text, json]"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn logs_exit_status_follows_the_diagnose_rule() {
    let (code, stdout, _) = run(&["logs", "httperr", example("wsuspool-503").to_str().unwrap()]);
    assert!(stdout.contains("[FAIL]"), "{stdout}");
    assert_eq!(code, Some(1));
    let (code, stdout, _) = run(&["logs", "iis", example("healthy").to_str().unwrap()]);
    assert!(!stdout.contains("[FAIL]"), "{stdout}");
    assert_eq!(code, Some(0));
}

#[test]
fn tables_never_cut_a_word_or_a_time() {
    let (_, stdout, _) = run(&["logs", "httperr", example("wsuspool-503").to_str().unwrap()]);
    let rows: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.starts_with("REASON"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert!(rows.len() >= 3, "{stdout}");
    for row in rows {
        let reason = row.split_whitespace().next().unwrap();
        let shown = row.split("  ").last().unwrap().trim();
        let doc = json_of(wsus_doctor().args(["explain", "--format", "json", reason]));
        let full = doc[0]["meaning"].as_str().unwrap();
        match shown.strip_suffix('\u{2026}') {
            Some(cut) => assert!(
                full.starts_with(cut) && full[cut.len()..].starts_with(' '),
                "{reason}: {shown:?} is not {full:?} cut between words"
            ),
            None => assert_eq!(shown, full),
        }
    }
    let (_, stdout, _) = run(&["inventory", example("wsuspool-503").to_str().unwrap()]);
    let cmtrace = stdout.lines().find(|l| l.starts_with("cmtrace")).unwrap();
    for whole in [
        "2024-03-12T08:12:01.900+01:00 ",
        "2024-03-12T18:20:47.900+01:00 ",
    ] {
        assert!(cmtrace.contains(whole), "{cmtrace}");
    }
}
