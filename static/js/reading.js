// Reading an interview from the keyboard, and replying without a page load.
// Without JavaScript the same things are plain links: "Next question" anchors, and "Reply" links
// that reload the page with the reply form filled in.
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

  // "Reply": fill in the form's parent and heading, and bring the reader to it.
  var form = document.getElementById("comment-form");
  if (!form) {
    return;
  }
  var parent = form.querySelector("input[name=parent]");
  var heading = document.getElementById("comment-form-heading");
  var submit = form.querySelector("button[type=submit]");

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to]");
    if (!link || !parent) {
      return;
    }
    event.preventDefault();
    parent.value = link.dataset.replyTo;
    heading.textContent = "Reply to " + link.dataset.replyAuthor;
    submit.textContent = "Post reply";
    form.scrollIntoView({ block: "start" });
    var text = form.querySelector("textarea");
    if (text) {
      text.focus({ preventScroll: true });
    }
  });
})();
