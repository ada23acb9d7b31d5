// Reads and checks the page's configuration: config.json, or else the CDK CLI's outputs file.

/** The outputs of the example stack that the page needs (examples/.../ScopedGroupAuthExample.java). */
const STACK_OUTPUTS = ['UserPoolId', 'WebClientId', 'HostedUiDomain', 'ApiUrl'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const USER_POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2})_[0-9A-Za-z]+$/;
const CLIENT_ID = /^[0-9A-Za-z]{1,128}$/;
/** The loopback hosts the page's content security policy lets it reach over http (index.html, connect-src). */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

const HOW_TO_FIX = 'Deploy the example with `npx -y aws-cdk@2 deploy --outputs-file frontend/cdk-outputs.json`'
  + ' (from examples/), or write examples/frontend/config.json with the fields region, userPoolId, clientId,'
  + ' domain and apiUrl, then reload this page.';

/** A configuration that is missing or wrong; its message says which file, which field and how to fix it. */
export class ConfigError extends Error {
  constructor(message) {
    super(`${message}\n\n${HOW_TO_FIX}`);
    this.name = 'ConfigError';
  }
}

/**
 * Loads config.json, or cdk-outputs.json when there is no config.json, from the page's own folder.
 * Resolves to a frozen {region, userPoolId, clientId, domain, apiUrl}; rejects with a ConfigError.
 */
export async function loadConfig() {
  const config = await fetchJson('config.json');
  if (config !== undefined) {
    return checked(config, 'config.json');
  }
  const outputs = await fetchJson('cdk-outputs.json');
  if (outputs !== undefined) {
    return checked(fromCdkOutputs(outputs), 'cdk-outputs.json');
  }
  throw new ConfigError('No configuration: neither config.json nor cdk-outputs.json is next to this page.');
}

/** The parsed JSON object of a file next to the page, or undefined when the server has no such file. */
async function fetchJson(file) {
  let response;
  try {
    response = await fetch(file, { cache: 'no-store' });
  } catch (error) {
    throw new ConfigError(`${file} could not be read: ${error.message}.`);
  }
  if (response.status === 404) {
    return undefined;
  }
  if (!response.ok) {
    throw new ConfigError(`${file} could not be read: the server answered ${response.status}.`);
  }
  let value;
  try {
    value = JSON.parse(await response.text());
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${error.message}.`);
  }
  if (!isObject(value)) {
    throw new ConfigError(`${file} must hold a JSON object, not ${describe(value)}.`);
  }
  return value;
}

/** The CDK CLI writes {"<stack name>": {"<output>": "<value>", ...}, ...}: finds the example stack's outputs. */
function fromCdkOutputs(outputs) {
  const stacks = Object.entries(outputs).filter(([, values]) => isObject(values));
  const complete = stacks.filter(([, values]) => STACK_OUTPUTS.every((name) => name in values));
  if (complete.length > 1) {
    throw new ConfigError('cdk-outputs.json has the outputs of several example stacks ('
      + complete.map(([name]) => name).join(', ') + '); write config.json for the one to use.');
  }
  if (complete.length === 0) {
    const missing = stacks.length === 1
      ? ` Stack ${stacks[0][0]} lacks ${STACK_OUTPUTS.filter((name) => !(name in stacks[0][1])).join(', ')}.`
      : '';
    throw new ConfigError(`cdk-outputs.json has no stack with the outputs ${STACK_OUTPUTS.join(', ')}.${missing}`);
  }
  const values = complete[0][1];
  // The stack has no Region output: a user pool id starts with its Region ("eu-west-1_AbC123").
  const poolId = values.UserPoolId;
  const region = typeof poolId === 'string' && poolId.includes('_') ? poolId.slice(0, poolId.indexOf('_')) : poolId;
  return {
    region,
    userPoolId: poolId,
    clientId: values.WebClientId,
    domain: values.HostedUiDomain,
    apiUrl: values.ApiUrl,
  };
}

/** Checks every field and reports all problems at once. */
function checked(config, file) {
  const problems = [];
  const field = (name, check) => {
    const value = config[name];
    if (value === undefined || value === null || value === '') {
      problems.push(`\`${name}\` is missing`);
      return undefined;
    }
    if (typeof value !== 'string') {
      problems.push(`\`${name}\` must be a string, not ${describe(value)}`);
      return undefined;
    }
    const problem = check(value);
    if (problem) {
      problems.push(`\`${name}\` ${JSON.stringify(value)} ${problem}`);
      return undefined;
    }
    return value;
  };
  const region = field('region', (value) => (REGION.test(value) ? null : 'is not an AWS Region such as eu-west-1'));
  const userPoolId = field('userPoolId', (value) => {
    const match = USER_POOL_ID.exec(value);
    if (!match) {
      return 'is not a user pool id such as eu-west-1_AbC123';
    }
    return region && match[1] !== region ? `is not in the Region ${region}` : null;
  });
  const clientId = field('clientId', (value) => (CLIENT_ID.test(value) ? null : 'is not an app client id'));
  const domain = field('domain', (value) => urlProblem(value, false));
  const apiUrl = field('apiUrl', (value) => urlProblem(value, true));
  if (problems.length > 0) {
    throw new ConfigError(`${file}: ${problems.join('; ')}.`);
  }
  return Object.freeze({
    region,
    userPoolId,
    clientId,
    domain: new URL(domain).origin,
    apiUrl: withTrailingSlash(apiUrl),
  });
}

/**
 * The API's base URL rebuilt from its parsed parts, ending with `/` so that routes resolve below it; a bare
 * `?` or `#`, which the URL parser reports as no query and no fragment, is dropped rather than kept.
 */
function withTrailingSlash(value) {
  const url = new URL(value);
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

/** Why a configured URL is unusable, or null: https only, except on loopback, and nothing but a path. */
function urlProblem(value, pathAllowed) {
  let url;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname))) {
    return 'must be an https URL (http only on localhost)';
  }
  if (url.username || url.password || url.search || url.hash) {
    return 'must not have credentials, a query or a fragment';
  }
  if (!pathAllowed && url.pathname !== '/') {
    return 'must be the domain alone, such as https://my-prefix.auth.eu-west-1.amazoncognito.com';
  }
  return null;
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value) {
  if (Array.isArray(value)) {
    return 'an array';
  }
  return value === null ? 'null' : `a ${typeof value}`;
}
