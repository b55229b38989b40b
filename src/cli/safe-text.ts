// Untrusted strings (member names, ids, descriptions, skus, file contents) on their way to a
// terminal or a log: nothing in them may steer the terminal or flood the screen. (The CLI writes
// no CSV; were it to, its cells would need formula neutralising too.)

// C0 controls (tab and newline included: a report line is one line), DEL, C1 controls (which
// include the 8-bit CSI and OSC introducers), and the Unicode line and paragraph separators and
// bidirectional overrides that reorder what a reader sees.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * A string made safe to print on a terminal: every control character (ESC of ANSI/OSC sequences,
 * BEL, CR, newlines, C1 controls, bidi overrides) becomes a visible `\u{..}` escape.
 */
export function printable(text: string): string {
  return shownAsEscapes(text, CONTROL);
}

/** Each character of `text` that `characters` (a global pattern) matches, shown as a visible `\u{..}` escape. */
export function shownAsEscapes(text: string, characters: RegExp): string {
  characters.lastIndex = 0;
  if (!characters.test(text)) return text;
  characters.lastIndex = 0;
  return text.replace(characters, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
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
