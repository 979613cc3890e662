<?xml version="1.0" encoding="UTF-8"?>
<!--
  healthz.xsl - page="health" (fcgi/pages/healthz.c), /healthz: whether
  the worker and the database answer.  Drawn through the named templates
  health.title / health.body that site.xsl calls.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="health.title">
    <xsl:choose>
      <xsl:when test="health/@database = 'up'">All systems running</xsl:when>
      <xsl:otherwise>Steward is degraded</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- signed out a centred card with its h1; signed in (the frame draws
       the h1) a card in the main column -->
  <xsl:template name="health.body">
    <xsl:variable name="up" select="health/@database = 'up'"/>
    <section>
      <xsl:choose>
        <xsl:when test="$signed-in"><xsl:attribute name="class">card</xsl:attribute><xsl:attribute name="aria-label">Services</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="class">card solo-card</xsl:attribute><xsl:attribute name="aria-labelledby">health-h</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not($signed-in)">
        <h1 id="health-h"><xsl:call-template name="health.title"/></h1>
      </xsl:if>
      <dl class="kv status-list">
        <div>
          <dt>Worker</dt>
          <dd><span class="dot dot-up" aria-hidden="true"></span>Up</dd>
        </div>
        <div>
          <dt>Database</dt>
          <dd>
            <xsl:choose>
              <xsl:when test="$up"><span class="dot dot-up" aria-hidden="true"></span>Up</xsl:when>
              <xsl:otherwise><span class="dot dot-down" aria-hidden="true"></span>Down</xsl:otherwise>
            </xsl:choose>
          </dd>
        </div>
      </dl>
    </section>
  </xsl:template>

</xsl:stylesheet>
