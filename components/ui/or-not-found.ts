// Reading one entity for a page: an unknown key or slug is the page's 404, not an error.
import "server-only";
import { notFound } from "next/navigation";
import { AppError } from "@/lib/errors";

export async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
}
