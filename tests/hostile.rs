//! Hostile and broken input: escape sequences in evidence, compressed and archived inputs that
//! are cut, empty or nested, pipes and devices named as evidence, a report written over the
//! evidence, an interrupted run, and probed servers that drip or cut their answers.

use crate::util::*;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// An IIS log with one 503 answer, so the file is cited as evidence.
const IIS_LOG: &str = "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-27 08:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n2026-11-27 08:00:01 10.0.0.5 POST /ClientWebService/client.asmx - 8530 - 10.0.0.77 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 503 0 0 31\r\n2026-11-27 08:00:02 10.0.0.5 POST /ClientWebService/client.asmx - 8530 - 10.0.0.78 Evil\u{1b}]0;owned\u{7}\u{1b}[2J\u{9b}31m\u{202e}gpj - 200 0 0 31\r\n";

/// The zip member name that forged a report line.
const FORGING_NAME: &str = "b\nFAIL    server.app-pool  FORGED\n.log";

fn zip_of(path: &Path, members: &[(&str, &[u8])]) {
    let mut w = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for (name, data) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap();
}

fn gz(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

/// A folder of hostile evidence: a zip whose member name forges a line, an IIS log whose user
/// agent carries ESC, C1 CSI and a right-to-left override, and a client policy whose WUServer does.
fn hostile_evidence(dir: &Path) -> PathBuf {
    let ev = dir.join("evidence");
    zip_of(
        &write(&ev, "bundle.zip", b""),
        &[(FORGING_NAME, IIS_LOG.as_bytes())],
    );
    write(
        &ev,
        "policy.reg",
        "REGEDIT4\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate]\r\n\"WUServer\"=\"http://wsus\u{1b}]0;title\u{7}\u{1b}[2J\u{9b}2J\u{202e}:8530\"\r\n\"WUStatusServer\"=\"http://wsus:8530\"\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU]\r\n\"UseWUServer\"=dword:00000001\r\n",
    );
    ev
}

/// Asserts that `out` holds no control, C1 or bidi-override character except the renderer's own
/// colour sequences (`ESC[...m`) and line ends, and no forged line.
fn assert_inert(out: &[u8], what: &str) {
    let text = String::from_utf8_lossy(out);
    let mut rest = text.as_ref();
    let mut plain = String::new();
    while let Some(i) = rest.find('\u{1b}') {
        plain.push_str(&rest[..i]);
        let seq = &rest[i..];
        let body = seq
            .strip_prefix("\u{1b}[")
            .unwrap_or_else(|| panic!("{what}: a raw ESC that is not a style: {seq:.40?}"));
        let end = body
            .find(|c: char| !(c.is_ascii_digit() || c == ';'))
            .unwrap_or(body.len());
        assert!(
            body[end..].starts_with('m'),
            "{what}: a raw escape sequence that is not a style: {seq:.40?}"
        );
        rest = &body[end + 1..];
    }
    plain.push_str(rest);
    for c in plain.chars() {
        let control = c.is_control() && !matches!(c, '\n' | '\r' | '\t');
        let bidi = matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}');
        assert!(
            !control && !bidi,
            "{what}: raw {c:?} in the output:\n{plain}"
        );
    }
    assert!(
        !plain.lines().any(|l| l
            .trim_start()
            .starts_with("FAIL    server.app-pool  FORGED")),
        "{what}: a forged line:\n{plain}"
    );
}

#[test]
fn evidence_cannot_inject_escapes_or_lines_into_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let ev = hostile_evidence(dir.path());
    let runs: [&[&str]; 3] = [&["diagnose"], &["inventory"], &["logs", "iis"]];
    for args in runs {
        for force in [false, true] {
            let mut cmd = wsus_doctor();
            if force {
                cmd.env_remove("NO_COLOR").env("CLICOLOR_FORCE", "1");
            }
            let out = cmd.args(args).arg(&ev).output().unwrap();
            let what = format!("{args:?} CLICOLOR_FORCE={force}");
            assert_inert(&out.stdout, &what);
            assert_inert(&out.stderr, &what);
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(
                text.contains("b\\x0aFAIL    server.app-pool  FORGED\\x0a.log"),
                "{what}: the member name is shown escaped:\n{text}"
            );
        }
    }
    let out = wsus_doctor().arg(&ev).output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("http://wsus\\x1b]0;title\\x07\\x1b[2J\\u{9b}2J\\u{202e}:8530"),
        "the WUServer value is shown escaped:\n{text}"
    );
    // JSON keeps the value as it is: escaping is the text renderer's business.
    let report = json_of(wsus_doctor().args(["--format", "json"]).arg(&ev));
    assert!(report.to_string().contains("\\u001b]0;title"), "{report}");
}

#[test]
fn evidence_cannot_inject_escapes_on_a_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: script(1) is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let ev = hostile_evidence(dir.path());
    let bin = assert_cmd::cargo::cargo_bin("wsus-doctor");
    for args in ["", "inventory", "logs iis"] {
        let line = format!("{} {args} {}", bin.display(), ev.display());
        // script(1) runs the command on a pseudo-terminal, where colours are on by default.
        let out = std::process::Command::new("script")
            .args(["-qec", &line, "/dev/null"])
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("\u{1b}["),
            "{args}: colours on a terminal:\n{text}"
        );
        assert!(text.contains("FORGED\\x0a.log"), "{args}:\n{text}");
        assert_inert(&out.stdout, &format!("{args:?} on a terminal"));
    }
}

#[test]
fn file_names_from_archives_are_escaped_in_error_messages() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("only.zip");
    // A member that escapes the archive is skipped with a message naming it; nothing is readable.
    zip_of(&z, &[("../\u{1b}]0;x\u{7}\u{9b}2J\u{202e}.log", b"x")]);
    let out = wsus_doctor().arg(&z).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_inert(&out.stderr, "stderr");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("\\x1b]0;x\\x07\\u{9b}2J\\u{202e}.log"),
        "{err}"
    );
}

#[test]
fn a_cut_gzip_keeps_what_was_read_and_says_where_it_stopped() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = IIS_LOG.lines().take(4).collect::<Vec<_>>().join("\r\n");
    log.push_str("\r\n");
    for i in 0..20_000 {
        log.push_str(&format!("2026-11-27 08:{:02}:{:02} 10.0.0.5 GET /selfupdate/wuident.cab - 8530 - 10.0.{}.{} Windows-Update-Agent - 200 0 0 {i}\r\n", (i / 60) % 60, i % 60, i % 200, i % 250));
    }
    let whole = gz(log.as_bytes());
    let p = write(dir.path(), "u_ex261127.log.gz", &whole[..whole.len() / 2]);
    let inv = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(&p),
    );
    let f = &inv["files"][0];
    assert_eq!(f["kind"], "iis-w3c", "{f:#}");
    let records = f["records"].as_u64().unwrap();
    assert!(records > 1000 && records < 20_000, "{f:#}");
    let error = f["error"].as_str().unwrap();
    assert!(
        error.contains("the gzip stream is damaged or cut after")
            && error.contains("what came before it was read"),
        "{error}"
    );
}

#[test]
fn a_gzip_bomb_is_refused_naming_the_file_and_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = IIS_LOG.as_bytes().to_vec();
    log.extend(std::iter::repeat_n(b' ', 64 << 20));
    let p = write(dir.path(), "u_ex261127.log.gz", gz(&log));
    let inv = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(&p),
    );
    let error = inv["files"][0]["error"].as_str().unwrap().to_string();
    assert!(
        error.contains("u_ex261127.log.gz: refused")
            && error.contains("the compression-ratio limit"),
        "{error}"
    );
}

#[test]
fn a_gzipped_zip_is_expanded() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("bundle.zip");
    zip_of(&z, &[("logs/u_ex261127.log", IIS_LOG.as_bytes())]);
    let p = write(dir.path(), "bundle.zip.gz", gz(&std::fs::read(&z).unwrap()));
    let inv = json_of(
        wsus_doctor()
            .args(["inventory", "--format", "json"])
            .arg(&p),
    );
    let f = &inv["files"][0];
    assert_eq!(
        f["path"],
        format!("{}!/logs/u_ex261127.log", p.display()),
        "{inv:#}"
    );
    assert_eq!(f["kind"], "iis-w3c");
    assert_eq!(f["records"], 2);
}

#[test]
fn an_empty_folder_or_zip_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir_all(empty.join("sub")).unwrap();
    let z = dir.path().join("empty.zip");
    zip_of(&z, &[]);
    for (input, says) in [
        (&empty, "the folder holds no files"),
        (&z, "the archive holds no files"),
    ] {
        for cmd in [&["diagnose"][..], &["inventory"], &["logs", "iis"]] {
            let out = wsus_doctor().args(cmd).arg(input).output().unwrap();
            assert_eq!(out.status.code(), Some(2), "{cmd:?} {}", input.display());
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(
                err.contains(&format!("{}: {says}", input.display())),
                "{cmd:?}: {err}"
            );
        }
    }
}

#[test]
fn piped_evidence_is_read_from_dash() {
    let run = |args: &[&str]| {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wsus-doctor"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(&gz(IIS_LOG.as_bytes())).unwrap();
        drop(stdin);
        child.wait_with_output().unwrap()
    };
    let out = run(&["inventory", "--format", "json", "-"]);
    let inv: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = &inv["files"][0];
    assert_eq!(f["path"], "(standard input)", "{inv:#}");
    assert_eq!(f["kind"], "iis-w3c");
    assert_eq!(f["records"], 2);
    // /dev/stdin on a pipe cannot be read twice: refused with the way that works.
    let out = run(&["inventory", "/dev/stdin"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/dev/stdin: not a regular file") && err.contains("give '-'"),
        "{err}"
    );
}

#[test]
fn a_fifo_named_as_evidence_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.log");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if !made {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Nothing ever writes to the FIFO: opening it for reading would block for ever.
    let out = wsus_doctor()
        .arg(&fifo)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a regular file"), "{err}");
}

#[test]
fn the_report_is_never_written_over_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let log = write(dir.path(), "misc/u_ex261127.log", IIS_LOG);
    let folder = dir.path().join("misc");
    for (inputs, output) in [
        (vec![log.clone()], log.clone()),
        (vec![folder.clone()], folder.join("report.txt")),
        (vec![folder.clone()], folder.join("new/report.html")),
        (
            vec![dir.path().to_path_buf()],
            folder.join("..").join("r.json"),
        ),
    ] {
        let out = wsus_doctor()
            .arg("diagnose")
            .args(&inputs)
            .arg("--output")
            .arg(&output)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{}", output.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("refusing to write the report")
                && err.contains("evidence is never modified"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&log).unwrap(), IIS_LOG);
        assert!(!folder.join("report.txt").exists());
    }
    #[cfg(unix)]
    {
        let link = dir.path().join("link.log");
        std::fs::hard_link(&log, &link).unwrap();
        let out = wsus_doctor()
            .arg(&log)
            .arg("--output")
            .arg(&link)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(std::fs::read_to_string(&log).unwrap(), IIS_LOG);
    }
    let elsewhere = tempfile::tempdir().unwrap();
    let report = elsewhere.path().join("report.txt");
    let out = wsus_doctor()
        .arg(&log)
        .arg("--output")
        .arg(&report)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(2), "{out:?}");
    assert!(report.exists());
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_removes_its_temporary_folders() {
    let dir = tempfile::tempdir().unwrap();
    // Stored members of incompressible text: extraction writes 240 MiB, long enough to interrupt.
    let z = dir.path().join("big.zip");
    let mut w = zip::ZipWriter::new(std::fs::File::create(&z).unwrap());
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let block: Vec<u8> = (0..(2 << 20))
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            b'a' + (x % 26) as u8
        })
        .collect();
    for i in 0..120 {
        w.start_file(format!("m{i}.log"), opts).unwrap();
        w.write_all(&block).unwrap();
    }
    w.finish().unwrap();
    for signal in ["INT", "TERM"] {
        let tmp = tempfile::tempdir().unwrap();
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("wsus-doctor"))
            .arg(&z)
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait for the first member to be written into the run's temporary folder.
        let start = Instant::now();
        let extracting = loop {
            let members = std::fs::read_dir(tmp.path())
                .unwrap()
                .flatten()
                .filter_map(|d| std::fs::read_dir(d.path()).ok())
                .map(|entries| entries.count())
                .sum::<usize>();
            if members > 0 || start.elapsed() > Duration::from_secs(60) {
                break members;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        assert!(extracting > 0, "no member was extracted within a minute");
        std::process::Command::new("kill")
            .args([&format!("-{signal}"), &child.id().to_string()])
            .status()
            .unwrap();
        let status = child.wait().unwrap();
        assert_eq!(
            status.code(),
            Some(130),
            "SIG{signal}: the run ended by itself ({status}) before the signal came"
        );
        let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().flatten().collect();
        assert!(left.is_empty(), "SIG{signal} left {left:?}");
    }
}

/// A loopback server that answers each connection with `answer` (after reading the request),
/// then drips `drip` one byte every 50 ms, then closes.
fn hostile_server(answer: &'static [u8], drip: &'static [u8]) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let mut s = s;
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                let mut buf = [0u8; 4096];
                // The TCP step connects and closes without sending anything.
                if s.read(&mut buf).unwrap_or(0) == 0 {
                    return;
                }
                let _ = s.write_all(answer);
                for b in drip {
                    std::thread::sleep(Duration::from_millis(50));
                    if s.write_all(&[*b]).is_err() {
                        return;
                    }
                }
            });
        }
    });
    port
}

fn probe_json(url: &str, timeout: &str) -> serde_json::Value {
    json_of(wsus_doctor().args([
        "probe",
        "--format",
        "json",
        "--no-proxy",
        "--timeout",
        timeout,
        "--deadline",
        "30",
        url,
    ]))
}

fn failed_with(report: &serde_json::Value, check: &str) -> String {
    let f = findings(report, check);
    assert_eq!(f.len(), 1, "{report:#}");
    assert_eq!(f[0]["status"], "fail", "{:#}", f[0]);
    f[0]["data"]["hresult"].as_str().unwrap_or("").to_string()
}

#[test]
fn a_handshake_dripped_a_byte_at_a_time_times_out() {
    // A TLS record header announcing 16 KB of handshake, then a byte every 50 ms for 3 s: every
    // read gets a byte within the socket time-out, so only a deadline on the whole handshake ends
    // it at the 1 s time-out rather than when the server closes.
    static DRIP: [u8; 60] = [0u8; 60];
    let port = hostile_server(b"\x16\x03\x03\x40\x00", &DRIP);
    let r = probe_json(&format!("https://127.0.0.1:{port}"), "1");
    assert_eq!(failed_with(&r, "probe.tls"), "0x80072EE2", "{r:#}");
}

#[test]
fn an_answer_shorter_than_its_content_length_is_a_connection_error() {
    let port = hostile_server(
        b"HTTP/1.0 200 OK\r\nContent-Length: 1000\r\nContent-Type: application/octet-stream\r\n\r\nMSCF",
        b"",
    );
    let r = probe_json(&format!("http://127.0.0.1:{port}"), "5");
    assert_eq!(failed_with(&r, "probe.http"), "0x80072EFE", "{r:#}");
    let f = &findings(&r, "probe.http")[0];
    assert!(
        f["summary"]
            .as_str()
            .unwrap()
            .contains("after 4 of the 1000 bytes its Content-Length announced"),
        "{f:#}"
    );
}

#[test]
fn probe_time_limits_out_of_range_are_refused() {
    for (flag, value) in [
        ("--deadline", "1e19"),
        ("--timeout", "1e19"),
        ("--deadline", "inf"),
    ] {
        let out = wsus_doctor()
            .args(["probe", "http://127.0.0.1:1", flag, value])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{flag} {value}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!(
                "{flag} must be a positive number of seconds up to"
            )),
            "{err}"
        );
    }
}

#[test]
fn the_nothing_recognised_error_keeps_its_lines_and_escapes_the_names_it_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let ev = dir.path().join("bundle");
    std::fs::create_dir(&ev).unwrap();
    std::fs::write(
        ev.join("notes\nwsus-doctor: FORGED.txt"),
        "notes of the night shift \u{1b}]0;title\u{7}, not evidence of any kind at all\n",
    )
    .unwrap();
    for lang in ["en", "ja"] {
        let out = wsus_doctor()
            .args(["--lang", lang, "diagnose"])
            .arg(&ev)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{lang}");
        assert_inert(&out.stderr, lang);
        let text = String::from_utf8_lossy(&out.stderr);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(
            lines.len(),
            3,
            "{lang}: one line per file between its own:\n{text}"
        );
        assert!(
            lines[1].contains("notes\\x0awsus-doctor: FORGED.txt"),
            "{lang}: the name is escaped:\n{text}"
        );
        assert!(lines[1].contains("\\x1b]0;title\\x07"), "{lang}:\n{text}");
        assert!(
            lines[2].contains("wsus-doctor inventory PATH..."),
            "{lang}:\n{text}"
        );
    }
}
