// Trunk post_build hook (see Trunk.toml): runs on the staging directory before it
// becomes dist/.
//  0. puts the prerendered first screen of the roles list in index.html
//  1. fills the service worker's asset list and version (content hash of the assets)
//  2. checks the page has no inline script and a Content-Security-Policy that allows
//     no other origin
//  3. writes precompressed .br and .gz copies beside every text and wasm asset
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error('postbuild: TRUNK_STAGING_DIR is not set (run through trunk build)');
  process.exit(1);
}

function files(d) {
  return readdirSync(d).flatMap((name) => {
    const p = join(d, name);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

const all = files(dir).filter((p) => !/\.(br|gz)$/.test(p));
const rel = (p) => relative(dir, p).split('\\').join('/');

// 0. The roles list's first screen (src/prerender.rs), as a template start.js shows
//    while the app starts.
{
  const page = join(dir, 'index.html');
  const first = readFileSync(new URL('../src/prerendered/roles.html', import.meta.url), 'utf8');
  const html = readFileSync(page, 'utf8');
  if (!html.includes('</body>')) {
    console.error('postbuild: index.html has no </body> for the prerendered first screen');
    process.exit(1);
  }
  // Chromium ignores `integrity` on a preload whose destination is `fetch` (the
  // wasm) and says so in the console on every load (an outside review): dropped
  // there, kept on the module preloads, which honour it.
  const page1 = html.replace(/(<link rel="preload"[^>]*?) integrity="[^"]*"([^>]*as="fetch")/, '$1$2');
  writeFileSync(page, page1.replace('</body>', `<template id="prerendered-roles">\n${first}</template>\n</body>`));
}

// 1. Service worker.
const assets = all.map(rel).filter((r) => r !== 'sw.js').sort();
const hash = createHash('sha256');
for (const r of assets) hash.update(r).update(readFileSync(join(dir, r)));
const version = hash.digest('hex').slice(0, 16);
const swPath = join(dir, 'sw.js');
const sw = readFileSync(swPath, 'utf8')
  .replace("'__VERSION__'", JSON.stringify(version))
  .replace('__ASSETS__', JSON.stringify(['./', ...assets.filter((r) => r !== 'index.html')]));
writeFileSync(swPath, sw);

// 2. Content-Security-Policy.
const html = readFileSync(join(dir, 'index.html'), 'utf8');
const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => m[1].trim());
if (inline.length) {
  console.error('postbuild: index.html has an inline script, which the Content-Security-Policy forbids');
  process.exit(1);
}
const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
if (!csp || /https?:|\*|'unsafe-inline'|'unsafe-eval'/.test(csp[1])) {
  console.error('postbuild: the Content-Security-Policy is missing or allows another origin or inline code');
  process.exit(1);
}

// 3. Precompressed copies.
let raw = 0, br = 0, gz = 0;
for (const p of files(dir).filter((p) => /\.(html|js|css|wasm|svg|webmanifest|json)$/.test(p))) {
  const data = readFileSync(p);
  const b = brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } });
  const g = gzipSync(data, { level: 9 });
  writeFileSync(p + '.br', b);
  writeFileSync(p + '.gz', g);
  raw += data.length; br += b.length; gz += g.length;
}
console.log(`postbuild: ${assets.length} assets, cache ${version}; ${(raw / 1024).toFixed(0)} KiB raw, ${(gz / 1024).toFixed(0)} KiB gzip, ${(br / 1024).toFixed(0)} KiB brotli`);
