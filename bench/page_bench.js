// The workspace page measured in Debian's Chromium against a real serve.py on loopback:
// download sizes, navigation -> first frame, login -> list drawn, frame CPU while scrolling, frames
// drawn while idle, and keystroke in A's page -> text visible in B's page (p50 / p99).
//   node bench/page_bench.js [--tickets N] [--keystrokes 100]
// (run `bash scripts/test.sh` or the wasm + debug builds first; Chromium here renders with
// SwiftShader, so frame times are software-GL times)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const h = require('../tests/e2e/harness');

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const tickets = option('tickets', 240);
const keystrokes = option('keystrokes', 100);
const percentile = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const kb = (bytes) => (bytes / 1024).toFixed(0) + ' KB';

async function main() {
  const page = path.join(h.REPO, 'build/wasm/web');
  console.log('Download sizes (raw / gzip -9):');
  let rawTotal = 0, gzTotal = 0;
  for (const file of ['baton.wasm', 'baton.js', 'baton.data', 'page.js', 'index.html']) {
    const bytes = fs.readFileSync(path.join(page, file));
    const gz = zlib.gzipSync(bytes, { level: 9 }).length;
    rawTotal += bytes.length;
    gzTotal += gz;
    console.log(`  ${file.padEnd(11)} ${kb(bytes.length).padStart(8)} / ${kb(gz).padStart(7)}`);
  }
  console.log(`  ${'total'.padEnd(11)} ${kb(rawTotal).padStart(8)} / ${kb(gzTotal).padStart(7)}`);

  const server = await new h.Server(['--demo-tickets', String(tickets)], 900000).start();
  const browser = await h.launch();
  const closers = [];
  try {
    const a = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    let started = Date.now();
    await a.goto(server.base + '/');
    await h.waitFor(a, (s) => s.screen === 'login' && s.frame > 0, 'the login frame', 30000);
    console.log(`\nNavigation -> login drawn: ${Date.now() - started} ms (loopback, ${tickets} tickets on the server)`);
    await h.click(a, 'email');
    await a.keyboard.type('marcus@baton.test');
    await h.click(a, 'password');
    await a.keyboard.type('baton-demo');
    started = Date.now();
    await a.keyboard.press('Enter');
    await h.waitFor(a, (s) => s.widgets.some((w) => w.id.startsWith('row')), 'the list', 30000);
    console.log(`Login -> list drawn: ${Date.now() - started} ms`);

    // Frame CPU (NewFrame -> Render, measured in the page) while the wheel scrolls the list.
    const frameMs = [];
    const list = (await h.snapshot(a)).widgets.find((w) => w.id.startsWith('row'));
    await a.mouse.move(list.x + 50, list.y + 50);
    for (let i = 0; i < 120; i++) {
      await a.mouse.wheel(0, 240);
      await h.sleep(16);
      frameMs.push(await a.evaluate(() => window.baton.lastFrameMs()));
    }
    const loaded = await a.evaluate(() => window.baton.snapshot().texts.find((t) => / tickets loaded$/.test(t)) || '');
    console.log(`UI CPU per frame while scrolling (${loaded || 'rows loaded as it scrolls'}): ` +
                `p50 ${percentile(frameMs, 50).toFixed(2)} ms, p99 ${percentile(frameMs, 99).toFixed(2)} ms`);

    await h.sleep(1500);
    const before = await a.evaluate(() => window.baton.framesDrawn());
    await h.sleep(5000);
    const idle = (await a.evaluate(() => window.baton.framesDrawn())) - before;
    console.log(`Frames drawn while idle for 5 s: ${idle} (${(idle / 5).toFixed(1)} per second)`);

    // Keystroke in A -> visible in B.
    const created = await server.inbound({ subject: 'Latency probe', department: 'support', body: 'Probe',
                                            requester: { name: 'Probe Person', email: 'probe@example.com' } });
    const ref = created.body.ticket.ref;
    // B in a browser of its own: a second tab of the same browser would be a background tab, whose
    // frames Chromium throttles (two agents have two browsers).
    const browserB = await h.launch();
    closers.push(() => browserB.close());
    const b = await h.openPage(browserB, server.base);
    await h.logIn(b, 'priya@baton.test');
    await a.mouse.wheel(0, -1e7);  // back to the top, where the new ticket is
    await h.openTicket(a, ref);
    await h.openTicket(b, ref);
    await h.click(a, 'composer');
    await b.evaluate(() => { window.__seen = new Map(); });
    const latencies = [];
    let typed = '';
    for (let i = 0; i < keystrokes; i++) {
      const ch = 'abcdefghijklmnopqrstuvwxyz'[i % 26];
      typed += ch;
      const t0 = Date.now();
      await a.keyboard.type(ch);
      await h.waitFor(b, (s) => s.texts.some((t) => t === '"' + typed + '"'), 'keystroke ' + i, 5000);
      latencies.push(Date.now() - t0);
      await h.sleep(60);  // a fast typist: ~10 keys a second
    }
    console.log(`Keystroke in A -> visible in B (${keystrokes} keys): p50 ${percentile(latencies, 50)} ms, ` +
                `p99 ${percentile(latencies, 99)} ms (includes the 50 ms server coalescing and the test's 25 ms polling)`);
  } finally {
    for (const close of closers) await close();
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
