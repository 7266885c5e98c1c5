// GridLens wall display. Static: reads JSON and SSE from the server, draws with ECharts. No inline script, no CDN.
//
// Unattended-operation rules kept here: every chart is created once and updated with setOption; every
// timer and listener is registered once; the ticker and flash buffers are bounded; a failed request keeps
// the last picture and shows "stale since HH:MM"; recovery is automatic.
(function () {
  'use strict';

  var GL = window.GL;
  var t = GL.t;
  var TICKER_KEEP = 50;        // incidents kept for the ticker
  var FLASH_KEEP = 20;         // incidents flashing on the map at once
  var FLASH_MS = 60000;        // how long an arrival flashes
  var SSE_FAILURES_TO_POLL = 3;
  var SSE_RETRY_MS = 60000;    // while polling, try SSE again this often

  var LAYERS = ['incidents', 'heat', 'buildings', 'hotspots', 'hotareas', 'coverage', 'cameras', 'facilities'];
  var LAYER_LABEL = { incidents: 'layerIncidents', heat: 'layerHeat', buildings: 'layerBuildings', hotspots: 'layerHotspots',
    hotareas: 'layerHotareas', coverage: 'layerCoverage', cameras: 'layerCameras', facilities: 'layerFacilities' };
  var VIEW_TITLE = { incidents: 'viewIncidents', heat: 'viewHeat', buildings: 'viewBuildings', hotspots: 'viewHotspots',
    hotareas: 'viewHotareas', coverage: 'viewCoverage', cameras: 'viewCameras', facilities: 'viewFacilities' };
  var PANEL_TITLE = { categories: 'categories', trend24h: 'trend24h', trend30d: 'trend30d', hotGrids: 'hotGrids',
    subdistricts: 'subdistricts', ticker: 'ticker', hotAreas: 'hotAreasPanel', coverageGaps: 'coverageGaps' };
  // Layers loaded on demand. The analytics ones are optional: any HTTP error there (not deployed, not for
  // this token's role, too slow on a large district) shows "no data" without marking the whole wall stale.
  var LAYER_SOURCE = {
    buildings: '/api/wall/buildings',
    hotspots: '/api/analytics/hotspots?level=grid',
    hotareas: '/api/analytics/hotareas',
    coverage: null,            // from the config's "coverage" entry, see coverageUrl()
    cameras: '/api/wall/points?kind=cameras',
    facilities: '/api/wall/points?kind=facilities'
  };
  // Panels fed by a layer's data: loaded after the first render, refreshed every analyticsSeconds.
  var PANEL_LAYER = { hotAreas: 'hotareas', coverageGaps: 'coverage' };
  var PANELS_AFTER_MS = 5000;  // analytics panels start this long after the first render
  var BUILDING_LIFT = 1.6;     // vertical exaggeration of the pseudo-3D buildings (the district is flat and low)

  var state = {
    config: null, layout: null, layoutName: null, scale: 1,
    view: null, viewIndex: 0, layer: 'incidents', carousel: true, pinned: false,
    geo: null, geoRegistered: false, summary: null, kpis: null, layerData: {}, loading: {}, categoryNames: {},
    ticker: [], flashes: [], cursor: 0, primed: false,
    lastOk: null, failing: false,
    sse: null, sseFailures: 0, mode: 'connecting', lastSseTry: 0
  };
  var charts = {};             // panel id -> chart instance, created once
  var mapChart = null;
  window.GL_WALL = state;      // read by the browser tests (and handy in the console)

  // Performance marks of the first render's milestones (read by WallRenderBenchmark's waterfall); once each.
  var marked = {};
  function mark(name) {
    if (!marked[name] && performance.mark) { marked[name] = true; performance.mark(name); }
  }

  // ---------------------------------------------------------------- layout and scaling
  function chooseLayout(config) {
    var asked = GL.param('layout', 'auto');
    if (asked !== 'auto' && config.layouts[asked]) { return asked; }
    var w = window.innerWidth, h = window.innerHeight;
    var aspect = w / h;
    if (aspect >= 2.6 && config.layouts.ultrawide) { return 'ultrawide'; }
    if (w >= 5000 && config.layouts.wall3x3) { return 'wall3x3'; }
    if (w >= 3000 && config.layouts['4k']) { return '4k'; }
    return config.layouts['1080p'] ? '1080p' : Object.keys(config.layouts)[0];
  }

  function fit() {
    var c = document.getElementById('canvas');
    var W = state.layout ? state.layout.width : 1920, H = state.layout ? state.layout.height : 1080;
    var s = Math.min(window.innerWidth / W, window.innerHeight / H);
    state.scale = s;
    c.style.width = W + 'px';
    c.style.height = H + 'px';
    c.style.transform = 'scale(' + s + ')';
    c.style.left = ((window.innerWidth - W * s) / 2) + 'px';
    c.style.top = ((window.innerHeight - H * s) / 2) + 'px';
  }

  function buildColumns() {
    var body = document.getElementById('body');
    var mapPanel = document.getElementById('map-panel');
    var order = ['left2', 'left', 'map', 'right', 'right2'];
    order.forEach(function (slot) {
      if (slot === 'map') { body.appendChild(mapPanel); return; }
      var ids = state.layout[slot];
      if (!ids || !ids.length) { return; }
      var col = document.createElement('div');
      col.className = 'column column-' + slot;
      ids.forEach(function (id) {
        if (!PANEL_TITLE[id]) { return; }    // unknown panel ids in the config are ignored
        var sec = document.createElement('section');
        sec.className = 'panel';
        sec.id = 'panel-' + id;
        var h = document.createElement('h2');
        h.className = 'panel-title';
        h.textContent = t(PANEL_TITLE[id]);
        var b = document.createElement('div');
        b.className = 'panel-body';
        b.id = 'body-' + id;
        sec.appendChild(h);
        sec.appendChild(b);
        col.appendChild(sec);
      });
      body.appendChild(col);
    });
    document.getElementById('canvas').className = 'canvas layout-' + state.layoutName;
  }

  // Charts render at design pixels times the screen scale, so a 4K wall gets crisp 2x canvases.
  function chartIn(id) {
    if (charts[id]) { return charts[id]; }
    var body = document.getElementById('body-' + id);
    if (!body) { return null; }
    body.textContent = '';
    var el = document.createElement('div');
    el.className = 'chart';
    body.appendChild(el);
    charts[id] = echarts.init(el, null, { renderer: 'canvas', devicePixelRatio: ratio() });
    watchSize(el, charts[id]);
    return charts[id];
  }

  // Charts follow their box when panels settle after data arrives (one observer for all of them).
  var sizeObserver = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(function (entries) {
    entries.forEach(function (e) {
      var c = echarts.getInstanceByDom(e.target);
      if (c && !c.isDisposed()) { c.resize(); }
    });
  });

  function watchSize(el) {
    if (sizeObserver) { sizeObserver.observe(el); }
  }

  function ratio() { return Math.max(1, (window.devicePixelRatio || 1) * state.scale); }

  // What each panel drew last, as a key of its data: a periodic refresh whose answer did not change draws
  // nothing, so an unattended wall does not rebuild chart options, text and DOM every refreshSeconds for
  // the same numbers (one key per panel id: bounded).
  var drawn = {};
  function unchanged(id, data) {
    var key = JSON.stringify(data);
    if (drawn[id] === key) { return true; }
    drawn[id] = key;
    return false;
  }

  // A legend maximum that moves in coarse steps (1, 2, 2.5, 5 times a power of ten) instead of with every
  // incident: the colour scale stays put while counts creep up, and its labels are not repainted as new
  // text each time.
  function niceMax(v) {
    if (!(v > 1)) { return 1; }
    var p = Math.pow(10, Math.floor(Math.log(v) / Math.LN10));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) { if (steps[i] * p >= v) { return steps[i] * p; } }
    return 10 * p;
  }

  function panelNoData(id) {
    delete drawn[id];
    if (charts[id]) {
      if (sizeObserver) { sizeObserver.unobserve(charts[id].getDom()); }
      charts[id].dispose();
      delete charts[id];
    }
    var body = document.getElementById('body-' + id);
    if (body) { GL.noData(body); }
  }

  // ---------------------------------------------------------------- staleness
  function markFresh() {
    state.lastOk = new Date();
    if (state.failing) {
      state.failing = false;
      document.getElementById('stale').hidden = true;
      refreshAll();            // back after an outage: catch up on everything
    }
  }

  function markStale() {
    state.failing = true;
    var el = document.getElementById('stale');
    el.textContent = state.lastOk ? t('staleSince', { t: GL.hhmm(state.lastOk) }) : t('connecting');
    el.hidden = false;
  }

  // A request to the wall's own data failed: anything but 404 (an endpoint not deployed) marks the wall stale.
  // Resolves to null for "not deployed" (the panel shows "no data") and to undefined when the wall must
  // keep its last picture.
  function failed(err) {
    if (err && err.status === 404) { return null; }
    markStale();
    return undefined;
  }

  function core(promise) {
    return promise.then(function (v) { markFresh(); return v; }, failed);
  }

  function optional(promise) {
    // An HTTP answer of any error status means "no data for this layer or panel" (not deployed, not for this
    // token's role, timed out on a large district); only an unreachable server marks the wall stale.
    return promise.then(function (v) { markFresh(); return v; }, function (err) {
      if (err && err.status > 0) { return null; }
      return failed(err);
    });
  }

  // The coverage gaps of the config's "coverage" entry, in the form a wall may publish (suppressed counts,
  // no what-if): the planner's /api/analytics/coverage is not open to a wall token.
  function coverageUrl() { return '/api/wall/coverage'; }

  function sourceOf(layer) { return layer === 'coverage' ? coverageUrl() : LAYER_SOURCE[layer]; }

  // ---------------------------------------------------------------- data
  // The first refresh's requests were started by wall-early.js before ECharts arrived (for the default
  // 30-day window and the ticker's 50 rows); the first refresh claims them, later ones fetch afresh.
  function first(url) {
    var p = window.GL_WALL_EARLY ? window.GL_WALL_EARLY.claim(url) : null;
    return p || GL.getJson(url);
  }

  // The server may answer a request right after a data change with its last answer (at most
  // wall.answer-max-age-seconds old, "current": false, "asOf") while it computes a fresh one once for all
  // walls; the wall then asks again a few seconds later, so what it shows catches up by itself.
  var CATCH_UP_MS = 5000;
  var catchUpTimer = null;
  function behind(answer) {
    if (answer && answer.current === false && !catchUpTimer) {
      catchUpTimer = setTimeout(function () { catchUpTimer = null; refreshAll(); }, CATCH_UP_MS);
    }
    return answer;
  }

  function refreshAll() {
    var days = state.config.days || 30;
    var all = [
      core(first('/api/wall/kpis')).then(function (k) { drawKpis(k); mark('kpis'); }),
      Promise.all([
        state.geo ? Promise.resolve(state.geo) : core(first('/api/regions/grid.geojson')),
        core(first('/api/wall/summary?days=' + days)).then(behind)
      ]).then(function (res) {
        if (res[0]) { state.geo = res[0]; }
        if (res[1]) { state.summary = res[1]; }
        mark('geo+summary');
        // The map is redrawn when its data changed (the carousel redraws it on each turn anyway).
        if (!(mapChart && unchanged('map', state.summary && state.summary.byGrid))) { drawMap(); }
        mark('map');
        drawHotGrids();
      }),
      core(first('/api/wall/categories?days=' + days)).then(function (d) { drawCategories(d); mark('categories'); }),
      core(first('/api/wall/trend?range=24h')).then(behind).then(function (d) { drawTrend('trend24h', d, true); mark('trend24h'); }),
      core(first('/api/wall/trend?range=30d')).then(behind).then(function (d) { drawTrend('trend30d', d, false); mark('trend30d'); }),
      core(first('/api/wall/subdistricts?days=' + days)).then(behind).then(function (d) { drawLeague(d); mark('league'); }),
      pollLatest(true).then(function () { mark('latest'); })
    ];
    if (window.GL_WALL_EARLY) { window.GL_WALL_EARLY.drop(); }
    if (sourceOf(state.layer) && state.firstRenderMs) { loadLayer(state.layer); }
    if (state.firstRenderMs === undefined) {
      state.firstRenderMs = null;
      // First complete render: every core panel answered and drew (measured by the browser test). The
      // on-demand layers and the analytics panels load after it, so a slow analysis never delays the wall.
      Promise.all(all).then(function () {
        requestAnimationFrame(function () {
          state.firstRenderMs = performance.now();
          document.body.setAttribute('data-rendered', 'true');
          if (sourceOf(state.layer)) { loadLayer(state.layer); }
          // The analytics panels wait a little longer: a cold analysis keeps both the database and the
          // browser's connections busy, and the live stream and first arrivals come first.
          setTimeout(loadPanels, PANELS_AFTER_MS);
        });
      });
    }
  }

  // One request per layer at a time; the answer replaces the layer's entry (one per layer id: bounded).
  function loadLayer(layer) {
    if (state.loading[layer]) { return state.loading[layer]; }
    state.loading[layer] = optional(GL.getJson(sourceOf(layer))).then(function (d) {
      state.loading[layer] = null;
      if (d === undefined) { return; }
      state.layerData[layer] = d;
      state.layerLoadedAt = state.layerLoadedAt || {};
      state.layerLoadedAt[layer] = Date.now();
      if (state.layer === layer) { drawMap(); }
      drawPanelsOf(layer);
    });
    return state.loading[layer];
  }

  function panelsShown() {
    return Object.keys(PANEL_LAYER).filter(function (id) { return document.getElementById('body-' + id); });
  }

  // The analytics panels' layers, at most every analyticsSeconds (they are costly on a large district).
  function loadPanels() {
    var every = (state.config.analyticsSeconds || 600) * 1000, now = Date.now();
    if (!state.yearCategories && document.getElementById('body-hotAreas')) {
      // Hot areas are per second-level category: name them from the dictionary's full category list.
      state.yearCategories = true;
      GL.categoryNames().then(function (names) {
        Object.keys(names).forEach(function (k) { state.categoryNames[k] = names[k]; });
        drawHotAreas();
      });
    }
    panelsShown().forEach(function (id) {
      var layer = PANEL_LAYER[id], at = state.layerLoadedAt && state.layerLoadedAt[layer];
      if (!at || now - at >= every) { loadLayer(layer); }
    });
  }

  function drawPanelsOf(layer) {
    if (layer === 'hotareas') { drawHotAreas(); }
    if (layer === 'coverage') { drawCoverageGaps(); }
  }

  // Latest incidents: the ticker, the flashes, and the polling fallback. initial=true fills the ticker
  // without flashing; later calls flash what is new since the cursor.
  function pollLatest(initial) {
    // Until the first full load has set the cursor, a nudge (SSE open, an event, a poll) is a full load:
    // otherwise everything already there would flash as new.
    if (!initial && !state.primed) { initial = true; }
    // A full refresh after the first load (layer.changed, reset, back online) must still flash what is new:
    // the incident that caused a layer.changed may arrive here before its own incident.created.
    if (initial && state.primed) { initial = false; }
    var url = '/api/wall/latest?limit=' + TICKER_KEEP + (initial ? '' : '&after=' + state.cursor);
    return first(url).then(function (d) {
      markFresh();
      var list = d.incidents || [];
      if (initial) { state.primed = true; }
      if (!list.length) { return; }
      state.cursor = Math.max(state.cursor, list[0].id);
      if (initial) {
        state.ticker = list.slice(0, TICKER_KEEP);
      } else {
        var known = {};
        state.ticker.forEach(function (i) { known[i.id] = true; });
        var fresh = list.filter(function (i) { return !known[i.id]; });
        state.ticker = fresh.concat(state.ticker).slice(0, TICKER_KEEP);
        var now = Date.now();
        fresh.forEach(function (i) { state.flashes.unshift({ id: i.id, lon: i.lon, lat: i.lat, until: now + FLASH_MS }); });
        state.flashes = state.flashes.slice(0, FLASH_KEEP);
        if (fresh.length) {
          tickerOffset = 0;    // arrivals show at the top of the ticker at once
          drawFlashes();
          core(GL.getJson('/api/wall/kpis')).then(drawKpis);
        }
      }
      drawTicker();
    }, failed);
  }

  // ---------------------------------------------------------------- live: SSE with polling fallback
  function connectSse() {
    if (typeof EventSource === 'undefined' || state.config.sse === false) { setMode('polling'); return; }
    state.lastSseTry = Date.now();
    var es = new EventSource(GL.withToken('/api/events'));
    state.sse = es;
    es.onopen = function () { state.sseFailures = 0; setMode('live'); markFresh(); pollLatest(false); };
    es.onerror = function () {
      state.sseFailures++;
      markStaleIfUnreachable();     // the stream dropped: is the server gone, or only the stream?
      if (es.readyState === EventSource.CLOSED || state.sseFailures >= SSE_FAILURES_TO_POLL) {
        closeSse();
        setMode('polling');
      }
    };
    // The event names announce; the ticker/flash data comes from /api/wall/latest after the cursor, so
    // the wall does not depend on the event payloads' shape and never misses one between reconnects.
    es.addEventListener('incident.created', function () { pollLatest(false); });
    es.addEventListener('incident.changed', function () { scheduleKpis(); });
    es.addEventListener('case.overdue', function () { scheduleKpis(); });
    es.addEventListener('layer.changed', function () { refreshAll(); });
    es.addEventListener('reset', function () { refreshAll(); });
  }

  function closeSse() {
    if (state.sse) { state.sse.onopen = null; state.sse.onerror = null; state.sse.close(); state.sse = null; }
  }

  // Leaving the page (navigation, kiosk reload) closes the stream at once, so the browser's small pool of
  // connections per server is not held by a stream nobody reads.
  window.addEventListener('pagehide', closeSse);

  function markStaleIfUnreachable() {
    GL.getJson('/api/wall/kpis').then(function (k) { markFresh(); drawKpis(k); }, failed);
  }

  var kpiTimer = null;
  function scheduleKpis() {
    if (kpiTimer) { return; }
    kpiTimer = setTimeout(function () {
      kpiTimer = null;
      core(GL.getJson('/api/wall/kpis')).then(drawKpis);
    }, 2000);
  }

  function setMode(mode) {
    state.mode = mode;
    var el = document.getElementById('live-mode');
    el.textContent = mode === 'live' ? '● ' + t('live') : mode === 'polling' ? '○ ' + t('polling') : '';
    el.className = 'live-mode ' + mode;
  }

  // One timer drives polling, SSE retries, flash expiry and the stale check.
  function heartbeat() {
    var now = Date.now();
    if (state.mode !== 'live') {
      pollLatest(false);
      if (!state.sse && now - state.lastSseTry > SSE_RETRY_MS) { state.sseFailures = 0; connectSse(); }
    }
    var before = state.flashes.length;
    state.flashes = state.flashes.filter(function (f) { return f.until > now; });
    if (state.flashes.length !== before) { drawFlashes(); }
    var staleAfter = (state.config.staleAfterSeconds || 20) * 1000;
    if (state.lastOk && now - state.lastOk.getTime() > staleAfter && state.mode === 'live') {
      markStaleIfUnreachable();
    }
  }

  // ---------------------------------------------------------------- drawing
  function drawKpis(k) {
    if (!k) { return; }
    // Not current (served while the server computes the change): ask again shortly, KPIs only.
    if (k.current === false) { scheduleKpis(); }
    state.kpis = k;
    document.getElementById('kpi-today').textContent = GL.fmt(k.incidentsToday);
    document.getElementById('kpi-open').textContent = GL.fmt(k.openCases);
    document.getElementById('kpi-closure').textContent = GL.pct(k.closureRate);
    document.getElementById('kpi-ontime').textContent = GL.pct(k.onTimeRate);
    document.getElementById('kpi-overdue').textContent = GL.fmt(k.overdueCases);
    document.getElementById('kpi-residents').textContent = GL.fmt(k.residents);
    document.getElementById('kpi-elderly').textContent = GL.fmt(k.elderlyLivingAlone);
    document.getElementById('map-day').textContent = t('dayOf', { d: k.day });
  }

  var AXIS = { axisLabel: { color: '#9fc3ea', fontSize: 16 }, axisLine: { lineStyle: { color: '#2a5a8a' } },
    splitLine: { lineStyle: { color: '#12355c' } } };

  // Bars of a ranked bar chart that fit its panel with legible 16 px labels (at least three).
  function barsThatFit(id, most) {
    var body = document.getElementById('body-' + id);
    return Math.max(3, Math.min(most, Math.floor((body ? body.clientHeight : 0) / 22)));
  }

  function drawCategories(d) {
    if (d === undefined) { return; }
    if (!document.getElementById('body-categories')) { return; }
    if (!d || !d.categories || !d.categories.length) { panelNoData('categories'); return; }
    d.categories.forEach(function (c) { state.categoryNames[c.code] = GL.lang === 'en' ? c.nameEn : c.nameZh; });
    var top = d.categories.slice(0, barsThatFit('categories', 8)).reverse();
    if (unchanged('categories', [GL.lang, top])) { return; }
    chartIn('categories').setOption({
      animation: false,
      grid: { left: 150, right: 60, top: 10, bottom: 10 },
      xAxis: Object.assign({ type: 'value' }, AXIS, { axisLabel: { show: false } }),
      yAxis: Object.assign({ type: 'category', data: top.map(function (c) { return GL.lang === 'en' ? c.nameEn : c.nameZh; }) }, AXIS,
        { axisLabel: { color: '#cfe6ff', fontSize: 16, width: 140, overflow: 'truncate', interval: 0 } }),
      series: [{ id: 'categories', type: 'bar', data: top.map(function (c) { return c.incidents; }), barWidth: '60%',
        itemStyle: { color: '#33a0ff', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: '#e6f3ff', fontSize: 16 } }]
    });
  }

  function drawTrend(id, d, hours) {
    if (d === undefined) { return; }
    if (!document.getElementById('body-' + id)) { return; }
    if (!d || !d.buckets || !d.buckets.length) { panelNoData(id); return; }
    if (unchanged(id, d.buckets)) { return; }
    var labels = d.buckets.map(function (b) {
      if (hours) { return GL.pad(new Date(b.start).getHours()) + ':00'; }
      return b.start.substring(5);
    });
    chartIn(id).setOption({
      animation: false,
      grid: { left: 56, right: 20, top: 16, bottom: 30 },
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: Object.assign({ type: 'category', data: labels, boundaryGap: false }, AXIS),
      yAxis: Object.assign({ type: 'value', minInterval: 1 }, AXIS),
      series: [{ id: id, type: 'line', smooth: true, showSymbol: false, data: d.buckets.map(function (b) { return b.incidents; }),
        lineStyle: { width: 3, color: hours ? '#4fd1ff' : '#6fe3a1' },
        areaStyle: { color: hours ? '#4fd1ff33' : '#6fe3a133' } }]
    });
  }

  function drawHotGrids() {
    if (!document.getElementById('body-hotGrids')) { return; }
    var s = state.summary;
    if (!s || !s.byGrid || !s.byGrid.length) { panelNoData('hotGrids'); return; }
    var top = s.byGrid.slice().sort(function (a, b) { return b.incidents - a.incidents; }).slice(0, barsThatFit('hotGrids', 10)).reverse();
    if (unchanged('hotGrids', top)) { return; }
    chartIn('hotGrids').setOption({
      animation: false,
      grid: { left: 170, right: 60, top: 6, bottom: 6 },
      xAxis: Object.assign({ type: 'value' }, AXIS, { axisLabel: { show: false } }),
      yAxis: Object.assign({ type: 'category', data: top.map(function (g) { return g.name; }) }, AXIS,
        { axisLabel: { color: '#cfe6ff', fontSize: 16, width: 160, overflow: 'truncate', interval: 0 } }),
      series: [{ id: 'hotGrids', type: 'bar', data: top.map(function (g) { return g.incidents; }), barWidth: '60%',
        itemStyle: { color: '#ff9f43', borderRadius: [0, 4, 4, 0] },
        label: { show: true, position: 'right', color: '#e6f3ff', fontSize: 16 } }]
    });
  }

  function drawLeague(d) {
    if (d === undefined) { return; }
    var body = document.getElementById('body-subdistricts');
    if (!body) { return; }
    if (!d || !d.subdistricts || !d.subdistricts.length) { delete drawn.subdistricts; GL.noData(body); return; }
    if (unchanged('subdistricts', [d.subdistricts, body.clientHeight])) { return; }
    var table = document.createElement('table');
    table.className = 'league';
    var head = table.insertRow();
    ['subdistrict', 'incidents', 'rate', 'overdue'].forEach(function (k) {
      var th = document.createElement('th');
      th.textContent = t(k);
      head.appendChild(th);
    });
    d.subdistricts.slice(0, rowsThatFit(body, 36, 8)).forEach(function (r) {
      var tr = table.insertRow();
      [GL.lang === 'en' && r.nameEn ? r.nameEn : r.name, GL.fmt(r.incidents), GL.pct(r.closureRate), GL.fmt(r.overdue)]
        .forEach(function (v) { tr.insertCell().textContent = v; });
    });
    body.textContent = '';
    body.appendChild(table);
  }

  // How many rows of rowPx fit in a panel body below a header row of headPx (at least one): tables and
  // the ticker never spill out of their panel, whatever the layout gives them.
  function rowsThatFit(body, rowPx, most, headPx) {
    var head = headPx === undefined ? rowPx : headPx;
    return Math.max(1, Math.min(most, Math.floor((body.clientHeight - head) / rowPx)));
  }

  function table(body, heads, rows) {
    var tbl = document.createElement('table');
    tbl.className = 'league wide-first';
    var head = tbl.insertRow();
    heads.forEach(function (k) { var th = document.createElement('th'); th.textContent = t(k); head.appendChild(th); });
    rows.forEach(function (r) {
      var tr = tbl.insertRow();
      if (r.cls) { tr.className = r.cls; }
      r.cells.forEach(function (v) { tr.insertCell().textContent = v; });
    });
    body.textContent = '';
    body.appendChild(tbl);
  }

  function gridName(code) {
    var name = code;
    (state.geo ? state.geo.features : []).some(function (f) {
      if (f.properties.code === code) { name = f.properties.name || code; return true; }
      return false;
    });
    return name;
  }

  var TREND_MARK = { increasing: '↑ ', decreasing: '↓ ', none: '· ' };

  // Hot areas of repeated incidents (analytics API), ranked by count, with their Mann-Kendall trend class.
  function drawHotAreas() {
    var body = document.getElementById('body-hotAreas');
    if (!body) { return; }
    var d = state.layerData.hotareas;
    var areas = (d && d.features) || [];
    if (!areas.length) { GL.noData(body); return; }
    var n = rowsThatFit(body, 36, 8);
    table(body, ['area', 'incidents', 'trendClass'], areas.slice(0, n).map(function (f) {
      var p = f.properties || {}, trend = p.trend || 'none';
      return { cls: 'trend-' + trend, cells: [gridName(p.gridCode) + ' · ' + (state.categoryNames[p.category] || p.category || ''),
        GL.fmt(p.incidents), (TREND_MARK[trend] || '') + t('class_' + trend)] };
    }));
  }

  // Coverage gaps: the worst-covered grids for the configured facility type, reach and group.
  function drawCoverageGaps() {
    var body = document.getElementById('body-coverageGaps');
    if (!body) { return; }
    var d = state.layerData.coverage;
    var grids = ((d && d.grids) || []).filter(function (g) { return g.share !== null && g.share !== undefined; });
    if (!grids.length) { GL.noData(body); return; }
    var c = state.config.coverage || {};
    body.setAttribute('title', t('ft_' + (c.type || 'elderly_day_care')) + ' · ' + (c.reach || 300) + ' m · ' +
      t('group_' + (c.group || 'elderly')));
    var n = rowsThatFit(body, 36, 8);
    table(body, ['grid', 'share', 'uncovered'], grids.slice(0, n).map(function (g) {
      var un = g.groupSize === null || g.covered === null || g.groupSize === undefined ? null : g.groupSize - g.covered;
      return { cells: [g.gridName || gridName(g.gridCode), GL.pct(g.share), GL.fmt(un)] };
    }));
  }

  var tickerOffset = 0;
  function drawTicker() {
    var body = document.getElementById('body-ticker');
    if (!body) { return; }
    if (!state.ticker.length) { GL.noData(body); return; }
    var rows = rowsThatFit(body, 34, state.config.tickerRows || 8, 0);
    var ul = body.querySelector('ul.ticker');
    if (!ul) { body.textContent = ''; ul = document.createElement('ul'); ul.className = 'ticker'; body.appendChild(ul); }
    while (ul.children.length < Math.min(rows, state.ticker.length)) {
      var li = document.createElement('li');
      ['time', 'cat', 'grid'].forEach(function (c) { var s = document.createElement('span'); s.className = c; li.appendChild(s); });
      ul.appendChild(li);
    }
    while (ul.children.length > Math.min(rows, state.ticker.length)) { ul.lastChild.remove(); }
    var flashing = {};
    state.flashes.forEach(function (f) { flashing[f.id] = true; });
    for (var i = 0; i < ul.children.length; i++) {
      var inc = state.ticker[(i + tickerOffset) % state.ticker.length];
      var li2 = ul.children[i];
      var d = new Date(inc.reportedAt);
      li2.children[0].textContent = GL.pad(d.getMonth() + 1) + '-' + GL.pad(d.getDate()) + ' ' + GL.hhmm(d);
      li2.children[1].textContent = (GL.lang === 'en' ? inc.categoryEn : inc.categoryZh) + ' · ' + t('status_' + inc.status);
      li2.children[2].textContent = inc.gridName || '';
      li2.className = flashing[inc.id] ? 'fresh' : '';
      li2.setAttribute('data-id', inc.id);
    }
  }

  function scrollTicker() {
    // Fresh arrivals stay on top while they flash; otherwise the list scrolls one row at a time.
    var body = document.getElementById('body-ticker');
    var rows = body ? rowsThatFit(body, 34, state.config.tickerRows || 8, 0) : 0;
    if (state.flashes.length || state.ticker.length <= rows) { tickerOffset = 0; }
    else { tickerOffset = (tickerOffset + 1) % state.ticker.length; }
    drawTicker();
  }

  function ensureMap() {
    if (!mapChart) {
      mapChart = echarts.init(document.getElementById('map'), null, { renderer: 'canvas', devicePixelRatio: ratio() });
      watchSize(document.getElementById('map'));
    }
    if (!state.geoRegistered && state.geo) {
      echarts.registerMap('district-grids', state.geo);
      state.geoRegistered = true;
    }
    return mapChart;
  }

  function gridValues() {
    var byCode = {};
    ((state.summary && state.summary.byGrid) || []).forEach(function (g) { byCode[g.code] = g; });
    return byCode;
  }

  function layerSeries(layer) {
    var byCode = gridValues();
    var series = [], visualMap = null, empty = false;
    if (layer === 'incidents' || layer === 'heat') {
      var data = Object.keys(byCode).map(function (c) { return { name: c, value: byCode[c].incidents, label: byCode[c].name }; });
      var max = niceMax(data.reduce(function (m, d) { return Math.max(m, d.value); }, 1));
      if (!data.length) { empty = true; }
      if (layer === 'incidents') {
        series.push({ id: 'grids', name: 'grids', type: 'map', geoIndex: 0, data: data });
        visualMap = { seriesIndex: 0, min: 0, max: max, left: 24, bottom: 24, text: [t('many'), t('few')], calculable: true,
          inRange: { color: ['#0b3d6b', '#1f78b4', '#33a0ff', '#ffd166', '#ff6b35'] }, textStyle: { color: '#cfe6ff', fontSize: 18 } };
      } else {
        // Heat from the per-grid aggregate placed at grid centroids: never raw points for the whole district.
        var pts = [];
        (state.geo ? state.geo.features : []).forEach(function (f) {
          var g = byCode[f.properties.code];
          var c = g && g.incidents > 0 ? GL.centroid(f.geometry) : null;
          if (c) { pts.push([c[0], c[1], g.incidents]); }
        });
        if (!pts.length) { empty = true; }
        series.push({ id: 'heat', name: 'heat', type: 'heatmap', coordinateSystem: 'geo', data: pts, pointSize: 26, blurSize: 30 });
        visualMap = { show: false, seriesIndex: 0, min: 0, max: max, inRange: { color: ['#0b3d6b00', '#33a0ff', '#ffd166', '#ff3b30'] } };
      }
    } else if (layer === 'coverage') {
      // Coverage gaps: grids coloured by the share of the elderly within 300 m of a day-care centre.
      var cov = ((state.layerData.coverage && state.layerData.coverage.grids) || []).filter(function (g) { return g.share !== null; })
        .map(function (g) { return { name: g.gridCode, value: g.share, label: g.gridName }; });
      if (!cov.length) { empty = true; }
      series.push({ id: 'coverage', name: 'coverage', type: 'map', geoIndex: 0, data: cov });
      visualMap = { seriesIndex: 0, min: 0, max: 1, left: 24, bottom: 24, text: ['100%', '0%'], calculable: true,
        inRange: { color: ['#d7301f', '#fdae61', '#ffffbf', '#1a9850'] }, textStyle: { color: '#cfe6ff', fontSize: 18 } };
    } else if (layer === 'buildings') {
      var prisms = buildingPrisms();
      if (!prisms.length) { empty = true; }
      series.push({ id: 'buildings', name: 'buildings', type: 'custom', coordinateSystem: 'geo', silent: true,
        data: prisms.map(function (b) { return [b.lon, b.lat, b.h]; }), renderItem: renderPrism(prisms) });
      visualMap = { show: true, seriesIndex: 0, dimension: 2, min: 0, max: prisms.reduce(function (m, b) { return Math.max(m, b.h); }, 10),
        left: 24, bottom: 24, text: [t('taller'), t('lower')], calculable: false, textStyle: { color: '#cfe6ff', fontSize: 18 },
        inRange: { color: ['#1f5f9e', '#33a0ff', '#8fe3ff', '#ffe08a'] } };
    } else if (layer === 'hotspots') {
      // Gi* bins per grid (-3..3) at grid centroids; bin 0 (not significant) is left out.
      var bins = [];
      ((state.layerData.hotspots && state.layerData.hotspots.features) || []).forEach(function (f) {
        var b = f.properties && f.properties.gi_bin;
        var c = b && f.geometry ? GL.centroid(f.geometry) : null;
        if (c) { bins.push({ name: String(f.properties.id), value: [c[0], c[1], b] }); }
      });
      if (!bins.length) { empty = true; }
      series.push({ id: 'hotspots', name: 'hotspots', type: 'scatter', coordinateSystem: 'geo', data: bins,
        symbolSize: function (v) { return 10 + 6 * Math.abs(v[2]); } });
      visualMap = { show: false, seriesIndex: 0, dimension: 2, min: -3, max: 3,
        inRange: { color: ['#2166ac', '#67a9cf', '#d1e5f0', '#f7f7f7', '#fddbc7', '#ef8a62', '#b2182b'] } };
    } else {
      var d = state.layerData[layer];
      var pointsOf = function (list) {
        return (list || []).filter(function (p) { return isFinite(p.lon) && isFinite(p.lat); })
          .map(function (p) { return { name: p.name || p.code || '', value: [p.lon, p.lat, p.value || 1] }; });
      };
      var pts2 = [];
      if (d && d.features) {
        d.features.forEach(function (f) {
          var p = f.properties || {};
          var c = isFinite(p.centreLon) ? [p.centreLon, p.centreLat]
            : f.geometry && (f.geometry.type === 'Point' ? f.geometry.coordinates : GL.centroid(f.geometry));
          if (c) { pts2.push({ name: p.name || p.gridCode || p.code || '', value: [c[0], c[1], p.incidents || 1] }); }
        });
      } else if (d) {
        pts2 = pointsOf(d.points || d.hotAreas || d.grids || d.cells || []);
      }
      if (!pts2.length) { empty = true; }
      series.push({ id: 'points', name: layer, type: 'scatter', coordinateSystem: 'geo', data: pts2, symbolSize: 9,
        itemStyle: { color: layer === 'cameras' ? '#b388ff' : layer === 'facilities' ? '#6fe3a1' : '#ff6b35' } });
    }
    return { series: series, visualMap: visualMap, empty: empty };
  }

  // The buildings layer's prisms, sorted north to south once per answer so nearer (southern) buildings are
  // painted over the ones behind them.
  var prismCache = { data: null, list: [] };
  function buildingPrisms() {
    var d = state.layerData.buildings;
    if (prismCache.data === d) { return prismCache.list; }
    var list = ((d && d.buildings) || []).map(function (b) {
      var ring = b[1], x = 0, y = 0, n = ring.length / 2 - 1;
      for (var i = 0; i < n; i++) { x += ring[2 * i]; y += ring[2 * i + 1]; }
      return { h: b[0], ring: ring, lon: x / n, lat: y / n };
    }).filter(function (b) { return isFinite(b.lon) && isFinite(b.lat); });
    list.sort(function (a, b) { return b.lat - a.lat; });
    prismCache = { data: d, list: list };
    return list;
  }

  // ECharts draws no extrusions in 2D, so a building is drawn as an oblique prism: its footprint lifted
  // straight up the screen by its height (metres at the map's current scale, times BUILDING_LIFT), with the
  // walls between footprint and roof shaded darker than the roof.
  function renderPrism(prisms) {
    return function (params, api) {
      var b = prisms[params.dataIndex];
      if (!b) { return null; }
      var a = api.coord([b.lon, b.lat]), e = api.coord([b.lon + 0.001, b.lat]);
      var pxPerM = Math.abs(e[0] - a[0]) / (0.001 * 111320 * Math.cos(b.lat * Math.PI / 180));
      var lift = b.h * pxPerM * BUILDING_LIFT;
      var base = [], roof = [];
      for (var i = 0; i < b.ring.length; i += 2) {
        var p = api.coord([b.ring[i], b.ring[i + 1]]);
        base.push(p);
        roof.push([p[0], p[1] - lift]);
      }
      var colour = api.visual('color');
      var walls = [];
      for (var j = 0; j + 1 < base.length; j++) {
        walls.push({ type: 'polygon', shape: { points: [base[j], base[j + 1], roof[j + 1], roof[j]] },
          style: { fill: echarts.color.modifyHSL(colour, null, null, 0.22), stroke: null } });
      }
      walls.push({ type: 'polygon', shape: { points: roof },
        style: { fill: colour, stroke: echarts.color.modifyHSL(colour, null, null, 0.75), lineWidth: 0.5 } });
      return { type: 'group', children: walls };
    };
  }

  function flashSeries() {
    return { id: 'flash', name: 'flash', type: 'effectScatter', coordinateSystem: 'geo', zlevel: 2,
      data: state.flashes.map(function (f) { return { value: [f.lon, f.lat], id: f.id }; }),
      symbolSize: 22, rippleEffect: { scale: 4, brushType: 'stroke' }, itemStyle: { color: '#ffd166' } };
  }

  function drawMap() {
    if (!state.geo) { document.getElementById('map-nodata').hidden = false; return; }
    var chart = ensureMap();
    var l = layerSeries(state.layer);
    document.getElementById('map-nodata').hidden = !l.empty;
    // No transitions on the layer series: the wall shows each answer at once (the first complete render is
    // the first frame, not the end of a one-second tween), and a turning carousel costs one frame per change.
    // The arrivals' ripple is the only motion.
    l.series.forEach(function (x) { x.animation = false; });
    var series = l.series.concat([flashSeries()]);
    chart.setOption({
      backgroundColor: 'transparent',
      // Tooltips are drawn in the canvas (richText): HTML tooltips set inline styles, which the CSP blocks.
      tooltip: { trigger: 'item', renderMode: 'richText', formatter: function (p) {
        var d = p.data || {};
        if (p.seriesId === 'grids') { return (d.label || p.name) + '\n' + p.name + '\n' + t('incidents') + ' ' + GL.fmt(p.value); }
        return p.name || '';
      } },
      geo: { map: 'district-grids', nameProperty: 'code', roam: true, aspectScale: 0.78, zoom: 1.1,
        itemStyle: { borderColor: '#5ec8ff', borderWidth: 0.6, areaColor: '#0b2a4d' },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffe08a' } }, select: { disabled: true } },
      visualMap: l.visualMap ? [l.visualMap] : [],
      series: series
    }, { replaceMerge: ['series', 'visualMap'] });
  }

  function drawFlashes() {
    if (!mapChart || !state.geo) { return; }
    mapChart.setOption({ series: [flashSeries()] });
  }

  // ---------------------------------------------------------------- views, carousel, controls
  function showView(index) {
    var views = state.config.views;
    state.viewIndex = ((index % views.length) + views.length) % views.length;
    state.view = views[state.viewIndex];
    setLayer(state.view.layer || 'incidents', false);
    document.getElementById('map-title').textContent = t(state.view.title || VIEW_TITLE[state.layer] || 'viewIncidents');
  }

  function setLayer(layer, pin) {
    if (LAYERS.indexOf(layer) < 0) { layer = 'incidents'; }
    state.layer = layer;
    Array.prototype.forEach.call(document.querySelectorAll('#layer-buttons button'), function (b) {
      b.setAttribute('aria-pressed', String(b.getAttribute('data-layer') === layer));
    });
    document.getElementById('map-title').textContent = t(VIEW_TITLE[layer]);
    if (pin) {
      setCarousel(false);
      GL.setState({ layer: layer, view: null });
    }
    if (LAYER_SOURCE[layer] && !state.layerData[layer]) { loadLayer(layer); }
    drawMap();
  }

  function setCarousel(on) {
    state.carousel = on;
    var b = document.getElementById('carousel-toggle');
    b.textContent = t(on ? 'pause' : 'play');
    b.setAttribute('aria-pressed', String(!on));
    GL.setState({ carousel: on ? null : 'off' });
  }

  function buildLayerButtons() {
    var box = document.getElementById('layer-buttons');
    box.setAttribute('aria-label', t('layers'));
    LAYERS.forEach(function (layer) {
      var b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('data-layer', layer);
      b.textContent = t(LAYER_LABEL[layer]);
      b.addEventListener('click', function () { setLayer(layer, true); });
      box.appendChild(b);
    });
  }

  function tickClock() {
    var d = new Date();
    document.getElementById('clock').textContent = d.getFullYear() + '-' + GL.pad(d.getMonth() + 1) + '-' +
      GL.pad(d.getDate()) + ' ' + GL.hhmm(d) + ':' + GL.pad(d.getSeconds());
  }

  function onResize() {
    fit();
    if (mapChart) { mapChart.resize(); }
    Object.keys(charts).forEach(function (k) { charts[k].resize(); });
  }

  function start(config) {
    mark('config');
    state.config = config;
    state.layoutName = chooseLayout(config);
    state.layout = config.layouts[state.layoutName];
    fit();
    buildColumns();
    buildLayerButtons();
    GL.applyStrings();
    document.getElementById('carousel-toggle').addEventListener('click', function () { setCarousel(!state.carousel); });

    var askedView = GL.param('view', null), askedLayer = GL.param('layer', null);
    var idx = 0;
    config.views.forEach(function (v, i) { if (v.id === askedView) { idx = i; } });
    showView(idx);
    if (askedLayer) { setLayer(askedLayer, false); }
    setCarousel(GL.param('carousel', askedView || askedLayer ? 'off' : 'on') !== 'off');

    refreshAll();
    connectSse();
    setInterval(tickClock, 1000);
    setInterval(function () { refreshAll(); loadPanels(); }, (config.refreshSeconds || 60) * 1000);
    setInterval(heartbeat, (config.pollSeconds || 5) * 1000);
    setInterval(scrollTicker, 3000);
    setInterval(function () { if (state.carousel) { showView(state.viewIndex + 1); } }, (config.carouselSeconds || 30) * 1000);
    window.addEventListener('resize', onResize);
    tickClock();
    document.body.setAttribute('data-ready', 'true');
  }

  var FALLBACK_CONFIG = { days: 30, carouselSeconds: 30, refreshSeconds: 60, pollSeconds: 5, staleAfterSeconds: 20,
    tickerRows: 8, layouts: { '1080p': { width: 1920, height: 1080, left: ['categories', 'trend24h', 'trend30d'],
      right: ['hotGrids', 'subdistricts', 'ticker'] } }, views: [{ id: 'incidents', layer: 'incidents' }] };

  document.addEventListener('DOMContentLoaded', function () {
    mark('dom');
    GL.measureChartTextOnFreshCanvases();    // see common.js: keeps Blink's heap flat with changing labels
    GL.applyStrings();
    fit();
    first('/api/wall/config').then(start, function () { start(FALLBACK_CONFIG); markStale(); });
  });
})();
