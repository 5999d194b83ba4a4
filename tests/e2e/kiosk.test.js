// The training kiosk in the real page: the whole tour followed through real clicks and keys, each
// step's state checked through the test hook, and not one /api request made. Then the static
// kiosk build from a plain static file server, without serve.py.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const path = require('node:path');
const h = require('./harness');

const tourStep = (s) => {
  const line = s.texts.find((t) => /^Step \d+ of \d+$/.test(t));
  return line ? Number(line.split(' ')[1]) : null;
};
const rowOf = (subject) => (w) => w.id.startsWith('row') && w.label.includes(subject);

test('a trainee follows the whole kiosk tour, with no server involved', { timeout: 240000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  const api = [];
  page.on('request', (request) => { if (new URL(request.url()).pathname.startsWith('/api')) api.push(request.url()); });
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(server.base + '/?kiosk');
  let s = await h.waitFor(page, (x) => x.screen === 'workspace' && tourStep(x) === 1 && h.widget(x, 'tour-next'),
                          'the tour, step 1', 20000);
  assert.ok(h.widget(s, 'tour-back') && h.widget(s, 'tour-reset'), JSON.stringify(s.widgets.map((w) => w.id)));
  assert.ok(h.hasText(s, 'A colleague is drafting'));
  await h.axe(page, 'the kiosk and its tour');

  await t.test('1: Alesia is drafting — read her reply as she types', async () => {
    await h.click(page, rowOf('Complaint with Boiler'));
    await h.waitFor(page, (x) => h.hasText(x, 'Alesia Burvin is writing a reply'), "Alesia's draft", 15000);
    await h.waitFor(page, (x) => tourStep(x) === 2, 'step 2', 5000);
    await h.shot(page, 'kiosk-1-drafting');
  });
  await t.test('2: locked by Marcus — you cannot reply', async () => {
    await h.click(page, rowOf('Thermostat error E923'));
    s = await h.waitFor(page, (x) => h.hasText(x, 'Locked by Marcus Lindqvist'), 'the banner');
    assert.equal(h.widget(s, 'send').enabled, false);
    assert.equal(h.widget(s, 'composer').enabled, false);
    await h.waitFor(page, (x) => tourStep(x) === 3, 'step 3', 5000);
  });
  await t.test('3: take a ticket as Mine', async () => {
    await h.click(page, rowOf('Refund for order #48213'));
    await h.waitFor(page, (x) => h.hasText(x, 'Oliver Schmidt') && h.widget(x, 'mine') && h.widget(x, 'mine').enabled, 'Mine');
    await h.click(page, 'mine');
    await h.waitFor(page, (x) => h.hasText(x, 'Assigned to You (trainee)'), 'assigned to me');
    await h.waitFor(page, (x) => tourStep(x) === 4, 'step 4', 5000);
  });
  await t.test('4: lock it yourself and watch Priya be blocked', async () => {
    await h.click(page, 'lock');
    await h.waitFor(page, (x) => h.hasText(x, 'You hold the lock'), 'my lock');
    await h.waitFor(page, (x) => h.hasText(x, 'Priya Raman is writing a reply'), "Priya's draft", 15000);
    await h.waitFor(page, (x) => tourStep(x) === 5, 'step 5', 5000);
    await h.shot(page, 'kiosk-4-my-lock');
  });
  await t.test('5: the customer writes again while I draft: held as stale, then Send anyway', async () => {
    await h.click(page, 'composer');
    await page.keyboard.type('Hi Oliver, your refund is on its way.');
    await h.waitFor(page, (x) => h.hasText(x, 'I paid by bank transfer'), 'the customer writing again', 15000);
    await h.click(page, 'send');
    s = await h.waitFor(page, (x) => h.widget(x, 'send-anyway') && h.widget(x, 'review'), 'the held send');
    assert.ok(h.hasText(s, 'Oliver Schmidt wrote again'));
    await h.axe(page, 'the kiosk: a send held as stale');
    await h.shot(page, 'kiosk-5-stale');
    await h.click(page, 'send-anyway');
    await h.waitFor(page, (x) => tourStep(x) === 6, 'step 6', 8000);
  });
  await t.test('6: the history shows who did what; then free play', async () => {
    await h.click(page, (w) => w.label === 'History');
    await h.waitFor(page, (x) => h.hasText(x, 'You (trainee) locked the ticket'), 'my lock in the history');
    await h.waitFor(page, (x) => h.hasText(x, 'Tour complete: free play'), 'free play', 8000);
  });
  await t.test('not one /api request, no page error', () => {
    assert.deepEqual(api, []);
    assert.deepEqual(errors, []);
  });
});

test('the static kiosk build runs from any static file server and resets when idle', { timeout: 120000 }, async (t) => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const site = spawn('/usr/bin/python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'],
                     { cwd: path.join(h.REPO, 'build/wasm/kiosk'), stdio: 'ignore' });
  const browser = await h.launch();
  t.after(async () => { await browser.close(); site.kill(); });
  await h.sleep(800);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const api = [];
  page.on('request', (request) => { if (new URL(request.url()).pathname.startsWith('/api')) api.push(request.url()); });
  await page.goto(`http://127.0.0.1:${port}/?idle=6`);
  await h.waitFor(page, (x) => tourStep(x) === 1, 'the tour', 20000);
  await h.click(page, 'tour-next');
  await h.waitFor(page, (x) => tourStep(x) === 2, 'step 2 after Next');
  await h.click(page, 'tour-back');
  await h.waitFor(page, (x) => tourStep(x) === 1, 'step 1 after Back');
  await h.click(page, 'tour-next');
  await h.waitFor(page, (x) => tourStep(x) === 2, 'step 2 again');
  await h.click(page, 'tour-reset');
  await h.waitFor(page, (x) => tourStep(x) === 1, 'step 1 after Reset');
  await h.click(page, 'tour-next');
  await h.waitFor(page, (x) => tourStep(x) === 2, 'step 2 once more');
  // Nobody touches it: after ?idle=6 seconds it starts over.
  await h.waitFor(page, (x) => tourStep(x) === 1, 'the idle reset', 15000);
  assert.deepEqual(api, []);
  assert.equal(await page.title(), 'Baton training kiosk');
});
