## WSUS server URL problems (src/values/wsus_url.rs): fragments quoted after the URL.

url-empty = the value is empty: the client has no server to contact
url-whitespace = the value has spaces or quotes around the URL
url-placeholder = the value contains { $what ->
    [dollar] a '$' variable
    [percent] a '%...%' environment variable
    [angle] a '<...>' placeholder
   *[template] a template server name
 } that was never replaced by a real server name
url-no-scheme = the URL has no http:// or https:// (the agent fails with 0x80072EE6, unrecognised scheme)
url-bad-scheme = the scheme '{ $scheme }' is not http or https
url-no-host = the URL has no host name
url-bad-port = the port '{ $port }' is not a port number
url-ip-address = the server is named by an IP address, not its FQDN: an HTTPS certificate will not match it, and the guide asks for the server's FQDN
url-short-name = '{ $host }' is a short name, not a fully qualified domain name: it resolves only through the client's DNS suffix search list, and an HTTPS certificate names the FQDN
url-no-port = the URL has no port, so the client uses { $port }; WSUS on Windows Server 2012 and later listens on 8530 (HTTP) and 8531 (HTTPS) unless it was installed on the Default Web Site
url-http-on-https-port = http:// with port { $port }, which is WSUS's HTTPS port: use https://...:{ $port } or http://...:{ $http_port }
url-https-on-http-port = https:// with port { $port }, which is WSUS's HTTP port: use http://...:{ $port } or https://...:{ $https_port }
url-trailing-slash = the URL ends with '/': the agent appends '/selfupdate' and '/ClientWebService', producing '//selfupdate' requests
url-path = the URL has a path ('{ $path }'): WUServer must be the server's root URL (scheme, host and port only)

## The UTC offset a client's zone-less log times are read at (src/facts/client_clock.rs).

clock-offset-stated = UTC offset { $offset } (stated with --client-tz)
clock-offset-configmgr = UTC offset { $offset } (assumed: the offset of the client's ConfigMgr logs)
clock-offset-inferred = UTC offset { $offset } (assumed: at this offset, and no other, { $matched } of the client's time-outs and 503 errors fall inside the server's 503 bursts)

## WindowsUpdate.log notes (src/facts/wu_log.rs).

wu-zone-banner = local time; the 'tz:' banner gives { $offset }
wu-zone-etw = local time of an unknown zone (Get-WindowsUpdateLog writes no zone)
wu-zone-no-banner = local time; no 'tz:' banner in this file, zone unknown
wu-connection-errors = { $count } connection error(s) ({ $codes })

## Kinds of evidence (src/evidence/kind.rs).

kind-iis-w3c = IIS W3C extended log
kind-httperr = HTTP.sys error log
kind-windowsupdate-log = WindowsUpdate.log
kind-cmtrace = Configuration Manager log
kind-reg-export = registry export (.reg)
kind-applicationhost-config = IIS applicationHost.config
kind-evtx = Windows event log
kind-sc-query = sc query output
kind-reg-query = reg query output
kind-netsh-winhttp-proxy = netsh winhttp show proxy output
kind-ipconfig = ipconfig /all output
kind-appcmd-site = appcmd list site output
kind-appcmd-apppool = appcmd list apppool output
kind-hotfix-list = installed updates (Get-HotFix / wmic qfe)
kind-service-list = Get-Service export
kind-wsus-softwaredistribution-log = WSUS SoftwareDistribution.log
kind-certificate = X.509 certificate
kind-collect-manifest = wsus-doctor collect manifest
kind-event-xml = event log records as XML
kind-netsh-sslcert = netsh http show sslcert output
kind-configmgr-scan-status = ConfigMgr scan status export (v_UpdateScanStatus)

## Why a file was recognised as its kind, or why none (src/evidence/sniff.rs).

sniff-empty = empty file
sniff-evtx = event log file signature 'ElfFile'
sniff-der = DER-encoded X.509 certificate
sniff-pem = PEM certificate
sniff-cmtrace = CMTrace records '<![LOG[...]LOG]!>'
sniff-cm-simple = ConfigMgr simple log records '$$<component><time><thread=...>'
sniff-applicationhost = XML with <system.applicationHost>
sniff-event-xml = <Event> elements of the Windows event schema (wevtutil qe /f:xml)
sniff-manifest = wsus-doctor collect manifest
sniff-service-json = JSON objects with ServiceName and Status (Get-Service | ConvertTo-Json)
sniff-service-csv = CSV of services (Get-Service | Export-Csv)
sniff-scan-status = a header row with a machine name and LastErrorCode or LastScanState (ConfigMgr v_UpdateScanStatus export)
sniff-fields-s-reason = #Fields directive with s-reason
sniff-fields = #Fields directive
sniff-sslcert = 'SSL Certificate bindings' (netsh http show sslcert)
sniff-winhttp = a header naming WinHTTP and ending in ':' (netsh winhttp show proxy, any display language)
sniff-ipconfig = a 'Windows IP ...' header and dotted 'label . . . : value' lines (ipconfig, any display language)
sniff-sc-query = SERVICE_NAME and STATE lines (sc query)
sniff-appcmd-site = SITE "..." lines (appcmd list site)
sniff-appcmd-apppool = APPPOOL "..." lines (appcmd list apppool)
sniff-reg-query = HKEY_ key lines with indented REG_ values (reg query)
sniff-hotfix-column = HotFixID column (Get-HotFix / wmic qfe list)
sniff-hotfix-fields = HotFixID fields (wmic qfe list full / Get-HotFix | Format-List)
sniff-sdlog = lines 'YYYY-MM-DD HH:MM:SS.mmm UTC level process' (WSUS SoftwareDistribution.log)
sniff-wu-legacy = lines 'YYYY-MM-DD HH:MM:SS:mmm pid tid component' (legacy WindowsUpdate.log)
sniff-wu-etw = lines 'YYYY/MM/DD HH:MM:SS.fffffff pid tid component' (Get-WindowsUpdateLog)
sniff-httperr-lines = no header; lines have the HTTPERR layout (client and server ports, reason phrase)
sniff-iis-lines = no header; lines have the IIS W3C default layout
sniff-binary = binary data (starts with { $bytes }), not a known evidence format
sniff-unknown-text = text ({ $encoding }), but no known format matched; first line: '{ $line }'
sniff-reg-header = header '{ $header }'
sniff-software-httperr = #Software: { $software }
sniff-software-iis = #Software: { $software }

## Why a text encoding was chosen (src/evidence/text.rs).

encoding-bom = byte order mark { $bytes }
encoding-utf16-no-bom = no byte order mark, but every other byte is zero
encoding-utf8 = { $what ->
    [ascii] only ASCII in the first bytes read
   *[utf8] valid UTF-8
 }
encoding-utf8-fallback = { $what ->
    [ascii] only ASCII in the first bytes read
   *[utf8] valid UTF-8
 }; a later line that is not UTF-8 is read in code page { $code_page } ({ $source })
encoding-not-utf8 = not valid UTF-8; { $why }
encoding-not-shift-jis = read in code page 1252: not Japanese code page 932 text (byte { $byte } at offset { $offset } starts no valid Shift_JIS character)
encoding-shift-jis = its bytes are Japanese code page 932 (Shift_JIS) text: { $kana } kana or punctuation and { $common } common kanji, every lead byte with a valid trail byte
encoding-not-japanese = read in code page 1252: its bytes form valid Shift_JIS pairs but not Japanese text ({ $kana } kana or punctuation, { $common } common kanji, { $rare } rare or unassigned characters)

## What named a machine (src/pipeline/machines.rs, src/pipeline.rs).

machine-unnamed = no evidence states its name: the files under { $place }
machine-by-manifest = the collect manifest { $file }
machine-by-registry = the registry's ComputerName in { $file }
machine-by-ipconfig = ipconfig /all's Host Name in { $file }
machine-by-events = the Computer of the event records in { $file }

## The inventory (src/pipeline.rs, src/cli/commands.rs).

inventory-unreadable = could not be read
inventory-gzip = gzip-compressed
inventory-recognised-by = recognised by: { $reason }
inventory-encoding = encoding: { $encoding }
inventory-encoding-why = encoding: { $encoding } ({ $reason })
inventory-malformed-line = line { $line }: { $reason } ({ $excerpt })
inventory-error = error: { $error }
inventory-could-not-read = could not read { $path }: { $message }
url-problem-sentence = { $problem }.

# Where a machine's ANSI code page was learnt.
code-page-given = --codepage { $code_page } given
code-page-of-collector = the collecting machine's ANSI code page
code-page-getacp = this machine's ANSI code page is { $code_page } (GetACP)
code-page-from-manifest = the collect manifest { $file } records this machine's ANSI code page { $code_page }
code-page-from-registry = this machine's ANSI code page { $code_page } is stated by { $origin }
code-page-from-sibling = code page { $code_page } was found in the bytes of { $file }, from the same machine
