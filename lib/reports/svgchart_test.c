#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "svgchart.h"
#include "tap.h"
#include "banned.h"

static size_t occurrences(const char *s, const char *what)
{
	size_t n = 0, len = strlen(what);
	while ((s = strstr(s, what))) {
		n++;
		s += len;
	}
	return n;
}

/*
 * Elements balanced and text free of raw '<' and '&' outside entities: a
 * stack of open tag names, enough to catch a missing close or bad escape.
 */
static int well_formed(const char *s)
{
	char stack[64][16];
	int depth = 0;
	while (*s) {
		if (*s == '&') {
			const char *semi = strchr(s, ';');
			if (!semi || semi - s > 8)
				return 0;
			s = semi + 1;
		} else if (*s == '<') {
			const char *end = strchr(s, '>');
			size_t len;
			int closing = s[1] == '/';
			if (!end)
				return 0;
			len = strcspn(s + 1 + closing, " />");
			if (len == 0 || len >= 16)
				return 0;
			if (closing) {
				if (depth == 0 || strncmp(stack[depth - 1], s + 2, len) ||
				    stack[depth - 1][len])
					return 0;
				depth--;
			} else if (end[-1] != '/') {
				if (depth == 64)
					return 0;
				memcpy(stack[depth], s + 1, len);
				stack[depth++][len] = '\0';
			}
			{
				const char *q;
				for (q = s + 1; q < end; q++)
					if (*q == '<')
						return 0;
			}
			s = end + 1;
		} else if (*s == '>') {
			return 0;
		} else {
			s++;
		}
	}
	return depth == 0;
}

static void test_checker(void)
{
	ok(well_formed("<a x=\"1\"><b/>t &amp; u</a>"),
	   "the test's checker accepts a good fragment");
	ok(!well_formed("<a><b></a></b>"), "and rejects crossed elements");
	ok(!well_formed("<a>x & y</a>"), "a bare ampersand");
	ok(!well_formed("<a>x</a"), "a cut tag");
	ok(!well_formed("<a>"), "an element left open");
}

static void test_escape(void)
{
	struct strbuf sb = STRBUF_INIT;

	svgchart_escape(&sb, "a&b<c>\"d'e");
	is_str(sb.buf, "a&amp;b&lt;c&gt;&quot;d'e", "& < > \" are entities, ' stays");
	strbuf_reset(&sb);
	svgchart_escape(&sb, "Домов Брана: noclehárna");
	is_str(sb.buf, "Домов Брана: noclehárna", "UTF-8 text is copied");
	strbuf_reset(&sb);
	svgchart_escape(&sb, "x\xFFy\xC3");
	is_str(sb.buf, "x\xEF\xBF\xBDy\xEF\xBF\xBD", "invalid UTF-8 becomes U+FFFD");
	strbuf_reset(&sb);
	svgchart_escape(&sb,
			"a\x01"
			"b\tc\nd\re\x7F"
			"f\xC2\x85g");
	is_str(sb.buf,
	       "a\xEF\xBF\xBD"
	       "b\tc\nd\xEF\xBF\xBD"
	       "e\xEF\xBF\xBD"
	       "f\xEF\xBF\xBDg",
	       "controls but TAB and LF become U+FFFD (XML 1.0 forbids them)");
	strbuf_reset(&sb);
	svgchart_escape(&sb, "\xEF\xBF\xBE");
	is_str(sb.buf, "\xEF\xBF\xBD", "U+FFFE, not a character, becomes U+FFFD");
	strbuf_release(&sb);
}

static void test_value(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct svgchart c;

	memset(&c, 0, sizeof c);
	c.decimals = 1;
	c.suffix = " %";
	svgchart_value(&sb, &c, 967);
	is_str(sb.buf, "96.7 %", "one decimal and the suffix");
	strbuf_reset(&sb);
	svgchart_value(&sb, &c, 1000);
	is_str(sb.buf, "100.0 %", "a whole value keeps its decimal");
	strbuf_reset(&sb);
	svgchart_value(&sb, &c, -5);
	is_str(sb.buf, "-0.5 %", "negative");
	c.decimals = 0;
	c.suffix = "<&>";
	strbuf_reset(&sb);
	svgchart_value(&sb, &c, 42);
	is_str(sb.buf, "42&lt;&amp;&gt;", "no decimals; the suffix is escaped");
	strbuf_release(&sb);
}

static const char *const weeks[4] = { "W45\n11-02", "W46\n11-09", "W47\n11-16", "W48" };

static void test_bar(void)
{
	static const long v[4] = { 8, 4, 0, 2 };
	static const char *const name[1] = { "turned away" };
	struct strbuf sb = STRBUF_INIT, again = STRBUF_INIT;
	struct svgchart c;

	memset(&c, 0, sizeof c);
	c.id = "t";
	c.title = "Turned away <per week> & more";
	c.desc = "2026-W45 – 2026-W48";
	c.x = weeks;
	c.n = 4;
	c.series = name;
	c.nseries = 1;
	c.v = v;
	c.colour = 1;
	svgchart_bar(&sb, &c);
	ok(strncmp(sb.buf, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"t\" width=\"960\"",
		   strlen("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"t\" width=\"960\"")) == 0,
	   "an svg element in the SVG namespace, 960 wide");
	ok(strstr(sb.buf, "role=\"img\" aria-label=\"Turned away &lt;per week&gt; &amp; more\"") !=
		   NULL,
	   "role img with the escaped title as aria-label");
	ok(strstr(sb.buf,
		  "<title>Turned away &lt;per week&gt; &amp; more</title>\n<desc>2026-W45 – 2026-W48</desc>") !=
		   NULL,
	   "title and desc elements");
	is_int((long)occurrences(sb.buf, "fill=\"#D55E00\">"), 3,
	       "a bar per positive value, in the chosen colour");
	ok(strstr(sb.buf,
		  "<rect x=\"100\" y=\"24\" width=\"134\" height=\"240\" fill=\"#D55E00\"><title>W45 11-02: 8</title></rect>") !=
		   NULL,
	   "the highest bar fills the plot (scale 0-8), its tooltip on one line");
	ok(strstr(sb.buf, "height=\"120\" fill=\"#D55E00\"><title>W46 11-09: 4</title>") != NULL,
	   "half the value, half the height");
	ok(strstr(sb.buf, "font-weight=\"bold\">0</text>") != NULL,
	   "a zero is printed, no bar drawn");
	ok(strstr(sb.buf, ">W47</text>") && strstr(sb.buf, ">11-16</text>"),
	   "a two-line label is two texts");
	ok(strstr(sb.buf, "text-anchor=\"end\">8</text>") &&
		   strstr(sb.buf, "text-anchor=\"end\">6</text>"),
	   "y axis in steps of 2 up to 8");
	ok(well_formed(sb.buf), "well-formed");
	ok(strcmp(sb.buf + sb.len - 7, "</svg>\n") == 0, "ends the svg");
	svgchart_bar(&again, &c);
	ok(strcmp(sb.buf, again.buf) == 0, "the same data give the same bytes");

	strbuf_reset(&sb);
	c.min_count = 3;
	svgchart_bar(&sb, &c);
	is_int((long)occurrences(sb.buf, "fill=\"#D55E00\">"), 2,
	       "min_count: values below it are not drawn");
	is_int((long)occurrences(sb.buf, "font-weight=\"bold\">&lt;3</text>"), 2,
	       "and print <3, zero included");
	ok(well_formed(sb.buf), "still well-formed");

	strbuf_reset(&sb);
	c.empty = "no data: no referrals.csv";
	svgchart_bar(&sb, &c);
	ok(strstr(sb.buf, ">no data: no referrals.csv</text>") != NULL,
	   "without data: the text says so");
	is_int((long)occurrences(sb.buf, "fill=\"#D55E00\""), 0, "and no bar");
	ok(well_formed(sb.buf) && strstr(sb.buf, "<title>") != NULL, "well-formed, with its title");
	strbuf_release(&sb);
	strbuf_release(&again);
}

static void test_stacked(void)
{
	static const char *const names[10] = { "housing", "shelter", "legal <aid>", "d", "e",
					       "f",       "g",       "h",           "i", "rest" };
	long v[10 * 4];
	struct strbuf sb = STRBUF_INIT;
	struct svgchart c;
	size_t s, i;

	for (s = 0; s < 10; s++)
		for (i = 0; i < 4; i++)
			v[s * 4 + i] = s == 0 ? 200 : s == 9 ? 17 : (long)i;
	memset(&c, 0, sizeof c);
	c.title = "Needs";
	c.x = weeks;
	c.n = 4;
	c.series = names;
	c.nseries = 10;
	c.v = v;
	svgchart_stacked(&sb, &c);
	ok(strstr(sb.buf, "text-anchor=\"end\">250</text>") &&
		   strstr(sb.buf, "text-anchor=\"end\">50</text>") &&
		   !strstr(sb.buf, "text-anchor=\"end\">300</text>"),
	   "sums up to 241 make a scale 0-250 in steps of 50");
	is_int((long)occurrences(sb.buf, "<rect x=\"56\" y=\""), 4,
	       "ten legend entries: four rows of three");
	ok(strstr(sb.buf, "fill=\"#6F6F6F\"/>\n<text x=\"") != NULL,
	   "series past the eighth are grey");
	ok(strstr(sb.buf, ">legal &lt;aid&gt;</text>") != NULL, "legend labels are escaped");
	ok(strstr(sb.buf, "<title>legal &lt;aid&gt;, W46 11-09: 1</title>") != NULL,
	   "a segment's tooltip names its series and category");
	ok(strstr(sb.buf, "fill=\"#FFFFFF\">200</text>") != NULL, "a number on blue is white");
	ok(strstr(sb.buf, "font-weight=\"bold\">241</text>") != NULL, "the sum above the bar");
	ok(strstr(sb.buf, "font-weight=\"bold\">217</text>") != NULL,
	   "the sum of the first bar, whose zeros draw nothing");
	ok(well_formed(sb.buf), "well-formed");

	strbuf_reset(&sb);
	c.min_count = 5;
	svgchart_stacked(&sb, &c);
	ok(!strstr(sb.buf, "<title>d, W46 11-09"), "min_count: small segments are not drawn");
	is_int((long)occurrences(sb.buf, "font-weight=\"bold\">217</text>"), 4,
	       "the sums are of what is drawn");
	strbuf_release(&sb);
}

static void test_lines(void)
{
	static const char *const names[5] = { "brana-night", "svet-psych", "no-numbers",
					      "a-very-long-service-identifier-that-goes-on", "e" };
	static const long v[5 * 4] = {
		900, 1000, 1100, 967, -1,  500, -1, 600, -1, -1,
		-1,  -1,   100,  100, 100, 100, 0,  0,   0,  0,
	};
	struct strbuf sb = STRBUF_INIT;
	struct svgchart c;

	memset(&c, 0, sizeof c);
	c.title = "Utilisation";
	c.x = weeks;
	c.n = 4;
	c.series = names;
	c.nseries = 5;
	c.v = v;
	c.decimals = 1;
	c.suffix = " %";
	c.ymax = 1000;
	c.ref = 1000;
	c.missing = "no figures";
	svgchart_lines(&sb, &c);
	ok(strstr(sb.buf, "height=\"300\" viewBox=\"0 0 960 300\"") != NULL,
	   "five panels, two rows");
	is_int((long)occurrences(sb.buf, "<g>"), 5, "a group per panel");
	is_int((long)occurrences(sb.buf, "stroke-dasharray=\"4 3\""), 5,
	       "the reference line in each");
	ok(strstr(sb.buf, ">100 %</text>") && strstr(sb.buf, ">0 %</text>"),
	   "axis labels without decimals");
	ok(strstr(sb.buf, "<path d=\"M48 48 L93 41 L138 34 L184 43\"") != NULL,
	   "the common scale reaches the largest value (110 %%)");
	ok(strstr(sb.buf, "<path d=\"M333 75 M424 69\"") != NULL,
	   "an unknown value breaks the line");
	ok(strstr(sb.buf, ">96.7 %</text>") && strstr(sb.buf, ">60.0 %</text>"),
	   "the last value beside the line");
	is_int((long)occurrences(sb.buf, ">no figures</text>"), 1,
	       "a panel without values says so");
	ok(strstr(sb.buf, ">a-very-long-service-identifier\xE2\x80\xA6</text>") != NULL,
	   "long titles are cut with an ellipsis");
	ok(strstr(sb.buf, "<title>svet-psych, W46 11-09: 50.0 %</title>") != NULL,
	   "points have tooltips");
	ok(well_formed(sb.buf), "well-formed");

	strbuf_reset(&sb);
	c.nseries = 0;
	c.empty = "no services";
	svgchart_lines(&sb, &c);
	ok(strstr(sb.buf, ">no services</text>") && well_formed(sb.buf),
	   "no series: the empty text");
	strbuf_release(&sb);
}

static void test_palette(void)
{
	size_t i, k;
	int distinct = 1;
	for (i = 0; i <= SVGCHART_NCOLOURS; i++)
		for (k = 0; k < i; k++)
			if (strcmp(svgchart_palette[i].fill, svgchart_palette[k].fill) == 0)
				distinct = 0;
	ok(distinct, "the palette's colours are distinct");
	for (i = 0; i <= SVGCHART_NCOLOURS; i++) {
		const char *ink = svgchart_palette[i].ink;
		if (strcmp(ink, "#000000") && strcmp(ink, "#FFFFFF"))
			break;
	}
	ok(i == SVGCHART_NCOLOURS + 1, "inks are black or white");
}

int main(void)
{
	test_checker();
	test_escape();
	test_value();
	test_bar();
	test_stacked();
	test_lines();
	test_palette();
	return tap_done();
}
