// What matters stays in view, in the real page against a real serve.py: a long conversation opens
// at its newest end; a colleague's note arriving live comes into view while the agent is at the
// end; scrolled up with the wheel, nothing moves and "↓ New note from Priya Raman" appears, and a
// click on it shows the note; scrolled up again, a colleague's reply through the API brings the
// marker back and End shows it; a colleague typing is readable above the composer however far up
// the agent reads. Only the real mouse and keyboard. Screenshots: tests/e2e/artifacts/thread-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

// The whole of widget `id` inside the thread's visible rectangle.
function inThread(s, id) {
  const w = h.widget(s, id), thread = h.widget(s, 'thread');
  return Boolean(w && thread && w.y >= thread.y - 1 && w.y + w.h <= thread.y + thread.h + 1);
}
// The newest end: message `id` is whole in the thread and its bottom near the thread's bottom.
function atEnd(s, id) {
  const w = h.widget(s, id), thread = h.widget(s, 'thread');
  return inThread(s, id) && thread.y + thread.h - (w.y + w.h) < 30;
}
const lastMessage = (s) => s.widgets.filter((w) => /^message-\d+$/.test(w.id)).map((w) => w.id).pop();

test('what matters stays in view', { timeout: 240000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  // A conversation far longer than the pane: the customer and Alesia's notes, in turns.
  const { ticket, alesia, priya, note } = await h.longConversation(server);
  // A reply goes out at once (no undo window), so it is a message in the thread when it arrives.
  const asAdmin = { Authorization: `Bearer ${alesia}` };
  const settings = (await server.api('GET', '/api/settings', null, asAdmin)).body.settings;
  assert.equal((await server.api('PUT', '/api/settings', { ...settings, undo_send_secs: 0 }, asAdmin)).status, 200);
  let replies = 0;
  const reply = async (token, body) => {
    const auth = { Authorization: `Bearer ${token}` };
    const { version } = (await server.api('GET', `/api/tickets/${ticket.id}`, null, auth)).body.ticket;
    return server.api('POST', `/api/tickets/${ticket.id}/commands`,
      { type: 'reply', body, base_version: version, idempotency_key: `thread-e2e-${++replies}` }, auth);
  };

  const a = await h.openPage(browser, server.base);  // Marcus reads the thread
  await h.logIn(a, 'marcus@baton.test');

  await t.test('the ticket opens at the newest end of its conversation', async () => {
    await h.openTicket(a, ticket.ref);
    const s = await h.waitFor(a, (x) => h.hasText(x, 'Message 24.') && atEnd(x, lastMessage(x)), 'the newest message at the end');
    assert.ok(!h.hasText(s, 'Message 1. '), 'the oldest is far above');
    await h.shot(a, 'thread-1-opened-at-end');
  });

  let last = 24;
  await t.test("at the end, a colleague's note arriving live comes into view", async () => {
    assert.equal((await note(priya, 'Called her back: the engineer comes at 9.')).status, 200);
    last += 1;
    const s = await h.waitFor(a, (x) => h.hasText(x, 'Called her back: the engineer comes at 9.'), 'the note in view');
    assert.ok(inThread(s, lastMessage(s)), 'the note is whole in the visible thread');
    await h.waitFor(a, (x) => atEnd(x, lastMessage(x)), 'the thread at its end');
    assert.ok(!h.widget(s, 'new-below'));
    await h.shot(a, 'thread-2-note-arrived-at-end');
  });

  await t.test('scrolled up, nothing moves: the marker says what came and a click shows it', async () => {
    const before = await h.snapshot(a);
    const thread = h.widget(before, 'thread');
    await a.mouse.move(thread.x + thread.w / 2, thread.y + thread.h / 2);
    await a.mouse.wheel(0, -700);
    const up = await h.waitFor(a, (x) => !h.hasText(x, 'Called her back'), 'the thread scrolled up');
    await h.sleep(300);  // the wheel's last events
    const settled = await h.snapshot(a);
    const reading = settled.widgets.find((w) => /^message-\d+$/.test(w.id) && inThread(settled, w.id));
    assert.ok(reading, JSON.stringify(up.widgets.map((w) => w.id)));
    assert.equal((await note(priya, 'The part arrives on Friday.')).status, 200);
    last += 1;
    const marked = await h.waitFor(a, (x) => h.widget(x, 'new-below'), 'the new-below marker');
    assert.match(h.widget(marked, 'new-below').label, /New note from Priya Raman/);
    assert.ok(!h.hasText(marked, 'The part arrives on Friday.'), 'the note is below, out of view');
    assert.equal(h.widget(marked, reading.id).y, reading.y, `${reading.id} did not move`);
    const pill = h.widget(marked, 'new-below'), t2 = h.widget(marked, 'thread');
    assert.ok(pill.y >= t2.y + t2.h - 1 && pill.y + pill.h <= h.widget(marked, 'composer').y, 'between the thread and the composer');
    await h.shot(a, 'thread-3-new-below-marker');
    await h.click(a, 'new-below');
    const shown = await h.waitFor(a, (x) => h.hasText(x, 'The part arrives on Friday.') && !h.widget(x, 'new-below') &&
      atEnd(x, `message-${last}`), 'the note shown, the marker gone');
    assert.ok(inThread(shown, `message-${last}`));
    await h.shot(a, 'thread-4-marker-clicked');
  });

  await t.test("scrolled up again, a colleague's reply through the API brings the marker back and End shows it", async () => {
    const before = await h.snapshot(a);
    const thread = h.widget(before, 'thread');
    await a.mouse.move(thread.x + thread.w / 2, thread.y + thread.h / 2);
    await a.mouse.wheel(0, -700);
    await h.waitFor(a, (x) => !h.hasText(x, 'The part arrives on Friday.'), 'the thread scrolled up');
    const answer = await reply(priya, 'Hi Hannah, the part arrives on Friday and the engineer fits it at 9.');
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    last += 1;
    const marked = await h.waitFor(a, (x) => h.widget(x, 'new-below'), 'the new-below marker for the reply');
    assert.match(h.widget(marked, 'new-below').label, /New reply from Priya Raman/);
    assert.ok(!h.hasText(marked, 'the engineer fits it at 9'), 'the reply is below, out of view');
    await h.shot(a, 'thread-5-reply-below');
    await a.keyboard.press('End');  // the pointer is over the thread
    const shown = await h.waitFor(a, (x) => h.hasText(x, 'the engineer fits it at 9') && !h.widget(x, 'new-below') &&
      atEnd(x, `message-${last}`), 'the reply shown by End, the marker gone');
    assert.ok(inThread(shown, `message-${last}`));
    await h.shot(a, 'thread-6-end-pressed');
  });

  await t.test("a colleague's live draft is readable above the composer while reading further up", async () => {
    const b = await h.openPage(browser, server.base);
    await h.logIn(b, 'priya@baton.test');
    await h.openTicket(b, ticket.ref);
    const before = await h.snapshot(a);
    const thread = h.widget(before, 'thread');
    const composerY = h.widget(before, 'composer').y;
    await a.mouse.move(thread.x + thread.w / 2, thread.y + thread.h / 2);
    await a.mouse.wheel(0, -900);
    await h.waitFor(a, (x) => !h.widget(x, `message-${last}`), 'the thread scrolled up');
    await h.click(b, 'composer');
    const typed = 'Hi Hannah, the engineer comes Friday at 9.';  // typed key by key: ~0.1 s a key here
    await b.keyboard.type(typed);
    const s = await h.waitFor(a, (x) => h.hasText(x, typed) && x.widgets.some((w) => w.id.startsWith('pinned-draft-')),
      "Priya's draft pinned in A");
    const pinned = s.widgets.find((w) => w.id.startsWith('pinned-draft-'));
    const t2 = h.widget(s, 'thread'), composer = h.widget(s, 'composer');
    assert.ok(pinned.y >= t2.y + t2.h - 1, 'under the thread');
    assert.ok(pinned.y + pinned.h <= composer.y + 1, 'above the composer');
    assert.equal(composer.y, composerY, 'the composer stays where it was: the strip takes its height from the thread');
    assert.ok(h.hasText(s, 'Priya Raman is writing a reply'));
    await h.shot(a, 'thread-7-draft-pinned');
    // Back at the end (End in the thread), the draft is read where it is, at the end of the thread.
    await a.mouse.move(t2.x + t2.w / 2, t2.y + t2.h / 2);
    await a.keyboard.press('End');
    const end = await h.waitFor(a, (x) => x.widgets.some((w) => w.id.startsWith('draft-') && inThread(x, w.id)) &&
      !x.widgets.some((w) => w.id.startsWith('pinned-draft-')), 'the draft at the end of the thread');
    assert.ok(h.hasText(end, typed));
    await h.shot(a, 'thread-8-draft-at-end');
    assert.deepEqual(b.errors, []);
  });

  await t.test('no page error happened', () => {
    assert.deepEqual(a.errors, []);
  });
});
