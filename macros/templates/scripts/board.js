/* board.js: the wall board (status/board/) re-reads status.json every minute and
   redraws itself with engine.js glance, the same reading as every status page.

   The page as built is complete (and reloads every minute without
   JavaScript). With this script it reads status.json at once and then every
   60 seconds, and redraws the banner, problems, planned work and systems, so
   promised update times and planned work move on with the clock even between
   builds. The time of the last successful refresh is shown at the top; when
   status.json cannot be read, the board says since when, and keeps what it
   showed with the clock moved on. All text is set with textContent. */

function startBoard(board) {
  var zone = board.getAttribute("data-zone") || "Europe/London";
  var refreshedAt = new Date(board.getAttribute("data-built-at") || Date.now());
  var latest = null;

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function fact(heading, text) {
    var line = element("p");
    line.appendChild(element("strong", "", heading + ":"));
    line.appendChild(document.createTextNode(" " + text));
    return line;
  }

  function titled(iconName, text) {
    var title = element("p", "bedside-board__title");
    title.appendChild(iconElement(iconName));
    title.appendChild(element("span", "", text));
    return title;
  }

  function list(section, items, empty) {
    var ul = section.querySelector("ul");
    ul.textContent = "";
    items.forEach(function (item) { ul.appendChild(item); });
    if (!items.length && empty) {
      ul.appendChild(element("li", "bedside-board__none", empty));
    }
  }

  function drawBanner(seen) {
    board.className = board.className.replace(/bedside-level--[a-z_]+/,
                                              "bedside-level--" + seen.banner.level);
    var sentence = board.querySelector("[data-board-sentence]");
    sentence.textContent = "";
    sentence.appendChild(iconElement(seen.banner.icon));
    var words = element("span");
    if (seen.banner.problem) {
      words.appendChild(element("span", "bedside-board__label", seen.banner.label + ": "));
    }
    words.appendChild(document.createTextNode(seen.banner.sentence));
    sentence.appendChild(words);
    var detail = board.querySelector("[data-board-detail]");
    detail.textContent = seen.banner.detail;
    detail.hidden = !seen.banner.detail;
  }

  function drawProblems(seen) {
    var section = board.querySelector("[data-board-problems]");
    list(section, seen.problems.map(function (problem) {
      var item = element("li", "bedside-board__item bedside-impact--" + problem.impact);
      item.appendChild(titled(problem.icon, problem.impactLabel + ": " + problem.title));
      item.appendChild(fact(W.fields.affects, problem.affects));
      if (problem.workaround) {
        item.appendChild(fact(W.fields.workaround, problem.workaround));
      }
      if (problem.contact && problem.contact !== seen.contact) { // else the board's foot says it
        item.appendChild(fact(W.fields.contact, problem.contact));
      }
      if (problem.nextUpdate) {
        var next = element("p", "bedside-board__next");
        next.appendChild(iconElement("clock"));
        next.appendChild(document.createTextNode(problem.nextUpdate));
        item.appendChild(next);
      }
      return item;
    }));
    section.hidden = !seen.problems.length;
  }

  function drawWork(seen) {
    list(board.querySelector("[data-board-work]"), seen.work.map(function (work) {
      var item = element("li", "bedside-board__item bedside-phase--" + work.phase);
      item.appendChild(titled(work.icon, work.label + ": " + work.title));
      item.appendChild(element("p", "bedside-board__when", work.when));
      item.appendChild(fact(W.fields.affects, work.affects));
      return item;
    }), W.noWork);
  }

  function drawSystems(seen) {
    list(board.querySelector("[data-board-systems]"), seen.systems.map(function (system) {
      var item = element("li", "bedside-board__system bedside-state--" + system.state);
      item.setAttribute("data-state", system.state);
      item.appendChild(iconElement(system.icon));
      item.appendChild(element("span", "bedside-board__name", system.name));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(element("span", "bedside-board__state", system.label));
      return item;
    }));
  }

  function drawRefreshed(failed) {
    var line = board.querySelector("[data-board-refreshed]");
    var time = element("time", "", clock(refreshedAt, zone));
    time.setAttribute("datetime", refreshedAt.toISOString());
    var parts = (failed ? W.notRefreshed : W.refreshed).split("{time}");
    line.textContent = "";
    line.appendChild(document.createTextNode(parts[0]));
    line.appendChild(time);
    line.appendChild(document.createTextNode(parts.slice(1).join("")));
    if (failed) {
      line.setAttribute("data-stale", "");
    } else {
      line.removeAttribute("data-stale");
    }
  }

  function draw(failed) {
    if (latest) {
      var seen = glance(latest, Date.now());
      drawBanner(seen);
      drawProblems(seen);
      drawWork(seen);
      drawSystems(seen);
    }
    drawRefreshed(failed);
  }

  var builtAt = board.getAttribute("data-built-at");

  function refresh() {
    fetchStatus(STATUS_JSON).then(function (answer) {
      latest = answer.data;
      builtAt = answer.data.built_at || builtAt;
      if (!answer.cached) {
        refreshedAt = new Date();
      }
      draw(answer.cached); // from the offline cache: what we knew, with the clock moved on
      showOffline(board, answer.cached, builtAt, latest, false);
      localiseTimes(Date.now());
    }).catch(function (error) {
      draw(true); // keep what we knew, with the clock moved on
      showOffline(board, Boolean(error && error.offline), builtAt, latest, false);
      localiseTimes(Date.now());
    });
  }


  refresh();
  window.setInterval(refresh, POLL_MS);
}
