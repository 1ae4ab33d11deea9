# capacity-gen.awk: a fictional capacity.csv of ROWS observations over the
# DAYS days that end with END (YYYY-MM-DD), in date order, cycling through
# the services of testdata/demo/capacity.csv; the same bytes every run.
#   awk -v rows=5000000 -v days=1095 -v end=2026-11-22 -f capacity-gen.awk
function civil(n,   z, era, doe, yoe, y, doy, mp, d, m) {	# days since 1970-01-01
	z = n + 719468; era = int(z / 146097); doe = z - era * 146097
	yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
	y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
	mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
	m = mp < 10 ? mp + 3 : mp - 9
	return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function days_of(s,   y, m, d, era, yoe, doy, doe) {
	y = substr(s, 1, 4) + 0; m = substr(s, 6, 2) + 0; d = substr(s, 9, 2) + 0
	y -= m <= 2; era = int(y / 400); yoe = y - era * 400
	doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
	doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
	return era * 146097 + doe - 719468
}
BEGIN {
	ns = split("kac-jizerov-desk:clients kac-jizerov-beds:beds pristav-night:beds " \
		"domov-lipa-family:families krokus-shelter:beds krokus-counselling:clients " \
		"banka-jizerov-pickup:parcels most-brehy-legal:clients most-brehy-social:clients " \
		"spojka-job:clients bydleni-jizerov-desk:clients vlnka-psych:clients " \
		"cic-modrzewo-info:clients cic-modrzewo-legal:clients cic-modrzewo-lang:places " \
		"most-brehy:clients", svc, " ")
	print "date,service,unit,used,total,waiting,status,source,note"
	first = days_of(end) - days + 1
	seed = 20261206
	for (i = 0; i < rows; i++) {
		day = first + int(i * days / rows)
		if (day != last) { date = civil(day); last = day }
		split(svc[i % ns + 1], p, ":")
		seed = (seed * 69069 + 1) % 4294967296
		used = int(seed / 65536) % 40
		printf "%s,%s,%s,%d,,%d,ok,manual,\n", date, p[1], p[2], used, int(seed / 65536) % 7
	}
}
