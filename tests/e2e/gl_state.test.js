// web/gl_state_cache.js answers the WebGL state reads of Dear ImGui's backend without a round trip
// to the GPU process: while the workspace draws, no read reaches WebGL, and every answer it gives
// is what WebGL itself says (asked directly, behind the cache's back).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const h = require('./harness');

test('the WebGL state the workspace reads back is answered by the page, and answered right', { timeout: 120000 }, async (t) => {
  const server = await new h.Server().start();
  const browser = await h.launch();
  t.after(async () => { await browser.close(); await server.stop(); });

  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Counts the reads that reach WebGL itself (the cache calls the prototype's methods).
  await context.addInitScript(() => {
    window.glReads = 0;
    const proto = WebGL2RenderingContext.prototype;
    for (const name of ['getParameter', 'isEnabled']) {
      const original = proto[name];
      proto[name] = function (...args) { window.glReads++; return original.apply(this, args); };
    }
  });
  const page = await context.newPage();
  await page.goto(server.base + '/');
  await h.waitFor(page, (s) => s.frame > 0, 'the first frame');
  await h.logIn(page, 'marcus@baton.test');
  const created = await server.inbound({ subject: 'Drawn many times', department: 'support', body: 'Hello',
                                         requester: { name: 'Ada Lovelace', email: 'ada@example.com' } });
  await h.openTicket(page, created.body.ticket.ref);

  // Frames drawn with input (the composer typed into): none of their reads reaches WebGL.
  await h.click(page, 'composer');
  const before = await page.evaluate(() => [window.glReads, window.baton.framesDrawn()]);
  await page.keyboard.type('Typing draws frames');
  await page.waitForFunction((drawn) => window.baton.framesDrawn() >= drawn + 5, before[1]);
  const after = await page.evaluate(() => [window.glReads, window.baton.framesDrawn()]);
  assert.ok(after[1] - before[1] >= 5, `frames drawn while typing: ${after[1] - before[1]}`);
  assert.equal(after[0] - before[0], 0, 'WebGL state reads during those frames');

  // Every value the backend reads, as the cache answers and as WebGL answers.
  const compared = await page.evaluate(() => {
    const gl = Module.preinitializedWebGLContext;
    const G = WebGL2RenderingContext;
    const proto = G.prototype;
    const names = ['ACTIVE_TEXTURE', 'CURRENT_PROGRAM', 'TEXTURE_BINDING_2D', 'SAMPLER_BINDING', 'ARRAY_BUFFER_BINDING',
                   'ELEMENT_ARRAY_BUFFER_BINDING', 'VERTEX_ARRAY_BINDING', 'VIEWPORT', 'SCISSOR_BOX', 'BLEND_SRC_RGB',
                   'BLEND_DST_RGB', 'BLEND_SRC_ALPHA', 'BLEND_DST_ALPHA', 'BLEND_EQUATION_RGB', 'BLEND_EQUATION_ALPHA'];
    const show = (v) => (ArrayBuffer.isView(v) ? Array.from(v).join(',') : v === null ? 'null' : typeof v === 'object' ? 'object' : String(v));
    const out = [];
    for (const name of names) {
      const cached = gl.getParameter(G[name]);
      const real = proto.getParameter.call(gl, G[name]);
      const same = ArrayBuffer.isView(real) ? show(cached) === show(real) : cached === real;
      out.push([name, same, show(cached), show(real)]);
    }
    for (const name of ['BLEND', 'CULL_FACE', 'DEPTH_TEST', 'STENCIL_TEST', 'SCISSOR_TEST']) {
      const cached = gl.isEnabled(G[name]);
      const real = proto.isEnabled.call(gl, G[name]);
      out.push([name, cached === real, String(cached), String(real)]);
    }
    return out;
  });
  for (const [name, same, cached, real] of compared) assert.ok(same, `${name}: the page said ${cached}, WebGL says ${real}`);
});
