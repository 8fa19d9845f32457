scan-status-iis-from-all = サーバーの IIS ログには、このうち { $seen } 台からの要求が記録されています ({ $answered } 台は 503 を受け取りました)。
scan-status-iis-from-some = サーバーの IIS ログには、このうち { $seen } 台からの要求が記録されています ({ $answered } 台は 503 を受け取りました)。{ $unseen } からの要求はありません。

## client.proxy

proxy-skipped = 証拠に WinHTTP プロキシの設定 (netsh winhttp show proxy の出力または WinHttpSettings の値) がありません
proxy-user-fallback = SetProxyBehaviorForUpdateDetection は 1 です。WinHTTP プロキシで失敗すると、エージェントはユーザーのプロキシにフォールバックすることがあります。
proxy-no-user-fallback = SetProxyBehaviorForUpdateDetection は 1 ではありません。エージェントはイントラネットの検出でユーザーのプロキシにフォールバックしません。
proxy-direct-title = WinHTTP は直接接続します
proxy-direct-summary = WinHTTP プロキシは設定されていません。エージェントは WSUS に直接接続します。
proxy-set-title = WinHTTP プロキシ { $server } が設定されています
proxy-set-summary = WinHTTP プロキシが設定されていますが、証拠に WSUS サーバーの名前がないため、WSUS がバイパスされるかどうかを確認できません。
proxy-set-explanation = バイパス一覧が WSUS ホストに一致しない限り、エージェントはイントラネットへの要求を WinHTTP プロキシ経由で送信します (WU-PROXY)。
proxy-bypassed-title = WinHTTP プロキシは { $host } をバイパスします
proxy-bypassed-summary = WinHTTP プロキシ { $server } が設定されており、そのバイパス一覧は WSUS ホスト { $host } を含んでいます。
proxy-no-bypass-title = WinHTTP プロキシ { $server } は WSUS ホスト { $host } をバイパスしません
proxy-no-bypass-summary = { $host } への要求は { $server } を経由します。このプロキシが WSUS サーバーに到達できない場合や認証を要求する場合、スキャンはタイムアウトする (0x80072EE2) か、0x8024401B (HTTP 407) で失敗します。
proxy-no-bypass-explanation = Windows Update エージェントは、イントラネット (WSUS) の検出を、ブラウザーのプロキシではなく WinHTTP プロキシ経由で送信します (WU-PROXY)。
proxy-no-bypass-remedy = WSUS ホストを短い名前と FQDN の両方で WinHTTP のバイパス一覧に追加するか (WinHTTP は URL に書かれたとおりの名前で比較します)、クライアントにプロキシが不要な場合は WinHTTP プロキシを削除してください (クライアントの管理者特権のコマンド プロンプトで実行します)。
proxy-reset-comment = プロキシがまったく不要な場合のみ

## client.reaches-server

reaches-skipped-no-client = 証拠にクライアントのアドレス (ipconfig /all の出力または --client-ip) がありません
reaches-skipped-no-iis-log = 証拠に WSUS サーバーの IIS ログがありません
reaches-seen-title = クライアント { $ip } は WSUS サーバーに到達しています
reaches-seen-errors-title = クライアント { $ip } は WSUS サーバーに到達していますが、応答の大半はサーバー エラーです
reaches-seen-summary = { $first } から { $last } までに { $count } 件の要求があります。状態コード: { $statuses }。
reaches-seen-explanation = クライアントのアドレスが WSUS サイトの IIS ログに記録されているため、クライアントはこのサーバーを指しており、ネットワークも要求を通しています。残っている失敗の原因は応答にあります (server.iis-log と client.wu-log を参照してください)。
reaches-one-request = このクライアントの要求の 1 つ
reaches-no-overlap-title = IIS ログとクライアントのログの期間が重なっていません
reaches-no-overlap-summary = IIS ログ: { $iis_first } – { $iis_last }、クライアントの動作: { $client_first } – { $client_last }。クライアントが IIS ログに記録されていないことからは何も判断できません。
reaches-no-overlap-remedy = クライアントが失敗した日の IIS ログを収集してください (WSUS サーバーの C:\inetpub\logs\LogFiles\W3SVC<site id>)。
reaches-absent-title = クライアント { $ips } は IIS ログに一度も記録されていません
reaches-absent-summary = WSUS サーバーの IIS ログに { $ips } からの要求はありません。
reaches-absent-summary-span = WSUS サーバーの IIS ログ ({ $first } – { $last }) に { $ips } からの要求はありません。
reaches-elsewhere-title = クライアント { $ips } は WSUS に一度も要求していませんが、サーバーにはこのクライアントの別の要求が記録されています
reaches-elsewhere-summary = IIS ログに { $ips } から WSUS の仮想ディレクトリへの要求はありません。{ $ip } からサーバーの別のアプリケーションへの要求が { $first } から { $last } までに { $count } 件あります ({ $statuses })。クライアントはこのコンピューターに到達していますが、WSUS には到達していません。
reaches-elsewhere-summary-span = IIS ログ ({ $from } – { $to }) に { $ips } から WSUS の仮想ディレクトリへの要求はありません。{ $ip } からサーバーの別のアプリケーションへの要求が { $first } から { $last } までに { $count } 件あります ({ $statuses })。クライアントはこのコンピューターに到達していますが、WSUS には到達していません。
reaches-one-request-elsewhere = 別のアプリケーションへのこのクライアントの要求の 1 つ
reaches-absent-explanation = ガイドによると、クライアントがこの WSUS サーバーを指していない、ネットワークがブロックしている、または IIS が記録する前に HTTP.sys が要求を拒否した可能性があります。以下の 3 つのチェックで、それぞれについて証拠からわかることを示します。
reaches-no-httperr-title = 証拠に HTTPERR ログがありません
reaches-no-httperr-summary = IIS より前に HTTP.sys が拒否した要求 (キューが満杯、プールの停止、不正な要求) は HTTPERR ログにのみ記録されます。
reaches-no-httperr-remedy = WSUS サーバーから C:\Windows\System32\LogFiles\HTTPERR\httperr*.log を収集し、もう一度分析を実行してください。
reaches-httperr-title = IIS が記録する前に HTTP.sys が { $ip } の要求を拒否しました
reaches-httperr-summary = { $first } から { $last } までに HTTPERR の記録が { $count } 件あります: { $reasons }。
reaches-httperr-explanation = クライアントはサーバーに到達していますが、HTTP.sys が要求を破棄しています。理由は記録された理由コードからわかります (server.httperr を参照してください)。
reaches-httperr-none-title = HTTPERR にもクライアントの記録はありません
reaches-httperr-none-summary = IIS も HTTP.sys もクライアントを記録していません。クライアントの要求はこのサーバーに届いていません (ポリシーのサーバーの誤り、DNS、ファイアウォール、またはプロキシ)。
reaches-no-policy-title = 証拠にクライアントの WUServer ポリシーがありません
reaches-no-policy-summary = クライアントで HKLM\SOFTWARE\Policies\Microsoft\Windows\WindowsUpdate を確認してください。WUServer と WUStatusServer には WSUS サーバーの正しい FQDN が設定されている必要があります。
reaches-no-policy-remedy = クライアントでポリシーのキーをエクスポートし、証拠に追加してください。
reaches-policy-title = クライアントのポリシーは { $url } を指しています
reaches-policy-summary = WUServer は { $url } です。これが IIS ログを提供したサーバーであること、およびクライアントからこの名前がそのサーバーに解決されることを確認してください。
reaches-policy-problems-summary = WUServer は { $url } です: { $problems }。
reaches-policy-remedy = '{ $gpo }' を修正してください (client.policy を参照してください)。
reaches-configmgr-title = ConfigMgr が { $url } を割り当てました
reaches-configmgr-summary = LocationServices.log: WSUS Path='{ $url }', Server='{ $server }'。これが IIS ログを提供したサーバーであることを確認してください。
reaches-no-configmgr-title = 証拠に ConfigMgr クライアントのログがありません
reaches-no-configmgr-summary = Configuration Manager クライアントでは、クライアントに割り当てられた WSUS サーバーが LocationServices.log に記録されます。クライアントが ConfigMgr で管理されている場合は、このログを追加してください。
reaches-no-configmgr-remedy = クライアントから C:\Windows\CCM\Logs\LocationServices.log (および WUAHandler.log) を収集してください。
reaches-no-location-title = LocationServices.log に WSUS の場所がありません
reaches-no-location-summary = 'WSUS Path=' のエントリが記録されていません。記録されるように、ソフトウェア更新プログラム スキャン サイクルを強制的に実行する必要があります。

## client.policy

policy-gpo-path = コンピューターの構成 > 管理用テンプレート > Windows コンポーネント > Windows Update > イントラネットの Microsoft 更新サービスの場所を指定する

## client.configmgr

configmgr-force-scan = クライアントでソフトウェア更新プログラム スキャン サイクルを強制的に実行し (Configuration Manager のコントロール パネル > [アクション] > [ソフトウェア更新プログラム スキャン サイクル]、または次のコマンド)、LocationServices.log の 'WSUS Path=' の行をもう一度確認してください。
configmgr-force-scan-comment = クライアントで管理者として実行します。スケジュール ID はソフトウェア更新プログラム スキャン サイクルです
configmgr-at = 時刻: { $time }
configmgr-skipped = 証拠に Configuration Manager クライアントのログがありません
configmgr-no-location-title = LocationServices.log に WSUS の場所がありません
configmgr-no-location-why = LocationServices.log を読み取りましたが、'WSUS Path=' の行がありません。ログが切り替わってからクライアントがソフトウェアの更新ポイントを要求していないか、管理ポイントが場所を返しませんでした (SUP の同期の失敗、またはコンテンツ バージョンの不一致、KB3090184)。
configmgr-no-location-log-title = 証拠に LocationServices.log がありません
configmgr-no-location-log-why = 読み取った ConfigMgr のログに LocationServices.log が含まれていません。このログには、管理ポイントがクライアントに渡した WSUS の場所が記録されます。ガイドではこのログを確認するよう求めています。
configmgr-no-path-line = 'WSUS Path=' の行がありません
configmgr-no-location-summary = ConfigMgr がこのクライアントに割り当てた WSUS サーバーを証拠から確認できません。
configmgr-no-location-guide = ガイドによると、エントリが記録されるように、ソフトウェア更新プログラム スキャン サイクルを強制的に実行する必要がある場合があります (KB4025764)。
configmgr-malformed-title = ソフトウェアの更新ポイントの URL '{ $url }' の形式が正しくありません
configmgr-malformed-summary = ConfigMgr が渡した場所の問題: { $problem }。
configmgr-malformed-explanation = ConfigMgr はこの URL を WUServer ポリシーに書き込みます。コンソールで、ソフトウェアの更新ポイントのサイト システム名またはポートを修正してください。
configmgr-policy-differs-title = WUServer ポリシーが、ConfigMgr が割り当てたソフトウェアの更新ポイントと異なります
configmgr-policy-differs-summary = ConfigMgr は { $assigned } を割り当てましたが、WUServer は { $policy } です。エージェントはポリシーのサーバーに対してスキャンします。
configmgr-policy-differs-explanation = ConfigMgr クライアントはソフトウェアの更新ポイントをローカル ポリシーに書き込みます。ドメインのグループ ポリシー [イントラネットの Microsoft 更新サービスの場所を指定する] がこれを上書きすると、クライアントは ConfigMgr が認識しないサーバーに対してスキャンするため、スキャンが失敗するか、何も報告されません (CM-COMPLIANCE、KB3090184)。
configmgr-policy-differs-remedy = ConfigMgr クライアントからドメインの GPO 設定 '{ $gpo }' を削除し (またはソフトウェアの更新ポイントを指定するように変更し)、ポリシーを更新してからスキャン サイクルを強制的に実行してください。
configmgr-log-differs-title = WindowsUpdate.log で使用されたサーバーが、ConfigMgr が割り当てたサーバーと異なります
configmgr-log-differs-summary = ConfigMgr は { $assigned } を割り当てました。エージェントが最後に記録した WSUS サーバーは { $used } です。
configmgr-log-differs-explanation = エージェントはスキャン時点のポリシーに従います。サーバーが異なる場合は、ポリシーが (グループ ポリシーによって) 上書きされたか、証拠の時点が異なります。
configmgr-another-server = 別のサーバー
configmgr-group-policy = グループ ポリシー
configmgr-gpo-override-title = グループ ポリシーがソフトウェアの更新ポイントを上書きしています
configmgr-gpo-override-summary = WUAHandler: Windows Update のポリシーが上位の権限 ({ $authority }) によってサーバー { $server } に上書きされました。
configmgr-gpo-override-explanation = ドメインの GPO 設定 [イントラネットの Microsoft 更新サービスの場所を指定する] は ConfigMgr クライアントのローカル ポリシーより優先されます。この設定が別のサーバーを指定していると、ConfigMgr のスキャンは失敗するか、誤ったサーバーに対して報告されます (CM-COMPLIANCE、KB3090184)。
configmgr-gpo-override-remedy = ConfigMgr クライアントに適用される GPO から '{ $gpo }' を削除するか、ソフトウェアの更新ポイントを指定するように変更してから、ポリシーを更新してください。
configmgr-gpresult-comment = Windows Update のポリシーを設定している GPO を表示します
configmgr-scan-errors-title = ソフトウェア更新プログラムのスキャンが { $code } で失敗しています
configmgr-scan-errors-summary = { $component } がスキャンの失敗を { $count } 件記録しました。
configmgr-scan-errors-summary-first = { $component } がスキャンの失敗を { $count } 件記録しました (最初は { $time })。
configmgr-scan-errors-see-log = 失敗した要求を WindowsUpdate.log で確認してください (client.wu-log)。
configmgr-last = 最後
configmgr-managed-differs-title = WUAHandler が設定したサーバーが、LocationServices が受け取ったサーバーと異なります
configmgr-managed-differs-summary = WUAHandler: 管理対象サーバー { $managed }、LocationServices: { $location }。
configmgr-managed-differs-explanation = 2 つのログには同じソフトウェアの更新ポイントが記録されるはずです。異なる場合は、エントリの間に割り当てが変わったか、古いサーバーがポリシーに残っています。
configmgr-pass-title = ConfigMgr が { $url } を割り当てました
configmgr-pass-summary = ソフトウェアの更新ポイント { $url } は、証拠にあるポリシーおよび WindowsUpdate.log と一致しています。ConfigMgr のログにスキャン エラーはありません。
configmgr-corrupt-policy-title = ローカル グループ ポリシー ファイル Registry.pol が破損しています: WUAHandler が WSUS の更新ソースを追加できません
configmgr-corrupt-policy-summary = WUAHandler がローカル グループ ポリシー オブジェクトを読み取れないか、その更新ソースを追加できませんでした (0x80004005 の行が { $count } 行)。このため、クライアントにはスキャン対象の WSUS サーバーがありません。{ $file } を解析できません。
configmgr-corrupt-policy-summary-first = WUAHandler がローカル グループ ポリシー オブジェクトを読み取れないか、その更新ソースを追加できませんでした (0x80004005 の行が { $count } 行、最初は { $time })。このため、クライアントにはスキャン対象の WSUS サーバーがありません。{ $file } を解析できません。
configmgr-corrupt-policy-explanation = Configuration Manager クライアントは、ローカル グループ ポリシー オブジェクトを通じて、ソフトウェアの更新ポイントをコンピューターのローカル ポリシーに書き込みます。このオブジェクトのレジストリ ファイルが破損していると、すべての試行が E_FAIL (0x80004005) で失敗し、ソフトウェア更新プログラムのスキャンも失敗します。ファイルを別の名前に変更すると、グループ ポリシーが新しいファイルを書き込みます。これらの WUAHandler のメッセージの 0x80004005 が Registry.pol の破損を意味することは、Microsoft のページでは確認されていません (UNCONFIRMED、現場の報告による)。
configmgr-conflict-title = グループ ポリシーの競合 (0x87D00692): ドメインの GPO が Configuration Manager クライアントの WSUS サーバーを設定しています
configmgr-conflict-summary = { $component } が 0x87D00692 を { $count } 回記録しました。グループ ポリシーの [イントラネットの Microsoft 更新サービスの場所を指定する] が、ConfigMgr が管理するソフトウェアの更新ポイントを上書きしています。
configmgr-conflict-summary-first = { $component } が 0x87D00692 を { $count } 回記録しました (最初は { $time })。グループ ポリシーの [イントラネットの Microsoft 更新サービスの場所を指定する] が、ConfigMgr が管理するソフトウェアの更新ポイントを上書きしています。
configmgr-conflict-remedy = ConfigMgr クライアントに適用される GPO から '{ $gpo }' を削除し (またはソフトウェアの更新ポイントを指定するように変更し)、ポリシーを更新してから、ソフトウェア更新プログラム スキャン サイクルを開始してください。

## client.scan-status

scan-status-list = { $list }{ $separator }{ $item }
scan-status-names-and-more = { $names } ほか { $more } 台
scan-status-first-of = { $count } 台のうち最初のマシン
scan-status-skipped = 証拠に Configuration Manager のスキャン状態のエクスポート (v_UpdateScanStatus) がありません
scan-status-healthy-title = { $total } 台のうち { $count } 台のマシンは、最後のスキャンがエラーなしで完了しています
scan-status-healthy-summary = LastErrorCode が 0 で、スキャンが完了しています: { $machines }。
scan-status-healthy-explanation = これらのクライアントについてサイトに最後に記録されているのは、ソフトウェアの更新ポイントに対する成功したスキャンです。
scan-status-unknown-code = HRESULT の表にないコードです。
scan-status-code-meaning = { $code } { $meaning }
scan-status-most-fleet = 大半のマシンが同じように失敗しています。クライアントより先に、クライアントに共通するもの (WSUS サーバーとそこまでの経路) を調べてください。
scan-status-relieve-pool = 複数のクライアントでのタイムアウトと 503 は、WSUS のアプリケーション プールを示しています。{ $pool } のプライベート メモリの制限を引き上げ (ガイドでは 4 GB から 8 GB 以上)、WSUS のメンテナンス (置き換えられた更新プログラムの拒否、データベースのインデックスの再作成) を実行してください。サーバーの IIS ログの 503 で確認してください (server.iis-log)。
scan-status-read-log = これらのクライアントのいずれかで、最後のスキャンの前後の WindowsUpdate.log を読み、失敗した要求を確認してください (wsus-doctor explain { $code })。
scan-status-scan-cycle-comment = 次に、一覧の各クライアントで実行します: ソフトウェア更新プログラム スキャン サイクルにより、新しいスキャンの結果がサイトに報告されます
scan-status-error-title = { $count } 台のマシンの最後のスキャンが { $code } で失敗しています
scan-status-error-summary = { $meaning } 種類: { $family }。マシン: { $machines }。
scan-status-iis-request = サーバーの IIS ログにある { $machine } ({ $ip }) からの要求
scan-status-no-state = { $machine } (状態なし)
scan-status-unfinished-title = { $count } 台のマシンに完了したスキャンの記録がありません
scan-status-unfinished-summary = エラーはありませんが、完了したスキャンもありません: { $machines }。
scan-status-unfinished-explanation = サイトには、これらのマシンの最後のスキャンの結果がありません。スキャンが実行中、待機中、再試行待ちであるか、クライアントが一度も報告していません。LastScanState の名前は v_StateNames のトピックの種類 501 のものです (UNCONFIRMED: 番号を記載した Microsoft のページはありません)。
scan-status-stale-title = { $count } 台のマシンが、最新のスキャンより { $days } 日以上前からスキャンしていません
scan-status-stale-summary = エクスポート内の最新のスキャンは { $newest } です。これらのマシンの最後のスキャンはそれより古くなっています: { $machines }。
scan-status-stale-explanation = 何日もスキャンを報告していないクライアントは、電源が切れているか、ConfigMgr クライアントが壊れているか、報告する前に失敗しています。エクスポート内のエラー コードはそのスキャンと同じだけ古いものです。
scan-status-oldest-scan = 最も古い最終スキャン
scan-status-stale-remedy = これらのクライアントの電源が入っていて ConfigMgr クライアントが正常であることを確認してから、ソフトウェア更新プログラム スキャン サイクルを実行してください。
scan-status-each-client = 一覧の各クライアントで実行します
scan-status-one-location-title = 場所が記録されている { $count } 台のマシンはすべて { $location } に対してスキャンしています
scan-status-one-location-summary = 場所が記録されているすべてのマシンで、LastScanPackageLocation は { $location } です。
scan-status-one-location-explanation = クライアントは 1 つのソフトウェアの更新ポイントに対してスキャンしています。
scan-status-location-machines = { $location }: { $machines }
scan-status-locations-title = マシンは { $count } か所の異なる WSUS の場所に対してスキャンしています
scan-status-locations-summary = { $count } 台のマシンは { $location } に対してスキャンしています。その他: { $others }。
scan-status-locations-explanation = LastScanPackageLocation は、クライアントが最後にスキャンした WSUS サーバーです。ソフトウェアの更新ポイントが 1 つであれば、すべてのクライアントがそのサーバーを示すはずです。別の場所は、ConfigMgr が書き込む場所をグループ ポリシーが上書きしている (client.configmgr)、別のサイトのクライアントである、またはソフトウェアの更新ポイントが移動されたことを意味します。
scan-status-first-of-location = { $location } に対してスキャンしている { $count } 台のうち最初のマシン
scan-status-locations-remedy = 少数派の場所のクライアントで、WUAHandler.log の 'Group policy settings were overwritten by a higher authority' と、WSUS の場所のポリシーについての gpresult を確認してください。GPO の場所を削除するか、ソフトウェアの更新ポイントを指定するように変更してから、ソフトウェア更新プログラム スキャン サイクルを実行してください。
scan-status-gpresult-comment = 一覧のクライアントで実行します: Windows Update のポリシーを設定している GPO を表示します

## client.wu-log

wu-log-unnamed-server = 名前のないサーバー
wu-log-episode-title = { $server } への接続で { $code }
wu-log-episode-summary-at = { $time } に { $count } 回失敗しました ({ $codes })。操作: { $operations }。
wu-log-episode-summary-range = { $first } から { $last } までに { $count } 回失敗しました ({ $codes })。操作: { $operations }。
wu-log-episode-url = URL: { $url }。
wu-log-microsoft-update = これは Microsoft の更新サービスであり、WSUS ではありません。
wu-log-soap-fault = SOAP エラーの ErrorCode: { $codes }。
wu-log-double-slash = パスが '//' で始まっています。ポリシーのサーバー URL がスラッシュで終わっています (client.policy を参照してください)。
wu-log-compare-503 = 同じ時刻の server.iis-log と server.app-pool と比較してください。そこに 503 があれば、WsusPool の過負荷が確認できます。そこにこのクライアントからの要求がなければ、ネットワークまたはクライアントに設定されたサーバー名が原因です (client.reaches-server)。
wu-log-relieve-pool = サーバーの IIS ログのこの時刻に 503 がある場合は、WSUS のアプリケーション プールの負荷を下げてください。{ $pool } のプライベート メモリの制限を引き上げ (ガイドでは 4 GB から 8 GB 以上)、WSUS のメンテナンス (置き換えられた更新プログラムの拒否、データベースのインデックスの再作成) を実行してから、クライアントでスキャンを開始してください。このクライアントからの要求が記録されていない場合は、まずサーバーまでの経路を確認してください (client.reaches-server)。
wu-log-start-scan-comment = その後、Windows 10 以降のクライアントで実行します
wu-log-find-meaning = 最初の試行の前後の行で、この要求における { $code } の意味を確認してください (wsus-doctor explain { $code })。
wu-log-first-attempt = 最初に失敗した試行
wu-log-zone-read-at = タイムゾーンが不明なクライアントの時刻は { $offset } として読み取りました
wu-log-zone-assumed-utc = タイムゾーンが不明なクライアントの時刻は UTC とみなしました
wu-log-pairing-title = クライアントのタイムアウトがサーバーの 503 の集中した時間帯に重なっています
wu-log-pairing-summary = クライアントのエラーの { $count } 件の期間が、WSUS の IIS ログで 503 が集中した時間帯に重なっています。
wu-log-pairing-summary-assumed = クライアントのエラーの { $count } 件の期間が、WSUS の IIS ログで 503 が集中した時間帯に重なっています ({ $offset })。
wu-log-pairing-explanation = ガイドによると、IIS の 503 エラーには、クライアントの WindowsUpdate.log の 2ee2 で終わるエラー (0x80072EE2) が伴う場合があります。両側で時刻が一致していることから、クライアントやネットワークではなく、WsusPool の過負荷が失敗の原因であることが確認できます。
wu-log-client-episode = クライアントのエラーの期間 { $range }
wu-log-burst = 503 が { $count } 件、{ $range }
wu-log-at = 時刻: { $time }
wu-log-null-title = エージェントの WSUS サーバーが { $url } から (null) に変わりました
wu-log-null-summary = { $time } にエージェントはイントラネットのサーバーの使用をやめました。それ以降は、WSUS ではなく Microsoft Update に対してスキャンします。
wu-log-null-explanation = ポリシーの値 WUServer/UseWUServer が削除されたか上書きされました (グループ ポリシーの更新、ConfigMgr クライアントのポリシーの変更、またはスクリプト)。client.policy および client.configmgr と比較してください。
wu-log-other-server-title = エージェントは、ポリシーで指定されたサーバーとは別のサーバーを使用しました
wu-log-other-server-summary = WindowsUpdate.log に最後に記録された WSUS サーバーは { $used } ですが、WUServer は { $policy } です。
wu-log-other-server-explanation = エージェントは、サービスの開始時とポリシーの変更時にポリシーを読み取ります。異なる場合は、レジストリの証拠とログの時点が異なるか、別のポリシーの提供元 (ドメインの GPO、ConfigMgr) が値を書き換えています。
wu-log-skipped = 証拠に WindowsUpdate.log がありません
wu-log-earlier-title = それ以前のエラーの期間が { $count } 件あります
wu-log-earlier-summary = それ以前の { $count } 件の期間にある { $attempts } 回の失敗は個別に表示していません (最新の { $shown } 件を表示しています)。
wu-log-times = 時刻: { $notes }。
wu-log-no-scan = 成功したスキャンは記録されていません
wu-log-no-scan-first = 成功したスキャンは記録されていません
wu-log-last-scan = 最後に成功したスキャンは { $time } に終了しました
wu-log-last-scan-first = 最後に成功したスキャンは { $time } に終了しました
wu-log-files-read = { $count } 個のログ ファイルを読み取りました
wu-log-no-errors = 接続エラーはありません
wu-log-server-used = 使用された WSUS サーバー: { $url }
wu-log-errors-in-episodes = { $episodes } 件の期間に { $errors } 件の接続エラーがあります
wu-log-clauses = { $first }。{ $next }
wu-log-clauses-end = { $clauses }。
wu-log-pass-title = WindowsUpdate.log に接続エラーはありません
wu-log-history-title = スキャンの履歴とログの時刻
wu-log-last-scan-note = 最後に成功したスキャン
