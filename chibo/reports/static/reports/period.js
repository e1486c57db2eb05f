/* The dashboard's period form: show only the fields of the chosen kind (month, quarter,
   half-year, year, range), and send only those. Without JavaScript every field shows and
   the form still works. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-period-form]");
  if (!form) { return; }
  var kind = form.querySelector("[name=period]");
  function update() {
    form.querySelectorAll("[data-kinds]").forEach(function (el) {
      var shown = el.getAttribute("data-kinds").split(" ").indexOf(kind.value) >= 0;
      el.hidden = !shown;
    });
  }
  kind.addEventListener("change", update);
  // Leave the hidden fields out of the address, so a shared link names only the period.
  form.addEventListener("submit", function () {
    form.querySelectorAll("[data-kinds][hidden] input, [data-kinds][hidden] select")
      .forEach(function (field) { field.disabled = true; });
  });
  update();
})();
