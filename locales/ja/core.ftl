sentences = { $first }{ $next }
finding-skipped = スキップしました: { $reason }。
remedy-placeholder-unknown = { $placeholder } は証拠に含まれていません: { $source }。
