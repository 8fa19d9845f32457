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

## server.tls

tls-skipped-no-site = no applicationHost.config with a WSUS site among the evidence
tls-client-cert-title = Client certificates are accepted or required on { $path }
tls-client-cert-summary = WSUS clients have no client certificate to offer; with client certificates set to Accept or Require they fail with 0x80072F0C.
tls-client-cert-remedy = Set client certificates to Ignore (keep only the Ssl flag where SSL is required).
tls-site-requires-ssl-title = The whole WSUS site '{ $name }' requires SSL
tls-site-requires-ssl-summary = WSUS encrypts metadata only: content and self-update are fetched over plain HTTP and fail (403.4) when the site requires SSL.
tls-site-requires-ssl-remedy = Require SSL only on the web-service virtual directories.
tls-vdir-requires-ssl-title = { $vdir } requires SSL
tls-vdir-requires-ssl-summary = { $vdir } must not require SSL: clients fetch it over plain HTTP and get 403.4.
tls-vdir-requires-ssl-remedy = Clear the SSL requirement on { $vdir }.
tls-checked-services-require-ssl = the web services require SSL
tls-ssl-not-required-title = SSL is not required on { $vdirs }
tls-ssl-not-required-summary = WSUS is set up with SSL (UsingSSL = 1), but these web services accept plain HTTP, so metadata can travel unencrypted.
tls-ssl-not-required-remedy = Require SSL on the WSUS web services (as wsusutil configuressl does).
tls-no-https-binding-title = The WSUS site '{ $name }' has no HTTPS binding
tls-no-https-binding-summary = UsingSSL = 1, but the site has no https binding: clients configured with https://...:8531 cannot connect.
tls-no-https-binding-remedy = Add the https binding on 8531 (443 on the Default Web Site) with the server certificate.
tls-checked-no-ssl = UsingSSL = 0 and no web service requires SSL
tls-requires-ssl-without-title = { $vdirs } requires SSL but WSUS is set up without it
tls-require-ssl-without-title = { $vdirs } require SSL but WSUS is set up without it
tls-requires-ssl-without-summary = UsingSSL = 0, so clients use http://; these web services answer them 403.4.
tls-requires-ssl-without-remedy = Either finish the SSL setup (wsusutil configuressl and https client policy), or clear the SSL requirement.
tls-checked-using-ssl-unknown = UsingSSL not among the evidence
tls-pass-title = SSL settings of '{ $name }' are as WSUS needs
tls-pass-summary = { $checked }; no virtual directory requires SSL where it must not, and client certificates are ignored.
tls-schannel-36874 = 36874 (no cipher suite in common with the client)
tls-schannel-unknown-alert = unknown alert
tls-schannel-alert-received = { $id } alert { $alert } ({ $name }, received)
tls-schannel-alert-sent = { $id } alert { $alert } ({ $name }, sent)
tls-schannel-count = { $kind } ×{ $count }
tls-schannel-remedy = Compare the TLS protocols and cipher suites the clients offer with those the server enables; for certificate alerts (42 to 48) check the certificate bound to the WSUS port and that the clients trust its issuer.
tls-schannel-cipher-comment = on the WSUS server and on a failing client: they need at least one suite in common
tls-schannel-protocols-comment = protocol versions disabled on either side
tls-schannel-failures-title = Schannel logged { $count } failed TLS handshake(s)
tls-schannel-failures-summary = The server's System log has Schannel { $tally }. No client TLS error among the evidence falls in those minutes, so which clients failed is not known.
tls-schannel-failures-span-summary = The server's System log has Schannel { $tally }, from { $first } to { $last }. No client TLS error among the evidence falls in those minutes, so which clients failed is not known.
tls-schannel-failures-explanation = Schannel logs a handshake it refused (36874: no cipher suite in common) or broke off with a TLS alert (36888 sent, 36887 received); the alert code names the reason (SCHANNEL-ALERTS). The event ids' meanings are widely reported but not confirmed by a Microsoft page (UNCONFIRMED). Other https services on the server log these too; the WSUS clients' WindowsUpdate.log (0x80072F8F, 0x80072F7D) for the same minutes shows whether they are WSUS's.
tls-schannel-at-failures-title = The server refused TLS handshakes in the minutes the clients failed with TLS errors
tls-schannel-at-failures-summary = { $matched } of the server's { $total } Schannel failures fall in the clients' TLS error episodes{ $zone ->
        [utc] {" "}(client times of unknown zone were assumed to be UTC)
        [offset] {" "}(client times of unknown zone were read at { $offset })
       *[none] {""}
    }; all of them: { $tally }, from { $first } to { $last }.
tls-schannel-at-failures-explanation = The client's TLS error (0x80072F8F, 0x80072F7D) and the server's Schannel event at the same time are the same handshake seen from both sides: the two do not agree on protocol, cipher suite or certificate. The alert code names the reason (SCHANNEL-ALERTS); the event ids' meanings are widely reported but not confirmed by a Microsoft page (UNCONFIRMED).
tls-client-errors-note = client TLS errors { $range }
tls-no-sslcert-title = No certificate is bound to port { $port }
tls-no-sslcert-summary = netsh http show sslcert lists no binding for port { $port }: HTTP.sys cannot complete a TLS handshake there and clients fail to connect over https.
tls-no-sslcert-remedy = Bind the server certificate to the WSUS site's https binding (IIS Manager, Bindings, Edit, SSL certificate).
tls-negotiate-cert-title = HTTP.sys asks clients for a certificate on port { $port }
tls-negotiate-cert-summary = Negotiate Client Certificate is enabled on the HTTP.sys binding; WSUS clients have no client certificate to offer and fail with 0x80072F0C.
tls-negotiate-cert-remedy = Recreate the binding without client-certificate negotiation (netsh http delete sslcert, then add sslcert with the same certhash and appid, clientcertnegotiation=disable).
tls-cert-unseen-title = Certificate { $hash } is bound to { $binding }
tls-cert-unseen-summary = The certificate itself is not among the evidence, so its names and expiry were not checked. Export it (without the private key) and add it to judge it.
tls-cert-unseen-remedy = Export the certificate to add it to the evidence.
tls-cert-expired-title = The WSUS certificate '{ $subject }' expired
tls-cert-expires-soon-title = The WSUS certificate '{ $subject }' expires in { $days } days
tls-cert-valid-title = The WSUS certificate '{ $subject }' is valid
tls-cert-summary = The https binding { $binding } uses certificate { $thumbprint } (names: { $names }), valid until { $until }.
