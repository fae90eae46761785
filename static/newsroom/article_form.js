/* Article form helpers: length counters for sharing previews and a live view of the address. */
(function () {
  "use strict";

  function counter(field) {
    var limit = parseInt(field.getAttribute("data-counter"), 10);
    var note = document.createElement("div");
    note.className = "char-counter";
    note.setAttribute("aria-live", "polite");
    field.insertAdjacentElement("afterend", note);
    function update() {
      var length = field.value.length;
      note.textContent = length + " / " + limit + " karakter" +
        (length > limit ? " — terlalu panjang untuk pratinjau tautan" : "");
      note.classList.toggle("over", length > limit);
    }
    field.addEventListener("input", update);
    update();
  }

  function slugPreview(slug) {
    var note = document.createElement("div");
    note.className = "slug-preview";
    slug.insertAdjacentElement("afterend", note);
    function update() {
      note.textContent = slug.value ? "Alamat: …/" + slug.value + "/" : "Alamat dibuat dari judul saat disimpan.";
    }
    slug.addEventListener("input", update);
    slug.addEventListener("change", update);
    var title = document.getElementById("id_title");
    if (title) {
      // Django's prepopulate script fills the slug on keyup; read it after.
      title.addEventListener("keyup", function () { window.setTimeout(update, 0); });
    }
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-counter]").forEach(counter);
    var slug = document.getElementById("id_slug");
    if (slug) {
      slugPreview(slug);
    }
  });
})();
