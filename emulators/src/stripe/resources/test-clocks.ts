import type Stripe from "stripe";
import type { Engine } from "../billing/invoicing";
import { advanceSubscriptions } from "../billing/lifecycle";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";

/** Subscriptions whose customer lives on this test clock (or, for `null`, on the emulator clock). */
export function subscriptionsOnClock(engine: Engine, clockId: string | null): Stripe.Subscription[] {
  return engine.store.all<Stripe.Subscription>("subscription").filter((s) => {
    const customer = engine.store.get<Stripe.Customer>(s.customer as string);
    const clock = typeof customer?.test_clock === "string" ? customer.test_clock : null;
    return clock === clockId;
  });
}

/** Runs what is due for subscriptions on the emulator clock (after `/_emulator/clock`). */
export function catchUpEmulatorClock(engine: Engine): void {
  advanceSubscriptions(
    engine,
    () => subscriptionsOnClock(engine, null),
    engine.store.now(),
    () => {},
  );
}

function createClock({ params, store, events }: ApiContext): Stripe.TestHelpers.TestClock {
  params.only(["frozen_time", "name"]);
  const frozen = params.reqInt("frozen_time");
  const clock: Stripe.TestHelpers.TestClock = {
    id: store.id("clock"),
    object: "test_helpers.test_clock",
    created: store.now(),
    deletes_after: store.now() + 30 * 86_400,
    frozen_time: frozen,
    livemode: false,
    name: params.str("name") || null,
    status: "ready",
    status_details: {},
  };
  store.put(clock);
  events.emit("test_helpers.test_clock.created", clock);
  return store.view(clock);
}

/**
 * Moves a test clock forward as Stripe does: answers at once with `status: "advancing"`, then runs
 * every renewal, retry, trial end and notice that falls in between, in order, and turns `ready`
 * (`test_helpers.test_clock.ready`). Clients poll the clock until it is ready.
 */
function advance(ctx: ApiContext): Stripe.TestHelpers.TestClock {
  const { params, store, events } = ctx;
  params.only(["frozen_time"]);
  const clock = store.getOrThrow<Stripe.TestHelpers.TestClock>(
    "test_helpers.test_clock",
    ctx.path.id ?? "",
    "test_clock",
  );
  if (clock.status !== "ready") {
    throw stripeErrors.badRequest("The test clock is already advancing. Wait for it to be ready.", {
      code: "test_clock_advancing",
    });
  }
  const target = params.reqInt("frozen_time");
  if (target <= clock.frozen_time) {
    throw stripeErrors.invalidParam("frozen_time", "The test clock can only be advanced forward in time.");
  }
  clock.status = "advancing";
  clock.status_details = { advancing: { target_frozen_time: target } };
  events.emit("test_helpers.test_clock.advancing", clock);
  const response = store.view(clock);
  setImmediate(() => {
    try {
      advanceSubscriptions(
        ctx,
        () => subscriptionsOnClock(ctx, clock.id),
        target,
        (t) => {
          clock.frozen_time = t;
        },
      );
      clock.status = "ready";
    } catch (err) {
      console.error("[stripe-emulator] test clock advance failed", err);
      clock.status = "internal_failure";
    }
    clock.status_details = {};
    events.emit(
      clock.status === "ready" ? "test_helpers.test_clock.ready" : "test_helpers.test_clock.internal_failure",
      clock,
    );
  });
  return response;
}

function deleteClock(ctx: ApiContext): Stripe.TestHelpers.DeletedTestClock {
  const { store } = ctx;
  const clock = store.getOrThrow<Stripe.TestHelpers.TestClock>(
    "test_helpers.test_clock",
    ctx.path.id ?? "",
    "test_clock",
  );
  // Deleting a clock deletes the customers (and so subscriptions) on it, as at Stripe.
  for (const sub of subscriptionsOnClock(ctx, clock.id)) store.remove(sub.id);
  for (const c of store.all<Stripe.Customer>("customer")) if (c.test_clock === clock.id) store.remove(c.id);
  store.remove(clock.id);
  ctx.events.emit("test_helpers.test_clock.deleted", clock);
  return { id: clock.id, object: "test_helpers.test_clock", deleted: true };
}

export const testClockRoutes: Route[] = [
  { method: "POST", path: "/v1/test_helpers/test_clocks", handler: createClock },
  {
    method: "GET",
    path: "/v1/test_helpers/test_clocks",
    handler: ({ params, store }) => {
      params.only(["limit", "starting_after", "ending_before"]);
      return listPage(store, store.all("test_helpers.test_clock"), params, "/v1/test_helpers/test_clocks");
    },
  },
  {
    method: "GET",
    path: "/v1/test_helpers/test_clocks/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("test_helpers.test_clock", path.id ?? "", "test_clock")),
  },
  { method: "DELETE", path: "/v1/test_helpers/test_clocks/:id", handler: deleteClock },
  { method: "POST", path: "/v1/test_helpers/test_clocks/:id/advance", handler: advance },
];
