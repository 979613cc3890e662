/*
 * Form fields of the account pages.
 */
#ifndef STEWARD_FORM_H
#define STEWARD_FORM_H

#include <stddef.h>
#include <stdint.h>

#include "request.h"
#include "valid.h"

/* account_form.c: what the account pages share. */
const char	*acct_field(struct req *, const char *name);
int		 acct_check(struct req *, const char *field, const char *val,
		    enum valid, int required, const char *empty_msg);
int		 acct_check_country(struct req *, const char *field,
		    const char *val, int required);
const char	*acct_checkbox(struct req *, const char *name);
uint64_t	 acct_org(struct req *);
uint64_t	 acct_path_id(struct req *);
int		 acct_db_fail(struct req *, int rc);
void		 acct_countries(struct req *);
const char	*acct_invoice_ref(struct req *, uint64_t org, uint64_t number);

#endif
