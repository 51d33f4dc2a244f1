// Injected by tests/test_browser.py into a copy of a report: checks what a person would see.
// The report itself has no script; this runs only in the test copy.
(function () {
  var out = { errors: [], blocked: [], charts: [], overlaps: [], clipped: [] };
  window.addEventListener("error", function (e) { out.errors.push(String(e.message || e.type)); }, true);
  document.addEventListener("securitypolicyviolation", function (e) { out.blocked.push(e.blockedURI + " " + e.violatedDirective); });
  var origError = console.error;
  console.error = function () { out.errors.push(Array.prototype.join.call(arguments, " ")); origError.apply(console, arguments); };

  function boxesOverlap(a, b) {
    return a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  }
  function count(svg, sel) { return svg.querySelectorAll(sel).length; }

  function probe() {
    var charts = document.querySelectorAll("svg.kt-chart");
    charts.forEach(function (svg) {
      var kind = ["kt-radar", "kt-quadrant", "kt-strip"].filter(function (c) { return svg.classList.contains(c); })[0] || "other";
      var rect = svg.getBoundingClientRect();
      var info = {
        kind: kind,
        width: rect.width,
        height: rect.height,
        axes: count(svg, ".kt-axis"),
        axis_labels: count(svg, ".kt-axis-label"),
        rings: count(svg, ".kt-ring"),
        series: Array.prototype.map.call(svg.querySelectorAll(".kt-series"), function (g) {
          return { kind: g.getAttribute("class").replace("kt-series kt-series-", ""), points: g.querySelectorAll(".kt-point").length };
        }),
        spread: count(svg, ".kt-spread"),
        zones: count(svg, ".kt-zone"),
        zone_labels: Array.prototype.map.call(svg.querySelectorAll(".kt-zone-label"), function (t) { return t.textContent; }),
        thresholds: count(svg, ".kt-threshold"),
        points: {},
        rows: count(svg, ".kt-strip-row"),
        means: count(svg, ".kt-mean"),
        moves: count(svg, ".kt-move"),
        label_texts: Array.prototype.map.call(svg.querySelectorAll(".kt-axis-label, .kt-row-label"), function (t) { return t.textContent; })
      };
      svg.querySelectorAll(".kt-point").forEach(function (p) {
        var k = p.getAttribute("class").split(" ").filter(function (c) { return c.indexOf("kt-point-") === 0; })[0];
        info.points[k] = (info.points[k] || 0) + 1;
      });
      out.charts.push(info);
      // Every text must lie inside the chart (after any rotation), or the browser cuts it off.
      svg.querySelectorAll("text").forEach(function (t) {
        var b = t.getBoundingClientRect();
        if (b.width === 0) return;
        if (b.left < rect.left - 0.5 || b.top < rect.top - 0.5 || b.right > rect.right + 0.5 || b.bottom > rect.bottom + 0.5) {
          out.clipped.push(kind + ": " + t.textContent);
        }
      });
      // Labels must not overlap one another.
      var labels = svg.querySelectorAll(".kt-axis-label, .kt-zone-label, .kt-row-label, .kt-mean-label, .kt-axis-title");
      for (var i = 0; i < labels.length; i++) {
        for (var j = i + 1; j < labels.length; j++) {
          if (boxesOverlap(labels[i].getBoundingClientRect(), labels[j].getBoundingClientRect())) {
            out.overlaps.push(kind + ": " + labels[i].textContent + " / " + labels[j].textContent);
          }
        }
      }
    });
    var h1 = document.querySelector("h1");
    out.title = h1 ? h1.textContent : null;
    out.tables = Array.prototype.map.call(document.querySelectorAll("table"), function (t) { return t.querySelectorAll("tbody tr").length; });
    out.page_width = document.documentElement.scrollWidth;
    out.too_wide = [];
    document.querySelectorAll("main *").forEach(function (e) {
      if (e.closest("svg") && e.tagName.toLowerCase() !== "svg") return;
      if (e.getBoundingClientRect().right > window.innerWidth + 0.5) {
        out.too_wide.push(e.tagName.toLowerCase() + (e.getAttribute("class") ? "." + e.getAttribute("class").split(" ").join(".") : ""));
      }
    });
    out.viewport_width = window.innerWidth;
    out.resources = performance.getEntriesByType("resource").map(function (r) { return r.name; });
    var pre = document.createElement("pre");
    pre.id = "kt-probe";
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
  if (document.readyState === "complete") { probe(); } else { window.addEventListener("load", probe); }
})();
