import { http } from "../bench/support";

/** The standalone simulator's control API (see `src/simulator/README.md`). */
export function simulatorControl(simulatorUrl: string) {
  const control = async (path: string, body?: unknown) => {
    const { status, json } = await http<unknown>(`${simulatorUrl}/simulator/control/${path}`, {
      method: "POST",
      body: body ?? {},
    });
    if (status !== 200) throw new Error(`simulator ${path}: ${status} ${JSON.stringify(json)}`);
    return json;
  };
  return {
    outage: (mode: "off" | "error" | "timeout") => control("outage", { mode }),
    failNext: (code: number, count: number) => control("fail-next", { code, count }),
    /** The next `count` webhooks are held and posted newest first. */
    reorder: (count: number) => control("webhooks/reorder", { count }),
    /** The next `count` webhooks are posted twice, same bytes. */
    duplicate: (count: number) => control("webhooks/duplicate", { count }),
    async queuedFailures(): Promise<number> {
      const { json } = await http<{ faults: { failNext: unknown[] } }>(
        `${simulatorUrl}/simulator/control/state`,
      );
      return json.faults.failNext.length;
    },
    /** Webhooks not yet acknowledged by the product (among the last 2,000 the simulator keeps). */
    async webhooksInFlight(): Promise<number> {
      const { json } = await http<{ deliveries: { state: string }[] }>(
        `${simulatorUrl}/simulator/control/webhooks`,
      );
      return json.deliveries.filter((d) => ["pending", "held", "paused"].includes(d.state)).length;
    },
  };
}

export type SimulatorControl = ReturnType<typeof simulatorControl>;

/** Keeps the simulator's own webhooks duplicated and reordered (newest first) while it runs. */
export function scrambleSimulatorWebhooks(control: SimulatorControl): () => void {
  const timer = setInterval(() => {
    void control.reorder(8).catch(() => undefined);
    void control.duplicate(5).catch(() => undefined);
  }, 3_000);
  return () => clearInterval(timer);
}
