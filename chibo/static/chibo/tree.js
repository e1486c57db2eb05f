// Organisation tree: htmx loads a branch on the first click; later clicks fold and unfold it.
(function () {
  "use strict";
  function buttonFor(branch) {
    return document.querySelector('button.toggle[data-branch="' + branch.id + '"]');
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button.toggle[data-branch]");
    if (!button || !button.dataset.loaded) return;  // the first click is htmx's: it loads
    var branch = document.getElementById(button.dataset.branch);
    var open = button.getAttribute("aria-expanded") === "true";
    branch.hidden = open;
    button.setAttribute("aria-expanded", String(!open));
    button.textContent = open ? "+" : "−";
    button.setAttribute("aria-label", open ? button.dataset.labelOpen : button.dataset.labelClose);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    var button = buttonFor(event.detail.target);
    if (!button) return;
    button.dataset.loaded = "1";
    button.setAttribute("aria-expanded", "true");
    button.textContent = "−";
    button.setAttribute("aria-label", button.dataset.labelClose);
  });
})();
