// Copy buttons: progressive enhancement. Without JavaScript the buttons stay hidden and the
// citation is ordinary selectable text.
(function () {
  "use strict";

  function selectText(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(text, element) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      selectText(element);
      (document.execCommand && document.execCommand("copy")) ? resolve() : reject(new Error("copy refused"));
    });
  }

  function setUp(button) {
    var target = document.getElementById(button.getAttribute("data-copy-target"));
    if (!target) {
      return;
    }
    var status = button.parentNode.querySelector(".copy-status");
    var label = button.textContent;
    var timer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = target.textContent.trim();
      copy(text, target).then(function () {
        button.textContent = "Copied";
        button.classList.add("is-copied");
        if (status) { status.textContent = "The citation is on your clipboard."; }
      }, function () {
        selectText(target);
        if (status) { status.textContent = "Press Ctrl+C (or ⌘C) to copy the selected citation."; }
      });
      clearTimeout(timer);
      timer = setTimeout(function () {
        button.textContent = label;
        button.classList.remove("is-copied");
      }, 4000);
    });
  }

  document.querySelectorAll("[data-copy-target]").forEach(setUp);
})();
