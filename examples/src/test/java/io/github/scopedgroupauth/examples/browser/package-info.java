/**
 * The sample frontend ({@code examples/frontend}) in headless Chromium, against stand-ins for Cognito's
 * managed login and for the example API on the loopback address. Run by the {@code browser} profile only.
 */
package io.github.scopedgroupauth.examples.browser;
