// The authorization code flow with PKCE (RFC 7636, S256) against Cognito's managed login.

/** Every scope the example's app client allows; the trigger decides which managed ones the tokens keep. */
export const REQUESTED_SCOPES = 'openid email profile admin/* everyone/*';
/** Where the code verifier and state wait during the redirect: this tab only, removed on return. */
const PENDING_KEY = 'scopedgroupauth.pendingSignIn';

/** The page's own address without query or fragment: the callback and logout URL the app client allows. */
export function redirectUri() {
  return `${window.location.origin}/`;
}

/** Starts a sign-in: keeps a fresh verifier and state for this tab and returns the authorize URL to go to. */
export async function authorizeUrl(config) {
  const verifier = randomBase64Url(32);
  const state = randomBase64Url(16);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const url = new URL('/oauth2/authorize', config.domain);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: REQUESTED_SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/**
 * Handles a return from the authorize endpoint, if this is one. Resolves to undefined when the address has no
 * code and no error, to {idToken, accessToken, decision} after a successful exchange (decision: the local
 * playground's explanation of the access token's scopes, or null), and rejects with a message
 * otherwise. A code or an error counts only with the state of the sign-in this tab is waiting for: anyone can
 * put another in a link to this page, so it is ignored, its text is not shown, and the waiting sign-in stays
 * intact. The verifier and state of that sign-in are used once: they are removed before anything else happens.
 */
export async function completeSignIn(config, params) {
  if (!params.has('code') && !params.has('error')) {
    return undefined;
  }
  const pending = readPending();
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('An unexpected sign-in response was ignored: it does not answer a sign-in started in this tab.');
  }
  forgetPending();
  if (params.has('error')) {
    const description = params.get('error_description');
    throw new Error(`Sign-in failed: Cognito answered ${params.get('error')}${description ? ` (${description})` : ''}.`);
  }
  return exchange(config, params.get('code'), pending.verifier);
}

/** Forgets a sign-in in progress, as sign-out does. */
export function forgetPending() {
  sessionStorage.removeItem(PENDING_KEY);
}

/** The logout endpoint, which ends the managed login session and returns to this page. */
export function logoutUrl(config) {
  const url = new URL('/logout', config.domain);
  url.search = new URLSearchParams({ client_id: config.clientId, logout_uri: redirectUri() }).toString();
  return url.toString();
}

async function exchange(config, code, verifier) {
  let response;
  try {
    response = await fetch(new URL('/oauth2/token', config.domain), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: config.clientId,
        code,
        redirect_uri: redirectUri(),
        code_verifier: verifier,
      }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch (error) {
    throw new Error(`Sign-in failed: the token endpoint could not be reached (${error.message}).`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    body = {};
  }
  if (!response.ok) {
    const error = typeof body.error === 'string' ? body.error : 'no error code';
    throw new Error(`Sign-in failed: the token endpoint answered ${response.status} ${error}.`);
  }
  if (typeof body.id_token !== 'string' || typeof body.access_token !== 'string') {
    throw new Error('Sign-in failed: the token endpoint answered without an ID token and an access token.');
  }
  // The refresh token is not kept: the page never refreshes, so it would only be one more secret to lose.
  // Only the local playground's stand-in explains its decision; Cognito's answer has no such member.
  const decision = isDecision(body.scoped_group_auth_decision) ? body.scoped_group_auth_decision : null;
  return { idToken: body.id_token, accessToken: body.access_token, decision };
}

function isDecision(value) {
  return typeof value === 'object' && value !== null && Array.isArray(value.scopes)
    && value.scopes.every((line) => typeof line === 'object' && line !== null && typeof line.scope === 'string'
      && typeof line.outcome === 'string' && typeof line.reason === 'string');
}

function readPending() {
  try {
    const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY));
    return pending && typeof pending.verifier === 'string' && typeof pending.state === 'string' ? pending : null;
  } catch {
    return null;
  }
}

function randomBase64Url(byteCount) {
  return base64Url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

function base64Url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
