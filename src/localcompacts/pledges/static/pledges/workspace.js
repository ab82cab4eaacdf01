// Buttons marked data-once are disabled after their form is sent, so a double click sends once.
// (The server refuses a second submission anyway; this only spares the person an error.)
document.addEventListener("submit", function (event) {
  var form = event.target;
  form.querySelectorAll("button[data-once]").forEach(function (button) {
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
});
