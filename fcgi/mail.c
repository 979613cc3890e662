/*
 * The message of an outgoing mail: RFC 5322 / MIME (multipart/alternative,
 * RFC 2047 encoded headers), delivered through SMTP with libcurl when
 * smtp_url is set, or written atomically as one .eml file in mail_dir
 * otherwise.  What a mail says is drawn by mail_doc.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>
#include <libxml/HTMLtree.h>
#include <sodium.h>

#include "mail.h"
#include "conf.h"
#include "limits.h"
#include "rc.h"
#include "roles.h"
#include "token.h"

#define SMTP_TIMEOUT	20	/* seconds for a whole delivery */
#define WORD_BYTES	45	/* input bytes per encoded-word (60 chars) */
#define MAIL_LINE_MAX	900	/* octets of a body line before a break */

struct buf {
	char	*p;
	size_t	 len, cap;
	int	 full;
};

/* Appends n bytes; marks the buffer full instead of overflowing. */
static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->full || b->len + n >= b->cap) {
		b->full = 1;
		return;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* Appends a string. */
static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* 1 when s is printable ASCII without the characters of "specials". */
static int
plain_ascii(const char *s, int phrase)
{
	for (; *s; s++) {
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return 0;
		if (phrase && strchr("()<>[]:;@\\,.\"", *s) != NULL)
			return 0;
	}
	return 1;
}

/*
 * Appends s as RFC 2047 B encoded-words (split at character boundaries),
 * or as is when it is plain ASCII.
 */
static void
put_encoded(struct buf *b, const char *s, int phrase)
{
	char	 out[WORD_BYTES * 2];
	size_t	 n = strlen(s), k;

	if (plain_ascii(s, phrase)) {
		puts_(b, s);
		return;
	}
	while (n > 0) {
		k = n < WORD_BYTES ? n : WORD_BYTES;
		while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
			k--;
		sodium_bin2base64(out, sizeof(out), (const unsigned char *)s, k,
		    sodium_base64_VARIANT_ORIGINAL);
		puts_(b, "=?UTF-8?B?");
		puts_(b, out);
		puts_(b, "?=");
		s += k;
		n -= k;
		if (n > 0)
			puts_(b, "\r\n ");
	}
}

/*
 * Appends text with CRLF line ends; a line longer than MAIL_LINE_MAX
 * octets (RFC 5322 allows 998) is broken at a character boundary.
 */
static void
put_text(struct buf *b, const char *text)
{
	const char	*p;
	size_t		 col = 0;

	for (p = text; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n') {
			put(b, "\r\n", 2);
			col = 0;
			continue;
		}
		if (col >= MAIL_LINE_MAX && ((unsigned char)*p & 0xc0) != 0x80) {
			put(b, "\r\n", 2);
			col = 0;
		}
		put(b, p, 1);
		col++;
	}
}

/* Appends n bytes as base64 in lines of 76 characters. */
static void
put_base64(struct buf *b, const unsigned char *p, size_t n)
{
	char	 line[80];
	size_t	 k;

	while (n > 0) {
		k = n < 57 ? n : 57;
		sodium_bin2base64(line, sizeof(line), p, k,
		    sodium_base64_VARIANT_ORIGINAL);
		puts_(b, line);
		puts_(b, "\r\n");
		p += k;
		n -= k;
	}
}

/* Date, From, To, Subject, Message-ID, MIME-Version. */
static void
put_headers(struct buf *b, const struct mail *m)
{
	char		 date[64], id[TOKEN_B64_LEN + 1];
	time_t		 now = time(NULL);
	struct tm	 tm;

	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	token_new(id);
	puts_(b, "Date: "); puts_(b, date);
	puts_(b, "\r\nFrom: "); puts_(b, conf.mail_from);
	puts_(b, "\r\nTo: ");
	if (m->to_name != NULL && *m->to_name) {
		put_encoded(b, m->to_name, 1);
		puts_(b, " ");
	}
	puts_(b, "<"); puts_(b, m->to_addr); puts_(b, ">");
	puts_(b, "\r\nSubject: "); put_encoded(b, m->subject, 0);
	puts_(b, "\r\nMessage-ID: <"); puts_(b, id); puts_(b, "@steward>");
	puts_(b, "\r\nMIME-Version: 1.0"
	    "\r\nAuto-Submitted: auto-generated\r\n");
}

/* The serialized HTML document (UTF-8 as character references), or -1. */
static int
html_serialize(xmlDocPtr html, xmlChar **mem, int *len)
{
	*mem = NULL;
	htmlDocDumpMemoryFormat(html, mem, len, 0);
	return *mem != NULL && *len > 0 ? 0 : -1;
}

/*
 * Formats the message into out (CRLF line ends): text only when html is
 * NULL, else multipart/alternative with the text part and the HTML part
 * (hlen bytes) in base64.  Returns -1 when a header value holds CR or
 * LF, or the message does not fit.
 */
int
mail_format_parts(const struct mail *m, const char *html, size_t hlen, char *out,
    size_t outlen, size_t *len)
{
	struct buf	 b = { out, 0, outlen, 0 };
	char		 bnd[TOKEN_B64_LEN + 8];

	if (strpbrk(m->to_addr, "\r\n<>") || strpbrk(m->subject, "\r\n") ||
	    (m->to_name && strpbrk(m->to_name, "\r\n")))
		return -1;
	put_headers(&b, m);
	if (html == NULL) {
		puts_(&b, "Content-Type: text/plain; charset=utf-8"
		    "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
		put_text(&b, m->text);
		puts_(&b, "\r\n");
		*len = b.len;
		return b.full ? -1 : 0;
	}
	token_new(bnd + 4);
	memcpy(bnd, "=_s_", 4);	/* "=_" never occurs in base64 or 8bit text */
	puts_(&b, "Content-Type: multipart/alternative; boundary=\"");
	puts_(&b, bnd);
	puts_(&b, "\"\r\n\r\nThis is a message in MIME format.\r\n\r\n--");
	puts_(&b, bnd);
	puts_(&b, "\r\nContent-Type: text/plain; charset=utf-8"
	    "\r\nContent-Transfer-Encoding: 8bit\r\n\r\n");
	put_text(&b, m->text);
	puts_(&b, "\r\n--");
	puts_(&b, bnd);
	puts_(&b, "\r\nContent-Type: text/html; charset=utf-8"
	    "\r\nContent-Transfer-Encoding: base64\r\n\r\n");
	put_base64(&b, (const unsigned char *)html, hlen);
	puts_(&b, "--");
	puts_(&b, bnd);
	puts_(&b, "--\r\n");
	*len = b.len;
	return b.full ? -1 : 0;
}

/*
 * Formats m with the HTML document html (any libxml2 HTML tree) as its
 * alternative, or text only when html is NULL; see mail_format_parts().
 */
int
mail_format_html(const struct mail *m, xmlDocPtr html, char *out,
    size_t outlen, size_t *len)
{
	xmlChar		*mem = NULL;
	int		 hlen = 0, rc;

	if (html == NULL)
		return mail_format_parts(m, NULL, 0, out, outlen, len);
	if (html_serialize(html, &mem, &hlen) == -1)
		return -1;
	rc = mail_format_parts(m, (const char *)mem, (size_t)hlen, out, outlen, len);
	xmlFree(mem);
	return rc;
}

/* Formats a text-only message; see mail_format_parts(). */
int
mail_format(const struct mail *m, char *out, size_t outlen, size_t *len)
{
	return mail_format_parts(m, NULL, 0, out, outlen, len);
}

/* Writes the message to mail_dir as a new .eml file (tmp, then rename). */
static int
mail_file(const char *msg, size_t len, char *err, size_t errlen)
{
	char		 tmp[4096], fin[4096], id[TOKEN_B64_LEN + 1], stamp[32];
	time_t		 now = time(NULL);
	struct tm	 tm;
	int		 fd;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%SZ", &tm);
	token_new(id);
	id[12] = '\0';
	snprintf(tmp, sizeof(tmp), "%s/.%s-%s.tmp", conf.mail_dir, stamp, id);
	snprintf(fin, sizeof(fin), "%s/%s-%s.eml", conf.mail_dir, stamp, id);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640)) == -1)
		goto fail;
	if (write(fd, msg, len) != (ssize_t)len || fsync(fd) == -1) {
		close(fd);
		unlink(tmp);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, fin) == -1) {
		unlink(tmp);
		goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "%s: %s", conf.mail_dir, strerror(errno));
	return -1;
}

struct upload {
	const char	*p;
	size_t		 left;
};

/* libcurl read callback: hands out the message. */
static size_t
smtp_read(char *dst, size_t size, size_t n, void *arg)
{
	struct upload	*u = arg;
	size_t		 k = size * n < u->left ? size * n : u->left;

	memcpy(dst, u->p, k);
	u->p += k;
	u->left -= k;
	return k;
}

/* The bare address of mail_from ("Name <a@b>" → "<a@b>"). */
static void
from_addr(char *out, size_t outlen)
{
	const char	*lt = strchr(conf.mail_from, '<');

	if (lt != NULL)
		snprintf(out, outlen, "%s", lt);
	else
		snprintf(out, outlen, "<%s>", conf.mail_from);
}

/* Delivers through smtp_url with libcurl. */
static int
mail_smtp(const struct mail *m, const char *msg, size_t len, char *err,
    size_t errlen)
{
	CURL			*c;
	struct curl_slist	*rcpt = NULL;
	struct upload		 u = { msg, len };
	char			 from[300], to[300];
	CURLcode		 rc;

	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "curl_easy_init failed");
		return -1;
	}
	from_addr(from, sizeof(from));
	snprintf(to, sizeof(to), "<%s>", m->to_addr);
	rcpt = curl_slist_append(NULL, to);
	curl_easy_setopt(c, CURLOPT_URL, conf.smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, smtp_read);
	curl_easy_setopt(c, CURLOPT_READDATA, &u);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)SMTP_TIMEOUT);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	if (conf.smtp_user[0]) {
		curl_easy_setopt(c, CURLOPT_USERNAME, conf.smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, conf.smtp_password);
	}
	rc = curl_easy_perform(c);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(err, errlen, "smtp: %s", curl_easy_strerror(rc));
		return -1;
	}
	return 0;
}

/*
 * Delivers the formatted message msg of m: by SMTP when smtp_url is set,
 * else as an .eml file in mail_dir.  Returns 0, or -1 with the cause in
 * err (nothing was delivered, or delivery could not be confirmed).
 */
int
mail_deliver(const struct mail *m, const char *msg, size_t len, char *err,
    size_t errlen)
{
	return conf.smtp_url[0] != '\0' ? mail_smtp(m, msg, len, err, errlen) :
	    mail_file(msg, len, err, errlen);
}
