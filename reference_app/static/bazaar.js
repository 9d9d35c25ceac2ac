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
