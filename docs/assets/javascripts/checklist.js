/*
 * Checklists on playbook pages.
 *
 * Task lists are written in Markdown ("- [ ] Book the room"). Without this
 * script they read as a printed checklist. With it:
 *   - the boxes can be ticked, and the ticks stay in this browser
 *     (localStorage, one entry per page);
 *   - a tap or click anywhere on a line's words ticks its box (the words
 *     move inside the box's <label>, which also names the box);
 *   - "Clear ticks" unticks every box on the page;
 *   - "Copy as Markdown" copies the lists with their ticks, ready to paste
 *     into a ticket.
 * The practice template loads this file only on pages that have a task list.
 */
(function () {
  "use strict";

  var STORAGE_PREFIX = "bedside-checklist:";

  function storageKey() {
    return STORAGE_PREFIX + window.location.pathname;
  }

  /* localStorage can be missing or blocked (private windows, strict
     settings). Ticking still works then; it is just not remembered. */
  function readTicks() {
    try {
      var saved = window.localStorage.getItem(storageKey());
      var parsed = saved ? JSON.parse(saved) : {};
      return parsed && typeof parsed === "object" ? parsed : {};
    } catch (error) {
      return {};
    }
  }

  function writeTicks(ticks) {
    try {
      if (Object.keys(ticks).length) {
        window.localStorage.setItem(storageKey(), JSON.stringify(ticks));
      } else {
        window.localStorage.removeItem(storageKey());
      }
    } catch (error) {
      /* Not remembered, but the page keeps working. */
    }
  }

  function isNestedList(node) {
    return node.nodeType === Node.ELEMENT_NODE && node.matches("ul, ol");
  }

  /* The words of one item, without the words of any list nested in it. */
  function itemText(item) {
    var parts = [];
    item.childNodes.forEach(function (node) {
      if (!isNestedList(node)) {
        parts.push(node.textContent);
      }
    });
    return parts.join("").replace(/\s+/g, " ").trim();
  }

  /* Put the item's own words inside the label that holds its box, so the
     whole line is the box's label: tapping the words ticks it, and the
     words name it. A list nested in the item stays outside. */
  function labelTheLine(item, box) {
    var label = box.parentElement;
    if (label.tagName !== "LABEL") {
      label = document.createElement("label");
      label.className = "task-list-control";
      box.insertAdjacentElement("beforebegin", label);
      label.appendChild(box);
    }
    Array.prototype.slice.call(item.childNodes).forEach(function (node) {
      if (node !== label && !isNestedList(node)) {
        label.appendChild(node);
      }
    });
  }

  function checkboxOf(item) {
    return item.querySelector(":scope > input[type=checkbox], " +
                              ":scope > label > input[type=checkbox]");
  }

  /* Each box gets a key made of its words, so ticks follow the item even
     when someone adds a line above it. Repeated words get a counter. */
  function keyItems(items) {
    var seen = {};
    return items.map(function (item) {
      var text = itemText(item);
      seen[text] = (seen[text] || 0) + 1;
      return { item: item, box: checkboxOf(item), text: text,
               key: seen[text] > 1 ? text + " #" + seen[text] : text };
    }).filter(function (entry) { return entry.box; });
  }

  function nearestHeading(list, article) {
    var node = list;
    while (node && node !== article) {
      var previous = node.previousElementSibling;
      while (previous) {
        if (/^H[2-6]$/.test(previous.tagName)) {
          return previous;
        }
        previous = previous.previousElementSibling;
      }
      node = node.parentElement;
    }
    return null;
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function listToMarkdown(list, depth) {
    var lines = [];
    Array.prototype.forEach.call(list.children, function (item) {
      if (item.tagName !== "LI") {
        return;
      }
      var box = checkboxOf(item);
      var mark = box ? (box.checked ? "[x] " : "[ ] ") : "";
      lines.push("  ".repeat(depth) + "- " + mark + itemText(item));
      item.querySelectorAll(":scope > ul, :scope > ol").forEach(function (inner) {
        lines = lines.concat(listToMarkdown(inner, depth + 1));
      });
    });
    return lines;
  }

  /* Every top-level task list, under the heading it belongs to. */
  function pageToMarkdown(article, lists) {
    var title = article.querySelector("h1");
    var out = title ? ["# " + headingText(title), ""] : [];
    var lastHeading = null;
    lists.forEach(function (list) {
      var heading = nearestHeading(list, article);
      if (heading && heading !== lastHeading) {
        var level = Number(heading.tagName.charAt(1));
        out.push("#".repeat(level) + " " + headingText(heading), "");
        lastHeading = heading;
      }
      out = out.concat(listToMarkdown(list, 0), [""]);
    });
    return out.join("\n").trim() + "\n";
  }

  function copyWithTextarea(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "checklist-tools__scratch";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try {
      copied = document.execCommand("copy");
    } catch (error) {
      copied = false;
    }
    area.remove();
    return copied;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return copyWithTextarea(text); }
      );
    }
    return Promise.resolve(copyWithTextarea(text));
  }

  function makeButton(label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button checklist-tools__button";
    button.textContent = label;
    return button;
  }

  function setUp(article) {
    if (article.querySelector(".checklist-tools")) {
      return;
    }
    var lists = Array.prototype.filter.call(
      article.querySelectorAll("ul.task-list"),
      function (list) { return !list.parentElement.closest("ul.task-list"); }
    );
    if (!lists.length) {
      return;
    }
    var entries = keyItems(Array.prototype.slice.call(
      article.querySelectorAll("li.task-list-item")));
    var ticks = readTicks();

    entries.forEach(function (entry) {
      entry.box.disabled = false;
      entry.box.removeAttribute("disabled");
      labelTheLine(entry.item, entry.box);
      entry.box.checked = ticks[entry.key] === true;
      entry.box.addEventListener("change", function () {
        var now = readTicks();
        if (entry.box.checked) {
          now[entry.key] = true;
        } else {
          delete now[entry.key];
        }
        writeTicks(now);
      });
    });

    var tools = document.createElement("div");
    tools.className = "checklist-tools";
    var note = document.createElement("p");
    note.className = "checklist-tools__note";
    note.textContent = "Ticks stay in this browser only. To share them, copy the list into your ticket.";
    var copy = makeButton("Copy as Markdown");
    var clear = makeButton("Clear ticks");
    var message = document.createElement("p");
    message.className = "checklist-tools__message";
    message.setAttribute("role", "status");

    copy.addEventListener("click", function () {
      copyText(pageToMarkdown(article, lists)).then(function (copied) {
        message.textContent = copied
          ? "Copied. Paste it into your ticket."
          : "Copying did not work in this browser. Select the list and copy it by hand.";
      });
    });
    clear.addEventListener("click", function () {
      entries.forEach(function (entry) { entry.box.checked = false; });
      writeTicks({});
      message.textContent = "All ticks cleared on this page.";
    });

    tools.appendChild(note);
    tools.appendChild(copy);
    tools.appendChild(clear);
    tools.appendChild(message);

    /* Put the buttons at the top of the section that holds the first list. */
    var first = lists[0];
    var section = nearestHeading(first, article);
    while (section && section.tagName !== "H2") {
      var before = nearestHeading(section, article);
      if (!before) {
        break;
      }
      section = before;
    }
    if (section && section.tagName === "H2") {
      section.insertAdjacentElement("afterend", tools);
    } else {
      first.insertAdjacentElement("beforebegin", tools);
    }
  }

  function start() {
    var article = document.querySelector("article.md-content__inner");
    if (article) {
      setUp(article);
    }
  }

  /* Material's instant loading swaps pages without reloading scripts. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
