#include "svgchart.h"

#include <stdint.h>
#include <string.h>

#include "utf8.h"
#include "banned.h"

/*
 * Okabe and Ito's colours for colour-blind readers, the light ones
 * (orange, sky blue, yellow) replaced by darker ones so that each has a
 * contrast of at least 3:1 against white; the ink is the colour of text on
 * it (contrast in brackets), the last entry the grey of the rest.
 */
const struct svgchart_colour svgchart_palette[SVGCHART_NCOLOURS + 1] = {
	{ "#0072B2", "#FFFFFF" }, /* blue: 5.2:1 on white; white ink 5.2 */
	{ "#D55E00", "#000000" }, /* vermillion: 3.9; black ink 5.4 */
	{ "#009E73", "#000000" }, /* bluish green: 3.4; black ink 6.1 */
	{ "#CC79A7", "#000000" }, /* reddish purple: 3.1; black ink 6.9 */
	{ "#332288", "#FFFFFF" }, /* indigo: 12.2; white ink 12.2 */
	{ "#B8860B", "#000000" }, /* dark goldenrod: 3.3; black ink 6.5 */
	{ "#882255", "#FFFFFF" }, /* wine: 8.7; white ink 8.7 */
	{ "#117733", "#FFFFFF" }, /* green: 5.7; white ink 5.7 */
	{ "#6F6F6F", "#FFFFFF" }, /* grey, the rest: 5.0; white ink 5.0 */
};

#define TEXT_COLOUR "#222222"
#define GRID_COLOUR "#DDDDDD"
#define AXIS_COLOUR "#555555"
#define LINE_COLOUR "#0072B2"

/* Bars: margins left, right, top; plot height; x labels; a legend row. */
enum {
	ML = 56,
	MR = 16,
	MT = 24,
	PH = 240,
	XL = 40,
	LEGEND_ROW = 22,
	LEGEND_COLS = 3,
	PW = SVGCHART_WIDTH - ML - MR
};
/* Small multiples: panel size, plot box inside a panel. */
enum {
	COLS = 4,
	PANEL_W = SVGCHART_WIDTH / COLS,
	PANEL_H = 150,
	P_LEFT = 48,
	P_RIGHT = 56,
	P_TOP = 34,
	P_HEIGHT = 76,
	TITLE_MAX = 30
};

void svgchart_escape(struct strbuf *sb, const char *s)
{
	size_t i, n, len = strlen(s);
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		switch (cp) {
		case '&':
			strbuf_addstr(sb, "&amp;");
			break;
		case '<':
			strbuf_addstr(sb, "&lt;");
			break;
		case '>':
			strbuf_addstr(sb, "&gt;");
			break;
		case '"':
			strbuf_addstr(sb, "&quot;");
			break;
		default:
			if (cp == UTF8_INVALID || (cp < 0x20 && cp != '\t' && cp != '\n') ||
			    cp == '\r' || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE ||
			    cp == 0xFFFF)
				strbuf_addstr(sb, "\xEF\xBF\xBD");
			else
				strbuf_add(sb, s + i, n);
		}
	}
}

static long power10(int d)
{
	long p = 1;
	while (d-- > 0)
		p *= 10;
	return p;
}

/* A value as text; trim: leave out a fraction of zeros (axis labels). */
static void value(struct strbuf *sb, const struct svgchart *c, long v, int trim)
{
	long p = power10(c->decimals);
	long a = v < 0 ? -v : v;
	strbuf_addf(sb, "%s%ld", v < 0 ? "-" : "", a / p);
	if (p > 1 && !(trim && a % p == 0))
		strbuf_addf(sb, ".%0*ld", c->decimals, a % p);
	if (c->suffix)
		svgchart_escape(sb, c->suffix);
}

void svgchart_value(struct strbuf *sb, const struct svgchart *c, long v)
{
	value(sb, c, v, 0);
}

static void open_svg(struct strbuf *sb, const struct svgchart *c, int height)
{
	strbuf_addstr(sb, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	if (c->id) {
		strbuf_addstr(sb, " id=\"");
		svgchart_escape(sb, c->id);
		strbuf_addch(sb, '"');
	}
	strbuf_addf(sb, " width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\"", SVGCHART_WIDTH, height,
		    SVGCHART_WIDTH, height);
	strbuf_addstr(sb, " role=\"img\" aria-label=\"");
	svgchart_escape(sb, c->title);
	strbuf_addstr(sb,
		      "\" font-family=\"sans-serif\" font-size=\"12\" fill=\"" TEXT_COLOUR "\">\n");
	strbuf_addstr(sb, "<title>");
	svgchart_escape(sb, c->title);
	strbuf_addstr(sb, "</title>\n");
	if (c->desc) {
		strbuf_addstr(sb, "<desc>");
		svgchart_escape(sb, c->desc);
		strbuf_addstr(sb, "</desc>\n");
	}
	strbuf_addf(sb, "<rect width=\"%d\" height=\"%d\" fill=\"#FFFFFF\"/>\n", SVGCHART_WIDTH,
		    height);
}

/* <text> at x, y; attrs (trusted) go into the tag as they are. */
static void text(struct strbuf *sb, long x, long y, const char *attrs, const char *s, size_t len)
{
	struct strbuf t = STRBUF_INIT;
	strbuf_add(&t, s, len);
	strbuf_addf(sb, "<text x=\"%ld\" y=\"%ld\"%s%s>", x, y, *attrs ? " " : "", attrs);
	svgchart_escape(sb, t.buf);
	strbuf_addstr(sb, "</text>\n");
	strbuf_release(&t);
}

/* A category label on one line: its '\n' as a space. */
static void flat_label(struct strbuf *sb, const char *s)
{
	struct strbuf t = STRBUF_INIT;
	strbuf_addstr(&t, s);
	for (char *p = t.buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	svgchart_escape(sb, t.buf);
	strbuf_release(&t);
}

/* "<title>series, category: value</title>" for a bar, segment or point. */
static void tooltip(struct strbuf *sb, const struct svgchart *c, size_t s, size_t i, long v,
		    int hidden)
{
	strbuf_addstr(sb, "<title>");
	if (c->nseries > 1) {
		svgchart_escape(sb, c->series[s]);
		strbuf_addstr(sb, ", ");
	}
	flat_label(sb, c->x[i]);
	strbuf_addstr(sb, ": ");
	if (hidden)
		strbuf_addf(sb, "&lt;%lu", c->min_count);
	else
		value(sb, c, v, 0);
	strbuf_addstr(sb, "</title>");
}

static void empty_chart(struct strbuf *sb, const struct svgchart *c)
{
	open_svg(sb, c, 80);
	strbuf_addf(sb,
		    "<rect x=\"%d\" y=\"8\" width=\"%d\" height=\"64\" fill=\"none\" stroke=\"#BBBBBB\"/>\n",
		    ML, PW);
	text(sb, ML + PW / 2, 46, "text-anchor=\"middle\" font-size=\"14\"", c->empty,
	     strlen(c->empty));
	strbuf_addstr(sb, "</svg>\n");
}

/* The top of a scale for max (>= 1): at most five steps of 1, 2 or 5 times a power of 10. */
static long nice_top(long max, long *step)
{
	static const long m[3] = { 1, 2, 5 };
	long base = 1;
	int k;
	for (;;) {
		for (k = 0; k < 3; k++) {
			long s = m[k] * base;
			if ((max + s - 1) / s <= 5) {
				*step = s;
				return (max + s - 1) / s * s;
			}
		}
		base *= 10;
	}
}

static long val(const struct svgchart *c, size_t s, size_t i)
{
	return c->v[s * c->n + i];
}

static int hidden(const struct svgchart *c, long v)
{
	return c->min_count && v >= 0 && (unsigned long)v < c->min_count;
}

/* y of value v on a bar scale reaching top. */
static long bar_y(long v, long top)
{
	return MT + PH - (v * PH + top / 2) / top;
}

static void legend(struct strbuf *sb, const struct svgchart *c, size_t nseries, long y0)
{
	size_t s;
	for (s = 0; s < nseries; s++) {
		long x = ML + (long)(s % LEGEND_COLS) * (PW / LEGEND_COLS);
		long y = y0 + (long)(s / LEGEND_COLS) * LEGEND_ROW;
		const struct svgchart_colour *col =
			&svgchart_palette[s < SVGCHART_NCOLOURS ? s : SVGCHART_NCOLOURS];
		strbuf_addf(sb,
			    "<rect x=\"%ld\" y=\"%ld\" width=\"14\" height=\"14\" fill=\"%s\"/>\n",
			    x, y, col->fill);
		text(sb, x + 20, y + 12, "", c->series[s], strlen(c->series[s]));
	}
}

static void bars(struct strbuf *sb, const struct svgchart *c, int stacked)
{
	size_t nseries = stacked ? c->nseries : 1, s, i;
	size_t legend_rows = stacked ? (nseries + LEGEND_COLS - 1) / LEGEND_COLS : 0;
	long max = 1, top, step, t, height;
	struct strbuf num = STRBUF_INIT;

	if (c->empty || !c->n || !nseries) {
		empty_chart(sb, c);
		return;
	}
	for (i = 0; i < c->n; i++) {
		long sum = 0;
		for (s = 0; s < nseries; s++)
			if (val(c, s, i) > 0 && !hidden(c, val(c, s, i)))
				sum += val(c, s, i);
		if (sum > max)
			max = sum;
	}
	if (c->ymax > max)
		max = c->ymax;
	top = nice_top(max, &step);
	height = MT + PH + XL + (legend_rows ? 8 + (long)legend_rows * LEGEND_ROW : 0) + 4;
	open_svg(sb, c, (int)height);

	for (t = 0; t <= top; t += step) {
		strbuf_addf(sb, "<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"%s\"/>\n",
			    ML, bar_y(t, top), ML + PW, bar_y(t, top),
			    t ? GRID_COLOUR : AXIS_COLOUR);
		strbuf_reset(&num);
		value(&num, c, t, 1);
		strbuf_addf(sb, "<text x=\"%d\" y=\"%ld\" text-anchor=\"end\">%s</text>\n", ML - 6,
			    bar_y(t, top) + 4, num.buf);
	}
	for (i = 0; i < c->n; i++) {
		long left = ML + (long)((size_t)PW * i / c->n);
		long right = ML + (long)((size_t)PW * (i + 1) / c->n);
		long w = right - left, bx = left + w / 5, bw = w - 2 * (w / 5), sum = 0;
		const char *nl = strchr(c->x[i], '\n');
		int any_hidden = 0;

		for (s = 0; s < nseries; s++) {
			const struct svgchart_colour *col =
				&svgchart_palette
					[stacked ? (s < SVGCHART_NCOLOURS ? s : SVGCHART_NCOLOURS)
						 : (size_t)c->colour % (SVGCHART_NCOLOURS + 1)];
			long v = val(c, s, i), y0, y1;
			if (hidden(c, v)) {
				any_hidden = 1;
				continue;
			}
			if (v <= 0)
				continue;
			y1 = bar_y(sum, top);
			y0 = bar_y(sum + v, top);
			sum += v;
			if (y1 <= y0)
				continue;
			strbuf_addf(sb,
				    "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" height=\"%ld\" fill=\"%s\"%s>",
				    bx, y0, bw, y1 - y0, col->fill,
				    stacked ? " stroke=\"#FFFFFF\" stroke-width=\"1\"" : "");
			tooltip(sb, c, s, i, v, 0);
			strbuf_addstr(sb, "</rect>\n");
			if (stacked && y1 - y0 >= 16 && bw >= 22) {
				strbuf_reset(&num);
				value(&num, c, v, 0);
				strbuf_addf(sb,
					    "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\" font-size=\"11\" fill=\"%s\">%s</text>\n",
					    bx + bw / 2, (y0 + y1) / 2 + 4, col->ink, num.buf);
			}
		}
		strbuf_reset(&num);
		if ((any_hidden && sum == 0) || (stacked && hidden(c, sum)))
			strbuf_addf(&num, "&lt;%lu", c->min_count);
		else
			value(&num, c, sum, 0);
		strbuf_addf(sb,
			    "<text x=\"%ld\" y=\"%ld\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>\n",
			    bx + bw / 2, bar_y(sum, top) - 5, num.buf);
		text(sb, left + w / 2, MT + PH + 16, "text-anchor=\"middle\" font-size=\"11\"",
		     c->x[i], nl ? (size_t)(nl - c->x[i]) : strlen(c->x[i]));
		if (nl)
			text(sb, left + w / 2, MT + PH + 30,
			     "text-anchor=\"middle\" font-size=\"11\"", nl + 1, strlen(nl + 1));
	}
	if (legend_rows)
		legend(sb, c, nseries, MT + PH + XL + 8);
	strbuf_addstr(sb, "</svg>\n");
	strbuf_release(&num);
}

void svgchart_bar(struct strbuf *sb, const struct svgchart *c)
{
	bars(sb, c, 0);
}

void svgchart_stacked(struct strbuf *sb, const struct svgchart *c)
{
	bars(sb, c, 1);
}

/* A panel title cut to TITLE_MAX characters, with an ellipsis. */
static void panel_title(struct strbuf *sb, const char *s, long x, long y)
{
	size_t i = 0, len = strlen(s), chars = 0;
	uint32_t cp;
	while (i < len && chars < TITLE_MAX) {
		i += utf8_decode(s + i, len - i, &cp);
		chars++;
	}
	strbuf_addf(sb, "<text x=\"%ld\" y=\"%ld\" font-weight=\"bold\">", x, y);
	{
		struct strbuf t = STRBUF_INIT;
		strbuf_add(&t, s, i);
		if (i < len)
			strbuf_addstr(&t, "\xE2\x80\xA6");
		svgchart_escape(sb, t.buf);
		strbuf_release(&t);
	}
	strbuf_addstr(sb, "</text>\n");
}

static void panel(struct strbuf *sb, const struct svgchart *c, size_t s, long top)
{
	long px = (long)(s % COLS) * PANEL_W, py = (long)(s / COLS) * PANEL_H;
	long left = px + P_LEFT, width = PANEL_W - P_LEFT - P_RIGHT;
	long bottom = py + P_TOP + P_HEIGHT, lastx = 0, lasty = 0, last = -1;
	struct strbuf num = STRBUF_INIT, path = STRBUF_INIT;
	size_t i;
	int pen = 0;

	strbuf_addf(sb,
		    "<g>\n<rect x=\"%ld\" y=\"%ld\" width=\"%d\" height=\"%d\" rx=\"3\" fill=\"none\" stroke=\"#BBBBBB\"/>\n",
		    px + 4, py + 4, PANEL_W - 8, PANEL_H - 8);
	panel_title(sb, c->series[s], px + 12, py + 21);
	strbuf_addf(sb, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"%s\"/>\n", left,
		    bottom, left + width, bottom, AXIS_COLOUR);
	value(&num, c, 0, 1);
	strbuf_addf(sb,
		    "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\" font-size=\"10\">%s</text>\n",
		    left - 4, bottom + 3, num.buf);
	if (c->ref >= 0) {
		long y = bottom - (c->ref * P_HEIGHT + top / 2) / top;
		strbuf_addf(sb,
			    "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" stroke=\"%s\" stroke-dasharray=\"4 3\"/>\n",
			    left, y, left + width, y, AXIS_COLOUR);
		strbuf_reset(&num);
		value(&num, c, c->ref, 1);
		strbuf_addf(sb,
			    "<text x=\"%ld\" y=\"%ld\" text-anchor=\"end\" font-size=\"10\">%s</text>\n",
			    left - 4, y + 3, num.buf);
	}
	for (i = 0; i < c->n; i++) {
		long v = val(c, s, i);
		long x = left + (c->n > 1 ? (long)((size_t)width * i / (c->n - 1)) : width / 2);
		long y = bottom - (v * P_HEIGHT + top / 2) / top;
		if (v < 0) {
			pen = 0;
			continue;
		}
		strbuf_addf(&path, "%s%ld %ld", pen ? " L" : (path.len ? " M" : "M"), x, y);
		pen = 1;
		lastx = x;
		lasty = y;
		last = v;
	}
	if (path.len) {
		strbuf_addf(sb, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
			    path.buf, LINE_COLOUR);
		for (i = 0; i < c->n; i++) {
			long v = val(c, s, i);
			long x = left +
				 (c->n > 1 ? (long)((size_t)width * i / (c->n - 1)) : width / 2);
			if (v < 0)
				continue;
			strbuf_addf(sb, "<circle cx=\"%ld\" cy=\"%ld\" r=\"3\" fill=\"%s\">", x,
				    bottom - (v * P_HEIGHT + top / 2) / top, LINE_COLOUR);
			tooltip(sb, c, s, i, v, 0);
			strbuf_addstr(sb, "</circle>\n");
		}
		strbuf_reset(&num);
		value(&num, c, last, 0);
		strbuf_addf(sb,
			    "<text x=\"%ld\" y=\"%ld\" font-size=\"11\" font-weight=\"bold\">%s</text>\n",
			    lastx + 6, lasty + 4, num.buf);
	} else if (c->missing) {
		text(sb, left + width / 2, bottom - P_HEIGHT / 2 + 4,
		     "text-anchor=\"middle\" fill=\"#555555\"", c->missing, strlen(c->missing));
	}
	if (c->n) {
		const char *first = c->x[0], *lastl = c->x[c->n - 1];
		const char *nl1 = strchr(first, '\n'), *nl2 = strchr(lastl, '\n');
		text(sb, left, bottom + 16, "text-anchor=\"middle\" font-size=\"10\"", first,
		     nl1 ? (size_t)(nl1 - first) : strlen(first));
		if (c->n > 1)
			text(sb, left + width, bottom + 16,
			     "text-anchor=\"middle\" font-size=\"10\"", lastl,
			     nl2 ? (size_t)(nl2 - lastl) : strlen(lastl));
	}
	strbuf_addstr(sb, "</g>\n");
	strbuf_release(&num);
	strbuf_release(&path);
}

void svgchart_lines(struct strbuf *sb, const struct svgchart *c)
{
	size_t s, i, rows;
	long top = c->ymax > 1 ? c->ymax : 1;

	if (c->empty || !c->nseries) {
		empty_chart(sb, c);
		return;
	}
	for (s = 0; s < c->nseries; s++)
		for (i = 0; i < c->n; i++)
			if (val(c, s, i) > top)
				top = val(c, s, i);
	rows = (c->nseries + COLS - 1) / COLS;
	open_svg(sb, c, (int)(rows * PANEL_H));
	for (s = 0; s < c->nseries; s++)
		panel(sb, c, s, top);
	strbuf_addstr(sb, "</svg>\n");
}
