// The web console's start: the session (the server traded the address's access token for its
// cookie; after a logout or timeout a token can be pasted here), then the tree, the selected
// node or the Plugins view (by the address's #fragment), and the task dialog.
import * as api from "./api.js";
import { el, errorBox, replaceChildren } from "./dom.js";
import { InviteDialog } from "./invite.js";
import { NodeView } from "./node_view.js";
import { showPlugins } from "./plugins_view.js";
import { TaskDialog } from "./task.js";
import { ConsoleTree } from "./tree.js";

const app = document.getElementById("app");
const main = document.getElementById("main");
const views = document.getElementById("views");
const loginSection = document.getElementById("login");
const logoutButton = document.getElementById("logout");
const inviteButton = document.getElementById("invite");
const inviteDialog = new InviteDialog(document.getElementById("invite-dialog"));

const nodeView = new NodeView(main, (path, action, rows, table) => taskDialog.start(path, action, rows, table));
const taskDialog = new TaskDialog(document.getElementById("task-dialog"), () => {
  nodeView.refresh();
  loadTree();
});
const tree = new ConsoleTree(document.getElementById("tree-pane"), (path) => {
  location.hash = nodeHash(path);
});

const nodeHash = (path) => `#/node/${encodeURIComponent(path)}`;

function route() {
  const hash = location.hash;
  if (hash === "#/plugins") {
    markView("plugins");
    showPlugins(main).then(() => main.querySelector("h2").focus());
    return;
  }
  const path = hash.startsWith("#/node/") ? decodeURIComponent(hash.slice("#/node/".length)) : "";
  markView("console");
  tree.markSelected(path, document.activeElement === document.body);
  nodeView.show(path);
}

function markView(name) {
  for (const link of views.querySelectorAll("a")) {
    if (link.dataset.view === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
}

async function loadTree() {
  try {
    const answer = await api.tree();
    tree.render(answer.root);
  } catch (error) {
    replaceChildren(document.getElementById("tree-pane"), errorBox(error));
  }
}

function showLogin(message) {
  app.hidden = true;
  views.hidden = true;
  logoutButton.hidden = true;
  inviteButton.hidden = true;
  inviteDialog.close();
  const input = el("input", { id: "token", type: "password", required: true, attrs: { autocomplete: "off" } });
  const problem = el("div");
  const form = el("form", { on: { submit: async (event) => {
    event.preventDefault();
    try {
      await api.login(input.value.trim());
      input.value = "";
      start();
    } catch (error) {
      replaceChildren(problem, errorBox(error));
    }
  } } },
  el("label", { htmlFor: "token" }, "Access token"), input,
  el("button", { type: "submit", className: "primary" }, "Open the console"), problem);
  replaceChildren(loginSection,
    el("h2", {}, "Open the web console"),
    el("p", {}, message),
    el("p", {}, "Open the address `arbor web` printed when it started (it holds a one-time access token), " +
      "or paste the token here."),
    form);
  loginSection.hidden = false;
  input.focus();
}

// The server turns a good token in the address into a cookie and sends the browser to "/"; a
// page still at "?token=" had its token refused. The token leaves the address bar either way.
const refusedToken = new URLSearchParams(location.search).has("token");
if (refusedToken) history.replaceState(null, "", "/" + location.hash);

async function start() {
  try {
    await api.session();
  } catch (error) {
    if (refusedToken) showLogin("The access token in the address is wrong or was used already: it opens one browser once.");
    else showLogin(error.status === 401 ? "There is no session in this browser, or it has ended." : error.message);
    return;
  }
  loginSection.hidden = true;
  app.hidden = false;
  views.hidden = false;
  logoutButton.hidden = false;
  inviteButton.hidden = false;
  await loadTree();
  route();
}

logoutButton.addEventListener("click", async () => {
  try {
    await api.logout();
  } finally {
    showLogin("You have logged out.");
  }
});
inviteButton.addEventListener("click", () => inviteDialog.open());
window.addEventListener("hashchange", route);
api.onSessionEnded((error) => {
  taskDialog.close(false);
  showLogin(`${error.message} ${error.whatToDo}`.trim());
});
start();
