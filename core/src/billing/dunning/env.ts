import { z } from "zod";

/**
 * Dunning policy, read once (the one place this module reads the environment). Days, so staff and
 * the README speak the same unit as the e-mails; fractions are allowed for tests and demos.
 */
const DunningEnvSchema = z.object({
  /** Grace after a failed payment: features stay on, admins are warned (past_due → restricted). */
  DUNNING_GRACE_DAYS: z.coerce.number().positive().max(90).default(7),
  /** Restricted for this long with the invoice still unpaid → suspended (the site closes). */
  DUNNING_SUSPEND_AFTER_DAYS: z.coerce.number().positive().max(180).default(14),
  /** A reminder goes to the billing contacts this many days before the grace period ends. */
  DUNNING_REMINDER_DAYS: z.coerce.number().min(0).max(30).default(3),
});

export type DunningEnv = z.infer<typeof DunningEnvSchema>;

function load(): DunningEnv {
  const parsed = DunningEnvSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${lines}`);
  }
  return parsed.data;
}

export const dunningEnv: DunningEnv = load();
