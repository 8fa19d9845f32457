# --help in Japanese. The English help is the command-line definitions' own documentation.
help-about = Windows Update クライアントが WSUS サーバーと通信できない理由を突き止め、対処を示します。
help-long-about = Windows Update クライアントが WSUS サーバーと通信できない理由を突き止め、対処を示します。
    
    WSUS サーバーとクライアントから収集した証拠 (ファイル、フォルダー、.zip) を渡すと、Microsoft のガイド KB4025764 のすべてのチェックとそれ以上のチェックを実行します。`wsus-doctor PATH...` は `wsus-doctor diagnose PATH...` の省略形です。Windows で引数なしで実行すると、実行中のコンピューターを診断します。
    
    終了状態: チェックの失敗がなければ 0、失敗したチェックがあれば 1、ツールを実行できなかった場合 (存在しないパス、コマンドやオプションの値の誤り、証拠と認識できるファイルがない) は 2 です。
help-after = 例:
      wsus-doctor examples/wsuspool-503
      wsus-doctor diagnose --format json --output report.json bundle.zip
      wsus-doctor explain 0x80072EE2
      wsus-doctor inventory C:\evidence
help-help = ヘルプを表示します
help-version = バージョンを表示します
help-heading-usage = 使い方:
help-heading-options = オプション
help-heading-arguments = 引数
help-heading-commands = コマンド
help-lang = レポートとメッセージの言語: en または ja。既定: LC_ALL、LC_MESSAGES、LANG の言語 (Windows でこれらがない場合は表示言語)。
# Options shared by several commands (a command's own message, help-<command>-<option>, wins).
help-redact = ホスト名、FQDN とドメイン、IPv4 と IPv6 のアドレス、アカウントと SID、証明書のサブジェクトを一定の仮名 (server-1、client-2、ip-3、domain-1、user-1) に置き換えて、出力を共有できるようにします。診断は置き換えの前に行うため、結果は変わりません。
help-redact-map = --redact と一緒に使います: どの仮名がどの識別子を表すかをこの JSON ファイルにも書き込みます (これがあれば置き換えを元に戻せるため、他人に渡さないでください)。
help-codepage = Unicode ではない証拠テキストの ANSI コード ページ: 日本語版 Windows は 932、西ヨーロッパ言語と英語は 1252。指定しない場合は、証拠が示すコード ページ (collect のマニフェスト、レジストリ エクスポートの Nls\CodePage\ACP)、なければテキストのバイト列に合うコード ページを使います。どれを選んだかとその理由は `inventory` で確認できます。
help-format = 出力形式
help-output = レポートを標準出力ではなくこのファイルに書き込みます
help-paths = 証拠ファイル、フォルダー (再帰的に読み取ります)、.zip ファイルまたは .gz ファイル
help-proxy = この HTTP プロキシを経由します (http://host:port。https では CONNECT を使います)。既定では、Windows では WinHTTP プロキシ (Windows Update エージェントが使うもの)、それ以外ではプロキシなしです
help-no-proxy = コンピューターのプロキシ設定にかかわらず、直接接続します
help-timeout = 各手順 (接続、ハンドシェイク、要求) のタイムアウト (秒)
help-deadline = プローブ全体をこの秒数で終了します
help-ca-files = この PEM ファイルの CA 証明書も信頼します (このコンピューターがまだ信頼していない社内 CA など)。複数指定できます
help-days = 最近 N 日以内に更新されたログだけを読み取ります
help-windows-update-log = Windows 10 以降: Get-WindowsUpdateLog で ETW トレースから WindowsUpdate.log を再作成します (1、2 分かかります)

help-diagnose-about = 証拠に対してすべてのチェックを実行し、検出結果を報告します (既定のコマンド)
help-diagnose-verbose = テキスト形式: すべての検出結果を証拠、説明、対処、出典とともに表示し、タイムラインも表示します (既定では、診断と、失敗および警告の検出結果の要約だけを表示します)
help-diagnose-client-ips = サーバーのログで探すクライアントの IP アドレス (複数指定できます。ipconfig /all の出力で見つかったアドレスに追加されます)
help-diagnose-client-tz = タイム ゾーンを含まないクライアントのログ時刻 (Windows 10 の WindowsUpdate.log) の UTC オフセット: +09:00、-05:00、Z、または Asia/Tokyo のようなタイム ゾーン名。指定しない場合は、クライアントの ConfigMgr ログから、なければクライアントのタイムアウトがサーバーの 503 の集中と一致する唯一のオフセットから推定し、それもなければ UTC とみなします
help-diagnose-probe = 証拠で見つかったクライアント ポリシーの WUServer の URL にも、ネットワーク経由でプローブを実行します
help-diagnose-since = サーバー ログ (IIS、HTTPERR) とイベント ログを、最新のサーバー ログまでの直近 14 日間ではなく、この UTC 時刻以降について分析します (YYYY-MM-DD または YYYY-MM-DD HH:MM)
help-diagnose-until = この UTC 時刻まで分析します (日付だけの場合はその日全体を含みます)
help-diagnose-all-history = 古さにかかわらず、すべてのサーバー ログとイベント ログを分析します (既定では、最新のサーバー ログまでの直近 14 日間)
help-diagnose-days = ライブ診断 (Windows でパスを指定しない場合): 最近 N 日以内に更新されたログだけを読み取ります
help-diagnose-windows-update-log = Windows 10 以降のライブ診断: Get-WindowsUpdateLog で ETW トレースから WindowsUpdate.log を再作成します (1、2 分かかります)

help-inventory-about = 見つかった証拠ファイルと、それぞれについて認識した種類、読み取った内容を一覧表示します

help-explain-about = コードを説明します: HTTP 状態 (503、403.16)、HRESULT (0x80072EE2)、HTTPERR の理由 (QueueFull)、win32:N、event:N、またはチェック ID (server.app-pool)
help-explain-code = 説明するコード (-2147012894 のような負の 10 進数の HRESULT もそのまま受け付けます)

help-checks-about = チェックの一覧を ID とともにガイドの順に表示します

help-probe-about = Windows Update と同じ方法でネットワーク経由で WSUS サーバーをテストします: URL、DNS、TCP、TLS、クライアント エンドポイント、GetConfig。失敗ごとに、クライアントが記録する HRESULT を示します
help-probe-urls = WUServer ポリシーと同じ形の WSUS の URL (http://wsus01.contoso.com:8530)。複数の URL を同時にプローブします
help-probe-verbose = テキスト形式: すべての検出結果を証拠、説明、対処とともに表示し、タイムラインも表示します

help-collect-about = Windows で: このコンピューターの証拠を zip (マニフェスト付き) にまとめ、どこでも `wsus-doctor diagnose FILE.zip` で診断できるようにします。コンピューターには何も変更を加えません
help-collect-output = 書き込む zip (既定: 現在のフォルダーの wsus-doctor-MACHINE-DATE-TIME.zip)
help-collect-redact = zip 内のテキスト ファイルを置き換えます (コピーに対して行い、コンピューター上のものは変わりません)。置き換えられないバイナリ ファイル (イベント ログの .evtx) は含めません

help-logs-about = IIS または HTTPERR のログを分析します: 状態とエンドポイントの表、失敗しているクライアント、503 の集中、理由ごとのエピソード、時間ごとのヒストグラム、検出結果
help-logs-kind = 分析するログの種類 (iis: IIS の W3C ログ u_ex*.log、httperr: HTTP.sys のエラー ログ httperr*.log)
help-logs-paths = ログ ファイル、フォルダー (再帰的に読み取ります。W3SVC フォルダー全体など)、.zip ファイルまたは .gz ファイル
help-logs-format = 出力形式 (text または json)
help-logs-since = この UTC 時刻以降のレコードだけ (YYYY-MM-DD または YYYY-MM-DD HH:MM)
help-logs-until = この UTC 時刻以前のレコードだけ (日付だけの場合はその日全体を含みます)
help-logs-client = このクライアント アドレスのレコードだけ
help-logs-top = 上位 N 件の表に表示する行数
help-logs-export = 分析の代わりに、レコードそのものをこの形式で --output のフォルダーに書き込みます: ログごとに 1 ファイル、レコードごとに 1 行 (フィルターは適用されます)。`parquet` cargo 機能付きのビルドが必要です
help-logs-output = --export の書き込み先フォルダー (なければ作成します。入力のフォルダーやその中のフォルダーは指定できません)。以前のエクスポートの同じ名前のファイルは置き換えられます
help-help-command = このメッセージ、または指定したコマンドのヘルプを表示します
