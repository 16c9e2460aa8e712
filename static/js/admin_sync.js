// The admin's sync page: stamp each turn with the player's time as it starts.
//
// The page is a plain form, one time field per turn; this script only writes into those fields
// (stamp, nudge, clear) and moves the selection, so what is saved is what the fields show, and
// the server checks it as it checks typed times. Times are written as the server writes them:
// "00:01:23.4" (hours, minutes, seconds, and tenths when there are any).
(function () {
  "use strict";

  var form = document.getElementById("sync-form");
  var media = document.getElementById("sync-media");
  if (!form || !media) {
    return;
  }
  var tools = document.getElementById("sync-tools");
  var stampButton = document.getElementById("sync-stamp");
  var stampPosition = document.getElementById("sync-stamp-position");
  var status = document.getElementById("sync-status");
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr.sync-turn"));
  if (!rows.length) {
    return;
  }
  var selected = 0;
  var TIME = /^(?:(?:(\d{1,3}):)?(\d{1,2}):)?(\d{1,6})(?:[.,](\d{1,3}))?$/;

  function fieldOf(row) {
    return row.querySelector("input.sync-time");
  }

  function parseTime(text) {
    var found = TIME.exec(text.trim());
    if (!found) {
      return null;
    }
    var seconds = (+(found[1] || 0)) * 3600 + (+(found[2] || 0)) * 60 + (+found[3]);
    if (found[4]) {
      seconds += +("0." + found[4]);
    }
    return seconds;
  }

  function formatTime(seconds) {
    var tenths = Math.round(seconds * 10);
    var whole = Math.floor(tenths / 10);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var text = pad(Math.floor(whole / 3600)) + ":" + pad(Math.floor(whole / 60) % 60) + ":" +
      pad(whole % 60);
    return tenths % 10 ? text + "." + (tenths % 10) : text;
  }

  function say(message) {
    status.textContent = message;
  }

  function positionOf(row) {
    return row.querySelector(".sync-position").textContent.trim();
  }

  function select(index, options) {
    selected = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) {
      row.classList.toggle("sync-selected", i === selected);
      if (i === selected) {
        row.setAttribute("aria-current", "true");
      } else {
        row.removeAttribute("aria-current");
      }
    });
    var row = rows[selected];
    stampPosition.textContent = positionOf(row);
    if (!options || options.scroll !== false) {
      row.scrollIntoView({block: "nearest"});
    }
  }

  function longest() {
    return isFinite(media.duration) ? media.duration : Infinity;
  }

  function setTime(row, seconds) {
    var field = fieldOf(row);
    field.value = seconds === null ? "" : formatTime(seconds);
    markOrder();
  }

  function stamp() {
    var row = rows[selected];
    setTime(row, media.currentTime);
    say("Turn " + positionOf(row) + " stamped at " + fieldOf(row).value + ".");
    if (selected < rows.length - 1) {
      select(selected + 1);
    }
  }

  function nudge(by) {
    var row = rows[selected];
    var current = parseTime(fieldOf(row).value);
    if (current === null) {
      say("Turn " + positionOf(row) + " has no stamp to move.");
      return;
    }
    setTime(row, Math.min(longest(), Math.max(0, current + by)));
    say("Turn " + positionOf(row) + " now at " + fieldOf(row).value + ".");
  }

  function clear() {
    var row = rows[selected];
    setTime(row, null);
    say("Turn " + positionOf(row) + "’s stamp cleared.");
  }

  function togglePlay() {
    if (media.paused) {
      media.play();
    } else {
      media.pause();
    }
  }

  function seekTo(row) {
    var seconds = parseTime(fieldOf(row).value);
    if (seconds === null) {
      say("Turn " + positionOf(row) + " has no time to play from.");
      return;
    }
    media.currentTime = seconds;
    media.play();
  }

  // A time that goes back is marked as the server would mark it (each time against the nearest
  // one above), so the editor sees it before saving; the server's check is the one that counts.
  function markOrder() {
    var previous = null;
    rows.forEach(function (row) {
      var field = fieldOf(row);
      var seconds = parseTime(field.value);
      var back = seconds !== null && previous !== null && seconds < previous;
      row.classList.toggle("sync-back", back);
      if (seconds !== null) {
        previous = seconds;
      }
    });
  }

  var actions = {
    play: togglePlay,
    back: function () { media.currentTime = Math.max(0, media.currentTime - 5); },
    earlier: function () { nudge(-1); },
    later: function () { nudge(1); },
    clear: clear,
    previous: function () { select(selected - 1); },
    next: function () { select(selected + 1); },
  };

  var keys = {
    s: stamp, S: stamp,
    p: actions.play, P: actions.play,
    b: actions.back, B: actions.back,
    "[": actions.earlier,
    "]": actions.later,
    x: clear, X: clear, Delete: clear,
    ArrowUp: actions.previous,
    ArrowDown: actions.next,
  };

  function typingIn(target) {
    return target === media || (target.closest && target.closest("input, textarea, select, [contenteditable]"));
  }

  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target)) {
      return;
    }
    var action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });

  stampButton.addEventListener("click", stamp);
  tools.querySelectorAll("[data-sync]").forEach(function (button) {
    button.addEventListener("click", actions[button.getAttribute("data-sync")]);
  });

  rows.forEach(function (row, index) {
    var field = fieldOf(row);
    field.addEventListener("focus", function () { select(index, {scroll: false}); });
    field.addEventListener("input", markOrder);
    var seek = row.querySelector(".sync-seek");
    seek.hidden = false;
    seek.addEventListener("click", function () {
      select(index, {scroll: false});
      seekTo(row);
    });
  });

  tools.hidden = false;
  markOrder();
  // After a refused save, the first turn in error, its field focused to correct it; otherwise
  // the first turn with no time (where stamping was left off) and the Stamp button.
  var firstError = rows.findIndex(function (row) { return row.querySelector(".errorlist"); });
  if (firstError !== -1) {
    select(firstError);
    fieldOf(rows[firstError]).focus();
  } else {
    var firstBlank = rows.findIndex(function (row) { return !fieldOf(row).value.trim(); });
    select(firstBlank === -1 ? 0 : firstBlank, {scroll: false});
    stampButton.focus();
  }
})();
