import { api, ready } from './api.js';
import { initPage, show, say, messageFor, linkToken, onSubmit, t } from './accounts.js';

initPage();
const token = linkToken();
await ready();
if (!token) {
  show('reset-form', false);
  say('reset-error', t('verify.bad'));
}

onSubmit('reset-form', async (form) => {
  say('reset-error', '');
  try {
    await api('POST', '/api/portal/v1/auth/password-reset/confirm', { token, password: form.password.value });
    show('reset-form', false);
    show('reset-done');
    show('reset-signin');
  } catch (e) {
    say('reset-error', e.status === 400 && e.problem.title === 'Invalid link' ? t('verify.bad') : messageFor(e));
  }
});
