// Filters the timeline (table rows and chart marks) by side and host. Optional: without
// JavaScript the filter stays hidden and every event is shown.
(function () {
  "use strict";
  var box = document.querySelector(".filters");
  var side = document.getElementById("filter-side");
  var host = document.getElementById("filter-host");
  var count = document.getElementById("filter-count");
  if (!box || !side || !host) { return; }
  var rows = document.querySelectorAll("table.events tbody tr");
  var marks = document.querySelectorAll("#chart-timeline .mark");
  function keep(el) {
    return (!side.value || el.getAttribute("data-side") === side.value) &&
      (!host.value || el.getAttribute("data-host") === host.value);
  }
  function apply() {
    var shown = 0;
    rows.forEach(function (r) { var k = keep(r); r.hidden = !k; if (k) { shown += 1; } });
    marks.forEach(function (m) { m.classList.toggle("dim", !keep(m)); });
    count.textContent = shown + " of " + rows.length + " events";
  }
  side.addEventListener("change", apply);
  host.addEventListener("change", apply);
  box.hidden = false;
  apply();
})();
