<?xml version="1.0" encoding="UTF-8"?>
<!--
  reports_edit.xsl - page="report" (fcgi/pages/reports.c),
  /settings/reports/edit[?id=]: the form of one report (what, filters,
  format, schedule, recipients, labels), one card a section.  Without
  JavaScript every field is shown; /static/manage.js hides the ones the
  chosen kind or schedule does not use.  range-label, weekday-label,
  time-short-of and label-checkboxes come from components.xsl; radio cards
  and the segmented control are 23-form.css's.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='report']" mode="page.title">
    <xsl:choose>
      <xsl:when test="report-form/@id != ''">Edit report</xsl:when>
      <xsl:otherwise>New report</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="steward[@page='report']" mode="page.lede">
    <p class="lede">Times and dates are those of the account's time zone, <xsl:value-of select="$account/@timezone"/>.</p>
  </xsl:template>

  <xsl:template match="steward[@page='report']" mode="page.body">
    <xsl:apply-templates select="report-form"/>
    <script src="/static/manage.js" defer="defer"></script>
  </xsl:template>

  <xsl:template match="report-form">
    <xsl:variable name="f" select="."/>
    <xsl:variable name="kinds" select="/steward/report-kinds/kind"/>
    <form class="form-cards" method="post" action="/settings/reports/save" data-report-form="">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <input type="hidden" name="id" value="{@id}"/>

      <section class="card" aria-labelledby="what-h">
        <h2 id="what-h" class="card-title">What</h2>
        <div class="stack">
          <div class="field">
            <label for="r-name">Name</label>
            <input id="r-name" name="name" type="text" maxlength="100" required="required" value="{@name}">
              <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'name'"/><xsl:with-param name="id" select="'r-name'"/></xsl:call-template>
            </input>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'name'"/><xsl:with-param name="id" select="'r-name'"/></xsl:call-template>
          </div>
          <fieldset class="field choice">
            <legend>Summarise</legend>
            <div class="radio-grid">
              <xsl:for-each select="$kinds">
                <label class="radio">
                  <xsl:if test="@available = 'no' or @allowed = 'no'"><xsl:attribute name="class">radio is-off</xsl:attribute></xsl:if>
                  <input type="radio" name="kind" value="{@key}" data-range="{@range}" data-events="{@events}" data-label-filter="{@label-filter}">
                    <xsl:if test="@key = $f/@kind"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                    <xsl:if test="@available = 'no' or @allowed = 'no'"><xsl:attribute name="disabled">disabled</xsl:attribute></xsl:if>
                  </input>
                  <span>
                    <strong><xsl:value-of select="@label"/></strong>
                    <xsl:choose>
                      <xsl:when test="@available = 'no'"><span class="hint"><xsl:value-of select="."/></span></xsl:when>
                      <xsl:when test="@allowed = 'no'"><span class="hint">Your role cannot see this data.</span></xsl:when>
                      <xsl:otherwise><span class="hint"><xsl:value-of select="."/></span></xsl:otherwise>
                    </xsl:choose>
                  </span>
                </label>
              </xsl:for-each>
            </div>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'kind'"/><xsl:with-param name="id" select="'r-kind'"/></xsl:call-template>
          </fieldset>
          <div class="field field-narrow">
            <label for="r-format">Format</label>
            <div class="select">
              <select id="r-format" name="format">
                <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'format'"/><xsl:with-param name="id" select="'r-format'"/></xsl:call-template>
                <option value="csv">CSV (comma-separated, UTF-8)</option>
              </select>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
            </div>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'format'"/><xsl:with-param name="id" select="'r-format'"/></xsl:call-template>
          </div>
        </div>
      </section>

      <section class="card" aria-labelledby="filters-h">
        <h2 id="filters-h" class="card-title">Filters</h2>
        <div class="stack">
          <div class="field-row" data-needs="range">
            <div class="field">
              <label for="r-range">Date range</label>
              <div class="select">
                <select id="r-range" name="range">
                  <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'range'"/><xsl:with-param name="id" select="'r-range'"/></xsl:call-template>
                  <xsl:for-each select="str:split('all last-7-days last-30-days this-month last-month custom', ' ')">
                    <option value="{.}">
                      <xsl:if test=". = $f/@range"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="range-label"><xsl:with-param name="r" select="string(.)"/></xsl:call-template>
                    </option>
                  </xsl:for-each>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'range'"/><xsl:with-param name="id" select="'r-range'"/></xsl:call-template>
            </div>
            <div class="field" data-needs="custom">
              <label for="r-from">First day</label>
              <input id="r-from" name="from" type="date" value="{@from}">
                <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'from'"/><xsl:with-param name="id" select="'r-from'"/></xsl:call-template>
              </input>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'from'"/><xsl:with-param name="id" select="'r-from'"/></xsl:call-template>
            </div>
            <div class="field" data-needs="custom">
              <label for="r-to">Last day</label>
              <input id="r-to" name="to" type="date" value="{@to}">
                <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'to'"/><xsl:with-param name="id" select="'r-to'"/></xsl:call-template>
              </input>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'to'"/><xsl:with-param name="id" select="'r-to'"/></xsl:call-template>
            </div>
          </div>
          <p class="hint" data-needs="custom">A custom range takes both days whole; other ranges move with each run (“last 7 days” ends on the day it runs).</p>
          <div class="field" data-needs="events">
            <label for="r-events">Event names <span class="muted">(events summary only; optional)</span></label>
            <textarea id="r-events" name="events" rows="3" spellcheck="false">
              <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'events'"/><xsl:with-param name="id" select="'r-events'"/></xsl:call-template>
              <xsl:value-of select="events"/>
            </textarea>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'events'"/><xsl:with-param name="id" select="'r-events'"/></xsl:call-template>
            <p class="hint">One name a line, up to <xsl:value-of select="@max-events"/>. Empty: every event.</p>
          </div>
          <div class="field field-narrow" data-needs="label">
            <label for="r-filter-label">Label <span class="muted">(CSV uploads only)</span></label>
            <div class="select">
              <select id="r-filter-label" name="filter_label">
                <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'filter_label'"/><xsl:with-param name="id" select="'r-filter-label'"/></xsl:call-template>
                <option value="">Any label</option>
                <xsl:for-each select="/steward/label-options/label">
                  <option value="{@id}">
                    <xsl:if test="@id = $f/@label"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                    <xsl:value-of select="@name"/>
                  </option>
                </xsl:for-each>
              </select>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
            </div>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'filter_label'"/><xsl:with-param name="id" select="'r-filter-label'"/></xsl:call-template>
          </div>
        </div>
      </section>

      <section class="card" aria-labelledby="schedule-h">
        <h2 id="schedule-h" class="card-title">Schedule</h2>
        <div class="stack">
          <fieldset class="field choice">
            <legend>Run</legend>
            <div class="segmented">
              <xsl:for-each select="str:split('none daily weekly monthly', ' ')">
                <label class="seg">
                  <input type="radio" name="schedule" value="{.}">
                    <xsl:if test=". = $f/@schedule"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
                  </input>
                  <span>
                    <xsl:choose>
                      <xsl:when test=". = 'none'">Only when I run it</xsl:when>
                      <xsl:when test=". = 'daily'">Daily</xsl:when>
                      <xsl:when test=". = 'weekly'">Weekly</xsl:when>
                      <xsl:otherwise>Monthly</xsl:otherwise>
                    </xsl:choose>
                  </span>
                </label>
              </xsl:for-each>
            </div>
            <xsl:call-template name="field-error"><xsl:with-param name="field" select="'schedule'"/><xsl:with-param name="id" select="'r-schedule'"/></xsl:call-template>
          </fieldset>
          <div class="field-row" data-needs="scheduled">
            <div class="field" data-needs="weekly">
              <label for="r-weekday">Day of the week</label>
              <div class="select">
                <select id="r-weekday" name="weekday">
                  <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'weekday'"/><xsl:with-param name="id" select="'r-weekday'"/></xsl:call-template>
                  <xsl:for-each select="str:split('monday tuesday wednesday thursday friday saturday sunday', ' ')">
                    <option value="{.}">
                      <xsl:if test=". = $f/@weekday"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                      <xsl:call-template name="weekday-label"><xsl:with-param name="d" select="string(.)"/></xsl:call-template>
                    </option>
                  </xsl:for-each>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'weekday'"/><xsl:with-param name="id" select="'r-weekday'"/></xsl:call-template>
            </div>
            <div class="field" data-needs="monthly">
              <label for="r-mday">Day of the month</label>
              <div class="select">
                <select id="r-mday" name="mday">
                  <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'mday'"/><xsl:with-param name="id" select="'r-mday'"/></xsl:call-template>
                  <xsl:call-template name="manage.numbers"><xsl:with-param name="from" select="1"/><xsl:with-param name="to" select="31"/><xsl:with-param name="sel" select="$f/@mday"/></xsl:call-template>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'mday'"/><xsl:with-param name="id" select="'r-mday'"/></xsl:call-template>
            </div>
            <div class="field">
              <label for="r-hour">At</label>
              <div class="select">
                <select id="r-hour" name="hour">
                  <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'hour'"/><xsl:with-param name="id" select="'r-hour'"/></xsl:call-template>
                  <xsl:call-template name="manage.numbers"><xsl:with-param name="from" select="0"/><xsl:with-param name="to" select="23"/><xsl:with-param name="sel" select="$f/@hour"/><xsl:with-param name="hours" select="true()"/></xsl:call-template>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <xsl:call-template name="field-error"><xsl:with-param name="field" select="'hour'"/><xsl:with-param name="id" select="'r-hour'"/></xsl:call-template>
            </div>
          </div>
          <p class="hint" data-needs="monthly">On a date a month does not have (such as the 31st), the report runs on the month's last day.</p>
          <xsl:if test="@next-run or @last-run or @paused = 'yes'">
            <dl class="kv kv-compact">
              <xsl:if test="@paused = 'yes'"><div><dt>Status</dt><dd><span class="badge badge-warn">Paused</span><xsl:text> </xsl:text><span class="small muted">Resume it from My Reports.</span></dd></div></xsl:if>
              <xsl:if test="@next-run"><div><dt>Next run</dt><dd><xsl:for-each select="@next-run"><xsl:call-template name="time-short-of"/></xsl:for-each></dd></div></xsl:if>
              <xsl:if test="@last-run"><div><dt>Last run</dt><dd><xsl:for-each select="@last-run"><xsl:call-template name="time-short-of"/></xsl:for-each></dd></div></xsl:if>
            </dl>
          </xsl:if>
        </div>
      </section>

      <section class="card" aria-labelledby="recipients-h">
        <h2 id="recipients-h" class="card-title">Recipients</h2>
        <div class="field">
          <label for="r-recipients">Mail a link after each scheduled run to <span class="muted">(optional)</span></label>
          <textarea id="r-recipients" name="recipients" rows="3" spellcheck="false" autocomplete="off" placeholder="name@example.com">
            <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'recipients'"/><xsl:with-param name="id" select="'r-recipients'"/></xsl:call-template>
            <xsl:value-of select="recipients"/>
          </textarea>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'recipients'"/><xsl:with-param name="id" select="'r-recipients'"/></xsl:call-template>
          <p class="hint">Up to <xsl:value-of select="@max-recipients"/> addresses of members of this account or of the organization's allowed invite domains, separated by commas or new lines. Mails carry a link, never the data: members who may see it find a copy in their My Downloads.</p>
        </div>
      </section>

      <section class="card" aria-labelledby="labels-h">
        <h2 id="labels-h" class="card-title">Labels</h2>
        <xsl:choose>
          <xsl:when test="/steward/label-options/label">
            <xsl:call-template name="label-checkboxes"><xsl:with-param name="options" select="/steward/label-options"/></xsl:call-template>
          </xsl:when>
          <xsl:otherwise>
            <p class="muted">No labels in this account yet.<xsl:if test="$can/@labels-edit = 'yes'"><xsl:text> </xsl:text><a href="/settings/labels">Create labels</a> to group your reports.</xsl:if></p>
          </xsl:otherwise>
        </xsl:choose>
      </section>

      <div class="actions">
        <button class="btn btn-primary" type="submit">Save report</button>
        <a class="btn" href="/settings/reports">Cancel</a>
      </div>
    </form>
  </xsl:template>

  <!-- ========================================================= helpers -->

  <xsl:template name="manage.numbers">
    <xsl:param name="from"/>
    <xsl:param name="to"/>
    <xsl:param name="sel"/>
    <xsl:param name="hours" select="false()"/>
    <xsl:if test="$from &lt;= $to">
      <option value="{$from}">
        <xsl:if test="string($from) = string($sel)"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$hours"><xsl:value-of select="format-number($from, '00')"/>:00</xsl:when>
          <xsl:otherwise><xsl:value-of select="$from"/></xsl:otherwise>
        </xsl:choose>
      </option>
      <xsl:call-template name="manage.numbers">
        <xsl:with-param name="from" select="$from + 1"/>
        <xsl:with-param name="to" select="$to"/>
        <xsl:with-param name="sel" select="$sel"/>
        <xsl:with-param name="hours" select="$hours"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
