/*
 * Logging to stderr, one line per event, with a UTC timestamp.  stderr is
 * unbuffered, and each line is written with one call, so threads do not
 * interleave within a line.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Writes "TIME LEVEL message\n" in one write(2). */
static void
log_line(const char *level, const char *fmt, va_list ap)
{
	char		 buf[2048];
	struct tm	 tm;
	time_t		 now = time(NULL);
	size_t		 n;
	int		 m;

	gmtime_r(&now, &tm);
	n = strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	m = snprintf(buf + n, sizeof(buf) - n, "%s ", level);
	n += (size_t)m;
	m = vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	if (m < 0)
		return;
	n += (size_t)m < sizeof(buf) - n - 1 ? (size_t)m : sizeof(buf) - n - 2;
	buf[n++] = '\n';
	(void)!write(STDERR_FILENO, buf, n);
}

/* An error with its cause. */
void
log_error(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_line("error", fmt, ap);
	va_end(ap);
}

/* A request line or a notable event. */
void
log_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	log_line("info", fmt, ap);
	va_end(ap);
}
