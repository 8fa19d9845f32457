scan-status-iis-from-all = The server's IIS log shows requests from { $seen } of them ({ $answered } answered 503).
scan-status-iis-from-some = The server's IIS log shows requests from { $seen } of them ({ $answered } answered 503); none from { $unseen }.

## client.proxy

proxy-skipped = no WinHTTP proxy settings (netsh winhttp show proxy output or the WinHttpSettings value) among the evidence
proxy-user-fallback = SetProxyBehaviorForUpdateDetection is 1: when the WinHTTP proxy fails, the agent may fall back to the user's proxy.
proxy-no-user-fallback = SetProxyBehaviorForUpdateDetection is not 1: the agent does not fall back to the user's proxy for intranet detection.
proxy-direct-title = WinHTTP connects directly
proxy-direct-summary = No WinHTTP proxy is set: the agent connects to WSUS directly.
proxy-set-title = WinHTTP proxy { $server } is set
proxy-set-summary = A WinHTTP proxy is set; the evidence does not name the WSUS server, so whether it is bypassed cannot be checked.
proxy-set-explanation = The agent sends intranet requests through the WinHTTP proxy unless the bypass list matches the WSUS host (WU-PROXY).
proxy-bypassed-title = The WinHTTP proxy bypasses { $host }
proxy-bypassed-summary = WinHTTP proxy { $server } is set and its bypass list covers the WSUS host { $host }.
proxy-no-bypass-title = The WinHTTP proxy { $server } does not bypass the WSUS host { $host }
proxy-no-bypass-summary = Requests to { $host } go through { $server }: if that proxy cannot reach the WSUS server or asks for authentication, scans time out (0x80072EE2) or fail with 0x8024401B (HTTP 407).
proxy-no-bypass-explanation = The Windows Update agent sends intranet (WSUS) detection through the WinHTTP proxy, not the browser's (WU-PROXY).
proxy-no-bypass-remedy = Add the WSUS host to the WinHTTP bypass list by its short name and its FQDN (WinHTTP compares the name as the URL gives it), or remove the WinHTTP proxy when the client does not need one (elevated prompt on the client).
proxy-reset-comment = only when no proxy is needed at all

## client.reaches-server

reaches-skipped-no-client = no client address (ipconfig /all output or --client-ip) among the evidence
reaches-skipped-no-iis-log = no IIS logs of the WSUS server among the evidence
reaches-seen-title = Client { $ip } reaches the WSUS server
reaches-seen-errors-title = Client { $ip } reaches the WSUS server but most answers are server errors
reaches-seen-summary = { $count } request(s) from { $first } to { $last }; statuses: { $statuses }.
reaches-seen-explanation = The client's address is in the WSUS site's IIS logs, so it is pointed at this server and the network lets it through; remaining failures are in the answers (see server.iis-log and client.wu-log).
reaches-one-request = one of its requests
reaches-no-overlap-title = The IIS logs and the client's logs cover different times
reaches-no-overlap-summary = IIS logs: { $iis_first } – { $iis_last }; client activity: { $client_first } – { $client_last }. That the client is absent from the IIS logs proves nothing.
reaches-no-overlap-remedy = Collect the IIS logs of the days the client failed (C:\inetpub\logs\LogFiles\W3SVC<site id> on the WSUS server).
reaches-absent-title = Client { $ips } never appears in the IIS logs
reaches-absent-summary = No request from { $ips } in the WSUS server's IIS logs.
reaches-absent-summary-span = No request from { $ips } in the WSUS server's IIS logs ({ $first } – { $last }).
reaches-elsewhere-title = Client { $ips } never asked WSUS, though the server logged its other requests
reaches-elsewhere-summary = No request from { $ips } to WSUS's virtual directories in the IIS logs; { $count } request(s) from { $ip } to other applications of the server from { $first } to { $last } ({ $statuses }). The client reaches this machine, but not WSUS.
reaches-elsewhere-summary-span = No request from { $ips } to WSUS's virtual directories in the IIS logs ({ $from } – { $to }); { $count } request(s) from { $ip } to other applications of the server from { $first } to { $last } ({ $statuses }). The client reaches this machine, but not WSUS.
reaches-one-request-elsewhere = one of its requests to another application
reaches-absent-explanation = The guide: the client may not be pointed at this WSUS server, the network may block it, or HTTP.sys may have rejected the request before IIS logged it. The three checks that follow say what the evidence shows for each.
reaches-no-httperr-title = HTTPERR logs are not among the evidence
reaches-no-httperr-summary = Requests rejected by HTTP.sys before IIS (queue full, pool down, bad request) are only in the HTTPERR logs.
reaches-no-httperr-remedy = Collect C:\Windows\System32\LogFiles\HTTPERR\httperr*.log from the WSUS server and run the analysis again.
reaches-httperr-title = HTTP.sys rejected the requests of { $ip } before IIS logged them
reaches-httperr-summary = { $count } HTTPERR record(s) from { $first } to { $last }: { $reasons }.
reaches-httperr-explanation = The client reaches the server, but HTTP.sys drops its requests; the reasons say why (see server.httperr).
reaches-httperr-none-title = HTTPERR has no record of the client either
reaches-httperr-none-summary = Neither IIS nor HTTP.sys logged the client: its requests do not reach this server (wrong server in the policy, DNS, firewall or proxy).
reaches-no-policy-title = The client's WUServer policy is not among the evidence
reaches-no-policy-summary = Check HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate on the client: WUServer and WUStatusServer must hold the WSUS server's correct FQDN.
reaches-no-policy-remedy = Export the policy key on the client and add it to the evidence.
reaches-policy-title = The client's policy points to { $url }
reaches-policy-summary = WUServer is { $url }: confirm that this is the server whose IIS logs were given and that the name resolves to it from the client.
reaches-policy-problems-summary = WUServer is { $url }: { $problems }.
reaches-policy-remedy = Correct '{ $gpo }' (see client.policy).
reaches-configmgr-title = ConfigMgr assigned { $url }
reaches-configmgr-summary = LocationServices.log: WSUS Path='{ $url }', Server='{ $server }'. Confirm this is the server whose IIS logs were given.
reaches-no-configmgr-title = No ConfigMgr client logs among the evidence
reaches-no-configmgr-summary = On a Configuration Manager client, LocationServices.log shows the WSUS server the client was given; add it when the client is managed by ConfigMgr.
reaches-no-configmgr-remedy = Collect C:\Windows\CCM\Logs\LocationServices.log (and WUAHandler.log) from the client.
reaches-no-location-title = LocationServices.log shows no WSUS location
reaches-no-location-summary = No 'WSUS Path=' entry was logged; a Software Updates Scan Cycle must be forced so that it is.

## client.policy

policy-gpo-path = Computer Configuration > Administrative Templates > Windows Components > Windows Update > Specify intranet Microsoft update service location

## client.configmgr

configmgr-force-scan = Force a Software Updates Scan Cycle on the client (Configuration Manager control panel > Actions > Software Updates Scan Cycle, or the command below), then read LocationServices.log again for the 'WSUS Path=' line.
configmgr-force-scan-comment = run elevated on the client; the schedule id is the Software Updates Scan Cycle
configmgr-at = at { $time }
configmgr-skipped = no Configuration Manager client logs among the evidence
configmgr-no-location-title = LocationServices.log holds no WSUS location
configmgr-no-location-why = LocationServices.log was read but has no 'WSUS Path=' line: the client has not asked for its software update point since the log rolled over, or the management point returned no location (a failed SUP synchronisation or a content version mismatch, KB3090184).
configmgr-no-location-log-title = LocationServices.log is not among the evidence
configmgr-no-location-log-why = The ConfigMgr logs read do not include LocationServices.log, which records the WSUS location the management point gave the client; the guide asks to check it.
configmgr-no-path-line = no 'WSUS Path=' line
configmgr-no-location-summary = The WSUS server ConfigMgr assigned to this client cannot be confirmed from the evidence.
configmgr-no-location-guide = The guide: it may be necessary to force a Software Updates Scan Cycle so that the entry is logged (KB4025764).
configmgr-malformed-title = The software update point's URL '{ $url }' is malformed
configmgr-malformed-summary = The location ConfigMgr handed out: { $problem }.
configmgr-malformed-explanation = ConfigMgr writes this URL into the WUServer policy; fix the software update point's site system name or port in the console.
configmgr-policy-differs-title = The WUServer policy differs from the software update point ConfigMgr assigned
configmgr-policy-differs-summary = ConfigMgr assigned { $assigned } but WUServer is { $policy }: the agent scans the policy's server.
configmgr-policy-differs-explanation = The ConfigMgr client writes the software update point into the local policy; a domain Group Policy 'Specify intranet Microsoft update service location' overrides it and the client then scans a server ConfigMgr does not know, so its scans fail or report nothing (CM-COMPLIANCE, KB3090184).
configmgr-policy-differs-remedy = Remove the domain GPO setting '{ $gpo }' from ConfigMgr clients (or make it name the software update point), then refresh policy and force a scan cycle.
configmgr-log-differs-title = WindowsUpdate.log used another server than ConfigMgr assigned
configmgr-log-differs-summary = ConfigMgr assigned { $assigned }; the agent last logged WSUS server { $used }.
configmgr-log-differs-explanation = The agent uses what the policy says at the time of the scan; a different server means the policy was overwritten (Group Policy) or the evidence is from different moments.
configmgr-another-server = another server
configmgr-group-policy = Group Policy
configmgr-gpo-override-title = Group Policy overrides the software update point
configmgr-gpo-override-summary = WUAHandler: the Windows Update policy was overwritten by a higher authority ({ $authority }) to server { $server }.
configmgr-gpo-override-explanation = A domain GPO setting 'Specify intranet Microsoft update service location' wins over the ConfigMgr client's local policy; when it names another server, ConfigMgr scans fail or report against the wrong server (CM-COMPLIANCE, KB3090184).
configmgr-gpo-override-remedy = Remove '{ $gpo }' from the GPOs that apply to ConfigMgr clients, or make it name the software update point; then refresh policy.
configmgr-gpresult-comment = shows which GPO sets the Windows Update policy
configmgr-scan-errors-title = Software update scans fail with { $code }
configmgr-scan-errors-summary = { $count } scan failure(s) logged by { $component }.
configmgr-scan-errors-summary-first = { $count } scan failure(s) logged by { $component }, first at { $time }.
configmgr-scan-errors-see-log = See WindowsUpdate.log for the failing request (client.wu-log).
configmgr-last = last
configmgr-managed-differs-title = WUAHandler set another server than LocationServices received
configmgr-managed-differs-summary = WUAHandler: managed server { $managed }; LocationServices: { $location }.
configmgr-managed-differs-explanation = The two logs should name the same software update point; a difference means the assignment changed between the entries or an older server stayed in the policy.
configmgr-pass-title = ConfigMgr assigned { $url }
configmgr-pass-summary = The software update point { $url } agrees with the policy and WindowsUpdate.log where they are in the evidence; no scan errors in the ConfigMgr logs.
configmgr-corrupt-policy-title = The local Group Policy file Registry.pol is corrupt: WUAHandler cannot add the WSUS update source
configmgr-corrupt-policy-summary = WUAHandler could not read the local Group Policy object or add its update source ({ $count } line(s) with 0x80004005), so the client has no WSUS server to scan against; { $file } cannot be parsed.
configmgr-corrupt-policy-summary-first = WUAHandler could not read the local Group Policy object or add its update source ({ $count } line(s) with 0x80004005, first at { $time }), so the client has no WSUS server to scan against; { $file } cannot be parsed.
configmgr-corrupt-policy-explanation = The Configuration Manager client writes the software update point into the machine's local policy through the local Group Policy object; when that object's registry file is damaged every attempt fails with E_FAIL (0x80004005) and software update scans fail. Setting the file aside lets Group Policy write a new one. That 0x80004005 in these WUAHandler messages means a corrupt Registry.pol is UNCONFIRMED by a Microsoft page (field reports give it).
configmgr-conflict-title = Group policy conflict (0x87D00692): a domain GPO sets the WSUS server on a Configuration Manager client
configmgr-conflict-summary = { $component } logged 0x87D00692 { $count } time(s): Group Policy's 'Specify intranet Microsoft update service location' overrides the software update point ConfigMgr manages.
configmgr-conflict-summary-first = { $component } logged 0x87D00692 { $count } time(s), first at { $time }: Group Policy's 'Specify intranet Microsoft update service location' overrides the software update point ConfigMgr manages.
configmgr-conflict-remedy = Remove '{ $gpo }' from the GPOs that apply to ConfigMgr clients (or make it name the software update point), refresh policy, then start a Software Updates Scan Cycle.

## client.scan-status

scan-status-list = { $list }{ $separator }{ $item }
scan-status-names-and-more = { $names } and { $more } more
scan-status-first-of = first of { $count } machine(s)
scan-status-skipped = no Configuration Manager scan status export (v_UpdateScanStatus) among the evidence
scan-status-healthy-title = { $count } of { $total } machine(s) last scanned without error
scan-status-healthy-summary = LastErrorCode 0 and a completed scan: { $machines }.
scan-status-healthy-explanation = The site's last record of these clients is a successful scan against their software update point.
scan-status-unknown-code = A code the HRESULT table does not list.
scan-status-code-meaning = { $code } { $meaning }
scan-status-most-fleet = Most of the fleet fails alike: look at what the clients share, the WSUS server and the way to it, before the clients.
scan-status-relieve-pool = Time-outs and 503s across clients point to the WSUS application pool: raise { $pool }'s Private Memory Limit (the guide: from 4 GB to 8 GB or more) and run the WSUS maintenance (decline superseded updates, re-index the database); confirm with 503s in the server's IIS log (server.iis-log).
scan-status-read-log = Read WindowsUpdate.log of one of these clients around its last scan for the failing request (wsus-doctor explain { $code }).
scan-status-scan-cycle-comment = then on each listed client: a Software Updates Scan Cycle reports a fresh scan to the site
scan-status-error-title = { $count } machine(s) last scanned with { $code }
scan-status-error-summary = { $meaning } Family: { $family }. Machines: { $machines }.
scan-status-iis-request = a request from { $machine } ({ $ip }) in the server's IIS log
scan-status-no-state = { $machine } (no state)
scan-status-unfinished-title = { $count } machine(s) have no completed scan on record
scan-status-unfinished-summary = No error, but no completed scan either: { $machines }.
scan-status-unfinished-explanation = The site has no result of their last scan: it is running, waiting, pending a retry, or the client never reported one. The LastScanState names are those of topic type 501 in v_StateNames (UNCONFIRMED: no Microsoft page lists the numbers).
scan-status-stale-title = { $count } machine(s) not scanned since more than { $days } days before the newest scan
scan-status-stale-summary = The newest scan in the export is { $newest }; these machines' last scans are older: { $machines }.
scan-status-stale-explanation = A client that has not reported a scan for days is switched off, has a broken ConfigMgr client, or fails before it can report; its error code in the export is as old as its scan.
scan-status-oldest-scan = the oldest last scan
scan-status-stale-remedy = Check that these clients are on and their ConfigMgr client healthy, then run a Software Updates Scan Cycle on them.
scan-status-each-client = on each listed client
scan-status-one-location-title = All { $count } machine(s) with a location scan against { $location }
scan-status-one-location-summary = LastScanPackageLocation is { $location } for every machine that has one.
scan-status-one-location-explanation = The clients scan against one software update point.
scan-status-location-machines = { $location }: { $machines }
scan-status-locations-title = Machines scan against { $count } different WSUS locations
scan-status-locations-summary = { $count } machine(s) scan against { $location }; the others: { $others }.
scan-status-locations-explanation = LastScanPackageLocation is the WSUS server the client last scanned against. With one software update point every client should name it; another location means a Group Policy overriding the one ConfigMgr writes (client.configmgr), a client of another site, or a software update point that was moved.
scan-status-first-of-location = first of { $count } machine(s) scanning against { $location }
scan-status-locations-remedy = On a client of a minority location, read WUAHandler.log for 'Group policy settings were overwritten by a higher authority' and gpresult for the WSUS location policy; remove the GPO's location or make it name the software update point, then run a Software Updates Scan Cycle.
scan-status-gpresult-comment = on a listed client: shows which GPO sets the Windows Update policy

## client.wu-log

wu-log-unnamed-server = an unnamed server
wu-log-episode-title = { $code } reaching { $server }
wu-log-episode-summary-at = { $count } failed attempt(s) at { $time } ({ $codes }); operations: { $operations }.
wu-log-episode-summary-range = { $count } failed attempt(s) from { $first } to { $last } ({ $codes }); operations: { $operations }.
wu-log-episode-url = URL: { $url }.
wu-log-microsoft-update = This is Microsoft's update service, not WSUS.
wu-log-soap-fault = SOAP fault ErrorCode: { $codes }.
wu-log-double-slash = The path starts with '//': the server URL in the policy ends with a slash (see client.policy).
wu-log-compare-503 = Compare with server.iis-log and server.app-pool for the same minutes: 503s there confirm an overloaded WsusPool; no request from this client there points to the network or the client's server name (client.reaches-server).
wu-log-relieve-pool = When the server's IIS logs show 503s at these minutes, relieve the WSUS application pool: raise { $pool }'s Private Memory Limit (the guide: from 4 GB to 8 GB or more) and run the WSUS maintenance (decline superseded updates, re-index the database), then start a scan on the client. When they show no request from this client, check the path to the server first (client.reaches-server).
wu-log-start-scan-comment = on a Windows 10+ client afterwards
wu-log-find-meaning = Find what { $code } means for this request in the lines around the first attempt (wsus-doctor explain { $code }).
wu-log-first-attempt = first failed attempt
wu-log-zone-read-at = client times of unknown zone were read at { $offset }
wu-log-zone-assumed-utc = client times of unknown zone were assumed to be UTC
wu-log-pairing-title = Client time-outs fall inside the server's 503 bursts
wu-log-pairing-summary = { $count } client error episode(s) overlap 503 bursts in the WSUS IIS logs.
wu-log-pairing-summary-assumed = { $count } client error episode(s) overlap 503 bursts in the WSUS IIS logs ({ $offset }).
wu-log-pairing-explanation = The guide: a 503 in IIS may come with an error ending in 2ee2 (0x80072EE2) in the client's WindowsUpdate.log. The same minutes on both sides confirm the client fails because WsusPool is overloaded, not because of the client or the network.
wu-log-client-episode = client episode { $range }
wu-log-burst = { $count } 503s, { $range }
wu-log-at = at { $time }
wu-log-null-title = The agent's WSUS server changed from { $url } to (null)
wu-log-null-summary = At { $time } the agent dropped its intranet server: from then on it scans Microsoft Update, not WSUS.
wu-log-null-explanation = The policy values WUServer/UseWUServer were removed or overwritten (a Group Policy refresh, a ConfigMgr client policy change or a script). Compare with client.policy and client.configmgr.
wu-log-other-server-title = The agent used another server than the policy names
wu-log-other-server-summary = WindowsUpdate.log last shows WSUS server { $used } while WUServer is { $policy }.
wu-log-other-server-explanation = The agent reads the policy when its service starts and when policy changes; a difference means the registry evidence and the log are from different moments, or another policy source (a domain GPO, ConfigMgr) rewrote the value.
wu-log-skipped = no WindowsUpdate.log among the evidence
wu-log-earlier-title = { $count } earlier error episodes
wu-log-earlier-summary = { $attempts } failed attempts in { $count } earlier episodes are not listed one by one (the latest { $shown } are).
wu-log-times = Times: { $notes }.
wu-log-no-scan = no successful scan is logged
wu-log-no-scan-first = No successful scan is logged
wu-log-last-scan = the last successful scan ended at { $time }
wu-log-last-scan-first = The last successful scan ended at { $time }
wu-log-files-read = { $count } log file(s) read
wu-log-no-errors = no connection error
wu-log-server-used = WSUS server used: { $url }
wu-log-errors-in-episodes = { $errors } connection error(s) in { $episodes } episode(s)
wu-log-clauses = { $first }; { $next }
wu-log-clauses-end = { $clauses }.
wu-log-pass-title = No connection errors in WindowsUpdate.log
wu-log-history-title = Scan history and log times
wu-log-last-scan-note = last successful scan
