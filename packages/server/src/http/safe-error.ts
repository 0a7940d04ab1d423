/**
 * What the log may say about an error (issue 17 failure 4): its type, database error code and the names of the
 * constraint/table/column, and the stack frames — never the message of a database error (drizzle puts the SQL
 * text and every parameter in it: names, ID numbers, phones) nor the `detail` of a PostgreSQL error (which
 * repeats the offending values). Used as the logger's `err` serializer, so every `log.x({ err })` goes
 * through it.
 */
interface PgFields {
  code?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
  severity?: unknown;
}

function databaseFields(e: unknown, depth = 0): PgFields | null {
  if (!e || typeof e !== 'object' || depth > 5) return null;
  const f = e as PgFields & { cause?: unknown };
  if (typeof f.code === 'string' && /^[0-9A-Z]{5}$/.test(f.code)) return f;
  return databaseFields(f.cause, depth + 1);
}

function isDatabaseError(e: unknown): boolean {
  if (databaseFields(e)) return true;
  const name = e && typeof e === 'object' ? (e as { name?: unknown }).name : null;
  const message = e instanceof Error ? e.message : '';
  return name === 'DrizzleQueryError' || /failed query|params:/i.test(message);
}

export function safeError(err: unknown): { type: string; message: string; stack: string; [k: string]: unknown } {
  if (!(err instanceof Error)) return { type: typeof err, message: '', stack: '' };
  const frames = (err.stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 15)
    .join('\n');
  const out: { type: string; message: string; stack: string; [k: string]: unknown } = { type: err.name, message: '', stack: frames };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out.code = code;
  if (isDatabaseError(err)) {
    const db = databaseFields(err);
    if (db) {
      for (const k of ['code', 'constraint', 'table', 'column', 'routine', 'severity'] as const) {
        if (typeof db[k] === 'string') out[k === 'code' ? 'dbCode' : k] = db[k];
      }
    }
    out.message = '[database error: message withheld, it may carry parameters]';
  } else {
    out.message = err.message.slice(0, 300);
  }
  return out;
}
