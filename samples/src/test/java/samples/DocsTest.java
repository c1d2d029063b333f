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
    String guide = Files.readString(REPO.resolve("docs/getting-started.md"), UTF_8);
    int guideStart = guide.indexOf("```xml") + "```xml".length();
    String fromGuide = guide.substring(guideStart, guide.indexOf("```", guideStart));
    assertEquals(normalize(fromPom), normalize(fromGuide), "docs/getting-started.md");

    String inProcessPom = Files.readString(REPO.resolve("it/in-process/pom.xml"), UTF_8);
    String fromInProcessPom =
        inProcessPom.substring(
            inProcessPom.indexOf("<!-- cancelguard-in-process-snippet:start -->")
                + "<!-- cancelguard-in-process-snippet:start -->".length(),
            inProcessPom.indexOf("<!-- cancelguard-in-process-snippet:end -->"));
    int secondStart = guide.indexOf("```xml", guideStart) + "```xml".length();
    String secondFromGuide = guide.substring(secondStart, guide.indexOf("```", secondStart));
    assertEquals(normalize(fromInProcessPom), normalize(secondFromGuide), "the in-process variant");

    // What a user copies must work as it is: no property left for them to define, and the
    // version the build installs.
    String rootPom = Files.readString(REPO.resolve("pom.xml"), UTF_8);
    String version =
        rootPom.substring(rootPom.indexOf("<version>") + 9, rootPom.indexOf("</version>"));
    for (String snippet : java.util.List.of(fromPom, fromInProcessPom)) {
      assertTrue(!snippet.contains("${"), "a snippet names a property: " + snippet);
      assertTrue(
          snippet.contains("<artifactId>cancelguard</artifactId>\n")
              && snippet.contains("<version>" + version + "</version>"),
          "a snippet without the version " + version);
    }
    assertTrue(
        guide.contains("errorprone(\"dev.cancelguard:cancelguard:" + version + "\")")
            && guide.contains("mavenLocal()"),
        "the Gradle snippet names " + version + " and mavenLocal()");
    assertTrue(
        guide.contains("Could not find artifact dev.cancelguard:cancelguard:jar:" + version),
        "the guide quotes the missing-artifact message with the version");
  }

  @Test
  void badAndGoodBlocksOfEveryCheckPageBehaveAsTheySay() throws IOException {
    int pages = 0;
    for (String check : SampleCorpus.checkNames()) {
      // It reports flags, not code: its page has no Bad and Good code.
      if (check.equals("CancelGuardFlags")) {
        continue;
      }
      String page = Files.readString(REPO.resolve("docs/" + check + ".md"), UTF_8);
      java.util.regex.Matcher block =
          java.util.regex.Pattern.compile(
                  "(?m)^(Bad|Good)\\b[^\n]*:[ \t]*\n+```java\n(.*?)```",
                  java.util.regex.Pattern.DOTALL)
              .matcher(page);
      int bad = 0;
      int good = 0;
      int skipped = 0;
      while (block.find()) {
        boolean isBad = block.group(1).equals("Bad");
        Path dir = Files.createTempDirectory("docs-" + check);
        java.util.regex.Matcher type =
            java.util.regex.Pattern.compile(
                    "(?m)^(?:public |final |abstract )*(?:class|record|interface|enum) (\\w+)")
                .matcher(block.group(2));
        assertTrue(type.find(), check + ": a docs block without a top-level type");
        Path file = dir.resolve(type.group(1) + ".java");
        Files.writeString(file, block.group(2), UTF_8);
        // The StructuredTaskScope.open(..) form the pages show is JDK 25's preview API.
        if (SampleCorpus.usesPreviewApi(java.util.List.of(file)) && SampleCorpus.RUNNING_JDK < 25) {
          skipped++;
          continue;
        }
        java.util.TreeSet<String> findings;
        try {
          findings = SampleCorpus.compile(java.util.List.of(file));
        } catch (AssertionError e) {
          throw new AssertionError(check + ": a " + block.group(1) + " block does not compile", e);
        }
        if (isBad) {
          bad++;
          assertTrue(
              findings.stream().anyMatch(f -> f.endsWith(": " + check)),
              check + ": a Bad block is not reported by " + check + ": " + findings);
        } else {
          good++;
          assertEquals(java.util.Set.of(), findings, check + ": a Good block is reported");
        }
      }
      assertTrue(
          (bad > 0 && good > 0) || skipped > 0,
          check + ": its page needs a Bad: and a Good: java block");
      pages++;
    }
    assertTrue(pages > 0);
  }

  private static String normalize(String xml) {
    return xml.lines()
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }
}
