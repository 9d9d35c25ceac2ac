// Progressive enhancement: "Use this spelling" fills the name field in place.
// Without JavaScript the button submits the form and the server fills it in.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-fill-field]");
  if (!button) return;
  var field = document.getElementById(button.getAttribute("data-fill-field"));
  if (!field) return;
  event.preventDefault();
  field.value = button.getAttribute("data-suggestion");
  field.removeAttribute("aria-invalid");
  field.removeAttribute("aria-describedby");
  var wrapper = field.closest(".field");
  if (wrapper) {
    wrapper.classList.remove("field--invalid");
    var error = document.getElementById(field.id + "-error");
    if (error) error.remove();
  }
  button.remove();
  field.focus();
});

// A window shown on arrival (the registration's success window) takes the keyboard focus;
// Escape or its "Close" button closes it, and the focus goes to the button that shows it
// again. It stays non-modal: the header remains usable while it is open.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("dialog[data-focus-on-load]").forEach(function (dialog) {
    var reopen = document.querySelector('[data-open-dialog="' + dialog.id + '"]');
    var first = dialog.querySelector("a[href], button");
    function close() {
      dialog.close();
      if (reopen) reopen.focus();
    }
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.preventDefault(); close(); }
    });
    dialog.querySelectorAll("[data-close-dialog]").forEach(function (button) {
      button.addEventListener("click", close);
    });
    if (reopen) reopen.addEventListener("click", function () { dialog.show(); if (first) first.focus(); });
    if (first) first.focus();
  });
});
