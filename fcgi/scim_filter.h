/*
 * SCIM filters and attribute paths (RFC 7644 §3.4.2.2, §3.5.2): parsed
 * into a bounded tree without allocation, matched against a resource.
 */
#ifndef STEWARD_SCIM_FILTER_H
#define STEWARD_SCIM_FILTER_H

#include <stddef.h>

#include <jansson.h>

#include "limits.h"

enum scim_fop {
	SF_EQ, SF_NE, SF_CO, SF_SW, SF_EW, SF_GT, SF_GE, SF_LT, SF_LE,
	SF_PR, SF_AND, SF_OR, SF_NOT, SF_VALUE, SF__MAX
};

enum scim_lit { SL_STRING, SL_NUMBER, SL_TRUE, SL_FALSE, SL_NULL };

/* One node: a comparison (attr[.sub] op literal), and/or (a, b), not
 * (a), or a value filter attr[a]. */
struct scim_fnode {
	enum scim_fop	 op;
	const char	*attr, *sub;	/* sub NULL when absent */
	enum scim_lit	 lit;
	const char	*str;		/* SL_STRING, unescaped */
	double		 num;		/* SL_NUMBER */
	int		 a, b;		/* children, -1 when none */
};

struct scim_filter {
	struct scim_fnode n[SCIM_MAX_FILTER_NODES];
	int		 nnodes, root;
	char		 buf[2 * SCIM_MAX_FILTER_LEN + 2];	/* names, strings */
	size_t		 used;
	const char	*err;		/* why it was refused */
};

/* A PATCH path: attr[.sub], or attr[filter][.sub]. */
struct scim_path {
	const char	*attr, *sub;
	int		 has_filter;	/* f.root is the value filter */
	struct scim_filter f;
};

int	 scim_filter_parse(struct scim_filter *, const char *, size_t);
int	 scim_filter_match(const struct scim_filter *, const json_t *);
int	 scim_filter_node_match(const struct scim_filter *, int node,
	    const json_t *);
int	 scim_filter_user_name_eq(const struct scim_filter *, const char **);
int	 scim_path_parse(struct scim_path *, const char *, size_t);
const json_t *scim_attr_get(const json_t *, const char *name);

#endif
