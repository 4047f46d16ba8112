/* The IT status banner for intranet pages, and the status at a glance for the wall board.

   On an intranet page, one tag and an empty element:

     <div id="bedside-status-banner"></div>
     <script src="https://it.example.org/status/banner.js" async></script>

   It shows one line when something is wrong or planned work is on now or
   starts within a day ("Serious problem: Patient records are not opening —
   see the status page"), and nothing at all when everything is working. It
   reads status.json next to it every minute. Every word from the data is set
   as text (textContent), never as HTML. The browser only lets it read
   status.json when the intranet page is on the same host as the status site,
   or when the status site sends Access-Control-Allow-Origin; otherwise use
   the <iframe> page instead (docs/it-team/board-and-banner.md).

   The wall board (status/board/) uses window.BedsideStatus.glance, the same
   reading as macros/glance.py. The build writes CONFIG below: the words come
   from macros/wording.py and the addresses from macros/urls.py. */
(function () {
  "use strict";

  var CONFIG = /*CONFIG*/null;
  var POLL_MS = 60 * 1000;
  var HOUR_MS = 3600 * 1000;
  var W = CONFIG.words;
  var script = document.currentScript;
  var base = script && script.src ? script.src : window.location.href;
  var STATUS_JSON = new URL(CONFIG.statusJson, base).href;
  var STATUS_PAGE = new URL(CONFIG.statusPage, base).href;

  // --- times in the site's zone, written as the build writes them ------------

  function parts(date, zone) {
    var found = {};
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone, weekday: "long", day: "numeric", month: "long", year: "numeric",
      hour: "2-digit", minute: "2-digit", hourCycle: "h23"
    }).formatToParts(date).forEach(function (part) {
      found[part.type] = part.value;
    });
    return found;
  }

  function clock(date, zone) {
    var p = parts(date, zone);
    return p.hour + ":" + p.minute;
  }

  function dayWords(date, zone) {
    var p = parts(date, zone);
    return p.weekday + " " + p.day + " " + p.month;
  }

  function dateKey(date, zone) {
    return new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit"
    }).format(date);
  }

  function nextDateKey(key) {
    var ymd = key.split("-").map(Number);
    return new Date(Date.UTC(ymd[0], ymd[1] - 1, ymd[2] + 1)).toISOString().slice(0, 10);
  }

  function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  function capitalised(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // As macros/wording.py relative_day: in the early hours the words name the day.
  function relativeDay(date, now, zone) {
    var evening = Number(clock(date, zone).slice(0, 2)) >= W.eveningHour;
    var early = Number(clock(now, zone).slice(0, 2)) < W.earlyHoursEnd;
    var days = early ? W.earlyDays : W.days;
    var key = dateKey(date, zone);
    var today = dateKey(now, zone);
    var weekday = { weekday: parts(date, zone).weekday };
    if (key === today) {
      return fill(days[evening ? "tonight" : "today"], weekday);
    }
    if (key === nextDateKey(today)) {
      return fill(days[evening ? "tomorrow_night" : "tomorrow"], weekday);
    }
    return fill(W.days.other, { day: dayWords(date, zone) });
  }

  function windowPhrase(start, end, now, zone) {
    if (end - start > 24 * HOUR_MS) {
      return fill(W.windowLong, { start_day: dayWords(start, zone), start: clock(start, zone),
                                  end_day: dayWords(end, zone), end: clock(end, zone) });
    }
    return fill(W.windowShort, { day: relativeDay(start, now, zone), start: clock(start, zone),
                                 end: clock(end, zone) });
  }

  function names(components) {
    var list = (components || []).map(function (c) { return c.name; });
    if (list.length <= 1) {
      return list.join("");
    }
    return list.slice(0, -1).join(", ") + " and " + list[list.length - 1];
  }

  // --- where things stand now --------------------------------------------------

  // Planned work's phase at `now`: status.json says where it stood when the site
  // was built; the clock moves it on as macros/state.py would.
  function phaseOf(work, now) {
    var start = Date.parse(work.scheduled_for);
    var end = Date.parse(work.scheduled_until);
    if (work.status === "completed" || work.status === "cancelled") {
      return work.status;
    }
    if (work.status === "in_progress" || work.status === "verifying") {
      var late = Date.parse(work.updated_at) >= end; // an update after the window: overrunning
      return now >= end && !late ? "completed" : "in_progress";
    }
    if (now < start) {
      return "upcoming";
    }
    return now < end ? "in_progress" : "completed";
  }

  function rank(list, value) {
    return list.indexOf(value);
  }

  // Systems: as built, plus planned work the clock has started, minus work it
  // has finished (status.json carries each system's state, not each cause's).
  function systemStates(data, works, incidents) {
    var states = {};
    var order = [];
    (data.components || []).forEach(function (c) {
      if (!c.group) {
        states[c.id] = c.status;
        order.push(c);
      }
    });
    var held = {};
    incidents.forEach(function (incident) {
      (incident.components || []).forEach(function (c) { held[c.id] = true; });
    });
    works.forEach(function (w) {
      if (w.phase === "in_progress") {
        (w.item.components || []).forEach(function (c) { held[c.id] = true; });
      }
    });
    works.forEach(function (w) {
      (w.item.components || []).forEach(function (c) {
        if (!(c.id in states)) {
          return;
        }
        if (w.phase === "in_progress" && w.item.status === "scheduled" &&
            rank(W.stateOrder, states[c.id]) < rank(W.stateOrder, "under_maintenance")) {
          states[c.id] = "under_maintenance";
        } else if (w.phase === "completed" && w.item.status !== "completed" && !held[c.id]) {
          states[c.id] = "operational";
        }
      });
    });
    return order.map(function (c) {
      var state = states[c.id];
      return { name: c.name, state: state, label: W.states[state], icon: W.stateIcons[state] };
    });
  }

  function workWhen(w, now, zone) {
    var start = new Date(w.item.scheduled_for);
    var end = new Date(w.item.scheduled_until);
    if (w.phase !== "in_progress") {
      return capitalised(windowPhrase(start, end, now, zone));
    }
    var long = end - start >= W.longWindowHours * HOUR_MS;
    var show = function (d) { return long ? dayWords(d, zone) + ", " + clock(d, zone) : clock(d, zone); };
    return fill(now >= end ? W.whenLate : W.whenStarted, { start: show(start), end: show(end) });
  }

  // Whom to call, as macros/contacts.py says it: the contact most systems share.
  function siteContact(data) {
    var systems = (data.components || []).filter(function (c) { return !c.group && c.contact; });
    var counts = {};
    systems.forEach(function (c) { counts[c.contact] = (counts[c.contact] || 0) + 1; });
    return systems.reduce(function (best, c) {
      return best && counts[best] >= counts[c.contact] ? best : c.contact;
    }, "");
  }

  // ... and for one incident: its systems' contacts, one line each, without repeats.
  function whoToCall(incident, data) {
    var contacts = [];
    var systemsOf = {};
    (incident.components || []).forEach(function (c) {
      if (!c.contact) {
        return;
      }
      if (!systemsOf[c.contact]) {
        contacts.push(c.contact);
        systemsOf[c.contact] = [];
      }
      systemsOf[c.contact].push(c);
    });
    if (contacts.length > 1) {
      return contacts.map(function (contact) {
        return fill(W.contactFor, { names: names(systemsOf[contact]), contact: contact });
      }).join("; ");
    }
    return contacts.length ? contacts[0] : siteContact(data);
  }

  function problemOf(incident, now, zone, data) {
    var next = "";
    if (incident.next_update) {
      var due = new Date(incident.next_update);
      next = fill(now > due ? W.overdue : W.next, { time: clock(due, zone) });
    }
    return {
      title: incident.name, impact: incident.impact, impactLabel: W.impacts[incident.impact],
      icon: W.impactIcons[incident.impact], affects: incident.affects || "",
      workaround: (incident.workaround || "").split(/\s+/).join(" ").trim(), nextUpdate: next,
      contact: whoToCall(incident, data)
    };
  }

  // The banner, the one line, the problems, the planned work and the systems at `now`.
  function glance(data, now) {
    var zone = (data.page && data.page.time_zone) || "Europe/London";
    var at = new Date(now);
    var incidents = data.incidents || [];
    var works = (data.scheduled_maintenances || []).map(function (item) {
      return { item: item, phase: phaseOf(item, now), start: Date.parse(item.scheduled_for) };
    }).sort(function (a, b) { return a.start - b.start; });
    var running = works.filter(function (w) { return w.phase === "in_progress"; });
    var soon = works.filter(function (w) {
      return w.phase === "upcoming" && w.start - now <= W.soonHours * HOUR_MS;
    });
    var level = "none";
    var sentence = W.allWorking;
    var detail = "";
    var line = "";
    if (incidents.length && data.banner) {
      level = data.banner.level;
      sentence = data.banner.sentence;
      detail = data.banner.detail || "";
      line = fill(W.embedProblem, { label: data.banner.label, sentence: sentence });
      if (incidents.length > 1) {
        line = fill(W.embedOthers[incidents.length > 2 ? 1 : 0],
                    { sentence: line, count: incidents.length - 1 });
      }
    } else if (running.length) {
      var first = running[0].item;
      var end = new Date(first.scheduled_until);
      level = "maintenance";
      sentence = fill(now >= end ? W.workLate : W.workUntil,
                      { names: names(first.components), end: clock(end, zone) });
      line = sentence;
    } else if (soon.length) {
      var next = soon[0].item;
      detail = fill(W.workSoon, {
        names: names(next.components),
        window: windowPhrase(new Date(next.scheduled_for), new Date(next.scheduled_until), at, zone)
      });
      line = detail.replace(/\.$/, "");
    }
    return {
      zone: zone,
      banner: { level: level, icon: W.levels[level].icon, label: W.levels[level].label,
                sentence: sentence, detail: detail, problem: incidents.length > 0 },
      line: line,
      problems: incidents.map(function (i) { return problemOf(i, at, zone, data); })
        .sort(function (a, b) { return rank(W.impactOrder, b.impact) - rank(W.impactOrder, a.impact); }),
      work: running.concat(soon).map(function (w) {
        return { title: w.item.name, phase: w.phase, label: W.phases[w.phase],
                 icon: W.phaseIcons[w.phase], when: workWhen(w, at, zone),
                 affects: w.item.affects || "" };
      }),
      systems: systemStates(data, works, incidents),
      contact: siteContact(data)
    };
  }

  function fetchStatus() {
    return fetch(STATUS_JSON, { cache: "no-store", headers: { "Accept": "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status.json answered " + response.status);
        }
        return response.json();
      });
  }

  window.BedsideStatus = {
    words: W, glance: glance, fetchStatus: fetchStatus, clock: clock, fill: fill,
    statusJson: STATUS_JSON, statusPage: STATUS_PAGE
  };

  // --- the banner ----------------------------------------------------------------

  var COLOURS = {
    none: "#1b7a3a", monitoring: "#1b7a3a", maintenance: "#1f5fa8", minor: "#8a5300",
    major: "#b3261e", critical: "#b3261e"
  };

  function showLine(container, seen) {
    container.textContent = "";
    if (!seen.line) {
      container.hidden = true;
      return;
    }
    var line = document.createElement("p");
    line.className = "bedside-embed bedside-embed--" + seen.banner.level;
    line.setAttribute("data-level", seen.banner.level);
    line.style.margin = "0";
    line.style.padding = "0.5em 0.8em";
    line.style.borderLeft = "0.35em solid " + (COLOURS[seen.banner.level] || COLOURS.major);
    line.style.fontWeight = "bold";
    line.appendChild(document.createTextNode(seen.line + " — "));
    var link = document.createElement("a");
    link.href = STATUS_PAGE;
    link.textContent = W.link;
    var target = container.getAttribute("data-target");
    if (target === "_top" || target === "_blank") {
      link.target = target;
    }
    line.appendChild(link);
    container.appendChild(line);
    container.hidden = false;
  }

  function watch(container) {
    function check() {
      if (document.visibilityState === "hidden") {
        return;
      }
      fetchStatus().then(function (data) {
        showLine(container, glance(data, Date.now()));
      }).catch(function () {
        /* Unreachable or not allowed (CORS): keep what is shown and try again. */
      });
    }
    check();
    window.setInterval(check, POLL_MS);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") {
        check();
      }
    });
  }

  function start() {
    var containers = document.querySelectorAll("#bedside-status-banner, [data-bedside-embed]");
    Array.prototype.forEach.call(containers, watch);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
