// A commander-free reading of the common `fazhi check FILE [--rubric R] [--rubric-map M]
// [--min-score N] [--watch]`, so a self-check does not load and set up commander (about a tenth
// of its cold start). It accepts only forms whose meaning is unambiguous and returns exactly the
// options commander's check action would receive (check-argv.test.ts compares the two); anything
// else — help, a typo, an unknown or repeated option, a value starting with '-', a second file —
// returns null, and the full command line (cli-program.ts) handles it with its usual messages.

export interface CheckArgv {
  file: string;
  opts: { rubric: string; rubricMap?: string; minScore?: string; watch?: true };
}

const VALUE_OPTIONS: Record<string, 'rubric' | 'rubricMap' | 'minScore'> = {
  '--rubric': 'rubric',
  '--rubric-map': 'rubricMap',
  '--min-score': 'minScore',
};

/** `args` without node and the script (process.argv.slice(2)). */
export function parseCheckArgv(args: readonly string[]): CheckArgv | null {
  if (args[0] !== 'check') return null;
  let file: string | undefined;
  const given: { rubric?: string; rubricMap?: string; minScore?: string; watch?: true } = {};
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith('-')) {
      if (file !== undefined) return null;
      file = a;
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (name === '--watch') {
      if (eq > 0 || given.watch) return null;
      given.watch = true;
      continue;
    }
    const key = Object.hasOwn(VALUE_OPTIONS, name) ? VALUE_OPTIONS[name] : undefined;
    if (!key || given[key] !== undefined) return null;
    const value = eq > 0 ? a.slice(eq + 1) : args[++i];
    if (value === undefined || value.startsWith('-')) return null;
    given[key] = value;
  }
  if (file === undefined) return null;
  return { file, opts: { rubric: 'auto', ...given } };
}
