// The JSON routes of `arbor web` (docs/web-api.md). Every POST carries the session's CSRF token;
// every error arrives as {"error":{"message","what_to_do"}} and is thrown as an ApiError.

export class ApiError extends Error {
  constructor(status, message, whatToDo) {
    super(message);
    this.status = status;
    this.whatToDo = whatToDo || "";
  }
}

let csrfToken = "";
let sessionEnded = () => {};

/** `handler(error)` is called when a request finds the session gone (401), e.g. after the idle timeout. */
export function onSessionEnded(handler) {
  sessionEnded = handler;
}

async function call(method, url, body) {
  const init = { method, credentials: "same-origin", headers: { Accept: "application/json" } };
  if (method !== "GET") {
    init.headers["Content-Type"] = "application/json";
    init.headers["X-CSRF-Token"] = csrfToken;
    init.body = JSON.stringify(body === undefined ? {} : body);
  }
  let response;
  try {
    response = await fetch(url, init);
  } catch (failure) {
    throw new ApiError(0, "The console cannot reach the server.",
      "Check that `arbor web` is still running, then reload the page.");
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : {};
  } catch (failure) {
    json = null;
  }
  if (!response.ok) {
    const error = json && json.error ? json.error : {};
    const failure = new ApiError(response.status, error.message || `The server answered ${response.status}.`,
      error.what_to_do || "");
    if (response.status === 401 && csrfToken) {
      csrfToken = "";
      sessionEnded(failure);
    }
    throw failure;
  }
  if (json === null) throw new ApiError(response.status, "The server's answer was not JSON.", "Reload the page.");
  return json;
}

const query = (params) => new URLSearchParams(
  Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== "")).toString();

export async function session() {
  const answer = await call("GET", "/api/session");
  csrfToken = answer.csrf || "";
  return answer;
}

export async function login(token) {
  const answer = await call("POST", "/api/login", { token });
  csrfToken = answer.csrf || "";
  return answer;
}

export async function logout() {
  await call("POST", "/api/logout");
  csrfToken = "";
}

/** A one-time address for another browser: {token, path, valid_seconds}. */
export const invite = () => call("POST", "/api/invite");

export const tree = () => call("GET", "/api/tree");
export const node = (path) => call("GET", `/api/node?${query({ path })}`);
export const plugins = () => call("GET", "/api/plugins");

/** One window of one details table (or of every table when `table` is absent). */
export const details = (path, window = {}) => call("GET", `/api/details?${query({ path, ...window })}`);

export const startTask = (path, action, rows, table) =>
  call("POST", "/api/tasks", table ? { path, action, rows, table } : { path, action, rows });
export const task = (id) => call("GET", `/api/tasks/${encodeURIComponent(id)}`);
export const answer = (id, step, answers) =>
  call("POST", `/api/tasks/${encodeURIComponent(id)}/answer`, { step, answers });
export const cancelTask = (id) => call("POST", `/api/tasks/${encodeURIComponent(id)}/cancel`);
export const taskEventsUrl = (id) => `/api/tasks/${encodeURIComponent(id)}/events`;
/** The shown page prepared again with its typed non-secret `answers` (SDK 1.2 live pages). */
export const preview = (id, page, answers) =>
  call("POST", `/api/tasks/${encodeURIComponent(id)}/preview`, { page, answers });
/** A path field's file picker: the directory `dir` (or the field's suggestions). */
export const paths = (id, field, dir) => call("GET", `/api/tasks/${encodeURIComponent(id)}/paths?${query({ field, dir })}`);
