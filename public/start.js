// Boots the WebAssembly app without an inline script (the Content-Security-Policy
// allows scripts from this origin only), registers the service worker, and shows
// a readable error when the browser cannot run the app.
const tag = document.querySelector('script[data-js][data-wasm]');
const boot = document.getElementById('boot');

function fail(message) {
  if (!boot) return;
  boot.querySelector('.prerendered')?.remove();
  boot.classList.remove('boot--prerendered');
  boot.classList.add('boot--error');
  boot.setAttribute('role', 'alert');
  const text = boot.querySelector('.boot__text');
  if (text) text.textContent = message;
}

// The roles list's first screen, drawn from static HTML while the app downloads
// and starts (generated from the catalog: src/prerender.rs); the app replaces it.
function prerendered() {
  const tpl = document.getElementById('prerendered-roles');
  if (!tpl || !boot || !/^#\/roles\/?$/.test(location.hash)) return;
  boot.classList.add('boot--prerendered');
  boot.removeAttribute('role');
  boot.removeAttribute('aria-live');
  boot.prepend(tpl.content.cloneNode(true));
}

async function start() {
  if (typeof WebAssembly !== 'object') {
    fail('This browser cannot run WebAssembly, which this tool needs.');
    return;
  }
  try {
    performance.mark('w365:start');
    const mod = await import(tag.dataset.js);
    const wasm = await mod.default({ module_or_path: tag.dataset.wasm });
    // The benchmark reads the wasm memory size from here.
    window.w365Wasm = { memory: wasm.memory };
    dispatchEvent(new CustomEvent('TrunkApplicationStarted'));
  } catch (e) {
    fail('The app could not start: ' + (e && e.message ? e.message : String(e)));
    throw e;
  }
}

// When a key or a pointer was last pressed: the app waits for a pause in input
// before work nobody asked for yet (src/lib.rs, last_input). Kept here, so a
// keystroke calls no wasm for it.
window.w365LastInput = -Infinity;
const pressed = (e) => { window.w365LastInput = e.timeStamp; };
addEventListener('keydown', pressed, { capture: true, passive: true });
addEventListener('pointerdown', pressed, { capture: true, passive: true });

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  // Scope: the directory the app is served from (works under a sub-path).
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }).catch(() => {});
}

prerendered();
start();
