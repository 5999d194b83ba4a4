// The server's login waits as a person meets them, on a real serve.py started with its waits on
// (the default --login-wait-ms 1000: the 4th failure of an account earns 1 s, doubled by each
// next): wrong passwords typed through the real keyboard until the server asks to wait, the
// countdown shown in the browser's language with Log in disabled (and its reason for screen
// readers), then enabled when the wait is over; and an agent's own language, kept by the server,
// wins over an English browser's after login. Screenshots: tests/e2e/artifacts/limits-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

// The login's answer to what Enter sends: its status and body.
async function submit(page) {
  const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/login');
  await page.keyboard.press('Enter');
  const response = await answer;
  return { status: response.status(), body: await response.json() };
}

// Wrong passwords until the server answers 429 with a wait of at least `ms`; between tries, the
// next waits until Log in is enabled again (the page's own rule), as a person clicks the field.
async function guessUntilThrottled(page, email, ms) {
  await h.click(page, 'email');
  await page.keyboard.type(email);
  await h.click(page, 'password');
  await page.keyboard.type('not-the-password');
  const statuses = [];
  for (let i = 0; i < 12; ++i) {
    await h.waitFor(page, (s) => h.widget(s, 'login') && h.widget(s, 'login').enabled, 'Log in enabled', 15000);
    await h.click(page, 'password');  // the field was disabled while the login was on its way
    const { status, body } = await submit(page);
    statuses.push(status);
    if (status === 429 && body.error.retry_after_ms >= ms) return { statuses, body, at: Date.now() };
  }
  throw new Error(`no 429 of ${ms} ms; answers: ${statuses}`);
}

test('login waits: the countdown, Log in disabled then enabled; the agent language', { timeout: 180000 }, async (t) => {
  const server = await new h.Server().start();  // waits on: the harness passes no --login-wait-ms
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  await t.test('wrong passwords typed until the server asks to wait: a countdown, Log in disabled', async () => {
    const page = await h.openPage(browser, server.base, { locale: 'en-US' });
    const { statuses, body, at } = await guessUntilThrottled(page, 'priya@baton.test', 1500);
    assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 429], 'three free failures, the fourth earns the first wait');
    const countdown = /^. Too many attempts: try again in (\d+) s$/;
    const first = await h.waitFor(page, (s) => s.texts.some((t) => countdown.test(t)), 'the countdown');
    const shown = Number(first.texts.find((t) => countdown.test(t)).match(countdown)[1]);
    assert.ok(shown >= 1 && shown <= Math.ceil(body.error.retry_after_ms / 1000), `${shown} s of ${body.error.retry_after_ms} ms`);
    assert.equal(h.widget(first, 'login').enabled, false);
    const button = page.locator('button[data-key="login"]');
    assert.equal(await button.getAttribute('aria-disabled'), 'true');
    const why = await button.getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${why}"]`).textContent(), /^Too many attempts: try again in \d s$/);
    await h.shot(page, 'limits-01-countdown-en');

    // Enter in the password field while the wait runs sends nothing.
    const before = page.apiRequests.filter((u) => u.endsWith('/api/login')).length;
    await page.keyboard.press('Enter');
    await h.sleep(300);
    assert.equal(page.apiRequests.filter((u) => u.endsWith('/api/login')).length, before);

    await h.waitFor(page, (s) => h.hasText(s, 'Too many attempts: try again in 1 s'), 'the countdown at 1 s', 8000);
    const open = await h.waitFor(page, (s) => h.widget(s, 'login').enabled, 'Log in enabled again', 10000);
    assert.ok(Date.now() - at >= body.error.retry_after_ms - 100, 'not before the server\'s wait was over');
    assert.ok(!h.hasText(open, 'Too many attempts'));
    assert.equal(await button.getAttribute('aria-disabled'), null);
    // The right password works once the wait is over.
    await h.click(page, 'password');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('baton-demo');
    assert.equal((await submit(page)).status, 200);
    await h.waitFor(page, (s) => s.screen === 'workspace', 'the workspace', 15000);
    // The browser logs each refused login (401, 429) itself; nothing else went wrong.
    assert.deepEqual(page.errors.filter((e) => !/^Failed to load resource: .* (401|429) /.test(e)), []);
  });

  await t.test('the countdown in a Japanese browser', async () => {
    const page = await h.openPage(browser, server.base, { locale: 'ja-JP' });
    await guessUntilThrottled(page, 'jonas@baton.test', 1500);
    await h.waitFor(page, (s) => s.lang === 'ja' && s.missing_glyphs === 0 &&
      s.texts.some((t) => /ログインの試行が多すぎます: \d+秒後にもう一度お試しください$/.test(t)), 'the Japanese countdown');
    await h.shot(page, 'limits-02-countdown-ja');
    await h.waitFor(page, (s) => h.widget(s, 'login').enabled, 'Log in enabled again', 10000);
  });

  await t.test("a Japanese agent's own language wins over an English browser's after login", async () => {
    const token = await server.login('chloe@baton.test');
    const put = await server.api('PUT', '/api/me/preferences', { lang: 'ja' }, { Authorization: `Bearer ${token}` });
    assert.equal(put.status, 200);
    const page = await h.openPage(browser, server.base, { locale: 'en-US' });
    const login = await h.waitFor(page, (s) => h.widget(s, 'login'), 'the login');
    assert.equal(login.lang, 'en');
    assert.equal(h.widget(login, 'login').label, 'Log in');
    await h.click(page, 'email');
    await page.keyboard.type('chloe@baton.test');
    await h.click(page, 'password');
    await page.keyboard.type('baton-demo');
    await page.keyboard.press('Enter');
    const s = await h.waitFor(page, (x) => x.screen === 'workspace' && x.lang === 'ja' && h.hasText(x, 'ライブ') &&
      x.missing_glyphs === 0, 'the Japanese workspace', 20000);
    assert.ok(h.widget(s, (w) => w.id === 'view-all' && w.label.startsWith('すべて')));
    await h.shot(page, 'limits-03-agent-language-ja');
    assert.deepEqual(page.errors, []);
  });
});
