<?xml version="1.0" encoding="UTF-8"?>
<!--
  billing.xsl - page="billing" (fcgi/pages/billing.c), /settings/billing:
  usage (meters, SVG chart), plans, card, contact, invoices (newest first,
  paged, with the CSV export).  The frame (site.xsl) draws the heading,
  the lede below and the error summary; money, date, input-field,
  country-field, badge-invoice, empty-state and the pager come from
  components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:template match="steward[@page='billing']" mode="page.title">Billing</xsl:template>

  <xsl:template match="steward[@page='billing']" mode="page.lede">
    <p class="lede">
      <xsl:text>Usage, plan, payment card, billing contact and invoices of your organization. This period: </xsl:text>
      <xsl:for-each select="billing/@period-start"><xsl:call-template name="date-of"/></xsl:for-each>
      <xsl:text> to </xsl:text>
      <xsl:for-each select="billing/@period-end"><xsl:call-template name="date-of"/></xsl:for-each>
      <xsl:text> (UTC).</xsl:text>
    </p>
  </xsl:template>

  <xsl:template match="steward[@page='billing']" mode="page.body">
    <xsl:variable name="b" select="billing"/>
    <xsl:apply-templates select="$b/usage"/>
    <xsl:call-template name="billing.plans"><xsl:with-param name="b" select="$b"/></xsl:call-template>
    <div class="section boxes boxes-top">
      <xsl:call-template name="billing.card"><xsl:with-param name="b" select="$b"/></xsl:call-template>
      <xsl:call-template name="billing.contact"><xsl:with-param name="c" select="$b/contact"/></xsl:call-template>
    </div>
    <xsl:apply-templates select="$b/invoices"/>
  </xsl:template>

  <!-- usage: two meters and the chart of data points per day -->
  <xsl:template match="usage">
    <section class="section" aria-labelledby="usage-h">
      <h2 id="usage-h" class="section-title">Usage this period</h2>
      <div class="card">
        <div class="meters">
          <xsl:call-template name="billing.meter">
            <xsl:with-param name="id" select="'mau'"/>
            <xsl:with-param name="label" select="'Monthly active users'"/>
            <xsl:with-param name="used" select="@mau"/>
            <xsl:with-param name="allowance" select="@mau-allowance"/>
            <xsl:with-param name="percent" select="@mau-percent"/>
            <xsl:with-param name="level" select="@mau-level"/>
          </xsl:call-template>
          <xsl:call-template name="billing.meter">
            <xsl:with-param name="id" select="'dp'"/>
            <xsl:with-param name="label" select="'Data points'"/>
            <xsl:with-param name="used" select="@data-points"/>
            <xsl:with-param name="allowance" select="@data-points-allowance"/>
            <xsl:with-param name="percent" select="@data-points-percent"/>
            <xsl:with-param name="level" select="@data-points-level"/>
          </xsl:call-template>
        </div>
        <xsl:call-template name="billing.chart"/>
      </div>
    </section>
  </xsl:template>

  <xsl:template name="billing.meter">
    <xsl:param name="id"/>
    <xsl:param name="label"/>
    <xsl:param name="used"/>
    <xsl:param name="allowance"/>
    <xsl:param name="percent"/>
    <xsl:param name="level"/>
    <div class="meter meter-{$level}">
      <div class="meter-head">
        <span class="meter-label" id="meter-{$id}"><xsl:value-of select="$label"/></span>
        <span class="meter-value">
          <strong><xsl:value-of select="format-number($used, '#,##0')"/></strong>
          <xsl:text> of </xsl:text>
          <xsl:value-of select="format-number($allowance, '#,##0')"/>
          <xsl:text> · </xsl:text>
          <xsl:value-of select="$percent"/>
          <xsl:text>%</xsl:text>
        </span>
      </div>
      <svg class="meter-bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img"
           aria-labelledby="meter-{$id}" aria-describedby="meter-{$id}-text">
        <rect class="meter-track" x="0" y="0" width="100" height="8" rx="4"/>
        <rect class="meter-fill" x="0" y="0" height="8" rx="4">
          <xsl:attribute name="width">
            <xsl:choose>
              <xsl:when test="$percent &gt; 100">100</xsl:when>
              <xsl:otherwise><xsl:value-of select="$percent"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </rect>
      </svg>
      <p class="meter-text" id="meter-{$id}-text">
        <xsl:choose>
          <xsl:when test="$level = 'over'">
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
            <span>Over the plan's allowance. Upgrade to keep every report complete.</span>
          </xsl:when>
          <xsl:when test="$level = 'warn'">
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
            <span><xsl:value-of select="$percent"/>% of the allowance is used: consider an upgrade.</span>
          </xsl:when>
          <xsl:otherwise><span>Within the plan's allowance.</span></xsl:otherwise>
        </xsl:choose>
      </p>
    </div>
  </xsl:template>

  <!-- bars: data points per day; the dashed line: the plan's daily share -->
  <xsl:template name="billing.chart">
    <xsl:variable name="n" select="count(day)"/>
    <xsl:variable name="h" select="120"/>
    <xsl:variable name="scale" select="@scale"/>
    <figure class="chart">
      <figcaption class="chart-caption">Data points per day (UTC days)</figcaption>
      <svg class="chart-svg" viewBox="0 0 {$n * 10} {$h}" preserveAspectRatio="none" role="img">
        <xsl:attribute name="aria-label">
          <xsl:text>Data points per day, </xsl:text>
          <xsl:value-of select="format-number(@data-points, '#,##0')"/>
          <xsl:text> in this period so far; daily share of the allowance </xsl:text>
          <xsl:value-of select="format-number(@daily-allowance, '#,##0')"/>
        </xsl:attribute>
        <xsl:for-each select="day">
          <xsl:variable name="bh" select="round(@data-points * ($h - 4) div $scale)"/>
          <rect x="{(position() - 1) * 10 + 1}" y="{$h - $bh}" width="8" height="{$bh}">
            <xsl:attribute name="class">
              <xsl:text>bar</xsl:text>
              <xsl:if test="@data-points &gt; ../@daily-allowance"> bar-over</xsl:if>
            </xsl:attribute>
            <title><xsl:value-of select="@date"/>: <xsl:value-of select="format-number(@data-points, '#,##0')"/> data points</title>
          </rect>
        </xsl:for-each>
        <line class="chart-allowance" x1="0" x2="{$n * 10}"
              y1="{$h - round(@daily-allowance * ($h - 4) div $scale)}"
              y2="{$h - round(@daily-allowance * ($h - 4) div $scale)}"/>
      </svg>
      <div class="chart-axis" aria-hidden="true">
        <span><xsl:for-each select="day[1]/@date"><xsl:call-template name="date-of"/></xsl:for-each></span>
        <span><xsl:for-each select="day[last()]/@date"><xsl:call-template name="date-of"/></xsl:for-each></span>
      </div>
      <ul class="chart-legend">
        <li><span class="legend-key legend-key-bar" aria-hidden="true"></span> data points that day</li>
        <li><span class="legend-key legend-key-over" aria-hidden="true"></span> above the daily share</li>
        <li>
          <span class="legend-key legend-key-line" aria-hidden="true"></span>
          <xsl:text> the plan's allowance spread evenly over the period (</xsl:text>
          <xsl:value-of select="format-number(@daily-allowance, '#,##0')"/>
          <xsl:text> a day)</xsl:text>
        </li>
      </ul>
      <details class="chart-table">
        <summary>Show the numbers</summary>
        <table class="table">
          <thead><tr><th scope="col">Day</th><th scope="col" class="num">Data points</th></tr></thead>
          <tbody>
            <xsl:for-each select="day[@future = 'no']">
              <tr>
                <td data-label="Day"><xsl:for-each select="@date"><xsl:call-template name="date-of"/></xsl:for-each></td>
                <td class="num" data-label="Data points"><xsl:value-of select="format-number(@data-points, '#,##0')"/></td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </details>
    </figure>
  </xsl:template>

  <!-- the plans, with what choosing each would do -->
  <xsl:template name="billing.plans">
    <xsl:param name="b"/>
    <section class="section" aria-labelledby="plans-h">
      <h2 id="plans-h" class="section-title">Plan</h2>
      <xsl:if test="$b/@pending-plan">
        <p class="note plan-pending">
          <xsl:text>The </xsl:text>
          <strong><xsl:value-of select="$b/plan[@code = $b/@pending-plan]/@name"/></strong>
          <xsl:text> plan starts on </xsl:text>
          <xsl:for-each select="$b/@next-start"><xsl:call-template name="date-of"/></xsl:for-each>
          <xsl:text>. </xsl:text>
          <a href="/settings/billing/plan?plan={str:encode-uri($b/@plan, true())}">Keep <xsl:value-of select="$b/plan[@move = 'current']/@name"/> instead</a>
        </p>
      </xsl:if>
      <ul class="plans">
        <xsl:for-each select="$b/plan">
          <li class="plan">
            <xsl:if test="@move = 'current'"><xsl:attribute name="class">plan is-current</xsl:attribute></xsl:if>
            <div class="plan-head">
              <h3><xsl:value-of select="@name"/></h3>
              <xsl:if test="@move = 'current'"><span class="badge badge-accent">Current plan</span></xsl:if>
              <xsl:if test="@pending = 'yes'"><span class="badge">From next period</span></xsl:if>
            </div>
            <p class="plan-price">
              <strong><xsl:call-template name="money"><xsl:with-param name="minor" select="@price"/><xsl:with-param name="currency" select="@currency"/></xsl:call-template></strong>
              <span class="muted"> / month</span>
            </p>
            <ul class="plan-facts">
              <li><xsl:value-of select="format-number(@mau, '#,##0')"/> monthly active users</li>
              <li><xsl:value-of select="format-number(@data-points, '#,##0')"/> data points a month</li>
            </ul>
            <xsl:choose>
              <xsl:when test="@move = 'upgrade'">
                <a class="btn btn-primary btn-block" href="/settings/billing/plan?plan={str:encode-uri(@code, true())}">Upgrade<span class="sr"> to <xsl:value-of select="@name"/></span></a>
              </xsl:when>
              <xsl:when test="@move = 'downgrade' and @pending = 'no'">
                <a class="btn btn-block" href="/settings/billing/plan?plan={str:encode-uri(@code, true())}">Downgrade<span class="sr"> to <xsl:value-of select="@name"/></span></a>
              </xsl:when>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </section>
  </xsl:template>

  <!-- the card on file and the form that replaces it -->
  <xsl:template name="billing.card">
    <xsl:param name="b"/>
    <xsl:variable name="f" select="$b/card-form"/>
    <section class="card" id="card" aria-labelledby="card-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'billing'"/></xsl:call-template></span>
        <div>
          <h2 id="card-h">Payment card</h2>
          <p class="card-sub">Only the brand, the last 4 digits, the expiry and the holder are kept.</p>
        </div>
      </div>
      <xsl:choose>
        <xsl:when test="$b/card">
          <dl class="kv">
            <div>
              <dt>Card</dt>
              <dd class="card-on-file"><xsl:value-of select="$b/card/@label"/> ending in <code class="mono"><xsl:value-of select="$b/card/@last4"/></code></dd>
            </div>
            <div>
              <dt>Expires</dt>
              <dd>
                <xsl:value-of select="format-number($b/card/@exp-month, '00')"/>/<xsl:value-of select="$b/card/@exp-year"/>
                <xsl:if test="$b/card/@expired = 'yes'"> <span class="badge badge-danger">Expired</span></xsl:if>
              </dd>
            </div>
            <div>
              <dt>Holder</dt>
              <dd><bdi><xsl:value-of select="$b/card/@holder"/></bdi></dd>
            </div>
          </dl>
        </xsl:when>
        <xsl:otherwise><p class="hint card-none">No card on file. Paid plans need one.</p></xsl:otherwise>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="$b/card">
          <details class="card-replace">
            <xsl:if test="/steward/errors/error[@field = 'holder' or @field = 'number' or @field = 'exp_month' or @field = 'exp_year' or @field = 'cvc']">
              <xsl:attribute name="open">open</xsl:attribute>
            </xsl:if>
            <summary>Replace the card</summary>
            <xsl:call-template name="billing.card-form"><xsl:with-param name="b" select="$b"/></xsl:call-template>
          </details>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="billing.card-form"><xsl:with-param name="b" select="$b"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template name="billing.card-form">
    <xsl:param name="b"/>
    <xsl:variable name="f" select="$b/card-form"/>
      <form class="stack form-gap" method="post" action="/settings/billing/card" autocomplete="off">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'card-holder'"/>
          <xsl:with-param name="name" select="'holder'"/>
          <xsl:with-param name="label" select="'Name on the card'"/>
          <xsl:with-param name="value" select="$f/@holder"/>
          <xsl:with-param name="max" select="100"/>
          <xsl:with-param name="autocomplete" select="'cc-name'"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'card-number'"/>
          <xsl:with-param name="name" select="'number'"/>
          <xsl:with-param name="label" select="'Card number'"/>
          <xsl:with-param name="value" select="''"/>
          <xsl:with-param name="max" select="30"/>
          <xsl:with-param name="autocomplete" select="'cc-number'"/>
          <xsl:with-param name="inputmode" select="'numeric'"/>
          <xsl:with-param name="required" select="true()"/>
          <xsl:with-param name="placeholder" select="'1234 5678 9012 3456'"/>
        </xsl:call-template>
        <div class="row3">
          <xsl:call-template name="input-field">
            <xsl:with-param name="id" select="'card-exp-month'"/>
            <xsl:with-param name="name" select="'exp_month'"/>
            <xsl:with-param name="label" select="'Expiry month'"/>
            <xsl:with-param name="value" select="$f/@exp-month"/>
            <xsl:with-param name="max" select="2"/>
            <xsl:with-param name="autocomplete" select="'cc-exp-month'"/>
            <xsl:with-param name="inputmode" select="'numeric'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="placeholder" select="'MM'"/>
          </xsl:call-template>
          <xsl:call-template name="input-field">
            <xsl:with-param name="id" select="'card-exp-year'"/>
            <xsl:with-param name="name" select="'exp_year'"/>
            <xsl:with-param name="label" select="'Expiry year'"/>
            <xsl:with-param name="value" select="$f/@exp-year"/>
            <xsl:with-param name="max" select="4"/>
            <xsl:with-param name="autocomplete" select="'cc-exp-year'"/>
            <xsl:with-param name="inputmode" select="'numeric'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="placeholder" select="'YYYY'"/>
          </xsl:call-template>
          <xsl:call-template name="input-field">
            <xsl:with-param name="id" select="'card-cvc'"/>
            <xsl:with-param name="name" select="'cvc'"/>
            <xsl:with-param name="label" select="'Security code'"/>
            <xsl:with-param name="value" select="''"/>
            <xsl:with-param name="max" select="4"/>
            <xsl:with-param name="autocomplete" select="'cc-csc'"/>
            <xsl:with-param name="inputmode" select="'numeric'"/>
            <xsl:with-param name="required" select="true()"/>
            <xsl:with-param name="placeholder" select="'CVC'"/>
          </xsl:call-template>
        </div>
        <p class="hint">The card number and security code are checked, then dropped: they are never stored.</p>
        <div class="actions">
          <button class="btn btn-primary" type="submit">
            <xsl:choose>
              <xsl:when test="$b/card">Replace card</xsl:when>
              <xsl:otherwise>Save card</xsl:otherwise>
            </xsl:choose>
          </button>
        </div>
      </form>
  </xsl:template>

  <xsl:template name="billing.contact">
    <xsl:param name="c"/>
    <section class="card" id="contact" aria-labelledby="contact-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'mail'"/></xsl:call-template></span>
        <div>
          <h2 id="contact-h">Billing contact</h2>
          <p class="card-sub">Who receives invoices, and the address printed on them.</p>
        </div>
      </div>
      <form class="stack" method="post" action="/settings/billing/contact">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'contact-name'"/>
          <xsl:with-param name="name" select="'name'"/>
          <xsl:with-param name="label" select="'Name'"/>
          <xsl:with-param name="value" select="$c/@name"/>
          <xsl:with-param name="max" select="100"/>
          <xsl:with-param name="autocomplete" select="'name'"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'contact-email'"/>
          <xsl:with-param name="name" select="'email'"/>
          <xsl:with-param name="label" select="'Email'"/>
          <xsl:with-param name="type" select="'email'"/>
          <xsl:with-param name="value" select="$c/@email"/>
          <xsl:with-param name="max" select="254"/>
          <xsl:with-param name="autocomplete" select="'email'"/>
          <xsl:with-param name="required" select="true()"/>
        </xsl:call-template>
        <xsl:call-template name="textarea-field">
          <xsl:with-param name="id" select="'contact-address'"/>
          <xsl:with-param name="name" select="'address'"/>
          <xsl:with-param name="label" select="'Address'"/>
          <xsl:with-param name="value" select="$c/@address"/>
        </xsl:call-template>
        <xsl:call-template name="country-field">
          <xsl:with-param name="id" select="'contact-country'"/>
          <xsl:with-param name="value" select="$c/@country"/>
        </xsl:call-template>
        <xsl:call-template name="input-field">
          <xsl:with-param name="id" select="'contact-tax-id'"/>
          <xsl:with-param name="name" select="'tax_id'"/>
          <xsl:with-param name="label" select="'Tax ID (optional)'"/>
          <xsl:with-param name="value" select="$c/@tax-id"/>
          <xsl:with-param name="max" select="32"/>
        </xsl:call-template>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Save contact</button>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- the invoice list, newest first, with the CSV export and its pager -->
  <xsl:template match="invoices">
    <section class="section" aria-labelledby="invoices-h">
      <div class="section-row">
        <h2 id="invoices-h" class="section-title">Invoices</h2>
        <xsl:if test="invoice">
          <a class="btn btn-sm" href="/settings/billing/invoices.csv" download="invoices.csv">
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'download'"/></xsl:call-template>
            <span>Export CSV</span>
          </a>
        </xsl:if>
      </div>
      <xsl:choose>
        <xsl:when test="invoice">
          <div class="table-card">
            <table class="table invoices">
              <thead>
                <tr>
                  <th scope="col">Invoice</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Period</th>
                  <th scope="col">Status</th>
                  <th scope="col" class="num">Total</th>
                </tr>
              </thead>
              <tbody>
                <xsl:for-each select="invoice">
                  <tr>
                    <td class="nowrap" data-label="Invoice"><a href="/settings/billing/invoices/{@id}"><xsl:value-of select="@ref"/></a></td>
                    <td data-label="Issued"><xsl:for-each select="@issued"><xsl:call-template name="date-of"/></xsl:for-each></td>
                    <td data-label="Period">
                      <span>
                        <xsl:for-each select="@period-start"><xsl:call-template name="date-of"/></xsl:for-each>
                        <xsl:text> – </xsl:text>
                        <xsl:for-each select="@period-end"><xsl:call-template name="date-of"/></xsl:for-each>
                      </span>
                    </td>
                    <td data-label="Status"><xsl:call-template name="badge-invoice"/></td>
                    <td class="num" data-label="Total"><xsl:call-template name="money"><xsl:with-param name="minor" select="@total"/><xsl:with-param name="currency" select="@currency"/></xsl:call-template></td>
                  </tr>
                </xsl:for-each>
              </tbody>
            </table>
          </div>
          <xsl:apply-templates select="pager">
            <xsl:with-param name="label" select="'Invoice pages'"/>
            <xsl:with-param name="anchor" select="'invoices-h'"/>
          </xsl:apply-templates>
        </xsl:when>
        <xsl:when test="pager/@page &gt; 1">
          <div class="card card-flush">
            <xsl:call-template name="empty-state">
              <xsl:with-param name="icon" select="'billing'"/>
              <xsl:with-param name="title" select="'No invoices on this page'"/>
              <xsl:with-param name="text" select="'The list is shorter than that.'"/>
              <xsl:with-param name="action"><a class="btn" href="/settings/billing#invoices-h">Newest invoices</a></xsl:with-param>
            </xsl:call-template>
          </div>
        </xsl:when>
        <xsl:otherwise>
          <div class="card card-flush">
            <xsl:call-template name="empty-state">
              <xsl:with-param name="icon" select="'billing'"/>
              <xsl:with-param name="title" select="'No invoices yet'"/>
              <xsl:with-param name="text" select="'An upgrade and the start of each paid period issue one.'"/>
            </xsl:call-template>
          </div>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

</xsl:stylesheet>
