#!/usr/bin/env python3
"""Writes examples/ja-client/: a Windows 10 client with a Japanese display language whose
WinHTTP proxy has no bypass for the WSUS server, so its scans time out (0x80072EE2).

Its files are in the encodings Japanese Windows writes (japanese-windows.md 9): `ipconfig /all`
and `netsh winhttp show proxy` redirected by cmd.exe are code page 932 (Shift_JIS) with the
Japanese labels of japanese-windows.md 1 and 2; `reg export` is UTF-16LE with BOM;
`Get-WindowsUpdateLog` writes UTF-8 without a BOM, its messages English and update titles
Japanese.

Times: local Japan Standard Time (UTC+9), as Get-WindowsUpdateLog converts them.
"""

import datetime as dt

import evidence as ev

B = "ja-client"
DAY = dt.datetime(2024, 3, 13)
HOST = "PC-TKY-0412"
SUFFIX = "tokyo.contoso.com"
IPV4 = "10.0.12.34"
WSUS = "http://wsus01.contoso.com:8530"
PROXY = "proxy.contoso.com:8080"
BYPASS = "<local>;*.tokyo.contoso.com"
TITLE = "2024-03 x64 ベース システム用 Windows 10 Version 22H2 の累積更新プログラム (KB5035845)"


def ipconfig():
    """`ipconfig /all` on Japanese Windows: translated labels padded with dots and ending in `.:`
    without a space before the colon; `(優先)` after preferred addresses; the Wireless LAN
    adapter header stays English (J-NOPPY, J-HNAK, J-GIST)."""
    return [
        "",
        "Windows IP 構成",
        "",
        "   ホスト名 . . . . . . . . . . . . . . . .: " + HOST,
        "   プライマリ DNS サフィックス . . . . . . .: " + SUFFIX,
        "   ノード タイプ . . . . . . . . . . . . . .: ハイブリッド",
        "   IP ルーティング有効 . . . . . . . . . . .: いいえ",
        "   WINS プロキシ有効 . . . . . . . . . . . .: いいえ",
        "   DNS サフィックス検索一覧. . . . . . . . .: " + SUFFIX,
        "                                            contoso.com",
        "",
        "イーサネット アダプター イーサネット:",
        "",
        "   接続固有の DNS サフィックス . . . . .: " + SUFFIX,
        "   説明. . . . . . . . . . . . . . . . .: Intel(R) Ethernet Connection (7) I219-LM",
        "   物理アドレス. . . . . . . . . . . . .: 8C-16-45-3A-9E-21",
        "   DHCP 有効 . . . . . . . . . . . . . .: はい",
        "   自動構成有効. . . . . . . . . . . . .: はい",
        "   リンクローカル IPv6 アドレス. . . . .: fe80::5d1c:9a2e:3b4f:7c10%7(優先) ",
        "   IPv4 アドレス . . . . . . . . . . . .: %s(優先) " % IPV4,
        "   サブネット マスク . . . . . . . . . .: 255.255.255.0",
        "   デフォルト ゲートウェイ . . . . . . .: 10.0.12.1",
        "   DHCPv6 IAID . . . . . . . . . . . . .: 101456965",
        "   DHCPv6 クライアント DUID. . . . . . .: 00-01-00-01-2B-7C-11-52-8C-16-45-3A-9E-21",
        "   DNS サーバー. . . . . . . . . . . . .: 10.0.0.4",
        "                                          10.0.0.5",
        "   NetBIOS over TCP/IP . . . . . . . . .: 有効",
        "",
        "Wireless LAN adapter Wi-Fi:",
        "",
        "   メディアの状態. . . . . . . . . . . .: メディアは接続されていません",
        "   接続固有の DNS サフィックス . . . . .: ",
        "   説明. . . . . . . . . . . . . . . . .: Intel(R) Wi-Fi 6 AX201 160MHz",
        "   物理アドレス. . . . . . . . . . . . .: 74-D8-3E-11-6A-02",
        "   DHCP 有効 . . . . . . . . . . . . . .: はい",
        "   自動構成有効. . . . . . . . . . . . .: はい",
    ]


def netsh_proxy():
    """`netsh winhttp show proxy` on Japanese Windows (J-MSHR, J-AZID)."""
    return ["", "現在の WinHTTP プロキシ設定:", "",
            "    プロキシ サーバー:  " + PROXY,
            "    バイパス一覧     : " + BYPASS, ""]


def policy():
    ev.write_reg5(B + "/wu-policy.reg", ev.wu_policy(WSUS))


def windowsupdate_log():
    t = lambda h, m, s: DAY.replace(hour=h, minute=m, second=s)
    lines = [
        ev.wu10(t(9, 2, 11), 3904, 7124, "Agent", "WU client version 10.0.19041.4170"),
        ev.wu10(t(9, 2, 11), 3904, 7124, "Agent", "Base directory: C:\\Windows\\SoftwareDistribution"),
        ev.wu10(t(9, 2, 11), 3904, 7124, "Agent", "Access type: Named proxy"),
        ev.wu10(t(9, 2, 11), 3904, 7124, "Agent", "Network state: Connected"),
        ev.wu10(t(9, 2, 12), 3904, 7124, "Agent", "Title = " + TITLE),
    ]
    for n, (h, m) in enumerate([(9, 3), (11, 3), (13, 3)], start=1):
        lines += ev.win10_scan(t(h, m, 0), n, WSUS, "80072EE2", fail_after_ms=30000,
                               first_contact=(n == 1))
    ev.write_text(B + "/WindowsUpdate.log", lines, encoding="utf-8")


if __name__ == "__main__":
    ev.write_text(B + "/ipconfig.txt", ipconfig(), encoding="cp932")
    ev.write_text(B + "/netsh-winhttp-proxy.txt", netsh_proxy(), encoding="cp932")
    policy()
    windowsupdate_log()
