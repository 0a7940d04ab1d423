import type { Locale } from '../i18n/messages.js';
import type { FieldIssue } from './app-error.js';
import { fieldIssue, fromClinicalError, validationError } from './validation.js';

/**
 * Collects every problem of one request before answering 400 (trust.md S4: a record is refused whole,
 * with each field's message in zh and en). Clinical functions run through `clinical()`, so their
 * ClinicalInputError issues join the list under the request's field path.
 */
export class Problems {
  private readonly list: FieldIssue[] = [];
  constructor(private readonly locale: Locale) {}

  add(path: string, key: string, params?: Record<string, unknown>): void {
    this.list.push(fieldIssue(this.locale, path, key, params));
  }

  /**
   * Run a @gisurg/clinical function; on ClinicalInputError record its issues under the request's path
   * (`prefix.field`, or a mapping of the function's field names) and return undefined.
   */
  clinical<T>(prefix: string | ((field: string) => string), fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      const err = fromClinicalError(e, this.locale, typeof prefix === 'string' ? prefix : '');
      if (!err) throw e;
      const fields = err.details?.fields ?? [];
      this.list.push(...(typeof prefix === 'string' ? fields : fields.map((f) => ({ ...f, path: prefix(f.path) }))));
      return undefined;
    }
  }

  /** A value the client computed itself must equal the server's (same function, same inputs). */
  agree(path: string, client: unknown, computed: unknown): void {
    if (client === undefined) return;
    if ((client ?? null) !== (computed ?? null)) {
      const expected =
        typeof computed === 'string' || typeof computed === 'number' || typeof computed === 'boolean' ? String(computed) : '—';
      this.add(path, 'oncology.validation.computedMismatch', { expected });
    }
  }

  notFuture(path: string, date: string | null | undefined, today: string): void {
    if (date && date > today) this.add(path, 'validation.date.future');
  }

  notBefore(path: string, date: string | null | undefined, min: string, key: string, params?: Record<string, unknown>): void {
    if (date && date < min) this.add(path, key, params);
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw validationError(this.list);
  }
}

/** `value` only when the key is present in a PATCH body (undefined = leave as is). */
export function pick<T>(input: T | undefined, current: T): T {
  return input === undefined ? current : input;
}
