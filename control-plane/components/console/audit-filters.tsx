import Link from "next/link";

const ACTOR_TYPES = [
  ["", "Any actor"],
  ["user", "User"],
  ["apiKey", "API key"],
  ["staff", "MusicalWheel staff"],
  ["system", "System"],
  ["webhook", "Webhook"],
] as const;

function Err({ errors, name }: { errors: Record<string, string[]>; name: string }) {
  return (errors[name] ?? []).map((m) => (
    <span key={m} className="mw-field-error" role="alert" data-field-error={name}>
      {m}
    </span>
  ));
}

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
    <form method="get" action="/console/audit" className="ac-filters" aria-label="Filter events">
      <label>
        Actor type
        <select name="actorType" defaultValue={values.actorType ?? ""}>
          {ACTOR_TYPES.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <Err errors={errors} name="actorType" />
      </label>
      <label>
        Actor id
        <input name="actorId" placeholder="usr_…" defaultValue={values.actorId} />
        <Err errors={errors} name="actorId" />
      </label>
      <label>
        Action
        <input name="action" placeholder="theme.publish or theme." defaultValue={values.action} />
        <Err errors={errors} name="action" />
      </label>
      <label>
        Target type
        <input name="targetType" placeholder="membership" defaultValue={values.targetType} />
        <Err errors={errors} name="targetType" />
      </label>
      <label>
        Target id
        <input name="targetId" defaultValue={values.targetId} />
        <Err errors={errors} name="targetId" />
      </label>
      <label>
        From (UTC)
        <input name="from" type="date" defaultValue={values.from} />
        <Err errors={errors} name="from" />
      </label>
      <label>
        To (UTC)
        <input name="to" type="date" defaultValue={values.to} />
        <Err errors={errors} name="to" />
      </label>
      <div className="ac-filter-buttons">
        <button type="submit" className="ac-button small">
          Apply filters
        </button>
        <Link href="/console/audit" className="ac-button small ghost">
          Clear
        </Link>
      </div>
    </form>
  );
}
