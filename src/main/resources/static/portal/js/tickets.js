// My tickets (index.html): filters, search, and "show more" pages with the API's opaque cursor.
import { api } from './api.js';
import { register, t } from './i18n.js';
import { el, formatTime, showError, startPage, statusLabel } from './portal-header.js';

register({
  en: {
    'tickets.title': 'My tickets', 'tickets.status': 'Status', 'tickets.open': 'Open', 'tickets.closed': 'Closed',
    'tickets.all': 'All', 'tickets.search': 'Search', 'tickets.searchPlaceholder': 'Number or words of the subject',
    'tickets.apply': 'Search', 'tickets.number': 'Number', 'tickets.subject': 'Subject', 'tickets.updated': 'Last activity',
    'tickets.empty': 'No tickets here.', 'tickets.more': 'Show more', 'tickets.colleague': 'Requested by {name}',
  },
  fr: {
    'tickets.title': 'Mes demandes', 'tickets.status': 'Statut', 'tickets.open': 'Ouvertes', 'tickets.closed': 'Fermées',
    'tickets.all': 'Toutes', 'tickets.search': 'Rechercher', 'tickets.searchPlaceholder': 'Numéro ou mots du sujet',
    'tickets.apply': 'Rechercher', 'tickets.number': 'Numéro', 'tickets.subject': 'Sujet', 'tickets.updated': 'Dernière activité',
    'tickets.empty': 'Aucune demande ici.', 'tickets.more': 'Afficher plus', 'tickets.colleague': 'Demandée par {name}',
  },
});

const rows = document.getElementById('rows');
const more = document.getElementById('more');
const empty = document.getElementById('empty');
const error = document.getElementById('error');
let cursor = null;

function row(ticket) {
  const link = el('a', { href: '/portal/ticket.html?number=' + encodeURIComponent(ticket.number), text: ticket.number });
  const subject = el('td', {}, el('span', { text: ticket.subject }));
  if (!ticket.mine) subject.append(el('div', { className: 'muted small', text: t('tickets.colleague', { name: ticket.requesterName }) }));
  return el('tr', { 'data-number': ticket.number },
    el('td', {}, link), subject,
    el('td', {}, el('span', { className: 'status status-' + ticket.status.toLowerCase(), text: statusLabel(ticket.status) })),
    el('td', { text: formatTime(ticket.lastActivityAt) }));
}

async function load(reset) {
  const params = new URLSearchParams();
  params.set('status', document.getElementById('status').value);
  const q = document.getElementById('q').value.trim();
  if (q) params.set('q', q);
  if (!reset && cursor) params.set('cursor', cursor);
  try {
    const page = await api('GET', '/api/portal/v1/tickets?' + params);
    if (reset) rows.replaceChildren();
    page.tickets.forEach((ticket) => rows.append(row(ticket)));
    cursor = page.nextCursor;
    more.hidden = !cursor;
    empty.hidden = rows.children.length > 0;
    error.hidden = true;
  } catch (e) {
    showError(error, e);
  }
}

await startPage({ page: 'index' });
document.getElementById('filters').addEventListener('submit', (event) => { event.preventDefault(); load(true); });
document.getElementById('status').addEventListener('change', () => load(true));
more.addEventListener('click', () => load(false));
await load(true);
document.body.dataset.ready = 'true';
