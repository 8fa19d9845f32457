# チェック: タイトル、ガイドの手順、確認内容、重要な理由、読み取る証拠、対処方法 (docs/checks.ja.md、explain、レポート)。
check-client-configmgr-title = Configuration Manager から取得した WSUS の場所
check-client-configmgr-guide-step = Configuration Manager クライアントの場合: ccm\logs\LocationServices.log で WSUS エントリを確認します
check-client-configmgr-what = Configuration Manager が渡した WSUS の場所を、ポリシーのレジストリおよび WindowsUpdate.log が使用した場所と比較します。ソフトウェアの更新ポイントを上書きするグループ ポリシー (エラー 0x87D00692 としても検出)、破損したローカル ポリシー ファイル (Registry.pol)、WUAHandler.log のスキャン エラーを検出します。
check-client-configmgr-why = ソフトウェアの更新ポイントを上書きするグループ ポリシーがある場合や、クライアントに誤った場所が渡された場合、クライアントは誤ったサーバーに対してスキャンします。
check-client-configmgr-evidence = LocationServices.log、WUAHandler.log、ScanAgent.log、UpdatesDeployment.log。
check-client-configmgr-fix = 競合するグループ ポリシーを削除するか、破損した Registry.pol の名前を変更してポリシーを更新するか、ソフトウェア更新プログラムのスキャン サイクル (Software Updates Scan Cycle) を強制的に実行して場所がログに記録されるようにしてください。

check-client-policy-title = クライアントの WSUS ポリシー
check-client-policy-guide-step = クライアントの IP アドレスが IIS ログに表示されない場合: HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate に WSUS サーバーの正しい FQDN が設定されているかどうかを確認します
check-client-policy-what = UseWUServer、WUServer、WUStatusServer を確認します: 設定されていて互いに等しいこと、完全修飾ホスト名を含む有効な http/https URL であること、明示したポートがスキームと一致すること、末尾にスラッシュがないこと、展開されていないプレースホルダーがないこと。URL のスキームとポート (および WindowsUpdate.log で使用されたもの) を WSUS サイトのバインドおよび HTTP.sys の証明書のバインドと比較し、https のホスト名をサーバーの証明書に含まれる名前と比較します。デュアル スキャンとプロキシの動作に関するポリシーについて説明します。
check-client-policy-why = サーバーの URL が誤っている、短い、または形式が正しくない場合、クライアントは別の場所に接続するか、どこにも接続できません。末尾のスラッシュがあると //selfupdate への要求になります。
check-client-policy-evidence = WindowsUpdate ポリシー キーとその AU サブキーのレジストリのエクスポートまたは reg query の出力。指定された場合は、サーバーの applicationHost.config、netsh http show sslcert の出力、証明書。
check-client-policy-fix = グループ ポリシーの [イントラネットの Microsoft 更新サービスの場所を指定する] を http://wsus.fqdn:8530 (または https://...:8531) に修正してから、gpupdate /force を実行してください。

check-client-proxy-title = クライアントのプロキシ
check-client-proxy-guide-step = ガイドの範囲外: Windows Update エージェントが使用する WinHTTP プロキシ
check-client-proxy-what = WinHTTP プロキシが WSUS ホストをバイパスすることを確認し、ユーザー プロキシへのフォールバックに関するポリシーについて説明します。
check-client-proxy-why = エージェントはイントラネットへの要求を WinHTTP プロキシ経由で送信します。WSUS に到達できないプロキシを経由すると、スキャンがタイムアウトするか、407/502 で失敗します。
check-client-proxy-evidence = netsh winhttp show proxy の出力、WinHttpSettings レジストリ値。
check-client-proxy-fix = WSUS ホストを短い名前と FQDN の両方でバイパス一覧に追加する (netsh winhttp set proxy ... bypass-list="wsus;wsus.fqdn;<local>") か、プロキシを削除してください。

check-client-reaches-server-title = サーバーのログに記録されたクライアントの要求
check-client-reaches-server-guide-step = クライアントの IP アドレスが IIS ログに表示されない場合
check-client-reaches-server-what = 証拠にクライアントのアドレスと同じ時間帯のサーバーの IIS ログが含まれている場合、クライアントがログに記録されているかどうかと、その状態コードを確認します。まったく記録されていない場合は、ガイドが示す次の 3 つの手順をたどり、それぞれについて証拠からわかることを示します。
check-client-reaches-server-why = サーバーのログに記録されていないクライアントは、別の場所に接続するように設定されているか、ネットワークでブロックされているか、HTTP.sys によって拒否されています。
check-client-reaches-server-evidence = ipconfig /all の出力 (または --client-ip)、IIS ログと HTTPERR ログ、クライアントのポリシー、LocationServices.log。
check-client-reaches-server-fix = HTTPERR、ポリシーの FQDN、LocationServices.log の順に確認してください。

check-client-scan-status-title = Configuration Manager クライアントのスキャンの状態
check-client-scan-status-guide-step = Configuration Manager サイトで: クライアントの最後のスキャン エラーを一覧表示します (v_UpdateScanStatus、レポート 'Scan 1 - Last scan states by collection')
check-client-scan-status-what = ConfigMgr のスキャン状態のエクスポートに含まれるコンピューターを最後のスキャン エラーごとにグループ化し、エラーの意味と種類を示します。最後のスキャンがエクスポート内で最も新しいスキャンより 7 日を超えて古いコンピューターと、ほかのコンピューターとは異なる WSUS の場所に対してスキャンしているコンピューターを一覧表示します。
check-client-scan-status-why = 1 台のクライアントのログからわかるのはそのクライアントのことだけです。サイトのスキャン状態からは、多くのクライアントに共通するエラーがわかります。大半のクライアントがタイムアウトまたは 503 で失敗している場合は WSUS サーバーに、一部のクライアントだけが固有のエラーで失敗している場合はそれらのクライアントに問題があると考えられます。スキャンを停止したクライアントや別のサーバーに対してスキャンしているクライアントは、サイトから把握できません。
check-client-scan-status-evidence = v_UpdateScanStatus を v_R_System と結合した CSV またはタブ区切りのエクスポート (SQL Server Management Studio の [結果に名前を付けて保存]、または CSV にエクスポートしたソフトウェア更新プログラムのレポート)。ヘッダー行には、コンピューター名 (Name0、Netbios_Name0、MachineName、Computer)、LastErrorCode、LastScanState、LastScanTime、LastScanPackageLocation、LastWUAVersion、必要に応じて IP アドレスを含めます。
check-client-scan-status-fix = 最も大きいグループのエラーが示す問題を解決し (タイムアウトと 503 の場合は WSUS のアプリケーション プール。server.app-pool を参照)、一覧のクライアントでソフトウェア更新プログラムのスキャン サイクル (Software Updates Scan Cycle) を実行してから、スキャンの状態をもう一度エクスポートしてください。

check-client-wu-log-title = WindowsUpdate.log の接続エラー
check-client-wu-log-guide-step = コード 503 の注: クライアントの WindowsUpdate.log で 2ee2 で終わるエラー (0x80072EE2) を探します
check-client-wu-log-what = すべての接続エラーを時刻、URL、デコードした HRESULT とともに検出してエピソードごとにまとめ、エージェントが使用したサーバーをポリシーと比較し、SOAP フォールトと最後に成功したスキャンを読み取ります。
check-client-wu-log-why = クライアントのエラーは失敗した段階 (タイムアウト、503、404、TLS) を示し、同じ時刻のサーバーのログと対応付けることができます。
check-client-wu-log-evidence = WindowsUpdate.log (従来のテキスト ログまたは Get-WindowsUpdateLog の出力)。
check-client-wu-log-fix = エラーによって異なります: 0x80072EE2 と 0x80244022 はサーバーの WsusPool、0x80072EE7 は DNS、0x80072F8F は証明書と時刻を示しています。

check-probe-dns-title = WSUS のホスト名の名前解決
check-probe-dns-guide-step = ガイドの範囲外: クライアントと同じ方法で WUServer のホスト名を解決します
check-probe-dns-what = WUServer ポリシー値と同じように URL を確認し (スキーム、FQDN、ポート、末尾のスラッシュ、プレースホルダー)、オペレーティング システムのリゾルバーでホスト名を解決して、すべてのアドレスを一覧表示します。
check-probe-dns-why = エージェントが使用できない URL は要求の前に失敗します (0x80072EE6、0x80072EE5)。名前を解決できない場合、すべてのスキャンが 0x80072EE7 で失敗します。
check-probe-dns-evidence = プローブの url と dns の手順。
check-probe-dns-fix = WSUS ホストを DNS に登録するか、DNS に登録されている名前を使用してください。

check-probe-http-title = WSUS のクライアント用エンドポイントの応答
check-probe-http-guide-step = KB3090184 の接続テスト用 URL: wuident.cab、wusserverversion.xml、SimpleAuth.asmx
check-probe-http-what = クライアントが最初に使用するファイルとページを要求し、応答 (状態、コンテンツ タイプ、CAB ファイルのシグネチャ) を確認します。
check-probe-http-why = 403.4、404、401、503 の応答から、IIS の構成の誤りやアプリケーション プールの障害がわかります。
check-probe-http-evidence = プローブの http の手順。
check-probe-http-fix = 状態によって異なります。各検出結果に示されています。

check-probe-soap-title = WSUS Web サービスの GetConfig への応答
check-probe-soap-guide-step = ガイドの範囲外: エージェントと同じようにクライアント Web サービスを呼び出します
check-probe-soap-what = クライアント Web サービスの GetConfig を呼び出し、WSUS からの正当な応答 (SimpleTargeting 認証、サーバーのプロトコル バージョン) であることを確認します。SOAP フォールトをデコードします。
check-probe-soap-why = ページが表示されても、Web サービス、そのアプリケーション プール、データベースが動作していることにはなりません。GetConfig の応答で確認できます。
check-probe-soap-evidence = プローブの soap の手順。
check-probe-soap-fix = SOAP フォールトの ErrorCode がサーバー側の問題を示します。500 と 503 は WsusPool と SUSDB を示しています。

check-probe-tcp-title = WSUS ポートへの接続
check-probe-tcp-guide-step = ガイドの範囲外: WSUS のポートに接続します
check-probe-tcp-what = 各アドレスの WSUS ポートに接続し、拒否、タイムアウト、到達不能を区別します。
check-probe-tcp-why = 拒否された場合は、待ち受けているものがありません (サイトの停止、ポートの誤り)。タイムアウトした場合は、ファイアウォールがパケットを破棄しています。
check-probe-tcp-evidence = プローブの tcp の手順。
check-probe-tcp-fix = WSUS サイトを開始するか、ポートを修正してください。クライアントとサーバーの間にあるファイアウォールでポートを開いてください。

check-probe-tls-title = WSUS の TLS 証明書
check-probe-tls-guide-step = コード 403 / 0x80072F8F: 証明書の問題
check-probe-tls-what = TLS ハンドシェイクを実行してプロトコル、暗号スイート、証明書チェーンを表示し、プラットフォームの検証機能で名前、有効期限、信頼、弱いキーを判定します。
check-probe-tls-why = クライアントは、WUServer のホスト名と一致しない証明書、有効期限が切れた証明書、信頼されていないルートにチェーンする証明書を拒否します。
check-probe-tls-evidence = プローブの tls の手順。
check-probe-tls-fix = WUServer に証明書の名前を使用するか、証明書を更新するか、ルート CA をクライアントに展開してください。

check-server-app-pool-title = WsusPool アプリケーション プールの設定
check-server-app-pool-guide-step = コード 503: WSUS アプリケーション プール (WsusPool) のプライベート メモリの制限を 4 から 8 GB に (環境によってはそれ以上に) 増やします
check-server-app-pool-what = ClientWebService アプリケーションから WSUS のアプリケーション プールを特定し、開始されていてラピッド フェール保護によって無効になっていないことを確認します。プライベート メモリの制限、キューの長さ、アイドル タイムアウト、Ping、定期的な再起動を Microsoft の推奨値と比較し、WSUS のセットアップが作成するとおり 64 ビットかつ .NET CLR v4.0 で実行されていることを確認します。
check-server-app-pool-why = WSUS のセットアップでは、プライベート メモリの制限は 1,843,200 KB のままです。負荷がかかるとアプリケーション プールがリサイクルされ、クライアントは 503 を受け取ります。これは WSUS の接続エラーの典型的な原因です。
check-server-app-pool-evidence = applicationHost.config (IIS の継承を適用したもの)、appcmd list apppool。
check-server-app-pool-fix = プライベート メモリの制限を増やし (KB4025764: 4 ～ 8 GB 以上、KB4490414: 0 (制限なし))、キューの長さを 2000、アイドル タイムアウトを 0、Ping の有効化を False、定期的なリサイクルの間隔を 0 に設定してください。enable32BitAppOnWin64 は false、.NET CLR は v4.0 にしてください。

check-server-database-title = WSUS データベース (SUSDB)
check-server-database-guide-step = ガイドの範囲外: WSUS はデータを Windows Internal Database または SQL Server インスタンス上の SUSDB に保持しており、SUSDB に接続できない間はクライアントへの応答に失敗します
check-server-database-what = SqlServerName から SUSDB の場所 (Windows Internal Database、このサーバー上の SQL Server インスタンス、または別のサーバー上のインスタンス) を読み取り、サービスの一覧にそのインスタンスのサービスがあれば状態を確認し、SoftwareDistribution.log の SqlException の記録を最初と最後の時刻とともに数えます。
check-server-database-why = WSUS はクライアントの要求のたびに SUSDB を読み取ります。データベースが停止しているか障害が発生している間、クライアント Web サービスは HTTP 500 を返し、クライアントは 0x8024401F または 0x8024400E を記録します。
check-server-database-evidence = レジストリ HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup (SqlServerName、SqlDatabaseName)、データベースのサービス (MSSQL$MICROSOFT##WID、MSSQLSERVER または MSSQL$<instance>) を含む sc query / Get-Service の出力、ComputerName レジストリ キー (ローカルのインスタンスとリモートのインスタンスを区別するため)、WSUS の SoftwareDistribution.log。
check-server-database-fix = データベースのサービスを開始し (Windows Internal Database の場合は Start-Service 'MSSQL$MICROSOFT##WID')、停止した原因を調べ、ディスクの空き領域と SUSDB のサイズを確認してください。リモートの SQL Server の場合は、そのサーバー上のインスタンスを確認してください。

check-server-events-title = WSUS、WAS、サービスのイベント
check-server-events-guide-step = ガイドの範囲外: 503 やサービスの停止の背後にあるイベント ログ
check-server-events-what = WSUS の正常性監視イベント、WAS のアプリケーション プールのイベント (ラピッド フェール保護、クラッシュ、リサイクル)、サービスのクラッシュを、その意味とともにタイムラインとして一覧表示します。
check-server-events-why = 503 が集中した時刻にプライベート メモリによるリサイクルまたはラピッド フェール保護による停止があれば、WsusPool が原因であることの裏付けになります。
check-server-events-evidence = システム ログとアプリケーション ログ (.evtx)。
check-server-events-fix = イベントに従って対処してください: リサイクルの場合はアプリケーション プールのメモリの制限を増やし、ラピッド フェール保護の後はアプリケーション プールを開始し、クラッシュするサービスは修復してください。

check-server-httperr-title = IIS に届く前に HTTP.sys が拒否した要求
check-server-httperr-guide-step = クライアントの IP アドレスが IIS ログに表示されない場合: C:\Windows\System32\LogFiles\HTTPERR を確認します
check-server-httperr-what = HTTP.sys のエラー ログを読み取り、キュー (アプリケーション プール) ごとに理由フレーズを時系列で説明します: AppOffline、QueueFull、ConnLimit、Disabled、破棄された接続、タイムアウト。
check-server-httperr-why = アプリケーション プールが停止または過負荷の場合、IIS が何かを記録する前に HTTP.sys が 503 を返します。これらの要求は HTTPERR にしか記録されません。
check-server-httperr-evidence = HTTPERR ログ (httperr*.log)。
check-server-httperr-fix = WsusPool を開始してクラッシュを止め (メモリの制限)、キューの長さを増やしてください。接続の切断はアプリケーション プールのリサイクルを示しています。ConnLimit はサイトの接続の制限、N/A は HTTP.sys の内部エラーまたは URL 予約のエラーであり、どちらもアプリケーション プールのメモリでは解決しません。

check-server-iis-log-title = WSUS サイトの IIS ログのエラー
check-server-iis-log-guide-step = 接続エラーのトラブルシューティングの手順 3: IIS ログを確認し、200/206/401/403/404/500/503 を解釈します
check-server-iis-log-what = WSUS サイトの IIS ログを読み取り、すべての状態コードをガイドと同じように解釈します: 401 は後に成功が続かない場合のみ、403 は Windows Update エージェントに返したもののみ (ブラウザーに返したものは除く)、404 は WSUS の仮想ディレクトリに対するもの、500 はサブステータスごと、503 は集中して発生したもの、および切断された接続。
check-server-iis-log-why = IIS ログには、サーバーが各クライアントにどう応答したかが記録されます。503 の集中は、クライアントのタイムアウトのサーバー側の記録です。
check-server-iis-log-evidence = WSUS サイトの IIS W3C ログ (u_ex*.log)。
check-server-iis-log-fix = 状態コードによって異なります: 503 の場合は WsusPool のメモリを増やし、404.0 の場合は仮想ディレクトリを修復し、404.3 の場合は MIME の種類を追加し、404.13 の場合は maxAllowedContentLength を増やし、403 の場合は SSL と証明書の設定を修正してください。

check-server-services-title = WSUS と IIS のサービス
check-server-services-guide-step = 接続エラーのトラブルシューティングの手順 1: Update Services サービス (WsusService) と World Wide Web Publishing Service (W3SVC) が実行されていることを確認します
check-server-services-what = WsusService、W3SVC、WAS (W3SVC が必要とするサービス) が実行されていることを確認し、システム ログからそれらのクラッシュと再起動を一覧表示します。
check-server-services-why = Web サービスまたは WSUS サービスが停止している間、クライアントはスキャンできません。
check-server-services-evidence = sc query / sc queryex の出力、Get-Service のエクスポート、実行中のサービス コントロール マネージャー、システム イベント ログ (Service Control Manager 7031、7034、7036)。
check-server-services-fix = サービスを開始し (Start-Service WsusService, W3SVC)、停止した原因をシステム ログとアプリケーション ログで調べてください。

check-server-tls-title = WSUS の SSL 構成
check-server-tls-guide-step = コード 403: 証明書の問題または IIS の構成の誤り
check-server-tls-what = UsingSSL を HTTPS のバインドとその証明書に照らして確認し、SSL を必要とする仮想ディレクトリ (Web サービスでは必要とすることが推奨され、Content/Selfupdate/ReportingWebService/Inventory では必要としてはなりません) と、クライアント証明書が必須になっていないことを確認します。サーバーで失敗した TLS ハンドシェイク (Schannel) を数え、クライアントの TLS エラーと対応付けます。
check-server-tls-why = Content または Selfupdate の仮想ディレクトリで SSL を必要とすると、クライアントが失敗します (403.4)。クライアント証明書を必須にすると、すべてのクライアントが 0x80072F0C で失敗します。
check-server-tls-evidence = applicationHost.config、WSUS の Setup レジストリ キー、証拠に含まれる証明書、システム ログの Schannel イベント 36874/36887/36888。
check-server-tls-fix = Microsoft のドキュメントに従って仮想ディレクトリごとに SSL の要件を設定し、クライアント証明書を [無視] に設定し、サイトの証明書を更新または置き換えてください。

check-server-version-title = WSUS のバージョンと必要な更新プログラム
check-server-version-guide-step = 前提条件: WSUS 3.0 SP2 には KB4039929 (3.2.7600.283)、Windows Server 2012/2012 R2/2016 には KB4039873/KB4039871/KB4039396 以降が必要です
check-server-version-what = WSUS の製品バージョン、オペレーティング システムのビルド、インストールされている更新プログラムの一覧を読み取り、ガイドが示す最小要件と比較します。
check-server-version-why = 2017 年の修正がないと、Configuration Manager とクライアントは安定して接続できません。WSUS 3.0 SP2 はサポートが終了しており、TLS 1.2 がないため Microsoft Update と同期できません。
check-server-version-evidence = レジストリ HKLM\SOFTWARE\Microsoft\Update Services\Server\Setup と HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (.reg エクスポートまたは reg query)、Get-HotFix / wmic qfe の出力、WSUS の SoftwareDistribution.log。
check-server-version-fix = 示された更新プログラムまたはそれ以降のロールアップをインストールし、サーバーを再起動してから、もう一度確認してください。ソフトウェアの更新ポイントがリモートにある場合は、サイト サーバー上の WSUS 管理コンソールにもこの更新プログラムが必要です。

check-server-website-title = WSUS の Web サイト
check-server-website-guide-step = 接続エラーのトラブルシューティングの手順 2: 既定の Web サイトまたは WSUS 管理 Web サイトが実行されていることを確認します
check-server-website-what = IISTargetWebsiteIndex から WSUS サイトを特定し、開始されていること、バインドが PortNumber と UsingSSL に一致すること、仮想ディレクトリが存在すること、ASP.NET 偽装が無効であること、/Content に .esd、.wim、.msu の MIME の種類があることを確認します。
check-server-website-why = サイトが停止している、ポートが誤っている、または仮想ディレクトリがない場合、クライアントのすべての要求が失敗します (404、接続の拒否)。
check-server-website-evidence = applicationHost.config、appcmd list site、WSUS の Setup レジストリ キー、IIS ログ (404.3)。
check-server-website-fix = サイトを開始するか、バインドを復元するか (8530/8531、既定の Web サイトの場合は 80/443)、wsusutil postinstall で仮想ディレクトリを修復するか、不足している MIME の種類を追加してください。

# docs/checks.ja.md
docs-checks-title = チェック
docs-checks-generated = `WSUS_DOCTOR_BLESS=1 cargo test --lib checks::catalogue` によって src/checks/catalogue.rs から生成されます。手動で編集しないでください。
docs-checks-stable = チェックの ID は固定です。名前が変更されたり再利用されたりすることはありません。`wsus-doctor explain <id>` でも同じ内容が表示されます。
docs-checks-table-head = | ID | タイトル | 段階 |
docs-since = { $version } 以降
docs-guide-step = *ガイドの手順:* { $step }
docs-what = 確認内容
docs-why = 重要な理由
docs-evidence = 読み取る証拠
docs-fix = 対処方法
docs-sources = 出典
