// The page's text raster (web/web_text_raster.cpp, web/text.js) in Debian's Chromium against a
// real serve.py on loopback: the time from the first CJK text to its glyphs (a fresh browser, and
// again with its HTTP cache), split into text.js running, fonts.json read and glyphs drawn; the
// bytes fetched for it; and what one text costs to draw and upload, per script and wrapped.
//   NODE_PATH=tests/e2e/node_modules node bench/text_bench.js [--runs 5]
// (the wasm and debug builds first; SwiftShader renders, so upload times are software-GL times)
'use strict';
const h = require('../tests/e2e/harness');

const args = process.argv.slice(2);
const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 5;
const percentile = (values, p) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};
const FIRST = 'ボイラーから異音がします 田中 花子';
const SCRIPTS = {
  japanese: '件名: 給湯器の点検について（ご依頼）',
  korean: '보일러에서 소리가 납니다 김민준',
  arabic: 'الغلاية تصدر صوتا غريبا',
  devanagari: 'बॉयलर से अजीब आवाज़ आ रही है',
  thai: 'หม้อต้มน้ำมีเสียงแปลกๆ',
  emoji: 'Thanks 👍🏽 🇯🇵 👨‍👩‍👧',
};

// In the page: asks the raster every animation frame until the text is drawn; the page's own clock.
function firstGlyphs(text) {
  return new Promise((resolve) => {
    const asked = performance.now();
    const again = () => {
      if (window.baton.rasterProbe(text, { px: 15, read: false }).ready) {
        const page = window.baton.textStats().page;
        resolve({ asked, drawn: performance.now(), page });
      } else {
        requestAnimationFrame(again);
      }
    };
    again();
  });
}

async function main() {
  const server = await new h.Server().start();
  const browser = await h.launch();
  try {
    for (const warm of [false, true]) {
      const totals = [], script = [], manifest = [], bytes = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
        const page = await context.newPage();
        await page.goto(server.base + '/');
        await h.waitFor(page, (s) => s.frame > 0, 'the first frame');
        if (warm) {  // fetched once before, in the same browser: its cache revalidates (304)
          await page.evaluate(firstGlyphs, FIRST);
          await page.reload();
          await h.waitFor(page, (s) => s.frame > 0, 'the first frame again');
        }
        const result = await page.evaluate(firstGlyphs, FIRST);
        const cjk = result.page.cjk;
        totals.push(result.drawn - cjk.requested);
        script.push(result.page.started - cjk.requested);
        manifest.push(result.page.manifest - cjk.requested);
        bytes.push(await page.evaluate(() => performance.getEntriesByType('resource')
          .filter((e) => e.name.includes('/fonts/') || e.name.endsWith('/text.js'))
          .reduce((n, e) => n + e.transferSize, 0)));
        await context.close();
      }
      console.log(`first CJK text -> its glyphs, ${warm ? 'HTTP cache warm' : 'fresh browser'} (${runs} runs): ` +
                  `p50 ${percentile(totals, 50).toFixed(0)} ms, max ${Math.max(...totals).toFixed(0)} ms ` +
                  `(text.js running ${percentile(script, 50).toFixed(0)} ms, fonts.json read ` +
                  `${percentile(manifest, 50).toFixed(0)} ms); ${(percentile(bytes, 50) / 1024).toFixed(0)} KB transferred`);
    }

    // In the workspace: a Japanese ticket in the list an English agent logs in to.
    await server.inbound({ subject: FIRST, department: 'support', body: '給湯器の点検をお願いします。',
                           requester: { name: '田中 花子', email: 'hanako@example.com' } });
    const waits = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
      const page = await context.newPage();
      await page.goto(server.base + '/');
      await h.waitFor(page, (s) => s.frame > 0, 'the first frame');
      await h.logIn(page, 'marcus@baton.test');
      const stats = await page.waitForFunction(() => {
        const page = window.baton.textStats().page;
        return page && page.cjk && page.cjk.ready !== null && page.cjk;
      }, null, { timeout: 20000 });
      waits.push((await stats.jsonValue()).ms);
      await context.close();
    }
    console.log(`in the workspace, the list's first Japanese row -> its glyphs drawn (${runs} runs): ` +
                `p50 ${percentile(waits, 50).toFixed(0)} ms, max ${Math.max(...waits).toFixed(0)} ms`);

    const page = await h.openPage(browser, server.base);
    for (const text of Object.values(SCRIPTS)) await page.evaluate(firstGlyphs, text);  // fonts in
    const cost = await page.evaluate((scripts) => {
      const out = {};
      const measure = (name, make, style) => {
        const times = [];
        for (let i = 0; i < 300; i++) {
          const started = performance.now();
          window.baton.rasterProbe(make(i), Object.assign({ read: false }, style));
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        out[name] = [times[150], times[297]];
      };
      for (const [name, text] of Object.entries(scripts)) measure(name, (i) => text + ' ' + i, { px: 15 });
      measure('hit (cached)', () => scripts.japanese, { px: 15 });
      const paragraph = 'お問い合わせありがとうございます。給湯器の点検は来週の火曜日に伺います。'.repeat(6);
      measure('wrapped, 6 lines', (i) => paragraph + i, { px: 15, wrap: 600 });
      return out;
    }, SCRIPTS);
    console.log('one text drawn and uploaded (px 15), p50 / p99 ms:');
    for (const [name, [p50, p99]] of Object.entries(cost)) console.log(`  ${name.padEnd(18)} ${p50.toFixed(2)} / ${p99.toFixed(2)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
