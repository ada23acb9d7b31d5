/**
 * A local playground for a synthesized app: stand-ins for the user pool's managed login (OpenID Connect with
 * PKCE) and for the REST API's Cognito authorizer, on the loopback address, with every access token's scopes
 * decided by the app's own pre token generation function from its cloud assembly, run under the official Lambda
 * runtime interface client. Nothing here talks to AWS. Started by {@link
 * io.github.scopedgroupauth.examples.playground.Playground}; {@link
 * io.github.scopedgroupauth.examples.playground.Explain} prints one decision without starting anything.
 */
package io.github.scopedgroupauth.examples.playground;
