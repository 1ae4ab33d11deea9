#include "yamldoc.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "i18n.h"
#include "strbuf.h"
#include "suggest.h"
#include "xalloc.h"
#include "banned.h"

enum { YAMLDOC_QUADRATIC_KEYS = 16 };

struct frame {
	struct yamldoc_node *node;
	size_t start; /* first child in builder.scratch */
};

struct builder {
	struct yamldoc *doc;
	struct diag *d;
	const char *buf;
	size_t len;
	struct yamldoc_node **scratch; /* children of the open collections */
	size_t nscratch, alloc;
	struct frame stack[YAMLDOC_MAX_DEPTH];
	int depth;
	int ndocs;
	long end_line, end_col;        /* where the input ends (stream: once read) */
	struct yamldoc_stream *stream; /* NULL: a whole document */
};

static const char *diag_name(const struct yamldoc *doc)
{
	return doc->name ? doc->name : "";
}

/*
 * The 1-based position of libyaml's mark m.  At the end of input without
 * a final line break libyaml puts its mark on the line after the last
 * one: that is the end of input.
 */
static void mark_position(const struct builder *b, const yaml_mark_t *m, long *line, long *col)
{
	*line = (long)m->line + 1;
	*col = (long)m->column + 1;
	if (*line > b->end_line || (*line == b->end_line && *col > b->end_col)) {
		*line = b->end_line;
		*col = b->end_col;
	}
}

__attribute__((format(printf, 3, 4))) static int error_at(struct builder *b, const yaml_mark_t *m,
							  const char *fmt, ...)
{
	va_list ap;
	long line, col;

	mark_position(b, m, &line, &col);
	va_start(ap, fmt);
	diag_vset(b->d, DIAG_DATA, diag_name(b->doc), line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* A position in the input: the byte offset counted up to, its line and column. */
struct poscount {
	size_t off;
	long line, col;
};

/*
 * Count the bytes from pc->off up to off; s holds len bytes from offset
 * base on (a stream keeps only its last bytes), past pc->off.
 */
static void count_to(struct poscount *pc, const char *buf, size_t base, size_t len, size_t off)
{
	const unsigned char *s = (const unsigned char *)buf - base;
	size_t i = pc->off, end = base + len;

	if (off > end)
		off = end;
	if (i == 0 && base == 0 && len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		i = 3;
	for (; i < off; i++) {
		if (s[i] == '\n' || (s[i] == '\r' && (i + 1 >= end || s[i + 1] != '\n')) ||
		    (s[i] == 0xc2 && i + 1 < end && s[i + 1] == 0x85) ||
		    (s[i] == 0xe2 && i + 2 < end && s[i + 1] == 0x80 &&
		     (s[i + 2] == 0xa8 || s[i + 2] == 0xa9))) {
			pc->line++;
			pc->col = 0;
		}
		if ((s[i] & 0xc0) != 0x80)
			pc->col++;
	}
	if (i > pc->off)
		pc->off = i;
}

/* libyaml's reader errors carry a byte offset, not a mark: count it out. */
static void offset_position(const char *buf, size_t len, size_t off, long *line, long *col)
{
	struct poscount pc = { 0, 1, 1 };

	count_to(&pc, buf, 0, len, off);
	*line = pc.line;
	*col = pc.col;
}

static void stream_offset_position(const struct yamldoc_stream *s, size_t off, long *line,
				   long *col);

static int parser_error(struct builder *b, const yaml_parser_t *p)
{
	long line, col;
	const char *problem = p->problem ? p->problem : "invalid YAML";

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		return diag_set(b->d, DIAG_SYSTEM, diag_name(b->doc), 0, 0, "out of memory");
	case YAML_READER_ERROR:
		if (b->stream)
			stream_offset_position(b->stream, p->problem_offset, &line, &col);
		else
			offset_position(b->buf, b->len, p->problem_offset, &line, &col);
		return diag_set(b->d, DIAG_DATA, diag_name(b->doc), line, col, "%s", problem);
	default:
		break;
	}
	error_at(b, &p->problem_mark, "%s", problem);
	if (p->context && (p->context_mark.line != p->problem_mark.line ||
			   p->context_mark.column != p->problem_mark.column))
		diag_hint(b->d, "%s at line %ld, column %ld", p->context,
			  (long)p->context_mark.line + 1, (long)p->context_mark.column + 1);
	return -1;
}

static struct yamldoc_node *new_node(struct builder *b, enum yamldoc_kind kind,
				     const yaml_mark_t *m)
{
	struct yamldoc_node *n = arena_alloc(&b->doc->arena, sizeof *n);

	n->kind = kind;
	mark_position(b, m, &n->line, &n->col);
	return n;
}

static int expecting_key(const struct builder *b)
{
	const struct frame *f = b->depth ? &b->stack[b->depth - 1] : NULL;
	return f && f->node->kind == YAMLDOC_MAP && (b->nscratch - f->start) % 2 == 0;
}

static void add_node(struct builder *b, struct yamldoc_node *n)
{
	if (!b->depth) {
		b->doc->root = n;
		return;
	}
	XALLOC_GROW(b->scratch, b->nscratch + 1, b->alloc);
	b->scratch[b->nscratch++] = n;
}

static int is_string_tag(const yaml_char_t *tag)
{
	return tag && (!strcmp((const char *)tag, "tag:yaml.org,2002:str") ||
		       !strcmp((const char *)tag, "!"));
}

static char scalar_style(yaml_scalar_style_t style)
{
	switch (style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		return '\'';
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		return '"';
	case YAML_LITERAL_SCALAR_STYLE:
		return '|';
	case YAML_FOLDED_SCALAR_STYLE:
		return '>';
	default:
		return 0;
	}
}

static int on_scalar(struct builder *b, const yaml_event_t *ev)
{
	struct yamldoc_node *n;

	if (ev->data.scalar.anchor)
		return error_at(b, &ev->start_mark, "anchors are not supported");
	n = new_node(b, YAMLDOC_SCALAR, &ev->start_mark);
	n->str = arena_strndup(&b->doc->arena, (const char *)ev->data.scalar.value,
			       ev->data.scalar.length);
	n->len = ev->data.scalar.length;
	n->style = scalar_style(ev->data.scalar.style);
	n->plain = !n->style && !is_string_tag(ev->data.scalar.tag);
	add_node(b, n);
	return 0;
}

static int on_start(struct builder *b, const yaml_event_t *ev, enum yamldoc_kind kind)
{
	const yaml_char_t *anchor = kind == YAMLDOC_MAP ? ev->data.mapping_start.anchor
							: ev->data.sequence_start.anchor;
	struct yamldoc_node *n;

	if (anchor)
		return error_at(b, &ev->start_mark, "anchors are not supported");
	if (b->depth == YAMLDOC_MAX_DEPTH)
		return error_at(b, &ev->start_mark, "nesting deeper than %d levels",
				YAMLDOC_MAX_DEPTH);
	if (expecting_key(b))
		return error_at(b, &ev->start_mark, "a mapping key must be a scalar");
	n = new_node(b, kind, &ev->start_mark);
	add_node(b, n);
	b->stack[b->depth].node = n;
	b->stack[b->depth].start = b->nscratch;
	b->depth++;
	return 0;
}

static int same_key(const struct yamldoc_node *a, const struct yamldoc_node *b)
{
	return a->len == b->len && !memcmp(a->str, b->str, a->len);
}

struct keyref {
	const struct yamldoc_node *key;
	size_t idx;
};

static int keyref_cmp(const void *va, const void *vb)
{
	const struct keyref *a = va, *b = vb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->str, b->key->str, n);

	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	return a->idx < b->idx ? -1 : a->idx > b->idx;
}

/*
 * The first key, in document order, that repeats an earlier one; the
 * same answer for small maps (pairwise) and big ones (sorted).
 */
static const struct yamldoc_node *duplicate_key(struct yamldoc_node *const *keys, size_t n)
{
	struct keyref *refs;
	const struct yamldoc_node *dup = NULL;
	size_t i, j, best = n;

	if (n <= YAMLDOC_QUADRATIC_KEYS) {
		for (j = 1; j < n; j++)
			for (i = 0; i < j; i++)
				if (same_key(keys[i], keys[j]))
					return keys[j];
		return NULL;
	}
	refs = xreallocarray(NULL, n, sizeof *refs);
	for (i = 0; i < n; i++) {
		refs[i].key = keys[i];
		refs[i].idx = i;
	}
	qsort(refs, n, sizeof *refs, keyref_cmp);
	for (i = 1; i < n; i++)
		if (same_key(refs[i - 1].key, refs[i].key) &&
		    (i == 1 || !same_key(refs[i - 2].key, refs[i].key)) && refs[i].idx < best) {
			best = refs[i].idx;
			dup = refs[i].key;
		}
	free(refs);
	return dup;
}

static int on_end(struct builder *b)
{
	struct frame *f = &b->stack[--b->depth];
	struct yamldoc_node *n = f->node, **kids;
	size_t count = b->nscratch - f->start, i;
	const struct yamldoc_node *dup;

	b->nscratch = f->start;
	if (!count)
		return 0;
	kids = b->scratch + f->start;
	if (n->kind == YAMLDOC_SEQ) {
		n->n = count;
		n->items = arena_alloc(&b->doc->arena, count * sizeof *n->items);
		memcpy(n->items, kids, count * sizeof *kids);
		return 0;
	}
	n->n = count / 2;
	n->keys = arena_alloc(&b->doc->arena, n->n * sizeof *n->keys);
	n->values = arena_alloc(&b->doc->arena, n->n * sizeof *n->values);
	for (i = 0; i < n->n; i++) {
		n->keys[i] = kids[2 * i];
		n->values[i] = kids[2 * i + 1];
	}
	dup = duplicate_key(n->keys, n->n);
	if (dup)
		return diag_set(b->d, DIAG_DATA, diag_name(b->doc), dup->line, dup->col,
				"duplicate key '%s'", dup->str);
	return 0;
}

static int on_event(struct builder *b, const yaml_event_t *ev)
{
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (b->ndocs++)
			return error_at(b, &ev->start_mark, "more than one document");
		return 0;
	case YAML_ALIAS_EVENT:
		return error_at(b, &ev->start_mark, "aliases are not supported");
	case YAML_SCALAR_EVENT:
		return on_scalar(b, ev);
	case YAML_SEQUENCE_START_EVENT:
		return on_start(b, ev, YAMLDOC_SEQ);
	case YAML_MAPPING_START_EVENT:
		return on_start(b, ev, YAMLDOC_MAP);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return on_end(b);
	default:
		return 0;
	}
}

static void doc_empty(struct yamldoc *doc)
{
	doc->arena = (struct arena)ARENA_INIT;
	doc->root = NULL;
	doc->name = NULL;
}

static void doc_init(struct yamldoc *doc, const char *name)
{
	doc->arena = (struct arena)ARENA_INIT;
	doc->root = NULL;
	doc->name = arena_strdup(&doc->arena, name ? name : "");
}

int yamldoc_load_buffer(struct yamldoc *doc, const char *name, const char *buf, size_t len,
			struct diag *d)
{
	struct builder b = { 0 };
	yaml_parser_t parser;
	yaml_event_t ev;
	int ret = 0, done = 0;

	doc_init(doc, name);
	b.doc = doc;
	b.d = d;
	b.buf = buf;
	b.len = len;
	offset_position(buf, len, len, &b.end_line, &b.end_col);
	if (!yaml_parser_initialize(&parser)) {
		yamldoc_release(doc);
		return diag_set(d, DIAG_SYSTEM, name, 0, 0, "out of memory");
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
	while (!done && !ret) {
		if (!yaml_parser_parse(&parser, &ev)) {
			ret = parser_error(&b, &parser);
			break;
		}
		ret = on_event(&b, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.scratch);
	if (ret)
		yamldoc_release(doc);
	return ret;
}

static int read_all(int fd, const char *name, struct strbuf *sb, struct diag *d)
{
	for (;;) {
		ssize_t n;

		strbuf_grow(sb, 64 * 1024);
		n = read(fd, sb->buf + sb->len, sb->alloc - sb->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return diag_errno(d, errno, "read", name);
		if (n == 0)
			return 0;
		strbuf_setlen(sb, sb->len + (size_t)n);
		if (sb->len > YAMLDOC_MAX_BYTES)
			return diag_set(d, DIAG_DATA, name, 0, 0, "input larger than %zu MiB",
					YAMLDOC_MAX_BYTES >> 20);
	}
}

int yamldoc_load_fd(struct yamldoc *doc, const char *name, int fd, struct diag *d)
{
	struct strbuf sb = STRBUF_INIT;
	int ret;

	ret = read_all(fd, name, &sb, d);
	if (ret)
		doc_empty(doc);
	else
		ret = yamldoc_load_buffer(doc, name, sb.buf, sb.len, d);
	strbuf_release(&sb);
	return ret;
}

int yamldoc_load_file(struct yamldoc *doc, const char *path, struct diag *d)
{
	int fd = open(path, O_RDONLY), ret;

	if (fd < 0) {
		doc_empty(doc);
		return diag_errno(d, errno, "open", path);
	}
	ret = yamldoc_load_fd(doc, path, fd, d);
	close(fd);
	return ret;
}

void yamldoc_release(struct yamldoc *doc)
{
	arena_release(&doc->arena);
	doc->root = NULL;
	doc->name = NULL;
}

const struct yamldoc_node *yamldoc_get(const struct yamldoc_node *map, const char *key)
{
	size_t i, len;

	if (!map || map->kind != YAMLDOC_MAP)
		return NULL;
	len = strlen(key);
	for (i = 0; i < map->n; i++)
		if (map->keys[i]->len == len && !memcmp(map->keys[i]->str, key, len))
			return map->values[i];
	return NULL;
}

int yamldoc_is_null(const struct yamldoc_node *n)
{
	if (!n)
		return 1;
	if (n->kind != YAMLDOC_SCALAR || !n->plain || n->len > 4)
		return 0;
	return !n->len || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

const char *yamldoc_kind_name(enum yamldoc_kind kind)
{
	switch (kind) {
	case YAMLDOC_SEQ:
		return N_("a sequence");
	case YAMLDOC_MAP:
		return N_("a mapping");
	default:
		return N_("a string");
	}
}

int yamldoc_error(const struct yamldoc *doc, const struct yamldoc_node *n, struct diag *d,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vset(d, DIAG_DATA, diag_name(doc), n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
	return -1;
}

int yamldoc_expect(const struct yamldoc *doc, const struct yamldoc_node *n, enum yamldoc_kind kind,
		   const char *what, struct diag *d)
{
	if (n && n->kind == kind)
		return 0;
	/* TRANSLATORS: %s says what, such as "a service" or "'needs'" */
	if (kind == YAMLDOC_SEQ)
		return yamldoc_error(doc, n, d, "%s must be a sequence", _(what));
	if (kind == YAMLDOC_MAP)
		return yamldoc_error(doc, n, d, "%s must be a mapping", _(what));
	return yamldoc_error(doc, n, d, "%s must be a string", _(what));
}

int yamldoc_check_keys(const struct yamldoc *doc, const struct yamldoc_node *map,
		       const char *const *allowed, struct diag *d)
{
	size_t i, j, nallowed = 0;
	const char *near;
	struct strbuf sb = STRBUF_INIT;

	while (allowed[nallowed])
		nallowed++;
	for (i = 0; i < map->n; i++) {
		const struct yamldoc_node *k = map->keys[i];
		/* the whole key: "name\0x" is not "name" (yamldoc_get would not find it) */
		for (j = 0; j < nallowed; j++)
			if (strlen(allowed[j]) == k->len && !memcmp(k->str, allowed[j], k->len))
				break;
		if (j < nallowed)
			continue;
		if (memchr(k->str, '\0', k->len))
			return yamldoc_error(doc, k, d, "'%s' must not contain a NUL character",
					     k->str);
		yamldoc_error(doc, k, d, "unknown key '%s'", k->str);
		near = suggest_closest(k->str, allowed, nallowed);
		if (near) {
			diag_hint(d, "did you mean '%s'?", near);
			return -1;
		}
		for (j = 0; j < nallowed; j++)
			strbuf_addf(&sb, "%s%s", j ? ", " : "", allowed[j]);
		diag_hint(d, "expected one of: %s", sb.buf);
		strbuf_release(&sb);
		return -1;
	}
	return 0;
}

/* --- a sequence read item by item ------------------------------------------ */

/* Bytes kept of what was read: past KEEP_MAX, all but the last KEEP_MIN are counted out. */
#define KEEP_MAX (256 * 1024)
#define KEEP_MIN (64 * 1024)

struct yamldoc_stream {
	struct yamldoc doc; /* the current item's nodes; the name */
	const char *what;
	struct builder b;
	yaml_parser_t parser;
	int fd, eof, done, read_failed, too_big;
	int read_errno;
	struct strbuf keep;       /* the last bytes read, from offset count.off on */
	struct poscount count;    /* where keep starts */
	size_t read;              /* bytes read */
	size_t item_start;        /* offset of the current item */
	yaml_mark_t item_mark;    /* and its mark */
	struct yamldoc_node root; /* the sequence */
};

static void stream_offset_position(const struct yamldoc_stream *s, size_t off, long *line,
				   long *col)
{
	struct poscount pc = s->count;

	count_to(&pc, s->keep.buf, s->count.off, s->keep.len, off);
	*line = pc.line;
	*col = pc.col;
}

/*
 * libyaml's input: what is read is kept until it is counted out, so that
 * a reader error (a byte offset) gets its line and column, and the end of
 * input its position once known.  An item may not span more than
 * YAMLDOC_MAX_BYTES: the bound on a whole document, now on one record.
 */
static int stream_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct yamldoc_stream *s = data;
	ssize_t n;

	*got = 0;
	if (s->read - s->item_start > YAMLDOC_MAX_BYTES) {
		s->too_big = 1;
		return 0;
	}
	do
		n = read(s->fd, buf, size);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		s->read_failed = 1;
		s->read_errno = errno;
		return 0;
	}
	if (n == 0) {
		struct poscount end = s->count;
		count_to(&end, s->keep.buf, s->count.off, s->keep.len, s->read);
		s->b.end_line = end.line;
		s->b.end_col = end.col;
		s->eof = 1;
		return 1;
	}
	strbuf_add(&s->keep, (const char *)buf, (size_t)n);
	s->read += (size_t)n;
	*got = (size_t)n;
	if (s->keep.len > KEEP_MAX) {
		size_t drop = s->keep.len - KEEP_MIN;
		count_to(&s->count, s->keep.buf, s->count.off, s->keep.len, s->count.off + drop);
		drop = s->count.off - (s->read - s->keep.len);
		memmove(s->keep.buf, s->keep.buf + drop, s->keep.len - drop);
		strbuf_setlen(&s->keep, s->keep.len - drop);
	}
	return 1;
}

struct yamldoc_stream *yamldoc_stream_open(const char *name, int fd, const char *what,
					   struct diag *d)
{
	struct yamldoc_stream *s = xcalloc(1, sizeof *s);

	s->doc.arena = (struct arena)ARENA_INIT;
	s->doc.name = xstrdup(name ? name : "");
	s->what = what;
	s->fd = fd;
	strbuf_init(&s->keep, 0);
	s->count.line = s->count.col = 1;
	s->b.doc = &s->doc;
	s->b.stream = s;
	s->b.end_line = s->b.end_col = LONG_MAX;
	s->root.kind = YAMLDOC_SEQ;
	if (!yaml_parser_initialize(&s->parser)) {
		diag_set(d, DIAG_SYSTEM, name, 0, 0, "out of memory");
		free(s->doc.name);
		strbuf_release(&s->keep);
		free(s);
		return NULL;
	}
	yaml_parser_set_input(&s->parser, stream_read, s);
	return s;
}

const struct yamldoc *yamldoc_stream_doc(const struct yamldoc_stream *s)
{
	return &s->doc;
}

/* The root: a sequence, whose items are handed out as they end. */
static int stream_root(struct yamldoc_stream *s, const yaml_event_t *ev)
{
	struct yamldoc_node n = { 0 };
	const yaml_char_t *anchor = ev->type == YAML_SCALAR_EVENT ? ev->data.scalar.anchor
				    : ev->type == YAML_MAPPING_START_EVENT
					    ? ev->data.mapping_start.anchor
					    : ev->data.sequence_start.anchor;

	if (anchor)
		return error_at(&s->b, &ev->start_mark, "anchors are not supported");
	n.kind = ev->type == YAML_SCALAR_EVENT          ? YAMLDOC_SCALAR
		 : ev->type == YAML_MAPPING_START_EVENT ? YAMLDOC_MAP
							: YAMLDOC_SEQ;
	mark_position(&s->b, &ev->start_mark, &n.line, &n.col);
	if (yamldoc_expect(&s->doc, &n, YAMLDOC_SEQ, s->what, s->b.d) < 0)
		return -1;
	s->root.line = n.line;
	s->root.col = n.col;
	s->b.stack[0].node = &s->root;
	s->b.stack[0].start = 0;
	s->b.depth = 1;
	return 0;
}

/* 1: an item ended, 0: go on, -1 with the builder's d. */
static int stream_event(struct yamldoc_stream *s, const yaml_event_t *ev)
{
	int starts = ev->type == YAML_SCALAR_EVENT || ev->type == YAML_SEQUENCE_START_EVENT ||
		     ev->type == YAML_MAPPING_START_EVENT;

	if (s->b.depth == 0 && starts)
		return stream_root(s, ev);
	if (s->b.depth == 1 && ev->type == YAML_SEQUENCE_END_EVENT) {
		s->b.depth = 0;
		return 0;
	}
	if (s->b.depth == 1 && starts) {
		s->item_start = ev->start_mark.index;
		s->item_mark = ev->start_mark;
	}
	if (on_event(&s->b, ev) < 0)
		return -1;
	return s->b.depth == 1 && s->b.nscratch == 1;
}

static int stream_error(struct yamldoc_stream *s)
{
	if (s->read_failed)
		return diag_errno(s->b.d, s->read_errno, "read", s->doc.name);
	if (s->too_big)
		return error_at(&s->b, &s->item_mark, "an item larger than %zu MiB",
				YAMLDOC_MAX_BYTES >> 20);
	return parser_error(&s->b, &s->parser);
}

int yamldoc_stream_next(struct yamldoc_stream *s, const struct yamldoc_node **item, struct diag *d)
{
	yaml_event_t ev;
	int rc = 0, end;

	*item = NULL;
	arena_release(&s->doc.arena);
	s->b.nscratch = 0;
	s->b.d = d;
	while (!s->done) {
		if (!yaml_parser_parse(&s->parser, &ev)) {
			s->done = 1;
			return stream_error(s);
		}
		rc = stream_event(s, &ev);
		end = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		if (rc < 0 || end)
			s->done = 1;
		if (rc < 0)
			return -1;
		if (rc == 1) {
			*item = s->b.scratch[0];
			s->item_start = s->read;
			return 1;
		}
	}
	return 0;
}

void yamldoc_stream_close(struct yamldoc_stream *s)
{
	if (!s)
		return;
	yaml_parser_delete(&s->parser);
	arena_release(&s->doc.arena);
	free(s->b.scratch);
	free(s->doc.name);
	strbuf_release(&s->keep);
	free(s);
}
