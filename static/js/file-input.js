// The Vietnamese file box (tdkt/core/forms.py VNFileInput, core/widgets/_file_box.html): writes the
// chosen file's name beside the "Chọn tệp" button. Without it the box still works; only the name
// is not shown. One listener on the document serves every box, those htmx brings in included.
(function () {
  "use strict";
  if (window.tdktFileInput) return;  // the script tag comes with each box; one listener is enough
  window.tdktFileInput = true;
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("tdkt-file-input")) return;
    var box = input.closest(".tdkt-file");
    var name = box && box.querySelector(".tdkt-file-name");
    if (!name) return;
    var names = Array.prototype.map.call(input.files || [], function (file) { return file.name; });
    name.textContent = names.length ? names.join(", ") : name.getAttribute("data-empty");
    box.classList.toggle("tdkt-file-chosen", names.length > 0);
  });
})();
