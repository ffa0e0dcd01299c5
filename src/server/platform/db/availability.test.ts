import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../logger";
import { DatabaseAvailability, isDatabaseUnreachable } from "./availability";

function capturedLog() {
  const messages: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) messages.push(JSON.parse(line).msg);
      done();
    },
  });
  return { messages, log: createLogger("info", stream) };
}

const refused = () =>
  Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe("isDatabaseUnreachable", () => {
  it("recognises a refused connection, a server shutting down and a closed client, even wrapped", () => {
    expect(isDatabaseUnreachable(refused())).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(
      true,
    );
    expect(isDatabaseUnreachable(Object.assign(new Error("x"), { code: "08006" }))).toBe(true);
    expect(
      isDatabaseUnreachable(new Error("Failed query: select 1", { cause: new Error("PGlite is closed") })),
    ).toBe(true);
  });

  it("leaves query errors alone: they are bugs or bad input, not an outage", () => {
    expect(isDatabaseUnreachable(Object.assign(new Error("duplicate key"), { code: "23505" }))).toBe(false);
    expect(isDatabaseUnreachable(new Error("No values to set"))).toBe(false);
    expect(isDatabaseUnreachable("ECONNREFUSED")).toBe(false);
  });
});

describe("DatabaseAvailability", () => {
  it("logs an outage once when it starts and once when a probe finds the database back", async () => {
    const { messages, log } = capturedLog();
    let isUp = false;
    const availability = new DatabaseAvailability(
      async () => {
        if (!isUp) throw refused();
      },
      log,
      5,
    );
    for (let i = 0; i < 10; i++) expect(availability.reportFailure(refused())).toBe(true);
    expect(availability.isDown).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 30));
    isUp = true;
    await until(() => !availability.isDown);
    expect(availability.isDown).toBe(false);
    expect(messages).toEqual([
      "database unreachable: answering 503 until it is back",
      "database reachable again",
    ]);
    availability.close();
  });

  it("does not count an ordinary error as an outage", () => {
    const { messages, log } = capturedLog();
    const availability = new DatabaseAvailability(async () => {}, log);
    expect(availability.reportFailure(new Error("syntax error"))).toBe(false);
    expect(availability.isDown).toBe(false);
    expect(messages).toEqual([]);
  });
});
