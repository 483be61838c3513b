"use client";

import { COLOR_MODES, type ColorKey, type ColorMode, type ContrastIssue } from "@mw/themes";
import { cn } from "@mw/ui";
import { controlClass } from "@mw/ui/input";
import { COLOR_KEYS, colorLabel, pickerValue, type ThemeDraft } from "./draft";

/**
 * Every palette key in both modes. Contrast issues are shown on the foreground of their pair, in
 * the mode they occur in, so the admin sees the problem right where the fix is.
 */
export function ColorFields({
  colors,
  issues,
  errors,
  disabled,
  onChange,
}: {
  colors: ThemeDraft["colors"];
  issues: ContrastIssue[];
  errors: Record<string, string[]>;
  disabled: boolean;
  onChange: (mode: ColorMode, key: ColorKey, value: string) => void;
}) {
  return (
    <div className="-mx-1 overflow-x-auto px-1">
      <table className="w-full border-collapse text-sm">
        <thead>
          <tr className="text-left text-muted-foreground text-xs">
            <th className="py-1.5 pr-3 font-medium">Color</th>
            <th className="px-2 py-1.5 font-medium">Light mode</th>
            <th className="px-2 py-1.5 font-medium">Dark mode</th>
          </tr>
        </thead>
        <tbody>
          {COLOR_KEYS.map((key) => (
            <tr key={key} className="border-border/35 border-t align-top">
              <th scope="row" className="py-2 pr-3 text-left font-medium">
                {colorLabel(key)}
              </th>
              {COLOR_MODES.map((mode) => {
                const value = colors[mode][key];
                const id = `color-${mode}-${key}`;
                const own = issues.filter((i) => i.mode === mode && i.foreground === key);
                const fieldErrors = [...new Set(errors[`colors.${mode}.${key}`] ?? [])];
                const errorId = `${id}-error`;
                return (
                  <td key={mode} className="px-2 py-2">
                    <div className="flex items-center gap-1.5">
                      <input
                        type="color"
                        className="h-8 w-9 shrink-0 cursor-pointer rounded-sm border border-border bg-surface p-0.5"
                        aria-label={`${colorLabel(key)} (${mode}) picker`}
                        value={pickerValue(value)}
                        disabled={disabled}
                        onChange={(e) => onChange(mode, key, e.target.value)}
                      />
                      <input
                        id={id}
                        aria-label={`${colorLabel(key)} (${mode})`}
                        className={cn(controlClass, "h-8 w-[5.5rem] px-2 font-mono text-xs")}
                        value={value}
                        maxLength={7}
                        spellCheck={false}
                        disabled={disabled}
                        aria-invalid={fieldErrors.length > 0 || undefined}
                        aria-describedby={fieldErrors.length > 0 ? errorId : undefined}
                        onChange={(e) => onChange(mode, key, e.target.value.trim())}
                      />
                    </div>
                    {fieldErrors.length > 0 ? (
                      <p id={errorId} className="mt-1 text-danger text-xs" data-field-error={`colors.${mode}.${key}`}>
                        {fieldErrors.join(" ")}
                      </p>
                    ) : null}
                    {own.map((i) => (
                      <p
                        key={i.message}
                        className={cn("mt-1 max-w-56 text-xs", i.level === "error" ? "text-danger" : "text-warning")}
                        data-testid="contrast-issue"
                        data-level={i.level}
                      >
                        <strong className="font-semibold">{i.level === "error" ? "Error" : "Warning"}:</strong>{" "}
                        {i.message}
                      </p>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
