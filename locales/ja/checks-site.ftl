## server.database

database-skipped-no-evidence = 証拠の中に SqlServerName (WSUS の Setup レジストリ キー) も SoftwareDistribution.log もありません
database-log-clean-title = SoftwareDistribution.log に SqlException はありません
database-log-clean-summary = { $logs } には SqlException の記録がありません。WSUS はログを記録したときには常にデータベースに接続できています。SqlServerName (どのデータベースか) は証拠に含まれていません。
database-log-read-whole = 全体を読み取りました: SqlException はありません
database-log-has-no-exception = SoftwareDistribution.log には SqlException の記録がありません。
database-susdb-on = SUSDB は { $place } にあります
database-place-wid = Windows Internal Database
database-place-local-instance = ローカルの SQL Server インスタンス { $instance }
database-place-local-default = ローカルの SQL Server の既定のインスタンス
database-place-remote = 別のサーバー上の SQL Server インスタンス { $server }
database-place-unplaced = SQL Server インスタンス { $server }
database-remote-title = SUSDB はリモートの SQL Server { $server } にあります
database-remote-summary = SqlServerName は { $server } です。SUSDB は { $place } にあります。そのサービス ({ $host } 上の { $service }) はこのサーバーの証拠からは確認できません。証拠の範囲では停止しているのではなく、見えていないだけです。
database-remote-remedy = { $host } 上のインスタンスについて、そのサービスと、このサーバーから接続できることを確認してください。
database-host-unplaced = { $host } がこのサーバーかどうかも証拠からはわかりません (レジストリの証拠に ComputerName がありません)。
database-service-unknown-title = SUSDB は { $place } にあります。{ $service } の状態は証拠に含まれていません
database-service-unknown-summary = SqlServerName は { $server } です。SUSDB は { $place } にあり、サービス { $service } が実行しますが、サービスの一覧にこのサービスはありません。
database-service-check-running = { $service } が実行中であることを確認してください。
database-service-running-title = SUSDB は { $place } にあり、{ $service } は実行中です
database-service-running-summary = SqlServerName は { $server } です。SUSDB は { $place } にあり、そのサービス { $service } は実行中です。
database-service-running-disabled-title = WSUS のデータベース サービス { $service } は実行中ですが無効になっています
database-service-running-disabled-summary = SqlServerName は { $server } です。SUSDB は { $place } にあり、そのサービス { $service } は現在実行中ですが無効になっています。次回の再起動後は停止したままになり、WSUS も停止します。
database-service-set-automatic = { $service } のスタートアップの種類を自動に設定してください。
database-service-disabled-title = WSUS のデータベース サービス { $service } が無効になっています
database-service-not-running-title = WSUS のデータベース サービス { $service } が実行されていません
database-service-disabled-summary = SqlServerName は { $server } です。SUSDB は { $place } にあり、そのサービス { $service } は無効になっているため開始できません。WSUS はクライアントの要求ごとに SUSDB を読み取ります。SUSDB がないと、クライアント Web サービスは HTTP 500 を返し、クライアントは 0x8024401F または 0x8024400E を記録します。
database-service-not-running-summary = SqlServerName は { $server } です。SUSDB は { $place } にあり、そのサービス { $service } の状態は { $state } です。WSUS はクライアントの要求ごとに SUSDB を読み取ります。SUSDB がないと、クライアント Web サービスは HTTP 500 を返し、クライアントは 0x8024401F または 0x8024400E を記録します。
database-service-exited-summary = SqlServerName は { $server } です。SUSDB は { $place } にあり、そのサービス { $service } の状態は { $state } です (終了コード { $code })。WSUS はクライアントの要求ごとに SUSDB を読み取ります。SUSDB がないと、クライアント Web サービスは HTTP 500 を返し、クライアントは 0x8024401F または 0x8024400E を記録します。
database-service-start = { $service } を開始し、停止した理由をシステム ログとアプリケーション ログで確認してください。
database-exceptions-title = SoftwareDistribution.log に SqlException の記録が { $count } 件あります
database-exceptions-summary = WSUS は { $first } から { $last } までに SqlException を { $count } 件記録しました。SUSDB へのクエリが失敗しています。失敗している間、WSUS はクライアントに HTTP 500 を返します (クライアントでは 0x8024401F、SOAP エラーの場合は 0x8024400E)。
database-exceptions-on-summary = WSUS は { $first } から { $last } までに SqlException を { $count } 件記録しました。{ $place } 上の SUSDB へのクエリが失敗しています。失敗している間、WSUS はクライアントに HTTP 500 を返します (クライアントでは 0x8024401F、SOAP エラーの場合は 0x8024400E)。
database-exceptions-remedy-on = { $place } 上の SUSDB が失敗する理由を調べてください: そのサービス { $service }、ディスクの空き領域、{ $database } のサイズを確認します。
database-exceptions-remedy = SUSDB が失敗する理由を調べてください: データベース サービス (Windows Internal Database では MSSQL$MICROSOFT##WID。WSUS の Setup レジストリ キーの SqlServerName がインスタンスを示します)、ディスクの空き領域、SUSDB のサイズを確認します。

## Lists read in each language

site-list-semicolon = { $first }; { $next }
site-list-comma = { $first }、{ $next }

## server.website

website-missing-index-title = レジストリが示す IIS サイト { $index } は存在しません
website-missing-index-summary = IISTargetWebsiteIndex は { $index } ですが、applicationHost.config にその ID のサイトはありません。ClientWebService アプリケーションを持つ '{ $name }' を WSUS サイトとみなしました。WSUS はこの値から IIS ログ フォルダーとサイトを読み取ります。
website-postinstall-again = レジストリと IIS の設定が一致するように、WSUS のインストール後の処理 (postinstall) をもう一度実行してください。
website-postinstall-comment = このサーバーに合わせて CONTENT_DIR=... または SQL_INSTANCE_NAME=... を追加します
website-not-started-title = WSUS サイト '{ $name }' が開始されていません
website-not-started-summary = appcmd はサイトの状態を { $state } と報告しています。クライアントは WSUS に接続できません (接続の拒否またはタイムアウト)。
website-unknown-state-summary = appcmd はサイトの状態を不明と報告しています。クライアントは WSUS に接続できません (接続の拒否またはタイムアウト)。
website-start-site = サイト '{ $name }' を開始してください。
website-checked-started = 開始済み (appcmd)
website-no-autostart-title = WSUS サイト '{ $name }' は IIS と一緒に開始されません
website-no-autostart-summary = serverAutoStart が false です。IIS またはサーバーの再起動後、サイトは停止したままになります。現在実行中かどうかを示す appcmd の出力はありません。
website-autostart-remedy = サイトが IIS と一緒に開始されるように設定し、今すぐ開始してください。
website-no-http-binding-title = WSUS サイト '{ $name }' にポート { $port } の http バインドがありません
website-no-https-binding-title = WSUS サイト '{ $name }' にポート { $port } の https バインドがありません
website-no-bindings-title = WSUS サイト '{ $name }' にポート { $http } の http バインドもポート { $https } の https バインドもありません
website-binding-mismatch-summary = WSUS はポート { $port } で構成されています (レジストリ) が、サイトのバインドは { $bound } です。構成された URL を使うクライアントは接続できません。
website-binding-mismatch-ssl-summary = WSUS はポート { $port } で SSL を使うように構成されています (レジストリ) が、サイトのバインドは { $bound } です。構成された URL を使うクライアントは接続できません。
website-binding-none-summary = WSUS はポート { $port } で構成されています (レジストリ) が、サイトにはバインドがありません。構成された URL を使うクライアントは接続できません。
website-binding-none-ssl-summary = WSUS はポート { $port } で SSL を使うように構成されています (レジストリ) が、サイトにはバインドがありません。構成された URL を使うクライアントは接続できません。
website-add-binding = 不足しているバインドを追加してください (WSUS は専用のサイトでは 8530/8531、既定の Web サイトでは 80/443 を使います)。
website-bind-certificate-comment = その後、サーバー証明書をこのポートにバインドします (IIS マネージャー、バインド)
website-checked-bindings = バインド { $bound } は PortNumber { $port } と一致しています
website-checked-bindings-ssl = バインド { $bound } は PortNumber { $port } (SSL) と一致しています
website-checked-vdirs = WSUS の仮想ディレクトリ { $count } 個がすべて存在します
website-vdirs-missing-title = WSUS サイト '{ $name }' に { $paths } がありません
website-vdirs-missing-summary = クライアントと下流サーバーは、存在しないパスで 404 を受け取ります: { $paths }。
website-vdirs-recreate = WSUS のインストール後の処理 (postinstall) で WSUS の仮想ディレクトリを作成し直してください。
website-checked-impersonation = ASP.NET 偽装は無効です
website-impersonation-title = WSUS サイトで ASP.NET 偽装が有効になっています
website-impersonation-summary = { $paths } で偽装が有効になっています。そこでの WSUS の要求はすべて HTTP 500.24 (win32 50) で失敗し、コンソールはイベント 7053 を記録します。
website-impersonation-remedy = サイト '{ $name }' と、見つかった場所だけでなくその 9 つの WSUS アプリケーションそれぞれで ASP.NET 偽装を無効にし、IIS を再起動してください (KB2737219)。
website-pass-title = WSUS サイト '{ $name }' は WSUS の必要どおりに構成されています
website-pass-summary = サイト '{ $name }' (ID { $id }) は { $how } によって特定しました: { $checked }。
website-server-level = サーバー レベル: { $changes }
website-mime-clears = 継承されたエントリをクリアします
website-mime-entries = mimeMap エントリ { $count } 個
website-mime-removes = { $extensions } を削除します
website-mime-no-entries = mimeMap エントリはありません
website-checked-mime = /Content に { $extensions } の MIME の種類があります
website-mime-refused = IIS ログがそれを示しています: { $count } 件の要求が { $extensions } について 404.3 を返されました (server.iis-log)。
website-mime-not-refused-yet = 証拠の IIS ログには、クライアントがまだ拒否されたことを示す 404.3 はありません。機能更新プログラムと UUP 更新プログラムは、承認されるとダウンロードに失敗します。
website-mime-missing-title = WSUS サイト '{ $name }' は { $extensions } の MIME の種類を提供していません
website-mime-missing-summary = applicationHost.config のサーバー レベルにもサイトの <location> セクションにも { $extensions } のマッピングがないため、IIS は /Content にあるその種類の更新ファイルに 404.3 を返します。
website-mime-missing-explanation = IIS は、拡張子に対応する mimeMap が staticContent にある場合にのみ静的ファイルを提供します。mimeMap はサーバー レベルから継承され、パスまでの各 <location> で変更されます (IIS-STATICCONTENT)。Configuration Manager の前提条件では、Windows 10 の機能更新プログラムのために WSUS に .esd の種類が必要です (CM-SU-PREREQ)。UUP 更新プログラムには .wim と .msu が必要です (WSUS-UUP-FAQ)。サイトの下の web.config でもマッピングを変更できますが、それは証拠に含まれていません。
website-not-wsus-title = この IIS 構成には WSUS サイトがなく、WSUS がインストールされていることを示すものもありません
website-not-wsus-summary = ClientWebService アプリケーションを持つサイトがなく、証拠には WSUS の Setup レジストリ キーも WsusService も WSUS のバージョンもありません。このマシンは WSUS サーバーではないようなので、WSUS サイトの対処は当てはまりません。WSUS サーバーであるべき場合は、WSUS サーバー自身の証拠を収集してください。
website-no-site-title = applicationHost.config に WSUS サイトがありません
website-no-site-summary = ClientWebService アプリケーションを持つサイトがありません。WSUS は IIS で公開されていません。
website-no-site-index-summary = ClientWebService アプリケーションを持つサイトも、レジストリが示す ID { $index } のサイトもありません。WSUS は IIS で公開されていません。
website-recreate-site = WSUS のインストール後の処理 (postinstall) で WSUS サイトを作成し直してください。
website-started-title = WSUS サイト '{ $name }' は開始されています
website-started-summary = appcmd はサイトが開始されていると報告しています。applicationHost.config がないため、バインドと仮想ディレクトリは判断していません。
website-stopped-summary = appcmd はサイトが停止していると報告しています。クライアントは WSUS に接続できません。
website-skipped-no-config = 証拠の中に applicationHost.config も appcmd list site の出力もありません

## server.tls

tls-skipped-no-site = 証拠の中に WSUS サイトを含む applicationHost.config がありません
tls-client-cert-title = { $path } でクライアント証明書が受理または要求されます
tls-client-cert-summary = WSUS クライアントには提示できるクライアント証明書がありません。クライアント証明書が [受理する] または [必要] に設定されていると、クライアントは 0x80072F0C で失敗します。
tls-client-cert-remedy = クライアント証明書を [無視する] に設定してください (SSL が必要な場所では Ssl フラグだけを残します)。
tls-site-requires-ssl-title = WSUS サイト '{ $name }' 全体で SSL が必要になっています
tls-site-requires-ssl-summary = WSUS が暗号化するのはメタデータだけです。コンテンツと自己更新はプレーンな HTTP で取得されるため、サイトで SSL が必要な場合は失敗します (403.4)。
tls-site-requires-ssl-remedy = SSL を必要にするのは Web サービスの仮想ディレクトリだけにしてください。
tls-vdir-requires-ssl-title = { $vdir } で SSL が必要になっています
tls-vdir-requires-ssl-summary = { $vdir } で SSL を必要にしてはいけません。クライアントはプレーンな HTTP で取得し、403.4 を受け取ります。
tls-vdir-requires-ssl-remedy = { $vdir } の SSL の要求をオフにしてください。
tls-checked-services-require-ssl = Web サービスは SSL を必要としています
tls-ssl-not-required-title = { $vdirs } で SSL が必要になっていません
tls-ssl-not-required-summary = WSUS は SSL を使うように構成されています (UsingSSL = 1) が、これらの Web サービスはプレーンな HTTP を受け付けるため、メタデータが暗号化されずに送られる可能性があります。
tls-ssl-not-required-remedy = WSUS の Web サービスで SSL を必要にしてください (wsusutil configuressl と同じ設定です)。
tls-no-https-binding-title = WSUS サイト '{ $name }' に HTTPS バインドがありません
tls-no-https-binding-summary = UsingSSL = 1 ですが、サイトに https バインドがありません。https://...:8531 で構成されたクライアントは接続できません。
tls-no-https-binding-remedy = サーバー証明書を使って 8531 (既定の Web サイトでは 443) の https バインドを追加してください。
tls-checked-no-ssl = UsingSSL = 0 で、SSL を必要とする Web サービスはありません
tls-requires-ssl-without-title = { $vdirs } で SSL が必要になっていますが、WSUS は SSL なしで構成されています
tls-require-ssl-without-title = { $vdirs } で SSL が必要になっていますが、WSUS は SSL なしで構成されています
tls-requires-ssl-without-summary = UsingSSL = 0 のため、クライアントは http:// を使います。これらの Web サービスはクライアントに 403.4 を返します。
tls-requires-ssl-without-remedy = SSL の構成を完了する (wsusutil configuressl と https のクライアント ポリシー) か、SSL の要求をオフにしてください。
tls-checked-using-ssl-unknown = UsingSSL は証拠に含まれていません
tls-pass-title = '{ $name }' の SSL 設定は WSUS の必要どおりです
tls-pass-summary = { $checked }。SSL を必要にしてはいけない仮想ディレクトリで SSL は必要になっておらず、クライアント証明書は無視されます。
tls-schannel-36874 = 36874 (クライアントと共通の暗号スイートがありません)
tls-schannel-unknown-alert = 不明なアラート
tls-schannel-alert-received = { $id } アラート { $alert } ({ $name }、受信)
tls-schannel-alert-sent = { $id } アラート { $alert } ({ $name }、送信)
tls-schannel-count = { $kind } ×{ $count }
tls-schannel-remedy = クライアントが提示する TLS プロトコルと暗号スイートを、サーバーで有効なものと比較してください。証明書のアラート (42 から 48) の場合は、WSUS のポートにバインドされた証明書と、クライアントがその発行者を信頼していることを確認してください。
tls-schannel-cipher-comment = WSUS サーバーと失敗しているクライアントで実行します: 共通の暗号スイートが少なくとも 1 つ必要です
tls-schannel-protocols-comment = どちらかの側で無効になっているプロトコル バージョン
tls-schannel-failures-title = Schannel が TLS ハンドシェイクの失敗を { $count } 回記録しました
tls-schannel-failures-summary = サーバーのシステム ログに Schannel { $tally } があります。証拠の中にその時間帯のクライアントの TLS エラーはないため、どのクライアントが失敗したかはわかりません。
tls-schannel-failures-span-summary = サーバーのシステム ログに Schannel { $tally } が { $first } から { $last } まであります。証拠の中にその時間帯のクライアントの TLS エラーはないため、どのクライアントが失敗したかはわかりません。
tls-schannel-failures-explanation = Schannel は、拒否したハンドシェイク (36874: 共通の暗号スイートがない) や TLS アラートで中断したハンドシェイク (36888 は送信、36887 は受信) を記録します。アラート コードが理由を示します (SCHANNEL-ALERTS)。イベント ID の意味は広く報告されていますが、Microsoft のページでは確認されていません (UNCONFIRMED)。サーバー上の他の https サービスもこれらを記録します。同じ時間帯の WSUS クライアントの WindowsUpdate.log (0x80072F8F、0x80072F7D) を見ると、WSUS のものかどうかがわかります。
tls-schannel-at-failures-title = クライアントが TLS エラーで失敗した時間帯に、サーバーが TLS ハンドシェイクを拒否しました
tls-schannel-at-failures-summary = サーバーの Schannel エラー { $total } 件のうち { $matched } 件が、クライアントの TLS エラーの期間内に発生しています{ $zone ->
        [utc] {" "}(タイム ゾーンが不明なクライアントの時刻は UTC とみなしました)
        [offset] {" "}(タイム ゾーンが不明なクライアントの時刻は { $offset } として読み取りました)
       *[none] {""}
    }。すべての内訳: { $tally } ({ $first } から { $last } まで)。
tls-schannel-at-failures-explanation = 同じ時刻のクライアントの TLS エラー (0x80072F8F、0x80072F7D) とサーバーの Schannel イベントは、同じハンドシェイクを両側から見たものです。両者はプロトコル、暗号スイート、または証明書について合意できていません。アラート コードが理由を示します (SCHANNEL-ALERTS)。イベント ID の意味は広く報告されていますが、Microsoft のページでは確認されていません (UNCONFIRMED)。
tls-client-errors-note = クライアントの TLS エラー { $range }
tls-no-sslcert-title = ポート { $port } に証明書がバインドされていません
tls-no-sslcert-summary = netsh http show sslcert にポート { $port } のバインドがありません。HTTP.sys はそこで TLS ハンドシェイクを完了できず、クライアントは https で接続できません。
tls-no-sslcert-remedy = サーバー証明書を WSUS サイトの https バインドにバインドしてください (IIS マネージャー、バインド、編集、SSL 証明書)。
tls-negotiate-cert-title = HTTP.sys がポート { $port } でクライアントに証明書を要求しています
tls-negotiate-cert-summary = HTTP.sys のバインドで Negotiate Client Certificate が有効になっています。WSUS クライアントには提示できるクライアント証明書がなく、0x80072F0C で失敗します。
tls-negotiate-cert-remedy = クライアント証明書のネゴシエーションなしでバインドを作成し直してください (netsh http delete sslcert の後、同じ certhash と appid、clientcertnegotiation=disable で add sslcert を実行します)。
tls-cert-unseen-title = 証明書 { $hash } が { $binding } にバインドされています
tls-cert-unseen-summary = 証明書自体が証拠に含まれていないため、名前と有効期限は確認していません。証明書を (秘密キーなしで) エクスポートし、証拠に追加すると判断できます。
tls-cert-unseen-remedy = 証明書をエクスポートして証拠に追加してください。
tls-cert-expired-title = WSUS の証明書 '{ $subject }' の有効期限が切れています
tls-cert-expires-soon-title = WSUS の証明書 '{ $subject }' は { $days } 日後に有効期限が切れます
tls-cert-valid-title = WSUS の証明書 '{ $subject }' は有効です
tls-cert-summary = https バインド { $binding } は証明書 { $thumbprint } (名前: { $names }) を使っています。有効期限は { $until } です。
