import { api, ready, requireCustomer } from './api.js';
import { initPage, show, say, messageFor, onSubmit, t } from './accounts.js';

let customer;
let status;

function renderStatus() {
  document.getElementById('signed-in-as').textContent = t('security.signedInAs', { email: customer.email });
  const label = document.getElementById('tf-status');
  label.textContent = t(status.enabled ? 'security.on' : 'security.off');
  label.className = status.enabled ? 'status-on' : 'status-off';
  document.getElementById('tf-codes-left').textContent = status.enabled ? t('security.codesLeft', { count: status.recoveryCodesLeft }) : '';
  show('tf-on', status.enabled);
  show('tf-off', !status.enabled);
}

async function refresh() {
  status = await api('GET', '/api/portal/v1/auth/two-factor');
  renderStatus();
}

function showRecoveryCodes(codes) {
  document.getElementById('recovery-codes').replaceChildren(...codes.map((code) => {
    const item = document.createElement('li');
    item.textContent = code;
    return item;
  }));
  show('recovery');
}

initPage(() => renderStatus());
await ready();
customer = await requireCustomer();
await refresh();
show('security');

document.getElementById('signout').addEventListener('click', async () => {
  await api('POST', '/api/portal/v1/auth/sign-out').catch(() => {});
  location.assign('/portal/signin.html');
});

document.getElementById('enrol').addEventListener('click', async () => {
  say('tf-error', '');
  try {
    const enrolment = await api('POST', '/api/portal/v1/auth/two-factor/enrolment');
    document.getElementById('qr').src = enrolment.qrCode;
    document.getElementById('secret').textContent = enrolment.secret;
    document.getElementById('otpauth').href = enrolment.otpauthUri;
    show('enrol', false);
    show('enrolment');
    document.getElementById('enrol-code').focus();
  } catch (e) {
    say('tf-error', messageFor(e));
  }
});

onSubmit('confirm-form', async () => {
  say('tf-error', '');
  const input = document.getElementById('enrol-code');
  try {
    const answer = await api('POST', '/api/portal/v1/auth/two-factor/confirm', { code: input.value.trim() });
    show('enrolment', false);
    show('enrol');
    showRecoveryCodes(answer.recoveryCodes);
    await refresh();
  } catch (e) {
    say('tf-error', messageFor(e));
  }
  input.value = '';
});

onSubmit('disable-form', async () => {
  say('tf-error', '');
  try {
    await api('POST', '/api/portal/v1/auth/two-factor/disable', {
      password: document.getElementById('disable-password').value, code: document.getElementById('disable-code').value.trim(),
    });
    show('recovery', false);
    await refresh();
  } catch (e) {
    say('tf-error', messageFor(e));
  }
  document.getElementById('disable-password').value = '';
  document.getElementById('disable-code').value = '';
});

onSubmit('codes-form', async () => {
  say('tf-error', '');
  const input = document.getElementById('codes-code');
  try {
    const answer = await api('POST', '/api/portal/v1/auth/two-factor/recovery-codes', { code: input.value.trim() });
    showRecoveryCodes(answer.recoveryCodes);
    await refresh();
  } catch (e) {
    say('tf-error', messageFor(e));
  }
  input.value = '';
});

onSubmit('password-form', async () => {
  say('password-message', '');
  try {
    await api('POST', '/api/portal/v1/auth/password', {
      currentPassword: document.getElementById('current-password').value,
      newPassword: document.getElementById('new-password').value,
    });
    say('password-message', t('security.changed'), 'ok');
  } catch (e) {
    say('password-message', messageFor(e));
  }
  document.getElementById('current-password').value = '';
  document.getElementById('new-password').value = '';
});
