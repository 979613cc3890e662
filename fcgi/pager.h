/*
 * The <pager> of a list: which page of it is shown and how to reach the
 * pages beside it, drawn by components.xsl's pager template.
 */
#ifndef STEWARD_PAGER_H
#define STEWARD_PAGER_H

#include <libxml/tree.h>

#include "request.h"

xmlNodePtr pager_el(struct req *, xmlNodePtr parent, const char *path,
	    long page, long per_page, int next, long long total,
	    const char *const *keep);

#endif
