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
