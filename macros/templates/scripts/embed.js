/* embed.js: the intranet banner (status/banner.js) for pages on other sites.

   On an intranet page, one tag and an empty element:

     <div id="bedside-status-banner"></div>
     <script src="https://it.example.org/status/banner.js" async></script>

   It shows one line when something is wrong or planned work is on now or
   starts within a day ("Serious problem: Patient records are not opening —
   see the status page"), and nothing at all when everything is working. It
   reads status.json next to it every minute, with engine.js, the same
   reading as the status pages. Every word from the data is set as text. The
   browser only lets it read status.json when the intranet page is on the
   same host as the status site, or when the status site sends
   Access-Control-Allow-Origin; otherwise use the <iframe> page instead
   (docs/it-team/board-and-banner.md). It adds nothing to the host page's
   global names. */

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
  line.appendChild(document.createTextNode(seen.line + " \u2014 "));
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

function watchEmbed(container) {
  function check() {
    if (document.visibilityState === "hidden") {
      return;
    }
    fetchStatus(STATUS_JSON).then(function (answer) {
      showLine(container, glance(answer.data, Date.now()));
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

function startBanner() {
  Array.prototype.forEach.call(
    document.querySelectorAll("#bedside-status-banner, [data-bedside-embed]"), watchEmbed);
}
