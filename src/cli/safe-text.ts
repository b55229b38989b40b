// Untrusted strings (member names, ids, descriptions, skus, file contents) on their way to a
// terminal, a log or a spreadsheet: nothing in them may steer the terminal, run as a formula, or
// flood the screen.

// C0 controls (tab and newline included: a report line is one line), DEL, C1 controls (which
// include the 8-bit CSI and OSC introducers), and the Unicode line and paragraph separators and
// bidirectional overrides that reorder what a reader sees.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A string made safe to print on a terminal: every control character (ESC of ANSI/OSC sequences,
 * BEL, CR, newlines, C1 controls, bidi overrides) becomes a visible `\u{..}` escape.
 */
export function printable(text: string): string {
  CONTROL.lastIndex = 0;
  if (!CONTROL.test(text)) return text;
  CONTROL.lastIndex = 0;
  return text.replace(CONTROL, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** The longest part of an input an error message quotes. */
export const QUOTE_LIMIT = 80;

/**
 * An untrusted value quoted for an error message: JSON-quoted, control characters escaped, and at
 * most {@link QUOTE_LIMIT} characters of it, with the length of what was left out.
 */
export function quoted(value: unknown, limit = QUOTE_LIMIT): string {
  const text = typeof value === 'string' ? value : value === undefined ? 'undefined' : safeJson(value);
  if (text.length <= limit) return printable(JSON.stringify(text));
  return `${printable(JSON.stringify(text.slice(0, limit)))}… (${text.length - limit} more characters)`;
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A message (e.g. a library error that quotes input) cut to `limit` characters and made printable. */
export function boundedMessage(message: string, limit = 300): string {
  const text = message.length > limit ? `${message.slice(0, limit)}… (${message.length - limit} more characters)` : message;
  return printable(text);
}

/**
 * A CSV cell a spreadsheet will not run as a formula: a cell starting with `=`, `+`, `-`, `@`,
 * tab or CR gets a leading apostrophe (the OWASP advice); then quoted when it holds a comma,
 * quote or line break.
 */
export function csvCell(value: string): string {
  const first = value.charCodeAt(0);
  const neutral = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d ? `'${value}` : value;
  return /[",\r\n]/.test(neutral) ? `"${neutral.replace(/"/g, '""')}"` : neutral;
}
