/*
 * casewatch: what the coordinators' inbox (/inbox) and case timeline (/cases/{caseId}) pages share.
 *
 * Plain ES2017, no build step. The token is the dashboard's (sessionStorage 'casewatchToken', or
 * ?token= once); every API call sends it as a bearer token. Data is inserted with textContent and
 * attributes only, never as HTML.
 */
'use strict';

window.Casework = (function () {
  const TOKEN_KEY = 'casewatchToken';
  const FETCH_TIMEOUT_MS = 10000;
  const ZONES = { KZ: 'Asia/Almaty', KG: 'Asia/Bishkek', TJ: 'Asia/Dushanbe', TM: 'Asia/Ashgabat', UZ: 'Asia/Tashkent' };
  const SEVERITY_RANK = { HIGH: 0, MEDIUM: 1, LOW: 2 };
  const ACTION_KINDS = ['URGENT_APPEAL_SENT', 'LAWYER_ASSIGNED', 'MEDICAL_EXAMINATION_REQUESTED', 'UN_REFERRAL',
    'FAMILY_CONTACTED', 'MONITORING_VISIT', 'OTHER_ACTION'];
  const CLOSE_REASONS = ['HANDLED', 'NO_ACTION_POSSIBLE', 'DUPLICATE', 'FALSE_ALARM'];

  let token = null;

  /** Thrown when the service answers 401: the page asks for a token. */
  class AuthRequired extends Error {}

  /** An answer other than 2xx, with the service's message. */
  class ApiError extends Error {
    constructor(status, message) {
      super(message || ('HTTP ' + status));
      this.status = status;
    }
  }

  function make(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  /** A code as words: URGENT_APPEAL_SENT -> 'urgent appeal sent'. */
  function words(code) {
    return typeof code === 'string' ? code.toLowerCase().split('_').join(' ') : '';
  }

  /** The local calendar date (YYYY-MM-DD) of an instant in the country's zone, as casewatch counts days. */
  function localDate(value, country) {
    const date = new Date(value);
    if (typeof value !== 'string' || Number.isNaN(date.getTime())) return '';
    const parts = {};
    new Intl.DateTimeFormat('en-CA', { timeZone: ZONES[country], year: 'numeric', month: '2-digit', day: '2-digit' })
      .formatToParts(date).forEach(function (part) { parts[part.type] = part.value; });
    return parts.year + '-' + parts.month + '-' + parts.day;
  }

  /** An instant with its time, in UTC: when a coordinator acted. */
  function moment(value) {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  }

  /** How long since {@code value}: '3 years', '12 days', '5 hours', 'minutes'. */
  function waited(value, now) {
    const ms = now - new Date(value).getTime();
    const days = Math.floor(ms / 86400000);
    if (days >= 730) return Math.floor(days / 365) + ' years';
    if (days >= 2) return days + ' days';
    const hours = Math.floor(ms / 3600000);
    return hours >= 2 ? hours + ' hours' : 'minutes';
  }

  function initToken() {
    const params = new URLSearchParams(window.location.search);
    const fromUrl = params.get('token');
    if (fromUrl) {
      storeToken(fromUrl);
      params.delete('token');
      const query = params.toString();
      window.history.replaceState(null, '', window.location.pathname + (query ? '?' + query : ''));
      return;
    }
    try {
      token = window.sessionStorage.getItem(TOKEN_KEY);
    } catch (e) {
      token = null;
    }
  }

  function storeToken(value) {
    token = value || null;
    try {
      window.sessionStorage.setItem(TOKEN_KEY, token);
    } catch (e) {
      // Storage blocked: the token lives in this page only.
    }
  }

  /** Calls the API; JSON in and out, the token as a bearer token. */
  async function api(path, method, body) {
    const headers = { Accept: 'application/json' };
    if (token) headers.Authorization = 'Bearer ' + token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, FETCH_TIMEOUT_MS);
    try {
      const response = await fetch(path, {
        method: method || 'GET', headers: headers, cache: 'no-store', credentials: 'same-origin',
        body: body === undefined ? undefined : JSON.stringify(body), signal: controller.signal
      });
      if (response.status === 401) throw new AuthRequired();
      const text = await response.text();
      const json = text ? JSON.parse(text) : null;
      if (!response.ok) throw new ApiError(response.status, json && json.message);
      return json;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Wires the page's token form (#token-form, #token-input) and error line (#error); {@code load}
   * runs at once and again after a token is given.
   */
  function start(load) {
    initToken();
    const form = document.getElementById('token-form');
    const input = document.getElementById('token-input');
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (!input.value.trim()) return;
      storeToken(input.value.trim());
      input.value = '';
      form.hidden = true;
      run();
    });
    async function run() {
      try {
        await load();
        showError('');
      } catch (e) {
        if (e instanceof AuthRequired) {
          showError('A coordinator token is required (or the one given was not accepted).');
          form.hidden = false;
          input.focus();
        } else {
          showError('Could not load (' + (e.name === 'AbortError' ? 'timed out' : e.message) + ').');
        }
      }
    }
    run();
    return run;
  }

  function showError(message) {
    const line = document.getElementById('error');
    line.textContent = message;
    line.hidden = message === '';
  }

  /** Posts an action on an alert; resolves to the service's answer, or rejects with what was wrong. */
  function act(alert, fields) {
    return api('/v1/alerts/' + encodeURIComponent(alert.alertId) + '/actions', 'POST',
      Object.assign({ caseId: alert.caseId }, fields));
  }

  /**
   * A small form to act on {@code alert}: a type, the field that goes with it, and a button;
   * {@code done} runs after the service took it.
   */
  /**
   * An alert's list item, with its data attributes (alertId, severity, triage state) and the start
   * of its head (severity badge, rule); the page adds the rest of the head and the item's body.
   */
  function alertItem(alert, className) {
    const state = alert.triage ? alert.triage.state : 'NEW';
    const li = make('li', className);
    li.dataset.alertId = alert.alertId;
    li.dataset.severity = alert.severity;
    li.dataset.triage = state;
    const head = make('div', 'alert-head');
    head.appendChild(make('span', 'badge', words(alert.severity)));
    head.appendChild(make('span', 'rule', words(alert.rule)));
    li.appendChild(head);
    return { li: li, head: head, state: state };
  }

  function actionForm(alert, done) {
    const form = make('form', 'action-form');
    form.setAttribute('aria-label', 'Act on alert ' + alert.alertId);
    const type = make('select', 'action-type');
    type.setAttribute('aria-label', 'Action');
    const state = alert.triage ? alert.triage.state : 'NEW';
    const types = state === 'CLOSED' ? ['REOPENED'] : ['ACKNOWLEDGED', 'ASSIGNED', 'ACTION_TAKEN', 'CLOSED'];
    types.filter(function (t) { return !(t === 'ACKNOWLEDGED' && state !== 'NEW'); }).forEach(function (t) {
      const option = make('option', null, words(t));
      option.value = t;
      type.appendChild(option);
    });
    const detail = make('span', 'action-detail');
    const message = make('span', 'action-message');
    message.setAttribute('role', 'status');
    function showDetail() {
      detail.textContent = '';
      let field = null;
      if (type.value === 'ASSIGNED') {
        field = make('input', 'action-to');
        field.name = 'to';
        field.placeholder = 'coordinator id';
        field.required = true;
      } else if (type.value === 'ACTION_TAKEN' || type.value === 'CLOSED') {
        field = make('select', type.value === 'CLOSED' ? 'action-reason' : 'action-kind');
        field.name = type.value === 'CLOSED' ? 'reason' : 'kind';
        (type.value === 'CLOSED' ? CLOSE_REASONS : ACTION_KINDS).forEach(function (code) {
          const option = make('option', null, words(code));
          option.value = code;
          field.appendChild(option);
        });
      }
      if (field) {
        field.setAttribute('aria-label', field.name);
        detail.appendChild(field);
      }
    }
    type.addEventListener('change', showDetail);
    showDetail();
    const button = make('button', 'action-submit', 'Record');
    button.type = 'submit';
    form.append(type, detail, button, message);
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      const fields = { type: type.value };
      const input = detail.querySelector('input, select');
      if (input) fields[input.name] = input.value;
      button.disabled = true;
      try {
        await act(alert, fields);
        message.textContent = 'Recorded.';
        done();
      } catch (e) {
        message.textContent = e instanceof AuthRequired ? 'A token with the triage permission is needed.'
          : e.message;
        button.disabled = false;
      }
    });
    return form;
  }

  return {
    make: make, words: words, localDate: localDate, moment: moment, waited: waited, api: api, start: start,
    act: act, alertItem: alertItem, actionForm: actionForm, SEVERITY_RANK: SEVERITY_RANK
  };
})();
