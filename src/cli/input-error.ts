// The error of bad input to the command (its own module: the entry's argument reading needs it
// without the library that files.ts reads packs with).

/** A bad input file: the CLI prints its message and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}

/**
 * What JSON.parse's error says, without the text it quotes (Node 20 quotes the input) and its
 * position, which is given apart when the message has one (a character offset in the text).
 */
export function jsonSyntaxError(e: Error): { what: string; position: number | undefined } {
  const m = /position (\d+)/.exec(e.message);
  const what = e.message.replace(/ in JSON at position \d+.*$/s, '').replace(/^(Unexpected token .{1,20}?), ".*$/s, '$1');
  return { what, position: m ? Number(m[1]) : undefined };
}
