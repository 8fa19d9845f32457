# `wsus-doctor logs iis|httperr` の表。列見出しは表示幅で揃えるので、長さは自由。

logs-iis = IIS ログ
logs-httperr = HTTPERR ログ
logs-header = { $what }: { $files } 個のファイルから { $records } 件のレコード、形式が正しくない行 { $malformed } 行{ $left_out ->
    [0] {""}
   *[other] 。--since/--until の範囲外のため読み取らなかったファイル { $left_out } 個
}
logs-left-out = { $by }により --since/--until の範囲外のため、読み取りませんでした
logs-file-records = { $path }: { $records } 件のレコード
logs-file-malformed = 、形式が正しくない行 { $malformed } 行
logs-file-error = 。エラー: { $error }
logs-no-records = レコードはありません。
logs-iis-span = { $span }、クライアント { $clients } 台、サーバー { $servers } 台
logs-col-status = 状態
logs-col-requests = 要求数
logs-col-share = 割合
logs-col-meaning = 意味
logs-col-win32 = WIN32
logs-col-endpoint = エンドポイント
logs-col-ok = 成功
logs-col-top-failing = 失敗の多いクライアント
logs-col-failed = 失敗
logs-col-first = 最初
logs-col-last = 最後
logs-col-statuses = 状態の内訳
logs-bursts = 503 の集中 (UTC)
logs-burst = 503 が { $total } 件  ピーク { $peak } 件/分
logs-col-user-agent = ユーザー エージェント
logs-hourly = 1 時間ごとの要求数 (UTC。エラー = 401/403/404/5xx)
logs-col-reason = 理由
logs-col-queue = キュー
logs-col-records = レコード数
logs-episodes = 発生期間 (UTC)
logs-findings = 検出結果
logs-none-found = { $paths } に { $what } が見つかりません
logs-redact-export = --redact は --export には適用されません。--export はレコードをそのまま書き出します

window-basis-name = ファイル名 (最初の日付で確認)
window-basis-name-only = ファイル名 (最初の行に日付なし)
window-basis-first-date = 最初の日付
logs-file-note = 。{ $note }
