// Shared plumbing of the GridLens views: URL state, the kiosk token, JSON fetches, strings, formatting.
// Static and CSP-friendly (no inline code, no eval); everything hangs off window.GL.
(function () {
  'use strict';
  var params = new URLSearchParams(window.location.search);
  var lang = params.get('lang') === 'en' ? 'en' : 'zh';
  var token = params.get('token') || '';
  var strings = window.GL_STRINGS;

  function t(key, vars) {
    var s = (strings[lang] && strings[lang][key]) || strings.zh[key] || key;
    if (vars) {
      Object.keys(vars).forEach(function (k) { s = s.split('{' + k + '}').join(String(vars[k])); });
    }
    return s;
  }

  // Adds the kiosk token as a query parameter: for EventSource, which cannot send headers.
  function withToken(url) {
    if (!token) { return url; }
    return url + (url.indexOf('?') < 0 ? '?' : '&') + 'token=' + encodeURIComponent(token);
  }

  // GET JSON; rejects with {status} on a non-2xx answer and {status: 0} when the server is unreachable.
  function getJson(url, signal) {
    var headers = { 'Accept': 'application/json' };
    if (token) { headers.Authorization = 'Bearer ' + token; }
    return fetch(url, { headers: headers, signal: signal, cache: 'no-cache' }).then(function (r) {
      if (!r.ok) { var e = new Error(url + ' answered ' + r.status); e.status = r.status; throw e; }
      return r.json();
    }, function (err) { var e = new Error(url + ' unreachable'); e.status = 0; e.cause = err; throw e; });
  }

  // Replaces the URL's query with the view's state so the view can be bookmarked; keeps lang and token.
  function setState(state) {
    Object.keys(state).forEach(function (k) {
      var v = state[k];
      if (v === null || v === undefined || v === '') { params.delete(k); } else { params.set(k, v); }
    });
    var q = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (q ? '?' + q : ''));
  }

  function param(name, dflt) {
    var v = params.get(name);
    return v === null || v === '' ? dflt : v;
  }

  function fmt(n) {
    return (n === null || n === undefined || isNaN(n)) ? '—' : Number(n).toLocaleString(lang === 'en' ? 'en-US' : 'zh-CN');
  }

  function pct(x) { return (x === null || x === undefined) ? '—' : (x * 100).toFixed(1) + '%'; }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hhmm(d) { return pad(d.getHours()) + ':' + pad(d.getMinutes()); }

  // Fills every [data-i18n] element with its string and points the language link at the other language.
  function applyStrings(root) {
    document.documentElement.lang = lang === 'en' ? 'en' : 'zh-CN';
    Array.prototype.forEach.call((root || document).querySelectorAll('[data-i18n]'), function (el) {
      el.textContent = t(el.getAttribute('data-i18n'));
    });
    var link = document.getElementById('lang-switch');
    if (link) {
      var p = new URLSearchParams(window.location.search);
      p.set('lang', t('langHref'));
      link.href = window.location.pathname + '?' + p.toString();
      link.textContent = t('language');
    }
  }

  // A "no data" placeholder inside a panel body (404/503 from an endpoint that is not there yet).
  function noData(el) {
    el.textContent = '';
    var d = document.createElement('div');
    d.className = 'no-data';
    d.textContent = t('noData');
    el.appendChild(d);
  }

  // Saves text as a file. The last download's name, type and size are kept in GL.lastDownload (read by
  // the browser tests; one record, overwritten).
  function download(filename, mime, text) {
    var blob = new Blob([text], { type: mime });
    window.GL.lastDownload = { filename: filename, type: blob.type, size: blob.size };
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = filename;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  function csv(rows) {
    return rows.map(function (r) {
      return r.map(function (v) {
        var s = v === null || v === undefined ? '' : String(v);
        return /[",\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
      }).join(',');
    }).join('\n') + '\n';
  }

  // Centroid of a (Multi)Polygon's outer rings by vertex average: good enough to place a grid's label or heat.
  function centroid(geometry) {
    var polys = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    var x = 0, y = 0, n = 0;
    polys.forEach(function (p) { p[0].forEach(function (c) { x += c[0]; y += c[1]; n++; }); });
    return n ? [x / n, y / n] : null;
  }

  // Names of every incident category code (both levels) in the page's language, from the public data
  // dictionary's "incident_category" code list; resolves to {} when the dictionary cannot be read.
  function categoryNames() {
    return getJson('/api/dictionary').then(function (d) {
      var out = {};
      ((d && d.codeLists && d.codeLists.incident_category) || []).forEach(function (c) {
        out[c.code] = lang === 'en' && c.nameEn ? c.nameEn : c.nameZh;
      });
      return out;
    }, function () { return {}; });
  }

  // How ECharts measures label text, for every page that draws charts (call once, after ECharts loaded and
  // before the first chart). ECharts measures every label on a canvas of its own that is never painted, and
  // Chrome keeps the shaping of each string measured on such a canvas (blink::PlainTextNode, in Blink's heap,
  // not V8's) for as long as that canvas lives: with counts that keep changing, the wall's page grew by ~2 MB
  // an hour. Here the measuring canvas is replaced after MEASURES_PER_CANVAS strings, so the old one is
  // collected with its shapes; ECharts caches widths by font and text itself, so this costs one small
  // unpainted canvas per few hundred new strings. Labels are painted (fillText) on the charts' own canvases,
  // whose shapes Chrome releases as they are drawn. Does nothing without ECharts.
  var MEASURES_PER_CANVAS = 200;
  var DEFAULT_CHART_FONT = '12px sans-serif';   // ECharts' own default when a label names no font
  function measureChartTextOnFreshCanvases() {
    if (!window.echarts || !window.echarts.setPlatformAPI) { return; }
    var ctx = null, font = null, used = 0;
    window.echarts.setPlatformAPI({ measureText: function (text, wanted) {
      if (!ctx || used >= MEASURES_PER_CANVAS) {
        ctx = document.createElement('canvas').getContext('2d');
        font = null;
        used = 0;
      }
      used++;
      var f = wanted || DEFAULT_CHART_FONT;
      if (font !== f) { ctx.font = font = f; }
      return ctx.measureText(text);
    } });
  }

  window.GL = { categoryNames: categoryNames, lang: lang, token: token, t: t, withToken: withToken, getJson: getJson, setState: setState,
    param: param, fmt: fmt, pct: pct, pad: pad, hhmm: hhmm, applyStrings: applyStrings, noData: noData,
    download: download, csv: csv, centroid: centroid, measureChartTextOnFreshCanvases: measureChartTextOnFreshCanvases };
})();
