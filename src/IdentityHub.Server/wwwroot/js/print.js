// Buttons marked data-print print the page (the recovery codes). A file, not an onclick attribute: the
// Content Security Policy allows no inline script.
(function () {
    "use strict";
    document.querySelectorAll("[data-print]").forEach(function (button) {
        button.addEventListener("click", function () {
            window.print();
        });
    });
})();
