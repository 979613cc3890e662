<?xml version="1.0" encoding="UTF-8"?>
<!--
  credentials.xsl - page="rotate" (fcgi/pages/credentials.c),
  /settings/credentials/rotate: the confirmation step of a passcode
  rotation.  The credentials box itself is part of the overview
  (settings.xsl); acct.back comes from components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='rotate']" mode="page.title">Rotate passcode</xsl:template>

  <xsl:template match="steward[@page='rotate']" mode="page.body">
    <div class="page-head">
      <h1>Rotate passcode</h1>
      <p class="lede">A new passcode for account <code class="mono"><xsl:value-of select="rotate/@account"/></code> replaces the current one.</p>
    </div>
    <xsl:call-template name="form-errors"><xsl:with-param name="errors" select="errors/error[not(@field = 'confirm')]"/></xsl:call-template>
    <form class="card narrow stack" method="post" action="/settings/credentials/rotate" aria-labelledby="rotate-h">
      <h2 id="rotate-h" class="card-title">Before you rotate</h2>
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
  </xsl:template>

</xsl:stylesheet>
