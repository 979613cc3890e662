<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv-defaults.xsl - imported first by csv.xsl, so that every export
  stylesheet overrides it: a document without a CSV form (an error page,
  a redirect) becomes its status and message.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- a document without a CSV form: its status and message -->
  <xsl:template match="steward" mode="csv">
    <xsl:text>"status","error"&#13;&#10;</xsl:text>
    <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@status"/></xsl:call-template>
    <xsl:text>,</xsl:text>
    <xsl:call-template name="csv.field">
      <xsl:with-param name="v" select="concat(error-page/@title, substring(': ', 1, 2 * boolean(error-page)), error-page)"/>
    </xsl:call-template>
    <xsl:text>&#13;&#10;</xsl:text>
  </xsl:template>

</xsl:stylesheet>
