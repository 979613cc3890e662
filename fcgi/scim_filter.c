/*
 * SCIM filters and attribute paths parsed (RFC 7644 §3.4.2.2 and §3.5.2);
 * scim_match.c matches a parsed filter against a resource.
 *
 * Grammar (keywords and attribute names in any case):
 *   filter  = or
 *   or      = and *("or" and)
 *   and     = unary *("and" unary)
 *   unary   = "not" "(" filter ")" / "(" filter ")"
 *           / attrPath "[" filter "]" / attrPath "pr"
 *           / attrPath op value      (op: eq ne co sw ew gt ge lt le)
 *   value   = JSON string / number / true / false / null
 *   attrPath = [schema URN ":"] name ["." name]
 *
 * Hostile input is bounded before it is read: SCIM_MAX_FILTER_LEN bytes,
 * SCIM_MAX_FILTER_DEPTH nested "(", "not" and "[", SCIM_MAX_FILTER_NODES
 * nodes; nothing is allocated (names and strings go to the filter's own
 * buffer).  A refusal sets f->err to what a client reads in "detail".
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "scim_filter.h"
#include "decode.h"

/* The schema URNs an attribute path may name first. */
static const char *const urns[] = {
	"urn:ietf:params:scim:schemas:core:2.0:User",
	"urn:ietf:params:scim:schemas:core:2.0:Group",
};

/* The comparison operators by name. */
static const struct {
	const char	*name;
	enum scim_fop	 op;
} ops[] = {
	{ "eq", SF_EQ }, { "ne", SF_NE }, { "co", SF_CO }, { "sw", SF_SW },
	{ "ew", SF_EW }, { "gt", SF_GT }, { "ge", SF_GE }, { "lt", SF_LT },
	{ "le", SF_LE }, { "pr", SF_PR },
};

/* The parser's state over the text s[0..len). */
struct parser {
	struct scim_filter *f;
	const char	*s;
	size_t		 len, pos;
	int		 depth, in_value;
};

/* Fails the parse with detail msg (the first one wins); returns -1. */
static int
fail(struct parser *p, const char *msg)
{
	if (p->f->err == NULL)
		p->f->err = msg;
	return -1;
}

static void
skip_ws(struct parser *p)
{
	while (p->pos < p->len && p->s[p->pos] == ' ')
		p->pos++;
}

/* 1 when the word w (a keyword) is next, followed by a delimiter. */
static int
word_next(struct parser *p, const char *w)
{
	size_t	 n = strlen(w);
	char	 c;

	if (p->len - p->pos < n || strncasecmp(p->s + p->pos, w, n) != 0)
		return 0;
	c = p->pos + n < p->len ? p->s[p->pos + n] : ' ';
	return c == ' ' || c == '(' || c == ')' || c == '[' || c == ']';
}

/* Copies n bytes of src into the filter's buffer; NULL when full. */
static char *
save(struct parser *p, const char *src, size_t n)
{
	struct scim_filter *f = p->f;
	char		*d;

	if (f->used + n + 1 > sizeof(f->buf))
		return NULL;
	d = f->buf + f->used;
	memcpy(d, src, n);
	d[n] = '\0';
	f->used += n + 1;
	return d;
}

/* A new node of kind op; -1 when the filter has too many. */
static int
node_new(struct parser *p, enum scim_fop op)
{
	struct scim_fnode *n;

	if (p->f->nnodes >= SCIM_MAX_FILTER_NODES)
		return fail(p, "The filter has too many comparisons.");
	n = &p->f->n[p->f->nnodes];
	memset(n, 0, sizeof(*n));
	n->op = op;
	n->a = n->b = -1;
	return p->f->nnodes++;
}

/* 1 when c may continue an attribute name. */
static int
name_char(char c)
{
	return isalnum((unsigned char)c) || c == '-' || c == '_';
}

/*
 * Reads one name (ALPHA *(ALPHA / DIGIT / "-" / "_"), or "$ref") at the
 * position; returns it saved, or NULL.
 */
static const char *
read_name(struct parser *p)
{
	size_t	 start = p->pos;

	if (p->len - p->pos >= 4 && strncmp(p->s + p->pos, "$ref", 4) == 0 &&
	    (p->pos + 4 == p->len || !name_char(p->s[p->pos + 4]))) {
		p->pos += 4;
		return save(p, "$ref", 4);
	}
	if (p->pos >= p->len || !isalpha((unsigned char)p->s[p->pos]))
		return NULL;
	while (p->pos < p->len && name_char(p->s[p->pos]))
		p->pos++;
	return save(p, p->s + start, p->pos - start);
}

/*
 * Reads an attribute path: an optional known schema URN and ":", a name
 * and an optional ".name".  Returns 0, or -1 (refused).
 */
static int
read_attr_path(struct parser *p, const char **attr, const char **sub)
{
	size_t	 i, n;

	*sub = NULL;
	for (i = 0; i < sizeof(urns) / sizeof(urns[0]); i++) {
		n = strlen(urns[i]);
		if (p->len - p->pos > n && strncasecmp(p->s + p->pos, urns[i],
		    n) == 0 && p->s[p->pos + n] == ':') {
			p->pos += n + 1;
			break;
		}
	}
	if ((*attr = read_name(p)) == NULL)
		return fail(p, "An attribute name was expected.");
	if (p->pos < p->len && p->s[p->pos] == '.') {
		p->pos++;
		if ((*sub = read_name(p)) == NULL)
			return fail(p, "A sub-attribute name was expected "
			    "after \".\".");
	}
	return 0;
}

/* Appends the UTF-8 of code point c (below 0x10000, no surrogate). */
static size_t
utf8_put(char *d, unsigned c)
{
	if (c < 0x80) {
		d[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		d[0] = (char)(0xc0 | c >> 6);
		d[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	d[0] = (char)(0xe0 | c >> 12);
	d[1] = (char)(0x80 | ((c >> 6) & 0x3f));
	d[2] = (char)(0x80 | (c & 0x3f));
	return 3;
}

/* The escapes of a JSON string and what they stand for. */
static const char escapes[] = "\"\"\\\\//b\bf\fn\nr\rt\t";

/*
 * Reads a JSON string literal at the position (its quote) into node n:
 * escapes decoded (\uXXXX of the BMP, no surrogates), no control
 * character.  Returns 0, or -1 (refused).
 */
static int
read_string(struct parser *p, struct scim_fnode *n)
{
	struct scim_filter *f = p->f;
	char		*d = f->buf + f->used, *start = d;
	const char	*e;
	char		 hex[5];
	unsigned long	 c;

	p->pos++;				/* the opening quote */
	while (p->pos < p->len && p->s[p->pos] != '"') {
		unsigned char ch = (unsigned char)p->s[p->pos++];

		if (ch < 0x20 || ch == 0x7f)
			return fail(p, "A filter string holds a control "
			    "character.");
		if (ch != '\\') {
			*d++ = (char)ch;
			continue;
		}
		if (p->pos >= p->len)
			break;
		ch = (unsigned char)p->s[p->pos++];
		if (ch == 'u') {
			if (p->len - p->pos < 4)
				return fail(p, "A \\u escape needs four hex "
				    "digits.");
			memcpy(hex, p->s + p->pos, 4);
			hex[4] = '\0';
			if (strspn(hex, "0123456789abcdefABCDEF") != 4 ||
			    (c = strtoul(hex, NULL, 16)) == 0 ||
			    (c >= 0xd800 && c <= 0xdfff) || c == 0x7f || c < 0x20)
				return fail(p, "A \\u escape is not allowed "
				    "here.");
			p->pos += 4;
			d += utf8_put(d, (unsigned)c);
			continue;
		}
		for (e = escapes; *e != '\0' && *e != (char)ch; e += 2)
			continue;
		if (*e == '\0' || e[1] < 0x20)
			return fail(p, "A filter string holds an unknown or "
			    "control escape.");
		*d++ = e[1];
	}
	if (p->pos >= p->len)
		return fail(p, "A filter string is not closed.");
	p->pos++;				/* the closing quote */
	*d++ = '\0';
	if (!utf8_valid(start, (size_t)(d - start - 1)))
		return fail(p, "A filter string is not valid UTF-8.");
	f->used += (size_t)(d - start);
	n->lit = SL_STRING;
	n->str = start;
	return 0;
}

/* Reads the literal of a comparison into node n.  Returns 0 or -1. */
static int
read_value(struct parser *p, struct scim_fnode *n)
{
	char	 num[32], *end;
	size_t	 k;

	if (p->pos < p->len && p->s[p->pos] == '"')
		return read_string(p, n);
	if (word_next(p, "true") || word_next(p, "false") ||
	    word_next(p, "null")) {
		n->lit = word_next(p, "true") ? SL_TRUE :
		    word_next(p, "false") ? SL_FALSE : SL_NULL;
		p->pos += n->lit == SL_FALSE ? 5 : 4;
		return 0;
	}
	for (k = 0; p->pos + k < p->len &&
	    strchr("-+.0123456789eE", p->s[p->pos + k]) != NULL &&
	    p->s[p->pos + k] != '\0'; k++)
		continue;
	if (k == 0 || k >= sizeof(num))
		return fail(p, "A value was expected: a string in double "
		    "quotes, a number, true, false or null.");
	memcpy(num, p->s + p->pos, k);
	num[k] = '\0';
	n->num = strtod(num, &end);
	if (*end != '\0' || !isfinite(n->num))
		return fail(p, "A number in the filter is malformed.");
	p->pos += k;
	n->lit = SL_NUMBER;
	return 0;
}

static int parse_or(struct parser *);

/* Enters a nested "(", "not" or "["; -1 past SCIM_MAX_FILTER_DEPTH. */
static int
enter(struct parser *p)
{
	if (++p->depth > SCIM_MAX_FILTER_DEPTH)
		return fail(p, "The filter is nested too deeply.");
	return 0;
}

/* Expects the character c (after blanks).  Returns 0 or -1. */
static int
expect(struct parser *p, char c, const char *msg)
{
	skip_ws(p);
	if (p->pos >= p->len || p->s[p->pos] != c)
		return fail(p, msg);
	p->pos++;
	return 0;
}

/* "(" filter ")" after its "(" was seen.  Returns the node or -1. */
static int
parse_group(struct parser *p)
{
	int	 k;

	p->pos++;
	if (enter(p) == -1 || (k = parse_or(p)) == -1 ||
	    expect(p, ')', "A \")\" is missing.") == -1)
		return -1;
	p->depth--;
	return k;
}

/* A comparison or value filter after its attribute path. */
static int
parse_compare(struct parser *p, const char *attr, const char *sub)
{
	size_t	 i;
	int	 k;

	skip_ws(p);
	if (p->pos < p->len && p->s[p->pos] == '[') {
		if (p->in_value || sub != NULL)
			return fail(p, "A value filter cannot hold another.");
		if ((k = node_new(p, SF_VALUE)) == -1 || enter(p) == -1)
			return -1;
		p->pos++;
		p->in_value = 1;
		if ((p->f->n[k].a = parse_or(p)) == -1 ||
		    expect(p, ']', "A \"]\" is missing.") == -1)
			return -1;
		p->in_value = 0;
		p->depth--;
		p->f->n[k].attr = attr;
		return k;
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		if (word_next(p, ops[i].name))
			break;
	if (i == sizeof(ops) / sizeof(ops[0]))
		return fail(p, "An operator was expected: eq, ne, co, sw, ew, "
		    "gt, ge, lt, le or pr.");
	if ((k = node_new(p, ops[i].op)) == -1)
		return -1;
	p->pos += 2;
	p->f->n[k].attr = attr;
	p->f->n[k].sub = sub;
	if (ops[i].op == SF_PR)
		return k;
	if (p->pos >= p->len || p->s[p->pos] != ' ')
		return fail(p, "A blank and a value must follow the operator.");
	skip_ws(p);
	if (read_value(p, &p->f->n[k]) == -1)
		return -1;
	if (p->f->n[k].lit != SL_STRING && p->f->n[k].lit != SL_NUMBER &&
	    ops[i].op != SF_EQ && ops[i].op != SF_NE)
		return fail(p, "true, false and null compare with eq and ne "
		    "only.");
	if (p->f->n[k].lit == SL_NUMBER && (ops[i].op == SF_CO ||
	    ops[i].op == SF_SW || ops[i].op == SF_EW))
		return fail(p, "co, sw and ew compare strings only.");
	return k;
}

/* unary: not (…), (…), or a comparison. */
static int
parse_unary(struct parser *p)
{
	const char	*attr, *sub;
	int		 k, a;

	skip_ws(p);
	if (p->pos >= p->len)
		return fail(p, "The filter ends too early.");
	if (word_next(p, "not")) {
		p->pos += 3;
		skip_ws(p);
		if (p->pos >= p->len || p->s[p->pos] != '(')
			return fail(p, "\"not\" must be followed by \"(\".");
		if ((k = node_new(p, SF_NOT)) == -1 || enter(p) == -1 ||
		    (a = parse_group(p)) == -1)
			return -1;
		p->depth--;
		p->f->n[k].a = a;
		return k;
	}
	if (p->s[p->pos] == '(')
		return parse_group(p);
	if (read_attr_path(p, &attr, &sub) == -1)
		return -1;
	return parse_compare(p, attr, sub);
}

/* A chain of operands joined by the keyword w into nodes of kind op. */
static int
parse_chain(struct parser *p, const char *w, enum scim_fop op,
    int (*operand)(struct parser *))
{
	int	 left, right, k;

	if ((left = operand(p)) == -1)
		return -1;
	for (;;) {
		skip_ws(p);
		if (!word_next(p, w))
			return left;
		p->pos += strlen(w);
		if ((right = operand(p)) == -1 || (k = node_new(p, op)) == -1)
			return -1;
		p->f->n[k].a = left;
		p->f->n[k].b = right;
		left = k;
	}
}

static int
parse_and(struct parser *p)
{
	return parse_chain(p, "and", SF_AND, parse_unary);
}

static int
parse_or(struct parser *p)
{
	return parse_chain(p, "or", SF_OR, parse_and);
}

/* Starts a parse of s[0..len) into f; -1 when s is refused outright. */
static int
parser_init(struct parser *p, struct scim_filter *f, const char *s,
    size_t len)
{
	memset(f, 0, sizeof(*f));
	f->root = -1;
	memset(p, 0, sizeof(*p));
	p->f = f;
	p->s = s;
	p->len = len;
	if (s == NULL || len == 0)
		return fail(p, "The filter is empty.");
	if (len > SCIM_MAX_FILTER_LEN)
		return fail(p, "The filter is too long.");
	if (!utf8_valid(s, len) || memchr(s, '\0', len) != NULL)
		return fail(p, "The filter is not valid UTF-8.");
	return 0;
}

/*
 * Parses the filter s[0..len) into f.  Returns 0, or -1 with f->err
 * saying why (the client's "detail" of an invalidFilter).
 */
int
scim_filter_parse(struct scim_filter *f, const char *s, size_t len)
{
	struct parser	 p;

	if (parser_init(&p, f, s, len) == -1 || (f->root = parse_or(&p)) == -1)
		return -1;
	skip_ws(&p);
	if (p.pos != p.len)
		return fail(&p, "Unexpected text after the filter.");
	return 0;
}

/*
 * Parses a PATCH path s[0..len): attr[.sub] or attr[filter][.sub] into
 * pa.  Returns 0, or -1 with pa->f.err set.
 */
int
scim_path_parse(struct scim_path *pa, const char *s, size_t len)
{
	struct parser	 p;
	int		 k;

	memset(pa, 0, sizeof(*pa));
	if (parser_init(&p, &pa->f, s, len) == -1 ||
	    read_attr_path(&p, &pa->attr, &pa->sub) == -1)
		return -1;
	if (p.pos < p.len && p.s[p.pos] == '[') {
		if (pa->sub != NULL)
			return fail(&p, "A value filter follows the attribute, "
			    "not its sub-attribute.");
		if ((k = parse_compare(&p, pa->attr, NULL)) == -1)
			return -1;
		pa->f.root = pa->f.n[k].a;
		pa->has_filter = 1;
		if (p.pos < p.len && p.s[p.pos] == '.') {
			p.pos++;
			if ((pa->sub = read_name(&p)) == NULL)
				return fail(&p, "A sub-attribute name was "
				    "expected after \".\".");
		}
	}
	if (p.pos != p.len)
		return fail(&p, "The path has unexpected text.");
	return 0;
}
