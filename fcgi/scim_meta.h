/*
 * The SCIM discovery documents (scim_meta.c).
 */
#ifndef STEWARD_SCIM_META_H
#define STEWARD_SCIM_META_H

#include <jansson.h>

json_t	*scim_spc_json(const char *base);
json_t	*scim_rtypes_json(const char *base, const char *id);
json_t	*scim_schemas_json(const char *base, const char *id);

#endif
