package io.github.scopedgroupauth.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyFileTest {

    private static final String HEADER = "scoped-group-auth-policy 1\n";
    private static final String GROUPS = HEADER + "group ADMINS admin/*\n" + "group EVERYONE everyone/*\n";

    /** Reads a body sealed as the construct seals it, with grants tied to it, or with the variable unset. */
    private static ScopePolicy read(String body, String grants) {
        return PolicyFile.read(
                bytes(SealedPolicy.seal(body)),
                grants == null ? Map.of() : Map.of(PolicyFormat.CLIENTS_VARIABLE, SealedPolicy.grants(body, grants)));
    }

    /** Reads a body as the construct deploys it when no client is granted. */
    private static ScopePolicy read(String body) {
        return read(body, "*");
    }

    /** Reads exactly these file contents with exactly this variable value. */
    private static ScopePolicy readRaw(String file, String variable) {
        return PolicyFile.read(bytes(file), Map.of(PolicyFormat.CLIENTS_VARIABLE, variable));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Nested
    class ValidFiles {

        @Test
        void readsGroupsAndDefaults_andLetsEveryClientReceiveThem_whenVariableIsStar() {
            // given the example from the PolicyFile Javadoc, with comments, blank lines and a URL-style scope
            String file = "# written by the ScopedGroupAuth construct\n"
                    + "\n"
                    + "scoped-group-auth-policy 1\n"
                    + "group ADMINS admin/*\n"
                    + "   \n"
                    + "group EVERYONE everyone/*\n"
                    + "# orders\n"
                    + "group ORDERS https://api.example.com/orders.read\n"
                    + "default everyone/read\n";

            // when
            ScopePolicy policy = PolicyFile.read(
                    bytes(SealedPolicy.seal(file)),
                    Map.of(PolicyFormat.CLIENTS_VARIABLE, SealedPolicy.grants(file, "*"), "OTHER_VARIABLE", "ignored"));

            // then
            assertThat(policy.groupScopes())
                    .isEqualTo(Map.of(
                            "ADMINS", Set.of("admin/*"),
                            "EVERYONE", Set.of("everyone/*"),
                            "ORDERS", Set.of("https://api.example.com/orders.read")));
            assertThat(policy.defaultScopes()).containsExactly("everyone/read");
            assertThat(policy.clientGrants()).isEmpty();
            assertThat(policy.decide("any-client", List.of("ADMINS"), List.of()).scopesToAdd())
                    .containsExactly("admin/*", "everyone/read");
        }

        @Test
        void readsStarVariable_withSurroundingWhitespace() {
            assertThat(readRaw(SealedPolicy.seal(GROUPS), " " + SealedPolicy.grants(GROUPS, "*") + " ")
                            .clientGrants())
                    .isEmpty();
        }

        @Test
        void grantsClientsByScopeNumber_inAscendingStringOrderOfManagedScopes() {
            // given managed scopes numbered 0 admin/*, 1 everyone/*, 2 everyone/read,
            // 3 https://api.example.com/orders.read
            String file = GROUPS + "group ORDERS https://api.example.com/orders.read\n" + "default everyone/read\n";

            // when
            ScopePolicy policy = read(file, ("4example7client9id=*; 2other0client5id=1,3 ;3third0client1id=2"));

            // then
            assertThat(policy.clientGrants())
                    .isEqualTo(Map.of(
                            "4example7client9id",
                                    Set.of(
                                            "admin/*",
                                            "everyone/*",
                                            "everyone/read",
                                            "https://api.example.com/orders.read"),
                            "2other0client5id", Set.of("everyone/*", "https://api.example.com/orders.read"),
                            "3third0client1id", Set.of("everyone/read")));
            assertThat(policy.decide("2other0client5id", List.of("ADMINS", "ORDERS"), List.of("admin/*"))
                            .tokenScopes())
                    .containsExactly("https://api.example.com/orders.read");
            assertThat(policy.decide("unknown-client", List.of("ADMINS"), List.of("admin/*"))
                            .scopesToSuppress())
                    .containsExactly("admin/*");
        }

        @Test
        void numbersUpperCaseScopesBeforeLowerCase_asStringOrderDoes() {
            ScopePolicy policy = read(HEADER + "group A admin/* Zeta/read\n", ("c1=0;c2=1"));

            assertThat(policy.clientGrants()).isEqualTo(Map.of("c1", Set.of("Zeta/read"), "c2", Set.of("admin/*")));
        }

        @Test
        void acceptsRepeatedScopeNumber() {
            ScopePolicy policy = read(GROUPS, ("c1=1,1,0"));

            assertThat(policy.clientGrants()).isEqualTo(Map.of("c1", Set.of("admin/*", "everyone/*")));
        }

        @Test
        void readsWindowsLineEndingsAndTrailingSpaces() {
            ScopePolicy policy = read("scoped-group-auth-policy 1\r\ngroup ADMINS admin/* \r\ndefault everyone/*\r\n");

            assertThat(policy.groupScopes()).isEqualTo(Map.of("ADMINS", Set.of("admin/*")));
            assertThat(policy.defaultScopes()).containsExactly("everyone/*");
        }

        @Test
        void readsFileWithOnlyDefaults() {
            ScopePolicy policy = read(HEADER + "default everyone/* profile/read\n");

            assertThat(policy.groupScopes()).isEmpty();
            assertThat(policy.managedScopes()).containsExactlyInAnyOrder("everyone/*", "profile/read");
        }

        @Test
        void readsAThousandGroups() {
            // given a generated file with 1,000 groups, each with two scopes
            StringBuilder file = new StringBuilder(HEADER);
            for (int i = 0; i < 1_000; i++) {
                file.append("group GROUP-")
                        .append(i)
                        .append(" api-")
                        .append(i)
                        .append("/read api-")
                        .append(i)
                        .append("/write\n");
            }
            // and a client granted api-0/read (number 0) and api-999/write (number 1999)
            String environment = "4example7client9id=0,1999";

            // when
            ScopePolicy policy = read(file.toString(), environment);

            // then
            assertThat(policy.groupScopes())
                    .hasSize(1_000)
                    .containsEntry("GROUP-999", Set.of("api-999/read", "api-999/write"));
            assertThat(policy.managedScopes()).hasSize(2_000);
            assertThat(policy.clientGrants())
                    .isEqualTo(Map.of("4example7client9id", Set.of("api-0/read", "api-999/write")));
            ScopeDecision decision = policy.decide(
                    "4example7client9id", List.of("GROUP-999", "GROUP-500"), List.of("api-500/read", "api-0/read"));
            assertThat(decision.scopesToAdd()).containsExactly("api-999/write");
            assertThat(decision.scopesToSuppress()).containsExactly("api-0/read", "api-500/read");
        }
    }

    @Nested
    class Header {

        @Test
        void rejectsEmptyFile() {
            assertThatThrownBy(() -> readRaw("", "x"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf is empty; it must start with 'scoped-group-auth-policy 1'"
                            + " and end with 'end crc32c:<checksum>'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\n\n", "# only a comment\n", "   \n# another\n"})
        void rejectsSealedFileWithoutHeader(String body) {
            assertThatThrownBy(() -> read(body))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(
                            "scoped-group-auth.conf has no header; it must start with 'scoped-group-auth-policy 1'");
        }

        @Test
        void escapesControlCharactersOfAWrongHeader_inTheMessage() {
            assertThatThrownBy(() -> read("\u001b[2Kscoped-group-auth-policy 1\u200b\ngroup ADMINS admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 1: expected the header 'scoped-group-auth-policy 1'"
                            + " but found '\\u001B[2Kscoped-group-auth-policy 1\\u200B'");
        }

        @Test
        void rejectsFileWithoutHeader() {
            assertThatThrownBy(() -> read("# comment\ngroup ADMINS admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: expected the header 'scoped-group-auth-policy 1'"
                            + " but found 'group ADMINS admin/*'");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "scoped-group-auth-policy",
                    "scoped-group-auth-policy 1 extra",
                    "scoped-group-auth 1",
                    "SCOPED-GROUP-AUTH-POLICY 1"
                })
        void rejectsWrongHeader(String header) {
            assertThatThrownBy(() -> read(header + "\ngroup ADMINS admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 1: expected the header 'scoped-group-auth-policy 1'"
                            + " but found '" + header + "'");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2", "0", "1.0", "v1"})
        void rejectsUnsupportedVersion(String version) {
            assertThatThrownBy(() -> read("scoped-group-auth-policy " + version + "\ngroup ADMINS admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 1: format version '" + version + "' is not supported;"
                            + " this runtime reads version 1: use the runtime that ships with the construct that"
                            + " wrote the file");
        }
    }

    @Nested
    class Directives {

        @Test
        void rejectsUnknownDirective() {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS admin/*\ngroups EVERYONE everyone/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 3: unknown directive 'groups';"
                            + " expected 'group' or 'default'");
        }

        @Test
        void rejectsIndentedComment_asUnknownDirective() {
            assertThatThrownBy(() -> read(GROUPS + "  # indented\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(
                            "scoped-group-auth.conf line 4: unknown directive '#';" + " expected 'group' or 'default'");
        }

        @Test
        void rejectsTabAfterDirective_asUnknownDirective() {
            assertThatThrownBy(() -> read(HEADER + "group\tADMINS admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: unknown directive 'group\\u0009ADMINS';"
                            + " expected 'group' or 'default'");
        }

        @Test
        void rejectsGroupNameWithControlCharacter() {
            assertThatThrownBy(() -> read(HEADER + "group AD\u0007MINS admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: group name 'AD\\u0007MINS' contains whitespace or a"
                            + " control character; group names may contain letters, marks, symbols, numbers and"
                            + " punctuation only");
        }

        @Test
        void rejectsGroupWithoutScopes() {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: group 'ADMINS' has no scopes;"
                            + " give each group at least one scope");
        }

        @Test
        void rejectsGroupWithoutName() {
            assertThatThrownBy(() -> read(HEADER + "group\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: a group name is empty; give every group a name");
        }

        @Test
        void rejectsDuplicateGroup_namingTheFirstLine() {
            assertThatThrownBy(() -> read(GROUPS + "# again\ngroup ADMINS admin/read\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 5: group 'ADMINS' is already defined on line 2;"
                            + " give each group one line");
        }

        @Test
        void rejectsScopeWithoutSlash() {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS admin\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: scope 'admin' has no '/'; write scopes as"
                            + " 'identifier/scopeName', e.g. 'admin/*'");
        }

        @Test
        void rejectsScopeWithEmptyIdentifier() {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS /read\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: scope '/read' has an empty identifier; write scopes"
                            + " as 'identifier/scopeName', e.g. 'admin/*'");
        }

        @Test
        void rejectsScopeWithEmptyName() {
            assertThatThrownBy(() -> read(HEADER + "default admin/\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: scope 'admin/' has an empty scope name; write scopes"
                            + " as 'identifier/scopeName', e.g. 'admin/*'");
        }

        @ParameterizedTest
        @CsvSource(
                delimiter = '|',
                quoteCharacter = '`',
                value = {
                    "admin/\"all\"  | admin/\"all\"",
                    "admin\\x/read  | admin\\x/read",
                    "admin/x\u0007y | admin/x\\u0007y"
                })
        void rejectsScopeWithQuoteBackslashOrControlCharacter(String scope, String quoted) {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS " + scope + "\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: scope '" + quoted + "' contains whitespace,"
                            + " a control character, '\"' or '\\'; scopes may not contain them");
        }

        @Test
        void rejectsDoubleSpaceBetweenWords_asEmptyScope() {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS  admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: scope '' is empty;"
                            + " write scopes as 'identifier/scopeName'");
        }

        @Test
        void rejectsSecondDefaultLine() {
            assertThatThrownBy(() -> read(GROUPS + "default everyone/read\ndefault profile/read\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 5: a second 'default' line;"
                            + " put every default scope on one line");
        }

        @Test
        void acceptsEmptyDefaultLine_whenGroupsNameScopes() {
            ScopePolicy policy = read(GROUPS + "default\n");

            assertThat(policy.defaultScopes()).isEmpty();
            assertThat(policy.managedScopes()).containsExactlyInAnyOrder("admin/*", "everyone/*");
        }

        @Test
        void rejectsFileWithNoGroupAndNoDefaults() {
            assertThatThrownBy(() -> read("# nothing but the header\n" + HEADER))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf defines no group and no default scopes;"
                            + " a policy must manage at least one scope");
        }

        @Test
        void rejectsFileWhoseOnlyDefaultLineNamesNoScope() {
            assertThatThrownBy(() -> read(HEADER + "default\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf defines no group and no default scopes;"
                            + " a policy must manage at least one scope");
        }
    }

    @Nested
    class Grants {

        private static final String TIE = SealedPolicy.crc32c(GROUPS);
        private static final String NOT_SET = "SCOPED_GROUP_AUTH_CLIENTS is not set; set it to '" + TIE + ":*' to let"
                + " every app client receive managed scopes, or to '" + TIE + ":clientId=numbers' grants";

        @Test
        void rejectsPolicy_whenVariableIsUnset() {
            assertThatThrownBy(() -> read(GROUPS, null))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(NOT_SET);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t"})
        void rejectsPolicy_whenVariableIsBlank(String value) {
            assertThatThrownBy(() -> readRaw(SealedPolicy.seal(GROUPS), value))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(NOT_SET);
        }

        @Test
        void rejectsGrantDirective_inTheFile() {
            assertThatThrownBy(() -> read(GROUPS + "grant c0 admin/*\n"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 4: unknown directive 'grant';"
                            + " expected 'group' or 'default'");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "c1                       | c1",
                    "=0                       | =0",
                    "c1=                      | c1=",
                    "' c1 '                   | c1",
                    "*;c1=0                   | *",
                    "c1=0;                    | ''",
                    ";c1=0                    | ''"
                })
        void rejectsMalformedEntry(String value, String entry) {
            assertThatThrownBy(() -> read(GROUPS, value))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS entry '" + entry + "' is not 'clientId=numbers';"
                            + " separate entries with ';'");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(
                delimiter = '|',
                value = {
                    "c1=2          | 2",
                    "c1=0,2        | 2",
                    "c1=-1         | -1",
                    "c1=one        | one",
                    "c1=0,         | ''",
                    "c1=0,,1       | ''",
                    "c1=,0         | ''",
                    "c1=1 ,0       | '1 '",
                    "c1=0,c2=1     | c2=1",
                    "c1=1=0        | 1=0",
                    "c1=9999999999 | 9999999999"
                })
        void rejectsScopeNumberOutsideTheManagedScopes(String value, String number) {
            assertThatThrownBy(() -> read(GROUPS, value))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS entry for app client 'c1' has scope number '" + number
                            + "'; use '*' or numbers from 0 to 1, one per managed scope in ascending order");
        }

        @Test
        void checksTheFileBeforeTheVariable() {
            assertThatThrownBy(() -> read(HEADER + "group ADMINS\n", null))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: group 'ADMINS' has no scopes;"
                            + " give each group at least one scope");
        }

        @Test
        void rejectsClientGrantedTwice() {
            assertThatThrownBy(() -> read(GROUPS, ("4example7client9id=0;c2=1;4example7client9id=1")))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS grants app client '4example7client9id' twice;"
                            + " give each client one entry");
        }

        @Test
        void rejectsClientGrantedTwice_evenWithSameNumbers() {
            assertThatThrownBy(() -> read(GROUPS, ("c1=*;c1=*")))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS grants app client 'c1' twice; give each client one entry");
        }
    }

    @Nested
    class Integrity {

        private final String sealed = SealedPolicy.seal(GROUPS);
        private final String tie = SealedPolicy.grants(GROUPS, "*");

        @Test
        void rejectsByteOrderMark_insteadOfReportingAWrongHeader() {
            assertThatThrownBy(() -> readRaw("\uFEFF" + sealed, tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf starts with a byte-order mark (U+FEFF); write it as UTF-8"
                            + " without one");
        }

        @Test
        void rejectsInvalidUtf8_namingTheByte_insteadOfDecodingItToAReplacementCharacter() {
            // given a sealed file whose group name holds the lone byte 0xC3 (the start of a two-byte sequence)
            byte[] file = bytes(SealedPolicy.seal(HEADER + "group Xy admin/*\n"));
            int offset = HEADER.length() + "group X".length();
            file[offset] = (byte) 0xC3;

            assertThatThrownBy(() -> PolicyFile.read(file, Map.of(PolicyFormat.CLIENTS_VARIABLE, "x")))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf is not valid UTF-8: byte " + offset + " is malformed; the"
                            + " file must be UTF-8 text as the ScopedGroupAuth construct writes it");
        }

        @ParameterizedTest(name = "cut after {0} lines")
        @ValueSource(ints = {1, 2, 3})
        void rejectsFileCutAtALineBoundary_ratherThanLoadingItWithGroupsMissing(int lines) {
            String cut = String.join("\n", List.of(sealed.split("\n")).subList(0, lines)) + "\n";

            assertThatThrownBy(() -> readRaw(cut, tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(INCOMPLETE);
        }

        @ParameterizedTest(name = "cut to {0} characters")
        @ValueSource(ints = {10, 40, 60})
        void rejectsFileCutWithinALine(int length) {
            assertThatThrownBy(() -> readRaw(sealed.substring(0, length), tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(INCOMPLETE);
        }

        @Test
        void rejectsFileCutWithinTheChecksum() {
            assertThatThrownBy(() -> readRaw(sealed.substring(0, sealed.length() - 2) + "\n", tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(INCOMPLETE);
        }

        @Test
        void rejectsLineAfterTheSeal() {
            assertThatThrownBy(() -> readRaw(sealed + "group ROOT admin/*\n", tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(INCOMPLETE);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "upper-case hex",
                    "a line feed and carriage return",
                    "no final line break",
                    "an empty line after it",
                    "the seal twice",
                    "the seal first"
                })
        void rejectsASealThatIsNotTheLastLineExactlyAsWritten(String change) {
            // A body whose checksum has hex letters, so that upper case differs from lower case.
            String body = GROUPS + "default profile/read\n";
            String sealed = SealedPolicy.seal(body);
            String tie = SealedPolicy.grants(body, "*");
            String seal = sealed.substring(body.length());
            String file = switch (change) {
                case "upper-case hex" ->
                    body + "end crc32c:" + SealedPolicy.crc32c(body).toUpperCase() + "\n";
                case "a line feed and carriage return" -> sealed.replace(seal, seal.strip() + "\r\n");
                case "no final line break" -> sealed.strip();
                case "an empty line after it" -> sealed + "\n";
                case "the seal twice" -> sealed + seal;
                default -> seal + body;
            };
            assertThat(SealedPolicy.crc32c(body)).isEqualTo("4012bd86");

            // Sealed twice, the last line is a well-formed seal, but of a body without the first seal line.
            assertThatThrownBy(() -> readRaw(file, tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage(
                            change.equals("the seal twice")
                                    ? "scoped-group-auth.conf does not match the checksum on its last line: it was"
                                            + " changed after the ScopedGroupAuth construct wrote it; redeploy the"
                                            + " function code the construct wrote"
                                    : INCOMPLETE);
        }

        @ParameterizedTest(name = "tie ''{0}''")
        @ValueSource(strings = {"upper", "short", "long", "empty"})
        void rejectsATieThatIsNotTheFilesChecksumExactly(String change) {
            String body = GROUPS + "default profile/read\n";
            String sealed = SealedPolicy.seal(body);
            String checksum = SealedPolicy.crc32c(body);
            String written = switch (change) {
                case "upper" -> checksum.toUpperCase();
                case "short" -> checksum.substring(1);
                case "long" -> checksum + "0";
                default -> "";
            };

            assertThatThrownBy(() -> readRaw(sealed, written + ":*"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS was written for policy file '" + written + "', but this"
                            + " function's scoped-group-auth.conf is '" + checksum + "'; scope numbers would name"
                            + " other scopes: deploy the variable and the function code together (redeploy the"
                            + " stack) rather than editing either by hand");
        }

        @Test
        void rejectsFileEditedAfterSealing() {
            String edited = sealed.replace("group EVERYONE everyone/*", "group EVERYONE admin/*");

            assertThatThrownBy(() -> readRaw(edited, tie))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf does not match the checksum on its last line: it was changed"
                            + " after the ScopedGroupAuth construct wrote it; redeploy the function code the"
                            + " construct wrote");
        }

        @Test
        void rejectsGrantsWrittenForAnotherPolicyFile_ratherThanRetargetingScopeNumbers() {
            // given grants written for a file where number 0 was everyone/*, read with a file where it is admin/*
            String other = HEADER + "group EVERYONE everyone/*\n";
            String otherTie = SealedPolicy.crc32c(other);

            assertThatThrownBy(() -> readRaw(sealed, SealedPolicy.grants(other, "web=0")))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS was written for policy file '" + otherTie + "', but this"
                            + " function's scoped-group-auth.conf is '"
                            + SealedPolicy.crc32c(GROUPS)
                            + "'; scope numbers would name other scopes: deploy the variable and the function code"
                            + " together (redeploy the stack) rather than editing either by hand");
        }

        @Test
        void rejectsGrantsWithoutTheFileChecksum() {
            assertThatThrownBy(() -> readRaw(sealed, "*"))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS '*' does not start with the checksum of the policy file it"
                            + " numbers; expected '"
                            + SealedPolicy.crc32c(GROUPS) + ":' before the"
                            + " grants: deploy the variable and the function code together (redeploy the stack)");
        }

        @Test
        void escapesControlCharactersOfAMalformedGrant_inTheMessage() {
            assertThatThrownBy(() -> readRaw(sealed, SealedPolicy.grants(GROUPS, "web\n=0\u001b")))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("SCOPED_GROUP_AUTH_CLIENTS entry for app client 'web\\u000A' has scope number"
                            + " '0\\u001B'; use '*' or numbers from 0 to 1, one per managed scope in ascending order");
        }

        private static final String INCOMPLETE = "scoped-group-auth.conf is incomplete: its last line must be"
                + " 'end crc32c:<8 lowercase hex digits>' followed by a line break, but the file was cut short or"
                + " edited; redeploy the function code the ScopedGroupAuth construct wrote";
    }

    @Nested
    class Loading {

        @Test
        void rejectsMissingResource() {
            ClassLoader empty = new ClassLoader(null) {};

            assertThatThrownBy(() -> PolicyFile.load(empty, Map.of()))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf is not on the classpath; package it at the root of the"
                            + " function code (the ScopedGroupAuth construct does this)");
        }

        @Test
        void readsResourceAsUtf8_andBindsGrantsFromTheGivenEnvironment() {
            // given a class loader serving a policy file with a non-ASCII group name
            String file = HEADER + "group Équipe-Ünïcødé equipe/read\ndefault equipe/ecrire\n";
            ClassLoader loader = serving(bytes(SealedPolicy.seal(file)));
            Map<String, String> environment = new HashMap<>();
            environment.put(PolicyFormat.CLIENTS_VARIABLE, SealedPolicy.grants(file, "4example7client9id=1"));

            // when
            ScopePolicy policy = PolicyFile.load(loader, environment);

            // then
            assertThat(policy.groupScopes()).isEqualTo(Map.of("Équipe-Ünïcødé", Set.of("equipe/read")));
            assertThat(policy.defaultScopes()).containsExactly("equipe/ecrire");
            assertThat(policy.clientGrants()).isEqualTo(Map.of("4example7client9id", Set.of("equipe/read")));
        }

        @Test
        void rejectsScopesOutsidePrintableAscii_whichCognitoRefuses() {
            ClassLoader loader = serving(bytes(SealedPolicy.seal(HEADER + "group EQUIPE équipe/read\n")));

            assertThatThrownBy(() -> PolicyFile.load(loader, Map.of()))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessage("scoped-group-auth.conf line 2: scope 'équipe/read' contains a character outside"
                            + " printable ASCII; Cognito scopes allow only printable ASCII characters");
        }

        @Test
        void reportsMalformedResource_asInvalidPolicy() {
            ClassLoader loader = serving(bytes(SealedPolicy.seal("scoped-group-auth-policy 2\n")));

            assertThatThrownBy(() -> PolicyFile.load(loader, Map.of()))
                    .isInstanceOf(InvalidPolicyException.class)
                    .hasMessageStartingWith("scoped-group-auth.conf line 1: format version '2' is not supported;");
        }

        @Test
        void wrapsReadFailure_inUncheckedIoException() {
            IOException failure = new IOException("disk gone");
            ClassLoader loader = new ClassLoader(null) {
                @Override
                public InputStream getResourceAsStream(String name) {
                    return new InputStream() {
                        @Override
                        public int read() throws IOException {
                            throw failure;
                        }
                    };
                }
            };

            assertThatThrownBy(() -> PolicyFile.load(loader, Map.of()))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("cannot read scoped-group-auth.conf")
                    .hasCause(failure);
        }

        private ClassLoader serving(byte[] content) {
            return new ClassLoader(null) {
                @Override
                public InputStream getResourceAsStream(String name) {
                    return PolicyFormat.FILE_NAME.equals(name) ? new ByteArrayInputStream(content) : null;
                }
            };
        }
    }
}
