<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv.xsl - the stylesheet nginx applies to URLs ending in .csv (location
  ~ \.csv$ in nginx/steward.conf.in): the same XML documents as the pages,
  written as RFC 4180 CSV (UTF-8, CRLF, every field quoted).  Each part
  adds one xsl:import line below and draws its export with
    <xsl:template match="steward[@page='NAME']" mode="csv">
  using csv.field.  Any other document (an error page, a redirect)
  becomes a one-line "error" CSV (csv-defaults.xsl).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- first (lowest precedence): the CSV of a document nobody exports -->
  <xsl:import href="csv-defaults.xsl"/>
  <xsl:import href="billing-csv.xsl"/>

  <xsl:output method="text" encoding="UTF-8" media-type="text/csv"/>
  <xsl:strip-space elements="*"/>

  <xsl:template match="/">
    <xsl:apply-templates select="steward" mode="csv"/>
  </xsl:template>

  <!-- one field: quoted, quotes doubled; a leading = + - @ tab or CR gets
       a ' so that spreadsheets do not run it as a formula -->
  <xsl:template name="csv.field">
    <xsl:param name="v"/>
    <xsl:text>"</xsl:text>
    <xsl:if test="contains('=+-@&#9;&#13;', substring($v, 1, 1)) and string-length($v) &gt; 0">'</xsl:if>
    <xsl:call-template name="csv.quote"><xsl:with-param name="v" select="string($v)"/></xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <xsl:template name="csv.quote">
    <xsl:param name="v"/>
    <xsl:choose>
      <xsl:when test="contains($v, '&quot;')">
        <xsl:value-of select="substring-before($v, '&quot;')"/>
        <xsl:text>""</xsl:text>
        <xsl:call-template name="csv.quote"><xsl:with-param name="v" select="substring-after($v, '&quot;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$v"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
