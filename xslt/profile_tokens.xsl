<?xml version="1.0" encoding="UTF-8"?>
<!--
  profile_tokens.xsl - the API tokens card of page="profile"
  (fcgi/pages/profile_tokens.c): the token just created (shown once), the
  creation form (name, expiry, scopes the role allows) and the list of
  tokens (an Admin's: every member's, with the owner) with revoke.
  Applied by profile.xsl's page.body; input-field, field-error,
  time-short-of and icon come from components.xsl.  Field errors show only
  when /steward/profile/@form is 'token'.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="api-tokens">
    <xsl:variable name="refused" select="/steward/profile/@form = 'token'"/>
    <section class="card pf-wide" aria-labelledby="tk-h" id="api-tokens">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'code'"/></xsl:call-template></span>
        <div>
          <h2 id="tk-h">API tokens</h2>
          <p class="card-sub">For scripts: send a token as <code class="mono">Authorization: Bearer stw_…</code> to the <code class="mono">/api/…</code> address of a page. A token does only what its scopes and your role allow now.</p>
        </div>
      </div>
      <xsl:for-each select="/steward/api-token-new">
        <div class="flash flash-ok tk-new" role="status">
          <p><strong>Copy the token <bdi><xsl:value-of select="@name"/></bdi> now: it is shown only this once.</strong></p>
          <p><code class="mono break tk-secret" id="tk-secret"><xsl:value-of select="."/></code></p>
          <p class="hint">Scopes: <xsl:value-of select="@scopes"/>. Keep it like a password; revoke it below when it is no longer needed.</p>
        </div>
      </xsl:for-each>
      <xsl:apply-templates select="token-form">
        <xsl:with-param name="refused" select="$refused"/>
      </xsl:apply-templates>
      <xsl:choose>
        <xsl:when test="not(api-token)">
          <p class="muted tk-none">No API tokens yet.</p>
        </xsl:when>
        <xsl:otherwise>
          <div class="table-card">
            <table class="table tk-table">
              <caption class="sr">
                <xsl:choose>
                  <xsl:when test="@all = 'yes'">API tokens of every member of <xsl:value-of select="$account/@name"/>, newest first</xsl:when>
                  <xsl:otherwise>Your API tokens, newest first</xsl:otherwise>
                </xsl:choose>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <xsl:if test="@all = 'yes'"><th scope="col">Owner</th></xsl:if>
                  <th scope="col">Scopes</th>
                  <th scope="col">Created</th>
                  <th scope="col">Expires</th>
                  <th scope="col">Last used</th>
                  <th scope="col"><span class="sr">Actions</span></th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="api-token">
                  <tr>
                    <td data-label="Name"><bdi><xsl:value-of select="@name"/></bdi><br/><code class="mono muted"><xsl:value-of select="@prefix"/>…</code></td>
                    <xsl:if test="../@all = 'yes'">
                      <td data-label="Owner" class="cell-who">
                        <span class="who-name"><bdi><xsl:value-of select="@owner-name"/></bdi></span>
                        <span class="who-email"><xsl:value-of select="@owner-email"/></span>
                      </td>
                    </xsl:if>
                    <td data-label="Scopes"><xsl:value-of select="@scopes"/></td>
                    <td data-label="Created" class="nowrap"><xsl:for-each select="@created"><xsl:call-template name="time-short-of"/></xsl:for-each></td>
                    <td data-label="Expires" class="nowrap">
                      <xsl:choose>
                        <xsl:when test="@expired = 'yes'"><span class="badge badge-danger">Expired</span></xsl:when>
                        <xsl:when test="@expires"><xsl:for-each select="@expires"><xsl:call-template name="time-short-of"/></xsl:for-each></xsl:when>
                        <xsl:otherwise>Never</xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td data-label="Last used">
                      <xsl:choose>
                        <xsl:when test="@last-used">
                          <xsl:for-each select="@last-used"><xsl:call-template name="time-short-of"/></xsl:for-each>
                          <br/><code class="mono muted"><xsl:value-of select="@last-ip"/></code>
                        </xsl:when>
                        <xsl:otherwise><span class="muted">Never</span></xsl:otherwise>
                      </xsl:choose>
                    </td>
                    <td>
                      <form method="post" action="/settings/profile/tokens/revoke">
                        <input type="hidden" name="csrf" value="{$csrf}"/>
                        <input type="hidden" name="token" value="{@id}"/>
                        <button class="btn btn-sm btn-danger-quiet" type="submit">
                          <xsl:text>Revoke</xsl:text>
                          <span class="sr"><xsl:text> token </xsl:text><xsl:value-of select="@name"/></span>
                        </button>
                      </form>
                    </td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:if test="@more = 'yes'">
            <p class="hint">Only the newest tokens are listed.</p>
          </xsl:if>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="token-form">
    <xsl:param name="refused"/>
    <form class="stack tk-form" method="post" action="/settings/profile/tokens">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <xsl:call-template name="input-field">
        <xsl:with-param name="form" select="'token'"/>
        <xsl:with-param name="id" select="'tk-name'"/>
        <xsl:with-param name="name" select="'name'"/>
        <xsl:with-param name="label" select="'Token name'"/>
        <xsl:with-param name="value" select="@name"/>
        <xsl:with-param name="max" select="80"/>
        <xsl:with-param name="hint" select="'What the script is, like “nightly user export”.'"/>
        <xsl:with-param name="required" select="true()"/>
      </xsl:call-template>
      <div class="field">
        <label for="tk-expires">Expires</label>
        <div class="select">
          <select id="tk-expires" name="expires">
            <xsl:if test="$refused">
              <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'expires'"/><xsl:with-param name="id" select="'tk-expires'"/></xsl:call-template>
            </xsl:if>
            <xsl:variable name="sel" select="@expires"/>
            <xsl:for-each select="expiry">
              <option value="{@value}">
                <xsl:if test="@value = $sel"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:choose>
                  <xsl:when test="@value = 'never'">Never (Admins only)</xsl:when>
                  <xsl:otherwise>In <xsl:value-of select="@value"/> days</xsl:otherwise>
                </xsl:choose>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <xsl:if test="$refused">
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'expires'"/><xsl:with-param name="id" select="'tk-expires'"/></xsl:call-template>
        </xsl:if>
      </div>
      <fieldset class="field choice" id="scope">
        <legend>Scopes (your role allows these)</legend>
        <div class="checks">
          <xsl:for-each select="scope">
            <label class="check">
              <input type="checkbox" name="scope" value="{@name}">
                <xsl:if test="@checked = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
              </input>
              <span><code class="mono"><xsl:value-of select="@name"/></code><xsl:text> </xsl:text><xsl:value-of select="."/></span>
            </label>
          </xsl:for-each>
        </div>
        <xsl:if test="$refused">
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'scope'"/><xsl:with-param name="id" select="'scope'"/></xsl:call-template>
        </xsl:if>
      </fieldset>
      <div class="actions">
        <button class="btn btn-primary" type="submit">Create token</button>
      </div>
    </form>
  </xsl:template>

</xsl:stylesheet>
