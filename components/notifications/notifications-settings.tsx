"use client";
// Settings → Notifications: channels with their health, rules, dead letters and the delivery log.
import { ChannelsPanel } from "./channels-panel";
import { DeadLettersPanel, DeliveryLogPanel } from "./deliveries-panel";
import { RulesPanel } from "./rules-panel";

export function NotificationsSettings() {
  return (
    <>
      <ChannelsPanel />
      <RulesPanel />
      <DeadLettersPanel />
      <DeliveryLogPanel />
    </>
  );
}
