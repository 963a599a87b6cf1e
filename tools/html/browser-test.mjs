// Real-browser test of a rolelint HTML report, in headless Chromium driven over
// the DevTools protocol on a pipe (--remote-debugging-pipe): no npm package,
// Node.js 18 or later. Used by tools/test-html.
//   node tools/html/browser-test.mjs REPORT.html [--json OUT.json] [--screenshot OUT.png] [--chromium PATH]
// Checks: the page loads without console errors, exceptions or any network
// request; the findings it embeds equal `--format json` (--json); the filters change the visible rows; the search finds a role beyond
// the first page; export builds CSV and JSON Blobs; the first Tab reaches the
// skip link; with scripts off the first page is still there. Prints the file
// size, first contentful paint and load time measured in the browser (printed,
// not asserted: the time depends on the machine's load).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const report = args.find((a, i) => !a.startsWith('--') && !['--screenshot', '--chromium', '--json'].includes(args[i - 1]));
const opt = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const screenshot = opt('--screenshot');
const jsonOutput = opt('--json');  // the `--format json` output of the same run: the embedded findings must equal it
const chromium = opt('--chromium') || process.env.CHROMIUM || '/usr/bin/chromium';
if (!report) {
  console.error('usage: browser-test.mjs REPORT.html [--screenshot OUT.png] [--chromium PATH]');
  process.exit(2);
}

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'rolelint-chromium-'));
const browser = spawn(chromium, [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-default-apps', '--mute-audio',
  `--user-data-dir=${profile}`, '--remote-debugging-pipe', 'about:blank',
], { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
// Chromium's helper processes (zygote, renderers) outlive a SIGKILL of the main
// process for a moment and keep writing into the profile: the browser runs in a
// process group of its own, the whole group is killed, and the profile is
// removed after the group has exited (with retries: a removal racing a last
// write failed a CI run with ENOTEMPTY).
const browserExited = new Promise((resolve) => browser.on('exit', resolve));
let browserLog = '';
browser.stderr.on('data', (d) => { browserLog += d; });
const killTimer = setTimeout(() => fail('timed out after 600 s'), 600000);

// ---------- DevTools protocol over the pipe (messages end with a NUL byte) ----------
let nextId = 1;
const pending = new Map();
const listeners = [];
let buffer = Buffer.alloc(0);
browser.stdio[4].on('data', (chunk) => {
  buffer = Buffer.concat([buffer, chunk]);
  let end;
  while ((end = buffer.indexOf(0)) >= 0) {
    const msg = JSON.parse(buffer.subarray(0, end).toString('utf8'));
    buffer = buffer.subarray(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const { resolve, reject } = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) reject(new Error(JSON.stringify(msg.error)));
      else resolve(msg.result);
    } else if (msg.method) {
      for (const l of listeners) l(msg);
    }
  }
});
function send(method, params = {}, sessionId) {
  const id = nextId++;
  const msg = { id, method, params };
  if (sessionId) msg.sessionId = sessionId;
  browser.stdio[3].write(JSON.stringify(msg) + '\0');
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
}
function waitFor(pred, ms = 30000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timed out waiting for an event')), ms);
    listeners.push((m) => { if (pred(m)) { clearTimeout(t); resolve(m); } });
  });
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let passed = 0, failed = 0;
function check(name, ok, detail) {
  if (ok) { passed++; console.log(`ok   ${name}`); }
  else { failed++; console.log(`FAIL ${name}${detail !== undefined ? ': ' + JSON.stringify(detail) : ''}`); }
}
function fail(why) {
  console.error(`browser-test: ${why}`);
  if (browserLog) console.error(browserLog.slice(-2000));
  cleanup().finally(() => process.exit(1));
}
async function cleanup() {
  clearTimeout(killTimer);
  try { process.kill(-browser.pid, 'SIGKILL'); } catch (e) { /* gone */ }
  try { browser.kill('SIGKILL'); } catch (e) { /* gone */ }
  await Promise.race([browserExited, sleep(5000)]);
  for (let attempt = 0; ; attempt++) {
    try {
      fs.rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      return;
    } catch (e) {
      if (attempt >= 5) { console.error(`browser-test: warning: could not remove the profile ${profile}: ${e.message}`); return; }
      await sleep(500);
    }
  }
}

async function openPage(scripts) {
  const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
  const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
  const page = {
    sessionId,
    errors: [],
    requests: [],
    call: (m, p) => send(m, p, sessionId),
    async eval(expr) {
      const r = await send('Runtime.evaluate', { expression: expr, returnByValue: true, awaitPromise: true }, sessionId);
      if (r.exceptionDetails) throw new Error(`evaluation failed: ${expr}: ${JSON.stringify(r.exceptionDetails)}`);
      return r.result.value;
    },
  };
  listeners.push((m) => {
    if (m.sessionId !== sessionId) return;
    if (m.method === 'Runtime.exceptionThrown') page.errors.push(m.params.exceptionDetails.exception?.description || m.params.exceptionDetails.text);
    if (m.method === 'Runtime.consoleAPICalled' && (m.params.type === 'error' || m.params.type === 'warning' || m.params.type === 'assert'))
      page.errors.push(`console.${m.params.type}: ${m.params.args.map((a) => a.value ?? a.description).join(' ')}`);
    if (m.method === 'Log.entryAdded' && (m.params.entry.level === 'error' || m.params.entry.level === 'warning'))
      page.errors.push(`log ${m.params.entry.level}: ${m.params.entry.text}`);
    if (m.method === 'Network.requestWillBeSent') page.requests.push(m.params.request.url);
  });
  await page.call('Runtime.enable');
  await page.call('Log.enable');
  await page.call('Page.enable');
  await page.call('Network.enable');
  await page.call('Emulation.setDeviceMetricsOverride', { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  if (!scripts) await page.call('Emulation.setScriptExecutionDisabled', { value: true });
  const loaded = waitFor((m) => m.sessionId === sessionId && m.method === 'Page.loadEventFired', 60000);
  await page.call('Page.navigate', { url: pathToFileURL(path.resolve(report)).href });
  await loaded;
  return page;
}

const visibleRows = `Array.from(document.querySelectorAll('#findings-table tbody tr')).filter(r => r.offsetParent !== null)`;

async function main() {
  await send('Target.setDiscoverTargets', { discover: false });
  const size = fs.statSync(report).size;

  // ---------- with scripts ----------
  const page = await openPage(true);
  // Paint timing: wait until the browser has recorded the first contentful paint.
  let timing;
  for (let i = 0; i < 100; i++) {
    timing = await page.eval(`(() => {
      const p = performance.getEntriesByName('first-contentful-paint')[0];
      const n = performance.getEntriesByType('navigation')[0];
      return { fcp: p ? p.startTime : null, dcl: n ? n.domContentLoadedEventEnd : null, load: n ? n.loadEventEnd : null };
    })()`);
    if (timing.fcp !== null && timing.load) break;
    await sleep(50);
  }
  for (let i = 0; i < 200 && !(await page.eval(`document.documentElement.getAttribute('data-ready') === 'true'`)); i++) await sleep(50);
  check('the script has read the data', await page.eval(`document.documentElement.getAttribute('data-ready') === 'true'`));
  if (jsonOutput) {
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(JSON.stringify(JSON.parse(fs.readFileSync(jsonOutput, 'utf8')))).digest('hex');
    const actual = await page.eval(`crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(window.rolelintData.report)))
      .then(b => Array.from(new Uint8Array(b)).map(x => x.toString(16).padStart(2, '0')).join(''))`);
    check('the embedded findings equal --format json', actual === expected, { actual, expected });
  }
  const data = await page.eval(`(() => {
    const f = window.rolelintData.report;
    const roles = window.rolelintData.roles;
    return { findings: f.diagnostics.length, roles: roles.length, names: roles.map(r => r.n),
             rules: Array.from(new Set(f.diagnostics.map(d => d.rule))), severities: Array.from(new Set(f.diagnostics.map(d => d.severity))) };
  })()`);
  console.log(`report ${report}: ${(size / 1048576).toFixed(2)} MB, ${data.findings} findings, ${data.roles} roles; ` +
    `first contentful paint ${timing.fcp?.toFixed(0)} ms, DOMContentLoaded ${timing.dcl?.toFixed(0)} ms, load ${timing.load?.toFixed(0)} ms`);
  // Measured and printed, not asserted: a timed check would fail on a busy machine (tests are not timed).
  check('the page painted', timing.fcp !== null, timing);
  check('file under 10 MB', size < 10 * 1048576, size);

  // Keyboard: the first Tab reaches the skip link, Enter follows it to the findings.
  await page.call('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
  await page.call('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Tab', code: 'Tab', windowsVirtualKeyCode: 9 });
  check('the first Tab reaches the skip link', await page.eval(`document.activeElement.className`) === 'skip');
  await page.call('Input.dispatchKeyEvent', { type: 'keyDown', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' });
  await page.call('Input.dispatchKeyEvent', { type: 'keyUp', key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13 });
  await sleep(100);
  check('Enter on the skip link goes to the findings', await page.eval(`location.hash`) === '#findings');
  await page.eval(`document.activeElement.blur(); history.replaceState(null, '', location.pathname); window.scrollTo(0, 0)`);

  const shown = await page.eval(`${visibleRows}.length`);
  check('findings table shows the first page', shown === Math.min(100, data.findings), { shown, findings: data.findings });
  check('filters are shown', await page.eval(`!document.getElementById('filters').hidden`));

  // Severity filter: unchecking each severity present removes its rows.
  for (const sev of data.severities) {
    await page.eval(`document.querySelector('input.f-sev[value="${sev}"]').click()`);
    await sleep(50);
    const left = await page.eval(`${visibleRows}.filter(r => r.querySelector('.sev-${sev}')).length`);
    const total = await page.eval(`${visibleRows}.length`);
    check(`severity filter hides ${sev}`, left === 0 && (data.severities.length > 1 ? total > 0 : total === 0), { left, total });
    await page.eval(`document.querySelector('input.f-sev[value="${sev}"]').click()`);
    await sleep(50);
  }
  // Rule filter: every visible row is of that rule.
  const rule = data.rules[data.rules.length - 1];
  if (rule) {
    await page.eval(`(() => { const s = document.getElementById('f-rule'); s.value = '${rule}';
      s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
    await sleep(50);
    const rules = await page.eval(`${visibleRows}.map(r => r.cells[1].querySelector('a').textContent)`);
    check(`rule filter shows only ${rule}`, rules.length > 0 && rules.every((r) => r === rule), rules.slice(0, 5));
    await page.eval(`document.getElementById('filter-form').reset()`);
    await sleep(50);
  }
  // Service filter: every role shown has effective permissions in that service.
  const service = await page.eval(`(() => { const o = document.querySelectorAll('#f-service option'); return o.length > 1 ? o[1].value : ''; })()`);
  if (service) {
    await page.eval(`(() => { const s = document.getElementById('f-service'); s.value = '${service}';
      s.dispatchEvent(new Event('change', { bubbles: true })); })()`);
    await sleep(50);
    const ok = await page.eval(`Array.from(document.querySelectorAll('#roles-list article')).every(a =>
      Array.from(a.querySelectorAll('th[scope=row]')).some(th => th.textContent === '${service}'))`);
    check(`service filter keeps roles with ${service}`, ok);
    await page.eval(`document.getElementById('filter-form').reset()`);
    await sleep(50);
  }
  // Search, typed: the last role (beyond the first page of a large report) is found.
  const name = data.names[data.names.length - 1];
  if (name) {
    await page.eval(`document.getElementById('f-search').focus()`);
    await page.call('Input.insertText', { text: name });
    await sleep(400);
    const found = await page.eval(`Array.from(document.querySelectorAll('#roles-list article h3')).filter(h => h.offsetParent !== null).map(h => h.textContent)`);
    check(`search finds the role ${name}`, found.includes(name), found.slice(0, 5));
    const status = await page.eval(`document.getElementById('status').textContent`);
    check('status says how many match', /roles match/.test(status), status);
    await page.eval(`document.getElementById('filter-form').reset()`);
    await sleep(50);
  }
  // A link to a role that is not rendered yet renders it.
  if (data.roles > 1) {
    const last = data.roles - 1;
    await page.eval(`location.hash = '#role-${last}'`);
    await sleep(200);
    check('a link to a role beyond the first page shows it', await page.eval(`!!document.getElementById('role-${last}')`));
    await page.eval(`history.replaceState(null, '', location.pathname); document.getElementById('filter-form').reset()`);
    await sleep(50);
  }
  // Export: the Blobs hold CSV and JSON of the findings shown.
  const exported = await page.eval(`(async () => {
    const blobs = [];
    const orig = URL.createObjectURL;
    URL.createObjectURL = (b) => { blobs.push(b); return orig.call(URL, b); };
    HTMLAnchorElement.prototype.click = function () {};
    document.getElementById('export-csv').click();
    document.getElementById('export-json').click();
    URL.createObjectURL = orig;
    const csv = await blobs[0].text();
    return { header: csv.slice(0, csv.indexOf('\\r\\n')), rows: (csv.match(/\\r\\n(error|warning|note),/g) || []).length,
             json: JSON.parse(await blobs[1].text()).diagnostics.length, csvType: blobs[0].type };
  })()`);
  check('CSV export has a header and one line per finding',
    exported.header.startsWith('severity,rule,name,message') && exported.rows === data.findings, exported);
  check('JSON export has every finding', exported.json === data.findings, exported);

  check('no console errors or exceptions', page.errors.length === 0, page.errors);
  const external = page.requests.filter((u) => !/^(file|data|blob|about):/.test(u));
  check('no network request', external.length === 0, external);
  if (screenshot) {
    await page.eval(`window.scrollTo(0, 0)`);
    await sleep(100);
    const shot = await page.call('Page.captureScreenshot', { format: 'png' });
    fs.writeFileSync(screenshot, Buffer.from(shot.data, 'base64'));
    console.log(`screenshot ${screenshot}: ${fs.statSync(screenshot).size} bytes`);
  }

  // ---------- without scripts ----------
  const plain = await openPage(false);
  const plainRows = await plain.eval(`document.querySelectorAll('#findings-table tbody tr').length`);
  check('without scripts the first page of findings is there', plainRows === Math.min(100, data.findings), plainRows);
  const plainRoles = await plain.eval(`document.querySelectorAll('#roles-list article').length`);
  check('without scripts the first roles are there', plainRoles === Math.min(20, data.roles), plainRoles);
  check('without scripts the filters are hidden', await plain.eval(`document.getElementById('filters').hidden`));

  console.log(`${passed} passed, ${failed} failed`);
  await cleanup();
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((e) => fail(e.stack || String(e)));
