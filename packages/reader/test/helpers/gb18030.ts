// A GB18030 encoder for tests and fixtures (Node's TextEncoder only speaks UTF-8): a reverse table
// built by decoding every 2-byte and BMP 4-byte sequence with TextDecoder('gb18030').
let table: Map<number, number[]> | undefined;

function build(): Map<number, number[]> {
  const t = new Map<number, number[]>();
  const dec = new TextDecoder('gb18030');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const s = dec.decode(new Uint8Array([a, b]));
      if (s.length === 1 && s !== '\uFFFD' && !t.has(s.charCodeAt(0))) t.set(s.charCodeAt(0), [a, b]);
    }
  }
  for (let a = 0x81; a <= 0x84; a++)
    for (let b = 0x30; b <= 0x39; b++)
      for (let c = 0x81; c <= 0xfe; c++)
        for (let d = 0x30; d <= 0x39; d++) {
          const s = dec.decode(new Uint8Array([a, b, c, d]));
          if (s.length === 1 && s !== '\uFFFD' && !t.has(s.charCodeAt(0))) t.set(s.charCodeAt(0), [a, b, c, d]);
        }
  return t;
}

export function encodeGb18030(s: string): Uint8Array {
  table ??= build();
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const b = c <= 0xffff ? table.get(c) : undefined;
      if (!b) throw new Error(`no GB18030 bytes for U+${c.toString(16)}`);
      out.push(...b);
    }
  }
  return Uint8Array.from(out);
}
