/*
 * Log lines on stderr.
 */
#ifndef STEWARD_LOG_H
#define STEWARD_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

void	 log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	 log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
