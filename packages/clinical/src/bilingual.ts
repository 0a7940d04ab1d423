/** A label shown in the web forms: Chinese first (the department's working language), English beside it. */
export interface Bilingual {
  readonly zh: string;
  readonly en: string;
}

/** A selectable value with its bilingual label (dropdowns, radio groups). */
export interface CodedOption<V extends string | number = string> {
  readonly value: V;
  readonly label: Bilingual;
}
