<?xml version="1.0" encoding="UTF-8"?>
<!--
  email_confirm.xsl - page="email-confirm" (fcgi/pages/profile_email.c),
  /email/confirm?token=: the link mailed to a new sign-in address; signed
  in (app frame) or out (centred card, which shows the flash itself).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='email-confirm']" mode="page.title">Confirm your new email</xsl:template>

  <xsl:template match="steward[@page='email-confirm']" mode="page.body">
    <xsl:variable name="c" select="email-confirm"/>
    <section class="card solo-card" aria-labelledby="ec-h">
      <xsl:choose>
        <xsl:when test="$c/@valid = 'yes'">
          <h1 id="ec-h">Confirm your new email</h1>
          <p class="card-sub">Your Steward login will sign in with the new address from now on.</p>
          <xsl:if test="not($signed-in)"><xsl:call-template name="flash"/></xsl:if>
          <xsl:call-template name="form-errors"/>
          <dl class="kv pf-kv">
            <div><dt>From</dt><dd class="break"><xsl:value-of select="$c/@from"/></dd></div>
            <div><dt>To</dt><dd class="break"><strong><xsl:value-of select="$c/@to"/></strong></dd></div>
          </dl>
          <form class="stack" method="post" action="/email/confirm">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="token" value="{$c/@token}"/>
            <button class="btn btn-primary btn-block" type="submit">Use the new email</button>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <h1 id="ec-h">This link does not work</h1>
          <p class="error-text">It was used already, it expired (links work for 24 hours), or a newer change replaced it. Ask for the change again on your Profile page.</p>
          <p class="actions">
            <a class="btn btn-primary" href="/settings/profile">Go to your Profile</a>
          </p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

</xsl:stylesheet>
