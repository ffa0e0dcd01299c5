import type { Stack } from "../bench/stack";

export interface UnexpectedExit {
  at: number;
  code: number | null;
  signal: NodeJS.Signals | null;
}

/**
 * Plays the process supervisor (systemd, Kubernetes): a product that exits on its own is
 * recorded, since the product must survive every fault of the drill, and started again so the
 * drill can go on measuring. A kill the drill makes on purpose goes through `killAndRestart`.
 */
export class ProductSupervisor {
  readonly unexpectedExits: UnexpectedExit[] = [];
  private restarting: Promise<void> | null = null;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stack: Stack) {
    this.timer = setInterval(() => this.check(), 250);
  }

  /** `kill -9`, `beforeRestart`, then a new process at once; resolves with the moment it was launched. */
  async killAndRestart(beforeRestart: () => Promise<void>): Promise<number> {
    const restarted = (async () => {
      await this.stack.killProduct();
      await beforeRestart();
    })();
    this.restarting = restarted;
    await restarted;
    const launchedAt = Date.now();
    this.restart();
    return launchedAt;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private check(): void {
    const { product } = this.stack;
    if (this.restarting || (product.exitCode === null && product.signalCode === null)) return;
    this.unexpectedExits.push({ at: Date.now(), code: product.exitCode, signal: product.signalCode });
    this.restart();
  }

  private restart(): void {
    // `restartProduct` replaces `stack.product` once the new one is ready; if it dies first, the
    // next check sees the old one still dead and starts another, as a supervisor would.
    this.restarting = this.stack
      .restartProduct()
      .catch((error: unknown) =>
        console.error("product restart:", error instanceof Error ? error.message : error),
      )
      .finally(() => {
        this.restarting = null;
      });
  }
}
