/**
 * The contract between the {@code ScopedGroupAuth} construct and the handler: the policy file's format, the
 * grant variable and the naming rules of scopes and groups, in one place that both the construct (at synth
 * time) and the handler (at init) use, so the two sides cannot drift apart.
 *
 * <p>Public only so that the construct module can use it; not part of the library's API, and left out of its
 * published Javadoc. The contract itself is described in {@code docs/configuration.md}.
 */
package io.github.scopedgroupauth.runtime.policy;
