/*
 * Unit tests of fcgi/ua.c: browser and OS of a User-Agent.
 */
#include "check.h"

#include "../../fcgi/totp.h"
#include "../../fcgi/ua.h"

static const struct {
	const char	*ua, *browser, *os;
} uacases[] = {
	{ "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
	  "Firefox 128", "Linux" },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "Windows" },
	{ "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.68",
	  "Edge 126", "Windows" },
	{ "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 "
	  "(KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari 17", "macOS" },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) "
	  "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 "
	  "Safari/604.1", "Safari 17", "iOS" },
	{ "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
	  "(KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1",
	  "Chrome 126", "iOS" },
	{ "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) Chrome/126.0.6478.71 Mobile Safari/537.36", "Chrome 126",
	  "Android" },
	{ "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, "
	  "like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36",
	  "Samsung Internet 25", "Android" },
	{ "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
	  "Chrome/126.0.0.0 Safari/537.36 OPR/111.0.0.0", "Opera 111", "Linux" },
	{ "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like "
	  "Gecko) Chrome/126.0.0.0 Safari/537.36", "Chrome 126", "ChromeOS" },
	{ "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
	  "HeadlessChrome/120.0.6099.224 Safari/537.36", "Headless Chrome 120",
	  "Linux" },
	{ "Mozilla/5.0 (Windows NT 6.1; Trident/7.0; rv:11.0) like Gecko",
	  "Internet Explorer 11", "Windows" },
	{ "curl/7.88.1", "curl 7", "" },
	{ "", "Unknown browser", "" },
	{ "<script>alert(1)</script>", "Unknown browser", "" },
};

START_TEST(test_ua_parse)
{
	char	 b[64], o[32];

	ua_parse(uacases[_i].ua, b, sizeof(b), o, sizeof(o));
	ck_assert_str_eq(b, uacases[_i].browser);
	ck_assert_str_eq(o, uacases[_i].os);
}
END_TEST

Suite *
ua_suite(void)
{
	Suite	*s = suite_create("ua");
	TCase	*t = tcase_create("ua");

	tcase_set_timeout(t, 30);
	tcase_add_loop_test(t, test_ua_parse, 0, N(uacases));
	suite_add_tcase(s, t);
	return s;
}
