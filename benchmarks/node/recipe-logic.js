'use strict';
// What the recipe's pre token generation handler does, written for these benchmarks: it adds a scope for each
// of the groups ADMINS and EVERYONE that the user is in, and it can log the whole event first, as the recipe
// ships (its first line). It never removes scopes, which is one of the things ScopedGroupAuth adds.

const SCOPE_OF_GROUP = [
  ['EVERYONE', 'everyone/*'],
  ['ADMINS', 'admin/*'],
];

/**
 * Answers one event in place and returns it.
 * @param {object} event the parsed pre token generation event
 * @param {boolean} logEvent whether to log the whole event first, as the recipe does
 */
function handle(event, logEvent) {
  if (logEvent) {
    console.log('event', JSON.stringify(event, null, 2));
  }
  const groups = event.request.groupConfiguration.groupsToOverride;
  const scopesToAdd = [];
  for (const [group, scope] of SCOPE_OF_GROUP) {
    if (groups && groups.includes(group)) {
      scopesToAdd.push(scope);
    }
  }
  event.response.claimsAndScopeOverrideDetails = { accessTokenGeneration: { scopesToAdd } };
  return event;
}

module.exports = { handle };
