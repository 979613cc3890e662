<?xml version="1.0" encoding="UTF-8"?>
<!--
  organization.xsl - page="organization" (fcgi/pages/organization.c),
  /settings/organization: the organization's details (printed on invoices)
  and policies (invite domains, 2-step verification for every member); a
  form for an Admin, a read-only list for the other roles.
  The frame (site.xsl) draws the heading, the lede and the error
  summary; input-field / textarea-field / country-field come from
  components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='organization']" mode="page.title">Organization</xsl:template>

  <xsl:template match="steward[@page='organization']" mode="page.lede">
    <p class="lede">The organization owns this account's plan and invoices. Its details are printed on invoices; its policies apply to every member.</p>
  </xsl:template>

  <xsl:template match="steward[@page='organization']" mode="page.body">
    <xsl:variable name="o" select="organization"/>
    <section class="card" aria-labelledby="org-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'organization'"/></xsl:call-template></span>
        <div>
          <h2 id="org-h">Details and policies</h2>
          <p class="card-sub">
            <xsl:choose>
              <xsl:when test="$o/@editable = 'yes'">The name, address and tax ID appear on every invoice.</xsl:when>
              <xsl:otherwise>Only an Admin can change these details.</xsl:otherwise>
            </xsl:choose>
          </p>
        </div>
      </div>
      <xsl:choose>
        <xsl:when test="$o/@editable = 'yes'">
          <form class="stack" method="post" action="/settings/organization">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <xsl:call-template name="input-field">
              <xsl:with-param name="id" select="'org-name'"/>
              <xsl:with-param name="name" select="'name'"/>
              <xsl:with-param name="label" select="'Name'"/>
              <xsl:with-param name="value" select="$o/@name"/>
              <xsl:with-param name="max" select="120"/>
              <xsl:with-param name="autocomplete" select="'organization'"/>
              <xsl:with-param name="required" select="true()"/>
            </xsl:call-template>
            <xsl:call-template name="input-field">
              <xsl:with-param name="id" select="'org-legal-name'"/>
              <xsl:with-param name="name" select="'legal_name'"/>
              <xsl:with-param name="label" select="'Legal name'"/>
              <xsl:with-param name="value" select="$o/@legal-name"/>
              <xsl:with-param name="hint" select="'As registered, for invoices. Empty: the name above.'"/>
            </xsl:call-template>
            <xsl:call-template name="textarea-field">
              <xsl:with-param name="id" select="'org-address'"/>
              <xsl:with-param name="name" select="'address'"/>
              <xsl:with-param name="label" select="'Address'"/>
              <xsl:with-param name="value" select="$o/@address"/>
            </xsl:call-template>
            <xsl:call-template name="country-field">
              <xsl:with-param name="id" select="'org-country'"/>
              <xsl:with-param name="value" select="$o/@country"/>
            </xsl:call-template>
            <xsl:call-template name="input-field">
              <xsl:with-param name="id" select="'org-website'"/>
              <xsl:with-param name="name" select="'website'"/>
              <xsl:with-param name="label" select="'Website'"/>
              <xsl:with-param name="type" select="'url'"/>
              <xsl:with-param name="value" select="$o/@website"/>
              <xsl:with-param name="max" select="255"/>
              <xsl:with-param name="placeholder" select="'https://example.com'"/>
            </xsl:call-template>
            <xsl:call-template name="input-field">
              <xsl:with-param name="id" select="'org-tax-id'"/>
              <xsl:with-param name="name" select="'tax_id'"/>
              <xsl:with-param name="label" select="'Tax ID'"/>
              <xsl:with-param name="value" select="$o/@tax-id"/>
              <xsl:with-param name="max" select="32"/>
              <xsl:with-param name="hint" select="'For example a VAT number such as DE123456789.'"/>
            </xsl:call-template>
            <xsl:call-template name="input-field">
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
        </xsl:otherwise>
      </xsl:choose>
    </section>
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

</xsl:stylesheet>
