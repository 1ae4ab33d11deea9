/*
 * utf8: validation, decoding and display width of UTF-8 text.
 *
 * Validation is a streaming DFA in the style of Bjoern Hoehrmann's decoder:
 * feed bytes one at a time to utf8_step with a state that starts (and, after
 * every complete character, returns) at UTF8_ACCEPT.  It accepts exactly the
 * well-formed sequences of Unicode 14 table 3-7: it rejects overlong forms
 * (C0 80, E0 80 80, F0 80 80 80), UTF-16 surrogates (ED A0 80 .. ED BF BF),
 * code points above U+10FFFF (F4 90 80 80, F5..FF), stray continuation bytes
 * and sequences cut short.  UTF8_REJECT is sticky: reset the state to
 * UTF8_ACCEPT to go on.  The state is a plain integer the caller owns, so a
 * sequence may be split across buffers (reads of a file, chunks of a pipe).
 *
 * Display width (utf8_wcwidth) follows the terminal convention of
 * wcwidth(3), from the Unicode 14.0 character database: East Asian Wide and
 * Fullwidth characters (CJK, Hangul syllables, most emoji) take 2 columns;
 * nonspacing and enclosing combining marks (Mn, Me), format characters (Cf,
 * e.g. ZERO WIDTH SPACE and JOINER, but not SOFT HYPHEN) and Hangul medial
 * and final jamo take 0; every other printable character takes 1.  Control
 * characters (U+0000..U+001F, U+007F..U+009F) have no width: -1.
 *
 * Nothing here allocates or keeps state between calls.
 */
#ifndef OKIENKO_UTF8_H
#define OKIENKO_UTF8_H

#include <stddef.h>
#include <stdint.h>

enum { UTF8_ACCEPT = 0, UTF8_REJECT = 12 };

/*
 * Feed one byte.  Returns the new *state: UTF8_ACCEPT when byte completed a
 * character (its code point is then in *codep), UTF8_REJECT when the
 * sequence is ill-formed, anything else while inside a sequence.
 */
uint32_t utf8_step(uint32_t *state, uint32_t *codep, unsigned char byte);

/*
 * Check that s[0..len) is well-formed UTF-8.  Returns 0, or -1 with *bad
 * (when bad is not NULL) set to the byte offset where the first ill-formed
 * sequence starts: the stray byte itself, or the lead byte of a sequence
 * that is overlong, a surrogate, out of range, or cut short (also at the
 * end of the buffer).
 */
int utf8_validate(const char *s, size_t len, size_t *bad);

/*
 * Decode the character at s[0..len), len > 0.  Returns the number of bytes
 * it takes (1..4) and sets *cp; a byte that does not start a well-formed
 * sequence is consumed alone and *cp is set to UTF8_INVALID.
 */
#define UTF8_INVALID UINT32_C(0xFFFFFFFF)
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Display columns of s[0..len); invalid bytes and control characters
 * count 1. */
size_t utf8_width(const char *s, size_t len);
/* Number of characters of s[0..len) (1-based column = count before + 1);
 * every invalid byte counts as one character. */
size_t utf8_chars(const char *s, size_t len);
/* Columns taken by cp on a terminal: 0, 1 or 2; -1 for control characters,
 * surrogates and values above U+10FFFF. */
int utf8_wcwidth(uint32_t cp);

#endif
