/*
 * Unit tests of fcgi/label.c: the label palette (contrast, keys) and the
 * colours style.css draws.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#include "../../fcgi/label.h"

/* The colour "#rrggbb" after "--NAME: " in s, or -1. */
static long
css_color(const char *s, const char *name)
{
	const char	*p = strstr(s, name);

	if (p == NULL || (p = strchr(p, '#')) == NULL)
		return -1;
	return strtol(p + 1, NULL, 16);
}

START_TEST(test_manage_palette)
{
	static const char *const paths[] = { "xslt/static/style.css",
	    "../../xslt/static/style.css" };
	const char	*srcdir = getenv("srcdir"), *light, *dark, *rule, *scheme;
	char		 path[4096], key[64], *css = NULL;
	size_t		 i, j, n = 0;
	FILE		*f = NULL;

	ck_assert_int_ge(label_palette_n, 8);
	for (i = 0; i < label_palette_n; i++) {
		ck_assert_msg(contrast_ratio(label_palette[i].light_bg,
		    label_palette[i].light_fg) >= 4.5, "%s: light contrast %.2f",
		    label_palette[i].key, contrast_ratio(label_palette[i].light_bg,
		    label_palette[i].light_fg));
		ck_assert_msg(contrast_ratio(label_palette[i].dark_bg,
		    label_palette[i].dark_fg) >= 4.5, "%s: dark contrast %.2f",
		    label_palette[i].key, contrast_ratio(label_palette[i].dark_bg,
		    label_palette[i].dark_fg));
		for (j = 0; j < i; j++)
			ck_assert_str_ne(label_palette[i].key, label_palette[j].key);
		ck_assert_int_eq(label_color_parse(label_palette[i].key), (int)i);
	}
	ck_assert_int_eq(label_color_parse("Blue"), -1);
	ck_assert_int_eq(label_color_parse(NULL), -1);
	ck_assert_str_eq(color_key(999), "gray");
	ck_assert(fabs(contrast_ratio(0xffffff, 0x000000) - 21.0) < 0.01);
	/* style.css draws the same colours: .lbl-KEY light, then dark */
	for (i = 0; f == NULL && i < 3; i++) {
		if (i == 0 && srcdir == NULL)
			continue;
		snprintf(path, sizeof(path), "%s%s%s", i == 0 ? srcdir : "",
		    i == 0 ? "/" : "", paths[i == 0 ? 0 : i - 1]);
		f = fopen(path, "r");
	}
	ck_assert_msg(f != NULL, "style.css not found");
	css = malloc(1 << 20);
	ck_assert_ptr_nonnull(css);
	n = fread(css, 1, (1 << 20) - 1, f);
	css[n] = '\0';
	fclose(f);
	for (i = 0; i < label_palette_n; i++) {
		snprintf(key, sizeof(key), ".lbl-%s {", label_palette[i].key);
		light = strstr(css, key);
		ck_assert_msg(light != NULL, "no %s in style.css", key);
		dark = strstr(light + 1, key);
		ck_assert_msg(dark != NULL, "no dark %s in style.css", key);
		scheme = strstr(light, "prefers-color-scheme: dark");
		ck_assert_msg(scheme != NULL && scheme < dark,
		    "%s: the second rule is not the dark one", key);
		rule = light;
		ck_assert_int_eq(css_color(rule, "--lb:"), label_palette[i].light_bg);
		ck_assert_int_eq(css_color(rule, "--lf:"), label_palette[i].light_fg);
		ck_assert_int_eq(css_color(dark, "--lb:"), label_palette[i].dark_bg);
		ck_assert_int_eq(css_color(dark, "--lf:"), label_palette[i].dark_fg);
	}
	free(css);
}
END_TEST

Suite *
label_suite(void)
{
	Suite	*s = suite_create("label");
	TCase	*t = tcase_create("label");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, test_manage_palette);
	suite_add_tcase(s, t);
	return s;
}
