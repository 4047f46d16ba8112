/* Bedside status pages: local times, "in 2 hours", news without reloading.

   The pages read correctly without this script: times are written in the
   site's time zone and the page is rebuilt when something changes. With it:
   - times are shown in the reader's own zone when that differs, with the
     zone's short name;
   - times marked data-relative also say "in 2 hours" / "12 minutes ago",
     kept current every 30 seconds;
   - the status home asks for status.json every 60 seconds and, when it says
     something changed, offers (never forces) to show the latest version;
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
        var note = element.nextElementSibling;
        if (!note || !note.classList.contains("bedside-relative")) {
          note = document.createElement("span");
          note.className = "bedside-relative";
          element.insertAdjacentElement("afterend", note);
        }
        note.textContent = " (" + relativeWords(date, now) + ")";
      }
    });
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
    var known = home.getAttribute("data-updated-at") || "";
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
          if (!known) {
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

  function start() {
    localiseTimes();
    window.setInterval(localiseTimes, TICK_MS);
    document.querySelectorAll("[data-bedside-home]").forEach(watchForNews);
    enablePrinting();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
