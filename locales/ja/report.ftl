report-mode-offline = オフライン診断
report-mode-live = このコンピューターのライブ診断
report-mode-probe = ネットワーク プローブ
report-urls = URL { $count } 件
report-evidence-files = 証拠ファイル { $count } 件
report-header = { $tool } { $version } — { $mode }、{ $what }、{ $time }
report-role = 役割: { $role }
report-not-read = 読み取れなかったもの: { $limit }
report-focus-window = 対象期間: { $summary }
report-names-and-more = { $names } ほか { $more } 台
report-machines = コンピューター: { $parts }
report-machines-part = { $role ->
    [server] WSUS サーバー
    [server-client] クライアントを兼ねる WSUS サーバー
    [client] クライアント
   *[none] WSUS の役割のないコンピューター
} { $count } 台 ({ $names })
report-no-cause-passed = 根本原因は見つかりませんでした: { $passed } 件のチェックに合格しました
report-no-cause-passed-skipped = 根本原因は見つかりませんでした: { $passed } 件のチェックに合格しました (証拠がないため { $skipped } 件をスキップしました: --verbose を参照してください)
report-no-cause-failing = 証拠全体から根本原因は見つかりませんでした。失敗の検出結果が { $fail } 件、警告が { $warn } 件あります (下記)。
report-diagnosis = 診断
report-cause = { $n }. { $title } [確度: { $confidence }]
confidence-high = 高
confidence-medium = 中
confidence-low = 低
report-clients-show-it = この原因が見られるクライアント { $count } 台: { $names }
report-on-machine = 対象: { $machine }
report-fix-first = 最初の対処: { $fix }
report-more-proofs = ほかの根拠 { $count } 件
report-missing-pieces = 不足している証拠 { $count } 件
report-with-verbose = ({ $what }は --verbose で表示されます)
report-and = { $first }、{ $second }
report-on = 対象: { $names }
report-at = 場所: { $location }
report-brief-footer = { $summary }。{ $evidence }。詳細: { $command }
report-summary = 概要
report-summary-counts = 失敗 { $fail }、警告 { $warn }、合格 { $pass }、情報 { $info }、スキップ { $skipped }
report-evidence-notes = { $files } ({ $notes })
report-not-recognised = 認識できなかったもの { $count } 件
report-with-read-errors = 読み取りエラー { $count } 件
report-not-readable = 読み取れなかったもの { $count } 件
report-timeline = タイムライン (UTC)
report-zone-assumed = (タイム ゾーンは推定)
report-more-events = ... ほかのイベント { $count } 件は JSON と HTML のレポートにあります
report-evidence-read = 証拠: { $count } 件のファイルを読み取りました
report-malformed-skipped = 形式が正しくない { $count } 行をスキップしました
report-could-not-read = { $path } を読み取れませんでした: { $message }
report-inventory-hint = (wsus-doctor inventory PATH... で、各ファイルについて何と認識したかとその理由を一覧表示します)
report-evidence = 証拠:
report-more-in-json = ... ほか { $count } 件は JSON レポートにあります
report-why = 理由: { $text }
report-fix = 対処: { $text }
report-sources = 出典: { $ids }
status-fail = 失敗
status-warn = 警告
status-info = 情報
status-pass = 合格
status-skipped = スキップ
stage-prerequisites = 前提条件
stage-services = サービス
stage-web-site = WSUS の Web サイトとアプリケーション プール
stage-iis-logs = IIS ログ
stage-httperr = HTTP.sys のエラー ログ
stage-server-health = サーバーのイベントと TLS
stage-client-policy = クライアントのポリシーとプロキシ
stage-client-logs = クライアントのログ
stage-config-mgr = Configuration Manager
stage-reachability = クライアントはサーバーに到達しているか
stage-probe = ネットワーク プローブ
html-title = { $tool } レポート ({ $time })
html-subtitle = Windows Update クライアントが WSUS サーバーと通信できない理由と、その対処。
html-mode = モード
html-generated = 作成日時
html-inputs = 入力
html-none = なし
html-focus-window = 対象期間
html-report-format = レポート形式
html-contents = 目次
html-diagnosis = 診断
html-findings = 検出結果
html-traffic = トラフィック
html-timeline = タイムライン
html-evidence = 証拠
html-summary = 概要
html-tile-fail = 失敗
html-tile-warn = 警告
html-tile-pass = 合格
html-tile-info = 情報
html-tile-skipped = スキップ
html-evidence-line = 証拠: { $files } 件のファイルを読み取りました{ $unknown ->
    [0] {""}
   *[other] 、認識できなかったもの { $unknown } 件
}{ $errors ->
    [0] {""}
   *[other] 、読み取りエラー { $errors } 件
}{ $malformed ->
    [0] {""}
   *[other] 、形式が正しくない行 { $malformed } 行をスキップ
}{ $problems ->
    [0] {""}
   *[other] 、読み取れなかった入力 { $problems } 件
}。
html-machine = コンピューター
html-role = 役割
html-files = ファイル
html-identified-by = 識別の根拠
html-confidence = 確度: { $confidence }
html-chain = 根拠の連鎖
html-refuted-by = 反証となるもの
html-missing = 不足している証拠
html-fix-first = 最初の対処
html-rule = ルール
html-no-cause-failing = 証拠から根本原因は特定できませんでした。失敗した内容は下の検出結果に示されており、それぞれに対処があります。
html-no-cause-passing = 証拠から根本原因は特定できませんでした。失敗したチェックはありません。
html-no-cause-no-evidence = 証拠から根本原因は特定できませんでした。必要な証拠のあるチェックがありませんでした。下のスキップされたチェックに、収集すべきものが示されています。
html-findings-by-stage = ガイドの手順ごとの検出結果
html-why = 理由
html-fix = 対処
html-sources = 出典:
html-skipped-checks = スキップされたチェック
html-no-findings = 検出結果を出したチェックはありません。
html-traffic-title = WSUS サイトのトラフィック
html-bursts = 503 応答の集中
html-from-utc = 開始 (UTC)
html-to-utc = 終了 (UTC)
html-503-answers = 503 応答
html-peak-per-minute = 1 分あたりの最大
html-side = 側
html-all = すべて
html-host = ホスト
html-time-utc = 時刻 (UTC)
html-what = 内容
html-check = チェック
html-where = 場所
html-to = ～ { $time }
html-zone-assumed-title = 記録元はローカル時刻で書いているため、タイム ゾーンを推定しました。
html-zone-assumed = タイム ゾーンは推定
html-record = レコード { $record }
html-probe-step = プローブ { $target } の手順 { $step }
html-live = ライブ: { $source }
html-evidence-read = 読み取った証拠
html-file = ファイル
html-kind = 種類
html-records = レコード
html-malformed = 形式エラー
html-time-span = 期間
html-notes = メモ
html-not-recognised = 認識できません
html-line = { $line } 行目
html-no-evidence = 証拠ファイルは読み取られませんでした。
html-unreadable-inputs = 読み取れなかった入力
html-footer = { $tool } { $version } が作成しました。同じ検出結果を JSON でも出力できます (--format json、形式 { $schema })。
html-mode-offline = 収集した証拠のオフライン診断
list-separator = 、
window-from-to = { $from } から { $to } まで
window-from = { $from } 以降
window-up-to = { $to } まで
window-every-date = すべての日付 (日付のわかるサーバー ログがありません)
window-last-days = 最新のサーバー ログまでの直近 { $days } 日間のサーバー ログとイベント ログ ({ $span })
window-span = { $span } のサーバー ログとイベント ログ
window-left-out = { $analysed }。この期間外のログ ファイル { $count } 件 ({ $size }、{ $dates } に開始) は対象外です。{ $option } を指定すると読み取ります。
window-nothing-left-out = { $analysed }。対象外のログ ファイルはありません。
window-dates = { $from } ～ { $to }

chart-none-no-figures = { $chart }はありません: 証拠の IIS ログからは、このグラフの数値が得られませんでした。
chart-none-no-iis-log = { $chart }はありません: 証拠に IIS ログがありません。
chart-per-minute-name = 要求数とエラー数の分ごとのグラフ
chart-per-minute-no-minute = { $chart }はありません: IIS ログの数値に読み取れる分がありません。
chart-per-one-minute = 1 分
chart-per-minutes = { $minutes } 分
chart-per-minute-title = { $per }ごとの要求数とエラー数 (UTC)
chart-burst-title = 503 の集中 { $from } ～ { $to }: { $count } 件の要求に 503 を応答、最大 1 分あたり { $peak } 件
chart-requests-per = { $per }あたりの要求数
chart-all-requests = すべての要求
chart-burst-legend = 503 の集中
chart-series-5xx = 5xx (すべて)
chart-per-minute-caption = { $per }ごとの WSUS サイトへの要求数 (UTC): 要求 { $total } 件、うち 5xx の応答 { $errors } 件。網掛けの帯は 503 応答の集中を示します。
chart-endpoints-name = エンドポイントごとの応答のグラフ
chart-endpoints-title = エンドポイントごとの応答 (HTTP 状態別)
chart-endpoint-segment = { $endpoint }: { $endpoint } は { $code } を応答: { $count } 件 ({ $share } %)
chart-endpoints-caption = 各 WSUS エンドポイントの応答を HTTP 状態別に示します (要求に占める割合。合計は右端)。緑は成功、黄は認証、赤はサーバー エラーです。
chart-timeline-none = タイムラインはありません: チェックが取り出した日時付きのイベントが証拠にありません。
chart-timeline-no-time = タイムラインのグラフはありません: 時刻を読み取れるイベントがありません。
chart-timeline-title = イベントのタイムライン (UTC)
chart-timeline-caption = { $count } 件のイベントを 1 本の UTC 軸上に、側ごとに 1 レーンで示します。色は、そのイベントを取り出したチェックの最も悪い状態です。詳細はマークにポインターを合わせると表示されます。
chart-timeline-unplaced = { $count } 件のイベントは時刻を読み取れないため、表にだけ示します。
