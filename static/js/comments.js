// "Reply" under a comment, where scripts run: the interview page's own comment form moves under
// that comment, set to answer it, with a button that puts it back. Without JavaScript the link
// opens the comment form's own page (comments/new/?reply_to=...), which quotes the comment.
(function () {
  "use strict";

  var form = document.getElementById("comment-form");
  var thread = document.querySelector(".comment-thread");
  if (!form || !thread) {
    return;
  }
  var parent = form.querySelector("input[name=parent]");
  var heading = document.getElementById("comment-form-heading");
  var submit = form.querySelector("button[type=submit]");
  if (!parent || !heading || !submit) {
    return;
  }
  var original = { heading: heading.textContent, submit: submit.textContent };
  // Where the form lives when it answers nobody.
  var home = document.createComment("comment form");
  form.parentNode.insertBefore(home, form);

  var cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "comment-form-cancel";
  cancel.textContent = "Cancel reply";
  cancel.hidden = true;
  submit.insertAdjacentElement("afterend", cancel);

  function putBack() {
    home.parentNode.insertBefore(form, home.nextSibling);
    parent.value = "";
    heading.textContent = original.heading;
    submit.textContent = original.submit;
    cancel.hidden = true;
  }

  thread.addEventListener("click", function (event) {
    var link = event.target.closest("a[data-reply-to]");
    var comment = link && link.closest(".comment");
    var body = comment && comment.querySelector(".comment-body");
    if (!body || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) {
      return; // a click that opens the link elsewhere goes to the form's page as usual
    }
    event.preventDefault();
    body.insertAdjacentElement("afterend", form);
    parent.value = link.dataset.replyTo;
    heading.textContent = "Reply to " + link.dataset.replyAuthor;
    submit.textContent = "Post reply";
    cancel.hidden = false;
    form.scrollIntoView({ block: "nearest" });
    var name = form.querySelector("input[name=author_name]");
    (name && !name.value ? name : form.querySelector("textarea") || name).focus({
      preventScroll: true,
    });
  });

  cancel.addEventListener("click", function () {
    putBack();
    submit.focus({ preventScroll: true });
    form.scrollIntoView({ block: "nearest" });
  });
})();
