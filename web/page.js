// The page around the WebAssembly workspace: checks the browser can run it, shows download
// progress, sizes the canvas for HiDPI, owns the reply <textarea> and the one-line <input>s (input
// methods, password managers, screen readers), bridges clipboard and paste,
// and exposes the read-only test hook window.baton.snapshot().
'use strict';
(function () {
  const loading = document.getElementById('loading');
  const bar = document.querySelector('#bar > div');
  const message = document.getElementById('message');
  const canvas = document.getElementById('canvas');
  const editor = document.getElementById('composer');
  let runtimeReady = false;

  function fail(text) {
    loading.style.display = 'flex';
    loading.classList.add('failed');
    message.textContent = text;
  }

  function progress(fraction, text) {
    if (fraction === null) document.getElementById('bar').classList.add('indeterminate');
    else bar.style.width = Math.round(Math.min(1, fraction) * 100) + '%';
    if (text) message.textContent = text;
  }

  // The workspace needs WebAssembly and WebGL2; say so in words instead of a blank page.
  if (typeof WebAssembly !== 'object') {
    fail('This browser cannot run WebAssembly, which Baton needs. Please use a current Chrome, Firefox, Edge or Safari.');
    return;
  }
  // Only whether the browser knows WebGL2 at all: creating a context to find out costs a software
  // renderer hundreds of milliseconds. When the real context cannot be made, main() says so.
  if (typeof WebGL2RenderingContext === 'undefined') {
    fail('This browser has WebGL2 turned off or unsupported, which Baton needs to draw the workspace. ' +
         'Enable hardware acceleration or use a current browser.');
    return;
  }

  const mb = (bytes) => (bytes / 1048576).toFixed(1) + ' MB';
  const parts = { wasm: [0, 0], data: [0, 0] };  // bytes received, bytes expected
  function showDownload() {
    const got = parts.wasm[0] + parts.data[0], total = parts.wasm[1] + parts.data[1];
    if (total > 0) progress(got / total, 'Downloading the workspace... ' + mb(got) + ' of ' + mb(total));
  }

  // The wasm is fetched here (not by emscripten) so its download shows progress. The server says
  // the uncompressed size in X-Raw-Length when it gzips; elsewhere Content-Length is the size.
  async function fetchWasm(file) {
    const response = await fetch(file);
    if (!response.ok) throw new Error(file + ': HTTP ' + response.status);
    const expected = Number(response.headers.get('X-Raw-Length') ||
                            (response.headers.get('Content-Encoding') ? 0 : response.headers.get('Content-Length')) || 0);
    parts.wasm[1] = expected;
    const reader = response.body.getReader();
    const chunks = [];
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      parts.wasm[0] += value.length;
      showDownload();
    }
    const bytes = new Uint8Array(parts.wasm[0]);
    let at = 0;
    for (const chunk of chunks) { bytes.set(chunk, at); at += chunk.length; }
    return bytes;
  }

  // The training kiosk: ?kiosk on the served page, or the static kiosk build (window.BATON_KIOSK).
  const params = new URLSearchParams(location.search);
  const kiosk = params.has('kiosk') || window.BATON_KIOSK === true;
  // Its own program (baton-kiosk.*: the in-process helpdesk, the story, the simulated colleagues),
  // so the agents' page (baton.*) does not download the kiosk.
  const program = kiosk ? 'baton-kiosk' : 'baton';
  const idle = Number(params.get('idle')) || 120;
  // The agent's theme (kept by the workspace as baton.theme) for the loading screen too.
  try { const theme = !kiosk && localStorage.getItem('baton.theme'); if (theme) document.documentElement.dataset.theme = theme; } catch (e) { /* none */ }

  window.Module = {
    arguments: kiosk ? ['--idle', String(idle)] : [],
    canvas: canvas,
    print: () => {},
    printErr: (text) => { if (/error|abort/i.test(text)) console.warn('baton:', text); },
    setStatus: (text) => {  // emscripten reports the font package download as "Downloading data... (x/y)"
      const m = /\((\d+(\.\d+)?)\/(\d+)\)/.exec(text || '');
      if (m) { parts.data = [Number(m[1]), Number(m[3])]; showDownload(); }
    },
    instantiateWasm: (imports, receive) => {
      wasmBytes
        .then((bytes) => WebAssembly.instantiate(bytes, imports))
        .then((result) => receive(result.instance, result.module))
        .catch((error) => fail('The workspace could not be loaded (' + error.message + '). Check the server and reload.'));
      return {};
    },
    onAbort: (what) => fail('The workspace stopped unexpectedly (' + what + '). Reload the page; your drafts are kept.'),
  };

  // Keys typed into the reply editor and the one-line fields belong to them alone: GLFW listens on
  // the window and would swallow Backspace and Tab, and ImGui would see the keys too. Enter while
  // an input method composes (Japanese: choosing the kanji) belongs to the input method.
  const fields = new Map();  // the one-line fields by the view's id: <input>s laid over the canvas
  const composing = new WeakSet();  // fields an input method is composing in: their text is left alone
  for (const [type, on] of [['compositionstart', true], ['compositionend', false]]) {
    window.addEventListener(type, (event) => {
      if (!isField(event.target)) return;
      if (on) composing.add(event.target); else composing.delete(event.target);
    }, true);
  }
  const isField = (target) => target instanceof HTMLInputElement && target.classList.contains('baton-field');
  for (const type of ['keydown', 'keypress', 'keyup']) {
    window.addEventListener(type, (event) => {
      if (event.target === editor) {
        event.stopImmediatePropagation();
        if (type === 'keydown' && event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !event.isComposing) {
          event.preventDefault();
          if (runtimeReady) Module._baton_editor_submit();
        }
      } else if (isField(event.target)) {
        // Escape still reaches the workspace (it closes the popup the field is in).
        if (event.key === 'Escape' && !event.isComposing) { event.target.blur(); return; }
        event.stopImmediatePropagation();
        if (type === 'keydown' && event.key === 'Enter' && !event.isComposing && runtimeReady) {
          event.preventDefault();
          withString(event.target.dataset.id, (id) => Module._baton_field_submit(id));
        }
      }
    }, true);
  }
  function withString(text, call) {
    const size = Module.lengthBytesUTF8(text) + 1;
    const pointer = Module._malloc(size);
    Module.stringToUTF8(text, pointer, size);
    try { call(pointer); } finally { Module._free(pointer); }
  }
  editor.addEventListener('input', () => {
    if (runtimeReady) withString(editor.value, (p) => Module._baton_editor_input(p));
  });
  canvas.addEventListener('mousedown', () => {
    if (document.activeElement === editor || isField(document.activeElement)) document.activeElement.blur();
  });
  window.addEventListener('paste', (event) => {
    if (event.target === editor || isField(event.target) || !runtimeReady) return;
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    if (text) { event.preventDefault(); withString(text, (p) => Module._baton_paste(p)); }
  }, true);

  // Anything the user does may change the screen: the workspace draws only then (and on network news).
  const poke = () => { if (runtimeReady) Module._baton_activity(); };
  for (const type of ['mousemove', 'mousedown', 'mouseup', 'wheel', 'keydown', 'keyup', 'touchstart',
                      'touchmove', 'touchend', 'focus', 'blur']) {
    window.addEventListener(type, poke, { capture: true, passive: true });
  }
  document.addEventListener('visibilitychange', poke);

  function resize() {
    if (runtimeReady) Module._baton_resize(window.innerWidth, window.innerHeight, window.devicePixelRatio || 1);
  }
  window.addEventListener('resize', resize);
  (function watchRatio() {  // devicePixelRatio changes when the window moves to another screen or zooms
    const query = window.matchMedia('(resolution: ' + (window.devicePixelRatio || 1) + 'dppx)');
    query.addEventListener('change', () => { resize(); watchRatio(); }, { once: true });
  })();

  function copy(text) {
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).catch(() => legacyCopy(text));
    } else {
      legacyCopy(text);
    }
  }
  // A file for the user (the collision report's CSV): a Blob behind a link clicked once.
  function download(name, mime, content) {
    const url = URL.createObjectURL(new Blob([content], { type: mime }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }
  function legacyCopy(text) {
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (e) { /* nothing more to try */ }
    area.remove();
  }

  window.batonPage = {
    fail: fail,
    copy: copy,
    download: download,
    ready: () => {
      runtimeReady = true;
      window.batonSemantics.attach({
        textBox: (kind, id) => (kind === 'editor' ? editor : fields.get(id) || null),
        activate: (key) => withString(key, (k) => Module._baton_activate(k)),
        scroll: (key, top) => withString(key, (k) => Module._baton_scroll(k, top)),
        poke: () => Module._baton_activity(),
      });
      loading.style.display = 'none';
      resize();
    },
    placeEditor: (x, y, w, h, visible, enabled, fontPx, placeholder) => {
      if (!visible) { editor.style.display = 'none'; if (document.activeElement === editor) editor.blur(); return; }
      editor.style.display = 'block';
      editor.style.left = x + 'px';
      editor.style.top = y + 'px';
      editor.style.width = Math.max(0, w) + 'px';
      editor.style.height = Math.max(0, h) + 'px';
      editor.disabled = !enabled;
      if (fontPx > 0) editor.style.fontSize = fontPx + 'px';  // the workspace's text size (kiosk: larger)
      editor.placeholder = placeholder;
    },
    // The frame's one-line fields: each an <input> over the rectangle the view reserved (the
    // workspace draws the frame; the input is transparent). Its text is the browser's while the
    // person types; the view's otherwise (a cleared search, another form).
    placeFields: (list) => {
      const seen = new Set();
      for (const f of list) {
        seen.add(f.id);
        let input = fields.get(f.id);
        if (!input) {
          input = document.createElement('input');
          input.className = 'baton-field';
          input.dataset.id = f.id;
          input.spellcheck = f.id !== 'email' && f.id !== 'password';
          input.autocomplete = { email: 'username', password: 'current-password' }[f.id] || 'off';
          if (f.id === 'email') input.type = 'email';
          input.addEventListener('input', () => {
            if (!runtimeReady) return;
            withString(input.dataset.id, (id) => withString(input.value, (text) => Module._baton_field_input(id, text)));
          });
          document.body.appendChild(input);  // the mirror (semantics.js) moves it where it belongs
          fields.set(f.id, input);
        }
        if (f.password) input.type = 'password';
        input.style.display = 'block';
        input.style.left = f.x + 'px';
        input.style.top = f.y + 'px';
        input.style.width = Math.max(0, f.w) + 'px';
        input.style.height = Math.max(0, f.h) + 'px';
        if (f.fontPx > 0) input.style.fontSize = f.fontPx + 'px';
        input.style.padding = '0 ' + f.pad + 'px';
        input.disabled = !f.enabled;
        input.placeholder = f.placeholder;
        input.setAttribute('aria-label', f.label);
        const typing = document.activeElement === input;
        if (input.value !== f.value && !(typing && composing.has(input))) input.value = f.value;
        if (f.focus && !typing) input.focus();
      }
      for (const [id, input] of fields) {
        if (seen.has(id)) continue;
        if (document.activeElement === input) input.blur();
        input.style.display = 'none';
      }
    },
    setEditorText: (text) => { if (editor.value !== text) editor.value = text; },
  };

  // The test hook: what the last drawn frame showed (see README, "The test hook").
  // Until the workspace runs: snapshot() is null and no frame is drawn.
  window.baton = {
    snapshot: () => (runtimeReady ? JSON.parse(Module.UTF8ToString(Module._baton_snapshot())) : null),
    framesDrawn: () => (runtimeReady ? Module._baton_frames_drawn() : 0),
    lastFrameMs: () => (runtimeReady ? Module._baton_last_frame_ms() : 0),
    // The text raster (web/web_text_raster.cpp, web/text.js): one text drawn as the views draw it
    // ({px, bold, wrap} in device pixels), its texture read back unless {read: false}; {ready: false}
    // while its script or fonts are on their way (the page asks for a frame when they arrive).
    rasterProbe: (text, style = {}) => {
      if (!runtimeReady) return null;
      let json = null;
      withString(text, (p) => {
        json = Module.UTF8ToString(Module._baton_text_probe(p, style.px || 15, style.bold ? 1 : 0, style.wrap || 0,
                                                            style.read === false ? 0 : 1));
      });
      return JSON.parse(json);
    },
    // The raster's cache (images, bytes, hits, evictions) and the page's side (fonts fetched, the
    // first CJK text's wait for its glyphs).
    textStats: () => (runtimeReady ? Object.assign(JSON.parse(Module.UTF8ToString(Module._baton_text_stats())),
      { page: window.batonText ? window.batonText.report() : null }) : null),
    textEndFrame: () => { if (runtimeReady) Module._baton_text_end_frame(); },
    textCovers: (codePoint) => (runtimeReady ? Module._baton_text_covers(codePoint) === 1 : null),
  };

  progress(0, 'Downloading the workspace...');
  const wasmBytes = fetchWasm(program + '.wasm');  // now, while its .js loads: the largest file is the critical path
  wasmBytes.catch(() => {});      // its failure is reported when instantiateWasm waits for it
  const script = document.createElement('script');
  script.src = program + '.js';
  script.onerror = () => fail('The workspace could not be loaded (' + program + '.js is missing). Check the server and reload.');
  document.body.appendChild(script);
  // The canvas's WebGL2 context, made while the files download (a software renderer takes a few
  // hundred milliseconds) and handed to emscripten (GL_PREINITIALIZED_CONTEXT); GLFW's defaults.
  Module.preinitializedWebGLContext = window.batonGlStateCache(canvas.getContext('webgl2', { antialias: false, depth: true, stencil: true, alpha: true }));
})();
