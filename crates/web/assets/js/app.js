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
