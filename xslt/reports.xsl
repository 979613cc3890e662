<?xml version="1.0" encoding="UTF-8"?>
<!--
  reports.xsl - page="reports" (fcgi/pages/reports.c), /settings/reports:
  a person's saved reports (filter by label, run now, pause or resume,
  edit, delete with a confirmation).  The form of one report is
  reports_edit.xsl; report-kind-label, range-label, weekday-label,
  time-short-of, badge-download, the label templates, the pager and
  empty-state come from components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='reports']" mode="page.title">My Reports</xsl:template>

  <xsl:template match="steward[@page='reports']" mode="page.lede">
    <p class="lede">Your saved reports of <bdi><xsl:value-of select="$account/@name"/></bdi>: run them now or on a schedule; each run lands in <a href="/settings/downloads">My Downloads</a> as CSV.</p>
  </xsl:template>

  <xsl:template match="steward[@page='reports']" mode="page.actions">
    <div class="actions">
      <a class="btn btn-primary" href="/settings/reports/edit">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'plus'"/></xsl:call-template>
        <span>New report</span>
      </a>
    </div>
  </xsl:template>

  <xsl:template match="steward[@page='reports']" mode="page.body">
    <xsl:apply-templates select="report-confirm"/>
    <xsl:apply-templates select="reports"/>
  </xsl:template>

  <xsl:template match="report-confirm">
    <section class="card panel panel-warn" id="confirm" role="alertdialog" aria-labelledby="confirm-h" aria-describedby="confirm-text">
      <h2 id="confirm-h">Delete the report <bdi><xsl:value-of select="@name"/></bdi>?</h2>
      <p id="confirm-text">Its schedule stops and its recipients get no more mail. Exports it already made stay in My Downloads until they expire.</p>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'confirm'"/><xsl:with-param name="id" select="'confirm'"/></xsl:call-template>
      <form class="actions" method="post" action="/settings/reports/delete">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="id" value="{@id}"/>
        <input type="hidden" name="confirm" value="yes"/>
        <button class="btn btn-danger" type="submit">Delete report</button>
        <a class="btn" href="/settings/reports">Cancel</a>
      </form>
    </section>
  </xsl:template>

  <xsl:template match="reports">
    <xsl:variable name="filter" select="/steward/label-filter"/>
    <xsl:variable name="chosen" select="$filter/label[@id = $filter/@selected]"/>
    <section class="card card-flush manage-list" aria-labelledby="reports-h">
      <div class="toolbar">
        <div>
          <h2 id="reports-h" class="toolbar-title">
            <xsl:call-template name="count"><xsl:with-param name="n" select="@total"/><xsl:with-param name="one">report</xsl:with-param><xsl:with-param name="many">reports</xsl:with-param></xsl:call-template>
            <xsl:if test="$chosen"><xsl:text> labelled </xsl:text><span class="lbl lbl-{$chosen/@color}"><bdi><xsl:value-of select="$chosen/@name"/></bdi></span></xsl:if>
          </h2>
          <p class="small muted">You can keep up to <xsl:value-of select="@max"/> reports.</p>
        </div>
        <xsl:apply-templates select="$filter" mode="label-filter">
          <xsl:with-param name="action" select="'/settings/reports'"/>
        </xsl:apply-templates>
      </div>
      <xsl:choose>
        <xsl:when test="not(report) and $chosen">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'labels'"/>
            <xsl:with-param name="title">No reports with this label</xsl:with-param>
            <xsl:with-param name="text">None of your reports carries the label <bdi><xsl:value-of select="$chosen/@name"/></bdi>.</xsl:with-param>
            <xsl:with-param name="action"><a class="btn" href="/settings/reports">Show all reports</a></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="not(report)">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'reports'"/>
            <xsl:with-param name="title">No reports yet</xsl:with-param>
            <xsl:with-param name="text">Create one to export events, user properties, members, invoices or CSV uploads as CSV, now or on a schedule.</xsl:with-param>
            <xsl:with-param name="action"><a class="btn btn-primary" href="/settings/reports/edit">Create a report</a></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Report</th>
                <th scope="col">Schedule</th>
                <th scope="col">Next run</th>
                <th scope="col">Last run</th>
                <th scope="col" class="col-actions"><span class="sr">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="report"/>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="pager"><xsl:with-param name="label" select="'Pages of reports'"/></xsl:apply-templates>
    </section>
  </xsl:template>

  <xsl:template match="report">
    <tr>
      <td class="cell-main">
        <a class="strong break" href="/settings/reports/edit?id={@id}"><bdi><xsl:value-of select="@name"/></bdi></a>
        <p class="small muted">
          <xsl:call-template name="report-kind-label"><xsl:with-param name="k" select="@kind"/></xsl:call-template>
          <xsl:text> · CSV</xsl:text>
          <xsl:if test="@range != 'all'"><xsl:text> · </xsl:text><xsl:call-template name="range-label"><xsl:with-param name="r" select="@range"/></xsl:call-template></xsl:if>
          <xsl:if test="@recipients &gt; 0">
            <xsl:text> · mailed to </xsl:text>
            <xsl:call-template name="count"><xsl:with-param name="n" select="@recipients"/><xsl:with-param name="one">recipient</xsl:with-param><xsl:with-param name="many">recipients</xsl:with-param></xsl:call-template>
          </xsl:if>
        </p>
        <xsl:if test="label"><p class="chips"><xsl:apply-templates select="label" mode="label-chip"/></p></xsl:if>
      </td>
      <td data-label="Schedule">
        <div>
          <xsl:call-template name="manage.schedule"/>
          <xsl:if test="@paused = 'yes'"><xsl:text> </xsl:text><span class="badge badge-warn">Paused</span></xsl:if>
        </div>
      </td>
      <td data-label="Next run">
        <xsl:choose>
          <xsl:when test="@next-run"><xsl:for-each select="@next-run"><xsl:call-template name="time-short-of"/></xsl:for-each></xsl:when>
          <xsl:otherwise><span class="muted">—</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="Last run">
        <xsl:choose>
          <xsl:when test="@last-run">
            <div>
              <xsl:for-each select="@last-run"><xsl:call-template name="time-short-of"/></xsl:for-each>
              <xsl:if test="@last-status">
                <xsl:text> </xsl:text>
                <a class="badge-link" href="/settings/downloads"><xsl:call-template name="badge-download"><xsl:with-param name="s" select="@last-status"/></xsl:call-template></a>
              </xsl:if>
            </div>
          </xsl:when>
          <xsl:otherwise><span class="muted">Never</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td class="cell-actions">
        <div class="row-actions">
          <form method="post" action="/settings/reports/run" class="inline">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="id" value="{@id}"/>
            <button class="btn btn-sm" type="submit">Run now<span class="sr"> <xsl:value-of select="@name"/></span></button>
          </form>
          <xsl:if test="@schedule != 'none'">
            <form method="post" action="/settings/reports/pause" class="inline">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <input type="hidden" name="id" value="{@id}"/>
              <xsl:choose>
                <xsl:when test="@paused = 'yes'">
                  <input type="hidden" name="paused" value="no"/>
                  <button class="btn btn-sm" type="submit">Resume<span class="sr"> <xsl:value-of select="@name"/></span></button>
                </xsl:when>
                <xsl:otherwise>
                  <input type="hidden" name="paused" value="yes"/>
                  <button class="btn btn-sm" type="submit">Pause<span class="sr"> <xsl:value-of select="@name"/></span></button>
                </xsl:otherwise>
              </xsl:choose>
            </form>
          </xsl:if>
          <a class="btn btn-sm" href="/settings/reports/edit?id={@id}">Edit<span class="sr"> <xsl:value-of select="@name"/></span></a>
          <a class="btn btn-sm btn-danger-quiet" href="/settings/reports?delete={@id}#confirm">Delete<span class="sr"> <xsl:value-of select="@name"/></span></a>
        </div>
      </td>
    </tr>
  </xsl:template>

  <!-- ========================================================= helpers -->

  <xsl:template name="manage.schedule">
    <xsl:variable name="at" select="concat(' at ', format-number(@hour, '00'), ':00')"/>
    <xsl:choose>
      <xsl:when test="@schedule = 'daily'">Daily<xsl:value-of select="$at"/></xsl:when>
      <xsl:when test="@schedule = 'weekly'">Weekly on <xsl:call-template name="weekday-label"><xsl:with-param name="d" select="@weekday"/></xsl:call-template><xsl:value-of select="$at"/></xsl:when>
      <xsl:when test="@schedule = 'monthly'">Monthly on day <xsl:value-of select="@mday"/><xsl:value-of select="$at"/></xsl:when>
      <xsl:otherwise><span class="muted">Not scheduled</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
