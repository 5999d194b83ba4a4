// What the browser tests share: a real serve.py on loopback, Debian's Chromium through
// playwright-core, and helpers that read the page's test hook (window.baton.snapshot()) and act
// with real mouse and keyboard events at the rectangles it gives.
'use strict';
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { chromium } = require('playwright-core');

const REPO = path.resolve(__dirname, '../..');
const ARTIFACTS = path.join(__dirname, 'artifacts');
const INBOUND_KEY = 'e2e-inbound-key';
const PASSWORD = 'baton-demo';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// One serve.py with the demo data; restart() kills it (SIGKILL) and starts it again on the same
// port and database.
class Server {
  constructor(extraArgs = [], startTimeoutMs = 60000) {
    this.startTimeoutMs = startTimeoutMs;  // seeding 100,000 demo tickets takes minutes
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'baton-e2e-'));
    this.db = path.join(this.dir, 'baton.sqlite3');
    this.extraArgs = extraArgs;
  }
  get base() { return `http://127.0.0.1:${this.port}`; }
  async start() {
    if (!this.port) this.port = await freePort();
    const corePath = process.env.BATON_CORE_PATH || path.join(REPO, 'build/debug/python');
    this.log = fs.openSync(path.join(this.dir, `serve-${Date.now()}.log`), 'w');
    // The demo's simulated colleagues stay home: the tests play the colleagues themselves.
    this.proc = spawn('/usr/bin/python3', [path.join(REPO, 'serve.py'), '--demo', '--demo-colleagues', '0', '--port', String(this.port),
      '--db', this.db, '--core-path', corePath, '--static', path.join(REPO, 'build/wasm/web'),
      '--inbound-key', INBOUND_KEY, ...this.extraArgs], { cwd: REPO, stdio: ['ignore', this.log, this.log] });
    const deadline = Date.now() + this.startTimeoutMs;
    while (Date.now() < deadline) {
      try {
        const response = await fetch(this.base + '/healthz');
        if (response.ok) return this;
      } catch (e) { /* not up yet */ }
      await sleep(100);
    }
    throw new Error('serve.py did not become healthy');
  }
  async kill() {
    const exited = new Promise((resolve) => this.proc.once('exit', resolve));
    this.proc.kill('SIGKILL');
    await exited;
  }
  async stop() {
    if (this.proc && this.proc.exitCode === null) {
      const exited = new Promise((resolve) => this.proc.once('exit', resolve));
      this.proc.kill('SIGTERM');
      await exited;
    }
  }
  async api(method, route, body, headers = {}) {
    const response = await fetch(this.base + route, {
      method, headers: { 'Content-Type': 'application/json', ...headers }, body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: await response.json() };
  }
  async login(email) {
    const { body } = await this.api('POST', '/api/login', { email, password: PASSWORD });
    return body.token;
  }
  inbound(body) { return this.api('POST', '/api/inbound', body, { 'X-Inbound-Key': INBOUND_KEY }); }
}

async function launch() {
  return chromium.launch({
    executablePath: process.env.BATON_CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
  });
}

// A browser context logged in as nobody yet, with its console errors collected.
async function openPage(browser, base, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('console', (message) => { if (message.type() === 'error') page.errors.push(message.text()); });
  page.apiRequests = [];
  page.on('request', (request) => { if (new URL(request.url()).pathname.startsWith('/api')) page.apiRequests.push(request.url()); });
  await page.goto(base + '/');
  await waitFor(page, (s) => s.frame > 0, 'the first frame');
  return page;
}

const snapshot = (page) => page.evaluate(() => window.baton.snapshot());

// Polls the test hook until `predicate(snapshot)` holds.
async function waitFor(page, predicate, what, timeout = 10000) {
  const deadline = Date.now() + timeout;
  let last = null;
  while (Date.now() < deadline) {
    last = await page.evaluate(() => window.baton && window.baton.snapshot());
    if (last && predicate(last)) return last;
    await sleep(25);
  }
  throw new Error(`timed out waiting for ${what}; last frame: ${JSON.stringify(last && { screen: last.screen, texts: last.texts.slice(0, 60) })}`);
}

const widget = (s, test) => s.widgets.find(typeof test === 'string' ? (w) => w.id === test : test);
const hasText = (s, needle) => s.texts.some((t) => t.includes(needle));

async function click(page, test, what) {
  const s = await waitFor(page, (x) => widget(x, test), what || String(test));
  const w = widget(s, test);
  await page.mouse.click(w.x + Math.min(w.w / 2, 60), w.y + w.h / 2);
  return w;
}

async function logIn(page, email) {
  await click(page, 'email');
  await page.keyboard.type(email);
  await click(page, 'password');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await waitFor(page, (s) => s.screen === 'workspace' && hasText(s, 'Live'), `${email} in the workspace`, 15000);
}

async function openTicket(page, ref) {
  await click(page, (w) => w.id.startsWith('row') && w.label.includes(ref), `the row of ${ref}`);
  await waitFor(page, (s) => hasText(s, ref) && widget(s, 'composer'), `${ref} open`);
}

// axe-core (npm) run inside the page: no serious or critical violation. Returns how many lesser ones.
let axeSource = null;
async function axe(page, what) {
  if (!axeSource) axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);  // CDP's evaluate: the page's CSP governs its own scripts, not this
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`), [],
    `axe on ${what}`);
  return result.violations.length;
}

async function shot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, name + '.png') });
}

// A conversation far longer than the pane: Hannah's messages and Alesia's notes in turns, `count`
// in all ("Message N. " and the boiler's paragraph), the first with `firstWords` after its number.
// Returns the ticket, Alesia's and Priya's tokens and note(token, body) on the ticket.
async function longConversation(server, { count = 24, firstWords = '' } = {}) {
  const paragraph = 'The boiler hisses every morning when the heating starts, and the pressure drops by the evening. ';
  const created = await server.inbound({
    subject: 'Boiler hissing, a long story', department: 'support',
    body: 'Message 1. ' + firstWords + paragraph.repeat(3),
    requester: { name: 'Hannah Rebekah', email: 'hannah@example.com' },
  });
  assert.equal(created.status, 201);
  const ticket = created.body.ticket;
  const alesia = await server.login('alesia@baton.test');
  const priya = await server.login('priya@baton.test');
  const note = (token, body) => server.api('POST', `/api/tickets/${ticket.id}/commands`, { type: 'note', body },
    { Authorization: `Bearer ${token}` });
  for (let i = 2; i <= count; i++) {
    const body = `Message ${i}. ` + paragraph.repeat(1 + (i % 3));
    const answer = i % 2 ? await server.inbound({ ref: ticket.ref, body }) : await note(alesia, body);
    assert.ok(answer.status < 300, JSON.stringify(answer.body));
  }
  return { ticket, alesia, priya, note };
}

module.exports = { Server, launch, openPage, snapshot, waitFor, widget, hasText, click, logIn, openTicket, shot, axe, sleep,
                   longConversation, REPO };
