// Builds elements whose text is always set through textContent: a plugin's words never become
// markup, whatever they hold.

/**
 * el("button", {className: "primary", attrs: {type: "button"}, on: {click: f}}, "Next")
 * Children may be strings (text nodes), elements, arrays of those, or null (skipped).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  const { className, attrs, on, ...rest } = props;
  if (className) node.className = className;
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const [event, handler] of Object.entries(on || {})) node.addEventListener(event, handler);
  Object.assign(node, rest);
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(node, child);
    else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces every child of `node` with `children`. */
export function replaceChildren(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

/** A message block for an error from the server: what went wrong and what to do. */
export function errorBox(error, extraClass = "") {
  return el("div", { className: `error ${extraClass}`.trim(), attrs: { role: "alert" } },
    el("p", { className: "error-message" }, error.message || String(error)),
    error.whatToDo ? el("p", { className: "error-what-to-do" }, error.whatToDo) : null);
}

/** Calls `fn` once typing has paused for `ms` milliseconds. */
export function debounce(fn, ms) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

let idCounter = 0;
/** A document-unique id for label/aria links. */
export function uniqueId(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
