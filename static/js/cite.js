// A turn's "Link to this …" copies the turn's full address to the clipboard and says so.
// Without JavaScript, or without a clipboard, it stays a plain link to the turn.
(function () {
  "use strict";
  if (!navigator.clipboard) {
    return;
  }
  var timers = new WeakMap();

  function say(status, message) {
    if (!status) {
      return;
    }
    status.textContent = message;
    clearTimeout(timers.get(status));
    timers.set(status, setTimeout(function () { status.textContent = ""; }, 3000));
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-copy-url]");
    if (!link) {
      return;
    }
    var status = link.parentElement.querySelector(".copy-status");
    navigator.clipboard.writeText(link.dataset.copyUrl).then(
      function () { say(status, "Copied"); },
      function () { say(status, "Could not copy: use the link’s address"); }
    );
  });
})();
