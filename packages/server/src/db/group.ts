/**
 * Group work that arrives while a statement is in flight into the next statement (issue 18): the read audit rows
 * (audit/writer.ts) and the session lookups of concurrent requests (auth/sessions.ts). Nothing waits for a timer —
 * a lone item goes at once; items that arrive while `maxInFlight` statements are running wait for one of them to end
 * and then go together, one statement for all. Each item's statement therefore starts after the item arrived: a
 * session lookup never answers from a read older than its request.
 *
 * `retrySingly`: when a group fails, run its items one by one so that one bad item fails only its own caller;
 * otherwise every caller of the group gets the group's error.
 */
export class Grouper<T, R> {
  private queue: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private inFlight = 0;

  constructor(
    /** Runs one group as one statement; answers one result per item, in order. */
    private readonly runGroup: (items: T[]) => Promise<R[]>,
    private readonly opts: { maxInFlight: number; maxGroup: number; retrySingly: boolean },
  ) {}

  run(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.opts.maxInFlight && this.queue.length > 0) {
      const group = this.queue.splice(0, this.opts.maxGroup);
      this.inFlight += 1;
      void this.runOne(group).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async runOne(group: Grouper<T, R>['queue']): Promise<void> {
    try {
      const results = await this.runGroup(group.map((p) => p.item));
      group.forEach((p, i) => p.resolve(results[i]!));
    } catch (e) {
      if (group.length === 1 || !this.opts.retrySingly) {
        for (const p of group) p.reject(e);
        return;
      }
      for (const p of group) {
        try {
          const [r] = await this.runGroup([p.item]);
          p.resolve(r!);
        } catch (err) {
          p.reject(err);
        }
      }
    }
  }
}
