/* sw.js: the status pages still answer when the network or the host does not.

   Written by the build at the site's root (macros/outputs/assets.py), so it can
   look after every status page. It keeps the status pages, status.json and the
   status script in one small cache and refreshes them on every visit that has
   a network: the network always comes first, and only when it fails or takes
   longer than a few seconds does the page come from the cache. Then the page
   says so itself (pages.js): an answer from the cache carries the header
   Bedside-From-Cache, and the page shows how old its status is and whom to
   call. Nothing outside the status pages goes through here: the playbook
   behaves as if there were no worker. A new deployment is a new worker with
   its own cache, and the old cache is removed. */
"use strict";

var CONFIG = /*CONFIG*/null;
var CACHE = "bedside-status-" + CONFIG.version;
var SCOPE = self.registration.scope;
var CORE = CONFIG.core.map(function (path) { return new URL(path, SCOPE).href; });
var HOME = new URL(CONFIG.statusHome, SCOPE).href;

// A status page (the home page, or anything under status/), or one of the files
// they read (status.json, the status script): nothing else is looked after.
function looksAfter(request) {
  var url = new URL(request.url);
  url.search = "";
  if (request.method !== "GET" || url.href.indexOf(SCOPE) !== 0) {
    return false;
  }
  if (request.mode === "navigate") {
    var path = url.href.slice(SCOPE.length);
    return path === "" || path.indexOf(CONFIG.statusHome) === 0;
  }
  return CORE.indexOf(url.href) >= 0;
}

// Keep the core (home, status home, board, audience views, status.json, the
// script) and at most CONFIG.limit other pages, the least recently stored first out.
function trim(cache) {
  return cache.keys().then(function (requests) {
    var others = requests.filter(function (request) {
      return CORE.indexOf(request.url) < 0;
    });
    var extra = others.length - CONFIG.limit;
    return Promise.all(others.slice(0, Math.max(0, extra)).map(function (request) {
      return cache.delete(request);
    }));
  });
}

function store(request, response) {
  if (!response || !response.ok || response.type !== "basic") {
    return;
  }
  var copy = response.clone();
  caches.open(CACHE).then(function (cache) {
    return cache.delete(request).then(function () {
      return cache.put(request, copy);
    }).then(function () {
      return trim(cache);
    });
  });
}

function fromCache(request, navigation) {
  return caches.open(CACHE).then(function (cache) {
    return cache.match(request, { ignoreSearch: true }).then(function (found) {
      return found || (navigation ? cache.match(HOME) : undefined);
    });
  }).then(function (found) {
    if (!found) {
      return Response.error();
    }
    var headers = new Headers(found.headers);
    headers.set("Bedside-From-Cache", "1");
    return found.blob().then(function (body) {
      return new Response(body, { status: found.status, statusText: found.statusText,
                                  headers: headers });
    });
  });
}

// The network, unless it fails or is slower than CONFIG.waitMs; then the cache.
function networkFirst(request, navigation) {
  return new Promise(function (resolve) {
    var settled = false;
    function fallBack() {
      if (!settled) {
        settled = true;
        resolve(fromCache(request, navigation));
      }
    }
    var timer = setTimeout(fallBack, CONFIG.waitMs);
    fetch(request).then(function (response) {
      clearTimeout(timer);
      store(request, response);
      if (!settled) {
        settled = true;
        resolve(response);
      }
    }, function () {
      clearTimeout(timer);
      fallBack();
    });
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all(CORE.map(function (url) {
      return fetch(url, { cache: "no-store" }).then(function (response) {
        return response.ok ? cache.put(url, response) : undefined;
      }, function () { return undefined; });
    }));
  }).then(function () {
    return self.skipWaiting();
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("bedside-status-") === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () {
    return self.clients.claim();
  }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (!looksAfter(request)) {
    return; // not a status page: the browser fetches it as if there were no worker
  }
  event.respondWith(networkFirst(request, request.mode === "navigate"));
});
