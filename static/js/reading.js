// Reading an interview from the keyboard. Without JavaScript the same thing is plain links:
// "Next question" anchors. (Replying in place is static/js/comments.js.)
(function () {
  "use strict";

  // j / k: to the next / previous question, from wherever the reader is on the page.
  function questions() {
    return Array.prototype.slice.call(document.querySelectorAll(".turn--question"));
  }

  function go(step) {
    var all = questions();
    if (!all.length) {
      return;
    }
    var line = 80; // a question whose top is within this many pixels of the top is "current"
    var index = -1;
    for (var i = 0; i < all.length; i += 1) {
      if (all[i].getBoundingClientRect().top <= line) {
        index = i;
      }
    }
    var target = all[Math.min(all.length - 1, Math.max(0, index + step))];
    if (step < 0 && index >= 0 && all[index].getBoundingClientRect().top < -1) {
      target = all[index]; // back to the top of the question being read first
    }
    history.replaceState(null, "", "#" + target.id);
    target.scrollIntoView({ block: "start" });
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    var field = event.target.closest("input, textarea, select, [contenteditable]");
    if (field) {
      return;
    }
    if (event.key === "j") {
      event.preventDefault();
      go(1);
    } else if (event.key === "k") {
      event.preventDefault();
      go(-1);
    }
  });
})();
