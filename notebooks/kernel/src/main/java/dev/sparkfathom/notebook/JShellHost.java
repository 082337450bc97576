package dev.sparkfathom.notebook;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Evaluates notebook cells for the Python kernel ({@code notebooks/kernel/fathom_kernel.py}),
 * which starts this class in its own JVM with the connector, Spark and XChart on the class path.
 *
 * <p>Protocol. The kernel writes a cell as a decimal byte length, a newline, then the cell's
 * UTF-8 text. The host answers with JSON lines on its standard output: {@code stream} (name
 * stdout/stderr, text), {@code display} (a MIME bundle), {@code result} (the last expression's
 * value), {@code error} (ename, evalue, traceback) and finally {@code done}. The cell's own
 * {@code System.out} and {@code System.err} are captured into {@code stream} messages; between
 * cells (Spark's background threads) they go to the JVM's real standard error, the kernel's log.
 *
 * <p>Snippets run in this JVM and on this thread ({@link DirectExecutionControl}), so a
 * SparkSession and its thread-local state live from one cell to the next, and the {@link
 * Display} a cell calls is the one this host installed.
 */
public final class JShellHost {
  /** jshell's own default imports, so that cells read as they would in jshell. */
  static final List<String> DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*",
      "java.nio.file.*", "java.util.*", "java.util.concurrent.*", "java.util.function.*",
      "java.util.prefs.*", "java.util.regex.*", "java.util.stream.*");

  private final PrintStream protocol;
  private final CellStream out;
  private final CellStream err;
  private final JShell shell;

  JShellHost(PrintStream protocol, PrintStream log) {
    this.protocol = protocol;
    this.out = new CellStream("stdout", log);
    this.err = new CellStream("stderr", log);
    CellStream.pair(out, err);
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    Display.install(bundle -> {
      flushStreams();
      send(Map.of("type", "display", "data", bundle));
    });
    this.shell = JShell.builder()
        .executionEngine(new DirectProvider(), Map.of())
        .out(System.out).err(System.err)
        .build();
    shell.addToClasspath(System.getProperty("java.class.path"));
    for (String imp : DEFAULT_IMPORTS) {
      shell.eval("import " + imp + ";");
    }
  }

  public static void main(String[] args) throws IOException {
    PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream log = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    JShellHost host = new JShellHost(protocol, log);
    host.send(Map.of("type", "ready", "java", Runtime.version().toString()));
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    for (String cell = readCell(in); cell != null; cell = readCell(in)) {
      host.run(cell);
    }
    host.shell.close();
    System.exit(0);
  }

  /** One cell: its byte length on a line, then its text; null at the end of input. */
  static String readCell(InputStream in) throws IOException {
    ByteArrayOutputStream header = new ByteArrayOutputStream();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        return null;
      }
      header.write(c);
    }
    int length = Integer.parseInt(header.toString(StandardCharsets.US_ASCII).strip());
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private void send(Map<String, ?> message) {
    synchronized (protocol) {
      protocol.println(Json.object(message));
    }
  }

  private void flushStreams() {
    System.out.flush();
    System.err.flush();
    out.flushTo(this::send);
    err.flushTo(this::send);
  }

  /** Evaluates a cell snippet by snippet; stops at the first error, which names its cell line. */
  void run(String cell) {
    out.capture(this::send);
    err.capture(this::send);
    try {
      runSnippets(cell);
    } catch (RuntimeException e) {
      flushStreams();
      send(error("KernelError", String.valueOf(e), List.of("kernel host failed: " + e)));
    } finally {
      flushStreams();
      out.release();
      err.release();
      send(Map.of("type", "done"));
    }
  }

  private void runSnippets(String cell) {
    SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
    int offset = 0;
    while (offset < cell.length()) {
      String rest = cell.substring(offset);
      SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
      if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        return;
      }
      int sourceStart = offset;
      int start = offset + leadingBlank(rest);
      String source = info.source();
      int consumed = rest.length() - info.remaining().length();
      if (info.completeness() == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
          || source == null || consumed <= 0) {
        // The cell ends inside a snippet (an open brace, a missing parenthesis): hand jshell the
        // rest as it is, so the error it reports names the place.
        source = rest;
        consumed = rest.length();
      }
      offset += consumed;
      boolean last = cell.substring(offset).isBlank();
      if (!evalSnippet(cell, sourceStart, start, source, last)) {
        return;
      }
    }
  }

  private static int leadingBlank(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** Returns false when the snippet failed (and the error was sent). */
  private boolean evalSnippet(String cell, int sourceStart, int start, String source, boolean last) {
    List<SnippetEvent> events = shell.eval(source);
    for (SnippetEvent event : events) {
      if (event.causeSnippet() != null) {
        continue;
      }
      Snippet snippet = event.snippet();
      if (event.status() == Snippet.Status.REJECTED) {
        flushStreams();
        send(compileError(cell, sourceStart, start, snippet));
        return false;
      }
      if (event.exception() != null) {
        flushStreams();
        send(runtimeError(cell, start, event.exception()));
        return false;
      }
      if (event.status() == Snippet.Status.RECOVERABLE_DEFINED
          || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        System.err.println("cell line " + lineOf(cell, start) + ": " + snippet.kind().name().toLowerCase(Locale.ROOT)
            + " defined, but it uses names not declared yet: " + shell.unresolvedDependencies(
                (jdk.jshell.DeclarationSnippet) snippet).toList());
      }
      if (last && isExpression(snippet) && event.value() != null) {
        return showValue(cell, start, snippet, event.value());
      }
    }
    return true;
  }

  private static boolean isExpression(Snippet s) {
    return s.kind() == Snippet.Kind.EXPRESSION
        || (s.kind() == Snippet.Kind.VAR && s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND);
  }

  /** A chart or an image is drawn; any other value is shown as jshell prints it. */
  private boolean showValue(String cell, int start, Snippet snippet, String valueText) {
    String name = snippet instanceof VarSnippet v ? v.name() : ((jdk.jshell.ExpressionSnippet) snippet).name();
    List<SnippetEvent> check = shell.eval("dev.sparkfathom.notebook.Display.isRich(" + name + ")");
    boolean rich = !check.isEmpty() && "true".equals(check.get(0).value());
    for (SnippetEvent e : check) {
      shell.drop(e.snippet());
    }
    if (!rich) {
      flushStreams();
      send(Map.of("type", "result", "data", Map.of("text/plain", valueText)));
      return true;
    }
    List<SnippetEvent> shown = shell.eval("dev.sparkfathom.notebook.Display.show(" + name + ");");
    for (SnippetEvent e : shown) {
      if (e.exception() != null) {
        flushStreams();
        send(runtimeError(cell, start, e.exception()));
        return false;
      }
      shell.drop(e.snippet());
    }
    return true;
  }

  static int lineOf(String cell, int index) {
    int line = 1;
    for (int i = 0; i < index && i < cell.length(); i++) {
      if (cell.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String lineText(String cell, int line) {
    String[] lines = cell.split("\n", -1);
    return line - 1 < lines.length ? lines[line - 1] : "";
  }

  /** Each diagnostic with its cell line, the line's text and a caret under the place. */
  private Map<String, Object> compileError(String cell, int sourceStart, int start, Snippet snippet) {
    List<String> traceback = new ArrayList<>();
    String first = null;
    for (Diag d : shell.diagnostics(snippet).toList()) {
      int at = (int) Math.max(sourceStart, Math.min(sourceStart + d.getPosition(), cell.length()));
      int line = lineOf(cell, at);
      int column = at - (cell.lastIndexOf('\n', at - 1) + 1);
      String message = d.getMessage(Locale.ENGLISH);
      if (first == null) {
        first = "cell line " + line + ": " + message.lines().findFirst().orElse("");
      }
      traceback.add("cell line " + line + ": " + (d.isError() ? "error: " : "warning: ") + message);
      traceback.add("    " + lineText(cell, line));
      traceback.add("    " + " ".repeat(column) + "^");
    }
    if (first == null) {
      first = "cell line " + lineOf(cell, start) + ": the snippet was rejected";
      traceback.add(first);
      traceback.add("    " + lineText(cell, lineOf(cell, start)));
    }
    return error("CompilationError", first, traceback);
  }

  private Map<String, Object> runtimeError(String cell, int start, JShellException e) {
    int line = lineOf(cell, start);
    String name = e instanceof EvalException ee ? ee.getExceptionClassName() : e.getClass().getName();
    String message = e instanceof UnresolvedReferenceException u
        ? "uses " + u.getSnippet() + ", which cannot run until the names it uses are declared"
        : e.getMessage();
    List<String> traceback = new ArrayList<>();
    traceback.add(name + (message == null ? "" : ": " + message));
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getFileName() != null && frame.getFileName().startsWith("#")) {
        break;
      }
      if (traceback.size() < 8) {
        traceback.add("    at " + frame);
      }
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      String causeName = cause instanceof EvalException ce ? ce.getExceptionClassName() : cause.getClass().getName();
      traceback.add("Caused by: " + causeName + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
    traceback.add("in cell line " + line + ":");
    traceback.add("    " + lineText(cell, line));
    return error(name, message == null ? "" : message, traceback);
  }

  private static Map<String, Object> error(String ename, String evalue, List<String> traceback) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "error");
    m.put("ename", ename);
    m.put("evalue", evalue);
    m.put("traceback", traceback);
    return m;
  }

  /** Runs snippets directly in this JVM, on the calling thread. */
  private static final class DirectProvider implements ExecutionControlProvider {
    @Override
    public String name() {
      return "direct";
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
      return new DirectExecutionControl();
    }
  }

  /**
   * A cell's System.out or System.err: text is sent as stream messages while a cell runs, and
   * goes to the JVM's real standard error otherwise. The two streams share one lock, and writing
   * to one first sends what the other holds, so stdout and stderr keep their order.
   */
  private static final class CellStream extends OutputStream {
    private static final Object LOCK = new Object();
    private final String name;
    private final PrintStream log;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private CellStream sibling;
    private java.util.function.Consumer<Map<String, ?>> target;

    CellStream(String name, PrintStream log) {
      this.name = name;
      this.log = log;
    }

    static void pair(CellStream a, CellStream b) {
      a.sibling = b;
      b.sibling = a;
    }

    void capture(java.util.function.Consumer<Map<String, ?>> sink) {
      synchronized (LOCK) {
        target = sink;
      }
    }

    void release() {
      synchronized (LOCK) {
        target = null;
      }
    }

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      synchronized (LOCK) {
        if (target == null) {
          log.write(b, off, len);
          return;
        }
        if (sibling != null) {
          sibling.flushTo(target);
        }
        pending.write(b, off, len);
        if (pending.size() > 65536) {
          flushTo(target);
        }
      }
    }

    @Override
    public void flush() {
      synchronized (LOCK) {
        if (target == null) {
          log.flush();
        }
      }
    }

    void flushTo(java.util.function.Consumer<Map<String, ?>> sink) {
      synchronized (LOCK) {
        if (pending.size() == 0) {
          return;
        }
        String text = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        sink.accept(Map.of("type", "stream", "name", name, "text", text));
      }
    }
  }
}
