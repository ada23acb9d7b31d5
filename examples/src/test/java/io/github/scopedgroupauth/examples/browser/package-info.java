/**
 * The sample frontend ({@code examples/frontend}) in headless Chromium, on the local playground that users run
 * ({@code io.github.scopedgroupauth.examples.playground}), and the page's own server. Run by the
 * {@code browser} profile only.
 */
package io.github.scopedgroupauth.examples.browser;
