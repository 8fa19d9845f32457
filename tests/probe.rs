//! `wsus-doctor probe` against real servers on loopback: nginx playing a healthy WSUS and broken
//! ones (503, 404, 403.4, SOAP fault, bad certificates made at test time with openssl), plus
//! small listeners for refused, silent and resetting peers, and a name under `.invalid`.
//! No traffic leaves the machine.
//!
//! The nginx tests are skipped when nginx or openssl are missing, unless
//! `WSUS_DOCTOR_REQUIRE_NGINX=1` (as in CI), which makes their absence a failure.

use crate::util::{findings, json_of, write, wsus_doctor};
use serde_json::Value;
use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const GET_CONFIG_OK: &str = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema"><soap:Body><GetConfigResponse xmlns="http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService"><GetConfigResult><LastChange>2026-11-20T08:15:00.123Z</LastChange><IsRegistrationRequired>true</IsRegistrationRequired><AuthInfo><AuthPlugInInfo><PlugInID>SimpleTargeting</PlugInID><ServiceUrl>SimpleAuthWebService/SimpleAuth.asmx</ServiceUrl></AuthPlugInInfo></AuthInfo><AllowedEventIds><int>384</int><int>386</int></AllowedEventIds><Properties><ConfigurationProperty><Name>MaxExtendedUpdatesPerRequest</Name><Value>50</Value></ConfigurationProperty><ConfigurationProperty><Name>PackageServerShare</Name><Value>\\WSUS01\UpdateServicesPackages</Value></ConfigurationProperty><ConfigurationProperty><Name>ProtocolVersion</Name><Value>3.2</Value></ConfigurationProperty><ConfigurationProperty><Name>IsInventoryRequired</Name><Value>0</Value></ConfigurationProperty><ConfigurationProperty><Name>ClientReportingLevel</Name><Value>2</Value></ConfigurationProperty></Properties></GetConfigResult></GetConfigResponse></soap:Body></soap:Envelope>"#;

const GET_CONFIG_FAULT: &str = r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Fault occurred</faultstring><faultactor>http://wsus01:8530/ClientWebService/client.asmx</faultactor><detail><ErrorCode>InternalServerError</ErrorCode><Message>SUSDB is not reachable</Message><ID>7f2c7a0e-5b7e-4d0e-9c1a-3b1e2d4f5a6b</ID><Method>"http://www.microsoft.com/SoftwareDistribution/Server/ClientWebService/GetConfig"</Method></detail></soap:Fault></soap:Body></soap:Envelope>"#;

/// An IIS-style error page: IIS puts the sub-status in the page, not on the wire.
const IIS_403_4: &str = "<html><head><title>403 - Forbidden: Access is denied.</title></head><body><h3>HTTP Error 403.4 - Forbidden</h3><p>The page you are trying to access is secured with Secure Sockets Layer (SSL).</p><p>403.4 - SSL required.</p></body></html>";

fn find_tool(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    dirs.extend(["/usr/sbin", "/usr/local/sbin", "/sbin"].map(PathBuf::from));
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

/// nginx and openssl, or `None` (with a message) when the tests must be skipped.
fn tools() -> Option<(PathBuf, PathBuf)> {
    match (find_tool("nginx"), find_tool("openssl")) {
        (Some(n), Some(o)) => Some((n, o)),
        _ if std::env::var("WSUS_DOCTOR_REQUIRE_NGINX").as_deref() == Ok("1") => {
            panic!("nginx and openssl are required (WSUS_DOCTOR_REQUIRE_NGINX=1): apt-get install -y nginx openssl")
        }
        _ => {
            // Written to the process's stderr, not through eprintln!: the test harness captures
            // the print macros of a passing test, and a skip must not pass for a pass in the
            // summary of `cargo test`.
            use std::io::Write as _;
            let _ = writeln!(
                std::io::stderr().lock(),
                "SKIPPED {}: nginx or openssl not installed (apt-get install -y nginx openssl; \
                 WSUS_DOCTOR_REQUIRE_NGINX=1 makes this a failure)",
                std::thread::current().name().unwrap_or("a probe test")
            );
            None
        }
    }
}

/// A loopback port no other test of this process was given.
///
/// The kernel hands a just-released ephemeral port out again, so two calls in a row can return
/// the same port; nginx then serves both server blocks on one socket and the first one answers
/// for both, which made a TLS case see another case's certificate.
fn free_port() -> u16 {
    static GIVEN: std::sync::Mutex<Vec<u16>> = std::sync::Mutex::new(Vec::new());
    let mut given = GIVEN.lock().unwrap_or_else(|e| e.into_inner());
    loop {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        if !given.contains(&port) {
            given.push(port);
            return port;
        }
    }
}

/// An nginx process serving the given server blocks, stopped when dropped.
struct Nginx {
    child: Child,
    /// Where its configuration and logs are (kept for a failing test to be read).
    _dir: PathBuf,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The files a WSUS client fetches first.
fn write_wsus_files(root: &Path) {
    // A cabinet header: signature, reserved, size, reserved, files offset, reserved, version 1.3.
    let mut cab = b"MSCF\0\0\0\0".to_vec();
    cab.extend_from_slice(&[
        0x2c, 0, 0, 0, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 0, 0, 0, 3, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    write(root, "selfupdate/wuident.cab", cab);
    write(root, "ClientWebService/wusserverversion.xml", "<?xml version=\"1.0\" encoding=\"utf-8\"?>\r\n<ServerVersion><Version>10.0.20348.1</Version></ServerVersion>\r\n");
    write(
        root,
        "SimpleAuthWebService/SimpleAuth.asmx",
        "<html><body>SimpleAuth Web Service</body></html>",
    );
}

/// A server block answering like WSUS, with an optional TLS part (`listen ... ssl` and the rest).
fn wsus_server(port: u16, root: &Path, tls: &str, soap: (&str, u16)) -> String {
    let (body, status) = soap;
    let listen = if tls.is_empty() {
        format!("listen 127.0.0.1:{port};")
    } else {
        format!("listen 127.0.0.1:{port} ssl;")
    };
    format!(
        "server {{ {listen} {tls} root {}; location = /ClientWebService/client.asmx {{ default_type \"text/xml; charset=utf-8\"; return {status} '{body}'; }} location /selfupdate/ {{ types {{ }} default_type application/vnd.ms-cab-compressed; }} }}\n",
        root.display()
    )
}

fn start_nginx(nginx: &Path, dir: &Path, servers: &str, ports: &[u16]) -> Nginx {
    for sub in ["tmp", "logs"] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
    }
    let d = dir.display();
    let conf = format!(
        "daemon off; master_process off; worker_processes 1; user root; pid {d}/nginx.pid; error_log {d}/logs/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{ access_log {d}/logs/access.log; client_body_temp_path {d}/tmp/body; proxy_temp_path {d}/tmp/proxy; \
         fastcgi_temp_path {d}/tmp/fastcgi; uwsgi_temp_path {d}/tmp/uwsgi; scgi_temp_path {d}/tmp/scgi; \
         default_type application/octet-stream; types {{ text/xml xml; text/html asmx html; }}\n{servers}}}\n"
    );
    let conf_path = write(dir, "nginx.conf", conf);
    let child = Command::new(nginx)
        .arg("-p")
        .arg(dir)
        .arg("-e")
        .arg(dir.join("logs/error.log"))
        .arg("-c")
        .arg(&conf_path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("nginx starts");
    let server = Nginx {
        child,
        _dir: dir.to_path_buf(),
    };
    let until = Instant::now() + Duration::from_secs(10);
    for p in ports {
        while TcpStream::connect(("127.0.0.1", *p)).is_err() {
            if Instant::now() > until {
                let log = std::fs::read_to_string(dir.join("logs/error.log")).unwrap_or_default();
                panic!("nginx did not listen on {p}:\n{log}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
    server
}

fn probe(args: &[&str]) -> (Value, i32) {
    let mut cmd = wsus_doctor();
    cmd.args([
        "probe",
        "--format",
        "json",
        "--no-proxy",
        "--timeout",
        "5",
        "--deadline",
        "30",
    ])
    .args(args);
    let code = cmd.output().unwrap().status.code().unwrap_or(-1);
    (json_of(&mut cmd), code)
}

/// The one finding of a check, asserting its status.
fn finding<'a>(report: &'a Value, check: &str, status: &str) -> &'a Value {
    let all = findings(report, check);
    all.iter()
        .find(|f| f["status"] == status)
        .copied()
        .unwrap_or_else(|| {
            let seen: Vec<String> = all
                .iter()
                .map(|f| format!("{}: {}", f["status"], f["summary"]))
                .collect();
            panic!("no {status} finding for {check}; found {seen:#?}")
        })
}

/// Asserts that `check` fails with `hresult` and that no earlier step failed.
fn assert_fails_at(report: &Value, check: &str, hresult: &str) -> Value {
    let order = [
        "probe.dns",
        "probe.tcp",
        "probe.tls",
        "probe.http",
        "probe.soap",
    ];
    for earlier in order.iter().take_while(|c| **c != check) {
        assert!(
            findings(report, earlier)
                .iter()
                .all(|f| f["status"] != "fail"),
            "{earlier} failed before {check}: {:#?}",
            findings(report, earlier)
        );
    }
    let f = finding(report, check, "fail");
    assert_eq!(f["data"]["hresult"], hresult, "{f:#}");
    assert!(f["summary"].as_str().unwrap().contains(hresult), "{f:#}");
    f.clone()
}

#[test]
fn healthy_server_passes_every_step_with_timings() {
    let Some((nginx, _)) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    write_wsus_files(&dir.path().join("www"));
    let port = free_port();
    let _s = start_nginx(
        &nginx,
        dir.path(),
        &wsus_server(port, &dir.path().join("www"), "", (GET_CONFIG_OK, 200)),
        &[port],
    );
    let url = format!("http://127.0.0.1:{port}");
    let (report, code) = probe(&[&url]);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["mode"], "probe");
    for check in ["probe.dns", "probe.tcp", "probe.http", "probe.soap"] {
        let f = finding(&report, check, "pass");
        assert!(f["data"]["duration_ms"].is_u64(), "{f:#}");
    }
    assert_eq!(
        finding(&report, "probe.soap", "pass")["data"]["protocol_version"],
        "3.2"
    );
    assert_eq!(
        finding(&report, "probe.soap", "pass")["data"]["auth_plugin"],
        "SimpleTargeting"
    );
    assert!(findings(&report, "probe.tls")[0]["reason"]
        .as_str()
        .unwrap()
        .contains("http://"));
    assert!(
        findings(&report, "server.app-pool").is_empty(),
        "only probe checks in a probe report"
    );

    // The short text report lists failing and warning findings only: none here.
    let out = wsus_doctor()
        .args(["probe", "--no-proxy", &url])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("SUMMARY 0 fail, 0 warn, "), "{text}");
    assert!(!text.contains("PASS"), "{text}");

    let out = wsus_doctor()
        .args(["probe", "--verbose", "--no-proxy", &url])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    for line in ["probe.dns", "probe.tcp", "probe.http", "probe.soap"] {
        assert!(
            text.lines().any(|l| l.contains("PASS") && l.contains(line)),
            "{line} in\n{text}"
        );
    }
    assert!(text.contains(" ms]"), "{text}");
}

#[test]
fn broken_http_servers_fail_at_the_http_step_with_the_client_code() {
    let Some((nginx, _)) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    write_wsus_files(&www);
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    let [p503, p404, p403, pfault, p401, panon] = [(); 6].map(|_| free_port());
    let servers = format!(
        "server {{ listen 127.0.0.1:{p503}; location / {{ return 503; }} }}\n\
         server {{ listen 127.0.0.1:{p404}; root {}; }}\n\
         server {{ listen 127.0.0.1:{p403}; location / {{ default_type text/html; return 403 '{IIS_403_4}'; }} }}\n\
         server {{ listen 127.0.0.1:{p401}; location / {{ add_header WWW-Authenticate Negotiate always; return 401; }} }}\n{}{}",
        dir.path().join("empty").display(),
        wsus_server(pfault, &www, "", (GET_CONFIG_FAULT, 500)),
        wsus_server(panon, &www, "", (&GET_CONFIG_OK.replace("SimpleTargeting", "Anonymous"), 200)),
    );
    let _s = start_nginx(
        &nginx,
        dir.path(),
        &servers,
        &[p503, p404, p403, pfault, p401, panon],
    );

    let (r, code) = probe(&[&format!("http://127.0.0.1:{p503}")]);
    assert_eq!(code, 1);
    let f = assert_fails_at(&r, "probe.http", "0x80244022");
    assert_eq!(f["data"]["http_status"], 503);
    assert!(f["title"].as_str().unwrap().contains("503"), "{f:#}");

    let (r, _) = probe(&[&format!("http://127.0.0.1:{p404}")]);
    let f = assert_fails_at(&r, "probe.http", "0x80244019");
    assert_eq!(f["data"]["http_status"], 404);
    assert!(
        f["summary"].as_str().unwrap().contains("virtual directory"),
        "{f:#}"
    );

    let (r, _) = probe(&[&format!("http://127.0.0.1:{p403}")]);
    let f = assert_fails_at(&r, "probe.http", "0x80244018");
    assert_eq!(f["data"]["http_status"], 403);
    assert_eq!(f["data"]["substatus"], 4);
    assert!(
        f["summary"].as_str().unwrap().contains("SSL required"),
        "{f:#}"
    );

    let (r, _) = probe(&[&format!("http://127.0.0.1:{pfault}")]);
    let f = assert_fails_at(&r, "probe.soap", "0x80244007");
    assert_eq!(f["data"]["http_status"], 500);
    assert_eq!(f["data"]["fault"]["error_code"], "InternalServerError");
    assert_eq!(f["data"]["fault"]["message"], "SUSDB is not reachable");

    let (r, _) = probe(&[&format!("http://127.0.0.1:{p401}")]);
    let f = assert_fails_at(&r, "probe.http", "0x80244017");
    assert!(
        f["summary"].as_str().unwrap().contains("anonymous"),
        "{f:#}"
    );

    // An emulated server (pywsus-style "Anonymous" plug-in) is not a genuine WSUS.
    let (r, code) = probe(&[&format!("http://127.0.0.1:{panon}")]);
    assert_eq!(code, 0, "a warning is not a failure");
    let f = finding(&r, "probe.soap", "warn");
    assert_eq!(f["data"]["auth_plugin"], "Anonymous");
}

#[test]
fn connection_failures_name_the_winhttp_code() {
    // Refused: a port that was free a moment ago.
    let closed = free_port();
    let (r, code) = probe(&[&format!("http://127.0.0.1:{closed}")]);
    assert_eq!(code, 1);
    let f = assert_fails_at(&r, "probe.tcp", "0x80072EFD");
    assert!(f["title"].as_str().unwrap().contains("refuses"), "{f:#}");
    assert!(findings(&r, "probe.http")[0]["status"] == "skipped");

    // Silent: accepts and never answers.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_port = silent.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in silent.incoming().flatten() {
            held.push(s);
        }
    });
    let mut cmd = wsus_doctor();
    cmd.args(["probe", "--format", "json", "--no-proxy", "--timeout", "1"])
        .arg(format!("http://127.0.0.1:{silent_port}"));
    let r = json_of(&mut cmd);
    let f = assert_fails_at(&r, "probe.http", "0x80072EE2");
    assert!(f["title"].as_str().unwrap().contains("in time"), "{f:#}");

    // Reset: closing a socket with unread data makes the kernel send RST instead of FIN
    // (RFC 2525 §2.17), which is a reliable reset without raw socket options.
    let resetting = TcpListener::bind("127.0.0.1:0").unwrap();
    let reset_port = resetting.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut s in resetting.incoming().flatten() {
            let mut one = [0u8; 1];
            let _ = s.read(&mut one);
            std::thread::sleep(Duration::from_millis(50));
            drop(s);
        }
    });
    let (r, _) = probe(&[&format!("http://127.0.0.1:{reset_port}")]);
    let f = assert_fails_at(&r, "probe.http", "0x80072EFE");
    assert!(f["summary"].as_str().unwrap().contains("reset"), "{f:#}");

    // DNS: `.invalid` never resolves (RFC 2606).
    let (r, _) = probe(&["http://wsus.example.invalid:8530"]);
    let f = assert_fails_at(&r, "probe.dns", "0x80072EE7");
    assert_eq!(f["data"]["step"], "dns");
    assert!(findings(&r, "probe.tcp")[0]["status"] == "skipped");

    // An unusable URL is stopped before anything is sent.
    let (r, _) = probe(&["wsus01.contoso.com:8530"]);
    assert_fails_at(&r, "probe.dns", "0x80072EE6");
}

#[test]
fn several_urls_are_probed_at_once_in_order() {
    let a = free_port();
    let b = free_port();
    let start = Instant::now();
    let (r, _) = probe(&[
        &format!("http://127.0.0.1:{a}"),
        "http://wsus.example.invalid:8530",
        &format!("http://127.0.0.1:{b}"),
    ]);
    let urls: Vec<String> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["check"] == "probe.dns" && f["status"] != "info")
        .map(|f| f["data"]["url"].as_str().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        urls,
        [
            format!("http://127.0.0.1:{a}"),
            "http://wsus.example.invalid:8530".to_string(),
            format!("http://127.0.0.1:{b}")
        ]
    );
    assert!(start.elapsed() < Duration::from_secs(20));
}

/// A test CA and server certificates made with the openssl command line.
struct Pki {
    dir: PathBuf,
    openssl: PathBuf,
}

impl Pki {
    fn run(&self, args: &[&str]) {
        let out = Command::new(&self.openssl)
            .args(args)
            .current_dir(&self.dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn new(openssl: &Path, dir: &Path) -> Pki {
        let pki = Pki {
            dir: dir.to_path_buf(),
            openssl: openssl.to_path_buf(),
        };
        write(dir, "index.txt", "");
        write(dir, "serial", "1000\n");
        std::fs::create_dir_all(dir.join("newcerts")).unwrap();
        write(dir, "req.cnf", "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nCN=placeholder\n[ca]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\n[leaf]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1\n");
        write(dir, "ca.cnf", format!(
            "[ca]\ndefault_ca=test\n[test]\ndir={d}\ndatabase={d}/index.txt\nnew_certs_dir={d}/newcerts\nserial={d}/serial\ndefault_md=sha256\npolicy=any\nunique_subject=no\ncopy_extensions=none\n[any]\ncommonName=supplied\n[good]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n[wrongname]\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:wsus99.fabrikam.example\n",
            d = dir.display()
        ));
        pki.run(&[
            "req",
            "-x509",
            "-config",
            "req.cnf",
            "-extensions",
            "ca",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-days",
            "30",
            "-subj",
            "/CN=wsus-doctor test CA",
        ]);
        pki
    }

    /// A server certificate signed by the test CA: `key` is `ec` or `rsa:N`.
    fn leaf(&self, name: &str, key: &str, ext: &str, md: &str, dates: &[&str]) {
        let keyfile = format!("{name}.key");
        let csr = format!("{name}.csr");
        let pem = format!("{name}.pem");
        let mut req = vec![
            "req",
            "-new",
            "-config",
            "req.cnf",
            "-newkey",
            key,
            "-nodes",
            "-keyout",
            &keyfile,
            "-out",
            &csr,
            "-subj",
            "/CN=127.0.0.1",
        ];
        if key == "ec" {
            req.extend(["-pkeyopt", "ec_paramgen_curve:prime256v1"]);
        }
        self.run(&req);
        let mut ca = vec![
            "ca",
            "-batch",
            "-config",
            "ca.cnf",
            "-cert",
            "ca.pem",
            "-keyfile",
            "ca.key",
            "-in",
            &csr,
            "-out",
            &pem,
            "-notext",
            "-extensions",
            ext,
            "-md",
            md,
        ];
        ca.extend_from_slice(dates);
        self.run(&ca);
    }

    fn tls(&self, name: &str, weak: bool) -> String {
        let d = self.dir.display();
        let seclevel = if weak {
            "ssl_ciphers \"DEFAULT:@SECLEVEL=0\";"
        } else {
            ""
        };
        format!("ssl_certificate {d}/{name}.pem; ssl_certificate_key {d}/{name}.key; ssl_protocols TLSv1.2 TLSv1.3; {seclevel}")
    }
}

#[test]
fn tls_cases_fail_at_the_tls_step_with_the_client_code() {
    let Some((nginx, openssl)) = tools() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let www = dir.path().join("www");
    write_wsus_files(&www);
    let pki_dir = dir.path().join("pki");
    std::fs::create_dir_all(&pki_dir).unwrap();
    let pki = Pki::new(&openssl, &pki_dir);
    pki.leaf("good", "ec", "good", "sha256", &["-days", "365"]);
    pki.leaf("soon", "ec", "good", "sha256", &["-days", "10"]);
    pki.leaf(
        "expired",
        "ec",
        "good",
        "sha256",
        &[
            "-startdate",
            "20240101000000Z",
            "-enddate",
            "20250101000000Z",
        ],
    );
    pki.leaf("wrongname", "ec", "wrongname", "sha256", &["-days", "365"]);
    pki.leaf("sha1", "rsa:2048", "good", "sha1", &["-days", "365"]);
    pki.leaf("short", "rsa:1024", "good", "sha256", &["-days", "365"]);
    pki.run(&[
        "req",
        "-x509",
        "-config",
        "req.cnf",
        "-extensions",
        "leaf",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        "selfsigned.key",
        "-out",
        "selfsigned.pem",
        "-days",
        "365",
        "-subj",
        "/CN=127.0.0.1",
    ]);

    let names = [
        "good",
        "soon",
        "expired",
        "wrongname",
        "sha1",
        "short",
        "selfsigned",
    ];
    let ports: Vec<u16> = names.iter().map(|_| free_port()).collect();
    let servers: String = names
        .iter()
        .zip(&ports)
        .map(|(n, p)| {
            wsus_server(
                *p,
                &www,
                &pki.tls(n, matches!(*n, "sha1" | "short")),
                (GET_CONFIG_OK, 200),
            )
        })
        .collect();
    let _s = start_nginx(&nginx, dir.path(), &servers, &ports);
    let port = |n: &str| ports[names.iter().position(|x| *x == n).unwrap()];
    let url = |n: &str| format!("https://127.0.0.1:{}", port(n));
    let ca = pki_dir.join("ca.pem");
    let ca = ca.to_str().unwrap();

    // Trusted through --ca-file: every step passes, the chain is shown.
    let (r, code) = probe(&["--ca-file", ca, &url("good")]);
    let f = finding(&r, "probe.tls", "pass");
    assert_eq!(code, 0, "{r:#}");
    assert!(
        f["data"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["code"] == "port-pairing"),
        "{f:#}"
    );
    assert!(
        f["data"]["verifier"]
            .as_str()
            .unwrap()
            .starts_with("rustls-platform-verifier"),
        "{f:#}"
    );
    assert_eq!(f["data"]["chain"][0]["san"][0], "127.0.0.1");
    assert_eq!(f["data"]["chain"][0]["key_type"], "EC");
    assert!(
        f["data"]["protocol"].as_str().unwrap().starts_with("TLS"),
        "{f:#}"
    );
    finding(&r, "probe.http", "pass");
    finding(&r, "probe.soap", "pass");

    // The same server without the CA: untrusted issuer.
    let (r, _) = probe(&[&url("good")]);
    let f = assert_fails_at(&r, "probe.tls", "0x80072F0D");
    assert_eq!(
        f["data"]["chain"][0]["issuer"], "CN=wsus-doctor test CA",
        "chain reported although refused"
    );
    assert!(findings(&r, "probe.http")[0]["status"] == "skipped");

    let (r, _) = probe(&["--ca-file", ca, &url("selfsigned")]);
    let f = assert_fails_at(&r, "probe.tls", "0x80072F0D");
    assert_eq!(f["data"]["chain"][0]["self_signed"], true);

    let (r, _) = probe(&["--ca-file", ca, &url("expired")]);
    let f = assert_fails_at(&r, "probe.tls", "0x80072F05");
    assert!(
        f["data"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "expired"),
        "{f:#}"
    );

    let (r, _) = probe(&["--ca-file", ca, &url("wrongname")]);
    let f = assert_fails_at(&r, "probe.tls", "0x80072F06");
    assert!(
        f["data"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "name-mismatch"),
        "{f:#}"
    );

    let (r, _) = probe(&["--ca-file", ca, &url("soon")]);
    let f = finding(&r, "probe.tls", "warn");
    assert!(
        f["data"]["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["code"] == "expires-soon"),
        "{f:#}"
    );

    for (name, code) in [("sha1", "weak-signature"), ("short", "short-key")] {
        let (r, _) = probe(&["--ca-file", ca, &url(name)]);
        let f = assert_fails_at(&r, "probe.tls", "0x80072F8F");
        assert!(
            f["data"]["problems"]
                .as_array()
                .unwrap()
                .iter()
                .any(|p| p["code"] == code),
            "{name}: {f:#}"
        );
        assert!(
            f["summary"].as_str().unwrap().contains("rustls/webpki"),
            "{name}: {f:#}"
        );
    }
}

/// A proxy on loopback that records the first request line of each connection and answers
/// `status` to everything.
fn recording_proxy(status: &'static str) -> (u16, std::sync::mpsc::Receiver<String>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for mut s in listener.incoming().flatten() {
            let mut buf = Vec::new();
            let mut byte = [0u8; 1];
            while !buf.ends_with(b"\r\n\r\n") && s.read(&mut byte).unwrap_or(0) == 1 {
                buf.push(byte[0]);
            }
            let text = String::from_utf8_lossy(&buf).to_string();
            // The TCP step connects and closes without a request.
            if let Some(first) = text.lines().next().filter(|l| !l.is_empty()) {
                let _ = tx.send(first.to_string());
            }
            let _ = std::io::Write::write_all(
                &mut s,
                format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .as_bytes(),
            );
        }
    });
    (port, rx)
}

#[test]
fn requests_go_through_the_given_proxy() {
    // http:// through a proxy: absolute-form requests; the proxy's answer is what the client gets.
    let (port, lines) = recording_proxy("503 Service Unavailable");
    let proxy = format!("http://127.0.0.1:{port}");
    let mut cmd = wsus_doctor();
    cmd.args([
        "probe",
        "--format",
        "json",
        "--timeout",
        "5",
        "--proxy",
        &proxy,
        "http://wsus01.contoso.com:8530",
    ]);
    let r = json_of(&mut cmd);
    assert_fails_at(&r, "probe.http", "0x80244022");
    let first = lines.recv_timeout(Duration::from_secs(5)).unwrap();
    assert_eq!(
        first,
        "GET http://wsus01.contoso.com:8530/selfupdate/wuident.cab HTTP/1.1"
    );
    let dns = finding(&r, "probe.dns", "pass");
    assert!(
        dns["evidence"]
            .to_string()
            .contains("the proxy resolves the WSUS host"),
        "{dns:#}"
    );

    // https:// through a proxy: a CONNECT tunnel, refused here with 407.
    let (port, lines) = recording_proxy("407 Proxy Authentication Required");
    let proxy = format!("127.0.0.1:{port}");
    let mut cmd = wsus_doctor();
    cmd.args([
        "probe",
        "--format",
        "json",
        "--timeout",
        "5",
        "--proxy",
        &proxy,
        "https://wsus01.contoso.com:8531",
    ]);
    let r = json_of(&mut cmd);
    assert_fails_at(&r, "probe.tls", "0x8024401B");
    assert_eq!(
        lines.recv_timeout(Duration::from_secs(5)).unwrap(),
        "CONNECT wsus01.contoso.com:8531 HTTP/1.1"
    );
}

#[test]
fn the_overall_deadline_cuts_the_probe_short() {
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for s in silent.incoming().flatten() {
            held.push(s);
        }
    });
    let start = Instant::now();
    let mut cmd = wsus_doctor();
    cmd.args([
        "probe",
        "--format",
        "json",
        "--no-proxy",
        "--timeout",
        "20",
        "--deadline",
        "1",
    ])
    .arg(format!("http://127.0.0.1:{port}"));
    let r = json_of(&mut cmd);
    assert!(
        start.elapsed() < Duration::from_secs(8),
        "took {:?}",
        start.elapsed()
    );
    assert_fails_at(&r, "probe.http", "0x80072EE2");
}

#[test]
fn diagnose_probe_says_when_the_evidence_has_no_policy_url() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "u_ex261127.log",
        "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2026-11-27 08:00:00\r\n#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n2026-11-27 08:00:01 10.0.0.5 POST /ClientWebService/client.asmx - 8530 - 10.0.0.77 Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50 - 200 0 0 31\r\n",
    );
    let out = wsus_doctor()
        .args(["diagnose", "--probe", "--no-proxy", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no WUServer policy value"), "{stderr}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(findings(&report, "probe.soap")[0]["status"], "skipped");
}
