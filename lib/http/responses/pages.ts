// The list answers, one named schema each: route handlers and the OpenAPI document share the very
// same object (app/api/responses.int.test.ts checks they do).
import { page } from "./common";
import { channelResponse, ruleResponse, tokenResponse, userResponse } from "./admin";
import { annotationResponse, serviceResponse, teamResponse } from "./catalog";
import { decisionResponse } from "./decisions";
import { journeyResponse, patternResponse, policyResponse, scorecardResponse, waiverResponse } from "./governance";

export const annotationPageResponse = page(annotationResponse);
export const channelPageResponse = page(channelResponse);
export const decisionPageResponse = page(decisionResponse);
export const journeyPageResponse = page(journeyResponse);
export const patternPageResponse = page(patternResponse);
export const policyPageResponse = page(policyResponse);
export const rulePageResponse = page(ruleResponse);
export const scorecardPageResponse = page(scorecardResponse);
export const servicePageResponse = page(serviceResponse);
export const teamPageResponse = page(teamResponse);
export const tokenPageResponse = page(tokenResponse);
export const userPageResponse = page(userResponse);
export const waiverPageResponse = page(waiverResponse);
