/* Bedside status pages: local times, "in 2 hours", news without reloading.

   The pages read correctly without this script: times are written in the
   site's time zone and the page is rebuilt when something changes. With it:
   - times are shown in the reader's own zone when that differs, with the
     zone's short name, and phrases that cannot be converted ("tonight
     22:00–02:00") say they are in the site's zone;
   - times marked data-relative also say "in 2 hours" / "12 minutes ago",
     kept current every 30 seconds;
   - the status home asks for status.json every 60 seconds and, when it says
     something changed, offers (never forces) to show the latest version (an
     audience's view only when something that concerns that audience changed);
   - promises are kept as the clock moves: when a promised update time
     passes, the card says "We said we would update you by 08:45. We are
     still working on it."; planned work moves from coming up to happening
     now to finished as its window passes, and the banner stops saying
     everything is working once planned work has started. The sentences come
     from the page's data-words (written by the build from macros/wording.py);
   - the "Print notice" button of planned work appears and prints.
   No dependencies. Examples in the playbook (.bedside-example) keep their
   fixed sample times. */
(function () {
  "use strict";

  var LOCALE = "en-GB";
  var POLL_MS = 60 * 1000;
  var TICK_MS = 30 * 1000;

  var readerZone = (function () {
    try {
      return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
    } catch (error) {
      return "";
    }
  })();

  function parts(date, options) {
    var found = {};
    new Intl.DateTimeFormat(LOCALE, options).formatToParts(date).forEach(function (part) {
      found[part.type] = part.value;
    });
    return found;
  }

  function clock(date) {
    var p = parts(date, { hour: "2-digit", minute: "2-digit", hourCycle: "h23",
                          timeZoneName: "short" });
    return p.hour + ":" + p.minute + " " + p.timeZoneName;
  }

  function day(date, withYear) {
    var p = parts(date, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    return p.weekday + " " + p.day + " " + p.month + (withYear ? " " + p.year : "");
  }

  // The same formats as macros/render/times.py, in the reader's zone.
  var SHOWS = {
    "time": function (d) { return clock(d); },
    "day": function (d) { return day(d, false); },
    "day-year": function (d) { return day(d, true); },
    "datetime": function (d) { return day(d, false) + ", " + clock(d); },
    "datetime-year": function (d) { return day(d, true) + ", " + clock(d); }
  };

  function relativeWords(date, now) {
    var seconds = Math.round((date.getTime() - now) / 1000);
    var size = Math.abs(seconds);
    if (size < 60) {
      return "just now";
    }
    var words = new Intl.RelativeTimeFormat(LOCALE, { numeric: "always" });
    if (size < 3600) {
      return words.format(Math.round(seconds / 60), "minute");
    }
    if (size < 48 * 3600) {
      return words.format(Math.round(seconds / 3600), "hour");
    }
    return words.format(Math.round(seconds / 86400), "day");
  }

  function siteZone(element) {
    var root = element.closest("[data-zone]");
    return root ? root.getAttribute("data-zone") : "";
  }

  function localiseTimes() {
    var now = Date.now();
    document.querySelectorAll(".bedside-status time[datetime]").forEach(function (element) {
      if (element.closest(".bedside-example")) {
        return;
      }
      var date = new Date(element.getAttribute("datetime"));
      if (isNaN(date.getTime())) {
        return;
      }
      var show = SHOWS[element.getAttribute("data-show")];
      var zone = siteZone(element);
      if (show && readerZone && zone && readerZone !== zone) {
        element.textContent = show(date);
      }
      if (element.hasAttribute("data-relative")) {
        // After the time, or at the end of a phrase that must not be split
        // ("18:00 to 21:00 (in 5 days)", not "18:00 (in 5 days) to 21:00").
        var end = element.closest("[data-relative-end]");
        var note = end ? end.lastElementChild : element.nextElementSibling;
        if (!note || !note.classList.contains("bedside-relative")) {
          note = document.createElement("span");
          note.className = "bedside-relative";
          if (end) {
            end.appendChild(note);
          } else {
            element.insertAdjacentElement("afterend", note);
          }
        }
        note.textContent = " (" + relativeWords(date, now) + ")";
      }
    });
  }

  // "tonight 22:00–02:00" cannot be converted word by word: where the reader's zone
  // differs, it says it is the site's time ("(London time)").
  function labelSiteTimes() {
    document.querySelectorAll(".bedside-status [data-site-time]").forEach(function (phrase) {
      var zone = siteZone(phrase);
      var next = phrase.nextElementSibling;
      if (!readerZone || !zone || readerZone === zone || phrase.closest(".bedside-example") ||
          (next && next.classList.contains("bedside-zone"))) {
        return;
      }
      var label = document.createElement("span");
      label.className = "bedside-zone";
      label.textContent = " (" + phrase.getAttribute("data-site-time") + ")";
      phrase.insertAdjacentElement("afterend", label);
    });
  }

  // --- promises kept as the clock moves -------------------------------------

  var wordsCache = new WeakMap();

  function wordsOf(element) {
    var root = element.closest("[data-words]");
    if (!root) {
      return null;
    }
    if (!wordsCache.has(root)) {
      var words = null;
      try {
        words = JSON.parse(root.getAttribute("data-words"));
      } catch (error) {
        words = null;
      }
      wordsCache.set(root, words);
    }
    return wordsCache.get(root);
  }

  // The words a time is written with in the site's zone (as the build writes them).
  function siteText(date, show, zone) {
    var p = parts(date, { timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23",
                          weekday: "long", day: "numeric", month: "long" });
    var time = p.hour + ":" + p.minute;
    return show === "datetime" ? p.weekday + " " + p.day + " " + p.month + ", " + time : time;
  }

  function timeElement(iso, show, zone, relative) {
    var element = document.createElement("time");
    element.setAttribute("datetime", iso);
    element.setAttribute("data-show", show);
    if (relative) {
      element.setAttribute("data-relative", "");
    }
    element.textContent = siteText(new Date(iso), show, zone);
    return element;
  }

  // "We said we would update you by {time}." with each {name} replaced by a node
  // or a string; text is only ever set as text.
  function fill(template, values) {
    var fragment = document.createDocumentFragment();
    template.split(/(\{[a-z_]+\})/).forEach(function (piece) {
      var name = /^\{([a-z_]+)\}$/.exec(piece);
      var value = name && Object.prototype.hasOwnProperty.call(values, name[1])
        ? values[name[1]] : piece;
      fragment.appendChild(typeof value === "string" ? document.createTextNode(value) : value);
    });
    return fragment;
  }

  function replaceContent(element, fragment) {
    var icon = element.querySelector(":scope > .bedside-icon");
    element.textContent = "";
    if (icon) {
      element.appendChild(icon);
    }
    element.appendChild(fragment);
  }

  function live(element) {
    return element.closest(".bedside-status") && !element.closest(".bedside-example");
  }

  function keepUpdatePromises(now) {
    document.querySelectorAll("[data-next-update]").forEach(function (holder) {
      var iso = holder.getAttribute("data-next-update");
      var due = Date.parse(iso);
      if (!iso || isNaN(due) || now <= due || holder.hasAttribute("data-overdue") ||
          !live(holder)) {
        return;
      }
      var words = wordsOf(holder);
      var answer = holder.querySelector(".bedside-facts__next dd");
      if (!words || !answer) {
        return;
      }
      replaceContent(answer, fill(words.overdue, { time: timeElement(iso, "time", siteZone(holder)) }));
      holder.setAttribute("data-overdue", "");
    });
  }

  function phaseNow(card, now) {
    var phase = card.getAttribute("data-phase");
    if (phase === "upcoming" && now >= Date.parse(card.getAttribute("data-start"))) {
      phase = "in_progress";
    }
    if (phase === "in_progress" && now >= Date.parse(card.getAttribute("data-end")) &&
        !card.hasAttribute("data-running-late")) {
      phase = "completed";
    }
    return phase;
  }

  function setIcon(holder, name) {
    var icon = holder.querySelector(".bedside-icon");
    if (icon) {
      icon.className = "bedside-icon bedside-icon--" + name;
    }
  }

  function movePhase(card, phase, words) {
    var zone = siteZone(card);
    var start = card.getAttribute("data-start");
    var end = card.getAttribute("data-end");
    card.classList.remove("bedside-phase--" + card.getAttribute("data-phase"));
    card.classList.add("bedside-phase--" + phase);
    card.setAttribute("data-phase", phase);
    card.setAttribute("data-moved", "");
    var page = card.closest("[data-bedside-maintenance]");
    if (page) {
      page.setAttribute("data-phase", phase);
    }
    var status = card.querySelector(".bedside-card__status");
    if (status) {
      setIcon(status, words.phaseIcons[phase]);
      status.querySelector("strong").textContent = words.phases[phase];
    }
    var when = card.querySelector(".bedside-card__when");
    if (when) {
      var long = Date.parse(end) - Date.parse(start) >= 24 * 3600 * 1000;
      var show = long && phase === "in_progress" ? "datetime" : "time";
      when.textContent = "";
      when.removeAttribute("data-relative-end"); // now each time has its own note
      when.appendChild(fill(words.when[phase], {
        start: timeElement(start, show, zone, true),
        end: timeElement(end, show, zone, true)
      }));
    }
    var shown = words.facts[phase] || [];
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

  function keepBanner(root, words) {
    var banner = root.querySelector("[data-bedside-banner]");
    var cards = Array.prototype.filter.call(
      root.querySelectorAll(".bedside-maintenance[data-phase]"), live);
    var moved = cards.some(function (card) { return card.hasAttribute("data-moved"); });
    if (!banner || !live(banner) || !moved ||
        !/bedside-level--(none|maintenance)\b/.test(banner.className)) {
      return; // the build's words stand; a problem is never talked down
    }
    var running = cards.filter(function (card) {
      return card.getAttribute("data-phase") === "in_progress" &&
        !card.hasAttribute("data-running-late");
    })[0];
    var level = running ? "maintenance" : "none";
    var sentence = banner.querySelector(".bedside-banner__sentence");
    var text = sentence && sentence.querySelector(":scope > span:not(.bedside-icon)");
    if (!text) {
      return;
    }
    banner.className = banner.className.replace(/bedside-level--[a-z_]+/, "bedside-level--" + level);
    setIcon(sentence, words.levels[level].icon);
    text.textContent = "";
    text.appendChild(running ? fill(words.workUntil, {
      names: running.getAttribute("data-names") || "",
      end: timeElement(running.getAttribute("data-end"), "time", siteZone(running))
    }) : fill(words.calm, {}));
    var detail = banner.querySelector(".bedside-banner__detail");
    if (detail) {
      detail.hidden = true; // it spoke of the work as still to come
    }
  }

  function keepPromises() {
    var now = Date.now();
    keepUpdatePromises(now);
    document.querySelectorAll(".bedside-maintenance[data-phase]").forEach(function (card) {
      var words = live(card) && wordsOf(card);
      var phase = words && phaseNow(card, now);
      if (phase && phase !== card.getAttribute("data-phase")) {
        movePhase(card, phase, words);
      }
    });
    document.querySelectorAll(".bedside-status[data-words]").forEach(function (root) {
      var words = wordsOf(root);
      if (words) {
        keepBanner(root, words);
      }
    });
  }

  // --- news since the page was opened ----------------------------------------

  // What status.json says about one audience's items (macros/render/audience.py
  // computes the same when it builds the page).
  function audienceFingerprint(data, audience) {
    var items = [].concat(data.incidents || [], data.scheduled_maintenances || [],
                          data.cancelled_maintenances || []);
    return items.filter(function (item) {
      return !item.audiences || !item.audiences.length || item.audiences.indexOf(audience) >= 0;
    }).map(function (item) {
      return item.id + "@" + item.updated_at;
    }).sort().join(" ");
  }

  function offerRefresh(region) {
    if (region.childElementCount) {
      return;
    }
    var text = document.createElement("p");
    text.textContent = "There is news since you opened this page.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button md-button--primary";
    button.textContent = "Show the latest";
    button.addEventListener("click", function () {
      window.location.reload();
    });
    region.appendChild(text);
    region.appendChild(button);
  }

  function watchForNews(home) {
    var region = home.querySelector("[data-bedside-refresh]");
    var address = home.getAttribute("data-status-json");
    if (!region || !address || !window.fetch) {
      return;
    }
    var audience = home.getAttribute("data-audience");
    var known = audience ? home.getAttribute("data-fingerprint")
      : home.getAttribute("data-updated-at") || "";
    var timer = null;

    function check() {
      if (document.visibilityState === "hidden") {
        return;
      }
      fetch(address, { cache: "no-store", headers: { "Accept": "application/json" } })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          var updated = data && data.page && data.page.updated_at;
          if (!updated) {
            return;
          }
          if (audience) {
            updated = audienceFingerprint(data, audience);
          }
          if (known === null || known === "" && !audience) {
            known = updated;
          } else if (updated !== known) {
            offerRefresh(region);
            window.clearInterval(timer);
          }
        })
        .catch(function () {
          /* Offline or the file is being replaced: ask again next minute. */
        });
    }

    timer = window.setInterval(check, POLL_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        check();
      }
    });
  }

  function enablePrinting() {
    document.querySelectorAll("[data-bedside-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () {
        window.print();
      });
    });
  }

  function tick() {
    keepPromises();
    localiseTimes();
  }

  function start() {
    labelSiteTimes();
    tick();
    window.setInterval(tick, TICK_MS);
    document.querySelectorAll("[data-bedside-home]").forEach(watchForNews);
    enablePrinting();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
