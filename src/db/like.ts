/**
 * A search text as the literal part of a LIKE pattern: `%`, `_` and LIKE's escape character `\`
 * taken as themselves (PostgreSQL's default escape is `\`, on both engines). Every `q` search goes
 * through these, so `?q=%` finds names containing "%" rather than every row (issue #18 point 7).
 */
export const likeLiteral = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A pattern matching any text that contains `q`. */
export const containsPattern = (q: string) => `%${likeLiteral(q)}%`;

/** A pattern matching any text that starts with `q`. */
export const prefixPattern = (q: string) => `${likeLiteral(q)}%`;
