package samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.errorprone.BugPattern;
import com.google.errorprone.bugpatterns.BugChecker;
import dev.cancelguard.analysis.DocLinks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The README and docs/ stay in step with the registered checks and the tested Maven snippet. */
class DocsTest {
  private static final Path REPO = Path.of("..");

  @Test
  void everyCheckHasADocsPageAReadmeRowAndItsLink() throws IOException {
    String readme = Files.readString(REPO.resolve("README.md"), UTF_8);
    int checks = 0;
    for (ServiceLoader.Provider<BugChecker> provider :
        ServiceLoader.load(BugChecker.class).stream().toList()) {
      Class<? extends BugChecker> type = provider.type();
      if (!type.getPackageName().startsWith("dev.cancelguard")) {
        continue;
      }
      checks++;
      String name = type.getSimpleName();
      BugPattern pattern = type.getAnnotation(BugPattern.class);
      assertTrue(Files.isRegularFile(REPO.resolve("docs/" + name + ".md")), "no docs/" + name);
      assertTrue(
          readme.contains("| [" + name + "](docs/" + name + ".md) |"), "no README row: " + name);
      assertEquals(DocLinks.BASE + name + ".md", pattern.link(), name + " @BugPattern link");
      assertEquals(BugPattern.LinkType.CUSTOM, pattern.linkType(), name + " linkType");
    }
    assertTrue(checks > 0, "no CancelGuard check registered through META-INF/services");
  }

  @Test
  void readmeMavenSnippetIsTheOneTheConsumerBuildUses() throws IOException {
    String pom = Files.readString(REPO.resolve("it/consumer/pom.xml"), UTF_8);
    String fromPom =
        pom.substring(
            pom.indexOf("<!-- cancelguard-snippet:start -->")
                + "<!-- cancelguard-snippet:start -->".length(),
            pom.indexOf("<!-- cancelguard-snippet:end -->"));
    String readme = Files.readString(REPO.resolve("README.md"), UTF_8);
    int section = readme.indexOf("## Enable it in a Maven build");
    int start = readme.indexOf("```xml", section) + "```xml".length();
    String fromReadme = readme.substring(start, readme.indexOf("```", start));
    assertEquals(normalize(fromPom), normalize(fromReadme));
  }

  private static String normalize(String xml) {
    return xml.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
