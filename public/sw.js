// Service worker: after one visit the app loads and works with the network off.
// scripts/postbuild.mjs fills in the asset list and the version at build time.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = 'w365-explorer-' + VERSION;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE)
      .then((cache) => cache.addAll(ASSETS.map((a) => new URL(a, self.registration.scope).href)))
      .then(() => self.skipWaiting())
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('w365-explorer-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET' || new URL(req.url).origin !== self.location.origin) return;
  if (req.mode === 'navigate') {
    // The app is one page: answer navigations with the cached index.
    const index = new URL('./', self.registration.scope).href;
    event.respondWith(
      fetch(req).catch(() => caches.match(index, { ignoreSearch: true }))
    );
    return;
  }
  event.respondWith(
    caches.match(req, { ignoreSearch: true }).then((hit) => hit || fetch(req))
  );
});
