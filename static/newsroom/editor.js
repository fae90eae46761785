/* CKEditor uploads go by XHR to our own view, which requires Django's CSRF token. */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function addToken(editor) {
    editor.on("fileUploadRequest", function (event) {
      event.data.fileLoader.xhr.setRequestHeader("X-CSRFToken", csrfToken());
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CKEDITOR) {
      return;
    }
    window.CKEDITOR.on("instanceCreated", function (event) {
      addToken(event.editor);
    });
    Object.keys(window.CKEDITOR.instances).forEach(function (name) {
      addToken(window.CKEDITOR.instances[name]);
    });
  });
})();
