# The checks: title, guide step, what, why, evidence read and fix (docs/checks.md, explain, the reports).
check-client-configmgr-title = WSUS location from Configuration Manager
check-client-configmgr-guide-step = On Configuration Manager clients: check ccm\logs\LocationServices.log for the WSUS entry
check-client-configmgr-what = Compares the WSUS location Configuration Manager handed out with the policy registry and with what WindowsUpdate.log used; finds Group Policy overriding the software update point (also as error 0x87D00692), a corrupt local policy file (Registry.pol) and scan errors in WUAHandler.log.
check-client-configmgr-why = A Group Policy that overrides the software update point, or a client given the wrong location, scans against the wrong server.
check-client-configmgr-evidence = LocationServices.log, WUAHandler.log, ScanAgent.log, UpdatesDeployment.log.
check-client-configmgr-fix = Remove the conflicting Group Policy, rename a corrupt Registry.pol and refresh policy, or force a Software Updates Scan Cycle so the location is logged.

check-client-policy-title = Client WSUS policy
check-client-policy-guide-step = When the client's IP is missing from the IIS logs: check HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate for the correct FQDN
check-client-policy-what = Checks UseWUServer, WUServer and WUStatusServer: set and equal, a valid http/https URL with a fully qualified host name, an explicit port matching the scheme, no trailing slash, no unexpanded placeholder; compares the URL's scheme and port (and those its WindowsUpdate.log used) with the WSUS site's bindings and HTTP.sys's certificate bindings, and an https host with the names in the server's certificate; explains dual-scan and proxy-behaviour policies.
check-client-policy-why = A wrong, short or malformed server URL sends the client elsewhere or nowhere; a trailing slash produces //selfupdate requests.
check-client-policy-evidence = Registry exports or reg query output of the WindowsUpdate policy key and its AU subkey; the server's applicationHost.config, netsh http show sslcert output and certificate when given.
check-client-policy-fix = Correct the Group Policy 'Specify intranet Microsoft update service location' to http://wsus.fqdn:8530 (or https://...:8531), then gpupdate /force.

check-client-proxy-title = Client proxy
check-client-proxy-guide-step = Beyond the guide: the WinHTTP proxy the Windows Update agent uses
check-client-proxy-what = Checks that the WinHTTP proxy bypasses the WSUS host, and explains the user-proxy fallback policy.
check-client-proxy-why = The agent sends intranet requests through the WinHTTP proxy; a proxy that cannot reach WSUS makes scans time out or fail with 407/502.
check-client-proxy-evidence = netsh winhttp show proxy output, the WinHttpSettings registry value.
check-client-proxy-fix = Add the WSUS host to the bypass list by its short name and its FQDN (netsh winhttp set proxy ... bypass-list="wsus;wsus.fqdn;<local>") or remove the proxy.

check-client-reaches-server-title = Client requests in the server's logs
check-client-reaches-server-guide-step = When the client's IP address never appears in the IIS logs
check-client-reaches-server-what = When the evidence holds a client's addresses and the server's IIS logs for the same time, checks whether the client appears in them and with which statuses; when it never does, follows the guide's three next steps with what the evidence says about each.
check-client-reaches-server-why = A client absent from the server's logs is pointed elsewhere, blocked by the network, or rejected by HTTP.sys.
check-client-reaches-server-evidence = ipconfig /all output (or --client-ip), IIS and HTTPERR logs, the client policy, LocationServices.log.
check-client-reaches-server-fix = Check HTTPERR, the policy's FQDN and LocationServices.log, in that order.

check-client-scan-status-title = Scan status of the Configuration Manager clients
check-client-scan-status-guide-step = On the Configuration Manager site: list the clients' last scan errors (v_UpdateScanStatus, the 'Scan 1 - Last scan states by collection' report)
check-client-scan-status-what = Groups the machines of a ConfigMgr scan status export by their last scan error, with the error's meaning and family; lists the machines whose last scan is more than 7 days older than the newest one in the export, and the machines that scan against another WSUS location than the others.
check-client-scan-status-why = One client's logs show one client; the site's scan status shows which errors many clients share. Most clients failing with a time-out or 503 points to the WSUS server, a few clients with their own error to those clients; clients that stopped scanning or scan another server are out of the site's view.
check-client-scan-status-evidence = A CSV or tab-separated export of v_UpdateScanStatus joined with v_R_System (SQL Server Management Studio 'Save Results As', or a software updates report exported as CSV), with a header row: machine name (Name0, Netbios_Name0, MachineName, Computer), LastErrorCode, LastScanState, LastScanTime, LastScanPackageLocation, LastWUAVersion, optionally an IP address.
check-client-scan-status-fix = Fix what the largest group's error points to (for time-outs and 503s: the WSUS application pool, see server.app-pool), then run a Software Updates Scan Cycle on the listed clients and export the scan status again.

check-client-wu-log-title = Connection errors in WindowsUpdate.log
check-client-wu-log-guide-step = Code 503 note: look for errors ending in 2ee2 (0x80072EE2) in the client's WindowsUpdate.log
check-client-wu-log-what = Finds every connection error with its time, URL and decoded HRESULT, groups them into episodes, compares the server the agent used with the policy, and reads SOAP faults and the last successful scan.
check-client-wu-log-why = The client's errors name the failing step (time-out, 503, 404, TLS) and pair with the server's logs at the same minutes.
check-client-wu-log-evidence = WindowsUpdate.log (legacy text log or Get-WindowsUpdateLog output).
check-client-wu-log-fix = Depends on the error: 0x80072EE2 and 0x80244022 point to the server's WsusPool, 0x80072EE7 to DNS, 0x80072F8F to certificates and clocks.

check-probe-dns-title = WSUS host name resolves
check-probe-dns-guide-step = Beyond the guide: resolve the WUServer host the way the client does
check-probe-dns-what = Checks the URL as the WUServer policy value is checked (scheme, FQDN, port, trailing slash, placeholders), then resolves the host with the operating system's resolver and lists every address.
check-probe-dns-why = A URL the agent cannot use fails before any request (0x80072EE6, 0x80072EE5); a name that does not resolve fails every scan with 0x80072EE7.
check-probe-dns-evidence = Probe steps url and dns.
check-probe-dns-fix = Register the WSUS host in DNS, or use the name DNS knows.

check-probe-http-title = WSUS client endpoints answer
check-probe-http-guide-step = KB3090184's connectivity test URLs: wuident.cab, wusserverversion.xml, SimpleAuth.asmx
check-probe-http-what = Requests the files and pages a client uses first and checks the answers (status, content type, cabinet signature).
check-probe-http-why = 403.4, 404, 401 and 503 answers name the IIS misconfiguration or pool failure.
check-probe-http-evidence = Probe step http.
check-probe-http-fix = Depends on the status; each finding names it.

check-probe-soap-title = WSUS web service answers GetConfig
check-probe-soap-guide-step = Beyond the guide: call the client web service as the agent does
check-probe-soap-what = Calls GetConfig on the client web service and checks for a genuine WSUS answer (SimpleTargeting authentication, server protocol version); decodes SOAP faults.
check-probe-soap-why = A page that loads does not prove the web service, its pool and its database work; GetConfig does.
check-probe-soap-evidence = Probe step soap.
check-probe-soap-fix = A SOAP fault's ErrorCode names the server-side problem; 500 and 503 point to WsusPool and SUSDB.

check-probe-tcp-title = WSUS port accepts connections
check-probe-tcp-guide-step = Beyond the guide: connect to the WSUS port
check-probe-tcp-what = Connects to each address on the WSUS port, telling refused, timed out and unreachable apart.
check-probe-tcp-why = Refused means nothing listens (site stopped, wrong port); a time-out means a firewall drops packets.
check-probe-tcp-evidence = Probe step tcp.
check-probe-tcp-fix = Start the WSUS site or correct the port; open the port in the firewalls between client and server.

check-probe-tls-title = WSUS TLS certificate
check-probe-tls-guide-step = Code 403 / 0x80072F8F: certificate problems
check-probe-tls-what = Performs the TLS handshake, shows the protocol, cipher and certificate chain, and judges it with the platform verifier: name, expiry, trust, weak keys.
check-probe-tls-why = Clients refuse a certificate that does not match the WUServer host, has expired, or chains to an untrusted root.
check-probe-tls-evidence = Probe step tls.
check-probe-tls-fix = Use the certificate's name in WUServer, renew the certificate, or deploy its root CA to clients.

check-server-app-pool-title = WsusPool application pool settings
check-server-app-pool-guide-step = Code 503: raise the WsusPool private memory limit (4-8 GB or more)
check-server-app-pool-what = Finds the WSUS application pool through the ClientWebService application, checks that it is started and not disabled by rapid-fail protection, compares private memory limit, queue length, idle time-out, pinging and periodic restart with Microsoft's recommendations, and checks that it runs 64-bit with .NET CLR v4.0 as WSUS setup creates it.
check-server-app-pool-why = WSUS setup leaves the private memory limit at 1,843,200 KB; under load the pool recycles and clients get 503s. This is the classic cause of WSUS connection failures.
check-server-app-pool-evidence = applicationHost.config (with IIS inheritance applied), appcmd list apppool.
check-server-app-pool-fix = Raise the private memory limit (KB4025764: 4-8 GB or more; KB4490414: 0, no limit), queue length 2000, idle time-out 0, pinging off, regular recycle 0; enable32BitAppOnWin64 false and .NET CLR v4.0.

check-server-database-title = WSUS database (SUSDB)
check-server-database-guide-step = Beyond the guide: WSUS keeps its data in SUSDB, on the Windows Internal Database or a SQL Server instance, and fails its clients while it cannot reach it
check-server-database-what = Reads where SqlServerName puts SUSDB (the Windows Internal Database, a SQL Server instance on this server, or one on another server), checks the state of that instance's service when the service list has it, and counts the SqlException records in SoftwareDistribution.log with their first and last time.
check-server-database-why = WSUS reads SUSDB for every client request: while the database is stopped or failing, the client web service answers HTTP 500 and clients log 0x8024401F or 0x8024400E.
check-server-database-evidence = Registry HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup (SqlServerName, SqlDatabaseName), sc query / Get-Service output with the database service (MSSQL$MICROSOFT##WID, MSSQLSERVER or MSSQL$<instance>), the ComputerName registry key (to tell a local instance from a remote one), WSUS SoftwareDistribution.log.
check-server-database-fix = Start the database service (Start-Service 'MSSQL$MICROSOFT##WID' for the Windows Internal Database), find why it stopped, and check the free space of its disks and the size of SUSDB; for a remote SQL Server, check the instance on that server.

check-server-events-title = WSUS, WAS and service events
check-server-events-guide-step = Beyond the guide: the event logs behind 503s and stopped services
check-server-events-what = Lists WSUS health-monitor events, WAS application pool events (rapid-fail, crashes, recycles) and service crashes as a timeline tied to their meaning.
check-server-events-why = A private-memory recycle or a rapid-fail shutdown at the time of a 503 burst proves the WsusPool cause.
check-server-events-evidence = System and Application event logs (.evtx).
check-server-events-fix = Follow the event: raise the pool's memory limit for recycles, start the pool after rapid-fail, repair the service that crashes.

check-server-httperr-title = Requests HTTP.sys rejected before IIS
check-server-httperr-guide-step = When the client's IP is missing from the IIS logs: check C:\Windows\System32\LogFiles\HTTPERR
check-server-httperr-what = Reads the HTTP.sys error logs and explains each reason phrase per queue (application pool) over time: AppOffline, QueueFull, ConnLimit, Disabled, abandoned connections, time-outs.
check-server-httperr-why = HTTP.sys answers 503 for a stopped or overloaded pool before IIS logs anything; those requests exist only in HTTPERR.
check-server-httperr-evidence = HTTPERR logs (httperr*.log).
check-server-httperr-fix = Start WsusPool and stop its crashes (memory limit), raise its queue length; connection drops point to pool recycles. ConnLimit is the site's connection limit and N/A an HTTP.sys internal or URL reservation error: neither is fixed by the pool's memory.

check-server-iis-log-title = Errors in the WSUS site's IIS logs
check-server-iis-log-guide-step = Troubleshooting step 3: read the IIS logs and interpret 200/206/401/403/404/500/503
check-server-iis-log-what = Reads the IIS logs of the WSUS site and interprets every status the way the guide does: 401s only when no success follows, 403 to the Windows Update Agent (not to browsers), 404 on WSUS virtual directories, 500 by sub-status, 503 bursts, dropped connections.
check-server-iis-log-why = The IIS log shows what the server answered each client; 503 bursts are the server side of client time-outs.
check-server-iis-log-evidence = IIS W3C logs (u_ex*.log) of the WSUS site.
check-server-iis-log-fix = Depends on the status: raise WsusPool memory for 503s, repair virtual directories for 404.0s, add the MIME type for 404.3s, raise maxAllowedContentLength for 404.13s, fix SSL and certificate settings for 403s.

check-server-services-title = WSUS and IIS services
check-server-services-guide-step = Troubleshooting step 1: Update Services (WsusService) and World Wide Web Publishing Service (W3SVC) must be running
check-server-services-what = Checks that WsusService, W3SVC and WAS (which W3SVC needs) are running, and lists their crashes and restarts from the System log.
check-server-services-why = Clients cannot scan while the web service or the WSUS service is down.
check-server-services-evidence = sc query / sc queryex output, Get-Service exports, the live service control manager, System event log (Service Control Manager 7031, 7034, 7036).
check-server-services-fix = Start the service (Start-Service WsusService, W3SVC) and find why it stopped in the System and Application logs.

check-server-tls-title = WSUS SSL configuration
check-server-tls-guide-step = Code 403: certificate problems or IIS configuration
check-server-tls-what = Checks UsingSSL against the HTTPS binding and its certificate, which virtual directories require SSL (the web services should, Content/Selfupdate/ReportingWebService/Inventory must not), and that client certificates are not required; counts the server's failed TLS handshakes (Schannel) and lines them up with the clients' TLS errors.
check-server-tls-why = Requiring SSL on content or self-update breaks clients (403.4); requiring client certificates fails every client with 0x80072F0C.
check-server-tls-evidence = applicationHost.config, the WSUS Setup registry key, certificates among the evidence, Schannel events 36874/36887/36888 in the System log.
check-server-tls-fix = Set SSL requirements per virtual directory as Microsoft documents, client certificates to Ignore, and renew or replace the site certificate.

check-server-version-title = WSUS version and required updates
check-server-version-guide-step = Prerequisites: WSUS 3.0 SP2 needs KB4039929 (3.2.7600.283); Server 2012/2012 R2/2016 need KB4039873/KB4039871/KB4039396 or later
check-server-version-what = Reads the WSUS product version and the operating system build, and the list of installed updates, and compares them with the minimum the guide names.
check-server-version-why = Without the 2017 fix, Configuration Manager and clients cannot connect reliably; WSUS 3.0 SP2 is out of support and, without TLS 1.2, cannot synchronise from Microsoft Update.
check-server-version-evidence = Registry HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup and HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (.reg export or reg query), Get-HotFix / wmic qfe output, WSUS SoftwareDistribution.log.
check-server-version-fix = Install the named update or any later rollup, restart the server, then check again. With a remote software update point, the WSUS console on the site server needs it too.

check-server-website-title = WSUS web site
check-server-website-guide-step = Troubleshooting step 2: the Default Web Site or the WSUS Administration site must be running
check-server-website-what = Finds the WSUS site by IISTargetWebsiteIndex, checks that it is started, that its bindings match PortNumber and UsingSSL, that its virtual directories exist, that ASP.NET impersonation is off, and that /Content has MIME types for .esd, .wim and .msu.
check-server-website-why = A stopped site, a wrong port or a missing virtual directory makes every client request fail (404, connection refused).
check-server-website-evidence = applicationHost.config, appcmd list site, the WSUS Setup registry key, the IIS logs (404.3).
check-server-website-fix = Start the site, restore the bindings (8530/8531, or 80/443 on the Default Web Site), repair the virtual directories with wsusutil postinstall, or add the missing MIME types.

# docs/checks.md
docs-checks-title = The checks
docs-checks-generated = Generated from src/checks/catalogue.rs by `WSUS_DOCTOR_BLESS=1 cargo test --lib checks::catalogue`; do not edit by hand.
docs-checks-stable = Check ids are stable: they are never renamed or reused. `wsus-doctor explain <id>` prints the same text.
docs-checks-table-head = | id | title | stage |
docs-since = since { $version }
docs-guide-step = *Guide step:* { $step }
docs-what = What it checks
docs-why = Why it matters
docs-evidence = Evidence read
docs-fix = How to fix
docs-sources = Sources
