// Themes, motion and zoom in the real page: the workspace follows the system's dark, more-contrast,
// forced-colours and reduced-motion preferences (and their changes, at once), the agent's own theme
// wins and is kept on the device, the reply <textarea> takes the theme's colours; at 200% and 50%
// zoom no two controls overlap and every one lies inside the window. Screenshots in
// tests/e2e/artifacts (theme-*, zoom-*).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

// The themes' window colour (shell/views/theme.cpp: background).
const BACKGROUND = { light: [246, 248, 250], dark: [13, 17, 23], contrast: [0, 0, 0] };

// The page's pixels at CSS points, as drawn: a screenshot decoded by the page itself.
async function pixels(page, points) {
  const png = (await page.screenshot()).toString('base64');
  return page.evaluate(async ({ png, points }) => {
    const image = new Image();
    image.src = 'data:image/png;base64,' + png;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.drawImage(image, 0, 0);
    const ratio = image.width / window.innerWidth;
    return points.map(([x, y]) => Array.from(context.getImageData(Math.round(x * ratio), Math.round(y * ratio), 1, 1).data.slice(0, 3)));
  }, { png, points });
}

const theme = (page) => page.evaluate(() => document.documentElement.dataset.theme);

// Waits until the page says `name` and its window's corner is drawn in that theme's colour.
async function drawnIn(page, name) {
  const deadline = Date.now() + 10000;
  let last;
  while (Date.now() < deadline) {
    last = [await theme(page), (await pixels(page, [[3, 3]]))[0]];
    if (last[0] === name && last[1].every((v, i) => Math.abs(v - BACKGROUND[name][i]) <= 2)) return;
    await h.sleep(50);
  }
  throw new Error(`not drawn in ${name}: data-theme ${last[0]}, corner ${last[1]}`);
}

// Every interactive item of the frame inside the viewport, and no two overlapping (`only`: the
// items to compare, when a menu lies over the rest on purpose).
function checkLayout(s, width, height, where, only = () => true) {
  const slack = 0.5;  // rounding of device pixels to CSS pixels
  for (const w of s.widgets) {
    assert.ok(w.x >= -slack && w.y >= -slack && w.x + w.w <= width + slack && w.y + w.h <= height + slack,
      `${where}: ${w.id} (${w.x},${w.y} ${w.w}x${w.h}) is not inside the ${width}x${height} window`);
    assert.ok(w.w >= 1 && w.h >= 1, `${where}: ${w.id} has no size`);
  }
  const items = s.widgets.filter(only);
  for (let i = 0; i < items.length; ++i) {
    for (let j = i + 1; j < items.length; ++j) {
      const a = items[i], b = items[j];
      const inside = (p, q) => p.x >= q.x - 1 && p.y >= q.y - 1 && p.x + p.w <= q.x + q.w + 1 && p.y + p.h <= q.y + q.h + 1;
      if (inside(a, b) || inside(b, a)) continue;  // a region and what it holds (the thread, a message in it)
      const overlap = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x) > 1 && Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y) > 1;
      assert.ok(!overlap, `${where}: ${a.id} (${a.x},${a.y} ${a.w}x${a.h}) overlaps ${b.id} (${b.x},${b.y} ${b.w}x${b.h})`);
    }
  }
}

test('the theme follows the system, the agent may choose one, and nothing moves under reduced motion', { timeout: 180000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });
  const created = await server.inbound({
    subject: 'Radiator cold upstairs', department: 'support', body: 'The upstairs radiator stays cold.',
    requester: { name: 'Hannah Rebekah', email: 'hannah@example.com' },
  });
  const ref = created.body.ticket.ref;

  const page = await h.openPage(browser, server.base, { colorScheme: 'dark', reducedMotion: 'reduce' });
  await t.test('a dark system gets the dark theme, from the loading screen on', async () => {
    await drawnIn(page, 'dark');
    await h.shot(page, 'theme-dark-login');
  });
  await t.test("a change of the system's preference redraws at once, without input", async () => {
    const frames = await page.evaluate(() => window.baton.framesDrawn());
    await page.emulateMedia({ colorScheme: 'light' });
    await drawnIn(page, 'light');
    assert.ok(await page.evaluate(() => window.baton.framesDrawn()) > frames);
    await page.emulateMedia({ colorScheme: 'dark', forcedColors: 'active' });
    await drawnIn(page, 'contrast');
    await page.emulateMedia({ colorScheme: 'light', forcedColors: 'none', contrast: 'more' });
    await drawnIn(page, 'contrast');
    await page.emulateMedia({ colorScheme: 'dark', contrast: 'no-preference' });
    await drawnIn(page, 'dark');
  });
  await t.test("under reduced motion the loading bar does not slide; otherwise it does", async () => {
    const slide = (p) => p.evaluate(() => {
      document.getElementById('bar').classList.add('indeterminate');
      const name = getComputedStyle(document.querySelector('#bar > div')).animationName;
      document.getElementById('bar').classList.remove('indeterminate');
      return name;
    });
    assert.equal(await slide(page), 'none');
    const moving = await h.openPage(browser, server.base);
    assert.equal(await slide(moving), 'slide');
    await moving.context().close();
  });

  await h.logIn(page, 'marcus@baton.test');
  await h.openTicket(page, ref);
  await t.test("the reply editor takes the theme's colours", async () => {
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('composer'));
      return [style.backgroundColor, style.color];
    });
    assert.deepEqual(colours, ['rgb(22, 27, 34)', 'rgb(230, 237, 243)']);
    await h.shot(page, 'theme-dark-ticket');
  });
  await t.test('the agent chooses High contrast in the menu: it wins over the system and is kept on the device', async () => {
    await h.click(page, 'me');
    await h.click(page, 'theme');
    const s = await h.waitFor(page, (x) => h.widget(x, 'theme-contrast'), 'the Theme menu');
    assert.equal(h.widget(s, 'theme-system').label, 'As your system (Dark)');
    await h.click(page, 'theme-contrast');
    await drawnIn(page, 'contrast');
    assert.equal(await page.evaluate(() => localStorage.getItem('baton.theme')), 'contrast');
    const colours = await page.evaluate(() => {
      const style = getComputedStyle(document.getElementById('composer'));
      return [style.backgroundColor, style.color];
    });
    assert.deepEqual(colours, ['rgb(0, 0, 0)', 'rgb(255, 255, 255)']);
    await page.mouse.move(1, 1);  // no hover on the menu's last item in the picture
    await h.waitFor(page, (x) => !h.widget(x, 'theme-contrast'), 'the menu closed');
    await h.shot(page, 'theme-contrast-ticket');
    await page.reload();
    assert.equal(await theme(page), 'contrast', 'the loading screen already in the chosen theme');
    await h.waitFor(page, (x) => x.screen === 'workspace', 'the workspace again', 15000);
    await drawnIn(page, 'contrast');
  });
  await t.test('System gives the choice back to the system', async () => {
    await h.click(page, 'me');
    await h.click(page, 'theme');
    await h.click(page, 'theme-system');
    await drawnIn(page, 'dark');
    assert.equal(await page.evaluate(() => localStorage.getItem('baton.theme')), null);
  });
  assert.deepEqual(page.errors, []);
});

// Browser zoom: Chromium at Z% shows a W×H window as W/Z × H/Z CSS pixels at a device pixel ratio
// of Z (a 1280×800 window at 200% is 640×400 CSS pixels at ratio 2).
test('at 50%, 100%, 150% and 200% zoom every control is inside the window and none overlaps another', { timeout: 240000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });
  const created = await server.inbound({
    subject: 'Boiler pressure drops every night and the display shows E119 again',
    department: 'support', body: 'Hi, the pressure drops every night. Can someone look at it this week?',
    requester: { name: 'Hannah Rebekah', email: 'hannah@example.com' },
  });
  const ref = created.body.ticket.ref;
  for (const zoom of [2, 1.5, 1, 0.5]) {
    const width = Math.round(1280 / zoom), height = Math.round(800 / zoom);
    await t.test(`${zoom * 100}%: ${width}x${height} CSS pixels at ratio ${zoom}`, async () => {
      const page = await h.openPage(browser, server.base, { viewport: { width, height }, deviceScaleFactor: zoom });
      checkLayout(await h.snapshot(page), width, height, 'login');
      await h.shot(page, `zoom-${zoom * 100}-login`);
      await h.logIn(page, 'marcus@baton.test');
      checkLayout(await h.snapshot(page), width, height, 'list');
      await h.shot(page, `zoom-${zoom * 100}-list`);
      await h.click(page, (w) => w.id.startsWith('row') && w.label.includes(ref), `the row of ${ref}`);
      const top = await h.waitFor(page, (x) => h.hasText(x, ref) && h.widget(x, 'lock'), `${ref} open`);
      checkLayout(top, width, height, 'ticket');
      for (const id of ['lock', 'mine', 'assign', 'status', 'urgency', 'tab-history']) assert.ok(h.widget(top, id), `${id} in view`);
      await h.shot(page, `zoom-${zoom * 100}-ticket`);
      // A short pane scrolls as a whole: the wheel over it brings the composer, whole, into view.
      const lock = h.widget(top, 'lock');
      let s = top;
      const whole = (x, id) => h.widget(x, id) && h.widget(x, id).h >= lock.h - 1;  // not cut by the pane's edge
      for (let turn = 0; turn < 20 && !(whole(s, 'send') && h.widget(s, 'composer')); ++turn) {
        await page.mouse.move(lock.x + 4, height - 60);  // the pane's lower left: canvas, never the <textarea>
        await page.mouse.wheel(0, 120);
        await h.sleep(60);
        s = await h.snapshot(page);
      }
      assert.ok(whole(s, 'send') && h.widget(s, 'composer'), 'Send, whole, and the reply editor reached');
      checkLayout(s, width, height, 'ticket, scrolled to the composer');
      const editor = await page.evaluate(() => { const r = document.getElementById('composer').getBoundingClientRect(); return [r.top, r.bottom]; });
      const composer = h.widget(s, 'composer');
      assert.ok(editor[0] >= composer.y - 1 && editor[1] <= composer.y + composer.h + 1,
        `the reply <textarea> (${editor}) lies inside the editor's drawn rectangle (${composer.y}..${composer.y + composer.h})`);
      if (s !== top) await h.shot(page, `zoom-${zoom * 100}-ticket-composer`);
      await h.click(page, 'me');
      const menu = ['automations', 'language', 'theme', 'logout'];
      checkLayout(await h.waitFor(page, (x) => h.widget(x, 'logout'), 'the menu'), width, height, 'menu', (w) => menu.includes(w.id));
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });
  }
});
