<?xml version="1.0" encoding="UTF-8"?>
<!--
  components.xsl - the named templates every page draws with, each defined
  once, each with one style in xslt/static/css/ (imported by site.xsl
  before the pages; the frame itself - page head, breadcrumb, settings
  navigation, error summary, flash, field-aria / field-error - is in
  site.xsl).  What a single page uses stays in that page's stylesheet.
    times, money  date-of ("1 Nov 2026", of a date or a local-time), time-long ("29 Mar 2026,
                  03:30 (UTC+02:00)"), time-short-of ("2026-03-29 03:30
                  +02:00"), money (minor units + currency)
    form fields   input-field, textarea-field, country-field, file-field,
                  pw-hint, pw-solo-flash, solo-submit
    lists         match="pager" (the <pager> of every list), empty-state
    badges        badge-invoice, badge-download, report-kind-label,
                  range-label, weekday-label, property-type-label
    labels        count, mode label-chip (a <label> as a chip), mode
                  label-filter (a list's "filter by label" form),
                  label-checkboxes (the label checkboxes of a form)
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    xmlns:date="http://exslt.org/dates-and-times"
    exclude-result-prefixes="str date">


  <!-- =================================================== times, money -->

  <!-- The context node, an attribute holding 2026-11-01 or a local-time
       (its first 10 characters): "1 Nov 2026" in <time>.  Called as
       xsl:for-each select="@since" + call-template, with no
       parameter (a parameter is a variable to build; in the row's own
       context every @name scans all the row's attributes, "." does not),
       in one value-of (each XPath evaluation costs libxslt more than the
       bytes it writes); day and month by EXSLT date: (the document's
       times are valid ISO 8601, DESIGN §10), cheaper than number() and
       substring() arithmetic. -->
  <xsl:template name="date-of">
    <time datetime="{substring(., 1, 10)}">
      <xsl:value-of select="concat(date:day-in-month(.), '&#160;', date:month-abbreviation(.), '&#160;', substring(., 1, 4))"/>
    </time>
  </xsl:template>

  <!-- 2026-03-29T03:30:00+02:00: "29 Mar 2026, 03:30 (UTC+02:00)" -->
  <xsl:template name="time-long">
    <xsl:param name="t"/>
    <xsl:variable name="m" select="number(substring($t, 6, 2))"/>
    <time datetime="{$t}">
      <xsl:value-of select="number(substring($t, 9, 2))"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="substring('JanFebMarAprMayJunJulAugSepOctNovDec', ($m - 1) * 3 + 1, 3)"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="substring($t, 1, 4)"/>
      <xsl:text>, </xsl:text>
      <xsl:value-of select="substring($t, 12, 5)"/>
      <xsl:text> (UTC</xsl:text>
      <xsl:value-of select="substring($t, 20, 6)"/>
      <xsl:text>)</xsl:text>
    </time>
  </xsl:template>

  <!-- The context node, an attribute holding 2026-03-29T03:30:00+02:00,
       as "2026-03-29 03:30 +02:00" in <time>: the date above the time in
       a table, on one line elsewhere (lists draw it on every row: keep
       its markup short; called as date-of is) -->
  <xsl:template name="time-short-of">
    <time datetime="{.}" class="stamp">
      <xsl:value-of select="substring(., 1, 10)"/>
      <xsl:text> </xsl:text>
      <span><xsl:value-of select="concat(substring(., 12, 5), ' ', substring(., 20))"/></span>
    </time>
  </xsl:template>

  <!-- 123456 USD minor units: "1,234.56 USD" -->
  <xsl:template name="money">
    <xsl:param name="minor"/>
    <xsl:param name="currency"/>
    <span class="money">
      <xsl:value-of select="format-number($minor div 100, '#,##0.00')"/>
      <xsl:text>&#160;</xsl:text>
      <xsl:value-of select="$currency"/>
    </span>
  </xsl:template>

  <!-- ==================================================== form fields -->

  <!-- A labelled text input (email, password, tel …) with its hint and
       its error (field = name): aria-invalid and aria-describedby (the
       error f-NAME, the hint) when refused.  $form: on a page of several
       forms sharing field names (the profile), the form it belongs to;
       its error shows only when /steward/profile/@form names that form
       ('' : always). -->
  <xsl:template name="input-field">
    <xsl:param name="form" select="''"/>
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value" select="''"/>
    <xsl:param name="type" select="'text'"/>
    <xsl:param name="max" select="200"/>
    <xsl:param name="autocomplete" select="'off'"/>
    <xsl:param name="inputmode" select="''"/>
    <xsl:param name="placeholder" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="required" select="false()"/>
    <xsl:variable name="err" select="key('error', $name)[$form = '' or /steward/profile/@form = $form]"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <input id="{$id}" name="{$name}" type="{$type}" value="{$value}" maxlength="{$max}"
             autocomplete="{$autocomplete}" spellcheck="false">
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:if test="$inputmode != ''"><xsl:attribute name="inputmode"><xsl:value-of select="$inputmode"/></xsl:attribute></xsl:if>
        <xsl:if test="$placeholder != ''"><xsl:attribute name="placeholder"><xsl:value-of select="$placeholder"/></xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="$err">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">f-<xsl:value-of select="$name"/><xsl:if test="$hint != ''"><xsl:text> </xsl:text><xsl:value-of select="$id"/>-hint</xsl:if></xsl:attribute>
          </xsl:when>
          <xsl:when test="$hint != ''">
            <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-hint</xsl:attribute>
          </xsl:when>
        </xsl:choose>
      </input>
      <xsl:if test="$hint != ''"><p class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></p></xsl:if>
      <xsl:if test="$err">
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="$name"/>
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
      </xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="textarea-field">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="value"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <textarea id="{$id}" name="{$name}" rows="3" maxlength="500" autocomplete="street-address">
        <xsl:call-template name="field-aria">
          <xsl:with-param name="field" select="$name"/>
          <xsl:with-param name="id" select="$id"/>
        </xsl:call-template>
        <xsl:value-of select="$value"/>
      </textarea>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="$name"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- the country select (field "country") of /steward/countries -->
  <xsl:template name="country-field">
    <xsl:param name="id"/>
    <xsl:param name="value"/>
    <div class="field">
      <label for="{$id}">Country</label>
      <div class="select">
        <select id="{$id}" name="country" autocomplete="country">
          <xsl:call-template name="field-aria">
            <xsl:with-param name="field" select="'country'"/>
            <xsl:with-param name="id" select="$id"/>
          </xsl:call-template>
          <option value="">Not set</option>
          <xsl:for-each select="/steward/countries/country">
            <option value="{@code}">
              <xsl:if test="@code = $value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
              <xsl:value-of select="."/>
            </option>
          </xsl:for-each>
        </select>
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
      </div>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="'country'"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- the rule shown under a new password -->
  <xsl:template name="pw-hint">
    <xsl:text>At least </xsl:text>
    <xsl:value-of select="/steward/password-rules/@min"/>
    <xsl:text> characters, any kind. Not a common password or a dictionary word with a few digits; a few unrelated words work well.</xsl:text>
  </xsl:template>

  <!-- the flash of a signed-out page, drawn in its card (the frame draws
       it when signed in) -->
  <xsl:template name="pw-solo-flash">
    <xsl:if test="not($signed-in)"><xsl:call-template name="flash"/></xsl:if>
  </xsl:template>

  <!-- the submit button of a page that is a centred card when signed out
       (full width) and a card in the frame when signed in -->
  <xsl:template name="solo-submit">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="$signed-in">
        <div class="actions"><button class="btn btn-primary" type="submit"><xsl:value-of select="$text"/></button></div>
      </xsl:when>
      <xsl:otherwise>
        <button class="btn btn-primary btn-block" type="submit"><xsl:value-of select="$text"/></button>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>


  <!-- ========================================================== lists -->

  <!-- The pager under a list, from its <pager> (fcgi/pager.c): previous,
       "Page N of M" (M when the list counts its rows), next; nothing when
       the list fits one page.  $label names the navigation landmark;
       $anchor (optional) is the id the links scroll to (the list's
       heading when the list is not at the top of its page). -->
  <xsl:template match="pager">
    <xsl:param name="label" select="'Pages'"/>
    <xsl:param name="anchor" select="''"/>
    <xsl:variable name="page" select="number(@page)"/>
    <xsl:if test="$page &gt; 1 or @next = 'yes'">
      <xsl:variable name="q">
        <xsl:value-of select="@path"/>
        <xsl:text>?</xsl:text>
        <xsl:for-each select="keep">
          <xsl:value-of select="concat(@name, '=', str:encode-uri(@value, true()), '&amp;')"/>
        </xsl:for-each>
        <xsl:text>page=</xsl:text>
      </xsl:variable>
      <xsl:variable name="frag"><xsl:if test="$anchor != ''">#<xsl:value-of select="$anchor"/></xsl:if></xsl:variable>
      <nav class="pager" aria-label="{$label}">
        <xsl:choose>
          <xsl:when test="$page &gt; 1">
            <a class="btn btn-sm" rel="prev" href="{$q}{$page - 1}{$frag}">
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
              <span>Previous</span>
            </a>
          </xsl:when>
          <xsl:otherwise><span></span></xsl:otherwise>
        </xsl:choose>
        <span class="pager-info">
          <xsl:text>Page </xsl:text>
          <xsl:value-of select="$page"/>
          <xsl:if test="@total and @per-page &gt; 0">
            <xsl:text> of </xsl:text>
            <xsl:value-of select="ceiling(@total div @per-page)"/>
          </xsl:if>
        </span>
        <xsl:choose>
          <xsl:when test="@next = 'yes'">
            <a class="btn btn-sm" rel="next" href="{$q}{$page + 1}{$frag}">
              <span>Next</span>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-right'"/></xsl:call-template>
            </a>
          </xsl:when>
          <xsl:otherwise><span></span></xsl:otherwise>
        </xsl:choose>
      </nav>
    </xsl:if>
  </xsl:template>

  <!-- What a list shows when it is empty: an icon, a title, a sentence
       and ($action, optional) the one thing to do next. -->
  <xsl:template name="empty-state">
    <xsl:param name="icon" select="'search'"/>
    <xsl:param name="title"/>
    <xsl:param name="text" select="''"/>
    <xsl:param name="action"/>
    <div class="empty">
      <xsl:call-template name="icon"><xsl:with-param name="name" select="$icon"/></xsl:call-template>
      <p class="empty-title"><xsl:value-of select="$title"/></p>
      <xsl:if test="string($text) != ''"><p><xsl:copy-of select="$text"/></p></xsl:if>
      <xsl:if test="$action"><div class="actions"><xsl:copy-of select="$action"/></div></xsl:if>
    </div>
  </xsl:template>

  <!-- a labelled file input (field = name) with its hint and error; the
       browser's control with our button (23-form.css) -->
  <xsl:template name="file-field">
    <xsl:param name="id"/>
    <xsl:param name="name"/>
    <xsl:param name="label"/>
    <xsl:param name="accept" select="''"/>
    <xsl:param name="hint" select="''"/>
    <xsl:param name="required" select="true()"/>
    <div class="field">
      <label for="{$id}"><xsl:value-of select="$label"/></label>
      <input id="{$id}" name="{$name}" type="file">
        <xsl:if test="$accept != ''"><xsl:attribute name="accept"><xsl:value-of select="$accept"/></xsl:attribute></xsl:if>
        <xsl:if test="$required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
        <xsl:choose>
          <xsl:when test="key('error', $name)">
            <xsl:attribute name="aria-invalid">true</xsl:attribute>
            <xsl:attribute name="aria-describedby">f-<xsl:value-of select="$name"/><xsl:if test="$hint != ''"><xsl:text> </xsl:text><xsl:value-of select="$id"/>-hint</xsl:if></xsl:attribute>
          </xsl:when>
          <xsl:when test="$hint != ''">
            <xsl:attribute name="aria-describedby"><xsl:value-of select="$id"/>-hint</xsl:attribute>
          </xsl:when>
        </xsl:choose>
      </input>
      <xsl:if test="$hint != ''"><p class="hint" id="{$id}-hint"><xsl:value-of select="$hint"/></p></xsl:if>
      <xsl:call-template name="field-error">
        <xsl:with-param name="field" select="$name"/>
        <xsl:with-param name="id" select="$id"/>
      </xsl:call-template>
    </div>
  </xsl:template>

  <!-- ========================================================= badges -->

  <xsl:template name="badge-invoice">
    <xsl:choose>
      <xsl:when test="@status = 'paid'"><span class="badge badge-ok">Paid</span></xsl:when>
      <xsl:when test="@status = 'void'"><span class="badge badge-danger">Void</span></xsl:when>
      <xsl:otherwise><span class="badge badge-warn">Open</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="badge-download">
    <xsl:param name="s"/>
    <xsl:choose>
      <xsl:when test="$s = 'queued'"><span class="badge badge-accent">Queued</span></xsl:when>
      <xsl:when test="$s = 'running'"><span class="badge badge-accent">Running</span></xsl:when>
      <xsl:when test="$s = 'ready'"><span class="badge badge-ok">Ready</span></xsl:when>
      <xsl:when test="$s = 'failed'"><span class="badge badge-danger">Failed</span></xsl:when>
      <xsl:otherwise><span class="badge">Expired</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="report-kind-label">
    <xsl:param name="k"/>
    <xsl:choose>
      <xsl:when test="$k = 'events'">Events summary</xsl:when>
      <xsl:when test="$k = 'user-properties'">User properties summary</xsl:when>
      <xsl:when test="$k = 'members'">Members</xsl:when>
      <xsl:when test="$k = 'invoices'">Invoices</xsl:when>
      <xsl:when test="$k = 'csv-uploads'">CSV uploads</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="range-label">
    <xsl:param name="r"/>
    <xsl:choose>
      <xsl:when test="$r = 'all'">All time</xsl:when>
      <xsl:when test="$r = 'last-7-days'">Last 7 days</xsl:when>
      <xsl:when test="$r = 'last-30-days'">Last 30 days</xsl:when>
      <xsl:when test="$r = 'this-month'">This month</xsl:when>
      <xsl:when test="$r = 'last-month'">Last month</xsl:when>
      <xsl:when test="$r = 'custom'">Custom dates</xsl:when>
      <xsl:otherwise><xsl:value-of select="$r"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="weekday-label">
    <xsl:param name="d"/>
    <xsl:value-of select="concat(translate(substring($d, 1, 1), 'abcdefghijklmnopqrstuvwxyz', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'), substring($d, 2))"/>
  </xsl:template>

  <xsl:template name="property-type-label">
    <xsl:param name="t"/>
    <xsl:choose>
      <xsl:when test="$t = 'string'">String</xsl:when>
      <xsl:when test="$t = 'number'">Number</xsl:when>
      <xsl:when test="$t = 'boolean'">Boolean</xsl:when>
      <xsl:when test="$t = 'date'">Date</xsl:when>
      <xsl:when test="$t = 'list'">List</xsl:when>
      <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ========================================================= labels -->

  <xsl:template name="count">
    <xsl:param name="n"/>
    <xsl:param name="one"/>
    <xsl:param name="many"/>
    <xsl:value-of select="format-number($n, '#,##0')"/>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="$one"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$many"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="label" mode="label-chip">
    <span class="lbl lbl-{@color}"><bdi><xsl:value-of select="@name"/></bdi></span>
    <xsl:text> </xsl:text>
  </xsl:template>

  <!-- a GET form filtering a list by label; $action is the list's path -->
  <xsl:template match="label-filter" mode="label-filter">
    <xsl:param name="action"/>
    <xsl:if test="label">
      <form class="search label-filter" method="get" action="{$action}" role="search" aria-label="Filter by label">
        <label class="sr" for="label-filter">Label</label>
        <div class="select">
          <select id="label-filter" name="label">
            <option value="">All labels</option>
            <xsl:variable name="sel" select="@selected"/>
            <xsl:for-each select="label">
              <option value="{@id}">
                <xsl:if test="@id = $sel"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="@name"/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <button class="btn" type="submit">Filter</button>
        <xsl:if test="@selected != ''"><a class="btn btn-ghost" href="{$action}">Clear</a></xsl:if>
      </form>
    </xsl:if>
  </xsl:template>

  <xsl:template name="label-checkboxes">
    <xsl:param name="options"/>
    <fieldset class="field choice">
      <legend>Attach up to <xsl:value-of select="$options/@max"/> labels</legend>
      <div class="checks">
        <xsl:for-each select="$options/label">
          <label class="check">
            <input type="checkbox" name="label" value="{@id}">
              <xsl:if test="@selected = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <span class="lbl lbl-{@color}"><bdi><xsl:value-of select="@name"/></bdi></span>
          </label>
        </xsl:for-each>
      </div>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'labels'"/><xsl:with-param name="id" select="'labels'"/></xsl:call-template>
    </fieldset>
  </xsl:template>

</xsl:stylesheet>
