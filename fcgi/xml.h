/*
 * The XML answer: the envelope and escaping helpers (libxml2 tree API).
 */
#ifndef STEWARD_XML_H
#define STEWARD_XML_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "request.h"

xmlNodePtr xml_el(xmlNodePtr parent, const char *name, const char *text);
void	 xml_attr(xmlNodePtr, const char *name, const char *val);
void	 xml_attr_i(xmlNodePtr, const char *name, long long);
void	 xml_attr_yes(xmlNodePtr, const char *name, int);
struct tz;
void	 xml_attr_time(xmlNodePtr, const char *name, const struct tz *,
	    const char *secs);
xmlNodePtr xml_doc(struct req *, const char *page);
xmlNodePtr xml_page(struct req *, const char *page);
void	 xml_accounts(struct req *);
void	 xml_error(struct req *, const char *field, const char *msg);
int	 xml_text_ok(const char *);

#endif
