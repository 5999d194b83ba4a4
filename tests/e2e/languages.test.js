// The workspace for a Japanese-speaking team: a browser in Japanese gets the Japanese workspace
// with every glyph, typing right after the page loads goes to Email, Japanese typed through an
// input method reaches search and the reply's draft, and a Japanese customer's ticket is drawn
// whole. Screenshots: tests/e2e/artifacts/ja-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

test('a Japanese team works in Japanese', { timeout: 180000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  const created = await server.inbound({
    subject: '請求書の金額が二重になっています', department: 'support',
    body: 'いつもお世話になっております。先月の請求書で同じ金額が二回請求されています。ご確認いただけますでしょうか。',
    requester: { name: '山田 花子', email: 'hanako@example.jp' },
  });
  assert.equal(created.status, 201);
  const ticket = created.body.ticket;

  const ja = await h.openPage(browser, server.base, { locale: 'ja-JP' });

  await t.test('a browser in Japanese gets the Japanese login with every glyph', async () => {
    const s = await h.waitFor(ja, (x) => x.lang === 'ja' && x.missing_glyphs === 0 && h.widget(x, 'login'),
      'the Japanese login drawn whole');
    assert.equal(h.widget(s, 'login').label, 'ログイン');
    await h.shot(ja, 'ja-01-login');
  });

  await t.test('typing at once goes to Email: the field is a real input with its label', async () => {
    const focused = await ja.evaluate(() => ({
      id: document.activeElement.dataset.id, label: document.activeElement.getAttribute('aria-label'),
    }));
    assert.deepEqual(focused, { id: 'email', label: 'メールアドレス' });
    await ja.keyboard.type('marcus@baton.test');
    await ja.keyboard.press('Tab');  // to Password, as in any form
    assert.equal(await ja.evaluate(() => document.activeElement.dataset.id), 'password');
    await ja.keyboard.type('baton-demo');
    await ja.keyboard.press('Enter');
    await h.waitFor(ja, (s) => s.screen === 'workspace', 'the workspace', 15000);
  });

  await t.test("the Japanese customer's ticket is drawn whole in the list and opened", async () => {
    await h.waitFor(ja, (s) => h.widget(s, (w) => w.id.startsWith('row') && w.label.includes(ticket.ref)) &&
      s.missing_glyphs === 0, 'the row drawn whole');
    await h.openTicket(ja, ticket.ref);
    const s = await h.waitFor(ja, (x) => h.hasText(x, '先月の請求書') && x.missing_glyphs === 0, 'the message drawn whole');
    assert.ok(h.hasText(s, '山田 花子'));
    await h.shot(ja, 'ja-02-ticket');
  });

  await t.test('? lists the keyboard\'s shortcuts in Japanese, every glyph drawn', async () => {
    await ja.keyboard.type('?');
    const s = await h.waitFor(ja, (x) => h.widget(x, 'close-shortcuts') && h.hasText(x, 'メニューやダイアログを閉じる') &&
      x.missing_glyphs === 0, 'the shortcuts drawn whole');
    assert.ok(h.hasText(s, 'チケット一覧を移動'));
    assert.equal(h.widget(s, 'close-shortcuts').label, '閉じる');
    assert.equal(await ja.evaluate(() => document.activeElement.dataset.key), 'close-shortcuts',
      'the keyboard goes into the dialog, also from the canvas a click had focused');
    await h.shot(ja, 'ja-shortcuts');
    await ja.keyboard.press('Escape');
    await h.waitFor(ja, (x) => !h.widget(x, 'close-shortcuts'), 'the shortcuts closed');
  });

  await t.test('Japanese composed through an input method reaches search', async () => {
    await h.click(ja, 'search');
    const cdp = await ja.context().newCDPSession(ja);
    // What an IME does: the reading is composed, then the chosen kanji committed.
    await cdp.send('Input.imeSetComposition', { text: 'せいきゅうしょ', selectionStart: 7, selectionEnd: 7 });
    await cdp.send('Input.insertText', { text: '請求書' });
    assert.equal(await ja.evaluate(() => document.activeElement.value), '請求書');
    await h.waitFor(ja, (s) => s.widgets.filter((w) => w.id.startsWith('row')).length === 1 &&
      h.widget(s, (w) => w.id.startsWith('row') && w.label.includes(ticket.ref)), 'the list narrowed to the ticket');
    await h.shot(ja, 'ja-03-search');
    await ja.evaluate(() => { document.activeElement.value = ''; document.activeElement.dispatchEvent(new Event('input')); });
  });

  await t.test('Japanese typed into the reply reaches the colleague as a live draft', async () => {
    const en = await h.openPage(browser, server.base, { locale: 'en-US' });
    await h.logIn(en, 'priya@baton.test');
    await h.openTicket(en, ticket.ref);
    await h.click(ja, 'composer');
    const cdp = await ja.context().newCDPSession(ja);
    await cdp.send('Input.imeSetComposition', { text: 'やまださま', selectionStart: 5, selectionEnd: 5 });
    await cdp.send('Input.insertText', { text: '山田様、ご連絡ありがとうございます。' });
    await h.waitFor(en, (s) => h.hasText(s, '山田様、ご連絡ありがとうございます。'), "Marcus's draft in Priya's page");
    const s = await h.snapshot(en);
    assert.equal(s.lang, 'en');
    assert.equal(s.missing_glyphs, 0);
    await h.shot(en, 'ja-04-draft-seen-in-english');
    await en.context().close();
  });

  await t.test('no page error happened', () => assert.deepEqual(ja.errors, []));
});
