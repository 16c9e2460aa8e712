/* The import preview: text boxes that grow with their text, and named person searches.
 *
 * Browsers that know CSS `field-sizing: content` (see admin_import.css) size the boxes
 * themselves; for the others, each box is made as tall as its text when the page loads and as
 * the editor types. The admin's person search (select2) shows a box of its own in place of the
 * speaker's list, without the list's name: it is given it, for screen readers.
 * Loaded as a file: the site's Content-Security-Policy refuses inline scripts.
 */
(function () {
  "use strict";
  var sizesItself = window.CSS && CSS.supports && CSS.supports("field-sizing", "content");

  function fit(box) {
    box.style.height = "auto";
    box.style.height = box.scrollHeight + 2 + "px";
  }

  function growBoxes() {
    if (sizesItself) {
      return;
    }
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

  function nameSearches() {
    var lists = document.querySelectorAll(".import-transcript select.admin-autocomplete");
    for (var i = 0; i < lists.length; i++) {
      var name = lists[i].getAttribute("aria-label");
      var shown = lists[i].nextElementSibling;
      var search = shown && shown.querySelector(".select2-selection");
      var chosen = shown && shown.querySelector(".select2-selection__rendered");
      if (name && search) {
        search.removeAttribute("aria-labelledby");
        search.setAttribute("aria-label", name);
      }
      if (name && chosen) {
        chosen.setAttribute("aria-label", name);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", growBoxes);
  } else {
    growBoxes();
  }
  // jQuery runs its ready functions in the order given: autocomplete.js, loaded before this
  // file, has made the searches by the time this one runs.
  if (window.django && window.django.jQuery) {
    window.django.jQuery(nameSearches);
  }
})();
