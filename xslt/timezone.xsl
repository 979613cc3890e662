<?xml version="1.0" encoding="UTF-8"?>
<!--
  timezone.xsl - page="timezone" (fcgi/pages/timezone.c),
  /settings/timezone: the account timezone, every IANA zone grouped by
  region with its offset and local time now.  Times arrive as local-time
  (ISO 8601 in the account timezone, with the offset); time-long comes
  from components.xsl, the heading, lede and error summary from the frame
  (site.xsl).
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='timezone']" mode="page.title">Account Timezone</xsl:template>

  <xsl:template match="steward[@page='timezone']" mode="page.lede">
    <p class="lede">Every time Steward shows for <bdi><xsl:value-of select="$account/@name"/></bdi> is converted to this zone, and reports count their days from its midnight.</p>
  </xsl:template>

  <xsl:template match="steward[@page='timezone']" mode="page.body">
    <xsl:variable name="tz" select="timezone"/>
    <section class="card" aria-labelledby="tz-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'timezone'"/></xsl:call-template></span>
        <div>
          <h2 id="tz-h">Current timezone</h2>
          <p class="card-sub">
            <xsl:choose>
              <xsl:when test="$can/@timezone-edit = 'yes'">The zone of this account only; other accounts keep theirs.</xsl:when>
              <xsl:otherwise>Only an Admin can change the account timezone.</xsl:otherwise>
            </xsl:choose>
          </p>
        </div>
      </div>
      <dl class="kv">
        <div><dt>Timezone</dt><dd><code class="mono tz-current"><xsl:value-of select="$tz/@current"/></code></dd></div>
        <div><dt>Local time now</dt><dd class="tz-local"><xsl:call-template name="time-long"><xsl:with-param name="t" select="$tz/@local"/></xsl:call-template></dd></div>
      </dl>
      <p class="note">Changing the zone moves the day boundaries of reports from now on; times stored earlier are shown in the new zone too.</p>
      <xsl:if test="$can/@timezone-edit = 'yes'">
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
      </xsl:if>
    </section>
  </xsl:template>

</xsl:stylesheet>
