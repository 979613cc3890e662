<?xml version="1.0" encoding="UTF-8"?>
<!--
  account.xsl - the account part's pages besides Billing:
    page="organization"  organization details and policies
    page="timezone"      the account timezone, every IANA zone by region
    page="rotate"        the confirmation step of a passcode rotation
  Times arrive as local-time (ISO 8601 in the account timezone, with the
  offset); dates as YYYY-MM-DD; money as minor units + currency.
  Helpers acct.* (dates, back link, fields) come from components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- ==================================================== organization -->

  <xsl:template match="steward[@page='organization']" mode="page.title">Organization</xsl:template>

  <xsl:template match="steward[@page='organization']" mode="page.body">
    <xsl:variable name="o" select="organization"/>
    <xsl:call-template name="acct.back"/>
    <div class="page-head">
      <h1>Organization</h1>
      <p class="lede">The organization owns this account's plan and invoices. Its details are printed on invoices; its policies apply to every member.</p>
    </div>
    <xsl:call-template name="form-errors"/>
    <xsl:choose>
      <xsl:when test="$o/@editable = 'yes'">
        <form class="card narrow stack" method="post" action="/settings/organization" aria-labelledby="org-h">
          <h2 id="org-h" class="card-title">Details and policies</h2>
          <input type="hidden" name="csrf" value="{$csrf}"/>
          <xsl:call-template name="acct.input">
            <xsl:with-param name="id" select="'org-name'"/>
            <xsl:with-param name="name" select="'name'"/>
            <xsl:with-param name="label" select="'Name'"/>
            <xsl:with-param name="value" select="$o/@name"/>
            <xsl:with-param name="max" select="120"/>
            <xsl:with-param name="autocomplete" select="'organization'"/>
            <xsl:with-param name="required" select="true()"/>
          </xsl:call-template>
          <xsl:call-template name="acct.input">
            <xsl:with-param name="id" select="'org-legal-name'"/>
            <xsl:with-param name="name" select="'legal_name'"/>
            <xsl:with-param name="label" select="'Legal name'"/>
            <xsl:with-param name="value" select="$o/@legal-name"/>
            <xsl:with-param name="hint" select="'As registered, for invoices. Empty: the name above.'"/>
          </xsl:call-template>
          <xsl:call-template name="acct.textarea">
            <xsl:with-param name="id" select="'org-address'"/>
            <xsl:with-param name="name" select="'address'"/>
            <xsl:with-param name="label" select="'Address'"/>
            <xsl:with-param name="value" select="$o/@address"/>
          </xsl:call-template>
          <xsl:call-template name="acct.country">
            <xsl:with-param name="id" select="'org-country'"/>
            <xsl:with-param name="value" select="$o/@country"/>
          </xsl:call-template>
          <xsl:call-template name="acct.input">
            <xsl:with-param name="id" select="'org-website'"/>
            <xsl:with-param name="name" select="'website'"/>
            <xsl:with-param name="label" select="'Website'"/>
            <xsl:with-param name="type" select="'url'"/>
            <xsl:with-param name="value" select="$o/@website"/>
            <xsl:with-param name="max" select="255"/>
            <xsl:with-param name="placeholder" select="'https://example.com'"/>
          </xsl:call-template>
          <xsl:call-template name="acct.input">
            <xsl:with-param name="id" select="'org-tax-id'"/>
            <xsl:with-param name="name" select="'tax_id'"/>
            <xsl:with-param name="label" select="'Tax ID'"/>
            <xsl:with-param name="value" select="$o/@tax-id"/>
            <xsl:with-param name="max" select="32"/>
            <xsl:with-param name="hint" select="'For example a VAT number such as DE123456789.'"/>
          </xsl:call-template>
          <xsl:call-template name="acct.input">
            <xsl:with-param name="id" select="'org-invite-domains'"/>
            <xsl:with-param name="name" select="'invite_domains'"/>
            <xsl:with-param name="label" select="'Allowed invite domains'"/>
            <xsl:with-param name="value" select="$o/@invite-domains"/>
            <xsl:with-param name="max" select="1000"/>
            <xsl:with-param name="placeholder" select="'example.com, example.org'"/>
            <xsl:with-param name="hint" select="'Invitations go only to addresses at exactly these domains, separated by commas. Empty: any address.'"/>
          </xsl:call-template>
          <div class="field check">
            <input id="org-require-2fa" name="require_2fa" type="checkbox" value="yes">
              <xsl:if test="$o/@require-2fa = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              <xsl:attribute name="aria-describedby">org-require-2fa-hint</xsl:attribute>
            </input>
            <div>
              <label for="org-require-2fa">Require 2-step verification for every member</label>
              <p class="hint" id="org-require-2fa-hint">Members without it are asked to set it up when they sign in.</p>
              <xsl:call-template name="field-error">
                <xsl:with-param name="field" select="'require_2fa'"/>
                <xsl:with-param name="id" select="'org-require-2fa'"/>
              </xsl:call-template>
            </div>
          </div>
          <div class="actions">
            <button class="btn btn-primary" type="submit">Save</button>
          </div>
        </form>
      </xsl:when>
      <xsl:otherwise>
        <section class="card narrow" aria-labelledby="org-h">
          <h2 id="org-h" class="card-title">Details and policies</h2>
          <dl class="kv">
            <div><dt>Name</dt><dd><bdi><xsl:value-of select="$o/@name"/></bdi></dd></div>
            <xsl:call-template name="acct.kv"><xsl:with-param name="label" select="'Legal name'"/><xsl:with-param name="value" select="$o/@legal-name"/></xsl:call-template>
            <xsl:call-template name="acct.kv"><xsl:with-param name="label" select="'Address'"/><xsl:with-param name="value" select="$o/@address"/></xsl:call-template>
            <xsl:call-template name="acct.kv"><xsl:with-param name="label" select="'Country'"/><xsl:with-param name="value" select="$o/@country-name"/></xsl:call-template>
            <xsl:call-template name="acct.kv"><xsl:with-param name="label" select="'Website'"/><xsl:with-param name="value" select="$o/@website"/></xsl:call-template>
            <xsl:call-template name="acct.kv"><xsl:with-param name="label" select="'Tax ID'"/><xsl:with-param name="value" select="$o/@tax-id"/></xsl:call-template>
            <div>
              <dt>Invite domains</dt>
              <dd>
                <xsl:choose>
                  <xsl:when test="$o/@invite-domains != ''"><xsl:value-of select="$o/@invite-domains"/></xsl:when>
                  <xsl:otherwise><span class="muted">Any address</span></xsl:otherwise>
                </xsl:choose>
              </dd>
            </div>
            <div>
              <dt>2-step verification</dt>
              <dd>
                <xsl:choose>
                  <xsl:when test="$o/@require-2fa = 'yes'">Required for every member</xsl:when>
                  <xsl:otherwise>Up to each member</xsl:otherwise>
                </xsl:choose>
              </dd>
            </div>
          </dl>
          <p class="hint">Only an Admin can change these details.</p>
        </section>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="acct.kv">
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <div>
      <dt><xsl:value-of select="$label"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$value != ''"><span class="pre"><bdi><xsl:value-of select="$value"/></bdi></span></xsl:when>
          <xsl:otherwise><span class="muted">Not set</span></xsl:otherwise>
        </xsl:choose>
      </dd>
    </div>
  </xsl:template>

  <!-- ======================================================== timezone -->

  <xsl:template match="steward[@page='timezone']" mode="page.title">Account Timezone</xsl:template>

  <xsl:template match="steward[@page='timezone']" mode="page.body">
    <xsl:variable name="tz" select="timezone"/>
    <xsl:call-template name="acct.back"/>
    <div class="page-head">
      <h1>Account Timezone</h1>
      <p class="lede">Every time Steward shows for <bdi><xsl:value-of select="$account/@name"/></bdi> is converted to this zone, and reports count their days from its midnight.</p>
    </div>
    <xsl:call-template name="form-errors"/>
    <section class="card narrow" aria-labelledby="tz-h">
      <h2 id="tz-h" class="card-title">Current timezone</h2>
      <dl class="kv">
        <div><dt>Timezone</dt><dd><code class="mono tz-current"><xsl:value-of select="$tz/@current"/></code></dd></div>
        <div><dt>Local time now</dt><dd class="tz-local"><xsl:call-template name="acct.time"><xsl:with-param name="t" select="$tz/@local"/></xsl:call-template></dd></div>
      </dl>
      <p class="note">Changing the zone moves the day boundaries of reports from now on; times stored earlier are shown in the new zone too.</p>
      <xsl:choose>
        <xsl:when test="$can/@timezone-edit = 'yes'">
          <form class="stack form-gap" method="post" action="/settings/timezone">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <div class="field">
              <label for="tz-select">New timezone</label>
              <div class="select">
                <select id="tz-select" name="timezone" aria-describedby="tz-select-hint">
                  <xsl:call-template name="field-aria">
                    <xsl:with-param name="field" select="'timezone'"/>
                    <xsl:with-param name="id" select="'tz-select'"/>
                  </xsl:call-template>
                  <xsl:for-each select="$tz/region">
                    <optgroup label="{@name}">
                      <xsl:for-each select="zone">
                        <option value="{@name}">
                          <xsl:if test="@name = $tz/@selected"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                          <xsl:choose>
                            <xsl:when test="contains(@name, '/')"><xsl:value-of select="translate(substring-after(@name, '/'), '_', ' ')"/></xsl:when>
                            <xsl:otherwise><xsl:value-of select="@name"/></xsl:otherwise>
                          </xsl:choose>
                          <xsl:text> — UTC</xsl:text>
                          <xsl:value-of select="substring(@local, 20, 6)"/>
                          <xsl:text>, </xsl:text>
                          <xsl:value-of select="substring(@local, 12, 5)"/>
                        </option>
                      </xsl:for-each>
                    </optgroup>
                  </xsl:for-each>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <p class="hint" id="tz-select-hint">Grouped by region; each zone with its current UTC offset and local time.</p>
              <xsl:call-template name="field-error">
                <xsl:with-param name="field" select="'timezone'"/>
                <xsl:with-param name="id" select="'tz-select'"/>
              </xsl:call-template>
            </div>
            <div class="actions">
              <button class="btn btn-primary" type="submit">Save timezone</button>
            </div>
          </form>
        </xsl:when>
        <xsl:otherwise>
          <p class="hint">Only an Admin can change the account timezone.</p>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ========================================================== rotate -->

  <xsl:template match="steward[@page='rotate']" mode="page.title">Rotate passcode</xsl:template>

  <xsl:template match="steward[@page='rotate']" mode="page.body">
    <xsl:call-template name="acct.back"/>
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
