# The server checks: WSUS site and pool lookup, services, version, events, IIS and HTTP.sys logs.

## What the server checks share (wsus.rs)
wsus-no-server-evidence = no WSUS server evidence (registry Setup key, applicationHost.config, service list or server event log) among the evidence
wsus-site-by-registry-index = site id { $id } from the registry's IISTargetWebsiteIndex
wsus-site-by-client-web-service = the site with the ClientWebService application
wsus-list-comma = { $list }, { $next }
wsus-list-semicolon = { $list }; { $next }
wsus-site-recognised = recognised as the WSUS site by { $how }

## server.services
services-no-evidence = no service list (sc query, Get-Service) or System event log with WsusService, W3SVC or WAS events among the evidence
services-disabled-title = { $service } is disabled
services-disabled = { $service } cannot start while its start type is Disabled; WSUS clients cannot scan.
services-disabled-fix = Set { $service } to start automatically and start it.
services-not-running-title = { $service } is not running
services-state = { $service } is { $state }.
services-state-exit = { $service } is { $state } (exit code { $code }).
services-down-wsusservice = Clients can reach IIS, but WSUS does not process their scans or synchronise.
services-down-w3svc = IIS does not answer: clients cannot connect to WSUS at all.
services-down-was = W3SVC needs WAS: IIS cannot run the WSUS application pool.
services-start = Start { $service } and find why it stopped in the System and Application logs.
services-check-started = Check that { $service } and find why it stopped in the System and Application logs.
services-state-unknown = the current state is not among the evidence
services-not-installed-title = { $service } is not installed
services-not-installed-wsus = The service list has { $count } services but no { $service }: the WSUS role is not installed on this server, or its installation failed.
services-not-installed-iis = The service list has { $count } services but no { $service }: IIS (the Web Server role) is not installed.
services-list-read = the service list read
services-install-role = Install the role (Windows Server Update Services installs IIS with it), then run WSUS post-installation.
services-crashed-title = { $service } terminated unexpectedly { $count } time(s)
services-crashed-at = The service control manager logged { $service } crashing at { $times }.
services-crashed-at-more = The service control manager logged { $service } crashing at { $times } and { $more } more times.
services-running-title = { $services } running
services-running =
    { $services } { $count ->
        [one] is
       *[other] are
    } running.
services-running-changes =
    { $services } { $count ->
        [one] is
       *[other] are
    } running; the System log shows { $changes } state change(s) of these services.
services-no-crash-title = No crash of WsusService, W3SVC or WAS in the System log
services-no-crash = No service list among the evidence, so the current states are unknown; the System log has { $changes } state change(s) and no crash of these services.

## server.version
version-no-evidence = no WSUS version (SoftwareDistribution.log) or operating system version (registry CurrentVersion) among the evidence
version-notes = Restart the server after installing the update. When the software update point is remote from the Configuration Manager site server, the WSUS console (WSUS administration tools) on the site server needs the same update.
version-wsus3-no-sync = WSUS 3.0 SP2 is out of support and cannot synchronise from Microsoft Update any more: Microsoft Update requires TLS 1.2, which WSUS 3.0 SP2 does not support (its lifecycle page asked for migration before 31 October 2021), so it receives no new updates.
version-wsus3-unpatched-title = WSUS { $version } lacks KB4039929
version-wsus3-unpatched = WSUS 3.0 SP2 must be 3.2.7600.283 or later (KB4039929); this server reports { $version }.
version-wsus3-unsupported-title = WSUS { $version } is out of support
version-wsus3-unsupported = WSUS { $version } has KB4039929 (3.2.7600.283 or later), but { $no_sync }
version-wsus3-fix = Move to a supported Windows Server with its WSUS role: WSUS 3.0 SP2 cannot synchronise from Microsoft Update any more. Until then, KB4039929 is the minimum for its clients.
version-os = { $product } build { $build }
version-os-ubr = { $product } build { $build }.{ $ubr }
version-installed-title = { $kb } is installed on { $product }
version-installed = { $os }: { $kb }, the update the guide requires, is installed.
version-installed-on = { $os }: { $kb }, the update the guide requires, is installed ({ $date }).
version-unknown-title = Cannot tell whether { $product } has { $kb }
version-unknown = { $os } needs { $kb } or a later monthly rollup. No installed-updates list (Get-HotFix, wmic qfe) is among the evidence, and the build revision (UBR) that includes { $kb } is not published, so wsus-doctor cannot tell.
version-unknown-fix = Check for { $kb } or a later rollup.
version-later-updates-title = Cannot tell whether { $product } has { $kb } or a later rollup
version-later-updates = { $os }: { $kb } is not in the installed-updates list, but updates were installed after September 2017 (newest { $newest } on { $date }); a later monthly rollup includes { $kb }. Check that one of them is a rollup or cumulative update.
version-missing-title = { $product } lacks { $kb }
version-missing = { $os }: neither { $kb } nor any update installed after September 2017 is in the installed-updates list; clients and Configuration Manager cannot connect reliably until it or a later rollup is installed.
version-updates-list-read = the installed-updates list read
version-missing-fix = Install { $kb } or the latest monthly rollup, then restart the server.
version-newer-title = { $os }: the guide names no required update
version-newer = The guide's required updates concern WSUS 3.0 SP2 and Windows Server 2012, 2012 R2 and 2016; { $os } is newer and is not named.
version-wsus-reports = WSUS reports { $version }.
version-wsus-unknown-title = Cannot tell the WSUS version on { $os }
version-wsus-unknown = On Windows Server 2008 / 2008 R2 WSUS 3.0 SP2 must be 3.2.7600.283 or later (KB4039929); no WSUS version is among the evidence (SoftwareDistribution.log).
version-wsus-title = WSUS { $version }
version-os-unknown = WSUS reports version { $version }; without the operating system version (registry CurrentVersion) the required update cannot be named.

## server.app-pool
app-pool-none-title = The WSUS site's ClientWebService application has no application pool
app-pool-none = Site '{ $site }' names no pool for ClientWebService or its root application.
app-pool-undefined-title = The WSUS application pool '{ $pool }' is not defined
app-pool-undefined = The WSUS site '{ $site }' runs ClientWebService in pool '{ $pool }', which applicationHost.config does not define; IIS answers 503 for every request.
app-pool-undefined-fix = Repair the WSUS IIS configuration (it recreates the pool).
app-pool-postinstall-arguments = add CONTENT_DIR=... or SQL_INSTANCE_NAME=... as for this server
app-pool-of-site = the pool of the ClientWebService application of site '{ $site }' ({ $how })
app-pool-recommended-title = Pool '{ $pool }' has the recommended settings
app-pool-recommended = Private memory limit { $private_memory } KB, queue length { $queue_length }, idle time-out { $idle_timeout }, pinging { $pinging }, regular recycle { $recycle }.
app-pool-no-config-settings = no applicationHost.config among the evidence: the pool's memory, queue and recycling settings were not judged
app-pool-no-site = no WSUS site in the applicationHost.config among the evidence, so no WSUS pool (see server.website)
app-pool-no-config = no applicationHost.config among the evidence
app-pool-start = Start the pool '{ $pool }', then remove the cause of its failures (see the WAS events and the private memory limit).
app-pool-rapid-fail-recovered-title = Pool '{ $pool }' was disabled by rapid-fail protection and served again from { $time }
app-pool-rapid-fail-title = Pool '{ $pool }' was disabled by rapid-fail protection
app-pool-stopped-title = Pool '{ $pool }' is stopped
app-pool-appcmd-state = appcmd reports the pool { $state }.
app-pool-appcmd-state-unknown = appcmd reports the pool in an unknown state.
app-pool-rapid-fail-at = WAS disabled it after repeated worker failures (event 5002) at { $times }.
app-pool-recovered = It recovered: the IIS logs show successful answers again from { $time }. Find what made its workers fail before it happens again.
app-pool-stopped-503 = While it is stopped HTTP.sys answers every WSUS request with 503 (AppOffline in HTTPERR).
app-pool-no-auto-start-title = Pool '{ $pool }' does not start automatically
app-pool-no-auto-start = autoStart is false ({ $source }); after an IIS restart the pool stays stopped until a request or an administrator starts it.
app-pool-no-auto-start-fix = Let the pool start with IIS.
app-pool-source-pool = set on the pool
app-pool-source-defaults = inherited from applicationPoolDefaults
app-pool-source-iis-default = IIS default (not set in applicationHost.config)
app-pool-memory-recycle-at = WAS 5117: private-memory recycle at { $time }
app-pool-burst-503 = { $count } × 503, { $range }
app-pool-worker-failure-at = WAS { $id }: worker process failure at { $time }
app-pool-iis-500 = { $count } × 500.{ $substatus } in the IIS logs
app-pool-32bit-not-failing = No 500 in the IIS logs and no worker process crash among the evidence shows it failing yet.
app-pool-32bit-failing = The evidence shows it failing: 500s in the IIS logs or worker process crashes of this pool.
app-pool-32bit-title = Pool '{ $pool }' runs 32-bit worker processes (enable32BitAppOnWin64 is true)
app-pool-32bit = '{ $pool }' starts its worker processes as 32-bit code; WSUS's IIS modules (the suscomp.dll compression module among them) are 64-bit only, so the worker cannot load them (500.19) and WSUS requests fail.
app-pool-32bit-explanation = WSUS setup creates its pool as a 64-bit pool. Value source: { $source }. That a Microsoft page states the 64-bit requirement for WsusPool, or that suscomp.dll exists only as 64-bit, is UNCONFIRMED.
app-pool-32bit-fix = Run the pool as 64-bit again, then recycle it.
app-pool-no-managed-code = No Managed Code
app-pool-clr-title = Pool '{ $pool }' runs .NET CLR '{ $clr }', not v4.0
app-pool-clr = WSUS on Windows Server 2012 and later is ASP.NET 4 code; in a pool with managedRuntimeVersion '{ $clr }' its web services do not load and clients get errors instead of answers.
app-pool-clr-explanation = WSUS setup creates its pool with .NET CLR version v4.0. Value source: { $source }. That a Microsoft page states v4.0 as the required value for WsusPool is UNCONFIRMED.
app-pool-clr-fix = Set the pool's .NET CLR version back to v4.0, then recycle it.
app-pool-memory-not-shown = No 503 burst in the IIS logs and no WAS 5117 event among the evidence shows it happening yet; collect them (KB4025764 ties raising the limit to 503s).
app-pool-memory-shown = The evidence shows it: 503 bursts in the IIS logs or WAS 5117 private-memory recycles.
app-pool-memory-title = Pool '{ $pool }' private memory limit is { $kb } KB
app-pool-memory = The private memory limit of '{ $pool }' is { $kb } KB ({ $gb } GB). Under load the pool recycles whenever it reaches it (WAS event 5117), and clients get 503 while it restarts.
app-pool-memory-setup-default = The private memory limit of '{ $pool }' is { $kb } KB ({ $gb } GB), the value WSUS setup leaves: the classic cause of WSUS 503s. Under load the pool recycles whenever it reaches it (WAS event 5117), and clients get 503 while it restarts.
app-pool-memory-explanation = KB4025764 (Troubleshoot WSUS connection failures) says to raise the private memory limit to 4-8 GB or more when 503s occur. KB4490414 (WSUS best practices) recommends 0, which means no limit. WSUS setup sets { $setup_kb } KB. Value source: { $source }.
app-pool-memory-fix = Remove the limit (KB4490414), or raise it to at least 4-8 GB (KB4025764), then recycle the pool.
app-pool-memory-no-limit = KB4490414: 0 = no limit
app-pool-same-in-powershell = the same in PowerShell
app-pool-memory-guide-limit = or, per KB4025764, a limit of 8 GB ({ $kb } KB)
app-pool-apply-now = apply the new limit now
app-pool-virtual-memory-title = Pool '{ $pool }' virtual memory limit is { $kb } KB
app-pool-virtual-memory = The pool recycles when its virtual memory reaches this limit (WAS event 5077); KB4490414 recommends 0 (no limit).
app-pool-virtual-memory-fix = Remove the virtual memory limit (KB4490414).
app-pool-queue-title = Pool '{ $pool }' queue length is { $length }
app-pool-queue = When more than { $length } requests wait, HTTP.sys answers 503 (QueueFull in HTTPERR). KB4490414 recommends { $recommended } for the WSUS pool.
app-pool-queue-fix = Raise the queue length to { $recommended } (KB4490414).
app-pool-idle-title = Pool '{ $pool }' idle time-out is { $timeout }
app-pool-idle = The pool shuts down when idle (WAS event 5186) and the next scan waits for it to start and rebuild its cache. KB4490414 recommends 0 (never).
app-pool-idle-fix = Turn the idle time-out off (KB4490414).
app-pool-pinging-title = Pool '{ $pool }' health pinging is on
app-pool-pinging = A WSUS worker busy building its metadata cache can miss pings and be killed (WAS event 5010). KB4490414 recommends turning pinging off.
app-pool-pinging-fix = Turn pinging off (KB4490414).
app-pool-periodic-title = Pool '{ $pool }' recycles every { $interval }
app-pool-periodic = Each regular recycle (WAS event 5074) drops the WSUS cache and in-flight scans. KB4490414 recommends a regular time interval of 0.
app-pool-periodic-fix = Turn the regular recycle off (KB4490414).
app-pool-rapid-fail-off-title = Pool '{ $pool }' rapid-fail protection is off
app-pool-rapid-fail-off = A crashing pool is restarted indefinitely instead of being stopped; look for WAS 5009/5011 events.

## server.events
events-no-evidence = no System or Application event log (.evtx or event XML) among the evidence
events-title = { $provider } event { $id }, { $count } time(s)
events-title-subject = { $provider } event { $id } for { $subject }, { $count } time(s)
events-at = { $summary } At { $times }.
events-at-more = { $summary } At { $times } and { $more } more.
events-meaning-unconfirmed = { $meaning } (The meaning of this id is widely reported but not confirmed by a Microsoft page.)
events-burst-correlation-title = WSUS pool failures coincide with the IIS 503 bursts
events-burst-part = 503 burst { $range } ({ $count } responses): { $events }
events-burst-event = { $provider } { $id } at { $time }
events-burst-example = a 503 of the burst
events-burst-correlation = { $bursts }. The pool was recycling or down when clients got 503: the application pool is the cause, not the network.
events-healthy-title = No WAS, service or WSUS health failures in the event logs
events-healthy = { $files } event log file(s), { $records } records: no rapid-fail, crash, memory recycle or WSUS health failure; { $informational } informational event(s) of WSUS, its pool and services.
events-file = { $records } records, channels { $channels }

## server.httperr
httperr-no-evidence = no HTTPERR logs among the evidence
httperr-503-title = HTTP.sys refused requests with 503 before IIS saw them
httperr-503-fix = Start { $pool } if it is stopped, stop its crashes by raising its private memory limit (KB4025764), and raise its queue length to { $queue_length } (KB4490414).
httperr-conn-limit-title = The site's connection limit refused requests with 503 (ConnLimit)
httperr-internal-title = HTTP.sys refused requests with 503 for an internal error (N/A)
httperr-abandoned-title = The application pool abandoned queued requests
httperr-abandoned-fix = The worker process died or recycled with requests queued: look for WAS events (5002, 5009, 5011, 5117) at these times and raise the { $pool } private memory limit so it stops recycling under load.
httperr-slow-title = Clients too slow to receive answers
httperr-slow-fix = Slow links (VPN, WAN) download content below HTTP.sys's minimum rate; consider Delivery Optimization, BranchCache or a downstream server near those clients.
httperr-other-title = Other requests HTTP.sys rejected
httperr-healthy-title = HTTP.sys refused no WSUS request
httperr-healthy = { $records } HTTPERR records, none of them a 503 refusal, abandoned request or slow client: { $reasons }.
httperr-healthy-span = { $records } HTTPERR records ({ $span }), none of them a 503 refusal, abandoned request or slow client: { $reasons }.
httperr-idle-is-normal = Timer_ConnectionIdle records are HTTP.sys closing idle keep-alive connections after two minutes: normal housekeeping, not a fault.
httperr-other-app-queue = { $reason } × { $count } (queue { $queue })
httperr-other-app-port = { $reason } × { $count } (port { $port })
httperr-other-app-ports = { $reason } × { $count } (ports { $ports })
httperr-other-app-unrouted = { $reason } × { $count } (no queue or port)
httperr-other-apps-title = HTTP.sys also rejected requests of other applications on this server
httperr-other-apps = { $count } records belong to other request queues or ports than WSUS's (pool { $pool }, ports { $ports }): { $parts }.
httperr-other-apps-explanation = A WSUS server often hosts other HTTP.sys listeners: a Configuration Manager management point or distribution point, WinRM (5985/5986), Web Services on Devices (5357). Their rejections are not WSUS symptoms; they show only that those applications had trouble at these times.
httperr-reason = { $reason } × { $count } [{ $episodes }]
httperr-reason-queue = { $reason } on { $queue } × { $count } [{ $episodes }]
httperr-records = { $count } records (UTC): { $parts }.

## server.iis-log
iis-log-no-evidence = no IIS logs among the evidence
iis-log-burst = { $range }: { $count } × 503, peak { $peak }/min
iis-log-burst-mostly = { $range }: { $count } × 503, peak { $peak }/min, mostly { $endpoint } ({ $endpoint_count })
iis-log-503-title =
    WsusPool answered 503 Service Unavailable in { $bursts } { $bursts ->
        [one] burst
       *[other] bursts
    }
iis-log-503 =
    { $count } requests were answered 503 in { $bursts } { $bursts ->
        [one] burst
       *[other] bursts
    }: { $list }. Most affected clients: { $clients }.
iis-log-503-more =
    { $count } requests were answered 503 in { $bursts } { $bursts ->
        [one] burst
       *[other] bursts
    }: { $list }; and { $more } more. Most affected clients: { $clients }.
iis-log-503-explanation = { $meaning } While WsusPool is out of memory, recycling or stopped, IIS answers 503 and the clients' scans fail (0x80244022) or time out (0x80072EE2).
iis-log-503-fix = Raise the { $pool } private memory limit (KB4025764: 4-8 GB, more for large environments), then recycle the pool. Check the System log for WAS events at the burst times to confirm recycles or rapid-fail.
iis-log-burst-first = first 503 of the burst { $range } ({ $count } × 503)
iis-log-burst-first-server = first 503 of the burst { $range } ({ $count } × 503, server { $server })
iis-log-401-client = { $ip } ({ $count } from { $time })
iis-log-401-title =
    { $clients } { $clients ->
        [one] client
       *[other] clients
    } got 401 Unauthorized without a later success
iis-log-401 = { $unresolved } of { $total } 401 answers were not followed by a success for the same client (the same minute or later): { $clients }.
iis-log-401-fix = Check that the WSUS client virtual directories (ClientWebService, SimpleAuthWebService, selfupdate, Content) allow anonymous access and that the WSUS pool identity can read the content folder or share (401.3).
iis-log-401-unresolved = { $ip }: { $count } × 401 ({ $range }), no success after
iis-log-403-ssl-fix = Content, Selfupdate, ReportingWebService and Inventory must not require SSL; the web services require it only when WSUS uses SSL, and then clients must use https:// on port 8531.
iis-log-403-client-certificate-fix = Set client certificates to Ignore on the WSUS site and its virtual directories: WSUS does not use client certificates.
iis-log-403-ip-restriction-fix = Remove the IP address or dynamic IP restriction that blocks WSUS clients.
iis-log-403-fix = Check the SSL settings and certificate of the WSUS site and the IIS configuration of its virtual directories.
iis-log-403-browsers = ({ $count } further 403s went to browsers, which is expected.)
iis-log-403-title = 403.{ $substatus } Forbidden answered to Windows Update clients
iis-log-403 = { $count } requests from Windows Update clients (agent, BITS, Delivery Optimization) were answered 403.{ $substatus } ({ $range }), mostly on { $family }; clients: { $clients }.
iis-log-404-vdir-title = 404 Not Found on the WSUS virtual directory { $vdir }
iis-log-404-vdir = { $count } requests to /{ $vdir } were answered 404 ({ $range }); clients: { $clients }.
iis-log-404-vdir-port = { $count } requests to /{ $vdir } on port { $port } were answered 404 ({ $range }); clients: { $clients }.
iis-log-404-vdir-fix = Check that the { $vdir } virtual directory exists under the WSUS site and points to the WSUS WebServices folder, and that clients use the WSUS site's port (8530/8531).
iis-log-other-site-title = Clients asked port { $port } for WSUS, but the WSUS site listens on { $served }
iis-log-other-site =
    { $count } requests to { $paths } on port { $port } were answered 404 ({ $range }); clients: { $clients }. The WSUS site serves { $served_count ->
        [one] port
       *[other] ports
    } { $served }: these requests reached another site, which has no WSUS directories.
iis-log-other-site-explanation = A client whose policy URL has no port (http://<server>) or the wrong one connects to port { $port }, usually the Default Web Site, which answers 404 for WSUS paths. The WSUS virtual directories are not missing; running wsusutil postinstall would not help. The clients' WUServer and WUStatusServer must name the WSUS port.
iis-log-other-site-fix = Give the clients' policy URL the WSUS port ({ $served }): correct the Group Policy '{ $policy }' (both boxes), then refresh policy on the clients and scan.
iis-log-mime-unmapped = applicationHost.config confirms it: neither the server level nor the site's <location> sections map { $unmapped } (server.website).
iis-log-mime-mapped = applicationHost.config maps { $mapped } now: the refusals predate the change, or a web.config below the site removes the mapping.
iis-log-mime-partly-mapped = applicationHost.config maps { $mapped } but not { $unmapped } (server.website).
iis-log-404-mime-title = 404.3: IIS has no MIME type for { $extensions } on the WSUS site
iis-log-404-too-large-title = 404.13: request filtering refused requests larger than maxAllowedContentLength
iis-log-404-refused = { $count } requests were answered 404.{ $substatus } ({ $range }); clients: { $clients }. This is not a missing file or directory: the site's configuration refused them.
iis-log-404-content-title = 404 Not Found on update content files
iis-log-404-content = { $count } requests for /Content files were answered 404 ({ $range }); clients: { $clients }.
iis-log-404-content-fix = Let WSUS finish downloading approved updates (or re-download them), and check the content folder's location and permissions.
iis-log-wsusutil-reset = re-verifies the content files and downloads missing ones
iis-log-trailing-slash-title = Clients request //paths: their WSUS policy URL ends with a slash
iis-log-trailing-slash = { $count } requests started with a double slash (such as //selfupdate or //ClientWebService); clients: { $clients }.
iis-log-trailing-slash-explanation = The client builds each request URL by appending /ClientWebService, /selfupdate... to the WUServer policy value; a policy value ending in '/' produces '//' paths, which fail.
iis-log-trailing-slash-fix = Remove the trailing slash from 'Specify intranet Microsoft update service location' (WUServer and WUStatusServer), e.g. http://wsus.contoso.com:8530, then run gpupdate /force on the clients.
iis-log-500-config-fix = Repair the configuration IIS cannot read: the WSUS web.config files or applicationHost.config (often after manual edits).
iis-log-500-impersonation-fix = Disable ASP.NET Impersonation on the WSUS site and its virtual directories.
iis-log-500-recycling-fix = WsusPool was recycling or overloaded: follow the WsusPool memory advice for 503s.
iis-log-500-fix = Look at the Application event log for ASP.NET and WSUS errors at these times.
iis-log-500-title = 500.{ $substatus } Internal Server Error from the WSUS site
iis-log-500 = { $count } requests were answered 500.{ $substatus } ({ $range }), mostly on { $family }; clients: { $clients }.
iis-log-dropped-title = Connections dropped or timed out before IIS finished answering
iis-log-dropped = { $count } requests ended with a dropped or timed-out connection: { $codes }.
iis-log-dropped-fix = When these come with long time-taken values or 503 bursts, the server is too slow: follow the WsusPool advice. Otherwise look for a proxy, load balancer or firewall closing idle connections between clients and WSUS.
iis-log-503-elsewhere-title = Requests outside the WSUS endpoints were answered 503
iis-log-503-elsewhere = { $count } of { $requests } requests to other paths than WSUS's virtual directories were answered 503 Service Unavailable; they do not count as WSUS 503 bursts.
iis-log-503-elsewhere-explanation = WSUS servers often host other applications in IIS, such as a Configuration Manager management point (/SMS_MP, /CCM_System) or distribution point, each in its own application pool. A 503 there means that pool is stopped or overloaded; look at that application, not at WsusPool.
iis-log-unknown-times = unknown times
iis-log-healthy = { $requests } requests from { $clients } clients ({ $span }); statuses { $statuses }.
iis-log-healthy-p95 = ClientWebService time-taken p95 ≈ { $milliseconds } ms.
iis-log-healthy-browsers = { $count } 403s went to browsers, which is expected.
iis-log-healthy-title = The WSUS site's IIS logs show no errors
iis-log-healthy-explanation = No 503 bursts, no 401 without a later success, no 403 to the Windows Update Agent, no 404 on WSUS virtual directories or content, no 500s and no dropped connections.
iis-log-fare-failing = { $count } asked WSUS and got mostly errors ({ $names })
iis-log-fare-some-errors = { $count } asked WSUS, with some error answers ({ $names })
iis-log-fare-served = { $count } asked WSUS and were served ({ $names })
iis-log-fare-other-applications = { $count } asked only other applications of the server, never WSUS ({ $names })
iis-log-fare-absent = { $count } never appear in the logs ({ $names })
iis-log-fare-no-address = { $count } have no address in their evidence (ipconfig /all) to look up ({ $names })
iis-log-names-more = { $names } and { $more } more
iis-log-given-clients-title = { $asked } of the { $count } clients given asked WSUS in these IIS logs
iis-log-given-clients = Of the clients given: { $groups }.
iis-log-given-clients-explanation = Each client given beside the server is looked up in the server's IIS logs by the addresses its ipconfig /all shows. The clients' own checks (client.reaches-server) say what follows for each.
iis-log-given-client-request = a request of one of the clients given
