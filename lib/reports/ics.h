/*
 * ics: iCalendar (RFC 5545) output into a strbuf.
 *
 * Every content line ends with CRLF and is folded so that no line is
 * longer than 75 octets: the rest goes on continuation lines that start
 * with a space, and a fold never splits a UTF-8 sequence.  TEXT values are
 * escaped (backslash, ';', ',' and line breaks).
 *
 * ics_vtimezone describes a time zone from its own data (civtime.h): it
 * finds the zone's transitions in the years asked for and writes one
 * STANDARD or DAYLIGHT component per kind of transition, with a yearly
 * RRULE ("the last Sunday of March", "the second Sunday of March") when
 * every transition of that kind follows one, else one component per
 * transition.  A zone without transitions gets one STANDARD component.
 *
 * Nothing is allocated except the growth of the caller's strbuf.
 */
#ifndef OKIENKO_ICS_H
#define OKIENKO_ICS_H

#include <stddef.h>
#include <stdint.h>

#include "civtime.h"
#include "strbuf.h"

/* "NAME:value", value written as it is (already in its iCalendar form). */
void ics_line(struct strbuf *sb, const char *name, const char *value);
/* "NAME:text" with text escaped as a TEXT value. */
void ics_text(struct strbuf *sb, const char *name, const char *text);
/* "20261123T090000Z"; buf >= CIVTIME_TS_MAX. */
void ics_format_utc(char *buf, int64_t utc);
/* "20230911T133000" of a local time; buf >= CIVTIME_TS_MAX. */
void ics_format_local(char *buf, int64_t local);
/*
 * "NAME;TZID=ZONE" into buf (cut to size): the zone's name, as a quoted
 * parameter value when it holds ',', ';' or ':' (a POSIX TZ string such
 * as CET-1CEST,M3.5.0,M10.5.0/3 does).
 */
void ics_tzid_name(char *buf, size_t size, const char *name, const struct civtz *tz);
/* BEGIN:VTIMEZONE ... END:VTIMEZONE for tz over the years from..to; its
   TZID is the zone's name as a TEXT value. */
void ics_vtimezone(struct strbuf *sb, const struct civtz *tz, int from, int to);

#endif
