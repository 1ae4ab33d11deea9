/*
 * svgchart: small charts drawn as SVG text into a strbuf, for pages that
 * must stand alone (no scripts, no fonts or images from elsewhere).
 *
 * Three kinds, all from one description (struct svgchart): bars (one
 * series), stacked bars (several series, with a legend) and small
 * multiples of line charts (one panel per series, on a common scale).
 * Each is one <svg> element with the SVG namespace, role="img", an
 * aria-label and a <title> (the chart's title), a <desc> when given, and
 * a <title> on every bar, segment and point saying what it shows; every
 * text is an SVG <text> in the generic sans-serif font.  Values are
 * printed on or above bars where there is room, and beside the last
 * point of each line.
 *
 * Geometry is computed in whole pixels with integer arithmetic, so the
 * same data always give the same bytes.  The charts are 960 pixels wide;
 * a page scales them down with CSS (max-width: 100%).
 *
 * Colours: series take svgchart_palette in order (eight colours, each of
 * contrast at least 3:1 against white, as WCAG asks of graphics; series
 * beyond the eighth are grey: put a "rest" series last); a number drawn
 * on a bar is black or white, whichever has the contrast of at least
 * 4.5:1 there.  Text beside bars is near-black on white.
 *
 * Every text given is escaped for XML (and so for HTML): & < > " as
 * entities (attributes are always in double quotes), invalid UTF-8 and
 * control characters as U+FFFD.
 *
 * Ownership: the description and its arrays belong to the caller; the
 * functions only append to sb.
 */
#ifndef OKIENKO_SVGCHART_H
#define OKIENKO_SVGCHART_H

#include <stddef.h>

#include "strbuf.h"

#define SVGCHART_WIDTH 960
#define SVGCHART_NCOLOURS 8

struct svgchart {
	const char *id;       /* prefix of the element ids; unique in a page */
	const char *title;    /* the <title> and aria-label */
	const char *desc;     /* the <desc>, or NULL */
	const char *empty;    /* not NULL: there is no data; shown instead */
	const char *const *x; /* n category labels; a '\n' starts a second line */
	size_t n;
	const char *const *series; /* nseries labels: legend entries, panel titles */
	size_t nseries;
	const long *v;           /* v[s * n + i]: series s at category i; < 0 unknown */
	int decimals;            /* values are fixed point with this many decimals (0-3) */
	const char *suffix;      /* printed after each value (" %"), or NULL */
	unsigned long min_count; /* bars: values below it are not drawn, and print "<K" */
	long ymax;               /* the scale reaches at least this value */
	long ref;                /* lines: a dashed line at this value; < 0: none */
	const char *missing;     /* lines: text of a panel without any value */
	int colour;              /* bar: the bars' colour, an index of svgchart_palette */
};

struct svgchart_colour {
	const char *fill, *ink; /* "#RRGGBB": a series' colour, a number's on it */
};
extern const struct svgchart_colour svgchart_palette[SVGCHART_NCOLOURS + 1];

/* Bars of series 0. */
void svgchart_bar(struct strbuf *sb, const struct svgchart *c);
/* Bars of every series stacked, series 0 at the bottom, the sum above. */
void svgchart_stacked(struct strbuf *sb, const struct svgchart *c);
/* A small line chart per series, four a row, on one scale from 0. */
void svgchart_lines(struct strbuf *sb, const struct svgchart *c);

/* Append s escaped for XML text and attribute values. */
void svgchart_escape(struct strbuf *sb, const char *s);
/* Append a fixed-point value with c->decimals decimals and c->suffix. */
void svgchart_value(struct strbuf *sb, const struct svgchart *c, long v);

#endif
