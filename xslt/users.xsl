<?xml version="1.0" encoding="UTF-8"?>
<!--
  users.xsl - page="users", /settings/users: the members and open
  invitations of the account (search, filters, sort, pages), the bulk
  invite form, role changes, removal, resend / revoke / copy link, and
  "Reset 2-step verification" (posted to fcgi/pages/profile_2fa.c).
  Drawn by fcgi/pages/users.c (and users_invite.c, which draws it again
  with the errors of the invite form); users-csv is users.csv.xsl.
  Imported by site.xsl (globals $me $account $can $csrf, key 'error',
  templates icon / field-aria / field-error / form-errors / role-label;
  users.time from components.xsl).
  What a role may do comes from <can> and the rows' @grantable, never from
  the role itself.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:str="http://exslt.org/strings"
    exclude-result-prefixes="str">

  <xsl:variable name="users" select="/steward/users"/>

  <xsl:template match="steward[@page='users']" mode="page.title">Users</xsl:template>

  <xsl:template match="steward[@page='users']" mode="page.body">
    <xsl:variable name="filter-fields" select="'|q|status|sort|order|page|'"/>
    <div class="page-head page-head-row">
      <div>
        <p class="crumb"><a href="/settings">Account Settings</a></p>
        <h1>Users</h1>
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
            <a href="/settings/users?status=invited"><xsl:value-of select="$users/@pending"/>
              <xsl:choose>
                <xsl:when test="$users/@pending = 1"> open invitation</xsl:when>
                <xsl:otherwise> open invitations</xsl:otherwise>
              </xsl:choose></a>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </p>
      </div>
      <a class="btn">
        <xsl:attribute name="href">
          <xsl:call-template name="users.href"><xsl:with-param name="base" select="'/settings/users.csv'"/></xsl:call-template>
        </xsl:attribute>
        <xsl:call-template name="icon"><xsl:with-param name="name" select="'download'"/></xsl:call-template>
        <span>Export CSV</span>
      </a>
    </div>

    <!-- errors no field below shows (role changes, removals, links) -->
    <xsl:call-template name="form-errors">
      <xsl:with-param name="errors" select="errors/error[not(@field) or (@field != 'emails' and @field != 'role' and @field != 'message' and not(contains($filter-fields, concat('|', @field, '|'))))]"/>
    </xsl:call-template>

    <xsl:apply-templates select="link"/>
    <xsl:apply-templates select="invite" mode="users"/>
    <xsl:call-template name="users.filters"/>
    <xsl:call-template name="users.table"/>
    <xsl:call-template name="users.pager"/>
    <xsl:call-template name="users.action-forms"/>
  </xsl:template>

  <!-- One form per row action, the token once: a row's button names it
       (form="…") and carries the id as its own name and value, so 50 rows
       do not repeat 50 tokens. -->
  <xsl:template name="users.action-form">
    <xsl:param name="id"/>
    <xsl:param name="action"/>
    <form id="{$id}" method="post" action="{$action}" hidden="hidden">
      <input type="hidden" name="csrf" value="{$csrf}"/>
    </form>
  </xsl:template>

  <xsl:template name="users.action-forms">
    <xsl:if test="$can/@manage-users = 'yes'">
      <xsl:call-template name="users.action-form"><xsl:with-param name="id" select="'f-remove'"/><xsl:with-param name="action" select="'/settings/users/remove'"/></xsl:call-template>
      <xsl:call-template name="users.action-form"><xsl:with-param name="id" select="'f-2fa'"/><xsl:with-param name="action" select="'/settings/users/2fa-reset'"/></xsl:call-template>
      <xsl:call-template name="users.action-form"><xsl:with-param name="id" select="'f-revoke'"/><xsl:with-param name="action" select="'/settings/users/invitations/revoke'"/></xsl:call-template>
    </xsl:if>
    <xsl:if test="$users/invitation[@grantable = 'yes']">
      <xsl:call-template name="users.action-form"><xsl:with-param name="id" select="'f-resend'"/><xsl:with-param name="action" select="'/settings/users/invitations/resend'"/></xsl:call-template>
      <xsl:call-template name="users.action-form"><xsl:with-param name="id" select="'f-link'"/><xsl:with-param name="action" select="'/settings/users/invitations/link'"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ========================================================== links -->

  <!-- the list's address with the current filter; overrides as params -->
  <xsl:template name="users.href">
    <xsl:param name="base" select="'/settings/users'"/>
    <xsl:param name="sort" select="$users/@sort"/>
    <xsl:param name="order" select="$users/@order"/>
    <xsl:param name="page" select="0"/>
    <xsl:value-of select="$base"/>
    <xsl:text>?sort=</xsl:text><xsl:value-of select="$sort"/>
    <xsl:text>&amp;order=</xsl:text><xsl:value-of select="$order"/>
    <xsl:if test="$users/@q != '' and $users/@refused = 'no'">
      <xsl:text>&amp;q=</xsl:text><xsl:value-of select="str:encode-uri($users/@q, true())"/>
    </xsl:if>
    <xsl:if test="$users/@role != ''">
      <xsl:text>&amp;role=</xsl:text><xsl:value-of select="$users/@role"/>
    </xsl:if>
    <xsl:if test="$users/@status != ''">
      <xsl:text>&amp;status=</xsl:text><xsl:value-of select="$users/@status"/>
    </xsl:if>
    <xsl:if test="$page &gt; 1">
      <xsl:text>&amp;page=</xsl:text><xsl:value-of select="$page"/>
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
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'admin'"/><xsl:with-param name="cur" select="$users/@role"/><xsl:with-param name="label" select="'Admin'"/></xsl:call-template>
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'creator'"/><xsl:with-param name="cur" select="$users/@role"/><xsl:with-param name="label" select="'Creator'"/></xsl:call-template>
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'member'"/><xsl:with-param name="cur" select="$users/@role"/><xsl:with-param name="label" select="'Member'"/></xsl:call-template>
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'agent'"/><xsl:with-param name="cur" select="$users/@role"/><xsl:with-param name="label" select="'Agent'"/></xsl:call-template>
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
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'active'"/><xsl:with-param name="cur" select="$users/@status"/><xsl:with-param name="label" select="'Active'"/></xsl:call-template>
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'locked'"/><xsl:with-param name="cur" select="$users/@status"/><xsl:with-param name="label" select="'Locked'"/></xsl:call-template>
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'invited'"/><xsl:with-param name="cur" select="$users/@status"/><xsl:with-param name="label" select="'Invited'"/></xsl:call-template>
            <xsl:call-template name="users.option"><xsl:with-param name="v" select="'expired'"/><xsl:with-param name="cur" select="$users/@status"/><xsl:with-param name="label" select="'Expired'"/></xsl:call-template>
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
          <a class="btn btn-quiet" href="/settings/users">Clear</a>
        </xsl:if>
      </div>
      <xsl:for-each select="key('error', 'sort') | key('error', 'order') | key('error', 'page')">
        <p class="field-error filter-error" role="alert">
          <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
          <span><xsl:value-of select="."/></span>
        </p>
      </xsl:for-each>
    </form>
  </xsl:template>

  <xsl:template name="users.option">
    <xsl:param name="v"/>
    <xsl:param name="cur"/>
    <xsl:param name="label"/>
    <option value="{$v}">
      <xsl:if test="$v = $cur"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:value-of select="$label"/>
    </option>
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
          <xsl:call-template name="users.href">
            <xsl:with-param name="sort" select="$key"/>
            <xsl:with-param name="order">
              <xsl:choose>
                <xsl:when test="$cur and $users/@order = 'asc'">desc</xsl:when>
                <xsl:otherwise>asc</xsl:otherwise>
              </xsl:choose>
            </xsl:with-param>
          </xsl:call-template>
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
        <div class="card empty">
          <p><strong>Nobody matches.</strong></p>
          <p class="muted">Change the search or the filters<xsl:if test="$users/@page &gt; 1">, or go back to the first page</xsl:if>.</p>
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
                <th scope="col" class="col-actions"><span class="sr">Actions</span></th>
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

  <!-- ======================================================= a member -->

  <xsl:template match="member" mode="users.row">
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="@name != ''"><xsl:value-of select="@name"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="@email"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <tr id="member-{@id}">
      <td class="cell-who">
        <span class="who-name"><bdi><xsl:value-of select="$label"/></bdi>
          <xsl:if test="@self = 'yes'"><span class="badge badge-accent">You</span></xsl:if></span>
        <span class="who-email"><xsl:value-of select="@email"/></span>
      </td>
      <td data-label="Role">
        <xsl:choose>
          <xsl:when test="$can/@manage-users = 'yes'">
            <form class="inline-form" method="post" action="/settings/users/role">
              <input type="hidden" name="csrf" value="{$csrf}"/>
              <input type="hidden" name="user" value="{@id}"/>
              <div class="select select-sm">
                <select name="role" aria-label="Role of {$label}">
                  <xsl:call-template name="users.option"><xsl:with-param name="v" select="'admin'"/><xsl:with-param name="cur" select="@role"/><xsl:with-param name="label" select="'Admin'"/></xsl:call-template>
                  <xsl:call-template name="users.option"><xsl:with-param name="v" select="'creator'"/><xsl:with-param name="cur" select="@role"/><xsl:with-param name="label" select="'Creator'"/></xsl:call-template>
                  <xsl:call-template name="users.option"><xsl:with-param name="v" select="'member'"/><xsl:with-param name="cur" select="@role"/><xsl:with-param name="label" select="'Member'"/></xsl:call-template>
                  <xsl:call-template name="users.option"><xsl:with-param name="v" select="'agent'"/><xsl:with-param name="cur" select="@role"/><xsl:with-param name="label" select="'Agent'"/></xsl:call-template>
                </select>
                <xsl:call-template name="icon"><xsl:with-param name="name" select="'chevron-down'"/></xsl:call-template>
              </div>
              <button class="btn btn-sm" type="submit">Save<span class="sr"> role of <xsl:value-of select="$label"/></span></button>
            </form>
          </xsl:when>
          <xsl:otherwise>
            <span class="role-text"><xsl:call-template name="role-label"><xsl:with-param name="role" select="@role"/></xsl:call-template></span>
          </xsl:otherwise>
        </xsl:choose>
      </td>
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
          <xsl:when test="@last-login"><xsl:call-template name="time-short"><xsl:with-param name="t" select="@last-login"/></xsl:call-template></xsl:when>
          <xsl:otherwise><span class="muted">Never</span></xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="Member since"><xsl:call-template name="time-short"><xsl:with-param name="t" select="@since"/></xsl:call-template></td>
      <td class="cell-actions">
        <xsl:if test="$can/@manage-users = 'yes' and (@two-step = 'yes' or @self = 'no')">
          <details class="menu row-menu">
            <summary class="icon-btn" title="More actions">
              <span class="sr">More actions for <xsl:value-of select="$label"/></span>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'more'"/></xsl:call-template>
            </summary>
            <div class="menu-panel menu-right">
              <xsl:if test="@two-step = 'yes'">
                <button form="f-2fa" name="user" value="{@id}" class="menu-item" type="submit">
                    <xsl:call-template name="icon"><xsl:with-param name="name" select="'password'"/></xsl:call-template>
                    <span>Reset 2-step verification<span class="sr"> of <xsl:value-of select="$label"/></span></span>
                  </button>
              </xsl:if>
              <xsl:if test="@self = 'no'">
                <button form="f-remove" name="user" value="{@id}" class="menu-item menu-danger" type="submit">
                    <xsl:call-template name="icon"><xsl:with-param name="name" select="'logout'"/></xsl:call-template>
                    <span class="menu-item-text">
                      <span>Remove from <bdi><xsl:value-of select="$account/@name"/></bdi><span class="sr">: <xsl:value-of select="$label"/></span></span>
                      <span class="menu-item-note">Their sessions here end at once.</span>
                    </span>
                  </button>
              </xsl:if>
            </div>
          </details>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>

  <!-- ================================================== an invitation -->

  <xsl:template match="invitation" mode="users.row">
    <tr id="invitation-{@id}" class="row-invitation">
      <td class="cell-who">
        <span class="who-name"><bdi><xsl:value-of select="@email"/></bdi></span>
        <span class="who-email">
          <xsl:text>Invited</xsl:text>
          <xsl:if test="@invited-by != ''"> by <bdi><xsl:value-of select="@invited-by"/></bdi></xsl:if>
        </span>
      </td>
      <td data-label="Role"><span class="role-text"><xsl:call-template name="role-label"><xsl:with-param name="role" select="@role"/></xsl:call-template></span></td>
      <td data-label="Status">
        <xsl:choose>
          <xsl:when test="@status = 'expired'">
            <span class="badge badge-warn">Expired</span>
            <span class="two-step">since <xsl:value-of select="substring(@expires, 1, 10)"/></span>
          </xsl:when>
          <xsl:otherwise>
            <span class="badge badge-accent">Invited</span>
            <span class="two-step">expires <xsl:call-template name="time-short"><xsl:with-param name="t" select="@expires"/></xsl:call-template></span>
          </xsl:otherwise>
        </xsl:choose>
      </td>
      <td data-label="Last sign-in"><span class="muted">Not yet</span></td>
      <td data-label="Invited"><xsl:call-template name="time-short"><xsl:with-param name="t" select="@sent"/></xsl:call-template></td>
      <td class="cell-actions">
        <xsl:if test="@grantable = 'yes' or $can/@manage-users = 'yes'">
          <details class="menu row-menu">
            <summary class="icon-btn" title="More actions">
              <span class="sr">More actions for the invitation of <xsl:value-of select="@email"/></span>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'more'"/></xsl:call-template>
            </summary>
            <div class="menu-panel menu-right">
              <xsl:if test="@grantable = 'yes'">
                <button form="f-resend" name="invitation" value="{@id}" class="menu-item" type="submit">
                    <xsl:call-template name="icon"><xsl:with-param name="name" select="'mail'"/></xsl:call-template>
                    <span class="menu-item-text">
                      <span>Resend<span class="sr"> to <xsl:value-of select="@email"/></span></span>
                      <span class="menu-item-note">A new link for 7 days; the old one stops working.</span>
                    </span>
                  </button>
                <xsl:if test="@status = 'invited'">
                  <button form="f-link" name="invitation" value="{@id}" class="menu-item" type="submit" data-copy-link="yes">
                      <xsl:call-template name="icon"><xsl:with-param name="name" select="'link'"/></xsl:call-template>
                      <span>Copy link<span class="sr"> for <xsl:value-of select="@email"/></span></span>
                    </button>
                </xsl:if>
              </xsl:if>
              <xsl:if test="$can/@manage-users = 'yes'">
                <button form="f-revoke" name="invitation" value="{@id}" class="menu-item menu-danger" type="submit">
                    <xsl:call-template name="icon"><xsl:with-param name="name" select="'alert'"/></xsl:call-template>
                    <span>Revoke<span class="sr"> the invitation of <xsl:value-of select="@email"/></span></span>
                  </button>
              </xsl:if>
            </div>
          </details>
        </xsl:if>
      </td>
    </tr>
  </xsl:template>

  <!-- ========================================================== pager -->

  <xsl:template name="users.pager">
    <xsl:variable name="page" select="number($users/@page)"/>
    <xsl:variable name="n" select="count($users/member | $users/invitation)"/>
    <xsl:if test="$page &gt; 1 or $users/@next = 'yes'">
      <nav class="pager" aria-label="Pages of the list">
        <xsl:choose>
          <xsl:when test="$page &gt; 1">
            <a class="btn" rel="prev">
              <xsl:attribute name="href"><xsl:call-template name="users.href"><xsl:with-param name="page" select="$page - 1"/></xsl:call-template></xsl:attribute>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-left'"/></xsl:call-template>
              <span>Previous</span>
            </a>
          </xsl:when>
          <xsl:otherwise><span></span></xsl:otherwise>
        </xsl:choose>
        <span class="pager-info">
          <xsl:text>Page </xsl:text><xsl:value-of select="$page"/>
          <xsl:if test="$n &gt; 0">
            <xsl:text> · rows </xsl:text>
            <xsl:value-of select="($page - 1) * $users/@per-page + 1"/>–<xsl:value-of select="($page - 1) * $users/@per-page + $n"/>
          </xsl:if>
        </span>
        <xsl:choose>
          <xsl:when test="$users/@next = 'yes'">
            <a class="btn" rel="next">
              <xsl:attribute name="href"><xsl:call-template name="users.href"><xsl:with-param name="page" select="$page + 1"/></xsl:call-template></xsl:attribute>
              <span>Next</span>
              <xsl:call-template name="icon"><xsl:with-param name="name" select="'arrow-right'"/></xsl:call-template>
            </a>
          </xsl:when>
          <xsl:otherwise><span></span></xsl:otherwise>
        </xsl:choose>
      </nav>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
