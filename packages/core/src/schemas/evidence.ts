import { z } from 'zod';

/** How the text states a thing: a result, a plan, or a shortcoming / negation. */
export const Modality = z.enum(['done', 'planned', 'problem']).meta({ id: 'Modality' });
export type Modality = z.infer<typeof Modality>;

/**
 * A verbatim span of the ORIGINAL decoded text. Offsets are 0-based, half-open, in UTF-16 code
 * units; `text.slice(start, end) === quote` always holds. Lines are 1-based.
 */
export const Evidence = z
  .strictObject({
    quote: z.string().min(1),
    start: z.number().int().min(0),
    end: z.number().int().min(0),
    line: z.number().int().min(1),
    section: z.string(),
    modality: Modality,
    page: z.number().int().min(1).optional(),
    paragraph: z.number().int().min(1).optional(),
  })
  .meta({ id: 'Evidence', description: '原文中的逐字引文 / a verbatim quote of the original text' });
export type Evidence = z.infer<typeof Evidence>;

/** Alias kept for readers of the architecture doc: a Span is an Evidence. */
export const Span = Evidence;
export type Span = Evidence;
