import { buttonVariants } from "@mw/ui/button";
import Link from "next/link";
import { NoticePage } from "../../../components/notice";

/** Inside the tenant's layout: a missing page or record still shows the tenant's brand. */
export default function TenantNotFound() {
  return (
    <NoticePage
      title="Page not found"
      action={
        <Link className={buttonVariants({ variant: "secondary" })} href="/">
          Go to the home page
        </Link>
      }
    >
      There is nothing at this address.
    </NoticePage>
  );
}
