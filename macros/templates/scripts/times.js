/* times.js: times in the reader's own zone, and "12 minutes ago".

   Part of status/status.js, which keeps them current every 30 seconds, and
   also written inline at the end of every status page, where it runs before
   the browser first draws the page: the words a time is shown in never change
   under the reader's eyes, so nothing on the page moves as it loads, in any
   time zone and on any width (macros/render/shell.py).
   - Times are shown in the reader's zone when that differs from the site's,
     with the zone's short name; phrases that cannot be converted ("tonight
     22:00–02:00") say they are in the site's zone ("(London time)").
   - Times marked data-relative also say "in 2 hours" / "12 minutes ago".
   Examples in the playbook (.bedside-example) keep their fixed sample times. */

var LOCALE = "en-GB";

var readerZone = (function () {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    return "";
  }
})();

// --- times in the reader's zone ---------------------------------------------------

function readerParts(date, options) {
  var found = {};
  new Intl.DateTimeFormat(LOCALE, options).formatToParts(date).forEach(function (part) {
    found[part.type] = part.value;
  });
  return found;
}

function readerClock(date) {
  var p = readerParts(date, { hour: "2-digit", minute: "2-digit", hourCycle: "h23",
                              timeZoneName: "short" });
  return p.hour + ":" + p.minute + " " + p.timeZoneName;
}

function readerDay(date, withYear) {
  var p = readerParts(date, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return p.weekday + " " + p.day + " " + p.month + (withYear ? " " + p.year : "");
}

// The same formats as macros/render/times.py, in the reader's zone.
var SHOWS = {
  "time": function (d) { return readerClock(d); },
  "day": function (d) { return readerDay(d, false); },
  "day-year": function (d) { return readerDay(d, true); },
  "datetime": function (d) { return readerDay(d, false) + ", " + readerClock(d); },
  "datetime-year": function (d) { return readerDay(d, true) + ", " + readerClock(d); }
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

function live(element) {
  return element.closest(".bedside-status") && !element.closest(".bedside-example");
}

function localiseTimes(now) {
  document.querySelectorAll(".bedside-status time[datetime]").forEach(function (element) {
    if (!live(element)) {
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
    if (!readerZone || !zone || readerZone === zone || !live(phrase) ||
        (next && next.classList.contains("bedside-zone"))) {
      return;
    }
    var label = document.createElement("span");
    label.className = "bedside-zone";
    label.textContent = " (" + phrase.getAttribute("data-site-time") + ")";
    phrase.insertAdjacentElement("afterend", label);
  });
}
