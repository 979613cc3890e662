/*
 * libFuzzer target for SCIM filters and PATCH paths (fcgi/scim_filter.c,
 * scim_match.c): the input is parsed as a filter and as a path; a parsed
 * filter is matched against a fixed User, a parsed path's filter against
 * its e-mail.  A parse either succeeds with a root node in range or fails
 * with a reason; sanitizers catch the memory errors, and the depth bound
 * keeps the recursion shallow.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../fcgi/scim_filter.h"

static json_t	*user;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scim_filter	 f;
	static struct scim_path		 p;
	char				*s;

	if (user == NULL)
		user = json_loads("{\"userName\":\"ann@example.com\",\"name\":"
		    "{\"givenName\":\"Ann\",\"familyName\":\"Lee\"},\"emails\":"
		    "[{\"value\":\"ann@example.com\",\"type\":\"work\","
		    "\"primary\":true}],\"active\":true,\"meta\":{\"created\":"
		    "\"2026-01-02T03:04:05Z\"}}", 0, NULL);
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (scim_filter_parse(&f, s, size) == 0) {
		if (f.root < 0 || f.root >= f.nnodes || f.err != NULL)
			abort();
		(void)scim_filter_match(&f, user);
	} else if (f.err == NULL)
		abort();
	if (scim_path_parse(&p, s, size) == 0) {
		if (p.attr == NULL)
			abort();
		if (p.has_filter)
			(void)scim_filter_node_match(&p.f, p.f.root,
			    json_array_get(json_object_get(user, "emails"), 0));
	} else if (p.f.err == NULL)
		abort();
	free(s);
	return 0;
}
