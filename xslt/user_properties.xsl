<?xml version="1.0" encoding="UTF-8"?>
<!--
  user_properties.xsl - page="user-properties" (fcgi/pages/user_properties.c,
  fcgi/schema.c), /settings/user-properties: every property stored on user
  profiles, with its type.  The list is schema_list.xsl's, shared with page="events".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='user-properties']" mode="page.title">User Properties</xsl:template>

  <xsl:template match="steward[@page='user-properties']" mode="page.lede">
    <xsl:call-template name="schema.lede"/>
  </xsl:template>

  <xsl:template match="steward[@page='user-properties']" mode="page.body">
    <xsl:call-template name="schema.body"/>
  </xsl:template>

</xsl:stylesheet>
