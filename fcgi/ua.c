/*
 * Browser and operating system from a User-Agent, for the sessions list:
 * two tables read top to bottom, the first matching row wins (so the
 * browsers that also say "Chrome" or "Safari" come first).  Good enough
 * to tell one's sessions apart; not a fingerprint.
 */
#include <stdio.h>
#include <string.h>

#include "ua.h"

struct ua_browser {
	const char	*token;		/* must appear */
	const char	*version;	/* the major version follows this */
	const char	*name;
};

static const struct ua_browser browsers[] = {
	{ "Edg/", "Edg/", "Edge" },
	{ "EdgA/", "EdgA/", "Edge" },
	{ "EdgiOS/", "EdgiOS/", "Edge" },
	{ "OPR/", "OPR/", "Opera" },
	{ "SamsungBrowser/", "SamsungBrowser/", "Samsung Internet" },
	{ "YaBrowser/", "YaBrowser/", "Yandex Browser" },
	{ "Vivaldi/", "Vivaldi/", "Vivaldi" },
	{ "FxiOS/", "FxiOS/", "Firefox" },
	{ "CriOS/", "CriOS/", "Chrome" },
	{ "Firefox/", "Firefox/", "Firefox" },
	{ "HeadlessChrome/", "HeadlessChrome/", "Headless Chrome" },
	{ "Chromium/", "Chromium/", "Chromium" },
	{ "Chrome/", "Chrome/", "Chrome" },
	{ "Safari/", "Version/", "Safari" },
	{ "MSIE ", "MSIE ", "Internet Explorer" },
	{ "Trident/", "rv:", "Internet Explorer" },
	{ "curl/", "curl/", "curl" },
	{ "Wget/", "Wget/", "Wget" },
};

struct ua_os {
	const char	*token;
	const char	*name;
};

static const struct ua_os systems[] = {
	{ "Windows Phone", "Windows Phone" },
	{ "Windows", "Windows" },
	{ "iPhone", "iOS" },
	{ "iPad", "iPadOS" },
	{ "iPod", "iOS" },
	{ "Android", "Android" },
	{ "CrOS", "ChromeOS" },
	{ "Macintosh", "macOS" },
	{ "Mac OS X", "macOS" },
	{ "FreeBSD", "FreeBSD" },
	{ "OpenBSD", "OpenBSD" },
	{ "Linux", "Linux" },
};

/* The digits right after tok in ua ("" when none), at most 6. */
static void
major(const char *ua, const char *tok, char *out, size_t outlen)
{
	const char	*p = tok ? strstr(ua, tok) : NULL;
	size_t		 k = 0;

	out[0] = '\0';
	if (p == NULL)
		return;
	for (p += strlen(tok); *p >= '0' && *p <= '9' && k < 6 &&
	    k + 1 < outlen; p++)
		out[k++] = *p;
	out[k] = '\0';
}

/*
 * Names the browser ("Firefox 128") and the operating system ("Linux")
 * of ua into browser and os; "Unknown browser" and "" when not known.
 */
void
ua_parse(const char *ua, char *browser, size_t blen, char *os, size_t olen)
{
	char	 v[8];
	size_t	 i;

	snprintf(browser, blen, "Unknown browser");
	snprintf(os, olen, "%s", "");
	if (ua == NULL || *ua == '\0')
		return;
	for (i = 0; i < sizeof(browsers) / sizeof(browsers[0]); i++)
		if (strstr(ua, browsers[i].token) != NULL) {
			major(ua, browsers[i].version, v, sizeof(v));
			snprintf(browser, blen, "%s%s%s", browsers[i].name,
			    v[0] ? " " : "", v);
			break;
		}
	for (i = 0; i < sizeof(systems) / sizeof(systems[0]); i++)
		if (strstr(ua, systems[i].token) != NULL) {
			snprintf(os, olen, "%s", systems[i].name);
			break;
		}
}
