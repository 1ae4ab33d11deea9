#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "ascii.h"
#include "csvwrite.h"
#include "strbuf.h"
#include "utf8.h"
#include "xalloc.h"
#include "banned.h"

struct output {
	FILE *fp;
	enum output_format format;
	size_t ncolumns;
	char **columns;
	char **keys; /* json and yaml: column name as written */
	unsigned char *numeric;
	size_t nrows;
	int started; /* csv, tsv: header written */
	int finished;
	int err;            /* errno of the first failed write */
	struct strbuf sb;   /* the record being built, reused */
	struct arena arena; /* table, md: escaped cells, header first */
	char **cells;
	size_t ncells, cells_alloc;
};

static const char *const format_names[] = {
	[OUTPUT_CSV] = "csv",   [OUTPUT_TSV] = "tsv",     [OUTPUT_JSON] = "json",
	[OUTPUT_YAML] = "yaml", [OUTPUT_TABLE] = "table", [OUTPUT_MD] = "md",
};

#define NFORMATS (sizeof(format_names) / sizeof(format_names[0]))

static const char replacement_char[] = "\xEF\xBF\xBD";

int output_format_parse(const char *name, enum output_format *f)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		if (!strcmp(name, format_names[i])) {
			*f = (enum output_format)i;
			return 0;
		}
	}
	return -1;
}

const char *output_format_names(void)
{
	return "csv, tsv, json, yaml, table, md";
}

static void add_spaces(struct strbuf *sb, size_t n)
{
	while (n--)
		strbuf_addch(sb, ' ');
}

/* JSON number syntax without exponent: what is safe bare in JSON and YAML. */
static int is_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s == '0') {
		s++;
	} else if (*s >= '1' && *s <= '9') {
		while (*s >= '0' && *s <= '9')
			s++;
	} else {
		return 0;
	}
	if (*s == '.') {
		s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static const char *tsv_escape(char c)
{
	switch (c) {
	case '\\':
		return "\\\\";
	case '\t':
		return "\\t";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	}
	return NULL;
}

static void tsv_field(struct strbuf *sb, const char *s)
{
	const char *e;

	if (csvwrite_is_formula(s, strlen(s)))
		strbuf_addch(sb, '\'');
	for (; *s; s++) {
		if ((e = tsv_escape(*s)))
			strbuf_addstr(sb, e);
		else
			strbuf_addch(sb, *s);
	}
}

static void tsv_record(struct strbuf *sb, const char *const *fields, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i)
			strbuf_addch(sb, '\t');
		tsv_field(sb, fields[i]);
	}
	strbuf_addch(sb, '\n');
}

/* The escapes JSON and YAML double-quoted strings share. */
static const char *short_escape(uint32_t c)
{
	switch (c) {
	case '"':
		return "\\\"";
	case '\\':
		return "\\\\";
	case '\n':
		return "\\n";
	case '\r':
		return "\\r";
	case '\t':
		return "\\t";
	}
	return NULL;
}

static void json_string(struct strbuf *sb, const char *s)
{
	size_t i = 0, len = strlen(s), n;
	unsigned char c;
	const char *e;
	uint32_t cp;

	strbuf_addch(sb, '"');
	for (; i < len; i += n) {
		c = (unsigned char)s[i];
		n = 1;
		if (c >= 0x80) {
			n = utf8_decode(s + i, len - i, &cp);
			if (cp == UTF8_INVALID)
				strbuf_addstr(sb, replacement_char);
			else
				strbuf_add(sb, s + i, n);
		} else if ((e = short_escape(c))) {
			strbuf_addstr(sb, e);
		} else if (c < 0x20) {
			strbuf_addf(sb, "\\u%04x", (unsigned)c);
		} else {
			strbuf_addch(sb, (char)c);
		}
	}
	strbuf_addch(sb, '"');
}

/* Code points a YAML double-quoted scalar must not hold raw. */
static int yaml_must_escape(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF;
}

static void yaml_string(struct strbuf *sb, const char *s)
{
	size_t i = 0, len = strlen(s), n;
	const char *e;
	uint32_t cp;

	strbuf_addch(sb, '"');
	for (; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			strbuf_addstr(sb, replacement_char);
		else if ((e = short_escape(cp)))
			strbuf_addstr(sb, e);
		else if (yaml_must_escape(cp) && cp <= 0xFF)
			strbuf_addf(sb, "\\x%02x", (unsigned)cp);
		else if (yaml_must_escape(cp))
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		else
			strbuf_add(sb, s + i, n);
	}
	strbuf_addch(sb, '"');
}

static int yaml_plain_key(const char *s)
{
	static const char *const words[] = {
		"y", "n", "yes", "no", "true", "false", "on", "off", "null",
	};
	size_t i;

	if (!ascii_isalpha((unsigned char)s[0]) && s[0] != '_')
		return 0;
	for (i = 1; s[i]; i++)
		if (!ascii_isalpha((unsigned char)s[i]) && !ascii_isdigit((unsigned char)s[i]) &&
		    s[i] != '_' && s[i] != '-')
			return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!ascii_strcasecmp(s, words[i]))
			return 0;
	return 1;
}

/* What a terminal would not show as a glyph, or would act on (ESC, CSI). */
static int unprintable(uint32_t cp)
{
	return cp == UTF8_INVALID || utf8_wcwidth(cp) < 0;
}

static void table_cell(struct strbuf *sb, const char *s)
{
	size_t i, len = strlen(s), n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == '\n')
			strbuf_addstr(sb, "\\n");
		else if (cp == '\t')
			strbuf_addstr(sb, "\\t");
		else if (unprintable(cp))
			strbuf_addch(sb, '?');
		else
			strbuf_add(sb, s + i, n);
	}
}

static void md_cell(struct strbuf *sb, const char *s)
{
	size_t i, len = strlen(s), n;
	uint32_t cp;

	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == '\r' && s[i + 1] == '\n')
			continue;
		if (cp == '\n' || cp == '\r') {
			strbuf_addstr(sb, "<br>");
		} else if (cp == '\t') {
			strbuf_addch(sb, ' ');
		} else if (cp == '|' || cp == '\\') {
			strbuf_addch(sb, '\\');
			strbuf_addch(sb, (char)cp);
		} else if (unprintable(cp)) {
			strbuf_addch(sb, '?');
		} else {
			strbuf_add(sb, s + i, n);
		}
	}
}

static void buffer_row(struct output *o, const char *const *fields)
{
	size_t i;

	XALLOC_GROW(o->cells, o->ncells + o->ncolumns, o->cells_alloc);
	for (i = 0; i < o->ncolumns; i++) {
		strbuf_reset(&o->sb);
		if (o->format == OUTPUT_MD)
			md_cell(&o->sb, fields[i]);
		else
			table_cell(&o->sb, fields[i]);
		o->cells[o->ncells++] = arena_strndup(&o->arena, o->sb.buf, o->sb.len);
	}
}

struct output *output_new(FILE *fp, enum output_format f, const char *const *columns,
			  size_t ncolumns)
{
	struct output *o = xcalloc(1, sizeof(*o));
	size_t i;

	o->fp = fp;
	o->format = f;
	o->ncolumns = ncolumns;
	o->columns = xcalloc(ncolumns, sizeof(*o->columns));
	o->keys = xcalloc(ncolumns, sizeof(*o->keys));
	o->numeric = xcalloc(ncolumns, 1);
	strbuf_init(&o->sb, 0);
	for (i = 0; i < ncolumns; i++) {
		o->columns[i] = xstrdup(columns[i]);
		strbuf_reset(&o->sb);
		if (f == OUTPUT_JSON) {
			json_string(&o->sb, columns[i]);
			strbuf_addch(&o->sb, ':');
		} else if (f == OUTPUT_YAML) {
			if (yaml_plain_key(columns[i]))
				strbuf_addstr(&o->sb, columns[i]);
			else
				yaml_string(&o->sb, columns[i]);
			strbuf_addstr(&o->sb, ": ");
		}
		o->keys[i] = xstrndup(o->sb.buf, o->sb.len);
	}
	if (f == OUTPUT_TABLE || f == OUTPUT_MD)
		buffer_row(o, columns);
	return o;
}

void output_set_numeric(struct output *o, size_t column)
{
	if (column < o->ncolumns)
		o->numeric[column] = 1;
}

static void put(struct output *o, const char *buf, size_t len)
{
	errno = 0;
	if (len && fwrite(buf, 1, len, o->fp) != len && !o->err)
		o->err = errno ? errno : EIO;
}

static void put_sb(struct output *o)
{
	put(o, o->sb.buf, o->sb.len);
}

static void start(struct output *o)
{
	const char *const *names = (const char *const *)o->columns;

	if (o->started)
		return;
	o->started = 1;
	strbuf_reset(&o->sb);
	if (o->format == OUTPUT_CSV)
		csvwrite_cells(&o->sb, names, o->ncolumns);
	else if (o->format == OUTPUT_TSV)
		tsv_record(&o->sb, names, o->ncolumns);
	put_sb(o);
}

static void json_record(const struct output *o, struct strbuf *sb, const char *const *fields)
{
	size_t i;

	strbuf_addch(sb, '{');
	for (i = 0; i < o->ncolumns; i++) {
		if (i)
			strbuf_addch(sb, ',');
		strbuf_addstr(sb, o->keys[i]);
		if (!o->numeric[i])
			json_string(sb, fields[i]);
		else if (!*fields[i])
			strbuf_addstr(sb, "null");
		else if (is_number(fields[i]))
			strbuf_addstr(sb, fields[i]);
		else
			json_string(sb, fields[i]);
	}
	strbuf_addstr(sb, "}\n");
}

static void yaml_record(const struct output *o, struct strbuf *sb, const char *const *fields)
{
	size_t i;

	if (!o->ncolumns)
		strbuf_addstr(sb, "- {}\n");
	for (i = 0; i < o->ncolumns; i++) {
		strbuf_addstr(sb, i ? "  " : "- ");
		strbuf_addstr(sb, o->keys[i]);
		if (!o->numeric[i])
			yaml_string(sb, fields[i]);
		else if (!*fields[i])
			strbuf_addstr(sb, "null");
		else if (is_number(fields[i]))
			strbuf_addstr(sb, fields[i]);
		else
			yaml_string(sb, fields[i]);
		strbuf_addch(sb, '\n');
	}
}

/* One streamed record (csv, tsv, json, yaml) appended to sb. */
static void render(const struct output *o, struct strbuf *sb, const char *const *fields)
{
	if (o->format == OUTPUT_CSV)
		csvwrite_cells(sb, fields, o->ncolumns);
	else if (o->format == OUTPUT_TSV)
		tsv_record(sb, fields, o->ncolumns);
	else if (o->format == OUTPUT_JSON)
		json_record(o, sb, fields);
	else
		yaml_record(o, sb, fields);
}

void output_row(struct output *o, const char *const *fields)
{
	o->nrows++;
	switch (o->format) {
	case OUTPUT_TABLE:
	case OUTPUT_MD:
		buffer_row(o, fields);
		return;
	case OUTPUT_CSV:
	case OUTPUT_TSV:
		start(o);
		break;
	case OUTPUT_JSON:
	case OUTPUT_YAML:
		break;
	}
	strbuf_reset(&o->sb);
	render(o, &o->sb, fields);
	put_sb(o);
}

static int aligned(const struct output *o)
{
	return o->format == OUTPUT_TABLE || o->format == OUTPUT_MD;
}

void output_render_row(const struct output *o, struct strbuf *sb, const char *const *fields)
{
	size_t i;
	if (!aligned(o)) {
		render(o, sb, fields);
		return;
	}
	for (i = 0; i < o->ncolumns; i++)
		strbuf_add(sb, fields[i], strlen(fields[i]) + 1);
}

void output_rendered(struct output *o, const char *buf, size_t len, size_t nrows)
{
	if (!nrows)
		return;
	if (aligned(o)) {
		const char **fields = xmalloc(o->ncolumns * sizeof *fields);
		const char *p = buf;
		size_t r, i;
		for (r = 0; r < nrows; r++) {
			for (i = 0; i < o->ncolumns; i++) {
				fields[i] = p;
				p += strlen(p) + 1;
			}
			output_row(o, fields);
		}
		free(fields);
		return;
	}
	o->nrows += nrows;
	if (o->format == OUTPUT_CSV || o->format == OUTPUT_TSV)
		start(o);
	put(o, buf, len);
}

/* Display width of every column: its widest cell, at least min. */
static size_t *column_widths(const struct output *o, size_t min)
{
	size_t *w = xcalloc(o->ncolumns, sizeof(*w));
	size_t i, cw;

	for (i = 0; i < o->ncolumns; i++)
		w[i] = min;
	for (i = 0; i < o->ncells; i++) {
		cw = utf8_width(o->cells[i], strlen(o->cells[i]));
		if (cw > w[i % o->ncolumns])
			w[i % o->ncolumns] = cw;
	}
	return w;
}

static void add_padded(struct strbuf *sb, const char *cell, size_t width, int right)
{
	size_t pad = width - utf8_width(cell, strlen(cell));

	if (right)
		add_spaces(sb, pad);
	strbuf_addstr(sb, cell);
	if (!right)
		add_spaces(sb, pad);
}

static void add_dashes(struct strbuf *sb, size_t n)
{
	while (n--)
		strbuf_addch(sb, '-');
}

static void put_line(struct output *o)
{
	while (o->sb.len && o->sb.buf[o->sb.len - 1] == ' ')
		strbuf_setlen(&o->sb, o->sb.len - 1);
	strbuf_addch(&o->sb, '\n');
	put_sb(o);
}

static void print_table(struct output *o)
{
	size_t *w = column_widths(o, 1);
	size_t r, i, n = o->ncolumns;

	for (r = 0; r * n < o->ncells; r++) {
		strbuf_reset(&o->sb);
		for (i = 0; i < n; i++) {
			if (i)
				strbuf_addstr(&o->sb, "  ");
			add_padded(&o->sb, o->cells[r * n + i], w[i], o->numeric[i]);
		}
		put_line(o);
		if (r)
			continue;
		strbuf_reset(&o->sb);
		for (i = 0; i < n; i++) {
			if (i)
				strbuf_addstr(&o->sb, "  ");
			add_dashes(&o->sb, w[i]);
		}
		put_line(o);
	}
	free(w);
}

static void print_md(struct output *o)
{
	size_t *w = column_widths(o, 3);
	size_t r, i, n = o->ncolumns;

	for (r = 0; r * n < o->ncells; r++) {
		strbuf_reset(&o->sb);
		strbuf_addch(&o->sb, '|');
		for (i = 0; i < n; i++) {
			strbuf_addch(&o->sb, ' ');
			add_padded(&o->sb, o->cells[r * n + i], w[i], o->numeric[i]);
			strbuf_addstr(&o->sb, " |");
		}
		put_line(o);
		if (r)
			continue;
		strbuf_reset(&o->sb);
		strbuf_addch(&o->sb, '|');
		for (i = 0; i < n; i++) {
			strbuf_addch(&o->sb, ' ');
			add_dashes(&o->sb, w[i] - o->numeric[i]);
			strbuf_addstr(&o->sb, o->numeric[i] ? ": |" : " |");
		}
		put_line(o);
	}
	free(w);
}

int output_finish(struct output *o, struct diag *d)
{
	if (!o->finished) {
		o->finished = 1;
		if (o->format == OUTPUT_CSV || o->format == OUTPUT_TSV)
			start(o);
		else if (o->format == OUTPUT_YAML && !o->nrows)
			put(o, "[]\n", 3);
		else if (o->format == OUTPUT_TABLE)
			print_table(o);
		else if (o->format == OUTPUT_MD)
			print_md(o);
	}
	errno = 0;
	if (fflush(o->fp) && !o->err)
		o->err = errno ? errno : EIO;
	if (ferror(o->fp) && !o->err)
		o->err = EIO;
	if (o->err)
		return diag_set(d, DIAG_SYSTEM, NULL, 0, 0, "cannot write output: %s",
				strerror(o->err));
	return 0;
}

void output_free(struct output *o)
{
	size_t i;

	if (!o)
		return;
	for (i = 0; i < o->ncolumns; i++) {
		free(o->columns[i]);
		free(o->keys[i]);
	}
	free(o->columns);
	free(o->keys);
	free(o->numeric);
	free(o->cells);
	arena_release(&o->arena);
	strbuf_release(&o->sb);
	free(o);
}
