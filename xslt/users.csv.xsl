<?xml version="1.0" encoding="UTF-8"?>
<!--
  users.csv.xsl - page="users-csv" (fcgi/pages/users.c),
  /settings/users.csv: members and open invitations as filtered, as CSV.
  Imported by csv.xsl; every field goes through csv.field (quoting,
  formula neutralising).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='users-csv']" mode="csv">
    <xsl:text>"Name","Email","Role","Status","2-step verification","Last sign-in","Member since","Invited by","Invitation expires"&#13;&#10;</xsl:text>
    <xsl:for-each select="users/member | users/invitation">
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@name"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@email"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@role"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@status"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@two-step"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.time"><xsl:with-param name="t" select="@last-login"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.time"><xsl:with-param name="t" select="@since | @sent"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.field"><xsl:with-param name="v" select="@invited-by"/></xsl:call-template>
      <xsl:call-template name="csv.sep"/>
      <xsl:call-template name="csv.time"><xsl:with-param name="t" select="@expires"/></xsl:call-template>
      <xsl:call-template name="csv.eol"/>
    </xsl:for-each>
  </xsl:template>

</xsl:stylesheet>
