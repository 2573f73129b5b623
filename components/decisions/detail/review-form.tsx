"use client";
// Reviews and comments. Architects reviewing a proposal choose a verdict; everyone else can comment.
// A verdict other than "approve" must say what should change, or it gives the author nothing to act on.
import { useState, type FormEvent } from "react";
import type { Verdict } from "@/lib/decisions/workflow";
import { useReview } from "../queries";
import css from "../decisions.module.css";

const choices: { value: Verdict; label: string; hint: string }[] = [
  { value: "approve", label: "Approve", hint: "Counts towards acceptance of this revision." },
  { value: "request-changes", label: "Request changes", hint: "Blocks acceptance until you approve a later revision." },
  { value: "comment", label: "Comment", hint: "Feedback without a verdict." },
];

export function ReviewForm({ number, canReview }: { number: number; canReview: boolean }) {
  const review = useReview(number);
  const [chosen, setVerdict] = useState<Verdict>("approve");
  // After a refresh this visitor may no longer review (the record moved on): then it is a comment.
  const verdict = canReview ? chosen : "comment";
  const [comment, setComment] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setDone(null);
    if (verdict !== "approve" && !comment.trim()) {
      setProblem(verdict === "request-changes" ? "Say what should change, so the author can revise." : "Write a comment first.");
      return;
    }
    setProblem(null);
    try {
      await review.mutateAsync({ verdict, comment });
      setComment("");
      setDone(verdict === "approve" ? "Approved." : verdict === "request-changes" ? "Changes requested." : "Comment added.");
    } catch {
      // shown from review.error below
    }
  }

  const commentId = `review-comment-${number}`;
  return (
    <form className={css.stack} onSubmit={onSubmit} noValidate aria-label={canReview ? "Review" : "Comment"} data-testid="review-form">
      {canReview && (
        <fieldset className={css.radios}>
          <legend>Verdict</legend>
          {choices.map((c) => (
            <label key={c.value} title={c.hint}>
              <input type="radio" name="verdict" value={c.value} checked={verdict === c.value} onChange={() => setVerdict(c.value)} disabled={review.isPending} />
              {c.label}
            </label>
          ))}
        </fieldset>
      )}
      <label htmlFor={commentId} className={css.tightLabel}>
        {canReview ? "Review comment" : "Comment"}
      </label>
      <textarea
        id={commentId}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        placeholder={canReview ? "What you checked, and what should change (if anything)" : "Questions, concerns or context for the author and reviewers"}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${commentId}-error` : undefined}
        disabled={review.isPending}
      />
      {problem && (
        <span id={`${commentId}-error`} className="field-error">
          {problem}
        </span>
      )}
      {canReview && <span className="field-hint">{choices.find((c) => c.value === verdict)?.hint}</span>}
      <div className="row">
        <button className="btn btn-primary" type="submit" disabled={review.isPending}>
          {review.isPending ? "Sending…" : canReview ? "Submit review" : "Add comment"}
        </button>
        {done && !review.error && (
          <span className="muted" role="status">
            {done}
          </span>
        )}
      </div>
      {review.error && (
        <div className="notice notice-danger" role="alert">
          {review.error.message}
        </div>
      )}
    </form>
  );
}
