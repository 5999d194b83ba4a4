// Ask for the lock, measured end to end: Priya asks (POST request_lock) and Marcus's page draws the
// prompt with Hand over / Keep; then Marcus's answer (Keep) goes back over the API and the next
// round starts. Prints request -> prompt drawn p50 / p90 / p99 over the rounds, and the server's
// share (request -> the lock_requested event on Marcus's socket).
//   node bench/lock_request_bench.js [--rounds 40]
// (needs the wasm page and the debug Python module: bash scripts/test.sh, or the two builds)
'use strict';
const h = require('../tests/e2e/harness');

const args = process.argv.slice(2);
const rounds = Number(args[args.indexOf('--rounds') + 1] || 40) || 40;
const percentile = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

// Marcus's page notes when each lock_requested event arrives on its socket.
function recordRequests() {
  window.__requests = [];
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener('message', (event) => {
      try {
        const m = JSON.parse(event.data);
        if (m.type === 'event' && m.event.type === 'lock_requested') window.__requests.push([Date.now(), m.event.reason]);
      } catch (e) { /* not JSON */ }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
}

async function main() {
  const server = await new h.Server().start();
  const browser = await h.launch();
  try {
    const created = await server.inbound({
      subject: 'Lock request bench', department: 'support', body: 'Please call me back.',
      requester: { name: 'Oliver Schmidt', email: 'oliver@example.com' },
    });
    const ticket = created.body.ticket;
    const marcus = await server.login('marcus@baton.test');
    const priya = await server.login('priya@baton.test');
    const as = (token) => ({ Authorization: `Bearer ${token}` });
    const command = (token, body) => server.api('POST', `/api/tickets/${ticket.id}/commands`, body, as(token));
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    await context.addInitScript(recordRequests);
    const page = await context.newPage();
    await page.goto(server.base + '/');
    await h.waitFor(page, (s) => s.frame > 0, 'the first frame');
    await h.logIn(page, 'marcus@baton.test');
    if ((await command(marcus, { type: 'lock' })).status !== 200) throw new Error('Marcus could not lock');
    const drawn = [], socket = [];
    for (let i = 0; i < rounds; i++) {
      const reason = `round ${i}`;
      const asked = Date.now();
      const answer = await command(priya, { type: 'request_lock', reason });
      if (answer.status !== 200) throw new Error(`request ${i}: ${JSON.stringify(answer.body)}`);
      await page.waitForFunction((r) => window.baton.snapshot().texts.some((t) => t.includes(r)) &&
        window.baton.snapshot().widgets.some((w) => w.id === 'hand-over'), reason, { polling: 'raf', timeout: 10000 });
      drawn.push(Date.now() - asked);
      const arrived = await page.evaluate((r) => (window.__requests.find((x) => x[1] === r) || [0])[0], reason);
      socket.push(arrived - asked);
      await command(marcus, { type: 'answer_lock_request', hand_over: false, reason: 'busy' });
      await page.waitForFunction(() => !window.baton.snapshot().widgets.some((w) => w.id === 'hand-over'),
        null, { polling: 'raf', timeout: 10000 });
    }
    const line = (name, v) => console.log(`${name.padEnd(44)} p50 ${percentile(v, 50)} ms   p90 ${percentile(v, 90)} ms   ` +
      `p99 ${percentile(v, 99)} ms   max ${Math.max(...v)} ms`);
    console.log(`Ask for the lock, ${rounds} rounds (Chromium with SwiftShader, serve.py on SQLite, same 2 cores):`);
    line('request -> lock_requested on the socket', socket);
    line('request -> prompt drawn in the page', drawn);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
