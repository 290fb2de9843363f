// Every scrolling table frame is a labelled region that keyboards reach (WCAG 2.1.1):
// frames written without tabindex/role/label get them here, named by the table's caption
// or the heading before it. Pages work without this script; it only adds the names.
document.querySelectorAll(".table-responsive").forEach(function (frame) {
  if (!frame.hasAttribute("tabindex")) frame.setAttribute("tabindex", "0");
  if (!frame.hasAttribute("role")) frame.setAttribute("role", "region");
  if (!frame.hasAttribute("aria-label") && !frame.hasAttribute("aria-labelledby")) {
    var caption = frame.querySelector("caption");
    var heading = null;
    for (var node = frame; node && !heading; node = node.parentElement) {
      var previous = node.previousElementSibling;
      while (previous && !/^H[1-6]$/.test(previous.tagName)) previous = previous.previousElementSibling;
      heading = previous;
    }
    var label = (caption || heading || document.querySelector("h1"));
    if (label) frame.setAttribute("aria-label", label.textContent.trim());
  }
});
