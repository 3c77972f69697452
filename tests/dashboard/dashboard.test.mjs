// End-to-end test of the web dashboard in headless Chromium, against the real server.
//
//   node dashboard.test.mjs /path/to/shortlist      (CTest runs it: ctest -R dashboard)
//
// Starts `shortlist serve` on a free loopback port with a temporary data directory, reads the
// first API token from its banner, and drives the UI as a user would: sign in, create and revoke
// a token, see credits and agent keys, submit a job with three resume files, wait for it, check
// the ranking (the backend resume first), open a score breakdown, compare two candidates and
// draft an email. Any console error (a CSP violation shows up as one) fails the test.
// Screenshots go to $SHORTLIST_DASHBOARD_SCREENSHOTS or ./dashboard-screenshots.
//
// Needs /usr/bin/chromium (Debian package `chromium`; CHROMIUM=path overrides) and
// node_modules from `npm ci` in this directory, both done by scripts/setup.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

function fail(message) {
  console.error(`dashboard test: FAILED: ${message}`);
  process.exit(1);
}

const binary = process.argv[2];
if (!binary || !existsSync(binary)) fail(`usage: node dashboard.test.mjs /path/to/shortlist (got ${binary})`);
let chromium;
try {
  ({chromium} = createRequire(path.join(here, 'package.json'))('playwright-core'));
} catch {
  fail(`playwright-core is not installed in ${here}/node_modules: run scripts/setup ` +
       '(it runs `npm ci` in tests/dashboard).');
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!existsSync(chromiumPath)) fail(`${chromiumPath} is missing: run scripts/setup (Debian package chromium).`);

const shots = process.env.SHORTLIST_DASHBOARD_SCREENSHOTS || path.resolve('dashboard-screenshots');
mkdirSync(shots, {recursive: true});
const work = mkdtempSync(path.join(tmpdir(), 'shortlist-dashboard-'));

// Starts the server and resolves with {url, token} once the banner is printed.
function startServer() {
  const child = spawn(binary, ['serve', '--host', '127.0.0.1', '--port', '0', '--workers', '2',
                               '--data-dir', path.join(work, 'data'), '--log-level', 'warn'],
                      {stdio: ['ignore', 'pipe', 'pipe']});
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const url = out.match(/listening on (http:\/\/\S+)/);
      const token = out.match(/API token: (\S+)/);
      if (url && token) {
        clearTimeout(timer);
        resolve({url: url[1], token: token[1]});
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}\n${err}`)));
  });
  return {child, ready};
}

async function apiCall(url, token, method, pathname, body) {
  const response = await fetch(url + pathname, {
    method,
    headers: {Authorization: `Bearer ${token}`, 'Content-Type': 'application/json'},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return {status: response.status, json: await response.json().catch(() => null)};
}

const server = startServer();
let browser;
const consoleErrors = [];
let step = 'start';
try {
  const {url, token} = await server.ready;

  step = 'headers of /';
  const index = await fetch(`${url}/`);
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /^text\/html/);
  assert.match(index.headers.get('content-security-policy'), /script-src 'self'/);

  // An agent key to list later (created through the API: the dashboard only shows keys).
  const key = await apiCall(url, token, 'POST', '/api/v1/agent-keys',
                            {name: 'ci-agent', daily_spend_limit: 5, permissions: ['read', 'screen']});
  assert.equal(key.status, 201, JSON.stringify(key.json));

  browser = await chromium.launch({executablePath: chromiumPath, headless: true,
                                   args: ['--no-sandbox', '--disable-gpu']});
  const context = await browser.newContext({viewport: {width: 1280, height: 900}});
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  page.on('console', (msg) => { if (msg.type() === 'error') consoleErrors.push(msg.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`page error: ${e.message}`));
  page.on('dialog', (dialog) => dialog.accept());

  step = 'sign in';
  await page.goto(`${url}/`);
  await page.locator('#view-signin').waitFor({state: 'visible'});
  await page.fill('#signin-token', 'sl_not_a_real_token');
  await page.click('#signin-form button[type=submit]');
  await page.locator('#signin-error').waitFor({state: 'visible'});
  // Chromium logs the refused request (401) as a console error: expected here, and only here.
  assert.ok(consoleErrors.every((e) => /401/.test(e)), consoleErrors.join('\n'));
  consoleErrors.length = 0;
  await page.fill('#signin-token', token);
  await page.click('#signin-form button[type=submit]');
  await page.locator('#nav').waitFor({state: 'visible'});
  assert.match(await page.textContent('#whoami-text'), /default/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('shortlist.token')), token);

  step = 'account: credits, agent keys, tokens';
  await page.click('#nav a[data-view=account]');
  await page.locator('#tokens-table tbody tr').first().waitFor();
  await page.locator('#agent-keys-table tbody tr').first().waitFor();
  assert.match(await page.textContent('#agent-keys-table tbody'), /ci-agent/);
  assert.match(await page.textContent('#agent-keys-table tbody'), /read, screen/);
  assert.match(await page.textContent('#credits-balance'), /\$/);
  await page.fill('#token-name', 'dashboard test token');
  await page.click('#token-create');
  await page.locator('#token-created').waitFor({state: 'visible'});
  const created = (await page.textContent('#token-value')).trim();
  assert.match(created, /^sl_[0-9a-f]{40}$/);
  assert.equal((await apiCall(url, created, 'GET', '/api/v1/schema/validate')).status, 200);
  const newRow = page.locator('#tokens-table tbody tr', {hasText: 'dashboard test token'});
  await newRow.waitFor();
  await page.screenshot({path: path.join(shots, '1-account.png'), fullPage: true});
  await newRow.locator('.revoke-button').click();
  await newRow.locator('text=revoked').waitFor();
  assert.equal((await apiCall(url, created, 'GET', '/api/v1/schema/validate')).status, 401,
               'a token revoked in the dashboard must stop working');

  step = 'submit a job with three resume files';
  await page.click('#nav a[data-view=new]');
  await page.fill('#job-title', 'Senior Backend Engineer');
  await page.fill('#job-description', readFileSync(path.join(fixtures, 'job_description.txt'), 'utf8'));
  await page.locator('#job-files').setInputFiles(
      ['marcus_lee.txt', 'elena_garcia.txt', 'priya_raman.txt'].map((f) => path.join(fixtures, f)));
  assert.equal(await page.locator('#job-file-list li').count(), 3);
  await page.click('#job-submit');
  await page.waitForURL(/#\/jobs\/\d+$/);

  step = 'wait for the results';
  await page.locator('#job-results').waitFor({state: 'visible', timeout: 90000});
  assert.equal((await page.textContent('#job-status')).trim(), 'completed');
  assert.match(await page.textContent('#job-progress-text'), /^3 of 3 resumes screened/);
  assert.equal(await page.$eval('#job-progress', (p) => p.value === p.max), true);
  const rows = page.locator('#candidates-table tbody tr.candidate-row');
  assert.equal(await rows.count(), 3);
  const scores = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.dataset.score)));
  assert.deepEqual(scores, [...scores].sort((a, b) => b - a), 'ranked by score, best first');
  assert.ok(scores[0] > scores[2], `scores should differ: ${scores}`);
  assert.match(await rows.nth(0).locator('.cand-name').textContent(), /Priya Raman/);
  assert.match(await rows.nth(2).locator('.cand-name').textContent(), /Elena Garcia/);
  assert.equal(await page.locator('#score-chart svg g.bar').count(), 3);
  await page.screenshot({path: path.join(shots, '2-results.png'), fullPage: true});

  step = 'score breakdown';
  await rows.nth(0).locator('.breakdown-button').click();
  const breakdown = page.locator('#breakdown-panel');
  await breakdown.waitFor({state: 'visible'});
  assert.match(await breakdown.textContent(), /Score breakdown: Priya Raman/);
  assert.ok(await breakdown.locator('tr[data-feature]').count() >= 4);
  assert.match(await breakdown.textContent(), /Required skills/);
  assert.match(await breakdown.locator('.breakdown-total').textContent(), new RegExp(`score ${scores[0]}$`));
  await breakdown.screenshot({path: path.join(shots, '3-breakdown.png')});

  step = 'compare two candidates';
  await rows.nth(0).locator('input[type=checkbox]').check();
  await rows.nth(1).locator('input[type=checkbox]').check();
  await page.click('#compare-button');
  const compare = page.locator('#compare-panel');
  await compare.waitFor({state: 'visible'});
  assert.match(await page.textContent('#compare-summary'), /Top: Priya Raman/);
  assert.equal(await compare.locator('.compare-table thead th').count(), 3);
  assert.ok(await compare.locator('tr[data-feature]').count() >= 4);
  await compare.screenshot({path: path.join(shots, '4-compare.png')});

  step = 'draft an email';
  await rows.nth(0).locator('.email-button').click();
  await page.locator('#email-panel').waitFor({state: 'visible'});
  await page.selectOption('#email-type', 'invite');
  await page.selectOption('#email-tone', 'friendly');
  await page.fill('#email-company', 'Northstar Freight');
  await page.click('#email-generate');
  await page.locator('#email-output').waitFor({state: 'visible'});
  const subject = await page.inputValue('#email-subject');
  const body = await page.inputValue('#email-body');
  assert.ok(subject.trim().length > 0, 'subject');
  assert.ok(body.trim().length > 40, 'body');
  assert.match(body, /Priya/);
  assert.match(body, /Northstar Freight/);
  await page.locator('#email-panel').screenshot({path: path.join(shots, '5-email.png')});

  step = 'job list';
  await page.click('#nav a[data-view=jobs]');
  const jobRow = page.locator('#jobs-table tbody tr', {hasText: 'Senior Backend Engineer'});
  await jobRow.waitFor();
  assert.match(await jobRow.textContent(), /completed/);
  await page.screenshot({path: path.join(shots, '6-jobs.png'), fullPage: true});

  step = 'sign out';
  await page.click('#sign-out');
  await page.locator('#view-signin').waitFor({state: 'visible'});
  assert.equal(await page.evaluate(() => sessionStorage.getItem('shortlist.token')), null);

  assert.deepEqual(consoleErrors, [], 'the page logged errors (a CSP violation is one)');
  console.log(`dashboard test: passed; screenshots in ${shots}`);
} catch (err) {
  console.error(`dashboard test: FAILED at step "${step}":\n${err.stack || err}`);
  if (consoleErrors.length) console.error(`console errors:\n${consoleErrors.join('\n')}`);
  process.exitCode = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
  server.child.kill('SIGTERM');
  await new Promise((resolve) => {
    const timer = setTimeout(() => { server.child.kill('SIGKILL'); resolve(); }, 10000);
    server.child.on('exit', () => { clearTimeout(timer); resolve(); });
    if (server.child.exitCode !== null) { clearTimeout(timer); resolve(); }
  });
  rmSync(work, {recursive: true, force: true});
}
