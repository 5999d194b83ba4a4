// The workspace's WebGL state remembered as it is set, so reading it back does not wait.
// Each getParameter or isEnabled is a synchronous round trip to Chromium's GPU process, which first
// runs every command still queued: with software GL, all of the last frame's rasterising. Dear
// ImGui's OpenGL3 backend reads about twenty values every frame (to restore them after drawing), so
// the page's main thread spent most of a frame waiting there, and news, keys and the semantic
// mirror waited behind it. Here the setters note what they set and a read of a noted value is
// answered at once; a value never set, or made uncertain by a deletion, still asks the GPU process.
// What is noted follows the GL ES 3.0 rules (texture and sampler bindings per unit, the element
// buffer per vertex array, deleting a bound object unbinds it), for calls GL accepts (the workspace
// makes no invalid ones: asking GL for its errors would be a round trip too). Emscripten binds
// "nothing" as undefined, which WebGL takes as null and answers as null: noted as null.
'use strict';
(function () {
  const G = WebGL2RenderingContext;
  const ask = (gl, name, ...args) => G.prototype[name].apply(gl, args);

  window.batonGlStateCache = function (gl) {
    if (!gl) return gl;
    const values = new Map();    // getParameter name -> what it returns
    const enabled = new Map();   // capability -> on
    const textures = new Map();  // texture unit (TEXTURE0 + i) -> the TEXTURE_2D bound there
    const samplers = new Map();  // unit index -> sampler
    const elements = new Map();  // vertex array (null: the default one) -> its element buffer
    let array = null;            // the vertex array bound now, once known
    let arrayKnown = false;

    // Wraps a setter: the call as it was, then what it set noted (only if GL took it).
    function after(name, note) {
      gl[name] = function (...args) {
        const result = ask(gl, name, ...args);
        note(...args);
        return result;
      };
    }
    after('activeTexture', (unit) => values.set(G.ACTIVE_TEXTURE, unit));
    after('bindTexture', (target, texture) => {
      if (target !== G.TEXTURE_2D) return;
      if (values.has(G.ACTIVE_TEXTURE)) textures.set(values.get(G.ACTIVE_TEXTURE), texture ?? null);
      else textures.clear();
    });
    after('deleteTexture', (texture) => { for (const [unit, bound] of textures) if (bound === texture) textures.set(unit, null); });
    after('bindSampler', (unit, sampler) => samplers.set(unit, sampler ?? null));
    after('deleteSampler', (sampler) => { for (const [unit, bound] of samplers) if (bound === sampler) samplers.set(unit, null); });
    after('useProgram', (program) => values.set(G.CURRENT_PROGRAM, program ?? null));
    after('bindBuffer', (target, buffer) => {
      if (target === G.ARRAY_BUFFER) values.set(G.ARRAY_BUFFER_BINDING, buffer ?? null);
      else if (target === G.ELEMENT_ARRAY_BUFFER && arrayKnown) elements.set(array, buffer ?? null);
    });
    after('deleteBuffer', (buffer) => {
      if (values.get(G.ARRAY_BUFFER_BINDING) === buffer) values.set(G.ARRAY_BUFFER_BINDING, null);
      if (arrayKnown && elements.get(array) === buffer) elements.set(array, null);
    });
    gl.createVertexArray = function () {
      const made = ask(gl, 'createVertexArray');
      elements.set(made, null);  // a new vertex array has no element buffer
      return made;
    };
    after('bindVertexArray', (made) => { array = made ?? null; arrayKnown = true; });
    after('deleteVertexArray', (made) => {
      elements.delete(made);
      if (arrayKnown && array === made) array = null;
    });
    after('viewport', (x, y, w, h) => values.set(G.VIEWPORT, [x, y, w, h]));
    after('scissor', (x, y, w, h) => values.set(G.SCISSOR_BOX, [x, y, w, h]));
    after('blendFunc', (src, dst) => {
      values.set(G.BLEND_SRC_RGB, src).set(G.BLEND_SRC_ALPHA, src).set(G.BLEND_DST_RGB, dst).set(G.BLEND_DST_ALPHA, dst);
    });
    after('blendFuncSeparate', (srcRgb, dstRgb, srcAlpha, dstAlpha) => {
      values.set(G.BLEND_SRC_RGB, srcRgb).set(G.BLEND_DST_RGB, dstRgb).set(G.BLEND_SRC_ALPHA, srcAlpha).set(G.BLEND_DST_ALPHA, dstAlpha);
    });
    after('blendEquation', (mode) => values.set(G.BLEND_EQUATION_RGB, mode).set(G.BLEND_EQUATION_ALPHA, mode));
    after('blendEquationSeparate', (rgb, alpha) => values.set(G.BLEND_EQUATION_RGB, rgb).set(G.BLEND_EQUATION_ALPHA, alpha));
    after('enable', (capability) => enabled.set(capability, true));
    after('disable', (capability) => enabled.set(capability, false));

    // What GL said it was: from now on noted too (the next read is answered here).
    function learned(name, value) {
      const unit = values.get(G.ACTIVE_TEXTURE);
      if (name === G.VIEWPORT || name === G.SCISSOR_BOX) values.set(name, Array.from(value));
      else if (name === G.ACTIVE_TEXTURE || name === G.CURRENT_PROGRAM || name === G.ARRAY_BUFFER_BINDING) values.set(name, value);
      else if (name === G.TEXTURE_BINDING_2D && unit !== undefined) textures.set(unit, value);
      else if (name === G.VERTEX_ARRAY_BINDING) { array = value; arrayKnown = true; }
      else if (name === G.ELEMENT_ARRAY_BUFFER_BINDING && arrayKnown) elements.set(array, value);
      return value;
    }
    gl.getParameter = function (name) {
      if (name === G.TEXTURE_BINDING_2D) {
        const unit = values.get(G.ACTIVE_TEXTURE);
        if (unit !== undefined && textures.has(unit)) return textures.get(unit);
      } else if (name === G.SAMPLER_BINDING) {
        const unit = values.get(G.ACTIVE_TEXTURE);
        if (unit !== undefined && samplers.has(unit - G.TEXTURE0)) return samplers.get(unit - G.TEXTURE0);
      } else if (name === G.VERTEX_ARRAY_BINDING) {
        if (arrayKnown) return array;
      } else if (name === G.ELEMENT_ARRAY_BUFFER_BINDING) {
        if (arrayKnown && elements.has(array)) return elements.get(array);
      } else if (values.has(name)) {
        const value = values.get(name);
        return Array.isArray(value) ? new Int32Array(value) : value;
      }
      return learned(name, ask(gl, 'getParameter', name));
    };
    gl.isEnabled = function (capability) {
      if (enabled.has(capability)) return enabled.get(capability);
      const on = ask(gl, 'isEnabled', capability);
      enabled.set(capability, on);
      return on;
    };
    return gl;
  };
})();
