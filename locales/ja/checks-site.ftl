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
