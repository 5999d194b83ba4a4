// The page runs under the server's Content-Security-Policy (no inline script or style, WebAssembly
// compiled, fetch and WebSocket to its own server): not one violation while it loads, logs in,
// opens a ticket and takes a draft. And no other site can frame it.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

test('the page runs under its Content-Security-Policy and cannot be framed', { timeout: 120000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation',
      (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  const response = await page.goto(server.base + '/');
  const policy = response.headers()['content-security-policy'];
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(policy, /frame-ancestors 'none'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');

  await h.waitFor(page, (s) => s.frame > 0, 'the first frame');
  await h.logIn(page, 'alesia@baton.test');
  const created = await server.inbound({
    subject: 'Boiler hissing', department: 'support', body: 'It hisses.',
    requester: { name: 'Hannah Rebekah', email: 'hannah@example.com' },
  });
  await h.openTicket(page, created.body.ticket.ref);
  await h.click(page, 'composer');
  await page.keyboard.type('Hi Hannah, on my way.');
  await h.waitFor(page, (s) => h.hasText(s, 'Live'), 'still live');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);

  // In Japanese the page fetches the glyphs of that language too: still nothing refused.
  const japanese = await context.newPage();
  await japanese.goto(server.base + '/?lang=ja');
  // (The login, or the workspace when the first page's session is already kept in this context.)
  await h.waitFor(japanese, (s) => s.frame > 0 && s.lang === 'ja', 'the page in Japanese');
  await h.sleep(500);
  assert.deepEqual(await japanese.evaluate(() => window.cspViolations), []);

  // Another origin (localhost is not 127.0.0.1) puts the workspace in a frame: the browser refuses.
  const other = await context.newPage();
  const frameErrors = [];
  other.on('console', (message) => frameErrors.push(message.text()));
  await other.goto(server.base.replace('127.0.0.1', 'localhost') + '/no-such-page');
  await other.setContent(`<iframe src="${server.base}/" width="800" height="600"></iframe>`);
  await h.sleep(1000);
  const framed = other.frames().find((f) => f !== other.mainFrame());
  assert.ok(framed, 'the frame element exists');
  assert.notEqual(framed.url(), server.base + '/', 'the workspace did not load in the frame');
  await context.close();
});
