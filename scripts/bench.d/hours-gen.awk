# hours-gen.awk: T6 input.  Reads first the accepted expressions (one a
# line, file 1), then the generated cases of scripts/ohours-diff -g (TSV
# expr, at, country; file 2) for their times, and writes ROWS rows of CSV
# hours,at,country picking expressions and times with a seeded generator.
BEGIN { FS = "\t"; srand(seed); ne = na = 0 }
FNR == NR { ex[ne++] = $0; next }
{ at[na] = $2; cc[na++] = $3 }
END {
	print "hours,at,country"
	for (i = 0; i < rows; i++) {
		e = ex[int(rand() * ne)]
		gsub(/"/, "\"\"", e)
		k = int(rand() * na)
		printf "\"%s\",%s,%s\n", e, at[k], cc[k]
	}
}
