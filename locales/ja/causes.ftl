# 根本原因: タイトル、反証となるもの、収集する証拠。
need-iis-log = 同じ時間帯の WSUS サイトの IIS ログ (C:\inetpub\logs\LogFiles\W3SVC<IISTargetWebsiteIndex>) を収集してください
need-httperr = 同じ時間帯のサーバーの HTTP.sys エラー ログ (C:\Windows\System32\LogFiles\HTTPERR、管理者権限が必要) を収集してください
need-system-log = サーバーのシステム ログをエクスポートしてください: wevtutil epl System System.evtx
need-app-host-config = WSUS サーバーから %windir%\System32\inetsrv\config\applicationHost.config を収集してください
need-client-wu-log = クライアントの WindowsUpdate.log を収集してください (Windows 10 以降では Get-WindowsUpdateLog)
need-client-policy = クライアントのポリシーをエクスポートしてください: reg export HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate wu-policy.reg
need-config-mgr-logs = クライアントの %windir%\CCM\Logs\LocationServices.log と WUAHandler.log を収集してください
need-client-identity = クライアントの ipconfig /all の出力を収集してください (または --client-ip を指定してください)
need-wsus-log = WSUS サーバーの %ProgramFiles%\Update Services\LogFiles\SoftwareDistribution.log を収集してください

cause-wsuspool-memory = WsusPool が負荷によりプライベート メモリの制限に達してリサイクルされています: クライアントは 503 を受け取り、タイムアウトします
cause-wsuspool-memory-refuted-1 = WsusPool のプライベート メモリの制限が 0 (制限なし) または数 GB で、503 が集中した時刻に WAS のプライベート メモリによるリサイクル (5117) がないこと
cause-wsuspool-memory-refuted-2 = メモリの設定を変えずにアプリケーション プールを開始した後に 503 が止まること (その場合、アプリケーション プールは停止していただけです)

cause-wsuspool-stopped = WsusPool が停止しています (またはラピッド フェール保護によって無効になっています)
cause-wsuspool-stopped-refuted-1 = appcmd list apppool で WsusPool が state:Started と表示され、その後 HTTPERR に AppOffline も Disabled もないこと

cause-service-down = WSUS サーバーのサービス (WsusService、W3SVC、または WAS) が停止しています
cause-service-down-refuted-1 = クライアントが失敗した時刻に、sc query でサービスが RUNNING と表示されること

cause-wsus-database = WSUS データベース (SUSDB) が停止しているか障害が発生しています: WSUS はクライアントにサーバー エラーを返します
cause-wsus-database-refuted-1 = クライアントが失敗した時刻に、データベースのサービスが実行中で、SoftwareDistribution.log に SqlException がないこと
cause-wsus-database-refuted-2 = WSUS サーバーから sqlcmd でインスタンスに接続し、SUSDB にクエリを実行できること

cause-site-unavailable = WSUS の Web サイトが停止しているか、存在しないか、クライアントが使用するポートとは異なるポートにバインドされています
cause-site-unavailable-refuted-1 = appcmd list site で WSUS サイトが Started と表示され、クライアントのポートにバインドがあること

cause-missing-vdir = WSUS の仮想ディレクトリがありません (WSUS のエンドポイントで 404)
cause-missing-vdir-refuted-1 = applicationHost.config の WSUS サイトの下にその仮想ディレクトリがあること

cause-missing-mime-map = WSUS サイトの IIS に、ある種類の更新プログラムのコンテンツに対応する MIME の種類がありません: そのダウンロードが 404.3 で失敗します
cause-missing-mime-map-refuted-1 = MIME の種類を追加した後、同じ /Content の URL が 200 を返し、その後 404.3 がないこと

cause-ssl-misconfigured = SSL または証明書の構成が原因でクライアントが接続できません
cause-ssl-misconfigured-refuted-1 = クライアントから https の URL をプローブし、TLS の検証に合格すること

cause-client-wrong-server = クライアントが誤ったサーバーの URL に接続するように設定されています
cause-client-wrong-server-refuted-1 = 同じ URL が別のクライアントから動作すること (wsus-doctor probe URL)

cause-proxy-in-the-way = クライアントと WSUS の間にプロキシがあります
cause-proxy-in-the-way-refuted-1 = プロキシをバイパスした状態でクライアントが WSUS に到達すること (netsh winhttp reset proxy の後に UsoClient StartScan)

cause-configmgr-vs-gpo = Configuration Manager が渡す WSUS がグループ ポリシーで設定された WSUS と異なります
cause-configmgr-vs-gpo-refuted-1 = LocationServices.log、ポリシーのレジストリ、WindowsUpdate.log のすべてが同じサーバーを示していること

cause-corrupt-local-policy = クライアントのローカル グループ ポリシー ファイル (Registry.pol) が破損しています: Configuration Manager クライアントが WSUS サーバーを設定できません
cause-corrupt-local-policy-refuted-1 = WUAHandler.log で、0x80004005 の行の後に WSUS のソースについて 'Added Update Source' が記録され、それより新しいエラーがないこと

cause-network-block = ネットワークがクライアントをブロックしています: 要求がサーバーに届いていません
cause-network-block-refuted-1 = サーバーの HTTPERR ログにクライアントのアドレスがあること (その場合は HTTP.sys が要求を拒否しています)

cause-aspnet-impersonation = WSUS サイトで ASP.NET 偽装が有効になっています: WSUS のすべてのエンドポイントが 500.24 を返します
cause-aspnet-impersonation-refuted-1 = その設定が見つかった後に、WSUS のエンドポイントが 200 を返していることが IIS ログに記録されていること

cause-prerequisites-missing = WSUS サーバーに、ガイドで必要とされる更新プログラムがインストールされていません
cause-prerequisites-missing-refuted-1 = インストールされている更新プログラムの一覧に KB4039929 (または示されたロールアップ、あるいはそれ以降のもの) があること

need-covering = { $how } (対象期間: { $span })
cause-competing = { $proof } (競合する別の説明も見つかりました)
cause-proof = { $check }: { $title }
cause-proof-with-summary = { $check }: { $title } — { $summary }
cause-proof-and-more = { $proof } (ほか同様のもの { $more } 件)
cause-title-with-proof = { $title } ({ $proof })
