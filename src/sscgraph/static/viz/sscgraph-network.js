// Draws one page written by `sscgraph viz` with vis-network.
// Every text that comes from the documents is put into the page with
// textContent or drawn on the canvas, never parsed as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('graph-data').textContent);
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function fmt(x) { return Number(x).toPrecision(3); }

  function nodeTip(n) {
    var d = el('div', null, 'tip');
    d.appendChild(el('strong', n.label));
    d.appendChild(el('div', n.type + (n.iso3 ? ' · ' + n.iso3 : '')));
    if (n.aliases.length) d.appendChild(el('div', 'Also: ' + n.aliases.join(', ')));
    d.appendChild(el('div', 'Documents: ' + n.documents + ' · rank ' + n.rank + ' · community ' + n.community));
    if (n.sources.length) {
      var more = n.documents > n.sources.length ? ' and ' + (n.documents - n.sources.length) + ' more' : '';
      d.appendChild(el('div', 'In: ' + n.sources.join(', ') + more, 'sources'));
    }
    if (n.quote) d.appendChild(el('blockquote', n.quote));
    return d;
  }
  function edgeTip(e) {
    var d = el('div', null, 'tip');
    d.appendChild(el('strong', byId[e.from].label + ' — ' + e.predicate + ' — ' + byId[e.to].label));
    d.appendChild(el('div', 'Weight ' + e.weight + (e.documents ? ' · documents ' + e.documents : '')));
    if (e.sentence) d.appendChild(el('blockquote', e.sentence));
    return d;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return {
      id: n.id, label: n.short, x: n.x, y: n.y, size: n.size, shape: 'dot',
      color: {background: n.color, border: n.color, highlight: {background: n.color, border: '#000'}},
      title: nodeTip(n), group: n.type, font: {size: n.centre ? 22 : 14},
      borderWidth: n.centre ? 4 : 1,
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e, i) {
    return {
      id: i, from: e.from, to: e.to, value: e.weight, title: edgeTip(e),
      arrows: e.directed ? {to: {enabled: true, scaleFactor: 0.5}} : undefined,
      dashes: e.layer === 'comention', color: {color: e.layer === 'comention' ? '#cccccc' : '#888888'},
    };
  }));
  var container = document.getElementById('network');
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    physics: false,
    layout: {improvedLayout: false},
    interaction: {hover: true, tooltipDelay: 150, hideEdgesOnDrag: data.nodes.length > 300, navigationButtons: false},
    edges: {smooth: false, scaling: {min: 1, max: 6}},
    nodes: {scaling: {min: 5, max: 40}},
  });

  // Details panel: shown when a node is clicked or found.
  var panel = document.getElementById('details');
  function show(id) {
    var n = byId[id];
    if (!n) return;
    panel.replaceChildren();
    panel.hidden = false;
    panel.appendChild(el('h2', n.label));
    var dl = el('dl');
    function row(k, v) { dl.appendChild(el('dt', k)); dl.appendChild(el('dd', v)); }
    row('Type', n.type);
    if (n.iso3) row('ISO 3166-1', n.iso3);
    if (n.aliases.length) row('Also known as', n.aliases.join(', '));
    row('Documents mentioning it', n.documents + (n.sources.length ? ': ' + n.sources.join(', ') +
        (n.documents > n.sources.length ? ', …' : '') : ''));
    if (n.quote) row('Evidence', n.quote);
    row('Rank (PageRank)', n.rank + ' overall, ' + n.rank_in_type + ' among ' + n.type + ' entities');
    row('PageRank · betweenness · degree', fmt(n.pagerank) + ' · ' + fmt(n.betweenness) + ' · ' + n.degree);
    row('Community', n.community);
    row('Identifier', n.id);
    panel.appendChild(dl);
    if (n.page) {
      var a = el('a', 'Open the page of ' + n.label);
      a.href = n.page;
      a.className = 'page-link';
      panel.appendChild(a);
    }
    var links = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    links.sort(function (a, b) { return b.weight - a.weight; });
    if (links.length) {
      panel.appendChild(el('h3', 'Links (' + links.length + ')'));
      var ul = el('ul');
      links.slice(0, 25).forEach(function (e) {
        var other = byId[e.from === id ? e.to : e.from];
        var li = el('li');
        var dir = e.from === id ? e.predicate + ' → ' : '← ' + e.predicate + ' ';
        li.appendChild(el('span', dir));
        if (other.page) { var oa = el('a', other.label); oa.href = other.page; li.appendChild(oa); }
        else li.appendChild(el('span', other.label));
        li.appendChild(el('span', ' (weight ' + e.weight + ')'));
        if (e.sentence) li.appendChild(el('blockquote', e.sentence));
        ul.appendChild(li);
      });
      panel.appendChild(ul);
    }
  }
  network.on('click', function (params) { if (params.nodes.length) show(params.nodes[0]); });
  network.on('doubleClick', function (params) {
    if (params.nodes.length && byId[params.nodes[0]].page) window.location.href = byId[params.nodes[0]].page;
  });

  // Search by name or alias.
  var list = document.getElementById('labels');
  data.nodes.forEach(function (n) { var o = el('option'); o.value = n.label; list.appendChild(o); });
  var search = document.getElementById('search');
  function find(q) {
    q = q.trim().toLowerCase();
    if (!q) return null;
    var exact = data.nodes.filter(function (n) {
      return n.label.toLowerCase() === q || n.aliases.some(function (a) { return a.toLowerCase() === q; });
    });
    if (exact.length) return exact[0];
    var part = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; });
    return part.length ? part[0] : null;
  }
  function go() {
    var n = find(search.value);
    if (!n) return;
    network.selectNodes([n.id]);
    network.focus(n.id, {scale: 1.2, animation: false});
    show(n.id);
  }
  search.addEventListener('change', go);
  search.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') go(); });

  // Legend: colour of each type; a checkbox hides or shows its nodes.
  var legend = document.getElementById('legend');
  data.types.forEach(function (t) {
    var label = el('label');
    var box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.value = t.type;
    box.addEventListener('change', function () {
      nodes.update(data.nodes.filter(function (n) { return n.type === t.type; })
        .map(function (n) { return {id: n.id, hidden: !box.checked}; }));
    });
    var swatch = el('span', null, 'swatch');
    swatch.style.background = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(t.type + ' (' + t.count + ')'));
    legend.appendChild(label);
  });

  // Layers: typed relations are always drawn; co-mentions (dashed) can be switched off and on.
  var comention = data.edges.filter(function (e) { return e.layer === 'comention'; }).length;
  if (comention) {
    var layerLabel = el('label');
    var layerBox = el('input');
    layerBox.type = 'checkbox';
    layerBox.checked = true;
    layerBox.value = 'comention';
    layerBox.addEventListener('change', function () {
      var ids = [];
      data.edges.forEach(function (e, i) { if (e.layer === 'comention') ids.push({id: i, hidden: !layerBox.checked}); });
      edges.update(ids);
    });
    layerLabel.appendChild(layerBox);
    layerLabel.appendChild(document.createTextNode('named together (dashed, ' + comention + ')'));
    document.getElementById('layers').appendChild(layerLabel);
  } else {
    document.getElementById('layers').hidden = true;
  }

  var state = {network: network, nodes: nodes, edges: edges, data: data, ready: false, show: show};
  network.once('afterDrawing', function () {
    state.ready = true;
    state.readyAt = performance.now();  // milliseconds since navigation started
    document.body.dataset.ready = 'true';
  });
  window.sscgraph = state;
})();
