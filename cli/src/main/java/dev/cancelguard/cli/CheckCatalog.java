package dev.cancelguard.cli;

import com.google.errorprone.BugCheckerInfo;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.scanner.BuiltInCheckerSuppliers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/** The CancelGuard checks on the classpath (registered through META-INF/services). */
final class CheckCatalog {
  private CheckCatalog() {}

  static List<BugCheckerInfo> all() {
    List<BugCheckerInfo> checks = new ArrayList<>();
    for (ServiceLoader.Provider<BugChecker> provider :
        ServiceLoader.load(BugChecker.class).stream().toList()) {
      if (provider.type().getPackageName().startsWith("dev.cancelguard.")) {
        checks.add(BugCheckerInfo.create(provider.type()));
      }
    }
    checks.sort(Comparator.comparing(BugCheckerInfo::canonicalName));
    return checks;
  }

  /**
   * The checks to run: {@code only} (all CancelGuard checks when empty) minus {@code disabled}.
   * {@code only} may also name Error Prone's own checks, to compare with them on the same code.
   */
  static List<BugCheckerInfo> select(List<String> only, List<String> disabled)
      throws UsageException {
    List<BugCheckerInfo> all = new ArrayList<>(all());
    Set<String> ours = all.stream().map(BugCheckerInfo::canonicalName).collect(Collectors.toSet());
    Map<String, BugCheckerInfo> builtIn = BuiltInCheckerSuppliers.allChecks().getAllChecks();
    for (String name : only) {
      if (!ours.contains(name) && builtIn.containsKey(name)) {
        all.add(builtIn.get(name));
      }
    }
    Set<String> known = all.stream().map(BugCheckerInfo::canonicalName).collect(Collectors.toSet());
    Set<String> named = new LinkedHashSet<>(only);
    named.addAll(disabled);
    for (String name : named) {
      if (!known.contains(name)) {
        throw new UsageException(
            "unknown check '" + name + "' (known: " + String.join(", ", sorted(ours)) + ")");
      }
    }
    return all.stream()
        .filter(c -> only.isEmpty() || only.contains(c.canonicalName()))
        .filter(c -> !disabled.contains(c.canonicalName()))
        .toList();
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
