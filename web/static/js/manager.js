// Manager view: hot areas of repeated incidents, ranked, with filters; a click shows the area's incidents
// on the map and in a table, its weekly trend and class and its open cases. Hot areas come from the
// analytics API (issue 5); while it is absent (404/503) the ranking says "no data".
(function () {
  'use strict';
  var GL = window.GL, t = GL.t;
  var SOURCES = ['', 'hotline', 'grid_worker', 'camera', 'resident_app'];
  var DEFAULT_DAYS = '365';
  var state = { geo: null, areas: null, selected: null, incidents: [], day: null };
  var chart = null, weekly = null;
  window.GL_MANAGER = state;

  function filters() {
    return { days: document.getElementById('f-days').value, category: document.getElementById('f-category').value,
      source: document.getElementById('f-source').value, subdistrict: document.getElementById('f-subdistrict').value };
  }

  // The analytics API's parameters: a half-open window [from, to) of local days ending with the reference
  // day (the latest day with incidents, from the wall KPIs), categories and sources. It has no
  // subdistrict filter: areas are filtered here by their grid code, which begins with its subdistrict's.
  function apiParams() {
    var f = filters();
    var end = state.day ? new Date(state.day + 'T00:00:00Z') : new Date();
    var to = new Date(end.getTime() + 86400000), from = new Date(to.getTime() - Number(f.days) * 86400000);
    return { from: from.toISOString().substring(0, 10), to: to.toISOString().substring(0, 10),
      categories: f.category, sources: f.source };
  }

  function qs(q) {
    return Object.keys(q).filter(function (k) { return q[k] !== '' && q[k] !== null && q[k] !== undefined; })
      .map(function (k) { return k + '=' + encodeURIComponent(q[k]); }).join('&');
  }

  // GET /api/analytics/hotareas answers a GeoJSON collection of outlines; properties carry id, rank,
  // category, centreLon/centreLat, gridCode, incidents, first/last, openShare, weeklyCounts and the
  // Mann-Kendall trend ("increasing", "decreasing", "none").
  var gridNames = {};
  function normalize(d) {
    var sub = filters().subdistrict;
    return ((d && d.features) || []).map(function (a) {
      var p = a.properties || {};
      return { id: p.id, rank: p.rank, name: (gridNames[p.gridCode] || p.gridCode || '') + ' · ' + (categoryNames[p.category] || p.category),
        grid: p.gridCode || '', category: p.category, incidents: p.incidents, trendClass: p.trend || '', shareOpen: p.openShare,
        first: p.first, last: p.last, weekly: p.weeklyCounts || null, lon: p.centreLon, lat: p.centreLat, geometry: a.geometry };
    }).filter(function (a) { return !sub || String(a.grid).indexOf(sub) === 0; });
  }
  var categoryNames = {};

  function load() {
    var f = filters();
    GL.setState({ days: f.days, category: f.category || null, source: f.source || null, subdistrict: f.subdistrict || null,
      area: GL.param('area', null) });
    state.incidents = [];
    GL.getJson('/api/analytics/hotareas?' + qs(apiParams())).then(function (d) {
      state.areas = normalize(d);
      drawRanking();
      drawMap();
      var want = GL.param('area', null);
      state.areas.forEach(function (a) { if (String(a.id) === want) { select(a); } });
    }, function () { state.areas = null; drawRanking(); drawMap(); });
  }

  function drawRanking() {
    var box = document.getElementById('ranking');
    if (!state.areas || !state.areas.length) { GL.noData(box); return; }
    var table = document.createElement('table');
    table.className = 'rank';
    table.id = 'ranking-table';
    var head = table.createTHead().insertRow();
    ['rank', 'area', 'incidents', 'trendClass', 'shareOpen'].forEach(function (k) {
      var th = document.createElement('th'); th.textContent = t(k); head.appendChild(th);
    });
    var tb = table.createTBody();
    state.areas.slice(0, 50).forEach(function (a) {
      var tr = tb.insertRow();
      tr.tabIndex = 0;
      tr.setAttribute('data-id', a.id);
      [a.rank, a.name + (a.grid ? ' ' + a.grid : ''), GL.fmt(a.incidents), a.trendClass ? t('class_' + a.trendClass) : '—', GL.pct(a.shareOpen)]
        .forEach(function (v) { tr.insertCell().textContent = v; });
      tr.addEventListener('click', function () { select(a); });
      tr.addEventListener('keydown', function (e) { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); select(a); } });
    });
    box.textContent = '';
    box.appendChild(table);
  }

  function select(a) {
    state.selected = a;
    GL.setState({ area: a.id });
    Array.prototype.forEach.call(document.querySelectorAll('#ranking-table tbody tr'), function (tr) {
      tr.className = tr.getAttribute('data-id') === String(a.id) ? 'selected' : '';
    });
    var title = document.getElementById('detail-title');
    var head = a.name + ' · ' + t('trendClass') + ': ' + (a.trendClass ? t('class_' + a.trendClass) : '—');
    title.textContent = head;
    drawWeekly(a.weekly);
    GL.getJson('/api/analytics/hotareas/' + encodeURIComponent(a.id) + '/incidents?' + qs(apiParams())).then(function (d) {
      state.incidents = (d.incidents || []).slice(0, 2000);
      var open = state.incidents.filter(function (i) { return !i.closedAt && i.status !== 'rejected'; }).length;
      title.textContent = head + ' · ' + t('openCasesOf') + ': ' + GL.fmt(open);
      drawIncidents();
      drawMap();
    }, function () { state.incidents = []; drawIncidents(); drawMap(); });
  }

  function drawWeekly(series) {
    var el = document.getElementById('weekly');
    if (!series || !series.length) { if (weekly) { weekly.dispose(); weekly = null; } GL.noData(el); return; }
    if (!weekly) { el.textContent = ''; weekly = echarts.init(el); }
    weekly.setOption({
      grid: { left: 40, right: 10, top: 10, bottom: 24 },
      xAxis: { type: 'category', data: series.map(function (w, i) { return w.week || w.start || String(i + 1); }) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ id: 'weekly', type: 'bar', data: series.map(function (w) { return w.incidents !== undefined ? w.incidents : w.count !== undefined ? w.count : w; }),
        itemStyle: { color: '#ff9f43' } }]
    });
  }

  function drawIncidents() {
    var box = document.getElementById('incidents');
    if (!state.incidents.length) { GL.noData(box); return; }
    var table = document.createElement('table');
    table.className = 'rank';
    var head = table.createTHead().insertRow();
    ['id', 'time', 'category', 'status'].forEach(function (k) { var th = document.createElement('th'); th.textContent = t(k); head.appendChild(th); });
    var tb = table.createTBody();
    state.incidents.slice(0, 200).forEach(function (i) {
      var tr = tb.insertRow();
      [i.id, (i.reportedAt || '').substring(0, 16).replace('T', ' '), categoryNames[i.category] || i.category || '',
        i.status ? t('status_' + i.status) : '']
        .forEach(function (v) { tr.insertCell().textContent = v; });
    });
    box.textContent = '';
    box.appendChild(table);
  }

  function drawMap() {
    if (!state.geo) { document.getElementById('map-nodata').hidden = false; return; }
    if (!chart) { echarts.registerMap('manager-grids', state.geo); chart = echarts.init(document.getElementById('map')); }
    var areas = (state.areas || []).filter(function (a) { return isFinite(a.lon) && isFinite(a.lat); });
    document.getElementById('map-nodata').hidden = areas.length > 0;
    var max = areas.reduce(function (m, a) { return Math.max(m, a.incidents || 0); }, 1);
    chart.setOption({
      tooltip: { trigger: 'item', renderMode: 'richText' },    // drawn in the canvas: no inline styles for the CSP to block
      geo: { map: 'manager-grids', nameProperty: 'code', roam: true, aspectScale: 0.78,
        itemStyle: { areaColor: '#10243d', borderColor: '#3d7ab8', borderWidth: 0.5 }, select: { disabled: true } },
      series: [
        { id: 'areas', type: 'scatter', coordinateSystem: 'geo', itemStyle: { color: '#ff6b35', opacity: 0.8 },
          symbolSize: function (v) { return 8 + 24 * Math.sqrt((v[2] || 0) / max); },
          data: areas.map(function (a) { return { name: a.name, value: [a.lon, a.lat, a.incidents || 0], id: a.id }; }) },
        { id: 'incidents', type: 'scatter', coordinateSystem: 'geo', symbolSize: 5, itemStyle: { color: '#ffd166' },
          data: state.incidents.filter(function (i) { return isFinite(i.lon); }).map(function (i) { return [i.lon, i.lat]; }) }
      ]
    }, { replaceMerge: ['series'] });
  }

  function exportCsv() {
    var rows = [['rank', 'id', 'name', 'grid', 'incidents', 'trend_class', 'share_open', 'first', 'last', 'lon', 'lat']];
    (state.areas || []).forEach(function (a) { rows.push([a.rank, a.id, a.name, a.grid, a.incidents, a.trendClass, a.shareOpen, a.first, a.last, a.lon, a.lat]); });
    GL.download('hot-areas.csv', 'text/csv;charset=utf-8', GL.csv(rows));
  }

  function exportGeojson() {
    var feats = (state.areas || []).map(function (a) {
      return { type: 'Feature', geometry: a.geometry && a.geometry.type ? a.geometry : { type: 'Point', coordinates: [a.lon, a.lat] },
        properties: { rank: a.rank, id: a.id, name: a.name, grid: a.grid, incidents: a.incidents, trendClass: a.trendClass, shareOpen: a.shareOpen } };
    });
    GL.download('hot-areas.geojson', 'application/geo+json', JSON.stringify({ type: 'FeatureCollection', features: feats }));
  }

  function option(sel, value, label) {
    var o = document.createElement('option'); o.value = value; o.textContent = label; sel.appendChild(o);
  }

  document.addEventListener('DOMContentLoaded', function () {
    GL.measureChartTextOnFreshCanvases();    // see common.js: keeps Blink's heap flat as labels change
    GL.applyStrings();
    var src = document.getElementById('f-source');
    SOURCES.forEach(function (s) { option(src, s, s ? t('source_' + s) : t('all')); });
    // Default window: the year up to the latest day with incidents. Hot areas need repeats (by default 10
    // within 150 m in 90 days), which a shorter window on a small or quiet district may never show.
    var days = GL.param('days', DEFAULT_DAYS);
    document.getElementById('f-days').value = ['7', '30', '90', '365'].indexOf(days) >= 0 ? days : DEFAULT_DAYS;
    src.value = SOURCES.indexOf(GL.param('source', '')) >= 0 ? GL.param('source', '') : '';
    document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    document.getElementById('export-csv').addEventListener('click', exportCsv);
    document.getElementById('export-geojson').addEventListener('click', exportGeojson);
    window.addEventListener('resize', function () { if (chart) { chart.resize(); } if (weekly) { weekly.resize(); } });
    Promise.all([
      GL.getJson('/api/regions/grid.geojson').catch(function () { return null; }),
      GL.getJson('/api/wall/categories?days=365').catch(function () { return null; }),
      GL.getJson('/api/wall/subdistricts?days=365').catch(function () { return null; }),
      GL.getJson('/api/wall/kpis').catch(function () { return null; }),
      GL.categoryNames()
    ]).then(function (res) {
      // Hot areas and their incidents carry second-level codes: name them all from the dictionary.
      Object.keys(res[4]).forEach(function (k) { categoryNames[k] = res[4][k]; });
      state.geo = res[0];
      state.day = res[3] ? res[3].day : null;
      (state.geo ? state.geo.features : []).forEach(function (f) { gridNames[f.properties.code] = f.properties.name; });
      var cat = document.getElementById('f-category');
      option(cat, '', t('all'));
      ((res[1] && res[1].categories) || []).forEach(function (c) {
        categoryNames[c.code] = GL.lang === 'en' ? c.nameEn : c.nameZh;
        option(cat, c.code, categoryNames[c.code]);
      });
      cat.value = GL.param('category', '');
      if (cat.selectedIndex < 0) { cat.value = ''; }
      var sub = document.getElementById('f-subdistrict');
      option(sub, '', t('all'));
      ((res[2] && res[2].subdistricts) || []).forEach(function (s) { option(sub, s.code, GL.lang === 'en' && s.nameEn ? s.nameEn : s.name); });
      sub.value = GL.param('subdistrict', '');
      if (sub.selectedIndex < 0) { sub.value = ''; }
      drawWeekly(null);
      GL.noData(document.getElementById('incidents'));
      load();
      document.body.setAttribute('data-ready', 'true');
    });
  });
})();
