// The workspace's meaning in the DOM, kept in step with each drawn frame: every control an element
// with its role, name and state, every text a text node, the regions (banner, the ticket list,
// the ticket, dialogs) as landmarks, each laid over the rectangle it is drawn in. Screen readers
// read it; Tab walks it; Enter, Space and a screen reader's click press the control it stands for;
// the browser's find and a mouse drag find and select its text. The canvas stays what people see:
// the elements are transparent (their focus ring and selection are what shows).
'use strict';
(function () {
  const root = document.getElementById('semantics');
  const notes = document.getElementById('semantics-notes');  // hidden: the descriptions buttons point to
  const canvas = document.getElementById('canvas');

  // role -> [tag, ARIA role or null (the tag's own)]
  const TAGS = {
    text: ['span', null], heading: ['h2', null], button: ['button', null], checkbox: ['div', 'checkbox'],
    tab: ['button', 'tab'], option: ['div', 'option'], menuitem: ['div', 'menuitem'],
    banner: ['header', null], navigation: ['nav', null], main: ['main', null], region: ['section', 'region'],
    status: ['div', 'status'], dialog: ['div', 'dialog'], alertdialog: ['div', 'alertdialog'],
    tablist: ['div', 'tablist'], tabpanel: ['div', 'tabpanel'], listbox: ['div', 'listbox'], menu: ['div', 'menu'],
    group: ['div', 'group'], article: ['article', null], list: ['div', 'list'], listitem: ['div', 'listitem'],
    table: ['div', 'table'], row: ['div', 'row'], cell: ['div', 'cell'],
  };
  const FOCUSABLE = new Set(['button', 'checkbox', 'tab', 'option', 'menuitem']);
  const DIALOGS = new Set(['dialog', 'alertdialog', 'menu']);

  const elements = new Map();  // a node's identity -> its element
  let described = 0;           // ids for the hidden descriptions
  let lastActivation = 0;      // when the person last pressed something here (a dialog that follows takes the focus)
  let lastFocused = null;      // the focus when the last frame was mirrored
  const openers = new Map();   // a dialog's identity -> the element focused before it opened
  let page = null;             // page.js's hooks: the fields and the editor, and the module's calls

  // Who a node is from frame to frame: its key (a second "keep" in another dialog: with its
  // container's), else its place among its container's keyless nodes.
  function identities(nodes) {
    const ids = new Array(nodes.length);
    const ordinals = new Map();
    const used = new Set();
    nodes.forEach((n, i) => {
      const parent = n.p === undefined ? '' : ids[n.p];
      if (n.k) {
        let id = n.r + ':' + n.k;
        if (used.has(id)) id = parent + '/' + id;
        while (used.has(id)) id += "'";
        used.add(id);
        ids[i] = id;
        return;
      }
      const counter = parent + '|' + n.r;
      const ordinal = (ordinals.get(counter) || 0) + 1;
      ordinals.set(counter, ordinal);
      ids[i] = parent + '/' + n.r + ordinal;
    });
    return ids;
  }

  // The element for a node: the page's own <input> or <textarea> for text boxes, else made here.
  function elementFor(n, id) {
    if (n.r === 'field' || n.r === 'editor') return page.textBox(n.r, n.k);
    let el = elements.get(id);
    const [tag, role] = TAGS[n.r] || TAGS.text;
    const wanted = n.r === 'heading' ? 'h' + Math.min(6, Math.max(1, n.l || 2)) : tag;
    if (!el || el.tagName.toLowerCase() !== wanted) {
      if (el) el.remove();
      el = document.createElement(wanted);
      if (role) el.setAttribute('role', role);
      if (n.r === 'button' || n.r === 'tab') el.type = 'button';
      el.className = 'sem sem-' + n.r;
      el.dataset.role = n.r;
      elements.set(id, el);
    }
    return el;
  }

  function set(el, name, value) {
    if (value === null || value === undefined || value === false) { if (el.hasAttribute(name)) el.removeAttribute(name); }
    else if (el.getAttribute(name) !== String(value)) el.setAttribute(name, String(value));
  }

  function describe(el, text) {
    let note = el._description;
    if (!text) { if (note) { note.remove(); el._description = null; set(el, 'aria-describedby', null); } return; }
    if (!note) {
      note = document.createElement('span');
      note.hidden = true;
      note.id = 'sem-description-' + (++described);
      el._description = note;
    }
    if (note.textContent !== text) note.textContent = text;
    if (!note.isConnected) notes.appendChild(note);
    set(el, 'aria-describedby', note.id);
  }

  // Inside a scrolling region (the thread, History) a node is placed in its parent (the region's
  // content, laid out whole: scrolling moves the region's scrollTop, nothing inside); elsewhere over
  // the window.
  function place(el, n, inside) {
    const style = el.style;
    const left = n.x + 'px', top = n.y + 'px', width = Math.max(0, n.w) + 'px', height = Math.max(0, n.h) + 'px';
    const position = inside ? 'absolute' : '';
    if (style.position !== position) style.position = position;
    if (style.left !== left) style.left = left;
    if (style.top !== top) style.top = top;
    if (style.width !== width) style.width = width;
    if (style.height !== height) style.height = height;
  }

  function fill(el, n, id, inside) {
    const role = n.r;
    if (role === 'field' || role === 'editor') {
      describe(el, n.d);
      return;
    }
    place(el, n, inside);
    if (n.sh !== undefined) {  // a scrolling region: its content's height (the pseudo-element's)
      if (!el.classList.contains('sem-scroll')) el.classList.add('sem-scroll');
      const height = n.sh + 'px';
      if (el.style.getPropertyValue('--sh') !== height) el.style.setProperty('--sh', height);
    }
    el.dataset.key = n.k || '';
    el.dataset.id = id;
    if (role === 'text' || role === 'heading') {
      if (el.textContent !== (n.s || n.n || '')) el.textContent = n.s || n.n || '';
      const font = n.f ? n.f + 'px' : '';
      if (el.style.fontSize !== font) el.style.fontSize = font;
      return;
    }
    const label = n.s || n.n || '';
    if (FOCUSABLE.has(role)) {
      // The name as the element's text (read, found); the spoken form when the drawn one is short.
      if (el.textContent !== label) el.textContent = label;
      set(el, 'aria-disabled', n.off ? 'true' : null);
      set(el, 'aria-haspopup', n.pop ? 'true' : null);
      if (role === 'tab' || role === 'option') set(el, 'aria-selected', n.sel ? 'true' : 'false');
      else if (role === 'button') set(el, 'aria-pressed', n.sel ? 'true' : null);
      if (role === 'checkbox') set(el, 'aria-checked', n.chk ? 'true' : 'false');
      if (role === 'menuitem') set(el, 'aria-checked', null);
      if (n.of) { set(el, 'aria-posinset', n.pos); set(el, 'aria-setsize', n.of); }
      // Lists and tab rows are one Tab stop: their selected (or first) member; arrows move inside.
      if (role !== 'option' && role !== 'tab' && el.tabIndex !== 0) el.tabIndex = 0;
      describe(el, n.d);
    } else {
      set(el, 'aria-label', n.n || null);
      if (role === 'dialog' || role === 'alertdialog') set(el, 'aria-modal', n.modal ? 'true' : null);
      if (role === 'listbox' && n.of) set(el, 'aria-setsize', n.of);
      describe(el, n.d);
    }
  }

  // The same node as last frame: every key with the same value (a node's keys are few and flat).
  function sameNode(a, b) {
    let count = 0;
    for (const key in b) {
      if (a[key] !== b[key]) return false;
      ++count;
    }
    for (const key in a) if (--count < 0) return false;
    return true;
  }

  // One Tab stop per list and tab row: the selected member, else the first.
  function rovingStops(container) {
    const members = Array.from(container.children).filter((c) => c.dataset.role === 'option' || c.dataset.role === 'tab');
    if (!members.length) return;
    const current = members.find((m) => m.getAttribute('aria-selected') === 'true') || members[0];
    const focused = members.find((m) => m === document.activeElement);
    for (const m of members) {
      const stop = focused ? m === focused : m === current;
      if (m.tabIndex !== (stop ? 0 : -1)) m.tabIndex = stop ? 0 : -1;
    }
  }

  function firstFocusable(el) {
    return el.querySelector('input:not([disabled]), textarea:not([disabled]), [tabindex="0"]:not([aria-disabled="true"]), button:not([aria-disabled="true"])');
  }

  // What changed while nobody pressed anything, said through the live regions. The same words
  // twice in a row are still said: a region's text must change to be read again.
  const regions = { polite: document.getElementById('announce-polite'), assertive: document.getElementById('announce-assertive') };
  function say(list) {
    for (const kind of ['polite', 'assertive']) {
      const words = list.filter((s) => !!s.a === (kind === 'assertive')).map((s) => s.t).join('. ');
      const region = regions[kind];
      if (!words || !region) continue;
      region.textContent = region.textContent === words ? words + '\u00a0' : words;
    }
  }

  // The region's scroll as the workspace drew it; a scroll of the page's own (the browser's find,
  // a screen reader, the focus moving to what is out of view) is asked of the workspace instead.
  function syncScroll(el, n) {
    if (el._sy === n.sy) return;
    if (el._setTop !== undefined && Math.abs(el.scrollTop - el._setTop) >= 1) return;  // the page scrolled it: its scroll event asks
    el._sy = n.sy;
    if (Math.abs(el.scrollTop - n.sy) >= 1) el.scrollTop = n.sy;
    el._setTop = el.scrollTop;
  }
  function scrolled(el) {
    const top = el.scrollTop;
    if (el._setTop !== undefined && Math.abs(top - el._setTop) < 1) return;  // the workspace's own scroll, echoed
    el._setTop = top;
    el._sy = undefined;  // the next frame says where the workspace put it (clamped)
    page.scroll(el.dataset.key, top);
  }
  root.addEventListener('scroll', (event) => {
    const el = event.target;
    if (page && el instanceof HTMLElement && el.classList.contains('sem-scroll')) scrolled(el);
  }, true);

  // A selection made out of a region's view (window.find selects its match but scrolls only the
  // document; a screen reader's find may too): the region scrolls to it, as the find bar's engine
  // scrolls every container to its match. A selection the mouse is dragging is left alone.
  let dragging = false;
  root.addEventListener('pointerdown', () => { dragging = true; });
  window.addEventListener('pointerup', () => { dragging = false; }, true);
  document.addEventListener('selectionchange', () => {
    const selection = window.getSelection();
    if (dragging || !page || !selection.rangeCount || selection.isCollapsed || !selection.focusNode) return;
    const at = selection.focusNode.nodeType === 1 ? selection.focusNode : selection.focusNode.parentElement;
    const region = at && at.closest('.sem-scroll');
    if (!region || !root.contains(region)) return;
    const match = selection.getRangeAt(0).getBoundingClientRect(), view = region.getBoundingClientRect();
    if (match.top >= view.top && match.bottom <= view.bottom) return;
    region.scrollTop += (match.top + match.bottom) / 2 - (view.top + view.bottom) / 2;  // its scroll event asks
  });

  // Returns false when the frame could not be mirrored whole (a subtree sent as unchanged that the
  // mirror does not hold): the workspace then sends everything with the next frame.
  function publish(frame) {
    if (!page) return false;
    if (frame.say) say(frame.say);
    const nodes = frame.nodes;
    // Each node names its parent by how many nodes back it was sent (`up`): a subtree's text does
    // not depend on what was sent before it, so the workspace can say "unchanged" of it.
    for (let i = 0; i < nodes.length; i++) if (nodes[i].up) nodes[i].p = i - nodes[i].up;
    const ids = identities(nodes);
    let whole = true;
    const inside = new Array(nodes.length);   // in a scrolling region
    const keeper = new Array(nodes.length);   // the kept subtree (a message, an event) it belongs to
    const scrollers = [];
    const seen = new Set();
    const active = document.activeElement;
    const dialogsBefore = new Set(Array.from(openers.keys()));
    let activeIn = null;  // the open dialog or menu that holds the focus, before anything moves
    for (const [id, was] of openers) if (was.el && was.el.contains(active)) activeIn = id;
    const dialogsNow = [];
    const containers = new Set([root]);
    const changed = new Set();  // elements whose children changed or moved this frame
    const order = new Map();  // parent element -> its children in order
    nodes.forEach((n, i) => {
      const parentNode = n.p === undefined ? null : nodes[n.p];
      inside[i] = !!parentNode && (parentNode.sh !== undefined || inside[n.p]);
      keeper[i] = n.keep ? i : (parentNode ? keeper[n.p] : undefined);
      if (n.same && !elements.has(ids[i])) whole = false;
      const el = elementFor(n, ids[i]);
      if (!el) return;
      seen.add(ids[i]);
      if (n.sh !== undefined) scrollers.push([el, n]);
      // A kept subtree: what it holds, to keep when it is sent as unchanged.
      if (n.keep) {
        if (n.same) for (const id of el._subtree || []) seen.add(id);
        else el._subtree = [];
      } else if (keeper[i] !== undefined) {
        const holder = elements.get(ids[keeper[i]]);
        if (holder && holder._subtree) holder._subtree.push(ids[i]);
      }
      // Most nodes are as they were in the last frame: their element is left alone.
      const parent = n.p === undefined ? root : (elements.get(ids[n.p]) || root);
      if (!el._node || !sameNode(el._node, n)) { fill(el, n, ids[i], inside[i]); el._node = n; changed.add(parent); }
      if (!order.has(parent)) order.set(parent, []);
      order.get(parent).push(el);
      if (TAGS[n.r] && !FOCUSABLE.has(n.r) && n.r !== 'text' && n.r !== 'heading') containers.add(el);
      if (DIALOGS.has(n.r)) dialogsNow.push({ id: ids[i], el: el, modal: !!n.modal });
    });
    // Children in drawing order (the order Tab and a screen reader walk), moved only when out of
    // place (moving the focused element would blur it).
    // The place is asked of the parent each time: a move may blur a field, whose handlers may move
    // the page's own boxes, so a sibling remembered from before could be elsewhere by now.
    // What is no longer drawn goes first (else a row scrolled away would put every row after it out
    // of place); the page's text boxes inside it go back to the page (it hides them, or places them
    // again just below).
    for (const [id, el] of elements) {
      if (seen.has(id)) continue;
      elements.delete(id);
      if (el._description) el._description.remove();
      for (const box of el.querySelectorAll('input, textarea')) document.body.appendChild(box);
      el.remove();
    }
    for (const [parent, children] of order) {
      children.forEach((child, i) => {
        const at = parent.children[i] || null;
        if (at !== child) { parent.insertBefore(child, at); changed.add(parent); }
      });
    }
    for (const [el, n] of scrollers) syncScroll(el, n);
    // A moved element loses the focus (a field the page had just focused, taken into its dialog).
    if (active && active !== document.body && active.isConnected && document.activeElement !== active) active.focus({ preventScroll: true });
    // The Tab stops of the lists and tab rows whose members changed, or all of them when the focus moved.
    const focusMoved = document.activeElement !== lastFocused;
    for (const c of containers) {
      if (!focusMoved && !changed.has(c)) continue;
      const role = c.getAttribute && c.getAttribute('role');
      if (role === 'listbox' || role === 'tablist') rovingStops(c);
    }
    // Modal dialogs make the rest inert, as the workspace does.
    const modal = dialogsNow.find((d) => d.modal);
    for (const child of root.children) {
      const inert = !!modal && child !== modal.el && !child.contains(modal.el) && !(child.hidden);
      if (child.inert !== inert) child.inert = inert;
    }
    // A dialog or menu the person opened takes the focus; when it goes, the focus goes back.
    const recent = performance.now() - lastActivation < 1500;
    for (const d of dialogsNow) {
      if (dialogsBefore.has(d.id)) continue;
      // Opened from a menu that closed with it (Report… in the me-menu): back to what opened the menu.
      let opener = active;
      if (activeIn !== null && !dialogsNow.some((n) => n.id === activeIn)) opener = openers.get(activeIn).opener;
      openers.set(d.id, { opener: opener, el: d.el });
      if (recent && !d.el.contains(document.activeElement)) {
        const first = firstFocusable(d.el);
        if (first) first.focus();
      }
    }
    for (const id of dialogsBefore) {
      if (dialogsNow.some((d) => d.id === id)) continue;
      const opener = (openers.get(id) || {}).opener;
      openers.delete(id);
      if ((document.activeElement === document.body || !document.activeElement) && opener && opener.isConnected) opener.focus();
    }
    // The workspace moved the keyboard (a row reached with the arrows, a dialog opened by a key):
    // the focus follows, from the mirror, the page or the canvas (which a click focuses).
    if (frame.focus) {
      for (const [id, el] of elements) {
        if (el.dataset.key === frame.focus && document.activeElement !== el) {
          const from = document.activeElement;
          if (root.contains(from) || from === document.body || from === canvas) el.focus();
          break;
        }
      }
    }
    lastFocused = document.activeElement;
    if (!whole) setTimeout(() => page.poke(), 0);  // the workspace sends it all with the next frame
    return whole;
  }

  // Pressing: Enter and Space on a control, and the click a screen reader sends.
  function activate(el) {
    if (!el || !el.dataset || !el.dataset.key || el.getAttribute('aria-disabled') === 'true') return;
    lastActivation = performance.now();
    page.activate(el.dataset.key);
  }
  root.addEventListener('click', (event) => {
    const el = event.target.closest('.sem');
    if (el && FOCUSABLE.has(el.dataset.role)) { event.preventDefault(); activate(el); }
  });

  // Keys on a control of the mirror: Tab is the browser's (emscripten's GLFW would swallow it),
  // Enter and Space press, arrows move within a tab row or a menu; the rest (the list's arrows,
  // Escape, the workspace's shortcuts) go on to the workspace.
  window.addEventListener('keydown', (event) => {
    const el = event.target;
    // Tab is the browser's wherever the focus is (the page's body or canvas too): emscripten's GLFW
    // would call preventDefault on it and trap the keyboard in the canvas.
    if (event.key === 'Tab') { event.stopImmediatePropagation(); return; }
    if (!(el instanceof HTMLElement) || !el.classList.contains('sem')) return;
    const role = el.dataset.role;
    if ((event.key === 'Enter' || event.key === ' ') && FOCUSABLE.has(role) && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      event.stopImmediatePropagation();
      activate(el);
      return;
    }
    const sideways = event.key === 'ArrowLeft' || event.key === 'ArrowRight';
    const upDown = event.key === 'ArrowUp' || event.key === 'ArrowDown';
    if ((role === 'tab' && sideways) || (role === 'menuitem' && upDown)) {
      event.preventDefault();
      event.stopImmediatePropagation();
      const siblings = Array.from(el.parentElement.children).filter((c) => c.dataset.role === role);
      const forward = event.key === 'ArrowRight' || event.key === 'ArrowDown';
      const next = siblings[(siblings.indexOf(el) + (forward ? 1 : siblings.length - 1)) % siblings.length];
      if (next) {
        next.focus();
        if (role === 'tab') activate(next);
      }
      return;
    }
    if (event.key === 'Escape') lastActivation = performance.now();  // the focus goes back to the opener
  }, true);

  // The wheel over a text (selectable, so it takes the pointer) still scrolls the workspace; over a
  // field or the reply editor too, unless the editor has text of its own to scroll.
  root.addEventListener('wheel', (event) => {
    if (event.target === root) return;
    const box = event.target.closest('textarea');
    if (box && box.scrollHeight > box.clientHeight + 1) return;
    canvas.dispatchEvent(new WheelEvent('wheel', event));
  }, { passive: true });
  // And the pointer moving over a text is still where the workspace thinks it is (the canvas saw it
  // leave): what it hovers, which pane the wheel scrolls, End over the thread.
  root.addEventListener('mousemove', (event) => {
    if (event.target === root || event.target.closest('input, textarea')) return;
    canvas.dispatchEvent(new MouseEvent('mousemove', event));
  }, { passive: true });

  window.batonSemantics = {
    attach: (hooks) => { page = hooks; },
    publish: publish,
    // The frame as the workspace sent it (JSON text), and how long the workspace took to write it.
    publishText: (text, builtMs) => { void builtMs; return publish(JSON.parse(text)); },
    // What the mirror holds, for tests: the element standing for a key.
    element: (key) => Array.from(elements.values()).find((el) => el.dataset.key === key) || null,
  };
})();
