// GridLens wall display. Static: reads JSON from the server, draws with ECharts. No inline script, no CDN.
(function () {
  'use strict';

  var DESIGN_W = 1920, DESIGN_H = 1080;
  var REFRESH_MS = 60000;
  var lastOk = null;
  var chart = null;

  // Scale the fixed design canvas to the screen, letterboxed (never cropped).
  function fit() {
    var c = document.getElementById('canvas');
    var s = Math.min(window.innerWidth / DESIGN_W, window.innerHeight / DESIGN_H);
    c.style.transform = 'scale(' + s + ')';
    c.style.left = ((window.innerWidth - DESIGN_W * s) / 2) + 'px';
    c.style.top = ((window.innerHeight - DESIGN_H * s) / 2) + 'px';
  }

  function fmt(n) { return (n === null || n === undefined) ? '—' : Number(n).toLocaleString('zh-CN'); }
  function pad(n) { return (n < 10 ? '0' : '') + n; }

  function tick() {
    var d = new Date();
    document.getElementById('clock').textContent =
      d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function getJson(url) {
    return fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) {
      if (!r.ok) { throw new Error(url + ' answered ' + r.status); }
      return r.json();
    });
  }

  function markStale() {
    var el = document.getElementById('stale');
    if (lastOk) {
      el.textContent = '数据更新于 ' + pad(lastOk.getHours()) + ':' + pad(lastOk.getMinutes()) + '（连接中断）';
    } else {
      el.textContent = '正在连接服务器…';
    }
    el.hidden = false;
  }

  function markFresh() {
    lastOk = new Date();
    document.getElementById('stale').hidden = true;
  }

  function drawMap(geojson, summary) {
    echarts.registerMap('district-grids', geojson);
    var data = summary.byGrid.map(function (g) { return { name: g.code, value: g.incidents, label: g.name }; });
    var max = data.reduce(function (m, d) { return Math.max(m, d.value); }, 1);
    if (!chart) { chart = echarts.init(document.getElementById('map'), null, { renderer: 'canvas' }); }
    chart.setOption({
      backgroundColor: 'transparent',
      tooltip: { trigger: 'item', formatter: function (p) {
        var d = p.data || {};
        return (d.label || p.name) + '<br/>' + p.name + '<br/>事件 ' + fmt(p.value);
      } },
      visualMap: { min: 0, max: max, left: 30, bottom: 30, text: ['多', '少'], calculable: true,
        inRange: { color: ['#0b3d6b', '#1f78b4', '#33a0ff', '#ffd166', '#ff6b35'] },
        textStyle: { color: '#cfe6ff', fontSize: 18 } },
      series: [{
        type: 'map', map: 'district-grids', nameProperty: 'code', roam: true, data: data,
        aspectScale: 0.8, zoom: 1.1,
        itemStyle: { borderColor: '#5ec8ff', borderWidth: 0.6, areaColor: '#0b3d6b' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffe08a' } },
        select: { disabled: true }
      }]
    }, true);
  }

  function refresh() {
    Promise.all([getJson('/api/regions/grid.geojson'), getJson('/api/wall/summary?days=30')])
      .then(function (res) {
        var geo = res[0], s = res[1];
        document.getElementById('kpi-residents').textContent = fmt(s.residents);
        document.getElementById('kpi-elderly').textContent = fmt(s.elderlyLivingAlone);
        document.getElementById('kpi-open').textContent = fmt(s.openCases);
        document.getElementById('kpi-overdue').textContent = fmt(s.overdueCases);
        document.getElementById('kpi-window').textContent = fmt(s.incidentsInWindow);
        document.getElementById('kpi-window-label').textContent =
          '事件 ' + s.window.start + ' 至 ' + s.window.end;
        drawMap(geo, s);
        markFresh();
      })
      .catch(function () { markStale(); });
  }

  window.addEventListener('resize', function () { fit(); if (chart) { chart.resize(); } });
  document.addEventListener('DOMContentLoaded', function () {
    fit();
    tick();
    setInterval(tick, 1000);
    refresh();
    setInterval(refresh, REFRESH_MS);
  });
})();
