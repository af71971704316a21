// Fideliza's offline copy: a service worker that keeps every file of the app in the browser's
// cache, so that the app opens and imports without a network once it has been opened online
// (a consultant's demo at a client's office, a pharmacy whose internet drops). It stores only
// the app's own files, never the user's data (those live in IndexedDB), and asks nothing of any
// other origin.
//
// - Files whose names carry Trunk's content hash (`main-0123456789abcdef.css`, the page's JS
//   and wasm) never change: served from the cache, fetched once.
// - Everything else (the page itself, ECharts, the import worker's files, the icon) is fetched
//   from the network when there is one, so a new version shows at once, and from the cache
//   without one.
// - Each time the page is opened online (5 s later, so as not to slow the opening), the list of
//   files is read again from it and the copy brought up to date (new files fetched, files no
//   longer listed dropped). Only that refresh writes the page and its unhashed files, the page
//   last, so the copy used offline is always one whole version: the page and its import worker
//   match.

const CACHE = 'fideliza-app';
/** Files the page loads but does not name in index.html: the import worker and ECharts. */
const ALSO = ['./fideliza-worker_loader.js', './fideliza-worker.js', './fideliza-worker_bg.wasm',
  './public/echarts.min.js', './public/favicon.svg'];
/** Trunk's content hash: a 64-bit number in hex without leading zeros (so 1 to 16 digits). */
const HASHED = /-[0-9a-f]{1,16}(_bg)?\.(js|wasm|css)$/;
/** The copy is refreshed this long after the page is opened, once the page has loaded. */
const REFRESH_DELAY_MS = 5000;

self.addEventListener('install', (event) => {
  event.waitUntil(refresh().then(() => self.skipWaiting()));
});

// Navigation preload: the page's request goes out while this worker starts, not after.
self.addEventListener('activate', (event) => {
  event.waitUntil(Promise.all([self.clients.claim(), self.registration.navigationPreload?.enable()]));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    const load = async () => (await event.preloadResponse) ?? fetch(request);
    event.respondWith(networkFirst(request, load).then((response) => {
      event.waitUntil(later(REFRESH_DELAY_MS).then(refresh).catch(() => {}));
      return response;
    }));
  } else if (HASHED.test(new URL(request.url).pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    event.respondWith(networkFirst(request, () => fetch(request, { cache: 'no-cache' })));
  }
});

function later(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `path` resolved against the service worker's folder (the app's folder on any host). */
function scopeUrl(path) {
  return new URL(path, self.registration.scope).href;
}

/** The network's answer from `load`, else the cached one; offline, a page of the app's folder
 *  that the copy does not hold (`index.html`, a `?` query) is the app. Only `refresh` writes
 *  these files into the copy, so that it is always one whole version. */
async function networkFirst(request, load) {
  try {
    return await load();
  } catch (offline) {
    const cache = await caches.open(CACHE);
    const cached = await cache.match(request, { ignoreSearch: true })
      ?? (request.mode === 'navigate' ? await cache.match(scopeUrl('./')) : undefined);
    if (cached) return cached;
    throw offline;
  }
}

/** The cached answer, else the network's (then kept). */
async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** Brings the cache up to the page's current version: the page, every file it names (the
 *  hashed ones only if missing) and `ALSO`; drops the files the page no longer names. Nothing
 *  changes unless every file could be fetched, the page included; then it fails (an install
 *  fails with it, so no worker is active, and the Datos page claims no copy, without one). */
async function refresh() {
  const cache = await caches.open(CACHE);
  const index = scopeUrl('./');
  const page = await fetch(index, { cache: 'no-cache' });
  if (!page.ok) throw new Error(`${index}: ${page.status}`);
  const html = await page.clone().text();
  const named = [...html.matchAll(/(?:href=|src=|from |module_or_path: )["'](\.\/[^"'#?]+)["']/g)]
    .map((m) => scopeUrl(m[1]));
  const wanted = new Set([index, ...named, ...ALSO.map(scopeUrl)]);
  const fetched = await Promise.all([...wanted].filter((url) => url !== index).map(async (url) => {
    const kept = await cache.match(url);
    if (kept && HASHED.test(url)) return null;
    const response = await fetch(url, { cache: 'no-cache' });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    return kept && sameVersion(kept, response) ? null : [url, response];
  }));
  // The page last, and old files dropped only below: a refresh cut short leaves the previous
  // page with every file it names.
  for (const entry of fetched) if (entry) await cache.put(entry[0], entry[1]);
  await cache.put(index, page);
  for (const request of await cache.keys()) {
    if (!wanted.has(request.url)) await cache.delete(request);
  }
}

/** Whether two answers for a file are the same version, by the validators a host sends (an
 *  `ETag`, else `Last-Modified` with the length); without any, they are taken as different. */
function sameVersion(a, b) {
  const header = (r, name) => r.headers.get(name);
  if (header(a, 'etag') && header(b, 'etag')) return header(a, 'etag') === header(b, 'etag');
  return header(a, 'last-modified') !== null
    && header(a, 'last-modified') === header(b, 'last-modified')
    && header(a, 'content-length') === header(b, 'content-length');
}
