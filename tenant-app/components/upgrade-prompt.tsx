/** What a member sees where a plan gate stops them: admins get the way out, others a plain note. */
export function UpgradePrompt({
  title,
  message,
  adminMessage,
  isAdmin,
}: {
  title: string;
  message: string;
  adminMessage: string;
  isAdmin: boolean;
}) {
  return (
    <section className="mw-card" data-testid="upgrade-prompt">
      <h1>{title}</h1>
      <p>{isAdmin ? adminMessage : message}</p>
      {isAdmin ? null : <p className="mw-muted">Ask an administrator of this organization if you need it.</p>}
    </section>
  );
}
