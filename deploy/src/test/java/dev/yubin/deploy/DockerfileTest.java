package dev.yubin.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/docker/Dockerfile: the image every service runs in. */
class DockerfileTest {

    private static final String FILE = "deploy/docker/Dockerfile";
    private static final Pattern PINNED_TEMURIN = Pattern.compile("eclipse-temurin:17\\.0\\.\\d+_\\d+-jre(-[a-z]+)?");

    private final Dockerfile dockerfile = Dockerfile.parse(Repo.read(FILE));
    private final Dockerfile image = dockerfile.finalStage();

    @Test
    void everyStageStartsFromAJava17JreImagePinnedToAPatchRelease() {
        List<String> froms = dockerfile.all("FROM");
        assertThat(froms).as("FROM lines").isNotEmpty();
        for (String from : froms) {
            String imageName = from.split("\\s+")[0];
            assertThat(imageName).as("base image of '%s': no ARG, no latest, a pinned Temurin 17 JRE tag", from)
                    .matches(PINNED_TEMURIN);
        }
    }

    @Test
    void runsAsANumericNonRootUser() {
        List<String> users = image.all("USER");
        assertThat(users).as("USER in the final stage").isNotEmpty();
        String user = users.get(users.size() - 1).split(":")[0];
        // numeric, so that Kubernetes' runAsNonRoot can verify it; the manifests use the same uid
        assertThat(user).as("USER").matches("\\d+");
        assertThat(Integer.parseInt(user)).as("uid").isNotZero();
        assertThat(Integer.parseInt(user)).as("uid of deploy/k8s securityContext.runAsUser").isEqualTo(10001);
    }

    @Test
    void healthCheckAsksTheReadinessProbe() {
        List<String> checks = image.all("HEALTHCHECK");
        assertThat(checks).as("HEALTHCHECK").hasSize(1);
        String check = checks.get(0);
        assertThat(check).contains("CMD").contains("/actuator/health/readiness").contains("--interval=");
        // the JRE base image has wget (Ubuntu); it fails on the 503 readiness answers when not ready
        assertThat(check).contains("wget").contains("${SERVER_PORT}");
        assertThat(image.env()).containsEntry("SERVER_PORT", String.valueOf(Contract.HTTP_PORT));
    }

    @Test
    void everyListenerOfTheContractIsAnUnprivilegedPortSetByItsVariableAndExposed() {
        Set<Integer> exposed = image.all("EXPOSE").stream()
                .flatMap(arguments -> Arrays.stream(arguments.split("\\s+")))
                .map(port -> Integer.parseInt(port.replace("/tcp", "")))
                .collect(Collectors.toSet());
        var env = image.env();
        assertThat(exposed).as("EXPOSE").contains(Contract.HTTP_PORT);
        for (Contract.Listener listener : Contract.LISTENERS) {
            assertThat(env).as("ENV of %s %s", listener.service(), listener.name())
                    .containsEntry(listener.variable(), String.valueOf(listener.containerPort()));
            assertThat(listener.containerPort()).as("%s inside the container", listener.name()).isGreaterThan(1023);
            assertThat(exposed).as("EXPOSE of %s (%s)", listener.name(), listener.service())
                    .contains(listener.containerPort());
        }
    }

    @Test
    void theJarIsSplitIntoSpringBootLayersAndStartedByTheLauncher() {
        String run = String.join("\n", dockerfile.all("RUN"));
        assertThat(run).contains("java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted");
        List<String> copies = image.all("COPY");
        List<String> layers = copies.stream()
                .filter(c -> c.startsWith("--from="))
                .map(c -> c.replaceAll(".*/extracted/([a-z-]+)/.*", "$1"))
                .toList();
        // least to most often changed, so that a code change rebuilds only the last layer
        assertThat(layers).containsExactly("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");
        List<String> entrypoint = image.all("ENTRYPOINT");
        assertThat(entrypoint).as("exec-form ENTRYPOINT: java is PID 1 and gets SIGTERM")
                .containsExactly("[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
    }

    @Test
    void theBuildContextCarriesEachServiceJarAndNothingElse() {
        assertThat(dockerfile.all("ARG")).contains("SERVICE");
        assertThat(dockerfile.all("COPY")).contains("${SERVICE}/target/${SERVICE}.jar app.jar");
        List<String> ignore = Repo.read(".dockerignore").lines()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ignore.get(0)).as("first .dockerignore rule excludes everything").isEqualTo("**");
        for (String service : Contract.SERVICES) {
            assertThat(ignore).contains("!" + service + "/target/" + service + ".jar");
        }
    }

    /**
     * The extraction the image build runs, run here on a real service jar: the layer folders
     * the COPY lines name exist and the ENTRYPOINT's class is in the loader layer.
     */
    @Test
    void theExtractionCommandWorksOnARealServiceJar(@TempDir Path work) throws Exception {
        Path jar = Repo.path("mta-service/target/mta-service.jar");
        if (!Files.isRegularFile(jar)) {
            fail("%s is missing: the full build (mvn verify) packages the services before this module; "
                    + "alone, run mvn -DskipTests package first", jar);
        }
        Path copy = Files.copy(jar, work.resolve("app.jar"));
        String extract = dockerfile.all("RUN").stream().filter(r -> r.startsWith("java -Djarmode=tools"))
                .findFirst().orElseThrow();
        Matcher destination = Pattern.compile("--destination (\\S+)").matcher(extract);
        assertThat(destination.find()).isTrue();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djarmode=tools", "-jar", copy.getFileName().toString(),
                "extract", "--layers", "--launcher", "--destination", destination.group(1));
        Tools.run(work, command).assertSuccess();
        Path extracted = work.resolve(destination.group(1));
        for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
            assertThat(extracted.resolve(layer)).as("layer %s", layer).isDirectory();
        }
        assertThat(extracted.resolve("spring-boot-loader/org/springframework/boot/loader/launch/JarLauncher.class"))
                .isRegularFile();
        assertThat(extracted.resolve("application/BOOT-INF/classes")).isDirectory();
        assertThat(extracted.resolve("dependencies/BOOT-INF/lib")).isDirectory();
    }
}
