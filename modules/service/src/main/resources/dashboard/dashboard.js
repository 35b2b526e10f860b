/*
 * casewatch coordinators' dashboard.
 *
 * Plain ES2017, no build step. Talks to the casewatch service on the same origin:
 *   GET /v1/countries        polled every 5 s -> country cards and charts
 *   GET /v1/alerts?limit=50  once at load    -> initial alert feed
 *   GET /v1/alerts/stream    Server-Sent Events -> live alert feed
 *
 * All data is inserted with textContent / attributes, never as HTML.
 */
'use strict';

(function () {
  // ---------------------------------------------------------------------------
  // Fixed configuration. Country order and names are part of the page contract.
  // ---------------------------------------------------------------------------
  const COUNTRIES = [
    { code: 'KZ', name: 'Kazakhstan' },
    { code: 'KG', name: 'Kyrgyzstan' },
    { code: 'TJ', name: 'Tajikistan' },
    { code: 'TM', name: 'Turkmenistan' },
    { code: 'UZ', name: 'Uzbekistan' }
  ];

  // The six headline figures of each card: CSS class, API field, visible label.
  const FIGURES = [
    { cls: 'registered', key: 'casesRegistered', label: 'registered' },
    { cls: 'complaints', key: 'complaintsFiled', label: 'complaints' },
    { cls: 'open-investigations', key: 'investigationsOpenNow', label: 'open investigations' },
    { cls: 'stalled', key: 'complaintsStalledNow', label: 'stalled complaints' },
    { cls: 'reprisals', key: 'casesWithReprisals', label: 'with reprisals' },
    { cls: 'compensated', key: 'compensations', label: 'compensated' }
  ];

  // Plain-language descriptions of the alert rules, shown as tooltips.
  const RULE_DESCRIPTIONS = {
    STALLED_COMPLAINT: 'Complaint filed but no investigation opened in time',
    STALLED_INVESTIGATION: 'Investigation opened but no decision in time',
    RETALIATION: 'Reprisal against a complainant after a complaint',
    COERCED_WITHDRAWAL: 'Complaint withdrawn in suspicious circumstances',
    INADEQUATE_COMPENSATION: 'Compensation below the expected level'
  };

  const POLL_INTERVAL_MS = 5000;
  const FETCH_TIMEOUT_MS = 10000;
  const STREAM_RESTART_MS = 5000;
  const MAX_ALERTS = 200;
  const SNAPSHOT_LIMIT = 50;
  const TOKEN_KEY = 'casewatchToken';

  const API = {
    countries: '/v1/countries',
    alerts: '/v1/alerts?limit=' + SNAPSHOT_LIMIT,
    stream: '/v1/alerts/stream'
  };

  // ---------------------------------------------------------------------------
  // Mutable page state, kept in one place so the flow is easy to follow.
  // ---------------------------------------------------------------------------
  const state = {
    token: null,
    charts: new Map(),          // country code -> ECharts instance (one per card, reused)
    alertItems: new Map(),      // alertId -> <li>
    filters: { country: '', rule: '' },
    pollTimer: null,
    source: null,               // current EventSource
    streamRestartTimer: null,
    snapshotLoading: false,     // while true, stream alerts are buffered
    pendingStreamAlerts: [],
    errors: new Map()           // error source -> message
  };

  const el = {};

  /** Thrown by apiFetch when the service answers 401, so callers can ask for a token. */
  class AuthRequiredError extends Error {
    constructor() {
      super('A coordinator token is required.');
      this.name = 'AuthRequiredError';
    }
  }

  // ---------------------------------------------------------------------------
  // Small helpers.
  // ---------------------------------------------------------------------------

  /** Creates an element with an optional class and text (text is never parsed as HTML). */
  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** Converts an API value to a finite number, or null. */
  function toNumber(value) {
    if (value === null || value === undefined || value === '') return null;
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }

  /** Integer text with no thousands separator, so tests and screen readers get a plain number. */
  function formatCount(value) {
    const n = toNumber(value);
    return n === null ? '–' : String(Math.round(n));
  }

  /** Day counts: whole numbers as-is, fractions to one decimal. */
  function formatDays(n) {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
  }

  /** Local wall-clock time as HH:MM:SS (24 h), independent of the browser locale. */
  function formatClock(date) {
    return [date.getHours(), date.getMinutes(), date.getSeconds()]
      .map(function (part) { return String(part).padStart(2, '0'); })
      .join(':');
  }

  /** Sums the numeric values of a {key: number} map (null-safe). */
  function sumValues(map) {
    if (!map || typeof map !== 'object') return 0;
    return Object.keys(map).reduce(function (acc, k) { return acc + (toNumber(map[k]) || 0); }, 0);
  }

  /** Returns the YYYY-MM-DD part of an ISO timestamp, in UTC. */
  function isoDate(value) {
    if (typeof value !== 'string' || value === '') return '';
    if (/^\d{4}-\d{2}-\d{2}/.test(value)) return value.slice(0, 10);
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
  }

  function countryName(code) {
    const found = COUNTRIES.find(function (c) { return c.code === code; });
    return found ? found.name : code;
  }

  function prefersReducedMotion() {
    return Boolean(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
  }

  // ---------------------------------------------------------------------------
  // Coordinator token: read from ?token= or sessionStorage; sessionStorage may be
  // unavailable (privacy modes), so the in-memory copy in state.token is authoritative.
  // ---------------------------------------------------------------------------

  function storeToken(token) {
    state.token = token || null;
    try {
      if (token) window.sessionStorage.setItem(TOKEN_KEY, token);
      else window.sessionStorage.removeItem(TOKEN_KEY);
    } catch (e) {
      // Storage blocked: keep the token in memory for this page only.
    }
  }

  function loadStoredToken() {
    try {
      return window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      return null;
    }
  }

  /** Takes the token from the URL (then strips it from the address bar and history) or storage. */
  function initToken() {
    const params = new URLSearchParams(window.location.search);
    const fromUrl = params.get('token');
    if (fromUrl) {
      storeToken(fromUrl);
      params.delete('token');
      const query = params.toString();
      try {
        window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : '') + window.location.hash);
      } catch (e) {
        // Not fatal: the token just stays visible in the address bar.
      }
      return;
    }
    state.token = loadStoredToken();
  }

  function showTokenForm() {
    if (!el.tokenForm.hidden) return;
    el.tokenForm.hidden = false;
    el.tokenInput.focus();
  }

  function hideTokenForm() {
    el.tokenForm.hidden = true;
  }

  /** Stores the typed token and reloads everything that depends on it. */
  function onTokenSubmit(event) {
    event.preventDefault();
    const token = el.tokenInput.value.trim();
    if (!token) return;
    storeToken(token);
    el.tokenInput.value = '';
    hideTokenForm();
    clearError('auth');
    reloadAll();
  }

  // ---------------------------------------------------------------------------
  // HTTP: one fetch wrapper so auth, timeouts and 401 handling are uniform.
  // ---------------------------------------------------------------------------

  async function apiFetch(path) {
    const headers = { Accept: 'application/json' };
    if (state.token) headers.Authorization = 'Bearer ' + state.token;
    const controller = typeof AbortController === 'function' ? new AbortController() : null;
    const timer = controller ? setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS) : null;
    try {
      const response = await fetch(path, {
        headers: headers,
        cache: 'no-store',
        credentials: 'same-origin',
        signal: controller ? controller.signal : undefined
      });
      if (response.status === 401) throw new AuthRequiredError();
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return await response.json();
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  /** Shows a short message and keeps the last good data on screen. */
  function handleApiError(source, what, error) {
    if (error instanceof AuthRequiredError) {
      setError('auth', 'A coordinator token is required (or the one given was not accepted).');
      showTokenForm();
      return;
    }
    const reason = error && error.name === 'AbortError' ? 'timed out' : (error && error.message) || 'network error';
    setError(source, 'Could not refresh ' + what + ' (' + reason + '); showing the last data received.');
  }

  // ---------------------------------------------------------------------------
  // Error line: several sources can fail independently; show them all, clear each on success.
  // ---------------------------------------------------------------------------

  function setError(source, message) {
    state.errors.set(source, message);
    renderErrors();
  }

  function clearError(source) {
    if (state.errors.delete(source)) renderErrors();
  }

  function renderErrors() {
    const text = Array.from(state.errors.values()).join(' ');
    if (el.error.textContent !== text) el.error.textContent = text;
    el.error.hidden = text === '';
  }

  // ---------------------------------------------------------------------------
  // Country cards: built once, then only their numbers and charts are updated.
  // ---------------------------------------------------------------------------

  function buildFigure(figure) {
    const wrap = make('div', 'figure');
    const value = make('span', 'value ' + figure.cls, '–');
    const label = make('span', 'label', figure.label);
    wrap.append(value, label);
    return wrap;
  }

  function buildCountryCard(country) {
    const card = make('section', 'country-card');
    card.id = 'country-' + country.code;
    card.dataset.country = country.code;
    card.setAttribute('aria-labelledby', 'country-' + country.code + '-name');

    const heading = make('h3', 'country-name');
    heading.id = 'country-' + country.code + '-name';
    heading.append(make('span', null, country.name), make('span', 'country-code', country.code));

    const figures = make('div', 'figures');
    FIGURES.forEach(function (f) { figures.append(buildFigure(f)); });

    const chart = make('div', 'chart');
    chart.setAttribute('role', 'img');
    chart.setAttribute('aria-label', 'Chart for ' + country.name + ': waiting for data');

    const details = make('p', 'details muted', 'Waiting for data…');

    card.append(heading, figures, chart, details);
    return card;
  }

  function buildCountryCards() {
    const fragment = document.createDocumentFragment();
    COUNTRIES.forEach(function (c) { fragment.append(buildCountryCard(c)); });
    el.countries.textContent = '';
    el.countries.append(fragment);
  }

  /** One-line secondary facts: withdrawals, timing, open alerts and data freshness. */
  function detailsText(data) {
    const parts = [];
    parts.push(formatCount(data.complaintsWithdrawn) + ' withdrawn');
    const median = toNumber(data.daysToInvestigationMedian);
    const p90 = toNumber(data.daysToInvestigationP90);
    if (median !== null) {
      parts.push('median ' + formatDays(median) + ' d to investigation' + (p90 !== null ? ' (p90 ' + formatDays(p90) + ' d)' : ''));
    }
    parts.push(formatCount(sumValues(data.openAlertsByRule)) + ' open alerts');
    const asOf = isoDate(data.updatedAt);
    parts.push(asOf ? 'data as of ' + asOf : 'update date unknown');
    return parts.join(' · ');
  }

  function renderCountry(data) {
    const card = document.getElementById('country-' + data.country);
    if (!card) return; // unknown country code: ignore rather than break the page
    FIGURES.forEach(function (f) {
      const node = card.querySelector('.' + f.cls);
      const text = formatCount(data[f.key]);
      if (node.textContent !== text) node.textContent = text;
    });
    card.querySelector('.details').textContent = detailsText(data);
    renderChart(card, data);
  }

  function renderCountries(list) {
    if (!Array.isArray(list)) throw new Error('unexpected response');
    list.forEach(function (item) {
      if (item && typeof item.country === 'string') renderCountry(item);
    });
  }

  // ---------------------------------------------------------------------------
  // Charts: one ECharts instance per card, created lazily and updated with setOption.
  // Top grid: cases registered per year. Bottom grid: complaint -> investigation -> decision.
  // ---------------------------------------------------------------------------

  const CHART_TEXT = '#2b3440';
  const CHART_MUTED = '#5b6573';
  const CHART_LINE = '#d5dae1';

  function funnelValues(data) {
    return [
      toNumber(data.complaintsFiled) || 0,
      toNumber(data.investigationsOpened) || 0,
      sumValues(data.closedByOutcome)
    ];
  }

  function chartOption(data) {
    const byYear = data.casesRegisteredByYear || {};
    const years = Object.keys(byYear).sort();
    const yearCounts = years.map(function (y) { return toNumber(byYear[y]) || 0; });
    const titleStyle = { fontSize: 12, fontWeight: 'normal', color: CHART_MUTED };
    const axisLabel = { color: CHART_MUTED, fontSize: 11 };
    return {
      animation: !prefersReducedMotion(),
      animationDuration: 300,
      animationDurationUpdate: 300,
      textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif' },
      title: [
        { text: 'Cases registered per year', left: 0, top: 0, textStyle: titleStyle },
        { text: 'From complaint to decision', left: 0, top: 128, textStyle: titleStyle },
        // Shown only when there is no per-year data, so an empty grid is not mistaken for a fault.
        { text: years.length ? '' : 'No cases registered yet', left: 'center', top: 52, textStyle: { fontSize: 12, fontWeight: 'normal', color: CHART_MUTED } }
      ],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      grid: [
        { left: 40, right: 8, top: 26, height: 76 },
        { left: 96, right: 40, top: 150, height: 76 }
      ],
      xAxis: [
        { gridIndex: 0, type: 'category', data: years, axisLabel: axisLabel, axisTick: { show: false }, axisLine: { lineStyle: { color: CHART_LINE } } },
        { gridIndex: 1, type: 'value', minInterval: 1, axisLabel: { show: false }, splitLine: { show: false } }
      ],
      yAxis: [
        { gridIndex: 0, type: 'value', minInterval: 1, axisLabel: axisLabel, splitNumber: 3, splitLine: { lineStyle: { color: CHART_LINE } } },
        { gridIndex: 1, type: 'category', inverse: true, data: ['complaints', 'investigations', 'decisions'], axisLabel: { color: CHART_TEXT, fontSize: 11 }, axisTick: { show: false }, axisLine: { lineStyle: { color: CHART_LINE } } }
      ],
      series: [
        {
          name: 'cases registered', type: 'bar', xAxisIndex: 0, yAxisIndex: 0, data: yearCounts,
          barMaxWidth: 28, itemStyle: { color: '#3d6a99' },
          label: { show: true, position: 'top', color: CHART_TEXT, fontSize: 11 }
        },
        {
          name: 'cases', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: funnelValues(data),
          barMaxWidth: 18, itemStyle: { color: '#5f8f7d' },
          label: { show: true, position: 'right', color: CHART_TEXT, fontSize: 11 }
        }
      ]
    };
  }

  /** Text alternative for screen readers, since the canvas itself is opaque. */
  function chartDescription(data) {
    const byYear = data.casesRegisteredByYear || {};
    const years = Object.keys(byYear).sort();
    const perYear = years.length
      ? years.map(function (y) { return y + ': ' + formatCount(byYear[y]); }).join(', ')
      : 'none';
    const f = funnelValues(data);
    return 'Chart for ' + countryName(data.country) + '. Cases registered per year: ' + perYear +
      '. Complaints ' + f[0] + ', investigations opened ' + f[1] + ', decisions ' + f[2] + '.';
  }

  function renderChart(card, data) {
    const node = card.querySelector('.chart');
    node.setAttribute('aria-label', chartDescription(data));
    if (!window.echarts) {
      node.textContent = 'Chart unavailable (charting library not loaded).';
      return;
    }
    let chart = state.charts.get(data.country);
    if (!chart) {
      chart = window.echarts.init(node, null, { renderer: 'canvas' });
      state.charts.set(data.country, chart);
    }
    chart.setOption(chartOption(data));
  }

  /** Charts do not follow their container by themselves; resize them when the window changes. */
  function watchResize() {
    let pending = null;
    window.addEventListener('resize', function () {
      if (pending) clearTimeout(pending);
      pending = setTimeout(function () {
        state.charts.forEach(function (chart) { chart.resize(); });
      }, 150);
    });
  }

  // ---------------------------------------------------------------------------
  // Country polling: a timeout chain (not setInterval) so slow answers never overlap.
  // ---------------------------------------------------------------------------

  function markUpdated() {
    const now = new Date();
    el.lastUpdated.dateTime = now.toISOString();
    el.lastUpdated.textContent = formatClock(now);
  }

  async function pollCountries() {
    clearTimeout(state.pollTimer);
    try {
      const list = await apiFetch(API.countries);
      renderCountries(list);
      markUpdated();
      clearError('countries');
      clearError('auth');
    } catch (error) {
      handleApiError('countries', 'country figures', error);
    } finally {
      clearTimeout(state.pollTimer);
      state.pollTimer = setTimeout(pollCountries, POLL_INTERVAL_MS);
    }
  }

  // ---------------------------------------------------------------------------
  // Alert feed items: one <li> per alertId, updated in place when the alert changes.
  // ---------------------------------------------------------------------------

  function buildAlertItem() {
    const li = make('li', 'alert');
    const head = make('div', 'alert-head');
    head.append(
      make('span', 'badge severity'),
      make('span', 'rule'),
      make('span', 'status'),
      make('span', 'case-id'),
      make('span', 'country'),
      make('time', 'date')
    );
    li.append(head, make('p', 'explanation'), make('p', 'alert-meta muted'));
    return li;
  }

  /** Writes one alert's fields into its <li>: data-* attributes for filtering/tests, text for people. */
  function fillAlertItem(li, alert) {
    const country = String(alert.country || '');
    const rule = String(alert.rule || '');
    const status = String(alert.status || '');
    const severity = String(alert.severity || '');
    const date = isoDate(alert.at);

    li.dataset.alertId = String(alert.alertId);
    li.dataset.country = country;
    li.dataset.rule = rule;
    li.dataset.status = status;
    li.dataset.severity = severity;
    li.dataset.at = typeof alert.at === 'string' ? alert.at : '';

    const badge = li.querySelector('.severity');
    badge.textContent = severity;
    badge.title = 'Severity: ' + severity;
    const ruleNode = li.querySelector('.rule');
    ruleNode.textContent = rule;
    ruleNode.title = RULE_DESCRIPTIONS[rule] || '';
    li.querySelector('.status').textContent = status;
    li.querySelector('.case-id').textContent = String(alert.caseId || '');
    const countryNode = li.querySelector('.country');
    countryNode.textContent = country;
    countryNode.title = countryName(country);
    const dateNode = li.querySelector('.date');
    dateNode.textContent = date;
    dateNode.dateTime = date;
    li.querySelector('.explanation').textContent = String(alert.explanation || '');
    li.querySelector('.alert-meta').textContent = alertMetaText(alert);
  }

  /** Optional deadline / threshold line; empty when the alert has neither. */
  function alertMetaText(alert) {
    const parts = [];
    const deadline = isoDate(alert.deadline);
    if (deadline) parts.push('deadline ' + deadline);
    const threshold = toNumber(alert.thresholdDays);
    if (threshold !== null) parts.push('threshold ' + threshold + ' days');
    return parts.join(' · ');
  }

  function isValidAlert(alert) {
    return Boolean(alert) && typeof alert === 'object' &&
      (typeof alert.alertId === 'string' || typeof alert.alertId === 'number') && String(alert.alertId) !== '';
  }

  /**
   * Inserts or updates an alert.
   * moveToTop: live events (new or changed) go to the top; snapshot items never jump.
   * keepResolved: a snapshot may be older than what the stream already told us,
   *               so it must not turn a RESOLVED alert back into RAISED.
   */
  function upsertAlert(alert, options) {
    if (!isValidAlert(alert)) return;
    const id = String(alert.alertId);
    let li = state.alertItems.get(id);
    if (li) {
      if (options.keepResolved && li.dataset.status === 'RESOLVED' && alert.status !== 'RESOLVED') return;
      fillAlertItem(li, alert);
      if (options.moveToTop && el.feed.firstChild !== li) el.feed.prepend(li);
    } else {
      li = buildAlertItem();
      fillAlertItem(li, alert);
      state.alertItems.set(id, li);
      el.feed.prepend(li);
    }
    applyFilter(li);
  }

  /** Keeps the list bounded so a long-running page stays fast. */
  function trimFeed() {
    while (el.feed.children.length > MAX_ALERTS) {
      const last = el.feed.lastElementChild;
      state.alertItems.delete(last.dataset.alertId);
      last.remove();
    }
  }

  // ---------------------------------------------------------------------------
  // Filtering: hide non-matching items with display:none; re-applied on every change.
  // ---------------------------------------------------------------------------

  function matchesFilters(li) {
    const f = state.filters;
    return (f.country === '' || li.dataset.country === f.country) &&
      (f.rule === '' || li.dataset.rule === f.rule);
  }

  function applyFilter(li) {
    li.style.display = matchesFilters(li) ? '' : 'none';
  }

  function applyFiltersToAll() {
    Array.prototype.forEach.call(el.feed.children, applyFilter);
    updateAlertCount();
  }

  function onFilterChange() {
    state.filters.country = el.filterCountry.value;
    state.filters.rule = el.filterRule.value;
    applyFiltersToAll();
  }

  function updateAlertCount() {
    const total = el.feed.children.length;
    let shown = 0;
    Array.prototype.forEach.call(el.feed.children, function (li) {
      if (li.style.display !== 'none') shown += 1;
    });
    let text;
    if (total === 0) text = 'No alerts yet.';
    else if (shown === total) text = total + (total === 1 ? ' alert' : ' alerts') + ', newest first.';
    else text = 'Showing ' + shown + ' of ' + total + ' alerts (filtered), newest first.';
    el.alertCount.textContent = text;
  }

  /** Common tail of every feed change. */
  function afterFeedChange() {
    trimFeed();
    updateAlertCount();
  }

  // ---------------------------------------------------------------------------
  // Alert snapshot (/v1/alerts): fills the feed at load. Stream events that arrive
  // meanwhile are buffered and applied afterwards, so nothing is lost or misordered.
  // ---------------------------------------------------------------------------

  async function loadAlertSnapshot() {
    state.snapshotLoading = true;
    try {
      const body = await apiFetch(API.alerts);
      const alerts = body && Array.isArray(body.alerts) ? body.alerts : [];
      // The API sends newest first; prepend oldest first so the newest ends on top.
      for (let i = alerts.length - 1; i >= 0; i -= 1) {
        upsertAlert(alerts[i], { moveToTop: false, keepResolved: true });
      }
      clearError('alerts');
    } catch (error) {
      handleApiError('alerts', 'the alert list', error);
    } finally {
      state.snapshotLoading = false;
      flushPendingStreamAlerts();
      afterFeedChange();
    }
  }

  function flushPendingStreamAlerts() {
    const pending = state.pendingStreamAlerts;
    state.pendingStreamAlerts = [];
    pending.forEach(function (alert) { upsertAlert(alert, { moveToTop: true, keepResolved: false }); });
  }

  // ---------------------------------------------------------------------------
  // Live stream (/v1/alerts/stream). EventSource cannot send headers, so the token
  // goes in ?access_token=. The browser reconnects (with Last-Event-ID) by itself;
  // only if it gives up (readyState CLOSED, e.g. on 401/5xx) do we start a new one.
  // ---------------------------------------------------------------------------

  function streamUrl() {
    return state.token ? API.stream + '?access_token=' + encodeURIComponent(state.token) : API.stream;
  }

  function setConnection(text, stateName) {
    el.connection.textContent = text;
    el.connection.dataset.state = stateName;
  }

  function onStreamAlert(event) {
    let alert;
    try {
      alert = JSON.parse(event.data);
    } catch (e) {
      return; // malformed event: skip it, keep the stream
    }
    if (state.snapshotLoading) {
      state.pendingStreamAlerts.push(alert);
      return;
    }
    upsertAlert(alert, { moveToTop: true, keepResolved: false });
    afterFeedChange();
  }

  function onStreamOpen() {
    setConnection('live', 'live');
  }

  function onStreamError() {
    setConnection('reconnecting…', 'reconnecting');
    if (state.source && state.source.readyState === EventSource.CLOSED) scheduleStreamRestart();
  }

  function closeStream() {
    clearTimeout(state.streamRestartTimer);
    state.streamRestartTimer = null;
    if (state.source) {
      state.source.close();
      state.source = null;
    }
  }

  function openStream() {
    closeStream();
    if (typeof EventSource !== 'function') {
      setConnection('live updates unavailable in this browser', 'unsupported');
      return;
    }
    setConnection('connecting…', 'connecting');
    const source = new EventSource(streamUrl());
    source.addEventListener('open', onStreamOpen);
    source.addEventListener('alert', onStreamAlert);
    source.addEventListener('error', onStreamError);
    state.source = source;
  }

  /** A new EventSource loses Last-Event-ID, so re-read the snapshot to fill any gap. */
  function scheduleStreamRestart() {
    if (state.streamRestartTimer) return;
    state.streamRestartTimer = setTimeout(function () {
      state.streamRestartTimer = null;
      startAlerts();
    }, STREAM_RESTART_MS);
  }

  function startAlerts() {
    state.snapshotLoading = true;
    openStream();
    loadAlertSnapshot();
  }

  // ---------------------------------------------------------------------------
  // Start-up and full reload (after a token is entered).
  // ---------------------------------------------------------------------------

  function reloadAll() {
    pollCountries();
    startAlerts();
  }

  function bindElements() {
    el.countries = document.getElementById('countries');
    el.feed = document.getElementById('alert-feed');
    el.filterCountry = document.getElementById('filter-country');
    el.filterRule = document.getElementById('filter-rule');
    el.connection = document.getElementById('connection');
    el.lastUpdated = document.getElementById('last-updated');
    el.error = document.getElementById('error');
    el.alertCount = document.getElementById('alert-count');
    el.tokenForm = document.getElementById('token-form');
    el.tokenInput = document.getElementById('token-input');
  }

  function init() {
    bindElements();
    initToken();
    buildCountryCards();
    el.filterCountry.addEventListener('change', onFilterChange);
    el.filterRule.addEventListener('change', onFilterChange);
    el.tokenForm.addEventListener('submit', onTokenSubmit);
    onFilterChange(); // honour values the browser may have restored into the selects
    watchResize();
    if (!window.echarts) setError('echarts', 'Charts are unavailable: the charting library did not load.');
    reloadAll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
