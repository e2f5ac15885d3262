import { api, ready } from './api.js';
import { initPage, show, say, messageFor, onSubmit } from './accounts.js';
import { language } from './i18n.js';

initPage();
await ready();

onSubmit('forgot-form', async (form) => {
  say('forgot-error', '');
  try {
    await api('POST', '/api/portal/v1/auth/password-reset', { email: form.email.value.trim(), language: language() });
    show('forgot-form', false);
    show('forgot-done');
  } catch (e) {
    say('forgot-error', messageFor(e));
  }
});
