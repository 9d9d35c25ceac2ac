// Mailflow's additions: a filter by tag, a status filter for the traceability view,
// failed scenarios opened on load, and links from an instruction to its scenario.
function mf_filter_by_tag(tag) {
  document.querySelectorAll(".scenario-filter-container").forEach(function (scenario) {
    var tags = Array.from(scenario.querySelectorAll(".scenario-tags")).map(function (t) { return t.textContent.trim(); });
    scenario.classList.toggle("mf-tag-hidden", tag !== "" && tags.indexOf(tag) < 0);
  });
  document.querySelectorAll(".feature-filter-container").forEach(function (feature) {
    var shown = feature.querySelectorAll(".scenario-filter-container:not(.mf-tag-hidden)").length;
    feature.classList.toggle("mf-tag-hidden", shown === 0);
  });
}

function mf_filter_instructions() {
  var wanted = Array.from(document.querySelectorAll(".mf-status-filter input:checked")).map(function (box) { return box.value; });
  document.querySelectorAll("tr.mf-instruction").forEach(function (row) {
    row.classList.toggle("mf-tag-hidden", wanted.indexOf(row.dataset.status) < 0);
  });
}

function mf_open_scenario(id) {
  ["-h", "-c"].forEach(function (part) {
    var element = document.getElementById(id + part);
    if (element) { element.classList.remove("collapse"); }
  });
}

document.addEventListener("DOMContentLoaded", function () {
  // A traceback is for engineers: folded, one click away.
  document.querySelectorAll(".embed-button").forEach(function (button) {
    if (button.textContent.trim() === "Error Traceback") {
      button.classList.add("collapse");
      var content = document.getElementById(button.id.replace("embed_button_", "embed_"));
      if (content) { content.classList.add("collapse"); }
    }
  });
  document.querySelectorAll(".scenario-header.failed").forEach(function (header) {
    mf_open_scenario(header.id.slice(0, -2));
  });
  document.querySelectorAll("a.mf-scenario-link").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var target = link.dataset.target;
      mf_open_scenario(target);
      var element = document.getElementById(target + "-h");
      if (element) { element.scrollIntoView({ behavior: "smooth", block: "start" }); }
    });
  });
});
