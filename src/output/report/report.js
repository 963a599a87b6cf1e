// rolelint HTML report: filters, search, paging and export over the data the
// page embeds (see src/output/html.h). Plain ES5-style JavaScript, no library,
// nothing loaded from the network. Without it the page still shows the first
// page of everything as HTML.
(function () {
  'use strict';

  // A data block: JSON, or (data-encoding="gzip-base64") a JSON string holding
  // the base64 of its gzip, inflated by the browser's DecompressionStream.
  function data(id) {
    var el = document.getElementById(id);
    if (!el) return Promise.resolve(null);
    if (el.getAttribute('data-encoding') !== 'gzip-base64') return Promise.resolve(JSON.parse(el.textContent));
    var bin = atob(JSON.parse(el.textContent));
    var bytes = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text().then(JSON.parse);
  }
  var report, extra, roles, policies, rules;
  var FINDINGS_PAGE = 100;
  var ROLES_PAGE = 20;
  var POLICIES_PAGE = 100;
  var LEVELS = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

  function $(id) { return document.getElementById(id); }
  function esc(s) {
    return String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
  }
  function num(n) { return Number(n).toLocaleString('en-US'); }

  // Every finding: the active ones (as --format json), then suppressed or baseline ones.
  var all = [];
  var roleByName = new Map();
  var findingsByRole = new Map();
  function index() {
    report.diagnostics.forEach(function (d, i) {
      all.push({ d: d, x: extra.findings[i] || {}, i: i, hidden: false });
    });
    (extra.hidden || []).forEach(function (h, k) {
      all.push({ d: h, x: h.extra || {}, i: report.diagnostics.length + k, hidden: true });
    });
    roles.forEach(function (r, i) { if (!roleByName.has(r.n)) roleByName.set(r.n, i); });
    all.forEach(function (f) {
      if (f.hidden || !f.d.role) return;
      if (!findingsByRole.has(f.d.role)) findingsByRole.set(f.d.role, []);
      findingsByRole.get(f.d.role).push(f);
    });
  }

  // ---------- rendering (the same markup as src/output/html.cpp) ----------

  function sevBadge(s) { return '<span class="sev sev-' + esc(s) + '">' + esc(s) + '</span>'; }
  function locText(d) {
    var s = d.file === '' ? 'rolelint' : d.file;
    if (d.line > 0) s += ':' + d.line + ':' + d.column;
    return s;
  }
  function roleLink(name) {
    if (!name) return '';
    return roleByName.has(name) ? '<a href="#role-' + roleByName.get(name) + '">' + esc(name) + '</a>' : esc(name);
  }
  function excerpt(f) {
    var lines = f.x.x;
    if (!lines || !lines.length) return '';
    var d = f.d, out = '<pre class="src">';
    for (var k = 0; k < lines.length; k++) {
      var line = lines[k];
      out += '<span class="ln">' + (f.x.xl + k) + '</span>';
      if (k === 0) {
        // Columns are UTF-16 code units, as JavaScript strings count them.
        var b = Math.min(line.length, Math.max(0, d.column - 1));
        var e = d.endLine === d.line ? Math.max(b, Math.min(line.length, d.endColumn - 1)) : line.length;
        out += esc(line.slice(0, b)) + '<mark>' + esc(line.slice(b, e)) + '</mark>' + esc(line.slice(e));
      } else {
        out += esc(line);
      }
      out += '\n';
    }
    return out + '</pre>';
  }
  function findingRow(f) {
    var d = f.d;
    var row = '<tr data-i="' + f.i + '"><td>' + sevBadge(d.severity) + '</td>';
    row += '<td><a href="#rule-' + esc(d.rule) + '">' + esc(d.rule) + '</a><br><span class="muted">' + esc(d.name) + '</span></td>';
    row += '<td>' + esc(d.message);
    if (d.help) row += '<br><span class="help">help: ' + esc(d.help) + '</span>';
    if (f.hidden) {
      row += '<br><span class="muted">' + (d.suppressed ? 'suppressed: ' + esc(d.reason || '(no reason given)')
        : 'unchanged since the baseline') + '</span>';
    }
    var x = excerpt(f);
    if (x) row += '<details><summary>source</summary>' + x + '</details>';
    row += '</td><td>' + roleLink(d.role) + '</td><td><code>' + esc(locText(d)) + '</code>';
    if (d.policy) row += '<br><span class="muted">' + esc(d.policy) + '</span>';
    if (d.pointer) row += '<br><code class="muted">' + esc(d.pointer) + '</code>';
    return row + '</td></tr>\n';
  }
  function joinEsc(list, sep) { return list.map(esc).join(sep || ', '); }
  function roleHtml(r, index) {
    var out = '<article class="role" id="role-' + index + '" data-r="' + index + '">\n<h3>' + esc(r.n) + '</h3>\n';
    out += '<p class="muted"><code>' + esc(r.f) + (r.l > 0 ? ':' + r.l : '') + '</code></p>\n';
    out += '<h4>Who can assume it</h4>\n';
    if (!r.t.length) {
      out += '<p>No trust policy.</p>\n';
    } else {
      out += '<table><thead><tr><th scope="col">Effect</th><th scope="col">Principals</th><th scope="col">Actions</th>' +
        '<th scope="col">Conditions</th></tr></thead><tbody>\n';
      r.t.forEach(function (t) {
        out += '<tr><td>' + esc(t.e) + '</td><td>' + joinEsc(t.p, '<br>') + '</td><td>' + joinEsc(t.a, '<br>') + '</td><td>' +
          (t.c.length ? joinEsc(t.c, '<br>') : 'none') + '</td></tr>\n';
      });
      out += '</tbody></table>\n';
    }
    out += '<h4>Effective permissions</h4>\n';
    if (!r.s) {
      out += '<p>Not computed (no IAM catalog).</p>\n';
    } else if (!r.s.length) {
      out += '<p>None: no action is allowed by the identity policies and the boundary.</p>\n';
    } else {
      out += '<div class="scroll"><table class="num"><thead><tr><th scope="col">Service</th><th scope="col">Granted</th>' +
        '<th scope="col">Effective</th>';
      LEVELS.forEach(function (l) { out += '<th scope="col">' + l + '</th>'; });
      out += '<th scope="col">Removed by the boundary or a Deny</th><th scope="col">Only under conditions</th></tr></thead><tbody>\n';
      r.s.forEach(function (s) {
        out += '<tr><th scope="row">' + esc(s[0]) + '</th><td>' + s[1] + '</td><td>' + s[2] + '</td>';
        s[3].forEach(function (n) { out += '<td>' + n + '</td>'; });
        out += '<td class="text">';
        if (s[1] > s[2]) out += (s[1] - s[2]) + (s[5].length ? ': ' + joinEsc(s[5]) : '');
        out += '</td><td class="text">';
        if (s[6] > 0) out += s[6] + (s[7].length ? ': ' + joinEsc(s[7], '; ') : '');
        out += '</td></tr>\n';
      });
      out += '</tbody></table></div>\n';
    }
    if (r.u && r.u.length) out += '<p>Not resolved, not counted: ' + joinEsc(r.u) + '</p>\n';
    out += '<h4>Policies</h4>\n<ul>\n';
    r.p.forEach(function (p) {
      out += '<li>' + esc(p.k) + ': <code>' + esc(p.n) + '</code>' + (p.r === false ? ' (not resolved)' : '') + '</li>\n';
    });
    if (!r.p.length) out += '<li>none</li>\n';
    out += '</ul>\n<h4>Findings</h4>\n';
    var list = findingsByRole.get(r.n) || [];
    if (!list.length) out += '<p>None.</p>\n';
    var byCategory = new Map();
    list.forEach(function (f) {
      var c = f.x.c || 'tool';
      if (!byCategory.has(c)) byCategory.set(c, []);
      byCategory.get(c).push(f);
    });
    var order = Array.from(byCategory.keys()).sort(function (a, b) {
      if (a === b) return 0;
      if (a === 'security') return -1;
      if (b === 'security') return 1;
      return a < b ? -1 : 1;
    });
    order.forEach(function (c) {
      out += '<h5>' + esc(c) + '</h5>\n<ul class="rf">\n';
      byCategory.get(c).forEach(function (f) {
        var d = f.d;
        out += '<li>' + sevBadge(d.severity) + ' <a href="#rule-' + esc(d.rule) + '">' + esc(d.rule) + '</a> ' +
          esc(d.message) + ' <code class="muted">' + esc(locText(d)) + '</code></li>\n';
      });
      out += '</ul>\n';
    });
    return out + '</article>\n';
  }
  function policyRow(p) {
    var out = '<tr><td><code>' + esc(p.n) + '</code>' + (p.r ? '' : ' (not resolved)') + '</td><td>' + esc(p.k) + '</td><td>' +
      num(p.roles.length) + (p.roles.length === 1 ? ' role: ' : ' roles: ');
    out += p.roles.slice(0, 10).map(function (i) {
      return '<a href="#role-' + i + '">' + esc(roles[i].n) + '</a>';
    }).join(', ');
    if (p.roles.length > 10) out += ', …';
    return out + '</td></tr>\n';
  }

  // ---------- filters ----------

  var state = { findingsPage: 0, rolesPage: 0, policiesPage: 0 };
  var shown = { findings: [], roles: [], policies: [] };

  function filters() {
    var sev = {};
    Array.prototype.forEach.call(document.querySelectorAll('input.f-sev'), function (c) { sev[c.value] = c.checked; });
    return {
      sev: sev,
      rule: $('f-rule').value,
      role: $('f-role').value.trim().toLowerCase(),
      service: $('f-service').value,
      q: $('f-search').value.trim().toLowerCase(),
      suppressed: $('f-suppressed').checked
    };
  }
  function findingMatches(f, F) {
    var d = f.d;
    if (f.hidden && !F.suppressed) return false;
    if (!F.sev[d.severity]) return false;
    if (F.rule && d.rule !== F.rule) return false;
    if (F.role && (d.role || '').toLowerCase().indexOf(F.role) < 0) return false;
    if (F.service && (f.x.sv || []).indexOf(F.service) < 0) return false;
    if (F.q) {
      var hay = [d.rule, d.name, d.message, d.help || '', d.role, d.file, d.policy, d.pointer, d.reason || ''].join('\n').toLowerCase();
      if (hay.indexOf(F.q) < 0) return false;
    }
    return true;
  }
  function roleMatches(r, F) {
    var name = r.n.toLowerCase();
    if (F.role && name.indexOf(F.role) < 0) return false;
    if (F.q && name.indexOf(F.q) < 0 && r.f.toLowerCase().indexOf(F.q) < 0) return false;
    if (F.service && !(r.s || []).some(function (s) { return s[0] === F.service && s[2] > 0; })) return false;
    if (F.rule && !(findingsByRole.get(r.n) || []).some(function (f) { return f.d.rule === F.rule; })) return false;
    return true;
  }
  function policyMatches(p, F) {
    if (F.q && p.n.toLowerCase().indexOf(F.q) < 0 &&
        !p.roles.some(function (i) { return roles[i].n.toLowerCase().indexOf(F.q) >= 0; })) return false;
    if (F.role && !p.roles.some(function (i) { return roles[i].n.toLowerCase().indexOf(F.role) >= 0; })) return false;
    return true;
  }

  function pager(el, total, size, page, onPage, what) {
    var pages = Math.max(1, Math.ceil(total / size));
    if (pages <= 1) { el.innerHTML = ''; return; }
    var html = '<button type="button" data-p="' + (page - 1) + '"' + (page === 0 ? ' disabled' : '') + '>Previous</button>';
    var from = Math.max(0, Math.min(page - 3, pages - 7)), to = Math.min(pages, from + 7);
    for (var p = from; p < to; p++) {
      html += '<button type="button" data-p="' + p + '" aria-label="' + what + ' page ' + (p + 1) + '"' +
        (p === page ? ' aria-current="page"' : '') + '>' + (p + 1) + '</button>';
    }
    html += '<button type="button" data-p="' + (page + 1) + '"' + (page >= pages - 1 ? ' disabled' : '') + '>Next</button>';
    html += ' <span class="muted">page ' + (page + 1) + ' of ' + num(pages) + '</span>';
    el.innerHTML = html;
    el.onclick = function (ev) {
      var b = ev.target.closest('button[data-p]');
      if (b && !b.disabled) onPage(Number(b.getAttribute('data-p')));
    };
  }

  function renderFindings() {
    var list = shown.findings, start = state.findingsPage * FINDINGS_PAGE;
    var tbody = $('findings-table').tBodies[0];
    tbody.innerHTML = list.slice(start, start + FINDINGS_PAGE).map(findingRow).join('');
    var empty = $('findings-empty');
    if (empty) empty.hidden = list.length > 0;
    pager($('findings-pager'), list.length, FINDINGS_PAGE, state.findingsPage, function (p) {
      state.findingsPage = p; renderFindings(); $('h-findings').scrollIntoView();
    }, 'Findings');
  }
  function renderRoles() {
    var list = shown.roles, start = state.rolesPage * ROLES_PAGE;
    var html = list.slice(start, start + ROLES_PAGE).map(function (i) { return roleHtml(roles[i], i); }).join('');
    $('roles-list').innerHTML = html || '<p>No role matches the filters.</p>';
    pager($('roles-pager'), list.length, ROLES_PAGE, state.rolesPage, function (p) {
      state.rolesPage = p; renderRoles(); $('h-roles').scrollIntoView();
    }, 'Roles');
  }
  function renderPolicies() {
    var list = shown.policies, start = state.policiesPage * POLICIES_PAGE;
    $('policies-table').tBodies[0].innerHTML = list.slice(start, start + POLICIES_PAGE).map(function (i) {
      return policyRow(policies[i]);
    }).join('');
    var el = $('policies-pager');
    if (!el) {
      el = document.createElement('nav');
      el.id = 'policies-pager';
      el.className = 'pager';
      el.setAttribute('aria-label', 'Policies pages');
      $('policies-table').parentNode.after(el);
    }
    pager(el, list.length, POLICIES_PAGE, state.policiesPage, function (p) {
      state.policiesPage = p; renderPolicies();
    }, 'Policies');
  }

  function apply() {
    var F = filters();
    shown.findings = all.filter(function (f) { return findingMatches(f, F); });
    shown.roles = [];
    roles.forEach(function (r, i) { if (roleMatches(r, F)) shown.roles.push(i); });
    shown.policies = [];
    policies.forEach(function (p, i) { if (policyMatches(p, F)) shown.policies.push(i); });
    state.findingsPage = 0;
    state.rolesPage = 0;
    state.policiesPage = 0;
    renderFindings();
    renderRoles();
    renderPolicies();
    $('status').textContent = num(shown.findings.length) + ' of ' + num(all.length) + ' findings, ' +
      num(shown.roles.length) + ' of ' + num(roles.length) + ' roles match the filters.';
  }

  // ---------- export (client-side, Blob URLs) ----------

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }
  var CSV_COLUMNS = ['severity', 'rule', 'name', 'message', 'help', 'file', 'line', 'column', 'endLine', 'endColumn', 'pointer',
    'role', 'policy', 'suppressed', 'reason'];
  function csvCell(v) {
    var s = v === undefined || v === null ? '' : String(v);
    // A cell a spreadsheet would run as a formula is prefixed with an apostrophe.
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function exportedFindings() {
    return shown.findings.map(function (f) {
      var o = {};
      Object.keys(f.d).forEach(function (k) { if (k !== 'extra') o[k] = f.d[k]; });
      return o;
    });
  }
  function exportCsv() {
    var lines = [CSV_COLUMNS.join(',')];
    exportedFindings().forEach(function (d) {
      lines.push(CSV_COLUMNS.map(function (c) { return csvCell(c === 'suppressed' ? (d.suppressed ? 'yes' : '') : d[c]); }).join(','));
    });
    download('rolelint-findings.csv', 'text/csv;charset=utf-8', lines.join('\r\n') + '\r\n');
  }
  function exportJson() {
    download('rolelint-findings.json', 'application/json',
      JSON.stringify({ tool: report.tool, diagnostics: exportedFindings() }, null, 2) + '\n');
  }

  // ---------- navigation to a role that is not on the current page ----------

  function showRole(index) {
    if (!(index >= 0 && index < roles.length)) return;
    var pos = shown.roles.indexOf(index);
    if (pos < 0) {
      // Not among the filtered roles: narrow the role filter to it.
      $('f-role').value = roles[index].n;
      $('f-search').value = '';
      $('f-service').value = '';
      $('f-rule').value = '';
      apply();
      pos = shown.roles.indexOf(index);
    }
    if (pos < 0) return;
    state.rolesPage = Math.floor(pos / ROLES_PAGE);
    renderRoles();
    var el = $('role-' + index);
    if (el) {
      el.setAttribute('tabindex', '-1');
      el.scrollIntoView();
      el.focus({ preventScroll: true });
    }
  }
  function onHash() {
    var m = /^#role-(\d+)$/.exec(location.hash);
    if (m) showRole(Number(m[1]));
  }

  // ---------- set-up ----------

  function init() {
    var ruleSelect = $('f-rule');
    var counts = {};
    all.forEach(function (f) { counts[f.d.rule] = (counts[f.d.rule] || 0) + 1; });
    Object.keys(counts).sort().forEach(function (id) {
      var o = document.createElement('option');
      o.value = id;
      o.textContent = id + (rules[id] ? ' ' + rules[id].name : '') + ' (' + counts[id] + ')';
      ruleSelect.appendChild(o);
    });
    var services = new Set();
    roles.forEach(function (r) { (r.s || []).forEach(function (s) { if (s[2] > 0) services.add(s[0]); }); });
    all.forEach(function (f) { (f.x.sv || []).forEach(function (s) { services.add(s); }); });
    Array.from(services).sort().forEach(function (s) {
      var o = document.createElement('option');
      o.value = s;
      o.textContent = s;
      $('f-service').appendChild(o);
    });
    var names = $('role-names');
    roles.slice(0, 2000).forEach(function (r) {
      var o = document.createElement('option');
      o.value = r.n;
      names.appendChild(o);
    });
    var form = $('filter-form');
    var timer = null;
    form.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(apply, 120);
    });
    form.addEventListener('change', apply);
    form.addEventListener('submit', function (ev) { ev.preventDefault(); apply(); });
    form.addEventListener('reset', function () { setTimeout(apply, 0); });
    $('export-csv').addEventListener('click', exportCsv);
    $('export-json').addEventListener('click', exportJson);
    $('filters').hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll('.more'), function (p) { p.hidden = true; });
    window.addEventListener('hashchange', onHash);
    // Printing shows the source excerpts and folded sections.
    var opened = [];
    window.addEventListener('beforeprint', function () {
      opened = Array.prototype.filter.call(document.querySelectorAll('details:not([open])'), function (d) {
        d.open = true;
        return true;
      });
    });
    window.addEventListener('afterprint', function () { opened.forEach(function (d) { d.open = false; }); });
    apply();
    onHash();
    // For tools (tools/html/browser-test.mjs): the decoded data, and that the page is ready.
    window.rolelintData = { report: report, extra: extra, roles: roles, policies: policies, rules: rules };
    document.documentElement.setAttribute('data-ready', 'true');
  }
  Promise.all(['rl-findings', 'rl-extra', 'rl-roles', 'rl-policies', 'rl-rules'].map(data)).then(function (d) {
    report = d[0] || { diagnostics: [] };
    extra = d[1] || { findings: [], hidden: [] };
    // Effective permissions are stored once per distinct set (src/output/html.cpp).
    var r = d[2] || { services: [], sets: [], roles: [] };
    roles = r.roles.map(function (role) {
      if (typeof role.s === 'number') {
        role.s = r.sets[role.s].map(function (i) { return r.services[i]; });
      }
      return role;
    });
    policies = d[3] || [];
    rules = d[4] || {};
    index();
    init();
  }).catch(function (e) {
    var s = document.getElementById('status');
    if (s) s.textContent = 'The report data could not be read: ' + e;
    throw e;
  });
})();
