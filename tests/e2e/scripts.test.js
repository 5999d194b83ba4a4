// A customer writing in every script: the ticket comes in by the mail gateway's API, an agent opens
// it in the real page, and every character of the frame has a real glyph (the test hook's
// missing_glyphs, asked of the fonts themselves) once the raster's fonts have arrived. Screenshots
// of each: tests/e2e/artifacts/script-*.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

const TICKETS = [
  ['japanese', '田中 花子', 'ボイラーから異音がします', '昨日の夜から給湯器がカタカタと音を立てています。点検をお願いできますか？'],
  ['chinese-simplified', '王小明', '锅炉发出异响', '从昨天晚上开始，热水器一直发出咔嗒声。请尽快派人来检查。'],
  ['chinese-traditional', '陳大文', '鍋爐發出異響', '從昨天晚上開始，熱水器一直發出咔嗒聲。請儘快派人來檢查。'],
  ['korean', '김민준', '보일러에서 소리가 납니다', '어젯밤부터 보일러에서 딸깍거리는 소리가 납니다. 점검 부탁드립니다.'],
  ['arabic', 'فاطمة الزهراء', 'الغلاية تصدر صوتا غريبا', 'منذ الليلة الماضية والغلاية تصدر صوت طقطقة. هل يمكن إرسال فني؟'],
  ['hebrew', 'דנה לוי', 'הדוד משמיע רעש מוזר', 'מאז אתמול בלילה הדוד משמיע רעש נקישות. אפשר לשלוח טכנאי?'],
  ['devanagari', 'प्रिया शर्मा', 'बॉयलर से अजीब आवाज़ आ रही है', 'कल रात से बॉयलर से खटखट की आवाज़ आ रही है। कृपया किसी को भेजें।'],
  ['thai', 'สมชาย ใจดี', 'หม้อต้มน้ำมีเสียงแปลกๆ', 'ตั้งแต่เมื่อคืนหม้อต้มน้ำมีเสียงดังก๊อกแก๊ก ช่วยส่งช่างมาตรวจได้ไหมครับ'],
  ['vietnamese', 'Nguyễn Thị Hương', 'Nồi hơi kêu lạ từ tối qua', 'Từ tối qua nồi hơi kêu lạch cạch. Nhờ anh chị cử thợ đến kiểm tra giúp.'],
  ['emoji', 'Sam Rivera', 'Boiler noise 😟🔧', 'Thanks so much 👍🏽 — we are in 🇯🇵 until Friday 👨‍👩‍👧 ❤️'],
  ['cyrillic-greek', 'Ольга Петрова', 'Котёл шумит · Ο λέβητας κάνει θόρυβο', 'Со вчерашнего вечера котёл стучит. Пришлите мастера, пожалуйста.'],
];

// The frame after the raster knows what its fonts cover (fonts/fonts.json read: before that every
// character beyond the built-in faces counts as missing) and has every font the texts asked for.
async function settled(page, what, ready = () => true) {
  await h.waitFor(page, ready, what);
  const deadline = Date.now() + 20000;
  for (;;) {
    const stats = await page.evaluate(() => window.baton.textStats());
    if (stats.page && stats.page.manifest !== null && stats.page.loading === 0) break;
    if (Date.now() > deadline) throw new Error(`the fonts for ${what} did not arrive: ${JSON.stringify(stats.page)}`);
    await h.sleep(20);
  }
  const frame = await page.evaluate(() => window.baton.framesDrawn());
  await page.mouse.move(5, 5);  // one more frame, drawn with them
  await page.waitForFunction((f) => window.baton.framesDrawn() > f, frame);
  return h.snapshot(page);
}

test('a ticket in every script opens with a real glyph for every character', { timeout: 300000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });
  const refs = {};
  for (const [name, requester, subject, body] of TICKETS) {
    const created = await server.inbound({ subject, department: 'support', body,
                                           requester: { name: requester, email: `${name}@example.com` } });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    refs[name] = created.body.ticket.ref;
  }
  const page = await h.openPage(browser, server.base);
  await h.logIn(page, 'marcus@baton.test');

  await t.test('the list shows every script', async () => {
    const s = await settled(page, 'the list');
    for (const [, , subject] of TICKETS) assert.ok(h.hasText(s, subject), subject);
    assert.equal(s.missing_glyphs, 0);
    await h.shot(page, 'script-list');
  });

  for (const [name, requester, subject, body] of TICKETS) {
    await t.test(`${name}: subject, requester and body drawn, none missing`, async () => {
      await h.openTicket(page, refs[name]);
      const inThread = (x) => x.texts.some((text) => text.includes(body.slice(0, 12)));
      const s = await settled(page, `${name}'s conversation`, inThread);
      await h.shot(page, `script-${name}`);
      assert.ok(h.hasText(s, subject), subject);
      assert.ok(h.hasText(s, requester), requester);
      assert.ok(inThread(s));
      assert.equal(s.missing_glyphs, 0, name);
    });
  }

  await t.test('a character no font has is counted: private use', async () => {
    const created = await server.inbound({ subject: 'Invoice \uE000\uE001 attached', department: 'support',
                                           body: 'See the logo \uE000.', requester: { name: 'Pat Doe', email: 'pat@example.com' } });
    await h.openTicket(page, created.body.ticket.ref);
    const s = await settled(page, 'the private-use ticket', (x) => h.hasText(x, 'See the logo'));
    assert.ok(s.missing_glyphs >= 3, `${s.missing_glyphs}`);
  });

  await t.test('no page error', () => assert.deepEqual(page.errors, []));
});
