<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv-defaults.xsl - imported first by csv.xsl, so every export template
  overrides it: a document that is not an export (an error page, the
  redirect to sign in) becomes one record saying what happened, so a
  download never looks like data.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <!-- a document that is not an export (an error page, a redirect): one
       record saying what happened, so a download never looks like data -->
  <xsl:template match="steward" mode="csv">
    <xsl:call-template name="csv.field"><xsl:with-param name="v" select="'error'"/></xsl:call-template>
    <xsl:call-template name="csv.sep"/>
    <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@status"/></xsl:call-template>
    <xsl:call-template name="csv.sep"/>
    <xsl:call-template name="csv.field">
      <xsl:with-param name="v">
        <xsl:value-of select="error-page/@title"/>
        <xsl:if test="error-page/@title and normalize-space(error-page)"><xsl:text>: </xsl:text></xsl:if>
        <xsl:value-of select="error-page"/>
        <xsl:for-each select="errors/error">
          <xsl:if test="position() &gt; 1"><xsl:text> </xsl:text></xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
        <xsl:if test="redirect"><xsl:text>Sign in first: </xsl:text><xsl:value-of select="redirect/@href"/></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="csv.eol"/>
  </xsl:template>

</xsl:stylesheet>
