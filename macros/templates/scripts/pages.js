/* pages.js: the status pages keep telling the truth as the clock moves.

   The pages read correctly without this script: times are written in the
   site's time zone, and the words are true at the moment of the build. With it:
   - times stay in the reader's own zone and "12 minutes ago" stays true
     (times.js, which the page also runs inline before it is first drawn);
   - the page reads status.json at once and every minute, and engine.js
     (the same code as the wall board and the intranet banner) says what is
     true now: planned work moves from coming up to happening now to
     finished, the systems follow it, the banner and the home page's door
     say so, and a promised update time that has passed says "We said we
     would update you by 08:45. We are still working on it.";
   - when status.json says something changed since the page was built, the
     page offers (never forces) to show the latest; the home page's door,
     which is only a summary, shows it at once;
   Examples in the playbook (.bedside-example) keep their fixed sample times.
   Every word from the data is set as text, never as HTML. */

var TICK_MS = 30 * 1000;

// --- drawing: text is only ever set as text ----------------------------------------------

// The words a time is written with in the site's zone (as the build writes them).
function timeElement(iso, show, zone, relative) {
  var element = document.createElement("time");
  var date = new Date(iso);
  element.setAttribute("datetime", iso);
  element.setAttribute("data-show", show);
  if (relative) {
    element.setAttribute("data-relative", "");
  }
  element.textContent = show === "datetime" ? dayWords(date, zone) + ", " + clock(date, zone)
    : clock(date, zone);
  return element;
}

// A template with each {name} replaced by a node or a string.
function fillNodes(template, values) {
  var fragment = document.createDocumentFragment();
  template.split(/(\{[a-z_]+\})/).forEach(function (piece) {
    var name = /^\{([a-z_]+)\}$/.exec(piece);
    var value = name && Object.prototype.hasOwnProperty.call(values, name[1])
      ? values[name[1]] : piece;
    fragment.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
  });
  return fragment;
}

function iconElement(name) {
  var node = document.createElement("span");
  node.className = "bedside-icon bedside-icon--" + name;
  node.setAttribute("aria-hidden", "true");
  return node;
}

function setIcon(holder, name) {
  var icon = holder.querySelector(".bedside-icon");
  if (icon) {
    icon.className = "bedside-icon bedside-icon--" + name;
  } else {
    holder.insertBefore(iconElement(name), holder.firstChild);
  }
}

function setLevel(element, level) {
  element.className = element.className.replace(/bedside-level--[a-z_]+/,
                                                "bedside-level--" + level);
}

function replaceContent(element, fragment) {
  var icon = element.querySelector(":scope > .bedside-icon");
  element.textContent = "";
  if (icon) {
    element.appendChild(icon);
  }
  element.appendChild(fragment);
}

// The banner's sentence and detail for `seen` (engine.js glance), with times as <time>.
function sentenceOf(seen, zone) {
  var said = seen.banner;
  if (said.kind === "running") {
    return fillNodes(W.workUntil, {
      names: names(said.work.components),
      end: timeElement(said.work.scheduled_until, "time", zone)
    });
  }
  return document.createTextNode(said.sentence);
}

function detailOf(seen, zone) {
  var said = seen.banner;
  if (said.kind !== "soon") {
    return document.createTextNode(said.detail);
  }
  var phrase = document.createElement("span");
  phrase.setAttribute("data-site-time", W.siteTime);
  phrase.textContent = windowPhrase(new Date(said.work.scheduled_for),
                                    new Date(said.work.scheduled_until), seen.now, zone);
  return fillNodes(W.workSoon, { names: names(said.work.components), window: phrase });
}

function drawBanner(banner, seen) {
  var zone = siteZone(banner);
  setLevel(banner, seen.banner.level);
  var sentence = banner.querySelector(".bedside-banner__sentence");
  setIcon(sentence, seen.banner.icon);
  var words = sentence.querySelector(":scope > span:not(.bedside-icon)");
  words.textContent = "";
  words.appendChild(sentenceOf(seen, zone));
  var detail = banner.querySelector(".bedside-banner__detail");
  if (!detail) {
    detail = document.createElement("p");
    detail.className = "bedside-banner__detail";
    sentence.insertAdjacentElement("afterend", detail);
  }
  detail.textContent = "";
  detail.appendChild(detailOf(seen, zone));
  detail.hidden = !seen.banner.detail;
}

// The home page's door: the banner's words in one line, and when they were true.
function drawDoor(door, seen, builtAt) {
  var zone = siteZone(door);
  var line = door.querySelector(".bedside-glance");
  setLevel(line, seen.banner.level || "major");
  setIcon(line, seen.banner.icon || W.levels.major.icon);
  var words = line.querySelector(":scope > span:not(.bedside-icon)");
  var strong = document.createElement("strong");
  var detail = seen.banner.kind === "problem"
    ? document.createTextNode(otherProblems(seen.banner.problems - 1))
    : detailOf(seen, zone);
  var hasDetail = Boolean(detail.textContent);
  strong.appendChild(sentenceOf(seen, zone));
  if (hasDetail && !/[.!?]$/.test(strong.textContent)) {
    strong.appendChild(document.createTextNode("."));
  }
  var asOf = document.createElement("span");
  asOf.className = "bedside-glance__asof";
  asOf.appendChild(fillNodes(W.asOf, { time: timeElement(builtAt, "datetime", zone) }));
  words.textContent = "";
  words.appendChild(strong);
  if (hasDetail) {
    words.appendChild(document.createTextNode(" "));
    words.appendChild(detail);
  }
  words.appendChild(document.createTextNode(" "));
  words.appendChild(asOf);
}

function otherProblems(count) {
  return count > 0 ? fill(W.otherProblems[count > 1 ? 1 : 0], { count: count }) : "";
}

// A promised update time that has passed (an incident's card or page).
function keepUpdatePromises(root, now) {
  var holders = Array.prototype.slice.call(root.querySelectorAll("[data-next-update]"));
  if (root.hasAttribute("data-next-update")) {
    holders.push(root);
  }
  holders.forEach(function (holder) {
    var iso = holder.getAttribute("data-next-update");
    var due = Date.parse(iso);
    if (!iso || isNaN(due) || now <= due || holder.hasAttribute("data-overdue") ||
        !live(holder)) {
      return;
    }
    var answer = holder.querySelector(".bedside-facts__next dd, .bedside-facts__next_update dd");
    if (!answer) {
      return;
    }
    replaceContent(answer, fillNodes(W.overdue, {
      time: timeElement(iso, "time", siteZone(holder))
    }));
    holder.setAttribute("data-overdue", "");
  });
}

// Planned work as status.json lists it, or as its card says when status.json
// does not (a finished item, or a page from another build): the same fields.
function workOf(card, data) {
  var id = card.getAttribute("data-id");
  var listed = data && (data.scheduled_maintenances || []).filter(function (item) {
    return item.id === id;
  })[0];
  return listed || {
    status: card.getAttribute("data-status"), updated_at: card.getAttribute("data-updated-at"),
    scheduled_for: card.getAttribute("data-start"), scheduled_until: card.getAttribute("data-end")
  };
}

function movePhase(card, phase) {
  var zone = siteZone(card);
  var start = card.getAttribute("data-start");
  var end = card.getAttribute("data-end");
  card.classList.remove("bedside-phase--" + card.getAttribute("data-phase"));
  card.classList.add("bedside-phase--" + phase);
  card.setAttribute("data-phase", phase);
  var page = card.closest("[data-bedside-maintenance]");
  if (page) {
    page.setAttribute("data-phase", phase);
  }
  var status = card.querySelector(".bedside-card__status");
  if (status) {
    setIcon(status, W.phaseIcons[phase]);
    status.querySelector("strong").textContent = W.phases[phase];
  }
  var when = card.querySelector(".bedside-card__when");
  if (when && W.when[phase]) {
    var long = Date.parse(end) - Date.parse(start) >= W.longWindowHours * HOUR_MS;
    var show = long && phase === "in_progress" ? "datetime" : "time";
    when.textContent = "";
    when.removeAttribute("data-relative-end"); // now each time has its own note
    when.appendChild(fillNodes(W.when[phase], {
      start: timeElement(start, show, zone, true),
      end: timeElement(end, show, zone, true)
    }));
  }
  var shown = W.facts[phase] || [];
  card.querySelectorAll(".bedside-facts > div").forEach(function (fact) {
    var name = (/bedside-facts__([a-z_]+)/.exec(fact.className) || [])[1];
    fact.hidden = shown.indexOf(name) < 0;
  });
  if (phase === "completed") {
    (page || card).querySelectorAll("a[download]").forEach(function (link) {
      link.hidden = true;
    });
  }
}

function keepPhases(root, data, now) {
  root.querySelectorAll(".bedside-maintenance[data-phase]").forEach(function (card) {
    if (!live(card)) {
      return;
    }
    var phase = phaseOf(workOf(card, data), now);
    if (phase !== card.getAttribute("data-phase") && W.phases[phase]) {
      movePhase(card, phase);
    }
  });
}

function keepSystems(root, seen) {
  seen.systems.forEach(function (system) {
    root.querySelectorAll('[data-component="' + system.id + '"]').forEach(function (row) {
      if (row.getAttribute("data-state") === system.state || !live(row)) {
        return;
      }
      row.className = row.className.replace(/bedside-state--[a-z_]+/,
                                            "bedside-state--" + system.state);
      row.setAttribute("data-state", system.state);
      setIcon(row, system.icon);
      var label = row.querySelector(".bedside-system__state");
      if (label) {
        label.textContent = system.label;
      }
    });
  });
}

// --- one status surface: a page's root or the home page's door ------------------------

function bannerKey(seen) {
  var said = seen.banner;
  return [said.kind, said.level, said.sentence, said.detail].join("|");
}

function Surface(root) {
  this.root = root;
  this.address = root.getAttribute("data-status-json");
  this.builtUpdatedAt = root.getAttribute("data-updated-at") || "";
  this.builtAt = root.getAttribute("data-built-at") || "";
  this.audience = root.getAttribute("data-audience") || "";
  this.calm = root.getAttribute("data-calm") || "";
  this.door = root.hasAttribute("data-bedside-glance");
  this.data = null;   // status.json as the page was built, or (the door) the latest
  this.drawn = null;  // the banner the page shows, as bannerKey
  this.news = false;
  this.offline = false; // showing what we knew because the site could not be reached
}

// Whether `data` says what the page says: the same content as its build (for an
// audience's view, the same about that audience: news for others is not news here).
Surface.prototype.shows = function (data) {
  if (this.audience) {
    return audienceFingerprint(data, this.audience) === this.root.getAttribute("data-fingerprint");
  }
  return data.page.updated_at === this.builtUpdatedAt;
};

Surface.prototype.read = function (data) {
  var same = this.shows(data);
  if (this.door || (same && !this.data)) {
    if (!this.data && same) {
      this.drawn = bannerKey(this.glanceAt(data, Date.parse(this.builtAt)));
    }
    if (this.door && !same) {
      this.builtAt = data.built_at || this.builtAt;
      this.drawn = null;
    }
    this.data = data;
  }
  if (!same && !this.door && !this.news) {
    this.news = true;
    this.offerLatest();
  }
};

Surface.prototype.glanceAt = function (data, now) {
  var seen = glance(data, now, this.audience, this.calm);
  seen.now = new Date(now);
  return seen;
};

Surface.prototype.tick = function (now) {
  keepUpdatePromises(this.root, now);
  keepPhases(this.root, this.data, now);
  if (!this.data) {
    return;
  }
  var seen = this.glanceAt(this.data, now);
  keepSystems(this.root, seen);
  if (seen.banner.kind === "problem" && !this.door) {
    return; // a problem's words stand as built: the clock never talks one down
  }
  var key = bannerKey(seen);
  if (key === this.drawn) {
    return;
  }
  var banner = this.root.querySelector("[data-bedside-banner]");
  if (this.door) {
    drawDoor(this.root, seen, this.builtAt);
  } else if (banner && live(banner)) {
    drawBanner(banner, seen);
  }
  this.drawn = key;
  labelSiteTimes();
};

// What status.json says about one audience's items (macros/render/audience.py
// computes the same when it builds the page): news for others is not news here.
function audienceFingerprint(data, audience) {
  var items = [].concat(data.incidents || [], data.scheduled_maintenances || [],
                        data.cancelled_maintenances || []);
  return items.filter(function (item) { return concerns(item, audience); })
    .map(function (item) { return item.id + "@" + item.updated_at; }).sort().join(" ");
}

Surface.prototype.offerLatest = function () {
  var region = this.root.querySelector("[data-bedside-refresh]");
  if (!region || region.childElementCount) {
    return;
  }
  var text = document.createElement("p");
  text.textContent = W.news;
  var button = document.createElement("button");
  button.type = "button";
  button.className = "md-button md-button--primary";
  button.textContent = W.showLatest;
  button.addEventListener("click", function () {
    window.location.reload();
  });
  region.appendChild(text);
  region.appendChild(button);
};

Surface.prototype.check = function () {
  var surface = this;
  if (!surface.address || !window.fetch || document.visibilityState === "hidden") {
    return;
  }
  fetchStatus(surface.address).then(function (answer) {
    if (!answer.cached && surface.offline && !surface.door && !surface.shows(answer.data)) {
      window.location.reload(); // back online, and the page we kept is out of date
      return;
    }
    surface.read(answer.data);
    surface.setOffline(answer.cached);
    surface.tick(Date.now());
    localiseTimes(Date.now());
  }).catch(function (error) {
    if (error && error.offline) {
      surface.setOffline(true); // nothing kept either: the page as built, and its age
      localiseTimes(Date.now());
    } /* else the file is being replaced: the page stands as built; ask again. */
  });
};

// "We cannot reach the status page. This is what we knew at 08:14 (25 minutes ago).
// If you cannot work, call ..." at the top of the surface, or nothing.
Surface.prototype.setOffline = function (offline) {
  this.offline = offline;
  showOffline(this.root, offline, this.builtAt, this.data, this.door);
};

function showOffline(container, offline, builtAt, data, small) {
  var notice = container.querySelector(":scope > [data-bedside-offline]");
  if (!offline) {
    if (notice) {
      notice.remove();
    }
    return;
  }
  if (!notice) {
    notice = document.createElement("p");
    // .bedside-status: its time is kept in the reader's zone and says "25 minutes ago".
    notice.className = "bedside-status bedside-offline" + (small ? " bedside-offline--small" : "");
    notice.setAttribute("role", "status");
    notice.setAttribute("data-bedside-offline", "");
    container.insertBefore(notice, container.firstChild);
  }
  var zone = siteZone(container) || (data && data.page.time_zone) || "";
  var when = new Date(builtAt);
  var sameDay = dateKey(when, zone) === dateKey(new Date(Date.now()), zone);
  var contact = (data && siteContact(data)) || container.getAttribute("data-contact") || "";
  notice.textContent = "";
  notice.appendChild(iconElement("warning"));
  var words = document.createElement("span");
  words.appendChild(fillNodes(contact ? W.offline : W.offlineNoContact, {
    time: timeElement(builtAt, sameDay ? "time" : "datetime", zone, true),
    contact: contact
  }));
  notice.appendChild(words);
}

function startPages() {
  var surfaces = Array.prototype.map.call(
    document.querySelectorAll("[data-bedside-surface]"), function (root) {
      return new Surface(root);
    });
  function tick() {
    var now = Date.now();
    surfaces.forEach(function (surface) { surface.tick(now); });
    localiseTimes(now);
  }
  function check() {
    surfaces.forEach(function (surface) { surface.check(); });
  }
  labelSiteTimes();
  tick();
  keepForOffline();
  check();
  window.setInterval(tick, TICK_MS);
  window.setInterval(check, POLL_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible") {
      check();
    }
  });
}

// The status pages' offline cache (sw.js at the site's root), registered once the
// page has loaded, so no page ever waits for it.
function keepForOffline() {
  if (!("serviceWorker" in navigator) || !CONFIG.serviceWorker) {
    return;
  }
  var register = function () {
    navigator.serviceWorker.register(new URL(CONFIG.serviceWorker, BASE).href)
      .catch(function () { /* not on https, or blocked: the pages work as before */ });
  };
  if (document.readyState === "complete") {
    register();
  } else {
    window.addEventListener("load", register);
  }
}

function startStatus() {
  startPages();
  var board = document.querySelector("[data-bedside-board]");
  if (board) {
    startBoard(board);
  }
}
