## server.database

database-skipped-no-evidence = no SqlServerName (WSUS Setup registry key) or SoftwareDistribution.log among the evidence
database-log-clean-title = No SqlException in SoftwareDistribution.log
database-log-clean-summary = { $logs } has no SqlException record: WSUS reached its database whenever it logged. SqlServerName (which database) is not among the evidence.
database-log-read-whole = read whole: no SqlException
database-log-has-no-exception = SoftwareDistribution.log has no SqlException record.
database-susdb-on = SUSDB is on { $place }
database-place-wid = the Windows Internal Database
database-place-local-instance = the local SQL Server instance { $instance }
database-place-local-default = the local SQL Server default instance
database-place-remote = the SQL Server instance { $server } on another server
database-place-unplaced = the SQL Server instance { $server }
database-remote-title = SUSDB is on the remote SQL Server { $server }
database-remote-summary = SqlServerName is { $server }: SUSDB is on { $place }. Its service ({ $service } on { $host }) cannot be checked from this server's evidence: it is not stopped as far as the evidence goes, only out of sight.
database-remote-remedy = Check the instance on { $host }: its service, and that this server can connect to it.
database-host-unplaced = Whether { $host } is this server is not in the evidence either (no ComputerName in the registry evidence).
database-service-unknown-title = SUSDB is on { $place }; the state of { $service } is not among the evidence
database-service-unknown-summary = SqlServerName is { $server }: SUSDB is on { $place }, run by the service { $service }, which the service list does not show.
database-service-check-running = Check that { $service } is running.
database-service-running-title = SUSDB is on { $place }; { $service } is running
database-service-running-summary = SqlServerName is { $server }: SUSDB is on { $place }, and its service { $service } is running.
database-service-running-disabled-title = The WSUS database service { $service } is running but disabled
database-service-running-disabled-summary = SqlServerName is { $server }: SUSDB is on { $place }, whose service { $service } runs now but is disabled: after the next restart it stays stopped, and WSUS with it.
database-service-set-automatic = Set { $service } to start automatically.
database-service-disabled-title = The WSUS database service { $service } is disabled
database-service-not-running-title = The WSUS database service { $service } is not running
database-service-disabled-summary = SqlServerName is { $server }: SUSDB is on { $place }, whose service { $service } is disabled, so it cannot start. WSUS reads SUSDB for every client request: without it the client web service answers HTTP 500 and clients log 0x8024401F or 0x8024400E.
database-service-not-running-summary = SqlServerName is { $server }: SUSDB is on { $place }, whose service { $service } is { $state }. WSUS reads SUSDB for every client request: without it the client web service answers HTTP 500 and clients log 0x8024401F or 0x8024400E.
database-service-exited-summary = SqlServerName is { $server }: SUSDB is on { $place }, whose service { $service } is { $state } (exit code { $code }). WSUS reads SUSDB for every client request: without it the client web service answers HTTP 500 and clients log 0x8024401F or 0x8024400E.
database-service-start = Start { $service }, then read the System and Application logs for why it stopped.
database-exceptions-title = SoftwareDistribution.log has { $count } SqlException record(s)
database-exceptions-summary = WSUS logged { $count } SqlException record(s) from { $first } to { $last }: its queries to SUSDB failed. While they fail, WSUS answers its clients HTTP 500 (0x8024401F, or 0x8024400E for a SOAP fault, on the clients).
database-exceptions-on-summary = WSUS logged { $count } SqlException record(s) from { $first } to { $last }: its queries to SUSDB on { $place } failed. While they fail, WSUS answers its clients HTTP 500 (0x8024401F, or 0x8024400E for a SOAP fault, on the clients).
database-exceptions-remedy-on = Find why SUSDB on { $place } fails: its service { $service }, the free space of its disks and the size of { $database }.
database-exceptions-remedy = Find why SUSDB fails: the database service (MSSQL$MICROSOFT##WID for the Windows Internal Database; SqlServerName in the WSUS Setup registry key names the instance), the free space of its disks and the size of SUSDB.

## Lists read in each language

site-list-semicolon = { $first }; { $next }
site-list-comma = { $first }, { $next }

## server.website

website-missing-index-title = The registry names IIS site { $index }, which does not exist
website-missing-index-summary = IISTargetWebsiteIndex is { $index }, but applicationHost.config has no site with that id; '{ $name }' was taken as the WSUS site because it has the ClientWebService application. WSUS reads its IIS log folder and site from this value.
website-postinstall-again = Run WSUS post-installation again so the registry and IIS agree.
website-postinstall-comment = add CONTENT_DIR=... or SQL_INSTANCE_NAME=... as for this server
website-not-started-title = The WSUS site '{ $name }' is not started
website-not-started-summary = appcmd reports the site { $state }; clients cannot connect to WSUS (connection refused or time-out).
website-unknown-state-summary = appcmd reports the site in an unknown state; clients cannot connect to WSUS (connection refused or time-out).
website-start-site = Start the site '{ $name }'.
website-checked-started = started (appcmd)
website-no-autostart-title = The WSUS site '{ $name }' does not start with IIS
website-no-autostart-summary = serverAutoStart is false: after a restart of IIS or the server the site stays stopped. No appcmd output tells whether it runs now.
website-autostart-remedy = Let the site start with IIS, and start it now.
website-no-http-binding-title = The WSUS site '{ $name }' has no http binding on port { $port }
website-no-https-binding-title = The WSUS site '{ $name }' has no https binding on port { $port }
website-no-bindings-title = The WSUS site '{ $name }' has no http binding on port { $http } and no https binding on port { $https }
website-binding-mismatch-summary = WSUS is set up for port { $port } (registry), but the site is bound to { $bound }. Clients using the configured URL cannot connect.
website-binding-mismatch-ssl-summary = WSUS is set up for port { $port } with SSL (registry), but the site is bound to { $bound }. Clients using the configured URL cannot connect.
website-binding-none-summary = WSUS is set up for port { $port } (registry), but the site is bound to nothing. Clients using the configured URL cannot connect.
website-binding-none-ssl-summary = WSUS is set up for port { $port } with SSL (registry), but the site is bound to nothing. Clients using the configured URL cannot connect.
website-add-binding = Add the missing binding (WSUS uses 8530/8531 on its own site, 80/443 on the Default Web Site).
website-bind-certificate-comment = then bind the server certificate to the port (IIS Manager, Bindings)
website-checked-bindings = bindings { $bound } match PortNumber { $port }
website-checked-bindings-ssl = bindings { $bound } match PortNumber { $port } with SSL
website-checked-vdirs = all { $count } WSUS virtual directories present
website-vdirs-missing-title = The WSUS site '{ $name }' lacks { $paths }
website-vdirs-missing-summary = Clients and downstream servers get 404 on the missing path(s): { $paths }.
website-vdirs-recreate = Recreate the WSUS virtual directories with WSUS post-installation.
website-checked-impersonation = ASP.NET impersonation off
website-impersonation-title = ASP.NET impersonation is enabled on the WSUS site
website-impersonation-summary = Impersonation is on for { $paths }: every WSUS request there fails with HTTP 500.24 (win32 50), and the console logs event 7053.
website-impersonation-remedy = Turn ASP.NET impersonation off on site '{ $name }' and on each of its nine WSUS applications, not only where it was found, then restart IIS (KB2737219).
website-pass-title = The WSUS site '{ $name }' is configured as WSUS needs
website-pass-summary = Site '{ $name }' (id { $id }), recognised by { $how }: { $checked }.
website-server-level = server level: { $changes }
website-mime-clears = clears the inherited entries
website-mime-entries = { $count } mimeMap entries
website-mime-removes = removes { $extensions }
website-mime-no-entries = no mimeMap entries
website-checked-mime = MIME types for { $extensions } on /Content
website-mime-refused = The IIS logs show it: { $count } request(s) answered 404.3 for { $extensions } (server.iis-log).
website-mime-not-refused-yet = No 404.3 in the IIS logs among the evidence shows clients refused yet: feature and UUP updates fail to download once they are approved.
website-mime-missing-title = The WSUS site '{ $name }' serves no MIME type for { $extensions }
website-mime-missing-summary = Neither the server level nor the site's <location> sections of applicationHost.config map { $extensions }, so IIS answers 404.3 for update files of that type under /Content.
website-mime-missing-explanation = IIS serves a static file only when staticContent has a mimeMap for its extension, inherited from the server level and changed by each <location> down to the path (IIS-STATICCONTENT). Configuration Manager's prerequisites ask for the .esd type on WSUS for Windows 10 feature updates (CM-SU-PREREQ); UUP updates need .wim and .msu (WSUS-UUP-FAQ). A web.config below the site can still change the maps; it is not among the evidence.
website-not-wsus-title = This IIS configuration has no WSUS site, and nothing shows WSUS installed
website-not-wsus-summary = No site has the ClientWebService application, and the evidence holds no WSUS Setup registry key, no WsusService and no WSUS version: this machine does not look like a WSUS server, so no WSUS site fix applies. If it should be one, collect the WSUS server's own evidence.
website-no-site-title = No WSUS site in applicationHost.config
website-no-site-summary = No site has the ClientWebService application; WSUS is not published by IIS.
website-no-site-index-summary = No site has the ClientWebService application and none has the id { $index } the registry names; WSUS is not published by IIS.
website-recreate-site = Recreate the WSUS site with WSUS post-installation.
website-started-title = The WSUS site '{ $name }' is started
website-started-summary = appcmd reports the site started; without applicationHost.config its bindings and virtual directories were not judged.
website-stopped-summary = appcmd reports the site stopped; clients cannot connect to WSUS.
website-skipped-no-config = no applicationHost.config or appcmd list site output among the evidence
