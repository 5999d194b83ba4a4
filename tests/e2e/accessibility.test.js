// The workspace as a screen reader and a keyboard-only agent meet it (issue 15): Chromium's own
// accessibility tree read over CDP (roles, names, focus, what the live regions say), the two-agent
// collision flow with no mouse event at all, and axe-core on every screen.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

// Chromium's accessibility tree (what NVDA, JAWS, Orca and VoiceOver read): [{role, name, ...}].
async function axTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const value = (v) => (v && v.value !== undefined ? v.value : '');
    return nodes.filter((n) => !n.ignored).map((n) => {
      const props = {};
      for (const p of n.properties || []) props[p.name] = value(p.value);
      return { role: value(n.role), name: value(n.name), description: value(n.description), ...props };
    });
  } finally {
    await cdp.detach();
  }
}
const has = (tree, role, name) => tree.some((n) => n.role === role && (name instanceof RegExp ? name.test(n.name) : n.name === name));

// What has the keyboard: its role, name and the workspace's key for it.
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { tag: el.tagName.toLowerCase(), key: el.dataset.key || el.dataset.id || el.id || '', role: el.getAttribute('role') || '',
           name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 80), disabled: el.getAttribute('aria-disabled') === 'true' };
});

// Presses Tab until the focus is on `key` (a control's key, or a field's id): the keyboard's way there.
async function tabTo(page, key, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    const f = await focused(page);
    if (f.key === key) return f;
    seen.push(f.key || f.tag);
    await page.keyboard.press('Tab');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  }
  throw new Error(`Tab never reached ${key}: ${seen.join(' → ')}`);
}

// What the live regions said last (polite, assertive).
const spoken = (page) => page.evaluate(() => ({
  polite: document.getElementById('announce-polite').textContent,
  assertive: document.getElementById('announce-assertive').textContent,
}));

// Waits until a live region has said `words` (the tree reads it a moment after the frame).
async function heard(page, kind, words) {
  for (const until = Date.now() + 3000; Date.now() < until && !(await spoken(page))[kind].includes(words);) await h.sleep(50);
  assert.ok((await spoken(page))[kind].includes(words), `${kind}: ${JSON.stringify(await spoken(page))} lacks "${words}"`);
}

const axe = h.axe;

test('a screen reader and a keyboard alone do the whole collision flow', { timeout: 240000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });
  const created = await server.inbound({
    subject: 'Boiler hissing since Monday', department: 'support', body: 'Hi, my boiler hisses. Can someone come?',
    requester: { name: 'Hannah Rebekah', email: 'hannah@example.com' },
  });
  const ticket = created.body.ticket;
  const a = await h.openPage(browser, server.base);  // Marcus
  const b = await h.openPage(browser, server.base);  // Priya

  // Logging in: the tree names the fields and the button; the keyboard starts in Email.
  async function logIn(page, email) {
    await h.waitFor(page, () => true, 'a frame');
    assert.equal((await focused(page)).key, 'email', 'typing right after the page loads goes to Email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    assert.equal((await focused(page)).key, 'password');
    await page.keyboard.type('baton-demo');
    await page.keyboard.press('Enter');
    await h.waitFor(page, (s) => s.screen === 'workspace' && h.hasText(s, 'Live'), `${email} in`, 15000);
  }

  await t.test('the login screen is read as a form', async () => {
    const tree = await axTree(a);
    assert.ok(has(tree, 'textbox', 'Email'), JSON.stringify(tree.map((n) => [n.role, n.name])));
    assert.ok(has(tree, 'textbox', 'Password'));
    assert.ok(has(tree, 'button', 'Log in'));
    assert.ok(has(tree, 'main', /.*/));
    await axe(a, 'the login screen');
  });

  // The ticket reached by the keyboard: Tab to the list, the arrows to the row, Enter.
  async function openByKeyboard(page) {
    await tabTo(page, `row${ticket.id}`).catch(async () => {
      await tabTo(page, (await page.evaluate(() => document.querySelector('[data-role=option]').dataset.key)));
    });
    for (let i = 0; i < 30 && (await focused(page)).key !== `row${ticket.id}`; i++) await page.keyboard.press('ArrowDown');
    assert.equal((await focused(page)).key, `row${ticket.id}`, 'the arrows move the focus through the list');
    await page.keyboard.press('Enter');
    await h.waitFor(page, (s) => h.hasText(s, ticket.ref) && h.widget(s, 'composer'), 'the ticket open');
  }

  await t.test('both log in and open the ticket with the keyboard; the tree has landmarks, a list and tabs', async () => {
    await logIn(a, 'marcus@baton.test');
    await logIn(b, 'priya@baton.test');
    await openByKeyboard(a);
    await openByKeyboard(b);
    // The ticket's conversation arrives after the pane opens ("Loading the conversation..." meanwhile).
    await h.waitFor(b, (s) => h.hasText(s, 'my boiler hisses'), 'the conversation loaded');
    const tree = await axTree(b);
    for (const role of ['banner', 'navigation', 'main', 'listbox', 'tablist']) assert.ok(tree.some((n) => n.role === role), role);
    const row = tree.find((n) => n.role === 'option' && n.name.includes('Boiler hissing since Monday'));
    assert.ok(row, 'the row is an option named by its subject');
    assert.match(row.name, /Hannah Rebekah/, 'and its requester');
    assert.ok(has(tree, 'tab', 'Conversation') && has(tree, 'tab', 'History'));
    assert.ok(has(tree, 'heading', 'Boiler hissing since Monday'), 'the ticket has a heading');
    assert.ok(tree.some((n) => n.role === 'StaticText' && n.name.includes('my boiler hisses')),
      'the message is text: ' + JSON.stringify(tree.filter((n) => n.role === 'StaticText').map((n) => n.name).slice(0, 80)));
    await axe(b, 'the list and a ticket');
  });

  await t.test('Marcus locks with Enter; Priya hears it and her Lock says why it is refused', async () => {
    await tabTo(a, 'lock');
    await a.keyboard.press('Enter');
    await h.waitFor(a, (s) => h.widget(s, 'unlock'), 'Marcus holding the lock');
    // Unlock takes Lock's place and the focus with it (not dropped on the page's body).
    for (const until = Date.now() + 3000; Date.now() < until && (await focused(a)).key !== 'unlock';) await h.sleep(20);
    assert.equal((await focused(a)).key, 'unlock', 'the focus follows from Lock to Unlock');
    await h.waitFor(b, (s) => h.hasText(s, 'Locked by Marcus Lindqvist'), 'the banner in Priya\'s page');
    await heard(b, 'polite', 'Marcus Lindqvist locked this ticket');
    const tree = await axTree(b);
    const lock = tree.find((n) => n.role === 'button' && n.name === 'Lock');
    assert.ok(lock, 'the Lock button is there');
    assert.equal(lock.disabled, true, 'and disabled');
    assert.match(lock.description, /Marcus Lindqvist/, 'its description says who holds it');
  });

  await t.test('Priya asks with the keyboard; Marcus is interrupted, hands over with the keyboard', async () => {
    await tabTo(b, 'ask-lock');
    await b.keyboard.press('Enter');
    await h.waitFor(b, (s) => h.widget(s, 'ask-reason'), 'the reason box');
    assert.equal((await focused(b)).key, 'ask-reason', 'the dialog takes the focus into its field');
    await b.keyboard.type('urgent callback');
    await b.keyboard.press('Enter');
    await h.waitFor(a, (s) => h.widget(s, 'hand-over'), 'the prompt in Marcus\'s page');
    await heard(a, 'assertive', 'Priya Raman asks for your lock');
    const prompt = await axTree(a);  // on the ticket itself the request is a row of the pane
    assert.ok(prompt.some((n) => n.role === 'StaticText' && /Priya Raman asks for this ticket/.test(n.name)));
    assert.ok(has(prompt, 'button', 'Hand over') && has(prompt, 'button', 'Keep'));
    await axe(a, 'the lock-request prompt');
    await tabTo(a, 'hand-over');
    await a.keyboard.press('Enter');
    await h.waitFor(b, (s) => h.widget(s, 'unlock'), 'Priya holding the lock');
    await heard(b, 'polite', 'Marcus Lindqvist handed the lock to you');
  });

  await t.test('History with the keyboard: a tab, read as a tab panel', async () => {
    await tabTo(b, 'tab-conversation');  // a tab row is one Tab stop: its selected tab
    await b.keyboard.press('ArrowRight');
    await h.waitFor(b, (s) => h.hasText(s, 'handed the lock'), 'the history');
    let tree, tab;
    for (const until = Date.now() + 3000; Date.now() < until;) {  // the tree follows the DOM a moment later
      tree = await axTree(b);
      tab = tree.find((n) => n.role === 'tab' && n.name === 'History');
      if (tab && tab.selected) break;
      await h.sleep(50);
    }
    assert.equal(tab.selected, true, JSON.stringify(tab));
    assert.ok(tree.some((n) => n.role === 'tabpanel'));
    await axe(b, 'History');
  });

  await t.test('? lists the keyboard\'s shortcuts in a dialog; Escape closes it and the focus comes back', async () => {
    assert.equal((await focused(b)).key, 'tab-history', 'where the last step left the keyboard');
    await b.keyboard.type('?');
    await h.waitFor(b, (s) => h.widget(s, 'close-shortcuts'), 'the shortcuts');
    for (const until = Date.now() + 3000; Date.now() < until && (await focused(b)).key !== 'close-shortcuts';) await h.sleep(50);
    assert.equal((await focused(b)).key, 'close-shortcuts', 'the keyboard is in the dialog');
    let tree, rows = [];
    for (const until = Date.now() + 3000; Date.now() < until && rows.length < 11;) {
      tree = await axTree(b);
      rows = tree.filter((n) => n.role === 'row');
      await h.sleep(50);
    }
    assert.ok(tree.some((n) => n.role === 'dialog' && n.name === 'Keyboard shortcuts' && n.modal === true), 'a modal dialog named by its title');
    assert.ok(tree.some((n) => n.role === 'table'), 'a table');
    assert.equal(rows.length, 11, JSON.stringify(rows.map((r) => r.name)));
    // Each row's cells in the tree's order: the keys, then what they do.
    const cells = tree.filter((n) => n.role === 'cell').map((n) => n.name);
    assert.equal(cells.length, 22, JSON.stringify(cells));
    assert.deepEqual(cells.slice(cells.indexOf('Esc'), cells.indexOf('Esc') + 2), ['Esc', 'Close the menu or the dialog'], JSON.stringify(cells));
    assert.ok(cells.includes('Ctrl+Enter') && cells.includes('Send the reply or add the note (in the editor)'), JSON.stringify(cells));
    await axe(b, 'the keyboard shortcuts');
    await h.shot(b, 'shortcuts-en');
    await b.keyboard.press('Escape');
    await h.waitFor(b, (s) => !h.widget(s, 'close-shortcuts'), 'the shortcuts closed');
    for (const until = Date.now() + 3000; Date.now() < until && (await focused(b)).key !== 'tab-history';) await h.sleep(50);
    assert.equal((await focused(b)).key, 'tab-history', 'the focus goes back to where it was');
    // A ? typed into the reply is a ?.
    await b.keyboard.press('ArrowLeft');
    await h.waitFor(b, (s) => h.hasText(s, 'my boiler hisses'), 'the conversation');
    await tabTo(b, 'composer');
    await b.keyboard.type('Can you hear it now?');
    await h.sleep(300);
    assert.equal(h.widget(await h.snapshot(b), 'close-shortcuts'), undefined, 'no dialog while the reply has the keys');
    assert.equal(await b.evaluate(() => document.getElementById('composer').value), 'Can you hear it now?');
  });

  await t.test('the report, as the admin, is a dialog read and closed with the keyboard', async () => {
    const c = await h.openPage(browser, server.base);
    await logIn(c, 'alesia@baton.test');
    await tabTo(c, 'me');
    await c.keyboard.press('Enter');
    await h.waitFor(c, (s) => h.widget(s, 'collision-report'), 'the menu');
    for (let i = 0; i < 10 && (await focused(c)).key !== 'collision-report'; i++) await c.keyboard.press('ArrowDown');
    assert.equal((await focused(c)).key, 'collision-report', 'the arrows move in the menu');
    await c.keyboard.press('Enter');
    await h.waitFor(c, (s) => h.widget(s, 'close-report'), 'the report');
    const tree = await axTree(c);
    assert.ok(tree.some((n) => n.role === 'dialog' && n.modal === true), 'a modal dialog');
    await axe(c, 'the collision report');
    await c.keyboard.press('Escape');
    await h.waitFor(c, (s) => !h.widget(s, 'close-report'), 'the report closed');
    assert.equal((await focused(c)).key, 'me', 'the focus goes back to where it was');
    await c.context().close();
  });

  await t.test('no mouse event was used and no page error happened', async () => {
    assert.deepEqual([...a.errors, ...b.errors], []);
  });
});
