/*
 * The <pager> element every list carries (one shape for every list, one
 * template draws it):
 *   <pager path="/settings/labels" page="2" per-page="50" next="yes"
 *          total="120"> <keep name="label" value="3"/> </pager>
 * total is left out when the list does not count its rows; each <keep> is
 * a query argument of the request that the previous / next links repeat
 * (a filter, a sort order), the stylesheet encodes them.
 */
#include "input.h"
#include "pager.h"
#include "xml.h"

/*
 * Adds <pager> for page (1-based) of a list at path under parent: next
 * when a page follows, total rows or -1 when unknown, keep the names of
 * the query fields to carry over (NULL-terminated, NULL for none; empty
 * values and fields the route does not declare - the list drawn again
 * after a POST - are left out).  Returns the element (NULL on exhaustion).
 */
xmlNodePtr
pager_el(struct req *r, xmlNodePtr parent, const char *path, long page,
    long per_page, int next, long long total, const char *const *keep)
{
	xmlNodePtr	 p, k;
	const char	*v;

	if ((p = xml_el(parent, "pager", NULL)) == NULL)
		return NULL;
	xml_attr(p, "path", path);
	xml_attr_i(p, "page", page);
	xml_attr_i(p, "per-page", per_page);
	xml_attr_yes(p, "next", next);
	if (total >= 0)
		xml_attr_i(p, "total", total);
	for (; keep != NULL && *keep != NULL; keep++) {
		if (!in_declared(r, *keep) ||
		    (v = in_str(r, *keep)) == NULL || *v == '\0')
			continue;
		k = xml_el(p, "keep", NULL);
		xml_attr(k, "name", *keep);
		xml_attr(k, "value", v);
	}
	return p;
}
