/*
 * Labels, report kinds and the small tables they use.
 */
#ifndef STEWARD_LABEL_H
#define STEWARD_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "request.h"
#include "roles.h"

/* The tables of the part (fcgi/pages/manage_util.c). */
enum rkind {
	RKIND_NONE, RKIND_EVENTS, RKIND_PROPS, RKIND_MEMBERS, RKIND_INVOICES,
	RKIND_CSV, RKIND__MAX
};

#define RF_RANGE	0x01	/* a report kind uses the date range */
#define RF_EVENTS	0x02	/* … the event names */
#define RF_LABEL	0x04	/* … the label */

struct rkind_info {
	const char	*key, *label;
	enum cap	 cap;		/* who may see its data */
	int		 available;	/* its tables are in this build */
	unsigned	 filters;	/* RF_* */
	const char	*about;		/* what its rows are, or why it is missing */
};

struct label_color {
	const char	*key, *name;
	uint32_t	 light_bg, light_fg, dark_bg, dark_fg;	/* 0xRRGGBB */
};

extern const struct label_color	 label_palette[];
extern const size_t		 label_palette_n;

const struct rkind_info *rkind_get(enum rkind);
enum rkind	 rkind_parse(const char *);
int		 name_index(const char *const *, size_t, const char *);
int		 label_color_parse(const char *);
double		 contrast_ratio(uint32_t, uint32_t);
int		 recipients_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
int		 domain_allowed(const char *domains, const char *email);
int		 event_names_parse(struct arena *, const char *, const char ***,
		    size_t *, const char **bad);
char		*csv_quote(struct arena *, const char *);
const char	*content_disposition(struct arena *, const char *name);

int		 row_id(const char *, uint64_t *);
const char	*color_key(unsigned);
xmlNodePtr	 label_el(xmlNodePtr, const char *el, const char *id,
		    const char *name, unsigned color);
int		 manage_audit(struct req *, const char *action, const char *target);
const char	*trim_spaces(struct arena *, const char *);

/* Labels on other parts' pages (fcgi/pages/manage_labels.c). */
enum label_target { LT_REPORT, LT_UPLOAD };

uint64_t	 label_filter(struct req *);
int		 labels_on_list(struct req *, xmlNodePtr list, enum label_target);
int		 labels_on_item(struct req *, xmlNodePtr, enum label_target,
		    uint64_t id, int options);
int		 labels_replace(struct req *, enum label_target, uint64_t id,
		    const char **names);
int		 labels_on_upload(struct req *);

#endif
