// Kiban UI behaviour: metric charts (ECharts), live updates, run selection, compare scatter.
(function () {
  "use strict";

  var charts = [];
  var settings = { x: "step", log: false, smoothing: 0 };

  function smooth(values, weight) {
    if (!weight) return values;
    var out = [], last = null;
    for (var i = 0; i < values.length; i++) {
      var v = values[i];
      if (v === null) { out.push(null); continue; }
      last = last === null ? v : last * weight + (1 - weight) * v;
      out.push(last);
    }
    return out;
  }

  function render(chart) {
    var series = chart.data.map(function (d, i) {
      var values = smooth(d.points.map(function (p) { return p[2]; }), settings.smoothing);
      var data = d.points.map(function (p, j) {
        var y = values[j];
        if (settings.log && y !== null && y <= 0) y = null;
        return [settings.x === "time" ? p[1] : p[0], y];
      });
      return { name: chart.names[i] || d.run, type: "line", showSymbol: data.length < 60,
               sampling: "lttb", connectNulls: false, data: data };
    });
    chart.instance.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      legend: chart.data.length > 1 ? { type: "scroll", top: 0 } : undefined,
      grid: { left: 60, right: 20, top: chart.data.length > 1 ? 30 : 15, bottom: 60 },
      xAxis: { type: settings.x === "time" ? "time" : "value", scale: true },
      yAxis: { type: settings.log ? "log" : "value", scale: true },
      dataZoom: [{ type: "inside" }, { type: "slider", height: 18, bottom: 8 }],
      series: series
    }, { replaceMerge: ["series"] });
    var shown = 0, total = 0;
    chart.data.forEach(function (d) { shown += d.points.length; total += d.total; });
    if (chart.note) chart.note.textContent = shown + " / " + total;
    chart.el.setAttribute("data-loaded", "true");
    chart.el.setAttribute("data-points", String(shown));
  }

  function load(chart) {
    var requests = chart.runs.map(function (run) {
      return fetch("/ui/series?run=" + encodeURIComponent(run) + "&key=" + encodeURIComponent(chart.key),
                   { headers: { "Accept": "application/json" } })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); });
    });
    return Promise.all(requests).then(function (data) {
      chart.data = data;
      render(chart);
    }).catch(function () {
      chart.el.setAttribute("data-error", "true");
      if (chart.note) chart.note.textContent = document.body.getAttribute("data-chart-error") || "!";
    });
  }

  function initCharts(root) {
    if (!window.echarts) return;
    root.querySelectorAll(".chart[data-key]").forEach(function (el) {
      if (el.getAttribute("data-initialised")) return;
      el.setAttribute("data-initialised", "true");
      var names = [];
      try { names = JSON.parse(el.getAttribute("data-names") || "[]"); } catch (e) { names = []; }
      var chart = {
        el: el,
        key: el.getAttribute("data-key"),
        runs: el.getAttribute("data-runs").split(","),
        names: names,
        note: el.parentElement.querySelector(".chart-note"),
        instance: echarts.init(el, null, { renderer: "canvas" }),
        data: []
      };
      charts.push(chart);
      load(chart);
      if (el.getAttribute("data-live") === "true") {
        chart.timer = setInterval(function () { load(chart); }, 3000);
      }
    });
  }

  // Chart settings live in the query string (x, log, smooth) so a chart view can be bookmarked.
  function readSettings() {
    var q = new URLSearchParams(window.location.search);
    if (q.get("x") === "time") settings.x = "time";
    settings.log = q.get("log") === "1";
    var s = parseFloat(q.get("smooth"));
    if (s >= 0 && s < 1) settings.smoothing = s;
  }

  function writeSettings() {
    var url = new URL(window.location.href);
    if (settings.x === "time") url.searchParams.set("x", "time"); else url.searchParams.delete("x");
    if (settings.log) url.searchParams.set("log", "1"); else url.searchParams.delete("log");
    if (settings.smoothing > 0) url.searchParams.set("smooth", String(settings.smoothing));
    else url.searchParams.delete("smooth");
    window.history.replaceState(null, "", url.toString());
  }

  function initControls() {
    readSettings();
    document.querySelectorAll("[data-chart-control]").forEach(function (input) {
      var kind = input.getAttribute("data-chart-control");
      if (kind === "x") input.value = settings.x;
      if (kind === "log") input.checked = settings.log;
      if (kind === "smoothing") input.value = String(settings.smoothing);
      input.addEventListener("input", function () {
        if (kind === "x") settings.x = input.value;
        if (kind === "log") settings.log = input.checked;
        if (kind === "smoothing") settings.smoothing = parseFloat(input.value);
        writeSettings();
        charts.forEach(function (c) { if (c.data.length) render(c); });
      });
    });
  }

  function initSelection() {
    var all = document.getElementById("select-all");
    if (!all) return;
    all.addEventListener("change", function () {
      document.querySelectorAll(".run-select").forEach(function (box) { box.checked = all.checked; });
    });
  }

  function initScatter() {
    var el = document.getElementById("scatter");
    var source = document.getElementById("scatter-data");
    if (!el || !source || !window.echarts) return;
    var data = JSON.parse(source.textContent);
    var instance = echarts.init(el);
    var paramSelect = document.getElementById("scatter-param");
    var metricSelect = document.getElementById("scatter-metric");
    function draw() {
      var params = data.params[paramSelect.value] || {};
      var metrics = data.metrics[metricSelect.value] || {};
      var points = [], numeric = true;
      Object.keys(metrics).forEach(function (run) {
        if (params[run] === undefined) return;
        if (isNaN(Number(params[run]))) numeric = false;
        points.push({ name: data.names[run], value: [params[run], metrics[run]] });
      });
      if (numeric) points.forEach(function (p) { p.value[0] = Number(p.value[0]); });
      var categories = numeric ? undefined : Array.from(new Set(points.map(function (p) { return p.value[0]; })));
      instance.setOption({
        animation: false,
        tooltip: { formatter: function (p) { return p.name + ": " + p.value[0] + " → " + p.value[1]; } },
        xAxis: numeric ? { type: "value", scale: true, name: paramSelect.value }
                       : { type: "category", data: categories, name: paramSelect.value },
        yAxis: { type: "value", scale: true, name: metricSelect.value },
        series: [{ type: "scatter", symbolSize: 12, data: points }]
      }, true);
      el.setAttribute("data-loaded", "true");
    }
    paramSelect.addEventListener("change", draw);
    metricSelect.addEventListener("change", draw);
    draw();
  }

  // The lineage graph of a model version, laid out left (inputs) to right (outputs).
  function initLineage() {
    var el = document.getElementById("lineage");
    if (!el || !window.echarts) return;
    var node = el.getAttribute("data-node");
    fetch("/api/kiban/v1/lineage?direction=upstream&depth=5&node=" + encodeURIComponent(node),
          { headers: { "Accept": "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (graph) {
        var order = { dataset: 0, run: 1, logged_model: 2, model_version: 3 };
        var colors = { dataset: "#8250df", run: "#0b5cad", logged_model: "#bf8700", model_version: "#116329" };
        var perColumn = {};
        var nodes = graph.nodes.map(function (n) {
          var col = order[n.type] || 0;
          perColumn[col] = (perColumn[col] || 0) + 1;
          return { id: n.id, name: n.label || n.id, x: col * 220, y: perColumn[col] * 90,
                   symbolSize: 44, itemStyle: { color: colors[n.type] },
                   label: { show: true, position: "bottom" }, value: n.type };
        });
        var links = graph.edges.map(function (e) { return { source: e.from, target: e.to }; });
        echarts.init(el).setOption({
          animation: false,
          tooltip: { formatter: function (p) { return p.dataType === "node" ? p.data.value + ": " + p.data.name : ""; } },
          series: [{ type: "graph", layout: "none", roam: true, draggable: true, data: nodes, links: links,
                     edgeSymbol: ["none", "arrow"], edgeSymbolSize: 10, lineStyle: { width: 2 } }]
        });
        el.setAttribute("data-loaded", "true");
        el.setAttribute("data-nodes", String(nodes.length));
      })
      .catch(function () { el.setAttribute("data-error", "true"); });
  }

  function init() {
    initLineage();
    initControls();
    initCharts(document);
    initSelection();
    initScatter();
    window.addEventListener("resize", function () { charts.forEach(function (c) { c.instance.resize(); }); });
    document.body.addEventListener("htmx:afterSettle", function (e) { initCharts(e.target); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
