// Builds the list of test users from /login/request; every value is written as text, never parsed as HTML.

const element = (id) => document.getElementById(id);

function hidden(name, value) {
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = name;
  input.value = value;
  return input;
}

function userForm(request, user) {
  const form = document.createElement('form');
  form.method = 'post';
  form.action = '/login';
  form.className = 'user';
  form.append(hidden('request', request), hidden('username', user.username));
  const button = document.createElement('button');
  button.type = 'submit';
  button.id = `sign-in-${user.username}`;
  button.textContent = `Sign in as ${user.username}`;
  const groups = document.createElement('span');
  groups.className = 'groups';
  groups.textContent = user.groups.length === 0 ? `${user.email}, in no group` : `${user.email}, groups ${user.groups.join(', ')}`;
  form.append(button, groups);
  return form;
}

async function start() {
  const request = new URLSearchParams(window.location.search).get('request') ?? '';
  const response = await fetch(`/login/request?request=${encodeURIComponent(request)}`, { cache: 'no-store' });
  if (!response.ok) {
    element('request-summary').textContent = 'This sign-in is unknown, used or expired: start it again from your app.';
    return;
  }
  const data = await response.json();
  element('request-summary').textContent = `App client ${data.clientLogicalId} (${data.clientId}) asks for the`
    + ` scopes ${data.scopes.join(' ')}, and returns to ${data.redirectUri}. Choose who signs in:`;
  for (const user of data.users) {
    element('users').append(userForm(request, user));
  }
}

start();
