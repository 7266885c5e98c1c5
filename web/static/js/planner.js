// Planner view: coverage of a facility type by grid. Reads the grid outlines and facility points from the
// wall data, and coverage, uncovered buildings and "what if" from the analytics API (issue 5); while that
// API is absent (404/503) the map and the ranking say "no data" and everything else still works.
(function () {
  'use strict';
  var GL = window.GL, t = GL.t;
  var TYPES = ['elderly_day_care', 'community_health', 'kindergarten', 'primary_school', 'middle_school',
    'community_service', 'market', 'sports'];
  var GROUPS = ['all', 'elderly', 'elderly_alone', 'children_preschool', 'children_primary', 'children_middle', 'disabled'];
  var REACHES = ['300', '500', '1000'];
  // whatIf: the clicked [lon, lat]; whatIfReport: the coverage API's answer with that proposal (null until it
  // arrives, and when no proposal is shown). Both are cleared when the filters change.
  var state = { geo: null, facilities: [], rows: null, uncovered: [], response: null, whatIf: null, whatIfReport: null };
  var chart = null;
  window.GL_PLANNER = state;

  function query() {
    return { type: document.getElementById('f-type').value, reach: document.getElementById('f-reach').value,
      group: document.getElementById('f-group').value };
  }

  function qs(q) {
    return Object.keys(q).map(function (k) { return k + '=' + encodeURIComponent(q[k]); }).join('&');
  }

  // The analytics API's coverage report (GET /api/analytics/coverage): grids already ranked worst first.
  // Counts of people may be null where they are suppressed (small numbers); they show as "—".
  function normalize(d) {
    return ((d && d.grids) || []).map(function (g) {
      return { code: g.gridCode, name: g.gridName || '', population: g.groupSize, covered: g.covered, share: g.share,
        delta: g.coveredDelta === undefined ? null : g.coveredDelta };
    }).filter(function (r) { return r.code; });
  }

  // Uncovered buildings (GET /api/analytics/coverage/uncovered.geojson): outlines, drawn as their centroids.
  function uncoveredOf(fc) {
    return ((fc && fc.features) || []).map(function (f) {
      var c = f.geometry && (f.geometry.type === 'Point' ? f.geometry.coordinates : GL.centroid(f.geometry));
      return c ? [c[0], c[1]] : null;
    }).filter(Boolean).slice(0, 20000);
  }

  function load() {
    var q = query();
    GL.setState(q);
    state.whatIf = null;
    state.whatIfReport = null;
    GL.getJson('/api/analytics/coverage?' + qs(q)).then(function (d) {
      state.response = d;
      state.rows = normalize(d);
      document.getElementById('what-if').textContent = t('whatIf') + (d.method ? ' · ' + d.method : '');
      draw();
    }, function () {
      state.response = null;
      state.rows = null;
      draw();
    });
    GL.getJson('/api/analytics/coverage/uncovered.geojson?' + qs(q)).then(function (fc) {
      state.uncovered = uncoveredOf(fc);
      drawMap();
    }, function () { state.uncovered = []; drawMap(); });
  }

  function draw() {
    var ranking = document.getElementById('ranking');
    if (!state.rows || !state.rows.length) {
      GL.noData(ranking);
    } else {
      var table = document.createElement('table');
      table.className = 'rank';
      table.id = 'ranking-table';
      var head = table.createTHead().insertRow();
      var delta = deltaByCode();
      ['rank', 'grid', 'population', 'covered', 'share'].concat(delta ? ['whatIfDelta'] : []).forEach(function (k) {
        var th = document.createElement('th'); th.textContent = t(k); head.appendChild(th);
      });
      var tb = table.createTBody();
      state.rows.slice(0, 30).forEach(function (r, i) {
        var tr = tb.insertRow();
        tr.setAttribute('data-code', r.code);
        var cells = [i + 1, r.name + ' ' + r.code, GL.fmt(r.population), GL.fmt(r.covered), GL.pct(r.share)];
        if (delta) { cells.push(delta[r.code] ? '+' + GL.fmt(delta[r.code]) : ''); }
        cells.forEach(function (v) { tr.insertCell().textContent = v; });
        if (delta && delta[r.code]) { tr.className = 'gains'; }
      });
      ranking.textContent = '';
      ranking.appendChild(table);
    }
    drawMap();
  }

  // Covered-delta per grid code of the what-if answer, or null when no proposal is shown.
  function deltaByCode() {
    if (!state.whatIfReport) { return null; }
    var out = {};
    normalize(state.whatIfReport).forEach(function (r) { if (r.delta) { out[r.code] = r.delta; } });
    return out;
  }

  // The share a grid would have with the proposal (its delta added), or its current share without one.
  function shownShare(r, delta) {
    var d = delta && delta[r.code];
    if (!d || r.population === null || r.covered === null || !r.population) { return r.share; }
    return Math.min(1, (r.covered + d) / r.population);
  }

  function drawMap() {
    if (!state.geo) { document.getElementById('map-nodata').hidden = false; return; }
    if (!chart) {
      echarts.registerMap('planner-grids', state.geo);
      chart = echarts.init(document.getElementById('map'));
      chart.getZr().on('click', function (e) { whatIf(chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY])); });
    }
    var type = document.getElementById('f-type').value;
    var rows = state.rows || [];
    var delta = deltaByCode();
    document.getElementById('map-nodata').hidden = rows.length > 0;
    chart.setOption({
      tooltip: { trigger: 'item', renderMode: 'richText' },    // drawn in the canvas: no inline styles for the CSP to block
      geo: { map: 'planner-grids', nameProperty: 'code', roam: true, aspectScale: 0.78,
        itemStyle: { areaColor: '#1b2b40', borderColor: '#5ec8ff', borderWidth: 0.5 }, select: { disabled: true } },
      visualMap: rows.length ? [{ seriesIndex: 0, min: 0, max: 1, left: 10, bottom: 10, calculable: true,
        text: ['100%', '0%'], textStyle: { color: '#cfe6ff' }, inRange: { color: ['#d7301f', '#fdae61', '#ffffbf', '#1a9850'] } }] : [],
      series: [
        { id: 'coverage', type: 'map', geoIndex: 0, data: rows.map(function (r) { return { name: r.code, value: shownShare(r, delta) }; }) },
        { id: 'facilities', type: 'scatter', coordinateSystem: 'geo', symbolSize: 12, itemStyle: { color: '#4fd1ff', borderColor: '#ffffff', borderWidth: 1 },
          data: state.facilities.filter(function (f) { return f.type === type; }).map(function (f) { return { name: f.name, value: [f.lon, f.lat] }; }) },
        { id: 'uncovered', type: 'scatter', coordinateSystem: 'geo', symbolSize: 3, large: true, itemStyle: { color: '#ff6b6b' },
          data: state.uncovered },
        { id: 'whatif', type: 'effectScatter', coordinateSystem: 'geo', symbolSize: 14, itemStyle: { color: '#ffd166' },
          data: state.whatIf ? [state.whatIf] : [] }
      ]
    }, { replaceMerge: ['series', 'visualMap'] });
  }

  function whatIf(lonLat) {
    if (!lonLat || !isFinite(lonLat[0])) { return; }
    state.whatIf = [lonLat[0], lonLat[1]];
    state.whatIfReport = null;
    draw();
    var q = query();
    q.lon = lonLat[0].toFixed(6);
    q.lat = lonLat[1].toFixed(6);
    var line = document.getElementById('what-if');
    // The coverage API takes a proposed facility as lon/lat and answers with coveredDelta per grid.
    var asked = state.whatIf;
    GL.getJson('/api/analytics/coverage?' + qs(q)).then(function (d) {
      if (state.whatIf !== asked) { return; }    // a later click (or new filters) won
      state.whatIfReport = d;
      line.textContent = t('whatIfResult', { n: GL.fmt(d.districtCoveredDelta) }) + ' (' + q.lon + ', ' + q.lat + ')';
      draw();
    }, function () { line.textContent = t('whatIf') + ' — ' + t('noData'); });
  }

  function exportCsv() {
    var delta = deltaByCode();
    var rows = [['rank', 'grid_code', 'grid_name', 'population', 'covered', 'share'].concat(delta ? ['what_if_covered_delta', 'what_if_share'] : [])];
    (state.rows || []).forEach(function (r, i) {
      rows.push([i + 1, r.code, r.name, r.population, r.covered, r.share].concat(delta ? [delta[r.code] || 0, shownShare(r, delta)] : []));
    });
    var q = query();
    GL.download('coverage-' + q.type + '-' + q.reach + 'm-' + q.group + '.csv', 'text/csv;charset=utf-8', GL.csv(rows));
  }

  function exportGeojson() {
    var byCode = {};
    (state.rows || []).forEach(function (r, i) { byCode[r.code] = { rank: i + 1, r: r }; });
    var type = document.getElementById('f-type').value;
    var delta = deltaByCode();
    var feats = (state.geo ? state.geo.features : []).map(function (f) {
      var x = byCode[f.properties.code];
      var p = { layer: 'grid', code: f.properties.code, name: f.properties.name,
        rank: x ? x.rank : null, population: x ? x.r.population : null, covered: x ? x.r.covered : null, share: x ? x.r.share : null };
      if (delta) { p.whatIfCoveredDelta = delta[f.properties.code] || 0; p.whatIfShare = x ? shownShare(x.r, delta) : null; }
      return { type: 'Feature', geometry: f.geometry, properties: p };
    }).concat(state.facilities.filter(function (f) { return f.type === type; }).map(function (f) {
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [f.lon, f.lat] },
        properties: { layer: 'facility', code: f.code, name: f.name, type: f.type } };
    })).concat(state.uncovered.map(function (c) {
      return { type: 'Feature', geometry: { type: 'Point', coordinates: c }, properties: { layer: 'uncovered_building' } };
    })).concat(delta && state.whatIf ? [{ type: 'Feature', geometry: { type: 'Point', coordinates: state.whatIf },
      properties: { layer: 'proposed_facility', type: type, districtCoveredDelta: state.whatIfReport.districtCoveredDelta } }] : []);
    var q = query();
    GL.download('coverage-' + q.type + '-' + q.reach + 'm-' + q.group + '.geojson', 'application/geo+json',
      JSON.stringify({ type: 'FeatureCollection', features: feats }));
  }

  function fillSelect(id, values, prefix, chosen) {
    var sel = document.getElementById(id);
    values.forEach(function (v) {
      var o = document.createElement('option');
      o.value = v;
      o.textContent = prefix ? t(prefix + v) : v;
      sel.appendChild(o);
    });
    sel.value = values.indexOf(chosen) >= 0 ? chosen : values[0];
  }

  document.addEventListener('DOMContentLoaded', function () {
    GL.measureChartTextOnFreshCanvases();    // see common.js: keeps Blink's heap flat as labels change
    GL.applyStrings();
    fillSelect('f-type', TYPES, 'ft_', GL.param('type', 'elderly_day_care'));
    fillSelect('f-group', GROUPS, 'group_', GL.param('group', 'elderly'));
    document.getElementById('f-reach').value = REACHES.indexOf(GL.param('reach', '300')) >= 0 ? GL.param('reach', '300') : '300';
    document.getElementById('filters').addEventListener('submit', function (e) { e.preventDefault(); load(); });
    document.getElementById('export-csv').addEventListener('click', exportCsv);
    document.getElementById('export-geojson').addEventListener('click', exportGeojson);
    window.addEventListener('resize', function () { if (chart) { chart.resize(); } });
    Promise.all([
      GL.getJson('/api/regions/grid.geojson').catch(function () { return null; }),
      GL.getJson('/api/wall/points?kind=facilities').catch(function () { return null; })
    ]).then(function (res) {
      state.geo = res[0];
      state.facilities = (res[1] && res[1].points) || [];
      load();
      document.body.setAttribute('data-ready', 'true');
    });
  });
})();
