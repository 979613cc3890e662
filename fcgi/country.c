/*
 * ISO 3166-1 alpha-2 country codes with their English short names, in the
 * order they are listed (by name).  Generated from Debian's iso-codes
 * (iso_3166-1.json, common_name where there is one); 249 entries.  The
 * forms that take a country (organization, billing contact) draw the
 * list with country_list_xml() and refuse a code not in it.
 */
#include <string.h>

#include "country.h"
#include "request.h"
#include "valid.h"
#include "xml.h"

static const struct country countries[] = {
	{ "AF", "Afghanistan" },
	{ "AX", "\xc3\x85land Islands" },
	{ "AL", "Albania" },
	{ "DZ", "Algeria" },
	{ "AS", "American Samoa" },
	{ "AD", "Andorra" },
	{ "AO", "Angola" },
	{ "AI", "Anguilla" },
	{ "AQ", "Antarctica" },
	{ "AG", "Antigua and Barbuda" },
	{ "AR", "Argentina" },
	{ "AM", "Armenia" },
	{ "AW", "Aruba" },
	{ "AU", "Australia" },
	{ "AT", "Austria" },
	{ "AZ", "Azerbaijan" },
	{ "BS", "Bahamas" },
	{ "BH", "Bahrain" },
	{ "BD", "Bangladesh" },
	{ "BB", "Barbados" },
	{ "BY", "Belarus" },
	{ "BE", "Belgium" },
	{ "BZ", "Belize" },
	{ "BJ", "Benin" },
	{ "BM", "Bermuda" },
	{ "BT", "Bhutan" },
	{ "BO", "Bolivia" },
	{ "BQ", "Bonaire, Sint Eustatius and Saba" },
	{ "BA", "Bosnia and Herzegovina" },
	{ "BW", "Botswana" },
	{ "BV", "Bouvet Island" },
	{ "BR", "Brazil" },
	{ "IO", "British Indian Ocean Territory" },
	{ "BN", "Brunei Darussalam" },
	{ "BG", "Bulgaria" },
	{ "BF", "Burkina Faso" },
	{ "BI", "Burundi" },
	{ "CV", "Cabo Verde" },
	{ "KH", "Cambodia" },
	{ "CM", "Cameroon" },
	{ "CA", "Canada" },
	{ "KY", "Cayman Islands" },
	{ "CF", "Central African Republic" },
	{ "TD", "Chad" },
	{ "CL", "Chile" },
	{ "CN", "China" },
	{ "CX", "Christmas Island" },
	{ "CC", "Cocos (Keeling) Islands" },
	{ "CO", "Colombia" },
	{ "KM", "Comoros" },
	{ "CG", "Congo" },
	{ "CD", "Congo, The Democratic Republic of the" },
	{ "CK", "Cook Islands" },
	{ "CR", "Costa Rica" },
	{ "CI", "C\xc3\xb4te d'Ivoire" },
	{ "HR", "Croatia" },
	{ "CU", "Cuba" },
	{ "CW", "Cura\xc3\xa7" "ao" },
	{ "CY", "Cyprus" },
	{ "CZ", "Czechia" },
	{ "DK", "Denmark" },
	{ "DJ", "Djibouti" },
	{ "DM", "Dominica" },
	{ "DO", "Dominican Republic" },
	{ "EC", "Ecuador" },
	{ "EG", "Egypt" },
	{ "SV", "El Salvador" },
	{ "GQ", "Equatorial Guinea" },
	{ "ER", "Eritrea" },
	{ "EE", "Estonia" },
	{ "SZ", "Eswatini" },
	{ "ET", "Ethiopia" },
	{ "FK", "Falkland Islands (Malvinas)" },
	{ "FO", "Faroe Islands" },
	{ "FJ", "Fiji" },
	{ "FI", "Finland" },
	{ "FR", "France" },
	{ "GF", "French Guiana" },
	{ "PF", "French Polynesia" },
	{ "TF", "French Southern Territories" },
	{ "GA", "Gabon" },
	{ "GM", "Gambia" },
	{ "GE", "Georgia" },
	{ "DE", "Germany" },
	{ "GH", "Ghana" },
	{ "GI", "Gibraltar" },
	{ "GR", "Greece" },
	{ "GL", "Greenland" },
	{ "GD", "Grenada" },
	{ "GP", "Guadeloupe" },
	{ "GU", "Guam" },
	{ "GT", "Guatemala" },
	{ "GG", "Guernsey" },
	{ "GN", "Guinea" },
	{ "GW", "Guinea-Bissau" },
	{ "GY", "Guyana" },
	{ "HT", "Haiti" },
	{ "HM", "Heard Island and McDonald Islands" },
	{ "VA", "Holy See (Vatican City State)" },
	{ "HN", "Honduras" },
	{ "HK", "Hong Kong" },
	{ "HU", "Hungary" },
	{ "IS", "Iceland" },
	{ "IN", "India" },
	{ "ID", "Indonesia" },
	{ "IR", "Iran" },
	{ "IQ", "Iraq" },
	{ "IE", "Ireland" },
	{ "IM", "Isle of Man" },
	{ "IL", "Israel" },
	{ "IT", "Italy" },
	{ "JM", "Jamaica" },
	{ "JP", "Japan" },
	{ "JE", "Jersey" },
	{ "JO", "Jordan" },
	{ "KZ", "Kazakhstan" },
	{ "KE", "Kenya" },
	{ "KI", "Kiribati" },
	{ "KW", "Kuwait" },
	{ "KG", "Kyrgyzstan" },
	{ "LA", "Laos" },
	{ "LV", "Latvia" },
	{ "LB", "Lebanon" },
	{ "LS", "Lesotho" },
	{ "LR", "Liberia" },
	{ "LY", "Libya" },
	{ "LI", "Liechtenstein" },
	{ "LT", "Lithuania" },
	{ "LU", "Luxembourg" },
	{ "MO", "Macao" },
	{ "MG", "Madagascar" },
	{ "MW", "Malawi" },
	{ "MY", "Malaysia" },
	{ "MV", "Maldives" },
	{ "ML", "Mali" },
	{ "MT", "Malta" },
	{ "MH", "Marshall Islands" },
	{ "MQ", "Martinique" },
	{ "MR", "Mauritania" },
	{ "MU", "Mauritius" },
	{ "YT", "Mayotte" },
	{ "MX", "Mexico" },
	{ "FM", "Micronesia, Federated States of" },
	{ "MD", "Moldova" },
	{ "MC", "Monaco" },
	{ "MN", "Mongolia" },
	{ "ME", "Montenegro" },
	{ "MS", "Montserrat" },
	{ "MA", "Morocco" },
	{ "MZ", "Mozambique" },
	{ "MM", "Myanmar" },
	{ "NA", "Namibia" },
	{ "NR", "Nauru" },
	{ "NP", "Nepal" },
	{ "NL", "Netherlands" },
	{ "NC", "New Caledonia" },
	{ "NZ", "New Zealand" },
	{ "NI", "Nicaragua" },
	{ "NE", "Niger" },
	{ "NG", "Nigeria" },
	{ "NU", "Niue" },
	{ "NF", "Norfolk Island" },
	{ "KP", "North Korea" },
	{ "MK", "North Macedonia" },
	{ "MP", "Northern Mariana Islands" },
	{ "NO", "Norway" },
	{ "OM", "Oman" },
	{ "PK", "Pakistan" },
	{ "PW", "Palau" },
	{ "PS", "Palestine, State of" },
	{ "PA", "Panama" },
	{ "PG", "Papua New Guinea" },
	{ "PY", "Paraguay" },
	{ "PE", "Peru" },
	{ "PH", "Philippines" },
	{ "PN", "Pitcairn" },
	{ "PL", "Poland" },
	{ "PT", "Portugal" },
	{ "PR", "Puerto Rico" },
	{ "QA", "Qatar" },
	{ "RE", "R\xc3\xa9union" },
	{ "RO", "Romania" },
	{ "RU", "Russian Federation" },
	{ "RW", "Rwanda" },
	{ "BL", "Saint Barth\xc3\xa9lemy" },
	{ "SH", "Saint Helena, Ascension and Tristan da Cunha" },
	{ "KN", "Saint Kitts and Nevis" },
	{ "LC", "Saint Lucia" },
	{ "MF", "Saint Martin (French part)" },
	{ "PM", "Saint Pierre and Miquelon" },
	{ "VC", "Saint Vincent and the Grenadines" },
	{ "WS", "Samoa" },
	{ "SM", "San Marino" },
	{ "ST", "Sao Tome and Principe" },
	{ "SA", "Saudi Arabia" },
	{ "SN", "Senegal" },
	{ "RS", "Serbia" },
	{ "SC", "Seychelles" },
	{ "SL", "Sierra Leone" },
	{ "SG", "Singapore" },
	{ "SX", "Sint Maarten (Dutch part)" },
	{ "SK", "Slovakia" },
	{ "SI", "Slovenia" },
	{ "SB", "Solomon Islands" },
	{ "SO", "Somalia" },
	{ "ZA", "South Africa" },
	{ "GS", "South Georgia and the South Sandwich Islands" },
	{ "KR", "South Korea" },
	{ "SS", "South Sudan" },
	{ "ES", "Spain" },
	{ "LK", "Sri Lanka" },
	{ "SD", "Sudan" },
	{ "SR", "Suriname" },
	{ "SJ", "Svalbard and Jan Mayen" },
	{ "SE", "Sweden" },
	{ "CH", "Switzerland" },
	{ "SY", "Syria" },
	{ "TW", "Taiwan" },
	{ "TJ", "Tajikistan" },
	{ "TZ", "Tanzania" },
	{ "TH", "Thailand" },
	{ "TL", "Timor-Leste" },
	{ "TG", "Togo" },
	{ "TK", "Tokelau" },
	{ "TO", "Tonga" },
	{ "TT", "Trinidad and Tobago" },
	{ "TN", "Tunisia" },
	{ "TR", "T\xc3\xbcrkiye" },
	{ "TM", "Turkmenistan" },
	{ "TC", "Turks and Caicos Islands" },
	{ "TV", "Tuvalu" },
	{ "UG", "Uganda" },
	{ "UA", "Ukraine" },
	{ "AE", "United Arab Emirates" },
	{ "GB", "United Kingdom" },
	{ "US", "United States" },
	{ "UM", "United States Minor Outlying Islands" },
	{ "UY", "Uruguay" },
	{ "UZ", "Uzbekistan" },
	{ "VU", "Vanuatu" },
	{ "VE", "Venezuela" },
	{ "VN", "Vietnam" },
	{ "VG", "Virgin Islands, British" },
	{ "VI", "Virgin Islands, U.S." },
	{ "WF", "Wallis and Futuna" },
	{ "EH", "Western Sahara" },
	{ "YE", "Yemen" },
	{ "ZM", "Zambia" },
	{ "ZW", "Zimbabwe" },
};

#define NCOUNTRIES (sizeof(countries) / sizeof(countries[0]))

/* Every country, in display order; *n is set to their number. */
const struct country *
country_list(size_t *n)
{
	*n = NCOUNTRIES;
	return countries;
}

/* The English name of the country with code (e.g. "DE"), or NULL. */
const char *
country_name(const char *code)
{
	size_t	 i;

	if (code == NULL || strlen(code) != 2)
		return NULL;
	for (i = 0; i < NCOUNTRIES; i++)
		if (memcmp(countries[i].code, code, 2) == 0)
			return countries[i].name;
	return NULL;
}

/*
 * Why a country code that passed VALID_COUNTRY is refused: NULL when code
 * is NULL (none given) or a country of the list, else the message.
 */
const char *
country_refused(const char *code)
{
	if (code == NULL || country_name(code) != NULL)
		return NULL;
	return valid_message(VALID_COUNTRY);
}

/* <countries>: every country, for a select list. */
void
country_list_xml(struct req *r)
{
	xmlNodePtr	 list, n;
	size_t		 i;

	list = xml_el(r->root, "countries", NULL);
	for (i = 0; i < NCOUNTRIES; i++) {
		n = xml_el(list, "country", countries[i].name);
		xml_attr(n, "code", countries[i].code);
	}
}
