<?xml version="1.0" encoding="UTF-8"?>
<!--
  audit_log.xsl - page="audit-log" (fcgi/pages/audit_log.c),
  /settings/audit-log (Admin): who did what, when (account timezone, ISO
  8601 with offset) and from where; filters by actor, action and date
  range; the pager; CSV export of the filtered log (page audit-csv,
  audit_log.csv.xsl through csv.xsl).  Imported by site.xsl; time-short-of,
  empty-state and the pager come from components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:variable name="audit" select="/steward/audit"/>

  <xsl:template match="steward[@page='audit-log']" mode="page.title">Audit Log</xsl:template>

  <xsl:template match="steward[@page='audit-log']" mode="page.lede">
    <p class="lede">Every security-relevant change in <bdi><xsl:value-of select="$account/@name"/></bdi>: who, what, when and from where. Times are in the account timezone (<xsl:value-of select="$account/@timezone"/>).</p>
  </xsl:template>

  <xsl:template match="steward[@page='audit-log']" mode="page.actions">
    <div class="actions">
      <a class="btn">
        <xsl:attribute name="href">
          <xsl:call-template name="audit.href"><xsl:with-param name="base" select="'/settings/audit-log.csv'"/></xsl:call-template>
        </xsl:attribute>
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'download'"/></xsl:call-template>
        <span>Export CSV</span>
      </a>
    </div>
  </xsl:template>

  <xsl:template match="steward[@page='audit-log']" mode="page.body">
    <xsl:call-template name="audit.filters"/>
    <xsl:call-template name="audit.table"/>
    <xsl:apply-templates select="pager">
      <xsl:with-param name="label" select="'Pages of the log'"/>
    </xsl:apply-templates>
  </xsl:template>

  <!-- the log's address with the current filter -->
  <xsl:template name="audit.href">
    <xsl:param name="base" select="'/settings/audit-log'"/>
    <xsl:value-of select="$base"/>
    <xsl:text>?action=</xsl:text><xsl:value-of select="str:encode-uri($audit/@action, true())"/>
    <xsl:if test="$audit/@actor != ''">
      <xsl:text>&amp;actor=</xsl:text><xsl:value-of select="str:encode-uri($audit/@actor, true())"/>
    </xsl:if>
    <xsl:if test="$audit/@from != ''"><xsl:text>&amp;from=</xsl:text><xsl:value-of select="$audit/@from"/></xsl:if>
    <xsl:if test="$audit/@to != ''"><xsl:text>&amp;to=</xsl:text><xsl:value-of select="$audit/@to"/></xsl:if>
  </xsl:template>

  <!-- a text field of the filter form -->
  <xsl:template name="audit.input">
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="value"/>
    <xsl:param name="placeholder" select="''"/>
    <div class="field filter-{$name}">
      <label for="a-{$name}"><xsl:value-of select="$label"/></label>
      <input id="a-{$name}" name="{$name}" type="{$type}" value="{$value}">
        <xsl:if test="$placeholder != ''"><xsl:attribute name="placeholder"><xsl:value-of select="$placeholder"/></xsl:attribute></xsl:if>
        <xsl:if test="$type = 'search'"><xsl:attribute name="maxlength">100</xsl:attribute></xsl:if>
        <xsl:call-template name="field-aria">
          <xsl:with-param name="field" select="$name"/>
          <xsl:with-param name="id" select="concat('a-', $name)"/>
        </xsl:call-template>
      </input>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="$name"/>
        <xsl:with-param name="id" select="concat('a-', $name)"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <xsl:template name="audit.filters">
    <form class="filters filters-audit" method="get" action="/settings/audit-log" role="search" aria-label="Filter the audit log">
      <xsl:call-template name="audit.input">
        <xsl:with-param name="name" select="'actor'"/>
        <xsl:with-param name="label" select="'Actor'"/>
        <xsl:with-param name="type" select="'search'"/>
        <xsl:with-param name="value" select="$audit/@actor"/>
        <xsl:with-param name="placeholder" select="'Name or email'"/>
      </xsl:call-template>
      <div class="field">
        <label for="a-action">Action</label>
        <div class="select">
          <select id="a-action" name="action">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'action'"/>
              <xsl:with-param name="id" select="'a-action'"/>
            </xsl:call-template>
            <option value="">Any action</option>
            <xsl:for-each select="$audit/option">
              <option value="{@value}">
                <xsl:if test="@value = $audit/@action"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@value"/>
                <xsl:if test="@group = 'yes'">.* (all)</xsl:if>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'action'"/>
          <xsl:with-param name="id" select="'a-action'"/>
        </xsl:call-template>
      </div>
      <xsl:call-template name="audit.input">
        <xsl:with-param name="name" select="'from'"/>
        <xsl:with-param name="label" select="'From'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="value" select="$audit/@from"/>
      </xsl:call-template>
      <xsl:call-template name="audit.input">
        <xsl:with-param name="name" select="'to'"/>
        <xsl:with-param name="label" select="'To'"/>
        <xsl:with-param name="type" select="'date'"/>
        <xsl:with-param name="value" select="$audit/@to"/>
      </xsl:call-template>
      <div class="filter-actions">
        <button class="btn" type="submit">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'search'"/></xsl:call-template>
          <span>Apply</span>
        </button>
        <xsl:if test="$audit/@actor != '' or $audit/@action != '' or $audit/@from != '' or $audit/@to != ''">
          <a class="btn btn-ghost" href="/settings/audit-log">Clear</a>
        </xsl:if>
      </div>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'page'"/></xsl:call-template>
    </form>
  </xsl:template>

  <xsl:template name="audit.table">
    <xsl:choose>
      <xsl:when test="not($audit/entry)">
        <div class="card">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'audit-log'"/>
            <xsl:with-param name="title" select="'No entries.'"/>
            <xsl:with-param name="text" select="'Nothing was recorded that matches this filter.'"/>
          </xsl:call-template>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-card">
          <table class="table audit-table">
            <caption class="sr">Audit log of <xsl:value-of select="$account/@name"/>, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Actor</th>
                <th scope="col">Action</th>
                <th scope="col">Target</th>
                <th scope="col">Client address</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="$audit/entry">
                <tr>
                  <td data-label="Time" class="nowrap"><xsl:for-each select="@time"><xsl:call-template name="time-short-of"/></xsl:for-each></td>
                  <td data-label="Actor" class="cell-who">
                    <xsl:choose>
                      <xsl:when test="@actor-email != ''">
                        <span class="who-name"><bdi><xsl:value-of select="@actor-name"/></bdi></span>
                        <span class="who-email"><xsl:value-of select="@actor-email"/></span>
                      </xsl:when>
                      <xsl:when test="@ip = 'cli'"><span class="muted">steward-admin</span></xsl:when>
                      <xsl:otherwise><span class="muted">Unknown</span></xsl:otherwise>
                    </xsl:choose>
                  </td>
                  <td data-label="Action"><code class="action action-{substring-before(concat(@action, '.'), '.')}"><xsl:value-of select="@action"/></code></td>
                  <td data-label="Target" class="break"><bdi><xsl:value-of select="@target"/></bdi></td>
                  <td data-label="Client address"><span class="mono small"><xsl:value-of select="@ip"/></span></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
