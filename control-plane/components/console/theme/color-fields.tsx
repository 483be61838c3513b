"use client";

import { COLOR_MODES, type ColorKey, type ColorMode, type ContrastIssue } from "@mw/themes";
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
    <table className="ac-color-table">
      <thead>
        <tr>
          <th>Color</th>
          <th>Light mode</th>
          <th>Dark mode</th>
        </tr>
      </thead>
      <tbody>
        {COLOR_KEYS.map((key) => (
          <tr key={key}>
            <th scope="row">{colorLabel(key)}</th>
            {COLOR_MODES.map((mode) => {
              const value = colors[mode][key];
              const id = `color-${mode}-${key}`;
              const own = issues.filter((i) => i.mode === mode && i.foreground === key);
              const fieldErrors = errors[`colors.${mode}.${key}`] ?? [];
              return (
                <td key={mode}>
                  <div className="ac-color-input">
                    <input
                      type="color"
                      aria-label={`${colorLabel(key)} (${mode}) picker`}
                      value={pickerValue(value)}
                      disabled={disabled}
                      onChange={(e) => onChange(mode, key, e.target.value)}
                    />
                    <input
                      id={id}
                      aria-label={`${colorLabel(key)} (${mode})`}
                      className="ac-hex"
                      value={value}
                      maxLength={7}
                      spellCheck={false}
                      disabled={disabled}
                      aria-invalid={fieldErrors.length > 0}
                      onChange={(e) => onChange(mode, key, e.target.value.trim())}
                    />
                  </div>
                  {fieldErrors.map((m) => (
                    <span key={m} className="mw-field-error" role="alert" data-field-error={`colors.${mode}.${key}`}>
                      {m}
                    </span>
                  ))}
                  {own.map((i) => (
                    <span
                      key={i.message}
                      className={`ac-contrast ${i.level}`}
                      data-testid="contrast-issue"
                      data-level={i.level}
                    >
                      <strong>{i.level === "error" ? "Error" : "Warning"}:</strong> {i.message}
                    </span>
                  ))}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
