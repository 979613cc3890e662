/*
 * Labels: the fixed palette (contrast-checked by the unit tests) and
 * labels drawn on, and attached to, reports and CSV uploads.
 */
#ifndef STEWARD_LABEL_H
#define STEWARD_LABEL_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "request.h"

struct label_color {
	const char	*key, *name;
	uint32_t	 light_bg, light_fg, dark_bg, dark_fg;	/* 0xRRGGBB */
};

extern const struct label_color	 label_palette[];
extern const size_t		 label_palette_n;

/* Columns of STMT_LABEL_ONE. */
enum {
	LO_ID, LO_NAME, LO_COLOR, LO_DESCRIPTION, LO_REPORTS, LO_UPLOADS,
	LO_FILTERS
};

/* Columns of STMT_LABELS_OF_REPORT and STMT_LABELS_OF_UPLOAD. */
enum { LI_ID, LI_NAME, LI_COLOR };

int		 label_color_parse(const char *);
double		 contrast_ratio(uint32_t, uint32_t);

const char	*color_key(unsigned);
xmlNodePtr	 label_el(xmlNodePtr, const char *el, const char *id,
		    const char *name, unsigned color);

/* Labels on the pages of reports and CSV uploads. */
enum label_target { LT_REPORT, LT_UPLOAD };

uint64_t	 label_filter(struct req *);
int		 labels_on_list(struct req *, xmlNodePtr list, enum label_target);
int		 labels_on_upload(struct req *);
int		 label_options(struct req *, enum label_target, const char *item,
		    const char *const *selected, size_t nselected);
int		 labels_posted(struct req *, const char ***vals, size_t *n);
int		 labels_replace(struct req *, enum label_target, uint64_t id,
		    const char *const *vals, size_t n, const char **names,
		    int *foreign);

#endif
