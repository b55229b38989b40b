// The error of bad input to the command (its own module: the entry's argument reading needs it
// without the library that files.ts reads packs with).

/** A bad input file: the CLI prints its message and exits 2. */
export class InputError extends Error {
  override readonly name = 'InputError';
}
