// The training kiosk measured in Debian's Chromium (software GL): the static bundle's size, the
// first frame, and frames drawn per second with a quiet ticket open vs. while a colleague types.
//   NODE_PATH=tests/e2e/node_modules node bench/kiosk_bench.js   (after the wasm build)
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { spawn } = require('node:child_process');
const h = require('../tests/e2e/harness');

async function fps(page, seconds) {
  const before = await page.evaluate(() => window.baton.framesDrawn());
  await h.sleep(seconds * 1000);
  return ((await page.evaluate(() => window.baton.framesDrawn())) - before) / seconds;
}

async function main() {
  const dir = path.join(h.REPO, 'build/wasm/kiosk');
  let raw = 0, gz = 0;
  for (const file of fs.readdirSync(dir)) {
    const bytes = fs.readFileSync(path.join(dir, file));
    raw += bytes.length;
    gz += zlib.gzipSync(bytes, { level: 9 }).length;
  }
  console.log(`Static kiosk bundle (build/wasm/kiosk): ${(raw / 1024).toFixed(0)} KB, ${(gz / 1024).toFixed(0)} KB gzip`);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const site = spawn('/usr/bin/python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1'], { cwd: dir, stdio: 'ignore' });
  const browser = await h.launch();
  try {
    await h.sleep(800);
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    const started = Date.now();
    await page.goto(`http://127.0.0.1:${port}/`);
    await h.waitFor(page, (s) => s.widgets.some((w) => w.id === 'tour-next'), 'the tour', 30000);
    console.log(`Navigation -> first frame with the tour: ${Date.now() - started} ms`);
    await h.click(page, (w) => w.id.startsWith('row') && w.label.includes('Thermostat'));
    await h.sleep(1500);
    console.log(`Frames per second, a quiet ticket open (colleagues working elsewhere): ${(await fps(page, 5)).toFixed(1)}`);
    await h.click(page, (w) => w.id.startsWith('row') && w.label.includes('Complaint with Boiler'));
    await h.sleep(1500);
    console.log(`Frames per second while Alesia types in the open ticket: ${(await fps(page, 5)).toFixed(1)}`);
  } finally {
    await browser.close();
    site.kill();
  }
}

main().catch((error) => { console.error(error); process.exit(1); });
