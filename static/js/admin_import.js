/* The import preview's text boxes grow with their text.
 *
 * Browsers that know CSS `field-sizing: content` (see admin_import.css) need nothing here; for
 * the others, each box is made as tall as its text when the page loads and as the editor types.
 * Loaded as a file: the site's Content-Security-Policy refuses inline scripts.
 */
(function () {
  "use strict";
  if (window.CSS && CSS.supports && CSS.supports("field-sizing", "content")) {
    return;
  }
  function fit(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }
  function start() {
    var boxes = document.querySelectorAll(".import-transcript textarea.grows");
    for (var i = 0; i < boxes.length; i++) {
      fit(boxes[i]);
    }
    document.addEventListener("input", function (event) {
      if (event.target.matches && event.target.matches("textarea.grows")) {
        fit(event.target);
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
