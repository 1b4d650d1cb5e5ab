// Browser-test harness: serves dist/ on 127.0.0.1 (optionally under a sub-path),
// launches Debian's Chromium through playwright-core, and records every request.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { join, extname, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'dist');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css',
  '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

/** Serve `dir` at `base` ('/' or '/explorer/'). Returns { origin, url, close, hits, stopped }. */
export async function serve({ dir = DIST, base = '/' } = {}) {
  const hits = [];
  const state = { down: false };
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    hits.push(path);
    if (state.down) { req.socket.destroy(); return; }
    if (!path.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    let rel = path.slice(base.length) || 'index.html';
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(dir, rel));
    if (!file.startsWith(dir)) { res.writeHead(403).end(); return; }
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    hits,
    /** Refuse every further request (the network is "off"). */
    goDown() { state.down = true; },
    close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(r); }),
  };
}

export const CHROME_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Launch headless Chromium. */
export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROME_ARGS });
}

/** A fresh context (own profile) and page; collects page errors and requests. */
export async function newPage(browser, opts = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on('pageerror', (e) => page.errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !/integrity/.test(m.text())) page.errors.push(m.text()); });
  page.on('request', (r) => page.requests.push(r.url()));
  return { context, page };
}

/** Open a view and wait until the app has rendered. */
export async function open(page, url, hash = '#/roles') {
  await page.goto(url + hash);
  await page.waitForSelector('main#main', { timeout: 20000 });
}

/** One URL per view, with content. */
export const EVERY_VIEW = [
  '#/', '#/roles?q=network', '#/roles/8e3af657-a8ff-443c-a75c-2fe8c4bcb635', '#/actions?q=listkeys&op=Microsoft.Storage/storageAccounts/listKeys/action',
  '#/operations', '#/compose', '#/assignments?ask=Microsoft.Compute/virtualMachines/read',
  '#/compare?roles=4d97b98b-1d4f-4787-a291-c67834d212e7,1f135831-5bbe-4924-9016-264044c00788', '#/about', '#/minimal', '#/decode',
  '#/scopetags?see=Paris%20helpdesk', '#/health?code=permissionCheckNoSubscriptionReaderRole&recipe=1',
  '#/roles/d40368cb-fbf4-4965-bbc1-f17b3a78e510', '#/compare?roles=d40368cb-fbf4-4965-bbc1-f17b3a78e510,Cloud%20PC%20Reader@2023-05-18',
  '#/training?ex=scope-tags-paris', '#/tenant',
];
