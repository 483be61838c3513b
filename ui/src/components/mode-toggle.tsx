"use client";

import { Monitor, Moon, Sun } from "lucide-react";
import { useState } from "react";
import { MODE_COOKIE, type Mode, parseMode } from "../mode";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuTrigger,
} from "./dropdown-menu";

/**
 * Light, dark or the system's choice, for the consoles. Kept in a cookie so the server renders
 * `<html data-theme>` right away (no flash); the theme's CSS reads `data-theme` (themes/src/css.ts).
 */
export function ModeToggle({ initial }: { initial: Mode }) {
  const [mode, setMode] = useState<Mode>(initial);
  const choose = (value: string) => {
    const next = parseMode(value);
    setMode(next);
    const root = document.documentElement;
    if (next === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", next);
    // biome-ignore lint/suspicious/noDocumentCookie: a display preference, readable by the server on the next request
    document.cookie = `${MODE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax`;
  };
  const Icon = mode === "dark" ? Moon : mode === "light" ? Sun : Monitor;
  return (
    <DropdownMenu>
      <DropdownMenuTrigger
        aria-label={`Appearance: ${mode}`}
        className="inline-flex size-8 items-center justify-center rounded-md text-muted-foreground hover:bg-muted hover:text-foreground [&_svg]:size-4"
      >
        <Icon aria-hidden />
      </DropdownMenuTrigger>
      <DropdownMenuContent align="end">
        <DropdownMenuLabel>Appearance</DropdownMenuLabel>
        <DropdownMenuRadioGroup value={mode} onValueChange={choose}>
          <DropdownMenuRadioItem value="system">System</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="light">Light</DropdownMenuRadioItem>
          <DropdownMenuRadioItem value="dark">Dark</DropdownMenuRadioItem>
        </DropdownMenuRadioGroup>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
