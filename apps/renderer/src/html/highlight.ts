// Splits the report text into lines and pieces so that every evidence span becomes <mark>s,
// without ever building HTML by hand: the template escapes each piece.
import type { Evidence } from '@fazhi/core';

export interface SpanRef {
  /** Anchor of the row that cites this span (`ind-…` or `flag-…`). */
  target: string;
  title: string;
  kind: 'indicator' | 'flag';
}

export interface MarkSpan {
  id: string;
  start: number;
  end: number;
  modality: string;
  refs: SpanRef[];
}

export interface Piece {
  text: string;
  mark: null | { id?: string; extraIds: string[]; cls: string; href: string; title: string; inds: string };
}

export interface Line {
  no: number;
  pieces: Piece[];
}

export const spanId = (e: { start: number; end: number }) => `ev-${e.start}-${e.end}`;

/** Collects valid spans (text.slice(start,end) === quote), merged by position. */
export function collectSpans(
  text: string,
  items: { evidence: Evidence[]; ref: SpanRef }[],
): { spans: MarkSpan[]; valid: Set<string>; bad: number } {
  const byId = new Map<string, MarkSpan>();
  let bad = 0;
  for (const { evidence, ref } of items) {
    for (const e of evidence) {
      if (e.end <= e.start || e.end > text.length || text.slice(e.start, e.end) !== e.quote) {
        bad++;
        continue;
      }
      const id = spanId(e);
      let s = byId.get(id);
      if (!s) {
        s = { id, start: e.start, end: e.end, modality: e.modality, refs: [] };
        byId.set(id, s);
      } else if (e.modality === 'done') s.modality = 'done';
      if (!s.refs.some((r) => r.target === ref.target)) s.refs.push(ref);
    }
  }
  const spans = [...byId.values()].sort((a, b) => a.start - b.start || b.end - a.end);
  return { spans, valid: new Set(byId.keys()), bad };
}

export function segmentLines(text: string, spans: MarkSpan[]): Line[] {
  const cuts = new Set<number>();
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const lines: Line[] = [];
  let lineStart = 0;
  let no = 1;
  const emitted = new Set<string>();
  while (lineStart <= text.length) {
    let nl = text.indexOf('\n', lineStart);
    if (nl < 0) nl = text.length;
    // a CR before LF belongs to the line break, not to the line's visible text
    const lineEnd = nl > lineStart && text[nl - 1] === '\r' ? nl - 1 : nl;
    const points = [lineStart, ...[...cuts].filter((c) => c > lineStart && c < lineEnd).sort((a, b) => a - b), lineEnd];
    const pieces: Piece[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i]!;
      const b = points[i + 1]!;
      if (b <= a) continue;
      const piece: Piece = { text: text.slice(a, b), mark: null };
      const covering = spans.filter((s) => s.start < b && s.end > a);
      if (covering.length) {
        // innermost (shortest) span decides where the mark links to
        const inner = covering.reduce((x, y) => (y.end - y.start < x.end - x.start ? y : x));
        const fresh = covering.filter((s) => !emitted.has(s.id) && s.start <= a);
        fresh.forEach((s) => emitted.add(s.id));
        const [firstId, ...extra] = fresh.map((s) => s.id);
        const refs = covering.flatMap((s) => s.refs);
        const modality = covering.some((s) => s.modality === 'done') ? 'done' : inner.modality;
        const flagOnly = refs.every((r) => r.kind === 'flag');
        piece.mark = {
          id: firstId,
          extraIds: extra,
          cls: `m-${flagOnly ? 'flag' : modality}${covering.length > 1 ? ' m-multi' : ''}`,
          href: `#${inner.refs[0]!.target}`,
          title: [...new Set(refs.map((r) => r.title))].join('；'),
          inds: [...new Set(refs.map((r) => r.target))].join(' '),
        };
      }
      pieces.push(piece);
    }
    lines.push({ no, pieces });
    no++;
    if (nl >= text.length) break;
    lineStart = nl + 1;
  }
  return lines;
}
