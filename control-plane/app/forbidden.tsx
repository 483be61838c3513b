import { buttonVariants } from "@mw/ui/button";
import { Lock } from "lucide-react";
import Link from "next/link";
import { connection } from "next/server";
import { StatusPage } from "../components/status-page";

/** HTTP 403: something the signed-in person's role does not allow (`forbidden()`). Per request, as every page. */
export default async function Forbidden() {
  await connection();
  return (
    <StatusPage
      testId="forbidden-page"
      icon={<Lock aria-hidden />}
      title="You don't have permission to do that"
      text="Your role does not allow it. Ask a platform administrator if you need it."
    >
      <Link className={buttonVariants()} href="/">
        Go to the start page
      </Link>
    </StatusPage>
  );
}
