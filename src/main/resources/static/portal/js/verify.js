import { api, ready } from './api.js';
import { initPage, show, say, linkToken, t } from './accounts.js';

initPage();
const token = linkToken();
await ready();
try {
  if (!token) throw new Error('no token');
  await api('POST', '/api/portal/v1/auth/verify-email', { token });
  show('verify-ok');
} catch (e) {
  say('verify-error', t('verify.bad'));
}
show('verify-working', false);
show('verify-signin');
