import { buttonVariants } from "@mw/ui/button";
import Link from "next/link";
import { NoticePage } from "../../../components/notice";

/** HTTP 403 inside the tenant's brand: something the member's role does not allow (`forbidden()`). */
export default function Forbidden() {
  return (
    <NoticePage
      testId="forbidden-page"
      title="You don't have permission to do that"
      action={
        <Link className={buttonVariants({ variant: "secondary" })} href="/">
          Back to the start page
        </Link>
      }
    >
      Your role in this organization does not allow it. Ask an administrator if you need it.
    </NoticePage>
  );
}
