<?xml version="1.0" encoding="UTF-8"?>
<!--
  error.xsl - page="error" (fcgi/error.c: any 4xx/5xx answer as a page)
  and page="redirect" (fcgi/request.c: the tiny body of a 303; browsers
  follow the Location and rarely show it).
  Signed in, the error card fills the main column of the frame (which
  draws no page head for these two: the card has the h1); signed out, it
  is the centred card.  The way back is /settings, or /login signed out.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template name="error.title">
    <xsl:value-of select="error-page/@title"/>
  </xsl:template>

  <xsl:template name="error.body">
    <xsl:for-each select="error-page">
      <section aria-labelledby="error-h">
        <xsl:call-template name="error-card-class"/>
        <p class="error-code"><xsl:value-of select="@status"/></p>
        <h1 id="error-h"><xsl:value-of select="@title"/></h1>
        <p class="error-text"><xsl:value-of select="."/></p>
        <p class="actions">
          <xsl:choose>
            <xsl:when test="$signed-in">
              <a class="btn btn-primary" href="/settings">
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
                <span>Back to Account Settings</span>
              </a>
            </xsl:when>
            <xsl:otherwise>
              <a class="btn btn-primary" href="/login">Sign in</a>
            </xsl:otherwise>
          </xsl:choose>
        </p>
      </section>
    </xsl:for-each>
  </xsl:template>

  <!-- the class of the card: centred (solo-card) only signed out -->
  <xsl:template name="error-card-class">
    <xsl:attribute name="class">
      <xsl:text>card error-card</xsl:text>
      <xsl:if test="not($signed-in)"> solo-card</xsl:if>
    </xsl:attribute>
  </xsl:template>

  <!-- page="redirect" -->
  <xsl:template name="redirect.title">Redirecting</xsl:template>

  <xsl:template name="redirect.body">
    <section aria-labelledby="redirect-h">
      <xsl:call-template name="error-card-class"/>
      <h1 id="redirect-h">Redirecting…</h1>
      <p class="error-text"><a href="{redirect/@href}">Continue</a></p>
    </section>
  </xsl:template>

</xsl:stylesheet>
