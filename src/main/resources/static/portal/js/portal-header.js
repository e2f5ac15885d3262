// The portal pages' common header: the tenant's name and colours (GET /api/portal/v1/branding), navigation,
// the language switch (English / French) and sign-out. Every page script starts with startPage().
// Everything is built with DOM APIs and textContent; no data ever goes through innerHTML.
import { api, currentCustomer, ready, requireCustomer } from './api.js';
import { LANGUAGES, language, register, setLanguage, t, translate } from './i18n.js';

register({
  en: {
    'nav.tickets': 'My tickets', 'nav.new': 'New ticket', 'nav.kb': 'Help centre', 'nav.profile': 'Profile',
    'nav.signout': 'Sign out', 'nav.signin': 'Sign in', 'nav.language': 'Language', 'nav.menu': 'Portal navigation',
    'status.NEW': 'New', 'status.OPEN': 'Open', 'status.IN_PROGRESS': 'In progress',
    'status.WAITING_ON_CUSTOMER': 'Waiting for your reply', 'status.WAITING_ON_THIRD_PARTY': 'Waiting on a third party',
    'status.RESOLVED': 'Resolved', 'status.CLOSED': 'Closed', 'status.CANCELLED': 'Cancelled',
    'common.error': 'Something went wrong: {message}', 'common.loading': 'Loading…',
  },
  fr: {
    'nav.tickets': 'Mes demandes', 'nav.new': 'Nouvelle demande', 'nav.kb': 'Centre d’aide', 'nav.profile': 'Profil',
    'nav.signout': 'Se déconnecter', 'nav.signin': 'Se connecter', 'nav.language': 'Langue', 'nav.menu': 'Navigation du portail',
    'status.NEW': 'Nouvelle', 'status.OPEN': 'Ouverte', 'status.IN_PROGRESS': 'En cours',
    'status.WAITING_ON_CUSTOMER': 'En attente de votre réponse', 'status.WAITING_ON_THIRD_PARTY': 'En attente d’un tiers',
    'status.RESOLVED': 'Résolue', 'status.CLOSED': 'Fermée', 'status.CANCELLED': 'Annulée',
    'common.error': 'Une erreur est survenue : {message}', 'common.loading': 'Chargement…',
  },
});

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A new element with attributes (set as properties or attributes, never as HTML) and children (nodes or text). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'className') node.className = value;
    else if (name.startsWith('data-') || name.startsWith('aria-') || name === 'for' || name === 'role') node.setAttribute(name, value);
    else node[name] = value;
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function formatTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(language() === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

export function statusLabel(status) {
  return t('status.' + status);
}

export function formatSize(bytes) {
  if (bytes < 1024) return bytes + ' B';
  if (bytes < 1024 * 1024) return (bytes / 1024).toFixed(1) + ' KB';
  return (bytes / 1024 / 1024).toFixed(1) + ' MB';
}

const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Escaped text back to text (the few entities the server's escaping produces, and numeric ones). */
function unescapeText(text) {
  return text.replace(/&(?:amp|lt|gt|quot|#39);|&#(\d{1,7});|&#x([0-9a-fA-F]{1,6});/g, (entity, dec, hex) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ENTITIES[entity];
  });
}

/**
 * A help-centre search snippet (HTML-escaped text with <mark> around the matched words) as DOM: text nodes
 * and <mark> elements. Nothing in it is ever parsed as HTML.
 */
export function snippet(html) {
  const container = el('p', { className: 'muted snippet' });
  let marked = false;
  for (const part of String(html).split(/(<mark>|<\/mark>)/)) {
    if (part === '<mark>') { marked = true; continue; }
    if (part === '</mark>') { marked = false; continue; }
    const text = unescapeText(part);
    container.append(marked ? el('mark', { text }) : text);
  }
  return container;
}

/** Shows an API error in an element (its problem detail, as text). */
export function showError(target, error) {
  target.hidden = false;
  target.className = 'error';
  const detail = error && error.problem && error.problem.errors && error.problem.errors.length
    ? error.problem.errors.map((e) => `${e.field}: ${e.message}`).join('; ')
    : (error && error.message) || String(error);
  target.textContent = t('common.error', { message: detail });
}

function applyBranding(branding) {
  if (!branding) return;
  // CSSOM custom properties (allowed by the strict CSP, unlike style attributes); only validated colours
  if (HEX.test(branding.primaryColor)) document.documentElement.style.setProperty('--brand', branding.primaryColor);
  if (HEX.test(branding.textColor)) document.documentElement.style.setProperty('--brand-text', branding.textColor);
}

function renderHeader(branding, customer, current) {
  const header = document.getElementById('portal-header');
  header.className = 'portal';
  const name = (branding && branding.name) || 'SupportFlow';
  const links = customer
    ? [['index', '/portal/', 'nav.tickets'], ['new', '/portal/new.html', 'nav.new'], ['kb', '/portal/kb.html', 'nav.kb'],
      ['profile', '/portal/profile.html', 'nav.profile']]
    : [['kb', '/portal/kb.html', 'nav.kb']];
  const nav = el('nav', { className: 'nav', 'aria-label': t('nav.menu') },
    links.map(([page, href, key]) => el('a', { href, text: t(key), 'aria-current': page === current ? 'page' : null })));
  const select = el('select', { id: 'language', className: 'language', 'aria-label': t('nav.language') },
    LANGUAGES.map((lang) => el('option', { value: lang, text: lang === 'fr' ? 'Français' : 'English', selected: lang === language() })));
  select.addEventListener('change', async () => {
    setLanguage(select.value);
    if (customer) {
      await api('PATCH', '/api/portal/v1/profile', { preferredLanguage: select.value }).catch(() => {});
    }
    location.reload();
  });
  let account;
  if (customer) {
    account = el('button', { type: 'button', id: 'sign-out', className: 'secondary', text: t('nav.signout') });
    account.addEventListener('click', async () => {
      await api('POST', '/api/portal/v1/auth/sign-out').catch(() => {});
      location.assign('/portal/signin.html');
    });
  } else {
    account = el('a', { href: '/portal/signin.html?next=' + encodeURIComponent(location.pathname + location.search), text: t('nav.signin') });
  }
  const bar = el('div', { className: 'bar' },
    el('a', { className: 'brand', href: customer ? '/portal/' : '/portal/kb.html', text: name }), nav, select, account);
  header.replaceChildren(bar);
  if (branding && branding.name) document.title = document.title ? `${document.title} · ${name}` : name;
}

/**
 * Starts a page: branding, the customer (sign-in first when the page needs one), their preferred language,
 * the header, and the page's static texts. Resolves to the customer (or null on public pages).
 */
export async function startPage({ page, needsCustomer = true } = {}) {
  const branding = await api('GET', '/api/portal/v1/branding').catch(() => null);
  applyBranding(branding);
  const customer = needsCustomer ? await requireCustomer() : await currentCustomer();
  if (customer && !localStorage.getItem('portal.lang')) {
    const profile = await api('GET', '/api/portal/v1/profile').catch(() => null);
    if (profile && profile.preferredLanguage) setLanguage(profile.preferredLanguage);
  }
  renderHeader(branding, customer, page);
  translate();
  await ready();
  return customer;
}
