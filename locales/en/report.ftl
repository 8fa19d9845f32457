# The terminal and HTML reports' own words.
report-mode-offline = offline diagnosis
report-mode-live = live diagnosis of this machine
report-mode-probe = network probe
report-urls = { $count ->
    [one] { $count } URL
   *[other] { $count } URLs
}
report-evidence-files = { $count ->
    [one] { $count } evidence file
   *[other] { $count } evidence files
}
report-header = { $tool } { $version } — { $mode }, { $what }, { $time }
report-role = Role: { $role }
report-not-read = Not read: { $limit }
report-focus-window = Focus window: { $summary }
report-names-and-more = { $names } and { $more } more
report-machines = Machines: { $parts }
report-machines-part = { $count } { $role ->
    [server] { $count ->
        [one] WSUS server
       *[other] WSUS servers
    }
    [server-client] { $count ->
        [one] WSUS server that is also a client
       *[other] WSUS servers that are also clients
    }
    [client] { $count ->
        [one] client
       *[other] clients
    }
   *[none] { $count ->
        [one] machine of no WSUS role
       *[other] machines of no WSUS role
    }
} ({ $names })
report-no-cause-passed = No root cause found: { $passed ->
    [one] { $passed } check passed
   *[other] { $passed } checks passed
}
report-no-cause-passed-skipped = No root cause found: { $passed ->
    [one] { $passed } check passed
   *[other] { $passed } checks passed
} ({ $skipped } skipped for want of their evidence: see --verbose)
report-no-cause-failing = No root cause found across the evidence; { $fail ->
    [one] { $fail } finding
   *[other] { $fail } findings
} fail and { $warn } warn (below).
report-diagnosis = DIAGNOSIS
report-cause = { $n }. { $title } [{ $confidence } confidence]
confidence-high = high
confidence-medium = medium
confidence-low = low
report-clients-show-it = { $count } clients show it: { $names }
report-on-machine = On { $machine }
report-fix-first = Fix first: { $fix }
report-more-proofs = { $count ->
    [one] { $count } more proof
   *[other] { $count } more proofs
}
report-missing-pieces = { $count ->
    [one] { $count } piece of missing evidence
   *[other] { $count } pieces of missing evidence
}
report-with-verbose = ({ $what } with --verbose)
report-and = { $first } and { $second }
report-on = on { $names }
report-at = at { $location }
report-brief-footer = { $summary }; { $evidence }. Details: { $command }
report-summary = SUMMARY
report-summary-counts = { $fail } fail, { $warn } warn, { $pass } pass, { $info } info, { $skipped } skipped
report-evidence-notes = { $files } ({ $notes })
report-not-recognised = { $count } not recognised
report-with-read-errors = { $count } with read errors
report-not-readable = { $count } not readable
report-timeline = TIMELINE (UTC)
report-zone-assumed = (zone assumed)
report-more-events = ... { $count } more events in the JSON and HTML reports
report-evidence-read = Evidence: { $count } files read
report-malformed-skipped = { $count } malformed lines skipped
report-could-not-read = could not read { $path }: { $message }
report-inventory-hint = (wsus-doctor inventory PATH... lists every file with what was recognised and why)
report-evidence = Evidence:
report-more-in-json = ... { $count } more in the JSON report
report-why = Why: { $text }
report-fix = Fix: { $text }
report-sources = Sources: { $ids }
status-fail = FAIL
status-warn = WARN
status-info = INFO
status-pass = PASS
status-skipped = SKIPPED
stage-prerequisites = Prerequisites
stage-services = Services
stage-web-site = WSUS web site and application pool
stage-iis-logs = IIS logs
stage-httperr = HTTP.sys error logs
stage-server-health = Server events and TLS
stage-client-policy = Client policy and proxy
stage-client-logs = Client logs
stage-config-mgr = Configuration Manager
stage-reachability = Does the client reach the server
stage-probe = Network probe

# The HTML report.
html-title = { $tool } report, { $time }
html-subtitle = Why Windows Update clients cannot talk to their WSUS server, and what to fix.
html-mode = Mode
html-generated = Generated
html-inputs = Inputs
html-none = none
html-focus-window = Focus window
html-report-format = Report format
html-contents = Contents
html-diagnosis = Diagnosis
html-findings = Findings
html-traffic = Traffic
html-timeline = Timeline
html-evidence = Evidence
html-summary = Summary
html-tile-fail = fail
html-tile-warn = warn
html-tile-pass = pass
html-tile-info = info
html-tile-skipped = skipped
html-evidence-line = Evidence: { $files ->
    [one] { $files } file
   *[other] { $files } files
} read{ $unknown ->
    [0] {""}
   *[other] , { $unknown } not recognised
}{ $errors ->
    [0] {""}
   *[other] , { $errors } with read errors
}{ $malformed ->
    [0] {""}
   *[other] , { $malformed } malformed lines skipped
}{ $problems ->
    [0] {""}
    [one] , { $problems } input could not be read
   *[other] , { $problems } inputs could not be read
}.
html-machine = Machine
html-role = Role
html-files = Files
html-identified-by = Identified by
html-confidence = { $confidence } confidence
html-chain = Chain of proof
html-refuted-by = What would refute it
html-missing = Evidence still missing
html-fix-first = Fix first
html-rule = Rule
html-no-cause-failing = No root cause was recognised from the evidence. The findings below still show what failed; each carries its own fix.
html-no-cause-passing = No root cause was recognised from the evidence. No check failed.
html-no-cause-no-evidence = No root cause was recognised from the evidence. No check had the evidence it needs: the skipped checks below say what to collect.
html-findings-by-stage = Findings by stage of the guide
html-why = Why
html-fix = Fix
html-sources = Sources:
html-skipped-checks = Skipped checks
html-no-findings = No check produced a finding.
html-traffic-title = Traffic on the WSUS site
html-bursts = Bursts of 503 answers
html-from-utc = From (UTC)
html-to-utc = To (UTC)
html-503-answers = 503 answers
html-peak-per-minute = Peak per minute
html-side = Side
html-all = all
html-host = Host
html-time-utc = Time (UTC)
html-what = What
html-check = Check
html-where = Where
html-to = to { $time }
html-zone-assumed-title = The source wrote local time; its zone was assumed.
html-zone-assumed = zone assumed
html-record = record { $record }
html-probe-step = probe { $target } step { $step }
html-live = live: { $source }
html-evidence-read = Evidence read
html-file = File
html-kind = Kind
html-records = Records
html-malformed = Malformed
html-time-span = Time span
html-notes = Notes
html-not-recognised = not recognised
html-line = line { $line }
html-no-evidence = No evidence file was read.
html-unreadable-inputs = Inputs that could not be read
html-footer = Written by { $tool } { $version }. The same findings are available as JSON (--format json, format { $schema }).
html-mode-offline = offline diagnosis of collected evidence
# Between the items of a list.
list-separator = {", "}

# The focus window.
window-from-to = from { $from } to { $to }
window-from = from { $from }
window-up-to = up to { $to }
window-every-date = every date (no server log could be dated)
window-last-days = Server and event logs of the last { $days } days up to the newest server log, { $span }
window-span = Server and event logs { $span }
window-left-out = { $analysed }; { $count ->
    [one] { $count } log file
   *[other] { $count } log files
} ({ $size }) outside it left out, starting { $dates }: { $option } reads them.
window-nothing-left-out = { $analysed }; no log file left out.
window-dates = { $from } to { $to }

# The HTML report's charts.
chart-none-no-figures = No { $chart }: the IIS logs among the evidence gave no figures for it.
chart-none-no-iis-log = No { $chart }: there is no IIS log among the evidence.
chart-per-minute-name = per-minute chart of requests and errors
chart-per-minute-no-minute = No { $chart }: the IIS log figures hold no readable minute.
chart-per-one-minute = minute
chart-per-minutes = { $minutes } minutes
chart-per-minute-title = Requests and errors per { $per } (UTC)
chart-burst-title = 503 burst { $from } to { $to }: { $count } requests answered 503, peak { $peak } per minute
chart-requests-per = requests per { $per }
chart-all-requests = all requests
chart-burst-legend = 503 burst
chart-series-5xx = 5xx (all)
chart-per-minute-caption = Requests to the WSUS site per { $per } (UTC): { $total } requests, { $errors } answered 5xx. Shaded bands mark the bursts of 503 answers.
chart-endpoints-name = chart of answers per endpoint
chart-endpoints-title = Answers per endpoint, by HTTP status
chart-endpoint-segment = { $endpoint }: { $endpoint } answered { $code }: { $count } ({ $share } %)
chart-endpoints-caption = How each WSUS endpoint answered, by HTTP status (share of its requests; the total is on the right). Green is success, amber authentication, red server errors.
chart-timeline-none = No timeline: the evidence holds no dated event that a check picked out.
chart-timeline-no-time = No timeline chart: no event has a readable time.
chart-timeline-title = Timeline of events (UTC)
chart-timeline-caption = { $count } events on one UTC axis, one lane per side; the colour is the worst status of the check that picked the event out. Hover a mark for details.
chart-timeline-unplaced = { $count ->
    [one] { $count } event has no readable time and is only in the table.
   *[other] { $count } events have no readable time and are only in the table.
}
