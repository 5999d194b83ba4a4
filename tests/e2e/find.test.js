// The browser's find reaches the whole conversation, not only what is drawn: a long thread opened at
// its newest end, Chromium's find-in-page engine (run by a text fragment, `#:~:text=`) finds a word
// only in the first message, and within a frame or two the canvas shows that message where the
// browser highlights it; what arrives next does not take the agent away from it; `window.find`
// (which selects the match) brings it back from the end again. The same in History. A mouse drag still selects a message's text, and every message is an article in
// Chromium's accessibility tree, drawn or not. Screenshots: tests/e2e/artifacts/find-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

// The whole of widget `id` inside the rectangle of widget `region`.
function inside(s, id, region) {
  const w = h.widget(s, id), r = h.widget(s, region);
  return Boolean(w && r && w.y >= r.y - 1 && w.y + w.h <= r.y + r.h + 1);
}
const lastMessage = (s) => s.widgets.filter((w) => /^message-\d+$/.test(w.id)).map((w) => w.id).pop();

// Where a word of the mirror's text is laid out, in CSS pixels (the browser highlights it there).
const wordRect = (page, word) => page.evaluate((word) => {
  const walker = document.createTreeWalker(document.getElementById('semantics'), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const at = node.data.indexOf(word);
    if (at < 0) continue;
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + word.length);
    const r = range.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  }
  return null;
}, word);
// Where the page's selection (what the find matched) is drawn, in CSS pixels.
const selectionRect = (page) => page.evaluate(() => {
  const selection = window.getSelection();
  if (!selection.rangeCount) return null;
  const r = selection.getRangeAt(0).getBoundingClientRect();
  return { text: selection.toString(), x: r.x, y: r.y, w: r.width, h: r.height };
});
const within = (rect, w) => rect && rect.h > 0 && rect.y >= w.y - 1 && rect.y + rect.h <= w.y + w.h + 1;

async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const value = (v) => (v && v.value !== undefined ? v.value : '');
    return nodes.filter((n) => !n.ignored).map((n) => ({ role: value(n.role), name: value(n.name) }));
  } finally {
    await cdp.detach();
  }
}

test('find reaches every message and scrolls the workspace to it', { timeout: 240000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  const count = 24;
  const { ticket, alesia, priya, note } = await h.longConversation(server, { count, firstWords: 'The quokkaplume valve came loose. ' });
  const full = (await server.api('GET', `/api/tickets/${ticket.id}`, null, { Authorization: `Bearer ${alesia}` })).body.ticket;
  const first = 'message-' + full.messages[0].id;

  const a = await h.openPage(browser, server.base);
  await h.logIn(a, 'marcus@baton.test');
  await h.openTicket(a, ticket.ref);
  await h.waitFor(a, (x) => h.hasText(x, `Message ${count}.`) && inside(x, lastMessage(x), 'thread'), 'the newest end');

  await t.test('every message is in the mirror, drawn or not', async () => {
    const s = await h.snapshot(a);
    assert.ok(!h.hasText(s, 'quokkaplume'), 'the first message is far above: not drawn');
    assert.ok(!h.widget(s, first));
    const articles = await a.evaluate(() => document.querySelectorAll('#semantics article').length);
    assert.equal(articles, count, 'an article for each message');
    const text = await a.evaluate(() => document.getElementById('semantics').textContent);
    for (let i = 1; i <= count; i++) assert.ok(text.includes(`Message ${i}. `), `message ${i} is text in the page`);
    const tree = await axTree(a);
    const named = tree.filter((n) => n.role === 'article');
    assert.equal(named.length, count, 'each message an article in the accessibility tree');
    assert.ok(named.some((n) => n.name.startsWith('Hannah Rebekah')) && named.some((n) => n.name === 'Alesia Burvin'));
    assert.ok(tree.some((n) => n.role === 'StaticText' && n.name.includes('quokkaplume')), 'its text is readable');
  });

  await t.test("the find-in-page engine scrolls the workspace to the match", async () => {
    // Chromium's find-in-page engine (FindBuffer) as a text fragment runs it: it scrolls every
    // scroll container on the way to the match, as the find bar (Ctrl+F) does. A same-document
    // navigation: the workspace stays as it is.
    await a.evaluate(() => { window.stayed = true; });
    await a.goto(server.base + '/#:~:text=quokkaplume');
    const s = await h.waitFor(a, (x) => h.hasText(x, 'quokkaplume') && inside(x, first, 'thread'), 'the first message drawn in the thread', 3000);
    assert.equal(await a.evaluate(() => window.stayed), true, 'the page was not reloaded');
    const match = await wordRect(a, 'quokkaplume');
    assert.ok(within(match, h.widget(s, 'thread')), `the match ${JSON.stringify(match)} is where the thread shows`);
    assert.ok(within(match, h.widget(s, first)), 'over the drawn message');
    assert.ok(!(await h.snapshot(a)).texts.some((x) => x.startsWith(`Message ${count}.`)), 'the newest end scrolled away');
    await h.shot(a, 'find-1-match-in-view');
  });

  await t.test('what arrives next does not take the agent away from the match', async () => {
    assert.equal((await note(priya, 'Called her back: the engineer comes at 9.')).status, 200);
    const s = await h.waitFor(a, (x) => h.widget(x, 'new-below'), 'the marker for the note below');
    assert.ok(inside(s, first, 'thread'), 'the first message stays in view');
    assert.ok(within(await wordRect(a, 'quokkaplume'), h.widget(s, first)), 'and the match over it');
  });

  await t.test('window.find selects the match and the workspace scrolls to it', async () => {
    await h.click(a, 'new-below');  // back to the newest end
    await h.waitFor(a, (x) => !inside(x, first, 'thread') && h.hasText(x, 'Called her back'), 'the newest end');
    // As the find bar searches: the whole page, wrapping around (from the focused canvas, which
    // comes after the mirror). window.find selects its match and scrolls only the document; the
    // mirror scrolls the region to the selection.
    assert.equal(await a.evaluate(() => window.find('quokkaplume', false, false, true)), true, 'found');
    const s = await h.waitFor(a, (x) => h.hasText(x, 'quokkaplume') && inside(x, first, 'thread'), 'the first message drawn again', 3000);
    const match = await selectionRect(a);
    assert.equal(match.text, 'quokkaplume');
    assert.ok(within(match, h.widget(s, first)), `the selection ${JSON.stringify(match)} over the drawn message`);
  });

  await t.test("a mouse drag selects a message's text", async () => {
    const body = await a.evaluate(() => {
      const el = Array.from(document.querySelectorAll('#semantics .sem-text')).find((e) => e.textContent.startsWith('Message 1. '));
      const r = el.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width };
    });
    await a.evaluate(() => window.getSelection().removeAllRanges());
    await a.mouse.move(body.x + 2, body.y + 8);
    await a.mouse.down();
    await a.mouse.move(body.x + body.w / 2, body.y + 8, { steps: 5 });
    await a.mouse.up();
    const selected = await a.evaluate(() => window.getSelection().toString());
    assert.match(selected, /^Message 1\. The quokka/, 'the drag selected the drawn text');
  });

  await t.test('History: find reaches the oldest line', async () => {
    await a.evaluate(() => window.getSelection().removeAllRanges());
    await h.click(a, 'tab-history');
    const s = await h.waitFor(a, (x) => h.hasText(x, 'Alesia Burvin added a note'), 'History');
    assert.ok(!s.texts.some((x) => x.includes('quokkaplume')), 'the oldest line is far below: not drawn');
    await a.evaluate(() => window.getSelection().removeAllRanges());
    assert.equal(await a.evaluate(() => window.find('quokkaplume', false, false, true)), true, 'found');
    await h.waitFor(a, (x) => x.texts.some((y) => y.includes('quokkaplume')), 'the oldest line drawn', 3000);
    const match = await selectionRect(a);
    assert.ok(match && match.y > 0 && match.y + match.h <= 860, 'the highlight on the page');
    await h.shot(a, 'find-2-history');
  });

  assert.deepEqual(a.errors, []);
});
