<?xml version="1.0" encoding="UTF-8"?>
<!--
  credentials.xsl - page="rotate" (fcgi/pages/credentials.c),
  /settings/credentials/rotate: the confirmation step of a passcode
  rotation.  The credentials box itself is part of the overview
  (settings.xsl); the frame (site.xsl) draws the heading, the lede and
  the error summary.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='rotate']" mode="page.title">Rotate passcode</xsl:template>

  <xsl:template match="steward[@page='rotate']" mode="page.lede">
    <p class="lede">A new passcode for account <code class="mono"><xsl:value-of select="rotate/@account"/></code> replaces the current one.</p>
  </xsl:template>

  <xsl:template match="steward[@page='rotate']" mode="page.body">
    <section class="card" aria-labelledby="rotate-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'key'"/></xsl:call-template></span>
        <div>
          <h2 id="rotate-h">Before you rotate</h2>
          <p class="card-sub">The passcode identifies this account to the ingestion API and SDKs.</p>
        </div>
      </div>
      <form class="stack" method="post" action="/settings/credentials/rotate">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <p class="note">The current passcode stops working the moment you confirm: apps and SDKs that still send it to the ingestion API are refused until they get the new one. The rotation is recorded in the audit log.</p>
        <div class="field check">
          <input id="rotate-confirm" name="confirm" type="checkbox" value="yes" required="required">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'confirm'"/>
              <xsl:with-param name="id" select="'rotate-confirm'"/>
            </xsl:call-template>
          </input>
          <div>
            <label for="rotate-confirm">I understand that the current passcode stops working at once</label>
            <xsl:call-template name="field-error">
              <xsl:with-param name="field" select="'confirm'"/>
              <xsl:with-param name="id" select="'rotate-confirm'"/>
            </xsl:call-template>
          </div>
        </div>
        <div class="actions">
          <button class="btn btn-danger" type="submit">Rotate passcode</button>
          <a class="btn" href="/settings">Cancel</a>
        </div>
      </form>
    </section>
  </xsl:template>

</xsl:stylesheet>
