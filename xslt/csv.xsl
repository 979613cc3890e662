<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv.xsl - the one stylesheet of nginx's "location ~ \.csv$": CSV exports
  drawn from the same XML as the pages.  The export of a page file is
  drawn by a stylesheet named like it, PAGEFILE.csv.xsl, imported here,
  with
    <xsl:template match="steward[@page='NAME']" mode="csv">
  using the named templates below for every field and line end.

  RFC 4180: every field quoted, quotes doubled, CRLF after each record.
  Spreadsheet formula injection (OWASP): a field that starts with = + - @
  (or a tab or CR) gets a leading apostrophe, so no spreadsheet evaluates
  it.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- first (lowest precedence): what a document that is not an export
       gives; then one import per page file with an export -->
  <xsl:import href="csv-defaults.xsl"/>
  <xsl:import href="users.csv.xsl"/>
  <xsl:import href="audit_log.csv.xsl"/>
  <xsl:import href="billing_invoices.csv.xsl"/>
  <xsl:import href="csv_uploads.csv.xsl"/>

  <xsl:output method="text" encoding="UTF-8" media-type="text/csv"/>
  <xsl:strip-space elements="*"/>

  <xsl:template match="/">
    <xsl:apply-templates select="steward" mode="csv"/>
  </xsl:template>

  <!-- ============================================================ fields -->

  <xsl:template name="csv.sep"><xsl:text>,</xsl:text></xsl:template>
  <xsl:template name="csv.eol"><xsl:text>&#13;&#10;</xsl:text></xsl:template>

  <!-- one field: neutralised, quoted, quotes doubled -->
  <xsl:template name="csv.field">
    <xsl:param name="v"/>
    <xsl:variable name="s" select="string($v)"/>
    <xsl:text>"</xsl:text>
    <xsl:if test="contains('=+-@&#9;&#13;', substring($s, 1, 1)) and string-length($s) &gt; 0">
      <xsl:text>'</xsl:text>
    </xsl:if>
    <xsl:call-template name="csv.quotes"><xsl:with-param name="s" select="$s"/></xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <!-- s with every " doubled (recursive: XSLT 1.0 has no replace) -->
  <xsl:template name="csv.quotes">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&quot;')">
        <xsl:value-of select="substring-before($s, '&quot;')"/>
        <xsl:text>""</xsl:text>
        <xsl:call-template name="csv.quotes">
          <xsl:with-param name="s" select="substring-after($s, '&quot;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a time as local_time() writes it, kept whole (ISO 8601 with offset) -->
  <xsl:template name="csv.time">
    <xsl:param name="t"/>
    <xsl:call-template name="csv.field"><xsl:with-param name="v" select="$t"/></xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
