/*
 * The status columns: one enum each, numbered as stored, with the table
 * of the names the XML uses.  Index 0 of a table is its fallback for a
 * code out of range.
 */
#ifndef STEWARD_STATUS_H
#define STEWARD_STATUS_H

#include <stddef.h>
#include <stdint.h>

/* A row of the Users page (computed by STMT_USERS_LIST). */
enum member_status {
	MEMBER_NONE, MEMBER_ACTIVE, MEMBER_LOCKED, MEMBER_INVITED,
	MEMBER_EXPIRED, MEMBER__MAX
};

/* csv_upload.status (sql/007_data.sql). */
enum upload_status {
	UPLOAD_NONE, UPLOAD_UPLOADED, UPLOAD_MAPPING, UPLOAD_QUEUED,
	UPLOAD_PROCESSING, UPLOAD_COMPLETED, UPLOAD_COMPLETED_ERRORS,
	UPLOAD_FAILED, UPLOAD__MAX
};

/* csv_upload.kind. */
enum upload_kind { UKIND_NONE, UKIND_PROFILES, UKIND_EVENTS, UKIND__MAX };

/* What a column of a CSV upload maps to (the mapping JSON). */
enum map_target {
	TARGET_IGNORE, TARGET_IDENTITY, TARGET_PROPERTY, TARGET_EVENT,
	TARGET_TS, TARGET__MAX
};

/* download.status (sql/008_manage.sql). */
enum download_status {
	DL_NONE, DL_QUEUED, DL_RUNNING, DL_READY, DL_FAILED, DL_EXPIRED,
	DL__MAX
};

extern const char *const member_status_names[MEMBER__MAX];
extern const char *const upload_status_names[UPLOAD__MAX];
extern const char *const upload_kind_names[UKIND__MAX];
extern const char *const map_target_names[TARGET__MAX];
extern const char *const download_status_names[DL__MAX];

const char	*status_name(const char *const *names, size_t n, uint64_t code);
int		 status_parse(const char *const *names, size_t n, const char *);

const char	*member_status_name(int);
int		 member_status_parse(const char *);

/* The name of code in table tab (an array of known size). */
#define STATUS_NAME(tab, code) \
	status_name((tab), sizeof(tab) / sizeof((tab)[0]), (code))
/* The code of name s in table tab; 0 for NULL or an unknown name. */
#define STATUS_PARSE(tab, s) \
	status_parse((tab), sizeof(tab) / sizeof((tab)[0]), (s))

#endif
