import { Button } from "@mw/ui/button";
import { Field } from "@mw/ui/field";
import { Input, Select } from "@mw/ui/input";
import Link from "next/link";

const ACTOR_TYPES = [
  ["", "Any actor"],
  ["user", "User"],
  ["apiKey", "API key"],
  ["staff", "MusicalWheel staff"],
  ["system", "System"],
  ["webhook", "Webhook"],
] as const;

/**
 * A plain GET form: filters live in the URL, so a filtered view can be bookmarked or shared and
 * the export links carry exactly the same filters.
 */
export function AuditFilters({
  values,
  errors,
}: {
  values: Partial<Record<string, string>>;
  errors: Record<string, string[]>;
}) {
  return (
    <form
      method="get"
      action="/console/audit"
      className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4"
      aria-label="Filter events"
    >
      <Field label="Actor type" errors={errors.actorType}>
        <Select name="actorType" defaultValue={values.actorType ?? ""}>
          {ACTOR_TYPES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Actor id" errors={errors.actorId}>
        <Input name="actorId" placeholder="usr_…" defaultValue={values.actorId} />
      </Field>
      <Field label="Action" errors={errors.action}>
        <Input name="action" placeholder="theme.publish or theme." defaultValue={values.action} />
      </Field>
      <Field label="Target type" errors={errors.targetType}>
        <Input name="targetType" placeholder="membership" defaultValue={values.targetType} />
      </Field>
      <Field label="Target id" errors={errors.targetId}>
        <Input name="targetId" defaultValue={values.targetId} />
      </Field>
      <Field label="From (UTC)" errors={errors.from}>
        <Input name="from" type="date" defaultValue={values.from} />
      </Field>
      <Field label="To (UTC)" errors={errors.to}>
        <Input name="to" type="date" defaultValue={values.to} />
      </Field>
      <div className="flex items-end gap-2">
        <Button type="submit" size="sm">
          Apply filters
        </Button>
        <Button asChild variant="ghost" size="sm">
          <Link href="/console/audit">Clear</Link>
        </Button>
      </div>
    </form>
  );
}
