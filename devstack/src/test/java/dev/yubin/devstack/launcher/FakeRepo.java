package dev.yubin.devstack.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** A checkout whose four service jars are {@link FakeService}. */
final class FakeRepo {

    private FakeRepo() {}

    static Path create(Path root) throws IOException, URISyntaxException {
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String packagePath = FakeService.class.getPackageName().replace('.', '/');
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        for (String service : Services.ALL) {
            Path jar = root.resolve(service).resolve("target").resolve(service + ".jar");
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar);
                 JarOutputStream out = new JarOutputStream(file, manifest);
                 Stream<Path> entries = Files.list(classes.resolve(packagePath))) {
                for (Path cls : entries.filter(p -> p.getFileName().toString().startsWith("FakeService")).toList()) {
                    out.putNextEntry(new JarEntry(packagePath + "/" + cls.getFileName()));
                    out.write(Files.readAllBytes(cls));
                    out.closeEntry();
                }
            }
        }
        return root;
    }
}
