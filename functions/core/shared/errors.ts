/** Domain errors carry the HTTP status the API maps them to in its single onError. */
export class AppError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 413 | 429 | 503,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, issues: { path: string; message: string }[] = []) =>
  new AppError(400, message, issues);
export const notFound = (message = 'Not found') => new AppError(404, message);
