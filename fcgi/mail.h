/*
 * Outgoing mail: the worker describes a mail as a small XML document
 * (<mail kind="…">, xslt/mail.rng); xslt/mail.xsl draws its HTML part and
 * xslt/mail-text.xsl its text part; the RFC 5322 message goes out as an
 * .eml file in mail_dir or by SMTP via libcurl.
 */
#ifndef STEWARD_MAIL_H
#define STEWARD_MAIL_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

struct mail {
	const char	*to_addr;
	const char	*to_name;	/* may be NULL */
	const char	*subject;
	const char	*text;		/* UTF-8, LF line ends */
};

int	 mail_init(const char *xslt_dir, char *err, size_t errlen);
int	 mail_load(char *err, size_t errlen);
void	 mail_free(void);
xmlNodePtr mail_doc(const char *kind, const char *to, const char *name,
	    const char *subject);
int	 mail_send_doc(xmlNodePtr mail, char *err, size_t errlen);
xmlNodePtr mail_notice_doc(const char *to, const char *name,
	    const char *subject, const char *text);
void	 mail_notice(const char *to, const char *name, const char *subject,
	    const char *text);
int	 mail_draw(xmlDocPtr, xmlChar **text, xmlChar **html, int *htmllen,
	    char *err, size_t errlen);
int	 mail_format_doc(xmlDocPtr, char *buf, size_t buflen, size_t *len,
	    char *err, size_t errlen);
int	 mail_format(const struct mail *, char *buf, size_t buflen, size_t *len);
int	 mail_format_html(const struct mail *, xmlDocPtr html, char *buf,
	    size_t buflen, size_t *len);
int	 mail_format_parts(const struct mail *, const char *html, size_t hlen,
	    char *buf, size_t buflen, size_t *len);
int	 mail_deliver(const struct mail *, const char *msg, size_t len,
	    char *err, size_t errlen);

#endif
