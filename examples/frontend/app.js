// The page: configuration, sign-in and sign-out, the two token payloads, and calls to the example API.
// Token data is only ever written with textContent, never parsed as HTML.

import { loadConfig } from './config.js';
import { authorizeUrl, completeSignIn, forgetPending, logoutUrl } from './oauth.js';
import { payloadOf, prettyPayload } from './jwt.js';

/** The scope each route of the example API requires (ScopedGroupAuthExample). */
const ROUTE_SCOPES = { admin: 'admin/*', everyone: 'everyone/*' };
const STATUS_TEXT = { 200: 'OK', 401: 'Unauthorized', 403: 'Forbidden' };
/** Set before leaving for the logout endpoint, so that the page says so on return; holds no secret. */
const SIGNED_OUT_KEY = 'scopedgroupauth.signedOut';

/** The signed-in user's tokens: in this module's memory only, gone when the tab reloads or signs out. */
let tokens = null;
let config = null;

const element = (id) => document.getElementById(id);

function showMessage(text, kind = 'error') {
  const message = element('message');
  message.textContent = text;
  message.className = kind;
  message.hidden = false;
}

function render() {
  const signedIn = tokens !== null;
  element('signed-out').hidden = signedIn || config === null;
  element('signed-in').hidden = !signedIn;
  element('id-token').textContent = signedIn ? prettyPayload(tokens.id) : '';
  element('access-token').textContent = signedIn ? prettyPayload(tokens.access) : '';
  element('user-name').textContent = signedIn ? userName(tokens.id, tokens.access) : '';
  renderDecision(signedIn ? tokens.decision : null);
  if (!signedIn) {
    element('result').hidden = true;
    element('result-status').textContent = '';
    element('result-body').textContent = '';
  }
}

/** The playground's explanation of the access token's scopes, one row per scope, all as text. */
function renderDecision(decision) {
  element('decision').hidden = decision === null;
  const rows = element('decision-rows');
  rows.replaceChildren();
  if (decision === null) {
    return;
  }
  for (const line of decision.scopes) {
    const row = document.createElement('tr');
    row.className = line.outcome;
    for (const text of [line.scope, line.outcome, line.reason]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    rows.append(row);
  }
  element('decision-note').hidden = decision.matchesPolicy !== false;
  element('decision-note').textContent = 'The function\'s answer differs from what its policy file decides.';
}

function userName(id, access) {
  for (const value of [id.email, id['cognito:username'], access.username]) {
    if (typeof value === 'string' && value !== '') {
      return value;
    }
  }
  return '(no name in the tokens)';
}

async function signIn() {
  window.location.assign(await authorizeUrl(config));
}

function signOut() {
  tokens = null;
  forgetPending();
  render();
  sessionStorage.setItem(SIGNED_OUT_KEY, 'true');
  window.location.assign(logoutUrl(config));
}

async function call(route) {
  const kind = document.querySelector('input[name="token"]:checked').value;
  const token = kind === 'id' ? tokens.raw.id : tokens.raw.access;
  const result = element('result');
  result.hidden = false;
  result.className = '';
  element('result-status').textContent = `Calling GET /${route} with the ${kind === 'id' ? 'ID' : 'access'} token…`;
  element('result-body').textContent = '';
  let response;
  let body;
  try {
    // API Gateway's Cognito authorizer reads the bare token from the Authorization header.
    response = await fetch(new URL(route, config.apiUrl), {
      headers: { Authorization: token },
      cache: 'no-store',
      credentials: 'omit',
    });
    body = await response.text();
  } catch (error) {
    result.className = 'refused';
    element('result-status').textContent = `GET /${route}: no answer (${error.message}). The API is unreachable, or`
      + ' it did not allow this origin (CORS).';
    return;
  }
  result.className = response.ok ? 'ok' : 'refused';
  element('result-status').textContent = `GET /${route}: ${statusLine(response.status, route, kind)}`;
  element('result-body').textContent = pretty(body);
}

function statusLine(status, route, kind) {
  const line = `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
  if (status === 403) {
    return `${line}: this token lacks ${ROUTE_SCOPES[route]}`;
  }
  if (status === 401) {
    return kind === 'id'
      ? `${line}: a route that requires scopes takes only access tokens`
      : `${line}: the API did not accept this token (expired, or without ${ROUTE_SCOPES[route]})`;
  }
  return line;
}

function pretty(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function decoded(token, name) {
  try {
    return payloadOf(token);
  } catch (error) {
    throw new Error(`Sign-in failed: the ${name} could not be decoded (${error.message}).`);
  }
}

async function start() {
  for (const button of document.querySelectorAll('button[data-route]')) {
    button.addEventListener('click', () => call(button.dataset.route));
  }
  element('sign-in').addEventListener('click', () => signIn().catch((error) => showMessage(error.message)));
  element('sign-out').addEventListener('click', signOut);

  // The code and state are read once, then taken out of the address and the history.
  const params = new URLSearchParams(window.location.search);
  if (window.location.search) {
    window.history.replaceState(null, '', window.location.pathname);
  }
  try {
    config = await loadConfig();
  } catch (error) {
    // No sign-in can complete without a configuration: a verifier and state waiting for one are dropped too.
    forgetPending();
    element('config-summary').textContent = 'Not configured.';
    showMessage(error.message);
    return;
  }
  element('config-summary').textContent = `User pool ${config.userPoolId} (${config.region}), app client`
    + ` ${config.clientId}, API ${config.apiUrl}`;
  if (sessionStorage.getItem(SIGNED_OUT_KEY)) {
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    showMessage('You are signed out.', 'info');
  }
  try {
    const received = await completeSignIn(config, params);
    if (received) {
      tokens = {
        raw: { id: received.idToken, access: received.accessToken },
        id: decoded(received.idToken, 'ID token'),
        access: decoded(received.accessToken, 'access token'),
        decision: received.decision,
      };
    }
  } catch (error) {
    showMessage(error.message);
  }
  render();
}

start();
