// A new ticket (new.html). While the customer types the subject and description, matching help-centre articles
// are suggested (debounced KB searches); "This solved my problem" records a deflection and creates no ticket.
// A ticket created after suggestions were shown carries their slugs, so the deflection rate counts it too.
import { api } from './api.js';
import { language, register, t } from './i18n.js';
import { el, snippet, showError, startPage } from './portal-header.js';

register({
  en: {
    'new.title': 'New ticket', 'new.subject': 'Subject', 'new.description': 'Describe your problem', 'new.category': 'Category',
    'new.attach': 'Attach files', 'new.create': 'Create ticket', 'new.suggestions': 'These articles may help',
    'new.read': 'Read the article', 'new.solvedIt': 'This solved my problem', 'new.solvedTitle': 'Glad it helped!',
    'new.solvedText': 'No ticket was created. You can always come back if you need us.', 'new.yes': 'Yes', 'new.no': 'No',
  },
  fr: {
    'new.title': 'Nouvelle demande', 'new.subject': 'Sujet', 'new.description': 'Décrivez votre problème', 'new.category': 'Catégorie',
    'new.attach': 'Joindre des fichiers', 'new.create': 'Créer la demande', 'new.suggestions': 'Ces articles peuvent vous aider',
    'new.read': 'Lire l’article', 'new.solvedIt': 'Cela a résolu mon problème', 'new.solvedTitle': 'Tant mieux !',
    'new.solvedText': 'Aucune demande n’a été créée. Revenez quand vous voulez si vous avez besoin de nous.', 'new.yes': 'Oui', 'new.no': 'Non',
  },
});

const DEBOUNCE_MS = 350;
const subject = document.getElementById('subject');
const description = document.getElementById('description');
const error = document.getElementById('error');
const shown = new Set(); // slugs of every article suggested on this page
let timer = null;
let latest = 0;

/** The words worth searching for, OR-ed (websearch syntax), so that a long sentence still finds partial matches. */
function searchQuery() {
  const words = (subject.value + ' ' + description.value.slice(0, 300)).toLowerCase()
    .split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 3);
  return [...new Set(words)].slice(0, 8).join(' or ');
}

function typedQuery() {
  return (subject.value.trim() || description.value.trim()).slice(0, 500);
}


function suggestion(hit) {
  const solved = el('button', { type: 'button', className: 'secondary solved', text: t('new.solvedIt'), 'data-slug': hit.slug });
  solved.addEventListener('click', async () => {
    try {
      await api('POST', '/api/portal/v1/deflections', { articleSlug: hit.slug, query: typedQuery() });
      document.getElementById('new-ticket').hidden = true;
      document.getElementById('suggestions').hidden = true;
      document.getElementById('solved').hidden = false;
    } catch (e) {
      showError(error, e);
    }
  });
  return el('li', { className: 'suggestion', 'data-slug': hit.slug },
    el('a', { href: '/portal/kb.html?slug=' + encodeURIComponent(hit.slug), target: '_blank', rel: 'noopener', text: hit.title }),
    snippet(hit.snippet || ''), solved);
}

async function suggest() {
  const q = searchQuery();
  const request = ++latest;
  if (!q) {
    document.getElementById('suggestions').hidden = true;
    return;
  }
  try {
    const hits = await api('GET', '/api/portal/v1/kb/search?limit=5&q=' + encodeURIComponent(q.slice(0, 200)));
    if (request !== latest) return; // an older answer arriving late
    hits.forEach((hit) => shown.add(hit.slug));
    document.getElementById('suggestion-list').replaceChildren(...hits.map(suggestion));
    document.getElementById('suggestions').hidden = hits.length === 0;
  } catch (e) {
    // suggestions are a help, never a blocker
  }
}

function scheduleSuggestions() {
  clearTimeout(timer);
  timer = setTimeout(suggest, DEBOUNCE_MS);
}

function customField(field) {
  const id = 'cf-' + field.key;
  let input;
  if (field.type === 'SELECT') {
    input = el('select', { id, 'data-key': field.key, 'data-type': field.type, required: field.required },
      field.required ? null : el('option', { value: '', text: '' }), field.options.map((o) => el('option', { value: o, text: o })));
  } else if (field.type === 'BOOLEAN') {
    input = el('select', { id, 'data-key': field.key, 'data-type': field.type, required: field.required },
      field.required ? null : el('option', { value: '', text: '' }),
      el('option', { value: 'true', text: t('new.yes') }), el('option', { value: 'false', text: t('new.no') }));
  } else {
    input = el('input', { id, 'data-key': field.key, 'data-type': field.type, required: field.required,
      type: field.type === 'NUMBER' ? 'number' : field.type === 'DATE' ? 'date' : 'text', maxLength: 1000 });
  }
  return el('div', {}, el('label', { for: id, text: field.label + (field.required ? ' *' : '') }), input);
}

function customFieldValues() {
  const values = {};
  document.querySelectorAll('#custom-fields [data-key]').forEach((input) => {
    if (input.value === '') return;
    const type = input.dataset.type;
    values[input.dataset.key] = type === 'NUMBER' ? Number(input.value) : type === 'BOOLEAN' ? input.value === 'true' : input.value;
  });
  return values;
}

await startPage({ page: 'new' });
try {
  const form = await api('GET', '/api/portal/v1/tickets/form');
  document.getElementById('category').replaceChildren(...form.categories.map((c) => el('option', { value: c.code, text: c.name })));
  document.getElementById('custom-fields').replaceChildren(...form.customFields.map(customField));
} catch (e) {
  showError(error, e);
}
subject.addEventListener('input', scheduleSuggestions);
description.addEventListener('input', scheduleSuggestions);

document.getElementById('new-ticket').addEventListener('submit', async (event) => {
  event.preventDefault();
  const create = document.getElementById('create');
  create.disabled = true;
  try {
    const data = new FormData();
    data.append('subject', subject.value);
    data.append('description', description.value);
    data.append('category', document.getElementById('category').value);
    data.append('language', language()); // the ticket (and its mails) in the language the customer reads the portal in
    const custom = customFieldValues();
    if (Object.keys(custom).length) data.append('customFields', JSON.stringify(custom));
    if (shown.size) {
      data.append('suggestedArticles', JSON.stringify([...shown].slice(0, 10)));
      data.append('suggestionQuery', typedQuery());
    }
    for (const file of document.getElementById('files').files) data.append('attachments', file);
    const ticket = await api('POST', '/api/portal/v1/tickets', data);
    location.assign('/portal/ticket.html?created=1&number=' + encodeURIComponent(ticket.number));
  } catch (e) {
    showError(error, e);
    create.disabled = false;
  }
});
document.documentElement.lang = language();
document.body.dataset.ready = 'true';
