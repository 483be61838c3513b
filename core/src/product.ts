/**
 * The tenant product's verbs (artists, events, analytics) and the plan gates they share. Every verb
 * takes a `ProductCtx`: a tenant context plus the tenant's entitlements from the host resolver.
 */

export type { AnalyticsSummary, AnalyticsTotals, MonthlyPoint } from "./analytics/summary";
export { getAnalyticsSummary } from "./analytics/summary";
export type { Page } from "./artists/content";
export { CreateArtistInput, createArtist } from "./artists/create";
export { DeleteArtistInput, deleteArtist } from "./artists/delete";
export { GetArtistInput, getArtistOrThrow } from "./artists/get";
export { ListArtistsInput, listArtists } from "./artists/list";
export { UpdateArtistInput, updateArtist } from "./artists/update";
export { CreateEventInput, createEvent } from "./events/create";
export { DeleteEventInput, deleteEvent } from "./events/delete";
export type { EventWithRsvps, RsvpStatus } from "./events/list";
export { GetEventInput, getEventOrThrow, ListEventsInput, listEvents } from "./events/list";
export type { RsvpChoice } from "./events/rsvp";
export { RsvpEventInput, rsvpEvent } from "./events/rsvp";
export { UpdateEventInput, updateEvent } from "./events/update";
export type {
  DunningState,
  EntitledTenant,
  FeatureAvailability,
  FeatureIntent,
  FeatureSignals,
  FeatureUnavailable,
  UnavailableReason,
} from "./plans/availability";
export { featureAvailability, limitFor, limitHeldByDunning } from "./plans/availability";
export { FeatureUnavailableError } from "./plans/errors";
export type { ProductCtx } from "./plans/guards";
export { assertFeature, assertWithinLimit } from "./plans/guards";
export type { ShowcaseArtist, ShowcaseEvent, TenantShowcase } from "./showcase/read";
export { readTenantShowcase, SHOWCASE_LIMITS } from "./showcase/read";
