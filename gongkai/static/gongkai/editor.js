/* The staff rich-text editor: turns each textarea[data-richtext] into a Jodit editor.
   Without this script the textarea stays and plain text keeps its line breaks (see richtext.py).
   Pasting from Word/WPS keeps structure (headings, lists, tables, bold) and drops styles; the
   server sanitises the HTML to an allowlist whatever is sent. */
(function () {
  "use strict";
  if (typeof window.Jodit === "undefined") { return; }
  var BUTTONS = ["paragraph", "bold", "italic", "underline", "|", "ul", "ol", "|", "table", "link", "hr",
                 "|", "undo", "redo", "|", "eraser", "source"];
  document.querySelectorAll("textarea[data-richtext]").forEach(function (area) {
    var marker = document.createElement("input");
    marker.type = "hidden";
    marker.name = area.name + "__format";
    marker.value = "html";
    area.form.appendChild(marker);
    area.value = area.getAttribute("data-html") || "";
    var label = document.querySelector('label[for="' + area.id + '"]');
    var editor = window.Jodit.make(area, {
      language: "zh_cn",
      placeholder: "在此输入正文，可直接从 Word、WPS 粘贴",
      height: 360,
      toolbarAdaptive: false,
      buttons: BUTTONS,
      showCharsCounter: false,
      showWordsCounter: false,
      showXPathInStatusbar: false,
      askBeforePasteHTML: false,
      askBeforePasteFromWord: false,
      defaultActionOnPaste: "insert_clear_html",
      defaultActionOnPasteFromWord: "insert_clear_html",
      cleanHTML: { removeEmptyElements: true, fillEmptyParagraph: false },
      link: { noFollowCheckbox: false, openInNewTabCheckbox: false },
      disablePlugins: ["file", "image", "video", "media", "speech-recognize", "ai-assistant", "spellcheck",
                       "print", "about", "powered-by-jodit", "stat", "xpath"]
    });
    // the editor writes back to the textarea after a short delay: make sure the last keystrokes go too
    area.form.addEventListener("submit", function () { editor.synchronizeValues(); area.value = editor.value; });
    if (label) {
      editor.editor.setAttribute("aria-label", label.textContent.trim());
      label.addEventListener("click", function () { editor.s.focus(); });
    }
    editor.editor.setAttribute("role", "textbox");
    editor.editor.setAttribute("aria-multiline", "true");
  });
})();
