/**
 * The one error type of the clinical package. Every function throws it for nonsense input instead of
 * returning a plausible value. `issues` lists every problem found (not just the first), each with the
 * input field it concerns, a stable code and an i18n message key (texts in ./messages.ts) with parameters.
 * The server maps it to a 400 VALIDATION error; the web app shows the texts beside the fields.
 */
export interface ClinicalIssue {
  /** Input field path, e.g. `regions[3]`, `heightCm`, `t`. */
  readonly field: string;
  /** Stable machine code, e.g. `out_of_range`, `required`, `unknown_category`. */
  readonly code: string;
  /** i18n key, e.g. `clinical.pci.regionScore`; texts in zh-CN and en live in ./messages.ts. */
  readonly messageKey: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export class ClinicalInputError extends Error {
  override readonly name = 'ClinicalInputError';
  readonly issues: readonly ClinicalIssue[];

  constructor(issues: ClinicalIssue | readonly ClinicalIssue[]) {
    const list = Array.isArray(issues) ? (issues as readonly ClinicalIssue[]) : [issues as ClinicalIssue];
    if (list.length === 0) throw new TypeError('ClinicalInputError needs at least one issue');
    super(list.map((i) => `${i.field}: ${i.code}`).join('; '));
    this.issues = list;
  }

  /** The first offending field (convenience for single-field errors). */
  get field(): string {
    return this.issues[0]!.field;
  }

  get code(): string {
    return this.issues[0]!.code;
  }

  get messageKey(): string {
    return this.issues[0]!.messageKey;
  }
}

export function isClinicalInputError(e: unknown): e is ClinicalInputError {
  return e instanceof ClinicalInputError;
}
