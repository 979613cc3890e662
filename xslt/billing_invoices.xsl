<?xml version="1.0" encoding="UTF-8"?>
<!--
  billing_invoices.xsl - page="invoice" (fcgi/pages/billing_invoices.c),
  /settings/billing/invoices/ID: one invoice, printable (@media print in
  43-billing.css; the frame's header, navigation and breadcrumb are not
  printed, its <h1> "Invoice N" is the sheet's title).  Its other page,
  invoices-csv, is billing_invoices.csv.xsl (through csv.xsl).  money,
  date, time-long and badge-invoice come from components.xsl.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

  <xsl:template match="steward[@page='invoice']" mode="page.title">Invoice <xsl:value-of select="invoice/@ref"/></xsl:template>

  <xsl:template match="steward[@page='invoice']" mode="page.body">
    <xsl:variable name="i" select="invoice"/>
    <article class="card invoice-sheet" aria-label="Invoice {$i/@ref}">
      <header class="invoice-top">
        <p class="invoice-issuer">
          <xsl:call-template name="logo"/>
          <span>Steward</span>
        </p>
        <xsl:for-each select="$i"><xsl:call-template name="badge-invoice"/></xsl:for-each>
      </header>
      <div class="invoice-meta">
        <section aria-labelledby="billto-h">
          <h2 id="billto-h" class="section-title">Bill to</h2>
          <xsl:for-each select="$i/bill-to">
            <address class="bill-to">
              <strong><bdi><xsl:value-of select="@name"/></bdi></strong>
              <xsl:if test="@contact != ''"><br/><xsl:text>Attn. </xsl:text><bdi><xsl:value-of select="@contact"/></bdi></xsl:if>
              <xsl:if test="@address != ''"><br/><span class="pre"><xsl:value-of select="@address"/></span></xsl:if>
              <xsl:if test="@country-name != ''"><br/><xsl:value-of select="@country-name"/></xsl:if>
              <xsl:if test="@email != ''"><br/><xsl:value-of select="@email"/></xsl:if>
              <xsl:if test="@tax-id != ''"><br/><xsl:text>Tax ID </xsl:text><xsl:value-of select="@tax-id"/></xsl:if>
            </address>
          </xsl:for-each>
        </section>
        <dl class="kv invoice-kv">
          <div><dt>Invoice number</dt><dd><xsl:value-of select="$i/@ref"/></dd></div>
          <div><dt>Issued</dt><dd><xsl:call-template name="time-long"><xsl:with-param name="t" select="$i/@issued"/></xsl:call-template></dd></div>
          <div><dt>Due</dt><dd><xsl:call-template name="time-long"><xsl:with-param name="t" select="$i/@due"/></xsl:call-template></dd></div>
          <div>
            <dt>Period</dt>
            <dd>
              <xsl:for-each select="$i/@period-start"><xsl:call-template name="date-of"/></xsl:for-each>
              <xsl:text> – </xsl:text>
              <xsl:for-each select="$i/@period-end"><xsl:call-template name="date-of"/></xsl:for-each>
            </dd>
          </div>
        </dl>
      </div>
      <div class="table-card invoice-table">
        <table class="table invoice-lines">
          <thead>
            <tr>
              <th scope="col">Description</th>
              <th scope="col" class="num">Quantity</th>
              <th scope="col" class="num">Unit price</th>
              <th scope="col" class="num">Amount</th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="$i/line">
              <tr>
                <td data-label="Description"><xsl:value-of select="@description"/></td>
                <td class="num" data-label="Quantity"><xsl:value-of select="@quantity"/></td>
                <td class="num" data-label="Unit price"><xsl:call-template name="money"><xsl:with-param name="minor" select="@unit"/><xsl:with-param name="currency" select="$i/@currency"/></xsl:call-template></td>
                <td class="num" data-label="Amount"><xsl:call-template name="money"><xsl:with-param name="minor" select="@amount"/><xsl:with-param name="currency" select="$i/@currency"/></xsl:call-template></td>
              </tr>
            </xsl:for-each>
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colspan="3">Total</th>
              <td class="num invoice-total"><xsl:call-template name="money"><xsl:with-param name="minor" select="$i/@total"/><xsl:with-param name="currency" select="$i/@currency"/></xsl:call-template></td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p class="hint no-print">Print it or save it as PDF with your browser's Print command (Ctrl+P, ⌘P).</p>
    </article>
  </xsl:template>

</xsl:stylesheet>
