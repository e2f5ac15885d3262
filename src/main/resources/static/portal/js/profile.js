// My profile (profile.html): name and preferred language (which also becomes this browser's portal language).
import { api } from './api.js';
import { register, setLanguage, t } from './i18n.js';
import { showError, startPage } from './portal-header.js';

register({
  en: { 'profile.title': 'Profile', 'profile.email': 'Email', 'profile.organization': 'Organization', 'profile.name': 'Name',
    'profile.language': 'Preferred language', 'profile.save': 'Save', 'profile.saved': 'Saved.' },
  fr: { 'profile.title': 'Profil', 'profile.email': 'E-mail', 'profile.organization': 'Organisation', 'profile.name': 'Nom',
    'profile.language': 'Langue préférée', 'profile.save': 'Enregistrer', 'profile.saved': 'Enregistré.' },
});

const result = document.getElementById('result');

function fill(profile) {
  document.getElementById('email').textContent = profile.email;
  document.getElementById('name').value = profile.name;
  document.getElementById('organization').textContent = profile.organization || '';
  document.getElementById('organization-line').hidden = !profile.organization;
  if (profile.preferredLanguage) document.getElementById('preferred-language').value = profile.preferredLanguage;
}

await startPage({ page: 'profile' });
try {
  fill(await api('GET', '/api/portal/v1/profile'));
} catch (e) {
  showError(result, e);
}
document.getElementById('profile').addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    const lang = document.getElementById('preferred-language').value;
    const before = document.documentElement.lang;
    fill(await api('PATCH', '/api/portal/v1/profile', { name: document.getElementById('name').value, preferredLanguage: lang }));
    setLanguage(lang);
    if (lang !== before) {
      location.reload();
      return;
    }
    result.hidden = false;
    result.className = 'ok';
    result.textContent = t('profile.saved');
  } catch (e) {
    showError(result, e);
  }
});
document.body.dataset.ready = 'true';
