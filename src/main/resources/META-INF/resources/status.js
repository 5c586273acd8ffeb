'use strict';
/*
 * The status page: polls the read-only API (GET api/deployments) every 2 s and redraws the list in
 * place. Field names are documented in docs/status-page.md.
 *
 * Names, images, messages and events come from documents that users and CI write, so every one of them
 * goes into the DOM as text (textContent, setAttribute), never through innerHTML.
 */
(function () {
  const REFRESH_MS = 2000;
  const API = 'api/deployments';

  /** Colour of the phase badge: done, moving, attention, broken. Anything else stays neutral. */
  const PHASE_TONE = {
    Promoted: 'ok', RolledBack: 'ok',
    Progressing: 'busy', Previewing: 'busy', Promoting: 'busy', RollingBack: 'busy',
    Degraded: 'warn', Failed: 'bad'
  };
  const ROUTES = [['production', 'Production'], ['test', 'Test']];
  /** Segment colours: blue for stable, green for preview. */
  const ROLES = new Set(['stable', 'preview', 'previous', 'other']);

  const list = document.getElementById('deployments');
  const updated = document.getElementById('updated');
  const banner = document.getElementById('error');
  let lastBody = null;
  let lastSuccess = null;

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

  function phaseBadge(phase) {
    const tone = PHASE_TONE[phase] || 'none';
    const badge = el('span', 'phase tone-' + tone, phase || 'not reconciled yet');
    badge.dataset.phase = phase || '';
    return badge;
  }

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

  function segmentLabel(segment) {
    return (segment.image || 'unknown target group') + ' ' + segment.percent + '%';
  }

  /** One route as a horizontal bar, a segment per target group, each as wide as its share. */
  function route(name, title, segments) {
    const section = el('div', 'route');
    section.dataset.route = name;
    append(section, el('h3', null, title));
    if (!segments || segments.length === 0) {
      return append(section, el('p', 'none', 'no weights reported'));
    }
    const bar = el('div', 'bar');
    bar.setAttribute('role', 'img');
    bar.setAttribute('aria-label', title + ' traffic: ' + segments.map(segmentLabel).join(', '));
    segments.filter((s) => s.percent > 0).forEach((s) => {
      const percent = Math.max(0, Math.min(100, Number(s.percent) || 0));
      const label = segmentLabel(s);
      const segment = el('span', 'segment role-' + (ROLES.has(s.role) ? s.role : 'other'), label);
      segment.dataset.role = s.role || 'other';
      segment.dataset.image = s.image || '';
      segment.dataset.percent = String(percent);
      segment.title = label;
      segment.style.width = percent + '%'; // CSSOM, not a style attribute string: allowed under the page's CSP
      bar.append(segment);
    });
    return append(section, bar);
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

  function deployment(d, index) {
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

  function render(deployments) {
    if (deployments.length === 0) {
      list.replaceChildren(el('p', 'none', 'No deployments in the table yet.'));
      return;
    }
    list.replaceChildren(...deployments.map(deployment));
  }

  function showError(message) {
    banner.hidden = message === null;
    banner.textContent = message || '';
  }

  async function refresh() {
    try {
      const response = await fetch(API, { cache: 'no-store', headers: { Accept: 'application/json' } });
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
      if (body !== lastBody) { // redraw only on change: no flicker, and a text selection survives
        render(JSON.parse(body));
        lastBody = body;
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
})();
