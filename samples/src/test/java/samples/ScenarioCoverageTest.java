package samples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import samples.SampleCorpus.Sample;

/** Every scenario of the seed articles has an incorrect and a correct sample. */
class ScenarioCoverageTest {
  @Test
  void everyScenarioHasBothKindsOfSample() throws Exception {
    List<String> scenarios =
        Files.readAllLines(Path.of("scenarios.txt"), UTF_8).stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    List<Sample> samples = SampleCorpus.samples();
    TreeSet<String> missing = new TreeSet<>();
    for (String scenario : scenarios) {
      if (samples.stream().noneMatch(s -> s.scenario().equals(scenario) && s.incorrect())) {
        missing.add(scenario + " (incorrect)");
      }
      if (samples.stream().noneMatch(s -> s.scenario().equals(scenario) && !s.incorrect())) {
        missing.add(scenario + " (correct)");
      }
    }
    assertEquals(new TreeSet<>(), missing, "scenarios without a sample");
    TreeSet<String> unknown = new TreeSet<>();
    Stream.concat(samples.stream(), SampleCorpus.samples(SampleCorpus.PREVIEW_ROOT).stream())
        .map(Sample::scenario)
        .filter(s -> !scenarios.contains(s))
        .forEach(unknown::add);
    assertEquals(new TreeSet<>(), unknown, "samples naming a scenario not in scenarios.txt");
  }
}
