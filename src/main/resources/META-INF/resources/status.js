'use strict';
/*
 * The status pages: the fleet overview (index.html) and one deployment (deployment.html). Each polls one
 * read-only API call every 2 s (GET api/overview, or GET api/deployments/NAME) and redraws in place.
 * Field names are documented in docs/status-page.md.
 *
 * Names, labels, images, messages and events come from documents that users and CI write, so every one
 * of them goes into the DOM as text (textContent, setAttribute), never through innerHTML.
 *
 * Timings for the browser test and for anyone curious: window.tealPerf.firstRender is the time from
 * navigation start to the first complete render, window.tealPerf.refreshes one record per refresh
 * (fetch, parse, render and total milliseconds, and how many rows changed).
 */
(function () {
  const REFRESH_MS = 2000;
  const API = 'api/deployments';
  const OVERVIEW = 'api/overview';
  const SVG = 'http://www.w3.org/2000/svg';

  /** Colour of the phase badge: done, moving, attention, broken. Anything else stays neutral. */
  const PHASE_TONE = {
    Promoted: 'ok', RolledBack: 'ok',
    Progressing: 'busy', Previewing: 'busy', Promoting: 'busy', RollingBack: 'busy',
    Degraded: 'warn', Failed: 'bad'
  };
  /** The overview's order: what needs people first. The API says which group each deployment is in. */
  const ATTENTION = ['failed', 'degraded', 'paused', 'in-flight', 'settled'];
  const ROUTES = [['production', 'Production'], ['test', 'Test']];
  /** Segment colours: blue for stable, green for preview. */
  const ROLES = new Set(['stable', 'preview', 'previous', 'other']);

  const perf = window.tealPerf = { firstRender: null, refreshes: [] };
  const updated = document.getElementById('updated');
  const banner = document.getElementById('error');

  /** An element with an optional class and text; the text is never parsed as markup. */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined && text !== null) {
      node.textContent = String(text);
    }
    return node;
  }

  function svg(tag, attributes, className) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, String(value)));
    if (className) {
      node.setAttribute('class', className);
    }
    return node;
  }

  function append(parent, ...children) {
    children.filter((c) => c !== null && c !== undefined).forEach((c) => parent.append(c));
    return parent;
  }

  /** Local wall-clock time as HH:MM:SS. */
  function clockTime(date) {
    return date.toTimeString().slice(0, 8);
  }

  /** The operator's instants (UTC, ISO-8601) as "2030-01-01 00:00:15 UTC", inside a <time>. */
  function instant(iso) {
    if (!iso) {
      return el('span', 'none', '-');
    }
    const time = el('time', null, String(iso).replace('T', ' ').replace(/\.\d+Z$/, 'Z').replace(/Z$/, ' UTC'));
    time.setAttribute('datetime', iso);
    return time;
  }

  /** HH:MM:SS of an operator instant, for dense lists. */
  function shortTime(iso) {
    const time = el('time', null, iso ? String(iso).slice(11, 19) : '-');
    if (iso) {
      time.setAttribute('datetime', iso);
    }
    return time;
  }

  function phaseBadge(phase) {
    const tone = PHASE_TONE[phase] || 'none';
    const badge = el('span', 'phase tone-' + tone, phase || 'not reconciled yet');
    badge.dataset.phase = phase || '';
    return badge;
  }

  /** The last part of an ARN (user/alice, role/ci), which is who it is to people. */
  function who(arn) {
    if (!arn) {
      return null;
    }
    const slash = String(arn).indexOf('/');
    return slash >= 0 && String(arn).startsWith('arn:') ? String(arn).slice(slash + 1) : String(arn);
  }

  function segmentLabel(segment) {
    return (segment.image || 'unknown target group') + ' ' + segment.percent + '%';
  }

  /** A route as a horizontal bar, a segment per target group, each as wide as its share. */
  function bar(title, segments) {
    const node = el('div', 'bar');
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', title + ' traffic: ' + segments.map(segmentLabel).join(', '));
    segments.filter((s) => s.percent > 0).forEach((s) => {
      const percent = Math.max(0, Math.min(100, Number(s.percent) || 0));
      const label = segmentLabel(s);
      const segment = el('span', 'segment role-' + (ROLES.has(s.role) ? s.role : 'other'), label);
      segment.dataset.role = s.role || 'other';
      segment.dataset.image = s.image || '';
      segment.dataset.percent = String(percent);
      segment.title = label;
      segment.style.width = percent + '%'; // CSSOM, not a style attribute string: allowed under the page's CSP
      node.append(segment);
    });
    return node;
  }

  function route(name, title, segments, className) {
    const section = el('div', className || 'route');
    section.dataset.route = name;
    if (className !== 'route mini') {
      append(section, el('h3', null, title));
    }
    if (!segments || segments.length === 0) {
      return append(section, el('p', 'none', className === 'route mini' ? '-' : 'no weights reported'));
    }
    return append(section, bar(title, segments));
  }

  function showError(message) {
    banner.hidden = message === null;
    banner.textContent = message || '';
  }

  /**
   * Polls url every REFRESH_MS and hands each new body to draw(parsed, timing); one request per refresh,
   * and no redraw when the answer did not change (no flicker, a text selection survives).
   */
  function poll(url, draw) {
    let lastBody = null;
    let lastSuccess = null;
    async function refresh() {
      const started = performance.now();
      try {
        const response = await fetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } });
        const body = await response.text();
        if (!response.ok) {
          let reason = 'HTTP ' + response.status;
          try {
            reason += ': ' + JSON.parse(body).message;
          } catch (ignored) {
            // not our JSON error body; the status code says enough
          }
          throw new Error(reason);
        }
        const fetched = performance.now();
        if (body !== lastBody) {
          const parsed = JSON.parse(body);
          const timing = { fetchMs: fetched - started, parseMs: performance.now() - fetched };
          const renderStart = performance.now();
          const changed = draw(parsed);
          document.body.offsetHeight; // lay out now, so the timing includes it
          timing.renderMs = performance.now() - renderStart;
          timing.totalMs = performance.now() - started;
          timing.changed = changed;
          perf.refreshes.push(timing);
          if (perf.firstRender === null) {
            perf.firstRender = performance.now();
            performance.mark('teal:first-render');
          }
          lastBody = body;
        } else {
          perf.refreshes.push({ fetchMs: performance.now() - started, parseMs: 0, renderMs: 0,
            totalMs: performance.now() - started, changed: 0 });
        }
        lastSuccess = new Date();
        updated.textContent = 'last updated ' + clockTime(lastSuccess);
        showError(null);
      } catch (e) {
        if (!lastSuccess) {
          updated.textContent = 'no answer yet';
        }
        showError('Cannot reach the teal API (' + e.message + ').'
          + (lastSuccess ? ' Showing the state as of ' + clockTime(lastSuccess) + '.' : ''));
      } finally {
        setTimeout(refresh, REFRESH_MS);
      }
    }
    refresh();
  }

  // ---- the overview ------------------------------------------------------------------------------

  function overview() {
    const tbody = document.getElementById('rows');
    const counts = document.getElementById('counts');
    const empty = document.getElementById('empty');
    const inputs = {
      name: document.getElementById('filter-name'),
      label: document.getElementById('filter-label'),
      status: document.getElementById('filter-status')
    };
    /** name -> {json, row, d}: a row is rebuilt only when its summary changed. */
    const rows = new Map();
    let order = [];

    const params = new URLSearchParams(location.search);
    Object.entries(inputs).forEach(([key, input]) => {
      input.value = params.get(key) || '';
      input.addEventListener('input', () => {
        const next = new URLSearchParams(location.search);
        Object.entries(inputs).forEach(([k, i]) => (i.value ? next.set(k, i.value) : next.delete(k)));
        const query = next.toString();
        history.replaceState(null, '', query ? '?' + query : location.pathname);
        applyFilters();
      });
    });
    document.getElementById('filters').addEventListener('submit', (e) => e.preventDefault());

    /** Label filters: comma-separated key=value or key (present), all must hold. */
    function labelMatch(d, filter) {
      const labels = d.labels || {};
      return filter.split(',').map((s) => s.trim()).filter((s) => s).every((term) => {
        const eq = term.indexOf('=');
        if (eq < 0) {
          return Object.prototype.hasOwnProperty.call(labels, term);
        }
        return labels[term.slice(0, eq).trim()] === term.slice(eq + 1).trim();
      });
    }

    function statusMatch(d, status) {
      if (status === 'attention') {
        return d.attention !== 'settled';
      }
      if (status === 'none') {
        return d.phase === null;
      }
      return d.phase === status;
    }

    function matches(d) {
      const name = inputs.name.value.trim().toLowerCase();
      return (!name || d.name.toLowerCase().includes(name))
        && (!inputs.label.value.trim() || labelMatch(d, inputs.label.value))
        && (!inputs.status.value || statusMatch(d, inputs.status.value));
    }

    function applyFilters() {
      let shown = 0;
      let attention = 0;
      order.forEach((name) => {
        const entry = rows.get(name);
        const visible = matches(entry.d);
        entry.row.hidden = !visible;
        shown += visible ? 1 : 0;
        attention += entry.d.attention !== 'settled' ? 1 : 0;
      });
      counts.textContent = order.length + (order.length === 1 ? ' deployment, ' : ' deployments, ') + attention
        + (attention === 1 ? ' needs' : ' need') + ' attention' + (shown === order.length ? '' : '; showing ' + shown);
      counts.dataset.total = String(order.length);
      counts.dataset.shown = String(shown);
    }

    function step(d) {
      if (!d.promotion) {
        return '-';
      }
      return d.promotion.step + '/' + d.promotion.steps + ' \u00b7 ' + d.promotion.weight + '%';
    }

    function row(d) {
      const tr = el('tr', 'row');
      tr.dataset.name = d.name;
      tr.dataset.phase = d.phase || '';
      tr.dataset.attention = d.attention || '';
      const name = el('th', 'name');
      name.setAttribute('scope', 'row');
      const link = el('a', null, d.name);
      link.href = 'deployment.html?name=' + encodeURIComponent(d.name);
      append(name, link);
      const labels = Object.entries(d.labels || {});
      if (labels.length > 0) {
        const list = el('span', 'labels');
        labels.forEach(([k, v]) => list.append(el('span', 'label', v ? k + '=' + v : k)));
        append(name, ' ', list);
      }
      const status = append(el('td', 'status'), phaseBadge(d.phase));
      if (d.message) {
        status.title = d.message;
      }
      const changed = el('td', 'changed');
      append(changed, el('span', 'age', d.updatedAge ? d.updatedAge + ' ago' : '-'));
      if (d.updatedBy) {
        const by = el('span', 'by', ' by ' + who(d.updatedBy));
        by.title = d.updatedBy;
        changed.append(by);
      }
      const traffic = el('td', 'traffic');
      traffic.append(route('production', 'Production', d.production || [], 'route mini'));
      return append(tr, name, append(el('td', 'image'), el('code', null, d.image || '-')),
        el('td', 'desired', d.desiredPhase || '-'), status, traffic, el('td', 'step', step(d)), changed);
    }

    function draw(list) {
      const seen = new Set();
      let changed = 0;
      list.forEach((d) => {
        seen.add(d.name);
        const json = JSON.stringify(d);
        const entry = rows.get(d.name);
        if (entry && entry.json === json) {
          return;
        }
        const fresh = row(d);
        if (entry) {
          entry.row.replaceWith(fresh);
        }
        rows.set(d.name, { json, row: fresh, d });
        changed++;
      });
      rows.forEach((entry, name) => {
        if (!seen.has(name)) {
          entry.row.remove();
          rows.delete(name);
          changed++;
        }
      });
      const sorted = list.slice().sort((a, b) => (ATTENTION.indexOf(a.attention) - ATTENTION.indexOf(b.attention))
        || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((d) => d.name);
      const inPlace = sorted.length === tbody.children.length
        && sorted.every((name, i) => tbody.children[i] === rows.get(name).row);
      if (!inPlace) {
        tbody.replaceChildren(...sorted.map((name) => rows.get(name).row));
      }
      order = sorted;
      empty.hidden = order.length > 0;
      applyFilters();
      return changed;
    }

    poll(OVERVIEW, draw);
  }

  // ---- one deployment ---------------------------------------------------------------------------

  function images(d) {
    const dl = el('dl', 'images');
    const rows = [['Blue (stable)', 'stable', d.stable], ['Green (preview)', 'preview', d.preview]];
    if (d.previous) {
      rows.push(['Previous', 'previous', d.previous]);
    }
    rows.forEach(([label, field, revision]) => {
      const dd = el('dd', null, revision && revision.image ? revision.image : '-');
      dd.dataset.field = field;
      append(dl, append(el('div'), el('dt', null, label), dd));
    });
    return dl;
  }

  function conditions(d) {
    if (!d.conditions || d.conditions.length === 0) {
      return null;
    }
    const ul = el('ul', 'conditions');
    ul.setAttribute('aria-label', 'Conditions');
    d.conditions.forEach((c) => {
      const li = el('li', 'condition');
      li.dataset.type = c.type;
      li.dataset.status = c.status;
      append(li, el('strong', null, c.type), ' ', el('span', 'condition-status', c.status),
        c.reason ? el('span', 'reason', ' (' + c.reason + ')') : null,
        c.message ? el('span', 'condition-message', ': ' + c.message) : null);
      ul.append(li);
    });
    return ul;
  }

  function events(d) {
    const table = el('table', 'events');
    append(table, el('caption', null, 'Recent events'));
    const head = el('tr');
    ['Time', 'Type', 'Reason', 'Message'].forEach((h) => {
      const th = el('th', null, h);
      th.setAttribute('scope', 'col');
      head.append(th);
    });
    append(table, append(el('thead'), head));
    const body = el('tbody');
    (d.recentEvents || []).forEach((e) => {
      const row = el('tr', 'event' + (e.type === 'Warning' ? ' warning' : ''));
      append(row, append(el('td'), instant(e.time)), el('td', 'event-type', e.type),
        el('td', 'event-reason', e.reason), el('td', 'event-message', e.message));
      body.append(row);
    });
    if (!body.hasChildNodes()) {
      const row = el('tr');
      const cell = el('td', 'none', 'no events yet');
      cell.colSpan = 4;
      body.append(append(row, cell));
    }
    return append(table, body);
  }

  function meta(d) {
    const p = el('p', 'meta');
    const generation = el('span', d.upToDate ? 'generation' : 'generation stale',
      'generation ' + d.generation + (d.observedGeneration === null ? ', not observed yet'
        : d.upToDate ? ' (observed)' : ', status is for generation ' + d.observedGeneration));
    append(p, generation);
    if (d.promotion) {
      append(p, ' \u00b7 ', el('span', 'promotion', 'promotion step ' + d.promotion.step + ' of '
        + d.promotion.steps + ' (' + d.promotion.weight + '%)'));
    }
    if (d.age) {
      append(p, ' \u00b7 ', el('span', 'age', 'age ' + d.age));
    }
    const last = d.lastReconcile;
    append(p, ' \u00b7 ', el('span', 'last-reconcile', last
      ? 'last reconcile here: ' + last.result + ' at ' + String(last.at).slice(11, 19) + ' UTC, took ' + last.took
        + (last.failuresInARow > 0 ? ', ' + last.failuresInARow + ' failures in a row' : '')
      : 'not reconciled by this instance'));
    return p;
  }

  /** Today's card: everything the summary says about the deployment now. */
  function card(d, index) {
    const article = el('article', 'deployment');
    article.dataset.name = d.name;
    const titleId = 'deployment-' + index;
    article.setAttribute('aria-labelledby', titleId);
    const title = el('h2', null, d.name);
    title.id = titleId;
    const desired = el('p', 'desired');
    append(desired, 'desired: ', el('strong', 'desired-phase', d.desiredPhase || '-'), ' of ',
      el('code', 'desired-image', d.image || '-'));
    append(article, append(el('header'), title, phaseBadge(d.phase), desired), images(d));
    const routes = el('div', 'routes');
    ROUTES.forEach(([name, label]) => routes.append(route(name, label, d.traffic ? d.traffic[name] : [])));
    append(article, routes);
    if (d.message) {
      append(article, el('p', 'message', d.message));
    }
    if (d.specProblems && d.specProblems.length > 0) {
      const ul = el('ul', 'problems');
      ul.setAttribute('aria-label', 'Problems with the stored spec');
      d.specProblems.forEach((problem) => ul.append(el('li', null, problem)));
      append(article, ul);
    }
    return append(article, conditions(d), events(d), meta(d));
  }

  /**
   * The attempt's revision's share of production and test over time, as plain SVG: a step line per route
   * (the weight holds until the next write changes it) and a dot per recorded status write.
   */
  function chart(attempt) {
    const W = 640;
    const H = 170;
    const left = 40;
    const right = 12;
    const top = 12;
    const bottom = 24;
    const points = attempt.traffic || [];
    const figure = el('figure', 'chart');
    figure.dataset.revision = attempt.revision || '';
    const times = points.map((p) => Date.parse(p.at));
    const start = times.length ? Math.min(...times) : 0;
    const end = times.length ? Math.max(...times) : 0;
    const span = end - start;
    const x = (i) => left + (W - left - right) * (span > 0 ? (times[i] - start) / span
      : points.length > 1 ? i / (points.length - 1) : 0);
    const y = (percent) => top + (H - top - bottom) * (1 - percent / 100);
    const root = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, role: 'img' }, 'weights');
    root.setAttribute('aria-label', 'Share of production and test traffic on ' + (attempt.image || 'the revision')
      + ' over time');
    [0, 50, 100].forEach((percent) => {
      root.append(svg('line', { x1: left, x2: W - right, y1: y(percent), y2: y(percent) }, 'grid'));
      const label = svg('text', { x: left - 6, y: y(percent) + 4 }, 'axis-label y');
      label.textContent = percent + '%';
      root.append(label);
    });
    if (points.length) {
      const from = svg('text', { x: left, y: H - 6 }, 'axis-label');
      from.textContent = String(points[0].at).slice(11, 19);
      const to = svg('text', { x: W - right, y: H - 6 }, 'axis-label end');
      to.textContent = String(points[points.length - 1].at).slice(11, 19);
      root.append(from, to);
    }
    ['production', 'test'].forEach((name) => {
      const coords = [];
      points.forEach((p, i) => {
        if (i > 0) {
          coords.push(x(i) + ',' + y(points[i - 1][name]));
        }
        coords.push(x(i) + ',' + y(p[name]));
      });
      root.append(svg('polyline', { points: coords.join(' ') }, 'series ' + name));
      points.forEach((p, i) => {
        const dot = svg('circle', { cx: x(i), cy: y(p[name]), r: 3.5 }, 'point ' + name);
        dot.setAttribute('data-route', name);
        dot.setAttribute('data-at', p.at);
        dot.setAttribute('data-version', String(p.statusVersion));
        dot.setAttribute('data-percent', String(p[name]));
        const tip = svg('title');
        tip.textContent = name + ' ' + p[name] + '% at ' + String(p.at).slice(11, 19);
        dot.append(tip);
        root.append(dot);
      });
    });
    const caption = el('figcaption');
    append(caption, el('span', 'key production', 'production'), ' and ', el('span', 'key test', 'test'),
      ' traffic on ', el('code', null, attempt.image || '-'), ' (revision ' + (attempt.revision || '-') + ')');
    return append(figure, root, caption);
  }

  function attemptTitle(attempt) {
    const kind = { deploy: 'deploy', rollback: 'rollback to', adopt: 'adopted', earlier: 'earlier' }[attempt.kind]
      || attempt.kind;
    return kind + ' ' + (attempt.image || '-');
  }

  function attemptSection(attempt, index) {
    const section = el('section', 'attempt' + (attempt.current ? ' current' : ''));
    section.dataset.kind = attempt.kind;
    section.dataset.revision = attempt.revision || '';
    section.dataset.current = String(attempt.current);
    const heading = el('h3', null, (attempt.current ? 'Current: ' : 'Before: ') + attemptTitle(attempt));
    const status = el('p', 'attempt-meta');
    append(status, 'started ', instant(attempt.startedAt), ' \u00b7 ',
      attempt.outcome ? append(el('span'), phaseBadge(attempt.outcome), ' at ', instant(attempt.endedAt))
        : el('span', 'in-progress', 'in progress'));
    const list = el('ol', 'timeline');
    list.setAttribute('aria-label', 'Timeline of attempt ' + (index + 1));
    (attempt.items || []).forEach((item) => {
      const li = el('li', 'item ' + item.kind + (item.type === 'Warning' ? ' warning' : ''));
      li.dataset.kind = item.kind;
      li.dataset.type = item.type || '';
      li.dataset.reason = item.reason || '';
      li.dataset.at = item.at;
      li.dataset.version = String(item.statusVersion);
      if (item.eventId) {
        li.dataset.eventId = item.eventId;
      }
      append(li, shortTime(item.at), ' ', el('strong', 'item-type', item.kind === 'transition' ? item.type
        : item.reason), item.kind === 'transition' && item.reason ? el('span', 'reason', ' (' + item.reason + ')')
        : null, item.message ? el('span', 'item-message', ' ' + item.message) : null);
      list.append(li);
    });
    return append(section, heading, status, chart(attempt), list);
  }

  function deployment() {
    const main = document.getElementById('deployment');
    const name = new URLSearchParams(location.search).get('name') || '';
    document.title = 'teal: ' + name;
    const url = API + '/' + encodeURIComponent(name);

    function draw(body) {
      const d = body.summary;
      const links = el('p', 'api-links');
      const describe = el('a', null, url);
      describe.href = url;
      const auditTrail = el('a', null, url + '/history');
      auditTrail.href = url + '/history';
      append(links, 'The same as JSON: ', describe, ' (teal describe), ', auditTrail,
        ' (teal history). Read-only: change it with the teal CLI.');
      const timeline = el('section', 'timeline-all');
      timeline.setAttribute('aria-label', 'Timeline');
      append(timeline, el('h2', null, 'Timeline'));
      const attempts = (body.timeline && body.timeline.attempts) || [];
      if (attempts.length === 0) {
        timeline.append(el('p', 'none', 'nothing recorded yet'));
      }
      attempts.forEach((attempt, i) => timeline.append(attemptSection(attempt, i)));
      main.replaceChildren(el('h1', null, d.name), links, card(d, 0), timeline);
      return 1;
    }

    if (!name) {
      showError('No deployment named: open this page from the overview.');
      return;
    }
    poll(url, draw);
  }

  if (document.body.dataset.page === 'deployment') {
    deployment();
  } else {
    overview();
  }
})();
