<?xml version="1.0" encoding="UTF-8"?>
<!--
  email_confirm.xsl - page="email-confirm" (fcgi/pages/profile_email.c),
  /email/confirm?token=: the link mailed to a new sign-in address; signed
  in, a card in the frame (which draws the h1: page.title follows the
  state), or signed out, a centred card with its own h1, which shows the
  flash itself.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='email-confirm']" mode="page.title">
    <xsl:choose>
      <xsl:when test="email-confirm/@valid = 'yes'">Confirm your new email</xsl:when>
      <xsl:otherwise>This link does not work</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="steward[@page='email-confirm']" mode="page.body">
    <xsl:variable name="c" select="email-confirm"/>
    <section>
      <xsl:choose>
        <xsl:when test="$signed-in"><xsl:attribute name="class">card</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="class">card solo-card</xsl:attribute><xsl:attribute name="aria-labelledby">ec-h</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:if test="not($signed-in)">
        <h1 id="ec-h"><xsl:apply-templates select="/steward" mode="page.title"/></h1>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$c/@valid = 'yes'">
          <p class="card-sub">Your Steward login will sign in with the new address from now on.</p>
          <xsl:call-template name="pw-solo-flash"/>
          <dl class="kv kv-compact pf-kv">
            <div><dt>From</dt><dd class="break"><xsl:value-of select="$c/@from"/></dd></div>
            <div><dt>To</dt><dd class="break"><strong><xsl:value-of select="$c/@to"/></strong></dd></div>
          </dl>
          <form class="stack" method="post" action="/email/confirm">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="token" value="{$c/@token}"/>
            <xsl:call-template name="solo-submit"><xsl:with-param name="text" select="'Use the new email'"/></xsl:call-template>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="error-text">It was used already, it expired (links work for 24 hours), or a newer change replaced it. Ask for the change again on your Profile page.</p>
          <p class="actions">
            <a class="btn btn-primary" href="/settings/profile">Go to your Profile</a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

</xsl:stylesheet>
