/*
 * casewatch coordinators' dashboard.
 *
 * Plain ES2017, no build step, no external assets. Talks to the casewatch service on the same origin:
 *   GET /v1/countries              polled every 5 s  -> country cards, the remedies table and charts
 *   GET /v1/alerts?limit=50&...    at load and when a filter changes -> alert list (filtered by the API)
 *   GET /v1/cases?limit=25&...     at load and when a filter changes -> case list (filtered by the API)
 *   GET /v1/alerts/stream          Server-Sent Events -> live alerts
 *
 * All data is inserted with textContent / attributes, never as HTML. Codes from the API are shown
 * with plain labels (LABELS), dates as the country's local dates.
 */
'use strict';

(function () {
  // ---------------------------------------------------------------------------
  // Fixed configuration. Country order and names are part of the page contract.
  // ---------------------------------------------------------------------------
  const COUNTRIES = [
    { code: 'KZ', name: 'Kazakhstan', zone: 'Asia/Almaty' },
    { code: 'KG', name: 'Kyrgyzstan', zone: 'Asia/Bishkek' },
    { code: 'TJ', name: 'Tajikistan', zone: 'Asia/Dushanbe' },
    { code: 'TM', name: 'Turkmenistan', zone: 'Asia/Ashgabat' },
    { code: 'UZ', name: 'Uzbekistan', zone: 'Asia/Tashkent' }
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

  // The smaller figure groups under them: what followed the complaints, and who the victims were.
  // A figure reads a number field (key) or one entry of a per-symbol map (map + entry).
  const FIGURE_GROUPS = [
    {
      cls: 'after-complaint', title: 'After the complaints', figures: [
        { cls: 'refusals', key: 'refusals', label: 'refusals' },
        { cls: 'appeals', key: 'appeals', label: 'appeals' },
        { cls: 'annulments', key: 'annulments', label: 'annulments' },
        { cls: 'reopenings', key: 'reopenings', label: 'reopenings' },
        { cls: 'suspensions', key: 'suspensions', label: 'suspensions' },
        { cls: 'suspended-now', key: 'investigationsSuspendedNow', label: 'suspended now' }
      ]
    },
    {
      cls: 'victims', title: 'Victims', figures: [
        { cls: 'deaths-in-custody', key: 'deathsInCustody', label: 'deaths in custody' },
        { cls: 'minors', map: 'casesByVictimProfile', entry: 'UNDER_18', label: 'minors' },
        { cls: 'women', map: 'casesByVictimProfile', entry: 'FEMALE', label: 'women' },
        { cls: 'returnees', map: 'casesByVictimProfile', entry: 'RETURNED_FROM_ABROAD', label: 'returned from abroad' }
      ]
    }
  ];

  // Rows of the remedies table, one column per country. kind: share (numerator of denominator),
  // count (one entry of a per-symbol map) or money (a per-currency map of minor units).
  const REMEDY_ROWS = [
    { group: 'Investigations' },
    { figure: 'investigations', label: 'Investigations opened, reopenings included', kind: 'number', key: 'investigations' },
    { figure: 'independent-share', label: 'Opened by an independent body', kind: 'share',
      share: 'independentInvestigationShare', part: 'independentInvestigations', of: 'investigations' },
    { figure: 'torture-article-share', label: 'Under the torture article', kind: 'share',
      share: 'tortureArticleInvestigationShare', part: 'tortureArticleInvestigations', of: 'investigations' },
    { figure: 'examined-within-3-days-share', label: 'Forensic examination within 3 days of the complaint', kind: 'share',
      share: 'examinedWithin3DaysShare', part: 'examinedWithin3Days', of: 'complaintsFiled' },
    { group: 'UN communications (cases by latest step)' },
    { figure: 'un-submitted', label: 'Submitted', kind: 'count', map: 'casesByUnStage', entry: 'SUBMITTED' },
    { figure: 'un-registered', label: 'Registered', kind: 'count', map: 'casesByUnStage', entry: 'REGISTERED' },
    { figure: 'un-interim-measures', label: 'Interim measures requested', kind: 'count', map: 'casesByUnStage', entry: 'INTERIM_MEASURES' },
    { figure: 'un-views-adopted', label: 'Views adopted', kind: 'count', map: 'casesByUnStage', entry: 'VIEWS_ADOPTED' },
    { figure: 'un-state-reply', label: 'State replied', kind: 'count', map: 'casesByUnStage', entry: 'STATE_REPLY' },
    { group: 'Compensation' },
    { figure: 'compensation-awarded', label: 'Awarded', kind: 'money', map: 'compensationMinorByCurrency' },
    { figure: 'compensation-paid', label: 'Paid', kind: 'money', map: 'compensationPaidMinorByCurrency' }
  ];

  // Plain labels for the API's codes. An unknown code (a newer service) is shown humanised.
  const LABELS = {
    rule: {
      STALLED_COMPLAINT: 'Stalled complaint',
      STALLED_INVESTIGATION: 'Stalled investigation',
      RETALIATION: 'Retaliation',
      COERCED_WITHDRAWAL: 'Coerced withdrawal',
      INADEQUATE_COMPENSATION: 'Inadequate compensation',
      CASE_TOO_LARGE: 'Case too large',
      REFUSAL_TO_INVESTIGATE: 'Refusal to investigate',
      DECISION_NOT_APPEALED: 'Decision not appealed',
      REPEATED_REFUSALS: 'Repeated refusals',
      SUSPENSION_TOO_LONG: 'Suspension too long',
      INTIMIDATION: 'Intimidation',
      NO_INDEPENDENT_INVESTIGATION: 'No independent investigation',
      DOWNGRADED_QUALIFICATION: 'Downgraded qualification',
      URGENT_DEATH_IN_CUSTODY: 'Death in custody',
      FORENSIC_EXAMINATION_MISSING: 'Forensic examination missing',
      UN_INTERIM_MEASURES_BREACHED: 'UN interim measures breached',
      UN_VIEWS_NOT_IMPLEMENTED: 'UN views not implemented',
      COMPENSATION_UNPAID: 'Compensation unpaid'
    },
    severity: { HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low' },
    status: { RAISED: 'Raised', RESOLVED: 'Resolved' },
    allegation: {
      TORTURE: 'Torture',
      ILL_TREATMENT: 'Ill-treatment',
      DEATH_IN_CUSTODY: 'Death in custody',
      THREAT_OF_TORTURE: 'Threat of torture',
      OTHER_ALLEGATION: 'Other allegation'
    },
    agency: {
      POLICE: 'Police',
      NATIONAL_SECURITY: 'National security service',
      PENITENTIARY_SERVICE: 'Penitentiary service',
      MILITARY: 'Military',
      PROSECUTOR: 'Prosecutor',
      BORDER_SERVICE: 'Border service',
      COURT: 'Court',
      OTHER_AGENCY: 'Other agency',
      UNKNOWN_AGENCY: 'Agency unknown'
    },
    victimProfile: { MINOR: 'Minors', WOMAN: 'Women', RETURNEE: 'Returned from abroad' },
    resolution: {
      DEADLINE_MET: 'deadline met after all',
      ANSWERED_LATE: 'answered late',
      WITHDRAWN_AFTER_STALL: 'withdrawn after the deadline',
      NO_LONGER_APPLIES: 'no longer applies',
      RETRACTED: 'an event it rested on was retracted'
    },
    stage: {
      REGISTERED: 'Registered',
      COMPLAINT_FILED: 'Complaint filed',
      INVESTIGATION_OPENED: 'Investigation open',
      INVESTIGATION_CLOSED: 'Decided',
      COMPENSATED: 'Compensated',
      WITHDRAWN: 'Withdrawn'
    },
    sex: { FEMALE: 'woman', MALE: 'man', UNDISCLOSED: 'sex not disclosed' },
    ageBand: {
      UNDER_18: 'under 18',
      AGE_18_29: '18 to 29',
      AGE_30_44: '30 to 44',
      AGE_45_59: '45 to 59',
      AGE_60_PLUS: '60 or older',
      AGE_UNKNOWN: 'age unknown'
    }
  };

  // Plain-language descriptions of the alert rules, shown as tooltips.
  const RULE_DESCRIPTIONS = {
    STALLED_COMPLAINT: 'Complaint or appeal with no investigation or decision in time',
    STALLED_INVESTIGATION: 'Investigation opened but not decided in time',
    RETALIATION: 'Reprisal against a complainant after a complaint',
    COERCED_WITHDRAWAL: 'Complaint withdrawn soon after a reprisal, or out of fear or under pressure',
    INADEQUATE_COMPENSATION: 'Compensation below the country\'s floor',
    CASE_TOO_LARGE: 'The case reached the event limit: later events were not applied',
    REFUSAL_TO_INVESTIGATE: 'Refusal to open criminal proceedings, or termination for lack of a crime',
    DECISION_NOT_APPEALED: 'Refusal, termination or suspension not appealed in time',
    REPEATED_REFUSALS: 'Refused again: refusal, appeal, annulment and refusal once more',
    SUSPENSION_TOO_LONG: 'Investigation suspended too long without being resumed or decided',
    INTIMIDATION: 'Reprisal after registration and before any complaint',
    NO_INDEPENDENT_INVESTIGATION: 'Investigation opened by the accused agency\'s own structure',
    DOWNGRADED_QUALIFICATION: 'Investigation under a lesser article than the torture article',
    URGENT_DEATH_IN_CUSTODY: 'Death in custody without an investigation opened in time',
    FORENSIC_EXAMINATION_MISSING: 'No forensic examination in time after the complaint',
    UN_INTERIM_MEASURES_BREACHED: 'Reprisal or transfer after UN interim measures were requested',
    UN_VIEWS_NOT_IMPLEMENTED: 'No state reply in time to views adopted by a UN treaty body',
    COMPENSATION_UNPAID: 'Compensation awarded but not paid in full in time'
  };

  const POLL_INTERVAL_MS = 5000;
  const FETCH_TIMEOUT_MS = 10000;
  const STREAM_RESTART_MS = 5000;
  const FILTERED_RELOAD_MS = 1000;
  const MAX_ALERTS = 200;
  const ALERT_PAGE = 50;
  const CASE_PAGE = 25;
  const TOKEN_KEY = 'casewatchToken';

  // Filter fields: form element id -> query parameter of /v1/alerts and /v1/cases, and its labels.
  const FILTERS = [
    { id: 'filter-country', param: 'country', options: COUNTRIES.map(function (c) { return [c.code, c.name]; }) },
    { id: 'filter-rule', param: 'rule', labels: 'rule' },
    { id: 'filter-severity', param: 'severity', labels: 'severity' },
    { id: 'filter-allegation', param: 'allegation', labels: 'allegation' },
    { id: 'filter-victim', param: 'victimProfile', labels: 'victimProfile' },
    { id: 'filter-agency', param: 'agency', labels: 'agency' }
  ];
  // Filters on the case's profile: the API joins them with each alert's case, the stream cannot.
  const PROFILE_PARAMS = ['allegation', 'victimProfile', 'agency'];

  const API = {
    countries: '/v1/countries',
    alerts: '/v1/alerts',
    cases: '/v1/cases',
    stream: '/v1/alerts/stream'
  };

  // ---------------------------------------------------------------------------
  // Mutable page state, kept in one place so the flow is easy to follow.
  // ---------------------------------------------------------------------------
  const state = {
    token: null,
    charts: new Map(),          // chart key (country code or comparison id) -> ECharts instance
    alertItems: new Map(),      // alertId -> <li>
    filters: {},                // query parameter -> chosen value ('' = all)
    alertCursor: null,          // nextCursor of the last alert page loaded
    alertLoad: 0,               // number of the latest alert load, so an older answer is dropped
    caseCursor: null,
    caseLoad: 0,
    casePages: 0,
    filteredReloadTimer: null,
    caseRefreshTimer: null,
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

  /** A share between 0 and 1 as a whole percentage. */
  function formatPercent(share) {
    return Math.round(share * 100) + '%';
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

  /** A code's plain label: LABELS[kind][code], else the code humanised ('SOME_CODE' -> 'Some code'). */
  function label(kind, code) {
    if (code === null || code === undefined || code === '') return '';
    const known = LABELS[kind] && LABELS[kind][code];
    if (known) return known;
    const words = String(code).toLowerCase().replace(/_/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  const dateFormats = new Map();

  /**
   * The local calendar date (YYYY-MM-DD) of an ISO instant in the country's time zone, as
   * casewatch counts days; the browser's zone for no country. Empty for no or a bad value.
   */
  function localDate(value, countryCode) {
    if (typeof value !== 'string' || value === '') return '';
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) return '';
    const found = COUNTRIES.find(function (c) { return c.code === countryCode; });
    const zone = found ? found.zone : undefined;
    const key = zone || 'browser';
    let format = dateFormats.get(key);
    if (!format) {
      try {
        format = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
      } catch (e) {
        format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
      }
      dateFormats.set(key, format);
    }
    const parts = {};
    format.formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + '-' + parts.month + '-' + parts.day;
  }

  /** An amount in minor units as major units with its ISO currency code, e.g. 'TJS 1,500.00'. */
  function formatMoney(minor, currency) {
    const amount = toNumber(minor) || 0;
    try {
      const format = new Intl.NumberFormat('en', { style: 'currency', currency: currency, currencyDisplay: 'code' });
      const digits = format.resolvedOptions().maximumFractionDigits;
      return format.format(amount / Math.pow(10, digits)).replace(/\u00a0/g, ' ');
    } catch (e) {
      return currency + ' ' + (amount / 100).toFixed(2); // not an ISO 4217 code the browser knows: assume cents
    }
  }

  function countryName(code) {
    const found = COUNTRIES.find(function (c) { return c.code === code; });
    return found ? found.name : code;
  }

  /** A figure's value in a country's figures: a number field, or one entry of a per-symbol map. */
  function figureValue(data, figure) {
    if (figure.map) {
      const map = data[figure.map];
      if (!map || typeof map !== 'object') return null; // a service without this figure
      return toNumber(map[figure.entry]) || 0;
    }
    return toNumber(data[figure.key]);
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
  // ---------------------------------------------------------------------------
  // Country cards: built once, then only their numbers and charts are updated.
  // ---------------------------------------------------------------------------

  function buildFigure(figure) {
    const wrap = make('div', 'figure');
    const value = make('span', 'value ' + figure.cls, '–');
    const text = make('span', 'label', figure.label);
    wrap.append(value, text);
    return wrap;
  }

  function buildFigureGroup(group) {
    const wrap = make('div', 'figure-group ' + group.cls);
    wrap.append(make('h4', 'figure-group-title', group.title));
    const figures = make('div', 'figures small');
    group.figures.forEach(function (f) { figures.append(buildFigure(f)); });
    wrap.append(figures);
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

    card.append(heading, figures);
    FIGURE_GROUPS.forEach(function (group) { card.append(buildFigureGroup(group)); });
    card.append(chart, details);
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
      parts.push('median ' + formatDays(median) + ' days to investigation' + (p90 !== null ? ' (90th percentile ' + formatDays(p90) + ')' : ''));
    }
    parts.push(formatCount(sumValues(data.openAlertsByRule)) + ' open alerts');
    const asOf = localDate(data.updatedAt, data.country);
    parts.push(asOf ? 'latest change ' + asOf : 'no change yet');
    return parts.join(' · ');
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  function renderCountry(data) {
    const card = document.getElementById('country-' + data.country);
    if (!card) return; // unknown country code: ignore rather than break the page
    FIGURES.forEach(function (f) {
      setText(card.querySelector('.' + f.cls), formatCount(data[f.key]));
    });
    FIGURE_GROUPS.forEach(function (group) {
      group.figures.forEach(function (f) {
        setText(card.querySelector('.' + f.cls), formatCount(figureValue(data, f)));
      });
    });
    card.querySelector('.details').textContent = detailsText(data);
    renderChart(card, data);
  }

  function renderCountries(list) {
    if (!Array.isArray(list)) throw new Error('unexpected response');
    const byCode = new Map();
    list.forEach(function (item) {
      if (item && typeof item.country === 'string') {
        renderCountry(item);
        byCode.set(item.country, item);
      }
    });
    renderRemedies(byCode);
    renderComparisonCharts(byCode);
  }

  // ---------------------------------------------------------------------------
  // The remedies table: a row per figure, a column per country. A dash: no figure (yet).
  // ---------------------------------------------------------------------------

  function buildRemediesTable() {
    COUNTRIES.forEach(function (c) {
      const th = make('th', null, c.name);
      th.scope = 'col';
      el.remediesHead.append(th);
    });
    REMEDY_ROWS.forEach(function (row) {
      const tr = make('tr', row.group ? 'group' : null);
      if (row.group) {
        const th = make('th', null, row.group);
        th.scope = 'colgroup';
        th.colSpan = COUNTRIES.length + 1;
        tr.append(th);
      } else {
        tr.dataset.figure = row.figure;
        const th = make('th', null, row.label);
        th.scope = 'row';
        tr.append(th);
        COUNTRIES.forEach(function (c) {
          const td = make('td', null, '–');
          td.dataset.country = c.code;
          tr.append(td);
        });
      }
      el.remediesBody.append(tr);
    });
  }

  /** One cell's text: counts, shares with their numerator and denominator, money per currency. */
  function remedyText(data, row) {
    if (!data) return '–';
    if (row.kind === 'number') return formatCount(data[row.key]);
    if (row.kind === 'count') return formatCount(figureValue(data, row));
    if (row.kind === 'share') {
      const share = toNumber(data[row.share]);
      if (share === null) return '–';
      return formatPercent(share) + ' (' + formatCount(data[row.part]) + ' of ' + formatCount(data[row.of]) + ')';
    }
    const amounts = data[row.map];
    if (!amounts || typeof amounts !== 'object') return '–';
    const currencies = Object.keys(amounts).sort();
    return currencies.length ? currencies.map(function (cur) { return formatMoney(amounts[cur], cur); }).join(', ') : 'none';
  }

  function renderRemedies(byCode) {
    REMEDY_ROWS.forEach(function (row) {
      if (row.group) return;
      const tr = el.remediesBody.querySelector('tr[data-figure="' + row.figure + '"]');
      COUNTRIES.forEach(function (c) {
        setText(tr.querySelector('td[data-country="' + c.code + '"]'), remedyText(byCode.get(c.code), row));
      });
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
  // Comparison charts: the five countries side by side, one chart per question.
  // ---------------------------------------------------------------------------

  const SERIES_COLOURS = ['#3d6a99', '#5f8f7d', '#b5832f', '#8a5a9e', '#a34b4b', '#56606d'];

  const COMPARISONS = [
    {
      id: 'after-complaint', title: 'After the complaints',
      unit: 'count', series: [
        { name: 'Refusals', value: function (d) { return toNumber(d.refusals); } },
        { name: 'Appeals', value: function (d) { return toNumber(d.appeals); } },
        { name: 'Annulments', value: function (d) { return toNumber(d.annulments); } },
        { name: 'Reopenings', value: function (d) { return toNumber(d.reopenings); } },
        { name: 'Suspensions', value: function (d) { return toNumber(d.suspensions); } }
      ]
    },
    {
      id: 'victims', title: 'Victims', unit: 'count',
      series: [
        { name: 'Deaths in custody', value: function (d) { return toNumber(d.deathsInCustody); } },
        { name: 'Minors', value: function (d) { return figureValue(d, { map: 'casesByVictimProfile', entry: 'UNDER_18' }); } },
        { name: 'Women', value: function (d) { return figureValue(d, { map: 'casesByVictimProfile', entry: 'FEMALE' }); } },
        { name: 'Returned from abroad', value: function (d) { return figureValue(d, { map: 'casesByVictimProfile', entry: 'RETURNED_FROM_ABROAD' }); } }
      ]
    },
    {
      id: 'shares', title: 'Shares of investigations and of complaints examined',
      unit: 'percent', series: [
        { name: 'Independent investigations', value: function (d) { return percentOf(d.independentInvestigationShare); } },
        { name: 'Under the torture article', value: function (d) { return percentOf(d.tortureArticleInvestigationShare); } },
        { name: 'Examined within 3 days', value: function (d) { return percentOf(d.examinedWithin3DaysShare); } }
      ]
    }
  ];

  function percentOf(share) {
    const n = toNumber(share);
    return n === null ? null : Math.round(n * 1000) / 10;
  }

  function buildComparisonCharts() {
    COMPARISONS.concat([{ id: 'compensation' }]).forEach(function (comparison) {
      const node = make('div', 'comparison-chart');
      node.id = 'chart-' + comparison.id;
      node.setAttribute('role', 'img');
      node.setAttribute('aria-label', 'Waiting for data');
      el.comparisonCharts.append(node);
    });
  }

  function baseOption(title, empty) {
    return {
      animation: !prefersReducedMotion(),
      animationDuration: 300,
      animationDurationUpdate: 300,
      textStyle: { fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif' },
      title: [
        { text: title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 'normal', color: CHART_TEXT } },
        { text: empty ? 'No figures yet' : '', left: 'center', top: 'middle', textStyle: { fontSize: 12, fontWeight: 'normal', color: CHART_MUTED } }
      ],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, confine: true },
      legend: { top: 24, left: 0, itemWidth: 12, itemHeight: 10, textStyle: { color: CHART_MUTED, fontSize: 11 } }
    };
  }

  function comparisonOption(comparison, byCode) {
    const names = COUNTRIES.map(function (c) { return c.name; });
    const series = comparison.series.map(function (s, i) {
      return {
        name: s.name, type: 'bar', barMaxWidth: 16, itemStyle: { color: SERIES_COLOURS[i] },
        data: COUNTRIES.map(function (c) {
          const data = byCode.get(c.code);
          const v = data ? s.value(data) : null;
          return v === null ? '-' : v;
        })
      };
    });
    const empty = series.every(function (s) { return s.data.every(function (v) { return v === '-'; }); });
    const option = baseOption(comparison.title, empty);
    option.grid = { left: 40, right: 8, top: 72, bottom: 24 };
    option.xAxis = { type: 'category', data: names, axisLabel: { color: CHART_MUTED, fontSize: 11, interval: 0 }, axisTick: { show: false }, axisLine: { lineStyle: { color: CHART_LINE } } };
    option.yAxis = comparison.unit === 'percent'
      ? { type: 'value', min: 0, max: 100, axisLabel: { color: CHART_MUTED, fontSize: 11, formatter: '{value}%' }, splitLine: { lineStyle: { color: CHART_LINE } } }
      : { type: 'value', minInterval: 1, axisLabel: { color: CHART_MUTED, fontSize: 11 }, splitLine: { lineStyle: { color: CHART_LINE } } };
    option.series = series;
    if (comparison.unit === 'percent') option.tooltip.valueFormatter = function (v) { return v === '-' ? 'no figure' : v + '%'; };
    return option;
  }

  function comparisonDescription(comparison, byCode) {
    return comparison.title + '. ' + COUNTRIES.map(function (c) {
      const data = byCode.get(c.code);
      return c.name + ': ' + comparison.series.map(function (s) {
        const v = data ? s.value(data) : null;
        return s.name.toLowerCase() + ' ' + (v === null ? 'no figure' : v + (comparison.unit === 'percent' ? '%' : ''));
      }).join(', ');
    }).join('; ') + '.';
  }

  /** Paid against awarded, per country and currency: a share, since currencies do not share a scale. */
  function compensationRows(byCode) {
    const rows = [];
    COUNTRIES.forEach(function (c) {
      const data = byCode.get(c.code);
      if (!data || !data.compensationPaidMinorByCurrency) return; // a service that does not say what was paid
      const awarded = data.compensationMinorByCurrency || {};
      const paid = data.compensationPaidMinorByCurrency || {};
      Object.keys(awarded).sort().forEach(function (currency) {
        const a = toNumber(awarded[currency]) || 0;
        if (a <= 0) return;
        const p = toNumber(paid[currency]) || 0;
        rows.push({
          category: c.name + '\n' + formatMoney(p, currency) + ' of ' + formatMoney(a, currency),
          percent: Math.round(Math.min(p / a, 1) * 1000) / 10,
          text: c.name + ': ' + formatMoney(p, currency) + ' paid of ' + formatMoney(a, currency) + ' awarded'
        });
      });
    });
    return rows;
  }

  function compensationOption(rows, known) {
    const option = baseOption('Compensation paid, share of the amount awarded', rows.length === 0);
    if (rows.length === 0) option.title[1].text = known ? 'No compensation awarded yet' : 'No figures yet';
    option.legend = { show: false };
    option.grid = { left: 190, right: 48, top: 36, bottom: 24 };
    option.xAxis = { type: 'value', show: rows.length > 0, min: 0, max: 100, axisLabel: { color: CHART_MUTED, fontSize: 11, formatter: '{value}%' }, splitLine: { lineStyle: { color: CHART_LINE } } };
    option.yAxis = { type: 'category', show: rows.length > 0, inverse: true, data: rows.map(function (r) { return r.category; }), axisLabel: { color: CHART_TEXT, fontSize: 11, lineHeight: 16 }, axisTick: { show: false }, axisLine: { lineStyle: { color: CHART_LINE } } };
    option.tooltip = { trigger: 'item', confine: true, formatter: function (p) { return echarts.format.encodeHTML(rows[p.dataIndex].text); } };
    option.series = [{
      name: 'paid', type: 'bar', barMaxWidth: 16, itemStyle: { color: '#5f8f7d' },
      data: rows.map(function (r) { return r.percent; }),
      label: { show: true, position: 'right', color: CHART_TEXT, fontSize: 11, formatter: '{c}%' }
    }];
    return option;
  }

  function chartIn(key, node) {
    let chart = state.charts.get(key);
    if (!chart) {
      chart = window.echarts.init(node, null, { renderer: 'canvas' });
      state.charts.set(key, chart);
    }
    return chart;
  }

  function renderComparisonCharts(byCode) {
    COMPARISONS.forEach(function (comparison) {
      const node = document.getElementById('chart-' + comparison.id);
      node.setAttribute('aria-label', comparisonDescription(comparison, byCode));
      if (window.echarts) chartIn('comparison-' + comparison.id, node).setOption(comparisonOption(comparison, byCode));
    });
    const rows = compensationRows(byCode);
    const known = Array.from(byCode.values()).some(function (d) { return d.compensationPaidMinorByCurrency; });
    const node = document.getElementById('chart-compensation');
    node.setAttribute('aria-label', rows.length
      ? 'Compensation paid, share of the amount awarded. ' + rows.map(function (r) { return r.text + ' (' + r.percent + '%)'; }).join('; ') + '.'
      : 'No compensation awarded yet.');
    if (window.echarts) chartIn('comparison-compensation', node).setOption(compensationOption(rows, known), true);
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
  // Filters: one form for both lists. The API filters (and joins each alert with its case's
  // profile); the page only decides whether a live alert belongs in the filtered list.
  // ---------------------------------------------------------------------------

  function buildFilterOptions() {
    FILTERS.forEach(function (filter) {
      const select = document.getElementById(filter.id);
      const options = filter.options || Object.keys(LABELS[filter.labels]).map(function (code) {
        return [code, label(filter.labels, code)];
      });
      options.forEach(function (pair) {
        const option = make('option', null, pair[1]);
        option.value = pair[0];
        select.append(option);
      });
    });
  }

  function readFilters() {
    FILTERS.forEach(function (filter) {
      state.filters[filter.param] = document.getElementById(filter.id).value;
    });
  }

  /** The chosen filters as query parameters ('&rule=RETALIATION&...'), empty when none is chosen. */
  function filterQuery() {
    return FILTERS.map(function (filter) {
      const value = state.filters[filter.param];
      return value ? '&' + filter.param + '=' + encodeURIComponent(value) : '';
    }).join('');
  }

  function hasProfileFilter() {
    return PROFILE_PARAMS.some(function (param) { return Boolean(state.filters[param]); });
  }

  function hasAnyFilter() {
    return FILTERS.some(function (filter) { return Boolean(state.filters[filter.param]); });
  }

  /** Whether a live alert belongs in the list by the filters on the alert itself. */
  function alertPassesOwnFilters(alert) {
    const f = state.filters;
    return (!f.country || alert.country === f.country) &&
      (!f.rule || alert.rule === f.rule) &&
      (!f.severity || alert.severity === f.severity);
  }

  function onFilterChange() {
    readFilters();
    loadAlertSnapshot(false);
    loadCases(false);
  }

  function onFilterReset() {
    // The form resets its selects after this event: read them once it has.
    setTimeout(onFilterChange, 0);
  }

  // ---------------------------------------------------------------------------
  // Alert items: one <li> per alertId, updated in place when the alert changes.
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

  /** Writes one alert's fields into its <li>: codes in data-* attributes, plain labels as text. */
  function fillAlertItem(li, alert) {
    const country = String(alert.country || '');
    const rule = String(alert.rule || '');
    const status = String(alert.status || '');
    const severity = String(alert.severity || '');
    const date = localDate(alert.at, country);

    li.dataset.alertId = String(alert.alertId);
    li.dataset.caseId = String(alert.caseId || '');
    li.dataset.country = country;
    li.dataset.rule = rule;
    li.dataset.status = status;
    li.dataset.severity = severity;
    li.dataset.at = typeof alert.at === 'string' ? alert.at : '';

    const badge = li.querySelector('.severity');
    badge.textContent = label('severity', severity);
    badge.title = 'Severity: ' + label('severity', severity).toLowerCase();
    const ruleNode = li.querySelector('.rule');
    ruleNode.textContent = label('rule', rule);
    ruleNode.title = RULE_DESCRIPTIONS[rule] || '';
    li.querySelector('.status').textContent = label('status', status);
    li.querySelector('.case-id').textContent = String(alert.caseId || '');
    const countryNode = li.querySelector('.country');
    countryNode.textContent = countryName(country);
    const dateNode = li.querySelector('.date');
    dateNode.textContent = date;
    dateNode.dateTime = date;
    li.querySelector('.explanation').textContent = String(alert.explanation || '');
    li.querySelector('.alert-meta').textContent = alertMetaText(alert);
  }

  /** Optional deadline / threshold line; empty when the alert has neither. */
  function alertMetaText(alert) {
    const parts = [];
    const deadline = localDate(alert.deadline, alert.country);
    if (deadline) parts.push('deadline ' + deadline);
    const threshold = toNumber(alert.thresholdDays);
    if (threshold !== null) parts.push('threshold ' + threshold + ' days');
    if (alert.resolution) parts.push('resolved: ' + label('resolution', alert.resolution));
    return parts.join(' · ');
  }

  function isValidAlert(alert) {
    return Boolean(alert) && typeof alert === 'object' &&
      (typeof alert.alertId === 'string' || typeof alert.alertId === 'number') && String(alert.alertId) !== '';
  }

  /**
   * Inserts or updates an alert.
   * moveToTop: live events (new or changed) go to the top; page items are appended in order.
   * keepResolved: a page may be older than what the stream already told us,
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
      if (options.moveToTop) el.feed.prepend(li);
      else el.feed.append(li);
    }
  }

  /** Keeps the list bounded so a long-running page stays fast. */
  function trimFeed() {
    while (el.feed.children.length > MAX_ALERTS) {
      const last = el.feed.lastElementChild;
      state.alertItems.delete(last.dataset.alertId);
      last.remove();
    }
  }

  function clearFeed() {
    el.feed.textContent = '';
    state.alertItems.clear();
  }

  function updateAlertCount() {
    const shown = el.feed.children.length;
    const filtered = hasAnyFilter() ? ' matching the filters' : '';
    let text;
    if (shown === 0) text = hasAnyFilter() ? 'No alerts match the filters.' : 'No alerts yet.';
    else text = shown + (shown === 1 ? ' alert' : ' alerts') + filtered + ', newest first' + (state.alertCursor ? '; older ones below.' : '.');
    el.alertCount.textContent = text;
    el.moreAlerts.hidden = !state.alertCursor;
  }

  /** Common tail of every feed change. */
  function afterFeedChange() {
    trimFeed();
    updateAlertCount();
  }

  // ---------------------------------------------------------------------------
  // Alert pages (/v1/alerts with the filters): the first fills the list at load and whenever a
  // filter changes; "older" appends the next. Stream events that arrive meanwhile are buffered
  // and applied afterwards, so nothing is lost or misordered.
  // ---------------------------------------------------------------------------

  async function loadAlertSnapshot(older) {
    const load = ++state.alertLoad;
    state.snapshotLoading = true;
    const cursor = older && state.alertCursor ? '&cursor=' + encodeURIComponent(state.alertCursor) : '';
    try {
      const body = await apiFetch(API.alerts + '?limit=' + ALERT_PAGE + filterQuery() + cursor);
      if (load !== state.alertLoad) return; // a newer load (another filter) replaced this one
      const alerts = body && Array.isArray(body.alerts) ? body.alerts : [];
      if (!older) clearFeed();
      alerts.forEach(function (alert) { upsertAlert(alert, { moveToTop: false, keepResolved: true }); });
      state.alertCursor = body && typeof body.nextCursor === 'string' ? body.nextCursor : null;
      clearError('alerts');
    } catch (error) {
      handleApiError('alerts', 'the alert list', error);
    } finally {
      if (load === state.alertLoad) {
        state.snapshotLoading = false;
        flushPendingStreamAlerts();
        afterFeedChange();
      }
    }
  }

  function flushPendingStreamAlerts() {
    const pending = state.pendingStreamAlerts;
    state.pendingStreamAlerts = [];
    pending.forEach(showStreamAlert);
  }

  /**
   * A live alert: updated in place if listed; added on top if it passes the filters on the alert
   * itself and no profile filter is set. With a profile filter only the API can tell whether the
   * alert's case matches: the first page is asked for again, once for a burst of alerts.
   */
  function showStreamAlert(alert) {
    if (!isValidAlert(alert)) return;
    if (state.alertItems.has(String(alert.alertId))) {
      upsertAlert(alert, { moveToTop: true, keepResolved: false });
    } else if (hasProfileFilter()) {
      scheduleFilteredReload();
    } else if (alertPassesOwnFilters(alert)) {
      upsertAlert(alert, { moveToTop: true, keepResolved: false });
    }
    scheduleCaseRefresh();
  }

  function scheduleFilteredReload() {
    if (state.filteredReloadTimer) return;
    state.filteredReloadTimer = setTimeout(function () {
      state.filteredReloadTimer = null;
      loadAlertSnapshot(false);
    }, FILTERED_RELOAD_MS);
  }

  // ---------------------------------------------------------------------------
  // Case list (/v1/cases with the filters): most recently active first, a page at a time.
  // ---------------------------------------------------------------------------

  function victimText(victim) {
    if (!victim || typeof victim !== 'object') return 'not registered yet';
    const parts = [label('sex', victim.sex), label('ageBand', victim.ageBand)];
    if (victim.returnedFromAbroad) parts.push('returned from abroad');
    return parts.filter(Boolean).join(', ');
  }

  function openAlertsText(summary) {
    const count = toNumber(summary.openAlertCount) || 0;
    if (count === 0) return 'none';
    return count + (summary.highestOpenSeverity ? ' (' + label('severity', summary.highestOpenSeverity).toLowerCase() + ')' : '');
  }

  function caseRow(summary) {
    const tr = make('tr', 'case');
    const country = String(summary.country || '');
    tr.dataset.caseId = String(summary.caseId || '');
    tr.dataset.country = country;
    tr.dataset.stage = String(summary.stage || '');
    tr.dataset.allegation = String(summary.allegation || '');
    tr.dataset.agency = String(summary.perpetratorAgency || '');
    tr.dataset.victimProfile = Array.isArray(summary.victimProfile) ? summary.victimProfile.join(' ') : '';
    tr.dataset.highestOpenSeverity = String(summary.highestOpenSeverity || '');
    const lastEvent = make('time', null, localDate(summary.lastEventAt, country));
    lastEvent.dateTime = localDate(summary.lastEventAt, country);
    const cells = [
      make('td', 'case-id', summary.caseId),
      make('td', 'country', countryName(country)),
      make('td', 'stage', label('stage', summary.stage)),
      make('td', 'allegation', label('allegation', summary.allegation) || 'not registered yet'),
      make('td', 'agency', label('agency', summary.perpetratorAgency) || 'not registered yet'),
      make('td', 'victim', victimText(summary.victim)),
      make('td', 'open-alerts', openAlertsText(summary)),
      make('td', 'last-event')
    ];
    cells[7].append(lastEvent);
    tr.append.apply(tr, cells);
    return tr;
  }

  async function loadCases(more) {
    const load = ++state.caseLoad;
    const cursor = more && state.caseCursor ? '&cursor=' + encodeURIComponent(state.caseCursor) : '';
    try {
      const body = await apiFetch(API.cases + '?limit=' + CASE_PAGE + filterQuery() + cursor);
      if (load !== state.caseLoad) return;
      const cases = body && Array.isArray(body.cases) ? body.cases : [];
      const fragment = document.createDocumentFragment();
      cases.forEach(function (summary) { fragment.append(caseRow(summary)); });
      if (!more) {
        el.caseList.textContent = '';
        state.casePages = 0;
      }
      el.caseList.append(fragment);
      state.casePages += 1;
      state.caseCursor = body && typeof body.nextCursor === 'string' ? body.nextCursor : null;
      updateCaseCount();
      clearError('cases');
    } catch (error) {
      handleApiError('cases', 'the case list', error);
    }
  }

  function updateCaseCount() {
    const shown = el.caseList.children.length;
    let text;
    if (shown === 0) text = hasAnyFilter() ? 'No cases match the filters.' : 'No cases yet.';
    else text = shown + (shown === 1 ? ' case' : ' cases') + (hasAnyFilter() ? ' matching the filters' : '') +
      ', most recently active first' + (state.caseCursor ? '; more below.' : '.');
    el.caseCount.textContent = text;
    el.moreCases.hidden = !state.caseCursor;
  }

  /** Live alerts change cases: refresh the first page, unless the coordinator is reading further pages. */
  function scheduleCaseRefresh() {
    if (state.caseRefreshTimer || state.casePages > 1) return;
    state.caseRefreshTimer = setTimeout(function () {
      state.caseRefreshTimer = null;
      if (state.casePages <= 1) loadCases(false);
    }, FILTERED_RELOAD_MS * 2);
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
    showStreamAlert(alert);
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

  /** A new EventSource loses Last-Event-ID, so re-read the first page to fill any gap. */
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
    loadAlertSnapshot(false);
  }

  // ---------------------------------------------------------------------------
  // Start-up and full reload (after a token is entered).
  // ---------------------------------------------------------------------------

  function reloadAll() {
    pollCountries();
    startAlerts();
    loadCases(false);
  }

  function bindElements() {
    el.countries = document.getElementById('countries');
    el.remediesHead = document.getElementById('remedies-head');
    el.remediesBody = document.getElementById('remedies-body');
    el.comparisonCharts = document.getElementById('comparison-charts');
    el.filters = document.getElementById('filters');
    el.feed = document.getElementById('alert-feed');
    el.moreAlerts = document.getElementById('more-alerts');
    el.caseList = document.getElementById('case-list');
    el.caseCount = document.getElementById('case-count');
    el.moreCases = document.getElementById('more-cases');
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
    buildRemediesTable();
    buildComparisonCharts();
    buildFilterOptions();
    readFilters(); // honour values the browser may have restored into the selects
    el.filters.addEventListener('change', onFilterChange);
    el.filters.addEventListener('reset', onFilterReset);
    el.filters.addEventListener('submit', function (event) { event.preventDefault(); });
    el.moreAlerts.addEventListener('click', function () { loadAlertSnapshot(true); });
    el.moreCases.addEventListener('click', function () { loadCases(true); });
    el.tokenForm.addEventListener('submit', onTokenSubmit);
    watchResize();
    if (!window.echarts) setError('echarts', 'Charts are unavailable: the charting library did not load.');
    reloadAll();
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
}());
