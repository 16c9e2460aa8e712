// Reading an interview from the keyboard, and its folded parts. Without JavaScript the same
// things are plain links ("Next question" anchors in each question's tools) and <details>. (Replying in place is static/js/comments.js.)
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
    // A question whose top is within this many pixels of the top (or of the bottom of the
    // recording's player, which player.js keeps at the top of the screen) is "current".
    var player = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--player-offset"));
    var line = 80 + (player || 0);
    var index = -1;
    for (var i = 0; i < all.length; i += 1) {
      if (all[i].getBoundingClientRect().top <= line) {
        index = i;
      }
    }
    var target = all[Math.min(all.length - 1, Math.max(0, index + step))];
    if (step < 0 && index >= 0 && all[index].getBoundingClientRect().top < (player || 0) - 1) {
      target = all[index]; // back to the top of the question being read first
    }
    history.replaceState(null, "", "#" + target.id);
    target.scrollIntoView({ block: "start" });
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }

  // The table of contents and a long introduction are folded on a phone, so that the
  // conversation starts within the first screens; on a wider screen they are opened here.
  // Without JavaScript they stay folded, and open with a click or Enter.
  if (window.matchMedia("(min-width: 48em)").matches) {
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) {
      details.open = true;
    });
  }

  // A turn's tools (a <details>): one open at a time; Escape, or a click elsewhere, folds them.
  function foldTools(except) {
    document.querySelectorAll("details.turn-tools[open]").forEach(function (tools) {
      if (tools !== except) {
        tools.open = false;
      }
    });
  }

  document.addEventListener("toggle", function (event) {
    var tools = event.target;
    if (tools.matches && tools.matches("details.turn-tools") && tools.open) {
      foldTools(tools);
    }
  }, true);

  document.addEventListener("click", function (event) {
    if (!event.target.closest("details.turn-tools")) {
      foldTools(null);
    }
  });

  document.addEventListener("keydown", function (event) {
    var open = document.querySelector("details.turn-tools[open]");
    if (event.key !== "Escape" || !open) {
      return;
    }
    // Following a link inside (to its own turn) may have left the focus on the page itself.
    var focus = document.activeElement;
    var refocus = open.contains(focus) || focus === document.body || focus === null;
    open.open = false;
    if (refocus) {
      open.querySelector("summary").focus();
    }
  });

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
