import type Stripe from "stripe";
import type { ApiContext, Route } from "../context";
import { stripeErrors } from "../errors";
import { listPage } from "../list";
import { mergeMetadata } from "../params";

const COUPON_ID = /^[A-Za-z0-9_-]{1,200}$/;

function createCoupon({ params, store, events }: ApiContext): Stripe.Coupon {
  params.only([
    "id",
    "percent_off",
    "amount_off",
    "currency",
    "duration",
    "duration_in_months",
    "name",
    "max_redemptions",
    "redeem_by",
    "metadata",
  ]);
  const id = params.str("id") || store.id("", 8).slice(1);
  if (!COUPON_ID.test(id)) throw stripeErrors.invalidParam("id", `Invalid id: ${id}`);
  if (store.has(id))
    throw stripeErrors.badRequest("Coupon already exists.", { code: "resource_already_exists", param: "id" });
  const percent = params.num("percent_off");
  const amount = params.int("amount_off");
  if ((percent === undefined) === (amount === undefined)) {
    throw stripeErrors.badRequest("You must pass exactly one of percent_off or amount_off.");
  }
  if (percent !== undefined && (percent <= 0 || percent > 100)) {
    throw stripeErrors.invalidParam("percent_off", "percent_off must be greater than 0 and at most 100.");
  }
  const currency = params.str("currency")?.toLowerCase() ?? null;
  if (amount !== undefined && !currency) throw stripeErrors.missingParam("currency");
  const duration = params.oneOf("duration", ["forever", "once", "repeating"] as const) ?? "once";
  const months = params.int("duration_in_months") ?? null;
  if (duration === "repeating" && !months) throw stripeErrors.missingParam("duration_in_months");
  const coupon: Stripe.Coupon = {
    id,
    object: "coupon",
    amount_off: amount ?? null,
    created: store.now(),
    currency: amount !== undefined ? currency : null,
    duration,
    duration_in_months: duration === "repeating" ? months : null,
    livemode: false,
    max_redemptions: params.int("max_redemptions") ?? null,
    metadata: mergeMetadata({}, params.metadata()),
    name: params.str("name") || null,
    percent_off: percent ?? null,
    redeem_by: params.int("redeem_by") ?? null,
    times_redeemed: 0,
    valid: true,
  };
  store.put(coupon);
  events.emit("coupon.created", coupon);
  return store.view(coupon);
}

export const couponRoutes: Route[] = [
  { method: "POST", path: "/v1/coupons", handler: createCoupon },
  {
    method: "GET",
    path: "/v1/coupons",
    handler: ({ params, store }) => {
      params.only(["limit", "starting_after", "ending_before", "created"]);
      return listPage(store, store.all("coupon"), params, "/v1/coupons");
    },
  },
  {
    method: "GET",
    path: "/v1/coupons/:id",
    handler: ({ store, path }) => store.view(store.getOrThrow("coupon", path.id ?? "", "coupon")),
  },
  {
    method: "POST",
    path: "/v1/coupons/:id",
    handler: ({ params, store, path }) => {
      params.only(["name", "metadata"]);
      const coupon = store.getOrThrow<Stripe.Coupon>("coupon", path.id ?? "", "coupon");
      if (params.has("name")) coupon.name = params.str("name") || null;
      coupon.metadata = mergeMetadata(coupon.metadata ?? {}, params.metadata());
      return store.view(coupon);
    },
  },
  {
    method: "DELETE",
    path: "/v1/coupons/:id",
    handler: ({ store, events, path }) => {
      const coupon = store.getOrThrow<Stripe.Coupon>("coupon", path.id ?? "", "coupon");
      // Existing discounts keep applying; the coupon can no longer be redeemed.
      coupon.valid = false;
      events.emit("coupon.deleted", coupon);
      store.remove(coupon.id);
      store.put({ id: coupon.id, object: "deleted_coupon", deleted: true, coupon });
      return { id: coupon.id, object: "coupon", deleted: true } satisfies Stripe.DeletedCoupon;
    },
  },
];
