// The catalogue's filter panel is a <details> element: collapsed on small screens (the results
// come first), always shown on wide ones (catalogue.css). htmx replaces the panel with every
// change of filter; keep it open if the reader had opened it.
(function () {
  "use strict";
  var wasOpen = false;
  document.addEventListener("htmx:beforeSwap", function () {
    var panel = document.getElementById("catalogue-filters");
    wasOpen = !!(panel && panel.open);
  });
  document.addEventListener("htmx:afterSwap", function () {
    var panel = document.getElementById("catalogue-filters");
    if (panel && wasOpen) panel.open = true;
  });
})();
