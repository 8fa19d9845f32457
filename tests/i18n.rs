//! The reports in Japanese: chosen by `--lang` or the environment, complete (no English prose
//! left in a Japanese report), and the JSON keeping its English fields beside the Japanese.

use crate::util::{root, wsus_doctor};

fn example(name: &str) -> String {
    root().join("examples").join(name).display().to_string()
}

fn stdout(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut c = wsus_doctor();
    for (k, v) in env {
        c.env(k, v);
    }
    let out = c.args(args).output().unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'))
}

/// Names that stay English in Japanese documentation (products, features, log names), removed
/// before looking for English sentences.
const KEPT_ENGLISH: &[&str] = &[
    "Windows Server Update Services",
    "Configuration Manager",
    "Windows Update",
    "World Wide Web Publishing Service",
    "Windows Process Activation Service",
    "Update Services",
    "Service Unavailable",
    "Internet Information Services",
    "SQL Server",
    "Group Policy",
    "Software Updates Scan Cycle",
    "Windows Internal Database",
    "Default Web Site",
    "Event Viewer",
    // IIS's own names of its substatus codes and the agent's name of an operation, as they
    // appear in Windows and its logs.
    "Application pool unavailable",
    "Web service call",
];

/// Runs of three or more English words in a line a person reads: prose left untranslated.
/// Commands, evidence excerpts and locations are what the evidence and Windows say, and stay.
fn english_prose(report: &str) -> Vec<String> {
    let words = regex::Regex::new(
        r"\b[A-Za-z][a-z]+(?:['’][a-z]+)?(?:\s+[A-Za-z][a-z]+(?:['’][a-z]+)?){2,}\b",
    )
    .unwrap();
    let quoted = regex::Regex::new(r#"'[^']*'|"[^"]*"|`[^`]*`|\S*[/\\]\S*|\S+\.\S+"#).unwrap();
    let commands = regex::Regex::new(
        r"\b(?:netsh|wmic|appcmd|sc|reg|ipconfig|wevtutil|systeminfo)(?:\s+[a-z]+)+",
    )
    .unwrap();
    let mut found = Vec::new();
    let mut in_evidence = false;
    let mut quote_open = false;
    // A quotation that opens and does not close on its line.
    let opening = regex::Regex::new(r"(?:^|\s)'[^']*$").unwrap();
    for line in report.lines() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        if trimmed.starts_with("証拠:") {
            in_evidence = true;
            continue;
        }
        // Evidence items (location and excerpt) are indented under their heading.
        if in_evidence && indent >= 12 {
            continue;
        }
        in_evidence = false;
        // Commands, and sources by the titles of their documents.
        if trimmed.starts_with("PS>")
            || trimmed.starts_with("C:\\>")
            || trimmed.starts_with('#')
            || trimmed.starts_with("出典:")
        {
            continue;
        }
        // A quotation of evidence may wrap onto the next line: its rest is quoted too.
        let mut line = line.to_string();
        if quote_open {
            match line.find('\'') {
                Some(end) => line.replace_range(..=end, " "),
                None => continue,
            }
        }
        let mut text = quoted.replace_all(&line, " ").into_owned();
        quote_open = false;
        if let Some(start) = opening.find(&text) {
            quote_open = true;
            text.truncate(start.start());
        }
        for name in KEPT_ENGLISH {
            text = text.replace(name, " ");
        }
        // Commands named inside a sentence (the commands of a fix are skipped whole).
        text = commands.replace_all(&text, " ").into_owned();
        for m in words.find_iter(&text) {
            found.push(format!("{:?} in {line:?}", m.as_str()));
        }
    }
    found
}

#[test]
fn a_japanese_report_has_no_english_prose_left() {
    for name in [
        "wsuspool-503",
        "client-and-server",
        "site-stopped",
        "misconfigured-client",
    ] {
        let text = stdout(&[&example(name), "--lang", "ja", "--verbose"], &[]);
        assert!(has_japanese(&text));
        let left = english_prose(&text);
        assert!(
            left.is_empty(),
            "{name}: untranslated:\n{}",
            left.join("\n")
        );
    }
}

#[test]
fn the_logs_tables_and_the_inventory_have_no_english_prose_in_japanese() {
    for name in [
        "wsuspool-503",
        "client-and-server",
        "site-stopped",
        "misconfigured-client",
        "ja-client",
    ] {
        let mut runs: Vec<Vec<String>> = vec![vec!["inventory".into(), example(name)]];
        if !matches!(name, "ja-client" | "misconfigured-client") {
            runs.push(vec!["logs".into(), "iis".into(), example(name)]);
        }
        if name == "wsuspool-503" {
            runs.push(vec!["logs".into(), "httperr".into(), example(name)]);
        }
        for mut args in runs {
            args.extend(["--lang".to_string(), "ja".to_string()]);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let text = stdout(&args, &[]);
            assert!(has_japanese(&text), "{args:?}:\n{text}");
            let left = english_prose(&text);
            assert!(
                left.is_empty(),
                "{args:?}: untranslated:\n{}",
                left.join("\n")
            );
        }
    }
}

#[test]
fn the_prose_detector_finds_english_and_lets_commands_and_evidence_be() {
    let report = "診断\n  1. WsusPool runs out of its private memory limit [確度: 高]\n  \
                  証拠:\n            C:\\x.log:3  the pool was disabled by rapid-fail\n  \
                  C:\\> appcmd set apppool \"WsusPool\" /queueLength:2000\n  対処: Windows Update を再開します。\n";
    let found = english_prose(report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("runs out of"));
}

#[test]
fn the_language_follows_the_environment_and_the_flag_wins() {
    let wsuspool = example("wsuspool-503");
    let japanese = stdout(&[&wsuspool], &[("LANG", "ja_JP.UTF-8")]);
    assert!(japanese.contains("診断"), "{japanese}");
    let english = stdout(&[&wsuspool, "--lang", "en"], &[("LANG", "ja_JP.UTF-8")]);
    assert!(
        english.contains("DIAGNOSIS") && !has_japanese(&english),
        "{english}"
    );
    // LC_ALL outranks LANG, as in every POSIX program.
    let english = stdout(&[&wsuspool], &[("LANG", "ja_JP.UTF-8"), ("LC_ALL", "C")]);
    assert!(!has_japanese(&english));
}

#[test]
fn explain_answers_in_japanese() {
    let text = stdout(&["explain", "0x80072EE2"], &[("LANG", "ja_JP.UTF-8")]);
    assert!(text.contains("0x80072EE2") && text.contains("ERROR_WINHTTP_TIMEOUT"));
    assert!(has_japanese(&text), "{text}");
    let left = english_prose(&text);
    assert!(left.is_empty(), "untranslated:\n{}", left.join("\n"));
}

#[test]
fn the_json_keeps_english_fields_and_adds_the_japanese() {
    let wsuspool = example("wsuspool-503");
    let ja: serde_json::Value =
        serde_json::from_str(&stdout(&[&wsuspool, "--lang", "ja", "-f", "json"], &[])).unwrap();
    let en: serde_json::Value =
        serde_json::from_str(&stdout(&[&wsuspool, "-f", "json"], &[])).unwrap();
    assert_eq!(ja["lang"], "ja");
    assert_eq!(en["lang"], "en");
    assert_eq!(
        ja["findings"].as_array().unwrap().len(),
        en["findings"].as_array().unwrap().len()
    );
    for (j, e) in ja["findings"]
        .as_array()
        .unwrap()
        .iter()
        .zip(en["findings"].as_array().unwrap())
    {
        assert_eq!(j["title"], e["title"], "the English field is the same");
        let local = j["localized"]["title"].as_str().unwrap();
        assert!(has_japanese(local), "{local}");
        assert!(e.get("localized").is_none());
    }
    let cause = &ja["diagnosis"][0];
    assert_eq!(cause["id"], "wsuspool-memory");
    assert!(has_japanese(cause["localized"]["title"].as_str().unwrap()));
    assert!(has_japanese(
        cause["localized"]["first_fix"].as_str().unwrap()
    ));
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/report-v1.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::draft202012::new(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator.iter_errors(&ja).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn the_html_report_is_japanese_with_a_japanese_font_stack() {
    let html = stdout(
        &[&example("wsuspool-503"), "--lang", "ja", "-f", "html"],
        &[],
    );
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains(":lang(ja)") && html.contains("Meiryo"));
    assert!(html.contains("<h2>診断</h2>"), "the page's own words");
    assert!(
        html.contains("アプリケーション プール"),
        "the findings' words"
    );
    let en = stdout(&[&example("wsuspool-503"), "-f", "html"], &[]);
    assert!(en.contains("<html lang=\"en\">") && !en.contains("<h2>診断</h2>"));
}

#[test]
fn ndjson_lines_carry_the_japanese_beside_the_english() {
    let lines = stdout(
        &[&example("wsuspool-503"), "--lang", "ja", "-f", "ndjson"],
        &[],
    );
    for line in lines.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["localized"]["lang"], "ja");
        assert!(
            v["title"].as_str().unwrap().is_ascii(),
            "English column: {}",
            v["title"]
        );
    }
    let english = stdout(&[&example("wsuspool-503"), "-f", "ndjson"], &[]);
    assert!(english.lines().all(|l| l.contains("\"localized\":null")));
}

#[test]
fn japanese_help_lists_the_commands_in_japanese() {
    let text = stdout(&["--lang", "ja", "--help"], &[]);
    assert!(
        text.contains("使い方:") && text.contains("コマンド:"),
        "{text}"
    );
    assert!(text.contains("証拠に対してすべてのチェックを実行し"));
    let english = stdout(&["--help"], &[("LANG", "C")]);
    assert!(english.contains("Usage:"));
    // clap's own words for defaults and accepted values are said in Japanese too.
    for command in [
        "diagnose",
        "logs",
        "probe",
        "collect",
        "inventory",
        "explain",
        "checks",
    ] {
        let text = stdout(&["--lang", "ja", command, "--help"], &[]);
        for clap_word in ["[default:", "possible values", "Possible values"] {
            assert!(!text.contains(clap_word), "{command}: {clap_word}:\n{text}");
        }
    }
    let logs = stdout(&["--lang", "ja", "logs", "--help"], &[]);
    assert!(
        logs.contains("[既定値: text] [指定できる値: text, json]"),
        "{logs}"
    );
    let logs = stdout(&["logs", "--help"], &[("LANG", "C")]);
    assert!(logs.contains("[default: text]"), "{logs}");
}

#[test]
fn mistakes_on_the_command_line_are_told_in_japanese() {
    let run = |args: &[&str]| {
        let out = wsus_doctor().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    let text = run(&["--lang", "ja", "logs", "iis", "--sinse", "2024-03-05", "x"]);
    assert!(
        text.starts_with("エラー: 不明な引数 '--sinse' が指定されました。"),
        "{text}"
    );
    assert!(text.contains("似た引数 '--since' があります"), "{text}");
    assert!(text.contains("使い方: wsus-doctor logs"), "{text}");
    let text = run(&["--lang", "ja", "logs", "xyz", "x"]);
    assert!(
        text.contains("'xyz' は '<KIND>' の値として使えません。[指定できる値: iis, httperr]"),
        "{text}"
    );
    let text = run(&["--lang", "ja", "logs", "iis", "--since", "yesterday", "x"]);
    assert!(
        text.contains("\"yesterday\" は時刻ではありません。YYYY-MM-DD"),
        "{text}"
    );
    let text = run(&["--lang", "ja", "inventroy"]);
    assert!(text.contains("`inventory` のことですか?"), "{text}");
    // English keeps the parser's own words.
    let text = run(&["--lang", "en", "logs", "iis", "--since", "yesterday", "x"]);
    assert!(
        text.starts_with(
            "error: invalid value 'yesterday' for '--since <TIME>': \"yesterday\" is not a time"
        ),
        "{text}"
    );
    let text = run(&["--lang", "ja", "logs"]);
    assert!(
        text.contains("次の必須の引数が指定されていません"),
        "{text}"
    );
    assert!(english_prose(&text).is_empty(), "{text}");
}
