// The help centre (kb.html): public full-text search and one article (kb.html?slug=…). No account needed.
import { api } from './api.js';
import { language, register, t } from './i18n.js';
import { el, snippet, formatTime, showError, startPage } from './portal-header.js';

register({
  en: {
    'kb.title': 'Help centre', 'kb.search': 'Search the help centre', 'kb.placeholder': 'e.g. reset my password', 'kb.go': 'Search',
    'kb.results': 'Results', 'kb.none': 'No article matches these words.', 'kb.updated': 'Updated',
    'kb.stillNeed': 'Still need help? Open a ticket',
  },
  fr: {
    'kb.title': 'Centre d’aide', 'kb.search': 'Rechercher dans le centre d’aide', 'kb.placeholder': 'p. ex. réinitialiser mon mot de passe',
    'kb.go': 'Rechercher', 'kb.results': 'Résultats', 'kb.none': 'Aucun article ne correspond à ces mots.', 'kb.updated': 'Mis à jour le',
    'kb.stillNeed': 'Besoin d’aide ? Ouvrez une demande',
  },
});

const error = document.getElementById('error');


async function search(q) {
  try {
    const hits = await api('GET', '/api/portal/v1/kb/search?q=' + encodeURIComponent(q));
    document.getElementById('results').hidden = false;
    document.getElementById('hits').replaceChildren(...hits.map((hit) => el('li', { className: 'card', 'data-slug': hit.slug },
      el('a', { href: '/portal/kb.html?slug=' + encodeURIComponent(hit.slug), text: hit.title }), snippet(hit.snippet || ''))));
    document.getElementById('none').hidden = hits.length > 0;
    error.hidden = true;
  } catch (e) {
    showError(error, e);
  }
}

async function show(slug) {
  try {
    const article = await api('GET', '/api/portal/v1/kb/articles/' + encodeURIComponent(slug));
    document.getElementById('article').hidden = false;
    document.getElementById('article-title').textContent = article.title;
    // bodyHtml is rendered from Markdown and sanitised by the server (kb.KbMarkdown, an allow-list), and it is
    // written by agents, not customers: the one piece of HTML the portal inserts as HTML.
    document.getElementById('article-body').innerHTML = article.bodyHtml;
    document.getElementById('article-updated').textContent = formatTime(article.updatedAt);
    document.title = article.title;
  } catch (e) {
    showError(error, e);
  }
}

await startPage({ page: 'kb', needsCustomer: false });
const params = new URLSearchParams(location.search);
document.getElementById('search').addEventListener('submit', (event) => {
  event.preventDefault();
  const q = document.getElementById('q').value.trim();
  if (q) {
    history.replaceState(null, '', '/portal/kb.html?q=' + encodeURIComponent(q));
    document.getElementById('article').hidden = true;
    search(q);
  }
});
if (params.get('slug')) {
  await show(params.get('slug'));
} else if (params.get('q')) {
  document.getElementById('q').value = params.get('q');
  await search(params.get('q'));
}
document.documentElement.lang = language();
document.body.dataset.ready = 'true';
