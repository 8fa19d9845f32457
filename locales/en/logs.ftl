# The tables of `wsus-doctor logs iis|httperr`. Column headings are padded by display width, so a
# heading may be of any length in any language.

logs-iis = IIS logs
logs-httperr = HTTPERR logs
logs-header = { $what }: { $records } records from { $files } files, { $malformed } malformed lines{ $left_out ->
    [0] {""}
   *[other] ; { $left_out } files outside --since/--until not read
}
logs-left-out = outside --since/--until by { $by }, not read
logs-file-records = { $path }: { $records } records
logs-file-malformed = , { $malformed } malformed
logs-file-error = ; error: { $error }
logs-no-records = No records.
logs-iis-span = { $span }, { $clients } clients, { $servers } servers
logs-col-status = STATUS
logs-col-requests = REQUESTS
logs-col-share = SHARE
logs-col-meaning = meaning
logs-col-win32 = WIN32
logs-col-endpoint = ENDPOINT
logs-col-ok = OK
logs-col-top-failing = TOP FAILING CLIENTS
logs-col-failed = FAILED
logs-col-first = FIRST
logs-col-last = LAST
logs-col-statuses = statuses
logs-bursts = 503 BURSTS (UTC)
# $total and $peak come padded to their columns.
logs-burst = { $total } × 503  peak { $peak }/min
logs-col-user-agent = USER AGENT
logs-hourly = REQUESTS PER HOUR (UTC; errors = 401/403/404/5xx)
logs-col-reason = REASON
logs-col-queue = QUEUE
logs-col-records = RECORDS
logs-episodes = EPISODES (UTC)
logs-findings = Findings
logs-none-found = no { $what } found in { $paths }
logs-redact-export = --redact does not apply to --export, which writes the records as they are

# How a file was placed outside the focus window.
window-basis-name = its name, confirmed by its first date
window-basis-name-only = its name (no date in its first lines)
window-basis-first-date = its first date
logs-file-note = ; { $note }
