package io.github.scopedgroupauth.examples;

import io.github.scopedgroupauth.runtime.policy.Printable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;

/**
 * The Cognito domain prefix of the example: the {@code domainPrefix} context value when one is given, checked
 * against Cognito's rules, otherwise one derived from the id CloudFormation gives the stack.
 *
 * <p>A prefix names {@code https://<prefix>.auth.<region>.amazoncognito.com} and is unique in its Region across
 * all AWS accounts. A fixed default would make every deployment of the example claim the same name: the
 * second one fails, and anyone can claim the name first. The stack id ends in a GUID that CloudFormation
 * assigns when it creates the stack, so the derived prefix {@code scoped-group-auth-<GUID>} (54 characters,
 * lowercase hexadecimal and hyphens) is unique to each deployed stack and needs no AWS account at synth time.
 *
 * @see <a href="https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html">Using
 *     the Amazon Cognito prefix domain</a>
 * @see <a href="https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html">CreateUserPoolDomain</a>
 */
final class DomainPrefix {

    /** The context key: {@code -c domainPrefix=<prefix>}. */
    static final String CONTEXT_KEY = "domainPrefix";
    /** The start of a derived prefix; the stack's GUID follows. */
    static final String DERIVED_START = "scoped-group-auth-";

    private static final int MAX_LENGTH = 63;
    private static final Pattern CHARACTERS = Pattern.compile("[a-z0-9-]*");
    /** Cognito refuses a prefix that contains any of these. */
    private static final List<String> RESERVED = List.of("aws", "amazon", "cognito");

    private DomainPrefix() {}

    /**
     * The prefix for the stack's Cognito domain.
     *
     * @param stack the example stack, whose context may hold {@value #CONTEXT_KEY}
     * @return the context value, or a CloudFormation expression that derives the prefix from the stack id
     * @throws IllegalArgumentException if the context value is not a valid Cognito domain prefix
     */
    static String of(Stack stack) {
        Object value = stack.getNode().tryGetContext(CONTEXT_KEY);
        if (value == null) {
            // arn:aws:cloudformation:<region>:<account>:stack/<name>/<GUID>: the third part after '/' is the GUID.
            return Fn.join("", List.of(DERIVED_START, Fn.select(2, Fn.split("/", Aws.STACK_ID))));
        }
        return checked(String.valueOf(value));
    }

    /**
     * Checks a prefix against Cognito's rules.
     *
     * @param prefix the prefix given as context
     * @return the prefix
     * @throws IllegalArgumentException naming every rule the prefix breaks
     */
    static String checked(String prefix) {
        List<String> problems = new ArrayList<>();
        if (prefix.isEmpty()) {
            problems.add("it is empty");
        }
        if (prefix.length() > MAX_LENGTH) {
            problems.add("it has " + prefix.length() + " characters, more than " + MAX_LENGTH);
        }
        if (!CHARACTERS.matcher(prefix).matches()) {
            problems.add("it has characters other than lowercase letters, digits and hyphens");
        }
        if (prefix.startsWith("-") || prefix.endsWith("-")) {
            problems.add("it starts or ends with a hyphen");
        }
        RESERVED.stream().filter(prefix::contains).forEach(word -> problems.add("it contains '" + word + "'"));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("`" + CONTEXT_KEY + "` '" + Printable.escape(prefix)
                    + "' is not a Cognito domain prefix: " + String.join("; ", problems)
                    + ". A prefix has 1 to 63 lowercase letters, digits and hyphens, does not start or end with a"
                    + " hyphen, does not contain 'aws', 'amazon' or 'cognito', and is unique in the Region. Pass"
                    + " another with -c " + CONTEXT_KEY + "=<prefix>, or leave it out to derive one from the"
                    + " stack id");
        }
        return prefix;
    }
}
