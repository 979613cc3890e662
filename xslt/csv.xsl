<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv.xsl - the second stylesheet nginx compiles: CSV downloads
  (location ~ \.csv$ under /settings).  The worker answers XML as for any
  page; this turns it into RFC 4180 text.  Dispatch by template mode on
  /steward/@page: a part adds
    <xsl:template match="steward[@page='NAME']" mode="csv">.
  Every cell is quoted with doubled quotes, and a cell that a spreadsheet
  would run as a formula (= + - @, tab, CR) gets a leading apostrophe.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:output method="text" encoding="UTF-8" media-type="text/csv"/>
  <xsl:strip-space elements="*"/>

  <xsl:template match="/">
    <xsl:apply-templates select="steward" mode="csv"/>
  </xsl:template>

  <!-- an error page, or a page without a CSV form: one line of text -->
  <xsl:template match="steward" mode="csv">
    <xsl:text>error,</xsl:text>
    <xsl:call-template name="csv.cell"><xsl:with-param name="v" select="concat(@status, ' ', error-page/@title, ': ', error-page)"/></xsl:call-template>
    <xsl:text>&#13;&#10;</xsl:text>
  </xsl:template>

  <!-- data part: the refused rows of a CSV import -->
  <xsl:template match="steward[@page='csv-errors']" mode="csv">
    <xsl:text>row,column,reason&#13;&#10;</xsl:text>
    <xsl:for-each select="csv-errors/refused">
      <xsl:value-of select="@row"/>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv.cell"><xsl:with-param name="v" select="@column"/></xsl:call-template>
      <xsl:text>,</xsl:text>
      <xsl:call-template name="csv.cell"><xsl:with-param name="v" select="."/></xsl:call-template>
      <xsl:text>&#13;&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>

  <!-- one quoted cell -->
  <xsl:template name="csv.cell">
    <xsl:param name="v"/>
    <xsl:text>"</xsl:text>
    <xsl:if test="contains('=+-@&#9;&#13;', substring($v, 1, 1)) and string-length($v) &gt; 0">'</xsl:if>
    <xsl:call-template name="csv.quotes"><xsl:with-param name="s" select="string($v)"/></xsl:call-template>
    <xsl:text>"</xsl:text>
  </xsl:template>

  <xsl:template name="csv.quotes">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="contains($s, '&quot;')">
        <xsl:value-of select="substring-before($s, '&quot;')"/>
        <xsl:text>""</xsl:text>
        <xsl:call-template name="csv.quotes"><xsl:with-param name="s" select="substring-after($s, '&quot;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
