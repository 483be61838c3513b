import { chmodSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blockedAt } from "../embedded-host";

// Another user than the owner of the temp folders (they are ours, whoever runs the tests).
const stranger = { uid: 4_000_001, gid: 4_000_001 };
const base = mkdtempSync(join(tmpdir(), "mw-blocked-"));
chmodSync(base, 0o755); // mkdtemp makes it 700 itself

afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("blockedAt: can the postgres user reach a path", () => {
  it("finds the folder of mode 700 on the way (a mktemp -d folder, root's home)", () => {
    const closed = join(base, "closed");
    mkdirSync(join(closed, "project", ".data"), { recursive: true });
    chmodSync(closed, 0o700);
    expect(blockedAt(join(closed, "project", ".data", "pg"), stranger)).toBe(closed);
  });

  it("lets it through folders others may enter, including ones still to be created", () => {
    const open = join(base, "open");
    mkdirSync(join(open, "project"), { recursive: true });
    chmodSync(open, 0o755);
    chmodSync(join(open, "project"), 0o711);
    expect(blockedAt(join(open, "project", ".data", "pg"), stranger)).toBeNull();
  });

  it("uses the owner's and the group's bits for the owner and the group", () => {
    const own = join(base, "own");
    mkdirSync(own);
    chmodSync(own, 0o700);
    expect(blockedAt(join(own, "pg"), { uid: process.getuid?.() ?? 0, gid: 4_000_001 })).toBeNull();
    chmodSync(own, 0o070);
    expect(blockedAt(join(own, "pg"), { uid: 4_000_001, gid: process.getgid?.() ?? 0 })).toBeNull();
    chmodSync(own, 0o700);
  });
});
