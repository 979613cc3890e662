/*
 * RFC 5322 messages: .eml files in mail_dir or SMTP via libcurl.
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

int	 mail_send(const struct mail *, char *err, size_t errlen);
int	 mail_format(const struct mail *, char *buf, size_t buflen, size_t *len);
int	 mail_send_html(const struct mail *, xmlDocPtr html, char *err,
	    size_t errlen);
int	 mail_format_html(const struct mail *, xmlDocPtr html, char *buf,
	    size_t buflen, size_t *len);
void	 mail_notice(const char *to, const char *name, const char *subject,
	    const char *text);

#endif
