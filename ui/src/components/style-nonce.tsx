"use client";

import { setNonce } from "get-nonce";

/**
 * Radix's scroll lock (react-remove-scroll) inserts a <style> element when a dialog opens; under
 * the control plane's CSP (styles by nonce) it needs this request's nonce, which get-nonce hands it.
 */
export function StyleNonce({ nonce }: { nonce: string | undefined }) {
  if (nonce && typeof window !== "undefined") setNonce(nonce);
  return null;
}
