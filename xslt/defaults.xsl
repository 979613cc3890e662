<?xml version="1.0" encoding="UTF-8"?>
<!--
  defaults.xsl - imported first by site.xsl, so every other stylesheet
  overrides it: the title and body of a page this build does not know.
  A page stylesheet draws its page with
    <xsl:template match="steward[@page='NAME']" mode="page.title">
    <xsl:template match="steward[@page='NAME']" mode="page.body">
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward" mode="page.title">Steward</xsl:template>

  <!-- the frame's page head: no lede, no actions unless a page has them -->
  <xsl:template match="steward" mode="page.lede"/>
  <xsl:template match="steward" mode="page.actions"/>

  <!-- signed in, the frame draws the h1 (the title above) -->
  <xsl:template match="steward" mode="page.body">
    <section>
      <xsl:choose>
        <xsl:when test="$signed-in"><xsl:attribute name="class">card</xsl:attribute></xsl:when>
        <xsl:otherwise>
          <xsl:attribute name="class">card solo-card</xsl:attribute>
          <h1>Steward</h1>
        </xsl:otherwise>
      </xsl:choose>
      <p>This page cannot be shown.</p>
      <p class="form-actions"><a class="btn" href="/settings">Go to Account Settings</a></p>
    </section>
  </xsl:template>

</xsl:stylesheet>
