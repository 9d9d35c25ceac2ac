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

function mf_search(words) {
  // Scenarios and instructions whose text holds every word typed (letter case aside).
  var wanted = words.toLowerCase().split(/\s+/).filter(function (w) { return w; });
  function holds(element) {
    var text = element.textContent.toLowerCase();
    return wanted.every(function (w) { return text.indexOf(w) !== -1; });
  }
  document.querySelectorAll(".scenario-filter-container").forEach(function (scenario) {
    scenario.classList.toggle("mf-search-hidden", wanted.length > 0 && !holds(scenario));
  });
  document.querySelectorAll(".feature-filter-container").forEach(function (feature) {
    var shown = feature.querySelectorAll(".scenario-filter-container:not(.mf-search-hidden)").length;
    feature.classList.toggle("mf-search-hidden", wanted.length > 0 && shown === 0);
  });
  document.querySelectorAll("tr.mf-instruction").forEach(function (row) {
    row.classList.toggle("mf-search-hidden", wanted.length > 0 && !holds(row));
  });
}

document.addEventListener("DOMContentLoaded", function () {
  var search = document.getElementById("mf-search-input");
  if (search) { search.addEventListener("input", function () { mf_search(search.value); }); }
  // A screenshot opens larger on a click, and closes on the next one (or Escape).
  document.querySelectorAll("img.mf-shot").forEach(function (picture) {
    picture.setAttribute("tabindex", "0");
    picture.setAttribute("role", "button");
    picture.setAttribute("aria-expanded", "false");
    function toggle() {
      var open = picture.classList.toggle("mf-zoomed");
      picture.setAttribute("aria-expanded", open ? "true" : "false");
    }
    picture.addEventListener("click", toggle);
    picture.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || (event.key === "Escape" && picture.classList.contains("mf-zoomed"))) {
        event.preventDefault();
        toggle();
      }
    });
  });
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
