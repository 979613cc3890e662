<?xml version="1.0" encoding="UTF-8"?>
<!--
  events.xsl - page="events" (fcgi/pages/events.c, fcgi/schema.c), /settings/events:
  every event name an account has sent, with counts.  The list is
  schema_list.xsl's, shared with page="user-properties".
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='events']" mode="page.title">Events</xsl:template>

  <xsl:template match="steward[@page='events']" mode="page.lede">
    <xsl:call-template name="schema.lede"/>
  </xsl:template>

  <xsl:template match="steward[@page='events']" mode="page.body">
    <xsl:call-template name="schema.body"/>
  </xsl:template>

</xsl:stylesheet>
