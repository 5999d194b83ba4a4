// The admins' mail outbox through the real page and a real serve.py: with no mail relay configured
// an agent's reply waits, marked "No mail relay configured" (in English and in Japanese); once the
// server is restarted with a relay that refuses the mail (a real SMTP server, Debian's aiosmtpd),
// the reply fails with the relay's words, and Retry sends it again once the relay takes mail.
// Screenshots: tests/e2e/artifacts/outbox-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const net = require('node:net');
const h = require('./harness');

// A mail relay on loopback: Debian's aiosmtpd, answering every mail with the line last written to
// its stdin (empty: "250", it takes the mail).
const RELAY = `
import sys
from aiosmtpd.controller import Controller
class Relay:
    answer = sys.argv[2]
    taken = 0
    async def handle_DATA(self, server, session, envelope):
        if Relay.answer:
            return Relay.answer
        Relay.taken += 1
        print("taken", Relay.taken, flush=True)
        return "250 2.0.0 Queued"
controller = Controller(Relay(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
for line in sys.stdin:
    Relay.answer = line.strip()
    print("answer", Relay.answer, flush=True)
controller.stop()
`;

async function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function startRelay(answer) {
  const port = await freePort();
  const proc = spawn('/usr/bin/python3', ['-c', RELAY, String(port), answer], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  proc.stdout.on('data', (chunk) => { out += chunk; });
  const until = async (needle) => {
    const deadline = Date.now() + 10000;
    while (!out.includes(needle)) {
      if (Date.now() > deadline) throw new Error(`the relay never said ${needle}: ${out}`);
      await h.sleep(25);
    }
  };
  await until('ready');
  return {
    port, until,
    answer: async (line) => { proc.stdin.write(line + '\n'); await until(`answer ${line}`.trim()); },
    stop: () => new Promise((resolve) => { proc.once('exit', resolve); proc.kill('SIGTERM'); }),
  };
}

test('the admin sees the mail outbox and retries a failed reply', { timeout: 240000 }, async (t) => {
  const server = await new h.Server().start();  // no --smtp-relay
  const browser = await h.launch();
  let relay = null;
  t.after(async () => { await browser.close(); await server.stop(); if (relay) await relay.stop(); });

  const admin = await server.login('alesia@baton.test');
  const asAdmin = { Authorization: `Bearer ${admin}` };
  assert.equal((await server.api('PUT', '/api/settings', { undo_send_secs: 0 }, asAdmin)).status, 200);
  const created = await server.inbound({
    subject: 'Boiler pressure keeps dropping', department: 'support', body: 'The gauge shows 0.5 bar every morning.',
    requester: { name: 'Hannah Rebekah', email: 'hannah@example.com' },
  });
  assert.equal(created.status, 201);
  const ticket = created.body.ticket;
  const marcus = { Authorization: `Bearer ${await server.login('marcus@baton.test')}` };
  const replied = await server.api('POST', `/api/tickets/${ticket.id}/commands`, {
    type: 'reply', body: 'Hi Hannah, please top it up to 1.5 bar; an engineer calls today.',
    base_version: ticket.version, idempotency_key: 'outbox-e2e-1',
  }, marcus);
  assert.equal(replied.status, 200, JSON.stringify(replied.body));

  const page = await h.openPage(browser, server.base);
  await t.test('an agent is not offered the outbox', async () => {
    const agent = await h.openPage(browser, server.base);
    await h.logIn(agent, 'priya@baton.test');
    await h.click(agent, 'me');
    const s = await h.waitFor(agent, (x) => h.widget(x, 'automations'), 'the menu');
    assert.equal(h.widget(s, 'mail-outbox'), undefined);
    await agent.context().close();
  });

  await t.test('without a relay the reply waits, marked "No mail relay configured"', async () => {
    await h.logIn(page, 'alesia@baton.test');
    await h.click(page, 'me');
    await h.click(page, 'mail-outbox');
    const s = await h.waitFor(page, (x) => h.hasText(x, ticket.ref) && h.hasText(x, 'No mail relay configured'), 'the held reply');
    assert.ok(h.hasText(s, 'Boiler pressure keeps dropping'), 'the subject');
    assert.ok(h.hasText(s, 'hannah@example.com'), 'the recipient');
    assert.ok(h.hasText(s, 'No mail relay configured: replies wait here'), 'the relay line');
    assert.ok(h.widget(s, 'outbox-filter-pending').enabled && h.widget(s, 'outbox-filter-failed'));
    assert.equal(h.widget(s, (w) => w.id.startsWith('outbox-retry-')), undefined, 'nothing failed: no Retry');
    assert.equal(s.missing_glyphs, 0);
    await h.axe(page, 'the mail outbox');
    await h.shot(page, 'outbox-01-no-relay');
  });

  await t.test('the Japanese workspace says the same in Japanese', async () => {
    const ja = await h.openPage(browser, server.base, { locale: 'ja-JP' });
    await h.click(ja, 'email');
    await ja.keyboard.type('alesia@baton.test');
    await h.click(ja, 'password');
    await ja.keyboard.type('baton-demo');
    await ja.keyboard.press('Enter');
    await h.waitFor(ja, (x) => x.screen === 'workspace' && x.lang === 'ja', 'the Japanese workspace', 15000);
    await h.click(ja, 'me');
    await h.click(ja, 'mail-outbox');
    const s = await h.waitFor(ja, (x) => h.hasText(x, ticket.ref) && h.hasText(x, 'メールリレー未設定') && x.missing_glyphs === 0,
      'the held reply in Japanese, drawn whole');
    assert.ok(h.widget(s, 'outbox-filter-failed').label.includes('失敗'));
    await h.shot(ja, 'outbox-02-ja');
    await ja.context().close();
  });

  await t.test('with a relay that refuses it, the reply fails; Retry sends it once the relay takes mail', async () => {
    relay = await startRelay('550 5.1.1 <hannah@example.com>: user unknown');
    await server.stop();
    server.extraArgs = ['--smtp-relay', `127.0.0.1:${relay.port}`];
    await server.start();
    await h.waitFor(page, (s) => h.hasText(s, 'Live'), 'live again', 20000);
    await h.click(page, 'outbox-filter-failed');
    let s = await h.waitFor(page, (x) => h.hasText(x, 'Failed: 550 5.1.1') &&
      h.widget(x, (w) => w.id.startsWith('outbox-retry-')), 'the failed reply with Retry', 20000);
    assert.ok(h.hasText(s, 'Replies are handed to the mail relay at 127.0.0.1:'), 'the relay line');
    await h.axe(page, 'the mail outbox with a failed reply and its Retry');
    await h.shot(page, 'outbox-03-failed');
    await relay.answer('');
    await h.click(page, (w) => w.id.startsWith('outbox-retry-'), 'Retry');
    await relay.until('taken 1');
    // The delivery's events reach the page: the failed row is gone; under All it reads Sent.
    s = await h.waitFor(page, (x) => h.hasText(x, 'No reply failed to be mailed.'), 'the failed list emptied');
    await h.click(page, 'outbox-filter-all');
    s = await h.waitFor(page, (x) => h.hasText(x, ticket.ref) && h.hasText(x, 'Sent '), 'the reply sent');
    assert.ok(!h.hasText(s, 'Failed: '), 'one row, sent');
    await h.shot(page, 'outbox-04-sent');
    const again = { Authorization: `Bearer ${await server.login('alesia@baton.test')}` };
    const history = await server.api('GET', `/api/tickets/${ticket.id}/history`, null, again);
    const changes = history.body.events.filter((e) => e.type === 'delivery_changed').map((e) => e.state);
    assert.deepEqual(changes, ['failed', 'queued', 'sent'], 'failed, retried by the admin, sent once');
  });
  // The restart refuses the page's connections for a moment: that is all it may have logged.
  assert.deepEqual(page.errors.filter((e) => !e.includes('ERR_CONNECTION_REFUSED')), []);
});
