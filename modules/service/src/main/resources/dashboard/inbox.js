/*
 * casewatch inbox: GET /v1/alerts?status=RAISED&triage=NEW,ACKNOWLEDGED (up to 500, the newest),
 * ordered for the desk: not yet acknowledged first, then by severity, then the longest waiting.
 */
'use strict';

(function () {
  const C = window.Casework;
  const LIMIT = 500;

  function order(a, b) {
    const newA = !a.triage || a.triage.state === 'NEW';
    const newB = !b.triage || b.triage.state === 'NEW';
    if (newA !== newB) return newA ? -1 : 1;
    const severity = C.SEVERITY_RANK[a.severity] - C.SEVERITY_RANK[b.severity];
    if (severity !== 0) return severity;
    return new Date(a.at).getTime() - new Date(b.at).getTime();
  }

  function item(alert, now, reload) {
    const shown = C.alertItem(alert, 'alert inbox-item');
    const li = shown.li;
    const head = shown.head;
    const state = shown.state;
    const link = C.make('a', 'case-id', alert.caseId);
    link.href = '/cases/' + encodeURIComponent(alert.caseId);
    head.appendChild(link);
    head.appendChild(C.make('span', 'date', 'since ' + C.localDate(alert.at, alert.country)));
    head.appendChild(C.make('span', 'waited', 'waited ' + C.waited(alert.at, now)));
    head.appendChild(C.make('span', 'triage', state === 'NEW' ? 'not acknowledged' : 'acknowledged'));
    if (alert.triage && alert.triage.assignee) {
      head.appendChild(C.make('span', 'assignee', 'assigned to ' + alert.triage.assignee));
    }
    li.appendChild(C.make('p', 'explanation', alert.explanation));
    li.appendChild(C.actionForm(alert, reload));
    return li;
  }

  let reload = null;

  async function load() {
    const answer = await C.api('/v1/alerts?status=RAISED&triage=NEW,ACKNOWLEDGED&limit=' + LIMIT);
    const alerts = answer.alerts.slice().sort(order);
    const now = Date.now();
    const list = document.getElementById('inbox');
    list.textContent = '';
    alerts.forEach(function (alert) { list.appendChild(item(alert, now, function () { setTimeout(reload, 1500); })); });
    const waiting = alerts.filter(function (a) { return !a.triage || a.triage.state === 'NEW'; }).length;
    document.getElementById('inbox-count').textContent = alerts.length + ' alerts waiting, ' + waiting
      + ' not acknowledged' + (answer.nextCursor ? ' (the newest ' + LIMIT + ' shown)' : '');
  }

  reload = C.start(load);
})();
