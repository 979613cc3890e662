/*
 * steward.conf and its STEWARD_* environment overrides.
 */
#ifndef STEWARD_CONF_H
#define STEWARD_CONF_H

#include <stddef.h>
#include <stdint.h>

struct conf {
	char	*listen;
	int	 threads;
	char	*db_socket, *db_host, *db_name, *db_user, *db_password;
	int	 db_port;
	char	*secret_key_file;
	char	*sql_dir;
	char	*xslt_dir;		/* the mail stylesheets (mail*.xsl, mail.rng) */
	char	*public_url;
	char	*mail_dir, *smtp_url, *smtp_user, *smtp_password, *mail_from;
	int	 session_idle, session_max;
	int	 hash_concurrency, hash_wait;
	int	 argon2_m, argon2_t, argon2_p;
	int	 secure_cookies;
	char	*common_passwords;	/* the shipped common-password list */
	int	 jobs;			/* run the job runner thread */
	char	*upload_dir;		/* where CSV uploads go */
	int	 test_jobs;		/* run the queue's test kinds of job */
	char	*exports_dir;		/* where exports are written */
	int	 workers;		/* worker processes of the master */
	int	 api_token_rate;	/* requests per minute per API token; 0: no limit */
	char	*db_fallback;		/* nodes tried when db_socket/db_host fails (db_addr.h) */
	int	 xml_mimalloc;		/* libxml2 allocates with mimalloc (mem.c) */
};

extern struct conf conf;

int	 conf_load(const char *path, char *err, size_t errlen);
void	 conf_free(void);

#endif
