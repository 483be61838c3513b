/** Shown instead of a page whose read permission the admin lacks (the nav already hides it). */
export function NoAccess({ what, permission }: { what: string; permission: string }) {
  return (
    <section className="ac-card ac-empty-state" role="alert">
      <h1>No access to {what}</h1>
      <p className="ac-muted">
        Your roles do not include <code>{permission}</code>. Ask an owner or admin of your organization if you need it.
      </p>
    </section>
  );
}
