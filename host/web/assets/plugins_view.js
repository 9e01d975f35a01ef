// The Plugins view: every plugin the console found, its state, and why it could not load.
import * as api from "./api.js";
import { el, errorBox, replaceChildren } from "./dom.js";

export async function showPlugins(container) {
  replaceChildren(container, el("h2", { tabIndex: -1 }, "Plugins"), el("p", { className: "loading" }, "Loading…"));
  let answer;
  try {
    answer = await api.plugins();
  } catch (error) {
    replaceChildren(container, el("h2", { tabIndex: -1 }, "Plugins"), errorBox(error));
    return;
  }
  const plugins = answer.plugins || [];
  const failed = plugins.filter((p) => p.error).length;
  replaceChildren(container,
    el("h2", { tabIndex: -1 }, "Plugins"),
    el("p", {}, `${plugins.length} plugin${plugins.length === 1 ? "" : "s"}` + (failed ? `, ${failed} with load errors.` : ".")),
    el("div", { className: "table-scroll" }, el("table", { className: "plugins" },
      el("thead", {}, el("tr", {}, ["Id", "Name", "Version", "State", "Error"].map((h) => el("th", { scope: "col" }, h)))),
      el("tbody", {}, plugins.map((p) => el("tr", { className: p.error ? "plugin-failed" : "", attrs: { "data-plugin": p.id } },
        el("td", {}, p.id), el("td", {}, p.name), el("td", {}, p.version), el("td", {}, p.state),
        el("td", {}, p.error ? [p.error.message ? el("p", { className: "error-message" }, p.error.message) : null,
          p.error.detail ? el("p", { className: "error-detail" }, p.error.detail) : null] : "")))))));
}
