// factwire: details of a highlighted fact on the article page (no inline script anywhere).
"use strict";
(function () {
  function details() {
    var node = document.getElementById("fact-details");
    if (!node) { return null; }
    try { return JSON.parse(node.textContent); } catch (e) { return null; }
  }

  function show(facts, ids) {
    var panel = document.getElementById("fact-panel");
    var title = document.getElementById("fact-title");
    var lines = document.getElementById("fact-lines");
    if (!panel || !title || !lines) { return; }
    var first = true;
    lines.textContent = "";
    ids.forEach(function (id) {
      var fact = facts[id];
      if (!fact) { return; }
      if (first) { title.textContent = fact.title; first = false; }
      else {
        var head = document.createElement("li");
        var strong = document.createElement("strong");
        strong.textContent = fact.title;
        head.appendChild(strong);
        lines.appendChild(head);
      }
      fact.lines.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        lines.appendChild(item);
      });
    });
    panel.hidden = first;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var facts = details();
    if (!facts) { return; }
    var text = document.getElementById("article-text");
    text.addEventListener("mouseover", function (event) {
      var target = event.target.closest(".fact");
      if (target) { show(facts, (target.dataset.facts || "").split(" ")); }
    });
    text.addEventListener("click", function (event) {
      var target = event.target.closest(".fact");
      if (!target || target.tagName === "A") { return; }
      document.querySelectorAll(".fact.selected").forEach(function (n) { n.classList.remove("selected"); });
      target.classList.add("selected");
      show(facts, (target.dataset.facts || "").split(" "));
    });
    var evidence = document.getElementById("evidence");
    if (evidence) { evidence.scrollIntoView({block: "center"}); }
  });
})();
