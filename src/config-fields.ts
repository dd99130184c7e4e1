/** The field types the environment schema is built from: blank is unset, URLs are http(s), prefixes are checked. */
import { z } from 'zod';

export const blankToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;
export const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
export const withPrefix = (prefix: string, what: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .refine((v) => v.startsWith(prefix), `must be ${what} starting with "${prefix}"`)
      .optional(),
  );

export const httpUrl = (fallback: string) =>
  z.preprocess(
    (value) => blankToUndefined(value) ?? fallback,
    z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  );
