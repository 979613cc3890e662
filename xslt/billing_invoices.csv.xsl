<?xml version="1.0" encoding="UTF-8"?>
<!--
  billing_invoices.csv.xsl - page="invoices-csv"
  (fcgi/pages/billing_invoices.c), /settings/billing/invoices.csv, as CSV
  (imported by csv.xsl): one row per invoice, newest first.  Times in the
  account timezone with their offset (ISO 8601); totals as decimal amounts
  with two places.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='invoices-csv']" mode="csv">
    <xsl:text>"invoice","issued","due","period_start","period_end","kind","status","currency","total"&#13;&#10;</xsl:text>
    <xsl:for-each select="invoices/invoice">
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@ref"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@issued"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@due"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@period-start"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@period-end"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@kind"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@status"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@currency"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="format-number(@total div 100, '0.00')"/></xsl:call-template>
      <xsl:call-template name="csv.eol"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
