<?xml version="1.0" encoding="UTF-8"?>
<!--
  downloads.xsl - page="downloads" (fcgi/pages/downloads.c),
  /settings/downloads: a person's exports with their status (progress
  while running), the file while it is kept, retry and delete; a form to
  export a whole list.  While an export is queued or running the page has
  a Refresh link; /static/manage.js polls the /api twin instead and
  reloads the page when a status changes.  report-kind-label,
  badge-download, time-short-of, the pager and empty-state come from
  components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='downloads']" mode="page.title">My Downloads</xsl:template>

  <xsl:template match="steward[@page='downloads']" mode="page.lede">
    <p class="lede">The exports you asked for in <bdi><xsl:value-of select="$account/@name"/></bdi>, from your reports and from the lists below. Only you can download them; each file is kept for <xsl:value-of select="downloads/@ttl-days"/> days.</p>
  </xsl:template>

  <xsl:template match="steward[@page='downloads']" mode="page.body">
    <xsl:apply-templates select="downloads"/>
    <xsl:apply-templates select="export-kinds[kind[@available = 'yes']]"/>
    <script src="/static/manage.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="export-kinds">
    <section class="card" id="export" aria-labelledby="export-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'downloads'"/></xsl:call-template></span>
        <div>
          <h2 id="export-h">Export a list</h2>
          <p class="card-sub">Everything in one list as CSV, once. For filters or a schedule, <a href="/settings/reports/edit">save a report</a>.</p>
        </div>
      </div>
      <form class="search export-form" method="post" action="/settings/downloads/export">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <label class="sr" for="export-kind">List to export</label>
        <div class="select">
          <select id="export-kind" name="kind">
            <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'kind'"/><xsl:with-param name="id" select="'export-kind'"/></xsl:call-template>
            <xsl:for-each select="kind[@available = 'yes']">
              <option value="{@key}"><xsl:value-of select="@label"/></option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <button class="btn btn-primary" type="submit">Export</button>
      </form>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'kind'"/><xsl:with-param name="id" select="'export-kind'"/></xsl:call-template>
    </section>
  </xsl:template>

  <xsl:template match="downloads">
    <section class="card card-flush manage-list" aria-labelledby="downloads-h" id="downloads">
      <xsl:if test="@busy = 'yes'">
        <xsl:attribute name="data-poll">/api/settings/downloads?page=<xsl:value-of select="pager/@page"/></xsl:attribute>
      </xsl:if>
      <div class="toolbar">
        <h2 id="downloads-h" class="toolbar-title">Exports</h2>
        <xsl:if test="@busy = 'yes'">
          <p class="small muted" aria-live="polite"><span data-busy-text="">Exports are being written.</span><xsl:text> </xsl:text><a href="/settings/downloads?page={pager/@page}">Refresh</a></p>
        </xsl:if>
      </div>
      <xsl:choose>
        <xsl:when test="not(download)">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'downloads'"/>
            <xsl:with-param name="title">No exports yet</xsl:with-param>
            <xsl:with-param name="text">
              <xsl:text>An export appears here when you run a report</xsl:text>
              <xsl:if test="../export-kinds/kind[@available = 'yes']"> or export a list below</xsl:if>
              <xsl:text>; you can download it for </xsl:text>
              <xsl:value-of select="@ttl-days"/>
              <xsl:text> days.</xsl:text>
            </xsl:with-param>
            <xsl:with-param name="action">
              <xsl:if test="$can/@reports = 'yes'"><a class="btn btn-primary" href="/settings/reports">Go to My Reports</a></xsl:if>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Export</th>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Rows</th>
                <th scope="col" class="num">Size</th>
                <th scope="col">Kept until</th>
                <th scope="col" class="col-actions"><span class="sr">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="download"/>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="pager"><xsl:with-param name="label" select="'Pages of exports'"/></xsl:apply-templates>
    </section>
  </xsl:template>

  <xsl:template match="download">
    <tr data-id="{@id}" data-status="{@status}">
      <td class="cell-main">
        <strong class="break"><bdi><xsl:value-of select="@name"/></bdi></strong>
        <p class="small muted">
          <xsl:call-template name="report-kind-label"><xsl:with-param name="k" select="@source"/></xsl:call-template>
          <xsl:if test="@report"> · from a report</xsl:if>
          <xsl:if test="@range"> · <xsl:value-of select="@range"/></xsl:if>
          <xsl:if test="@label"> · label <bdi><xsl:value-of select="@label"/></bdi></xsl:if>
        </p>
      </td>
      <td data-label="Requested"><xsl:for-each select="@requested"><xsl:call-template name="time-short-of"/></xsl:for-each></td>
      <td data-label="Status">
        <div>
          <span data-status-badge=""><xsl:call-template name="badge-download"><xsl:with-param name="s" select="@status"/></xsl:call-template></span>
          <xsl:if test="@status = 'running'">
            <progress max="{@rows-total}" value="{@rows}" class="progress-sm" aria-label="Rows written">
              <xsl:if test="@rows-total = 0"><xsl:attribute name="max">1</xsl:attribute><xsl:attribute name="value">0</xsl:attribute></xsl:if>
              <xsl:value-of select="@rows"/>
            </progress>
          </xsl:if>
          <xsl:if test="@error"><p class="small status-note"><xsl:value-of select="@error"/></p></xsl:if>
        </div>
      </td>
      <td class="num" data-label="Rows">
        <div>
          <span data-rows=""><xsl:value-of select="format-number(@rows, '#,##0')"/></span>
          <xsl:if test="@status = 'running' and @rows-total &gt; 0"><span class="muted"> of <xsl:value-of select="format-number(@rows-total, '#,##0')"/></span></xsl:if>
        </div>
      </td>
      <td class="num" data-label="Size">
        <xsl:choose>
          <xsl:when test="@status = 'ready'"><xsl:call-template name="manage.size"><xsl:with-param name="b" select="@size"/></xsl:call-template></xsl:when>
          <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="Kept until">
        <xsl:choose>
          <xsl:when test="@status = 'ready' and @expires"><xsl:for-each select="@expires"><xsl:call-template name="time-short-of"/></xsl:for-each></xsl:when>
          <xsl:when test="@status = 'expired'"><span class="muted">Deleted</span></xsl:when>
          <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="cell-actions">
        <div class="row-actions">
          <xsl:if test="@status = 'ready'">
            <a class="btn btn-sm btn-primary" href="/settings/downloads/file?id={@id}" download="">Download<span class="sr"> <xsl:value-of select="@name"/></span></a>
          </xsl:if>
          <xsl:if test="@status = 'failed'">
            <form method="post" action="/settings/downloads/retry" class="inline">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <input type="hidden" name="id" value="{@id}"/>
              <button class="btn btn-sm" type="submit">Retry<span class="sr"> <xsl:value-of select="@name"/></span></button>
            </form>
          </xsl:if>
          <form method="post" action="/settings/downloads/delete" class="inline">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="id" value="{@id}"/>
            <button class="btn btn-sm btn-danger-quiet" type="submit">Delete<span class="sr"> <xsl:value-of select="@name"/></span></button>
          </form>
        </div>
      </td>
    </tr>
  </xsl:template>

  <!-- 1234567 bytes as "1.2 MB" -->
  <xsl:template name="manage.size">
    <xsl:param name="b"/>
    <xsl:choose>
      <xsl:when test="$b &lt; 1000"><xsl:value-of select="$b"/> B</xsl:when>
      <xsl:when test="$b &lt; 1000000"><xsl:value-of select="format-number($b div 1000, '#,##0.0')"/> kB</xsl:when>
      <xsl:otherwise><xsl:value-of select="format-number($b div 1000000, '#,##0.0')"/> MB</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
