/* print.js: the "Print notice" button of planned work appears, and prints.

   Without a script the button stays hidden (it could do nothing). Written
   inline at the end of each status page with times.js, so the button is
   there before the page is first drawn and nothing moves when it appears. */

function enablePrinting() {
  document.querySelectorAll("[data-bedside-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });
}
