// Buttons marked data-once are disabled after their form is sent, so a double click sends once.
// (The server refuses a second submission anyway; this only spares the person an error.)
document.addEventListener("submit", function (event) {
  var form = event.target;
  form.querySelectorAll("button[data-once]").forEach(function (button) {
    window.setTimeout(function () { button.disabled = true; }, 0);
  });
});

// The editor's forms are boosted by htmx (hx-boost): show the server's answer for invalid input
// (400, with errors next to the fields) and refused transitions (409) instead of ignoring them.
if (window.htmx) {
  window.htmx.config.responseHandling = [
    { code: "204", swap: false },
    { code: "[23]..", swap: true },
    { code: "40[09]", swap: true, error: false },
    { code: "...", swap: false, error: true },
  ];
}
