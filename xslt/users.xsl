<?xml version="1.0" encoding="UTF-8"?>
<!--
  users.xsl - page="users", /settings/users: the members and open
  invitations of the account (search, filters, sort, the pager), the bulk
  invite form, and what can be done to one row: a member's role, removal
  and "Reset 2-step verification"; an invitation's resend, copy link and
  revoke.  Drawn by fcgi/pages/users.c (and users_invite.c,
  users_invitations.c, which draw it again with errors or a copied link);
  users-csv is users.csv.xsl.
  Imported by site.xsl (globals $me $account $can $csrf, key 'error',
  templates icon / field-aria / field-error / role-label-of; time-short-of,
  date-of, empty-state and the pager from components.xsl).

  A lean list: a row carries no form, no token and no menu.  Its name is a
  button of the one GET form "f-open" (the list's filters once, as hidden
  fields) that opens the row: the page comes back with users/@open-member
  or @open-invitation and draws, under that row only, its panel of
  actions - one small POST form per action, each with the token once.
  Works the same with and without JavaScript (the copy-link button then
  copies in place, app.js).
  What a role may do comes from <can> and the rows' @grantable, never from
  the role itself.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:variable name="users" select="/steward/users"/>
  <xsl:variable name="users.pager" select="/steward/pager"/>
  <!-- worked out once for the rows: whether the viewer manages members
       (a member's name then opens its row), and the open member's id
       (only when they do) -->
  <xsl:variable name="users.manage" select="$can/@manage-users = 'yes'"/>
  <xsl:variable name="users.open-member" select="$users/@open-member[$users.manage]"/>

  <xsl:template match="steward[@page='users']" mode="page.title">Users</xsl:template>

  <xsl:template match="steward[@page='users']" mode="page.lede">
    <p class="lede">
      <xsl:text>People who can sign in to </xsl:text>
      <bdi><xsl:value-of select="$account/@name"/></bdi>
      <xsl:text>: </xsl:text>
      <strong><xsl:value-of select="format-number($users/@members, '#,##0')"/></strong>
      <xsl:choose>
        <xsl:when test="$users/@members = 1"> member</xsl:when>
        <xsl:otherwise> members</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$users/@pending &gt; 0">
        <xsl:text> and </xsl:text>
        <a href="/settings/users?status=invited">
          <xsl:call-template name="count">
            <xsl:with-param name="n" select="$users/@pending"/>
            <xsl:with-param name="one" select="'open invitation'"/>
            <xsl:with-param name="many" select="'open invitations'"/>
          </xsl:call-template>
        </a>
      </xsl:if>
      <xsl:text>.</xsl:text>
    </p>
  </xsl:template>

  <xsl:template match="steward[@page='users']" mode="page.actions">
    <div class="actions">
      <a class="btn">
        <xsl:attribute name="href">
          <xsl:call-template name="users.href"><xsl:with-param name="base" select="'/settings/users.csv'"/></xsl:call-template>
        </xsl:attribute>
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'download'"/></xsl:call-template>
        <span>Export CSV</span>
      </a>
    </div>
  </xsl:template>

  <xsl:template match="steward[@page='users']" mode="page.body">
    <xsl:apply-templates select="link"/>
    <xsl:apply-templates select="invite" mode="users"/>
    <xsl:call-template name="users.filters"/>
    <!-- the target of the summary's link for a refused row id -->
    <xsl:call-template name="field-error"><xsl:with-param name="field" select="'user'"/></xsl:call-template>
    <xsl:call-template name="field-error"><xsl:with-param name="field" select="'invitation'"/></xsl:call-template>
    <xsl:call-template name="users.table"/>
    <xsl:apply-templates select="pager">
      <xsl:with-param name="label" select="'Pages of the list'"/>
    </xsl:apply-templates>
    <xsl:call-template name="users.open-form"/>
  </xsl:template>

  <!-- ========================================================== links -->

  <!-- the list's address with the current filter (the export link) -->
  <xsl:template name="users.href">
    <xsl:param name="base" select="'/settings/users'"/>
    <xsl:value-of select="$base"/>
    <xsl:text>?sort=</xsl:text><xsl:value-of select="$users/@sort"/>
    <xsl:text>&amp;order=</xsl:text><xsl:value-of select="$users/@order"/>
    <xsl:if test="$users/@q != '' and $users/@refused = 'no'">
      <xsl:text>&amp;q=</xsl:text><xsl:value-of select="str:encode-uri($users/@q, true())"/>
    </xsl:if>
    <xsl:if test="$users/@role != ''">
      <xsl:text>&amp;role=</xsl:text><xsl:value-of select="$users/@role"/>
    </xsl:if>
    <xsl:if test="$users/@status != ''">
      <xsl:text>&amp;status=</xsl:text><xsl:value-of select="$users/@status"/>
    </xsl:if>
  </xsl:template>

  <!-- the page as it is shown, without an open row (the pager's kept
       fields and page): where "Close" and the 2-step reset go back to -->
  <xsl:template name="users.here">
    <xsl:text>/settings/users?</xsl:text>
    <xsl:for-each select="$users.pager/keep">
      <xsl:value-of select="concat(@name, '=', str:encode-uri(@value, true()), '&amp;')"/>
    </xsl:for-each>
    <xsl:text>page=</xsl:text><xsl:value-of select="$users.pager/@page"/>
  </xsl:template>

  <!-- The GET form a row's name button submits (name member or
       invitation, the id as value): the list as it is shown, once. -->
  <xsl:template name="users.open-form">
    <xsl:if test="$users.manage and ($users/member or $users/invitation) or $users/invitation[@grantable = 'yes']">
      <form id="f-open" method="get" action="/settings/users" hidden="hidden">
        <xsl:for-each select="$users.pager/keep">
          <input type="hidden" name="{@name}" value="{@value}"/>
        </xsl:for-each>
        <xsl:if test="$users.pager/@page &gt; 1">
          <input type="hidden" name="page" value="{$users.pager/@page}"/>
        </xsl:if>
      </form>
    </xsl:if>
  </xsl:template>

  <!-- ================================================== copied link -->

  <xsl:template match="link">
    <section class="card linkbox" aria-labelledby="link-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'link'"/></xsl:call-template></span>
        <div>
          <h2 id="link-h">Invitation link for <bdi><xsl:value-of select="@email"/></bdi></h2>
          <p class="card-sub">Send it yourself if the invitation mail does not arrive. Whoever opens it can join until it expires; copying it was recorded in the audit log.</p>
        </div>
      </div>
      <div class="copy-row">
        <label class="sr" for="invite-link">Invitation link</label>
        <input id="invite-link" type="text" readonly="readonly" class="mono" value="{@href}" data-copy-source="yes"/>
        <button class="btn" type="button" data-copy="invite-link" hidden="hidden">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'copy'"/></xsl:call-template>
          <span>Copy</span>
        </button>
      </div>
      <p class="hint" id="invite-link-note" role="status"></p>
    </section>
  </xsl:template>

  <!-- ==================================================== invite form -->

  <xsl:template match="invite" mode="users">
    <xsl:variable name="open" select="@message != '' or key('error', 'message')"/>
    <section class="card invite-card" aria-labelledby="invite-h">
      <div class="card-head">
        <span class="card-icon"><xsl:call-template name="icon"><xsl:with-param name="name" select="'mail'"/></xsl:call-template></span>
        <div>
          <h2 id="invite-h">Invite users</h2>
          <p class="card-sub">Up to <xsl:value-of select="@max"/> addresses at once, separated by commas or new lines. Each gets an email with a link that works for 7 days.</p>
        </div>
      </div>
      <form class="invite-grid" method="post" action="/settings/users/invite">
        <input type="hidden" name="csrf" value="{$csrf}"/>
        <div class="field invite-emails">
          <label for="invite-emails">Email addresses</label>
          <textarea id="invite-emails" name="emails" rows="3" required="required"
                    spellcheck="false" autocomplete="off" maxlength="8000"
                    placeholder="ann@example.com, bob@example.com">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'emails'"/>
              <xsl:with-param name="id" select="'invite-emails'"/>
            </xsl:call-template>
            <xsl:value-of select="@emails"/>
          </textarea>
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'emails'"/>
            <xsl:with-param name="id" select="'invite-emails'"/>
          </xsl:call-template>
        </div>
        <div class="field invite-role">
          <label for="invite-role">Role</label>
          <div class="select">
            <select id="invite-role" name="role">
              <xsl:if test="$users/@refused = 'no'">
                <xsl:call-template name="field-aria">
                  <xsl:with-param name="field" select="'role'"/>
                  <xsl:with-param name="id" select="'invite-role'"/>
                </xsl:call-template>
              </xsl:if>
              <xsl:for-each select="role">
                <option value="{@value}">
                  <xsl:if test="@value = ../@role"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                  <xsl:value-of select="."/>
                </option>
              </xsl:for-each>
            </select>
            <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
          </div>
          <xsl:if test="$users/@refused = 'no'">
            <xsl:call-template name="field-error">
              <xsl:with-param name="field" select="'role'"/>
              <xsl:with-param name="id" select="'invite-role'"/>
            </xsl:call-template>
          </xsl:if>
        </div>
        <div class="invite-send">
          <button class="btn btn-primary" type="submit">Send invitations</button>
        </div>
        <details class="invite-message">
          <xsl:if test="$open"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary>Add a personal message <span class="muted">(optional)</span></summary>
          <div class="field">
            <label for="invite-message" class="sr">Personal message</label>
            <textarea id="invite-message" name="message" rows="3" maxlength="1000"
                      placeholder="Welcome aboard! This is where we keep our analytics.">
              <xsl:call-template name="field-aria">
                <xsl:with-param name="field" select="'message'"/>
                <xsl:with-param name="id" select="'invite-message'"/>
              </xsl:call-template>
              <xsl:value-of select="@message"/>
            </textarea>
            <xsl:call-template name="field-error">
              <xsl:with-param name="field" select="'message'"/>
              <xsl:with-param name="id" select="'invite-message'"/>
            </xsl:call-template>
          </div>
        </details>
      </form>
      <xsl:if test="result">
        <div class="results" role="region" aria-label="Result per address">
          <h3 class="results-h">Nothing was sent yet. Per address:</h3>
          <ul class="results-list">
            <xsl:for-each select="result">
              <li class="result result-{@outcome}">
                <span class="result-email"><bdi><xsl:value-of select="@email"/></bdi></span>
                <xsl:choose>
                  <xsl:when test="@outcome = 'refused'"><span class="badge badge-danger">Refused</span></xsl:when>
                  <xsl:when test="@outcome = 'member'"><span class="badge">Already a member</span></xsl:when>
                  <xsl:otherwise><span class="badge badge-ok">Ready to invite</span></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="normalize-space(.)"><span class="result-why"><xsl:value-of select="."/></span></xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </div>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- ======================================================== filters -->

  <xsl:template name="users.filters">
    <form class="filters" method="get" action="/settings/users" role="search" aria-label="Find users">
      <input type="hidden" name="sort" value="{$users/@sort}"/>
      <input type="hidden" name="order" value="{$users/@order}"/>
      <div class="field filter-q">
        <label for="f-q">Search</label>
        <input id="f-q" name="q" type="search" maxlength="100" placeholder="Name or email" value="{$users/@q}">
          <xsl:call-template name="field-aria">
            <xsl:with-param name="field" select="'q'"/>
            <xsl:with-param name="id" select="'f-q'"/>
          </xsl:call-template>
        </input>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'q'"/>
          <xsl:with-param name="id" select="'f-q'"/>
        </xsl:call-template>
      </div>
      <div class="field">
        <label for="f-role">Role</label>
        <div class="select">
          <select id="f-role" name="role">
            <xsl:if test="$users/@refused = 'yes'">
              <xsl:call-template name="field-aria">
                <xsl:with-param name="field" select="'role'"/>
                <xsl:with-param name="id" select="'f-role'"/>
              </xsl:call-template>
            </xsl:if>
            <option value="">Any role</option>
            <option value="admin"><xsl:if test="$users/@role = 'admin'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Admin</option>
            <option value="creator"><xsl:if test="$users/@role = 'creator'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Creator</option>
            <option value="member"><xsl:if test="$users/@role = 'member'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Member</option>
            <option value="agent"><xsl:if test="$users/@role = 'agent'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Agent</option>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <xsl:if test="$users/@refused = 'yes'">
          <xsl:call-template name="field-error">
            <xsl:with-param name="field" select="'role'"/>
            <xsl:with-param name="id" select="'f-role'"/>
          </xsl:call-template>
        </xsl:if>
      </div>
      <div class="field">
        <label for="f-status">Status</label>
        <div class="select">
          <select id="f-status" name="status">
            <xsl:call-template name="field-aria">
              <xsl:with-param name="field" select="'status'"/>
              <xsl:with-param name="id" select="'f-status'"/>
            </xsl:call-template>
            <option value="">Any status</option>
            <option value="active"><xsl:if test="$users/@status = 'active'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Active</option>
            <option value="locked"><xsl:if test="$users/@status = 'locked'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Locked</option>
            <option value="invited"><xsl:if test="$users/@status = 'invited'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Invited</option>
            <option value="expired"><xsl:if test="$users/@status = 'expired'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Expired</option>
          </select>
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
        </div>
        <xsl:call-template name="field-error">
          <xsl:with-param name="field" select="'status'"/>
          <xsl:with-param name="id" select="'f-status'"/>
        </xsl:call-template>
      </div>
      <div class="filter-actions">
        <button class="btn" type="submit">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'search'"/></xsl:call-template>
          <span>Apply</span>
        </button>
        <xsl:if test="$users/@q != '' or $users/@role != '' or $users/@status != ''">
          <a class="btn btn-ghost" href="/settings/users">Clear</a>
        </xsl:if>
      </div>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'sort'"/></xsl:call-template>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'order'"/></xsl:call-template>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'page'"/></xsl:call-template>
      <xsl:call-template name="field-error"><xsl:with-param name="field" select="'member'"/></xsl:call-template>
    </form>
  </xsl:template>



  <!-- ========================================================== table -->

  <!-- a sortable column head: a link that sorts by key, or reverses -->
  <xsl:template name="users.th">
    <xsl:param name="key"/>
    <xsl:param name="label"/>
    <xsl:variable name="cur" select="$users/@sort = $key"/>
    <th scope="col">
      <xsl:if test="$cur">
        <xsl:attribute name="aria-sort">
          <xsl:choose>
            <xsl:when test="$users/@order = 'asc'">ascending</xsl:when>
            <xsl:otherwise>descending</xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </xsl:if>
      <a class="sort">
        <xsl:attribute name="href">
          <xsl:text>/settings/users?sort=</xsl:text><xsl:value-of select="$key"/>
          <xsl:text>&amp;order=</xsl:text>
          <xsl:choose>
            <xsl:when test="$cur and $users/@order = 'asc'">desc</xsl:when>
            <xsl:otherwise>asc</xsl:otherwise>
          </xsl:choose>
          <xsl:for-each select="$users.pager/keep[@name != 'sort' and @name != 'order']">
            <xsl:value-of select="concat('&amp;', @name, '=', str:encode-uri(@value, true()))"/>
          </xsl:for-each>
        </xsl:attribute>
        <span><xsl:value-of select="$label"/></span>
        <xsl:if test="$cur">
          <xsl:call-template name="icon">
            <xsl:with-param name="name">
              <xsl:choose>
                <xsl:when test="$users/@order = 'asc'">arrow-up</xsl:when>
                <xsl:otherwise>arrow-down</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
        </xsl:if>
      </a>
    </th>
  </xsl:template>

  <xsl:template name="users.table">
    <xsl:variable name="rows" select="$users/member | $users/invitation"/>
    <xsl:choose>
      <xsl:when test="not($rows)">
        <div class="card">
          <xsl:call-template name="empty-state">
            <xsl:with-param name="title" select="'Nobody matches.'"/>
            <xsl:with-param name="text">
              <xsl:text>Change the search or the filters</xsl:text>
              <xsl:if test="$users.pager/@page &gt; 1">, or go back to the first page</xsl:if>
              <xsl:text>.</xsl:text>
            </xsl:with-param>
            <xsl:with-param name="action">
              <a class="btn" href="/settings/users">Show everyone</a>
            </xsl:with-param>
          </xsl:call-template>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <div class="table-card">
          <table class="table users-table">
            <caption class="sr">Members and invitations of <xsl:value-of select="$account/@name"/></caption>
            <thead>
              <tr>
                <xsl:call-template name="users.th"><xsl:with-param name="key" select="'name'"/><xsl:with-param name="label" select="'Name'"/></xsl:call-template>
                <xsl:call-template name="users.th"><xsl:with-param name="key" select="'role'"/><xsl:with-param name="label" select="'Role'"/></xsl:call-template>
                <th scope="col">Status</th>
                <xsl:call-template name="users.th"><xsl:with-param name="key" select="'last-login'"/><xsl:with-param name="label" select="'Last sign-in'"/></xsl:call-template>
                <xsl:call-template name="users.th"><xsl:with-param name="key" select="'since'"/><xsl:with-param name="label" select="'Member since'"/></xsl:call-template>
              </tr>
            </thead>
            <tbody>
              <xsl:apply-templates select="$rows" mode="users.row"/>
            </tbody>
          </table>
        </div>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A member's row.  The list draws 50 of them, and libxslt spends
       more on each XPath evaluation, template parameter and result-tree
       variable than on the bytes they write: the row reads the page-wide
       tests worked out once ($users.manage, $users.open-member), tests
       whether it is the open row once, and hands its time attributes to
       the components as the context node (no parameters). -->
  <xsl:template match="member" mode="users.row">
    <xsl:choose>
      <xsl:when test="@id = $users.open-member"><xsl:call-template name="users.member-open"/></xsl:when>
      <xsl:otherwise>
        <tr id="member-{@id}">
          <td>
            <!-- the name: the button that opens the row's panel, or
                 plain text when nothing can be done -->
            <xsl:choose>
              <xsl:when test="$users.manage">
                <button form="f-open" name="member" value="{@id}" class="who-btn">
                  <bdi><xsl:call-template name="users.member-label"/></bdi>
                </button>
              </xsl:when>
              <xsl:otherwise><bdi class="who-name"><xsl:call-template name="users.member-label"/></bdi></xsl:otherwise>
            </xsl:choose>
            <xsl:call-template name="users.member-who"/>
          </td>
          <xsl:call-template name="users.member-cells"/>
        </tr>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- the open member's row (its name button closes the panel), then
       the panel -->
  <xsl:template name="users.member-open">
    <tr id="member-{@id}" class="is-open">
      <td>
        <button form="f-open" class="who-btn" aria-expanded="true" aria-controls="manage">
          <bdi><xsl:call-template name="users.member-label"/></bdi>
        </button>
        <xsl:call-template name="users.member-who"/>
      </td>
      <xsl:call-template name="users.member-cells"/>
    </tr>
    <xsl:call-template name="users.member-panel"/>
  </xsl:template>

  <!-- under a member's name: "You" on the viewer's own row, the email -->
  <xsl:template name="users.member-who">
    <xsl:if test="@self = 'yes'"><xsl:text> </xsl:text><span class="badge badge-accent">You</span></xsl:if>
    <span class="who-email"><xsl:value-of select="@email"/></span>
  </xsl:template>

  <!-- a member's cells after the name -->
  <xsl:template name="users.member-cells">
    <td data-label="Role"><xsl:for-each select="@role"><xsl:call-template name="role-label-of"/></xsl:for-each></td>
    <td data-label="Status">
      <xsl:choose>
        <xsl:when test="@status = 'locked'"><span class="badge badge-danger">Locked</span></xsl:when>
        <xsl:otherwise><span class="badge badge-ok">Active</span></xsl:otherwise>
      </xsl:choose>
      <span class="two-step">
        <xsl:choose>
          <xsl:when test="@two-step = 'yes'">2-step on</xsl:when>
          <xsl:otherwise>2-step off</xsl:otherwise>
        </xsl:choose>
      </span>
    </td>
    <td data-label="Last sign-in">
      <xsl:choose>
        <xsl:when test="@last-login"><xsl:for-each select="@last-login"><xsl:call-template name="time-short-of"/></xsl:for-each></xsl:when>
        <xsl:otherwise><span class="muted">Never</span></xsl:otherwise>
      </xsl:choose>
    </td>
    <td data-label="Member since"><xsl:for-each select="@since"><xsl:call-template name="date-of"/></xsl:for-each></td>
  </xsl:template>

  <!-- a member's name, or its email when it has none -->
  <xsl:template name="users.member-label">
    <xsl:choose>
      <xsl:when test="@name != ''"><xsl:value-of select="@name"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="@email"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- one action of an open row: a POST form with the token once; the
       button carries the row's id (name/value) -->
  <xsl:template name="users.action">
    <xsl:param name="action"/>
    <xsl:param name="name"/>
    <xsl:param name="class" select="'btn btn-sm'"/>
    <xsl:param name="icon"/>
    <xsl:param name="text"/>
    <xsl:param name="note" select="''"/>
    <xsl:param name="back" select="false()"/>
    <xsl:param name="copy" select="false()"/>
    <form class="manage-action" method="post" action="{$action}">
      <input type="hidden" name="csrf" value="{$csrf}"/>
      <xsl:if test="$back">
        <input type="hidden" name="back"><xsl:attribute name="value"><xsl:call-template name="users.here"/></xsl:attribute></input>
      </xsl:if>
      <button class="{$class}" type="submit" name="{$name}" value="{@id}">
        <xsl:if test="$copy"><xsl:attribute name="data-copy-link">yes</xsl:attribute></xsl:if>
        <xsl:call-template name="icon"><xsl:with-param name="name" select="$icon"/></xsl:call-template>
        <span><xsl:copy-of select="$text"/></span>
      </button>
      <xsl:if test="$note != ''"><p class="hint"><xsl:value-of select="$note"/></p></xsl:if>
    </form>
  </xsl:template>

  <!-- the frame of an open row's panel: a row of one cell under it -->
  <xsl:template name="users.panel">
    <xsl:param name="title"/>
    <xsl:param name="body"/>
    <tr class="row-panel">
      <td colspan="5">
        <section id="manage" class="manage" aria-labelledby="manage-h">
          <h2 id="manage-h" class="manage-title"><xsl:copy-of select="$title"/></h2>
          <div class="manage-actions">
            <xsl:copy-of select="$body"/>
          </div>
          <a class="btn btn-sm btn-ghost manage-close">
            <xsl:attribute name="href"><xsl:call-template name="users.here"/></xsl:attribute>
            <span>Close</span>
          </a>
        </section>
      </td>
    </tr>
  </xsl:template>

  <xsl:template name="users.member-panel">
    <xsl:variable name="m" select="."/>
    <xsl:call-template name="users.panel">
      <xsl:with-param name="title">Manage <bdi><xsl:call-template name="users.member-label"/></bdi></xsl:with-param>
      <xsl:with-param name="body">
        <form class="manage-role" method="post" action="/settings/users/role">
          <input type="hidden" name="csrf" value="{$csrf}"/>
          <div class="field">
            <label for="m-role">Role</label>
            <div class="select select-sm">
              <select id="m-role" name="role" autofocus="autofocus">
                <option value="admin"><xsl:if test="$m/@role = 'admin'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Admin</option>
                <option value="creator"><xsl:if test="$m/@role = 'creator'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Creator</option>
                <option value="member"><xsl:if test="$m/@role = 'member'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Member</option>
                <option value="agent"><xsl:if test="$m/@role = 'agent'"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>Agent</option>
              </select>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
            </div>
          </div>
          <button class="btn btn-sm btn-primary" type="submit" name="user" value="{$m/@id}">Save role</button>
        </form>
        <xsl:if test="$m/@two-step = 'yes' and $m/@self = 'no'">
          <xsl:call-template name="users.action">
            <xsl:with-param name="action" select="'/settings/users/2fa-reset'"/>
            <xsl:with-param name="name" select="'user'"/>
            <xsl:with-param name="icon" select="'password'"/>
            <xsl:with-param name="text">Reset 2-step verification</xsl:with-param>
            <xsl:with-param name="note" select="'They set it up again at their next sign-in.'"/>
            <xsl:with-param name="back" select="true()"/>
          </xsl:call-template>
        </xsl:if>
        <xsl:if test="$m/@self = 'no'">
          <xsl:call-template name="users.action">
            <xsl:with-param name="action" select="'/settings/users/remove'"/>
            <xsl:with-param name="name" select="'user'"/>
            <xsl:with-param name="class" select="'btn btn-sm btn-danger-quiet'"/>
            <xsl:with-param name="icon" select="'logout'"/>
            <xsl:with-param name="text">Remove from <bdi><xsl:value-of select="$account/@name"/></bdi></xsl:with-param>
            <xsl:with-param name="note" select="'Their sessions here end at once.'"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- ================================================== an invitation -->

  <xsl:template match="invitation" mode="users.row">
    <xsl:variable name="active" select="@grantable = 'yes' or $users.manage"/>
    <xsl:variable name="open" select="@id = $users/@open-invitation and $active"/>
    <tr id="invitation-{@id}">
      <xsl:attribute name="class">row-invitation<xsl:if test="$open"> is-open</xsl:if></xsl:attribute>
      <td>
        <xsl:choose>
          <xsl:when test="$open">
            <button form="f-open" class="who-btn" aria-expanded="true" aria-controls="manage">
              <bdi><xsl:value-of select="@email"/></bdi>
            </button>
          </xsl:when>
          <xsl:when test="$active">
            <button form="f-open" name="invitation" value="{@id}" class="who-btn">
              <bdi><xsl:value-of select="@email"/></bdi>
            </button>
          </xsl:when>
          <xsl:otherwise><bdi class="who-name"><xsl:value-of select="@email"/></bdi></xsl:otherwise>
        </xsl:choose>
        <span class="who-email">
          <xsl:text>Invited</xsl:text>
          <xsl:if test="@invited-by != ''"> by <bdi><xsl:value-of select="@invited-by"/></bdi></xsl:if>
        </span>
      </td>
      <td data-label="Role"><xsl:for-each select="@role"><xsl:call-template name="role-label-of"/></xsl:for-each></td>
      <td data-label="Status">
        <xsl:choose>
          <xsl:when test="@status = 'expired'">
            <span class="badge badge-warn">Expired</span>
            <span class="two-step">since <xsl:for-each select="@expires"><xsl:call-template name="date-of"/></xsl:for-each></span>
          </xsl:when>
          <xsl:otherwise>
            <span class="badge badge-accent">Invited</span>
            <span class="two-step">expires <xsl:for-each select="@expires"><xsl:call-template name="time-short-of"/></xsl:for-each></span>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="Last sign-in"><span class="muted">Not yet</span></td>
      <td data-label="Invited"><xsl:for-each select="@sent"><xsl:call-template name="date-of"/></xsl:for-each></td>
    </tr>
    <xsl:if test="$open">
      <xsl:call-template name="users.invitation-panel"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="users.invitation-panel">
    <xsl:call-template name="users.panel">
      <xsl:with-param name="title">Invitation of <bdi><xsl:value-of select="@email"/></bdi></xsl:with-param>
      <xsl:with-param name="body">
          <xsl:if test="@grantable = 'yes'">
            <xsl:call-template name="users.action">
              <xsl:with-param name="action" select="'/settings/users/invitations/resend'"/>
              <xsl:with-param name="name" select="'invitation'"/>
              <xsl:with-param name="icon" select="'mail'"/>
              <xsl:with-param name="text">Resend</xsl:with-param>
              <xsl:with-param name="note" select="'A new link for 7 days; the old one stops working.'"/>
            </xsl:call-template>
            <xsl:if test="@status = 'invited'">
              <xsl:call-template name="users.action">
                <xsl:with-param name="action" select="'/settings/users/invitations/link'"/>
                <xsl:with-param name="name" select="'invitation'"/>
                <xsl:with-param name="icon" select="'link'"/>
                <xsl:with-param name="text">Copy link</xsl:with-param>
                <xsl:with-param name="note" select="'To send it yourself; recorded in the audit log.'"/>
                <xsl:with-param name="copy" select="true()"/>
              </xsl:call-template>
            </xsl:if>
          </xsl:if>
          <xsl:if test="$can/@manage-users = 'yes'">
            <xsl:call-template name="users.action">
              <xsl:with-param name="action" select="'/settings/users/invitations/revoke'"/>
              <xsl:with-param name="name" select="'invitation'"/>
              <xsl:with-param name="class" select="'btn btn-sm btn-danger-quiet'"/>
              <xsl:with-param name="icon" select="'alert'"/>
              <xsl:with-param name="text">Revoke</xsl:with-param>
              <xsl:with-param name="note" select="'The link stops working.'"/>
            </xsl:call-template>
          </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

</xsl:stylesheet>
