/*
 * Hamyar — the little behaviour the pages need.
 *
 * Loaded as an external file (<script src="/assets/js/app.js" defer>),
 * because the Content-Security-Policy forbids inline scripts and inline
 * event handlers. htmx is loaded separately from /assets/js/htmx.min.js.
 *
 * Confirmation before destructive actions
 * ---------------------------------------
 *   <form method="post" action="/users/7/delete" data-confirm="این کاربر حذف شود؟">
 *
 * Submitting such a form first asks the question in the attribute; choosing
 * "Cancel" stops the submission. A submit button may carry its own
 * data-confirm, which then wins over the form's (useful when one form has
 * several buttons and only one of them is dangerous).
 *
 * The listener runs in the capture phase on the document, i.e. before any
 * listener attached to the form itself (htmx's included), so a cancelled
 * confirmation stops plain and htmx-powered forms alike.
 */
(function () {
  "use strict";

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (!(form instanceof HTMLFormElement)) {
        return;
      }

      var submitter = event.submitter;
      var message =
        (submitter && submitter.getAttribute("data-confirm")) ||
        form.getAttribute("data-confirm");
      if (!message) {
        return;
      }

      if (!window.confirm(message)) {
        event.preventDefault();
        event.stopImmediatePropagation();
      }
    },
    true
  );
})();

/*
 * Copy to the clipboard
 * ---------------------
 *   <textarea id="press-paragraph" readonly>…</textarea>
 *   <button type="button" hidden data-copy-target="press-paragraph"
 *           data-copied="رونوشت شد">رونوشت متن</button>
 *
 * The button is hidden in the page and shown here, so a browser without
 * this script (or without a clipboard) never sees a button that does
 * nothing: the text is selectable anyway. A click copies the target's
 * value (or its text) and says so on the button for two seconds.
 */
(function () {
  "use strict";

  function textOf(target) {
    return "value" in target ? target.value : target.textContent;
  }

  function selectAndCopy(target) {
    if (typeof target.select === "function") {
      target.select();
    }
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copied(button) {
    var label = button.textContent;
    var done = button.getAttribute("data-copied");
    if (!done) {
      return;
    }
    button.textContent = done;
    window.setTimeout(function () {
      button.textContent = label;
    }, 2000);
  }

  function wire(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = textOf(target);
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () {
            copied(button);
          },
          function () {
            if (selectAndCopy(target)) {
              copied(button);
            }
          }
        );
      } else if (selectAndCopy(target)) {
        copied(button);
      }
    });
  }

  function wireAll() {
    var buttons = document.querySelectorAll("button[data-copy-target]");
    for (var index = 0; index < buttons.length; index += 1) {
      wire(buttons[index]);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", wireAll);
  } else {
    wireAll();
  }
})();

/*
 * The menu strip shows the current page
 * -------------------------------------
 * On a phone the menu is one row that scrolls sideways (the stylesheet's narrow-screen
 * section); with a dozen entries the current one is often out of sight. Once the page is
 * parsed, the strip is scrolled (never the page) so that the current entry sits in its
 * middle. Works in both directions: scrollLeft is negative in a right-to-left strip, and the
 * difference of the two centres moves it the right way in either.
 */
(function () {
  "use strict";

  function showCurrentMenuEntry() {
    var strip = document.querySelector(".app-nav");
    var current = strip && strip.querySelector('[aria-current="page"]');
    if (!current || strip.scrollWidth <= strip.clientWidth) {
      return;
    }
    var box = strip.getBoundingClientRect();
    var entry = current.getBoundingClientRect();
    strip.scrollLeft += entry.left + entry.width / 2 - (box.left + box.width / 2);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showCurrentMenuEntry);
  } else {
    showCurrentMenuEntry();
  }
  // Vazirmatn arrives after the first layout (font-display: swap) and widens the entries:
  // centre the current one again once it is drawn in its own font.
  if (document.fonts && document.fonts.ready) {
    document.fonts.ready.then(showCurrentMenuEntry);
  }
})();
