/*
 * The label palette: colours, their keys, and the WCAG contrast ratio the
 * unit tests check them with.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "label.h"

/*
 * The fixed label palette: a chip's text on its background reaches WCAG AA
 * (4.5:1) in the light and the dark scheme; xslt/static/style.css draws
 * the same colours as .label-KEY (a unit test compares them).
 */
const struct label_color label_palette[] = {
	{ "gray",   "Gray",   0xf2f4f7, 0x344054, 0x2a2f38, 0xd0d5dd },
	{ "red",    "Red",    0xfee4e2, 0xb42318, 0x4a1712, 0xfda29b },
	{ "orange", "Orange", 0xfdead7, 0xb93815, 0x4a200c, 0xf7b27a },
	{ "amber",  "Amber",  0xfef0c7, 0x93370d, 0x4a2f0a, 0xfedf89 },
	{ "green",  "Green",  0xdcfae6, 0x067647, 0x0c3a24, 0x75e0a7 },
	{ "teal",   "Teal",   0xccfbef, 0x107569, 0x0a3a36, 0x5fe9d0 },
	{ "blue",   "Blue",   0xd1e9ff, 0x175cd3, 0x102a56, 0x84caff },
	{ "indigo", "Indigo", 0xe0eaff, 0x3538cd, 0x1f235b, 0xa4bcfd },
	{ "purple", "Purple", 0xebe9fe, 0x5925dc, 0x2e1d63, 0xbdb4fe },
	{ "pink",   "Pink",   0xfce7f6, 0xc11574, 0x4d1036, 0xfaa7e0 },
};
const size_t label_palette_n = sizeof(label_palette) / sizeof(label_palette[0]);

/* The palette index of colour key s, or -1. */
int
label_color_parse(const char *s)
{
	size_t	 i;

	for (i = 0; s != NULL && i < label_palette_n; i++)
		if (strcmp(label_palette[i].key, s) == 0)
			return (int)i;
	return -1;
}

/* WCAG relative luminance of 0xRRGGBB. */
static double
luminance(uint32_t rgb)
{
	double	 c[3], v;
	int	 i;

	for (i = 0; i < 3; i++) {
		v = (double)((rgb >> (16 - 8 * i)) & 0xff) / 255.0;
		c[i] = v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4);
	}
	return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

/* The WCAG contrast ratio (1 … 21) of two colours. */
double
contrast_ratio(uint32_t a, uint32_t b)
{
	double	 la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/* ---------------------------------------------------------------- lists */

/* The key of palette colour i ("gray" for one out of range). */
const char *
color_key(unsigned i)
{
	return label_palette[i < label_palette_n ? i : 0].key;
}
