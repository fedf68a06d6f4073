/**
 * Enum types of the sample domain. Each names its PostgreSQL type with
 * `enumName`, so the type is `member_role` rather than TypeORM's per-column
 * `<table>_<column>_enum`, and two tables can share one type.
 */

/** A member's rights in a workspace; shared by memberships and invitations. */
export enum MemberRole {
  Owner = "owner",
  Admin = "admin",
  Member = "member",
  Guest = "guest",
}

export enum IssueStatus {
  Open = "open",
  InProgress = "in_progress",
  InReview = "in_review",
  Done = "done",
}

export enum IssuePriority {
  Low = "low",
  Medium = "medium",
  High = "high",
  Urgent = "urgent",
}

/** Where a workspace's subscription stands with the payment provider. */
export enum SubscriptionStatus {
  Trialing = "trialing",
  Active = "active",
  PastDue = "past_due",
  Canceled = "canceled",
}
