#!/usr/bin/env bash
# Smoke test of the deployed example, with the AWS CLI: creates a user, adds it to ADMINS, signs in,
# decodes the access token, calls both routes, adds the user to EVERYONE and calls again, then deletes the
# user. Needs AWS credentials allowed to administer the pool, and curl and python3.
# Usage: examples/smoke-test.sh [stack-name]
set -euo pipefail

stack="${1:-ScopedGroupAuthExample}"
output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
pool="$(output UserPoolId)"
client="$(output WebClientId)"
api="$(output ApiUrl)"
user="smoke-test-$(date +%s)@example.com"
password="Sm0ke-$(python3 -c 'import secrets; print(secrets.token_hex(8))')!"

cleanup() { aws cognito-idp admin-delete-user --user-pool-id "$pool" --username "$user" || true; }
trap cleanup EXIT

aws cognito-idp admin-create-user --user-pool-id "$pool" --username "$user" --message-action SUPPRESS >/dev/null
aws cognito-idp admin-set-user-password --user-pool-id "$pool" --username "$user" --password "$password" --permanent
aws cognito-idp admin-add-user-to-group --user-pool-id "$pool" --username "$user" --group-name ADMINS

sign_in() {
  aws cognito-idp admin-initiate-auth --user-pool-id "$pool" --client-id "$client" \
    --auth-flow ADMIN_USER_PASSWORD_AUTH --auth-parameters "USERNAME=$user,PASSWORD=$password" \
    --query AuthenticationResult.AccessToken --output text
}
scopes_of() {
  python3 -c 'import base64, json, sys
payload = sys.argv[1].split(".")[1]
print(json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))["scope"])' "$1"
}
call() {
  curl -s -o /dev/null -w "%{http_code}" -H "Authorization: $2" "${api}$1"
}
# expect DESCRIPTION ACTUAL EXPECTED...: passes when ACTUAL is one of the expected status codes.
expect() {
  local description="$1" actual="$2"
  shift 2
  for wanted in "$@"; do
    if [ "$actual" = "$wanted" ]; then echo "ok: $description: $actual"; return; fi
  done
  echo "FAIL: $description: expected $*, got $actual" >&2
  exit 1
}

token="$(sign_in)"
echo "access token scopes (ADMINS): $(scopes_of "$token")"
expect "GET /admin as ADMINS" "$(call admin "$token")" 200
# API Gateway refuses a token without the route's scope (401 or 403, depending on the authorizer's answer).
expect "GET /everyone as ADMINS only" "$(call everyone "$token")" 401 403

aws cognito-idp admin-add-user-to-group --user-pool-id "$pool" --username "$user" --group-name EVERYONE
token="$(sign_in)"
echo "access token scopes (ADMINS, EVERYONE): $(scopes_of "$token")"
expect "GET /everyone as EVERYONE" "$(call everyone "$token")" 200
curl -s -H "Authorization: $token" "${api}admin"; echo
