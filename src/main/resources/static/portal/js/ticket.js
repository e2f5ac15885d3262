// One ticket (ticket.html?number=…): its public conversation, attachments as downloads, and the reply form.
import { api } from './api.js';
import { register, t } from './i18n.js';
import { el, formatSize, formatTime, showError, startPage, statusLabel } from './portal-header.js';

register({
  en: {
    'ticket.title': 'Ticket', 'ticket.back': '← My tickets', 'ticket.opened': 'Opened', 'ticket.activity': 'Last activity',
    'ticket.conversation': 'Conversation', 'ticket.reply': 'Reply', 'ticket.message': 'Your message',
    'ticket.attach': 'Attach files', 'ticket.send': 'Send reply', 'ticket.sent': 'Your reply was sent.',
    'ticket.closedNote': 'This ticket is closed. Open a new ticket if you need more help.',
    'ticket.created': 'Your ticket was created. We will answer here and by email.', 'ticket.you': 'You',
    'ticket.support': 'Support', 'ticket.attachments': 'Attachments', 'ticket.category': 'Category',
  },
  fr: {
    'ticket.title': 'Demande', 'ticket.back': '← Mes demandes', 'ticket.opened': 'Ouverte le', 'ticket.activity': 'Dernière activité',
    'ticket.conversation': 'Conversation', 'ticket.reply': 'Répondre', 'ticket.message': 'Votre message',
    'ticket.attach': 'Joindre des fichiers', 'ticket.send': 'Envoyer la réponse', 'ticket.sent': 'Votre réponse a été envoyée.',
    'ticket.closedNote': 'Cette demande est fermée. Ouvrez une nouvelle demande si vous avez encore besoin d’aide.',
    'ticket.created': 'Votre demande a été créée. Nous vous répondrons ici et par e-mail.', 'ticket.you': 'Vous',
    'ticket.support': 'Support', 'ticket.attachments': 'Pièces jointes', 'ticket.category': 'Catégorie',
  },
});

const params = new URLSearchParams(location.search);
const number = params.get('number') || '';
const error = document.getElementById('error');
const path = '/api/portal/v1/tickets/' + encodeURIComponent(number);

function message(m, customer) {
  const mine = m.authorType === 'CUSTOMER';
  const author = m.fromMe ? t('ticket.you') : m.authorName || t('ticket.support');
  const item = el('li', { className: 'message card ' + (mine ? 'from-customer' : 'from-support'), 'data-message': m.id },
    el('div', { className: 'message-head' }, el('strong', { text: author }), el('span', { className: 'muted', text: formatTime(m.at) })),
    // the plain-text twin of the message, shown as text (pre-wrap keeps its paragraphs)
    el('div', { className: 'message-body', text: m.text }));
  if (m.attachments.length) {
    item.append(el('ul', { className: 'attachments', 'aria-label': t('ticket.attachments') },
      m.attachments.map((a) => el('li', {},
        el('a', { href: path + '/attachments/' + a.id, download: a.fileName, text: a.fileName }),
        el('span', { className: 'muted', text: ' (' + formatSize(a.size) + ')' })))));
  }
  return item;
}

function render(ticket, customer) {
  document.getElementById('ticket').hidden = false;
  document.getElementById('subject').textContent = ticket.subject;
  document.getElementById('number').textContent = ticket.number;
  const status = document.getElementById('status');
  status.textContent = statusLabel(ticket.status);
  status.className = 'status status-' + ticket.status.toLowerCase();
  document.getElementById('opened').textContent = formatTime(ticket.createdAt);
  document.getElementById('activity').textContent = formatTime(ticket.lastActivityAt);
  const fields = document.getElementById('fields');
  const entries = [[t('ticket.category'), ticket.category], ...Object.entries(ticket.customFields || {})];
  fields.replaceChildren(...entries.flatMap(([key, value]) => [el('dt', { text: key }), el('dd', { text: String(value) })]));
  fields.hidden = false;
  document.getElementById('messages').replaceChildren(...ticket.messages.map((m) => message(m, customer)));
  document.getElementById('reply').hidden = !ticket.canReply;
  document.getElementById('closed').hidden = ticket.canReply;
  document.title = ticket.number + ' · ' + ticket.subject;
}

const customer = await startPage({ page: 'ticket' });
document.getElementById('created').hidden = params.get('created') !== '1';
try {
  render(await api('GET', path), customer);
} catch (e) {
  showError(error, e);
}

document.getElementById('reply').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const result = document.getElementById('reply-result');
  const send = document.getElementById('send');
  send.disabled = true;
  try {
    const data = new FormData();
    data.append('body', document.getElementById('body').value);
    for (const file of document.getElementById('files').files) data.append('attachments', file);
    render(await api('POST', path + '/messages', data), customer);
    form.reset();
    result.hidden = false;
    result.className = 'ok';
    result.textContent = t('ticket.sent');
  } catch (e) {
    showError(result, e);
  } finally {
    send.disabled = false;
  }
});
document.body.dataset.ready = 'true';
