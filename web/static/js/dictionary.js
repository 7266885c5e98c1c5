// Renders /api/dictionary as one table per layer. Text goes in with textContent only (never innerHTML),
// so field descriptions cannot inject markup.
(function () {
  'use strict';

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (className) { e.className = className; }
    return e;
  }

  function codeList(name, lists) {
    const entries = lists[name] || [];
    const d = el('details');
    d.appendChild(el('summary', name + ' (' + entries.length + ')'));
    const ul = el('ul');
    entries.forEach(function (c) {
      ul.appendChild(el('li', c.code + ' — ' + c.nameZh + ' / ' + c.nameEn
        + (c.timeLimitHours ? ' (' + c.timeLimitHours + ' h)' : '')));
    });
    d.appendChild(ul);
    return d;
  }

  function render(dict) {
    const nav = document.getElementById('layers');
    const main = document.getElementById('content');
    main.textContent = '';
    dict.layers.forEach(function (layer) {
      const a = el('a', layer.layer);
      a.href = '#layer-' + layer.layer;
      nav.appendChild(a);
      const h = el('h2', layer.layer);
      h.id = 'layer-' + layer.layer;
      main.appendChild(h);
      const table = el('table');
      const head = el('tr');
      ['field', '中文名', 'English', 'type', 'unit', 'code list', 'required', 'sensitivity', 'notes'].forEach(function (t) {
        head.appendChild(el('th', t));
      });
      table.appendChild(head);
      layer.fields.forEach(function (f) {
        const tr = el('tr');
        tr.appendChild(el('td', f.field));
        tr.appendChild(el('td', f.nameZh));
        tr.appendChild(el('td', f.nameEn));
        tr.appendChild(el('td', f.type.toLowerCase()));
        tr.appendChild(el('td', f.unit || ''));
        const cl = el('td');
        if (f.codeList) { cl.appendChild(codeList(f.codeList, dict.codeLists)); }
        tr.appendChild(cl);
        tr.appendChild(el('td', f.required ? 'yes' : ''));
        tr.appendChild(el('td', f.sensitivity.toLowerCase(), 'sensitivity-' + f.sensitivity.toLowerCase()));
        tr.appendChild(el('td', f.description || ''));
        table.appendChild(tr);
      });
      main.appendChild(table);
    });
  }

  fetch('/api/dictionary')
    .then(function (r) { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
    .then(render)
    .catch(function (e) { document.getElementById('status').textContent = 'Could not load the dictionary: ' + e.message; });
}());
