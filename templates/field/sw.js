/* The I-SAF field app's service worker: plain code, smaller than a library.
 *
 * On install it stores the app shell (the page, its reference data, manifest,
 * styles, script and fonts). The page and the reference data are fetched from the
 * network first, so that an online visit always refreshes them, and from the
 * store when there is no network. Static files have hashed names: store first.
 * Records are never here: the page keeps them in IndexedDB.
 */
const VERSION = {{ version|safe }};
const SHELL = {{ shell|safe }};
// One cache per language prefix (each has its own worker), renamed per version.
const PREFIX = "isaf-field-" + SHELL[0] + "-";
const CACHE = PREFIX + VERSION;
const FRESH_FIRST = [SHELL[0], SHELL[1], SHELL[2]];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting())
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(
      keys.filter((key) => key.startsWith(PREFIX) && key !== CACHE)
        .map((key) => caches.delete(key))
    )).then(() => self.clients.claim())
  );
});

async function freshFirst(request, key) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok && !response.redirected) {
      await cache.put(key, response.clone());
      if (key === SHELL[1]) await keepClips(cache, response.clone());
    }
    return response;
  } catch (error) {
    const kept = await cache.match(key);
    if (kept) return kept;
    throw error;
  }
}

async function keepClips(cache, response) {
  // Reference data may name an audio clip per indicator (`audio_url`): keep
  // them too, so that they play in a village with no network.
  try {
    const data = await response.json();
    const urls = [];
    Object.values(data.library || {}).forEach((items) => items.forEach((item) => {
      if (item.audio_url) urls.push(item.audio_url);
    }));
    (data.scale || []).forEach((item) => { if (item.audio_url) urls.push(item.audio_url); });
    await Promise.all(urls.map((url) => cache.match(url).then((hit) => hit || cache.add(url).catch(() => null))));
  } catch (error) { /* reference data without clips */ }
}

async function storeFirst(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok) (await caches.open(CACHE)).put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  const path = url.pathname;
  if (FRESH_FIRST.includes(path)) {
    event.respondWith(freshFirst(request, path));
  } else if (SHELL.includes(path) || path.startsWith("/media/")) {
    event.respondWith(storeFirst(request));
  }
});
