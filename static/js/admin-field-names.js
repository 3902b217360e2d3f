// The admin's search-as-you-type choosers (select2, for autocomplete_fields) name
// their combobox only by the value chosen, so an empty one has no name for a
// screen reader. Name each by its field's label, followed by its value.
(function () {
  "use strict";

  function nameChoosers() {
    document.querySelectorAll("select.admin-autocomplete[id]").forEach(function (select) {
      var label = document.querySelector('label[for="' + select.id + '"]');
      var rendered = document.getElementById("select2-" + select.id + "-container");
      if (!label || !rendered) return;
      var box = rendered.closest(".select2-selection");
      if (!label.id) label.id = select.id + "-label";
      rendered.setAttribute("aria-labelledby", label.id);
      if (box) box.setAttribute("aria-labelledby", label.id + " " + rendered.id);
    });
  }

  // Select2 draws its choosers when the page is ready and for each inline row
  // added: name them whenever the page's elements change.
  var waiting = false;
  new MutationObserver(function () {
    if (waiting) return;
    waiting = true;
    window.setTimeout(function () {
      waiting = false;
      nameChoosers();
    }, 0);
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener("DOMContentLoaded", nameChoosers);
  window.addEventListener("load", nameChoosers);
})();
