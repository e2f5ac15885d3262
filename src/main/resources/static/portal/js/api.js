// The portal's one way to call the portal API: same-origin JSON, the session cookie, the CSRF token
// (the XSRF-TOKEN cookie's value in an X-XSRF-TOKEN header) and the page's language (Accept-Language, so that
// problem details come back in it) on every request.
import { language } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
  }
}

function csrfToken() {
  const match = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : null;
}

/** body: an object (sent as JSON), a FormData (multipart), or undefined. Resolves to the parsed JSON or null. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json', 'Accept-Language': language() };
  const token = csrfToken();
  if (token) headers['X-XSRF-TOKEN'] = token;
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const type = response.headers.get('Content-Type') || '';
  const data = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/** Makes sure the CSRF cookie exists before the first change (any portal API response sets it). */
export async function ready() {
  if (!csrfToken()) {
    await fetch('/api/portal/v1/auth/session', { credentials: 'same-origin' }).catch(() => {});
  }
}

/** The signed-in customer, or null. */
export async function currentCustomer() {
  try {
    return await api('GET', '/api/portal/v1/auth/session');
  } catch (e) {
    if (e.status === 401) return null;
    throw e;
  }
}

/** On pages that need a customer: go to sign-in (and come back) when nobody is signed in. */
export async function requireCustomer() {
  const customer = await currentCustomer();
  if (!customer) {
    location.assign('/portal/signin.html?next=' + encodeURIComponent(location.pathname + location.search));
    return new Promise(() => {});
  }
  return customer;
}
