package faremark.orchestrator.output;

import java.util.regex.Pattern;

/**
 * Text that a scenario or a workload supplied (names, descriptions, model ids, external commands,
 * failure details, the {@code done} event's fields), made safe for where faremark shows it. HTML
 * is escaped where it is written ({@code SvgCanvas.esc}); this class covers the terminal and CSV.
 *
 * <p>Terminal: an escape sequence in a failure detail could recolour, move the cursor, clear the
 * screen, retitle the window or hide the lines after it; a carriage return could overwrite the
 * line it is on. Escape sequences are removed and every other control character becomes a space.
 *
 * <p>CSV: a cell is quoted when it holds a comma, a quote or a line break (RFC 4180); a text cell
 * that begins with {@code = + - @}, a tab or a carriage return gets a leading {@code '}, so that a
 * spreadsheet opening {@code summary.csv} shows it as text instead of running it as a formula
 * (OWASP's advice on CSV injection). Numbers are never passed through here: {@code -1.5} stays a
 * number.
 */
public final class SafeText {
  /**
   * CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), other two-byte escapes, and the
   * 8-bit CSI and OSC introducers.
   */
  private static final Pattern ESCAPES = Pattern.compile(
      "\\x1B\\[[0-?]*[ -/]*[@-~]"
          + "|\\x1B\\][^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)?"
          + "|\\x1B[@-Z\\\\-_]"
          + "|\\x9B[0-?]*[ -/]*[@-~]"
          + "|\\x9D[^\\x07\\x1B]*(?:\\x07|\\x1B\\\\)?");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1F\\x7F-\\x9F]");
  private static final Pattern CONTROL_BUT_NEWLINE = Pattern.compile("[\\x00-\\x09\\x0B-\\x1F\\x7F-\\x9F]");

  private SafeText() {}

  /** One line for the terminal: escape sequences removed, any other control character a space. */
  public static String line(String s) {
    if (s == null) {
      return "";
    }
    return CONTROL.matcher(ESCAPES.matcher(s).replaceAll("")).replaceAll(" ");
  }

  /** Several lines for the terminal: as {@link #line}, keeping line feeds. */
  public static String lines(String s) {
    if (s == null) {
      return "";
    }
    return CONTROL_BUT_NEWLINE.matcher(ESCAPES.matcher(s).replaceAll("")).replaceAll(" ");
  }

  /** A text cell of a CSV file: formula-guarded, then quoted where it must be. */
  public static String csvCell(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String v = s;
    char first = v.charAt(0);
    if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
      v = '"' + v.replace("\"", "\"\"") + '"';
    }
    return v;
  }
}
