## WSUS server URL problems (src/values/wsus_url.rs): fragments quoted after the URL.

url-empty = 値が空です: クライアントには接続先のサーバーがありません
url-whitespace = URL の前後に空白または引用符があります
url-placeholder = 値に { $what ->
    [dollar] '$' 変数
    [percent] '%...%' 環境変数
    [angle] '<...>' プレースホルダー
   *[template] テンプレートのサーバー名
 } が含まれており、実際のサーバー名に置き換えられていません
url-no-scheme = URL に http:// または https:// がありません (エージェントは 0x80072EE6 (認識されないスキーム) で失敗します)
url-bad-scheme = スキーム '{ $scheme }' は http でも https でもありません
url-no-host = URL にホスト名がありません
url-bad-port = ポート '{ $port }' はポート番号ではありません
url-ip-address = サーバーが FQDN ではなく IP アドレスで指定されています: HTTPS の証明書はこれに一致せず、ガイドはサーバーの FQDN を指定するよう求めています
url-short-name = '{ $host }' は完全修飾ドメイン名 (FQDN) ではなく短い名前です: クライアントの DNS サフィックス検索一覧によってのみ解決され、HTTPS の証明書には FQDN が記載されます
url-no-port = URL にポートがないため、クライアントは { $port } を使用します。Windows Server 2012 以降の WSUS は、既定の Web サイトにインストールされていない限り 8530 (HTTP) と 8531 (HTTPS) で待ち受けます
url-http-on-https-port = http:// にポート { $port } が指定されていますが、これは WSUS の HTTPS ポートです: https://...:{ $port } または http://...:{ $http_port } を使用してください
url-https-on-http-port = https:// にポート { $port } が指定されていますが、これは WSUS の HTTP ポートです: http://...:{ $port } または https://...:{ $https_port } を使用してください
url-trailing-slash = URL が '/' で終わっています: エージェントは '/selfupdate' と '/ClientWebService' を付け加えるため、'//selfupdate' への要求になります
url-path = URL にパス ('{ $path }') があります: WUServer にはサーバーのルート URL (スキーム、ホスト、ポートのみ) を指定してください

## The UTC offset a client's zone-less log times are read at (src/facts/client_clock.rs).

clock-offset-stated = UTC オフセット { $offset } (--client-tz で指定)
clock-offset-configmgr = UTC オフセット { $offset } (推定: クライアントの ConfigMgr ログのオフセット)
clock-offset-inferred = UTC オフセット { $offset } (推定: このオフセットでのみ、クライアントのタイムアウトと 503 エラーのうち { $matched } 件がサーバーの 503 の集中発生の中に収まります)

## WindowsUpdate.log notes (src/facts/wu_log.rs).

wu-zone-banner = ローカル時刻 ('tz:' バナーによると { $offset })
wu-zone-etw = タイム ゾーン不明のローカル時刻 (Get-WindowsUpdateLog はタイム ゾーンを書き込みません)
wu-zone-no-banner = ローカル時刻 (このファイルに 'tz:' バナーがないため、タイム ゾーンは不明)
wu-connection-errors = 接続エラー { $count } 件 ({ $codes })

## Kinds of evidence (src/evidence/kind.rs).

kind-iis-w3c = IIS W3C 拡張ログ
kind-httperr = HTTP.sys エラー ログ
kind-windowsupdate-log = WindowsUpdate.log
kind-cmtrace = Configuration Manager ログ
kind-reg-export = レジストリのエクスポート (.reg)
kind-applicationhost-config = IIS applicationHost.config
kind-evtx = Windows イベント ログ
kind-sc-query = sc query の出力
kind-reg-query = reg query の出力
kind-netsh-winhttp-proxy = netsh winhttp show proxy の出力
kind-ipconfig = ipconfig /all の出力
kind-appcmd-site = appcmd list site の出力
kind-appcmd-apppool = appcmd list apppool の出力
kind-hotfix-list = インストール済みの更新プログラム (Get-HotFix / wmic qfe)
kind-service-list = Get-Service のエクスポート
kind-wsus-softwaredistribution-log = WSUS SoftwareDistribution.log
kind-certificate = X.509 証明書
kind-collect-manifest = wsus-doctor collect のマニフェスト
kind-event-xml = XML 形式のイベント ログ レコード
kind-netsh-sslcert = netsh http show sslcert の出力
kind-configmgr-scan-status = ConfigMgr のスキャン状態のエクスポート (v_UpdateScanStatus)

## Why a file was recognised as its kind, or why none (src/evidence/sniff.rs).

sniff-empty = 空のファイル
sniff-evtx = イベント ログ ファイルのシグネチャ 'ElfFile'
sniff-der = DER でエンコードされた X.509 証明書
sniff-pem = PEM 形式の証明書
sniff-cmtrace = CMTrace のレコード '<![LOG[...]LOG]!>'
sniff-cm-simple = ConfigMgr の簡易形式のログ レコード '$$<component><time><thread=...>'
sniff-applicationhost = <system.applicationHost> を含む XML
sniff-event-xml = Windows イベント スキーマの <Event> 要素 (wevtutil qe /f:xml)
sniff-manifest = wsus-doctor collect のマニフェスト
sniff-service-json = ServiceName と Status を持つ JSON オブジェクト (Get-Service | ConvertTo-Json)
sniff-service-csv = サービスの CSV (Get-Service | Export-Csv)
sniff-scan-status = コンピューター名と LastErrorCode または LastScanState を含むヘッダー行 (ConfigMgr の v_UpdateScanStatus のエクスポート)
sniff-fields-s-reason = s-reason を含む #Fields ディレクティブ
sniff-fields = #Fields ディレクティブ
sniff-sslcert = 'SSL Certificate bindings' (netsh http show sslcert)
sniff-winhttp = WinHTTP を含み ':' で終わるヘッダー (netsh winhttp show proxy、表示言語を問わない)
sniff-ipconfig = 'Windows IP ...' ヘッダーと、点で埋めた 'ラベル . . . : 値' の行 (ipconfig、表示言語を問わない)
sniff-sc-query = SERVICE_NAME と STATE の行 (sc query)
sniff-appcmd-site = SITE "..." の行 (appcmd list site)
sniff-appcmd-apppool = APPPOOL "..." の行 (appcmd list apppool)
sniff-reg-query = HKEY_ のキーの行とインデントされた REG_ の値 (reg query)
sniff-hotfix-column = HotFixID 列 (Get-HotFix / wmic qfe list)
sniff-hotfix-fields = HotFixID フィールド (wmic qfe list full / Get-HotFix | Format-List)
sniff-sdlog = 'YYYY-MM-DD HH:MM:SS.mmm UTC level process' 形式の行 (WSUS SoftwareDistribution.log)
sniff-wu-legacy = 'YYYY-MM-DD HH:MM:SS:mmm pid tid component' 形式の行 (従来の WindowsUpdate.log)
sniff-wu-etw = 'YYYY/MM/DD HH:MM:SS.fffffff pid tid component' 形式の行 (Get-WindowsUpdateLog)
sniff-httperr-lines = ヘッダーなし。行が HTTPERR の形式 (クライアントとサーバーのポート、理由フレーズ) です
sniff-iis-lines = ヘッダーなし。行が IIS W3C の既定の形式です
sniff-binary = バイナリ データ (先頭 { $bytes }) で、既知の証拠の形式ではありません
sniff-unknown-text = テキスト ({ $encoding }) ですが、既知の形式に一致しません。先頭行: '{ $line }'
sniff-reg-header = ヘッダー '{ $header }'
sniff-software-httperr = #Software: { $software }
sniff-software-iis = #Software: { $software }

## Why a text encoding was chosen (src/evidence/text.rs).

encoding-bom = バイト オーダー マーク { $bytes }
encoding-utf16-no-bom = バイト オーダー マークはありませんが、1 バイトおきにゼロです
encoding-utf8 = { $what ->
    [ascii] 読み取った先頭のバイトは ASCII のみです
   *[utf8] 有効な UTF-8 です
 }
encoding-utf8-fallback = { $what ->
    [ascii] 読み取った先頭のバイトは ASCII のみです
   *[utf8] 有効な UTF-8 です
 }。後続の UTF-8 でない行はコード ページ { $code_page } で読み取ります ({ $source })
encoding-not-utf8 = 有効な UTF-8 ではありません。{ $why }
encoding-not-shift-jis = コード ページ 1252 で読み取りました: 日本語のコード ページ 932 のテキストではありません (オフセット { $offset } のバイト { $byte } は有効な Shift_JIS 文字を開始しません)
encoding-shift-jis = バイト列は日本語のコード ページ 932 (Shift_JIS) のテキストです: かなまたは句読点 { $kana } 文字、一般的な漢字 { $common } 文字で、すべての先行バイトに有効な後続バイトが続きます
encoding-not-japanese = コード ページ 1252 で読み取りました: バイト列は有効な Shift_JIS のペアですが、日本語のテキストではありません (かなまたは句読点 { $kana } 文字、一般的な漢字 { $common } 文字、まれな文字または未割り当ての文字 { $rare } 文字)

## What named a machine (src/pipeline/machines.rs, src/pipeline.rs).

machine-unnamed = 名前を示す証拠がありません: { $place } 以下のファイル
machine-by-manifest = collect のマニフェスト { $file }
machine-by-registry = { $file } のレジストリの ComputerName
machine-by-ipconfig = { $file } の ipconfig /all のホスト名
machine-by-events = { $file } のイベント レコードの Computer

## The inventory (src/pipeline.rs, src/cli/commands.rs).

inventory-unreadable = 読み取れませんでした
inventory-gzip = gzip で圧縮されています
inventory-recognised-by = 認識の根拠: { $reason }
inventory-encoding = エンコード: { $encoding }
inventory-encoding-why = エンコード: { $encoding } ({ $reason })
inventory-malformed-line = { $line } 行目: { $reason } ({ $excerpt })
inventory-error = エラー: { $error }
inventory-could-not-read = { $path } を読み取れませんでした: { $message }
url-problem-sentence = { $problem }。

# コンピューターの ANSI コード ページの出どころ。
code-page-given = --codepage { $code_page } の指定
code-page-of-collector = 収集したコンピューターの ANSI コード ページ
code-page-getacp = このコンピューターの ANSI コード ページは { $code_page } (GetACP)
code-page-from-manifest = collect のマニフェスト { $file } に記録されたこのコンピューターの ANSI コード ページ { $code_page }
code-page-from-registry = { $origin } に記載されたこのコンピューターの ANSI コード ページ { $code_page }
code-page-from-sibling = 同じコンピューターの { $file } のバイト列から判明したコード ページ { $code_page }
