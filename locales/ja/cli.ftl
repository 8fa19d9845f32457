# 標準エラーに出すコマンド ラインのメッセージと、インベントリの表の見出し。

cli-missing-paths = 次のファイルまたはフォルダーはありません: { $paths }
cli-seen-records = 。レコード { $records } 件、形式が正しくない行 { $malformed } 行
cli-no-files = ファイルがありません
cli-cannot-write-report = レポートを { $path } に書き込めません
cli-report-written = レポートを { $path } に書き込みました
cli-cannot-write-map = 仮名の対応表を { $path } に書き込めません
cli-map-written = 仮名の対応表を { $path } に書き込みました
cli-refuse-inside-evidence = レポートを { $output } には書き込みません: 証拠のフォルダー { $input } の中にあり、証拠は決して変更しないためです。別の --output を指定してください
cli-refuse-over-evidence = レポートを { $output } には書き込みません: 証拠のファイル { $input } そのものであり、証拠は決して変更しないためです。別の --output を指定してください
cli-all-outside-window = { $paths } の証拠ファイルはすべて対象期間の外にあります。
cli-nothing-recognised = { $paths } に証拠として認識できるものがありません。見つかったもの:{ $seen }
    (wsus-doctor inventory PATH... で、各ファイルを何と判断したか、その理由を確認できます)
cli-no-evidence-files = { $paths } に証拠ファイルがありません
cli-default-settings = diagnose の既定の設定を解釈できません
inventory-col-kind = 種類
inventory-col-records = レコード数
inventory-col-malformed = 形式エラー
inventory-col-first = 最初
inventory-col-last = 最後
inventory-col-path = パス
usage-default = [既定値: { $value }]
usage-possible-values = [指定できる値: { $values }]

cli-misspelt-command = `{ $given }` はコマンドでも既存のパスでもありません。`{ $meant }` のことですか?
    (コマンドの一覧は wsus-doctor --help で確認できます)
cli-not-an-address = "{ $value }" は IPv4 または IPv6 のアドレスではありません (例: 10.0.5.23)
parse-error = エラー: { $message }
parse-unknown-argument = 不明な引数 '{ $arg }' が指定されました。
parse-unknown-command = 不明なサブコマンド '{ $command }' です。
parse-invalid-value = '{ $value }' は '{ $arg }' の値として使えません。
parse-rejected-value = '{ $arg }' の値 '{ $value }' が正しくありません: { $why }
parse-missing = 次の必須の引数が指定されていません: { $args }
parse-conflict = 引数 '{ $arg }' は '{ $prior }' と同時に指定できません。
parse-valid-values = [指定できる値: { $values }]
parse-did-you-mean = ヒント: 似た引数 '{ $suggestion }' があります
parse-more = 詳しくは '--help' を実行してください。
time-not-a-time = "{ $value }" は時刻ではありません。YYYY-MM-DD、YYYY-MM-DD HH:MM (UTC)、または 2024-03-05T09:14:00Z の形式で指定してください
zone-not-an-offset = "{ $value }" は UTC からのオフセットではありません。+09:00、-05:00、Z のように指定してください (-12:00 から +14:00 まで)
zone-unknown = "{ $value }" は UTC からのオフセット (+09:00、-05:00、Z) でも、このシステムが知っているタイム ゾーン名 (Asia/Tokyo、America/New_York) でもありません
