//! `wsus-doctor logs iis|httperr --export parquet --output DIR`: the files' rows and columns read
//! back with the Parquet crate's own reader, nulls where a layout lacks a field, the refusals that
//! keep exports away from the evidence, and the message of a build without the feature.

use crate::util::{fixture, write, wsus_doctor};

#[cfg(not(feature = "parquet"))]
#[test]
fn a_build_without_the_feature_says_how_to_get_it() {
    let out = tempfile::tempdir().unwrap();
    let run = wsus_doctor()
        .args(["logs", "iis", "--export", "parquet", "--output"])
        .arg(out.path().join("x"))
        .arg(fixture("iis/quirks"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(
        err.contains("this build cannot write Parquet: build it with `cargo build --release --features parquet`"),
        "{err}"
    );
    assert!(!out.path().join("x").exists());
}

#[test]
fn export_and_output_go_together() {
    let run = wsus_doctor()
        .args(["logs", "iis", "--export", "parquet"])
        .arg(fixture("iis/quirks"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("--output <DIR>"));
}

#[test]
fn an_output_folder_inside_an_input_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let log = std::fs::read(fixture("iis/quirks/u_ex261110.log")).unwrap();
    write(dir.path(), "evidence/W3SVC1/u_ex261110.log", &log);
    let evidence = dir.path().join("evidence");
    for out in [evidence.join("W3SVC1/export"), evidence.clone()] {
        let run = wsus_doctor()
            .args(["logs", "iis", "--export", "parquet", "--output"])
            .arg(&out)
            .arg(&evidence)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2));
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("exports never go among the evidence"), "{err}");
    }
    assert!(!evidence.join("W3SVC1/export").exists());
    let files: Vec<_> = walk(&evidence);
    assert_eq!(files, [evidence.join("W3SVC1/u_ex261110.log")]);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out.sort();
    out
}

#[cfg(feature = "parquet")]
mod with_parquet {
    use super::*;
    use crate::util::json_of;
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use std::path::Path;

    /// Every row of a Parquet file as `column: value` text, and the file's column types.
    fn read_back(path: &Path) -> (Vec<String>, String) {
        let reader = SerializedFileReader::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut schema = Vec::new();
        parquet::schema::printer::print_schema(
            &mut schema,
            reader.metadata().file_metadata().schema(),
        );
        let rows = reader
            .get_row_iter(None)
            .unwrap()
            .map(|r| r.unwrap().to_string())
            .collect();
        (rows, String::from_utf8(schema).unwrap())
    }

    #[test]
    fn iis_requests_become_typed_rows_with_nulls_for_missing_fields() {
        let out = tempfile::tempdir().unwrap();
        let summary = json_of(
            wsus_doctor()
                .args([
                    "logs", "iis", "--format", "json", "--export", "parquet", "-o",
                ])
                .arg(out.path())
                .arg(fixture("iis/quirks")),
        );
        assert_eq!(summary["layout"], "wsus-doctor/iis-requests/v1");
        assert_eq!(summary["rows"], 5);
        let file = &summary["files"][0];
        assert_eq!(file["rows"], 5);
        assert_eq!(file["stats"]["malformed"], 2);
        assert_eq!(file["stats"]["malformed_examples"][0]["line"], 16);
        let target = out.path().join("u_ex261110.parquet");
        assert_eq!(file["output"], target.display().to_string());

        let (rows, schema) = read_back(&target);
        for column in [
            "REQUIRED INT64 time (TIMESTAMP(MICROS,true));",
            "OPTIONAL BYTE_ARRAY server (STRING);",
            "OPTIONAL INT64 site_id;",
            "OPTIONAL INT32 s_port;",
            "REQUIRED INT32 status;",
            "OPTIONAL INT32 substatus;",
            "OPTIONAL INT64 win32_status;",
            "OPTIONAL INT64 time_taken_ms;",
            "REQUIRED BYTE_ARRAY source_file (STRING);",
            "REQUIRED INT64 line;",
        ] {
            assert!(schema.contains(column), "{column} not in {schema}");
        }
        let source = fixture("iis/quirks/u_ex261110.log").display().to_string();
        let expected = [
            format!("{{time: 2026-11-10 00:00:01.000000 +00:00, server: null, site_id: null, s_ip: \"fe80::1%11\", s_port: 8530, method: \"POST\", uri_stem: \"/ClientWebService/client.asmx\", uri_query: null, client_ip: \"fe80::2a%11\", user_agent: \"Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50\", status: 200, substatus: 0, win32_status: 0, time_taken_ms: 15, source_file: {source:?}, line: 6}}"),
            format!("{{time: 2026-11-10 00:00:06.000000 +00:00, server: null, site_id: null, s_ip: \"::1%0\", s_port: 8530, method: \"POST\", uri_stem: \"/ReportingWebService/ReportingWebService.asmx\", uri_query: \"a=b\", client_ip: \"::1%0\", user_agent: \"Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50\", status: 401, substatus: 1, win32_status: 2148074254, time_taken_ms: 4, source_file: {source:?}, line: 8}}"),
            format!("{{time: 2026-11-10 00:00:07.000000 +00:00, server: null, site_id: null, s_ip: \"10.20.0.15\", s_port: 8530, method: \"GET\", uri_stem: \"/selfupdate/wuident.cab\", uri_query: null, client_ip: \"10.5.5.5\", user_agent: \"Windows-Update-Agent\", status: 200, substatus: 0, win32_status: 0, time_taken_ms: 3, source_file: {source:?}, line: 9}}"),
            format!("{{time: 2026-11-10 00:10:00.000000 +00:00, server: \"WSUS01\", site_id: 1, s_ip: \"10.20.0.15\", s_port: 8530, method: \"GET\", uri_stem: \"/Content/AE/0A1B2C3D4E5F60718293A4B5C6D7E8F901234567.cab\", uri_query: null, client_ip: \"10.5.5.6\", user_agent: \"Microsoft+BITS/7.8\", status: 206, substatus: 0, win32_status: 0, time_taken_ms: 95, source_file: {source:?}, line: 14}}"),
            format!("{{time: 2026-11-10 00:10:02.000000 +00:00, server: null, site_id: null, s_ip: \"10.20.0.15\", s_port: 8530, method: \"GET\", uri_stem: \"/selfupdate/wuident.cab\", uri_query: null, client_ip: \"10.5.5.7\", user_agent: \"Windows-Update-Agent\", status: 200, substatus: 0, win32_status: 0, time_taken_ms: 3, source_file: {source:?}, line: 15}}"),
        ];
        assert_eq!(rows, expected);
    }

    #[test]
    fn fields_a_layout_lacks_are_null_and_text_is_utf8_whatever_the_log() {
        let dir = tempfile::tempdir().unwrap();
        // No sc-substatus, sc-win32-status nor time-taken; a user agent in Windows-1252; the
        // folder names the site.
        let mut log = b"#Fields: date time c-ip cs-method cs-uri-stem sc-status cs(User-Agent)\r\n2026-11-10 08:00:00 10.1.1.1 GET /selfupdate/wuident.cab 503 Caf\xe9\r\n".to_vec();
        log.extend_from_slice(b"2026-11-10 08:00:30 10.1.1.2 - - 503 -\r\n");
        let input = write(dir.path(), "in/W3SVC4/u_ex261110.log", &log);
        let out = dir.path().join("out");
        let run = wsus_doctor()
            .args(["logs", "iis", "--export", "parquet", "--output"])
            .arg(&out)
            .arg(&input)
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
        let text = String::from_utf8_lossy(&run.stdout);
        assert!(
            text.contains("u_ex261110.parquet: 2 rows in 1 row groups"),
            "{text}"
        );
        let (rows, _) = read_back(&out.join("u_ex261110.parquet"));
        let source = input.display().to_string();
        assert_eq!(
            rows,
            [
                format!("{{time: 2026-11-10 08:00:00.000000 +00:00, server: null, site_id: 4, s_ip: null, s_port: null, method: \"GET\", uri_stem: \"/selfupdate/wuident.cab\", uri_query: null, client_ip: \"10.1.1.1\", user_agent: \"Café\", status: 503, substatus: null, win32_status: null, time_taken_ms: null, source_file: {source:?}, line: 2}}"),
                format!("{{time: 2026-11-10 08:00:30.000000 +00:00, server: null, site_id: 4, s_ip: null, s_port: null, method: null, uri_stem: null, uri_query: null, client_ip: \"10.1.1.2\", user_agent: null, status: 503, substatus: null, win32_status: null, time_taken_ms: null, source_file: {source:?}, line: 3}}"),
            ]
        );
    }

    #[test]
    fn filters_apply_and_a_second_export_replaces_the_first() {
        let out = tempfile::tempdir().unwrap();
        let export = |client: &str| {
            json_of(
                wsus_doctor()
                    .args(["logs", "iis", "--format", "json", "--export", "parquet"])
                    .args(["--client", client, "--output"])
                    .arg(out.path())
                    .arg(fixture("iis/quirks")),
            )
        };
        let first = export("10.5.5.5");
        assert_eq!(first["files"][0]["rows"], 1);
        assert_eq!(first["files"][0]["filtered_out"], 4);
        let second = export("10.5.5.6");
        assert_eq!(second["files"][0]["rows"], 1);
        let (rows, _) = read_back(&out.path().join("u_ex261110.parquet"));
        assert_eq!(rows.len(), 1);
        assert!(rows[0].contains("client_ip: \"10.5.5.6\""), "{}", rows[0]);
        // No partial file is left beside the export.
        assert_eq!(walk(out.path()).len(), 1);
    }

    #[test]
    fn httperr_records_keep_their_own_columns() {
        let out = tempfile::tempdir().unwrap();
        let run = wsus_doctor()
            .args(["logs", "httperr", "--export", "parquet", "--output"])
            .arg(out.path())
            .arg(fixture("httperr"))
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(0));
        let err = String::from_utf8_lossy(&run.stderr);
        assert!(err.contains("httperr2.log:13: "), "{err}");
        let names: Vec<String> = walk(out.path())
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            names,
            ["httperr2.parquet", "httperr_legacy_noheader.parquet"]
        );
        let (rows, schema) = read_back(&out.path().join("httperr2.parquet"));
        assert!(
            schema.contains("REQUIRED BYTE_ARRAY reason (STRING);"),
            "{schema}"
        );
        assert!(schema.contains("OPTIONAL INT32 client_port;"), "{schema}");
        let source = fixture("httperr/httperr2.log").display().to_string();
        assert_eq!(
            rows,
            [
                format!("{{time: 2026-11-10 07:00:01.000000 +00:00, server: null, site_id: 1, s_ip: \"10.20.0.15\", s_port: 8530, client_ip: \"10.31.0.10\", client_port: 50001, protocol_version: \"HTTP/1.1\", method: \"POST\", uri: \"/ClientWebService/client.asmx\", status: 503, reason: \"QueueFull\", queue: \"WsusPool\", transport: null, source_file: {source:?}, line: 5}}"),
                format!("{{time: 2026-11-10 07:02:13.000000 +00:00, server: null, site_id: null, s_ip: \"10.20.0.15\", s_port: 8530, client_ip: \"10.31.0.11\", client_port: 50002, protocol_version: null, method: null, uri: null, status: null, reason: \"Timer_ConnectionIdle\", queue: null, transport: null, source_file: {source:?}, line: 6}}"),
                format!("{{time: 2026-11-10 07:30:01.000000 +00:00, server: null, site_id: 1, s_ip: \"10.20.0.15\", s_port: 8530, client_ip: \"10.31.0.12\", client_port: 50003, protocol_version: \"HTTP/1.1\", method: \"GET\", uri: \"/Content/AE/x.cab\", status: null, reason: \"Timer_MinBytesPerSecond\", queue: \"WsusPool\", transport: \"TCP\", source_file: {source:?}, line: 11}}"),
                format!("{{time: 2026-11-10 07:30:05.000000 +00:00, server: null, site_id: null, s_ip: \"fe80::1%3\", s_port: 8530, client_ip: \"fe80::5%3\", client_port: 50004, protocol_version: \"HTTP/1.1\", method: \"GET\", uri: \"/bad%%path\", status: 400, reason: \"BadRequest\", queue: null, transport: \"TCP\", source_file: {source:?}, line: 12}}"),
            ]
        );
    }
}
