// The dashboard's only way to the server: the JSON API on this origin with the signed-in token.
// The token lives in sessionStorage: it survives a reload but not closing the tab, and no other
// site can read it.

const TOKEN_KEY = 'shortlist.token';

export class ApiError extends Error {
  constructor(status, body) {
    super(messageOf(status, body));
    this.status = status;
    this.body = body;
  }
}

function messageOf(status, body) {
  if (body && typeof body === 'object') {
    const fields = body.errors ? Object.entries(body.errors) : [];
    if (fields.length) {
      return fields.map(([field, msgs]) => `${field}: ${[].concat(msgs).join(' ')}`).join('; ');
    }
    if (body.error) return body.error;
    if (body.message) return body.message;
  }
  return `The server answered ${status}.`;
}

export function savedToken() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function saveToken(token) {
  sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(TOKEN_KEY);
}

// Calls `path` (e.g. "/api/v1/jobs") and returns the parsed JSON; throws ApiError on a non-2xx
// answer. `onUnauthorized` is called on 401 (the token was revoked or mistyped).
let unauthorizedHandler = () => {};
export function onUnauthorized(fn) {
  unauthorizedHandler = fn;
}

// Ends the session on purpose (e.g. its own token was just revoked), with `message` shown.
export function endSession(message) {
  unauthorizedHandler(message);
}

// `signingIn` leaves a 401 to the caller (a mistyped token is not a revoked session).
export async function api(path, {method = 'GET', body, token = savedToken(), signingIn = false} = {}) {
  const headers = {Accept: 'application/json'};
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'omit',
    cache: 'no-store',
  });
  let parsed = null;
  const text = await response.text();
  if (text) {
    try { parsed = JSON.parse(text); } catch { parsed = {error: text}; }
  }
  if (!response.ok) {
    if (response.status === 401 && !signingIn) unauthorizedHandler();
    throw new ApiError(response.status, parsed);
  }
  return parsed;
}

// Reads a File into base64 (the Jobs API takes resume bytes as `base64`).
export async function fileToBase64(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
