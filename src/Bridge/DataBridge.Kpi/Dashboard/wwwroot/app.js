// DataBridge KPI dashboard: renders /api/kpi snapshots, live through server-sent events (/api/kpi/stream).
// Everything is built with DOM calls and textContent (asset names come from configuration, never as HTML).
'use strict';

(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  let snapshot = null;
  let windowKind = localStorage.getItem('databridge.window') || 'shift';
  let lastUpdate = 0;

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function pct(v) { return v === null || v === undefined ? '–' : (v * 100).toFixed(1) + '%'; }

  function grade(v, target) {
    if (v === null || v === undefined) return 'none';
    const t = target === null || target === undefined ? 0.85 : target;
    if (v >= t) return 'good';
    return v >= t - 0.10 ? 'warn' : 'bad';
  }

  function duration(s) {
    if (!s) return '0 min';
    if (s < 60) return Math.round(s) + ' s';
    if (s < 3600) return Math.round(s / 60) + ' min';
    return (s / 3600).toFixed(1) + ' h';
  }

  function hhmm(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  // True when the window's data begins after the window does (the service or the machine started mid-shift).
  function lateData(w) { return w && w.dataFrom && Date.parse(w.dataFrom) - Date.parse(w.start) >= 1000; }

  // True when no value of the asset has arrived in the window (its data begins at the window's end).
  function noData(w) { return w && w.dataFrom && Date.parse(w.dataFrom) >= Date.parse(w.end); }

  function win(asset) { return windowKind === 'rolling' ? asset.rolling : asset.shift; }

  function oeeNode(asset, cls) {
    const w = win(asset);
    const v = w ? w.oee : null;
    const n = el('span', cls + ' ' + grade(v, asset.oeeTarget), pct(v));
    n.setAttribute('data-testid', 'oee');
    n.setAttribute('data-asset', asset.path);
    n.setAttribute('data-value', v === null || v === undefined ? '' : v.toFixed(4));
    n.id = 'oee-' + asset.path.replace(/[^A-Za-z0-9_-]/g, '_');
    return n;
  }

  function stateNode(asset) {
    const s = el('span', 'state ' + asset.state, asset.state.replace('-', ' '));
    s.setAttribute('data-testid', 'state');
    s.setAttribute('data-asset', asset.path);
    return s;
  }

  function factor(label, value, key, path) {
    const row = el('div', 'factor');
    row.appendChild(el('span', 'lbl', label));
    const bar = el('div', 'bar');
    const fill = el('div', 'fill');
    fill.style.width = Math.max(0, Math.min(1, value || 0)) * 100 + '%';
    bar.appendChild(fill);
    row.appendChild(bar);
    const val = el('span', 'val', pct(value));
    val.setAttribute('data-testid', key);
    val.setAttribute('data-asset', path);
    row.appendChild(val);
    return row;
  }

  function trend(asset) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'trend');
    svg.setAttribute('viewBox', '0 0 1000 100');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.setAttribute('data-testid', 'trend');
    const pts = (asset.trend || []).filter(p => p.oee !== null && p.oee !== undefined);
    const target = asset.oeeTarget;
    if (target !== null && target !== undefined) {
      const line = document.createElementNS(SVG, 'line');
      const y = 100 - Math.min(1, target) * 100;
      line.setAttribute('x1', '0'); line.setAttribute('x2', '1000');
      line.setAttribute('y1', String(y)); line.setAttribute('y2', String(y));
      svg.appendChild(line);
    }
    svg.setAttribute('data-points', String(pts.length));
    if (pts.length > 0) {
      // The x axis runs from the first point to the newest, so a trend a minute old fills the card like one of hours.
      const t0 = pts[0].t, t1 = Math.max(pts[pts.length - 1].t, t0 + 1);
      const xy = pts.map(p => {
        const x = pts.length === 1 ? 1000 : ((p.t - t0) / (t1 - t0)) * 1000;
        return [x.toFixed(1), (100 - Math.max(0, Math.min(1, p.oee)) * 100).toFixed(1)];
      });
      const poly = document.createElementNS(SVG, 'polyline');
      poly.setAttribute('points', xy.map(p => p.join(',')).join(' '));
      svg.appendChild(poly);
      const last = document.createElementNS(SVG, 'circle');
      last.setAttribute('cx', xy[xy.length - 1][0]);
      last.setAttribute('cy', xy[xy.length - 1][1]);
      last.setAttribute('r', '4');
      svg.appendChild(last);
    }
    const title = document.createElementNS(SVG, 'title');
    title.textContent = pts.length > 1
      ? 'OEE of the last hour (rolling), ' + hhmm(pts[0].t) + '–' + hhmm(pts[pts.length - 1].t)
      : 'OEE of the last hour (rolling): the trend starts with the next publication';
    svg.appendChild(title);
    return svg;
  }

  function pareto(w) {
    const box = el('div', 'pareto');
    box.setAttribute('data-testid', 'pareto');
    const reasons = (w && w.downtimeByReason) || [];
    const max = reasons.length ? reasons[0].seconds : 1;
    reasons.slice(0, 5).forEach(r => {
      box.appendChild(el('span', 'reason', r.reason));
      const bar = el('div', 'bar');
      const fill = el('div', 'fill');
      fill.style.width = (r.seconds / max) * 100 + '%';
      bar.appendChild(fill);
      box.appendChild(bar);
      box.appendChild(el('span', 'secs', duration(r.seconds)));
    });
    return box;
  }

  function lineCard(line, cells) {
    const w = win(line);
    const card = el('article', 'line ' + grade(w ? w.oee : null, line.oeeTarget));
    card.setAttribute('data-testid', 'line');
    card.setAttribute('data-asset', line.path);
    const head = el('div', 'line-head');
    const names = el('div');
    names.appendChild(el('div', 'line-name', line.name));
    const parts = line.path.split('/');
    names.appendChild(el('div', 'line-area', parts.slice(2, 4).join(' › ')));
    head.appendChild(names);
    head.appendChild(stateNode(line));
    card.appendChild(head);

    const row = el('div', 'kpi-row');
    const big = el('div');
    big.appendChild(oeeNode(line, 'oee-big'));
    big.appendChild(el('div', 'target', 'target ' + pct(line.oeeTarget)));
    row.appendChild(big);
    const f = el('div', 'factors');
    f.appendChild(factor('A', w && w.availability, 'availability', line.path));
    f.appendChild(factor('P', w && w.performance, 'performance', line.path));
    f.appendChild(factor('Q', w && w.quality, 'quality', line.path));
    row.appendChild(f);
    card.appendChild(row);

    if (w) {
      const tp = el('div', 'tp');
      const tpText = el('span', null, (w.throughputPerHour === null || w.throughputPerHour === undefined ? '–' : Math.round(w.throughputPerHour))
        + ' / ' + Math.round(w.throughputPlanPerHour) + ' parts/h');
      tpText.setAttribute('data-testid', 'throughput');
      tpText.setAttribute('data-asset', line.path);
      tpText.setAttribute('data-value', w.throughputPerHour === null || w.throughputPerHour === undefined ? '' : w.throughputPerHour.toFixed(1));
      tpText.title = 'parts per hour of planned time since ' + hhmm(w.dataFrom) + ', against the plan';
      tp.appendChild(tpText);
      const bar = el('div', 'bar');
      const fill = el('div', 'fill');
      fill.style.width = Math.min(1, (w.throughputPerHour || 0) / Math.max(1, w.throughputPlanPerHour)) * 100 + '%';
      bar.appendChild(fill);
      tp.appendChild(bar);
      card.appendChild(tp);

      const facts = el('div', 'facts');
      const add = (label, value, cls) => {
        const s = el('span', cls || null, label + ' ');
        s.appendChild(el('b', null, value));
        facts.appendChild(s);
        return s;
      };
      add('Good', w.goodCount + ' / ' + w.totalCount);
      add('Down', duration(w.downtimeSeconds) + ' · ' + w.downtimeCount + ' stops');
      add('Longest', duration(w.longestDowntimeSeconds));
      add('Micro-stops', String(w.microStopCount));
      // Unknown time as a share of the window's planned time (a roll-up's seconds are machine-seconds, so a sum of
      // them in hours would mean nothing to the reader); with the time the data begins when that is mid-window.
      if (w.unknownSeconds > 0 && w.unknownShare !== null && w.unknownShare !== undefined) {
        const u = add('Unknown', pct(w.unknownShare), 'unknown');
        u.setAttribute('data-testid', 'unknown');
        u.setAttribute('data-asset', line.path);
        u.setAttribute('data-value', w.unknownShare.toFixed(4));
      }
      if (noData(w)) {
        const d = add('Data', 'none yet');
        d.setAttribute('data-testid', 'data-from');
        d.setAttribute('data-asset', line.path);
      } else if (lateData(w)) {
        const d = add('Data since', hhmm(w.dataFrom));
        d.setAttribute('data-testid', 'data-from');
        d.setAttribute('data-asset', line.path);
      }
      card.appendChild(facts);
      card.appendChild(pareto(w));
    }
    card.appendChild(trend(line));

    if (cells.length) {
      const list = el('div', 'cells');
      cells.forEach(c => {
        const cw = win(c);
        const r = el('div', 'cell');
        r.setAttribute('data-testid', 'cell');
        r.setAttribute('data-asset', c.path);
        r.appendChild(el('span', 'cell-name', c.name));
        r.appendChild(stateNode(c));
        r.appendChild(oeeNode(c, 'oee-text'));
        r.appendChild(el('span', 'apq', cw ? 'A ' + pct(cw.availability) + ' P ' + pct(cw.performance) + ' Q ' + pct(cw.quality) : ''));
        list.appendChild(r);
      });
      card.appendChild(list);
    }
    return card;
  }

  function render() {
    const root = document.getElementById('sites');
    root.replaceChildren();
    if (!snapshot || !snapshot.assets.length) {
      root.appendChild(el('div', 'empty', 'No KPI data yet. The service publishes every few seconds once values arrive.'));
      return;
    }
    const assets = snapshot.assets;
    const enterprise = assets.find(a => a.level === 'enterprise');
    const any = enterprise || assets[0];
    const aw = win(any);
    const info = document.getElementById('window-info');
    info.textContent = aw ? (windowKind === 'rolling' ? 'last ' + aw.name : 'shift ' + aw.name) + ' from ' + hhmm(aw.start) : '';
    if (enterprise) {
      document.getElementById('enterprise-name').textContent = enterprise.name;
      const e = document.getElementById('enterprise-oee');
      const ew = win(enterprise);
      e.textContent = pct(ew ? ew.oee : null);
      e.className = 'oee-text ' + grade(ew ? ew.oee : null, enterprise.oeeTarget);
    }
    assets.filter(a => a.level === 'site').forEach(site => {
      const section = el('section', 'site');
      section.setAttribute('data-testid', 'site');
      section.setAttribute('data-asset', site.path);
      const h = el('h2', null, site.name + ' ');
      h.appendChild(oeeNode(site, 'oee-text'));
      section.appendChild(h);
      const grid = el('div', 'lines');
      assets.filter(a => a.level === 'line' && a.path.startsWith(site.path + '/')).forEach(line => {
        const cells = assets.filter(a => a.level === 'cell' && a.path.startsWith(line.path + '/'));
        grid.appendChild(lineCard(line, cells));
      });
      section.appendChild(grid);
      root.appendChild(section);
    });
  }

  function accept(data) {
    snapshot = data;
    lastUpdate = Date.now();
    render();
    tick();
  }

  function tick() {
    const now = new Date();
    document.getElementById('clock').textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    const u = document.getElementById('updated');
    if (snapshot && snapshot.computedAt && !snapshot.computedAt.startsWith('0001')) {
      const age = Math.round((Date.now() - lastUpdate) / 1000);
      u.textContent = 'updated ' + (age < 2 ? 'now' : age + ' s ago');
      u.setAttribute('data-computed-at', snapshot.computedAt);
    }
  }

  function connect() {
    const dot = document.getElementById('connection');
    const source = new EventSource('/api/kpi/stream');
    source.onopen = () => { dot.className = 'dot online'; };
    source.onmessage = ev => { accept(JSON.parse(ev.data)); };
    source.onerror = () => { dot.className = 'dot offline'; };
  }

  function setWindow(kind) {
    windowKind = kind;
    localStorage.setItem('databridge.window', kind);
    document.querySelectorAll('.windows button').forEach(b => b.classList.toggle('active', b.dataset.window === kind));
    render();
  }

  document.addEventListener('DOMContentLoaded', () => {
    document.querySelectorAll('.windows button').forEach(b => b.addEventListener('click', () => setWindow(b.dataset.window)));
    const params = new URLSearchParams(location.search);
    setWindow(params.get('window') === 'rolling' ? 'rolling' : (params.get('window') === 'shift' ? 'shift' : windowKind));
    fetch('/api/kpi').then(r => r.json()).then(accept).catch(() => {});
    connect();
    tick();
    setInterval(tick, 1000);
  });
})();
