// Hamyar field app — service worker (served at /field/sw.js, controlling /field).
//
// It keeps the app's shell — the /field page and the assets it names — so the app opens
// with no network. The server writes `const SHELL = [...]` (the page, then the fingerprinted
// asset URLs) before this code, so each release gets its own cache and old ones are dropped.
//
// What it never keeps: API answers (/api/…), POSTs, or any other page. The page /field is
// fetched from the network first and the cached copy is only a fallback offline; a redirect
// (to the login page) is never stored as the shell. Her data is not here at all: the page's
// script keeps it in IndexedDB, encrypted.
/* global SHELL */
'use strict';

const PAGE = SHELL[0];
const ASSETS = SHELL.slice(1);

/** A short, stable name for this release's cache, from the shell's URLs. */
function cacheName() {
  let hash = 0;
  for (const ch of SHELL.join('|')) {
    hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  }
  return `hamyar-field-${(hash >>> 0).toString(36)}`;
}
const CACHE = cacheName();

/** Stores the page when the answer is the page itself (not a redirect, not an error). */
async function keepPage(cache, response) {
  if (response.ok && !response.redirected && response.type === 'basic') {
    await cache.put(PAGE, response.clone());
  }
  return response;
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll(ASSETS);
      try {
        await keepPage(cache, await fetch(PAGE, { credentials: 'same-origin', cache: 'no-store' }));
      } catch {
        // Offline while installing: the page is stored the next time it is opened online.
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith('hamyar-field-') && name !== CACHE) {
          await caches.delete(name);
        }
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) {
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    return; // never cached: always the network's answer
  }
  if (url.pathname === PAGE) {
    event.respondWith(
      (async () => {
        const cache = await caches.open(CACHE);
        try {
          return await keepPage(cache, await fetch(request));
        } catch (error) {
          const kept = await cache.match(PAGE, { ignoreSearch: true });
          if (kept) {
            return kept;
          }
          throw error;
        }
      })(),
    );
    return;
  }
  if (ASSETS.includes(url.pathname)) {
    event.respondWith(
      (async () => {
        const kept = await caches.match(url.pathname);
        return kept || fetch(request);
      })(),
    );
  }
});
