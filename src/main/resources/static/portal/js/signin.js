import { api, ready } from './api.js';
import { initPage, show, say, messageFor, nextPage, onSubmit, t } from './accounts.js';

const params = new URLSearchParams(location.search);
let providers = [];

function renderProviders() {
  const box = document.getElementById('providers');
  box.replaceChildren(...providers.map((p) => {
    const link = document.createElement('a');
    link.className = 'button secondary';
    link.href = p.signInUrl;
    link.dataset.provider = p.id;
    link.textContent = t('signin.with', { name: p.name });
    return link;
  }));
  show('providers-block', providers.length > 0);
}

function codeStep() {
  show('password-step', false);
  show('code-step');
  document.getElementById('code').focus();
}

initPage(renderProviders);
await ready();

const error = params.get('error');
if (error && /^[a-z_]+$/.test(error)) say('signin-error', t('signin.error.' + error));
if (params.get('step') === 'code') codeStep();

api('GET', '/api/portal/v1/auth/providers').then((list) => { providers = list || []; renderProviders(); }).catch(() => {});

onSubmit('signin-form', async (form) => {
  say('signin-error', '');
  try {
    const answer = await api('POST', '/api/portal/v1/auth/sign-in', {
      email: form.email.value.trim(), password: form.password.value,
    });
    if (answer && answer.secondFactorRequired) {
      codeStep();
    } else {
      location.assign(nextPage());
    }
  } catch (e) {
    say('signin-error', messageFor(e, { 401: 'signin.wrong', 403: 'signin.notVerified' }));
  }
});

onSubmit('code-form', async (form) => {
  say('code-error', '');
  try {
    await api('POST', '/api/portal/v1/auth/sign-in/second-factor', { code: form.code.value.trim() });
    location.assign(nextPage());
  } catch (e) {
    if (e.status === 401 && !(e.problem.detail || '').includes('code')) {
      show('code-step', false);
      show('password-step');
      say('signin-error', t('signin.restart'));
    } else {
      say('code-error', messageFor(e, { 401: 'signin.wrongCode' }));
    }
    form.code.value = '';
  }
});
