/*
 * steward-admin: what its commands share (admin.c) and the commands, one
 * file a subject: admin_migrate.c (the schema), admin_users.c
 * (organizations, accounts, users, passcodes, mail), admin_billing.c
 * (usage, periods, invoices), admin_tokens.c (API tokens), admin_plans.c
 * (the list statements' plans).
 */
#ifndef STEWARD_ADMIN_H
#define STEWARD_ADMIN_H

#include <stdint.h>

#include "arena.h"
#include "db.h"
#include "valid.h"

#define EX_USAGE_	1	/* exit status: a usage error */
#define EX_RUNTIME	2	/* exit status: a runtime error */

/* What a command runs with: the database and an arena. */
struct ctx {
	struct db	 db;
	struct arena	 a;
};

const char	*opt(int argc, char *argv[], const char *name, const char *def);
const char	*arg(int argc, char *argv[], int want);
int		 check(enum valid, const char *what, const char *s);
uint64_t	 account_lookup(struct ctx *, const char *pub);
int		 user_lookup(struct ctx *, const char *what, const char *email,
		    uint64_t *id, const char **name);

int	 cmd_migrate(void);
int	 check_statements(void);
int	 cmd_org_create(struct ctx *, int, char *[]);
int	 cmd_account_create(struct ctx *, int, char *[]);
int	 cmd_user_add(struct ctx *, int, char *[]);
int	 cmd_user_unlock(struct ctx *, int, char *[]);
int	 cmd_user_reset_2fa(struct ctx *, int, char *[]);
int	 cmd_token_create(struct ctx *, int, char *[]);
int	 cmd_plans(struct ctx *, int, char *[]);
int	 cmd_passcode_show(struct ctx *, int, char *[]);
int	 cmd_passcode_rotate(struct ctx *, int, char *[]);
int	 cmd_mail_test(struct ctx *, int, char *[]);
int	 cmd_usage_add(struct ctx *, int, char *[]);
int	 cmd_period_close(struct ctx *, int, char *[]);
int	 cmd_invoice_status(struct ctx *, int, char *[]);

#endif
