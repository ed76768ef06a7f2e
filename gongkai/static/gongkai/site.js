/* Reading aids of the public site: 字号 (A+/A−), 高对比度 and 适老化 modes, print.
   Loaded in <head> so the remembered mode applies before the page paints; the buttons are
   shown only when this script runs (the site works without it). Preferences stay in this
   browser (localStorage), never sent to the server. */
(function () {
  "use strict";
  var KEY = "gongkai-reading";
  var root = document.documentElement;
  var MIN = -1, MAX = 4;

  function load() {
    try { return JSON.parse(window.localStorage.getItem(KEY)) || {}; } catch (e) { return {}; }
  }
  function save(prefs) {
    try { window.localStorage.setItem(KEY, JSON.stringify(prefs)); } catch (e) { /* private mode */ }
  }
  function apply(prefs) {
    var step = Math.max(MIN, Math.min(MAX, parseInt(prefs.font || 0, 10) || 0));
    if (step) { root.setAttribute("data-font-step", String(step)); } else { root.removeAttribute("data-font-step"); }
    root.classList.toggle("high-contrast", !!prefs.contrast);
    root.classList.toggle("elder-mode", !!prefs.elder);
  }
  var prefs = load();
  apply(prefs);

  function sync(bar) {
    var contrast = bar.querySelector("[data-tool=contrast]");
    var elder = bar.querySelector("[data-tool=elder]");
    if (contrast) { contrast.setAttribute("aria-pressed", prefs.contrast ? "true" : "false"); }
    if (elder) { elder.setAttribute("aria-pressed", prefs.elder ? "true" : "false"); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var bar = document.querySelector(".reading-tools");
    if (!bar) { return; }
    bar.hidden = false;
    sync(bar);
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-tool]");
      if (!button) { return; }
      var tool = button.getAttribute("data-tool");
      var step = parseInt(prefs.font || 0, 10) || 0;
      if (tool === "print") { window.print(); return; }
      if (tool === "font-up") { prefs.font = Math.min(MAX, step + 1); }
      if (tool === "font-down") { prefs.font = Math.max(MIN, step - 1); }
      if (tool === "contrast") { prefs.contrast = !prefs.contrast; }
      if (tool === "elder") { prefs.elder = !prefs.elder; }
      if (tool === "reset") { prefs = {}; }
      save(prefs);
      apply(prefs);
      sync(bar);
    });
  });
}());
