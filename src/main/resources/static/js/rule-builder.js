// The automation rule builder: plain DOM, no framework. Texts from the server are set with textContent only.
(function () {
  'use strict';

  const TRIGGERS = ['TICKET_CREATED', 'TICKET_UPDATED', 'STATUS_CHANGED', 'PRIORITY_CHANGED', 'MESSAGE_ADDED', 'ASSIGNED',
    'SLA_WARNING', 'SLA_BREACHED', 'STATUS_FOR', 'UNASSIGNED_FOR'];
  const TIME_BASED = ['STATUS_FOR', 'UNASSIGNED_FOR'];
  const FIELDS = ['subject', 'description', 'status', 'priority', 'category', 'channel', 'team', 'assignee', 'tags',
    'requester.email', 'requester.name', 'organization', 'businessHours', 'message.text', 'message.authorType', 'message.internal'];
  const OPERATORS = ['EQUALS', 'NOT_EQUALS', 'IN', 'NOT_IN', 'CONTAINS', 'NOT_CONTAINS', 'MATCHES', 'IS_EMPTY',
    'IS_NOT_EMPTY', 'GREATER_THAN', 'LESS_THAN'];
  // each action's parameters: [key, kind] with kind text | list (comma-separated) | an array of choices
  const ACTIONS = {
    ASSIGN_AGENT: [['agent', 'text']], ASSIGN_TEAM: [['team', 'text']], SET_STATUS: [['status', 'text']],
    SET_PRIORITY: [['priority', 'text']], SET_CATEGORY: [['category', 'text']], ADD_TAGS: [['tags', 'list']],
    REMOVE_TAGS: [['tags', 'list']], SET_CUSTOM_FIELD: [['key', 'text'], ['value', 'text']],
    ADD_INTERNAL_NOTE: [['text', 'text']], SEND_REPLY: [['template', 'text']], ESCALATE: [['reason', 'text']],
    SEND_AUTO_RESPONSE: [['response', ['outside_business_hours', 'escalation_notice']], ['language', ['en', 'fr']]],
    NOTIFY: [['recipients', 'list'], ['message', 'text']], WEBHOOK: [['url', 'text']], STOP_PROCESSING: []
  };
  // choices of the page that are an existing action with fixed parameters: a ready-made reply is a SEND_REPLY
  const SAVED_AS = { SEND_AUTO_RESPONSE: 'SEND_REPLY' };

  let authorization = null;
  const $ = (id) => document.getElementById(id);

  function element(tag, attributes, text) {
    const e = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([k, v]) => e.setAttribute(k, v));
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function select(options, cls) {
    const s = element('select', { class: cls });
    options.forEach((o) => s.appendChild(element('option', { value: o }, o)));
    return s;
  }

  async function api(method, path, body) {
    const response = await fetch(path, {
      method, headers: Object.assign({ Authorization: authorization }, body ? { 'Content-Type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async function loadRules() {
    const list = $('rules');
    list.replaceChildren();
    const response = await api('GET', '/api/v1/admin/automations');
    (response.body || []).forEach((r) => list.appendChild(element('li', { class: 'rule' },
      r.name + ' — ' + r.trigger + (r.enabled ? '' : ' (disabled)'))));
  }

  function addCondition() {
    const row = element('div', { class: 'row condition' });
    row.append(select(FIELDS, 'field'), select(OPERATORS, 'operator'),
      element('input', { class: 'values', placeholder: 'value (IN / NOT_IN: comma-separated)' }));
    const remove = element('button', { type: 'button' }, 'Remove');
    remove.addEventListener('click', () => row.remove());
    row.append(remove);
    $('conditions').appendChild(row);
  }

  function addAction() {
    const row = element('div', { class: 'row action' });
    const type = select(Object.keys(ACTIONS), 'type');
    const params = element('span', { class: 'params' });
    const renderParams = () => {
      params.replaceChildren();
      ACTIONS[type.value].forEach(([key, kind]) => {
        if (Array.isArray(kind)) {
          const choice = select(kind, 'choice');
          choice.setAttribute('data-key', key);
          choice.setAttribute('data-kind', 'choice');
          choice.setAttribute('aria-label', key);
          params.appendChild(choice);
        } else {
          params.appendChild(element('input',
            { 'data-key': key, 'data-kind': kind, placeholder: key + (kind === 'list' ? ' (comma-separated)' : '') }));
        }
      });
    };
    type.addEventListener('change', renderParams);
    renderParams();
    const remove = element('button', { type: 'button' }, 'Remove');
    remove.addEventListener('click', () => row.remove());
    row.append(type, params, remove);
    $('actions').appendChild(row);
  }

  const list = (text) => text.split(',').map((s) => s.trim()).filter((s) => s.length > 0);

  function rule() {
    const trigger = $('trigger').value;
    const conditions = [...document.querySelectorAll('.condition')].map((row) => {
      const operator = row.querySelector('.operator').value;
      const value = row.querySelector('.values').value;
      const values = operator === 'IS_EMPTY' || operator === 'IS_NOT_EMPTY' ? []
        : operator === 'IN' || operator === 'NOT_IN' ? list(value) : [value];
      return { field: row.querySelector('.field').value, operator, values };
    });
    const actions = [...document.querySelectorAll('.action')].map((row) => {
      const params = {};
      row.querySelectorAll('.params input, .params select').forEach((input) => {
        if (input.value !== '' || input.dataset.kind !== 'text') {
          params[input.dataset.key] = input.dataset.kind === 'list' ? list(input.value) : input.value;
        }
      });
      const type = row.querySelector('.type').value;
      return { type: SAVED_AS[type] || type, params };
    });
    const body = { name: $('name').value, trigger, match: $('match').value, conditions, actions };
    if (TIME_BASED.includes(trigger)) body.after = $('after').value;
    return body;
  }

  function showResult(ok, lines) {
    const result = $('result');
    result.className = ok ? 'ok' : 'error';
    result.replaceChildren();
    lines.forEach((line, i) => {
      if (i > 0) result.appendChild(element('br'));
      result.appendChild(document.createTextNode(line));
    });
  }

  async function save(event) {
    event.preventDefault();
    const response = await api('POST', '/api/v1/admin/automations', rule());
    if (response.status === 201) {
      showResult(true, ['Saved: ' + response.body.name + ' (rule ' + response.body.id + ')']);
      await loadRules();
    } else {
      const problem = response.body || {};
      showResult(false, [(problem.detail || problem.title || 'Not saved (' + response.status + ')')]
        .concat((problem.errors || []).map((e) => (e.field ? e.field + ': ' : '') + e.message)));
    }
  }

  async function signIn(event) {
    event.preventDefault();
    authorization = 'Basic ' + btoa(unescape(encodeURIComponent($('user').value + ':' + $('password').value)));
    const response = await api('GET', '/api/v1/admin/automations');
    if (response.status !== 200) {
      $('signin-error').textContent = response.status === 403 ? 'Administrators only.' : 'Wrong user or password.';
      authorization = null;
      return;
    }
    $('signin').hidden = true;
    $('builder').hidden = false;
    await loadRules();
  }

  TRIGGERS.forEach((t) => $('trigger').appendChild(element('option', { value: t }, t)));
  $('trigger').addEventListener('change', () => { $('after-label').hidden = !TIME_BASED.includes($('trigger').value); });
  $('signin').addEventListener('submit', signIn);
  $('rule').addEventListener('submit', save);
  $('add-condition').addEventListener('click', addCondition);
  $('add-action').addEventListener('click', addAction);
}());
