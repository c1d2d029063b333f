package dev.cancelguard.cli;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Java release and source encoding a Maven project compiles with, read from its POMs, so that
 * the sources are compiled — and fixed — for that release: a fix must not use an API the project
 * cannot call.
 *
 * @param release the lowest release any module compiles for, or null when no POM says
 * @param encoding {@code project.build.sourceEncoding}, or null
 */
record ProjectSettings(@Nullable String release, @Nullable Charset encoding) {
  static final ProjectSettings NONE = new ProjectSettings(null, null);

  private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

  /**
   * The settings of the Maven project at {@code path}, or around it (a source folder inside one):
   * the nearest folder at or above it with a pom.xml, and every module POM below that folder.
   */
  static ProjectSettings read(Path path) {
    Path dir = path.toAbsolutePath().normalize();
    while (dir != null && !Files.isRegularFile(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      return NONE;
    }
    Map<String, String> rootProperties = new HashMap<>();
    Integer lowest = null;
    Charset encoding = null;
    for (Path pom : poms(dir)) {
      Document document = parse(pom);
      if (document == null) {
        continue;
      }
      Map<String, String> properties = new HashMap<>(rootProperties);
      Element project = document.getDocumentElement();
      Element props = child(project, "properties");
      if (props != null) {
        NodeList nodes = props.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
          if (nodes.item(i) instanceof Element e) {
            properties.put(e.getTagName(), e.getTextContent().strip());
          }
        }
      }
      if (pom.getParent().equals(dir)) {
        rootProperties.putAll(properties);
      }
      Integer release = release(project, properties);
      if (release != null && (lowest == null || release < lowest)) {
        lowest = release;
      }
      String charset = properties.get("project.build.sourceEncoding");
      if (encoding == null && charset != null) {
        try {
          encoding = Charset.forName(resolve(charset, properties));
        } catch (IllegalArgumentException e) {
          // javac would reject it too; keep the default.
        }
      }
    }
    return new ProjectSettings(lowest == null ? null : String.valueOf(lowest), encoding);
  }

  /**
   * The Java release most classes of a published jar were compiled for (its class files' major
   * version; a multi-release jar's versioned classes and {@code module-info} aside), or null when
   * it has none this can read. Its sources are compiled at that language level, as its own build
   * did: code written for Java 8 may call a method {@code yield}, which Java 14 and later reject.
   */
  static @Nullable Integer compiledRelease(Path jar) {
    Map<Integer, Integer> classesByRelease = new TreeMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      int read = 0;
      while (entries.hasMoreElements() && read < 500) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        if (!name.endsWith(".class")
            || name.startsWith("META-INF/")
            || name.endsWith("module-info.class")) {
          continue;
        }
        try (InputStream in = zip.getInputStream(entry)) {
          DataInputStream data = new DataInputStream(in);
          if (data.readInt() != 0xCAFEBABE) {
            continue;
          }
          data.readUnsignedShort();
          int major = data.readUnsignedShort();
          if (major >= 45) {
            classesByRelease.merge(Math.max(1, major - 44), 1, Integer::sum);
            read++;
          }
        }
      }
    } catch (IOException e) {
      // Not a jar this can read: compile at the default level.
      return null;
    }
    return classesByRelease.entrySet().stream()
        .max(Map.Entry.comparingByValue())
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  private static @Nullable Integer release(Element project, Map<String, String> properties) {
    String release = null;
    String source = null;
    Element build = child(project, "build");
    for (Element plugins :
        build == null
            ? List.<Element>of()
            : Stream.of(child(build, "plugins"), child(child(build, "pluginManagement"), "plugins"))
                .filter(e -> e != null)
                .toList()) {
      NodeList list = plugins.getElementsByTagName("plugin");
      for (int i = 0; i < list.getLength(); i++) {
        Element plugin = (Element) list.item(i);
        Element artifact = child(plugin, "artifactId");
        if (artifact == null
            || !artifact.getTextContent().strip().equals("maven-compiler-plugin")) {
          continue;
        }
        Element configuration = child(plugin, "configuration");
        if (configuration != null) {
          release = text(child(configuration, "release"), release);
          source = text(child(configuration, "source"), source);
        }
      }
    }
    if (release == null) {
      release = properties.get("maven.compiler.release");
    }
    if (source == null) {
      source = properties.get("maven.compiler.source");
    }
    for (String value : new String[] {release, source}) {
      if (value == null) {
        continue;
      }
      String resolved = resolve(value, properties).strip();
      if (resolved.startsWith("1.")) {
        resolved = resolved.substring(2);
      }
      try {
        return Integer.parseInt(resolved);
      } catch (NumberFormatException e) {
        // A property set elsewhere (a parent POM, a profile): not known here.
      }
    }
    return null;
  }

  private static String resolve(String value, Map<String, String> properties) {
    String resolved = value;
    for (int depth = 0; depth < 5; depth++) {
      Matcher matcher = PROPERTY.matcher(resolved);
      if (!matcher.find()) {
        break;
      }
      String replacement = properties.get(matcher.group(1));
      if (replacement == null) {
        break;
      }
      resolved = matcher.replaceFirst(Matcher.quoteReplacement(replacement));
    }
    return resolved;
  }

  private static @Nullable String text(@Nullable Element element, @Nullable String fallback) {
    return element == null ? fallback : element.getTextContent().strip();
  }

  private static @Nullable Element child(@Nullable Element parent, String name) {
    if (parent == null) {
      return null;
    }
    for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element e && e.getTagName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  private static List<Path> poms(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.getFileName().toString().equals("pom.xml"))
          .filter(p -> !dir.relativize(p).toString().contains("target/"))
          .filter(p -> !dir.relativize(p).toString().contains("src/"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static @Nullable Document parse(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile());
    } catch (Exception e) {
      // Not a POM this can read: Maven will say what is wrong with it.
      return null;
    }
  }
}
