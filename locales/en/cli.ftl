# Messages of the command line on standard error, and the inventory table's headings.

cli-missing-paths = no such files or folders: { $paths }
cli-seen-records = ; { $records } records, { $malformed } malformed lines
cli-no-files = no files
cli-cannot-write-report = cannot write the report to { $path }
cli-report-written = report written to { $path }
cli-cannot-write-map = cannot write the pseudonym map to { $path }
cli-map-written = pseudonym map written to { $path }
cli-refuse-inside-evidence = refusing to write the report to { $output }: it is inside the evidence folder { $input }, and evidence is never modified; choose another --output
cli-refuse-over-evidence = refusing to write the report to { $output }: it is the evidence file { $input }, and evidence is never modified; choose another --output
cli-all-outside-window = every evidence file in { $paths } is outside the focus window.
cli-nothing-recognised = no evidence recognised in { $paths }; what was seen:{ $seen }
    (wsus-doctor inventory PATH... says what each file was taken for and why)
cli-no-evidence-files = no evidence files in { $paths }
cli-default-settings = the default diagnose settings do not parse
inventory-col-kind = KIND
inventory-col-records = RECORDS
inventory-col-malformed = MALFORMED
inventory-col-first = FIRST
inventory-col-last = LAST
inventory-col-path = PATH
# An option's default and accepted values, after its help (the values are typed as they are).
usage-default = [default: { $value }]
usage-possible-values = [possible values: { $values }]

# The argument parser's complaints (English runs keep the parser's own words; these are their
# counterparts).
cli-misspelt-command = `{ $given }` is neither a command nor an existing path; did you mean `{ $meant }`?
    (wsus-doctor --help lists the commands)
cli-not-an-address = "{ $value }" is not an IPv4 or IPv6 address (for example 10.0.5.23)
parse-error = error: { $message }
parse-unknown-argument = unexpected argument '{ $arg }' found.
parse-unknown-command = unrecognized subcommand '{ $command }'.
parse-invalid-value = invalid value '{ $value }' for '{ $arg }'.
parse-rejected-value = invalid value '{ $value }' for '{ $arg }': { $why }
parse-missing = the following required arguments were not provided: { $args }
parse-conflict = the argument '{ $arg }' cannot be used with '{ $prior }'.
parse-valid-values = [possible values: { $values }]
parse-did-you-mean = tip: a similar argument exists: '{ $suggestion }'
parse-more = For more information, try '--help'.
time-not-a-time = "{ $value }" is not a time; use YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC) or 2024-03-05T09:14:00Z
zone-not-an-offset = "{ $value }" is no UTC offset: write it as +09:00, -05:00 or Z (from -12:00 to +14:00)
zone-unknown = "{ $value }" is neither a UTC offset (+09:00, -05:00, Z) nor a time zone name this system knows (Asia/Tokyo, America/New_York)
