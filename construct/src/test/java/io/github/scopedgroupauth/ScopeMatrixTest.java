package io.github.scopedgroupauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.scopedgroupauth.runtime.PolicyFile;
import io.github.scopedgroupauth.runtime.ScopePolicy;
import io.github.scopedgroupauth.runtime.policy.PolicyFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Stage;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolOperation;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;

/** The scope matrix: decided like the function, and written into the cloud assembly at each synthesis. */
class ScopeMatrixTest {

    private static final String WEB = "Test/Pool/Web";

    @Test
    void limitsEachGroupsScopesAndTheDefaults_toEachClientsGrant() {
        Fixture given = new Fixture();
        UserPoolClient reports = given.client("Reports");
        ScopedGroupAuth auth = given.auth()
                .defaultScopes(List.of("profile/read"))
                .clients(List.of(given.web))
                .build();
        auth.grant(reports, List.of("admin/*"));

        ScopeMatrix matrix = auth.scopeMatrix();

        assertThat(matrix.getClients()).containsExactly("Test/Pool/Reports", WEB);
        assertThat(matrix.getGroups()).containsExactly("ADMINS", "EVERYONE");
        assertThat(matrix.scopes(WEB, "ADMINS")).containsExactly("admin/*", "profile/read");
        assertThat(matrix.scopes(WEB, "EVERYONE")).containsExactly("everyone/*", "profile/read");
        assertThat(matrix.scopesWithoutGroup(WEB)).containsExactly("profile/read");
        assertThat(matrix.scopes("Test/Pool/Reports", "ADMINS")).containsExactly("admin/*");
        assertThat(matrix.scopes("Test/Pool/Reports", "EVERYONE")).isEmpty();
        assertThat(matrix.scopesWithoutGroup("Test/Pool/Reports")).isEmpty();
        assertThat(matrix.getMachineClients()).isEmpty();
    }

    @Test
    void hasOneRowForAnyClient_whenNoClientIsGranted() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();

        ScopeMatrix matrix = auth.scopeMatrix();

        assertThat(matrix.getClients()).containsExactly(ScopeMatrix.ANY_CLIENT);
        assertThat(matrix.scopes(ScopeMatrix.ANY_CLIENT, "ADMINS")).containsExactly("admin/*");
        assertThat(matrix.scopesWithoutGroup(ScopeMatrix.ANY_CLIENT)).isEmpty();
        assertThat(matrix.toMarkdown()).contains("| Group | Any client (none granted) |\n");
    }

    @Test
    void listsMachineClientsApart_withTheScopesGrantedToThem() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();
        UserPoolClient machine = given.machineClient(List.of());
        auth.grant(machine, List.of("everyone/*"));

        ScopeMatrix matrix = auth.scopeMatrix();

        assertThat(matrix.getClients()).containsExactly(WEB);
        assertThat(matrix.getMachineClients()).containsExactly("Test/Pool/Machine");
        assertThat(matrix.machineScopes("Test/Pool/Machine")).containsExactly("everyone/*");
        assertThat(matrix.toMarkdown())
                .endsWith("## Client credentials clients\n\n"
                        + "No user and no group: their tokens may carry every managed scope the client allows,"
                        + " granted or listed by the client itself.\n\n"
                        + "| Client | Scopes |\n"
                        + "| --- | --- |\n"
                        + "| `Test/Pool/Machine` | `everyone/*` |\n");
        assertThatThrownBy(() -> matrix.scopes("Test/Pool/Machine", "ADMINS"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client 'Test/Pool/Machine' is not in the scope matrix; its clients: [Test/Pool/Web]"
                        + " (it is a machine client)");
    }

    @Test
    void listsTheManagedScopesAMachineClientAllowsItself_besideItsGrant() {
        // The trigger leaves machine tokens as requested, so a scope the client lists itself reaches them too.
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();
        UserPoolClient machine =
                given.machineClient(List.of(OAuthScope.custom("admin/*"), OAuthScope.custom("openid")));
        auth.grant(machine, List.of("everyone/*"));

        ScopeMatrix matrix = auth.scopeMatrix();

        assertThat(matrix.machineScopes("Test/Pool/Machine")).containsExactly("admin/*", "everyone/*");
    }

    @Test
    void listsAManagedScopeAMachineClientAllowsThroughItsResourceServer() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        UserPoolClient machine = given.machineClient(auth.oauthScopesFor("ADMINS"));
        auth.grant(machine, List.of("everyone/*"));

        // then: the matrix shows what its tokens would carry; synthesis refuses admin/* beyond the grant
        assertThat(auth.scopeMatrix().machineScopes("Test/Pool/Machine")).containsExactly("admin/*", "everyone/*");
    }

    @Test
    void namesTheKnownOnes_whenAskedForAnUnknownGroupOrClient() {
        ScopeMatrix matrix = new Fixture().auth().build().scopeMatrix();

        assertThatThrownBy(() -> matrix.scopes(ScopeMatrix.ANY_CLIENT, "admins"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("group 'admins' is not in the scope matrix; its groups: [ADMINS, EVERYONE]");
        assertThatThrownBy(() -> matrix.scopesWithoutGroup("Test/Pool/Web"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("client 'Test/Pool/Web' is not in the scope matrix; its clients: [*]");
        assertThatThrownBy(() -> matrix.machineScopes("*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'*' is not a client credentials client of the scope matrix; its machine clients: []");
    }

    @Test
    void writesTheMarkdownAndJsonIntoTheCloudAssembly_atSynthesis() throws IOException {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();

        Path assembly = Path.of(given.app.synth().getDirectory());

        assertThat(auth.getScopeMatrixMarkdownFile()).isEqualTo("Test.Auth.scope-matrix.md");
        assertThat(auth.getScopeMatrixJsonFile()).isEqualTo("Test.Auth.scope-matrix.json");
        assertThat(Files.readString(assembly.resolve("Test.Auth.scope-matrix.md")))
                .isEqualTo("# Scope matrix of `Test/Auth`\n\n"
                        + "Written by ScopedGroupAuth at synthesis; do not edit. Each cell lists the managed scopes in"
                        + " the access token of a member of the row's group who signs in through the column's app"
                        + " client, whatever scopes were requested. A user in several groups gets the union of their"
                        + " rows; scopes no group or default names are left as requested.\n\n"
                        + "| Group | `Test/Pool/Web` |\n"
                        + "| --- | --- |\n"
                        + "| (no group) | none |\n"
                        + "| `ADMINS` | `admin/*` |\n"
                        + "| `EVERYONE` | `everyone/*` |\n");
        assertThat(Files.readString(assembly.resolve("Test.Auth.scope-matrix.json")))
                .isEqualTo("{\n"
                        + "  \"construct\": \"Test/Auth\",\n"
                        + "  \"template\": {\n"
                        + "    \"stack\": \"Test\",\n"
                        + "    \"file\": \"Test.template.json\",\n"
                        + "    \"functionCodeAssetHash\": \"" + codeAssetHash(auth) + "\",\n"
                        + "    \"policyTie\": \"" + policyTie(assembly) + "\"\n"
                        + "  },\n"
                        + "  \"groups\": [\"ADMINS\", \"EVERYONE\"],\n"
                        + "  \"clients\": {\n"
                        + "    \"Test/Pool/Web\": {\n"
                        + "      \"noGroup\": [],\n"
                        + "      \"groups\": {\n"
                        + "        \"ADMINS\": [\"admin/*\"],\n"
                        + "        \"EVERYONE\": [\"everyone/*\"]\n"
                        + "      }\n"
                        + "    }\n"
                        + "  },\n"
                        + "  \"machineClients\": {}\n"
                        + "}\n");
    }

    @Test
    void writesGrantsMadeAfterConstruction() throws IOException {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();
        auth.grant(given.client("Admin"), List.of("admin/*"));

        Path assembly = Path.of(given.app.synth().getDirectory());

        assertThat(Files.readString(assembly.resolve(auth.getScopeMatrixMarkdownFile())))
                .contains("| Group | `Test/Pool/Admin` | `Test/Pool/Web` |\n")
                .contains("| `EVERYONE` | none | `everyone/*` |\n")
                .isEqualTo(auth.scopeMatrix().toMarkdown());
    }

    @Test
    void widensOnlyTheLineOfTheGroupThatGainsAScope() {
        Map<String, List<String>> before = Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*"));
        Map<String, List<String>> after =
                Map.of("ADMINS", List.of("admin/*"), "EVERYONE", List.of("everyone/*", "admin/*"));

        List<String> linesBefore = markdownLines(before);
        List<String> linesAfter = markdownLines(after);

        assertThat(linesAfter).hasSameSizeAs(linesBefore);
        List<String> changed =
                linesAfter.stream().filter(line -> !linesBefore.contains(line)).toList();
        assertThat(changed).containsExactly("| `EVERYONE` | `admin/*` `everyone/*` |");
    }

    private static List<String> markdownLines(Map<String, List<String>> groupScopes) {
        Fixture given = new Fixture();
        return given.auth()
                .groupScopes(groupScopes)
                .clients(List.of(given.web))
                .build()
                .scopeMatrix()
                .toMarkdown()
                .lines()
                .toList();
    }

    @Test
    void replacesALinkPlantedUnderTheFilesName_withoutWritingThroughIt() throws IOException {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        Path outdir = Path.of(given.app.getOutdir());
        Path victim = Files.createTempFile("victim", ".txt");
        Files.writeString(victim, "precious");
        Files.createSymbolicLink(outdir.resolve(auth.getScopeMatrixMarkdownFile()), victim);

        given.app.synth();

        assertThat(Files.readString(victim)).isEqualTo("precious");
        Path written = outdir.resolve(auth.getScopeMatrixMarkdownFile());
        assertThat(Files.isSymbolicLink(written)).isFalse();
        assertThat(Files.isRegularFile(written, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readString(written, StandardCharsets.UTF_8))
                .isEqualTo(auth.scopeMatrix().toMarkdown());
        Files.delete(victim);
    }

    @Test
    void validatingTheConstruct_writesNoFile_becauseAValidationOnlyReports() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();

        List<String> problems = auth.getNode().validate();

        assertThat(problems).isEmpty();
        assertThat(Path.of(given.app.getOutdir()).resolve(auth.getScopeMatrixMarkdownFile()))
                .doesNotExist();
    }

    @Test
    void writesNoMatrix_whenTheLateChecksFail() {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().build();
        given.pool.addTrigger(
                UserPoolOperation.PRE_TOKEN_GENERATION,
                Function.Builder.create(given.stack, "Other")
                        .runtime(Runtime.NODEJS_22_X)
                        .handler("index.handler")
                        .code(Code.fromInline("exports.handler = async (e) => e;"))
                        .build());

        assertThatThrownBy(() -> given.app.synth()).hasMessageContaining("V1_0 pre token generation trigger");
        assertThat(Path.of(given.app.getOutdir()).resolve(auth.getScopeMatrixMarkdownFile()))
                .doesNotExist();
    }

    @Test
    void escapesTableCellsAndCodeSpans_forGroupNamesWithPipesAndBackticks() {
        Fixture given = new Fixture();
        ScopeMatrix matrix = given.auth()
                .groupScopes(Map.of("a|b`c", List.of("x/y")))
                .build()
                .scopeMatrix();

        assertThat(matrix.toMarkdown()).contains("| ``a\\|b`c`` | `x/y` |\n");
        assertThat(matrix.toJson()).contains("\"a|b`c\": [\"x/y\"]");
    }

    @Test
    void showsAnEmojiGroupName_asItself() {
        Fixture given = new Fixture();
        ScopeMatrix matrix = given.auth()
                .groupScopes(Map.of("\uD83D\uDE00", List.of("x/a")))
                .build()
                .scopeMatrix();

        assertThat(matrix.toMarkdown()).contains("| `\uD83D\uDE00` | `x/a` |\n");
    }

    @Test
    void recordsTheTemplateItDescribes_byWhatThatTemplateHolds() throws IOException {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth().clients(List.of(given.web)).build();

        Path assembly = Path.of(given.app.synth().getDirectory());

        JsonNode recorded = new ObjectMapper()
                .readTree(assembly.resolve(auth.getScopeMatrixJsonFile()).toFile())
                .get("template");
        assertThat(recorded.get("stack").asText()).isEqualTo("Test");
        assertThat(recorded.get("file").asText()).isEqualTo("Test.template.json");
        JsonNode function =
                triggerFunction(assembly.resolve(recorded.get("file").asText()));
        assertThat(function.at("/Properties/Code/S3Key").asText())
                .isEqualTo(recorded.get("functionCodeAssetHash").asText() + ".zip");
        assertThat(clientsVariableStart(function))
                .startsWith(recorded.get("policyTie").asText() + ":");
    }

    @Test
    void recordsDifferentTemplates_forAppsWithDifferentPolicies() {
        ScopeMatrix first = new Fixture().auth().build().scopeMatrix();
        ScopeMatrix second = new Fixture()
                .auth()
                .groupScopes(Map.of("ADMINS", List.of("admin/*")))
                .build()
                .scopeMatrix();

        assertThat(templateOf(first).get("functionCodeAssetHash"))
                .isNotEqualTo(templateOf(second).get("functionCodeAssetHash"));
        assertThat(templateOf(first).get("policyTie"))
                .isNotEqualTo(templateOf(second).get("policyTie"));
    }

    private static JsonNode templateOf(ScopeMatrix matrix) {
        try {
            return new ObjectMapper().readTree(matrix.toJson()).get("template");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String codeAssetHash(ScopedGroupAuth auth) {
        return ((software.amazon.awscdk.services.s3.assets.Asset)
                        auth.getFunction().getNode().findChild("Code"))
                .getAssetHash();
    }

    private static String policyTie(Path assembly) throws IOException {
        String start = clientsVariableStart(triggerFunction(assembly.resolve("Test.template.json")));
        return start.substring(0, start.indexOf(':'));
    }

    private static JsonNode triggerFunction(Path template) throws IOException {
        JsonNode resources = new ObjectMapper().readTree(template.toFile()).get("Resources");
        List<JsonNode> functions = new java.util.ArrayList<>();
        resources.forEach(resource -> {
            if (resource.at("/Properties/Environment/Variables/SCOPED_GROUP_AUTH_CLIENTS")
                    .isMissingNode()) {
                return;
            }
            functions.add(resource);
        });
        assertThat(functions).hasSize(1);
        return functions.get(0);
    }

    /** The variable's literal start: the whole value without grants, the first part of its Fn::Join with them. */
    private static String clientsVariableStart(JsonNode function) {
        JsonNode value = function.at("/Properties/Environment/Variables/SCOPED_GROUP_AUTH_CLIENTS");
        return value.isTextual() ? value.asText() : value.at("/Fn::Join/1/0").asText();
    }

    @Test
    void keepsTheTableWellFormedAndTheJsonValid_whateverTheGroupsAndClientsAreNamed() throws IOException {
        Fixture given = new Fixture();
        UserPoolClient odd = given.client("We|b`\"\\ | x |");
        Map<String, List<String>> groups = new TreeMap<>();
        List.of("a|b", "`", "``", "\\", "\\|", "\"", "<b>", "\uD83D\uDE00", "-", "#")
                .forEach(group -> groups.put(group, List.of("x/" + groups.size())));
        ScopedGroupAuth auth =
                given.auth().groupScopes(groups).clients(List.of(odd)).build();
        ScopeMatrix matrix = auth.scopeMatrix();

        List<String> table =
                matrix.toMarkdown().lines().filter(line -> line.startsWith("|")).toList();
        assertThat(table).hasSize(3 + groups.size());
        // GitHub's tables split cells at each | that has no \ before it: three per row of two columns.
        assertThat(table)
                .allSatisfy(line -> assertThat(line.replace("\\|", "").chars().filter(c -> c == '|'))
                        .hasSize(3));
        JsonNode json = new ObjectMapper().readTree(matrix.toJson());
        String client = "Test/Pool/We|b`\"\\ | x |";
        assertThat(json.get("construct").asText()).isEqualTo("Test/Auth");
        assertThat(json.get("groups")).extracting(JsonNode::asText).containsExactlyElementsOf(groups.keySet());
        groups.keySet()
                .forEach(group -> assertThat(
                                json.get("clients").get(client).get("groups").get(group))
                        .extracting(JsonNode::asText)
                        .containsExactlyElementsOf(matrix.scopes(client, group)));
    }

    @Test
    void decidesLikeThePolicyTheFunctionReadsFromTheAssembly() throws IOException {
        Fixture given = new Fixture();
        ScopedGroupAuth auth = given.auth()
                .groupScopes(Map.of("A", List.of("a/1", "s/1"), "B", List.of("b/1", "s/1"), "C", List.of("d/1")))
                .defaultScopes(List.of("d/1", "d/2"))
                .clients(List.of(given.web))
                .build();
        auth.grant(given.web, List.of("a/1"));
        auth.grant(given.client("Mobile"), List.of("s/1", "d/2"));
        ScopePolicy deployed = deployedPolicy(given, Map.of("PoolWeb", "w", "PoolMobile", "m"));
        Map<String, String> clientIds = Map.of(WEB, "w", "Test/Pool/Mobile", "m");
        List<String> everyScope = List.copyOf(deployed.managedScopes());

        ScopeMatrix matrix = auth.scopeMatrix();

        assertThat(matrix.getClients()).containsExactlyInAnyOrderElementsOf(clientIds.keySet());
        for (String client : matrix.getClients()) {
            String id = clientIds.get(client);
            for (String group : matrix.getGroups()) {
                assertThat(matrix.scopes(client, group))
                        .isEqualTo(
                                deployed.decide(id, List.of(group), everyScope).tokenScopes());
            }
            assertThat(matrix.scopesWithoutGroup(client))
                    .isEqualTo(deployed.decide(id, List.of(), everyScope).tokenScopes());
        }
    }

    @SuppressWarnings("unchecked")
    private static ScopePolicy deployedPolicy(Fixture given, Map<String, String> clientIds) throws IOException {
        Path assembly = Path.of(given.app.synth().getDirectory());
        Map<String, Object> properties = (Map<String, Object>) given.template()
                .findResources("AWS::Lambda::Function")
                .values()
                .iterator()
                .next()
                .get("Properties");
        String s3Key = (String) ((Map<String, Object>) properties.get("Code")).get("S3Key");
        Map<String, Object> variables =
                (Map<String, Object>) ((Map<String, Object>) properties.get("Environment")).get("Variables");
        return PolicyFile.read(
                Files.readAllBytes(
                        assembly.resolve("asset." + s3Key.replace(".zip", "")).resolve(PolicyFormat.FILE_NAME)),
                Map.of(
                        PolicyFormat.CLIENTS_VARIABLE,
                        Substitution.resolve(variables.get(PolicyFormat.CLIENTS_VARIABLE), clientIds)));
    }

    @Test
    void writesEachMatrixIntoTheAssemblyOfItsOwnStage() {
        App app = new App();
        Stage inner = new Stage(new Stage(app, "Outer"), "Inner");
        Stack stack = new Stack(inner, "S");
        ScopedGroupAuth auth = ScopedGroupAuth.Builder.create(stack, "Auth")
                .userPool(UserPool.Builder.create(stack, "Pool").build())
                .groupScopes(Fixture.ADMINS_AND_EVERYONE)
                .build();

        Path assembly = Path.of(app.synth().getDirectory());

        assertThat(assembly.resolve("assembly-Outer/assembly-Outer-Inner/Outer.Inner.S.Auth.scope-matrix.json"))
                .isRegularFile();
        assertThat(assembly.resolve(auth.getScopeMatrixJsonFile())).doesNotExist();
    }

    @Test
    void isTheSameMatrixForTheSameConfiguration() {
        Fixture one = new Fixture();
        Fixture two = new Fixture();

        ScopeMatrix first = one.auth().clients(List.of(one.web)).build().scopeMatrix();
        ScopeMatrix second = two.auth().clients(List.of(two.web)).build().scopeMatrix();

        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first.toJson()).isEqualTo(second.toJson());
    }
}
