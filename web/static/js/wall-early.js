// GridLens wall: starts the first render's requests before ECharts has downloaded and run.
//
// Deferred scripts run in document order once they have arrived, so this small one (listed before ECharts)
// runs while ECharts (~330 KB gzipped, ~1 MB of script to compile) is still on its way: the server works on
// the config and the aggregates meanwhile instead of after it. wall.js claims each answer once
// (GL_WALL_EARLY.claim); what it does not claim is dropped. Needs common.js (GL.getJson).
(function () {
  'use strict';
  var DEFAULT_DAYS = 30;
  var URLS = ['/api/wall/config', '/api/wall/kpis', '/api/regions/grid.geojson', '/api/wall/summary?days=' + DEFAULT_DAYS,
    '/api/wall/categories?days=' + DEFAULT_DAYS, '/api/wall/trend?range=24h', '/api/wall/trend?range=30d',
    '/api/wall/subdistricts?days=' + DEFAULT_DAYS, '/api/wall/latest?limit=50'];
  var pending = {};
  URLS.forEach(function (u) {
    var p = window.GL.getJson(u);
    p.catch(function () { });      // handled when claimed; an unclaimed failure must not reach the console
    pending[u] = p;
  });
  window.GL_WALL_EARLY = {
    days: DEFAULT_DAYS,
    // The answer already under way for url, once; null when there is none (or it was claimed).
    claim: function (url) {
      var p = pending[url];
      if (!p) { return null; }
      delete pending[url];
      return p;
    },
    // Drops what was not claimed by the first render (its answers are garbage once they arrive).
    drop: function () { pending = {}; }
  };
})();
