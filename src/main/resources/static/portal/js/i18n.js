// English and French for the portal. Each page's script registers its strings:
//   register({ en: { 'tickets.title': 'My tickets' }, fr: { 'tickets.title': 'Mes demandes' } });
// Elements with data-i18n="key" get the text; data-i18n-placeholder / data-i18n-aria-label set those attributes.
// The language is the customer's choice (localStorage 'portal.lang'), else the browser's, else English.

const dictionaries = { en: {}, fr: {} };

export const LANGUAGES = ['en', 'fr'];

export function language() {
  const chosen = localStorage.getItem('portal.lang');
  if (LANGUAGES.includes(chosen)) return chosen;
  const browser = (navigator.language || 'en').slice(0, 2).toLowerCase();
  return LANGUAGES.includes(browser) ? browser : 'en';
}

export function setLanguage(lang) {
  if (LANGUAGES.includes(lang)) localStorage.setItem('portal.lang', lang);
}

export function register(strings) {
  for (const lang of LANGUAGES) Object.assign(dictionaries[lang], strings[lang] || {});
}

/** The text for a key, with {name} placeholders filled (as text: callers put it in textContent, never innerHTML). */
export function t(key, values = {}) {
  const text = dictionaries[language()][key] ?? dictionaries.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
}

export function translate(root = document) {
  document.documentElement.lang = language();
  root.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  root.querySelectorAll('[data-i18n-placeholder]').forEach((el) => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  root.querySelectorAll('[data-i18n-aria-label]').forEach((el) => { el.setAttribute('aria-label', t(el.dataset.i18nAriaLabel)); });
}
