// Manager view: hot areas of repeated incidents, ranked, with filters; a click shows the area's incidents
// on the map and in a table, its weekly trend and class and its open cases. Hot areas come from the
// analytics API (issue 5); while it is absent (404/503) the ranking says "no data".
(function () {
  'use strict';
  var GL = window.GL, t = GL.t;
  var SOURCES = ['', 'hotline', 'grid_worker', 'camera', 'resident_app'];
  var state = { geo: null, areas: null, selected: null, incidents: [] };
  var chart = null, weekly = null;
  window.GL_MANAGER = state;

  function filters() {
    return { days: document.getElementById('f-days').value, category: document.getElementById('f-category').value,
      source: document.getElementById('f-source').value, subdistrict: document.getElementById('f-subdistrict').value };
  }

  function qs(q) {
    return Object.keys(q).filter(function (k) { return q[k] !== '' && q[k] !== null && q[k] !== undefined; })
      .map(function (k) { return k + '=' + encodeURIComponent(q[k]); }).join('&');
  }

  // Accepts the hot-area answer in plausible shapes: {hotAreas:[…]}, {areas:[…]}, a GeoJSON collection or an array.
  function normalize(d) {
    var list = Array.isArray(d) ? d : (d && (d.hotAreas || d.areas || d.features)) || [];
    return list.map(function (a, i) {
      var p = a.properties || a;
      var centre = p.centre || p.center;
      var lon = centre ? (centre.lon !== undefined ? centre.lon : centre[0]) : p.lon;
      var lat = centre ? (centre.lat !== undefined ? centre.lat : centre[1]) : p.lat;
      if ((lon === undefined || lon === null) && a.geometry) {
        var c = a.geometry.type === 'Point' ? a.geometry.coordinates : GL.centroid(a.geometry);
        if (c) { lon = c[0]; lat = c[1]; }
      }
      return { id: p.id !== undefined ? p.id : i + 1, rank: p.rank || i + 1, name: p.name || p.address || p.gridName || p.gridCode || '',
        grid: p.gridCode || p.grid || '', incidents: p.incidents !== undefined ? p.incidents : p.count,
        trendClass: p.trendClass || p.class || p.emergingClass || '', shareOpen: p.shareOpen !== undefined ? p.shareOpen : p.openShare,
        openCases: p.openCases, first: p.firstDate || p.first, last: p.lastDate || p.last,
        weekly: p.weekly || p.weeklyCounts || null, lon: lon, lat: lat, geometry: a.geometry || p.outline || null };
    });
  }

  function load() {
    var f = filters();
    GL.setState({ days: f.days, category: f.category || null, source: f.source || null, subdistrict: f.subdistrict || null,
      area: null });
    GL.getJson('/api/analytics/hot-areas?' + qs(f)).then(function (d) {
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
    document.getElementById('detail-title').textContent = a.name + ' · ' + t('trendClass') + ': ' +
      (a.trendClass ? t('class_' + a.trendClass) : '—') + ' · ' + t('openCasesOf') + ': ' + GL.fmt(a.openCases);
    drawWeekly(a.weekly);
    GL.getJson('/api/analytics/hot-areas/' + encodeURIComponent(a.id) + '/incidents?' + qs(filters())).then(function (d) {
      state.incidents = (Array.isArray(d) ? d : d.incidents || []).slice(0, 2000);
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
      [i.id, i.reportedAt || '', i.categoryName || i.category || i.categoryCode || '', i.status ? t('status_' + i.status) : '']
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
      tooltip: { trigger: 'item' },
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
    GL.applyStrings();
    var src = document.getElementById('f-source');
    SOURCES.forEach(function (s) { option(src, s, s ? t('source_' + s) : t('all')); });
    document.getElementById('f-days').value = ['7', '30', '90', '365'].indexOf(GL.param('days', '90')) >= 0 ? GL.param('days', '90') : '90';
    src.value = SOURCES.indexOf(GL.param('source', '')) >= 0 ? GL.param('source', '') : '';
    document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    document.getElementById('export-csv').addEventListener('click', exportCsv);
    document.getElementById('export-geojson').addEventListener('click', exportGeojson);
    window.addEventListener('resize', function () { if (chart) { chart.resize(); } if (weekly) { weekly.resize(); } });
    Promise.all([
      GL.getJson('/api/regions/grid.geojson').catch(function () { return null; }),
      GL.getJson('/api/wall/categories?days=365').catch(function () { return null; }),
      GL.getJson('/api/wall/subdistricts?days=365').catch(function () { return null; })
    ]).then(function (res) {
      state.geo = res[0];
      var cat = document.getElementById('f-category');
      option(cat, '', t('all'));
      ((res[1] && res[1].categories) || []).forEach(function (c) { option(cat, c.code, GL.lang === 'en' ? c.nameEn : c.nameZh); });
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
