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
