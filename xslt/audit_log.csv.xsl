<?xml version="1.0" encoding="UTF-8"?>
<!--
  audit_log.csv.xsl - page="audit-csv" (fcgi/pages/audit_log.c),
  /settings/audit-log.csv: the audit log as filtered, as CSV.  Imported by
  csv.xsl; every field goes through csv.field (quoting, formula
  neutralising).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='audit-csv']" mode="csv">
    <xsl:text>"Time","Actor name","Actor email","Action","Target","Client address"&#13;&#10;</xsl:text>
    <xsl:for-each select="audit/entry">
      <xsl:call-template name="csv.time"><xsl:with-param name="t" select="@time"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@actor-name"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@actor-email"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@action"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@target"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@ip"/></xsl:call-template>
      <xsl:call-template name="csv.eol"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
