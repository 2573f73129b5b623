// Compile-time checks of route()'s answer typing, run by `tsc --noEmit` (part of npm test), never
// executed: each @ts-expect-error fails the typecheck if the wrong answer it marks is accepted.
import type { servicePageResponse } from "./responses/pages";
import type { integrationResponse, serviceResponse } from "./responses/catalog";
import type { ServiceView } from "@/lib/catalog/services";

declare const route: typeof import("./route").route;
declare const services: ServiceView[];
declare const schemas: { page: typeof servicePageResponse; service: typeof serviceResponse; integration: typeof integrationResponse };

export const typeChecks = () => [
  route({ response: schemas.page }, async () => ({ items: services, nextCursor: null })),
  // @ts-expect-error a list answer without its envelope
  route({ response: schemas.page }, async () => services),
  // @ts-expect-error a service without its tags
  route({ response: schemas.service }, async () => ({ ...services[0]!, tags: undefined })),
  // @ts-expect-error a tier as text
  route({ response: schemas.service }, async () => ({ ...services[0]!, tier: "1" })),
  // A Date stands for a date-time string, and 204 (undefined) or a Response of its own is always allowed.
  route({ response: schemas.service }, async () => undefined),
  route({ response: schemas.service }, async () => new Response(null, { status: 202 })),
  // reply() is typed by the same schema.
  // @ts-expect-error reply with a body of another schema
  route({ response: schemas.integration }, async ({ reply }) => reply(services[0]!, { status: 201 })),
  // Without a response schema the answer is not checked.
  route({}, async () => 42),
];


