import { randomBytes } from "node:crypto";
import type Stripe from "stripe";
import type { EmulatorClock } from "../shared/clock";
import { stripeErrors } from "./errors";

/** Any Stripe API object as the emulator keeps it: references to other objects are ids. */
export interface StripeObject {
  id: string;
  object: string;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * All of one emulator's objects, by id, with their creation order per `object` type (lists are
 * newest first). Time comes from the emulator clock, or, for a customer attached to a test clock,
 * from that clock's frozen time (`nowFor`).
 */
export class StripeStore {
  #objects = new Map<string, StripeObject>();
  #order = new Map<string, string[]>();
  #views = new Map<string, (obj: StripeObject) => StripeObject>();
  /** What Stripe knows besides its API objects (card behaviours, retry schedules…), by name. */
  #side = new Map<string, unknown>();

  constructor(readonly clock: EmulatorClock) {}

  /** A Stripe-shaped id: `cus_` + 24 base62 characters. */
  id(prefix: string, length = 24): string {
    const bytes = randomBytes(length);
    let out = "";
    for (const b of bytes) out += BASE62[b % 62];
    return `${prefix}_${out}`;
  }

  /** The emulator clock in Unix seconds. */
  now(): number {
    return Math.floor(this.clock.now().getTime() / 1000);
  }

  /** "Now" for a customer: its test clock's frozen time when it has one. */
  nowFor(customerId: string | null | undefined): number {
    if (!customerId) return this.now();
    const customer = this.#objects.get(customerId) as { test_clock?: unknown } | undefined;
    const clockId = typeof customer?.test_clock === "string" ? customer.test_clock : null;
    if (!clockId) return this.now();
    const clock = this.#objects.get(clockId) as { frozen_time?: number } | undefined;
    return clock?.frozen_time ?? this.now();
  }

  /**
   * How an object type is shown: a copy with its embedded children refreshed (a subscription item
   * shows the price as it is now, as Stripe does). Every response and expansion goes through it.
   */
  registerView<T extends StripeObject>(type: string, view: (obj: T) => T): void {
    this.#views.set(type, view as unknown as (obj: StripeObject) => StripeObject);
  }

  view<T extends StripeObject>(obj: T): T {
    const copy = clone(obj);
    const view = this.#views.get(obj.object);
    return (view ? view(copy) : copy) as T;
  }

  put<T extends StripeObject>(obj: T): T {
    if (!this.#objects.has(obj.id)) {
      const ids = this.#order.get(obj.object) ?? [];
      ids.push(obj.id);
      this.#order.set(obj.object, ids);
    }
    this.#objects.set(obj.id, obj);
    return obj;
  }

  has(id: string): boolean {
    return this.#objects.has(id);
  }

  get<T extends StripeObject = StripeObject>(id: string): T | undefined {
    return this.#objects.get(id) as T | undefined;
  }

  /** The object of that type, or Stripe's 404 naming `resource` ("price", "checkout.session"). */
  getOrThrow<T extends StripeObject>(type: string, id: string, resource = type, param = "id"): T {
    const obj = this.#objects.get(id);
    if (!obj || obj.object !== type || (obj as { deleted?: boolean }).deleted) {
      throw stripeErrors.noSuch(resource, id, param);
    }
    return obj as T;
  }

  /** Every object of a type, newest first. */
  all<T extends StripeObject>(type: string): T[] {
    const ids = this.#order.get(type) ?? [];
    const out: T[] = [];
    for (let i = ids.length - 1; i >= 0; i--) {
      const obj = this.#objects.get(ids[i] as string);
      if (obj && !(obj as { deleted?: boolean }).deleted) out.push(obj as T);
    }
    return out;
  }

  remove(id: string): void {
    const obj = this.#objects.get(id);
    if (!obj) return;
    this.#objects.delete(id);
    const ids = this.#order.get(obj.object);
    if (ids)
      this.#order.set(
        obj.object,
        ids.filter((i) => i !== id),
      );
  }

  /** Side state kept with the objects (cleared and persisted with them). */
  side<T>(key: string, init: () => T): T {
    if (!this.#side.has(key)) this.#side.set(key, init());
    return this.#side.get(key) as T;
  }

  clear(): void {
    this.#objects.clear();
    this.#order.clear();
    this.#side.clear();
  }

  /** Every object (in creation order) and the side state, for persisting; `skip` leaves types out. */
  snapshot(skip: readonly string[] = []): StoreSnapshot {
    const objects: StripeObject[] = [];
    for (const [type, ids] of this.#order) {
      if (skip.includes(type)) continue;
      for (const id of ids) {
        const obj = this.#objects.get(id);
        if (obj) objects.push(obj);
      }
    }
    return { objects, side: Object.fromEntries(this.#side) };
  }

  restore(snapshot: StoreSnapshot): void {
    this.clear();
    for (const obj of snapshot.objects) this.put(obj);
    for (const [k, v] of Object.entries(snapshot.side)) this.#side.set(k, v);
  }
}

export interface StoreSnapshot {
  objects: StripeObject[];
  side: Record<string, unknown>;
}

/** A deep copy of plain JSON data (objects handed out must not alias the store's). */
export function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * Decimal fields (`unit_amount_decimal`) travel as strings; the SDK's types name its Decimal class,
 * which it builds from that string on the client side.
 */
export function wireDecimal(value: number): NonNullable<Stripe.Price["unit_amount_decimal"]> {
  return String(value) as unknown as NonNullable<Stripe.Price["unit_amount_decimal"]>;
}
