/* rankledger: draws a rank-history chart with uPlot from the page's #chart-data JSON.
 * One line per series (a board, or a model), rank 1 at the top on a log scale, a step from each
 * snapshot to the next; a whisker from rank_best to rank_worst; preliminary points hollow.
 * The server renders the legend (#chart-legend checkboxes); this script only toggles series. */
(function () {
  "use strict";
  var DAY = 86400;
  var HEIGHT = 380;

  function isoDay(seconds) {
    return new Date(seconds * 1000).toISOString().slice(0, 10);
  }

  /* index of the last point of s at or before time t (seconds), or -1 */
  function pointAt(s, t) {
    var lo = 0, hi = s.days.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (s.days[mid] * DAY <= t) { found = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    return found;
  }

  function describe(s, j) {
    var best = s.best[j], worst = s.worst[j], score = s.score[j];
    var rank = worst != null && worst !== best ? best + "–" + worst : String(best);
    var text = "<b>" + s.label.replace(/</g, "&lt;") + "</b>: rank " + rank;
    if (score != null) text += ", score " + (Math.round(score * 100) / 100);
    if (s.preliminary.indexOf(j) >= 0) text += ", preliminary";
    return text + " (snapshot of " + isoDay(s.days[j] * DAY) + ")";
  }

  function build() {
    var el = document.getElementById("chart");
    var source = document.getElementById("chart-data");
    var readout = document.getElementById("chart-readout");
    if (!el || !source || typeof uPlot === "undefined") return;
    var series = JSON.parse(source.textContent).series;
    if (!series.length) return;
    var note = readout ? readout.innerHTML : "";

    var data = uPlot.join(series.map(function (s) {
      return [s.days.map(function (d) { return d * DAY; }), s.best];
    }));

    function visibleMaxRank(u) {
      var most = 2;
      series.forEach(function (s, i) {
        if (!u.series[i + 1].show) return;
        for (var j = 0; j < s.best.length; j++) most = Math.max(most, s.worst[j] || s.best[j]);
      });
      return most;
    }

    /* whiskers rank_best..rank_worst, and hollow preliminary points, over the lines */
    function drawMarks(u) {
      var ctx = u.ctx, ratio = uPlot.pxRatio;
      ctx.save();
      ctx.beginPath();
      ctx.rect(u.bbox.left, u.bbox.top, u.bbox.width, u.bbox.height);
      ctx.clip();
      series.forEach(function (s, i) {
        if (!u.series[i + 1].show) return;
        ctx.strokeStyle = s.color;
        for (var j = 0; j < s.days.length; j++) {
          var worst = s.worst[j];
          if (worst == null || worst === s.best[j]) continue;
          var x = u.valToPos(s.days[j] * DAY, "x", true);
          ctx.globalAlpha = 0.3;
          ctx.lineWidth = 2 * ratio;
          ctx.beginPath();
          ctx.moveTo(x, u.valToPos(s.best[j], "y", true));
          ctx.lineTo(x, u.valToPos(worst, "y", true));
          ctx.stroke();
        }
        ctx.globalAlpha = 1;
        s.preliminary.forEach(function (j) {
          var x = u.valToPos(s.days[j] * DAY, "x", true);
          var y = u.valToPos(s.best[j], "y", true);
          ctx.beginPath();
          ctx.arc(x, y, 4 * ratio, 0, 2 * Math.PI);
          ctx.fillStyle = "#ffffff";
          ctx.fill();
          ctx.lineWidth = 2 * ratio;
          ctx.stroke();
        });
      });
      ctx.restore();
    }

    function showReadout(u) {
      if (!readout) return;
      var left = u.cursor.left, top = u.cursor.top;
      if (left == null || left < 0) { readout.innerHTML = note; return; }
      var t = u.posToVal(left, "x");
      var nearest = null, distance = Infinity;
      series.forEach(function (s, i) {
        if (!u.series[i + 1].show) return;
        var j = pointAt(s, t);
        if (j < 0) return;
        var d = Math.abs(u.valToPos(s.best[j], "y") - top);
        if (d < distance) { distance = d; nearest = [s, j]; }
      });
      readout.innerHTML = isoDay(t) + (nearest ? " · " + describe(nearest[0], nearest[1]) : "");
    }

    var opts = {
      width: el.clientWidth || 900,
      height: HEIGHT,
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"); },
      legend: { show: false },
      cursor: { drag: { x: true, y: false }, points: { show: false } },
      scales: {
        x: { time: true },
        y: {
          distr: 3,
          log: 2,
          dir: -1,
          range: function (u) { return [1, Math.pow(2, Math.ceil(Math.log2(visibleMaxRank(u) + 1)))]; }
        }
      },
      axes: [
        { stroke: "#64748b", grid: { stroke: "#eef2f7" }, ticks: { stroke: "#e2e8f0" } },
        {
          label: "rank",
          labelSize: 20,
          stroke: "#64748b",
          grid: { stroke: "#eef2f7" },
          ticks: { stroke: "#e2e8f0" },
          size: 48,
          values: function (u, splits) { return splits.map(function (v) { return String(Math.round(v)); }); }
        }
      ],
      series: [{}].concat(series.map(function (s) {
        return {
          label: s.label,
          show: s.show,
          stroke: s.color,
          width: 2,
          spanGaps: true,
          paths: uPlot.paths.stepped({ align: 1 }),
          points: { show: true, size: 6, fill: s.color, stroke: s.color }
        };
      })),
      hooks: { draw: [drawMarks], setCursor: [showReadout] }
    };
    var chart = new uPlot(opts, data, el);
    el.setAttribute("data-ready", "true");

    document.querySelectorAll("#chart-legend input[data-series]").forEach(function (box) {
      box.addEventListener("change", function () {
        chart.setSeries(Number(box.getAttribute("data-series")) + 1, { show: box.checked });
        chart.redraw(true, true);
      });
    });
    if (window.ResizeObserver) {
      new ResizeObserver(function () {
        if (el.clientWidth && el.clientWidth !== chart.width) chart.setSize({ width: el.clientWidth, height: HEIGHT });
      }).observe(el);
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", build);
  else build();
})();
