import { InvalidCursor } from '../db/paging.js';
import { ValidationFailed, withDetails } from '../errors.js';

/** The 400 of a cursor this service did not make (api.md: one paging convention, {items, nextCursor}). */
export function invalidCursor() {
  return withDetails(new ValidationFailed('Invalid cursor'), [{ in: 'querystring', field: 'cursor', message: 'not a cursor this service made' }]);
}

/** Runs a list read, answering src/db/'s InvalidCursor as the 400 above. */
export async function paged<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof InvalidCursor) throw invalidCursor();
    throw err;
  }
}
