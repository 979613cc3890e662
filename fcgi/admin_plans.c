/*
 * steward-admin plans: whether the list pages' statements still read
 * their indexes in order on this server (plans.c).  For an operator after
 * a MariaDB upgrade or on a large account, and for the test suite.
 */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "db.h"
#include "plans.h"

/*
 * plans --account ID [--user EMAIL] [--verbose]: prints each statement's
 * verdict; exit 0 when every plan is good, 2 when one is not or could not
 * be explained.
 */
int
cmd_plans(struct ctx *c, int argc, char *argv[])
{
	const char	*email = opt(argc, argv, "--user", NULL);
	uint64_t	 acc, user = 0;
	int		 verbose = 0, i, bad, rc;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--verbose") == 0)
			verbose = 1;
	if ((acc = account_lookup(c, opt(argc, argv, "--account", NULL))) == 0)
		return EX_USAGE_;
	if (email != NULL &&
	    (rc = user_lookup(c, "--user", email, &user, NULL)) != 0)
		return rc;
	if ((bad = plans_check(&c->db, &c->a, acc, user, verbose, stdout)) < 0)
		return EX_RUNTIME;
	if (bad > 0) {
		fprintf(stderr, "steward-admin: %d plan%s not as the lists need "
		    "(see above)\n", bad, bad == 1 ? "" : "s");
		return EX_RUNTIME;
	}
	return 0;
}
