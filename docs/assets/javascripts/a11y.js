/*
 * Accessibility fixes to what Material's own script adds to a page (the CSS
 * ones are in assets/stylesheets/a11y.css), each found by axe-core in the
 * browser tests.
 *
 * landmark-unique: with content.code.copy, Material puts each code block's
 * copy button in its own unnamed <nav>, so a page with two code blocks has
 * two navigation landmarks that cannot be told apart, and a screen reader's
 * list of landmarks fills with them. A single button is not a landmark: the
 * <nav> is turned into a plain wrapper (role "none"); the button keeps its
 * name ("Copy to clipboard").
 */
(function () {
  "use strict";

  function plainWrappers(root) {
    root.querySelectorAll("nav.md-code__nav:not([role])").forEach(function (nav) {
      nav.setAttribute("role", "none");
    });
  }

  /* Material adds the buttons after the page loads, and again after each
     instant-loading page change: watch for them. */
  plainWrappers(document);
  new MutationObserver(function () {
    plainWrappers(document);
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
