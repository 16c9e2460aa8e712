// The reading page's player: the browser's own <audio> or <video>, driven by the transcript.
// Without JavaScript each time is a link to the recording at that moment (Media Fragments,
// "recording.mp3#t=83"); here it becomes a control that seeks the page's player and plays.
// While it plays, the turn being heard is marked and, if the reader asks ("Follow along"),
// kept in view. Keys: p plays or pauses, b goes back 10 seconds (j and k are reading.js's).
(function () {
  "use strict";

  var box = document.querySelector("[data-player]");
  var media = box && box.querySelector(".player-media");
  if (!media) {
    return;
  }
  var follow = box.querySelector("[data-follow-along]");
  var FOLLOW_KEY = "interview-archive.follow-along";
  var BACK_SECONDS = 10;
  var root = document.documentElement;

  box.querySelector("[data-player-options]").hidden = false;

  // The player stays at the top of the screen (CSS, position: sticky): turns scrolled to land
  // below it (scroll-margin-top in site.css), and reading.js's j and k count from its edge.
  function measure() {
    root.style.setProperty("--player-offset", box.offsetHeight + "px");
  }
  measure();
  if (window.ResizeObserver) {
    new ResizeObserver(measure).observe(box);
  }

  // A reader's choice to follow along is remembered; storage may be refused (private modes).
  try {
    follow.checked = window.localStorage.getItem(FOLLOW_KEY) === "1";
  } catch (error) {
    follow.checked = false;
  }
  follow.addEventListener("change", function () {
    try {
      window.localStorage.setItem(FOLLOW_KEY, follow.checked ? "1" : "0");
    } catch (error) {
      // Not remembered: it still holds for this page.
    }
    if (follow.checked && current) {
      keepInView(current);
    }
  });

  function playFrom(seconds) {
    media.currentTime = seconds;
    var playing = media.play();
    if (playing && playing.catch) {
      playing.catch(function () {
        // Refused (no sound allowed yet, or no source): the player's own controls remain.
      });
    }
  }

  document.querySelectorAll("a[data-seek]").forEach(function (control) {
    control.setAttribute("role", "button");
  });
  document.addEventListener("click", function (event) {
    var control = event.target.closest("a[data-seek]");
    if (!control || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    event.preventDefault();
    playFrom(parseFloat(control.getAttribute("data-seek")));
  });
  // A link follows Enter by itself; a button also answers Space.
  document.addEventListener("keydown", function (event) {
    var control = event.target.closest && event.target.closest("a[data-seek]");
    if (control && event.key === " ") {
      event.preventDefault();
      playFrom(parseFloat(control.getAttribute("data-seek")));
    }
  });

  // The timed turns by time; a turn without a time is heard within the one before it.
  var timed = [];
  document.querySelectorAll(".transcript .turn").forEach(function (turn, order) {
    var time = turn.querySelector(".turn-time[data-seek]");
    if (time) {
      timed.push({ turn: turn, start: parseFloat(time.getAttribute("data-seek")), order: order });
    }
  });
  timed.sort(function (a, b) {
    return a.start - b.start || a.order - b.order;
  });

  var current = null;
  var reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");

  function keepInView(turn) {
    turn.scrollIntoView({ block: "start", behavior: reducedMotion.matches ? "auto" : "smooth" });
  }

  function turnAt(seconds) {
    var found = null;
    for (var i = 0; i < timed.length && timed[i].start <= seconds; i += 1) {
      found = timed[i].turn;
    }
    return found;
  }

  function markCurrent() {
    var turn = turnAt(media.currentTime);
    if (turn === current) {
      return;
    }
    if (current) {
      current.classList.remove("turn--playing");
      current.removeAttribute("aria-current");
    }
    current = turn;
    if (turn) {
      turn.classList.add("turn--playing");
      turn.setAttribute("aria-current", "true");
      if (follow.checked && !media.paused) {
        keepInView(turn);
      }
    }
  }

  media.addEventListener("timeupdate", markCurrent);
  media.addEventListener("seeked", markCurrent);
  media.addEventListener("play", markCurrent);

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    if (event.target.closest && event.target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    if (event.key === "p") {
      event.preventDefault();
      if (media.paused) {
        playFrom(media.currentTime);
      } else {
        media.pause();
      }
    } else if (event.key === "b") {
      event.preventDefault();
      media.currentTime = Math.max(0, media.currentTime - BACK_SECONDS);
    }
  });
})();
