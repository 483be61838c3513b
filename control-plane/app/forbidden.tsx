import Link from "next/link";
import { connection } from "next/server";

/** HTTP 403: something the signed-in person's role does not allow (`forbidden()`). Per request, as every page. */
export default async function Forbidden() {
  await connection();
  return (
    <main className="cp-main" data-testid="forbidden-page">
      <h1>You don&apos;t have permission to do that</h1>
      <p>
        Your role does not allow it. Ask a platform administrator if you need it.{" "}
        <Link href="/">Go to the start page</Link>.
      </p>
    </main>
  );
}
