import { route } from "@/lib/http/route";
import { listDeliveries } from "@/lib/notifications/deliveries";
import { deliveryListQuerySchema } from "@/lib/notifications/schema";
import { deliveryPageResponse } from "@/lib/http/responses/admin";

/** The delivery log, newest first, each delivery with its attempts. */
export const GET = route({ response: deliveryPageResponse, action: "catalog:write", query: deliveryListQuerySchema }, ({ actor, query }) => listDeliveries(actor, query));
