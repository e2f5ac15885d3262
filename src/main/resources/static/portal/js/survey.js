// The survey page: opened from the link in a CSAT or NPS mail (?t=<signed token>), no sign-in.
// Shows the ticket and the question, posts the answer, and shows the answer given so far when re-opened.
import { api, ready } from './api.js';
import { register, t, translate, setLanguage, language } from './i18n.js';

register({
  en: {
    'survey.brand': 'Customer support',
    'survey.language': 'Language',
    'survey.title': 'How did we do?',
    'survey.loading': 'Loading the survey…',
    'survey.invalid.title': 'This survey link does not work',
    'survey.invalid.text': 'It may have expired, or been copied incompletely. Thank you for wanting to answer!',
    'survey.ticket': 'About your request {number}: {subject}',
    'survey.csat.question': 'How satisfied are you with the help you got?',
    'survey.csat.low': '1 = very unsatisfied',
    'survey.csat.high': '5 = very satisfied',
    'survey.nps.question': 'How likely are you to recommend us to a friend or colleague?',
    'survey.nps.low': '0 = not at all likely',
    'survey.nps.high': '10 = extremely likely',
    'survey.comment': 'Anything you would like to add? (optional)',
    'survey.counter': '{count} / {max} characters',
    'survey.submit': 'Send my answer',
    'survey.sending': 'Sending…',
    'survey.pick': 'Choose a score first.',
    'survey.failed': 'Your answer could not be saved: {reason}',
    'survey.thanks.title': 'Thank you for your answer!',
    'survey.your.score': 'Your answer: {score} out of {max}.',
    'survey.change': 'Change my answer',
  },
  fr: {
    'survey.brand': 'Service client',
    'survey.language': 'Langue',
    'survey.title': 'Votre avis',
    'survey.loading': 'Chargement de l\u2019enquête…',
    'survey.invalid.title': 'Ce lien d\u2019enquête ne fonctionne pas',
    'survey.invalid.text': 'Il a peut-être expiré, ou a été copié incomplètement. Merci d\u2019avoir voulu répondre !',
    'survey.ticket': 'À propos de votre demande {number} : {subject}',
    'survey.csat.question': 'Êtes-vous satisfait de l\u2019aide reçue ?',
    'survey.csat.low': '1 = pas du tout satisfait',
    'survey.csat.high': '5 = très satisfait',
    'survey.nps.question': 'Quelle est la probabilité que vous nous recommandiez à un ami ou un collègue ?',
    'survey.nps.low': '0 = pas du tout probable',
    'survey.nps.high': '10 = très probable',
    'survey.comment': 'Souhaitez-vous ajouter quelque chose ? (facultatif)',
    'survey.counter': '{count} / {max} caractères',
    'survey.submit': 'Envoyer ma réponse',
    'survey.sending': 'Envoi…',
    'survey.pick': 'Choisissez d\u2019abord une note.',
    'survey.failed': 'Votre réponse n\u2019a pas pu être enregistrée : {reason}',
    'survey.thanks.title': 'Merci pour votre réponse !',
    'survey.your.score': 'Votre réponse : {score} sur {max}.',
    'survey.change': 'Modifier ma réponse',
  },
});

const MAX_COMMENT = 2000;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const token = params.get('t') || '';
let survey = null;

function show(id) {
  for (const section of ['loading', 'invalid', 'survey', 'thanks']) $(section).hidden = section !== id;
}

function kindKey(suffix) {
  return `survey.${survey.kind.toLowerCase()}.${suffix}`;
}

function buildScale() {
  const scale = $('scale');
  scale.replaceChildren();
  scale.setAttribute('role', 'radiogroup');
  for (let score = survey.min; score <= survey.max; score++) {
    const label = document.createElement('label');
    label.className = 'score';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'score';
    input.value = String(score);
    input.id = `score-${score}`;
    const face = document.createElement('span');
    face.textContent = String(score);
    label.append(input, face);
    scale.append(label);
  }
}

function render() {
  translate();
  document.title = t('survey.title');
  document.querySelectorAll('nav.languages button').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === language())));
  if (!survey) return;
  $('ticket').textContent = t('survey.ticket', { number: survey.ticketNumber, subject: survey.subject });
  $('question').textContent = t(kindKey('question'));
  $('low').textContent = t(kindKey('low'));
  $('high').textContent = t(kindKey('high'));
  $('counter').textContent = t('survey.counter', { count: $('comment').value.length, max: MAX_COMMENT });
  if (survey.answer) {
    $('your-score').textContent = t('survey.your.score', { score: survey.answer.score, max: survey.max });
    $('your-comment').textContent = survey.answer.comment || '';
    $('your-comment').hidden = !survey.answer.comment;
  }
}

function fillForm() {
  buildScale();
  if (survey.answer) {
    const chosen = $(`score-${survey.answer.score}`);
    if (chosen) chosen.checked = true;
    $('comment').value = survey.answer.comment || '';
  } else {
    // the mail's "good" / "bad" links choose a score; the customer still sends it
    const preset = /^[0-9]{1,2}$/.test(params.get('score') || '') ? $(`score-${Number(params.get('score'))}`) : null;
    if (preset) preset.checked = true;
  }
}

async function submit(event) {
  event.preventDefault();
  const chosen = document.querySelector('input[name="score"]:checked');
  const error = $('error');
  if (!chosen) {
    error.textContent = t('survey.pick');
    error.hidden = false;
    return;
  }
  error.hidden = true;
  const button = $('submit');
  button.disabled = true;
  button.textContent = t('survey.sending');
  try {
    await ready();
    const comment = $('comment').value.trim();
    survey = await api('POST', `/api/portal/v1/surveys/${encodeURIComponent(token)}`,
      { score: Number(chosen.value), comment: comment === '' ? null : comment });
    render();
    show('thanks');
  } catch (e) {
    if (e.status === 404) {
      show('invalid');
    } else {
      error.textContent = t('survey.failed', { reason: e.message });
      error.hidden = false;
    }
  } finally {
    button.disabled = false;
    button.textContent = t('survey.submit');
  }
}

async function load() {
  try {
    survey = await api('GET', `/api/portal/v1/surveys/${encodeURIComponent(token)}`);
  } catch (e) {
    survey = null;
    render();
    show('invalid');
    return;
  }
  fillForm();
  render();
  show(survey.answer ? 'thanks' : 'survey');
}

document.querySelectorAll('nav.languages button').forEach((button) => button.addEventListener('click', () => {
  setLanguage(button.dataset.lang);
  render();
}));
$('survey').addEventListener('submit', submit);
$('comment').addEventListener('input', render);
$('scale').addEventListener('change', () => { $('error').hidden = true; });
$('change').addEventListener('click', () => { fillForm(); render(); show('survey'); });
render();
load();
