// Boots the WebAssembly app without an inline script (the Content-Security-Policy
// allows scripts from this origin only), registers the service worker, and shows
// a readable error when the browser cannot run the app.
const tag = document.querySelector('script[data-js][data-wasm]');
const boot = document.getElementById('boot');

function fail(message) {
  if (!boot) return;
  boot.classList.add('boot--error');
  boot.setAttribute('role', 'alert');
  const text = boot.querySelector('.boot__text');
  if (text) text.textContent = message;
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

if ('serviceWorker' in navigator && location.protocol !== 'file:') {
  // Scope: the directory the app is served from (works under a sub-path).
  navigator.serviceWorker.register(new URL('sw.js', document.baseURI), { scope: './' }).catch(() => {});
}

start();
