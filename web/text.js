// The browser's half of the text raster (web/web_text_raster.cpp): text Dear ImGui cannot lay out is
// shaped, ordered and broken into lines by the browser's own text engine, drawn white on
// transparent into a canvas, and uploaded by the workspace as a WebGL texture it draws in the
// text's place. Drawn only with the fonts the page ships (fonts/fonts.json, cut by
// web/fonts/plan_fonts.py), never the user's system fonts, each slice fetched when text first
// needs it. The page loads this file the first time such text appears: an English-only session
// never fetches it, nor any font.
'use strict';
window.batonText = (function () {
  const PENDING = 0, DRAWN = 1, NOTHING = -1;
  const LINE_PITCH = 1.25;  // between the baselines of wrapped lines, in ImGui's font sizes
  // Right-to-left scripts: a paragraph whose first strong character is one of them runs right to
  // left (UAX #9's rules P2-P3, what dir=auto does); RLM and ALM are strong right-to-left too.
  const STRONG = /[\p{L}\u200E\u200F\u061C]/u;
  const RTL = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}\p{Script=Samaritan}\p{Script=Mandaic}\p{Script=Adlam}\p{Script=Hanifi_Rohingya}\p{Script=Mende_Kikakui}\p{Script=Yezidi}\u200F\u061C]/u;
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const ISOLATES = /[\u2066-\u2069]/g;  // the canvas draws them as boxes (embeddings and overrides it obeys)

  let manifest = null;  // fonts/fonts.json once read
  let covered = null;   // coverage(manifest)
  let families = '';    // the CSS font-family list, in the order the plan gave each code point an owner
  const faces = [];     // {face, file}
  const loading = new Map();     // font + text -> its document.fonts.load() while it runs
  const drawAnyway = new Set();  // texts whose font failed to load: drawn without it (bounded)
  const stats = { drawn: 0, pending: 0, cjk: null, started: null, manifest: null, lines: [] };
  let canvas = null, ctx = null, box = null, segmenter = null;

  function poke() {
    if (window.Module && Module._baton_activity) Module._baton_activity();
  }

  // fonts.json's ranges: [gap from the previous range's end, length - 1] pairs.
  function ranges(packed) {
    const out = [];
    let last = -1;
    for (let i = 0; i < packed.length; i += 2) {
      const first = last + 1 + packed[i];
      last = first + packed[i + 1];
      out.push([first, last]);
    }
    return out;
  }
  function unicodeRange(packed) {
    const hex = (n) => n.toString(16).toUpperCase();
    return ranges(packed).map(([a, b]) => (a === b ? 'U+' + hex(a) : 'U+' + hex(a) + '-' + hex(b))).join(',');
  }
  // What the shipped fonts draw, and what is laid out without a glyph: sorted, merged [first, last]
  // pairs for covers() (web/web_text_raster.cpp).
  function coverage(read) {
    const all = ranges(read.laid_out);
    for (const slice of read.slices) if (slice.ranges) all.push(...ranges(slice.ranges));
    all.sort((x, y) => x[0] - y[0]);
    const merged = [];
    for (const [a, b] of all) {
      const top = merged[merged.length - 1];
      if (top && a <= top[1] + 1) top[1] = Math.max(top[1], b); else merged.push([a, b]);
    }
    return Uint32Array.from(merged.flat());
  }

  // `local(name)`: a font file the wasm already carries (its DejaVu Sans cut), as bytes, or null.
  function start(local) {
    stats.started = performance.now();
    // The texts asked for before this file arrived (web/web_text_raster.cpp notes them).
    const early = (window.batonTextEarly || []).find((asked) => CJK.test(asked.text));
    if (early) stats.cjk = { requested: early.at, ready: null, text: early.text };
    canvas = document.createElement('canvas');
    ctx = canvas.getContext('2d');
    // Lines are broken by laying the paragraph out in a hidden box: the browser's own line-break
    // opportunities (UAX #14, Japanese and Thai rules included). Styled through the CSSOM, which
    // a Content-Security-Policy without 'unsafe-inline' allows.
    box = document.createElement('div');
    box.setAttribute('aria-hidden', 'true');
    Object.assign(box.style, {
      position: 'fixed', left: '-100000px', top: '0', visibility: 'hidden', whiteSpace: 'pre-wrap',
      overflowWrap: 'anywhere', wordBreak: 'normal', lineBreak: 'auto', textAlign: 'start', padding: '0',
      margin: '0', border: '0', letterSpacing: 'normal', contain: 'layout style',
    });
    document.body.appendChild(box);
    segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    (window.batonTextManifest || fetch('fonts/fonts.json').then((response) => {
      if (!response.ok) throw new Error('fonts/fonts.json: HTTP ' + response.status);
      return response.json();
    }))
      .then((read) => {
        for (const slice of read.slices) {
          const range = slice.ranges ? { unicodeRange: unicodeRange(slice.ranges) } : {};  // none: every character
          for (const [weight, where] of Object.entries(slice.weights)) {
            const source = typeof where === 'string' ? 'url(fonts/' + where + ') format("woff2")' : local(where.local);
            if (!source) continue;
            const face = new FontFace(slice.family, source, Object.assign({ weight: weight, display: 'block' }, range));
            document.fonts.add(face);
            faces.push({ face: face, file: typeof where === 'string' ? where : where.local });
          }
        }
        families = read.families.map((name) => '"' + name + '"').join(', ');
        covered = coverage(read);
        manifest = read;
        stats.manifest = performance.now();
        poke();
      })
      .catch((error) => console.warn('baton: the text fonts could not be read (' + error.message + ')'));
  }

  function fontFor(px, bold) {
    return (bold ? '700 ' : '400 ') + (px * manifest.em_per_px).toFixed(3) + 'px ' + families;
  }

  // The first strong character decides, skipping what is inside isolates (FSI, LRI, RLI ... PDI):
  // a UI line that isolates a customer's right-to-left name stays left to right.
  function direction(paragraph) {
    let isolated = 0;
    for (const ch of paragraph) {
      if (ch >= '\u2066' && ch <= '\u2068') isolated++;
      else if (ch === '\u2069') isolated = Math.max(0, isolated - 1);
      else if (!isolated && STRONG.test(ch)) return RTL.test(ch) ? 'rtl' : 'ltr';
    }
    return 'ltr';
  }

  // Whether every font `text` needs has arrived; if not, fetches them and asks for a frame when
  // they are there.
  function fontsReady(font, text) {
    if (document.fonts.check(font, text)) return true;
    const key = font + '\n' + text;
    if (drawAnyway.has(key)) return true;
    if (!loading.has(key)) {
      loading.set(key, document.fonts.load(font, text)
        .catch(() => {
          if (drawAnyway.size > 1000) drawAnyway.clear();
          drawAnyway.add(key);
        })
        .finally(() => { loading.delete(key); poke(); }));
    }
    return false;
  }

  // The paragraph's lines at `width` pixels, as the browser breaks them: laid out in the hidden box,
  // each line found by its glyphs' height there (a binary search per line, not a look at every
  // character). `em`: the font size in pixels.
  function breakLines(paragraph, font, em, width, dir) {
    ctx.font = font;
    ctx.direction = dir;
    if (ctx.measureText(paragraph).width <= width) return [paragraph];
    const lineHeight = 2 * em;  // lines far apart: a glyph's box tells its line without doubt
    box.style.font = font;
    box.style.lineHeight = lineHeight + 'px';
    box.style.width = width + 'px';
    box.dir = dir;
    box.textContent = paragraph;
    const node = box.firstChild;
    const starts = Array.from(segmenter.segment(paragraph), (s) => s.index);
    const count = starts.length;
    starts.push(paragraph.length);
    const range = document.createRange();
    const top = (i) => {  // the top of the i-th grapheme's box; zero-height ones (ZWJ) take the next's
      for (; i < count; i++) {
        range.setStart(node, starts[i]);
        range.setEnd(node, starts[i + 1]);
        const rect = range.getBoundingClientRect();
        if (rect.height > 0) return rect.top;
      }
      return Infinity;
    };
    const lines = [];
    for (let first = 0; first < count;) {
      const lineTop = top(first);
      let lo = first + 1, hi = count;  // the first grapheme on a lower line
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (top(mid) > lineTop + lineHeight / 2) hi = mid; else lo = mid + 1;
      }
      lines.push(paragraph.slice(starts[first], starts[lo]).replace(/[ \t]+$/, ''));  // a space at a break is not drawn
      first = lo;
    }
    box.textContent = '';
    return lines;
  }

  // Draws `text` into the canvas. `out` (4 floats) receives width, height, ascent and the line
  // count, in device pixels. `px` is ImGui's font size (the line height), `wrap` 0 or a width.
  function draw(text, px, bold, wrap, maxSize, out) {
    const hasCjk = CJK.test(text);
    if (hasCjk && !stats.cjk) stats.cjk = { requested: performance.now(), ready: null, text: text };
    if (!manifest) return PENDING;
    text = text.normalize('NFC').replace(/\r\n?/g, '\n');  // canonically equal: precomposed glyphs where fonts have them
    if (!text.trim()) return NOTHING;
    const font = fontFor(px, bold);
    if (!fontsReady(font, text)) {
      stats.pending++;
      return PENDING;
    }
    const lines = [];  // {text, dir}
    for (const paragraph of text.split(/[\n\u2029]/)) {
      const dir = direction(paragraph);
      const broken = wrap > 0 ? breakLines(paragraph, font, px * manifest.em_per_px, wrap, dir) : [paragraph];
      // The isolates have done their part (the paragraph's direction, the breaks): not drawn.
      for (const line of broken) lines.push({ text: line.replace(ISOLATES, ''), dir: dir });
    }
    ctx.font = font;
    let width = 0, rtl = false;
    for (const line of lines) {
      ctx.direction = line.dir;
      ctx.textAlign = 'start';
      const m = ctx.measureText(line.text);
      width = Math.max(width, m.width, line.dir === 'rtl' ? m.actualBoundingBoxLeft : m.actualBoundingBoxRight);
      line.above = m.actualBoundingBoxAscent;
      line.below = m.actualBoundingBoxDescent;
      rtl = rtl || line.dir === 'rtl';
    }
    // A wrapped right-to-left paragraph starts at the right edge of its column, as in a browser.
    if (wrap > 0 && rtl) width = Math.max(width, wrap);
    const ascent = px * manifest.ascent_per_px, descent = px - ascent;
    const pitch = Math.round(px * LINE_PITCH);
    // Room for the ink above DejaVu's ascent (stacked diacritics, Thai tone marks, CJK) and below.
    const top = Math.ceil(Math.max(ascent, lines[0].above));
    let shown = lines.length;
    const bottom = () => Math.ceil(top + (shown - 1) * pitch + Math.max(descent, lines[shown - 1].below));
    while (shown > 1 && bottom() > maxSize) shown--;  // a texture has a largest size
    const w = Math.max(1, Math.min(maxSize, Math.ceil(width))), h = Math.max(1, Math.min(maxSize, bottom()));
    canvas.width = w;  // resets the context's state
    canvas.height = h;
    ctx.font = font;
    ctx.fillStyle = '#fff';
    ctx.textBaseline = 'alphabetic';
    ctx.textAlign = 'start';
    for (let i = 0; i < shown; i++) {
      ctx.direction = lines[i].dir;
      ctx.fillText(lines[i].text, lines[i].dir === 'rtl' ? w : 0, top + i * pitch);
    }
    out[0] = w;
    out[1] = h;
    out[2] = top;
    out[3] = shown;
    stats.drawn++;
    stats.lines = lines.slice(0, shown).map((line) => line.dir + ' ' + line.text);
    if (hasCjk && stats.cjk && stats.cjk.ready === null) stats.cjk.ready = performance.now();
    return DRAWN;
  }

  // What the test hook reports: the font files fetched so far and the first CJK text's wait.
  function report() {
    return {
      started: stats.started,
      manifest: stats.manifest,
      drawn: stats.drawn,
      pending: stats.pending,
      lines: stats.lines,  // the last text drawn, line by line, each with its direction
      loading: loading.size,
      fonts: faces.filter((f) => f.face.status === 'loaded').map((f) => f.file),
      failed: faces.filter((f) => f.face.status === 'error').map((f) => f.file),
      cjk: stats.cjk && { requested: stats.cjk.requested, ready: stats.cjk.ready,
                          ms: stats.cjk.ready === null ? null : stats.cjk.ready - stats.cjk.requested },
    };
  }

  return { start: start, draw: draw, canvas: () => canvas, coverage: () => covered, report: report };
})();
