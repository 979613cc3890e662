<?xml version="1.0" encoding="UTF-8"?>
<!--
  profile_2fa.xsl - the pages of fcgi/pages/profile_2fa.c:
    page="twofa"           /settings/profile/2fa: set-up with the QR code
                           (also the enrolment an organization requires)
    page="recovery-codes"  the new recovery codes, shown once, with a
                           download
  Both in the frame of site.xsl (breadcrumb under Profile, h1, lede,
  error summary, flash).  The 2-step verification card of the Profile
  page is in profile.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='twofa']" mode="page.title">Set up 2-step verification</xsl:template>

  <xsl:template match="steward[@page='twofa']" mode="page.lede">
    <p class="lede">After your password, Steward will ask for a 6-digit code from an authenticator app on your phone.</p>
  </xsl:template>

  <xsl:template match="steward[@page='twofa']" mode="page.body">
    <xsl:variable name="s" select="twofa-setup"/>
    <xsl:if test="$s/@required = 'yes'">
      <p class="note pf-required" role="status">Your organization requires 2-step verification for everyone. Set it up to continue; until then the rest of Steward is closed to you.</p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="$s/@pending = 'yes'">
        <div class="pf-setup">
          <section class="card" aria-labelledby="pf-step1-h">
            <h2 id="pf-step1-h" class="pf-step"><span class="pf-step-n" aria-hidden="true">1</span>Scan this code with your app</h2>
            <div class="pf-qr-wrap">
              <svg class="pf-qr" role="img" viewBox="-4 -4 {$s/qr/@size + 8} {$s/qr/@size + 8}" shape-rendering="crispEdges">
                <title>QR code for your authenticator app</title>
                <rect class="pf-qr-bg" x="-4" y="-4" width="{$s/qr/@size + 8}" height="{$s/qr/@size + 8}"/>
                <path class="pf-qr-fg" d="{$s/qr/@path}"/>
              </svg>
            </div>
            <p class="hint">Can't scan it? Enter this key in the app instead (time-based, 6 digits):</p>
            <p class="pf-secret"><code class="mono" id="pf-secret">
              <xsl:call-template name="pf-groups"><xsl:with-param name="s" select="$s/secret"/></xsl:call-template>
            </code></p>
            <p class="hint"><a href="{$s/uri}">Open in an authenticator app on this device</a></p>
          </section>
          <section class="card" aria-labelledby="pf-step2-h">
            <h2 id="pf-step2-h" class="pf-step"><span class="pf-step-n" aria-hidden="true">2</span>Enter the code the app shows</h2>
            <form class="stack" method="post" action="/settings/profile/2fa/enable">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <div class="field">
                <label for="pf-code">6-digit code</label>
                <input id="pf-code" name="code" type="text" inputmode="numeric" pattern="[0-9]{{6}}"
                       autocomplete="one-time-code" maxlength="6" required="required" spellcheck="false"
                       class="pf-code-input">
                  <!-- one autofocus: the error summary's after a refusal -->
                  <xsl:if test="not(/steward/errors/error)"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
                  <xsl:call-template name="field-aria">
                    <xsl:with-param name="field" select="'code'"/>
                    <xsl:with-param name="id" select="'pf-code'"/>
                  </xsl:call-template>
                </input>
                <xsl:call-template name="field-error">
                  <xsl:with-param name="field" select="'code'"/>
                  <xsl:with-param name="id" select="'pf-code'"/>
                </xsl:call-template>
              </div>
              <div class="actions">
                <button class="btn btn-primary" type="submit">Turn on</button>
              </div>
            </form>
            <p class="hint pf-after">Next you get ten recovery codes, for when your phone is not at hand.</p>
            <form class="pf-restart" method="post" action="/settings/profile/2fa/start">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <button class="link-btn" type="submit">Start over with a new key</button>
            </form>
          </section>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <section class="card" aria-labelledby="pf-start-h">
          <h2 id="pf-start-h" class="card-title">Before you start</h2>
          <p class="pf-text">Install an authenticator app on your phone, such as Aegis, FreeOTP, Google Authenticator or 1Password. Steward then shows a QR code for the app to scan.</p>
          <form method="post" action="/settings/profile/2fa/start">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <button class="btn btn-primary" type="submit">Show the QR code</button>
          </form>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- a key in groups of four characters -->
  <xsl:template name="pf-groups">
    <xsl:param name="s"/>
    <xsl:value-of select="substring($s, 1, 4)"/>
    <xsl:if test="string-length($s) &gt; 4">
      <xsl:text> </xsl:text>
      <xsl:call-template name="pf-groups"><xsl:with-param name="s" select="substring($s, 5)"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <xsl:template match="steward[@page='recovery-codes']" mode="page.title">Save your recovery codes</xsl:template>

  <xsl:template match="steward[@page='recovery-codes']" mode="page.lede">
    <p class="lede">
      <xsl:choose>
        <xsl:when test="recovery-codes/@reason = 'enabled'">2-step verification is on. </xsl:when>
        <xsl:otherwise>Your old recovery codes no longer work. </xsl:otherwise>
      </xsl:choose>
      <xsl:text>If your phone is lost, each of these codes signs you in once. This is the only time they are shown.</xsl:text>
    </p>
  </xsl:template>

  <xsl:template match="steward[@page='recovery-codes']" mode="page.body">
    <xsl:variable name="rc" select="recovery-codes"/>
    <xsl:variable name="text">
      <xsl:text>Steward recovery codes for </xsl:text>
      <xsl:value-of select="$rc/@email"/>
      <xsl:text>&#10;Each code works once, instead of a code from your authenticator app.&#10;&#10;</xsl:text>
      <xsl:for-each select="$rc/code"><xsl:value-of select="."/><xsl:text>&#10;</xsl:text></xsl:for-each>
    </xsl:variable>
    <section class="card" aria-labelledby="pf-codes-h">
      <h2 id="pf-codes-h" class="sr">Recovery codes</h2>
      <ol class="pf-codes">
        <xsl:for-each select="$rc/code"><li><code class="mono"><xsl:value-of select="."/></code></li></xsl:for-each>
      </ol>
      <p class="note">Keep them somewhere safe and apart from your phone, such as a password manager or on paper.</p>
      <div class="actions pf-codes-actions">
        <a class="btn" download="steward-recovery-codes.txt"
           href="data:text/plain;charset=utf-8,{str:encode-uri($text, true())}">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'downloads'"/></xsl:call-template>
          <span>Download as text</span>
        </a>
        <a class="btn btn-primary" href="/settings/profile">I saved them</a>
      </div>
    </section>
  </xsl:template>

</xsl:stylesheet>
