import { FONT_STACKS, THEME_PRESETS, type ThemeTokens } from "@mw/themes";
import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors";
import {
  type RenderedEmail,
  renderDomainVerifiedEmail,
  renderDunningRestoredEmail,
  renderDunningRestrictedEmail,
  renderInvitationEmail,
  renderMagicLinkEmail,
  renderPaymentFailedEmail,
  renderTrialEndingEmail,
  renderWelcomeEmail,
} from "../index";

const LINK = "https://nordlicht.example.com/auth/verify?token=tok_123&next=%2Fhome";
const BILLING = "https://cp.nordlicht.example.com/console/sign-in?org=nordlicht&next=%2Fconsole%2Fbilling";
const BILLING_PAY = "https://invoice.stripe.test/i/in_123";
const PRESETS = [
  ["aurora", THEME_PRESETS.aurora],
  ["forest", THEME_PRESETS.forest],
] as const;

type Template = {
  name: string;
  render: (tokens: ThemeTokens, tenantName: string) => Promise<RenderedEmail>;
  /** The URL the call to action points at. */
  href: string;
};

const TEMPLATES: Template[] = [
  {
    name: "magic link",
    render: (tokens, tenantName) => renderMagicLinkEmail({ tenantName, tokens, link: LINK, expiresInMinutes: 15 }),
    href: LINK,
  },
  {
    name: "invitation",
    render: (tokens, tenantName) =>
      renderInvitationEmail({
        tenantName,
        tokens,
        link: LINK,
        inviterName: "Grace Hopper",
        roleNames: ["Admin", "Billing manager"],
        expiresInDays: 7,
      }),
    href: LINK,
  },
  {
    name: "welcome",
    render: (tokens, tenantName) => renderWelcomeEmail({ tenantName, tokens, link: LINK }),
    href: LINK,
  },
  {
    name: "domain verified",
    render: (tokens, tenantName) => renderDomainVerifiedEmail({ tenantName, tokens, hostname: "music.nordlicht.com" }),
    href: "https://music.nordlicht.com/",
  },
  {
    name: "payment failed",
    render: (tokens, tenantName) =>
      renderPaymentFailedEmail({
        tenantName,
        tokens,
        amountDueCents: 999,
        currency: "usd",
        state: "past_due",
        graceUntil: "2026-12-08T12:00:00Z",
        payLink: BILLING_PAY,
        billingLink: BILLING,
      }),
    href: BILLING_PAY,
  },
  {
    name: "dunning restricted",
    render: (tokens, tenantName) =>
      renderDunningRestrictedEmail({
        tenantName,
        tokens,
        stage: "restricted",
        suspendOn: "2026-12-22T12:00:00Z",
        billingLink: BILLING,
      }),
    href: BILLING,
  },
  {
    name: "dunning suspended",
    render: (tokens, tenantName) =>
      renderDunningRestrictedEmail({ tenantName, tokens, stage: "suspended", suspendOn: null, billingLink: BILLING }),
    href: BILLING,
  },
  {
    name: "dunning restored",
    render: (tokens, tenantName) => renderDunningRestoredEmail({ tenantName, tokens, billingLink: BILLING }),
    href: BILLING,
  },
  {
    name: "trial ending",
    render: (tokens, tenantName) =>
      renderTrialEndingEmail({
        tenantName,
        tokens,
        planName: "Pro",
        trialEnd: "2026-12-04T09:00:00Z",
        hasPaymentMethod: false,
        billingLink: BILLING,
      }),
    href: BILLING,
  },
];

const asHtmlAttribute = (value: string) => value.replaceAll("&", "&amp;").replaceAll('"', "&quot;");

describe.each(TEMPLATES)("$name email", (template) => {
  describe.each(PRESETS)("with the %s preset", (_preset, tokens) => {
    it("carries the tenant's brand and the link, and nothing of the platform", async () => {
      const email = await template.render(tokens, "Nordlicht Records");
      const accent = tokens.email.accentColor ?? tokens.colors.light.primary;

      expect(email.subject).toContain("Nordlicht Records");
      expect(email.html).toContain("Nordlicht Records");
      expect(email.html).toContain(`background-color:${accent}`);
      expect(email.html).toContain(`color:${tokens.colors.light.primaryForeground}`);
      expect(email.html).toContain(`src="${tokens.logo.url}"`);
      expect(email.html).toContain(`alt="${tokens.logo.alt}"`);
      expect(email.html).toContain(`font-family:${asHtmlAttribute(FONT_STACKS[tokens.fonts.body])}`);
      expect(email.html).toContain(`href="${asHtmlAttribute(template.href)}"`);
      expect(email.html).toContain(tokens.email.footerText);
      for (const part of [email.subject, email.html, email.text]) {
        expect(part.toLowerCase()).not.toContain("musicalwheel");
      }
    });

    it("has a plain-text part with the link", async () => {
      const email = await template.render(tokens, "Nordlicht Records");
      expect(email.text).toContain(template.href);
      expect(email.text).toContain("Nordlicht Records");
      expect(email.text).not.toMatch(/<[a-z]/i);
    });
  });

  it("looks different for different tenants", async () => {
    const [aurora, forest] = await Promise.all([
      template.render(THEME_PRESETS.aurora, "Nordlicht Records"),
      template.render(THEME_PRESETS.forest, "Nordlicht Records"),
    ]);
    expect(aurora.html).toContain(THEME_PRESETS.aurora.colors.light.primary);
    expect(aurora.html).not.toContain(THEME_PRESETS.forest.colors.light.primary);
    expect(forest.html).toContain(THEME_PRESETS.forest.colors.light.primary);
  });

  it("escapes the tenant name instead of rendering it as markup", async () => {
    const email = await template.render(THEME_PRESETS.classic, 'Tom & Jerry <img src=x onerror="alert(1)">');
    expect(email.html).not.toContain("<img src=x");
    expect(email.html).toContain("Tom &amp; Jerry &lt;img");
  });

  it("keeps the subject on one line", async () => {
    const email = await template.render(THEME_PRESETS.classic, "Nordlicht\r\nBcc: someone@example.com");
    expect(email.subject).not.toMatch(/[\r\n]/);
  });
});

describe.each([
  [
    "magic link",
    (link: string) =>
      renderMagicLinkEmail({ tenantName: "N", tokens: THEME_PRESETS.aurora, link, expiresInMinutes: 10 }),
  ],
  [
    "invitation",
    (link: string) =>
      renderInvitationEmail({
        tenantName: "N",
        tokens: THEME_PRESETS.aurora,
        link,
        roleNames: ["Member"],
        expiresInDays: 7,
      }),
  ],
  ["welcome", (link: string) => renderWelcomeEmail({ tenantName: "N", tokens: THEME_PRESETS.aurora, link })],
])("%s link validation", (_name, renderWith) => {
  it.each([
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD4=",
    "/relative/path",
    "https://user:pass@evil.example.com/",
    "https://example.com/a b",
    "ftp://example.com/file",
  ])("refuses %s", async (link) => {
    const error = await renderWith(link).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fields).toHaveProperty("link");
  });

  it("accepts http for local development", async () => {
    const email = await renderWith("http://acme.localhost:3000/x");
    expect(email.text).toContain("http://acme.localhost:3000/x");
  });
});

describe("invitation email", () => {
  const base = {
    tenantName: "Nordlicht Records",
    tokens: THEME_PRESETS.sunset,
    link: LINK,
    roleNames: ["Admin", "Billing manager"],
    expiresInDays: 1,
  };

  it("names the inviter and the roles", async () => {
    const email = await renderInvitationEmail({ ...base, inviterName: "Grace Hopper" });
    expect(email.subject).toBe("Grace Hopper invited you to join Nordlicht Records");
    expect(email.text).toContain(
      "Grace Hopper has invited you to join Nordlicht Records as Admin and Billing manager.",
    );
    expect(email.text).toContain("expires in 1 day.");
  });

  it("reads well without an inviter", async () => {
    for (const inviterName of [undefined, "", "   "]) {
      const email = await renderInvitationEmail({ ...base, inviterName });
      expect(email.subject).toBe("You are invited to join Nordlicht Records");
      expect(email.text).toContain("You have been invited to join Nordlicht Records as Admin and Billing manager.");
    }
  });

  it("needs at least one role", async () => {
    await expect(renderInvitationEmail({ ...base, roleNames: [] })).rejects.toThrow(ValidationError);
  });
});

describe("branding edge cases", () => {
  it("keeps the button readable when the email accent does not suit primaryForeground", async () => {
    const tokens = { ...THEME_PRESETS.aurora, email: { ...THEME_PRESETS.aurora.email, accentColor: "#fde047" } };
    const email = await renderWelcomeEmail({ tenantName: "Nordlicht", tokens, link: LINK });
    expect(email.html).toContain("background-color:#fde047;color:#000000");
  });

  it("shows the tenant name instead of a site-relative logo no mail client could load", async () => {
    const tokens = { ...THEME_PRESETS.forest, logo: { ...THEME_PRESETS.forest.logo, url: "/brand/logo.png" } };
    const email = await renderWelcomeEmail({ tenantName: "Nordlicht", tokens, link: LINK });
    expect(email.html).not.toContain("<img");
    expect(email.html).toContain(">Nordlicht</p>");
  });

  it("re-validates the theme tokens it is given", async () => {
    const tokens = { ...THEME_PRESETS.forest, logo: { ...THEME_PRESETS.forest.logo, url: "javascript:alert(1)" } };
    await expect(renderWelcomeEmail({ tenantName: "Nordlicht", tokens, link: LINK })).rejects.toThrow(ValidationError);
  });

  it("refuses a host name that is not one", async () => {
    for (const hostname of ["localhost", "bad_host.example.com", "evil.com/path", "-a.example.com"]) {
      await expect(
        renderDomainVerifiedEmail({ tenantName: "N", tokens: THEME_PRESETS.aurora, hostname }),
        hostname,
      ).rejects.toThrow(ValidationError);
    }
  });

  it("uses the expiry in minutes, singular and plural", async () => {
    const one = await renderMagicLinkEmail({
      tenantName: "N",
      tokens: THEME_PRESETS.aurora,
      link: LINK,
      expiresInMinutes: 1,
    });
    const many = await renderMagicLinkEmail({
      tenantName: "N",
      tokens: THEME_PRESETS.aurora,
      link: LINK,
      expiresInMinutes: 15,
    });
    expect(one.text).toContain("expires in 1 minute.");
    expect(many.text).toContain("expires in 15 minutes.");
  });
});

describe("the admin console link", () => {
  const consoleLink = "https://control.example.com/console/sign-in?org=nordlicht";
  const invitation = {
    tenantName: "Nordlicht Records",
    tokens: THEME_PRESETS.sunset,
    link: LINK,
    roleNames: ["Admin"],
    expiresInDays: 7,
  };

  it("is in the invitation and the welcome e-mail of an administrator", async () => {
    for (const email of [
      await renderInvitationEmail({ ...invitation, consoleLink }),
      await renderWelcomeEmail({ tenantName: "Nordlicht", tokens: THEME_PRESETS.aurora, link: LINK, consoleLink }),
    ]) {
      expect(email.html).toContain(`href="${asHtmlAttribute(consoleLink)}"`);
      expect(email.text).toContain("admin console");
      expect(email.text).toContain(consoleLink);
    }
  });

  it("is not in anyone else's", async () => {
    for (const email of [
      await renderInvitationEmail(invitation),
      await renderWelcomeEmail({ tenantName: "Nordlicht", tokens: THEME_PRESETS.aurora, link: LINK }),
    ]) {
      expect(email.text).not.toContain("admin console");
      expect(email.html).not.toContain("/console/");
    }
  });

  it("must be an http(s) link", async () => {
    await expect(renderInvitationEmail({ ...invitation, consoleLink: "javascript:alert(1)" })).rejects.toThrow(
      ValidationError,
    );
  });
});

describe("billing e-mail copy", () => {
  const tokens = THEME_PRESETS.aurora;
  it("says what was owed, by when, and what happens then", async () => {
    const email = await renderPaymentFailedEmail(
      {
        tenantName: "Nordlicht",
        tokens,
        amountDueCents: 2999,
        currency: "usd",
        state: "past_due",
        graceUntil: "2026-12-08T12:00:00Z",
        payLink: BILLING_PAY,
        billingLink: BILLING,
      },
      new Date("2026-12-01T12:00:00Z"),
    );
    expect(email.subject).toBe("Payment failed for Nordlicht");
    expect(email.text).toContain("$29.99");
    expect(email.text).toContain("Dec 8, 2026 (7 days from now)");
    expect(email.text).toContain("switched off");
  });

  it("a reminder and a retry failing while restricted read differently", async () => {
    const base = {
      tenantName: "Nordlicht",
      tokens,
      amountDueCents: 999,
      currency: "eur",
      payLink: BILLING_PAY,
      billingLink: BILLING,
    };
    const reminder = await renderPaymentFailedEmail({
      ...base,
      state: "past_due",
      graceUntil: "2026-12-08T12:00:00Z",
      reminder: true,
    });
    expect(reminder.subject).toBe("Reminder: Nordlicht's invoice is unpaid");
    expect(reminder.text).toContain("€9.99");
    const restricted = await renderPaymentFailedEmail({ ...base, state: "restricted", graceUntil: null });
    expect(restricted.text).toContain("stay off until the invoice is paid");
  });

  it("the trial mail asks for a card only when there is none", async () => {
    const input = {
      tenantName: "N",
      tokens,
      planName: "Business",
      trialEnd: "2026-12-04T09:00:00Z",
      billingLink: BILLING,
    };
    expect((await renderTrialEndingEmail({ ...input, hasPaymentMethod: false })).text).toContain(
      "Add a payment method",
    );
    expect((await renderTrialEndingEmail({ ...input, hasPaymentMethod: true })).text).toContain(
      "card on file is charged",
    );
  });
});
