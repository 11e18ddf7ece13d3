import { z } from '../shared/zod.js';

// Offset pagination as the official client pages through it (`for await` follows `offset`
// until `total_count`). A limit above the maximum is lowered to it; the answer's `limit` says so.

export const defaultPageLimit = 25;
export const maxPageLimit = 100;

export const paginationQuery = z.object({
  limit: z.coerce
    .number({ error: `limit must be a whole number from 1 to ${maxPageLimit}` })
    .int({ error: `limit must be a whole number from 1 to ${maxPageLimit}` })
    .min(1, { error: `limit must be a whole number from 1 to ${maxPageLimit}` })
    .optional()
    .transform((limit) => Math.min(limit ?? defaultPageLimit, maxPageLimit)),
  offset: z.coerce
    .number({ error: 'offset must be a whole number, 0 or more' })
    .int({ error: 'offset must be a whole number, 0 or more' })
    .min(0, { error: 'offset must be a whole number, 0 or more' })
    .optional()
    .transform((offset) => offset ?? 0),
});

/** One page of a list, in the shape the official clients page through. */
export interface Page<Item> {
  items: Item[];
  total_count: number;
  offset: number;
  limit: number;
  /** Items on this page. */
  page_count: number;
}

/** The page of `items` at `offset`, with the limit lowered to the maximum if above it. */
export function toPage<Item>({
  items,
  limit,
  offset,
}: {
  items: readonly Item[];
  limit: number;
  offset: number;
}): Page<Item> {
  const pageItems = items.slice(offset, offset + limit);
  return {
    items: pageItems,
    total_count: items.length,
    offset,
    limit,
    page_count: pageItems.length,
  };
}
