// Tailwind CSS v4 (the design system in ui/, ADR 0015).
export default { plugins: { "@tailwindcss/postcss": {} } };
