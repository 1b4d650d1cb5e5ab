// Opened from disk (file://)? Browsers refuse to run the app's module scripts and
// wasm from there, so say what to do instead of "Loading" forever. A classic script
// without integrity, so it still runs from file://.
if (location.protocol === 'file:') {
  document.addEventListener('DOMContentLoaded', () => {
    const boot = document.getElementById('boot');
    const text = boot && boot.querySelector('.boot__text');
    if (!text) return;
    boot.setAttribute('role', 'alert');
    text.textContent = 'Browsers do not run this app from a file opened on disk. Serve this folder over HTTP '
      + 'instead (any static server; for example run "python3 -m http.server" in it and open http://localhost:8000/).';
  });
}
