import { api, ready } from './api.js';
import { initPage, show, say, messageFor, onSubmit } from './accounts.js';
import { language } from './i18n.js';

initPage();
await ready();

onSubmit('signup-form', async (form) => {
  say('signup-error', '');
  try {
    await api('POST', '/api/portal/v1/auth/sign-up', {
      name: form.name.value.trim(), email: form.email.value.trim(), password: form.password.value, language: language(),
    });
    show('signup-form', false);
    show('signup-done');
  } catch (e) {
    say('signup-error', messageFor(e));
  }
});
