// Decodes JWT payloads for display. It does not verify signatures: the API does, and nothing here trusts them.

/** Claims that hold seconds since the epoch, shown as dates too. */
const TIME_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf']);

/** The payload of a JWT as an object; throws when the token is not a JWT with a JSON object payload. */
export function payloadOf(token) {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 3) {
    throw new Error('not a JWT');
  }
  const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')), (c) =>
    c.charCodeAt(0));
  const payload = JSON.parse(new TextDecoder().decode(bytes));
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
    throw new Error('the payload is not a JSON object');
  }
  return payload;
}

/** Pretty JSON of a payload, each time claim followed by a comment with its date in UTC. */
export function prettyPayload(payload) {
  return JSON.stringify(payload, null, 2)
    .split('\n')
    .map((line) => {
      // Top-level members are indented by two spaces; JSON.stringify escapes any newline inside a value.
      const match = /^ {2}"([a-z_]+)": (\d+),?$/.exec(line);
      if (match && TIME_CLAIMS.has(match[1])) {
        return `${line}  // ${readableTime(Number(match[2]))}`;
      }
      return line;
    })
    .join('\n');
}

/** A time in seconds since the epoch as "2026-11-27 19:34:06 UTC". */
export function readableTime(seconds) {
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? 'not a time' : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
