<?xml version="1.0" encoding="UTF-8"?>
<!--
  csv_uploads.xsl - page="csv-uploads" (fcgi/pages/csv_uploads.c),
  /settings/csv-uploads: the upload form, one upload (preview and column
  mapping, or progress, or the outcome with the error report, and the
  labels attached to it), and the list of uploads.  Progress without
  JavaScript: a Refresh link; with it, /static/data.js polls the /api twin
  of the page.  Its other page, csv-errors (the refused rows), is
  csv_uploads.csv.xsl (through csv.xsl).  time-short-of, date-of, count,
  property-type-label, file-field, empty-state, the pager and the label
  templates come from components.xsl.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <!-- one upload: its file name (the <title> too: no markup); else the list -->
  <xsl:template match="steward[@page='csv-uploads']" mode="page.title">
    <xsl:choose>
      <xsl:when test="csv-upload"><xsl:value-of select="csv-upload/@name"/></xsl:when>
      <xsl:otherwise>CSV Uploads</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="steward[@page='csv-uploads']" mode="page.lede">
    <xsl:choose>
      <xsl:when test="csv-upload">
        <xsl:for-each select="csv-upload">
          <p class="lede">
            <xsl:call-template name="csv.kind"/>
            <xsl:text> · uploaded </xsl:text>
            <xsl:for-each select="@created"><xsl:call-template name="date-of"/></xsl:for-each>
            <xsl:if test="@by != ''"> by <bdi><xsl:value-of select="@by"/></bdi></xsl:if>
            <xsl:text> · </xsl:text>
            <xsl:call-template name="count">
              <xsl:with-param name="n" select="@rows-total"/>
              <xsl:with-param name="one">row</xsl:with-param>
              <xsl:with-param name="many">rows</xsl:with-param>
            </xsl:call-template>
          </p>
          <xsl:if test="label"><p class="chips"><xsl:apply-templates select="label" mode="label-chip"/></p></xsl:if><!-- labels -->
        </xsl:for-each>
      </xsl:when>
      <xsl:otherwise>
        <p class="lede">Import user profiles or events into <bdi><xsl:value-of select="$account/@name"/></bdi> from a CSV file: upload it, map its columns, and follow the import.</p>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="steward[@page='csv-uploads']" mode="page.actions">
    <xsl:if test="csv-upload">
      <div class="actions"><a class="btn" href="/settings/csv-uploads">
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
        <span>All uploads</span>
      </a></div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="steward[@page='csv-uploads']" mode="page.body">
    <xsl:choose>
      <xsl:when test="csv-upload">
        <xsl:apply-templates select="csv-upload"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:apply-templates select="csv-form"/>
        <xsl:apply-templates select="csv-uploads"/>
      </xsl:otherwise>
    </xsl:choose>
    <script src="/static/data.js" defer="defer"></script>
  </xsl:template>

  <!-- ===================================================== upload form -->

  <xsl:template match="csv-form">
    <section class="card" aria-labelledby="upload-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'csv-uploads'"/></xsl:call-template></span>
        <div>
          <h2 id="upload-h">Upload a CSV file</h2>
          <p class="card-sub">A header row, then one row per profile or event; up to <xsl:value-of select="floor(@max-bytes div 1048576)"/> MB and <xsl:value-of select="@max-columns"/> columns, UTF-8.</p>
        </div>
      </div>
      <form class="stack" method="post" action="/settings/csv-uploads" enctype="multipart/form-data">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <fieldset class="field choice">
          <legend>The file holds</legend>
          <div class="radio-grid">
            <xsl:call-template name="csv.kind-radio">
              <xsl:with-param name="v" select="'profiles'"/>
              <xsl:with-param name="title" select="'User profiles'"/>
              <xsl:with-param name="hint" select="'one row per user: an identity and their properties'"/>
            </xsl:call-template>
            <xsl:call-template name="csv.kind-radio">
              <xsl:with-param name="v" select="'events'"/>
              <xsl:with-param name="title" select="'Events'"/>
              <xsl:with-param name="hint" select="'one row per event: an identity, the event name, its time and properties'"/>
            </xsl:call-template>
          </div>
          <xsl:call-template name="field-error"><xsl:with-param name="field" select="'kind'"/><xsl:with-param name="id" select="'kind'"/></xsl:call-template>
        </fieldset>
        <xsl:call-template name="file-field">
          <xsl:with-param name="id" select="'file'"/>
          <xsl:with-param name="name" select="'file'"/>
          <xsl:with-param name="label" select="'CSV file'"/>
          <xsl:with-param name="accept" select="'.csv,text/csv'"/>
          <xsl:with-param name="hint" select="'The first row names the columns; you map them to identities, events and properties next.'"/>
        </xsl:call-template>
        <div class="actions">
          <button class="btn btn-primary" type="submit">Upload</button>
        </div>
      </form>
    </section>
  </xsl:template>

  <!-- ============================================================ list -->

  <xsl:template match="csv-uploads">
    <xsl:variable name="filtered" select="/steward/label-filter/@selected != ''"/>
    <section class="card card-flush" aria-labelledby="uploads-h">
      <div class="toolbar"><h2 id="uploads-h" class="toolbar-title">Uploads</h2>
        <xsl:apply-templates select="/steward/label-filter" mode="label-filter"><xsl:with-param name="action" select="'/settings/csv-uploads'"/></xsl:apply-templates><!-- labels -->
      </div>
      <xsl:choose>
        <xsl:when test="not(upload) and $filtered">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'labels'"/>
            <xsl:with-param name="title">No uploads with this label</xsl:with-param>
            <xsl:with-param name="action"><a class="btn" href="/settings/csv-uploads">Show all uploads</a></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="not(upload) and pager/@page &gt; 1">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="title">Nothing on this page</xsl:with-param>
            <xsl:with-param name="action"><a class="btn" href="/settings/csv-uploads">Go to the first page</a></xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:when test="not(upload)">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="icon" select="'csv-uploads'"/>
            <xsl:with-param name="title">No uploads yet</xsl:with-param>
            <xsl:with-param name="text">Files you upload above are listed here with their progress and outcome.</xsl:with-param>
          </xsl:call-template>
        </xsl:when>
        <xsl:otherwise>
          <table class="table">
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Uploaded</th>
                <th scope="col">Status</th>
                <th scope="col" class="num">Imported</th>
                <th scope="col" class="num">Refused</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="upload">
                <tr>
                  <td class="cell-main">
                    <a class="break strong" href="/settings/csv-uploads?upload={@id}"><bdi><xsl:value-of select="@name"/></bdi></a>
                    <xsl:if test="label"><p class="chips"><xsl:apply-templates select="label" mode="label-chip"/></p></xsl:if><!-- labels -->
                  </td>
                  <td data-label="Kind"><xsl:call-template name="csv.kind"/></td>
                  <td data-label="Uploaded">
                    <xsl:for-each select="@created"><xsl:call-template name="time-short-of"/></xsl:for-each>
                    <xsl:if test="@by != ''"><span class="small muted"> by <bdi><xsl:value-of select="@by"/></bdi></span></xsl:if>
                  </td>
                  <td data-label="Status"><xsl:call-template name="csv.status"/></td>
                  <td class="num" data-label="Imported"><xsl:value-of select="format-number(@rows-imported, '#,##0')"/><span class="muted"> of <xsl:value-of select="format-number(@rows-total, '#,##0')"/></span></td>
                  <td class="num" data-label="Refused"><xsl:value-of select="format-number(@rows-refused, '#,##0')"/></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:apply-templates select="pager"><xsl:with-param name="label" select="'Pages of uploads'"/></xsl:apply-templates>
    </section>
  </xsl:template>

  <!-- ====================================================== one upload -->

  <xsl:template match="csv-upload">
    <xsl:variable name="busy" select="@status = 'queued' or @status = 'processing'"/>
    <xsl:choose>
      <xsl:when test="@file = 'missing'">
        <div class="alert" role="alert">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
          <span>The stored file of this upload is missing.</span>
        </div>
      </xsl:when>
      <xsl:when test="@status = 'uploaded' or @status = 'mapping'">
        <xsl:apply-templates select="." mode="mapping"/>
      </xsl:when>
      <xsl:otherwise>
        <section class="card" aria-labelledby="progress-h" id="progress"
                 data-poll="/api/settings/csv-uploads?upload={@id}">
          <xsl:if test="$busy"><xsl:attribute name="data-busy">yes</xsl:attribute></xsl:if>
          <div class="progress-head">
            <h2 id="progress-h" class="card-title">Import</h2>
            <span data-status=""><xsl:call-template name="csv.status"/></span>
          </div>
          <progress id="progress-bar" max="{@rows-total}" value="{@rows-done}" aria-labelledby="progress-h progress-text">
            <xsl:value-of select="@rows-done"/>
          </progress>
          <p id="progress-text" class="progress-text" aria-live="polite">
            <span data-done=""><xsl:value-of select="format-number(@rows-done, '#,##0')"/></span>
            <xsl:text> of </xsl:text>
            <xsl:value-of select="format-number(@rows-total, '#,##0')"/>
            <xsl:text> rows done · </xsl:text>
            <span data-imported=""><xsl:value-of select="format-number(@rows-imported, '#,##0')"/></span>
            <xsl:text> imported · </xsl:text>
            <span data-refused=""><xsl:value-of select="format-number(@rows-refused, '#,##0')"/></span>
            <xsl:text> refused</xsl:text>
            <xsl:if test="@rows-dropped &gt; 0">
              <xsl:text> · </xsl:text>
              <xsl:value-of select="format-number(@rows-dropped, '#,##0')"/>
              <xsl:text> dropped (discarded events or properties)</xsl:text>
            </xsl:if>
          </p>
          <xsl:if test="@error">
            <p class="field-error"><xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template><span><xsl:value-of select="@error"/></span></p>
          </xsl:if>
          <div class="actions">
            <xsl:if test="$busy">
              <a class="btn" href="/settings/csv-uploads?upload={@id}">Refresh</a>
            </xsl:if>
            <xsl:if test="@rows-refused &gt; 0 and not($busy)">
              <a class="btn btn-primary" href="/settings/csv-uploads/errors.csv?upload={@id}" download="">
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'download'"/></xsl:call-template>
                <span>Download the refused rows (CSV)</span>
              </a>
            </xsl:if>
          </div>
          <xsl:if test="@rows-refused &gt; 0 and not($busy)">
            <p class="hint">Row numbers count the header as row 1, as a spreadsheet does.</p>
          </xsl:if>
        </section>
        <xsl:apply-templates select="preview"/>
      </xsl:otherwise>
    </xsl:choose>
    <xsl:apply-templates select="/steward/label-options[@target = 'upload']" mode="labels.attach"/><!-- labels -->
  </xsl:template>

  <!-- the column mapping, with samples from the preview -->
  <xsl:template match="csv-upload" mode="mapping">
    <xsl:variable name="events" select="@kind = 'events'"/>
    <xsl:variable name="rows" select="preview/row"/>
    <section class="card card-flush" aria-labelledby="map-h">
      <div class="toolbar">
        <div>
          <h2 id="map-h" class="toolbar-title">Map the columns</h2>
          <p class="small muted">
            <xsl:choose>
              <xsl:when test="$events">Choose the identity, the event name and, if the file has one, the event time (seconds since 1970 or 2026-03-01T10:00:00Z); other columns become event properties or are ignored.</xsl:when>
              <xsl:otherwise>Choose the identity column; other columns become profile properties of the type you choose, or are ignored. Empty cells set nothing.</xsl:otherwise>
            </xsl:choose>
          </p>
        </div>
      </div>
      <form method="post" action="/settings/csv-uploads/map">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <input type="hidden" name="upload" value="{@id}"/>
        <div class="table-scroll">
          <table class="table table-map">
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">Import as</th>
                <th scope="col">Property name</th>
                <th scope="col">Type</th>
              </tr>
            </thead>
            <tbody>
              <xsl:for-each select="column">
                <xsl:variable name="i" select="@index"/>
                <tr>
                  <th scope="row" class="cell-main" data-label="Column">
                    <strong class="break"><bdi><xsl:value-of select="@header"/></bdi></strong>
                    <span class="samples small muted">
                      <xsl:for-each select="$rows[position() &lt;= 3]/cell[position() = $i + 1][. != '']">
                        <code class="chip"><xsl:value-of select="."/></code>
                        <xsl:text> </xsl:text>
                      </xsl:for-each>
                    </span>
                  </th>
                  <td data-label="Import as">
                    <label class="sr" for="col{$i}">Import column <xsl:value-of select="@header"/> as</label>
                    <div class="select">
                      <select id="col{$i}" name="col{$i}">
                        <xsl:call-template name="field-aria"><xsl:with-param name="field" select="concat('col', $i)"/><xsl:with-param name="id" select="concat('col', $i)"/></xsl:call-template>
                        <xsl:call-template name="csv.option"><xsl:with-param name="v" select="'identity'"/><xsl:with-param name="label">Identity</xsl:with-param></xsl:call-template>
                        <xsl:call-template name="csv.option"><xsl:with-param name="v" select="'property'"/><xsl:with-param name="label">Property</xsl:with-param></xsl:call-template>
                        <xsl:if test="$events">
                          <xsl:call-template name="csv.option"><xsl:with-param name="v" select="'event'"/><xsl:with-param name="label">Event name</xsl:with-param></xsl:call-template>
                          <xsl:call-template name="csv.option"><xsl:with-param name="v" select="'ts'"/><xsl:with-param name="label">Event time</xsl:with-param></xsl:call-template>
                        </xsl:if>
                        <xsl:call-template name="csv.option"><xsl:with-param name="v" select="'ignore'"/><xsl:with-param name="label">Ignore</xsl:with-param></xsl:call-template>
                      </select>
                      <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
                    </div>
                    <xsl:call-template name="field-error"><xsl:with-param name="field" select="concat('col', $i)"/><xsl:with-param name="id" select="concat('col', $i)"/></xsl:call-template>
                  </td>
                  <td data-label="Property name">
                    <label class="sr" for="name{$i}">Property name for column <xsl:value-of select="@header"/></label>
                    <input id="name{$i}" name="name{$i}" type="text" maxlength="120" value="{@name}">
                      <xsl:call-template name="field-aria"><xsl:with-param name="field" select="concat('name', $i)"/><xsl:with-param name="id" select="concat('name', $i)"/></xsl:call-template>
                    </input>
                    <xsl:call-template name="field-error"><xsl:with-param name="field" select="concat('name', $i)"/><xsl:with-param name="id" select="concat('name', $i)"/></xsl:call-template>
                  </td>
                  <td data-label="Type">
                    <label class="sr" for="type{$i}">Type of column <xsl:value-of select="@header"/></label>
                    <div class="select">
                      <select id="type{$i}" name="type{$i}">
                        <xsl:call-template name="field-aria"><xsl:with-param name="field" select="concat('type', $i)"/><xsl:with-param name="id" select="concat('type', $i)"/></xsl:call-template>
                        <xsl:variable name="t" select="@type"/>
                        <xsl:for-each select="str:split('string number boolean date list', ' ')">
                          <option value="{.}">
                            <xsl:if test=". = $t"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                            <xsl:call-template name="property-type-label"><xsl:with-param name="t" select="string(.)"/></xsl:call-template>
                          </option>
                        </xsl:for-each>
                      </select>
                      <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
                    </div>
                    <xsl:call-template name="field-error"><xsl:with-param name="field" select="concat('type', $i)"/><xsl:with-param name="id" select="concat('type', $i)"/></xsl:call-template>
                  </td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table>
        </div>
        <div class="actions form-foot">
          <button class="btn btn-primary" type="submit" name="action" value="start">Start import</button>
          <button class="btn" type="submit" name="action" value="save">Save mapping</button>
          <span class="hint">Lists: items separated by “;”. Booleans: true/false, yes/no, 1/0.</span>
        </div>
      </form>
    </section>
    <xsl:apply-templates select="preview"/>
  </xsl:template>

  <!-- the first rows of the file -->
  <xsl:template match="preview">
    <xsl:variable name="cols" select="../column"/>
    <section class="card card-flush" aria-labelledby="preview-h">
      <div class="toolbar">
        <h2 id="preview-h" class="toolbar-title">Preview: the first <xsl:value-of select="count(row)"/> rows</h2>
      </div>
      <div class="table-scroll preview-scroll" tabindex="0" aria-labelledby="preview-h">
        <table class="table table-preview">
          <thead>
            <tr>
              <th scope="col" class="num">Row</th>
              <xsl:for-each select="$cols"><th scope="col"><bdi><xsl:value-of select="@header"/></bdi></th></xsl:for-each>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="row">
              <tr>
                <th scope="row" class="num"><xsl:value-of select="@n"/></th>
                <xsl:choose>
                  <xsl:when test="@valid = 'no'">
                    <td colspan="{count($cols)}" class="muted">This row is not valid UTF-8 and will be refused.</td>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:for-each select="cell"><td><bdi><xsl:value-of select="."/></bdi></td></xsl:for-each>
                  </xsl:otherwise>
                </xsl:choose>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </div>
    </section>
  </xsl:template>

  <!-- ========================================================== labels -->

  <!-- the labels of a CSV upload, and the form to change them -->
  <xsl:template match="label-options" mode="labels.attach">
    <section class="card panel" aria-labelledby="attach-h">
      <h2 id="attach-h">Labels</h2>
      <xsl:choose>
        <xsl:when test="not(label)">
          <p>No labels yet. <a href="/settings/labels">Create labels</a> to group uploads and find them faster.</p>
        </xsl:when>
        <xsl:otherwise>
          <form class="stack" method="post" action="/settings/csv-uploads/labels">
            <input type="hidden" name="csrf" value="{$csrf}"/>
            <input type="hidden" name="upload" value="{@item}"/>
            <xsl:call-template name="label-checkboxes"><xsl:with-param name="options" select="."/></xsl:call-template>
            <div class="actions"><button class="btn" type="submit">Save labels</button></div>
          </form>
        </xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ========================================================= helpers -->

  <!-- a radio card of the upload form's kind, with field-aria -->
  <xsl:template name="csv.kind-radio">
    <xsl:param name="v"/>
    <xsl:param name="title"/>
    <xsl:param name="hint"/>
    <label class="radio">
      <input type="radio" name="kind" value="{$v}">
        <xsl:if test="@kind = $v"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
        <xsl:call-template name="field-aria"><xsl:with-param name="field" select="'kind'"/><xsl:with-param name="id" select="'kind'"/></xsl:call-template>
      </input>
      <span><strong><xsl:value-of select="$title"/></strong><span class="hint"><xsl:value-of select="$hint"/></span></span>
    </label>
  </xsl:template>

  <xsl:template name="csv.option">
    <xsl:param name="v"/>
    <xsl:param name="label"/>
    <option value="{$v}">
      <xsl:if test="@target = $v"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="$label"/>
    </option>
  </xsl:template>

  <xsl:template name="csv.kind">
    <xsl:choose>
      <xsl:when test="@kind = 'events'">Events</xsl:when>
      <xsl:otherwise>User profiles</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="csv.status">
    <xsl:choose>
      <xsl:when test="@status = 'uploaded'"><span class="badge">Uploaded</span></xsl:when>
      <xsl:when test="@status = 'mapping'"><span class="badge">Mapping</span></xsl:when>
      <xsl:when test="@status = 'queued'"><span class="badge badge-accent">Queued</span></xsl:when>
      <xsl:when test="@status = 'processing'"><span class="badge badge-accent">Processing</span></xsl:when>
      <xsl:when test="@status = 'completed'"><span class="badge badge-ok">Completed</span></xsl:when>
      <xsl:when test="@status = 'completed-with-errors'"><span class="badge badge-warn">Completed with errors</span></xsl:when>
      <xsl:otherwise><span class="badge badge-danger">Failed</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

</xsl:stylesheet>
