# Sentences joined: each a whole sentence in its own language.
sentences = { $first } { $next }
finding-skipped = Skipped: { $reason }.
remedy-placeholder-unknown = { $placeholder } is not in the evidence: { $source }.
