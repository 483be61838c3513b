import { z } from "zod";

// Zod probes with `new Function` whether it may compile parsers; the CSP refuses eval, and the
// browser reports the probe as a violation even though zod catches it. Same parsing without it.
// Imported first by the theme editor, before @mw/themes parses its presets.
z.config({ jitless: true });
