/** First-start setup cannot go on (e.g. demo data asked for on a database that holds real patients). */
export class BootstrapError extends Error {}
