/**
 * Stores webhook deliveries as they arrive, with a group commit: while one insert is in flight,
 * the deliveries that arrive queue up and go in the next single insert. At a trickle each one is
 * written at once (no timer, no added wait); under a burst, one round trip and one commit serve
 * dozens of acknowledgements. If a group fails, its deliveries are tried one by one, so that one
 * the database refuses cannot fail its neighbours.
 */
export class DeliveryIntake {
  private waiting: { body: Buffer; resolve: (isNew: boolean) => void; reject: (error: unknown) => void }[] =
    [];
  private isWriting = false;

  constructor(
    private readonly storeMany: (bodies: Buffer[]) => Promise<boolean[]>,
    private readonly maxGroup = 200,
  ) {}

  /** Resolves once the delivery is durably stored: true when new, false when already known. */
  store(body: Buffer): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ body, resolve, reject });
      if (!this.isWriting) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.isWriting = true;
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, this.maxGroup);
      try {
        const results = await this.storeMany(group.map((item) => item.body));
        for (const [i, item] of group.entries()) item.resolve(results[i]!);
      } catch (error) {
        if (group.length === 1) group[0]!.reject(error);
        else
          for (const item of group)
            await this.storeMany([item.body]).then(([isNew]) => item.resolve(isNew!), item.reject);
      }
    }
    this.isWriting = false;
  }
}
