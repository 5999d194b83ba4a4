// The browser's text raster (web/web_text_raster.cpp, web/text.js) through the page's test hook:
// every script drawn by the browser's own text engine with the fonts the page ships, read back from
// the WebGL texture the views would draw; right to left, shaping and wrapping seen in the pixels;
// only the font slices a script needs fetched, none in an English-only session; the cache hit and
// its memory bounded. A picture of every script: tests/e2e/artifacts/text-raster.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const KB = 1024;
const SAMPLES = {
  japanese: 'ボイラーから異音がします 田中 花子',
  chinese_simplified: '锅炉发出异响，请尽快派人来',
  chinese_traditional: '鍋爐發出異響，請儘快派人來',
  korean: '보일러에서 소리가 납니다 김민준',
  arabic: 'الغلاية تصدر صوتا غريبا',
  hebrew: 'הדוד משמיע רעש מוזר',
  devanagari: 'बॉयलर से अजीब आवाज़ आ रही है क्षत्रिय',
  thai: 'หม้อต้มน้ำมีเสียงแปลกๆ ที่นี่',
  vietnamese: 'Nguyễn Thị Hương: nồi hơi kêu lạ ệ ậ ỗ',
  emoji: 'Thanks 👍🏽 🇯🇵 👨‍👩‍👧 ❤️ 😀',
};

// Asks the raster until the text is drawn (its script and fonts arrive meanwhile).
async function probe(page, text, style = {}) {
  const started = Date.now();
  for (;;) {
    const result = await page.evaluate(([t, s]) => window.baton.rasterProbe(t, s), [text, style]);
    if (result && result.ready) return Object.assign(result, { waited: Date.now() - started });
    if (Date.now() - started > 20000) throw new Error(`"${text}" was not drawn within 20 s`);
    await h.sleep(5);
  }
}

const alphaOf = (image) => Buffer.from(image.pixels.alpha, 'base64');
const inked = (image) => alphaOf(image).reduce((n, a) => n + (a >= 128 ? 1 : 0), 0);

// The runs of columns with ink, left to right: [start, end] each (gaps of `gap` pixels or more split).
function inkRuns(image, gap) {
  const alpha = alphaOf(image);
  const { width, height } = image;
  const runs = [];
  let blank = gap;
  for (let x = 0; x < width; x++) {
    let ink = false;
    for (let y = 0; y < height && !ink; y++) ink = alpha[y * width + x] >= 64;
    if (ink) {
      if (blank >= gap) runs.push([x, x]);
      runs[runs.length - 1][1] = x;
      blank = 0;
    } else {
      blank++;
    }
  }
  return runs;
}
const runWidth = (run) => run[1] - run[0] + 1;

const fontRequests = (list) => list.filter((p) => p.endsWith('.woff2')).map((p) => p.split('/').pop());

test('the text raster draws every script with the page\'s own fonts', { timeout: 300000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  await t.test('an English-only session fetches no text script and no font; its first download is measured', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 860 } });
    const page = await context.newPage();
    const files = [];
    page.on('requestfinished', async (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/api')) return;
      const sizes = await request.sizes();
      files.push({ path, bytes: sizes.responseBodySize });
    });
    await page.goto(server.base + '/');
    await h.waitFor(page, (s) => s.frame > 0, 'the first frame');
    await h.logIn(page, 'marcus@baton.test');
    await h.click(page, (w) => w.id.startsWith('row'), 'a row');
    await h.waitFor(page, (x) => h.widget(x, 'composer'), 'a ticket open');
    await h.sleep(300);
    const paths = files.map((f) => f.path);
    assert.ok(!paths.includes('/text.js'), paths.join(' '));
    assert.deepEqual(paths.filter((p) => p.startsWith('/fonts/')), []);
    assert.deepEqual(paths.filter((p) => p.startsWith('/assets/lazy/')), [], 'another language\'s words or glyphs');
    const total = files.reduce((n, f) => n + f.bytes, 0);
    console.log(`# English-only first download: ${(total / KB).toFixed(1)} KB gzip in ${files.length} files: ` +
                files.map((f) => `${f.path} ${(f.bytes / KB).toFixed(1)}`).join(', '));
    assert.ok(total <= 450 * KB, `${total} bytes`);
    await context.close();
  });

  const page = await h.openPage(browser, server.base);
  const fetched = [];
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/text.js' || path.startsWith('/fonts/')) fetched.push(path);
  });
  const images = {};

  await t.test('the first Japanese text fetches the script, the manifest and only CJK slices', async () => {
    const image = await probe(page, SAMPLES.japanese, { px: 30 });
    const stats = await page.evaluate(() => window.baton.textStats());
    const { cjk, started, manifest } = stats.page;
    console.log(`# first CJK text to its glyphs: ${cjk.ms.toFixed(0)} ms in the page (text.js running after ` +
                `${(started - cjk.requested).toFixed(0)} ms, fonts.json read after ${(manifest - cjk.requested).toFixed(0)} ms; ` +
                `${image.waited} ms for the test); fetched: ${fetched.join(' ')}`);
    assert.deepEqual(fetched.slice(0, 2).sort(), ['/fonts/fonts.json', '/text.js']);  // side by side
    for (const file of fontRequests(fetched)) assert.match(file, /^(cjk-(kana|han-(core|ja)[\w-]*)-400|last-resort)\.woff2$/);
    assert.ok(fontRequests(fetched).includes('cjk-kana-400.woff2'));
    images.japanese = image;
  });

  await t.test('every script is drawn: white glyphs on transparent, as tall and wide as the text', async () => {
    for (const [name, text] of Object.entries(SAMPLES)) {
      const image = images[name] || await probe(page, text, { px: 30 });
      images[name] = image;
      assert.ok(image.width > 100 && image.height >= 30, `${name}: ${image.width}x${image.height}`);
      assert.ok(image.ascent >= 23 && image.ascent < image.height, `${name}: ascent ${image.ascent}`);
      assert.equal(image.pixels.rgb_min, 255, `${name}: not white`);
      assert.ok(inked(image) > 300, `${name}: ${inked(image)} inked pixels`);
      const [x0, , x1] = image.pixels.ink;
      assert.ok(x1 - x0 > image.width * 0.8, `${name}: ink ${image.pixels.ink} in ${image.width}`);
    }
    const stats = await page.evaluate(() => window.baton.textStats());
    assert.deepEqual(stats.page.failed, []);
  });

  await t.test('a character no shipped font has is the last-resort box, never a system font', async () => {
    // Tamil: Debian's fonts-noto-core has it on this machine, the page does not ship it.
    const image = await probe(page, 'தமிழ்', { px: 30 });
    const runs = inkRuns(image, 2);
    const box = 30 * 0.859 * 930 / 2048;  // the box's ink: 930 of 2048 units to the em
    assert.ok(runs.length >= 4, JSON.stringify(runs));  // a box a character (the last a mark, over the one before)
    for (const run of runs) assert.ok(Math.abs(runWidth(run) - box) <= 2, `${JSON.stringify(runs)}: not boxes`);
    images.tamil_box = image;
  });

  await t.test('Arabic runs right to left: the first word is at the right (a left-to-right override puts it left)', async () => {
    const text = 'في مستشفى';  // a short word, then a long one; every letter joins its neighbours
    const rtl = inkRuns(await probe(page, text, { px: 40 }), 4);
    const ltr = inkRuns(await probe(page, '\u202D' + text + '\u202C', { px: 40 }), 4);
    assert.equal(rtl.length, 2, JSON.stringify(rtl));
    assert.equal(ltr.length, 2, JSON.stringify(ltr));
    assert.ok(runWidth(rtl[1]) < runWidth(rtl[0]) / 2, `right to left: ${JSON.stringify(rtl)}`);
    assert.ok(runWidth(ltr[0]) < runWidth(ltr[1]) / 2, `left to right: ${JSON.stringify(ltr)}`);
    const lines = (await page.evaluate(() => window.baton.textStats())).page.lines;
    assert.deepEqual(lines.map((l) => l.split(' ')[0]), ['rtl']);
    // Hebrew too, and a paragraph whose first strong letter is Latin stays left to right.
    const hebrew = inkRuns(await probe(page, 'של שלום', { px: 40 }), 4);
    assert.ok(runWidth(hebrew[1]) < runWidth(hebrew[0]), JSON.stringify(hebrew));
    await probe(page, 'Re: الغلاية', { px: 30 });
    assert.match((await page.evaluate(() => window.baton.textStats())).page.lines[0], /^ltr /);
    // A UI line that isolates a customer's name (FSI ... PDI) keeps the UI's direction: the name
    // stays where it was written, first.
    const isolated = inkRuns(await probe(page, '\u2068فاطمة\u2069 · Unassigned', { px: 30 }), 6);
    assert.match((await page.evaluate(() => window.baton.textStats())).page.lines[0], /^ltr /);
    const name = runWidth(inkRuns(await probe(page, 'فاطمة', { px: 30 }), 6)[0]);
    assert.ok(runWidth(isolated[0]) < name + 20 && runWidth(isolated.at(-1)) > name * 1.5,  // name first, "Unassigned" last
              `${JSON.stringify(isolated)}, the name ${name} wide`);
  });

  await t.test('shaping: Arabic letters joined are narrower than the same letters kept apart; a Devanagari conjunct too', async () => {
    const joined = await probe(page, 'مستشفى', { px: 40 });
    const apart = await probe(page, 'م\u200Cس\u200Ct\u200Cش\u200Cف\u200Cى'.replace('t', 'ت'), { px: 40 });
    assert.ok(joined.width < apart.width * 0.85, `${joined.width} joined, ${apart.width} apart`);
    const conjunct = await probe(page, 'क्ष', { px: 40 });
    const halant = await probe(page, 'क्\u200Cष', { px: 40 });
    assert.ok(conjunct.width < halant.width * 0.85, `${conjunct.width} conjunct, ${halant.width} with ZWNJ`);
  });

  await t.test('wrapping: lines no wider than wrap_width, broken where the browser breaks them', async () => {
    const english = await probe(page, 'The boiler has been making a strange noise since Monday morning, ' +
                                      'Nguyễn Thị Hương wrote.', { px: 20, wrap: 260 });
    let lines = (await page.evaluate(() => window.baton.textStats())).page.lines.map((l) => l.slice(4));
    assert.ok(english.width <= 260 && lines.length >= 3, `${english.width} wide, ${lines.length} lines`);
    for (const line of lines) assert.match(line, /^\S.*\S$/u, `broken inside a word or with spaces: "${line}"`);
    assert.equal(lines.join(' '), 'The boiler has been making a strange noise since Monday morning, Nguyễn Thị Hương wrote.');
    assert.ok(english.height >= lines.length * 25 - 5, `${english.height} tall for ${lines.length} lines`);

    const japanese = SAMPLES.japanese.repeat(4);
    const wrapped = await probe(page, japanese, { px: 20, wrap: 200 });
    lines = (await page.evaluate(() => window.baton.textStats())).page.lines.map((l) => l.slice(4));
    assert.ok(wrapped.width <= 200 && lines.length >= 4, `${wrapped.width} wide, ${lines.length} lines`);
    // Japanese line-breaking rules: no line starts with a prolonged sound mark, a small kana or
    // closing punctuation.
    assert.ok(!lines.some((l) => /^[ー、。」っゃゅょッャュョ]/u.test(l)), `${lines}`);
    assert.equal(lines.join('').replace(/ /g, ''), japanese.replace(/ /g, ''));  // a space at a break is not drawn

    const thai = 'หม้อต้มน้ำมีเสียงแปลกๆ ช่างจะมาวันพฤหัสบดีนี้ ขอบคุณมากครับ';
    await probe(page, thai, { px: 20, wrap: 180 });
    lines = (await page.evaluate(() => window.baton.textStats())).page.lines.map((l) => l.slice(4));
    assert.ok(lines.length >= 2, `${lines}`);
    assert.equal(lines.join('').replace(/ /g, ''), thai.replace(/ /g, ''));

    const arabic = await probe(page, 'الغلاية تصدر صوتا غريبا منذ يوم الاثنين، هل يمكن أن يأتي فني؟', { px: 20, wrap: 240 });
    lines = (await page.evaluate(() => window.baton.textStats())).page.lines;
    assert.ok(lines.length >= 2 && lines.every((l) => l.startsWith('rtl ')), `${lines}`);
    assert.equal(arabic.width, 240);  // right-aligned to its column, as a browser aligns it
    assert.ok(arabic.pixels.ink[2] >= 236, `the ink ends at ${arabic.pixels.ink[2]}`);
    images.wrapped = wrapped;
    images.arabic_wrapped = arabic;
  });

  await t.test('bold draws with the bold faces', async () => {
    const before = fontRequests(fetched).length;
    const regular = await probe(page, '田中 花子', { px: 30 });
    const bold = await probe(page, '田中 花子', { px: 30, bold: true });
    assert.notEqual(bold.texture, regular.texture);
    assert.ok(inked(bold) > inked(regular) * 1.15, `${inked(bold)} bold, ${inked(regular)} regular`);
    const added = fontRequests(fetched).slice(before);
    assert.ok(added.length > 0 && added.every((f) => /-700\.woff2$/.test(f)), added.join(' '));
    images.bold = bold;
  });

  await t.test('fonts are fetched only for the scripts drawn', async () => {
    const files = fontRequests(fetched);
    assert.equal(new Set(files).size, files.length, 'a slice fetched twice');
    for (const family of ['arabic-400', 'hebrew-400', 'devanagari-400', 'thai-400', 'cjk-hangul-0-400']) {
      assert.ok(files.some((f) => f.startsWith(family)), `${family} missing from ${files}`);
    }
    // Japanese, Chinese and Korean text of everyday words needs none of the rare slices.
    assert.ok(!files.some((f) => /(han-rare|hangul-rare|greek)/.test(f)), files.join(' '));
    const total = await page.evaluate(() => performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/fonts/')).reduce((n, e) => n + e.encodedBodySize, 0));
    console.log(`# fonts fetched for all the samples: ${files.length} files, ${(total / KB).toFixed(0)} KB`);
  });

  await t.test('the same text and style is drawn once: later frames get the cached image', async () => {
    const first = await probe(page, SAMPLES.korean, { px: 30 });
    const before = await page.evaluate(() => window.baton.textStats());
    const again = await probe(page, SAMPLES.korean, { px: 30 });
    const after = await page.evaluate(() => window.baton.textStats());
    assert.equal(again.texture, first.texture);
    assert.equal(after.hits, before.hits + 1);
    assert.equal(after.drawn, before.drawn);
    const bigger = await probe(page, SAMPLES.korean, { px: 40 });
    assert.notEqual(bigger.texture, first.texture);
    assert.ok(bigger.width > first.width * 1.2);
  });

  await t.test('10,000 rows scrolled through: memory stays bounded and images unused for a while are freed', async () => {
    const result = await page.evaluate(() => {
      let peak = 0, drawn = 0, ms = 0;
      for (let frame = 0; frame < 500; frame++) {  // 20 new rows a frame, as a fast scroll shows them
        const started = performance.now();
        for (let row = 0; row < 20; row++) {
          const n = frame * 20 + row;
          if (window.baton.rasterProbe(`Nguyễn Thị Hương — チケット ${n} 異音`, { px: 15, read: false }).ready) drawn++;
        }
        window.baton.textEndFrame();
        ms += performance.now() - started;
        peak = Math.max(peak, window.baton.textStats().bytes);
      }
      return { peak, drawn, ms, stats: window.baton.textStats() };
    });
    console.log(`# 10,000 rows: ${result.drawn} drawn, ${(result.ms / result.drawn).toFixed(2)} ms each (software GL), ` +
                `peak ${(result.peak / KB).toFixed(0)} KB of textures, ${result.stats.images} images kept, ` +
                `${result.stats.evicted} freed`);
    assert.ok(result.drawn > 9900, `${result.drawn} drawn`);
    assert.ok(result.peak <= result.stats.budget);
    assert.ok(result.stats.images <= 20 * 301 + 50, `${result.stats.images} images`);
    assert.ok(result.stats.evicted > 3000);
    // Those still on screen stay; those gone long ago were freed and come back when drawn again.
    const beforeRedraw = result.stats.drawn;
    await probe(page, 'Nguyễn Thị Hương — チケット 0 異音', { px: 15 });
    assert.equal((await page.evaluate(() => window.baton.textStats())).drawn, beforeRedraw + 1);
  });

  await t.test('covers(): the shipped fonts\' characters, not private use or scripts not shipped', async () => {
    const covers = (cp) => page.evaluate((c) => window.baton.textCovers(c), cp);
    for (const ch of ['あ', '異', '한', 'ㅋ', 'ا', 'ש', 'क', 'ก', 'ễ', 'Ж', '😀', '👍', '🏽', '🇯', '€', '①']) {
      assert.equal(await covers(ch.codePointAt(0)), true, ch);
    }
    for (const cp of [0x200D, 0xFE0F, 0xE0067, 0x0A]) assert.equal(await covers(cp), true, cp.toString(16));
    for (const cp of [0xE000, 0xF8FF, 0xF0000, 0x10FFFD, 0x0BA4, 0x0000, 0xD800, 0x1F]) {
      assert.equal(await covers(cp), false, cp.toString(16));
    }
  });

  await t.test('a picture of every script, as the views will draw them', async () => {
    await page.evaluate((list) => {
      const sheet = document.createElement('canvas');
      sheet.id = 'raster-sheet';
      const width = Math.max(...list.map((i) => i.width)) + 40;
      sheet.width = width;
      sheet.height = list.reduce((n, i) => n + i.height + 14, 20);
      Object.assign(sheet.style, { position: 'fixed', left: '0', top: '0', zIndex: '10', background: '#fff' });
      const ctx = sheet.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, sheet.width, sheet.height);
      let y = 10;
      for (const image of list) {
        const alpha = Uint8Array.from(atob(image.pixels.alpha), (c) => c.charCodeAt(0));
        const data = ctx.createImageData(image.width, image.height);
        for (let i = 0; i < alpha.length; i++) {
          data.data[i * 4 + 3] = 255;
          data.data[i * 4] = data.data[i * 4 + 1] = data.data[i * 4 + 2] = 255 - alpha[i];
        }
        ctx.putImageData(data, 20, y);
        ctx.fillStyle = 'rgba(220, 40, 40, 0.5)';  // the baseline the views line the image up with
        ctx.fillRect(10, y + image.ascent, 6, 1);
        y += image.height + 14;
      }
      document.body.appendChild(sheet);
    }, Object.values(images));
    require('node:fs').mkdirSync(require('node:path').join(__dirname, 'artifacts'), { recursive: true });
    await page.locator('#raster-sheet').screenshot({ path: require('node:path').join(__dirname, 'artifacts', 'text-raster.png') });
  });

  await t.test('no page error', () => assert.deepEqual(page.errors, []));
});
