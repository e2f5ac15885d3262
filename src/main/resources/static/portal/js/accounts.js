// What the account pages share: their English and French strings, the language switch, messages, and
// where to go after signing in (a portal path only: never another site).
import { register, translate, setLanguage, language, t } from './i18n.js';

register({
  en: {
    'portal.brand': 'Support portal',
    'field.name': 'Your name',
    'field.email': 'Email',
    'field.password': 'Password',
    'field.newPassword': 'New password',
    'field.currentPassword': 'Current password',
    'field.code': 'Code',
    'password.hint': 'At least 10 characters; not your email address.',
    'signin.title': 'Sign in',
    'signin.button': 'Sign in',
    'signin.or': 'or',
    'signin.with': 'Sign in with {name}',
    'signin.codeTitle': 'Two-factor sign-in',
    'signin.codeHint': 'Enter the 6-digit code from your authenticator app, or one of your recovery codes.',
    'signin.codeButton': 'Verify',
    'signin.noAccount': 'No account yet? Sign up',
    'signin.forgot': 'Forgot your password?',
    'signin.wrong': 'Email or password is wrong.',
    'signin.notVerified': 'Confirm your email address first: open the link we mailed you.',
    'signin.wrongCode': 'The code is wrong or was used already.',
    'signin.restart': 'Sign in with your email and password first.',
    'signin.error.email_not_verified': 'Your provider has not verified your email address, so we cannot use it to sign you in.',
    'signin.error.email_missing': 'Your provider did not share your email address.',
    'signin.error.signup_not_allowed': 'Sign-up is not open to your email address. Ask the support team for an account.',
    'signin.error.oidc_failed': 'Signing in with your provider did not work. Try again.',
    'throttled': 'Too many attempts. Try again in {minutes} minute(s).',
    'error.generic': 'Something went wrong. Try again.',
    'signup.title': 'Create your account',
    'signup.button': 'Sign up',
    'signup.done': 'Check your mailbox: we sent you a link to confirm your address. Open it to finish.',
    'signup.haveAccount': 'Already have an account? Sign in',
    'verify.title': 'Confirm your email address',
    'verify.working': 'Confirming…',
    'verify.ok': 'Your email address is confirmed. You can sign in now.',
    'verify.bad': 'This link does not work (any more): it was used already, has expired, or a newer one was sent.',
    'verify.signin': 'Sign in',
    'forgot.title': 'Forgot your password?',
    'forgot.hint': 'Enter your email address: we will mail you a link to choose a new password.',
    'forgot.button': 'Send the link',
    'forgot.done': 'If this address has an account, a link to choose a new password is on its way. It works for one hour.',
    'reset.title': 'Choose a new password',
    'reset.button': 'Save the new password',
    'reset.done': 'Your password is changed, and you are signed out everywhere. Sign in with the new one.',
    'security.title': 'Account security',
    'security.signedInAs': 'Signed in as {email}',
    'security.twoFactor': 'Two-factor sign-in',
    'security.on': 'On',
    'security.off': 'Off',
    'security.codesLeft': '{count} recovery codes left.',
    'security.enrol': 'Turn on two-factor sign-in',
    'security.scan': 'Scan this QR code with your authenticator app (or enter the key below), then type the code it shows.',
    'security.key': 'Key:',
    'security.openApp': 'Open in an authenticator app',
    'security.confirm': 'Turn on',
    'security.recoveryTitle': 'Your recovery codes',
    'security.recoveryHint': 'Keep these codes somewhere safe. Each one signs you in once if you lose your phone. They are shown only now.',
    'security.disable': 'Turn off two-factor sign-in',
    'security.disableHint': 'Enter your password and a current code (or a recovery code).',
    'security.newCodes': 'New recovery codes',
    'security.newCodesHint': 'Enter a current code: your old recovery codes stop working.',
    'security.changePassword': 'Change your password',
    'security.changeHint': 'Your other sessions and API tokens end.',
    'security.changed': 'Your password is changed.',
    'security.signout': 'Sign out',
  },
  fr: {
    'portal.brand': "Portail d'assistance",
    'field.name': 'Votre nom',
    'field.email': 'E-mail',
    'field.password': 'Mot de passe',
    'field.newPassword': 'Nouveau mot de passe',
    'field.currentPassword': 'Mot de passe actuel',
    'field.code': 'Code',
    'password.hint': 'Au moins 10 caractères ; pas votre adresse e-mail.',
    'signin.title': 'Connexion',
    'signin.button': 'Se connecter',
    'signin.or': 'ou',
    'signin.with': 'Se connecter avec {name}',
    'signin.codeTitle': 'Connexion en deux étapes',
    'signin.codeHint': "Saisissez le code à 6 chiffres de votre application d'authentification, ou l'un de vos codes de secours.",
    'signin.codeButton': 'Vérifier',
    'signin.noAccount': 'Pas encore de compte ? Inscrivez-vous',
    'signin.forgot': 'Mot de passe oublié ?',
    'signin.wrong': 'E-mail ou mot de passe incorrect.',
    'signin.notVerified': "Confirmez d'abord votre adresse e-mail : ouvrez le lien que nous vous avons envoyé.",
    'signin.wrongCode': 'Le code est incorrect ou a déjà été utilisé.',
    'signin.restart': "Connectez-vous d'abord avec votre e-mail et votre mot de passe.",
    'signin.error.email_not_verified': "Votre fournisseur n'a pas vérifié votre adresse e-mail : nous ne pouvons pas l'utiliser pour vous connecter.",
    'signin.error.email_missing': "Votre fournisseur n'a pas communiqué votre adresse e-mail.",
    'signin.error.signup_not_allowed': "L'inscription n'est pas ouverte à votre adresse e-mail. Demandez un compte à l'équipe d'assistance.",
    'signin.error.oidc_failed': "La connexion avec votre fournisseur n'a pas abouti. Réessayez.",
    'throttled': 'Trop de tentatives. Réessayez dans {minutes} minute(s).',
    'error.generic': "Une erreur s'est produite. Réessayez.",
    'signup.title': 'Créer votre compte',
    'signup.button': "S'inscrire",
    'signup.done': 'Consultez votre boîte mail : nous vous avons envoyé un lien pour confirmer votre adresse. Ouvrez-le pour terminer.',
    'signup.haveAccount': 'Déjà un compte ? Connectez-vous',
    'verify.title': 'Confirmer votre adresse e-mail',
    'verify.working': 'Confirmation…',
    'verify.ok': 'Votre adresse e-mail est confirmée. Vous pouvez vous connecter.',
    'verify.bad': "Ce lien ne fonctionne pas (ou plus) : il a déjà servi, il a expiré, ou un lien plus récent a été envoyé.",
    'verify.signin': 'Se connecter',
    'forgot.title': 'Mot de passe oublié ?',
    'forgot.hint': 'Saisissez votre adresse e-mail : nous vous enverrons un lien pour choisir un nouveau mot de passe.',
    'forgot.button': 'Envoyer le lien',
    'forgot.done': "Si cette adresse a un compte, un lien pour choisir un nouveau mot de passe est en route. Il fonctionne pendant une heure.",
    'reset.title': 'Choisir un nouveau mot de passe',
    'reset.button': 'Enregistrer le nouveau mot de passe',
    'reset.done': 'Votre mot de passe est modifié et vous êtes déconnecté partout. Connectez-vous avec le nouveau.',
    'security.title': 'Sécurité du compte',
    'security.signedInAs': 'Connecté en tant que {email}',
    'security.twoFactor': 'Connexion en deux étapes',
    'security.on': 'Activée',
    'security.off': 'Désactivée',
    'security.codesLeft': 'Il vous reste {count} codes de secours.',
    'security.enrol': 'Activer la connexion en deux étapes',
    'security.scan': "Scannez ce code QR avec votre application d'authentification (ou saisissez la clé ci-dessous), puis tapez le code affiché.",
    'security.key': 'Clé :',
    'security.openApp': "Ouvrir dans une application d'authentification",
    'security.confirm': 'Activer',
    'security.recoveryTitle': 'Vos codes de secours',
    'security.recoveryHint': "Gardez ces codes en lieu sûr. Chacun vous connecte une fois si vous perdez votre téléphone. Ils ne s'affichent qu'une fois.",
    'security.disable': 'Désactiver la connexion en deux étapes',
    'security.disableHint': 'Saisissez votre mot de passe et un code actuel (ou un code de secours).',
    'security.newCodes': 'Nouveaux codes de secours',
    'security.newCodesHint': 'Saisissez un code actuel : vos anciens codes de secours ne fonctionneront plus.',
    'security.changePassword': 'Changer votre mot de passe',
    'security.changeHint': 'Vos autres sessions et jetons API prennent fin.',
    'security.changed': 'Votre mot de passe est modifié.',
    'security.signout': 'Se déconnecter',
  },
});

export { t };

/** Registers the page's own strings (if any), translates it, and wires the language switch. */
export function initPage(onLanguageChange) {
  translate();
  const select = document.getElementById('lang');
  if (select) {
    select.value = language();
    select.addEventListener('change', () => {
      setLanguage(select.value);
      translate();
      if (onLanguageChange) onLanguageChange();
    });
  }
}

export function show(id, visible = true) {
  document.getElementById(id).hidden = !visible;
}

/** Puts a message in an element as text (never HTML), with its kind as class. */
export function say(id, text, kind = 'error') {
  const el = document.getElementById(id);
  el.textContent = text;
  el.className = kind;
  el.hidden = !text;
}

/** A readable message for a failed call: throttling in minutes, else the server's explanation, else a generic one. */
export function messageFor(error, known = {}) {
  if (error && error.status === 429) {
    const seconds = Number((error.problem && error.problem.retryAfter) || 60);
    return t('throttled', { minutes: Math.max(1, Math.ceil(seconds / 60)) });
  }
  if (error && known[error.status]) return t(known[error.status]);
  if (error && error.problem && Array.isArray(error.problem.errors) && error.problem.errors.length) {
    return error.problem.errors.map((e) => `${e.field}: ${e.message}`).join(' ');
  }
  return (error && error.problem && error.problem.detail) || t('error.generic');
}

/** Where to go after signing in: a portal path from ?next=, else the portal's start page. */
export function nextPage() {
  const next = new URLSearchParams(location.search).get('next');
  return next && /^\/portal\/[^/\\]/.test(next) && !next.includes('//') ? next : '/portal/';
}

/** The token of a mailed link: in the fragment (#token=…), so it never reaches a server log or a Referer. */
export function linkToken() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token');
  if (token) history.replaceState(null, '', location.pathname);
  return token;
}

/** Runs a form's submit as an async action, with its button disabled meanwhile. */
export function onSubmit(formId, action) {
  const form = document.getElementById(formId);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    try {
      await action(form);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
