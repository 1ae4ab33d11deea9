/*
 * minutes_yaml: the YAML document of minutes-parse(1) (minutes_yaml,
 * minutes_yaml_print) and the format of a meeting's date and time
 * (minutes_format_when).
 *
 * Ownership: writes into the caller's strbuf or stream; keeps nothing.
 */
#include "minutes.h"

#include <stdio.h>
#include <string.h>

#include "civtime.h"
#include "utf8.h"
#include "banned.h"

void minutes_format_when(char *buf, const struct minutes_when *w)
{
	civtime_format_date(buf, w->day);
	if (w->hour >= 0)
		snprintf(buf + 10, 22, "T%02d:%02d", w->hour, w->minute);
}

static void yaml_string(struct strbuf *sb, const char *s)
{
	size_t i, n, len;
	uint32_t cp;

	if (!s) {
		strbuf_addstr(sb, "null");
		return;
	}
	len = strlen(s);
	strbuf_addch(sb, '"');
	for (i = 0; i < len; i += n) {
		n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_INVALID)
			strbuf_addstr(sb, "\xEF\xBF\xBD");
		else if (cp == '"' || cp == '\\')
			strbuf_addf(sb, "\\%c", (char)cp);
		else if (cp == '\n')
			strbuf_addstr(sb, "\\n");
		else if (cp == '\r')
			strbuf_addstr(sb, "\\r");
		else if (cp == '\t')
			strbuf_addstr(sb, "\\t");
		else if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
			strbuf_addf(sb, "\\x%02x", (unsigned)cp);
		else if (cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF || cp == 0xFFFE ||
			 cp == 0xFFFF)
			strbuf_addf(sb, "\\u%04x", (unsigned)cp);
		else
			strbuf_add(sb, s + i, n);
	}
	strbuf_addch(sb, '"');
}

static void yaml_number(struct strbuf *sb, long v)
{
	if (v < 0)
		strbuf_addstr(sb, "null");
	else
		strbuf_addf(sb, "%ld", v);
}

/* Printing to f, the document goes out a piece at a time, so that it is never whole in memory. */
static void piece_done(struct strbuf *sb, FILE *f)
{
	if (f && sb->len >= 16384) {
		fwrite(sb->buf, 1, sb->len, f);
		strbuf_reset(sb);
	}
}

static void yaml_list(struct strbuf *sb, FILE *f, const char *key, const char *const *v, size_t n)
{
	size_t i;

	strbuf_addf(sb, "%s:%s\n", key, n ? "" : " []");
	for (i = 0; i < n; i++) {
		strbuf_addstr(sb, "  - ");
		yaml_string(sb, v[i]);
		strbuf_addch(sb, '\n');
		piece_done(sb, f);
	}
}

static void document(const struct minutes *m, struct strbuf *sb, FILE *f)
{
	char buf[32];
	size_t i;

	strbuf_addstr(sb, "meeting:\n  group: ");
	yaml_string(sb, m->group);
	civtime_format_date(buf, m->when.day);
	strbuf_addf(sb, "\n  date: \"%s\"\n  time: ", buf);
	if (m->when.hour >= 0)
		strbuf_addf(sb, "\"%02d:%02d\"", m->when.hour, m->when.minute);
	else
		strbuf_addstr(sb, "null");
	strbuf_addstr(sb, "\n  place: ");
	yaml_string(sb, m->place);
	strbuf_addch(sb, '\n');
	yaml_list(sb, f, "topics", m->topics, m->ntopics);
	strbuf_addf(sb, "attendees:%s\n", m->nattendees ? "" : " []");
	for (i = 0; i < m->nattendees; i++) {
		const struct minutes_attendee *a = &m->attendees[i];
		strbuf_addstr(sb, "  - name: ");
		yaml_string(sb, a->name);
		strbuf_addstr(sb, "\n    organization: ");
		yaml_string(sb, a->organization);
		strbuf_addstr(sb, "\n    org_id: ");
		yaml_string(sb, a->org_id);
		strbuf_addstr(sb, "\n    role: ");
		yaml_string(sb, a->role);
		strbuf_addch(sb, '\n');
		piece_done(sb, f);
	}
	strbuf_addf(sb, "updates:%s\n", m->nupdates ? "" : " []");
	for (i = 0; i < m->nupdates; i++) {
		strbuf_addstr(sb, "  - organization: ");
		yaml_string(sb, m->updates[i].organization);
		strbuf_addstr(sb, "\n    org_id: ");
		yaml_string(sb, m->updates[i].org_id);
		strbuf_addstr(sb, "\n    text: ");
		yaml_string(sb, m->updates[i].text);
		strbuf_addch(sb, '\n');
		piece_done(sb, f);
	}
	yaml_list(sb, f, "actions", m->actions, m->nactions);
	strbuf_addf(sb, "capacity:%s\n", m->ncapacity ? "" : " []");
	for (i = 0; i < m->ncapacity; i++) {
		const struct minutes_capacity *c = &m->capacity[i];
		const struct minutes_update *u = &m->updates[c->update];
		strbuf_addstr(sb, "  - organization: ");
		yaml_string(sb, u->organization);
		strbuf_addstr(sb, "\n    org_id: ");
		yaml_string(sb, u->org_id);
		strbuf_addstr(sb, "\n    service: ");
		yaml_string(sb, c->service);
		strbuf_addstr(sb, "\n    unit: ");
		yaml_string(sb, c->unit);
		strbuf_addstr(sb, "\n    used: ");
		yaml_number(sb, c->used);
		strbuf_addstr(sb, "\n    total: ");
		yaml_number(sb, c->total);
		strbuf_addstr(sb, "\n    free: ");
		yaml_number(sb, c->free);
		strbuf_addstr(sb, "\n    waiting: ");
		yaml_number(sb, c->waiting);
		strbuf_addstr(sb, "\n    status: ");
		yaml_string(sb, c->status);
		strbuf_addstr(sb, "\n    quote: ");
		yaml_string(sb, c->quote);
		strbuf_addch(sb, '\n');
		piece_done(sb, f);
	}
	strbuf_addf(sb, "next_meetings:%s\n", m->nnext ? "" : " []");
	for (i = 0; i < m->nnext; i++) {
		minutes_format_when(buf, &m->next[i]);
		strbuf_addf(sb, "  - \"%s\"\n", buf);
		piece_done(sb, f);
	}
	strbuf_addstr(sb, "author: ");
	yaml_string(sb, m->author);
	strbuf_addch(sb, '\n');
}

void minutes_yaml(const struct minutes *m, struct strbuf *sb)
{
	document(m, sb, NULL);
}

void minutes_yaml_print(const struct minutes *m, FILE *f)
{
	struct strbuf sb = STRBUF_INIT;

	document(m, &sb, f);
	fwrite(sb.buf, 1, sb.len, f);
	strbuf_release(&sb);
}
