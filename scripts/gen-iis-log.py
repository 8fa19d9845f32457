#!/usr/bin/env python3
"""Writes a large WSUS-shaped IIS W3C log for the benchmark (scripts/bench-iis.sh).

The shape is that of a busy WSUS server's u_ex*.log, deterministic for a given --seed:
  - the IIS 8+ default field list, with its directive block at the top and again after every
    outage (IIS writes the block anew when logging restarts, so directives appear mid-file);
  - --clients distinct client addresses in a few private ranges, a handful of them retrying
    in a loop and far more frequent than the rest;
  - the WSUS request mix: SOAP POSTs to the client, SimpleAuth and reporting web services,
    GETs of selfupdate/wuident.cab, BITS and Delivery Optimization range GETs of
    /Content/XX/<sha1>.cab;
  - mostly 200, 206 for content, some 401.2/401.5, 404, 500, 304, requests dropped by the
    client (200 with win32 status 64 or 1236), and --bursts-per-day outages of a few minutes
    where every answer is 503 (WsusPool stopped);
  - times that only move forward, over --days days from --start.

With --computer-name NAME the layout also has s-sitename (W3SVC1) and s-computername (NAME),
as a server configured to log them writes.

With --daily, --out is a folder that receives one file per UTC day, named u_exYYMMDD.log as IIS
names daily logs, each starting with its own directive block (a server that keeps years of logs).

Usage: gen-iis-log.py --size 1G --out FILE [--seed 7] [--clients 20000] [--days 3]
                      [--start 2026-11-10] [--bursts-per-day 3] [--computer-name NAME] [--daily]
"""
import os
import argparse
import datetime
import random

FIELDS = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
          "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken")

AGENTS = {
    "wua": "Windows-Update-Agent/10.0.10011.16384+Client-Protocol/2.50",
    "wua-old": "Windows-Update-Agent/7.9.9600.18970+Client-Protocol/1.81",
    "bits": "Microsoft+BITS/7.8",
    "do": "Microsoft-Delivery-Optimization/10.0",
}

# (weight, method, stem, query, agent, content?)
REQUESTS = [
    (46, "POST", "/ClientWebService/client.asmx", "-", "wua", False),
    (6, "POST", "/SimpleAuthWebService/SimpleAuth.asmx", "-", "wua", False),
    (9, "POST", "/ReportingWebService/ReportingWebService.asmx", "-", "wua", False),
    (5, "GET", "/selfupdate/wuident.cab", "1909241452", "wua", False),
    (26, "GET", None, "-", "bits", True),
    (3, "GET", None, "-", "do", True),
    (5, "POST", "/ClientWebService/client.asmx", "-", "wua-old", False),
]


def parse_size(text):
    units = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}
    text = text.strip().upper()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)


def header(day, fields):
    return ("#Software: Microsoft Internet Information Services 10.0\n#Version: 1.0\n"
            f"#Date: {day} 00:00:00\n#Fields: {fields}\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", required=True, help="bytes to write, e.g. 200M or 1G")
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--clients", type=int, default=20000)
    ap.add_argument("--days", type=int, default=3)
    ap.add_argument("--start", default="2026-11-10")
    ap.add_argument("--bursts-per-day", type=int, default=3)
    ap.add_argument("--computer-name", help="also log s-sitename and s-computername")
    ap.add_argument("--daily", action="store_true", help="--out is a folder of daily files")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    target = parse_size(args.size)
    ranges = ["10.20", "10.64", "10.175", "172.16", "192.168"]
    clients = set()
    while len(clients) < args.clients:
        clients.add(f"{rng.choice(ranges)}.{rng.randrange(256)}.{rng.randrange(1, 255)}")
    clients = sorted(clients)
    rng.shuffle(clients)
    stuck = clients[:12]

    weights = [r[0] for r in REQUESTS]
    start = datetime.datetime.fromisoformat(args.start)
    span = args.days * 86400
    # Average line is about 160 bytes: spread the lines evenly over the span.
    lines_wanted = max(1, target // 160)
    step = span / lines_wanted
    bursts = []
    for d in range(args.days):
        for _ in range(args.bursts_per_day):
            b = d * 86400 + rng.randrange(3600, 86400 - 3600)
            bursts.append((b, b + rng.randrange(120, 600)))
    bursts.sort()

    written = 0
    t = 0.0
    burst_index = 0
    in_burst = False
    day_text = start.strftime("%Y-%m-%d")
    fields = FIELDS
    site = ""
    if args.computer_name:
        fields = FIELDS.replace("date time ", "date time s-sitename s-computername ", 1)
        site = f"W3SVC1 {args.computer_name} "

    def open_for(day):
        if not args.daily:
            return open(args.out, "w", newline="\n")
        os.makedirs(args.out, exist_ok=True)
        name = "u_ex%s%s%s.log" % (day[2:4], day[5:7], day[8:10])
        return open(os.path.join(args.out, name), "w", newline="\n")

    out = open_for(day_text)
    chunk = [header(day_text, fields)]
    written += len(chunk[0])
    server = "10.20.0.15"
    last_second = -1
    stamp = ""
    while written < target:
        second = int(t)
        if second != last_second:
            now = start + datetime.timedelta(seconds=second)
            stamp = now.strftime("%Y-%m-%d %H:%M:%S")
            last_second = second
            if args.daily and stamp[:10] != day_text:
                out.write("".join(chunk))
                out.close()
                day_text = stamp[:10]
                out = open_for(day_text)
                chunk = [header(day_text, fields)]
                written += len(chunk[0])
        # Outages: every answer 503 inside, a new directive block when the pool comes back.
        while burst_index < len(bursts) and second >= bursts[burst_index][1]:
            burst_index += 1
            if in_burst:
                block = header(stamp[:10], fields)
                chunk.append(block)
                written += len(block)
                in_burst = False
        if burst_index < len(bursts) and bursts[burst_index][0] <= second:
            in_burst = True

        client = rng.choice(stuck) if rng.random() < 0.02 else rng.choice(clients)
        _, method, stem, query, agent, content = rng.choices(REQUESTS, weights)[0]
        port = "8531" if rng.random() < 0.1 else "8530"
        if content:
            stem = "/Content/%02X/%040X.cab" % (rng.randrange(256), rng.getrandbits(160))
        status, sub, win32 = "200", "0", "0"
        taken = rng.randrange(2, 400)
        if in_burst:
            status, sub, taken = "503", "0", rng.randrange(0, 20)
        else:
            r = rng.random()
            if content:
                status = "206" if r < 0.8 else "200"
                taken = rng.randrange(300, 3000)
                if r > 0.995:
                    win32 = rng.choice(("64", "1236"))
            elif r < 0.012:
                status, sub = "401", rng.choice(("2", "5"))
            elif r < 0.0135:
                status, sub = "404", rng.choice(("0", "2"))
            elif r < 0.022:
                status, sub, win32 = "500", "0", "0"
            elif r < 0.0228:
                status = "304"
        line = (f"{stamp} {site}{server} {method} {stem} {query} {port} - {client} "
                f"{AGENTS[agent]} - {status} {sub} {win32} {taken}\n")
        chunk.append(line)
        written += len(line)
        if len(chunk) >= 4096:
            out.write("".join(chunk))
            chunk = []
        t = min(t + step * rng.uniform(0.5, 1.5), span - 1)
    out.write("".join(chunk))
    out.close()


if __name__ == "__main__":
    main()
