/* engine.js: what status.json means at a moment, the same reading as macros/glance.py.

   Every page that shows status (the status home, an audience's view, an
   incident or planned-work page, the home page's door, the wall board) and the
   intranet banner run this same code on the same status.json, so no two of
   them can disagree as the clock moves between builds. No DOM here: the
   page parts (pages.js, board.js, embed.js) draw what it returns.
   W is CONFIG.words: the sentences of macros/wording.py, written in by the build. */

var HOUR_MS = 3600 * 1000;

// --- times in the site's zone, written as the build writes them ---------------------

function zoneParts(date, zone) {
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
  var p = zoneParts(date, zone);
  return p.hour + ":" + p.minute;
}

function dayWords(date, zone) {
  var p = zoneParts(date, zone);
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

// "Planned work on {names} until {end}" with each {name} replaced (strings only).
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
  var weekday = { weekday: zoneParts(date, zone).weekday };
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

function rank(list, value) {
  return list.indexOf(value);
}

// --- where things stand now --------------------------------------------------------

// Planned work's phase at `now`: status.json says where it stood when the site
// was built; the clock moves it on as macros/state.py maintenance_phase would.
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

// Only what concerns `audience` (everything when it is empty), as macros/audiences.py.
function concerns(item, audience) {
  return !audience || !item.audiences || !item.audiences.length ||
    item.audiences.indexOf(audience) >= 0;
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
    return { id: c.id, name: c.name, state: state, label: W.states[state],
             icon: W.stateIcons[state] };
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
    id: incident.id, title: incident.name, impact: incident.impact,
    impactLabel: W.impacts[incident.impact], icon: W.impactIcons[incident.impact],
    affects: incident.affects || "",
    workaround: (incident.workaround || "").split(/\s+/).join(" ").trim(), nextUpdate: next,
    overdue: Boolean(incident.next_update) && now > Date.parse(incident.next_update),
    contact: whoToCall(incident, data)
  };
}

/* The banner, the one line, the problems, the planned work and the systems at `now`.
   `audience` narrows it to one audience's view; `calm` is that view's
   "everything is working" sentence. The banner carries the parts a page needs
   to draw it with <time> elements: `work` (running or soon) and `kind`
   ("problem", "running", "late", "soon" or "calm"). */
function glance(data, now, audience, calm) {
  var zone = (data.page && data.page.time_zone) || "Europe/London";
  var at = new Date(now);
  var incidents = (data.incidents || []).filter(function (i) { return concerns(i, audience); });
  var works = (data.scheduled_maintenances || []).filter(function (item) {
    return concerns(item, audience);
  }).map(function (item) {
    return { item: item, phase: phaseOf(item, now), start: Date.parse(item.scheduled_for) };
  }).sort(function (a, b) { return a.start - b.start; });
  var running = works.filter(function (w) { return w.phase === "in_progress"; });
  var soon = works.filter(function (w) {
    return w.phase === "upcoming" && w.start - now <= W.soonHours * HOUR_MS;
  });
  var level = "none";
  var kind = "calm";
  var sentence = calm || W.allWorking;
  var detail = "";
  var line = "";
  var work = null;
  if (incidents.length && data.banner && !audience) {
    kind = "problem";
    level = data.banner.level;
    sentence = data.banner.sentence;
    detail = data.banner.detail || "";
    line = fill(W.embedProblem, { label: data.banner.label, sentence: sentence });
    if (incidents.length > 1) {
      line = fill(W.embedOthers[incidents.length > 2 ? 1 : 0],
                  { sentence: line, count: incidents.length - 1 });
    }
  } else if (incidents.length) {
    kind = "problem"; // an audience's view: its own words stand, as built
    level = null;
  } else if (running.length) {
    work = running[0].item;
    var end = new Date(work.scheduled_until);
    level = "maintenance";
    kind = now >= end ? "late" : "running";
    sentence = fill(kind === "late" ? W.workLate : W.workUntil,
                    { names: names(work.components), end: clock(end, zone) });
    line = sentence;
  } else if (soon.length) {
    work = soon[0].item;
    kind = "soon";
    detail = fill(W.workSoon, {
      names: names(work.components),
      window: windowPhrase(new Date(work.scheduled_for), new Date(work.scheduled_until), at, zone)
    });
    line = detail.replace(/\.$/, "");
  }
  return {
    zone: zone,
    banner: { level: level, kind: kind, work: work,
              icon: level && W.levels[level].icon, label: level && W.levels[level].label,
              sentence: sentence, detail: detail, problem: incidents.length > 0,
              problems: incidents.length },
    line: line,
    problems: incidents.map(function (i) { return problemOf(i, at, zone, data); })
      .sort(function (a, b) { return rank(W.impactOrder, b.impact) - rank(W.impactOrder, a.impact); }),
    work: running.concat(soon).map(function (w) {
      return { id: w.item.id, title: w.item.name, phase: w.phase, label: W.phases[w.phase],
               icon: W.phaseIcons[w.phase], when: workWhen(w, at, zone),
               affects: w.item.affects || "" };
    }),
    phases: works.reduce(function (found, w) { found[w.item.id] = w.phase; return found; }, {}),
    systems: systemStates(data, works, incidents),
    contact: siteContact(data)
  };
}

/* status.json now: resolves to {data, cached}, where `cached` says the answer came
   from the status pages' offline cache (sw.js) because the network did not answer.
   Rejects with {offline: true} when nothing could be reached at all, and with an
   Error when the host answered something that is not the status document. */
function fetchStatus(address) {
  return fetch(address, { cache: "no-store", headers: { "Accept": "application/json" } })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("status.json answered " + response.status);
      }
      var cached = response.headers.get("Bedside-From-Cache") === "1";
      return response.json().then(function (data) {
        if (!data || !data.page || !data.page.updated_at) {
          throw new Error("status.json is not the status document");
        }
        return { data: data, cached: cached };
      });
    }, function () {
      throw { offline: true };
    });
}
