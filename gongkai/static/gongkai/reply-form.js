// The reply draft form shows only the fields of the chosen outcome (all fields without JavaScript;
// the server ignores the fields of other outcomes).
(function () {
  var form = document.querySelector("#action-decide form");
  if (!form) return;
  var select = form.querySelector("select[name=outcome]");
  function update() {
    var value = select.value;
    form.querySelectorAll("[data-outcomes]").forEach(function (field) {
      var wrapper = field.closest("div");
      var used = !value || field.getAttribute("data-outcomes").split(" ").indexOf(value) >= 0;
      if (wrapper) wrapper.hidden = !used;
    });
  }
  select.addEventListener("change", update);
  update();
})();
