/*
 * casewatch case timeline, at /cases/{caseId}: GET /v1/cases/{caseId} (state, alerts with their
 * explanation and triage) and GET /v1/cases/{caseId}/events, merged into one list in time order:
 * each event, each alert raised or resolved (its explanation carries the deadline arithmetic) and
 * every coordinator's action on it, who and when.
 */
'use strict';

(function () {
  const C = window.Casework;
  const caseId = (function () {
    const raw = window.location.pathname.replace(/^\/cases\//, '').replace(/\/$/, '');
    try {
      return decodeURIComponent(raw);
    } catch (e) {
      return raw; // a malformed address: the API answers 404 for it
    }
  })();

  /** The payload's codes as 'field: value' pairs; dates and amounts as they are. */
  function details(payload) {
    return Object.keys(payload || {}).filter(function (key) {
      const value = payload[key];
      return value !== null && typeof value !== 'object';
    }).map(function (key) {
      const value = String(payload[key]);
      return key + ': ' + (/^[A-Z][A-Z0-9_]+$/.test(value) ? C.words(value) : value);
    });
  }

  function entry(kind, at, sortAt, title, lines, dataset) {
    return { kind: kind, at: at, sortAt: new Date(sortAt).getTime(), title: title, lines: lines, dataset: dataset };
  }

  function entries(state, alerts, events) {
    const country = caseId.slice(0, 2);
    const all = [];
    events.forEach(function (event) {
      all.push(entry('event', C.localDate(event.occurredAt, country), event.occurredAt, C.words(event.type),
        details(event.payload), { eventId: event.eventId }));
    });
    alerts.forEach(function (alert) {
      all.push(entry('alert', C.localDate(alert.at, country), alert.at,
        C.words(alert.severity) + ' · ' + C.words(alert.rule) + ' · ' + C.words(alert.status)
          + (alert.resolution ? ' (' + C.words(alert.resolution) + ')' : ''),
        [alert.explanation], { alertId: alert.alertId, severity: alert.severity }));
      ((alert.triage && alert.triage.history) || []).forEach(function (step) {
        const field = step.to ? ' to ' + step.to : step.kind ? ': ' + C.words(step.kind) : step.reason ? ': ' + C.words(step.reason) : '';
        all.push(entry('action', C.moment(step.at), step.at, C.words(step.type) + field + ' — by ' + step.coordinator,
          ['on ' + C.words(alert.rule) + ' alert ' + alert.alertId.slice(0, 8)], { alertId: alert.alertId }));
      });
    });
    return all.sort(function (a, b) { return a.sortAt - b.sortAt; });
  }

  function renderTimeline(list) {
    const timeline = document.getElementById('timeline');
    timeline.textContent = '';
    list.forEach(function (e) {
      const li = C.make('li', 'timeline-entry timeline-' + e.kind);
      Object.keys(e.dataset).forEach(function (key) { li.dataset[key] = e.dataset[key]; });
      li.dataset.kind = e.kind;
      const head = C.make('div', 'alert-head');
      head.appendChild(C.make('time', 'date', e.at));
      head.appendChild(C.make('span', 'kind', e.kind));
      head.appendChild(C.make('strong', 'title', e.title));
      li.appendChild(head);
      e.lines.forEach(function (line) { li.appendChild(C.make('p', 'explanation', line)); });
      timeline.appendChild(li);
    });
  }

  function renderAlerts(alerts, reload) {
    const list = document.getElementById('case-alerts');
    list.textContent = '';
    alerts.forEach(function (alert) {
      const shown = C.alertItem(alert, 'alert');
      const li = shown.li;
      const head = shown.head;
      const state = shown.state;
      li.dataset.status = alert.status;
      head.appendChild(C.make('span', 'status', C.words(alert.status)));
      head.appendChild(C.make('span', 'triage', C.words(state)
        + (alert.triage && alert.triage.assignee ? ', assigned to ' + alert.triage.assignee : '')
        + (alert.triage && alert.triage.closeReason ? ' (' + C.words(alert.triage.closeReason) + ')' : '')));
      li.appendChild(C.actionForm(alert, reload));
      list.appendChild(li);
    });
  }

  function count(n, noun) {
    return n + ' ' + noun + (n === 1 ? '' : 's');
  }

  let reload = null;

  async function load() {
    const found = await C.api('/v1/cases/' + encodeURIComponent(caseId));
    const events = await C.api('/v1/cases/' + encodeURIComponent(caseId) + '/events');
    document.getElementById('case-heading').textContent = 'casewatch — case ' + caseId;
    const state = found.case || {};
    document.getElementById('case-summary').textContent = caseId + ': ' + count(events.events.length, 'event') + ', '
      + count(found.alerts.length, 'alert') + (state.stage ? ', stage ' + C.words(state.stage) : '');
    renderTimeline(entries(state, found.alerts, events.events));
    renderAlerts(found.alerts, function () { setTimeout(reload, 1500); });
  }

  reload = C.start(load);
})();
