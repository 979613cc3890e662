<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv_uploads.csv.xsl - page="csv-errors" (fcgi/pages/csv_uploads.c),
  /settings/csv-uploads/errors.csv?upload=ID: the refused rows of a CSV
  import as row,column,reason, with csv.xsl's fields (imported by
  csv.xsl).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='csv-errors']" mode="csv">
    <xsl:text>row,column,reason</xsl:text>
    <xsl:call-template name="csv.eol"/>
    <xsl:for-each select="csv-errors/refused">
      <xsl:value-of select="@row"/>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@column"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="."/></xsl:call-template>
      <xsl:call-template name="csv.eol"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
