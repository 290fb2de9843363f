// Ask before a step that is hard to undo: a form or button with data-confirm="…" asks
// that question first, and nothing is sent unless the person says yes.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  var question = (button && button.getAttribute("data-confirm")) || form.getAttribute("data-confirm");
  if (form.hasAttribute("data-confirm-if")) {
    // Ask only when the chosen value says so (e.g. a jump over several phases).
    var field = form.querySelector(form.getAttribute("data-confirm-if"));
    var option = field && field.selectedOptions && field.selectedOptions[0];
    question = option ? option.getAttribute("data-confirm") : null;
  }
  if (question && !window.confirm(question)) event.preventDefault();
});
