import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { CreateArtistInput } from "../../artists/create";
import { UpdateArtistInput } from "../../artists/update";
import { CreateEventInput } from "../../events/create";
import { UpdateEventInput } from "../../events/update";
import { newId } from "../../ids";
import { AcceptInvitationInput } from "../../invitations/accept";
import { CreateRoleInput } from "../../roles/create";
import { UpdateRoleInput } from "../../roles/update";
import { SignUpInput } from "../../sessions/sign-up";
import { CreateTenantInput } from "../../tenants/create";
import { UpdateTenantInput } from "../../tenants/update";

const later = new Date(Date.now() + 86_400_000).toISOString();

/**
 * Every human-entered name or text field in core's verb inputs, with an otherwise valid input:
 * each must refuse a right-to-left override and a zero-width space with an error on that field.
 */
const FIELDS: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["tenant create", CreateTenantInput, { name: "Acme", slug: "acme-co" }, "name"],
  ["tenant rename", UpdateTenantInput, { name: "Acme" }, "name"],
  ["sign-up", SignUpInput, { name: "Ada", email: "ada@example.com", password: "correct horse battery" }, "name"],
  ["invitation accept", AcceptInvitationInput, { token: "t".repeat(40), name: "Ada" }, "name"],
  ["role create", CreateRoleInput, { key: "curator", name: "Curator", grants: [] }, "name"],
  ["role create", CreateRoleInput, { key: "curator", name: "Curator", grants: [] }, "description"],
  ["role update", UpdateRoleInput, { roleId: newId("role"), name: "Curator" }, "name"],
  ["artist create", CreateArtistInput, { name: "Björk" }, "name"],
  ["artist create", CreateArtistInput, { name: "Björk" }, "genre"],
  ["artist create", CreateArtistInput, { name: "Björk" }, "country"],
  ["artist create", CreateArtistInput, { name: "Björk" }, "bio"],
  ["artist update", UpdateArtistInput, { artistId: newId("artist"), name: "Björk" }, "name"],
  ["event create", CreateEventInput, { title: "Live", startsAt: later }, "title"],
  ["event create", CreateEventInput, { title: "Live", startsAt: later }, "venue"],
  ["event create", CreateEventInput, { title: "Live", startsAt: later }, "description"],
  ["event update", UpdateEventInput, { eventId: newId("event"), title: "Live" }, "title"],
];

describe("name and text fields refuse invisible and direction-changing characters", () => {
  it.each(FIELDS)("%s accepts a clean %s", (_verb, schema, valid, field) => {
    const result = schema.safeParse({ ...valid, [field]: "Zoë 👩‍💻 Records" });
    expect(result.error?.issues ?? []).toEqual([]);
  });

  it.each(FIELDS)("%s: %s with U+202E or U+200B is a field error", (_verb, schema, valid, field) => {
    for (const [bad, what] of [
      ["Acme\u202eRecords", /text-direction control character \(U\+202E right-to-left override\)/],
      ["Acme\u200bRecords", /invisible character \(U\+200B zero-width space\)/],
    ] as const) {
      const result = schema.safeParse({ ...valid, [field]: bad });
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
        [field, expect.stringMatching(new RegExp(`^${field} contains .*${what.source}`))],
      ]);
    }
  });

  it("slugs name the invisible character instead of the generic character rule", () => {
    const result = CreateTenantInput.safeParse({ name: "Acme", slug: "ac\u200bme" });
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["slug", expect.stringMatching(/^slug contains an invisible character \(U\+200B zero-width space\)/)],
    ]);
  });
});
