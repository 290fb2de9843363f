// Clicking a suggested institution fills the name field (progressive enhancement:
// without JavaScript the name is matched on save, spelling variants included).
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-fill-institution]");
  if (!button) return;
  var input = document.getElementById("id_institution_name");
  input.value = button.getAttribute("data-fill-institution");
  document.getElementById("institution-suggestions").innerHTML = "";
  input.focus();
});
